"""Storing write-ups: a write-up is reused while its story's inputs are unchanged.

The key fingerprints everything a write-up depends on: the summarizer and its version, the
articles (ids and content hashes, after boilerplate removal), the focus and the profile. A
summarizer takes part only if it declares a ``version`` string, bumped whenever its output for
the same input changes. A write-up is stored in its JSON form (``newsbrief.codec``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict

from newsbrief.models import Article, Profile


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
