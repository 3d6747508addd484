"""The store: an SQLite file in the data folder (the default) or a PostgreSQL database,
migrated on open.

All of newsbrief's SQL is here, and nothing outside this package writes a statement or runs
one (tests/test_store_owns_sql.py checks it). Stages call typed functions, one module per
concern: ``db`` (the ``Store``: articles, stories, write-ups, profiles, the feedback log),
``articles``, ``sources``, ``clustering`` (the clustering state), ``stories``, ``briefings``,
``feedback`` (what feedback teaches), ``accounts`` (users, sessions), ``deliveries``,
``search`` (full-text search and answer passages), ``ledger`` (model cache and runs),
``profiles``; ``migrations`` (the schema), ``copy`` (between engines); and the engines
themselves: ``engine``, ``postgres``, ``dialect``.
"""

from newsbrief.store.db import DB_NAME, Store, open_store, scratch_store, store_target

__all__ = ["DB_NAME", "Store", "open_store", "scratch_store", "store_target"]
