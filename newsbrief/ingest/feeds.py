"""Feed parsing: RSS 0.9x/1.0 (RDF)/2.0 and Atom 0.3/1.0 with feedparser, JSON Feed 1.x here.

feedparser salvages what it can from malformed XML; a feed that yields no items and carries an
XML error is reported with that error.
"""

from __future__ import annotations

import io
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from typing import Any

import feedparser

from newsbrief.limits import MAX_TITLE, cut
from newsbrief.text.repair import repair_line, repair_text
from newsbrief.text.structure import Block, blocks_from_html, blocks_from_plain, render
from newsbrief.timeutil import parse_datetime

log = logging.getLogger(__name__)

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.IGNORECASE)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)


class NotAFeed(ValueError):
    """The document is not a feed (an HTML page, say)."""


@dataclass
class FeedItem:
    guid: str | None
    title: str
    link: str | None
    summary: str  # plain text
    content: str  # structured text of the fullest content the feed carries
    published: datetime | None
    author: str | None = None
    image: str | None = None
    blocks: list[Block] = field(default_factory=list)  # the structure of ``content``


@dataclass
class Feed:
    title: str | None
    link: str | None
    items: list[FeedItem] = field(default_factory=list)
    ttl_minutes: float | None = None
    warning: str | None = None  # malformed XML that was salvaged


def html_to_text(html: str) -> str:
    """Structured text of a feed's HTML fragment: paragraphs and list items on their own lines,
    headings marked, tables and captions left out."""
    return render(html_blocks(html or ""))


def html_blocks(html: str) -> list[Block]:
    """Blocks of a feed's HTML fragment; a fragment with no markup is plain text."""
    if "<" not in (html or ""):
        return blocks_from_plain(unescape(html or ""))
    return blocks_from_html(html)


def _plain_text(html: str) -> str:
    """Plain text of a short HTML field (a title, an author), paragraphs on their own lines."""
    text = _SCRIPT.sub(" ", html or "")
    text = _BLOCK.sub("\n", text)
    text = unescape(_TAG.sub(" ", text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return repair_text("\n".join(line for line in lines if line))


def looks_like_json_feed(body: bytes, content_type: str) -> bool:
    if "json" in content_type:
        return True
    head = body.lstrip()[:200]
    return head.startswith(b"{") and b"jsonfeed.org" in body[:2000]


def parse_feed(body: bytes, content_type: str = "", url: str | None = None) -> Feed:
    """Items of an RSS, Atom or JSON feed; raises NotAFeed or ValueError when nothing parses."""
    if looks_like_json_feed(body, content_type):
        return _parse_json_feed(body)
    headers = {"content-location": url or "", "content-type": content_type or "application/xml"}
    # A stream, never bytes or str: feedparser opens a str or bytes that names a URL or a file
    # (a remote body of "/dev/zero" or the path of a local feed would be read from disk).
    parsed: Any = feedparser.parse(io.BytesIO(body), response_headers=headers)
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    bozo = parsed.get("bozo_exception")
    if not entries and not version:
        head = body[:2000].lower()
        if b"<html" in head or b"<!doctype html" in head:
            raise NotAFeed("an HTML page, not a feed")
        reason = f"not a feed ({_one_line(bozo)})" if bozo else "not a feed"
        raise ValueError(reason)
    info = parsed.get("feed") or {}
    feed = Feed(title=_clean(info.get("title")), link=info.get("link"))
    ttl = info.get("ttl")
    if ttl and str(ttl).strip().isdigit():
        feed.ttl_minutes = float(str(ttl).strip())
    if bozo and entries:
        feed.warning = f"malformed feed salvaged ({_one_line(bozo)})"
    for entry in entries:
        feed.items.append(_item(entry))
    return feed


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())[:200]


def _clean(value: object) -> str | None:
    """A title or name as one line of plain text, cut to the stored limit (markup and all,
    a field longer than a few times the limit is not worth cleaning whole)."""
    if not value:
        return None
    text = str(value)[: 40 * MAX_TITLE]
    return cut(repair_line(_plain_text(text)), MAX_TITLE) or None


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                year, month, day, hour, minute, second = value[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _item(entry: Any) -> FeedItem:
    summary_blocks = html_blocks(entry.get("summary") or entry.get("description") or "")
    summary = render(summary_blocks)
    contents = [html_blocks(c.get("value", "")) for c in entry.get("content") or []]
    blocks = max(contents, key=lambda b: len(render(b))) if contents else []
    if len(summary) > len(render(blocks)):
        blocks = summary_blocks
    content = render(blocks)
    image = None
    for media in (entry.get("media_content") or []) + (entry.get("media_thumbnail") or []):
        if media.get("url"):
            image = media["url"]
            break
    return FeedItem(
        guid=entry.get("id") or entry.get("guid") or None,
        title=_clean(entry.get("title")) or "",
        link=entry.get("link") or None,
        summary=summary,
        content=content,
        published=_entry_time(entry),
        author=_clean(entry.get("author")),
        image=image,
        blocks=blocks,
    )


def _parse_json_feed(body: bytes) -> Feed:
    try:
        data = json.loads(body.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON feed ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(data, dict) or "jsonfeed.org/version/1" not in str(data.get("version", "")):
        raise ValueError("JSON that is not a JSON Feed (no jsonfeed.org version)")
    feed = Feed(title=_clean(data.get("title")), link=data.get("home_page_url"))
    for raw in data.get("items") or []:
        if not isinstance(raw, dict):
            continue
        html = str(raw.get("content_html") or "")
        plain = str(raw.get("content_text") or "")
        blocks = blocks_from_plain(plain) if plain else html_blocks(html)
        text = render(blocks)
        summary = repair_text(str(raw.get("summary") or ""))
        if len(summary) > len(text):
            blocks = blocks_from_plain(summary)
        authors = raw.get("authors") or ([raw["author"]] if raw.get("author") else [])
        author = next((a.get("name") for a in authors if isinstance(a, dict)), None)
        feed.items.append(
            FeedItem(
                guid=str(raw["id"]) if raw.get("id") is not None else None,
                title=_clean(raw.get("title")) or "",
                link=raw.get("url") or raw.get("external_url"),
                summary=summary,
                content=text if len(text) >= len(summary) else summary,
                published=parse_datetime(str(raw.get("date_published") or ""))
                or parse_datetime(str(raw.get("date_modified") or "")),
                author=author,
                image=raw.get("image") or raw.get("banner_image"),
                blocks=blocks,
            )
        )
    return feed
