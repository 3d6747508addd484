"""One store connection per worker thread.

Connections must not be shared by threads that run at the same time; the web app serves
requests from a thread pool, so each thread opens its own connection to the same store (an
SQLite file in WAL mode lets readers run while one writer writes; PostgreSQL serves many).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from newsbrief.store import Store


class StorePool:
    def __init__(self, target: str | Path, home: Path | None = None) -> None:
        self.target = target
        self.home = home
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        Store(target, home).close()  # migrate once, up front, so requests never race to do it

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.target, self.home)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                # A connection of a finished thread may be gone already.
                with contextlib.suppress(Exception):
                    store.close()
            self._all.clear()
