"""OPML subscription lists: import (nested outlines become tags) and export."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.sax.saxutils import quoteattr

from newsbrief.models import Source


@dataclass
class OpmlEntry:
    url: str
    name: str | None
    tags: list[str] = field(default_factory=list)
    site_url: str | None = None


def parse_opml(text: str) -> tuple[list[OpmlEntry], list[str]]:
    """Feeds listed in an OPML document, and one problem line per broken entry."""
    try:
        root = ET.fromstring(text.encode("utf-8") if isinstance(text, str) else text)
    except ET.ParseError as exc:
        raise ValueError(f"not valid OPML ({exc})") from exc
    body = root.find("body")
    if root.tag.lower() != "opml" or body is None:
        raise ValueError("not OPML: no <opml><body>")
    entries: list[OpmlEntry] = []
    problems: list[str] = []

    def walk(node: ET.Element, tags: list[str]) -> None:
        for child in node:
            if child.tag != "outline":
                continue
            name = child.get("title") or child.get("text")
            url = (child.get("xmlUrl") or child.get("xmlurl") or "").strip()
            if url:
                if not url.lower().startswith(("http://", "https://")):
                    problems.append(f"outline {name or url!r}: not an http(s) feed URL: {url}")
                else:
                    entries.append(OpmlEntry(url, name, list(tags), child.get("htmlUrl")))
            elif len(child):
                walk(child, [*tags, name] if name else tags)
            else:
                problems.append(f"outline {name or '(untitled)'!r}: no xmlUrl")

    walk(body, [])
    return entries, problems


def export_opml(sources: list[Source], title: str = "newsbrief subscriptions") -> str:
    """An OPML document of feed subscriptions, grouped by their first tag."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{title}</title>"
        f"<dateCreated>{datetime.now(UTC):%a, %d %b %Y %H:%M:%S} GMT</dateCreated></head>",
        "  <body>",
    ]

    def outline(source: Source, indent: str) -> str:
        attrs = {"type": "rss", "text": source.name or source.url, "xmlUrl": source.url}
        if source.site_url:
            attrs["htmlUrl"] = source.site_url
        rendered = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
        return f"{indent}<outline {rendered}/>"

    groups: dict[str, list[Source]] = {}
    for source in sources:
        groups.setdefault(source.tags[0] if source.tags else "", []).append(source)
    for tag, members in sorted(groups.items()):
        if tag:
            lines.append(f"    <outline text={quoteattr(tag)}>")
            lines.extend(outline(s, "      ") for s in members)
            lines.append("    </outline>")
        else:
            lines.extend(outline(s, "    ") for s in members)
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
