"""Full text for feed items that carry only an excerpt, and the signs of a blocked page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.ingest.extract import Extracted, extract_html
from newsbrief.ingest.fetch import Fetcher, FetchError
from newsbrief.ingest.robots import Robots
from newsbrief.ingest.workers import WorkerFailed, WorkerPool, WorkerTimeout

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
    return blocked_reason(page, excerpt) is not None


def blocked_reason(page: Extracted, excerpt: str) -> str | None:
    """Why the page is no article (a check page, a paywall, too little text), or None. The
    reasons differ: a short page that shows no sign of a paywall is not called paywalled."""
    words = len(page.text.split())
    if _BLOCK_TITLE.search(page.title or "") or _BLOCK_TITLE.search(page.text[:300]):
        return "the page is blocked (a check or error page stands in for the article)"
    if _PAYWALL.search(page.text[-600:]) or (_PAYWALL.search(page.text[:600]) and words < 400):
        return "the page is paywalled (only a teaser is readable)"
    least = max(60, int(1.2 * len(excerpt.split())))
    if words < least:
        return f"the page holds {words} words of text, too few for an article (at least {least})"
    return None


@dataclass
class FullText:
    text: str
    partial: bool
    page: Extracted | None = None
    note: str | None = None


async def extract_page(pool: WorkerPool, html: str, url: str | None) -> Extracted | None:
    """``extract_html`` in a worker process, within the pool's deadline and size limit;
    ValueError with a one-line reason when the page is too large or takes too long."""
    size = len(html.encode("utf-8", "replace"))
    if size > pool.max_bytes:
        raise ValueError(
            f"{size:,} bytes of HTML, over the {pool.max_bytes:,}-byte extraction limit"
        )
    try:
        return await pool.call(extract_html, html, url)
    except WorkerTimeout as exc:
        raise ValueError(f"extraction {exc}") from None
    except WorkerFailed as exc:
        raise ValueError(f"extraction failed ({exc})") from None


async def full_text(
    fetcher: Fetcher, robots: Robots, pool: WorkerPool, url: str, excerpt: str
) -> FullText:
    """The article's text from its page, or the excerpt marked partial when that fails."""
    if not await robots.allowed(url):
        return FullText(excerpt, True, note="robots.txt disallows the page")
    try:
        response = await fetcher.get(url, accept="text/html,application/xhtml+xml")
    except FetchError as exc:
        return FullText(excerpt, True, note=f"page: {exc}")
    try:
        page = await extract_page(pool, response.text, response.url)
    except ValueError as exc:
        return FullText(excerpt, True, note=f"page: {exc}")
    if page is None:
        return FullText(excerpt, True, note="page: no article text found")
    if looks_blocked(page, excerpt):
        return FullText(excerpt, True, page=page, note="page is paywalled or blocked")
    return FullText(page.text, False, page=page)
