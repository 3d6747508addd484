"""Size limits of what is stored for one article, whatever a feed, page or file sends.

A feed can carry a 5 MB title or author; stored whole, it would be rendered whole in every
briefing, page and email. Fields are cut here, once, before anything else works on them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from newsbrief.models import Article
from newsbrief.text.repair import without_direction_controls

MAX_TITLE = 500  # characters; a headline is rarely over 200
MAX_NAME = 200  # author and outlet names
MAX_ID = 200  # ids and feed GUIDs: a longer one is replaced by its digest
MAX_URL = 4096  # a longer link is dropped: a cut link leads nowhere
MAX_TEXT = 500_000  # about 80,000 words, several times the longest news article
MAX_RAW = 2_000_000  # the HTML or file text kept beside the article


def cut(text: str | None, limit: int) -> str | None:
    """``text`` shortened to ``limit`` characters at a word boundary, marked with an ellipsis."""
    if text is None or len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip() + "…"


def _short_id(value: str | None) -> str | None:
    if value is None or len(value) <= MAX_ID:
        return value
    return "h" + hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:32]


def _link(value: str | None) -> str | None:
    return value if value is None or len(value) <= MAX_URL else None


def _shown(text: str | None) -> str | None:
    """Text as it will be shown: no control that reorders it (a feed's name shown as "Reuters"
    while it is written otherwise; see ``text/repair.py``)."""
    return text if text is None else without_direction_controls(text)


def capped(article: Article) -> Article:
    """The article with every field within its limit, and its shown fields without direction
    controls, whatever path it came by (the same object when nothing changes)."""
    changes: dict[str, Any] = {
        "id": _short_id(article.id),
        "guid": _short_id(article.guid),
        "title": cut(_shown(article.title), MAX_TITLE),
        "source": cut(_shown(article.source), MAX_NAME),
        "author": cut(_shown(article.author), MAX_NAME),
        "text": cut(_shown(article.text), MAX_TEXT),
        "raw": article.raw if article.raw is None else article.raw[:MAX_RAW],
        "url": _link(article.url),
        "canonical_url": _link(article.canonical_url),
        "image": _link(article.image),
    }
    over = {k: v for k, v in changes.items() if v != getattr(article, k)}
    return dataclasses.replace(article, **over) if over else article
