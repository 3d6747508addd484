"""Queries on articles beyond those of ``Store`` itself: their gold labels (evaluations)."""

from __future__ import annotations

from newsbrief.store.db import Store


def labels(store: Store) -> dict[str, str]:
    """The gold story label of each labelled article, by article id."""
    rows = store.conn.execute("SELECT id, label FROM articles WHERE label IS NOT NULL")
    return {r[0]: r[1] for r in rows}
