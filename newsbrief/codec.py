"""The briefing's JSON form: one encoder and one decoder for the dataclasses of ``models.py``.

The same form is printed by ``newsbrief brief --format json`` and the web API (the key names
PRODUCT.md promises, documented in README), stored for scheduled briefings (every channel
renders from the stored copy, so a retry sends the same briefing as the first attempt) and
stored for write-ups that are reused while their story's inputs are unchanged.

Decoding is lenient: keys added later are ignored and missing ones get their defaults, so a
briefing stored by an older version still reads; only a story's id and headline are required.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, fields
from typing import Any

from newsbrief.models import (
    Briefing,
    BriefStory,
    Claim,
    Conflict,
    ModelReport,
    Quote,
    Sections,
    Sentence,
    SourceRef,
    Writeup,
)
from newsbrief.timeutil import now, parse_datetime, to_iso

SECTION_NAMES = tuple(f.name for f in fields(Sections))

# encoding ----------------------------------------------------------------------------------


def sentence_dict(s: Sentence) -> dict[str, Any]:
    return {"text": s.text, "cites": list(s.cites)}


def _sentence_dicts(items: list[Sentence]) -> list[dict[str, Any]]:
    return [sentence_dict(s) for s in items]


def source_dict(ref: SourceRef) -> dict[str, Any]:
    return {
        "id": ref.id,
        "title": ref.title,
        "url": ref.url,
        "source": ref.source,
        "published": to_iso(ref.published),
        "independent": ref.independent,
        "new": ref.new,
        "language": ref.language,
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
                "published": to_iso(c.published),
            }
            for c in conflict.claims
        ],
    }


def writeup_dict(w: Writeup) -> dict[str, Any]:
    return {
        "headline": w.headline,
        "headline_cites": list(w.headline_cites),
        "summary": _sentence_dicts(w.summary),
        "sections": {name: _sentence_dicts(getattr(w.sections, name)) for name in SECTION_NAMES},
        "key_facts": _sentence_dicts(w.key_facts),
        "quote": (
            {"text": w.quote.text, "speaker": w.quote.speaker, "cites": list(w.quote.cites)}
            if w.quote
            else None
        ),
        "keyphrases": list(w.keyphrases),
        "entities": list(w.entities),
        "written_by": w.written_by,
    }


# A story's keys: its write-up's first, then its ranking and provenance, then what the
# write-up names (the order readers of the JSON see).
_WRITEUP_FIRST = ("headline", "headline_cites", "summary", "sections", "key_facts", "quote")
_WRITEUP_LAST = ("entities", "keyphrases", "written_by")


def story_languages(story: BriefStory) -> list[str]:
    """The languages of a story's reports, most reports first (ties: by code)."""
    counts = Counter(s.language for s in story.sources if s.language)
    return sorted(counts, key=lambda code: (-counts[code], code))


def story_dict(story: BriefStory) -> dict[str, Any]:
    writeup = writeup_dict(story.writeup)
    return {
        "id": story.id,
        **{key: writeup[key] for key in _WRITEUP_FIRST},
        "sources": [source_dict(s) for s in story.sources],
        "languages": story_languages(story),
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
                "headline": sentence_dict(story.timeline_headlines[i])
                if i < len(story.timeline_headlines)
                else None,
            }
            for i, (d, n) in enumerate(story.timeline)
        ],
        **{key: writeup[key] for key in _WRITEUP_LAST},
    }


def briefing_dict(briefing: Briefing) -> dict[str, Any]:
    return {
        "title": briefing.title,
        "overview": _sentence_dicts(briefing.overview),
        "key_takeaways": _sentence_dicts(briefing.key_takeaways),
        "topics": list(briefing.topics),
        "stories": [story_dict(s) for s in briefing.stories],
        "profile": briefing.profile,
        "generated": to_iso(briefing.generated),
        "since": to_iso(briefing.since),
        "reading_minutes": briefing.reading_minutes,
        "writer": asdict(briefing.writer) if briefing.writer else None,
    }


