"""An answer to a question, as JSON and as text."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from newsbrief.ask.results import Answer
from newsbrief.codec import conflict_dict
from newsbrief.models import Claim
from newsbrief.render.common import outlet_prefix, outlets_unknown
from newsbrief.timeutil import to_iso


def answer_dict(answer: Answer) -> dict[str, Any]:
    return {
        "question": answer.question,
        "found": answer.found,
        "answer": [{"text": s.text, "cites": list(s.cites)} for s in answer.answer],
        "sources": answer.sources,
        "conflicts": [conflict_dict(c) for c in answer.conflicts],
        "stories": answer.stories,
        "note": answer.note,
        "since": to_iso(answer.since),
        "until": to_iso(answer.until),
        "written_by": answer.written_by,
        "writer": asdict(answer.writer) if answer.writer else None,
    }


def answer_text(answer: Answer) -> str:
    if not answer.found:
        return f"No answer: {answer.note or 'nothing in the archive answers this'}."
    numbers = {str(s["id"]): i for i, s in enumerate(answer.sources, start=1)}
    lines = []
    for sentence in answer.answer:
        marks = "".join(f"[{numbers[c]}]" for c in sentence.cites if c in numbers)
        lines.append(f"- {sentence.text} {marks}")
    for conflict in answer.conflicts:
        claims = "; ".join(_claim(c, numbers) for c in conflict.claims)
        lines.append(f"! Sources disagree on {conflict.about}: {claims}")
    if answer.note:
        lines.append(f"Note: {answer.note}.")
    lines.append("")
    outlets = [str(source["source"]) if source.get("source") else None for source in answer.sources]
    unnamed = outlets_unknown(outlets)
    lines.append(f"Sources ({unnamed}):" if unnamed else "Sources:")
    for source, outlet in zip(answer.sources, outlets, strict=True):
        date = str(source.get("published") or "undated")[:10]
        where = f" <{source['url']}>" if source.get("url") else ""
        lines.append(
            f"[{numbers[str(source['id'])]}] {outlet_prefix(outlet, ', ')}"
            f"{date}: {source.get('title')}{where}"
        )
    return "\n".join(lines)


def _claim(claim: Claim, numbers: dict[str, int]) -> str:
    """A value and who gave it: its outlets and the numbers of its sources in the list below
    ("$137 million (Reuters [3])"); an article's id means nothing to a reader."""
    marks = "".join(f"[{numbers[a]}]" for a in claim.sources if a in numbers)
    who = " ".join(part for part in (", ".join(claim.outlets), marks) if part)
    return f"{claim.value} ({who})" if who else claim.value
