"""Logging in and out, and the session endpoint API clients use to get a CSRF token."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from newsbrief.accounts import authenticate, create_session, end_session
from newsbrief.web.context import (
    SESSION_COOKIE,
    Viewer,
    cookie_attributes,
    form_csrf,
    optional_viewer,
    state_of,
)
from newsbrief.web.templating import render

router = APIRouter()

SESSION_MAX_AGE = 14 * 86400


# A backslash, a space or a control character: browsers read "/\evil" and "/<tab>/evil" as
# "//evil", another site.
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def is_app_path(target: str) -> bool:
    """Whether a redirect target is a path inside this app (never another site)."""
    return target.startswith("/") and not target.startswith("//") and not _UNSAFE.search(target)


def safe_next(target: str | None, fallback: str = "/") -> str:
    """The target when it is a path inside this app, else the fallback (no open redirect)."""
    return target if target and is_app_path(target) else fallback


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/login", include_in_schema=False)
def login_page(
    request: Request,
    seen: Annotated[Viewer, Depends(optional_viewer)],
    next: str = "/",
) -> Response:
    if not seen.accounts or seen.user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", viewer=seen, next=safe_next(next), error=None)


@router.post("/login", include_in_schema=False, dependencies=[Depends(form_csrf)])
def login(
    request: Request,
    seen: Annotated[Viewer, Depends(optional_viewer)],
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    state = state_of(request)
    target = safe_next(next)
    if not state.accounts:
        return RedirectResponse(target, status_code=303)
    keys = [f"address:{_client_address(request)}", f"user:{username.strip().lower()}"]
    wait = state.limiter.attempt(keys)  # counted as failed until the password is right
    if wait:
        return _login_form(
            request, seen, target, f"Too many failed logins. Try again in {wait} seconds.", 429,
            {"Retry-After": str(wait)},
        )  # fmt: skip
    user = authenticate(state.stores.get(), username.strip(), password)
    if user is None:
        return _login_form(request, seen, target, "Wrong user name or password.", 401, {})
    state.limiter.succeeded(keys)
    token = create_session(state.stores.get(), user)
    response = RedirectResponse(target, status_code=303)
    response.headers.append(
        "set-cookie",
        f"{SESSION_COOKIE}={token}; Max-Age={SESSION_MAX_AGE}; "
        + cookie_attributes(state.secure_cookies),
    )
    return response


def _login_form(
    request: Request,
    seen: Viewer,
    target: str,
    error: str,
    status: int,
    headers: dict[str, str],
) -> Response:
    response = render(request, "login.html", status=status, viewer=seen, next=target, error=error)
    response.headers.update(headers)
    return response


@router.post("/logout", include_in_schema=False, dependencies=[Depends(form_csrf)])
def logout(request: Request) -> Response:
    state = state_of(request)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        end_session(state.stores.get(), token)
    response = RedirectResponse("/login" if state.accounts else "/", status_code=303)
    response.headers.append(
        "set-cookie", f"{SESSION_COOKIE}=; Max-Age=0; " + cookie_attributes(state.secure_cookies)
    )
    return response


@router.get("/api/session", tags=["session"])
def session(seen: Annotated[Viewer, Depends(optional_viewer)]) -> dict[str, Any]:
    """Who is logged in (null without accounts) and the CSRF token for changing requests."""
    return {
        "user": seen.user.name if seen.user else None,
        "accounts": seen.accounts,
        "csrf_token": seen.csrf,
    }
