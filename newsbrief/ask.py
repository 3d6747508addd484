"""Questions answered from the archive, every statement cited, or plainly declined.

Retrieval is BM25 over the full-text index, then a support test: an article supports a question
only when it contains most of the question's informative words, weighted by how rare they are
in the archive (a name that appears nowhere cannot be answered by articles about something
else). Answers in the default mode are the best supporting sentences, grouped by story. Article
text is only ever data here: nothing in it is interpreted.
"""

from __future__ import annotations

import functools
import math
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import snowballstemmer

from newsbrief.conflicts import find_conflicts
from newsbrief.models import Conflict, ModelReport, Sentence
from newsbrief.search import document_frequency, fts_query, window_clauses
from newsbrief.store import Store
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.tokens import STOPWORDS, words
from newsbrief.timeutil import now as utcnow
from newsbrief.timeutil import parse_datetime, to_iso

if TYPE_CHECKING:
    from newsbrief.summarize.llm import ModelWriter

MAX_QUESTION_CHARS = 1000
SUPPORT = 0.6  # share of the question's (idf-weighted) words an article must contain
# An article of a story that already supports the question needs only this share: its story
# says it is about the same event, even when it words the event differently.
STORY_SUPPORT = SUPPORT / 2
EXPANDED_STORIES = 5
EXPANDED_ARTICLES = 100
CANDIDATES = 150
STORIES = 3
SENTENCES_PER_STORY = 2
QUESTION_WORDS = frozenset(
    """what who whom whose how much many did does do when where why which say said tell
    happen happened happening news about latest there any know report reported reports else
    anything something other outlet outlets source sources paper papers way give details
    detail thing things going""".split()
)
_FOLLOW_UP = re.compile(
    r"^\s*(?:and|but|also|so|what about|how about)\b|\b(?:they|them|their|it|its|he|she|his|"
    r"her|that|this|these|those|the other)\b",
    re.IGNORECASE,
)
_OTHERS = re.compile(r"\bother (?:outlets?|sources?|papers?|sites?|reports?|media)\b", re.I)
_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        start=1,
    )
}


class QuestionError(ValueError):
    """A question that cannot be asked (empty, too long); the message is one line."""


@dataclass
class Turn:
    """An earlier question of the conversation and what answered it."""

    question: str
    cited: list[str] = field(default_factory=list)


@dataclass
class Passage:
    article_id: str
    text: str
    position: int
    coverage: float
    title: str
    source: str | None
    url: str | None
    published: datetime | None
    story_id: str
    score: float = 0.0


