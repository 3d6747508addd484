"""What clustering keeps in the store between runs: term counts, open fragments, signatures.

Only fragments and signatures of recently active articles are kept (older ones can take no new
article), so what a run loads grows with the news of the last few days, not with the archive.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from newsbrief.store.db import Store
from newsbrief.stories.cluster import Group
from newsbrief.timeutil import now, parse_datetime, to_iso

DOCUMENTS_KEY = "cluster_documents"
# cluster_terms holds each term's count over all documents under the term itself, and its
# count over headline-only documents under the term behind this mark (no term starts with it).
SHORT_MARK = "^"


@dataclass
class Checkpoint:
    """Everything one step of clustering changed, written in one transaction."""

    assignments: list[tuple[str, str, str, str]] = field(default_factory=list)
    # (article id, story id, fragment id, report id)
    fragments: list[tuple[Group, str]] = field(default_factory=list)  # changed, with story
    moved: dict[str, str] = field(default_factory=dict)  # fragment -> its new story
    stories: dict[str, tuple[datetime | None, datetime | None]] = field(default_factory=dict)
    # story -> (created, updated) as far as this step knows
    merged: dict[str, str] = field(default_factory=dict)  # story that ended -> kept story
    split: dict[str, str] = field(default_factory=dict)  # new story -> story it split from
    df: dict[str, int] = field(default_factory=dict)  # document frequency increments
    short_df: dict[str, int] = field(default_factory=dict)  # ... among headline-only items
    docs: int = 0  # the document count after this step
    short_docs: int = 0  # ... of headline-only items
    signatures: list[tuple[str, datetime, bytes]] = field(default_factory=list)


@dataclass
class Documents:
    """Document counts and frequencies: all documents, and the headline-only ones."""

    docs: int = 0
    df: dict[str, int] = field(default_factory=dict)
    short_docs: int = 0
    short_df: dict[str, int] = field(default_factory=dict)
    by_kind: bool = True  # False: counted before the kinds were told apart (recount them)


def load_documents(store: Store) -> Documents:
    """The document counts and every term's document frequencies."""
    state = store.load_blob(DOCUMENTS_KEY) or {}
    out = Documents(
        docs=int(state.get("docs", 0)),
        short_docs=int(state.get("short_docs", 0)),
        by_kind="short_docs" in state or not state,
    )
    for term, df in store.conn.execute("SELECT term, df FROM cluster_terms"):
        if term.startswith(SHORT_MARK):
            out.short_df[term[len(SHORT_MARK) :]] = int(df)
        else:
            out.df[term] = int(df)
    return out


def replace_documents(store: Store, documents: Documents) -> None:
    """Replace every document count and frequency (a recount), in one transaction."""
    rows = list(documents.df.items())
    rows += [(SHORT_MARK + t, n) for t, n in documents.short_df.items()]
    counts = {"docs": documents.docs, "short_docs": documents.short_docs}
    with store.transaction() as tx:
        tx.execute("DELETE FROM cluster_terms")
        tx.executemany("INSERT INTO cluster_terms (term, df) VALUES (?, ?)", rows)
        tx.execute(
            "INSERT OR REPLACE INTO cluster_state (key, data, updated) VALUES (?, ?, ?)",
            (DOCUMENTS_KEY, zlib.compress(json.dumps(counts).encode()), to_iso(now())),
        )


def load_fragments(store: Store, since: datetime) -> Iterator[tuple[Group, str]]:
    """Fragments active since a time, with their story."""
    rows = store.conn.execute(
        "SELECT * FROM cluster_fragments WHERE seen >= ? OR seen IS NULL", (to_iso(since),)
    )
    for row in rows:
        yield _group(row), row["story_id"]


def load_signatures(store: Store, since: datetime) -> Iterator[tuple[str, str, bytes]]:
    """(article id, report id, MinHash values) of articles seen since a time, oldest first."""
    rows = store.conn.execute(
        "SELECT s.article_id, coalesce(a.report_id, a.id), s.minhash FROM article_signatures s "
        "JOIN articles a ON a.id = s.article_id WHERE s.seen >= ? ORDER BY s.seen, a.rowid",
        (to_iso(since),),
    )
    for row in rows:
        yield row[0], row[1], row[2]


