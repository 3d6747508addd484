"""Which account a profile belongs to, and which profiles an account may see and change.

When the web app requires accounts, each profile belongs to one account (``profiles.owner``).
An account sees and edits only its own profiles, with their briefings, feedback, delivery
settings and private feed key; an admin manages every profile. A profile with no owner (made
on the command line) is managed by admins. For anyone else another account's profile does
not exist: the same "no profile named ..." answer as for a name nobody uses.
"""

from __future__ import annotations

from newsbrief.accounts import User
from newsbrief.models import Profile
from newsbrief.profiles import PROFILE_NAME
from newsbrief.store import Store
from newsbrief.store import profiles as stored_profiles
from newsbrief.timeutil import now


class NoSuchProfile(LookupError):
    """No profile of that name that this account may see."""

    def __init__(self, name: str) -> None:
        super().__init__(f"There is no profile named {name!r}.")
        self.name = name


def owner_of(store: Store, name: str) -> int | None:
    return stored_profiles.owner(store, name)


def set_owner(store: Store, name: str, user_id: int | None) -> None:
    stored_profiles.set_owner(store, name, user_id)


def may_see(store: Store, user: User | None, name: str) -> bool:
    """Whether the account may see and change the stored profile (no account: no accounts
    are required, so every profile is the reader's)."""
    if user is None or user.admin:
        return True
    return owner_of(store, name) == user.id


def owned(store: Store, user: User) -> list[str]:
    return stored_profiles.owned_names(store, user.id)


def visible_names(store: Store, user: User | None) -> list[str]:
    """The profiles the account can pick from (admins and no accounts: every one, with the
    default profile, which exists without being stored)."""
    if user is not None and not user.admin:
        return owned(store, user)
    names = stored_profiles.profile_names(store)
    return names if "default" in names else ["default", *names]


def own_default(store: Store, user: User) -> Profile:
    """The account's first profile: the one named after it, else its first by name; an
    account without one gets one, named after it (or with a suffix when that name is taken)."""
    names = owned(store, user)
    for name in [user.name, *names]:
        if name in names:
            found = store.get_profile(name)
            if found is not None:
                return found
    base = user.name[:56]
    for name in [base, *(f"{base}-{n}" for n in range(2, 100))]:
        profile = Profile(name=name)
        if PROFILE_NAME.match(name) and create_owned(store, profile, user):
            return profile
    raise NoSuchProfile(user.name)


def create_owned(store: Store, profile: Profile, user: User | None) -> bool:
    """Store a new profile as the account's own (no account: no owner); False when the name
    is taken. One statement, so two requests cannot both create, or take over, one name."""
    return stored_profiles.insert_owned(store, profile, user.id if user else None, now())
