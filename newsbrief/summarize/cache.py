"""Storing write-ups: a write-up is reused while its story's inputs are unchanged.

The key fingerprints everything a write-up depends on: the summarizer and its version, the
articles (ids and content hashes, after boilerplate removal), the focus and the profile. A
summarizer takes part only if it declares a ``version`` string, bumped whenever its output for
the same input changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from newsbrief.models import Article, Profile, Quote, Sections, Sentence, Writeup


def cache_key(
    summarizer: object,
    articles: Sequence[Article],
    focus: str | None = None,
    profile: Profile | None = None,
) -> str | None:
    """The fingerprint of a write-up's inputs, or None when the summarizer is not cacheable."""
    version = getattr(summarizer, "version", None)
    if not isinstance(version, str):
        return None
    digest = hashlib.sha1()
    settings: dict[str, object] = getattr(summarizer, "settings", dict)()
    digest.update(f"{type(summarizer).__name__}\0{version}\0{sorted(settings.items())}".encode())
    digest.update(f"\0{focus or ''}\0".encode())
    if profile is not None:
        digest.update(json.dumps(asdict(profile), sort_keys=True, default=str).encode())
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(f"\0{article.id}\0{article.title}\0".encode())
        digest.update(hashlib.sha1(article.text.encode()).digest())
    return digest.hexdigest()


def _sentences(items: list[Sentence]) -> list[dict[str, Any]]:
    return [{"text": s.text, "cites": list(s.cites)} for s in items]


def writeup_to_dict(writeup: Writeup) -> dict[str, Any]:
    return {
        "headline": writeup.headline,
        "headline_cites": list(writeup.headline_cites),
        "summary": _sentences(writeup.summary),
        "sections": {
            name: _sentences(getattr(writeup.sections, name))
            for name in Sections.__dataclass_fields__
        },
        "key_facts": _sentences(writeup.key_facts),
        "quote": asdict(writeup.quote) if writeup.quote else None,
        "keyphrases": list(writeup.keyphrases),
        "entities": list(writeup.entities),
    }


def _load(items: list[dict[str, Any]]) -> list[Sentence]:
    return [Sentence(text=str(s["text"]), cites=[str(c) for c in s["cites"]]) for s in items]


def writeup_from_dict(data: dict[str, Any]) -> Writeup:
    sections = data.get("sections", {})
    quote = data.get("quote")
    return Writeup(
        headline=str(data["headline"]),
        headline_cites=[str(c) for c in data["headline_cites"]],
        summary=_load(data["summary"]),
        sections=Sections(
            **{name: _load(sections.get(name, [])) for name in Sections.__dataclass_fields__}
        ),
        key_facts=_load(data["key_facts"]),
        quote=Quote(quote["text"], quote.get("speaker"), list(quote["cites"])) if quote else None,
        keyphrases=list(data.get("keyphrases", [])),
        entities=list(data.get("entities", [])),
    )
