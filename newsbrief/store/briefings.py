"""Queries on the briefings table: briefings made, and which of them readers received."""

from __future__ import annotations

from datetime import datetime

from newsbrief.store.db import Store
from newsbrief.timeutil import to_iso


def article_basis(store: Store) -> tuple[int, int]:
    """The largest article row number and the number of articles (two index lookups)."""
    row = store.conn.execute("SELECT max(rowid), count(*) FROM articles").fetchone()
    return int(row[0] or 0), int(row[1] or 0)


def received_briefings(store: Store, profile: str) -> list[tuple[int, str, str | None]]:
    """(id, created, basis) of the briefings the profile received, newest first."""
    rows = store.conn.execute(
        "SELECT id, created, basis FROM briefings WHERE profile = ? AND received IS NOT NULL "
        "ORDER BY created DESC, id DESC",
        (profile,),
    )
    return [(int(r[0]), r[1], r[2]) for r in rows]


def briefing_json(store: Store, briefing_id: int) -> str | None:
    """The stored JSON of a briefing."""
    row = store.conn.execute("SELECT data FROM briefings WHERE id = ?", (briefing_id,)).fetchone()
    return None if row is None else str(row[0])


def insert_briefing(
    store: Store,
    profile: str,
    created: datetime,
    since: datetime,
    data: str,
    basis: str,
    received: datetime | None,
) -> int:
    with store.transaction() as tx:
        cur = tx.execute(
            "INSERT INTO briefings (profile, created, since, data, basis, received) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                profile,
                to_iso(created),
                to_iso(since),
                data,
                basis,
                to_iso(received) if received else None,
            ),
        )
    return int(cur.lastrowid or 0)


def mark_received(store: Store, briefing_id: int, when: datetime) -> None:
    """The first time counts: a briefing already received keeps its time."""
    with store.transaction() as tx:
        tx.execute(
            "UPDATE briefings SET received = ? WHERE id = ? AND received IS NULL",
            (to_iso(when), briefing_id),
        )
