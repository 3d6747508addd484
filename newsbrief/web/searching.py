"""Search over articles and stories (the FTS5 index, BM25), with date and source filters."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from newsbrief.models import Profile
from newsbrief.search import Hit, search, search_stories
from newsbrief.store import Store, articles
from newsbrief.timeutil import to_iso
from newsbrief.web.briefings import day_bounds, zone_of
from newsbrief.web.context import (
    ProfileName,
    ViewerDep,
    WebDep,
    profile_named,
    profile_names,
    viewer,
)
from newsbrief.web.templating import render

PAGE_SIZE = 20
MAX_QUERY = 500

router = APIRouter(dependencies=[Depends(viewer)])


@dataclass
class Filters:
    q: str
    since: date | None
    until: date | None
    sources: list[str]
    view: str  # articles | stories
    page: int


def _window(filters: Filters, profile: Profile) -> tuple[datetime | None, datetime | None]:
    """The filter dates as UTC bounds of the reader's days (both days included)."""
    zone = zone_of(profile)
    since = day_bounds(filters.since, zone)[0] if filters.since else None
    until = day_bounds(filters.until, zone)[1] if filters.until else None
    return since, until


def hit_dict(hit: Hit) -> dict[str, Any]:
    return {
        "article_id": hit.article_id,
        "title": hit.title,
        "snippet": hit.snippet,
        "snippet_html": hit.snippet_html,
        "source": hit.source,
        "url": hit.url,
        "published": to_iso(hit.published),
        "story_id": hit.story_id,
        "score": round(hit.score, 4),
    }


def run_search(store: Store, filters: Filters, profile: Profile) -> list[dict[str, Any]]:
    """Articles, or stories with their matching articles, for one page of results."""
    since, until = _window(filters, profile)
    sources = filters.sources or None
    if filters.view == "stories":
        groups = search_stories(
            store, filters.q, since, until, sources, limit=PAGE_SIZE * (filters.page + 1)
        )
        page = groups[PAGE_SIZE * filters.page :]
        return [
            {"story_id": g.story_id, "score": round(g.score, 4),
             "hits": [hit_dict(h) for h in g.hits]}
            for g in page
        ]  # fmt: skip
    hits = search(
        store, filters.q, since, until, sources, limit=PAGE_SIZE, offset=PAGE_SIZE * filters.page
    )
    return [hit_dict(h) for h in hits]


STAMP_SECONDS = 60


def store_stamp(store: Store) -> tuple[Any, ...]:
    """Changes when articles are added, and at least every minute (counting the articles to
    notice removals would cost more than most searches; removals are rare)."""
    newest = articles.newest_row(store)
    return (newest, int(time.monotonic() // STAMP_SECONDS))


class Results:
    """Recent search results, kept until articles are added (or a minute): paging back and forth
    and popular searches are not run twice. A request with ``Cache-Control: no-cache`` runs
    the search again."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], list[dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, store: Store, filters: Filters, profile: Profile, fresh: bool = False
    ) -> list[dict[str, Any]]:
        key = (
            filters.q, filters.since, filters.until, tuple(filters.sources), filters.view,
            filters.page, profile.timezone, store_stamp(store),
        )  # fmt: skip
        with self._lock:
            found = None if fresh else self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        results = run_search(store, filters, profile)
        with self._lock:
            self._items[key] = results
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return results


class Outlets:
    """The outlets in the store, most frequent first, for the source filter (kept until
    articles are added)."""

    def __init__(self) -> None:
        self._key: Any = None
        self._names: list[str] = []
        self._lock = threading.Lock()

    def names(self, store: Store, limit: int = 300) -> list[str]:
        key = store_stamp(store)
        with self._lock:
            if key != self._key:
                self._names = articles.outlets(store, limit)
                self._key = key
            return list(self._names)


_outlets = Outlets()
_results = Results()


def _fresh(request: Request) -> bool:
    return "no-cache" in request.headers.get("cache-control", "").lower()


def _day(name: str, value: str | None) -> date | None:
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name} {value!r}: expected a day as YYYY-MM-DD") from None


def _filters(
    q: str, since_text: str | None, until_text: str | None, source: list[str] | None, view: str,
    page: int,
) -> Filters:  # fmt: skip
    if len(q) > MAX_QUERY:
        raise HTTPException(400, f"The search has {len(q)} characters; use at most {MAX_QUERY}.")
    since, until = _day("since", since_text), _day("until", until_text)
    if since and until and since > until:
        raise HTTPException(400, f"The dates are the wrong way round: {since} is after {until}.")
    chosen = [s.strip() for s in source or [] if s.strip()]
    return Filters(q.strip(), since, until, chosen, view, max(0, page))


Query_ = Annotated[str, Query(description='words to find; "quoted phrases" kept together')]
# Days are text so that a form's empty date field means "no limit" rather than an error.
Since = Annotated[str | None, Query(description="from this day (YYYY-MM-DD)")]
Until = Annotated[str | None, Query(description="to this day (YYYY-MM-DD), included")]
Sources = Annotated[list[str] | None, Query(description="only these outlets (repeatable)")]
View = Annotated[str, Query(pattern="^(articles|stories)$", description="articles or stories")]
Page = Annotated[int, Query(ge=0, le=500, description="page of 20 results, from 0")]


@router.get("/search", include_in_schema=False)
def search_page(
    request: Request,
    state: WebDep,
    seen: ViewerDep,
    q: Query_ = "",
    since: Since = None,
    until: Until = None,
    source: Sources = None,
    view: View = "articles",
    page: Page = 0,
    profile: ProfileName = "default",
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    filters = _filters(q, since, until, source, view, page)
    results = _results.get(store, filters, reader, _fresh(request)) if filters.q else []
    return render(
        request,
        "search.html",
        profile=reader,
        profiles=profile_names(store, seen),
        zone=zone_of(reader),
        viewer=seen,
        f=filters,
        results=results,
        outlets=_outlets.names(store),
        more=len(results) == PAGE_SIZE,
        page_size=PAGE_SIZE,
    )


class HitOut(BaseModel):
    article_id: str
    title: str
    snippet: str = Field(description="plain text around the matches")
    snippet_html: str = Field(description="the snippet escaped, matches in <mark>")
    source: str | None
    url: str | None
    published: str | None
    story_id: str | None
    score: float = Field(description="BM25, higher is better")


class StoryHitOut(BaseModel):
    story_id: str
    score: float
    hits: list[HitOut]


class SearchOut(BaseModel):
    query: str
    view: str
    page: int
    results: list[HitOut] | list[StoryHitOut]


@router.get("/api/search", response_model=SearchOut, tags=["search"])
def api_search(
    request: Request,
    state: WebDep,
    seen: ViewerDep,
    q: Query_,
    since: Since = None,
    until: Until = None,
    source: Sources = None,
    view: View = "articles",
    page: Page = 0,
    profile: ProfileName = "default",
) -> Any:
    """Articles (or stories) matching the words, best first (BM25), with highlighted snippets."""
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    filters = _filters(q, since, until, source, view, page)
    results = _results.get(store, filters, reader, _fresh(request)) if filters.q else []
    return {"query": filters.q, "view": filters.view, "page": filters.page, "results": results}
