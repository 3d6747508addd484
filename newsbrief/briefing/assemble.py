"""Assembles a briefing for a reader and a time window from the stories in the store.

1. Rank: every story active in the window is scored from its articles' metadata alone (no
   text is read): importance (independent reports, outlets, velocity, recency, novelty) plus
   relevance to the reader.
2. Write up the best candidates: their articles are loaded, cleaned of what their outlets repeat
   across unrelated stories (``RecurringSentences``), and written up, reusing stored write-ups
   whose inputs have not changed; figures on which the sources disagree are found.
3. Sum up: the title from the top headlines, an overview paragraph, one takeaway per story,
   the day's topics, and a length budget (about a five-minute read by default).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from newsbrief.briefing import received
from newsbrief.briefing.empty import NO_NEWS
from newsbrief.briefing.personalize import why_it_matters_for
from newsbrief.briefing.rank import StoryStats, importance, why_included
from newsbrief.briefing.relevance import (
    Reader,
    diverse_order,
    reader_for,
    relevance_text,
    score_story,
    specificity,
    topic_terms,
)
from newsbrief.codec import writeup_dict, writeup_from_dict
from newsbrief.conflicts import find_conflicts
from newsbrief.feedback import features_of, hidden_stories
from newsbrief.models import (
    Article,
    ArticleMeta,
    Briefing,
    BriefStory,
    Profile,
    Sections,
    Sentence,
    SourceRef,
    StoryDigest,
    Writeup,
)
from newsbrief.progress import Progress
from newsbrief.store import Store
from newsbrief.stories.dedupe import writeup_articles
from newsbrief.stories.pipeline import process
from newsbrief.summarize import ExtractiveSummarizer, Summarizer
from newsbrief.summarize.cache import cache_key
from newsbrief.summarize.extractive import plain_words
from newsbrief.text.boilerplate import RecurringSentences
from newsbrief.text.tokens import terms
from newsbrief.timeutil import now as utcnow
from newsbrief.urls import link_url, outlet_name

if TYPE_CHECKING:
    from newsbrief.summarize.llm import ModelWriter

log = logging.getLogger(__name__)

SECTION_KEYS = ("what_is_happening", "why_it_matters", "whats_next", "beyond_the_headlines")
CANDIDATE_FACTOR = 2  # stories written up per story shown, so relevance can reorder them
PERSONAL_CANDIDATE_FACTOR = 4
RELEVANCE_WEIGHT = 2.0
WORDS_PER_MINUTE = 250  # a usual adult reading pace for news prose
READING_MINUTES = 5.0
VELOCITY_HOURS = 6
WRITING = "writing up stories"  # what progress reports call this work


@dataclass
class _Candidate:
    digest: StoryDigest
    stats: StoryStats
    score: float


def default_profile(store: Store, name: str = "default") -> Profile:
    return store.get_profile(name) or Profile(name=name)


def story_stats(
    metas: list[ArticleMeta],
    last_briefing: datetime | None,
    briefed: bool,
    now: datetime,
) -> StoryStats:
    # Publication times only: the time an import first saw an undated report says nothing of
    # when it happened (an undated story is neither recent nor old, see rank.importance).
    whens = [m.published for m in metas if m.published]
    outlets = {m.source or m.url or m.id for m in metas}
    recent = sum(1 for w in whens if (now - w).total_seconds() <= 86400)
    moving = {
        m.report
        for m in metas
        if m.published and now - m.published <= timedelta(hours=VELOCITY_HOURS)
    }
    if last_briefing is None:
        new_since, is_new = len(metas), True
    else:
        fresh = [m for m in metas if (m.added or now) > last_briefing]
        new_since, is_new = len(fresh), len(fresh) == len(metas)
    return StoryStats(
        articles=len(metas),
        reports=len({m.report for m in metas}),
        outlets=len(outlets),
        first=min(whens) if whens else None,
        last=max(whens) if whens else None,
        recent=recent,
        new_since_last=new_since,
        is_new=is_new,
        velocity=len(moving),
        briefed_before=briefed,
    )


def headline_in(writeup: Writeup, articles: list[Article], language: str) -> Writeup:
    """The write-up with the headline of its first report in the reader's language, when its
    own headline is not in it and a report is: the story's other words stay as written."""
    if not language:
        return writeup
    written_in = {a.id: (a.language or "").split("-")[0].lower() for a in articles}
    if any(written_in.get(cite) == language for cite in writeup.headline_cites):
        return writeup
    ordered = sorted(articles, key=lambda a: (a.when is None, a.when))
    for article in ordered:
        if written_in[article.id] == language and article.title.strip():
            return replace(writeup, headline=article.title.strip(), headline_cites=[article.id])
    return writeup


