"""Subscriptions: adding feeds (with discovery), OPML, and fetching every due source.

One bad source never stops the others: each is fetched, parsed and stored on its own, and its
failure is recorded on it (with backoff, and disabling after repeated failures).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path

from newsbrief.config import Settings
from newsbrief.ingest.discover import discover_feeds
from newsbrief.ingest.feeds import Feed, FeedItem, NotAFeed, parse_feed
from newsbrief.ingest.fetch import (
    Fetcher,
    FetchError,
    Response,
    UnsafeURL,
    check_url,
    max_age_seconds,
    policy_from_settings,
)
from newsbrief.ingest.files import make_articles
from newsbrief.ingest.fulltext import FullText, full_text, is_excerpt
from newsbrief.ingest.opml import export_opml, parse_opml
from newsbrief.ingest.robots import Robots
from newsbrief.ingest.workers import WorkerFailed, WorkerPool, WorkerTimeout, pool_from_settings
from newsbrief.models import Article, Source
from newsbrief.store import Store
from newsbrief.store.sources import (
    FetchOutcome,
    add_source,
    known_articles,
    list_sources,
    record_fetch,
)
from newsbrief.stories.dedupe import canonical_url
from newsbrief.text.language import detect_language
from newsbrief.timeutil import now as utcnow
from newsbrief.timeutil import parse_datetime

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
BACKOFF_BASE = timedelta(minutes=15)
BACKOFF_MAX = timedelta(hours=24)
STARTER_OPML = "starter-feeds.opml"


class SourceError(ValueError):
    """A source that cannot be added; the message is one line."""


# adding ------------------------------------------------------------------------------------


@dataclass
class Added:
    source: Source
    created: bool
    discovered_from: str | None = None


async def _resolve_feed(fetcher: Fetcher, url: str) -> tuple[str, Feed, str | None]:
    """The feed at a URL, or the first feed its page announces: (feed URL, feed, page URL)."""
    response = await fetcher.get(url, accept=FEED_ACCEPT)
    try:
        return response.url, parse_feed(response.body, response.content_type, response.url), None
    except NotAFeed:
        candidates = discover_feeds(response.text, response.url)
        if not candidates:
            raise SourceError(f"{url}: a web page that announces no feed") from None
        last_error = ""
        for candidate in candidates:
            try:
                found = await fetcher.get(candidate, accept=FEED_ACCEPT)
                feed = parse_feed(found.body, found.content_type, found.url)
                return found.url, feed, response.url
            except (FetchError, ValueError) as exc:
                last_error = str(exc)
        raise SourceError(f"{url}: its announced feeds do not work ({last_error})") from None
    except ValueError as exc:
        raise SourceError(f"{url}: {exc}") from exc


def add_feed(
    store: Store,
    url: str,
    settings: Settings,
    name: str | None = None,
    tags: list[str] | None = None,
) -> Added:
    """Subscribe to a feed URL or a site's home page (its feed is discovered)."""
    url = url.strip()
    try:
        check_url(url, allow_private=True)  # scheme and form; addresses are checked on fetch
    except FetchError as exc:
        raise SourceError(f"{url}: {exc}") from exc

    async def run() -> tuple[str, Feed, str | None]:
        async with Fetcher(policy_from_settings(settings)) as fetcher:
            return await _resolve_feed(fetcher, url)

    try:
        feed_url, feed, page = asyncio.run(run())
    except FetchError as exc:
        raise SourceError(f"{url}: {exc}") from exc
    source, created = add_source(
        store, feed_url, "feed", name or feed.title, tags, site_url=feed.link or page
    )
    return Added(source, created, discovered_from=page)


@dataclass
class OpmlImport:
    added: int = 0
    present: int = 0
    problems: list[str] = field(default_factory=list)


def import_opml(store: Store, text: str) -> OpmlImport:
    """Subscribe to every feed of an OPML document; broken entries are reported, not fatal."""
    entries, problems = parse_opml(text)
    result = OpmlImport(problems=problems)
    for entry in entries:
        _, created = add_source(store, entry.url, "feed", entry.name, entry.tags, entry.site_url)
        if created:
            result.added += 1
        else:
            result.present += 1
    return result


def starter_opml() -> str:
    return (resources.files("newsbrief") / "data" / STARTER_OPML).read_text(encoding="utf-8")


def export_feeds(store: Store) -> str:
    return export_opml(list_sources(store, "feed"))


# fetching ----------------------------------------------------------------------------------