@dataclass
class Answer:
    question: str
    found: bool
    answer: list[Sentence] = field(default_factory=list)
    sources: list[dict[str, object]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    note: str = ""
    since: datetime | None = None
    until: datetime | None = None
    written_by: str = "extractive"  # or the model that wrote the answer
    writer: ModelReport | None = None  # what the model did; None when no model is configured
    supporting: list[str] = field(default_factory=list)  # every supporting article, best first


# time words ------------------------------------------------------------------------------


def time_window(question: str, now: datetime) -> tuple[datetime | None, datetime | None, str]:
    """(since, until, question without its time words) for "yesterday", "last week", "in March"…"""
    q = question
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    monday = today - timedelta(days=today.weekday())
    rules: list[tuple[str, tuple[datetime | None, datetime | None]]] = [
        (r"\btoday\b", (today, None)),
        (r"\byesterday\b", (today - timedelta(days=1), today)),
        (r"\bthis week\b", (monday, None)),
        (r"\blast week\b", (monday - timedelta(days=7), monday)),
        (r"\bthis month\b", (today.replace(day=1), None)),
        (r"\blast month\b", (_month_start(today, -1), today.replace(day=1))),
        (r"\bthis year\b", (today.replace(month=1, day=1), None)),
        (r"\blast year\b", (today.replace(year=today.year - 1, month=1, day=1),
                            today.replace(month=1, day=1))),
    ]  # fmt: skip
    for pattern, window in rules:
        if re.search(pattern, q, re.IGNORECASE):
            return window[0], window[1], re.sub(pattern, " ", q, flags=re.IGNORECASE)
    match = re.search(r"\b(?:in the )?(?:last|past) (\d+) (hour|day|week)s?\b", q, re.IGNORECASE)
    if match:
        unit = {"hour": 3600, "day": 86400, "week": 604800}[match.group(2).lower()]
        since = now - timedelta(seconds=int(match.group(1)) * unit)
        return since, None, q[: match.start()] + " " + q[match.end() :]
    month_names = "|".join(_MONTHS)
    match = re.search(rf"\b(?:in|during) ({month_names})(?: (\d{{4}}))?\b", q, re.IGNORECASE)
    if match:
        month = _MONTHS[match.group(1).lower()]
        year = int(match.group(2)) if match.group(2) else today.year
        if not match.group(2) and month > today.month:
            year -= 1  # "in March" means the latest March
        start = datetime(year, month, 1, tzinfo=UTC)
        return start, _month_start(start, 1), q[: match.start()] + " " + q[match.end() :]
    match = re.search(r"\bin ((?:19|20)\d\d)\b", q)
    if match:
        year = int(match.group(1))
        start = datetime(year, 1, 1, tzinfo=UTC)
        return start, datetime(year + 1, 1, 1, tzinfo=UTC), q[: match.start()] + q[match.end() :]
    return None, None, q


def _recurring_month(question: str) -> str | None:
    """The month named without a year ("in March"), which recurs every year."""
    names = "|".join(_MONTHS)
    match = re.search(rf"\b(?:in|during) ({names})\b(?! \d{{4}})", question, re.I)
    return match.group(1).capitalize() if match else None


def _earlier_months(
    store: Store, query: str, start: datetime, until: datetime | None, exclude: Sequence[str]
) -> tuple[datetime, datetime | None, list[Passage]]:
    """The latest earlier year's same month in which the archive answers the question, as far
    back as the archive goes; the latest month itself when none does."""
    oldest = store.conn.execute(
        "SELECT min(coalesce(published, first_seen)) FROM articles"
    ).fetchone()[0]
    first = parse_datetime(oldest) if oldest else None
    since, end = start, until
    while first is not None and end is not None and end > first:
        since, end = _month_start(since, -12), _month_start(end, -12)
        passages = retrieve(store, query, since, end, exclude)
        if passages:
            return since, end, passages
    return start, until, []


def _month_start(day: datetime, months: int) -> datetime:
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1, day=1)


# retrieval -------------------------------------------------------------------------------


_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word.replace("'", "")))


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in set(words(text)) if w not in STOPWORDS}


def question_terms(question: str) -> list[str]:
    """The informative words of a question, stemmed as the search index stems them."""
    out = []
    for word in words(question):
        if word in STOPWORDS or word in QUESTION_WORDS or len(word) < 2:
            continue
        term = _stem(word)
        if term not in out:
            out.append(term)
    return out


def _weights(store: Store, query_words: list[str], total: int) -> dict[str, float]:
    weights = {}
    for word in query_words:
        df = document_frequency(store, word)
        weights[_stem(word)] = math.log((total + 1) / (df + 0.5))
    return weights


def retrieve(
    store: Store,
    question: str,
    since: datetime | None = None,
    until: datetime | None = None,
    exclude: Sequence[str] = (),
    limit: int = CANDIDATES,
) -> list[Passage]:
    """Passages of supporting articles, best first; empty when nothing supports the question.

    This is the seam for writing answers another way (an LLM): it returns only text that the
    archive holds, with where it came from.
    """
    wanted = question_terms(question)
    query_words = [w for w in words(question) if _stem(w) in wanted]
    query_words = list(dict.fromkeys(query_words))
    if not query_words:
        return []
    total = max(1, store.article_count())
    weights = _weights(store, query_words, total)
    whole = sum(weights.values()) or 1.0
    match = fts_query(" ".join(query_words), "OR")
    if match is None:
        return []
    where, params = window_clauses(since, until)
    rows = store.conn.execute(
        f"SELECT {_PASSAGE_COLUMNS}, bm25(articles_fts, 3.0, 1.0) AS rank "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "LEFT JOIN story_articles sa ON sa.article_id = a.id "
        f"WHERE {' AND '.join(['articles_fts MATCH ?', *where])} ORDER BY rank LIMIT ?",
        [match, *params, limit],
    ).fetchall()
    excluded = set(exclude)
    passages: list[Passage] = []
    supported: dict[str, float] = {}  # story -> best coverage of its articles
    for rank, row in enumerate(rows):
        if row["id"] in excluded:
            continue
        coverage = _coverage(row, weights, whole)
        if coverage < SUPPORT:
            continue
        excluded.add(row["id"])
        if row["story_id"]:
            supported[row["story_id"]] = max(coverage, supported.get(row["story_id"], 0.0))
        score = coverage + 0.3 / (1 + rank) + _independent(row)
        passages.extend(_sentences(store, row, weights, coverage, score))
    best = sorted(supported, key=lambda s: -supported[s])[:EXPANDED_STORIES]
    for row in _story_rows(store, best, since, until):
        if row["id"] in excluded:
            continue
        coverage = _coverage(row, weights, whole)
        if coverage >= STORY_SUPPORT:
            score = coverage + _independent(row)
            passages.extend(_sentences(store, row, weights, coverage, score))
    return sorted(passages, key=lambda p: -p.score)


