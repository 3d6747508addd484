"""One run of model calls: cache first, then the models in parallel, every call accounted.

The store is only touched from the calling thread; worker threads only talk to models.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from newsbrief.llm.client import ModelRunner, Outcome, Request
from newsbrief.llm.fit import Room, answer_tokens
from newsbrief.llm.ledger import Ledger
from newsbrief.llm.prompts import Template
from newsbrief.llm.schemas import InvalidAnswer, parse, schema_of
from newsbrief.models import ModelReport

log = logging.getLogger(__name__)

_SAY = {
    "timeout": "the model did not answer in time",
    "rate_limited": "the model's server refused for load (rate limit)",
    "server_error": "the model's server failed",
    "unreachable": "the model's server could not be reached",
    "refused": "the model's server refused the key",
    "no_key": "no key is set for the model",
    "http_error": "the model's server rejected the request",
    "invalid": "the model's answer was not the JSON asked for",
    "skipped": "the model was not asked after repeated failures",
    "too_long": "the model's context window cannot hold this task's instructions",
    "error": "the model call failed",
}


def explain(status: str, error: str = "") -> str:
    """A short, plain reason for a failed call."""
    reason = _SAY.get(status, status)
    return (
        f"{reason} ({error})"
        if error and status in ("invalid", "http_error", "error", "too_long")
        else reason
    )


@dataclass
class Job:
    """One question for one model: a task, its template filled in, and the answer's shape."""

    task: str
    runner: ModelRunner
    template: Template
    values: dict[str, str]
    shape: type[BaseModel]
    sentences: int  # the most sentences the answer may hold: it bounds the answer's tokens
    room: Room | None = None  # how the model's context window is shared, when it is known
    example: str = ""  # the answer's shape as a short example, for a small window (Request)

    def request(self) -> Request:
        return Request(
            system=self.template.system,
            prompt=self.template.render(**self.values),
            schema=schema_of(self.shape),
            max_tokens=self.room.answer if self.room else answer_tokens(self.sentences),
            example=self.example,
        )

    def input_hash(self) -> str:
        request = self.request()
        body = json.dumps(
            {"system": request.system, "prompt": request.prompt, "schema": request.schema},
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass
class Result:
    job: Job
    draft: Any | None  # an instance of job.shape, None when the call failed
    status: str  # ok | cached | timeout | invalid | ...
    error: str = ""

    @property
    def reason(self) -> str:
        return explain(self.status, self.error)


@dataclass
class Session:
    ledger: Ledger
    command: str
    profile: str | None
    concurrency: int = 4
    report: ModelReport = field(default_factory=lambda: ModelReport(model=""))
    run_id: int = 0

    def __post_init__(self) -> None:
        self.run_id = self.ledger.start_run(self.command, self.profile)

    def run(self, jobs: Sequence[Job]) -> list[Result]:
        """Answers to all jobs, from the cache when there, else from the models at once."""
        results: list[Result | None] = [None] * len(jobs)
        hashes = [job.input_hash() for job in jobs]
        todo: list[int] = []
        for i, job in enumerate(jobs):
            hit = self.ledger.cached(job.runner.model_id, job.template.key, hashes[i])
            if hit is None:
                todo.append(i)
                continue
            try:
                draft = parse(hit.output, job.shape)
            except InvalidAnswer:
                todo.append(i)  # written by an older shape; ask again
                continue
            self.report.cached += 1
            self.ledger.record_call(
                self.run_id, job.task, job.runner.model_id, job.template.key, "cached"
            )
            results[i] = Result(job, draft, "cached")
        outcomes = self._ask([jobs[i] for i in todo])
        for runner in {id(job.runner): job.runner for job in jobs}.values():
            if runner.learned:  # remembered, so later runs ask the accepted way at once
                self.ledger.remember_format(runner.model_id, runner.format)
                runner.learned = False
        for i, outcome in zip(todo, outcomes, strict=True):
            results[i] = self._settle(jobs[i], hashes[i], outcome)
        return [r for r in results if r is not None]

    def _ask(self, jobs: list[Job]) -> list[Outcome]:
        if not jobs:
            return []
        out: list[Outcome | None] = [None] * len(jobs)
        sent = []
        for i, job in enumerate(jobs):
            if job.room is not None and not job.room.fits:
                window = job.runner.context
                out[i] = Outcome("too_long", error=f"{window} tokens")
            else:
                sent.append(i)
        if sent:
            workers = min(self.concurrency, len(sent))
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsbrief-ask") as ex:
                futures = {i: ex.submit(jobs[i].runner.run, jobs[i].request()) for i in sent}
                for i, future in futures.items():
                    out[i] = future.result()
        return [o for o in out if o is not None]

    def _settle(self, job: Job, input_hash: str, outcome: Outcome) -> Result:
        model, template = job.runner.model_id, job.template.key
        if outcome.status not in ("skipped", "too_long"):
            self.report.calls += 1
        draft = None
        status, error = outcome.status, outcome.error
        if outcome.ok:
            try:
                draft = parse(outcome.text, job.shape)
            except InvalidAnswer as exc:
                status, error = "invalid", str(exc)
                # A wrong answer is the model's, not the circuit's: the breaker ignores it.
        if draft is not None:
            self.ledger.remember(
                model,
                template,
                input_hash,
                draft.model_dump_json(),
                outcome.input_tokens,
                outcome.output_tokens,
            )
        else:
            log.info("%s (%s): %s", job.task, model, explain(status, error))
        self.ledger.record_call(
            self.run_id,
            job.task,
            model,
            template,
            status,
            attempts=outcome.attempts,
            input_tokens=outcome.input_tokens,
            output_tokens=outcome.output_tokens,
            seconds=outcome.seconds,
            error=error,
        )
        return Result(job, draft, status, error)

    def finish(self) -> ModelReport:
        self.ledger.finish_run(self.run_id, self.report)
        return self.report
