"""The two engines side by side: the same stories and briefing, and copies between them."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import run_process

from newsbrief.briefing.assemble import build_briefing
from newsbrief.codec import briefing_dict
from newsbrief.demo import DEMO_SINCE, corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.search import search
from newsbrief.store import Store
from newsbrief.store.copy import CopyError, copy_store
from newsbrief.store.dialect import Schema, translate


def demo_store(store: Store) -> Any:
    import_paths(store, [str(corpus_path())])
    data = briefing_dict(build_briefing(store, since=DEMO_SINCE))
    data.pop("generated", None)
    return rounded(data)


def rounded(value: Any) -> Any:
    """Scores to two places: recency is measured from the moment each briefing is made."""
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


def stories(store: Store) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in store.stories()}


def test_the_demo_corpus_makes_the_same_stories_and_briefing_on_both(
    tmp_path, pg_databases, sqlite_file
):
    with (
        Store(sqlite_file(tmp_path / "s.db")) as lite,
        Store(pg_databases.url(tmp_path / "pg")) as pg,
    ):
        assert lite.engine == "sqlite" and pg.engine == "postgresql"
        briefing_lite, briefing_pg = demo_store(lite), demo_store(pg)
        assert stories(lite) == stories(pg)
        assert briefing_lite == briefing_pg
        for query in ("earthquake", "police arrested", '"stock market"', "microsoft patch"):
            hits_lite = search(lite, query, limit=10)
            hits_pg = search(pg, query, limit=10)
            assert hits_lite, query
            # BM25 as FTS5 computes it; the words differ a little (Porter and Snowball
            # stemmers, tokens), so the ranking is close, not identical.
            top_lite = {h.article_id for h in hits_lite[:5]}
            top_pg = {h.article_id for h in hits_pg[:5]}
            assert len(top_lite & top_pg) >= min(3, len(top_lite)), query


def test_copy_to_postgresql_and_back_verifies_and_resumes(tmp_path, pg_databases, sqlite_file):
    url = pg_databases.url(tmp_path / "pg")
    with Store(sqlite_file(tmp_path / "s.db")) as lite:
        demo_store(lite)
        with Store(url) as pg:
            # An interrupted copy: only the first batches of the articles arrived.
            from newsbrief.store.copy import copy_table, layout

            copy_table(lite, pg, layout(lite, pg, "sources"))
            first = layout(lite, pg, "articles")
            rows = lite.conn.execute(
                f"SELECT {', '.join(first.columns)} FROM articles ORDER BY id LIMIT 100"
            ).fetchall()
            with pg.transaction() as tx:
                tx.executemany(
                    f"INSERT INTO articles ({', '.join(first.columns)}) "
                    f"VALUES ({', '.join('?' * len(first.columns))})",
                    [tuple(r) for r in rows],
                )
            report = copy_store(lite, pg, batch=50)
            by_table = {r.table: r for r in report}
            assert by_table["articles"].rows == lite.article_count()
            assert by_table["articles"].copied == lite.article_count() - 100
            assert stories(pg) == stories(lite)
            assert [h.article_id for h in search(pg, "earthquake")]
            # New rows get new ids after the copied ones.
            pg.add_feedback("ana", "more")
        with Store(sqlite_file(tmp_path / "back.db")) as back, Store(url) as pg:
            copy_store(pg, back)
            assert stories(back) == stories(lite)
            assert back.article_count() == lite.article_count()


def test_a_copy_into_a_store_with_other_data_fails_verification(tmp_path):
    with Store(tmp_path / "a.db") as a, Store(tmp_path / "b.db") as b:
        a.add_feedback("ana", "more")
        b.add_feedback("bob", "less")
        b.add_feedback("bob", "less")
        with pytest.raises(CopyError, match="feedback differs"):
            copy_store(a, b)


def test_db_copy_command(tmp_path, pg_databases):
    home = tmp_path / "home"
    done = run_process("--home", str(home), "import", str(corpus_path()))
    assert done.returncode == 0, done.stderr
    url = pg_databases.url(tmp_path / "pg")
    done = run_process("--home", str(home), "db", "copy", "--to", url)
    assert done.returncode == 0, done.stderr
    assert "verified:" in done.stdout and "articles" in done.stdout
    assert "***" in done.stderr  # the password is not shown
    done = run_process("--home", str(home), "db", "copy", "--to", str(tmp_path / "no" / "x.db"))
    assert done.returncode == 2 and done.stderr.startswith("error: ")


def test_sqlite_statements_read_as_postgresql():
    schema = Schema()
    assert translate("SELECT x FROM t WHERE a = ? AND b LIKE '%a'", schema).sql == (
        "SELECT x FROM t WHERE a = %s AND b LIKE '%%a'"
    )
    assert translate("BEGIN IMMEDIATE", schema).sql == "BEGIN"
    assert translate("PRAGMA foreign_keys=ON", schema).sql is None
    got = translate("SELECT max(a, b), max(c), json_extract(data, '$.title') FROM t", schema)
    assert got.sql == "SELECT greatest(a, b), max(c), ((data)::jsonb #>> '{title}') FROM t"
    got = translate("CREATE TABLE t (id INTEGER PRIMARY KEY, v REAL, b BLOB) WITHOUT ROWID", schema)
    assert got.sql == (
        "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
        "v DOUBLE PRECISION, b BYTEA)"
    )
    got = translate("SELECT bm25(f, 3.0, 1.0) AS r FROM f WHERE a = ? AND f MATCH ?", schema)
    assert got.plan == (1, 0, 1)  # bm25 reads the query of the MATCH after it