# decoding ----------------------------------------------------------------------------------


def _sentences(items: list[dict[str, Any]] | None) -> list[Sentence]:
    return [Sentence(str(i["text"]), [str(c) for c in i.get("cites", [])]) for i in items or []]


def _sections(data: dict[str, Any]) -> Sections:
    return Sections(**{name: _sentences(data.get(name)) for name in SECTION_NAMES})


def _conflict(data: dict[str, Any]) -> Conflict:
    return Conflict(
        about=data.get("about", ""),
        note=data.get("note", ""),
        kind=data.get("kind", "contradiction"),
        claims=[
            Claim(
                value=c.get("value", ""),
                text=c.get("text", ""),
                sources=list(c.get("sources", [])),
                outlets=list(c.get("outlets", [])),
                published=parse_datetime(c.get("published")),
            )
            for c in data.get("claims", [])
        ],
    )


def _source(data: dict[str, Any]) -> SourceRef:
    return SourceRef(
        id=data["id"],
        title=data.get("title", ""),
        url=data.get("url"),
        source=data.get("source"),
        published=parse_datetime(data.get("published")),
        independent=bool(data.get("independent", True)),
        new=bool(data.get("new", False)),
        language=data.get("language"),
    )


def writeup_from_dict(data: dict[str, Any]) -> Writeup:
    """The inverse of ``writeup_dict`` (and of a story's write-up keys in ``story_dict``)."""
    quote = data.get("quote")
    return Writeup(
        headline=str(data["headline"]),
        headline_cites=[str(c) for c in data.get("headline_cites", [])],
        summary=_sentences(data.get("summary")),
        sections=_sections(data.get("sections") or {}),
        key_facts=_sentences(data.get("key_facts")),
        quote=Quote(quote["text"], quote.get("speaker"), list(quote.get("cites", [])))
        if quote
        else None,
        keyphrases=list(data.get("keyphrases", [])),
        entities=list(data.get("entities", [])),
        written_by=str(data.get("written_by") or "extractive"),
    )


def story_from_dict(data: dict[str, Any]) -> BriefStory:
    return BriefStory(
        id=data["id"],
        writeup=writeup_from_dict(data),
        sources=[_source(s) for s in data.get("sources", [])],
        conflicts=[_conflict(c) for c in data.get("conflicts", [])],
        importance=float(data.get("importance", 0.0)),
        relevance=float(data.get("relevance", 0.0)),
        why_included=data.get("why_included", ""),
        is_new=bool(data.get("is_new", False)),
        new_since_last=int(data.get("new_since_last", 0)),
        reports=int(data.get("reports", 0)),
        independent_reports=int(data.get("independent_reports", 0)),
        timeline=[(t["date"], int(t["articles"])) for t in data.get("timeline", [])],
        timeline_headlines=[
            Sentence(t["headline"]["text"], list(t["headline"].get("cites", [])))
            for t in data.get("timeline", [])
            if t.get("headline")
        ],
    )


def briefing_from_dict(data: dict[str, Any]) -> Briefing:
    """The inverse of ``briefing_dict``."""
    generated = parse_datetime(data.get("generated")) or now()
    return Briefing(
        title=data.get("title", ""),
        overview=_sentences(data.get("overview")),
        key_takeaways=_sentences(data.get("key_takeaways")),
        topics=list(data.get("topics", [])),
        stories=[story_from_dict(s) for s in data.get("stories", [])],
        generated=generated,
        since=parse_datetime(data.get("since")) or generated,
        profile=data.get("profile", "default"),
        writer=_writer(data.get("writer")),
        reading_minutes=float(data.get("reading_minutes", 0.0)),
    )


def _writer(data: dict[str, Any] | None) -> ModelReport | None:
    if not data:
        return None
    known = {f.name for f in fields(ModelReport)}
    return ModelReport(**{k: v for k, v in data.items() if k in known})
