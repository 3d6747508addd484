"""Ranking stories: importance of the story, relevance to a reader, and why it is included."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from newsbrief.relevance import Relevance


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


def importance(stats: StoryStats, now: datetime) -> float:
    """Higher for stories many independent outlets cover, that are moving and recent."""
    coverage = math.log1p(stats.reports) + 0.5 * math.log1p(stats.outlets)
    velocity = stats.recent / max(1, stats.articles)
    age_hours = (now - stats.last).total_seconds() / 3600 if stats.last else 48.0
    recency = math.exp(-max(0.0, age_hours) / 36.0)
    novelty = 0.3 if stats.is_new else 0.1 if stats.new_since_last else 0.0
    return round(coverage * (0.6 + 0.4 * recency) + 0.3 * velocity + novelty, 4)


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
    return " · ".join(parts)
