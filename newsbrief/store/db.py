"""All reads and writes of the store: an SQLite file (the default) or a PostgreSQL database.

One connection per Store, in autocommit mode with explicit transactions, so each write (one
article, one story assignment) is atomic and a crash leaves nothing half-written. The
``database_url`` setting (``NEWSBRIEF_DATABASE_URL``) chooses PostgreSQL; the statements are
written once, in SQLite's dialect, and the connection layer runs them on either engine
(``store/engine.py``, ``store/postgres.py``, ``store/dialect.py``).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from newsbrief import config
from newsbrief.limits import capped
from newsbrief.models import Article, ArticleMeta, Profile, Story, StoryDigest
from newsbrief.store import migrations
from newsbrief.store.engine import Connection, connect
from newsbrief.store.postgres import PgConnection, is_url, redact, scratch_schema
from newsbrief.timeutil import now, parse_datetime, to_iso

DB_NAME = "newsbrief.db"

_ARTICLE_COLUMNS = (
    "id, source_id, outlet, title, text, raw, url, canonical_url, content_hash, "
    "published, first_seen, language, label, report_id, guid, partial, author, image, written"
)


def store_target(home: Path) -> str | Path:
    """Where a data folder's store is: the ``database_url`` setting, else its SQLite file."""
    url = config.load(home).database_url.strip()
    if url and not is_url(url):
        raise config.ConfigError(
            f"setting database_url: {url!r} is not a postgresql:// URL (leave it empty for the "
            "SQLite file in the data folder)"
        )
    return url or home / DB_NAME


@contextmanager
def scratch_store(home: Path | None = None) -> Iterator[Store]:
    """A new, empty store for one command's work (a file clustered, an evaluation), removed
    afterwards: a schema of its own in the ``database_url`` database when one is set (the data
    folder's setting, else ``NEWSBRIEF_DATABASE_URL``), else an SQLite file in a temporary
    folder. Evaluations so measure the engine the reader uses."""
    import os
    import tempfile

    target = store_target(home) if home is not None else None
    url = str(target) if is_url(target) else ""
    if home is None:
        url = os.environ.get("NEWSBRIEF_DATABASE_URL", "").strip()
        if url and not is_url(url):
            raise config.ConfigError(
                f"NEWSBRIEF_DATABASE_URL: {url!r} is not a postgresql:// URL (leave it empty for "
                "an SQLite file)"
            )
    if url:
        with scratch_schema(url) as scratch, Store(scratch, home) as store:
            yield store
        return
    with (
        tempfile.TemporaryDirectory(prefix="newsbrief-") as tmp,
        Store(Path(tmp) / DB_NAME, home) as store,
    ):
        yield store


def open_store(home: str | Path | None = None) -> Store:
    """The store of a data folder (``--home``, ``NEWSBRIEF_HOME`` or the per-user folder)."""
    folder = config.home_dir(home)
    return Store(store_target(folder), home=folder)


