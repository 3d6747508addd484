"""Queries on the sources table: subscriptions and the health of their fetching."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsbrief.models import Source
from newsbrief.store.db import Store
from newsbrief.timeutil import now, parse_datetime, to_iso


def _source(row: sqlite3.Row) -> Source:
    return Source(
        id=row["id"],
        kind=row["kind"],
        url=row["url"],
        name=row["name"],
        tags=[t for t in (row["tags"] or "").split(",") if t],
        enabled=bool(row["enabled"]),
        disabled_reason=row["disabled_reason"],
        site_url=row["site_url"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_fetch=parse_datetime(row["last_fetch"]),
        last_success=parse_datetime(row["last_success"]),
        last_status=row["last_status"],
        last_error=row["last_error"],
        failures=row["failures"],
        next_fetch=parse_datetime(row["next_fetch"]),
        items=row["items"],
    )


def list_sources(store: Store, kind: str | None = "feed") -> list[Source]:
    query = "SELECT * FROM sources"
    params: tuple[str, ...] = ()
    if kind:
        query += " WHERE kind = ?"
        params = (kind,)
    return [_source(r) for r in store.conn.execute(query + " ORDER BY id", params)]


def find_source(store: Store, key: str) -> Source | None:
    """A source by id or URL."""
    if key.isdigit():
        row = store.conn.execute("SELECT * FROM sources WHERE id = ?", (int(key),)).fetchone()
    else:
        row = store.conn.execute("SELECT * FROM sources WHERE url = ?", (key,)).fetchone()
    return _source(row) if row else None


def add_source(
    store: Store,
    url: str,
    kind: str = "feed",
    name: str | None = None,
    tags: list[str] | None = None,
    site_url: str | None = None,
) -> tuple[Source, bool]:
    """Subscribe to a source; (source, False) when it was already there (tags are merged)."""
    existing = find_source(store, url)
    if existing is not None:
        merged = sorted(set(existing.tags) | set(tags or []))
        if merged != existing.tags or (name and not existing.name):
            with store.transaction() as tx:
                tx.execute(
                    "UPDATE sources SET tags = ?, name = coalesce(name, ?) WHERE id = ?",
                    (",".join(merged), name, existing.id),
                )
        return find_source(store, url) or existing, False
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO sources (kind, url, name, tags, site_url, created) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (kind, url, name, ",".join(sorted(set(tags or []))), site_url, to_iso(now())),
        )
    source = find_source(store, url)
    assert source is not None
    return source, True


def remove_source(store: Store, source: Source) -> None:
    """Unsubscribe; the articles already read stay (their source link is cleared)."""
    with store.transaction() as tx:
        tx.execute("DELETE FROM sources WHERE id = ?", (source.id,))


def enable_source(store: Store, source: Source) -> None:
    with store.transaction() as tx:
        tx.execute(
            "UPDATE sources SET enabled = 1, disabled_reason = NULL, failures = 0, "
            "next_fetch = NULL WHERE id = ?",
            (source.id,),
        )


@dataclass
class FetchOutcome:
    """What one fetch of a source did, to record on the source."""

    status: str  # HTTP status, or "error"
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    next_fetch: datetime | None = None
    new_items: int = 0
    disable_reason: str | None = None
    name: str | None = None
    site_url: str | None = None


def record_fetch(store: Store, source: Source, outcome: FetchOutcome, when: datetime) -> None:
    stamp = to_iso(when)
    with store.transaction() as tx:
        if outcome.error is None:
            tx.execute(
                "UPDATE sources SET last_fetch = ?, last_success = ?, last_status = ?, "
                "last_error = NULL, failures = 0, next_fetch = ?, items = items + ?, "
                "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), "
                "name = coalesce(name, ?), site_url = coalesce(site_url, ?) WHERE id = ?",
                (
                    stamp,
                    stamp,
                    outcome.status,
                    to_iso(outcome.next_fetch),
                    outcome.new_items,
                    outcome.etag,
                    outcome.last_modified,
                    outcome.name,
                    outcome.site_url,
                    source.id,
                ),
            )
        else:
            tx.execute(
                "UPDATE sources SET last_fetch = ?, last_status = ?, last_error = ?, "
                "failures = failures + 1, next_fetch = ?, "
                "enabled = CASE WHEN ? IS NULL THEN enabled ELSE 0 END, "
                "disabled_reason = coalesce(?, disabled_reason) WHERE id = ?",
                (
                    stamp,
                    outcome.status,
                    outcome.error,
                    to_iso(outcome.next_fetch),
                    outcome.disable_reason,
                    outcome.disable_reason,
                    source.id,
                ),
            )


def article_exists(store: Store, guid: str | None, canonical: str | None) -> bool:
    """One article per GUID or canonical URL, across all feeds."""
    if guid:
        row = store.conn.execute("SELECT 1 FROM articles WHERE guid = ? LIMIT 1", (guid,))
        if row.fetchone():
            return True
    if canonical:
        row = store.conn.execute(
            "SELECT 1 FROM articles WHERE canonical_url = ? LIMIT 1", (canonical,)
        )
        if row.fetchone():
            return True
    return False


def known_articles(
    store: Store, ids: Sequence[str], guids: Sequence[str], canonicals: Sequence[str]
) -> tuple[set[str], set[str], set[str]]:
    """Which of these article ids, GUIDs and canonical URLs are stored already, each set
    apart (a feed's items checked in three queries rather than three each)."""
    found: list[set[str]] = []
    for column, values in (("id", ids), ("guid", guids), ("canonical_url", canonicals)):
        unique = sorted(set(values))
        known: set[str] = set()
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = store.conn.execute(
                f"SELECT {column} FROM articles WHERE {column} IN ({marks})", chunk
            )
            known.update(r[0] for r in rows)
        found.append(known)
    return found[0], found[1], found[2]
