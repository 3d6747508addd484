"""Questions answered from the archive, every statement cited, or plainly declined.

Retrieval is BM25 over the full-text index, then a support test: an article supports a question
only when it contains most of the question's informative words, weighted by how rare they are
in the archive (a name that appears nowhere cannot be answered by articles about something
else). Answers in the default mode are the best supporting sentences, grouped by story. Article
text is only ever data here: nothing in it is interpreted.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from newsbrief.ask.languages import english_question
from newsbrief.ask.polarity import opposites, says_the_opposite
from newsbrief.ask.question import (
    NOUNS,
    PLACE_NOUNS,
    Question,
    analyse,
    answer_spans,
    holds_answer,
    personness,
)
from newsbrief.ask.results import Answer, Passage, Turn
from newsbrief.ask.roles import (
    age_of_another,
    asked_toll,
    counts_another_toll,
    doer_and_done_to,
    done_to_another,
    done_to_of_who,
    reversed_roles,
    unsupported_roles,
    verb_stems,
)
from newsbrief.conflicts import find_conflicts
from newsbrief.models import Article, Conflict, Sentence
from newsbrief.search import chinese_japanese_terms, document_frequency, fts_query
from newsbrief.store import Store
from newsbrief.store import search as store_search
from newsbrief.summarize.candidates import is_well_formed
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.multilingual import script_stem
from newsbrief.text.numbers import figures
from newsbrief.text.tokens import CJK, STOPWORDS, any_words
from newsbrief.timeutil import now as utcnow
from newsbrief.timeutil import parse_datetime, to_iso
from newsbrief.urls import link_url, outlet_name

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
    detail thing things going go goes went gone take took taken come came put""".split()
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
    oldest = store_search.oldest_article_time(store)
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


@functools.cache
def _english() -> Any:
    """The Snowball stemmer, made on first use (its package loads every language)."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    # Russian, Arabic and Greek words are stemmed in their language (known by their script).
    local = script_stem(word)
    return local if local is not None else str(_english().stemWord(word.replace("'", "")))


def _words(text: str) -> list[str]:
    """Lower-case words in any script, a hyphenated one as its parts, as the search index
    splits them ("data-binding" is "data" and "binding"); Chinese and Japanese as their words."""
    # A possessive is the word itself: "Thomas's ankle" is about Thomas, and the index, which
    # reads "Thomas's" as the phrase "thomas s", finds it in almost no report, so it would
    # count as the rarest word of the question.
    return [
        part.removesuffix("'s") if len(part) > 3 else part
        for word in any_words(text)
        for part in word.split("-")
        if part
    ]


def _key(text: str) -> str:
    """A sentence as its words, to tell two copies of it apart from two sentences."""
    return " ".join(_words(text))


def _stems(text: str) -> set[str]:
    stems = {_stem(w) for w in set(_words(text)) if w not in STOPWORDS}
    # A Chinese or Japanese word of the question is in a text when it is written there,
    # wherever a segmenter would cut the text: every stretch of two to four characters counts.
    for run in CJK.findall(text):
        stems.update(run[i : i + n] for n in (2, 3, 4) for i in range(len(run) - n + 1))
    return stems


def question_terms(question: str) -> list[str]:
    """The informative words of a question, stemmed as the search index stems them."""
    out = []
    for word in _words(question):
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


def _query_words(question: str) -> list[str]:
    wanted = question_terms(question)
    return list(dict.fromkeys(w for w in _words(question) if _stem(w) in wanted))


def query_weights(store: Store, question: str) -> dict[str, float]:
    """The question's informative words (stemmed), each weighted by its rarity (idf)."""
    total = max(1, store.article_count())
    return _weights(store, _query_words(question), total)


def retrieve(
    store: Store,
    question: str,
    since: datetime | None = None,
    until: datetime | None = None,
    exclude: Sequence[str] = (),
    limit: int = CANDIDATES,
    undated_only: bool = False,
) -> list[Passage]:
    """Passages of supporting articles, best first; empty when nothing supports the question.

    This is the seam for writing answers another way (an LLM): it returns only text that the
    archive holds, with where it came from.
    """
    query_words = _query_words(question)
    if not query_words:
        return []
    weights = query_weights(store, question)
    whole = sum(weights.values()) or 1.0
    match = fts_query(" ".join(query_words), "OR")
    cjk = chinese_japanese_terms(" ".join(query_words))
    if match is None and not cjk:
        return []
    rows = []
    if match is not None:
        rows = store_search.passage_matches(store, match, since, until, undated_only, limit)
    if cjk:
        found = store_search.passages_containing(store, cjk, since, until, undated_only, limit)
        # The index cannot rank these: those holding more of the question come first.
        found.sort(key=lambda row: -_coverage(row, weights, whole))
        rows = [*rows, *found]
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
    story_rows = _story_rows(store, best, since, until, undated_only)
    for row in story_rows:
        if row["id"] in excluded:
            continue
        coverage = _coverage(row, weights, whole)
        if coverage >= STORY_SUPPORT:
            score = coverage + _independent(row)
            passages.extend(_sentences(store, row, weights, coverage, score))
    return sorted(_with_story_years(passages, [*rows, *story_rows]), key=lambda p: -p.score)


def _with_story_years(passages: list[Passage], rows: Sequence[sqlite3.Row]) -> list[Passage]:
    """Each passage with the years its story's reports were published in, of every report
    the search saw: a story's dated reports tell its time even where only its undated ones
    hold the question's words."""
    years: dict[str, set[int]] = {}
    for row in rows:
        published = parse_datetime(row["published"])
        if row["story_id"] and published is not None:
            years.setdefault(row["story_id"], set()).add(published.year)
    return [
        dataclasses.replace(p, story_years=frozenset(years[p.story_id]))
        if p.story_id in years
        else p
        for p in passages
    ]


