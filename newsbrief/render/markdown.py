"""The briefing as Markdown; citations are numbered links to the story's sources."""

from __future__ import annotations

import re

from newsbrief.models import Briefing, BriefStory, Conflict, Sentence
from newsbrief.render.common import (
    SECTION_TITLES,
    citation_numbers,
    claim_outlets,
    conflict_groups,
    empty_note,
    model_note,
    outlet_prefix,
    reading_time,
    safe_url,
    short_date,
    source_count,
    sources_by_id,
    story_count,
    story_notes,
)

_MARKUP = re.compile(r"([\\`*_\[\]])")


def _escape(text: str) -> str:
    """Article text is untrusted: keep it from being read as Markdown links, HTML, emphasis
    or code ("Q*bert and *NSYNC" is not italics, "[1]" is not a reference link)."""
    return _MARKUP.sub(r"\\\1", text).replace("<", "&lt;")


def _cite(sentence: Sentence, story: BriefStory) -> str:
    numbers = citation_numbers(story)
    refs = sources_by_id(story)
    marks = []
    for article_id in sentence.cites:
        if article_id not in numbers:
            continue
        url = safe_url(refs[article_id].url)
        n = numbers[article_id]
        marks.append(f"[[{n}]]({url})" if url else f"[{n}]")
    return f"{_escape(sentence.text)} {''.join(marks)}".rstrip()


def _conflict(conflict: Conflict, story: BriefStory) -> list[str]:
    numbers = citation_numbers(story)
    lines = [
        f"- **{conflict.about}** ({conflict.note})" if conflict.note else f"- **{conflict.about}**"
    ]
    for claim in conflict.claims:
        refs = "".join(f"[{numbers[a]}]" for a in claim.sources if a in numbers)
        lines.append(
            f"  - **{_escape(claim.value)}**: {_escape(claim_outlets(claim))} {refs}, "
            f"{short_date(claim.published)}: “{_escape(claim.text)}”"
        )
    return lines


def _story(story: BriefStory, rank: int) -> list[str]:
    w = story.writeup
    badge = " 🆕" if story.is_new else ""
    lines = [f"## {rank}. {_escape(w.headline)}{badge}", ""]
    lines.append("*" + story_notes(story) + "*")
    lines.append("")
    lines.append(" ".join(_cite(s, story) for s in w.summary))
    lines.append("")
    for key, title in SECTION_TITLES.items():
        items = getattr(w.sections, key)
        if items:
            lines.append(f"**{title}**")
            lines.extend(f"- {_cite(s, story)}" for s in items)
            lines.append("")
    if w.key_facts:
        lines.append("**Key facts**")
        lines.extend(f"- {_cite(s, story)}" for s in w.key_facts)
        lines.append("")
    if w.quote:
        who = f" — {_escape(w.quote.speaker)}" if w.quote.speaker else ""
        lines.append(f"> {_cite(Sentence(w.quote.text, w.quote.cites), story)}{who}")
        lines.append("")
    for heading, conflicts in conflict_groups(story):
        lines.append(f"**{heading}**")
        for conflict in conflicts:
            lines.extend(_conflict(conflict, story))
        lines.append("")
    if len(story.timeline) > 1:
        lines.append("**Timeline**")
        heads = story.timeline_headlines
        for i, (day, count) in enumerate(story.timeline):
            head = f": {_cite(heads[i], story)}" if i < len(heads) else ""
            lines.append(f"- {day} ({count} report{'s' if count != 1 else ''}){head}")
        lines.append("")
    lines.append(f"**Sources** ({source_count(story)})")
    for i, ref in enumerate(story.sources, start=1):
        outlet = _escape(outlet_prefix(ref.source))
        url = safe_url(ref.url)
        # A title that is a sentence loses its full stop before the date's comma.
        text = (
            ref.title[:-1]
            if ref.title.endswith(".") and not ref.title.endswith("..")
            else ref.title
        )
        title = f"[{_escape(text)}]({url})" if url else _escape(text)
        notes = ["syndicated copy"] if not ref.independent else []
        if ref.new and not story.is_new:
            notes.append("new")
        extra = f" ({', '.join(notes)})" if notes else ""
        lines.append(f"{i}. {outlet}{title}, {short_date(ref.published)}{extra}")
    lines.append("")
    return lines


def render_markdown(briefing: Briefing) -> str:
    lines = [f"# {_escape(briefing.title)}", ""]
    meta = [
        f"Briefing for {briefing.profile}",
        short_date(briefing.generated),
        f"news since {short_date(briefing.since)}",
    ]
    if briefing.stories:
        meta.append(story_count(len(briefing.stories)))
        meta.append(reading_time(briefing.reading_minutes))
    lines.append("*" + ", ".join(m for m in meta if m) + "*")
    lines.append("")
    if not briefing.stories:
        lines.append(_escape(empty_note(briefing)))
        return "\n".join(lines) + "\n"
    lines.append("**Overview.** " + " ".join(_escape(s.text) for s in briefing.overview))
    lines.append("")
    if note := model_note(briefing):
        lines.extend([f"*{note}*", ""])
    lines.append("**Key takeaways**")
    for rank, takeaway in enumerate(briefing.key_takeaways, start=1):
        lines.append(f"{rank}. {_escape(takeaway.text)}")
    lines.append("")
    for rank, story in enumerate(briefing.stories, start=1):
        lines.extend(_story(story, rank))
    if briefing.topics:
        lines.append("**Topics**: " + " · ".join(_escape(t) for t in briefing.topics))
        lines.append("")
    return "\n".join(lines)
