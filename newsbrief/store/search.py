"""Queries on the search indexes of articles (SQLite FTS5; PostgreSQL's tsvector columns
answer the same statements, see ``store/dialect.py``).

Every order is total (ties go by row number, as FTS5 and SQLite's sorter leave them): on
PostgreSQL rows of equal rank come back in any order, and an answer or a page of results
must not change with it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsbrief.store.db import Store
from newsbrief.timeutil import to_iso


def window_clauses(
    since: datetime | None, until: datetime | None
) -> tuple[list[str], list[object]]:
    """SQL conditions (and their parameters) keeping articles ``a`` dated within a window;
    an undated article counts from when it was first seen."""
    where: list[str] = []
    params: list[object] = []
    if since is not None:
        where.append("coalesce(a.published, a.first_seen) >= ?")
        params.append(to_iso(since))
    if until is not None:
        where.append("coalesce(a.published, a.first_seen) < ?")
        params.append(to_iso(until))
    return where, params


def _article_filters(
    since: datetime | None,
    until: datetime | None,
    sources: list[str] | None,
    contains: list[str],
) -> tuple[list[str], list[object]]:
    """Conditions on articles ``a``: the window, the outlets, and words each of which the title
    or the text must contain as written (Chinese and Japanese, which the index cannot find
    inside a run of characters; nothing in them is special to LIKE)."""
    filters, params = window_clauses(since, until)
    if sources:
        filters.append(f"a.outlet IN ({','.join('?' * len(sources))})")
        params.extend(sources)
    for term in contains:
        filters.append("(a.title LIKE ? OR a.text LIKE ?)")
        params.extend([f"%{term}%", f"%{term}%"])
    return filters, params


def matches(
    store: Store,
    match: str,
    since: datetime | None,
    until: datetime | None,
    sources: list[str] | None,
    limit: int,
    offset: int,
    marks: tuple[str, str],
    contains: list[str] | None = None,
) -> list[dict[str, Any]]:
    """The best articles matching an FTS5 query (and containing every word of ``contains``),
    best first: id, title, outlet, url, published, story_id, rank (BM25, lower is better) and
    snip (matches between the two ``marks``)."""
    open_mark, close_mark = marks
    filters, params = _article_filters(since, until, sources, contains or [])
    # Title matches weigh more than body matches. The best rows are chosen first and only they
    # get snippets: a snippet re-reads its document, and a common word matches thousands.
    sql = (
        "WITH top AS (SELECT articles_fts.rowid AS row, bm25(articles_fts, 3.0, 1.0) AS rank "
        "FROM articles_fts "
        + ("JOIN articles a ON a.rowid = articles_fts.rowid " if filters else "")
        + f"WHERE {' AND '.join(['articles_fts MATCH ?', *filters])} "
        "ORDER BY rank, articles_fts.rowid LIMIT ? OFFSET ?) "
        "SELECT a.id, a.title, a.outlet, a.url, a.published, "
        "sa.story_id, top.rank, "
        f"snippet(articles_fts, -1, '{open_mark}', '{close_mark}', '…', 24) AS snip "
        "FROM top JOIN articles_fts ON articles_fts.rowid = top.row "
        "JOIN articles a ON a.rowid = top.row "
        "LEFT JOIN story_articles sa ON sa.article_id = a.id "
        "WHERE articles_fts MATCH ? ORDER BY top.rank, top.row"
    )
    rows = store.conn.execute(sql, [match, *params, limit, offset, match])
    return [dict(zip(row.keys(), row, strict=True)) for row in rows]


def containing(
    store: Store,
    terms: list[str],
    every: bool,
    since: datetime | None,
    until: datetime | None,
    sources: list[str] | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    """Articles whose title or text contains every one of ``terms`` (or, not ``every``, any
    of them) as written, best first: the columns of ``matches`` with ``text`` in place of
    ``snip``. Chinese and Japanese words, which the index cannot find inside a run of
    characters. The index cannot rank them either: a term in the title counts three, in the
    text one (as the title weighs in BM25), and ties go to the newest."""
    filters, params = _article_filters(since, until, sources, terms if every else [])
    if not every:
        filters.append("(" + " OR ".join(["a.title LIKE ? OR a.text LIKE ?"] * len(terms)) + ")")
        params.extend(f"%{t}%" for t in terms for _ in (0, 1))
    one = (
        "(CASE WHEN a.title LIKE ? THEN 3 ELSE 0 END) + (CASE WHEN a.text LIKE ? THEN 1 ELSE 0 END)"
    )
    weight = " + ".join([one] * len(terms))
    weights = [f"%{t}%" for t in terms for _ in (0, 1)]
    rows = store.conn.execute(
        f"SELECT a.id, a.title, a.outlet, a.url, a.published, sa.story_id, a.text, "
        f"-({weight}) AS rank "
        "FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id "
        f"WHERE {' AND '.join(filters)} "
        "ORDER BY rank, coalesce(a.published, a.first_seen) DESC, a.rowid LIMIT ? OFFSET ?",
        [*weights, *params, limit, offset],
    )
    return [dict(zip(row.keys(), row, strict=True)) for row in rows]


def document_frequency(store: Store, match: str) -> int:
    """Articles matching one term of a search query (``search.term_query``)."""
    row = store.conn.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)
    ).fetchone()
    return int(row[0])


# Passages for answers (``newsbrief/ask/answers.py``): articles with their story, by column name.
_PASSAGE_COLUMNS = (
    "a.id, a.title, a.text, a.outlet, a.url, a.report_id, "
    "coalesce(a.published, a.first_seen) AS at, a.published, sa.story_id"
)


def _passage_window(
    since: datetime | None, until: datetime | None, undated_only: bool
) -> tuple[list[str], list[object]]:
    where, params = window_clauses(since, until)
    if undated_only:
        where.append("a.published IS NULL")
    return where, params


def passage_matches(
    store: Store,
    match: str,
    since: datetime | None,
    until: datetime | None,
    undated_only: bool,
    limit: int,
) -> list[Any]:
    """The articles best matching an FTS5 query (BM25, title weighed 3 to 1), best first:
    id, title, text, outlet, url, report_id, at, published, story_id and rank."""
    where, params = _passage_window(since, until, undated_only)
    return store.conn.execute(
        f"SELECT {_PASSAGE_COLUMNS}, bm25(articles_fts, 3.0, 1.0) AS rank "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "LEFT JOIN story_articles sa ON sa.article_id = a.id "
        f"WHERE {' AND '.join(['articles_fts MATCH ?', *where])} "
        "ORDER BY rank, a.rowid LIMIT ?",
        [match, *params, limit],
    ).fetchall()


def passages_containing(
    store: Store,
    terms: list[str],
    since: datetime | None,
    until: datetime | None,
    undated_only: bool,
    limit: int,
) -> list[Any]:
    """The newest articles whose title or text contains any of ``terms`` as written, with the
    columns of ``passage_matches`` (but rank): Chinese and Japanese words, which the index
    cannot find inside a run of characters."""
    if not terms:
        return []
    where, params = _passage_window(since, until, undated_only)
    # Terms are words of CJK characters: nothing in them is special to LIKE.
    contains = " OR ".join(["a.title LIKE ? OR a.text LIKE ?"] * len(terms))
    wanted = [f"%{t}%" for t in terms for _ in (0, 1)]
    return store.conn.execute(
        f"SELECT {_PASSAGE_COLUMNS} "
        "FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id "
        f"WHERE {' AND '.join([f'({contains})', *where])} ORDER BY at DESC, a.rowid LIMIT ?",
        [*wanted, *params, limit],
    ).fetchall()


def story_passages(
    store: Store,
    story_id: str,
    since: datetime | None,
    until: datetime | None,
    undated_only: bool,
    limit: int,
) -> list[Any]:
    """The newest articles of a story within the window, with the columns of
    ``passage_matches`` (but rank)."""
    where, params = _passage_window(since, until, undated_only)
    return store.conn.execute(
        f"SELECT {_PASSAGE_COLUMNS} "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        f"WHERE {' AND '.join(['sa.story_id = ?', *where])} ORDER BY at DESC, a.rowid LIMIT ?",
        [story_id, *params, limit],
    ).fetchall()


def sentences(store: Store, article_id: str) -> list[tuple[int, str]]:
    """(position, text) of an article's sentences, in order."""
    rows = store.conn.execute(
        "SELECT position, text FROM sentences WHERE article_id = ? ORDER BY position",
        (article_id,),
    ).fetchall()
    return [(int(r[0]), r[1]) for r in rows]


def oldest_article_time(store: Store) -> str | None:
    """When the oldest article was published (or first seen, when undated)."""
    row = store.conn.execute("SELECT min(coalesce(published, first_seen)) FROM articles").fetchone()
    return None if row is None else row[0]