def source_refs(
    articles: list[Article], reports: dict[str, str], fresh: set[str] | None = None
) -> list[SourceRef]:
    """Articles of a story, newest first; a syndicated copy is marked not independent.

    The time shown is the publication time or none ("undated"): the time an import first
    saw an old page is not when it was written.
    """
    first_of_report: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: (a.when is None, a.when)):
        first_of_report.setdefault(reports.get(article.id, article.id), article.id)
    refs = [
        SourceRef(
            id=a.id,
            title=a.title,
            url=link_url(a.url),
            source=outlet_name(a.source, a.url),
            published=a.published,
            independent=first_of_report[reports.get(a.id, a.id)] == a.id,
            report=reports.get(a.id, a.id),
            new=fresh is not None and a.id in fresh,
            language=(a.language or "").split("-")[0].lower() or None,
        )
        for a in sorted(articles, key=lambda a: (a.when is not None, a.when), reverse=True)
    ]
    return refs


def timeline(articles: list[Article]) -> list[tuple[str, int]]:
    """Articles per publication day; undated articles have no day."""
    days = Counter(a.published.date().isoformat() for a in articles if a.published)
    return sorted(days.items())


def timeline_headlines(articles: list[Article]) -> list[Sentence]:
    """For each day of the timeline, the first headline of that day with the articles using it."""
    by_day: dict[str, list[Article]] = {}
    for article in sorted(articles, key=lambda a: (a.published is None, a.published)):
        if article.published:
            by_day.setdefault(article.published.date().isoformat(), []).append(article)
    out = []
    for day in sorted(by_day):
        first = by_day[day][0]
        cites = [a.id for a in by_day[day] if a.title == first.title]
        out.append(Sentence(" ".join(first.title.split()), cites))
    return out


