"""Full-text search over articles and their sentences (BM25 ranking; the queries are
``store/search.py``'s: SQLite FTS5, or PostgreSQL's tsvector)."""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsbrief.store import Store
from newsbrief.store import search as store_search
from newsbrief.store.search import matches
from newsbrief.text.multilingual import inflection_prefix, inflection_prefixes
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


def term_query(word: str, forms: bool = False) -> str:
    """One word as a safe FTS5 query: quoted, and a Russian, Arabic or Greek word as the start
    its inflections share ("пожаров" finds "пожара"); English words the index stems itself.
    With ``forms``, an Arabic word is any of its forms with the clitics written before it
    ("والحريق" finds "الحريق"): terms joined by OR, for a query that is one OR of terms."""
    starts = inflection_prefixes(word) if forms else []
    if len(starts) > 1:
        return " OR ".join(f'"{start}"*' for start in starts)
    prefix = inflection_prefix(word)
    return f'"{word}"' if prefix is None else f'"{prefix}"*'


def document_frequency(store: Store, word: str) -> int:
    """Articles holding a word, in any of its forms the search finds."""
    return store_search.document_frequency(store, term_query(word, forms=True))


def fts_query(text: str, operator: str = "AND") -> str | None:
    """A safe FTS5 query from free text: each word quoted; phrases in quotes kept as written."""
    phrases = re.findall(r'"([^"]+)"', text)
    rest = re.sub(r'"[^"]*"', " ", text)
    parts = [f'"{" ".join(_indexed(p))}"' for p in phrases if _indexed(p)]
    tokens = [w for w in _indexed(rest) if w not in STOPWORDS or len(_indexed(rest)) <= 2]
    tokens = list(dict.fromkeys(tokens))
    # An Arabic word's forms are an OR of terms: only where nothing binds them to an AND.
    forms = operator == "OR" or (len(tokens) == 1 and not parts)
    parts += [term_query(t, forms) for t in tokens]
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
    """Articles matching all words of the query (any word when none match all), best first.
    Chinese and Japanese words are looked for inside the text, as written."""
    cjk = _cjk_terms(query)
    for operator in ("AND", "OR"):
        match = fts_query(query, operator)
        if match is None and not cjk:
            return []
        if match is None or (cjk and operator == "OR"):
            # Only Chinese or Japanese words, or none of the articles holds them all with the
            # other words: those holding the Chinese or Japanese ones (all, then any).
            hits = _search_containing(
                store, cjk, operator == "AND", since, until, sources, limit, offset
            )
        else:
            hits = _search(store, match, since, until, sources, limit, offset, cjk)
        if hits or operator == "OR":
            return hits
    return []


def _cjk_terms(query: str) -> list[str]:
    """The Chinese and Japanese words of a query; a query of one character is that one."""
    phrases = [p for p in re.findall(r'"([^"]+)"', query) if CJK.search(p)]
    terms = [*dict.fromkeys(run for p in phrases for run in CJK.findall(p))]
    rest = re.sub(r'"[^"]*"', " ", query)
    return [*terms, *(chinese_japanese_terms(rest) or CJK.findall(rest))]


def _search_containing(
    store: Store,
    terms: list[str],
    every: bool,
    since: datetime | None,
    until: datetime | None,
    sources: list[str] | None,
    limit: int,
    offset: int,
) -> list[Hit]:
    rows = store_search.containing(store, terms, every, since, until, sources, limit, offset)
    hits = []
    for row in rows:
        plain, marked = _mark(_snippet(f"{row['title']}\n{row['text'] or ''}", terms))
        hits.append(_hit(row, plain, marked))
    return hits


def _snippet(text: str, terms: list[str], width: int = 40) -> str:
    """The text around the first of the terms, each term between the snippet markers: what
    the index's snippet shows for the words it finds."""
    found = [i for i in (text.find(t) for t in terms) if i >= 0]
    first = min(found, default=0)
    start, end = max(0, first - width), min(len(text), first + width * 2)
    window = text[start:end].replace("\n", " ")
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    marked = pattern.sub(lambda m: f"{_OPEN}{m.group(0)}{_CLOSE}", window)
    return ("…" if start else "") + marked + ("…" if end < len(text) else "")


def _search(
    store: Store,
    match: str,
    since: datetime | None,
    until: datetime | None,
    sources: list[str] | None,
    limit: int,
    offset: int,
    contains: list[str] | None = None,
) -> list[Hit]:
    hits = []
    rows = matches(store, match, since, until, sources, limit, offset, (_OPEN, _CLOSE), contains)
    for row in rows:
        plain, marked = _mark(row["snip"] or "")
        hits.append(_hit(row, plain, marked))
    return hits


def _hit(row: dict[str, Any], snippet: str, snippet_html: str) -> Hit:
    return Hit(
        article_id=row["id"],
        title=row["title"],
        snippet=snippet,
        snippet_html=snippet_html,
        source=row["outlet"],
        url=link_url(row["url"]),
        published=parse_datetime(row["published"]),  # undated stays undated
        story_id=row["story_id"],
        score=-float(row["rank"]),
    )


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