@dataclass
class SourceResult:
    source: Source
    new: int = 0
    seen: int = 0  # items already stored
    not_modified: bool = False
    partial: int = 0  # items kept as excerpts (page paywalled or blocked)
    deferred: int = 0  # new items over the per-fetch cap, left for the next fetch
    error: str | None = None
    warning: str | None = None
    disabled: str | None = None


@dataclass
class FetchReport:
    results: list[SourceResult] = field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def failed(self) -> list[SourceResult]:
        return [r for r in self.results if r.error]

    def summary(self) -> str:
        unchanged = sum(1 for r in self.results if r.not_modified or (not r.error and not r.new))
        return (
            f"{_count(len(self.results), 'source')}: {_count(self.new, 'new article')}, "
            f"{unchanged} unchanged, {len(self.failed)} failed"
        )


def _count(n: int, noun: str) -> str:
    """A count and its noun, singular for one ("1 source", "2 sources")."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def due_sources(store: Store, now: datetime, only: list[str] | None = None) -> list[Source]:
    sources = [s for s in list_sources(store, "feed") if s.enabled]
    if only:
        wanted = set(only)
        return [s for s in sources if s.url in wanted or str(s.id) in wanted or (s.name in wanted)]
    return [s for s in sources if s.next_fetch is None or s.next_fetch <= now]


def fetch_sources(
    store: Store,
    settings: Settings,
    sources: list[Source],
    progress: Callable[[SourceResult], None] | None = None,
    now: datetime | None = None,
) -> FetchReport:
    """Fetch the given sources concurrently; store new articles; record each one's health."""
    return asyncio.run(_fetch_all(store, settings, sources, progress, now or utcnow()))


async def _fetch_all(
    store: Store,
    settings: Settings,
    sources: list[Source],
    progress: Callable[[SourceResult], None] | None,
    now: datetime,
) -> FetchReport:
    report = FetchReport()
    async with (
        Fetcher(policy_from_settings(settings)) as fetcher,
        pool_from_settings(settings, jobs=len(sources)) as pool,
    ):
        robots = Robots(fetcher)
        pages = asyncio.Semaphore(settings.fetch_pages_concurrency)
        full = settings.fetch_full_text
        run = _Run(store, settings, fetcher, robots, pool, pages, full, now)

        async def one(source: Source) -> None:
            result = await _fetch_one(run, source)
            report.results.append(result)
            if progress is not None:
                progress(result)

        await asyncio.gather(*(one(s) for s in sources))
    report.results.sort(key=lambda r: r.source.id)
    return report


@dataclass
class _Run:
    """What every source of one fetch run shares."""

    store: Store
    settings: Settings
    fetcher: Fetcher
    robots: Robots
    pool: WorkerPool  # feed parsing and page extraction, off the event loop
    pages: asyncio.Semaphore
    full: bool
    now: datetime


async def _fetch_one(run: _Run, source: Source) -> SourceResult:
    store, settings, fetcher, now = run.store, run.settings, run.fetcher, run.now
    result = SourceResult(source)
    ttl: float | None = None
    try:
        response = await fetcher.get(
            source.url, etag=source.etag, last_modified=source.last_modified, accept=FEED_ACCEPT
        )
        if response.not_modified:
            result.not_modified = True
        else:
            feed = await _feed_of(fetcher, run.pool, response)
            result.warning = feed.warning
            ttl = feed.ttl_minutes
            await _store_items(run, source, feed, result)
        # With items left for later, the validators are cleared: the next fetch must get
        # the feed again (a 304 would hide the items still to store).
        keep = not result.deferred
        outcome = FetchOutcome(
            status=str(response.status),
            etag=response.headers.get("etag") if keep else "",
            last_modified=response.headers.get("last-modified") if keep else "",
            next_fetch=now + _interval(settings, response, ttl),
            new_items=result.new,
        )
    except (FetchError, ValueError) as exc:
        result.error = str(exc)
        outcome = _failure(settings, source, exc, now)
        result.disabled = outcome.disable_reason
    except Exception as exc:  # a bug on one source must not stop the run
        log.exception("fetching %s failed", source.url)
        result.error = f"internal error: {type(exc).__name__}: {exc}"
        outcome = _failure(settings, source, exc, now)
    record_fetch(store, source, outcome, now)
    return result