def build_briefing(
    store: Store,
    profile: Profile | None = None,
    since: datetime | None = None,
    now: datetime | None = None,
    limit: int | None = None,
    summarizer: Summarizer | None = None,
    record: bool = True,
    reading_minutes: float | None = None,
    last_briefing: datetime | None = None,
    writer: ModelWriter | None = None,
    progress: Progress | None = None,
) -> Briefing:
    """The briefing of a reader over a window: stories ranked, written up and summed up.

    What is new is measured against the last briefing the reader received (see
    ``newsbrief.briefing.received``); ``last_briefing`` overrides its time. ``record`` stores the
    briefing as received by the reader (a briefing with no story is not recorded). Stories are
    ranked on extractive write-ups; a ``writer`` (a configured model) then rewrites the stories
    shown and the overview, under the grounding guard. ``progress`` hears how clustering new
    articles and writing up the candidate stories advance.
    """
    started = utcnow()
    now = now or started
    profile = profile or default_profile(store)
    since = since or now.replace(hour=0, minute=0, second=0, microsecond=0)
    limit = limit or profile.story_count
    summarizer = summarizer or ExtractiveSummarizer()
    made_over = received.basis(store)
    process(store, progress=progress)
    previous = received.reference(store, profile.name, made_over)
    last = last_briefing or previous.time
    briefed = set(previous.stories)
    reader = reader_for(store, profile)
    hidden = hidden_stories(store, profile.name)

    digests = [d for d in store.story_digests(active_since=since) if d.id not in hidden]
    pool = _rank(store, digests, reader, last, briefed, now)
    # Headlines alone under-rate stories a reader cares about: a personal briefing writes up
    # more candidates, so the second ranking (on headlines and leads) can bring them up.
    factor = PERSONAL_CANDIDATE_FACTOR if reader.personal else CANDIDATE_FACTOR
    chosen = pool[: limit * factor]
    texts = {a.id: a for a in store.get_articles([m.id for c in chosen for m in c.digest.articles])}
    recurring = RecurringSentences()
    recurring.add_stories(
        (c.digest.id, [texts[m.id] for m in c.digest.articles if m.id in texts]) for c in chosen
    )
    written = []
    for cand in chosen:
        articles = [recurring.strip(texts[m.id]) for m in cand.digest.articles if m.id in texts]
        if articles:
            written.append((cand, articles, *_story_terms(cand.digest.id, articles)))
    rarity = specificity([w[3] for w in written], reader) if reader.personal else {}
    top = max((importance(c.stats, now) for c, *_ in written), default=1.0) or 1.0

    by_id: dict[str, BriefStory] = {}
    order_input: list[tuple[str, float, list[str], list[str]]] = []
    to_save: list[tuple[str, str, dict[str, object]]] = []
    for done, (cand, articles, features, text) in enumerate(written):
        if progress is not None:
            progress(WRITING, done, len(written))
        rel = score_story(reader, text, features, _outlets(articles), rarity)
        if rel.muted:
            continue
        reports = {m.id: m.report for m in cand.digest.articles}
        originals = writeup_articles(articles, reports)
        writeup = _writeup(store, summarizer, cand.digest.id, originals, to_save)
        if reader.personal:
            personal = why_it_matters_for(reader, articles, writeup)
            writeup = replace(writeup, sections=replace(writeup.sections, why_it_matters=personal))
        writeup = without_repeats(_only_sections(writeup, profile.sections))
        writeup = headline_in(writeup, originals, profile.language)
        fresh = {m.id for m in cand.digest.articles if last is None or (m.added or now) > last}
        imp = importance(cand.stats, now)
        by_id[cand.digest.id] = BriefStory(
            id=cand.digest.id,
            writeup=writeup,
            sources=source_refs(articles, reports, fresh),
            conflicts=find_conflicts(articles, reports),
            importance=imp,
            relevance=rel.score,
            why_included=why_included(rel, cand.stats),
            is_new=cand.stats.is_new,
            new_since_last=cand.stats.new_since_last,
            reports=cand.stats.articles,
            independent_reports=cand.stats.reports,
            timeline=timeline(articles),
            timeline_headlines=timeline_headlines(articles),
        )
        # For a reader with interests, relevance leads and importance breaks ties.
        weight = imp / top if reader.personal else imp
        subject = topic_terms([a.title for a in articles], [a.text for a in articles])
        order_input.append(
            (cand.digest.id, weight + RELEVANCE_WEIGHT * rel.score, subject, rel.followed)
        )
    store.save_writeups(to_save)
    if progress is not None and written:
        progress(WRITING, len(written), len(written))
    stories = [by_id[i] for i in diverse_order(order_input, limit)]
    opening = overview(stories)
    model_report = None
    if writer is not None:
        opening, model_report = writer.improve(stories, profile, opening)
    minutes = READING_MINUTES if reading_minutes is None else reading_minutes
    briefing = Briefing(
        title=briefing_title(stories),
        overview=opening,
        key_takeaways=key_takeaways(stories, opening),
        topics=topics(stories),
        stories=stories,
        generated=now,
        since=since,
        profile=profile.name,
        writer=model_report,
        basis=made_over,
    )
    fit_to_budget(briefing, int(minutes * WORDS_PER_MINUTE))
    briefing.reading_minutes = round(briefing_words(briefing) / WORDS_PER_MINUTE, 1)
    if record:
        record_briefing(store, briefing, started)
    return briefing