def report_by_hash(store: Store, content_hash: str) -> str | None:
    """The report of the first clustered article with this text, if any."""
    row = store.conn.execute(
        "SELECT coalesce(report_id, id) FROM articles WHERE content_hash = ? "
        "AND report_id IS NOT NULL ORDER BY rowid LIMIT 1",
        (content_hash,),
    ).fetchone()
    return row[0] if row else None


def report_by_url(store: Store, url: str) -> str | None:
    """The report of the first clustered article at this (canonical) address, if any."""
    row = store.conn.execute(
        "SELECT coalesce(report_id, id) FROM articles WHERE canonical_url = ? "
        "AND report_id IS NOT NULL ORDER BY rowid LIMIT 1",
        (url,),
    ).fetchone()
    return row[0] if row else None


def story_exists(store: Store, story_id: str) -> bool:
    row = store.conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone()
    return row is not None


def needs_rebuild(store: Store) -> bool:
    """Articles are in stories but no clustering state was kept (a store from before it)."""
    if store.conn.execute("SELECT 1 FROM cluster_terms LIMIT 1").fetchone():
        return False
    return store.conn.execute("SELECT 1 FROM story_articles LIMIT 1").fetchone() is not None


def save(store: Store, step: Checkpoint) -> None:
    """Write one step atomically: a crash leaves the store as before or after, never between."""
    stamp = to_iso(now())
    counts = {"docs": step.docs, "short_docs": step.short_docs}
    with store.transaction() as tx:
        for sid, (created, updated) in step.stories.items():
            first = to_iso(created) or stamp
            last = to_iso(updated) or first
            tx.execute(
                "INSERT INTO stories (id, created, updated) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET created = min(created, excluded.created), "
                "updated = max(updated, excluded.updated), merged_into = NULL",
                (sid, first, last),
            )
        tx.executemany(
            "INSERT OR REPLACE INTO story_articles (article_id, story_id, added, fragment) "
            "VALUES (?, ?, ?, ?)",
            [(aid, sid, stamp, fid) for aid, sid, fid, _ in step.assignments],
        )
        tx.executemany(
            "UPDATE articles SET report_id = ? WHERE id = ?",
            [(report, aid) for aid, _, _, report in step.assignments],
        )
        # Moving keeps each article's "added" time: a regrouped story is not new news.
        tx.executemany(
            "UPDATE story_articles SET story_id = ? WHERE fragment = ?",
            [(sid, fid) for fid, sid in step.moved.items()],
        )
        for gone, kept in step.merged.items():
            tx.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (kept, gone))
            tx.execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (kept, gone))
            tx.execute(
                "INSERT INTO story_changes (story_id, kind, other, at) VALUES (?, 'merge', ?, ?)",
                (gone, kept, stamp),
            )
        for new, origin in step.split.items():
            tx.execute(
                "INSERT INTO story_changes (story_id, kind, other, at) VALUES (?, 'split', ?, ?)",
                (new, origin, stamp),
            )
        tx.executemany(
            "INSERT OR REPLACE INTO cluster_fragments (id, story_id, size, short, dated, norm2, "
            "first, last, hours, hours2, seen, created, first_article, vector, embedding, "
            "languages, written, headline_names) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_fragment_row(group, sid) for group, sid in step.fragments],
        )
        tx.executemany(
            "INSERT INTO cluster_terms (term, df) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            list(step.df.items()) + [(SHORT_MARK + t, n) for t, n in step.short_df.items()],
        )
        tx.executemany(
            "INSERT OR REPLACE INTO article_signatures (article_id, seen, minhash) "
            "VALUES (?, ?, ?)",
            [(aid, to_iso(seen), sig) for aid, seen, sig in step.signatures],
        )
        tx.execute(
            "INSERT OR REPLACE INTO cluster_state (key, data, updated) VALUES (?, ?, ?)",
            (DOCUMENTS_KEY, zlib.compress(json.dumps(counts).encode()), stamp),
        )