def _coverage(row: sqlite3.Row, weights: dict[str, float], whole: float) -> float:
    return sum(weights[t] for t in _present(row, weights)) / whole


def _present(row: sqlite3.Row, weights: dict[str, float]) -> frozenset[str]:
    """The question's words that the article holds (title and text)."""
    stems = _stems(row["title"] + " " + row["text"])
    return frozenset(t for t in weights if t in stems)


def _independent(row: sqlite3.Row) -> float:
    return 0.05 if (row["report_id"] or row["id"]) == row["id"] else 0.0


def _story_rows(
    store: Store,
    stories: list[str],
    since: datetime | None,
    until: datetime | None,
    undated_only: bool = False,
) -> list[sqlite3.Row]:
    """The articles of the given stories (within the time window), newest first."""
    rows: list[sqlite3.Row] = []
    for story in stories:
        limit = EXPANDED_ARTICLES
        rows += store_search.story_passages(store, story, since, until, undated_only, limit)
    return rows


def _too_short(sentence: str) -> bool:
    """Under five words; Chinese and Japanese, without spaces, counted by their words."""
    if len(sentence.split()) >= 5:
        return False
    return not CJK.search(sentence) or len(_words(sentence)) < 5


CONTEXT = 2  # sentences before an answer that may name what it is about ("She was 85.")
REPEATED = 2  # sentences of a report that hold a name for it to be what the report is about


def _sentences(
    store: Store, row: sqlite3.Row, weights: dict[str, float], coverage: float, score: float
) -> list[Passage]:
    """The article's sentences that carry question words, scored."""
    out = []
    whole = sum(weights.values()) or 1.0
    present_in_article = _present(row, weights)
    years = mentioned_years(row["title"] + " " + row["text"])
    dates = calendar_dates(row["title"] + " " + row["text"])
    rows = store_search.sentences(store, row["id"])
    held = [frozenset(t for t in _stems(text) if t in weights) for _, text in rows]
    counts = Counter(t for terms in held for t in terms)
    repeated = frozenset(t for t, n in counts.items() if n >= REPEATED)
    for index, (position, text) in enumerate(rows):
        clean = clean_sentence(text)
        if clean is None or _too_short(clean):
            continue
        if position == 0 and len(rows) > 1 and not is_well_formed(clean):
            # A headline is shown with the source; but where a report had none its title is
            # its first sentence, the one most likely to hold the answer.
            continue
        present = _stems(clean)
        local = sum(w for t, w in weights.items() if t in present) / whole
        if local == 0:
            continue
        # What the sentence is about: itself, the sentences just before it, and the headline,
        # which names what the whole report is about.
        context = frozenset().union(*held[max(0, index - CONTEXT) : index + 1], held[0])
        out.append(
            Passage(
                article_id=row["id"],
                text=clean,
                position=position,
                coverage=coverage,
                title=row["title"],
                source=row["outlet"],
                url=link_url(row["url"]),
                # Shown as the publication time: an undated report stays undated (``at``,
                # which falls back to when the store first saw it, only orders).
                published=parse_datetime(row["published"]),
                story_id=row["story_id"] or row["id"],
                score=score + local + 0.1 / (1 + position),
                local=local,
                present=present_in_article,
                context=context,
                repeated=repeated,
                latest_year=max(years, default=None),
                years=years,
                dates=dates,
            )
        )
    return out


# names spelled otherwise --------------------------------------------------------------------

RESPELL = 0.8  # similarity (Indel, 0 to 1) at which a name the archive lacks is read as another
_NAME_WORD = re.compile(r"\b[A-Z][a-z]+(?:['’][a-z]+)?\b")