def record_briefing(store: Store, briefing: Briefing, made: datetime | None = None) -> int | None:
    """Record a briefing the reader now has; a briefing with no story is not one. Its id."""
    from newsbrief.codec import briefing_dict

    if not briefing.stories:
        return None
    data = briefing_dict(briefing)
    made = made or briefing.generated
    return received.record(store, briefing.profile, briefing.since, data, briefing.basis, made)


def _rank(
    store: Store,
    digests: list[StoryDigest],
    reader: Reader,
    last: datetime | None,
    briefed: set[str],
    now: datetime,
) -> list[_Candidate]:
    """Stories by importance plus relevance.

    Importance needs only metadata. Relevance reads headlines and leads for a reader with
    interests (a headline alone often misses what the story is about); those are computed once
    per story version and shared by every profile.
    """
    found = [d for d in digests if d.articles]
    texts = _story_texts(store, found) if reader.personal else {}
    rarity = specificity([texts[d.id][1] for d in found], reader) if reader.personal else {}
    pool = []
    for digest in found:
        stats = story_stats(digest.articles, last, digest.id in briefed, now)
        outlets = sorted({m.source for m in digest.articles if m.source})
        features, text = texts.get(digest.id, ([], "\n".join(m.title for m in digest.articles)))
        rel = score_story(reader, text, features, outlets, rarity)
        if rel.muted:
            continue
        score = importance(stats, now) + RELEVANCE_WEIGHT * rel.score
        pool.append(_Candidate(digest, stats, score))
    pool.sort(key=lambda c: (-c.score, c.digest.id))
    return pool


def _writeup(
    store: Store,
    summarizer: Summarizer,
    story_id: str,
    articles: list[Article],
    to_save: list[tuple[str, str, dict[str, object]]],
) -> Writeup:
    """The story's shared write-up (the same for every reader), stored while its inputs hold."""
    key = cache_key(summarizer, articles)
    if key is not None:
        stored = store.get_writeup(story_id, key)
        if stored is not None:
            try:
                return writeup_from_dict(stored)
            except (KeyError, TypeError, ValueError):
                log.warning("stored write-up of %s is unreadable; writing it again", story_id)
    writeup = summarizer.write(articles)
    if key is not None:
        to_save.append((story_id, key, writeup_dict(writeup)))
    return writeup


def _outlets(articles: list[Article]) -> list[str]:
    return sorted({a.source for a in articles if a.source})


_TERMS: OrderedDict[tuple[str, tuple[str, ...]], tuple[list[str], str]] = OrderedDict()
_TERMS_CACHE_SIZE = 8192


def _story_terms(story_id: str, articles: list[Article]) -> tuple[list[str], str]:
    """A story's main terms and the text relevance reads (headlines and leads); computed once
    per story version and shared by every profile of the process."""
    key = (story_id, tuple(a.id for a in articles))
    cached = _TERMS.get(key)
    if cached is None:
        features = features_of(articles)
        text = relevance_text([a.title for a in articles], [a.text for a in articles])
        cached = _TERMS[key] = (features, text)
        if len(_TERMS) > _TERMS_CACHE_SIZE:
            _TERMS.popitem(last=False)
    return cached


def _story_texts(store: Store, digests: list[StoryDigest]) -> dict[str, tuple[list[str], str]]:
    """Terms and relevance text of each story, reading only the articles not yet cached."""
    out: dict[str, tuple[list[str], str]] = {}
    missing: list[StoryDigest] = []
    for digest in digests:
        cached = _TERMS.get((digest.id, tuple(m.id for m in digest.articles)))
        if cached is None:
            missing.append(digest)
        else:
            out[digest.id] = cached
    if missing:
        articles = {
            a.id: a for a in store.get_articles([m.id for d in missing for m in d.articles])
        }
        for digest in missing:
            found = [articles[m.id] for m in digest.articles if m.id in articles]
            out[digest.id] = _story_terms(digest.id, found)
    return out