async def parse_in_worker(pool: WorkerPool, response: Response) -> Feed:
    """``parse_feed`` in a worker process, within ``parse_timeout``: a feed that takes too long
    to parse fails alone, and never stalls the other fetches."""
    try:
        return await pool.call(
            parse_feed,
            response.body,
            response.content_type,
            response.url,
            urgent=True,
            deadline=pool.parse_deadline,
        )
    except WorkerTimeout as exc:
        raise ValueError(f"parsing the feed {exc}") from None
    except WorkerFailed as exc:
        raise ValueError(f"parsing the feed failed ({exc})") from None


async def _feed_of(fetcher: Fetcher, pool: WorkerPool, response: Response) -> Feed:
    try:
        return await parse_in_worker(pool, response)
    except NotAFeed:
        # A feed URL that now serves HTML: follow the feed the page announces, if any.
        for candidate in discover_feeds(response.text, response.url):
            found = await fetcher.get(candidate, accept=FEED_ACCEPT)
            return await parse_in_worker(pool, found)
        raise ValueError("an HTML page that announces no feed, not a feed") from None


def _interval(settings: Settings, response: Response, ttl: float | None) -> timedelta:
    """When to fetch again: the configured interval, or longer when the server asks."""
    base = timedelta(minutes=settings.fetch_interval_minutes)
    age = max_age_seconds(response.headers.get("cache-control"))
    if age:
        base = max(base, timedelta(seconds=age))
    if ttl:
        base = max(base, timedelta(minutes=ttl))
    return min(base, BACKOFF_MAX)


def _failure(settings: Settings, source: Source, exc: Exception, now: datetime) -> FetchOutcome:
    failures = source.failures + 1
    wait = min(BACKOFF_MAX, BACKOFF_BASE * 2 ** (failures - 1))
    status = "error"
    disable = None
    if isinstance(exc, FetchError):
        if exc.retry_after is not None:
            wait = max(wait, timedelta(seconds=min(exc.retry_after, BACKOFF_MAX.total_seconds())))
        if exc.status is not None:
            status = str(exc.status)
        if exc.status == 410:
            disable = "the feed is gone (HTTP 410)"
        elif isinstance(exc, UnsafeURL):
            disable = f"refused: {exc}"
    limit = settings.fetch_max_failures
    if disable is None and failures >= limit:
        disable = f"{failures} failures in a row, last: {exc}"
    return FetchOutcome(
        status=status, error=str(exc), next_fetch=now + wait, disable_reason=disable
    )


def _article_id(item: FeedItem, canonical: str | None) -> str:
    basis = item.guid or canonical or f"{item.title}\n{item.summary}"
    return "f" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


