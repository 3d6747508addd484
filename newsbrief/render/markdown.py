"""The briefing as Markdown, citations as numbered links to the story's sources."""

from __future__ import annotations

from newsbrief.models import Briefing, BriefStory, Sentence
from newsbrief.render.common import (
    SECTION_TITLES,
    citation_numbers,
    model_note,
    short_date,
    source_count,
)


def _cite(sentence: Sentence, numbers: dict[str, int]) -> str:
    marks = "".join(f"[{numbers[c]}]" for c in sentence.cites if c in numbers)
    return f"{sentence.text} {marks}".rstrip()


def _story(story: BriefStory, rank: int) -> list[str]:
    w = story.writeup
    nums = citation_numbers(story)
    badge = " 🆕" if story.is_new else ""
    lines = [f"## {rank}. {w.headline}{badge}", ""]
    lines.append(f"*{story.why_included}*")
    lines.append("")
    lines.append(" ".join(_cite(s, nums) for s in w.summary))
    lines.append("")
    for key, title in SECTION_TITLES.items():
        items = getattr(w.sections, key)
        if items:
            lines.append(f"**{title}**")
            lines.extend(f"- {_cite(s, nums)}" for s in items)
            lines.append("")
    if w.key_facts:
        lines.append("**Key facts**")
        lines.extend(f"- {_cite(s, nums)}" for s in w.key_facts)
        lines.append("")
    if w.quote:
        who = f" — {w.quote.speaker}" if w.quote.speaker else ""
        lines.append(f"> {_cite(Sentence(w.quote.text, w.quote.cites), nums)}{who}")
        lines.append("")
    if story.conflicts:
        lines.append("**Sources disagree**")
        for conflict in story.conflicts:
            claims = "; ".join(
                f"{c.value} ({', '.join(c.outlets) or ', '.join(c.sources)})"
                for c in conflict.claims
            )
            note = f" — {conflict.note}" if conflict.note else ""
            lines.append(f"- {conflict.about}: {claims}{note}")
        lines.append("")
    if len(story.timeline) > 1:
        lines.append("**Timeline**: " + ", ".join(f"{d}: {n}" for d, n in story.timeline))
        lines.append("")
    lines.append(f"**Sources** ({source_count(story)})")
    for i, ref in enumerate(story.sources, start=1):
        outlet = ref.source or "unknown outlet"
        title = f"[{ref.title}]({ref.url})" if ref.url else ref.title
        copy = "" if ref.independent else " (syndicated copy)"
        lines.append(f"{i}. {outlet}: {title}, {short_date(ref.published)}{copy}")
    lines.append("")
    return lines


def render_markdown(briefing: Briefing) -> str:
    lines = [f"# {briefing.title}", ""]
    lines.append(
        f"*Briefing for {briefing.profile}, {short_date(briefing.generated)}, "
        f"news since {short_date(briefing.since)}*"
    )
    lines.append("")
    if not briefing.stories:
        lines.append("No stories in this window. Import or fetch some news first.")
        return "\n".join(lines) + "\n"
    lines.append("**Overview.** " + " ".join(s.text for s in briefing.overview))
    lines.append("")
    if note := model_note(briefing):
        lines.extend([f"*{note}*", ""])
    lines.append("**Key takeaways**")
    lines.extend(f"- {s.text}" for s in briefing.key_takeaways)
    lines.append("")
    for rank, story in enumerate(briefing.stories, start=1):
        lines.extend(_story(story, rank))
    if briefing.topics:
        lines.append("**Topics**: " + " · ".join(briefing.topics))
        lines.append("")
    return "\n".join(lines)
