"""What every request needs: the app's state, who is asking, for which profile, and CSRF checks."""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Form, Header, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsbrief.accounts import User, session_user
from newsbrief.briefing.assemble import default_profile
from newsbrief.config import Settings
from newsbrief.models import Profile
from newsbrief.ownership import may_see, own_default, visible_names
from newsbrief.store import Store
from newsbrief.web.briefings import Briefings
from newsbrief.web.memory import Conversations, Fetching
from newsbrief.web.security import LoginLimiter, csrf_ok, csrf_token, new_client_id, same_origin
from newsbrief.web.stores import StorePool
from newsbrief.web.stories import StoryPages

CLIENT_COOKIE = "nb_client"
SESSION_COOKIE = "nb_session"
CLIENT_COOKIE_AGE = 400 * 86400


@dataclass
class WebState:
    home: Path
    settings: Settings
    stores: StorePool
    briefings: Briefings
    accounts: bool
    secure_cookies: bool
    csrf_key: bytes
    feed_key: bytes
    limiter: LoginLimiter
    stories: StoryPages
    fetching: Fetching
    conversations: Conversations


class LoginRequired(Exception):
    """The app requires accounts and the request carries no valid session."""


def cookie_attributes(secure: bool) -> str:
    return "Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")


class ClientCookie:
    """Gives every browser a random client id in an HttpOnly cookie; CSRF tokens are bound
    to it, so a page on another site can neither read nor forge a valid token."""

    def __init__(self, app: ASGIApp, secure: bool = False) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = SimpleCookie()
        for name, value in scope.get("headers") or []:
            if name == b"cookie":
                # A malformed cookie header gets a fresh client id.
                with contextlib.suppress(Exception):
                    cookies.load(value.decode("latin-1"))
        morsel = cookies.get(CLIENT_COOKIE)
        client = morsel.value if morsel and 20 <= len(morsel.value) <= 64 else None
        fresh = client is None
        client = client or new_client_id()
        scope.setdefault("state", {})["client_id"] = client

        async def wrapped(message: Message) -> None:
            if fresh and message["type"] == "http.response.start":
                MutableHeaders(scope=message).append(
                    "set-cookie",
                    f"{CLIENT_COOKIE}={client}; Max-Age={CLIENT_COOKIE_AGE}; "
                    + cookie_attributes(self.secure),
                )
            await send(message)

        await self.app(scope, receive, wrapped)


def state_of(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


async def web(request: Request) -> WebState:
    return state_of(request)


# Dependencies are async and never touch the store: FastAPI runs a sync dependency in a worker
# thread of its own, and a store connection must only be used by the thread that got it. Pages
# and API endpoints get their store with ``state.stores.get()`` in their own body.


@dataclass
class Viewer:
    """Who is asking: the logged-in user (when accounts are on) and their CSRF token."""

    user: User | None
    client_id: str
    csrf: str
    accounts: bool
    address: str = "unknown"  # the client's network address

    @property
    def key(self) -> str:
        """Who to count expensive work against: the account when logged in, else the
        address (a cookie would not do: a client can drop it to get a fresh one)."""
        return f"user:{self.user.id}" if self.user else f"address:{self.address}"


def _session_user(state: WebState, token: str) -> User | None:
    return session_user(state.stores.get(), token)


async def optional_viewer(request: Request) -> Viewer:
    state = await web(request)
    client = request.state.client_id
    user = None
    if state.accounts:
        token = request.cookies.get(SESSION_COOKIE, "")
        user = await run_in_threadpool(_session_user, state, token) if token else None
    address = request.client.host if request.client else "unknown"
    csrf = csrf_token(state.csrf_key, csrf_binding(request))
    return Viewer(user, client, csrf, state.accounts, address)


async def viewer(seen: Annotated[Viewer, Depends(optional_viewer)]) -> Viewer:
    """The viewer, who must be logged in when the app requires accounts."""
    if seen.accounts and seen.user is None:
        raise LoginRequired()
    return seen


def csrf_binding(request: Request) -> str:
    """What a CSRF token is bound to: the browser's client id, and its login session if any
    (so a client id planted by someone else is useless once the reader logs in)."""
    client: str = request.state.client_id
    session = request.cookies.get(SESSION_COOKIE) if state_of(request).accounts else None
    if session:
        return client + ":" + hashlib.sha256(session.encode()).hexdigest()
    return client


def _check(request: Request, token: str | None) -> None:
    if not same_origin(request.headers.get("origin"), request.headers.get("host")):
        raise HTTPException(403, "This request came from another site and was refused.")
    if not csrf_ok(request.app.state.web.csrf_key, csrf_binding(request), token):
        raise HTTPException(
            403, "The form has expired or did not come from this app; reload the page and retry."
        )


async def form_csrf(request: Request, csrf_token: Annotated[str, Form()] = "") -> None:
    """CSRF check of an HTML form post."""
    _check(request, csrf_token)


async def header_csrf(
    request: Request, x_csrf_token: Annotated[str | None, Header()] = None
) -> None:
    """CSRF check of an API request that changes something (header ``X-CSRF-Token``)."""
    _check(request, x_csrf_token)


def profile_named(store: Store, name: str | None, seen: Viewer) -> Profile:
    """The profile of that name the viewer may see, else 404 (the same answer whether it does
    not exist or belongs to another account).

    "default" (or no name) is the default profile, which exists without being stored; for an
    account that is not an admin it is the account's own first profile.
    """
    name = (name or "default").strip() or "default"
    user = seen.user
    mine = store.get_profile(name) is not None and may_see(store, user, name)
    if user is not None and not user.admin and name == "default" and not mine:
        return own_default(store, user)
    found = store.get_profile(name)
    if found is not None and not may_see(store, user, name):
        found = None
    if found is None:
        if name != "default":
            raise HTTPException(404, f"There is no profile named {name!r}.")
        found = default_profile(store)
    return found


def profile_names(store: Store, seen: Viewer) -> list[str]:
    """The profiles the viewer can switch between."""
    return visible_names(store, seen.user)


def manages_feeds(seen: Viewer) -> bool:
    """Feeds are shared by every profile: with accounts, only admins change them."""
    return not seen.accounts or seen.user is None or seen.user.admin


async def feed_manager(seen: Annotated[Viewer, Depends(viewer)]) -> Viewer:
    if not manages_feeds(seen):
        raise HTTPException(
            403, "Only an admin can change the feeds, which every account's briefings share."
        )
    return seen


ViewerDep = Annotated[Viewer, Depends(viewer)]
WebDep = Annotated[WebState, Depends(web)]
ProfileName = Annotated[str, Query(description="profile name (default: default)")]