async def _store_items(run: _Run, source: Source, feed: Feed, result: SourceResult) -> None:
    """Store the feed's new items, newest first, each as soon as it is ready.

    At most ``fetch_max_items`` new items a fetch: the rest are left for the next fetch (the
    feed's validators are then not kept, so it is read again). Pages for full text are fetched
    newest first within ``fetch_pages_budget`` seconds; an item whose page is not read by then
    is stored with its excerpt, marked partial.
    """
    store, now = run.store, run.now
    items = [
        (item, canonical_url(item.link) if item.link else None)
        for item in feed.items
        if item.title or item.content or item.link  # else nothing to show or read
    ]
    ids, guids, canonicals = known_articles(
        store,
        [_article_id(item, canonical) for item, canonical in items],
        [item.guid for item, _ in items if item.guid],
        [canonical for _, canonical in items if canonical],
    )
    fresh: list[tuple[FeedItem, str | None]] = []
    for item, canonical in items:
        if (
            (item.guid and item.guid in guids)
            or (canonical and canonical in canonicals)
            or _article_id(item, canonical) in ids
        ):
            result.seen += 1
            continue
        fresh.append((item, canonical))
    # Newest first (an undated item counts as new now; ties keep the feed's order).
    fresh.sort(key=lambda pair: -(pair[0].published or now).timestamp())
    cap = run.settings.fetch_max_items
    if len(fresh) > cap:
        result.deferred = len(fresh) - cap
        over = (
            f"{len(fresh)} new items, over fetch_max_items: the newest {cap} were stored, "
            f"{result.deferred} are left for the next fetch"
        )
        result.warning = f"{result.warning}; {over}" if result.warning else over
        fresh = fresh[:cap]

    async def build(item: FeedItem, canonical: str | None, pages: bool = True) -> list[Article]:
        text, partial, page = item.content, False, None
        blocks = item.blocks
        if run.full and item.link and is_excerpt(item.content):
            if pages:
                async with run.pages:
                    got = await _page_text(run, item.link, item.content)
                text, partial, page = got.text, got.partial, got.page
                if page is not None and not partial:
                    blocks = page.blocks
            else:
                partial = True  # its page was not read in time
        page_url = page.url if page and page.url else None
        title = item.title or (page.title if page else "")
        if not title and not text.strip():
            return []  # a bare link whose page gave nothing: nothing to read
        articles = make_articles(
            blocks=blocks,
            title=title,
            article_id=_article_id(item, canonical),
            url=item.link,
            source=source.name or feed.title or source.url,
            # The item's date, else the page's (its metadata); an item with neither stays
            # undated: when it was first seen is not when it was written.
            published=item.published or (parse_datetime(page.published) if page else None),
            seen_at=now,
            language=detect_language(f"{title}\n{text}"),
            guid=item.guid,
        )
        for article in articles:
            if page_url:
                fragment = (article.url or "").partition("#")[2]
                marked = "#" + fragment if fragment else ""
                article.canonical_url = canonical_url(page_url) + marked
            article.partial = partial
            article.author = item.author or (page.author if page else None)
            article.image = item.image or (page.image if page else None)
            article.source_id = source.id
        return articles

    def save(articles: list[Article]) -> None:
        """Store articles in one transaction, skipping those already stored under their GUID
        or canonical URL (two items of one run, or another feed in between, may share one)."""
        _, guids, canonicals = known_articles(
            store,
            [],
            [a.guid for a in articles if a.guid],
            [a.canonical_url for a in articles if a.canonical_url],
        )
        keep: list[Article] = []
        for article in articles:
            if (article.guid and article.guid in guids) or (
                article.canonical_url and article.canonical_url in canonicals
            ):
                result.seen += 1
                continue
            guids.add(article.guid or "")
            canonicals.add(article.canonical_url or "")
            keep.append(article)
        try:
            flags: list[bool | None] = list(store.add_articles(keep))
        except Exception:  # one article the database refuses must not cost the others
            flags = [add_alone(article) for article in keep]
        for article, added in zip(keep, flags, strict=True):
            if added is None:
                continue
            if added:
                result.new += 1
                result.partial += int(article.partial)
            else:
                result.seen += 1

    def add_alone(article: Article) -> bool | None:
        try:
            return store.add_article(article)
        except Exception as exc:
            log.error("storing %s of %s failed: %s", article.url or article.id, source.url, exc)
            return None

    async def one(item: FeedItem, canonical: str | None) -> None:
        save(await build(item, canonical))  # stored at once: nothing waits for the others

    def needs_page(item: FeedItem) -> bool:
        return run.full and bool(item.link) and is_excerpt(item.content)

    # Items that carry their text are built at once and stored together: one commit for them
    # all instead of one each, which is most of what storing costs on a disk-backed database.
    ready: list[Article] = []
    for item, canonical in [pair for pair in fresh if not needs_page(pair[0])]:
        try:
            ready.extend(await build(item, canonical))
        except Exception as exc:  # one broken item must not cost the feed its other items
            log.error("item %s of %s failed: %s", item.link or item.guid, source.url, exc)
    save(ready)
    fresh = [pair for pair in fresh if needs_page(pair[0])]

    # Tasks made newest first take the page semaphore newest first.
    tasks = [asyncio.create_task(one(i, c)) for i, c in fresh]
    if not tasks:
        return
    budget = run.settings.fetch_pages_budget
    _, late = await asyncio.wait(tasks, timeout=budget)
    for task in late:
        task.cancel()
    await asyncio.gather(*late, return_exceptions=True)
    for (item, canonical), task in zip(fresh, tasks, strict=True):
        try:
            if task.cancelled():
                save(await build(item, canonical, pages=False))
            elif task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        except Exception as exc:  # one broken item must not cost the feed its other items
            log.error("item %s of %s failed: %s", item.link or item.guid, source.url, exc)


async def _page_text(run: _Run, link: str, excerpt: str) -> FullText:
    """The item's full text; whatever goes wrong with its page costs only that item."""
    try:
        return await full_text(run.fetcher, run.robots, run.pool, link, excerpt)
    except Exception as exc:
        log.exception("reading the page %s failed", link)
        return FullText(excerpt, True, note=f"page: internal error: {type(exc).__name__}")


# the scheduler's seam --------------------------------------------------------------------


def fetch_due(store: Store, home: Path, settings: Settings, now: datetime) -> str | None:
    """Fetch every enabled source whose time has come; a one-line summary, or None."""
    sources = due_sources(store, now)
    if not sources:
        return None
    return fetch_sources(store, settings, sources, now=now).summary()
