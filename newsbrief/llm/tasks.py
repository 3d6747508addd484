"""Which model writes which task, read from the settings alone.

Kept apart from the model code so that a command can tell no model is configured without
loading any of it.
"""

from __future__ import annotations

from newsbrief.config import Settings

TASKS = ("writeup", "why", "overview", "answer")


def task_models(
    settings: Settings, override: str | None = None, off: bool = False
) -> dict[str, str]:
    """The model of each writing task; tasks without one are left out (written extractively).

    ``override`` (``--model``) names the model of every task; ``off`` (``--no-model``) none.
    A task set to ``none`` is off even when ``llm_model`` is set.
    """
    if off:
        return {}
    base = (override or settings.llm_model).strip()
    own = {
        "writeup": settings.llm_model_writeup,
        "why": settings.llm_model_why,
        "overview": settings.llm_model_overview,
        "answer": settings.llm_model_answer,
    }
    out = {}
    for task in TASKS:
        chosen = base if override else (own[task] or base).strip()
        if chosen and chosen.lower() != "none":
            out[task] = chosen
    return out
