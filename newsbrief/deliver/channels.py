"""Adding a profile's delivery channel: what the CLI and the web app's profile page share."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsbrief import deliver
from newsbrief.models import Channel
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore

MAX_NAME = 64


def free_name(store: Store, profile: str, kind: str) -> str:
    """The kind itself, or kind-2, kind-3, ... when the profile already has one of that name."""
    taken = set(DeliveryStore(store).channel_names(profile))
    return next(n for n in [kind, *(f"{kind}-{i}" for i in range(2, 1000))] if n not in taken)


def add_channel(
    store: Store, profile: str, kind: str, given: dict[str, Any], name: str | None, now: datetime
) -> Channel:
    """Check the channel's settings and store it. ValueError says what is wrong (in the CLI's
    option names); DuplicateChannel when the profile has a channel of that name."""
    config = deliver.check(kind, given)
    name = (name or "").strip() or free_name(store, profile, kind)
    if len(name) > MAX_NAME or any(c in name for c in "\r\n\t"):
        raise ValueError(f"a channel name is one line of at most {MAX_NAME} characters")
    channel = Channel(profile=profile, name=name, kind=kind, config=config)
    return DeliveryStore(store).add_channel(channel, now)
