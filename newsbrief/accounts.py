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
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from newsbrief.models import User
from newsbrief.store import Store, accounts
from newsbrief.timeutil import now as utcnow

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


def check_name(name: str) -> str:
    if not USER_NAME.match(name):
        raise AccountError(
            f"user name {name!r}: use 1-64 of a-z, A-Z, 0-9, '.', '_' or '-', "
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
    user = accounts.insert_user(store, name, _hasher().hash(check_password(password)), utcnow())
    if user is None:
        raise AccountError(f"user {name!r} already exists")
    return user


def set_admin(store: Store, name: str, admin: bool) -> None:
    """Make an account an admin (it manages every profile), or take that away."""
    if not accounts.set_admin(store, name, admin):
        raise AccountError(f"user {name!r} does not exist")


def set_password(store: Store, name: str, password: str) -> None:
    """A new password; every session of the user ends."""
    if not accounts.replace_password(store, name, _hasher().hash(check_password(password))):
        raise AccountError(f"user {name!r} does not exist")


def remove_user(store: Store, name: str) -> bool:
    """Delete an account and its sessions; its profiles stay, managed by admins only."""
    return accounts.delete_user(store, name)


def list_users(store: Store) -> list[User]:
    return accounts.users(store)


def user_count(store: Store) -> int:
    return accounts.user_count(store)


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when the password is right, else None (no hint which part was wrong)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    dummy = _dummy_hash()  # made before the lookup, so the first unknown name is not slower
    found = accounts.user_with_hash(store, name)
    digest = found[1] if found else dummy
    try:
        _hasher().verify(digest, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return None
    if found is None:
        return None
    if _hasher().check_needs_rehash(digest):
        accounts.update_password_hash(store, found[0].id, _hasher().hash(password))
    return found[0]


def _token_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_session(store: Store, user: User, when: datetime | None = None) -> str:
    """A new session for the user; returns the token to put in the cookie."""
    when = when or utcnow()
    token = secrets.token_urlsafe(32)
    accounts.insert_session(store, _token_id(token), user.id, when, when + SESSION_LIFETIME)
    return token


def session_user(store: Store, token: str, when: datetime | None = None) -> User | None:
    """The user a session token belongs to, if the session exists and has not expired."""
    if not token or len(token) > 200:
        return None
    found = accounts.session(store, _token_id(token))
    if found is None:
        return None
    user, expires = found
    if expires is None or expires <= (when or utcnow()):
        return None
    return user


def end_session(store: Store, token: str) -> None:
    accounts.delete_session(store, _token_id(token))


def secret_key(store: Store, name: str) -> bytes:
    """A random key kept in the store (created on first use), e.g. to sign CSRF tokens."""
    return bytes.fromhex(accounts.secret(store, name, secrets.token_hex(32), utcnow()))
