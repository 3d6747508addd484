"""The two engines of the store: an SQLite file (the default) or a PostgreSQL database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsbrief.store.postgres import PgConnection, is_url

# What the store's code calls ``conn``: both take SQLite's dialect and ``?`` placeholders.
Connection = sqlite3.Connection | PgConnection


def connect(target: str | Path) -> Connection:
    """A connection to a PostgreSQL URL, else to an SQLite file (made when missing)."""
    if is_url(target):
        return PgConnection(str(target))
    conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def engine_of(conn: Connection) -> str:
    return "postgresql" if isinstance(conn, PgConnection) else "sqlite"
