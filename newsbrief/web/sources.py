"""Sources: subscribe to a feed or a site, upload OPML, see each feed's health, fetch, remove.

Adding and fetching go through the ingest package, so the web app gets the same fetcher as
the CLI: its refusal of private and local addresses (unless the ``allow_private_addresses``
setting allows them), its timeouts, size limits and robots.txt.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from newsbrief.ingest.subscriptions import (
    FetchReport,
    SourceError,
    add_feed,
    fetch_sources,
    import_opml,
)
from newsbrief.models import Source
from newsbrief.store import Store
from newsbrief.store.sources import enable_source, find_source, list_sources, remove_source
from newsbrief.stories.pipeline import process
from newsbrief.timeutil import now as utcnow
from newsbrief.timeutil import to_iso
from newsbrief.web.briefings import zone_of
from newsbrief.web.context import (
    ViewerDep,
    WebDep,
    WebState,
    feed_manager,
    form_csrf,
    header_csrf,
    manages_feeds,
    profile_named,
    profile_names,
    viewer,
)
from newsbrief.web.templating import render

MAX_OPML_BYTES = 5_000_000
# Changing the feeds: a form or API request from this site, by someone who manages the feeds.
FORM_CHANGE = [Depends(form_csrf), Depends(feed_manager)]
API_CHANGE = [Depends(header_csrf), Depends(feed_manager)]

router = APIRouter(dependencies=[Depends(viewer)])


def source_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "url": source.url,
        "name": source.name,
        "site_url": source.site_url,
        "tags": list(source.tags),
        "enabled": source.enabled,
        "disabled_reason": source.disabled_reason,
        "last_fetch": to_iso(source.last_fetch),
        "last_success": to_iso(source.last_success),
        "last_status": source.last_status,
        "last_error": source.last_error,
        "failures": source.failures,
        "next_fetch": to_iso(source.next_fetch),
        "items": source.items,
    }


def report_dict(report: FetchReport) -> dict[str, Any]:
    return {
        "when": to_iso(utcnow()),
        "summary": report.summary(),
        "new": report.new,
        "results": [
            {
                "source_id": r.source.id,
                "name": r.source.name or r.source.url,
                "new": r.new,
                "seen": r.seen,
                "not_modified": r.not_modified,
                "partial": r.partial,
                "error": r.error,
                "warning": r.warning,
                "disabled": r.disabled,
            }
            for r in report.results
        ],
    }


def fetch_now(state: WebState, store: Store, only: list[int] | None = None) -> dict[str, Any]:
    """Fetch every enabled feed (or the given ones) now, then fold new articles into stories;
    with a task queue (``broker_url``), queue the fetches for the workers instead."""
    with state.fetching.lock:
        sources = [s for s in list_sources(store, "feed") if s.enabled]
        if only is not None:
            sources = [s for s in sources if s.id in set(only)]
        if state.settings.broker_url.strip():
            state.fetching.last = queue_fetches(state, store, sources)
            return state.fetching.last
        report = fetch_sources(store, state.settings, sources)
        if report.new:
            with state.briefings.pipeline:
                process(store)
        state.fetching.last = report_dict(report)
        return state.fetching.last


def queue_fetches(state: WebState, store: Store, sources: list[Source]) -> dict[str, Any]:
    from newsbrief.tasks import enqueue

    queued = sum(
        enqueue(store, state.settings, "newsbrief.fetch_feed", [s.id], f"fetch:{s.id}")
        for s in sources
    )
    return {
        "when": to_iso(utcnow()),
        "summary": f"{queued} feeds queued for the workers "
        f"({len(sources) - queued} already queued)",
        "new": 0,
        "queued": queued,
        "results": [],
    }


def _tags(text: str) -> list[str]:
    return sorted({t.strip() for t in text.split(",") if t.strip()})


# pages -----------------------------------------------------------------------------------


def _sources_page(
    request: Request, state: WebState, seen: Any, status: int = 200, **ctx: Any
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, request.query_params.get("profile"), seen)
    return render(
        request,
        "sources.html",
        status=status,
        profile=reader,
        profiles=profile_names(store, seen),
        zone=zone_of(reader),
        viewer=seen,
        sources=list_sources(store, "feed"),
        others=len(list_sources(store, None)) - len(list_sources(store, "feed")),
        report=state.fetching.last,
        allow_private=state.settings.allow_private_addresses,
        manages=manages_feeds(seen),
        **ctx,
    )


@router.get("/sources", include_in_schema=False)
def sources_page(request: Request, state: WebDep, seen: ViewerDep) -> Response:
    notice = None
    added = request.query_params.get("added")
    if added and added.isdigit():
        source = find_source(state.stores.get(), added)
        if source is not None:
            notice = f"Subscribed to {source.name or source.url}."
    return _sources_page(request, state, seen, notice=notice, added=added)


@router.post("/sources", include_in_schema=False, dependencies=FORM_CHANGE)
def add_source_form(
    request: Request,
    state: WebDep,
    seen: ViewerDep,
    url: Annotated[str, Form(max_length=2000)] = "",
    name: Annotated[str, Form(max_length=200)] = "",
    tags: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    store = state.stores.get()
    if not url.strip():
        return _sources_page(request, state, seen, 400, error="Give the address of a feed or site.")
    try:
        added = add_feed(store, url, state.settings, name.strip() or None, _tags(tags))
    except SourceError as exc:
        return _sources_page(request, state, seen, 400, error=str(exc), form_url=url)
    return RedirectResponse(f"/sources?added={added.source.id}", status_code=303)


@router.post("/sources/opml", include_in_schema=False, dependencies=FORM_CHANGE)
async def upload_opml(
    request: Request, state: WebDep, seen: ViewerDep, file: Annotated[UploadFile, File()]
) -> Response:
    data = await file.read(MAX_OPML_BYTES + 1)
    name = file.filename or "the file"

    def run() -> Response:  # in a worker thread: it uses the store
        if len(data) > MAX_OPML_BYTES:
            return _sources_page(request, state, seen, 400, error=f"{name}: too large")
        try:
            result = import_opml(state.stores.get(), data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            return _sources_page(request, state, seen, 400, error=f"{name}: not UTF-8 text")
        except ValueError as exc:
            return _sources_page(request, state, seen, 400, error=f"{name}: {exc}")
        return _sources_page(request, state, seen, imported=result)

    return await run_in_threadpool(run)


@router.post("/sources/fetch", include_in_schema=False, dependencies=FORM_CHANGE)
def fetch_form(state: WebDep, source: Annotated[str, Form()] = "") -> Response:
    only = [int(source)] if source.isdigit() else None
    fetch_now(state, state.stores.get(), only)
    return RedirectResponse("/sources?fetched=1", status_code=303)


@router.post("/sources/{source_id}/remove", include_in_schema=False, dependencies=FORM_CHANGE)
def remove_form(source_id: int, state: WebDep) -> Response:
    store = state.stores.get()
    source = find_source(store, str(source_id))
    if source is None:
        raise HTTPException(404, f"There is no source {source_id}.")
    remove_source(store, source)
    return RedirectResponse("/sources", status_code=303)


@router.post("/sources/{source_id}/enable", include_in_schema=False, dependencies=FORM_CHANGE)
def enable_form(source_id: int, state: WebDep) -> Response:
    store = state.stores.get()
    source = find_source(store, str(source_id))
    if source is None:
        raise HTTPException(404, f"There is no source {source_id}.")
    enable_source(store, source)
    return RedirectResponse("/sources", status_code=303)


# API -------------------------------------------------------------------------------------


class SourceOut(BaseModel):
    id: int
    url: str
    name: str | None
    site_url: str | None
    tags: list[str]
    enabled: bool
    disabled_reason: str | None
    last_fetch: str | None
    last_success: str | None
    last_status: str | None
    last_error: str | None
    failures: int = Field(description="consecutive failed fetches")
    next_fetch: str | None
    items: int = Field(description="articles stored from it")


class SourceIn(BaseModel):
    url: str = Field(description="a feed address, or a site's home page (its feed is found)")
    name: str | None = None
    tags: list[str] = []


class AddedOut(BaseModel):
    source: SourceOut
    created: bool
    discovered_from: str | None


class FetchIn(BaseModel):
    sources: list[int] | None = Field(None, description="source ids (default: every feed)")


class FetchResult(BaseModel):
    source_id: int
    name: str
    new: int
    seen: int
    not_modified: bool
    partial: int
    error: str | None
    warning: str | None
    disabled: str | None


class FetchOut(BaseModel):
    when: str | None
    summary: str
    new: int
    results: list[FetchResult]


class OpmlIn(BaseModel):
    opml: str = Field(description="the OPML document")


class OpmlOut(BaseModel):
    added: int
    present: int
    problems: list[str]


@router.get("/api/sources", response_model=list[SourceOut], tags=["sources"])
def api_sources(state: WebDep) -> Any:
    """Subscribed feeds with the health of their fetching."""
    return [source_dict(s) for s in list_sources(state.stores.get(), "feed")]


@router.post(
    "/api/sources",
    response_model=AddedOut,
    dependencies=API_CHANGE,
    tags=["sources"],
)
def api_add_source(body: SourceIn, state: WebDep) -> Any:
    """Subscribe to a feed, or to a site whose page announces one."""
    try:
        added = add_feed(state.stores.get(), body.url, state.settings, body.name, body.tags)
    except SourceError as exc:
        raise HTTPException(400, str(exc)) from exc
    return {
        "source": source_dict(added.source),
        "created": added.created,
        "discovered_from": added.discovered_from,
    }


@router.post(
    "/api/sources/opml",
    response_model=OpmlOut,
    dependencies=API_CHANGE,
    tags=["sources"],
)
def api_import_opml(body: OpmlIn, state: WebDep) -> Any:
    """Subscribe to every feed of an OPML document (nested outlines become tags)."""
    try:
        result = import_opml(state.stores.get(), body.opml)
    except ValueError as exc:
        raise HTTPException(400, f"OPML: {exc}") from exc
    return {"added": result.added, "present": result.present, "problems": result.problems}


@router.post(
    "/api/sources/fetch",
    response_model=FetchOut,
    dependencies=API_CHANGE,
    tags=["sources"],
)
def api_fetch(body: FetchIn, state: WebDep) -> Any:
    """Fetch the feeds now; new articles are stored and folded into stories."""
    return fetch_now(state, state.stores.get(), body.sources)


@router.delete("/api/sources/{source_id}", dependencies=API_CHANGE, tags=["sources"])
def api_remove_source(source_id: int, state: WebDep) -> dict[str, Any]:
    """Unsubscribe; the articles already read stay."""
    store = state.stores.get()
    source = find_source(store, str(source_id))
    if source is None:
        raise HTTPException(404, f"no source {source_id}")
    remove_source(store, source)
    return {"removed": source_id}


@router.post(
    "/api/sources/{source_id}/enable",
    response_model=SourceOut,
    dependencies=API_CHANGE,
    tags=["sources"],
)
def api_enable_source(source_id: int, state: WebDep) -> Any:
    """Re-enable a feed that was disabled after repeated failures."""
    store = state.stores.get()
    source = find_source(store, str(source_id))
    if source is None:
        raise HTTPException(404, f"no source {source_id}")
    enable_source(store, source)
    found = find_source(store, str(source_id))
    assert found is not None
    return source_dict(found)