def respell(
    store: Store, question: str, since: datetime | None = None, until: datetime | None = None
) -> tuple[str, dict[str, str]]:
    """The question with each name no report holds read as the name the reports about the rest
    of the question spell most like it ("Berdimuhamedov" for "Berdymukhamedov", "Zurbrigen"
    for "Zurbriggen"), and what was read so. A reader spells names by ear; a name that no
    report holds would otherwise weigh as the rarest word and make the archive decline. The
    name found must begin with the same letter and differ by a letter or two in a long word."""
    from rapidfuzz.distance import Indel  # only when a name is unknown

    unknown = [
        w
        for w in dict.fromkeys(_NAME_WORD.findall(question.split(" ", 1)[-1]))  # not "Where"
        if len(w) >= 5 and document_frequency(store, w.lower()) == 0
    ]
    if not unknown:
        return question, {}
    rest = question
    for word in unknown:
        rest = re.sub(rf"\b{re.escape(word)}\b", " ", rest)
    names: dict[str, None] = {}
    for passage in retrieve(store, rest, since, until, limit=50)[:200]:
        names.update(dict.fromkeys(_NAME_WORD.findall(passage.text)))
    found: dict[str, str] = {}
    for word in unknown:
        candidates = [n for n in names if n[0] == word[0] and abs(len(n) - len(word)) <= 2]
        scored = [(Indel.normalized_similarity(word.lower(), n.lower()), n) for n in candidates]
        best = max(scored, default=(0.0, ""), key=lambda pair: pair[0])
        if best[0] >= RESPELL:
            found[word] = best[1]
            question = re.sub(rf"\b{re.escape(word)}\b", best[1], question)
    return question, found


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
    if store.article_count() == 0:  # before reading the question: that loads word lists
        return Answer(
            question=text,
            found=False,
            since=since,
            note="the archive is empty: import or fetch some news first",
        )
    now = now or utcnow()
    # A question in another language is read by the English rules with its question word in
    # English; its other words are searched for as asked.
    start, until, plain = time_window(english_question(text), now)
    start = max(filter(None, [start, since]), default=None)
    query = plain
    exclude: list[str] = []
    if history and _is_follow_up(plain):
        previous = history[-1]
        query = f"{time_window(previous.question, now)[2]} {plain}"
        if _OTHERS.search(plain):
            exclude = list(previous.cited)
    answer = Answer(question=text, found=False, since=start, until=until)
    if not question_terms(query):
        answer.note = "the question has no words to search the archive for"
        return answer
    muted = [m.lower() for m in mute if m.strip()]

    def attempt(
        words_: str, begin: datetime | None, end: datetime | None, undated: bool = False
    ) -> tuple[list[Passage], Chosen]:
        found = retrieve(store, words_, begin, end, exclude, undated_only=undated)
        if undated and until is not None:
            later = written_after(found, until)
            found = [p for p in found if p.article_id not in later]
        if muted:
            found = [p for p in found if not any(m in f"{p.title} {p.text}".lower() for m in muted)]
        return found, choose(analyse(words_), query_weights(store, words_), found)

    query, respelled = respell(store, query, start, until)
    passages, chosen = attempt(query, start, until)
    month = _recurring_month(text)
    if not chosen.sentences and start is not None and month:
        earlier = _earlier_months(store, query, start, until, exclude)
        if earlier[2]:
            passages, chosen = attempt(query, earlier[0], earlier[1])
            if chosen.sentences:
                answer.since, answer.until = earlier[0], earlier[1]
        if not chosen.sentences:
            # A month without a year is a soft limit: with nothing dated in any such month,
            # the month's name is searched for like any other word, and the answer says so.
            passages, chosen = attempt(text, since, None)
            if chosen.sentences:
                answer.since, answer.until = since, None
                answer.note = (
                    f"nothing dated in {month} answers this; these reports are undated "
                    "or from other months"
                )
    elif not chosen.sentences and (start, until) != (since, None):
        # An undated report may be from the time asked about: it answers when nothing dated
        # does, and the answer says so.
        passages, chosen = attempt(query, since, None, undated=True)
        if chosen.sentences:
            answer.since, answer.until = since, None
            answer.note = "nothing dated in that time answers this; these reports are undated"
    if not chosen.sentences:
        answer.note = f"nothing in the archive answers this{chosen.why}"
        return answer
    answer = _compose(store, answer, chosen)
    if respelled:
        answer.note = "read as the reports spell it: " + ", ".join(
            f"{asked} as {found}" for asked, found in respelled.items()
        )
    answer.supporting = ranked_articles(chosen.passages) + [
        a for a in ranked_articles(passages) if a not in set(ranked_articles(chosen.passages))
    ]
    if writer is not None and answer.found:
        from newsbrief.ask.model import write_answer

        # The model answers from the chosen story only: what was declined stays declined.
        write_answer(writer, answer, chosen.passages)
    return answer


_YEAR = re.compile(r"(?<![\d$£€.,])(?:19|20)\d\d(?![\d%]|[.,]\d)")


_MONTH_NAMES = list(_MONTHS)
_MONTH_WORD = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)
_DAY_MONTH = re.compile(
    rf"\b{_MONTH_WORD}\s*(\d{{1,2}})(?:st|nd|rd|th)?\b|"  # "Dec. 14", "Dec.14"
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}(?![a-z])",
    re.IGNORECASE,
)
_MONTH_OF = {m[:3]: i for m, i in _MONTHS.items()}


def calendar_dates(text: str) -> frozenset[tuple[int, int]]:
    """The days of the year a text names, as (month, day): "Dec. 15", "15 December"."""
    found = set()
    for match in _DAY_MONTH.finditer(text):
        month = (match.group(1) or match.group(4)).lower()[:3]
        day = int(match.group(2) or match.group(3))
        if month in _MONTH_OF and 1 <= day <= 31:
            found.add((_MONTH_OF[month], day))
    return frozenset(found)


def latest_year(text: str) -> int | None:
    """The latest year a report mentions: it was written that year or later."""
    return max(mentioned_years(text), default=None)


def mentioned_years(text: str) -> frozenset[int]:
    """The years a text writes ("in 2008", "the 2013 Oscars"), not figures ("2,013", "$2013")."""
    return frozenset(int(y) for y in _YEAR.findall(text))


def written_after(passages: list[Passage], until: datetime) -> set[str]:
    """Undated reports that were written after ``until``, by article id: those that mention a
    later year (a report cannot name a year still to come, but for a plan), and every report
    of a story whose reports that mention a year all mention a later one ("in 2008" is not
    answered by reports of a 2013 event, even those that recall 2008 or name no year)."""
    last = (until - timedelta(microseconds=1)).year  # the window's last year
    later = {p.article_id for p in passages if p.latest_year is not None and p.latest_year > last}
    dated: dict[str, set[str]] = {}
    for passage in passages:
        if passage.latest_year is not None:
            dated.setdefault(passage.story_id, set()).add(passage.article_id)
    stories = {story for story, ids in dated.items() if ids <= later}
    return later | {p.article_id for p in passages if p.story_id in stories}


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


# choosing what answers ---------------------------------------------------------------------

STORY_COVER = SUPPORT  # the story's reports hold most of the question's words, as an article must
SENTENCE_COVER = 0.2  # ... and the answering sentence itself
TYPED_SENTENCES = 2  # sentences of an answer that names a thing (who, when, how many...)
PLAIN_SENTENCES = 3  # sentences of an answer in words (what, why, yes or no)


@dataclass
class Chosen:
    """What answers a question: its sentences, best first, and the passages of its stories;
    or nothing, and why."""

    sentences: list[Passage] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    why: str = ""


