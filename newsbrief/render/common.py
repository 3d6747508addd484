"""What every renderer shares: section names, citation numbering, dates, who said what."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any
from urllib.parse import quote

from newsbrief.models import Briefing, BriefStory, Claim, Conflict, SourceRef
from newsbrief.urls import link_url

SECTION_TITLES = {
    "what_is_happening": "What's happening",
    "why_it_matters": "Why it matters",
    "whats_next": "What's next",
    "beyond_the_headlines": "Beyond the headlines",
}


# A figure that grew through the day is no disagreement: updates have their own heading.
CONFLICT_HEADINGS = {"contradiction": "Sources disagree", "update": "Figures updated, latest first"}


def conflict_groups(story: BriefStory | dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """The story's disagreements under their headings: contradictions, then updates. The
    story as the renderers have it, or as the JSON briefing (the web app's pages) holds it."""
    conflicts = story.get("conflicts", []) if isinstance(story, dict) else story.conflicts

    def kind(conflict: Conflict | dict[str, Any]) -> str:
        found = conflict.get("kind") if isinstance(conflict, dict) else conflict.kind
        return found if found in CONFLICT_HEADINGS else "contradiction"

    groups = []
    for name, heading in CONFLICT_HEADINGS.items():
        found = [c for c in conflicts if kind(c) == name]
        if found:
            groups.append((heading, found))
    return groups


def citation_numbers(story: BriefStory) -> dict[str, int]:
    """Article id -> its number in the story's source list (1-based)."""
    return {ref.id: i for i, ref in enumerate(story.sources, start=1)}


def sources_by_id(story: BriefStory) -> dict[str, SourceRef]:
    return {ref.id: ref for ref in story.sources}


def short_date(value: datetime | None) -> str:
    if value is None:
        return "undated"
    if value.time() == time(0) and value.utcoffset() in (None, timedelta(0)):
        # A date given without a time ("published": "2026-12-07", a --since date) is read as
        # midnight UTC: shown as the day it is, not with a time nobody wrote.
        return value.strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%d %H:%M UTC")


def source_count(story: BriefStory) -> str:
    """The heading of a story's sources: how many reports, and once, whose outlet is unknown."""
    n, ind = story.reports, story.independent_reports
    count = f"{n} report{'s' if n != 1 else ''}" if n == ind else f"{n} reports, {ind} independent"
    unnamed = outlets_unknown([ref.source for ref in story.sources])
    return f"{count}; {unnamed}" if unnamed else count


def story_count(n: int) -> str:
    return f"{n} story" if n == 1 else f"{n} stories"


def outlets_unknown(outlets: Sequence[str | None]) -> str:
    """Said once over a list of sources instead of "unknown outlet" on each line: "outlets not
    recorded" when none is known, "outlet not recorded for 3" when some are; else empty."""
    missing = sum(1 for outlet in outlets if not outlet)
    if not missing:
        return ""
    if missing == len(outlets):
        return "outlet not recorded" if missing == 1 else "outlets not recorded"
    return f"outlet not recorded for {missing}"


def outlet_prefix(outlet: str | None, separator: str = ": ") -> str:
    """An outlet followed by ``separator``, or nothing when it is not known."""
    return f"{outlet}{separator}" if outlet else ""


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


def new_count(story: BriefStory) -> str:
    """The "new since your last briefing" marker of a story, or ""."""
    if story.is_new:
        return "new"
    if story.new_since_last:
        return f"{story.new_since_last} new since your last briefing"
    return ""


def story_notes(story: BriefStory) -> str:
    """The line under a story's headline: why it is there and what is new, each said once."""
    marker = new_count(story)
    notes = [story.why_included]
    if marker and marker != "new" and marker not in story.why_included:
        notes.append(marker)
    return " · ".join(n for n in notes if n)


def claim_outlets(claim: Claim) -> str:
    """Who gave a figure: the outlets, or "report"/"reports" (followed by their citation
    numbers) when the sources name none."""
    if claim.outlets:
        return ", ".join(claim.outlets)
    return "reports" if len(claim.sources) > 1 else "report"


def empty_note(briefing: Briefing) -> str:
    """What a briefing without stories says: a store that holds news has nothing in this
    window (importing more is no help, a longer window may be), an empty one needs news."""
    count = briefing.basis.rpartition(":")[2]
    if count.isdigit() and int(count) > 0:
        since = short_date(briefing.since)
        return f"No stories in this window: the store holds no news since {since}."
    return "No stories in this window. Import or fetch some news first."


def reading_time(minutes: float) -> str:
    if minutes <= 0:
        return ""
    if minutes < 1:
        return "under a minute's read"
    return f"about {round(minutes):.0f} min read"


# Kept as they are in a link: the URL delimiters and unreserved characters, and "%" so that
# escapes already made stay as they are. Everything else (white space, line breaks, quotes,
# "<", ">", "|", "\\", backticks, parentheses, non-ASCII) is percent-encoded, so a URL cannot end
# a Markdown link, open an HTML tag or a Slack link, or start a new line of text.
_URL_SAFE = "/?#[]@!$&*+,;=:-._~%'"


def safe_url(url: str | None) -> str | None:
    """Only http(s) links reach the output, percent-encoded (article data is untrusted), and
    without tracking parameters."""
    url = link_url(url)
    if url and url.strip().lower().startswith(("http://", "https://")):
        return quote(url.strip(), safe=_URL_SAFE)
    return None
