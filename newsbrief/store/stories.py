"""Queries on stories as readers see them: one story by id, the stories active in a window."""

from __future__ import annotations

from datetime import datetime

from newsbrief.models import Story
from newsbrief.store.db import Store
from newsbrief.timeutil import parse_datetime, to_iso


def story(store: Store, story_id: str) -> Story | None:
    """A story by id with its article ids (oldest first); a merged story resolves to its target."""
    seen: set[str] = set()
    while story_id not in seen:
        seen.add(story_id)
        row = store.conn.execute(
            "SELECT id, created, updated, merged_into FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            return None
        if row["merged_into"]:
            story_id = row["merged_into"]
            continue
        ids = [
            r[0]
            for r in store.conn.execute(
                "SELECT sa.article_id FROM story_articles sa "
                "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? "
                "ORDER BY coalesce(a.published, a.first_seen), a.rowid",
                (story_id,),
            )
        ]
        return Story(
            id=row["id"],
            article_ids=ids,
            created=parse_datetime(row["created"]),
            updated=parse_datetime(row["updated"]),
        )
    return None


def titles_active_between(
    store: Store, since: datetime, until: datetime
) -> list[tuple[str, str, str]]:
    """(story id, when it was last updated, an article's title) of every article of the
    stories updated since ``since`` and created by ``until``, oldest article first."""
    rows = store.conn.execute(
        "SELECT s.id, s.updated, a.title FROM stories s "
        "JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id "
        "WHERE s.merged_into IS NULL AND s.updated >= ? AND s.created <= ? "
        "ORDER BY coalesce(a.published, a.first_seen), a.rowid",
        (to_iso(since), to_iso(until)),
    )
    return [(r[0], r[1], r[2]) for r in rows]