def choose(question: Question, weights: dict[str, float], passages: list[Passage]) -> Chosen:
    """The sentences that answer the question, from the story whose reports are about what it
    names; none when no story is, or when no sentence holds the kind of thing it asks for
    beside the names the question gives."""
    whole = sum(weights.values()) or 1.0
    names = _name_terms(question.names, weights)
    topic = _name_terms((" ".join(question.topic),) if question.topic else (), weights)
    needed = [_name_words(n, weights) for n in names] + [_name_words(t, weights) for t in topic]
    settings = [_name_words(n, weights) for n in names if _is_setting(n, question.text)]
    passages = [_by_surname(p, question.names, weights) for p in passages]
    passages = [p for p in passages if not _another_day(p.dates, calendar_dates(question.text))]
    # A day the question names ("the election of December 15") tells the event apart from a
    # look-alike one, as a name does: its story must give that day.
    asked = calendar_dates(question.text)
    best: list[tuple[float, str, list[Passage]]] = []
    # The declined story nearest the question (most of its words), and what it lacks: the
    # note says why that story does not answer, not what some unrelated story lacks.
    closest: tuple[float, list[str]] = (-1.0, [])
    verbs = opposites(weights, _stem)
    groups = group_by_story(passages)
    # A year the question names ("the 2013 strike") tells the event apart as a day does; a
    # time window ("in 2008") has filtered the reports already, and is not in the text here.
    untimely = _another_time(groups, mentioned_years(question.text), names | topic, weights)
    for story, items in groups:
        held = frozenset().union(*(p.present for p in items))
        lacking = [name for name, term in {**names, **topic}.items() if term not in held]
        lacking += untimely.get(story, [])
        lacking += _false_premise(items, held, verbs)
        lacking += _unsupported_premise(items, held, question)
        told = frozenset().union(*(p.dates for p in items))
        lacking += [f"{_MONTH_NAMES[m - 1]} {d}" for m, d in sorted(asked - told)]
        cover = sum(w for t, w in weights.items() if t in held) / whole  # in a fixed order
        if lacking or cover < STORY_COVER:
            if cover > closest[0]:
                closest = (cover, lacking)
            continue
        answering = sorted(
            (
                p
                for p in items
                if p.local >= SENTENCE_COVER
                and _names_the_event(p, needed, settings)
                and _says_what_happened(p, question, weights)
                and _says_more_than_names(p, question, weights)
                and holds_answer(p.text, question)
                and not says_the_opposite(_stems(p.text), verbs)
                and _about_the_people(p, question)
                and _says_the_main_verb(p, question)
            ),
            key=lambda p: -_merit(p, question, weights),
        )
        if answering:
            best.append((_merit(answering[0], question, weights), story, answering))
    if not best:
        return Chosen(why=_why(question, *closest))
    _, story, answering = max(best, key=lambda b: b[0])
    detail = _detail_elsewhere(question, weights, groups, story, {**names, **topic})
    if detail:
        word = next((w for w in _words(question.text) if _stem(w) == detail), detail)
        return Chosen(why=f": the reports that speak of its {word} are about another event")
    limit = PLAIN_SENTENCES if question.kind in ("what", "why", "yes-no") else TYPED_SENTENCES
    return Chosen(
        sentences=_distinct(answering, limit),
        passages=[p for p in passages if p.story_id == story],
    )


def _names_the_event(
    passage: Passage, needed: list[set[str]], settings: Sequence[set[str]] = ()
) -> bool:
    """The sentence is about what the question names: each name is in the sentence, the
    sentences just before it or the headline; or a name it lacks is where the event took place
    ("in the Atlanta courtroom", "on the MV Gibe"), which its report repeats while the sentence
    gives another of the question's names ("The Indian navy captured 23 pirates", in a report
    that speaks of the Gibe again and again). A report states its event's place once or twice;
    a name it gives once, or a person or team the question names, the sentence must say itself
    (another event's host, the other team)."""
    lacking = [w for w in needed if not (w & passage.context or _kin(w, passage))]
    if not lacking:
        return True
    if len(lacking) == len(needed):
        return False
    return all(w in settings and w & passage.repeated for w in lacking)


_SETTING = r"\b(?:in|at|on)\s+(?:the\s+)?{}\b"


def _is_setting(name: str, question: str) -> bool:
    """The question names where the event took place: "in Paris", "in the Atlanta courtroom"."""
    return re.search(_SETTING.format(re.escape(name)), question, re.IGNORECASE) is not None


# A detail word of a question is one at most one report in twelve holds (its weight, the log
# of that share, at least log 12): "precinct", "motel", "verdict", not "city", "found", "long".
# Words as common as those are written of both look-alike events, or in other words by one.
DETAIL_RARITY = math.log(12)


# The verb after "did ..." and its subject ("Did the Angels pull their offer", "How did the
# boss die in jail?"), and the measure of "how old", "how long": reports say what happened in
# other words ("withdrew", "hanged himself", "85"), so these are no details of one event.
_DONE = re.compile(
    r"\b(?i:did|does|do)\s+(?:[\w'’-]+\s+){0,5}?([a-z]+)\b"
    r"(?=\s*[?.!]|\s+(?:their|his|her|its|the|an?|in|on|at|to|from|with|of|when|after|before)\b)"
)
_HOW = re.compile(r"^how (\w+)", re.IGNORECASE)


def _acts(question: str) -> list[str]:
    """The question's words for what was done and how much: not details that tell events
    apart."""
    return [m.group(1) for m in (_DONE.search(question), _HOW.match(question)) if m]


def _detail_elsewhere(
    question: Question,
    weights: dict[str, float],
    groups: list[tuple[str, list[Passage]]],
    story: str,
    names: dict[str, str],
) -> str | None:
    """A detail the question asks with (the thing it asks about, what was done) that no
    report of the chosen story says, while a look-alike story (one that lacks a name the
    question gives) says it and as much of the rest of the question: the question pairs the
    names of one event with a detail of the other."""
    held = {s: frozenset().union(*(p.present for p in items)) for s, items in groups}
    chosen = held.get(story, frozenset())
    named = set(names.values()) | {_stem(w) for n in question.names for w in _words(n)}
    predicate = {t: w for t, w in weights.items() if t not in named}
    acts = {_stem(w) for w in _acts(question.text)}
    details = {t for t, w in predicate.items() if w >= DETAIL_RARITY and t not in acts}
    missing = {t for t in details if t not in chosen and _variant(t) not in chosen}
    if not missing:
        return None
    whole = sum(predicate.values()) or 1.0
    rest = {t: w for t, w in predicate.items() if t not in missing}
    own = sum(w for t, w in rest.items() if t in chosen) / whole
    for other, words_ in held.items():
        if other == story or all(term in words_ for term in names.values()):
            continue  # the same story, or one about the question's names too
        said = missing & words_
        if said and sum(w for t, w in rest.items() if t in words_) / whole >= own:
            return sorted(said)[0]
    return None


