"""What the web app keeps in memory between requests: each browser's conversation on the ask
page, and the last fetch started from the app.

The app's state (``context.WebState``) holds these; the pages that use them (``asking.py``,
``sources.py``) import them from here, so the state does not import the pages.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

MAX_TURNS = 20  # kept per conversation; older turns drop off
MAX_CONVERSATIONS = 1000  # browsers remembered; the least recently used is forgotten


@dataclass
class Exchange:
    question: str
    answer: dict[str, Any]  # the JSON answer


@dataclass
class Conversations:
    """Each browser's conversation (by its client cookie), bounded in number and length."""

    _items: OrderedDict[str, list[Exchange]] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, client: str) -> list[Exchange]:
        with self._lock:
            turns = self._items.get(client, [])
            if client in self._items:
                self._items.move_to_end(client)
            return list(turns)

    def add(self, client: str, exchange: Exchange) -> None:
        with self._lock:
            turns = self._items.setdefault(client, [])
            turns.append(exchange)
            del turns[:-MAX_TURNS]
            self._items.move_to_end(client)
            while len(self._items) > MAX_CONVERSATIONS:
                self._items.popitem(last=False)

    def clear(self, client: str) -> None:
        with self._lock:
            self._items.pop(client, None)


@dataclass
class Fetching:
    """One fetch at a time from the app; the last report is kept to show."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    last: dict[str, Any] | None = None
