from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from newsbrief.models import Article, Profile
from newsbrief.store import Store
from newsbrief.store.migrations import MIGRATIONS, apply


def test_migrations_from_a_blank_database(tmp_path):
    path = tmp_path / "blank.db"
    sqlite3.connect(path).close()
    with Store(path) as store:
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        for table in ("sources", "articles", "stories", "story_articles", "profiles",
                      "feedback", "briefings", "migrations"):  # fmt: skip
            assert table in tables
        applied = [r[0] for r in store.conn.execute("SELECT name FROM migrations ORDER BY name")]
        assert applied == [name for name, _ in MIGRATIONS]
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # Opening again applies nothing twice.
    with Store(path) as store:
        assert apply(store.conn) == []


def test_a_failing_migration_leaves_no_trace(tmp_path, monkeypatch):
    from newsbrief.store import migrations

    broken = [*MIGRATIONS, ("999_broken", "CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);")]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    path = tmp_path / "s.db"
    with pytest.raises(sqlite3.OperationalError):
        Store(path)
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half" not in names
    assert "999_broken" not in {r[0] for r in conn.execute("SELECT name FROM migrations")}


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
