"""The store: an SQLite file in the data folder (the default) or a PostgreSQL database,
migrated on open."""

from newsbrief.store.db import DB_NAME, Store, open_store, scratch_store, store_target

__all__ = ["DB_NAME", "Store", "open_store", "scratch_store", "store_target"]
