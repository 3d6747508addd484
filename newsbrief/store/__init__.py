"""The SQLite store: one file in the data folder, migrated on open."""

from newsbrief.store.db import DB_NAME, Store, open_store

__all__ = ["DB_NAME", "Store", "open_store"]
