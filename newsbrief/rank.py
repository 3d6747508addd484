"""Ranking stories: importance of the story, relevance to a reader, and why it is included."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from newsbrief.models import Profile, Writeup
from newsbrief.text.tokens import terms


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


@dataclass
class Relevance:
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    muted: bool = False


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


def _contains(haystack: str, needle: str) -> bool:
    return f" {needle.lower()} " in f" {haystack.lower()} "


def relevance(profile: Profile, writeup: Writeup, text: str, outlets: list[str]) -> Relevance:
    """How well a story matches a reader's role, industry, interests, follows and mutes."""
    rel = Relevance()
    haystack = " ".join([writeup.headline, *writeup.entities, text])
    for muted in profile.mute:
        if _contains(haystack, muted) or muted.lower() in (o.lower() for o in outlets):
            rel.muted = True
            rel.reasons.append(f"mutes {muted}")
            return rel
    for followed in profile.follow:
        if _contains(haystack, followed) or followed.lower() in (o.lower() for o in outlets):
            rel.score += 1.0
            rel.reasons.append(f"follows {followed}")
    story_terms = set(terms(haystack))
    for label, field_text in (
        ("interests", profile.interests),
        ("industry", profile.industry),
        ("role", profile.role),
    ):
        wanted = [t for t in dict.fromkeys(terms(field_text))]
        hits = [t for t in wanted if t in story_terms]
        if hits:
            weight = {"interests": 0.6, "industry": 0.4, "role": 0.2}[label]
            rel.score += weight * len(hits) / math.sqrt(len(wanted))
            rel.reasons.append(f"matches '{' '.join(hits[:3])}'")
    rel.score = round(rel.score, 4)
    return rel


def why_included(rel: Relevance, stats: StoryStats) -> str:
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
