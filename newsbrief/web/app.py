"""The web app: ``create_app`` wires the store, the pages, the JSON API and the security layer.

Pages and API call the same functions the CLI uses; this package only adds HTTP, HTML and
the safety that comes with serving them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsbrief import __version__, config
from newsbrief.accounts import secret_key
from newsbrief.store import store_target
from newsbrief.web import api, asking, auth, channels, feeds, pages, searching, sources, tasks
from newsbrief.web.briefings import Briefings
from newsbrief.web.context import ClientCookie, LoginRequired, WebState
from newsbrief.web.memory import Conversations, Fetching
from newsbrief.web.security import (
    LOOPBACK_NAMES,
    LoginLimiter,
    SecurityHeaders,
    TooBusy,
    WorkLimiter,
)
from newsbrief.web.stores import StorePool
from newsbrief.web.stories import StoryPages
from newsbrief.web.templating import render_error

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"

API_DESCRIPTION = """The data of the newsbrief web app as JSON: briefings, stories, feedback
and profiles (and, as they are available, search, sources and questions).

Requests that change something need the header `X-CSRF-Token` with the token from
`GET /api/session`, sent with the cookies that response sets. When the app requires accounts,
log in first (`POST /login`)."""


def default_threads() -> int:
    return max(8, 4 * (os.cpu_count() or 1))


@dataclass
class WebConfig:
    """How the app is served."""

    home: Path
    accounts: bool = False  # require a login for everything but the login page
    secure_cookies: bool = False  # mark cookies Secure (the app is served over HTTPS)
    allowed_hosts: list[str] | None = field(default=None)  # None: loopback names unless accounts
    threads: int = field(default_factory=default_threads)  # requests served at once


def create_app(cfg: WebConfig) -> FastAPI:
    home = config.home_dir(cfg.home)
    settings = config.load(home)
    stores = StorePool(store_target(home), home)
    store = stores.get()
    work = WorkLimiter(settings.web_builds_per_minute)
    state = WebState(
        home=home,
        settings=settings,
        stores=stores,
        briefings=Briefings(settings.since, settings=settings, limiter=work),
        accounts=cfg.accounts,
        secure_cookies=cfg.secure_cookies,
        csrf_key=secret_key(store, "csrf"),
        feed_key=secret_key(store, "feeds"),
        limiter=LoginLimiter(),
        stories=StoryPages(limiter=work),
        fetching=Fetching(),
        conversations=Conversations(),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Each SQLite call gives up the GIL and must take it back: with dozens of threads
        # queueing for it, every call waits behind the others. A few threads serve more.
        anyio.to_thread.current_default_thread_limiter().total_tokens = cfg.threads
        yield
        stores.close()

    app = FastAPI(
        title="newsbrief",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = state
    app.include_router(auth.router)
    app.include_router(pages.router)
    app.include_router(channels.router)
    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(sources.router)
    app.include_router(searching.router)
    app.include_router(asking.router)
    app.include_router(tasks.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(TooBusy, _too_busy)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _server_error)

    allowed = cfg.allowed_hosts
    if allowed is None and not cfg.accounts:
        allowed = list(LOOPBACK_NAMES)
    app.add_middleware(ClientCookie, secure=cfg.secure_cookies)
    app.add_middleware(SecurityHeaders, allowed_hosts=allowed)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


async def _login_required(request: Request, exc: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": "log in first"}, status_code=401)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    from urllib.parse import quote

    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


async def _too_busy(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, TooBusy)
    message = (
        "Too many briefings and story write-ups were built for you in the last minute; "
        f"try again in {exc.wait} seconds (pages already built are still served)."
    )
    headers = {"Retry-After": str(exc.wait)}
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=429, headers=headers)
    return render_error(request, 429, message, headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers: dict[str, Any] = dict(exc.headers or {})
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
    return render_error(request, exc.status_code, str(exc.detail), headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    """An unexpected failure: a short page (the traceback goes to the log, not the reader)."""
    message = "Something went wrong on the server; the log has the details."
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=500)
    return render_error(request, 500, message, {})


async def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _wants_json(request):
        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', [])[1:]) or 'request'}: {e.get('msg')}"
        for e in exc.errors()
    )
    return render_error(request, 400, f"The request is not valid ({problems}).", {})
