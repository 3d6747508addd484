"""Queries on the users, sessions and web_secrets tables: accounts of the web app.

Password hashing and session tokens are the business of ``newsbrief/accounts.py``; this module
only stores and reads what it is given (a password hash, a hash of a session token).
"""

from __future__ import annotations

from datetime import datetime

from newsbrief.models import User
from newsbrief.store.db import Store
from newsbrief.timeutil import parse_datetime, to_iso


def insert_user(store: Store, name: str, password_hash: str, created: datetime) -> User | None:
    """A new user, or None when the name is taken. With no admin yet (the first account),
    the new user is one: it manages the profiles."""
    with store.transaction() as tx:
        if tx.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            return None
        admin = tx.execute("SELECT 1 FROM users WHERE admin = 1").fetchone() is None
        cur = tx.execute(
            "INSERT INTO users (name, password_hash, created, admin) VALUES (?, ?, ?, ?)",
            (name, password_hash, to_iso(created), int(admin)),
        )
    return User(int(cur.lastrowid or 0), name, created, admin)


def set_admin(store: Store, name: str, admin: bool) -> bool:
    """False: no such user."""
    with store.transaction() as tx:
        cur = tx.execute("UPDATE users SET admin = ? WHERE name = ?", (int(admin), name))
    return cur.rowcount > 0


def replace_password(store: Store, name: str, password_hash: str) -> bool:
    """Store a new password hash and end every session of the user; False: no such user."""
    with store.transaction() as tx:
        row = tx.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            return False
        tx.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, row[0]))
        tx.execute("DELETE FROM sessions WHERE user_id = ?", (row[0],))
    return True


def update_password_hash(store: Store, user_id: int, password_hash: str) -> None:
    with store.transaction() as tx:
        tx.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))


def delete_user(store: Store, name: str) -> bool:
    """Delete a user and their sessions; their profiles lose their owner. False: no such user."""
    with store.transaction() as tx:
        row = tx.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            return False
        tx.execute("UPDATE profiles SET owner = NULL WHERE owner = ?", (row[0],))
        tx.execute("DELETE FROM sessions WHERE user_id = ?", (row[0],))
        tx.execute("DELETE FROM users WHERE id = ?", (row[0],))
    return True


def users(store: Store) -> list[User]:
    rows = store.conn.execute("SELECT id, name, created, admin FROM users ORDER BY name")
    return [User(r[0], r[1], parse_datetime(r[2]), bool(r[3])) for r in rows]


def user_id(store: Store, name: str) -> int | None:
    row = store.conn.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()
    return None if row is None else int(row[0])


def user_count(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM users").fetchone()[0])


def user_with_hash(store: Store, name: str) -> tuple[User, str] | None:
    """The user of that name and their password hash."""
    row = store.conn.execute(
        "SELECT id, name, password_hash, created, admin FROM users WHERE name = ?", (name,)
    ).fetchone()
    if row is None:
        return None
    return User(row[0], row[1], parse_datetime(row[3]), bool(row[4])), str(row[2])


def insert_session(
    store: Store, token_hash: str, user_id: int, created: datetime, expires: datetime
) -> None:
    """A new session; sessions expired by ``created`` are removed on the way."""
    with store.transaction() as tx:
        tx.execute("DELETE FROM sessions WHERE expires < ?", (to_iso(created),))
        tx.execute(
            "INSERT INTO sessions (id, user_id, created, expires) VALUES (?, ?, ?, ?)",
            (token_hash, user_id, to_iso(created), to_iso(expires)),
        )


def session(store: Store, token_hash: str) -> tuple[User, datetime | None] | None:
    """The user of a session and when the session expires."""
    row = store.conn.execute(
        "SELECT u.id, u.name, u.created, s.expires, u.admin FROM sessions s "
        "JOIN users u ON u.id = s.user_id WHERE s.id = ?",
        (token_hash,),
    ).fetchone()
    if row is None:
        return None
    return User(row[0], row[1], parse_datetime(row[2]), bool(row[4])), parse_datetime(row[3])


def delete_session(store: Store, token_hash: str) -> None:
    with store.transaction() as tx:
        tx.execute("DELETE FROM sessions WHERE id = ?", (token_hash,))


def secret(store: Store, name: str, make: str, created: datetime) -> str:
    """The stored secret of that name; ``make`` is stored first when there is none yet (the
    first of two processes doing so at once wins, and both return its value)."""
    row = store.conn.execute("SELECT value FROM web_secrets WHERE name = ?", (name,)).fetchone()
    if row is None:
        with store.transaction() as tx:
            tx.execute(
                "INSERT OR IGNORE INTO web_secrets (name, value, created) VALUES (?, ?, ?)",
                (name, make, to_iso(created)),
            )
        row = store.conn.execute("SELECT value FROM web_secrets WHERE name = ?", (name,)).fetchone()
    return str(row[0])