def _another_time(
    groups: list[tuple[str, list[Passage]]],
    years: frozenset[int],
    names: dict[str, str],
    weights: dict[str, float],
) -> dict[str, list[str]]:
    """The years the question names ("the 2013 writers strike", "Turkmenistan's December 2013
    election") that a story, otherwise about the question, is not of, by story: when another
    such story is of that year (a report of it published then, or an undated one that writes
    the year, or a plan for it), a story none of whose reports is dated then or writes the
    year is the look-alike event of another time. A story that only recalls the year as its
    past (a 2013 report writing "in 2008") is not of that year, but it does write it: it is
    not told apart by it. When no story the question's words find writes the year at all, or
    is dated in it, none is of that time."""
    if not years:
        return {}
    whole = sum(weights.values()) or 1.0
    plausible = []
    for story, items in groups:
        held = frozenset().union(*(p.present for p in items))
        cover = sum(w for t, w in weights.items() if t in held) / whole
        if cover >= STORY_COVER and all(term in held for term in names.values()):
            plausible.append((story, items))
    lacking: dict[str, list[str]] = {}
    for year in sorted(years):
        if not any(_writes_year(items, year) for _, items in groups):
            for story, _ in groups:
                lacking.setdefault(story, []).append(str(year))
            continue
        if any(_of_year(items, year) for _, items in plausible):
            for story, items in plausible:
                if not _writes_year(items, year):
                    lacking.setdefault(story, []).append(str(year))
    return lacking


def _of_year(items: list[Passage], year: int) -> bool:
    """A report of the story was published in the year, or the story writes it after its
    first dated report (the 2014 Oscars announced in 2013); of a story with no dated report,
    a report writes it. The dated reports tell a story's time: its undated ones recall its past
    as the dated ones do."""
    published = frozenset().union(*(p.story_years for p in items))
    if not published:
        return any(year in p.years for p in items)
    return year in published or (year > min(published) and any(year in p.years for p in items))


def _writes_year(items: list[Passage], year: int) -> bool:
    return any(year in p.years or year in p.story_years for p in items)


# Kinds of question whose answer is a figure of one person: another person's figure in a
# sentence read with the asked person's name before it (Luck's 205 yards in a report about
# Peyton Manning's record) is no answer.
_FIGURE_KINDS = ("how many", "how much", "how old")
# Words of a name that make it a place's or an organisation's, not a person's.
_NOT_PEOPLE = PLACE_NOUNS | frozenset(
    "club foods inc corp company group team bank church explorer award awards act".split()
)
_PRONOUN_START = re.compile(r"^(?:he|she|his|her)\b", re.IGNORECASE)


_SUBJECT = re.compile(r"\b(?:did|does|do|was|is|were|are|has|have|had|will)\s+(.+)$", re.I)
_PREPOSITION = re.compile(
    r"\b(?:with|at|in|of|for|over|against|on|from|to|by|about|after|before|during|under)\b",
    re.IGNORECASE,
)


def _people(question: Question) -> list[str]:
    """The people the question asks a figure of: names of two words or more ("Peyton
    Manning"), none a place's or an organisation's ("Wasilla Bible Church"), that are the
    subject, right after the question's verb ("did Andrew Luck have", "was Hasim Rahman"); not
    a name after a preposition ("the crowd at the rematch with Tony Thompson")."""
    match = _SUBJECT.search(question.text)
    if match is None:
        return []
    subject = _PREPOSITION.split(match.group(1), maxsplit=1)[0].lower()
    return [
        name
        for name in question.names
        if len(name.split()) >= 2
        and not any(w in _NOT_PEOPLE for w in name.split())
        and name.split()[-1] in _words(subject)
    ]


def _about_the_people(passage: Passage, question: Question) -> bool:
    """For a figure of a person, the sentence names the person (by surname) or starts by
    referring back to someone ("She was 85."): a figure in a sentence about another person
    ("Luck threw for 205 yards") is not the asked person's, even when a sentence before it
    names the asked one."""
    if question.kind not in _FIGURE_KINDS:
        return True
    toll = asked_toll(question) if question.kind == "how many" else None
    if toll and counts_another_toll(passage.text, answer_spans(passage.text, question), toll):
        return False  # "injuring five people" does not say how many died
    people = _people(question)
    if not people:
        return True
    if question.kind == "how old" and not _age_of_the_asked(passage.text, question, people):
        return False
    said = _stems(passage.text)
    if all(_stem(name.split()[-1]) in said for name in people):
        return True
    return bool(_PRONOUN_START.match(passage.text))


def _age_of_the_asked(sentence: str, question: Question, people: list[str]) -> bool:
    """The sentence gives an age not written on another person the question names: for "How
    old was Hasim Rahman when Klitschko stopped him?", "the 32-year-old Klitschko" is not it."""
    asked = {name.split()[-1].removesuffix("'s") for name in people}
    others = {n.split()[-1].removesuffix("'s") for n in question.names} - asked
    spans = answer_spans(sentence, question)
    return not others or any(not age_of_another(sentence, span, others) for span in spans)


