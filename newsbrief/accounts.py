"""Accounts for the web app: users with argon2id password hashes, and login sessions.

Only a hash of each session token is stored, so a copy of the database does not let anyone
log in. The CLI (``newsbrief user ...``) and the web app share these functions.

An account sees and edits only its own profiles (``newsbrief.ownership``); an *admin* manages
every profile. The first account made is an admin; ``newsbrief user admin`` makes others.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from newsbrief.store import Store
from newsbrief.timeutil import now as utcnow
from newsbrief.timeutil import parse_datetime, to_iso

if TYPE_CHECKING:
    from argon2 import PasswordHasher

USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # hashing cost grows with length; nobody types more
SESSION_LIFETIME = timedelta(days=14)


@functools.cache
def _hasher() -> PasswordHasher:
    """The argon2id hasher, made when a password is first hashed or checked: listing accounts
    (or any command that touches none) neither loads argon2 nor pays for a hash."""
    from argon2 import PasswordHasher

    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verifying against this when the user is unknown makes both answers take as long."""
    return _hasher().hash(secrets.token_hex(16))


class AccountError(ValueError):
    """A user name or password that cannot be used; the message says why."""


@dataclass
class User:
    id: int
    name: str
    created: datetime | None
    admin: bool = False


def check_name(name: str) -> str:
    if not USER_NAME.match(name):
        raise AccountError(
            f"user name {name!r}: use 1-64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password: must be at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"password: must be at most {MAX_PASSWORD} characters")
    return password


def add_user(store: Store, name: str, password: str) -> User:
    check_name(name)
    digest = _hasher().hash(check_password(password))
    stamp = utcnow()
    with store.transaction() as tx:
        if tx.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise AccountError(f"user {name!r} already exists")
        # With no admin yet (the first account), this one manages the profiles.
        admin = tx.execute("SELECT 1 FROM users WHERE admin = 1").fetchone() is None
        cur = tx.execute(
            "INSERT INTO users (name, password_hash, created, admin) VALUES (?, ?, ?, ?)",
            (name, digest, to_iso(stamp), int(admin)),
        )
    return User(int(cur.lastrowid or 0), name, stamp, admin)


def set_admin(store: Store, name: str, admin: bool) -> None:
    """Make an account an admin (it manages every profile), or take that away."""
    with store.transaction() as tx:
        cur = tx.execute("UPDATE users SET admin = ? WHERE name = ?", (int(admin), name))
        if cur.rowcount == 0:
            raise AccountError(f"user {name!r} does not exist")


def set_password(store: Store, name: str, password: str) -> None:
    """A new password; every session of the user ends."""
    digest = _hasher().hash(check_password(password))
    with store.transaction() as tx:
        row = tx.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise AccountError(f"user {name!r} does not exist")
        tx.execute("UPDATE users SET password_hash = ? WHERE id = ?", (digest, row[0]))
        tx.execute("DELETE FROM sessions WHERE user_id = ?", (row[0],))


def remove_user(store: Store, name: str) -> bool:
    """Delete an account and its sessions; its profiles stay, managed by admins only."""
    with store.transaction() as tx:
        row = tx.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            return False
        tx.execute("UPDATE profiles SET owner = NULL WHERE owner = ?", (row[0],))
        tx.execute("DELETE FROM sessions WHERE user_id = ?", (row[0],))
        tx.execute("DELETE FROM users WHERE id = ?", (row[0],))
    return True


def list_users(store: Store) -> list[User]:
    rows = store.conn.execute("SELECT id, name, created, admin FROM users ORDER BY name")
    return [User(r[0], r[1], parse_datetime(r[2]), bool(r[3])) for r in rows]


def user_count(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM users").fetchone()[0])


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when the password is right, else None (no hint which part was wrong)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    dummy = _dummy_hash()  # made before the lookup, so the first unknown name is not slower
    row = store.conn.execute(
        "SELECT id, name, password_hash, created, admin FROM users WHERE name = ?", (name,)
    ).fetchone()
    digest = row[2] if row else dummy
    try:
        _hasher().verify(digest, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _hasher().check_needs_rehash(digest):
        with store.transaction() as tx:
            tx.execute(
                "UPDATE users SET password_hash = ? WHERE id = ?",
                (_hasher().hash(password), row[0]),
            )
    return User(row[0], row[1], parse_datetime(row[3]), bool(row[4]))


def _token_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_session(store: Store, user: User, when: datetime | None = None) -> str:
    """A new session for the user; returns the token to put in the cookie."""
    when = when or utcnow()
    token = secrets.token_urlsafe(32)
    with store.transaction() as tx:
        tx.execute("DELETE FROM sessions WHERE expires < ?", (to_iso(when),))
        tx.execute(
            "INSERT INTO sessions (id, user_id, created, expires) VALUES (?, ?, ?, ?)",
            (_token_id(token), user.id, to_iso(when), to_iso(when + SESSION_LIFETIME)),
        )
    return token


def session_user(store: Store, token: str, when: datetime | None = None) -> User | None:
    """The user a session token belongs to, if the session exists and has not expired."""
    if not token or len(token) > 200:
        return None
    row = store.conn.execute(
        "SELECT u.id, u.name, u.created, s.expires, u.admin FROM sessions s "
        "JOIN users u ON u.id = s.user_id WHERE s.id = ?",
        (_token_id(token),),
    ).fetchone()
    if row is None:
        return None
    expires = parse_datetime(row[3])
    if expires is None or expires <= (when or utcnow()):
        return None
    return User(row[0], row[1], parse_datetime(row[2]), bool(row[4]))


def end_session(store: Store, token: str) -> None:
    with store.transaction() as tx:
        tx.execute("DELETE FROM sessions WHERE id = ?", (_token_id(token),))


def secret_key(store: Store, name: str) -> bytes:
    """A random key kept in the store (created on first use), e.g. to sign CSRF tokens."""
    row = store.conn.execute("SELECT value FROM web_secrets WHERE name = ?", (name,)).fetchone()
    if row is None:
        with store.transaction() as tx:
            tx.execute(
                "INSERT OR IGNORE INTO web_secrets (name, value, created) VALUES (?, ?, ?)",
                (name, secrets.token_hex(32), to_iso(utcnow())),
            )
        row = store.conn.execute("SELECT value FROM web_secrets WHERE name = ?", (name,)).fetchone()
    return bytes.fromhex(row[0])
