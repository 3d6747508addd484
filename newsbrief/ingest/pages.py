"""Importing one web page as an article (``newsbrief import URL``)."""

from __future__ import annotations

import asyncio
import hashlib

from newsbrief.config import Settings
from newsbrief.ingest.extract import Extracted
from newsbrief.ingest.fetch import Fetcher, FetchError, policy_from_settings
from newsbrief.ingest.files import make_articles
from newsbrief.ingest.fulltext import blocked_reason, extract_page
from newsbrief.ingest.robots import Robots
from newsbrief.ingest.workers import pool_from_settings
from newsbrief.models import Article
from newsbrief.store import Store
from newsbrief.store.sources import article_exists
from newsbrief.stories.dedupe import canonical_url
from newsbrief.text.language import detect_language
from newsbrief.timeutil import now, parse_datetime


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


async def _read(url: str, settings: Settings) -> tuple[str, str, Extracted | None]:
    """The page's final URL, its HTML and its extracted article (within the extraction
    deadline and size limit)."""
    async with (
        Fetcher(policy_from_settings(settings)) as fetcher,
        pool_from_settings(settings, jobs=1) as pool,
    ):
        if not await Robots(fetcher).allowed(url):
            raise FetchError("robots.txt disallows fetching this page")
        response = await fetcher.get(url, accept="text/html,application/xhtml+xml")
        html = response.text
        return response.url, html, await extract_page(pool, html, response.url)


def fetch_page_articles(url: str, settings: Settings) -> list[Article]:
    """The article of one web page, or one per story when the page is a digest; raises
    ValueError with a one-line reason."""
    try:
        final_url, html, page = asyncio.run(_read(url, settings))
    except FetchError as exc:
        raise ValueError(str(exc)) from exc
    if page is None:
        raise ValueError("no article text found in the page")
    reason = blocked_reason(page, "")
    if reason is not None:
        raise ValueError(reason)
    canonical = canonical_url(page.url or final_url)
    articles = make_articles(
        blocks=page.blocks,
        title=page.title,
        article_id="p" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16],
        url=final_url,
        source=page.sitename,
        published=parse_datetime(page.published),
        seen_at=now(),
        raw=html,
        language=page.language or detect_language(page.text),
    )
    for article in articles:
        # A story of a digest page is the page's canonical address with its fragment.
        fragment = (article.url or "").partition("#")[2]
        article.canonical_url = canonical + ("#" + fragment if fragment else "")
        article.author = page.author
        article.image = page.image
    return articles


def import_url(store: Store, url: str, settings: Settings) -> tuple[int, int]:
    """Store a page's articles: (added, already present, by id or canonical URL)."""
    added = present = 0
    for article in fetch_page_articles(url, settings):
        if article_exists(store, None, article.canonical_url) or not store.add_article(article):
            present += 1
        else:
            added += 1
    return added, present