# Kinds of question whose answer must say the question's own verb ("Why did Kempthorne
# overturn ...": a sentence saying why he proposed it is about another act of his).
_VERB_KINDS = ("why", "when")
_WHO_VERB = re.compile(r"^who\s+(?:is\s+|was\s+|were\s+|are\s+)?([a-z]{3,})\b", re.I)
_MAIN_VERB = re.compile(
    r"\b(?:did|does|do|was|were|is|are|has|have|had)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’.-]*\s+)+([a-z]{3,})\b"
)
# Verbs that say little of what happened: "did X have", "did X get".
_LIGHT_VERBS = frozenset("have get got make made take took give gave go went come came".split())
_PARTICIPLES = frozenset(
    "caught found held built born shot hit sold bought led left kept struck hung won lost "
    "put set run fought brought thought sent spent begun".split()
)


def main_verb(question: Question) -> str | None:
    """The verb after the question's named subject: "overturn" of "Why did Dirk Kempthorne
    overturn the rule?", "captured" of "When was Arcade Comeaux captured?"."""
    if question.kind == "who":
        # "Who reversed the rule?", "Who is accused of killing ...?"; not "Whose record did
        # he break?", whose verb reports write in other forms ("broke", "passing")
        who = _WHO_VERB.match(question.text)
        if who is None or not who.group(1).endswith("ed") or who.group(1) in NOUNS:
            return None
        if who.group(1)[0].isupper():
            return None  # "Who was Fred LaRue?": a name, not a verb
        return who.group(1)
    match = _MAIN_VERB.search(question.text)
    if match is None:
        return None
    verb = match.group(1)
    if verb in STOPWORDS or verb in _LIGHT_VERBS or verb in QUESTION_WORDS:
        return None
    if verb in NOUNS:
        return None  # "the Matanuska Maid warehouse": the name goes on with a noun
    participle = verb.endswith(("ed", "en")) or verb in _PARTICIPLES
    if match.group(0).split()[0].lower() not in ("did", "does", "do") and not participle:
        return None  # after "was", "has": a participle ("captured"), else the name goes on
    return verb


def _says_the_main_verb(passage: Passage, question: Question) -> bool:
    """For a question about why or when a named one did something, the sentence says that
    verb (in any of its forms)."""
    if question.kind not in _VERB_KINDS:
        return True
    return _says_verb(passage, question)


def _says_verb(passage: Passage, question: Question) -> bool:
    verb = main_verb(question)
    if verb is None:
        return True
    term = _stem(verb)
    said = _stems(passage.text)
    return term in said or _variant(term) in said


def _false_premise(
    items: list[Passage], held: frozenset[str], verbs: list[tuple[frozenset[str], frozenset[str]]]
) -> list[str]:
    """The question's verbs whose opposite the story's reports say while none says the verb:
    "acquitted" of a story where the man was charged. The story does not answer the question;
    answering would confirm a premise its reports contradict."""
    if not verbs:
        return []
    said = set(held).union(*(_stems(p.text) for p in items))
    return ["/".join(sorted(verb)) for verb, other in verbs if not said & verb and said & other]


def _unsupported_premise(
    items: list[Passage], held: frozenset[str], question: Question
) -> list[str]:
    """What the question takes for granted that the story's reports do not say: a role it
    names that no report speaks of ("John Jenkin's ex-girlfriend"), or doer and done-to the
    other way round ("did Rahman knock out Klitschko?" where Klitschko knocked Rahman down)."""
    said = set(held).union(*(_stems(p.text) for p in items))
    lacking = unsupported_roles(question, said, _stem)
    verb = main_verb(question)
    if verb is not None:
        # "Who was charged with arson over the Banstead fire?" of a story in which no one is
        # charged: what the question says was done, no report of the story says
        forms = verb_stems(verb, _stem)
        if not forms & said and not {_variant(t) for t in forms} & said:
            lacking.append(verb)
    roles = doer_and_done_to(question, verb)
    sentences = list(dict.fromkeys(p.text for p in items))
    if verb is not None and roles is not None and reversed_roles(sentences, roles, verb, _stem):
        lacking.append(f"{roles[0]} {verb} {roles[1]}")
    done_to = done_to_of_who(question, verb) if question.kind == "who" else None
    if verb and done_to and done_to_another(sentences, done_to, verb, _stem):
        lacking.append(f"{verb} {done_to}")  # "Who fired DiLeo?" where Cheeks was fired
    return lacking


# Kinds of question whose answer is a detail of the event the question's words describe. A
# time most of all: a report gives many dates (of the event, of the past, of what comes next).
# "where" and "why" were tried too: on the development questions they changed nothing, and
# on the check questions "where" only declined more.
_SAYS_KINDS = ("when",)


def _says_what_happened(passage: Passage, question: Question, weights: dict[str, float]) -> bool:
    """For a question about an event's time, the sentence says one of the question's words for
    what happened ("built", "captured"), not only its names: the date of a church's fire does
    not say when it was built."""
    if question.kind not in _SAYS_KINDS:
        return True
    predicate = _predicate(question, weights)
    if not predicate:
        return True
    said = _stems(passage.text)
    return any(t in said or _variant(t) in said for t in predicate)


# Kinds of question answered in words, not by a thing of a kind the sentence must hold.
_WORDED_KINDS = ("what", "why", "yes-no")


def _another_day(told: frozenset[tuple[int, int]], asked: frozenset[tuple[int, int]]) -> bool:
    """The report names another day of the month the question names, and not the asked day:
    it is about another event (a vote on December 14, not the one of December 15), even when
    both are in one story."""
    months = {m for m, _ in asked}
    return bool(asked) and not told & asked and any(m in months for m, _ in told)