def _only_sections(writeup: Writeup, shown: list[str]) -> Writeup:
    """The write-up with only the sections the reader chose to see."""
    if set(shown) >= set(SECTION_KEYS):
        return writeup
    kept = {
        key: list(getattr(writeup.sections, key)) if key in shown else [] for key in SECTION_KEYS
    }
    return replace(writeup, sections=Sections(**kept))


# Words at which a long headline can be cut and still say what happened.
_CUT_BEFORE = {"in", "on", "at", "of", "for", "after", "as", "with", "from", "over", "amid",
               "to", "by", "during", "despite", "following", "and"}  # fmt: skip
TITLE_HEADLINE_WORDS = 9


def short_headline(headline: str, max_words: int = TITLE_HEADLINE_WORDS) -> str:
    """The headline cut at a phrase boundary so that it fits in a title; never inside a word,
    and never inside a phrase: a headline with no boundary to cut at stays whole."""
    tokens = headline.strip().rstrip(".").split()
    if len(tokens) <= max_words:
        return " ".join(tokens)
    # The first phrase boundary after the core "who did what": a cut at a later one would
    # leave half a phrase ("… pirates in Gulf").
    for cut in range(4, len(tokens)):
        if _names_go_on(tokens, cut):
            continue
        if tokens[cut].lower() in _CUT_BEFORE or tokens[cut - 1].endswith((",", ":", ";")):
            return " ".join(tokens[:cut]).rstrip(",:;")
    return " ".join(tokens)


def _names_go_on(tokens: list[str], cut: int) -> bool:
    """Whether an "and" joins a name to what comes before it ("asked neurosurgeon and CNN
    correspondent Sanjay Gupta"): a cut there would drop whom the headline is about."""
    after = tokens[cut + 1 : cut + 2]
    return tokens[cut].lower() == "and" and bool(after) and after[0][:1].isupper()


def briefing_title(stories: list[BriefStory], count: int = 3) -> str:
    """The top headlines, shortened, as one line: "Chip rules tightened, X delays model, Y buys
    Z" (a headline ending in "?" or "!" keeps its mark)."""
    parts = [_ARTICLE.sub("", short_headline(s.writeup.headline)) for s in stories[:count]]
    parts = [p.rstrip(",;:") for p in parts if p]
    # A headline with no phrase boundary to cut at stays whole: after the first, one much
    # longer than a title phrase is left to the briefing (a 27-word title is not read).
    parts = parts[:1] + [p for p in parts[1:] if len(p.split()) <= TITLE_PART_LIMIT]
    return ", ".join(parts) if parts else NO_NEWS


TITLE_PART_LIMIT = TITLE_HEADLINE_WORDS + 3


_ARTICLE = re.compile(r"^(?:The|A|An)\s+(?=\S)")  # headline style: "Indian navy captures ..."


# Openings that point back to someone named earlier ("He said", "The 26-year-old ...", "The
# company ..."): in a briefing's overview there is no earlier sentence to name them.
_POINTING = {"he", "she", "it", "they", "his", "her", "its", "their", "this", "these", "those",
             "that", "such", "there", "we", "i", "him", "them", "it's", "that's", "there's",
             "here's", "he's", "she's", "they're", "we're", "i'm", "what's"}  # fmt: skip
_DESCRIPTION = re.compile(r"^(?:the|this|that)\s+(?:[a-z\d][\w'’-]*\s+){0,2}?"
                          r"(?:[\d]+-year-old|[a-z][\w'’-]*)\b(?!\s+[A-Z])")  # fmt: skip


