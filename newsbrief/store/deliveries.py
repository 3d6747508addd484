"""Reads and writes of delivery channels, scheduled editions and their deliveries.

Every state change is one transaction, committed before and after each send, so a crash at any
point leaves each delivery in a state the next run can resume from.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsbrief.models import Channel, Delivery, Edition
from newsbrief.store.db import Store
from newsbrief.store.engine import Connection
from newsbrief.timeutil import parse_datetime, to_iso

# A delivery in one of these states still has work to do.
OPEN_STATES = ("pending", "sending", "retrying")
STATES = ("pending", "sending", "retrying", "sent", "failed")

_DELIVERY_COLUMNS = (
    "id, edition_id, profile, date, channel, kind, status, attempts, next_attempt, last_error, "
    "created, updated, sent"
)


class DuplicateChannel(ValueError):
    """A profile already has a channel of that name."""


class DeliveryStore:
    """Channels, editions and deliveries in a store's SQLite file."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # channels ----------------------------------------------------------------------------

    def add_channel(self, channel: Channel, now: datetime) -> Channel:
        try:
            with self.store.transaction() as tx:
                cur = tx.execute(
                    "INSERT INTO channels (profile, name, kind, config, created) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (
                        channel.profile,
                        channel.name,
                        channel.kind,
                        json.dumps(channel.config),
                        to_iso(now),
                    ),
                )
        except sqlite3.IntegrityError as exc:
            raise DuplicateChannel(
                f"profile {channel.profile!r} already has a channel named {channel.name!r}"
            ) from exc
        channel.id = int(cur.lastrowid or 0)
        return channel

    def channels(self, profile: str | None = None) -> list[Channel]:
        """Channels in the order they were added (which is the order they are served)."""
        query = "SELECT id, profile, name, kind, config FROM channels"
        params: list[Any] = []
        if profile is not None:
            query += " WHERE profile = ?"
            params.append(profile)
        rows = self.conn.execute(query + " ORDER BY profile, id", params)
        return [_channel(row) for row in rows]

    def get_channel(self, profile: str, name: str) -> Channel | None:
        row = self.conn.execute(
            "SELECT id, profile, name, kind, config FROM channels WHERE profile = ? AND name = ?",
            (profile, name),
        ).fetchone()
        return _channel(row) if row else None

    def remove_channel(self, profile: str, name: str) -> bool:
        with self.store.transaction() as tx:
            cur = tx.execute("DELETE FROM channels WHERE profile = ? AND name = ?", (profile, name))
        return cur.rowcount > 0

    def channel_names(self, profile: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT name FROM channels WHERE profile = ? ORDER BY id", (profile,)
        )
        return [r[0] for r in rows]

    # editions ----------------------------------------------------------------------------

    def edition(self, profile: str, date: str) -> Edition | None:
        row = self.conn.execute(
            "SELECT id, profile, date, due, briefing_id, created FROM editions "
            "WHERE profile = ? AND date = ?",
            (profile, date),
        ).fetchone()
        return _edition(row) if row else None

    def get_edition(self, edition_id: int) -> Edition | None:
        row = self.conn.execute(
            "SELECT id, profile, date, due, briefing_id, created FROM editions WHERE id = ?",
            (edition_id,),
        ).fetchone()
        return _edition(row) if row else None

    def editions(self, profile: str, limit: int = 20) -> list[Edition]:
        """The profile's latest editions, newest first."""
        rows = self.conn.execute(
            "SELECT id, profile, date, due, briefing_id, created FROM editions "
            "WHERE profile = ? ORDER BY date DESC LIMIT ?",
            (profile, limit),
        )
        return [_edition(row) for row in rows]

    def create_edition(
        self,
        profile: str,
        date: str,
        due: datetime,
        since: datetime,
        briefing: dict[str, Any],
        channels: Sequence[Channel],
        now: datetime,
        basis: str | None = None,
    ) -> Edition:
        """Record the briefing, its edition and one pending delivery per channel, atomically.

        If the edition already exists (another run made it first), it is kept and returned.
        The briefing counts as received once a delivery is sent (see
        ``newsbrief.briefing.received``); ``basis`` is what it was made over.
        """
        with self.store.transaction() as tx:
            existing = tx.execute(
                "SELECT id FROM editions WHERE profile = ? AND date = ?", (profile, date)
            ).fetchone()
            if existing is None:
                cur = tx.execute(
                    "INSERT INTO briefings (profile, created, since, data, basis) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (profile, to_iso(now), to_iso(since), json.dumps(briefing), basis),
                )
                cur = tx.execute(
                    "INSERT INTO editions (profile, date, due, briefing_id, created) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (profile, date, to_iso(due), cur.lastrowid, to_iso(now)),
                )
                edition_id = int(cur.lastrowid or 0)
            else:
                edition_id = int(existing[0])
            _insert_deliveries(tx, edition_id, profile, date, channels, now)
        edition = self.get_edition(edition_id)
        assert edition is not None
        return edition

    def ensure_deliveries(
        self, edition: Edition, channels: Sequence[Channel], now: datetime
    ) -> int:
        """A pending delivery for each channel that has none for this edition; how many added."""
        with self.store.transaction() as tx:
            return _insert_deliveries(tx, edition.id, edition.profile, edition.date, channels, now)

    def briefing_data(self, briefing_id: int) -> dict[str, Any]:
        row = self.conn.execute(
            "SELECT data FROM briefings WHERE id = ?", (briefing_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"briefing {briefing_id} is not stored")
        data: dict[str, Any] = json.loads(row[0])
        return data

    # deliveries --------------------------------------------------------------------------

    def get_delivery(self, delivery_id: int) -> Delivery | None:
        row = self.conn.execute(
            f"SELECT {_DELIVERY_COLUMNS} FROM deliveries WHERE id = ?", (delivery_id,)
        ).fetchone()
        return _delivery(row) if row else None

    def due_deliveries(self, now: datetime) -> list[Delivery]:
        """Deliveries to attempt now, oldest edition first, channels in the order added.

        A delivery found ``sending`` was interrupted (only one scheduler runs at a time), so it
        is due again at once.
        """
        rows = self.conn.execute(
            f"SELECT {_DELIVERY_COLUMNS} FROM deliveries "
            "WHERE status = 'sending' "
            "OR (status IN ('pending', 'retrying') AND (next_attempt IS NULL OR next_attempt <= ?))"
            " ORDER BY date, edition_id, id",
            (to_iso(now),),
        )
        return [_delivery(row) for row in rows]

    def next_attempt_time(self) -> datetime | None:
        """When the earliest waiting delivery is due, if any."""
        row = self.conn.execute(
            "SELECT min(coalesce(next_attempt, created)) FROM deliveries "
            "WHERE status IN ('pending', 'retrying', 'sending')"
        ).fetchone()
        return parse_datetime(row[0]) if row and row[0] else None

    def mark_sending(self, delivery_id: int, now: datetime) -> int:
        """Record that an attempt starts, before anything is sent; return the attempt number."""
        with self.store.transaction() as tx:
            tx.execute(
                "UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated = ? "
                "WHERE id = ?",
                (to_iso(now), delivery_id),
            )
            row = tx.execute(
                "SELECT attempts FROM deliveries WHERE id = ?", (delivery_id,)
            ).fetchone()
        return int(row[0])

    def mark_sent(self, delivery_id: int, now: datetime) -> None:
        """The delivery went out: the reader has received the edition's briefing."""
        with self.store.transaction() as tx:
            tx.execute(
                "UPDATE deliveries SET status = 'sent', sent = ?, updated = ?, next_attempt = NULL "
                "WHERE id = ?",
                (to_iso(now), to_iso(now), delivery_id),
            )
            tx.execute(
                "UPDATE briefings SET received = ? WHERE received IS NULL AND id = "
                "(SELECT e.briefing_id FROM deliveries d JOIN editions e ON e.id = d.edition_id "
                "WHERE d.id = ?)",
                (to_iso(now), delivery_id),
            )

    def mark_failed(
        self, delivery_id: int, error: str, now: datetime, retry_at: datetime | None
    ) -> None:
        """A failed attempt: retried at ``retry_at``, or given up when that is None."""
        status = "retrying" if retry_at is not None else "failed"
        with self.store.transaction() as tx:
            tx.execute(
                "UPDATE deliveries SET status = ?, last_error = ?, next_attempt = ?, updated = ? "
                "WHERE id = ?",
                (status, error, to_iso(retry_at), to_iso(now), delivery_id),
            )

    def retry(self, delivery_id: int, now: datetime) -> bool:
        """Make a failed or waiting delivery due now, with a fresh count of attempts."""
        with self.store.transaction() as tx:
            cur = tx.execute(
                "UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt = ?, "
                "updated = ? WHERE id = ? AND status IN ('failed', 'retrying', 'pending')",
                (to_iso(now), to_iso(now), delivery_id),
            )
        return cur.rowcount > 0

    def deliveries(
        self,
        profile: str | None = None,
        status: str | None = None,
        limit: int = 50,
    ) -> list[Delivery]:
        """Deliveries, newest edition first."""
        query = f"SELECT {_DELIVERY_COLUMNS} FROM deliveries WHERE 1 = 1"
        params: list[Any] = []
        if profile is not None:
            query += " AND profile = ?"
            params.append(profile)
        if status is not None:
            query += " AND status = ?"
            params.append(status)
        query += " ORDER BY date DESC, profile, id LIMIT ?"
        params.append(limit)
        return [_delivery(row) for row in self.conn.execute(query, params)]


def _insert_deliveries(
    tx: Connection,
    edition_id: int,
    profile: str,
    date: str,
    channels: Sequence[Channel],
    now: datetime,
) -> int:
    added = 0
    for channel in channels:
        cur = tx.execute(
            "INSERT OR IGNORE INTO deliveries (edition_id, profile, date, channel, kind, status, "
            "next_attempt, created, updated) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
            (
                edition_id,
                profile,
                date,
                channel.name,
                channel.kind,
                to_iso(now),
                to_iso(now),
                to_iso(now),
            ),
        )
        added += cur.rowcount
    return added


def _channel(row: sqlite3.Row) -> Channel:
    return Channel(
        id=row["id"],
        profile=row["profile"],
        name=row["name"],
        kind=row["kind"],
        config=json.loads(row["config"]),
    )


def _edition(row: sqlite3.Row) -> Edition:
    due = parse_datetime(row["due"])
    created = parse_datetime(row["created"])
    assert due is not None and created is not None
    return Edition(
        id=row["id"],
        profile=row["profile"],
        date=row["date"],
        due=due,
        briefing_id=row["briefing_id"],
        created=created,
    )


def _delivery(row: sqlite3.Row) -> Delivery:
    return Delivery(
        id=row["id"],
        edition_id=row["edition_id"],
        profile=row["profile"],
        date=row["date"],
        channel=row["channel"],
        kind=row["kind"],
        status=row["status"],
        attempts=row["attempts"],
        next_attempt=parse_datetime(row["next_attempt"]),
        last_error=row["last_error"],
        created=parse_datetime(row["created"]),
        updated=parse_datetime(row["updated"]),
        sent=parse_datetime(row["sent"]),
    )
