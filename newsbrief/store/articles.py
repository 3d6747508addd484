"""Queries on articles beyond those of ``Store`` itself: their gold labels (evaluations)."""

from __future__ import annotations

from newsbrief.store.db import Store


def labels(store: Store) -> dict[str, str]:
    """The gold story label of each labelled article, by article id."""
    rows = store.conn.execute("SELECT id, label FROM articles WHERE label IS NOT NULL")
    return {r[0]: r[1] for r in rows}


def newest_row(store: Store) -> int | None:
    """The row number of the newest article (None when there is none): grows as articles
    are added, read from the index alone."""
    row = store.conn.execute("SELECT max(rowid) FROM articles").fetchone()
    return None if row[0] is None else int(row[0])


def outlets(store: Store, limit: int) -> list[str]:
    """The outlets of the articles, those with the most articles first."""
    rows = store.conn.execute(
        "SELECT outlet FROM articles WHERE outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT ?",
        (limit,),
    )
    return [r[0] for r in rows]
