"""One story in full, for a story page: its write-up, its reports day by day, related stories.

The write-up is made the same way a briefing makes it (same summarizer, ranking and
provenance helpers), so a story reads the same on its own page as in a briefing.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from newsbrief.briefing import received
from newsbrief.briefing.assemble import source_refs, story_stats, timeline, timeline_headlines
from newsbrief.briefing.personalize import why_it_matters_for
from newsbrief.briefing.rank import importance, why_included
from newsbrief.briefing.received import Reference
from newsbrief.briefing.relevance import reader_for, relevance_text, score_story
from newsbrief.conflicts import find_conflicts
from newsbrief.feedback import features_of
from newsbrief.models import ArticleMeta, BriefStory, Profile, Story
from newsbrief.store import Store, stories
from newsbrief.stories.dedupe import writeup_articles
from newsbrief.summarize import ExtractiveSummarizer, Summarizer
from newsbrief.text.tokens import content_words, stem
from newsbrief.timeutil import now as utcnow
from newsbrief.timeutil import parse_datetime
from newsbrief.urls import link_url

RELATED_WINDOW = timedelta(days=7)  # related stories are those active within a week of it
RELATED_MIN_SHARED = 2  # distinct title terms two stories must share to count as related
RELATED_MAX_DF = 0.05  # terms in more of the window's stories than this say nothing specific
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
    "january february march april june july august september october november december "
    "gmt utc bst est edt pst update updated".split()
)


@dataclass
class RelatedStory:
    id: str
    headline: str
    updated: datetime | None
    articles: int
    shared: list[str] = field(default_factory=list)  # the title terms both stories use


def get_story(store: Store, story_id: str) -> Story | None:
    """A story by id with its article ids (oldest first); a merged story resolves to its target."""
    return stories.story(store, story_id)


def write_up_story(
    store: Store,
    story: Story,
    profile: Profile,
    previous: Reference | None = None,
    now: datetime | None = None,
    summarizer: Summarizer | None = None,
) -> BriefStory | None:
    """The story as a briefing would show it to this reader; None when it has no articles.

    What is new is measured against ``previous``, by default the last briefing the reader
    received (as the briefing does)."""
    now = now or utcnow()
    if previous is None:
        previous = received.reference(store, profile.name, received.basis(store))
    last_briefing = previous.time
    articles = store.get_articles(story.article_ids)
    if not articles:
        return None
    reports = store.report_ids(story.article_ids)
    added = store.story_added_times(story.id)
    metas = [
        ArticleMeta(
            id=a.id,
            title=a.title,
            source=a.source,
            url=link_url(a.url),
            published=a.published,
            first_seen=a.first_seen,
            report=reports.get(a.id, a.id),
            added=added.get(a.id),
        )
        for a in articles
    ]
    briefed = story.id in previous.stories
    stats = story_stats(metas, last_briefing, briefed, now)
    fresh = {m.id for m in metas if last_briefing is None or (m.added or now) > last_briefing}
    writeup = (summarizer or ExtractiveSummarizer()).write(
        writeup_articles(articles, reports), profile=profile
    )
    reader = reader_for(store, profile)
    if reader.personal:
        sections = replace(
            writeup.sections, why_it_matters=why_it_matters_for(reader, articles, writeup)
        )
        writeup = replace(writeup, sections=sections)
    body = relevance_text([a.title for a in articles], [a.text for a in articles])
    outlets = sorted({a.source for a in articles if a.source})
    features = features_of(articles)
    rel = score_story(reader, body, features, outlets)
    return BriefStory(
        id=story.id,
        writeup=writeup,
        sources=source_refs(articles, reports, fresh),
        conflicts=find_conflicts(articles, reports),
        importance=importance(stats, now),
        relevance=rel.score,
        why_included=why_included(rel, stats),
        is_new=stats.is_new,
        new_since_last=stats.new_since_last,
        reports=stats.articles,
        independent_reports=stats.reports,
        timeline=timeline(articles),
        timeline_headlines=timeline_headlines(articles),
    )


def _title_terms(title: str) -> set[str]:
    return {stem(w) for w in content_words(title) if not w.isdigit() and w not in _CALENDAR}


def related_stories(
    store: Store, story: Story, focus: list[str] | None = None, limit: int = 5
) -> list[RelatedStory]:
    """Other stories active within a week of this one whose headlines share the most
    distinctive terms with it (weighted by inverse story frequency; terms common to many
    stories ignored). With ``focus`` (the story's entities and keyphrases), a related story
    must share at least one of their words: the subject, not just the vocabulary."""
    if story.updated is None:
        return []
    lo = (story.created or story.updated) - RELATED_WINDOW
    hi = story.updated + RELATED_WINDOW
    titles: dict[str, list[str]] = defaultdict(list)
    updated: dict[str, str] = {}
    rows = stories.titles_active_between(store, lo, hi)
    for sid, when, title in rows:
        titles[sid].append(title)
        updated[sid] = when
    if story.id not in titles:
        return []
    bags = {sid: set().union(*(_title_terms(t) for t in ts)) for sid, ts in titles.items()}
    df = Counter(term for bag in bags.values() for term in bag)
    n = len(bags)
    common = {t for t, k in df.items() if k > max(2, RELATED_MAX_DF * n)}
    mine = bags[story.id] - common
    subject = {t for phrase in focus or [] for t in _title_terms(phrase)}
    scored = []
    for sid, bag in bags.items():
        shared = mine & bag
        if sid == story.id or len(shared) < RELATED_MIN_SHARED:
            continue
        if focus is not None and not shared & subject:
            continue
        score = sum(math.log(n / df[t]) for t in shared) / math.sqrt(len(bag) or 1)
        scored.append((score, sid, shared))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [
        RelatedStory(
            id=sid,
            headline=titles[sid][0],
            updated=parse_datetime(updated[sid]),
            articles=len(titles[sid]),
            shared=sorted(shared, key=lambda t: -math.log(n / df[t]))[:5],
        )
        for _, sid, shared in scored[:limit]
    ]