class Store:
    def __init__(self, target: str | Path, home: Path | None = None) -> None:
        """A store in an SQLite file, or in a PostgreSQL database given by URL.

        ``home`` is the data folder (settings, model files); by default the SQLite file's
        folder, or the default data folder.
        """
        self.url: str | None = str(target) if is_url(target) else None
        self.path: Path | None = None if self.url else Path(target)
        self.home = home or (self.path.parent if self.path else config.home_dir())
        self.engine = "postgresql" if self.url else "sqlite"
        self.conn: Connection = connect(self.url or Path(target))
        try:
            migrations.apply(self.conn)
        except BaseException:
            self.conn.close()
            raise

    @property
    def location(self) -> str:
        """Where the store is, to show (a URL without its password)."""
        return redact(self.url) if self.url else str(self.path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic write: everything inside commits together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Work no other process may do at the same time (clustering): on PostgreSQL an
        advisory lock, waited for; on SQLite, where one writer writes at a time, nothing."""
        if not isinstance(self.conn, PgConnection):
            yield
            return
        self.conn.lock(name)
        try:
            yield
        finally:
            self.conn.unlock(name)

    # sources -----------------------------------------------------------------------------

    def ensure_source(self, kind: str, url: str, name: str | None = None) -> int:
        row = self.conn.execute("SELECT id FROM sources WHERE url = ?", (url,)).fetchone()
        if row:
            return int(row[0])
        with self.transaction() as tx:
            cur = tx.execute(
                "INSERT INTO sources (kind, url, name, created) VALUES (?, ?, ?, ?)",
                (kind, url, name, to_iso(now())),
            )
        return int(cur.lastrowid or 0)

    # articles ----------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def add_article(self, article: Article) -> bool:
        """Store one article atomically; False when an article with its id is already stored."""
        return self.add_articles([article])[0]

    def add_articles(self, articles: Sequence[Article]) -> list[bool]:
        """Store articles in one transaction (one commit, which is what a write costs on a
        disk-backed database); for each, False when an article with its id was already stored.
        All or none: a failure leaves the store as it was."""
        # Imported here: sentence splitting pulls in text repair and HTML parsing, which a
        # command that only reads the store never needs.
        from newsbrief.text.search_sentences import article_sentences

        added: list[bool] = []
        rows: list[tuple[str, int, str]] = []
        with self.transaction() as tx:
            for article in articles:
                article = capped(article)
                cur = tx.execute(
                    f"INSERT OR IGNORE INTO articles ({_ARTICLE_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        article.source_id,
                        article.source,
                        article.title,
                        article.text,
                        article.raw,
                        article.url,
                        article.canonical_url,
                        article.content_hash,
                        to_iso(article.published),
                        to_iso(article.first_seen or now()),
                        article.language,
                        article.label,
                        None,
                        article.guid,
                        int(article.partial),
                        article.author,
                        article.image,
                        to_iso(article.written),
                    ),
                )
                added.append(cur.rowcount > 0)
                if added[-1]:
                    sentences = article_sentences(article.title, article.text)
                    rows.extend((article.id, i, s) for i, s in enumerate(sentences))
            if rows:  # one round trip for all the articles' sentences
                tx.executemany(
                    "INSERT INTO sentences (article_id, position, text) VALUES (?, ?, ?)", rows
                )
        return added

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        """Articles by id, in the order asked; unknown ids are skipped."""
        found: dict[str, Article] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
            ):
                found[row["id"]] = _article(row)
        return [found[i] for i in ids if i in found]

    def article_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def unclustered_ids(self) -> list[str]:
        """Ids of the articles in no story yet, oldest first (publication, else first seen)."""
        rows = self.conn.execute(
            "SELECT id FROM articles a "
            "WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id) "
            "ORDER BY coalesce(published, first_seen), rowid"
        )
        return [r[0] for r in rows]

    def unclustered_undated_ids(self) -> set[str]:
        """Ids of the articles in no story yet that have no publication time."""
        rows = self.conn.execute(
            "SELECT id FROM articles a WHERE published IS NULL AND "
            "NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id)"
        )
        return {r[0] for r in rows}

    def unclustered_articles(self) -> list[Article]:
        """Articles in no story yet, oldest first (publication time, else first seen)."""
        rows = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a "
            "WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id) "
            "ORDER BY coalesce(published, first_seen), rowid"
        )
        return [_article(row) for row in rows]

    def report_ids(self, ids: Sequence[str]) -> dict[str, str]:
        """The syndication group (report) of each article; an article is its own by default."""
        out: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT id, report_id FROM articles WHERE id IN ({marks})", chunk
            ):
                out[row[0]] = row[1] or row[0]
        return out

    def articles_by_hash(self, content_hash: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY rowid", (content_hash,)
        )
        return [r[0] for r in rows]

    # stories -----------------------------------------------------------------------------

    def assign(self, article_id: str, story_id: str, report_id: str, when: datetime) -> None:
        """Put an article in a story (creating the story if new), atomically."""
        stamp = to_iso(when)
        with self.transaction() as tx:
            tx.execute(
                "INSERT INTO stories (id, created, updated) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET updated = max(updated, excluded.updated)",
                (story_id, stamp, stamp),
            )
            tx.execute(
                "INSERT OR REPLACE INTO story_articles (article_id, story_id, added) "
                "VALUES (?, ?, ?)",
                (article_id, story_id, to_iso(now())),
            )
            tx.execute("UPDATE articles SET report_id = ? WHERE id = ?", (report_id, article_id))

    def story_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks})",
                chunk,
            ):
                out[row[0]] = row[1]
        return out

    def stories(self, active_since: datetime | None = None) -> list[Story]:
        """Stories with their article ids (oldest article first), most recently updated first."""
        query = "SELECT id, created, updated FROM stories WHERE merged_into IS NULL"
        params: list[Any] = []
        if active_since is not None:
            query += " AND updated >= ?"
            params.append(to_iso(active_since))
        query += " ORDER BY updated DESC, id"
        stories = {
            row["id"]: Story(
                id=row["id"],
                created=parse_datetime(row["created"]),
                updated=parse_datetime(row["updated"]),
            )
            for row in self.conn.execute(query, params)
        }
        if not stories:
            return []
        rows = self.conn.execute(
            "SELECT sa.story_id, sa.article_id FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id "
            "ORDER BY coalesce(a.published, a.first_seen), a.rowid"
        )
        for row in rows:
            story = stories.get(row[0])
            if story is not None:
                story.article_ids.append(row[1])
        return list(stories.values())

    def story_added_times(self, story_id: str) -> dict[str, datetime]:
        """When the store learned of each article of a story."""
        rows = self.conn.execute(
            "SELECT article_id, added FROM story_articles WHERE story_id = ?", (story_id,)
        )
        return {r[0]: parse_datetime(r[1]) or now() for r in rows}

    def load_blob(self, key: str) -> dict[str, Any] | None:
        """A JSON document saved with ``save_blob``, or None."""
        row = self.conn.execute("SELECT data FROM cluster_state WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = json.loads(zlib.decompress(row[0]))
        return data

    def save_blob(self, key: str, data: dict[str, Any]) -> None:
        blob = zlib.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"), 3)
        with self.transaction() as tx:
            tx.execute(
                "INSERT OR REPLACE INTO cluster_state (key, data, updated) VALUES (?, ?, ?)",
                (key, blob, to_iso(now())),
            )

    def story_digests(self, active_since: datetime | None = None) -> list[StoryDigest]:
        """Stories active in a window with their articles' metadata (no text), in one query.

        What ranking needs: who reported what and when, without loading article bodies.
        """
        query = (
            "SELECT s.id, s.created, s.updated, a.id, a.title, a.outlet, a.url, a.published, "
            "a.first_seen, a.report_id, sa.added FROM stories s "
            "JOIN story_articles sa ON sa.story_id = s.id "
            "JOIN articles a ON a.id = sa.article_id WHERE s.merged_into IS NULL"
        )
        params: list[Any] = []
        if active_since is not None:
            query += " AND s.updated >= ?"
            params.append(to_iso(active_since))
        query += " ORDER BY coalesce(a.published, a.first_seen), a.rowid"
        digests: dict[str, StoryDigest] = {}
        for row in self.conn.execute(query, params):
            digest = digests.get(row[0])
            if digest is None:
                digest = digests[row[0]] = StoryDigest(
                    id=row[0], created=parse_datetime(row[1]), updated=parse_datetime(row[2])
                )
            digest.articles.append(
                ArticleMeta(
                    id=row[3],
                    title=row[4],
                    source=row[5],
                    url=row[6],
                    published=parse_datetime(row[7]),
                    first_seen=parse_datetime(row[8]),
                    report=row[9] or row[3],
                    added=parse_datetime(row[10]),
                )
            )
        return sorted(digests.values(), key=lambda d: (d.updated is None, d.updated, d.id))

    # write-ups ---------------------------------------------------------------------------

    def get_writeup(self, story_id: str, key: str) -> dict[str, Any] | None:
        """A stored write-up of a story, if it was made from the same inputs (``key``)."""
        row = self.conn.execute(
            "SELECT data FROM writeups WHERE story_id = ? AND key = ?", (story_id, key)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def save_writeups(self, items: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        """Store write-ups as (story id, key, data), replacing older ones, in one transaction."""
        if not items:
            return
        stamp = to_iso(now())
        with self.transaction() as tx:
            tx.executemany(
                "INSERT INTO writeups (story_id, key, data, created) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(story_id) DO UPDATE SET key = excluded.key, data = excluded.data, "
                "created = excluded.created",
                [(sid, key, json.dumps(data), stamp) for sid, key, data in items],
            )

    # profiles ----------------------------------------------------------------------------

    def get_profile(self, name: str) -> Profile | None:
        row = self.conn.execute("SELECT data FROM profiles WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        data = json.loads(row[0])
        known = {k: v for k, v in data.items() if k in Profile.__dataclass_fields__}
        return Profile(**known)

    def save_profile(self, profile: Profile) -> None:
        stamp = to_iso(now())
        with self.transaction() as tx:
            tx.execute(
                "INSERT INTO profiles (name, data, created, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET data = excluded.data, updated = excluded.updated",
                (profile.name, json.dumps(asdict(profile)), stamp, stamp),
            )

    def list_profiles(self) -> list[Profile]:
        names = [r[0] for r in self.conn.execute("SELECT name FROM profiles ORDER BY name")]
        return [p for n in names if (p := self.get_profile(n)) is not None]

    def delete_profile(self, name: str) -> bool:
        with self.transaction() as tx:
            cur = tx.execute("DELETE FROM profiles WHERE name = ?", (name,))
        return cur.rowcount > 0

    # feedback ----------------------------------------------------------------------------

    def add_feedback(
        self, profile: str, kind: str, story_id: str | None = None, target: str | None = None
    ) -> None:
        with self.transaction() as tx:
            tx.execute(
                "INSERT INTO feedback (profile, story_id, target, kind, created) "
                "VALUES (?, ?, ?, ?, ?)",
                (profile, story_id, target, kind, to_iso(now())),
            )

    def feedback(self, profile: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT story_id, target, kind, created FROM feedback WHERE profile = ? ORDER BY id",
            (profile,),
        )
        return [dict(r) for r in rows]


def _article(row: Any) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        url=row["url"],
        source=row["outlet"],
        published=parse_datetime(row["published"]),
        first_seen=parse_datetime(row["first_seen"]),
        canonical_url=row["canonical_url"],
        content_hash=row["content_hash"],
        language=row["language"],
        raw=row["raw"],
        source_id=row["source_id"],
        label=row["label"],
        guid=row["guid"],
        partial=bool(row["partial"]),
        author=row["author"],
        image=row["image"],
        written=parse_datetime(row["written"]),
    )
