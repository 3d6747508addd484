"""A stored briefing (its JSON form, see render/json.py) back as a Briefing, to render again.

Scheduled briefings are stored once and every channel renders from the stored copy, so a retry
sends the same briefing as the first attempt.
"""

from __future__ import annotations

from dataclasses import fields
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
from newsbrief.timeutil import now, parse_datetime


def _sentences(items: list[dict[str, Any]] | None) -> list[Sentence]:
    return [Sentence(i["text"], list(i.get("cites", []))) for i in items or []]


def _sections(data: dict[str, Any]) -> Sections:
    return Sections(
        what_is_happening=_sentences(data.get("what_is_happening")),
        why_it_matters=_sentences(data.get("why_it_matters")),
        whats_next=_sentences(data.get("whats_next")),
        beyond_the_headlines=_sentences(data.get("beyond_the_headlines")),
    )


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


def _story(data: dict[str, Any]) -> BriefStory:
    quote = data.get("quote")
    writeup = Writeup(
        headline=data["headline"],
        headline_cites=list(data.get("headline_cites", [])),
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
    return BriefStory(
        id=data["id"],
        writeup=writeup,
        sources=[
            SourceRef(
                id=s["id"],
                title=s.get("title", ""),
                url=s.get("url"),
                source=s.get("source"),
                published=parse_datetime(s.get("published")),
                independent=bool(s.get("independent", True)),
                new=bool(s.get("new", False)),
            )
            for s in data.get("sources", [])
        ],
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
    """The inverse of ``briefing_dict``; keys added later are ignored, missing ones defaulted."""
    generated = parse_datetime(data.get("generated")) or now()
    return Briefing(
        title=data.get("title", ""),
        overview=_sentences(data.get("overview")),
        key_takeaways=_sentences(data.get("key_takeaways")),
        topics=list(data.get("topics", [])),
        stories=[_story(s) for s in data.get("stories", [])],
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
