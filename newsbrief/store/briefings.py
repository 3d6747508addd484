"""Queries on the briefings table: briefings made, and which of them readers received."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

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


def inputs_stamp(store: Store, profile: str) -> tuple[Any, ...]:
    """Changes whenever something a profile's briefing depends on changes: articles added or
    removed, feedback given, the profile edited (cheap: index lookups and one small row)."""
    row = store.conn.execute(
        "SELECT (SELECT max(rowid) FROM articles), (SELECT count(*) FROM articles), "
        "(SELECT max(id) FROM feedback WHERE profile = ?), "
        "(SELECT data FROM profiles WHERE name = ?)",
        (profile, profile),
    ).fetchone()
    return tuple(row)


def latest_web_briefing(
    store: Store, profile: str, window: str, start: datetime, end: datetime
) -> tuple[str, str] | None:
    """(stamp, briefing JSON) of the latest briefing the web app recorded for the profile and
    window, made between ``start`` and ``end``."""
    row = store.conn.execute(
        "SELECT w.stamp, b.data FROM web_briefings w JOIN briefings b ON b.id = w.briefing_id "
        "WHERE w.profile = ? AND w.span = ? AND b.created >= ? AND b.created < ? "
        "ORDER BY b.created DESC, b.id DESC LIMIT 1",
        (profile, window, to_iso(start), to_iso(end)),
    ).fetchone()
    return None if row is None else (row[0], row[1])


def remember_web_briefing(
    store: Store, briefing_id: int, profile: str, window: str, stamp: str
) -> None:
    with store.transaction() as tx:
        tx.execute(
            "INSERT OR REPLACE INTO web_briefings (briefing_id, profile, span, stamp) "
            "VALUES (?, ?, ?, ?)",
            (briefing_id, profile, window, stamp),
        )


def briefing_of_day(
    store: Store, profile: str, day: date, start: datetime, end: datetime
) -> tuple[str, str, int] | None:
    """(created, briefing JSON, id) of the scheduled edition of ``day`` when there is one,
    else of the last briefing made between ``start`` and ``end``."""
    row = store.conn.execute(
        "SELECT b.created, b.data, b.id FROM editions e "
        "JOIN briefings b ON b.id = e.briefing_id WHERE e.profile = ? AND e.date = ?",
        (profile, day.isoformat()),
    ).fetchone()
    row = (
        row
        or store.conn.execute(
            "SELECT created, data, id FROM briefings WHERE profile = ? AND created >= ? "
            "AND created < ? ORDER BY created DESC, id DESC LIMIT 1",
            (profile, to_iso(start), to_iso(end)),
        ).fetchone()
    )
    return None if row is None else (row[0], row[1], int(row[2]))


def edition_titles(store: Store, profile: str, limit: int) -> list[tuple[str, str | None]]:
    """(date, title) of the profile's scheduled editions, newest first."""
    rows = store.conn.execute(
        "SELECT e.date, json_extract(b.data, '$.title') FROM editions e "
        "JOIN briefings b ON b.id = e.briefing_id WHERE e.profile = ? "
        "ORDER BY e.date DESC LIMIT ?",
        (profile, limit),
    )
    return [(r[0], r[1]) for r in rows]


def briefing_titles(store: Store, profile: str) -> Iterator[tuple[str, str | None]]:
    """(created, title) of the profile's briefings, newest first (read as far as wanted)."""
    rows = store.conn.execute(
        "SELECT created, json_extract(data, '$.title') FROM briefings WHERE profile = ? "
        "ORDER BY created DESC, id DESC",
        (profile,),
    )
    for row in rows:
        yield row[0], row[1]
