"""The briefing as plain text, for terminals and plain mail."""

from __future__ import annotations

import textwrap

from newsbrief.models import Briefing, BriefStory, Sentence
from newsbrief.render.common import (
    SECTION_TITLES,
    citation_numbers,
    claim_outlets,
    conflict_groups,
    empty_note,
    model_note,
    new_count,
    outlet_prefix,
    reading_time,
    safe_url,
    short_date,
    source_count,
    story_count,
    story_notes,
)

WIDTH = 88


def _wrap(text: str, indent: str = "", rest: str | None = None) -> str:
    return textwrap.fill(text, width=WIDTH, initial_indent=indent, subsequent_indent=rest or indent)


def _cited(sentence: Sentence, numbers: dict[str, int]) -> str:
    marks = "".join(f"[{numbers[c]}]" for c in sentence.cites if c in numbers)
    return f"{sentence.text} {marks}".rstrip()


def _story(story: BriefStory, rank: int) -> list[str]:
    w = story.writeup
    nums = citation_numbers(story)
    marker = new_count(story)
    out = [_wrap(f"{rank}. {w.headline}" + (f"  [{marker.upper()}]" if marker == "new" else ""))]
    notes = story_notes(story)
    out.append(_wrap(f"({notes})", "   "))
    out.append("")
    out.append(_wrap(" ".join(_cited(s, nums) for s in w.summary), "   "))
    for key, title in SECTION_TITLES.items():
        items = getattr(w.sections, key)
        if items:
            out.append("")
            out.append(f"   {title.upper()}")
            out.extend(_wrap(_cited(s, nums), "   - ", "     ") for s in items)
    if w.key_facts:
        out.append("")
        out.append("   KEY FACTS")
        out.extend(_wrap(_cited(s, nums), "   - ", "     ") for s in w.key_facts)
    if w.quote:
        out.append("")
        who = f" -- {w.quote.speaker}" if w.quote.speaker else ""
        out.append(
            _wrap(_cited(Sentence(w.quote.text, w.quote.cites), nums) + who, '   " ', "     ")
        )
    for heading, conflicts in conflict_groups(story):
        out.append("")
        out.append(f"   {heading.upper()}")
        for conflict in conflicts:
            out.append(_wrap(f"{conflict.about}: {conflict.note}", "   - ", "     "))
            for claim in conflict.claims:
                refs = "".join(f"[{nums[a]}]" for a in claim.sources if a in nums)
                out.append(
                    _wrap(
                        f"{claim.value} -- {claim_outlets(claim)} {refs}, "
                        f"{short_date(claim.published)}: {claim.text}",
                        "       * ",
                        "         ",
                    )
                )
    if len(story.timeline) > 1:
        out.append("")
        out.append("   TIMELINE")
        for i, (day, count) in enumerate(story.timeline):
            head = story.timeline_headlines[i].text if i < len(story.timeline_headlines) else ""
            out.append(_wrap(f"{day} ({count}): {head}".rstrip(": "), "   - ", "     "))
    out.append("")
    out.append(f"   SOURCES ({source_count(story)})")
    for i, ref in enumerate(story.sources, start=1):
        notes = "" if ref.independent else ", syndicated copy"
        line = f"{outlet_prefix(ref.source)}{ref.title} ({short_date(ref.published)}{notes})"
        out.append(_wrap(line, f"   [{i}] ", "       "))
        url = safe_url(ref.url)
        if url:
            out.append(f"       {url}")
    out.append("")
    return out


def render_text(briefing: Briefing) -> str:
    out = [_wrap(briefing.title.upper()), "=" * min(WIDTH, len(briefing.title)), ""]
    meta = [
        f"Briefing for {briefing.profile}",
        short_date(briefing.generated),
        f"news since {short_date(briefing.since)}",
    ]
    if briefing.stories:
        meta += [story_count(len(briefing.stories)), reading_time(briefing.reading_minutes)]
    # Whose briefing, when and over which window, as the other formats say, stories or none.
    out.append(_wrap(", ".join(m for m in meta if m)))
    out.append("")
    if not briefing.stories:
        out.append(_wrap(empty_note(briefing)))
        return "\n".join(out) + "\n"
    out.append(_wrap(" ".join(s.text for s in briefing.overview)))
    out.append("")
    if note := model_note(briefing):
        out.extend([_wrap(note), ""])
    out.append("KEY TAKEAWAYS")
    out.extend(_wrap(s.text, "  * ", "    ") for s in briefing.key_takeaways)
    out.append("")
    for rank, story in enumerate(briefing.stories, start=1):
        out.extend(_story(story, rank))
    if briefing.topics:
        out.append(_wrap("TOPICS: " + " · ".join(briefing.topics)))
    return "\n".join(out) + "\n"
