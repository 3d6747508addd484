"""Importing one web page as an article (``newsbrief import URL``)."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from newsbrief.dedupe import canonical_url
from newsbrief.ingest.extract import extract_html
from newsbrief.ingest.fetch import Fetcher, FetchError, policy_from_settings
from newsbrief.ingest.files import make_article
from newsbrief.ingest.fulltext import looks_blocked
from newsbrief.ingest.robots import Robots
from newsbrief.models import Article
from newsbrief.store import Store
from newsbrief.store.sources import article_exists
from newsbrief.text.language import detect_language
from newsbrief.timeutil import now, parse_datetime


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


async def _read(url: str, settings: dict[str, Any]) -> tuple[str, str]:
    async with Fetcher(policy_from_settings(settings)) as fetcher:
        if not await Robots(fetcher).allowed(url):
            raise FetchError("robots.txt disallows fetching this page")
        response = await fetcher.get(url, accept="text/html,application/xhtml+xml")
        return response.url, response.text


def fetch_page_article(url: str, settings: dict[str, Any]) -> Article:
    """The article of one web page; raises ValueError with a one-line reason."""
    try:
        final_url, html = asyncio.run(_read(url, settings))
    except FetchError as exc:
        raise ValueError(str(exc)) from exc
    page = extract_html(html, url=final_url)
    if page is None:
        raise ValueError("no article text found in the page")
    if looks_blocked(page, ""):
        raise ValueError("the page is paywalled or blocked (only a teaser is readable)")
    canonical = canonical_url(page.url or final_url)
    seen = now()
    article = make_article(
        article_id="p" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16],
        title=page.title or page.text.split("\n", 1)[0][:200],
        text=page.text,
        url=final_url,
        source=page.sitename,
        published=parse_datetime(page.published),
        seen_at=seen,
        raw=html,
        language=page.language or detect_language(page.text),
    )
    article.canonical_url = canonical
    article.author = page.author
    article.image = page.image
    return article


def import_url(store: Store, url: str, settings: dict[str, Any]) -> bool:
    """Store one page's article; False when it (or its canonical URL) is already stored."""
    article = fetch_page_article(url, settings)
    if article_exists(store, None, article.canonical_url):
        return False
    return store.add_article(article)
