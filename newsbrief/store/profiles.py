"""Queries on the profiles table beyond ``Store``'s own (get, save, list, delete)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime

from newsbrief.models import Profile
from newsbrief.store.db import Store
from newsbrief.timeutil import to_iso


def profile_json(store: Store, name: str) -> str | None:
    """The stored JSON of a profile: it changes whenever the profile does."""
    row = store.conn.execute("SELECT data FROM profiles WHERE name = ?", (name,)).fetchone()
    return str(row[0]) if row else None


def profile_names(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT name FROM profiles ORDER BY name")]


def owner(store: Store, name: str) -> int | None:
    """The id of the account a profile belongs to (None: no owner, or no such profile)."""
    row = store.conn.execute("SELECT owner FROM profiles WHERE name = ?", (name,)).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def set_owner(store: Store, name: str, user_id: int | None) -> None:
    with store.transaction() as tx:
        tx.execute("UPDATE profiles SET owner = ? WHERE name = ?", (user_id, name))


def owned_names(store: Store, user_id: int) -> list[str]:
    rows = store.conn.execute("SELECT name FROM profiles WHERE owner = ? ORDER BY name", (user_id,))
    return [r[0] for r in rows]


def insert_owned(store: Store, profile: Profile, owner: int | None, when: datetime) -> bool:
    """Store a new profile with its owner; False when the name is taken. One statement, so two
    requests cannot both create, or take over, one name."""
    stamp = to_iso(when)
    with store.transaction() as tx:
        cur = tx.execute(
            "INSERT INTO profiles (name, data, created, updated, owner) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(name) DO NOTHING",
            (profile.name, json.dumps(asdict(profile)), stamp, stamp, owner),
        )
    return cur.rowcount > 0
