"""Queries on the model ledger: the answer cache (llm_cache) and the accounting of runs
(llm_runs, llm_calls). Prices and the figures shown are ``newsbrief/llm/ledger.py``'s."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsbrief.models import CachedAnswer, ModelReport
from newsbrief.store.db import Store
from newsbrief.timeutil import to_iso


def cached(store: Store, model: str, template: str, input_hash: str) -> CachedAnswer | None:
    row = store.conn.execute(
        "SELECT output, input_tokens, output_tokens FROM llm_cache "
        "WHERE model = ? AND template = ? AND input_hash = ?",
        (model, template, input_hash),
    ).fetchone()
    return CachedAnswer(row[0], row[1], row[2]) if row else None


def remember(
    store: Store, model: str, template: str, input_hash: str, answer: CachedAnswer, when: datetime
) -> None:
    with store.transaction() as tx:
        tx.execute(
            "INSERT OR REPLACE INTO llm_cache (model, template, input_hash, output, "
            "input_tokens, output_tokens, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                model,
                template,
                input_hash,
                answer.output,
                answer.input_tokens,
                answer.output_tokens,
                to_iso(when),
            ),
        )


def start_run(store: Store, command: str, profile: str | None, when: datetime) -> int:
    with store.transaction() as tx:
        cur = tx.execute(
            "INSERT INTO llm_runs (started, command, profile) VALUES (?, ?, ?)",
            (to_iso(when), command, profile),
        )
    return int(cur.lastrowid or 0)


def record_call(store: Store, run_id: int, call: dict[str, Any], when: datetime) -> None:
    """One call of a run: ``call`` holds task, model, template, status, attempts,
    input_tokens, output_tokens, cost, seconds and error."""
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO llm_calls (run_id, task, model, template, status, attempts, "
            "input_tokens, output_tokens, cost, seconds, error, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run_id,
                call["task"],
                call["model"],
                call["template"],
                call["status"],
                call["attempts"],
                call["input_tokens"],
                call["output_tokens"],
                call["cost"],
                call["seconds"],
                call["error"],
                to_iso(when),
            ),
        )


def finish_run(store: Store, run_id: int, report: ModelReport, when: datetime) -> None:
    with store.transaction() as tx:
        tx.execute(
            "UPDATE llm_runs SET finished = ?, sentences_checked = ?, sentences_replaced = ?, "
            "citations_rejected = ?, fallbacks = ? WHERE id = ?",
            (
                to_iso(when),
                report.sentences_checked,
                report.sentences_replaced,
                report.citations_rejected,
                report.stories_extractive,
                run_id,
            ),
        )


def latest_runs(store: Store, limit: int) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The latest runs, newest first, each with its calls (columns by name)."""
    runs = store.conn.execute(
        "SELECT id, started, command, profile, sentences_checked, sentences_replaced, "
        "citations_rejected, fallbacks FROM llm_runs ORDER BY id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    out = []
    for run in runs:
        calls = store.conn.execute(
            "SELECT model, status, input_tokens, output_tokens, cost, seconds "
            "FROM llm_calls WHERE run_id = ?",
            (run["id"],),
        ).fetchall()
        out.append((_named(run), [_named(c) for c in calls]))
    return out


def _named(row: Any) -> dict[str, Any]:
    return dict(zip(row.keys(), row, strict=True))


def accepted_format(store: Store, model: str, since: datetime) -> str | None:
    """The structured output the model's endpoint was found to accept, if learned since."""
    row = store.conn.execute(
        "SELECT format FROM llm_formats WHERE model = ? AND learned >= ?",
        (model, to_iso(since)),
    ).fetchone()
    return str(row[0]) if row else None


def remember_format(store: Store, model: str, format: str, when: datetime) -> None:
    with store.transaction() as tx:
        tx.execute(
            "INSERT OR REPLACE INTO llm_formats (model, format, learned) VALUES (?, ?, ?)",
            (model, format, to_iso(when)),
        )


def cache_size(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM llm_cache").fetchone()[0])
