"""Delivery channels: where a profile's daily briefing goes.

Each channel kind is a module with ``check(config) -> config`` (validate what the user gave, raise
``ValueError`` with a one-line reason), ``describe(config) -> str`` (for listings, secrets masked)
and ``send(channel, parcel, context)`` (raise ``DeliveryError`` with a message free of secrets).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from newsbrief.config import Settings
from newsbrief.models import Briefing, Channel, Edition
from newsbrief.store import Store


class DeliveryError(Exception):
    """A send failed. The message says what and why, and never holds a secret."""


@dataclass
class Parcel:
    """One edition, ready to render for any channel."""

    edition: Edition
    briefing: Briefing
    data: dict[str, Any]  # the briefing in its JSON form
    local_time: str  # delivery time in the reader's zone, e.g. "Mon 1 Apr 2024, 07:00 CEST"

    def key(self, channel: Channel) -> str:
        """A stable id of this delivery: the same on every retry, so receivers can drop copies."""
        basis = f"{self.edition.profile}\n{self.edition.date}\n{channel.name}\n"
        basis += f"{self.edition.id}\n{self.edition.created.isoformat()}"
        digest = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
        return f"{self.edition.date}-{digest}"


@dataclass
class Context:
    """What a channel may use while sending."""

    home: Path
    settings: Settings
    store: Store
    now: datetime


Sender = Callable[[Channel, Parcel, Context], None]

KINDS = ("email", "folder", "atom", "webhook")


def _module(kind: str) -> ModuleType:
    from newsbrief.deliver import atom, email, files, webhook

    modules = {"email": email, "folder": files, "atom": atom, "webhook": webhook}
    if kind not in modules:
        raise ValueError(f"unknown channel kind {kind!r} (expected one of: {', '.join(KINDS)})")
    return modules[kind]


def check(kind: str, config: dict[str, Any]) -> dict[str, Any]:
    """The channel's configuration, validated and normalized; ValueError with the reason."""
    checked: dict[str, Any] = _module(kind).check(config)
    return checked


def describe(channel: Channel) -> str:
    """One line for listings, secrets masked."""
    text: str = _module(channel.kind).describe(channel.config)
    return text


def sender_of(kind: str) -> Sender:
    """The send function of one channel kind (its module is loaded now)."""
    send: Sender = _module(kind).send
    return send