_PASSAGE_COLUMNS = (
    "a.id, a.title, a.text, a.outlet, a.url, a.report_id, "
    "coalesce(a.published, a.first_seen) AS at, sa.story_id"
)


def _coverage(row: sqlite3.Row, weights: dict[str, float], whole: float) -> float:
    present = _stems(row["title"] + " " + row["text"])
    return sum(w for t, w in weights.items() if t in present) / whole


def _independent(row: sqlite3.Row) -> float:
    return 0.05 if (row["report_id"] or row["id"]) == row["id"] else 0.0


def _story_rows(
    store: Store, stories: list[str], since: datetime | None, until: datetime | None
) -> list[sqlite3.Row]:
    """The articles of the given stories (within the time window), newest first."""
    where, params = window_clauses(since, until)
    rows: list[sqlite3.Row] = []
    for story in stories:
        rows += store.conn.execute(
            f"SELECT {_PASSAGE_COLUMNS} "
            "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
            f"WHERE {' AND '.join(['sa.story_id = ?', *where])} ORDER BY at DESC LIMIT ?",
            [story, *params, EXPANDED_ARTICLES],
        ).fetchall()
    return rows


def _sentences(
    store: Store, row: sqlite3.Row, weights: dict[str, float], coverage: float, score: float
) -> list[Passage]:
    """The article's sentences that carry question words, scored."""
    out = []
    whole = sum(weights.values()) or 1.0
    rows = store.conn.execute(
        "SELECT position, text FROM sentences WHERE article_id = ? ORDER BY position",
        (row["id"],),
    ).fetchall()
    for position, text in rows:
        if position == 0 and len(rows) > 1:
            continue  # the headline is shown with the source; headline-only items excepted
        clean = clean_sentence(text)
        if clean is None or len(clean.split()) < 5:
            continue
        present = _stems(clean)
        local = sum(w for t, w in weights.items() if t in present) / whole
        if local == 0:
            continue
        out.append(
            Passage(
                article_id=row["id"],
                text=clean,
                position=position,
                coverage=coverage,
                title=row["title"],
                source=row["outlet"],
                url=row["url"],
                published=parse_datetime(row["at"]),
                story_id=row["story_id"] or row["id"],
                score=score + local + 0.1 / (1 + position),
            )
        )
    return out


# answering -------------------------------------------------------------------------------


def _is_follow_up(question: str) -> bool:
    return bool(_FOLLOW_UP.search(question)) or len(question_terms(question)) <= 1


