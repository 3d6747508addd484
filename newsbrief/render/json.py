"""The briefing as JSON, with the key names PRODUCT.md promises (documented in README)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from newsbrief.models import Briefing, BriefStory, Conflict, Sentence, SourceRef
from newsbrief.timeutil import to_iso


def sentence(s: Sentence) -> dict[str, Any]:
    return {"text": s.text, "cites": list(s.cites)}


def _sentences(items: list[Sentence]) -> list[dict[str, Any]]:
    return [sentence(s) for s in items]


def _iso(value: datetime | None) -> str | None:
    return to_iso(value)


def source_dict(ref: SourceRef) -> dict[str, Any]:
    return {
        "id": ref.id,
        "title": ref.title,
        "url": ref.url,
        "source": ref.source,
        "published": _iso(ref.published),
        "independent": ref.independent,
        "new": ref.new,
    }


def conflict_dict(conflict: Conflict) -> dict[str, Any]:
    return {
        "about": conflict.about,
        "kind": conflict.kind,
        "note": conflict.note,
        "claims": [
            {
                "value": c.value,
                "text": c.text,
                "sources": list(c.sources),
                "outlets": list(c.outlets),
                "published": _iso(c.published),
            }
            for c in conflict.claims
        ],
    }


def story_dict(story: BriefStory) -> dict[str, Any]:
    w = story.writeup
    return {
        "id": story.id,
        "headline": w.headline,
        "headline_cites": list(w.headline_cites),
        "summary": _sentences(w.summary),
        "sections": {
            "what_is_happening": _sentences(w.sections.what_is_happening),
            "why_it_matters": _sentences(w.sections.why_it_matters),
            "whats_next": _sentences(w.sections.whats_next),
            "beyond_the_headlines": _sentences(w.sections.beyond_the_headlines),
        },
        "key_facts": _sentences(w.key_facts),
        "quote": (
            {"text": w.quote.text, "speaker": w.quote.speaker, "cites": list(w.quote.cites)}
            if w.quote
            else None
        ),
        "sources": [source_dict(s) for s in story.sources],
        "reports": story.reports,
        "independent_reports": story.independent_reports,
        "conflicts": [conflict_dict(c) for c in story.conflicts],
        "importance": story.importance,
        "relevance": story.relevance,
        "why_included": story.why_included,
        "is_new": story.is_new,
        "new_since_last": story.new_since_last,
        "timeline": [
            {
                "date": d,
                "articles": n,
                "headline": sentence(story.timeline_headlines[i])
                if i < len(story.timeline_headlines)
                else None,
            }
            for i, (d, n) in enumerate(story.timeline)
        ],
        "entities": list(w.entities),
        "keyphrases": list(w.keyphrases),
        "written_by": w.written_by,
    }


def briefing_dict(briefing: Briefing) -> dict[str, Any]:
    return {
        "title": briefing.title,
        "overview": _sentences(briefing.overview),
        "key_takeaways": _sentences(briefing.key_takeaways),
        "topics": list(briefing.topics),
        "stories": [story_dict(s) for s in briefing.stories],
        "profile": briefing.profile,
        "generated": _iso(briefing.generated),
        "since": _iso(briefing.since),
        "reading_minutes": briefing.reading_minutes,
        "writer": asdict(briefing.writer) if briefing.writer else None,
    }


def render_json(briefing: Briefing) -> str:
    return json.dumps(briefing_dict(briefing), ensure_ascii=False, indent=2) + "\n"