def _says_more_than_names(passage: Passage, question: Question, weights: dict[str, float]) -> bool:
    """The sentence says one of the question's words other than its names (what happened, or
    the thing asked about): a sentence that only names the question's people ("favoured by
    Britney Spears and Lindsay Lohan") says nothing about what was asked of them."""
    if question.kind not in _WORDED_KINDS:
        return True  # a thing of the asked kind beside the names answers ("Williams, 32,")
    wanted = set(_predicate(question, weights)) | {
        _stem(f) for f in question.focus if _stem(f) in weights
    }
    if not wanted:
        return True
    said = _stems(passage.text)
    return any(t in said or _variant(t) in said for t in wanted)


def _by_surname(passage: Passage, names: Sequence[str], weights: dict[str, float]) -> Passage:
    """The passage with a person named again by surname alone read as the full name: after
    "Jamal Williams was arrested", "Williams, 32, was going west" is about Jamal Williams. The
    article must give the full name."""
    sentence = _stems(passage.text)
    local, context = passage.local, passage.context
    for name in names:
        terms = [_stem(w) for w in _words(name)]
        if len(terms) < 2 or not all(t in weights and t in passage.present for t in terms):
            continue
        if terms[-1] in sentence:
            unsaid = [t for t in dict.fromkeys(terms) if t not in sentence]
            local += sum(weights[t] for t in unsaid) / (sum(weights.values()) or 1.0)
        if terms[-1] in context:
            context = context | frozenset(terms)
    if (local, context) == (passage.local, passage.context):
        return passage
    return dataclasses.replace(passage, local=local, context=context)


_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
NEAR = 3.0  # words at which a question word beside a candidate answer counts half


def _merit(passage: Passage, question: Question, weights: dict[str, float]) -> float:
    """How well a sentence answers: for a question that asks for a thing (who, when, how
    many...), a thing of that kind with the question's words close around it (answers sit
    beside what the question says, and beside the noun it asks about); the question's words in
    the sentence and in its article; an early place in the article."""
    whole = sum(weights.values()) or 1.0
    tokens = [(m.start(), _stem(m.group(0).lower())) for m in _TOKEN.finditer(passage.text)]
    focus = {_stem(f) for f in question.focus}
    predicate = _predicate(question, weights)
    counted = set(predicate) if question.kind in ("how many", "how much") else set()
    near = 0.0
    for span in answer_spans(passage.text, question):
        value = _nearness(span, tokens, weights) / whole
        if focus and _beside(span, tokens, focus):
            value *= 1.5
        if counted and _beside(span, tokens, counted):
            value *= 1.5  # "86 arrests" for "how many people did police arrest"
        if question.kind == "who":
            value *= personness(passage.text, span)
        near = max(near, value)
    in_sentence = {t for _, t in tokens}
    said = sum(w for t, w in predicate.items() if t in in_sentence or _variant(t) in in_sentence)
    # "Who reversed the rule?": a sentence saying who reversed it, over one naming others
    # beside the rule's other words (reports write some verbs otherwise, so no more than that);
    # so too where, how many, how much, how long and how old it was done
    acted = VERB * (question.kind in _ACT_KINDS and main_verb(question) is not None)
    return (
        acted * _says_verb(passage, question)
        + PREDICATE * said / (sum(predicate.values()) or 1.0)
        + near
        + passage.local
        + 0.5 * passage.coverage
        + 0.3 * bool(focus & in_sentence)
        + 0.1 / (1 + passage.position)
        + (passage.score - passage.coverage - passage.local) * 0.2
    )


# Kinds of question whose sentences rank higher for saying the question's verb ("Where was
# Jamal Williams booked?": "he was booked" at the jail, over the arrest's place). "what" was
# tried too: on the answer sets it lost three answers for two.
_ACT_KINDS = ("who", "where", "how many", "how much", "how long", "how old")
PREDICATE = 0.5  # weight of the share of the question's other words the sentence says
VERB = 0.5  # weight of saying the verb of a "who" question ("Who reversed ...")


def _predicate(question: Question, weights: dict[str, float]) -> dict[str, float]:
    """The question's words that say what happened (not its names, not the noun it asks
    about): "caught" of "Where was Arcade Comeaux caught?"."""
    named = {_stem(w) for name in question.names for w in _words(name)}
    named |= {_stem(w) for f in question.focus for w in _words(f)}
    return {t: w for t, w in weights.items() if t not in named}


def _variant(term: str) -> str:
    return term[2:] if term.startswith("re") and len(term) > 5 else "re" + term


def _beside(span: tuple[int, int], tokens: list[tuple[int, str]], terms: set[str]) -> bool:
    """A word of ``terms`` within three words of the span ("referee Sam Williams")."""
    inside = [i for i, (at, _) in enumerate(tokens) if span[0] <= at < span[1]]
    if not inside:
        return False
    low, high = max(0, inside[0] - 3), min(len(tokens), inside[-1] + 4)
    return any(tokens[i][1] in terms for i in range(low, high) if i not in inside)


def _nearness(
    span: tuple[int, int], tokens: list[tuple[int, str]], weights: dict[str, float]
) -> float:
    """The question's words around a candidate answer, each weighed by rarity and closeness."""
    inside = [i for i, (at, _) in enumerate(tokens) if span[0] <= at < span[1]]
    if not inside:
        return 0.0
    first, last = inside[0], inside[-1]
    best: dict[str, float] = {}
    for i, (_, term) in enumerate(tokens):
        if term not in weights or first <= i <= last:
            continue
        distance = first - i if i < first else i - last
        value = weights[term] / (1 + distance / NEAR)
        best[term] = max(best.get(term, 0.0), value)
    return sum(best.values())


SAME_SENTENCE = 0.6  # share of words (Jaccard) at which two sentences say the same thing


