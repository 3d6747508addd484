"""Finding a site's feeds from its home page (``<link rel="alternate">``)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"([a-zA-Z\-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "text/xml",
)


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Feed URLs a page announces, in the page's order, resolved against its URL."""
    found: list[str] = []
    for tag in _LINK.findall(html[:500_000]):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(tag)}
        rels = attrs.get("rel", "").lower().split()
        kind = attrs.get("type", "").lower()
        if "alternate" in rels and kind in FEED_TYPES and attrs.get("href"):
            url = urljoin(base_url, attrs["href"])
            if url not in found:
                found.append(url)
    return found
