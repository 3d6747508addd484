"""Ranking stories: importance of the story, relevance to a reader, and why it is included."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from newsbrief.briefing.relevance import Relevance


@dataclass
class StoryStats:
    articles: int
    reports: int  # distinct reports (syndicated copies folded)
    outlets: int
    first: datetime | None
    last: datetime | None
    recent: int  # articles in the last 24 hours of the window
    new_since_last: int  # articles the reader has not been briefed on
    is_new: bool  # the story itself started after the reader's last briefing
    velocity: int = 0  # independent reports in the last six hours
    briefed_before: bool = False  # the story was in the reader's previous briefing


def importance(stats: StoryStats, now: datetime) -> float:
    """How much a story matters today, whoever reads it.

    - coverage: independent reports (syndicated copies count once) and distinct outlets;
    - velocity: independent reports in the last six hours, a story that is moving now;
    - recency: decays with the hours since its latest article (half-life about 17 hours);
    - novelty: a story new since the reader's last briefing, or its share of new articles;
      a story already briefed with nothing new is halved, so yesterday's news does not lead.
    """
    coverage = math.log1p(stats.reports) + 0.5 * math.log1p(stats.outlets)
    velocity = math.log1p(stats.velocity)
    age_hours = (now - stats.last).total_seconds() / 3600 if stats.last else 48.0
    recency = math.exp(-max(0.0, age_hours) / 24.0)
    novelty = 1.0 if stats.is_new else stats.new_since_last / max(1, stats.articles)
    score = coverage * (0.5 + 0.5 * recency) + 0.3 * velocity + 0.4 * novelty
    if stats.briefed_before and not stats.new_since_last:
        score *= 0.5
    return round(score, 4)


def why_included(rel: Relevance, stats: StoryStats) -> str:
    """A short, true explanation: what matched, how many reports, whether it develops."""
    parts = list(rel.reasons)
    parts.append(
        f"{stats.reports} independent report{'s' if stats.reports != 1 else ''}"
        if stats.reports == stats.articles
        else f"{stats.articles} reports, {stats.reports} independent"
    )
    if stats.is_new:
        parts.append("new")
    elif stats.new_since_last:
        parts.append(f"developing: {stats.new_since_last} new since your last briefing")
    elif stats.briefed_before:
        parts.append("no new reports since your last briefing")
    return " · ".join(parts)
