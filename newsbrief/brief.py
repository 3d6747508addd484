"""Assembles a briefing for a reader and a time window from the stories in the store."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from newsbrief.conflicts import find_conflicts
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
from newsbrief.pipeline import process
from newsbrief.rank import StoryStats, importance, relevance, why_included
from newsbrief.store import Store
from newsbrief.summarize import ExtractiveSummarizer, Summarizer
from newsbrief.timeutil import now as utcnow

if TYPE_CHECKING:
    from newsbrief.summarize.llm import ModelWriter

log = logging.getLogger(__name__)

CANDIDATE_FACTOR = 3  # stories written up per story shown, so ranking can reorder them
RELEVANCE_WEIGHT = 2.0


@dataclass
class _Candidate:
    story: Story
    articles: list[Article]
    reports: dict[str, str]
    stats: StoryStats
    score: float


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
    writer: ModelWriter | None = None,
) -> Briefing:
    """The briefing of a reader over a window: stories written up, ranked, and summed up.

    Stories are ranked on extractive write-ups; a ``writer`` (a configured model) then
    rewrites the stories shown and the overview, under the grounding guard.
    """
    now = now or utcnow()
    profile = profile or default_profile(store)
    since = since or now.replace(hour=0, minute=0, second=0, microsecond=0)
    limit = limit or profile.story_count
    summarizer = summarizer or ExtractiveSummarizer()
    process(store)
    last = store.last_briefing_time(profile.name)

    pool: list[_Candidate] = []
    for story in store.stories(active_since=since):
        articles = store.get_articles(story.article_ids)
        if not articles:
            continue
        reports = store.report_ids(story.article_ids)
        added = store.story_added_times(story.id)
        stats = story_stats(articles, reports, added, last, now)
        text = " ".join(a.title for a in articles)
        rel = relevance(profile, _bare_writeup(articles), text, _outlets(articles))
        if rel.muted:
            continue
        score = importance(stats, now) + RELEVANCE_WEIGHT * rel.score
        pool.append(_Candidate(story, articles, reports, stats, score))
    pool.sort(key=lambda c: (-c.score, c.story.id))

    stories: list[BriefStory] = []
    for cand in pool[: limit * CANDIDATE_FACTOR]:
        writeup = summarizer.write(cand.articles, profile=profile)
        body = " ".join(a.title + " " + a.text[:2000] for a in cand.articles)
        rel = relevance(profile, writeup, body, _outlets(cand.articles))
        if rel.muted:
            continue
        imp = importance(cand.stats, now)
        stories.append(
            BriefStory(
                id=cand.story.id,
                writeup=writeup,
                sources=source_refs(cand.articles, cand.reports),
                conflicts=find_conflicts(cand.articles, cand.reports),
                importance=imp,
                relevance=rel.score,
                why_included=why_included(rel, cand.stats),
                is_new=cand.stats.is_new,
                new_since_last=cand.stats.new_since_last,
                reports=cand.stats.articles,
                independent_reports=cand.stats.reports,
                timeline=timeline(cand.articles),
            )
        )
    stories.sort(key=lambda s: (-(s.importance + RELEVANCE_WEIGHT * s.relevance), s.id))
    stories = stories[:limit]
    overview = [s.writeup.summary[0] for s in stories[:4] if s.writeup.summary]
    model_report = None
    if writer is not None:
        overview, model_report = writer.improve(stories, profile, overview)
    briefing = Briefing(
        title=briefing_title(stories),
        overview=overview,
        key_takeaways=[Sentence(s.writeup.headline, s.writeup.headline_cites) for s in stories],
        topics=topics(stories),
        stories=stories,
        generated=now,
        since=since,
        profile=profile.name,
        writer=model_report,
    )
    if record:
        from newsbrief.render.json import briefing_dict

        store.save_briefing(profile.name, since, briefing_dict(briefing))
    return briefing


def _outlets(articles: list[Article]) -> list[str]:
    return sorted({a.source for a in articles if a.source})


def _bare_writeup(articles: list[Article]) -> Writeup:
    """Enough of a write-up to pre-rank a story before writing it up."""
    return Writeup(
        headline=articles[0].title,
        headline_cites=[articles[0].id],
        summary=[],
        sections=Sections(),
        key_facts=[],
    )


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
