"""Full-text search over articles and their sentences (BM25 ranking; the queries are
``store/search.py``'s: SQLite FTS5, or PostgreSQL's tsvector)."""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from datetime import datetime

from newsbrief.store import Store
from newsbrief.store import search as store_search
from newsbrief.store.search import matches
from newsbrief.text.multilingual import inflection_prefix
from newsbrief.text.tokens import CJK, STOPWORDS, any_words
from newsbrief.timeutil import parse_datetime
from newsbrief.urls import link_url

_OPEN, _CLOSE = "\x02", "\x03"  # snippet markers that never occur in text


@dataclass
class Hit:
    article_id: str
    title: str
    snippet: str  # plain text
    snippet_html: str  # escaped, matches wrapped in <mark>
    source: str | None
    url: str | None
    published: datetime | None
    story_id: str | None
    score: float  # BM25 (higher is better)


@dataclass
class StoryHit:
    story_id: str
    hits: list[Hit] = field(default_factory=list)

    @property
    def score(self) -> float:
        return max(h.score for h in self.hits)


def _indexed(text: str) -> list[str]:
    """Words as the index holds them, in any script ("Путина", "المركزي"); Chinese and
    Japanese are left out: the index keeps a run of their characters as one token, which a
    word of it never matches (``chinese_japanese_terms`` finds those)."""
    return [w for w in any_words(text) if not CJK.search(w)]


def chinese_japanese_terms(text: str) -> list[str]:
    """The Chinese and Japanese words of a query, looked for inside the text."""
    return list(dict.fromkeys(w for w in any_words(text) if CJK.search(w) and len(w) > 1))


def term_query(word: str) -> str:
    """One word as a safe FTS5 query: quoted, and a Russian, Arabic or Greek word as the start
    its inflections share ("пожаров" finds "пожара"); English words the index stems itself."""
    prefix = inflection_prefix(word)
    return f'"{word}"' if prefix is None else f'"{prefix}"*'


def document_frequency(store: Store, word: str) -> int:
    """Articles holding a word, in any of its inflections the search finds."""
    return store_search.document_frequency(store, term_query(word))


def fts_query(text: str, operator: str = "AND") -> str | None:
    """A safe FTS5 query from free text: each word quoted; phrases in quotes kept as written."""
    phrases = re.findall(r'"([^"]+)"', text)
    rest = re.sub(r'"[^"]*"', " ", text)
    parts = [f'"{" ".join(_indexed(p))}"' for p in phrases if _indexed(p)]
    tokens = [w for w in _indexed(rest) if w not in STOPWORDS or len(_indexed(rest)) <= 2]
    parts += [term_query(t) for t in dict.fromkeys(tokens)]
    if not parts:
        return None
    return f" {operator} ".join(parts)


def _mark(snippet: str) -> tuple[str, str]:
    plain = snippet.replace(_OPEN, "").replace(_CLOSE, "")
    marked = html.escape(snippet).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")
    return plain, marked


def search(
    store: Store,
    query: str,
    since: datetime | None = None,
    until: datetime | None = None,
    sources: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Hit]:
    """Articles matching all words of the query (any word when none match all), best first."""
    for operator in ("AND", "OR"):
        match = fts_query(query, operator)
        if match is None:
            return []
        hits = _search(store, match, since, until, sources, limit, offset)
        if hits or operator == "OR":
            return hits
    return []


def _search(
    store: Store,
    match: str,
    since: datetime | None,
    until: datetime | None,
    sources: list[str] | None,
    limit: int,
    offset: int,
) -> list[Hit]:
    hits = []
    for row in matches(store, match, since, until, sources, limit, offset, (_OPEN, _CLOSE)):
        plain, marked = _mark(row["snip"] or "")
        hits.append(
            Hit(
                article_id=row["id"],
                title=row["title"],
                snippet=plain,
                snippet_html=marked,
                source=row["outlet"],
                url=link_url(row["url"]),
                published=parse_datetime(row["published"]),  # undated stays undated
                story_id=row["story_id"],
                score=-float(row["rank"]),
            )
        )
    return hits


def search_stories(
    store: Store,
    query: str,
    since: datetime | None = None,
    until: datetime | None = None,
    sources: list[str] | None = None,
    limit: int = 20,
) -> list[StoryHit]:
    """Matching articles grouped by their story, best story first."""
    groups: dict[str, StoryHit] = {}
    for hit in search(store, query, since, until, sources, limit=limit * 5):
        key = hit.story_id or hit.article_id
        groups.setdefault(key, StoryHit(key)).hits.append(hit)
    return sorted(groups.values(), key=lambda g: -g.score)[:limit]


def idf(store: Store, term: str, total: int) -> float:
    return math.log((total + 1) / (document_frequency(store, term) + 0.5))