def _distinct(answering: list[Passage], limit: int) -> list[Passage]:
    """The best sentences, no two the same, nearly the same (a wire sentence as two outlets
    edit it: "scored 20 Thursday night" and "scored 20 points") or from one article: each
    sentence shown tells the reader something the ones above it do not."""
    out: list[Passage] = []
    seen: set[str] = set()
    articles: set[str] = set()
    shown: list[set[str]] = []
    for passage in answering:
        key = _key(passage.text)
        if key in seen or passage.article_id in articles:
            continue
        words_ = _stems(passage.text)
        if any(_jaccard(words_, other) >= SAME_SENTENCE for other in shown):
            continue
        shown.append(words_)
        seen.add(key)
        articles.add(passage.article_id)
        out.append(passage)
        if len(out) == limit:
            break
    return out


KIN = 4  # letters of the shorter of a place's name and its people's ("Iran", "Iranian")
# Endings that make a people's word of a place's name or the other way round.
_KIN_ENDINGS = frozenset("istan stan ian ians an ans ese i is ish n ns".split())


def _kin(terms: set[str], passage: Passage) -> bool:
    """The sentence or its headline names the place or people by another form of the word:
    "Turkmen authorities" asked, "Turkmenistan" written; "Iranian" asked, "Iran" written."""
    said = _stems(passage.text) | _stems(passage.title)
    return any(_kin_words(t, w) for t in terms for w in said)


def _kin_words(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) >= KIN and long.startswith(short) and long[len(short) :] in _KIN_ENDINGS


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / (len(a | b) or 1)


def _name_terms(names: Sequence[str], weights: dict[str, float]) -> dict[str, str]:
    """For each name, its rarest word (as the index stems it): a story or a passage about that
    person, place or thing holds it."""
    out = {}
    for name in names:
        term = _rarest(name, weights)
        if term is not None:
            out[name] = term
    return out


def _rarest(name: str, weights: dict[str, float]) -> str | None:
    """The rarest word of a name, as the index stems it; of words equally rare, the last
    (a surname: "Kempthorne" of "Dirk Kempthorne"). Never chosen by set order, which changes
    from run to run: the same question must get the same answer."""
    terms = [t for t in (_stem(w) for w in _words(name)) if t in weights]
    if not terms:
        return None
    return max(reversed(terms), key=lambda t: weights[t])


def _name_words(name: str, weights: dict[str, float]) -> set[str]:
    """The rarest word of a name, as the index stems it ("lohan" of "Lindsay Lohan"): a
    sentence that is about the name says it, or one of the two before it does."""
    term = _rarest(name, weights)
    return {term} if term is not None else {"\0"}


def _why(question: Question, cover: float, lacking: list[str]) -> str:
    """Why nothing answers, when the archive has reports on part of the question: what the
    story nearest to it lacks (a name, or what the question takes for granted: an act no
    report says, doer and done-to the other way round, the opposite of its verb)."""
    names = [n for n in question.names if n in lacking]
    if names:
        return f": no report that is about the rest of the question mentions {names[0]}"
    if lacking and cover >= STORY_COVER:
        return ": the reports nearest to it do not say what the question takes for granted"
    return ""


def _compose(store: Store, answer: Answer, chosen: Chosen) -> Answer:
    """The answer's sentences, every one citing each article that carries it; the sources;
    and, when a figure it gives is disputed in its story, the other values and who gives them."""
    cited: dict[str, Passage] = {}
    by_text: dict[str, Sentence] = {}
    for passage in chosen.sentences:
        sentence = Sentence(passage.text, [passage.article_id])
        by_text[_key(passage.text)] = sentence
        cited.setdefault(passage.article_id, passage)
        answer.answer.append(sentence)
    for passage in chosen.passages:  # the same sentence in other articles: cite them too
        same = by_text.get(_key(passage.text))
        if same is not None and passage.article_id not in same.cites:
            same.cites.append(passage.article_id)
            cited.setdefault(passage.article_id, passage)
    answer.found = bool(answer.answer)
    answer.stories = list(dict.fromkeys(p.story_id for p in chosen.sentences))
    story_articles = list(dict.fromkeys(p.article_id for p in chosen.passages))[:20]
    articles = store.get_articles(story_articles)
    reports = store.report_ids(story_articles)
    said = {_key(s.text): s for s in answer.answer}
    for conflict in disputed(answer.answer, articles, reports):
        answer.conflicts.append(conflict)
        for claim in conflict.claims:
            if any(
                claim.value.lower() in s.text.lower() and set(claim.sources) & set(s.cites)
                for s in answer.answer
            ):
                continue  # this value is in the answer already, cited to its source
            same = said.get(_key(claim.text))
            if same is None:  # a sentence the answer holds is not said twice, only cited more
                same = said[_key(claim.text)] = Sentence(claim.text, [])
                answer.answer.append(same)
            same.cites.extend(s for s in claim.sources if s not in same.cites)
            for article in articles:
                if article.id in claim.sources and article.id not in cited:
                    cited[article.id] = _passage_of(article, claim.text, answer.stories[0])
    answer.sources = [
        {
            "id": p.article_id,
            "title": p.title,
            "url": p.url,
            "source": outlet_name(p.source, p.url),
            "published": to_iso(p.published),
            "story": p.story_id,
        }
        for p in cited.values()
    ]
    return answer


def disputed(
    sentences: list[Sentence], articles: Sequence[Article], reports: dict[str, str]
) -> list[Conflict]:
    """The story's disagreements over a figure that the sentences give.

    The narrow seam to the story's disagreement detection: a conflict counts when one of its
    claims is a sentence of the answer or gives a figure the answer gives."""
    shown = {f.shown.lower() for s in sentences for f in figures(s.text)}
    texts = {_key(s.text) for s in sentences}
    found = []
    for conflict in find_conflicts(articles, reports, limit=10):
        if any(c.value.lower() in shown or _key(c.text) in texts for c in conflict.claims):
            found.append(conflict)
    return found


def _passage_of(article: Article, text: str, story: str) -> Passage:
    return Passage(
        article_id=article.id,
        text=text,
        position=0,
        coverage=0.0,
        title=article.title,
        source=article.source,
        url=link_url(article.url),
        published=article.published,
        story_id=story,
    )