def names_its_subject(sentence: Sentence, names: list[str], headline: str = "") -> bool:
    """Whether a sentence can open a paragraph: it does not start with a pronoun or with a
    description ("the 26-year-old", "the company") that none of the story's names follows.
    A description in words of the headline names what the story is about ("The ferry service
    ... resumed" under "Ferry service resumes after storm")."""
    text = sentence.text.lstrip("\"'“‘( ")
    first = text.split(" ", 1)[0].lower().strip(",").replace("’", "'")
    if first in _POINTING:
        return False
    opening = " ".join([first, *text.split()[1:4]])
    described = _DESCRIPTION.match(opening)
    if described is None or any(n and n in opening for n in names):
        return True
    wanted = {t for t in terms(headline) if t.isalpha()}
    return bool(wanted & {t for t in terms(described.group(0)) if t.isalpha()})


def _lead_sentence(story: BriefStory) -> Sentence | None:
    """The story's opening summary sentence that names its subject, else its first one."""
    summary = story.writeup.summary
    names = story.writeup.entities
    return next(
        (s for s in summary if names_its_subject(s, names)), summary[0] if summary else None
    )


def overview(stories: list[BriefStory], count: int = 3) -> list[Sentence]:
    """One paragraph over the window: for each top story, its first summary sentence that
    names who or what it is about (no "He said" or "The 26-year-old" without a name)."""
    found = [_lead_sentence(s) for s in stories[:count]]
    return [s for s in found if s is not None]


TAKEAWAY_WORDS = 30  # one line


def key_takeaways(stories: list[BriefStory], shown: list[Sentence] | None = None) -> list[Sentence]:
    """One line per story: its main fact, not a sentence shown above it or for another story."""
    taken = {plain_words(s.text) for s in shown or []}
    out = []
    for story in stories:
        pick = main_fact(story.writeup, taken)
        taken.add(plain_words(pick.text))
        out.append(pick)
    return out


def main_fact(w: Writeup, taken: set[str] | None = None) -> Sentence:
    """A story's main fact: the development its headline announces, told in one sentence of at
    most ``TAKEAWAY_WORDS`` words that names its subject, cited; not its headline and not a
    sentence in ``taken`` (normalised text already shown)."""
    taken = taken or set()
    # What is happening, not its background or outlook: a scheduled broadcast or last
    # year's award is not the story's main fact.
    current = w.key_facts + w.summary + w.sections.what_is_happening
    other = [
        s for key in SECTION_KEYS if key != "what_is_happening" for s in getattr(w.sections, key)
    ]
    candidates = [s for s in current + other if plain_words(s.text) not in taken]
    short = [s for s in candidates if len(s.text.split()) <= TAKEAWAY_WORDS]
    named = [s for s in short if s in current and names_its_subject(s, w.entities, w.headline)]
    headline = plain_words(w.headline)
    named.sort(key=lambda s: -_main_fact_score(s, w))  # stable: ties keep their order
    pick = next((s for s in named + short + candidates if plain_words(s.text) != headline), None)
    if pick is None:  # a story of one sentence, which the overview holds
        pick = w.summary[0] if w.summary else Sentence(w.headline, list(w.headline_cites))
    return Sentence(pick.text, list(pick.cites))


def _main_fact_score(sentence: Sentence, writeup: Writeup) -> float:
    """How squarely a sentence states what the headline announces: the share of the
    headline's terms it holds, and whether it names one of the story's leading names."""
    wanted = set(terms(writeup.headline))
    said = set(terms(sentence.text))
    share = len(wanted & said) / len(wanted) if wanted else 0.0
    named = any(n and n in sentence.text for n in writeup.entities[:3])
    return share + (0.25 if named else 0.0)


def without_repeats(writeup: Writeup) -> Writeup:
    """The write-up with every sentence shown once: a section line, key fact or quote that
    repeats the summary or an earlier line (word for word, or inside it) is left out, and so is
    one that only says the headline again (a title that is a sentence, cited as a fact)."""
    seen: list[str] = []
    headline = plain_words(writeup.headline)

    def fresh(text: str, below_summary: bool = True) -> bool:
        norm = plain_words(text)
        if not norm or any(norm in other or other in norm for other in seen):
            return False
        # A longer sentence holding the headline adds to it; one inside the headline does not.
        if below_summary and headline and norm in headline:
            return False
        seen.append(norm)
        return True

    summary = [s for s in writeup.summary if fresh(s.text, below_summary=False)]
    sections = Sections(
        **{
            key: [s for s in getattr(writeup.sections, key) if fresh(s.text)]
            for key in SECTION_KEYS
        }
    )
    facts = [s for s in writeup.key_facts if fresh(s.text)]
    quote = writeup.quote if writeup.quote is not None and fresh(writeup.quote.text) else None
    return replace(writeup, summary=summary, sections=sections, key_facts=facts, quote=quote)


