"""Addresses as newsbrief shows them: without the parameters that only track the reader."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMETER = re.compile(
    r"^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|yclid|ocid|cmpid|"
    r"smid|sr_share|ref|ref_src|rss|track|tracking|at_medium|at_campaign)$",
    re.IGNORECASE,
)


def link_url(url: str | None) -> str | None:
    """The address to link to: the URL without its tracking parameters (``utm_*``, ``fbclid``,
    ...), else as the source gave it. Unlike ``canonical_url`` it keeps the fragment (a story of
    a digest), the host as written and the order of the other parameters: it must still open
    the page."""
    if not url:
        return url
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    if not parts.query:
        return url.strip()
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not TRACKING_PARAMETER.match(k)]
    if len(kept) == len(pairs):
        return url.strip()
    return urlunsplit(parts._replace(query=urlencode(kept)))


def outlet_name(source: str | None, url: str | None) -> str | None:
    """The outlet to name for an article: its source as given, else the host of its address
    without ``www.`` (``www.hindustantimes.com`` -> ``hindustantimes.com``); None when neither
    is known, so that a list can say so once instead of "unknown outlet" on every line."""
    if source and source.strip():
        return source.strip()
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.").rstrip(".")
    return host or None
