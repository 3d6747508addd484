"""The model cache and the accounting of runs: what was asked, what it cost, what was reused.

Answers are cached by (model, template name@version, hash of the rendered input), so the same
question to the same model with the same template is asked once. Each run records its calls
(sent, cached or failed, with tokens and cost) and what the grounding guard did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from newsbrief.models import CachedAnswer, ModelReport
from newsbrief.store import Store, ledger
from newsbrief.timeutil import now

Prices = dict[str, tuple[float, float]]  # model id -> USD per million (input, output) tokens

_PRICE = re.compile(r"^\s*([^=;]+?)\s*=\s*([0-9.]+)\s*/\s*([0-9.]+)\s*$")


FORMAT_MEMORY = timedelta(days=7)


class PriceError(ValueError):
    """A price setting that cannot be read; the message is one line."""


def parse_prices(value: Any) -> Prices:
    """``llm_prices``: 'model=in/out; ...' or a TOML table {model = [in, out]}."""
    if not value:
        return {}
    out: Prices = {}
    if isinstance(value, dict):
        for model, pair in value.items():
            try:
                out[str(model)] = (float(pair[0]), float(pair[1]))
            except (TypeError, ValueError, IndexError, KeyError):
                raise PriceError(f"llm_prices: {model!r} needs [input, output] prices") from None
        return out
    for part in str(value).split(";"):
        if not part.strip():
            continue
        match = _PRICE.match(part)
        if not match:
            raise PriceError(f"llm_prices: {part.strip()!r} is not 'model=input/output'")
        out[match.group(1)] = (float(match.group(2)), float(match.group(3)))
    return out


def cost(
    prices: Prices, model: str, input_tokens: int | None, output_tokens: int | None
) -> float | None:
    if model not in prices or input_tokens is None or output_tokens is None:
        return None
    price_in, price_out = prices[model]
    return (input_tokens * price_in + output_tokens * price_out) / 1_000_000


class Ledger:
    """Cache reads and writes and run accounting, all on the calling thread's store."""

    def __init__(self, store: Store, prices: Prices | None = None) -> None:
        self.store = store
        self.prices = prices or {}

    def cached(self, model: str, template: str, input_hash: str) -> CachedAnswer | None:
        return ledger.cached(self.store, model, template, input_hash)

    def remember(
        self,
        model: str,
        template: str,
        input_hash: str,
        output: str,
        input_tokens: int | None,
        output_tokens: int | None,
    ) -> None:
        answer = CachedAnswer(output, input_tokens, output_tokens)
        ledger.remember(self.store, model, template, input_hash, answer, now())

    def start_run(self, command: str, profile: str | None) -> int:
        return ledger.start_run(self.store, command, profile, now())

    def record_call(
        self,
        run_id: int,
        task: str,
        model: str,
        template: str,
        status: str,
        attempts: int = 0,
        input_tokens: int | None = None,
        output_tokens: int | None = None,
        seconds: float = 0.0,
        error: str = "",
    ) -> None:
        # A cached answer costs nothing now; its tokens stay in the cache row.
        sent = status != "cached"
        price = cost(self.prices, model, input_tokens, output_tokens) if sent else 0.0
        call = {
            "task": task,
            "model": model,
            "template": template,
            "status": status,
            "attempts": attempts,
            "input_tokens": input_tokens if sent else None,
            "output_tokens": output_tokens if sent else None,
            "cost": price,
            "seconds": seconds,
            "error": error or None,
        }
        ledger.record_call(self.store, run_id, call, now())

    def finish_run(self, run_id: int, report: ModelReport) -> None:
        ledger.finish_run(self.store, run_id, report, now())

    def accepted_format(self, model: str) -> str | None:
        """The structured output the model's endpoint accepted, learned in the last week
        (an endpoint may be upgraded: after a week the richer formats are tried again)."""
        return ledger.accepted_format(self.store, model, now() - FORMAT_MEMORY)

    def remember_format(self, model: str, format: str) -> None:
        ledger.remember_format(self.store, model, format, now())


@dataclass
class RunStats:
    """One run as ``newsbrief stats`` shows it."""

    id: int
    started: str
    command: str
    profile: str | None
    models: list[str]
    calls: int  # requests that reached a model (successful or not)
    cached: int
    failed: int
    fallbacks: int
    sentences_checked: int
    sentences_replaced: int
    citations_rejected: int
    input_tokens: int
    output_tokens: int
    cost: float | None  # None when some call had no known price
    seconds: float


def run_stats(store: Store, limit: int = 10) -> list[RunStats]:
    """The latest runs, newest first."""
    out = []
    for run, calls in ledger.latest_runs(store, limit):
        sent = [c for c in calls if c["status"] not in ("cached", "skipped", "too_long")]
        costs = [c["cost"] for c in sent if c["status"] == "ok" or c["input_tokens"] is not None]
        out.append(
            RunStats(
                id=run["id"],
                started=run["started"],
                command=run["command"],
                profile=run["profile"],
                models=sorted({c["model"] for c in calls}),
                calls=len(sent),
                cached=sum(1 for c in calls if c["status"] == "cached"),
                failed=sum(1 for c in sent if c["status"] != "ok"),
                fallbacks=run["fallbacks"],
                sentences_checked=run["sentences_checked"],
                sentences_replaced=run["sentences_replaced"],
                citations_rejected=run["citations_rejected"],
                input_tokens=sum(c["input_tokens"] or 0 for c in sent),
                output_tokens=sum(c["output_tokens"] or 0 for c in sent),
                cost=None if any(c is None for c in costs) else sum(costs),
                seconds=sum(c["seconds"] or 0.0 for c in sent),
            )
        )
    return out


def cache_size(store: Store) -> int:
    return ledger.cache_size(store)
