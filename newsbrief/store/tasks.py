"""What the task queue keeps in the store: work already queued, finished task runs (for rates
and failures), dead letters, and claims that keep two workers off the same piece of work.

The broker holds the messages; the store holds the truth. A task's key is recorded when it is
queued, so a scheduler pass does not queue the same work twice while it waits in the broker,
and is removed when the task is done (or given up), so work still due is queued again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsbrief.store.db import Store
from newsbrief.store.postgres import PgConnection, lock_key
from newsbrief.timeutil import parse_datetime, to_iso


@dataclass
class DeadLetter:
    id: int
    task: str
    args: list[Any]
    error: str
    attempts: int
    created: datetime | None


@dataclass
class TaskCounts:
    """Finished attempts of one task since a time."""

    task: str
    ok: int = 0
    errors: int = 0  # failed attempts that were retried
    dead: int = 0  # given up: a dead letter was recorded
    seconds: float = 0.0  # total run time of the successful attempts

    @property
    def mean_seconds(self) -> float:
        return self.seconds / self.ok if self.ok else 0.0


# queued work ------------------------------------------------------------------------------


def mark_queued(store: Store, key: str, now: datetime, stale_before: datetime) -> bool:
    """Record that work is queued; False when it is already queued (and not stale).

    A key older than ``stale_before`` counts as lost (say, a broker restarted without its
    data) and is taken over, so the work is queued again.
    """
    with store.transaction() as tx:
        row = tx.execute("SELECT queued FROM task_queued WHERE key = ?", (key,)).fetchone()
        if row is not None:
            queued = parse_datetime(row[0])
            if queued is not None and queued >= stale_before:
                return False
            tx.execute("UPDATE task_queued SET queued = ? WHERE key = ?", (to_iso(now), key))
            return True
        cur = tx.execute(
            "INSERT OR IGNORE INTO task_queued (key, queued) VALUES (?, ?)", (key, to_iso(now))
        )
        return cur.rowcount > 0


def unmark_queued(store: Store, key: str) -> None:
    with store.transaction() as tx:
        tx.execute("DELETE FROM task_queued WHERE key = ?", (key,))


def queued_count(store: Store) -> int:
    row = store.conn.execute("SELECT count(*) FROM task_queued").fetchone()
    return int(row[0])


def defer_source(store: Store, source_id: int, until: datetime) -> None:
    """A feed handed to a worker is not due again before ``until`` (the fetch sets the real
    next time when it finishes)."""
    with store.transaction() as tx:
        tx.execute("UPDATE sources SET next_fetch = ? WHERE id = ?", (to_iso(until), source_id))


# runs and dead letters --------------------------------------------------------------------


def record_run(store: Store, task: str, status: str, seconds: float, now: datetime) -> None:
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO task_runs (task, status, seconds, finished) VALUES (?, ?, ?, ?)",
            (task, status, seconds, to_iso(now)),
        )


def prune_runs(store: Store, before: datetime) -> None:
    with store.transaction() as tx:
        tx.execute("DELETE FROM task_runs WHERE finished < ?", (to_iso(before),))


def task_counts(store: Store, since: datetime) -> list[TaskCounts]:
    rows = store.conn.execute(
        "SELECT task, status, count(*), sum(seconds) FROM task_runs WHERE finished >= ? "
        "GROUP BY task, status ORDER BY task",
        (to_iso(since),),
    )
    found: dict[str, TaskCounts] = {}
    for task, status, count, seconds in rows:
        counts = found.setdefault(task, TaskCounts(task))
        if status == "ok":
            counts.ok += int(count)
            counts.seconds += float(seconds or 0.0)
        elif status == "dead":
            counts.dead += int(count)
        else:
            counts.errors += int(count)
    return list(found.values())


def add_dead_letter(
    store: Store, task: str, args: list[Any], error: str, attempts: int, now: datetime
) -> int:
    with store.transaction() as tx:
        cur = tx.execute(
            "INSERT INTO dead_letters (task, args, error, attempts, created) "
            "VALUES (?, ?, ?, ?, ?)",
            (task, json.dumps(args, default=str), error, attempts, to_iso(now)),
        )
    return int(cur.lastrowid or 0)


def dead_letters(store: Store, limit: int = 50) -> list[DeadLetter]:
    """The latest dead letters, newest first."""
    rows = store.conn.execute(
        "SELECT id, task, args, error, attempts, created FROM dead_letters "
        "ORDER BY id DESC LIMIT ?",
        (limit,),
    )
    return [
        DeadLetter(
            id=int(r[0]),
            task=r[1],
            args=json.loads(r[2]),
            error=r[3],
            attempts=int(r[4]),
            created=parse_datetime(r[5]),
        )
        for r in rows
    ]


def dead_letter_count(store: Store) -> int:
    row = store.conn.execute("SELECT count(*) FROM dead_letters").fetchone()
    return int(row[0])


# claims -----------------------------------------------------------------------------------


@contextmanager
def claim(store: Store, name: str) -> Iterator[bool]:
    """Try to take the named piece of work for this process; yields whether it was taken.

    On PostgreSQL a session advisory lock, on SQLite a lock on a file beside the store: both
    go away with the process however it ends (a worker killed mid-task frees its claims at
    once), and neither waits.
    """
    if isinstance(store.conn, PgConnection):
        key = lock_key(name)
        row = store.conn.execute_native("SELECT pg_try_advisory_lock(%s)", [key]).fetchone()
        if not row or not row[0]:
            yield False
            return
        try:
            yield True
        finally:
            store.conn.execute_native("SELECT pg_advisory_unlock(%s)", [key])
        return
    import fcntl

    assert store.path is not None
    folder = Path(store.path).parent / ".claims"
    folder.mkdir(exist_ok=True)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
    fd = os.open(folder / f"{safe}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(fd)
