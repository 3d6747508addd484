"""Full text for feed items that carry only an excerpt, and the signs of a blocked page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.ingest.extract import Extracted, extract_html
from newsbrief.ingest.fetch import Fetcher, FetchError
from newsbrief.ingest.robots import Robots

EXCERPT_WORDS = 150  # below this, a feed item is taken to be an excerpt
_TRUNCATED = re.compile(
    r"(?:\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\]|read more|continue reading|full story)\s*$",
    re.IGNORECASE,
)
_PAYWALL = re.compile(
    r"\b(?:subscribe (?:now )?to (?:continue|read|keep)|to continue reading|already a "
    r"subscriber|subscribers only|sign in to (?:read|continue)|log in to (?:read|continue)|"
    r"create a free account to|this (?:article|content) is for (?:subscribers|members)|"
    r"register to (?:read|continue)|your free articles?|metered)\b",
    re.IGNORECASE,
)
_BLOCK_TITLE = re.compile(
    r"just a moment|attention required|access denied|are you a robot|verify you are human|"
    r"captcha|request blocked|403 forbidden|service unavailable|enable javascript",
    re.IGNORECASE,
)


def is_excerpt(text: str) -> bool:
    return len(text.split()) < EXCERPT_WORDS or bool(_TRUNCATED.search(text.strip()))


def looks_blocked(page: Extracted, excerpt: str) -> bool:
    """A paywall, teaser or CDN placeholder rather than the article."""
    words = len(page.text.split())
    if _BLOCK_TITLE.search(page.title or "") or _BLOCK_TITLE.search(page.text[:300]):
        return True
    if _PAYWALL.search(page.text[-600:]) or (_PAYWALL.search(page.text[:600]) and words < 400):
        return True
    return words < max(60, int(1.2 * len(excerpt.split())))


@dataclass
class FullText:
    text: str
    partial: bool
    page: Extracted | None = None
    note: str | None = None


async def full_text(fetcher: Fetcher, robots: Robots, url: str, excerpt: str) -> FullText:
    """The article's text from its page, or the excerpt marked partial when that fails."""
    if not await robots.allowed(url):
        return FullText(excerpt, True, note="robots.txt disallows the page")
    try:
        response = await fetcher.get(url, accept="text/html,application/xhtml+xml")
    except FetchError as exc:
        return FullText(excerpt, True, note=f"page: {exc}")
    page = extract_html(response.text, url=response.url)
    if page is None:
        return FullText(excerpt, True, note="page: no article text found")
    if looks_blocked(page, excerpt):
        return FullText(excerpt, True, page=page, note="page is paywalled or blocked")
    return FullText(page.text, False, page=page)
