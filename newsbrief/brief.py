"""Assembles a briefing for a reader and a time window from the stories in the store."""

from __future__ import annotations

import logging
from collections import Counter, OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime

from newsbrief.conflicts import find_conflicts
from newsbrief.feedback import features_of_text, hidden_stories
from newsbrief.models import (
    Article,
    Briefing,
    BriefStory,
    Profile,
    Sections,
    Sentence,
    SourceRef,
    Story,
    Writeup,
)
from newsbrief.personalize import why_it_matters_for
from newsbrief.pipeline import process
from newsbrief.rank import StoryStats, importance, why_included
from newsbrief.relevance import (
    Relevance,
    diverse_order,
    reader_for,
    score_story,
    specificity,
)
from newsbrief.store import Store
from newsbrief.summarize import ExtractiveSummarizer, Summarizer
from newsbrief.timeutil import now as utcnow

log = logging.getLogger(__name__)

SECTION_KEYS = ("what_is_happening", "why_it_matters", "whats_next", "beyond_the_headlines")
CANDIDATE_FACTOR = 3  # stories written up per story shown, so ranking can reorder them
RELEVANCE_WEIGHT = 2.0


@dataclass
class _Candidate:
    story: Story
    articles: list[Article]
    reports: dict[str, str]
    stats: StoryStats
    score: float
    features: list[str]
    relevance: Relevance


# The shared part of a write-up is made once per story version for every profile.
_WRITEUPS: OrderedDict[tuple[str, str, tuple[str, ...]], Writeup] = OrderedDict()
_WRITEUP_CACHE_SIZE = 2048


def _shared_writeup(summarizer: Summarizer, cand: _Candidate) -> Writeup:
    key = (type(summarizer).__name__, cand.story.id, tuple(a.id for a in cand.articles))
    cached = _WRITEUPS.get(key)
    if cached is None:
        cached = summarizer.write(cand.articles)
        _WRITEUPS[key] = cached
        if len(_WRITEUPS) > _WRITEUP_CACHE_SIZE:
            _WRITEUPS.popitem(last=False)
    else:
        _WRITEUPS.move_to_end(key)
    return cached


_TERMS: OrderedDict[tuple[str, tuple[str, ...]], tuple[list[str], str]] = OrderedDict()


def _story_terms(story_id: str, articles: list[Article]) -> tuple[list[str], str]:
    """A story's main terms and the text relevance reads; shared by every profile."""
    key = (story_id, tuple(a.id for a in articles))
    cached = _TERMS.get(key)
    if cached is None:
        features = features_of_text([a.title for a in articles], [a.text for a in articles])
        cached = _TERMS[key] = (features, _story_text(articles))
        if len(_TERMS) > 4 * _WRITEUP_CACHE_SIZE:
            _TERMS.popitem(last=False)
    return cached


def _only_sections(writeup: Writeup, shown: list[str]) -> Writeup:
    """The write-up with only the sections the reader chose to see."""
    if set(shown) >= set(SECTION_KEYS):
        return writeup
    sections = Sections(
        **{
            key: list(getattr(writeup.sections, key)) if key in shown else []
            for key in SECTION_KEYS
        }
    )
    return replace(writeup, sections=sections)


def _story_text(articles: list[Article]) -> str:
    """What relevance reads: headlines and leads."""
    return " ".join(f"{a.title}. {' '.join(a.text.split()[:60])}" for a in articles[:30])


def default_profile(store: Store, name: str = "default") -> Profile:
    return store.get_profile(name) or Profile(name=name)


def story_stats(
    articles: list[Article],
    reports: dict[str, str],
    added: dict[str, datetime],
    last_briefing: datetime | None,
    now: datetime,
) -> StoryStats:
    whens = [a.when for a in articles if a.when]
    outlets = {a.source or a.url or a.id for a in articles}
    recent = sum(1 for w in whens if (now - w).total_seconds() <= 86400)
    if last_briefing is None:
        new_since, is_new = len(articles), True
    else:
        fresh = [a for a in articles if added.get(a.id, now) > last_briefing]
        new_since, is_new = len(fresh), len(fresh) == len(articles)
    return StoryStats(
        articles=len(articles),
        reports=len({reports.get(a.id, a.id) for a in articles}),
        outlets=len(outlets),
        first=min(whens) if whens else None,
        last=max(whens) if whens else None,
        recent=recent,
        new_since_last=new_since,
        is_new=is_new,
    )


def source_refs(articles: list[Article], reports: dict[str, str]) -> list[SourceRef]:
    """Articles of a story, newest first; a syndicated copy is marked not independent."""
    first_of_report: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: (a.when is None, a.when)):
        first_of_report.setdefault(reports.get(article.id, article.id), article.id)
    refs = [
        SourceRef(
            id=a.id,
            title=a.title,
            url=a.url,
            source=a.source,
            published=a.when,
            independent=first_of_report[reports.get(a.id, a.id)] == a.id,
            report=reports.get(a.id, a.id),
        )
        for a in articles
    ]
    return sorted(refs, key=lambda r: (r.published is not None, r.published), reverse=True)


