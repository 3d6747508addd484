"""The briefing as plain text, for terminals and plain mail."""

from __future__ import annotations

import textwrap

from newsbrief.models import Briefing
from newsbrief.render.common import SECTION_TITLES, model_note, short_date, source_count


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, width=88, initial_indent=indent, subsequent_indent=indent)


def render_text(briefing: Briefing) -> str:
    out = [briefing.title.upper(), "=" * min(88, len(briefing.title)), ""]
    if not briefing.stories:
        out.append("No stories in this window.")
        return "\n".join(out) + "\n"
    out.append(_wrap(" ".join(s.text for s in briefing.overview)))
    out.append("")
    if note := model_note(briefing):
        out.extend([_wrap(note), ""])
    out.append("KEY TAKEAWAYS")
    out.extend(_wrap(s.text, "  * ") for s in briefing.key_takeaways)
    out.append("")
    for rank, story in enumerate(briefing.stories, start=1):
        w = story.writeup
        out.append(f"{rank}. {w.headline}")
        out.append(_wrap(f"({story.why_included})", "   "))
        out.append(_wrap(" ".join(s.text for s in w.summary), "   "))
        for key, title in SECTION_TITLES.items():
            for s in getattr(w.sections, key):
                out.append(_wrap(f"{title}: {s.text}", "   "))
        out.append(f"   Sources ({source_count(story)}):")
        for ref in story.sources:
            out.append(
                f"     - {ref.source or 'unknown'}: {ref.title} ({short_date(ref.published)})"
            )
        out.append("")
    return "\n".join(out)