def ask(
    store: Store,
    question: str,
    since: datetime | None = None,
    history: Sequence[Turn] = (),
    now: datetime | None = None,
    mute: Sequence[str] = (),
    writer: ModelWriter | None = None,
) -> Answer:
    """Answer a question from the archive; earlier turns give context to follow-ups.

    With a model ``writer``, the model writes the answer from the retrieved passages under the
    grounding guard; when it fails or declines, the extractive answer stays."""
    text = " ".join(question.split())
    if not text:
        raise QuestionError("the question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question has {len(text):,} characters; ask in at most {MAX_QUESTION_CHARS:,}"
        )
    now = now or utcnow()
    start, until, plain = time_window(text, now)
    start = max(filter(None, [start, since]), default=None)
    query = plain
    exclude: list[str] = []
    if history and _is_follow_up(plain):
        previous = history[-1]
        query = f"{time_window(previous.question, now)[2]} {plain}"
        if _OTHERS.search(plain):
            exclude = list(previous.cited)
    answer = Answer(question=text, found=False, since=start, until=until)
    if store.article_count() == 0:
        answer.note = "the archive is empty: import or fetch some news first"
        return answer
    if not question_terms(query):
        answer.note = "the question has no words to search the archive for"
        return answer
    passages = retrieve(store, query, start, until, exclude)
    if not passages and start is not None and _recurring_month(text):
        start, until, passages = _earlier_months(store, query, start, until, exclude)
        answer.since, answer.until = start, until
        if not passages:
            # A month without a year is a soft limit: with nothing dated in any such month,
            # the month's name is searched for like any other word, and the answer says so.
            passages = retrieve(store, text, since, None, exclude)
            answer.since, answer.until = since, None
            if passages:
                month = _recurring_month(text)
                answer.note = (
                    f"nothing dated in {month} answers this; these reports are undated "
                    "or from other months"
                )
    muted = [m.lower() for m in mute if m.strip()]
    if muted:
        passages = [
            p for p in passages if not any(m in f"{p.title} {p.text}".lower() for m in muted)
        ]
    if not passages:
        answer.note = "nothing in the archive answers this"
        return answer
    answer = _compose(store, answer, passages)
    answer.supporting = ranked_articles(passages)
    if writer is not None and answer.found:
        from newsbrief.llm.answer import write_answer

        write_answer(writer, answer, [p for _, items in group_by_story(passages) for p in items])
    return answer


def group_by_story(passages: list[Passage]) -> list[tuple[str, list[Passage]]]:
    """Passages grouped by story, best story first: the best passage, and how many
    articles of the story support the question (agreement across reports)."""
    by_story: dict[str, list[Passage]] = {}
    for passage in passages:
        by_story.setdefault(passage.story_id, []).append(passage)

    def strength(story: str) -> float:
        items = by_story[story]
        supporting = len({p.article_id for p in items if p.coverage >= SUPPORT})
        return items[0].score + 0.15 * math.log1p(supporting)

    return [(s, by_story[s]) for s in sorted(by_story, key=lambda s: -strength(s))]


def ranked_articles(passages: list[Passage]) -> list[str]:
    """Supporting articles in answer order: by story, then by passage."""
    out: dict[str, None] = {}
    for _, items in group_by_story(passages):
        for passage in items:
            out.setdefault(passage.article_id)
    return list(out)


def _compose(store: Store, answer: Answer, passages: list[Passage]) -> Answer:
    groups = group_by_story(passages)[:STORIES]
    by_story = dict(groups)
    stories = [s for s, _ in groups]
    cited: dict[str, Passage] = {}
    for story in stories:
        chosen: dict[str, Sentence] = {}
        for passage in by_story[story]:
            key = " ".join(words(passage.text))
            if key in chosen:
                if passage.article_id not in chosen[key].cites:
                    chosen[key].cites.append(passage.article_id)
                    cited.setdefault(passage.article_id, passage)
                continue
            if len(chosen) >= SENTENCES_PER_STORY:
                continue
            chosen[key] = Sentence(passage.text, [passage.article_id])
            cited.setdefault(passage.article_id, passage)
        answer.answer.extend(chosen.values())
    answer.found = bool(answer.answer)
    answer.stories = stories
    answer.sources = [
        {
            "id": p.article_id,
            "title": p.title,
            "url": p.url,
            "source": p.source,
            "published": to_iso(p.published),
            "story": p.story_id,
        }
        for p in cited.values()
    ]
    top_ids = list(dict.fromkeys(p.article_id for p in by_story[stories[0]]))[:20]
    articles = store.get_articles(top_ids)
    answer.conflicts = find_conflicts(articles, store.report_ids(top_ids))
    if not answer.found:
        answer.note = "nothing in the archive answers this"
    return answer
