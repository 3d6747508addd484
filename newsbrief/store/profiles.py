"""Queries on the profiles table beyond ``Store``'s own (get, save, list, delete)."""

from __future__ import annotations

from newsbrief.store.db import Store


def profile_json(store: Store, name: str) -> str | None:
    """The stored JSON of a profile: it changes whenever the profile does."""
    row = store.conn.execute("SELECT data FROM profiles WHERE name = ?", (name,)).fetchone()
    return str(row[0]) if row else None


def profile_names(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT name FROM profiles ORDER BY name")]
