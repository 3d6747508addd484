"""What every renderer shares: section names, citation numbering, dates."""

from __future__ import annotations

from datetime import datetime

from newsbrief.models import Briefing, BriefStory

SECTION_TITLES = {
    "what_is_happening": "What's happening",
    "why_it_matters": "Why it matters",
    "whats_next": "What's next",
    "beyond_the_headlines": "Beyond the headlines",
}


def citation_numbers(story: BriefStory) -> dict[str, int]:
    """Article id -> its number in the story's source list (1-based)."""
    return {ref.id: i for i, ref in enumerate(story.sources, start=1)}


def short_date(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "undated"


def source_count(story: BriefStory) -> str:
    n, ind = story.reports, story.independent_reports
    if n == ind:
        return f"{n} report{'s' if n != 1 else ''}"
    return f"{n} reports, {ind} independent"


def model_note(briefing: Briefing) -> str:
    """How a model took part, in one line; empty when the briefing is purely extractive."""
    w = briefing.writer
    if w is None:
        return ""
    parts = [f"Written with {w.model}: {w.stories_written} of {len(briefing.stories)} stories"]
    if w.sentences_replaced:
        parts.append(
            f"{w.sentences_replaced} of {w.sentences_checked} generated sentences were not "
            "supported by their sources and were replaced by sentences of the articles"
        )
    if w.stories_extractive:
        parts.append(f"{w.stories_extractive} stories written extractively (the model failed)")
    if w.citations_rejected:
        parts.append(f"{w.citations_rejected} citations outside the story rejected")
    return "; ".join(parts) + "."
