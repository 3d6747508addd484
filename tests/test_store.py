from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from datetime import UTC, datetime

import pytest

from newsbrief.models import Article, Profile
from newsbrief.store import Store
from newsbrief.store.migrations import MIGRATIONS, apply

pytestmark = pytest.mark.engines


def tables(store: Store) -> set[str]:
    if store.engine == "sqlite":
        return {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    rows = store.conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    return {r[0] for r in rows}


def test_migrations_from_a_blank_database(tmp_path):
    path = tmp_path / "blank.db"
    sqlite3.connect(path).close()
    with Store(path) as store:
        for table in ("sources", "articles", "stories", "story_articles", "profiles",
                      "feedback", "briefings", "migrations", "articles_fts"):  # fmt: skip
            assert table in tables(store)
        applied = [r[0] for r in store.conn.execute("SELECT name FROM migrations ORDER BY name")]
        assert applied == [name for name, _ in MIGRATIONS]
        if store.engine == "sqlite":
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # Opening again applies nothing twice.
    with Store(path) as store:
        assert apply(store.conn) == []


def test_a_failing_migration_leaves_no_trace(tmp_path, monkeypatch):
    from newsbrief.store import migrations

    with Store(tmp_path / "s.db") as store:
        before = tables(store)
    broken = [
        *MIGRATIONS,
        ("999_broken", "CREATE TABLE half (x TEXT); INSERT INTO nowhere VALUES (1);"),
    ]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError):
        Store(tmp_path / "s.db")
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS)
    with Store(tmp_path / "s.db") as store:
        assert tables(store) == before
        names = {r[0] for r in store.conn.execute("SELECT name FROM migrations")}
        assert "999_broken" not in names


def test_an_article_write_is_all_or_nothing(tmp_path):
    with Store(tmp_path / "s.db") as store:
        article = Article(id="x", title="T", text="body", content_hash="h")
        with pytest.raises(RuntimeError), store.transaction() as tx:
            tx.execute(
                "INSERT INTO articles (id, title, text, content_hash, first_seen) "
                "VALUES ('y', 't', '', 'h', '2020-01-01')"
            )
            raise RuntimeError("crash mid-write")
        assert store.article_count() == 0
        assert store.add_article(article) is True
        assert store.add_article(article) is False
        assert store.article_count() == 1


def test_story_assignment_and_profiles(tmp_path):
    when = datetime(2024, 5, 1, 12, tzinfo=UTC)
    with Store(tmp_path / "s.db") as store:
        store.add_article(Article(id="a", title="A", content_hash="1", published=when))
        store.assign("a", "s1", "a", when)
        assert store.story_of(["a"]) == {"a": "s1"}
        [story] = store.stories()
        assert story.article_ids == ["a"] and story.updated == when
        store.save_profile(Profile(name="ana", role="analyst", follow=["Airbus"]))
        loaded = store.get_profile("ana")
        assert loaded is not None and loaded.follow == ["Airbus"]
        assert store.delete_profile("ana") and store.get_profile("ana") is None


