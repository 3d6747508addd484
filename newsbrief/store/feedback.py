"""Queries on what readers' feedback teaches: learned weights, hidden stories, resets.

The feedback log itself is written by ``Store.add_feedback``; what feedback means (steps,
limits, features) is ``newsbrief/feedback.py``'s business.
"""

from __future__ import annotations

from datetime import datetime

from newsbrief.store.db import Store
from newsbrief.timeutil import to_iso


def story_texts(store: Store, story_id: str, limit: int = 50) -> list[tuple[str, str]]:
    """Title and text of (up to ``limit``) articles of a story."""
    rows = store.conn.execute(
        "SELECT a.title, a.text FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "WHERE sa.story_id = ? LIMIT ?",
        (story_id, limit),
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def story_article_ids(store: Store, story_id: str, limit: int = 50) -> list[str]:
    """The ids of (up to ``limit``) articles of a story."""
    rows = store.conn.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ? LIMIT ?", (story_id, limit)
    ).fetchall()
    return [r[0] for r in rows]


def feedback_stories(store: Store, profile: str, limit: int) -> list[str]:
    """The stories the profile gave feedback on, latest first."""
    rows = store.conn.execute(
        "SELECT story_id FROM feedback WHERE profile = ? AND story_id IS NOT NULL "
        "GROUP BY story_id ORDER BY MAX(created) DESC, story_id LIMIT ?",
        (profile, limit),
    ).fetchall()
    return [r[0] for r in rows]


def story_exists(store: Store, story_id: str) -> bool:
    return bool(store.conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone())


def learned_weights(store: Store, profile: str) -> dict[str, float]:
    rows = store.conn.execute(
        "SELECT feature, weight FROM profile_weights WHERE profile = ?", (profile,)
    )
    return {r[0]: float(r[1]) for r in rows}


def save_weights(store: Store, profile: str, weights: dict[str, float], when: datetime) -> None:
    """Set the profile's weight of each feature given (the others stay as they are)."""
    stamp = to_iso(when)
    with store.transaction() as tx:
        for feature, value in weights.items():
            tx.execute(
                "INSERT INTO profile_weights (profile, feature, weight, updated) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(profile, feature) DO UPDATE SET "
                "weight = excluded.weight, updated = excluded.updated",
                (profile, feature, value, stamp),
            )


def hidden_stories(store: Store, profile: str) -> set[str]:
    rows = store.conn.execute(
        "SELECT DISTINCT story_id FROM feedback WHERE profile = ? AND kind = 'hide' "
        "AND story_id IS NOT NULL",
        (profile,),
    )
    return {r[0] for r in rows}


def reset_weights(store: Store, profile: str, when: datetime) -> int:
    """Drop the profile's learned weights and log the reset; returns the weights dropped."""
    with store.transaction() as tx:
        cur = tx.execute("DELETE FROM profile_weights WHERE profile = ?", (profile,))
        tx.execute(
            "INSERT INTO feedback (profile, kind, created) VALUES (?, 'reset', ?)",
            (profile, to_iso(when)),
        )
    return int(cur.rowcount)