def timeline(articles: list[Article]) -> list[tuple[str, int]]:
    days = Counter(a.when.date().isoformat() for a in articles if a.when)
    return sorted(days.items())


def build_briefing(
    store: Store,
    profile: Profile | None = None,
    since: datetime | None = None,
    now: datetime | None = None,
    limit: int | None = None,
    summarizer: Summarizer | None = None,
    record: bool = True,
    last_briefing: datetime | None = None,
) -> Briefing:
    """The briefing of a reader over a window: stories written up, ranked, and summed up.

    ``last_briefing`` is when the reader was last briefed (what "new" is measured against);
    by default the time of the latest briefing recorded for the profile.
    """
    now = now or utcnow()
    profile = profile or default_profile(store)
    since = since or now.replace(hour=0, minute=0, second=0, microsecond=0)
    limit = limit or profile.story_count
    summarizer = summarizer or ExtractiveSummarizer()
    process(store)
    last = last_briefing or store.last_briefing_time(profile.name)

    reader = reader_for(store, profile)
    hidden = hidden_stories(store, profile.name)

    found: list[tuple[Story, list[Article], dict[str, str], StoryStats, list[str], str]] = []
    for story in store.stories(active_since=since):
        if story.id in hidden:
            continue
        articles = store.get_articles(story.article_ids)
        if not articles:
            continue
        reports = store.report_ids(story.article_ids)
        added = store.story_added_times(story.id)
        stats = story_stats(articles, reports, added, last, now)
        features, text = _story_terms(story.id, articles)
        found.append((story, articles, reports, stats, features, text))
    rarity = specificity([f[5] for f in found], reader) if reader.personal else {}
    top_importance = max((importance(f[3], now) for f in found), default=1.0) or 1.0
    pool: list[_Candidate] = []
    for story, articles, reports, stats, features, text in found:
        rel = score_story(reader, text, features, _outlets(articles), rarity)
        if rel.muted:
            continue
        weight = importance(stats, now)
        if reader.personal:
            # For a reader with interests, relevance leads and importance breaks ties.
            weight /= top_importance
        pool.append(
            _Candidate(story, articles, reports, stats, weight + RELEVANCE_WEIGHT * rel.score,
                       features, rel)
        )  # fmt: skip
    pool.sort(key=lambda c: (-c.score, c.story.id))

    shortlist = pool[: limit * CANDIDATE_FACTOR]
    order = diverse_order(
        [(c.story.id, c.score, c.features, c.relevance.followed) for c in shortlist], limit
    )
    by_id = {c.story.id: c for c in shortlist}
    stories: list[BriefStory] = []
    for story_id in order:
        cand = by_id[story_id]
        writeup = _shared_writeup(summarizer, cand)
        if reader.personal:
            writeup = replace(
                writeup,
                sections=replace(
                    writeup.sections,
                    why_it_matters=why_it_matters_for(reader, cand.articles, writeup),
                ),
            )
        writeup = _only_sections(writeup, profile.sections)
        stories.append(
            BriefStory(
                id=cand.story.id,
                writeup=writeup,
                sources=source_refs(cand.articles, cand.reports),
                conflicts=find_conflicts(cand.articles, cand.reports),
                importance=importance(cand.stats, now),
                relevance=cand.relevance.score,
                why_included=why_included(cand.relevance, cand.stats),
                is_new=cand.stats.is_new,
                new_since_last=cand.stats.new_since_last,
                reports=cand.stats.articles,
                independent_reports=cand.stats.reports,
                timeline=timeline(cand.articles),
            )
        )
    briefing = Briefing(
        title=briefing_title(stories),
        overview=[s.writeup.summary[0] for s in stories[:4] if s.writeup.summary],
        key_takeaways=[Sentence(s.writeup.headline, s.writeup.headline_cites) for s in stories],
        topics=topics(stories),
        stories=stories,
        generated=now,
        since=since,
        profile=profile.name,
    )
    if record:
        from newsbrief.render.json import briefing_dict

        store.save_briefing(profile.name, since, briefing_dict(briefing))
    return briefing


def _outlets(articles: list[Article]) -> list[str]:
    return sorted({a.source for a in articles if a.source})


def briefing_title(stories: list[BriefStory], count: int = 3, max_words: int = 9) -> str:
    """The top headlines, shortened, joined: "Chip rules tightened, X delays model, Y buys Z"."""
    parts = []
    for story in stories[:count]:
        headline = story.writeup.headline.rstrip(".")
        tokens = headline.split()
        parts.append(" ".join(tokens[:max_words]) + ("…" if len(tokens) > max_words else ""))
    return "; ".join(parts) if parts else "No news in this window"


def topics(stories: list[BriefStory], limit: int = 12) -> list[str]:
    """The day's main entities and keyphrases, weighted by the importance of their stories."""
    weight: dict[str, float] = {}
    shown: dict[str, str] = {}
    for story in stories:
        for entity in story.writeup.entities[:5]:
            key = entity.lower()
            shown.setdefault(key, entity)
            weight[key] = weight.get(key, 0.0) + story.importance + 1.0
    ranked = sorted(weight, key=lambda k: -weight[k])
    return [shown[k] for k in ranked[:limit]]