def test_rows_read_by_name_and_by_position_and_as_dicts(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_feedback("ana", "more", story_id="s1")
        row = store.conn.execute("SELECT profile, kind, story_id FROM feedback").fetchone()
        assert row["kind"] == row[1] == "more"
        assert tuple(row) == ("ana", "more", "s1")
        [given] = store.feedback("ana")
        assert given["story_id"] == "s1" and given["kind"] == "more" and given["target"] is None
        profile, kind, story = row
        assert (profile, kind, story) == ("ana", "more", "s1")


def test_replace_sets_the_columns_it_does_not_name_anew(tmp_path):
    """INSERT OR REPLACE deletes the row in the way: a column it leaves out is reset."""
    when = datetime(2024, 5, 1, 12, tzinfo=UTC)
    with Store(tmp_path / "s.db") as store:
        store.add_article(Article(id="a", title="A", content_hash="1", published=when))
        store.assign("a", "s1", "a", when)
        with store.transaction() as tx:
            tx.execute("UPDATE story_articles SET fragment = 'f1' WHERE article_id = 'a'")
        store.assign("a", "s2", "a", when)
        row = store.conn.execute("SELECT story_id, fragment FROM story_articles").fetchone()
        assert tuple(row) == ("s2", None)


def test_nulls_sort_first_as_in_sqlite(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for i, published in enumerate([datetime(2024, 5, 2, tzinfo=UTC), None]):
            store.add_article(
                Article(id=f"a{i}", title="T", content_hash=str(i), published=published)
            )
        ids = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY published")]
        assert ids == ["a1", "a0"]
        ids = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY published DESC")]
        assert ids == ["a0", "a1"]


def test_upserts_add_to_what_is_stored(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for _ in range(2):
            with store.transaction() as tx:
                tx.executemany(
                    "INSERT INTO cluster_terms (term, df) VALUES (?, ?) "
                    "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                    [("airbus", 2), ("boeing", 1)],
                )
        rows = store.conn.execute("SELECT term, df FROM cluster_terms ORDER BY term").fetchall()
        assert [tuple(r) for r in rows] == [("airbus", 4), ("boeing", 2)]


def test_an_integrity_error_is_the_same_error_on_both_engines(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as tx:
            tx.execute("INSERT INTO web_secrets (name, value, created) VALUES ('k', 'v', 'now')")
        with pytest.raises(sqlite3.IntegrityError), store.transaction() as tx:
            tx.execute("INSERT INTO web_secrets (name, value, created) VALUES ('k', 'w', 'now')")
        # The failed transaction was rolled back; the store goes on working.
        assert store.conn.execute("SELECT value FROM web_secrets").fetchone()[0] == "v"


def test_many_writers_at_once(tmp_path):
    """Threads, each with its own connection, write at the same time; nothing is lost."""
    path = tmp_path / "s.db"
    Store(path).close()
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            with Store(path) as store:
                for i in range(20):
                    store.add_article(
                        Article(id=f"w{worker}-{i}", title=f"T {i}", content_hash=f"{worker}{i}")
                    )
                    store.add_feedback("ana", "more", story_id=f"s{worker}")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(path) as store:
        assert store.article_count() == 120
        assert len(store.feedback("ana")) == 120


def test_clustering_waits_for_another_process_clustering(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as first, Store(path) as second:
        if first.engine == "sqlite":
            # One writer at a time is SQLite's own rule; there is no lock to test.
            with first.exclusive("clustering"), second.exclusive("clustering"):
                return
        entered: list[float] = []
        with first.exclusive("clustering"):

            def other() -> None:
                with second.exclusive("clustering"):
                    entered.append(time.monotonic())

            thread = threading.Thread(target=other)
            thread.start()
            time.sleep(0.3)
            assert entered == []  # still waiting
            released = time.monotonic()
        thread.join(timeout=10)
        assert entered and entered[0] >= released


def test_texts_with_no_latin_word_stored_before_get_their_own_hash_and_report(tmp_path):
    from newsbrief.ingest.files import make_article
    from newsbrief.stories.pipeline import process

    texts = {
        "ru1": ("Пожар на складе", "Крупный пожар уничтожил склад в Подмосковье вечером."),
        "ru2": ("Наводнение в Сочи", "Наводнение затопило улицы Сочи после сильных дождей."),
        "ru3": ("Пожар на складе", "Крупный пожар уничтожил склад в Подмосковье вечером."),
        "en1": ("Fire at a warehouse", "A large fire destroyed a warehouse near Leeds tonight."),
    }
    path = tmp_path / "s.db"
    with Store(path) as store:
        for i, (aid, (title, text)) in enumerate(texts.items()):
            store.add_article(
                make_article(article_id=aid, title=title, text=text, url=None,
                             source=f"outlet{i}.example", published=None,
                             seen_at=datetime(2026, 12, 1, i, tzinfo=UTC))
            )  # fmt: skip
        process(store, embedder=False)
        hashes = dict(store.conn.execute("SELECT id, content_hash FROM articles").fetchall())
        # The store as the previous release left it: one hash for every text with no Latin
        # word, and each such article a copy of the first.
        old = hashlib.sha256(b"\n").hexdigest()
        for aid in ("ru1", "ru2", "ru3"):
            store.conn.execute(
                "UPDATE articles SET content_hash = ?, report_id = 'ru1' WHERE id = ?", (old, aid)
            )
        store.conn.execute("DELETE FROM migrations WHERE name = '020_copy_hashes'")
        store.conn.commit()
    with Store(path) as store:
        again = dict(store.conn.execute("SELECT id, content_hash FROM articles").fetchall())
        reports = store.report_ids(list(texts))
    assert again == hashes and len(set(hashes.values())) == 3
    assert reports == {"ru1": "ru1", "ru2": "ru2", "ru3": "ru1", "en1": "en1"}
