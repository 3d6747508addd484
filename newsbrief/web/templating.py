"""Jinja2 for the pages: autoescaped templates and the small helpers they use."""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newsbrief import __version__
from newsbrief.models import Profile
from newsbrief.render.common import SECTION_TITLES, conflict_groups, outlets_unknown
from newsbrief.render.html import safe_url
from newsbrief.timeutil import parse_datetime
from newsbrief.urls import outlet_name
from newsbrief.web.briefings import Shown, zone_of
from newsbrief.web.profiles import LANGUAGES

env = Environment(
    loader=PackageLoader("newsbrief", "web/templates"),
    autoescape=select_autoescape(["html"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def url(path: str, profile: str | None = None, **params: Any) -> str:
    """A link inside the app that keeps the selected profile."""
    query = {k: v for k, v in params.items() if v not in (None, "")}
    if profile and profile != "default":
        query = {"profile": profile, **query}
    return path + ("?" + urlencode(query) if query else "")


def local_time(value: str | datetime | None, zone: ZoneInfo | None = None) -> str:
    when = parse_datetime(value) if isinstance(value, str) else value
    if when is None:
        return "undated"
    if when.time() == time(0) and when.utcoffset() in (None, timedelta(0)):
        # A date without a time, read as midnight UTC: its day, not a time (and, west of
        # Greenwich, a day) nobody wrote.
        return when.strftime("%Y-%m-%d")
    zone = zone or ZoneInfo("UTC")
    local = when.astimezone(zone)
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or "")


def citation_numbers(story: dict[str, Any]) -> dict[str, int]:
    return {src["id"]: i for i, src in enumerate(story.get("sources", []), start=1)}


def sources_count(story: dict[str, Any]) -> str:
    n, ind = story.get("reports", 0), story.get("independent_reports", 0)
    count = f"{n} report{'s' if n != 1 else ''}" if n == ind else f"{n} reports, {ind} independent"
    unnamed = outlets_unknown([ref.get("source") for ref in story.get("sources", [])])
    return f"{count}; {unnamed}" if unnamed else count


def marked(snippet_html: str) -> Markup:
    """A search snippet: text the search module escaped, with matches in <mark>. Anything
    else that looks like markup means it was not escaped, so all of it is escaped then."""
    bare = snippet_html.replace("<mark>", "").replace("</mark>", "")
    if "<" in bare or ">" in bare:
        return Markup.escape(snippet_html)
    return Markup(snippet_html)


env.filters["marked"] = marked

env.globals.update(
    url=url,
    safe_url=safe_url,
    local_time=local_time,
    numbers=citation_numbers,
    sources_count=sources_count,
    outlet_name=outlet_name,
    SECTION_TITLES=SECTION_TITLES,
    conflict_groups=conflict_groups,
    LANGUAGES=LANGUAGES,
    version=__version__,
)


# Where a reader's CSRF token goes in a cached page part. Random per process, so no article
# text can contain it and get a token written into it.
CSRF_SLOT = "csrf-slot-" + secrets.token_hex(16)


def briefing_body(shown: Shown, profile: Profile, back: str, csrf: str) -> Markup:
    """The stories part of a briefing page, rendered once per briefing and reused.

    Rendering ten written-up stories is most of a page's work; only the CSRF token in its
    forms differs between readers, so it is filled in per request.
    """
    key = f"{profile.name}\n{back}"
    html = shown.rendered.get(key)
    if html is None:
        html = env.get_template("_briefing_body.html").render(
            b=shown.data, profile=profile, zone=zone_of(profile), back=back,
            viewer={"csrf": CSRF_SLOT},
        )  # fmt: skip
        shown.rendered[key] = html
    return Markup(html.replace(CSRF_SLOT, csrf))


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    state = request.app.state.web
    context.setdefault("accounts", state.accounts)
    context.setdefault("path", request.url.path)
    html = env.get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def render_error(
    request: Request, status: int, message: str, headers: dict[str, Any]
) -> HTMLResponse:
    response = render(request, "error.html", status=status, status_code=status, message=message)
    for name, value in headers.items():
        response.headers[name] = str(value)
    return response