def topics(stories: list[BriefStory], limit: int = 12) -> list[str]:
    """The day's main entities and keyphrases, weighted by the importance of their stories."""
    weight: dict[str, float] = {}
    shown: dict[str, str] = {}
    for story in stories:
        tags = story.writeup.entities[:4] + story.writeup.keyphrases[:2]
        for rank, tag in enumerate(tags):
            key = tag.lower()
            shown.setdefault(key, tag)
            weight[key] = weight.get(key, 0.0) + (story.importance + 1.0) / math.sqrt(1 + rank)
    chosen: list[str] = []
    for key in sorted(weight, key=lambda k: -weight[k]):
        # "Internet Explorer Web" says nothing "Internet Explorer" has not: one tag per name.
        words = set(key.split())
        if any(words >= set(c.split()) or words <= set(c.split()) for c in chosen):
            continue
        chosen.append(key)
        if len(chosen) >= limit:
            break
    return [shown[k] for k in chosen]


def _words(sentences: list[Sentence]) -> int:
    return sum(len(s.text.split()) for s in sentences)


def story_words(story: BriefStory) -> int:
    w = story.writeup
    sections = w.sections
    return (
        len(w.headline.split())
        + _words(w.summary)
        + _words(w.key_facts)
        + sum(_words(getattr(sections, name)) for name in Sections.__dataclass_fields__)
        + (len(w.quote.text.split()) if w.quote else 0)
    )


def briefing_words(briefing: Briefing) -> int:
    return (
        len(briefing.title.split())
        + _words(briefing.overview)
        + _words(briefing.key_takeaways)
        + sum(story_words(s) for s in briefing.stories)
    )


# Trimming steps for one story, least missed first.
_TRIM_STEPS = (
    ("what_is_happening", 1),
    ("beyond_the_headlines", 1),
    ("why_it_matters", 1),
    ("whats_next", 1),
    ("key_facts", 2),
    ("what_is_happening", 0),
    ("beyond_the_headlines", 0),
    ("quote", 0),
    ("key_facts", 1),
    ("summary", 2),
    ("key_facts", 0),
    # Last: the one line that says what the story means for the reader, and what comes next.
    ("why_it_matters", 0),
    ("whats_next", 0),
)


def fit_to_budget(briefing: Briefing, budget_words: int) -> None:
    """Trim write-ups until the briefing fits the word budget, one step at a time across all
    stories, lowest-ranked first.

    Each step (a second line of a section, then extra key facts, then whole sections) is taken
    from every story before the next one: a reader of ten stories is better served by each
    story's one line of why it matters and what's next than by the top story's second line of
    background, so the top stories lose their extras first and no story is cut to its summary
    while another keeps them. Every story keeps its headline and a summary of at least two
    sentences.
    """
    if briefing_words(briefing) <= budget_words:
        return
    for part, keep in _TRIM_STEPS:
        for story in reversed(briefing.stories):
            _trim(story, part, keep)
            if briefing_words(briefing) <= budget_words:
                return


def _trim(story: BriefStory, part: str, keep: int) -> None:
    w = story.writeup
    if part == "quote":
        story.writeup = replace(w, quote=None)
    elif part in ("key_facts", "summary"):
        story.writeup = replace(w, **{part: getattr(w, part)[:keep]})
    else:
        sections = replace(w.sections, **{part: getattr(w.sections, part)[:keep]})
        story.writeup = replace(w, sections=sections)