def forget_before(store: Store, cutoff: datetime) -> None:
    """Drop fragments and signatures quiet since before ``cutoff``: nothing can join them."""
    with store.transaction() as tx:
        tx.execute("DELETE FROM cluster_fragments WHERE seen < ?", (to_iso(cutoff),))
        tx.execute("DELETE FROM article_signatures WHERE seen < ?", (to_iso(cutoff),))


def new_since(store: Store, story_ids: list[str], since: datetime) -> dict[str, int]:
    """How many articles of each story the store first saw at or after ``since``."""
    out = dict.fromkeys(story_ids, 0)
    for start in range(0, len(story_ids), 500):
        chunk = story_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            "SELECT sa.story_id, count(*) FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id "
            f"WHERE a.first_seen >= ? AND sa.story_id IN ({marks}) GROUP BY sa.story_id",
            [to_iso(since), *chunk],
        )
        out.update({r[0]: int(r[1]) for r in rows})
    return out


def articles_since(store: Store, since: datetime) -> list[str]:
    """Ids of the articles the store first saw at or after ``since``, oldest first."""
    rows = store.conn.execute(
        "SELECT id FROM articles WHERE first_seen >= ? ORDER BY first_seen, rowid",
        (to_iso(since),),
    )
    return [r[0] for r in rows]


def story_changes(store: Store, story_id: str) -> list[dict[str, str]]:
    """Merges and splits that involve a story, oldest first."""
    rows = store.conn.execute(
        "SELECT story_id, kind, other, at FROM story_changes WHERE story_id = ? OR other = ? "
        "ORDER BY id",
        (story_id, story_id),
    )
    return [dict(r) for r in rows]


def _fragment_row(group: Group, story_id: str) -> tuple[object, ...]:
    vector = {t: round(w, 5) for t, w in group.vector.items()}
    blob = zlib.compress(json.dumps(vector, separators=(",", ":")).encode("utf-8"), 3)
    # float32 in machine order, as numpy's float32 arrays were stored (array: no numpy import)
    embedding = array("f", group.embedding).tobytes() if group.embedding is not None else None
    return (
        group.id,
        story_id,
        group.size,
        group.short,
        group.dated,
        group.norm2,
        to_iso(group.first),
        to_iso(group.last),
        group.hours,
        group.hours2,
        to_iso(group.seen),
        to_iso(group.created),
        group.first_article,
        blob,
        embedding,
        ",".join(sorted(group.languages)),
        group.written,
        ",".join(sorted(group.headline_names)),
    )


def _floats(blob: bytes) -> list[float]:
    values = array("f")
    values.frombytes(blob)
    return values.tolist()


def _group(row: sqlite3.Row) -> Group:
    get = row.__getitem__
    embedding = get("embedding")
    return Group(
        id=get("id"),
        vector=json.loads(zlib.decompress(get("vector"))),
        norm2=float(get("norm2")),
        size=int(get("size")),
        short=int(get("short")),
        dated=int(get("dated")),
        first=parse_datetime(get("first")),
        last=parse_datetime(get("last")),
        hours=float(get("hours")),
        hours2=float(get("hours2")),
        seen=parse_datetime(get("seen")),
        created=parse_datetime(get("created")),
        first_article=get("first_article"),
        embedding=_floats(embedding) if embedding else None,
        languages=frozenset(filter(None, (get("languages") or "").split(","))),
        written=int(get("written") or 0),
        headline_names=frozenset(filter(None, (get("headline_names") or "").split(","))),
    )


def clustered_article_ids(store: Store) -> list[str]:
    """Every article that belongs to a story."""
    rows = store.conn.execute(
        "SELECT a.id FROM articles a JOIN story_articles s ON s.article_id = a.id"
    ).fetchall()
    return [r[0] for r in rows]


def set_fragments(store: Store, fragments: list[tuple[Group, str]]) -> None:
    """Each story's articles belong to the fragment given with it (one transaction)."""
    with store.transaction() as tx:
        for group, story_id in fragments:
            tx.execute(
                "UPDATE story_articles SET fragment = ? WHERE story_id = ?", (group.id, story_id)
            )
