"""The HTML pages: the briefing, the archive, stories, articles, feedback and profile settings.

Every page works without JavaScript: links and plain form posts that answer with a redirect
(post/redirect/get). The small script in static/ only makes feedback quicker.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from newsbrief.briefing.story_detail import get_story
from newsbrief.models import Profile
from newsbrief.store import Store
from newsbrief.timeutil import now as utcnow
from newsbrief.web.auth import safe_next
from newsbrief.web.briefings import Shown, zone_of
from newsbrief.web.channel_forms import CHANNEL_NOTICES, channel_rows
from newsbrief.web.context import (
    ProfileName,
    Viewer,
    ViewerDep,
    WebDep,
    WebState,
    form_csrf,
    profile_named,
    profile_names,
    viewer,
)
from newsbrief.web.feedback import FeedbackError, give_feedback
from newsbrief.web.feeds import feed_path
from newsbrief.web.profiles import ProfileForm, ProfileFormError, new_profile, update_profile
from newsbrief.web.templating import briefing_body, render, url

router = APIRouter(include_in_schema=False, dependencies=[Depends(viewer)])

NOTICES = {
    "useful": "Marked useful.",
    "not-useful": "Marked not useful.",
    "more": "Noted: more like this.",
    "less": "Noted: less like this.",
    "hide": "The story is hidden.",
    "follow": "Followed: its stories rank higher.",
    "mute": "Muted: its stories leave your briefing.",
}


def _page(
    request: Request, store: Store, name: str, profile: Profile, seen: Viewer, **ctx: Any
) -> Response:
    return render(
        request,
        name,
        profile=profile,
        profiles=profile_names(store, seen),
        zone=zone_of(profile),
        viewer=seen,
        **ctx,
    )


def _briefing(
    request: Request, store: Store, profile: Profile, seen: Viewer, shown: Shown, archive: bool
) -> Response:
    back = request.url.path + (f"?profile={profile.name}" if profile.name != "default" else "")
    notice = NOTICES.get(request.query_params.get("notice", ""))
    body = briefing_body(shown, profile, back, seen.csrf)
    return _page(
        request, store, "briefing.html", profile, seen, shown=shown, b=shown.data, body=body,
        archive=archive, notice=notice,
    )  # fmt: skip


@router.get("/")
def briefing_page(
    request: Request,
    state: WebDep,
    seen: ViewerDep,
    profile: ProfileName = "default",
    since: str | None = None,
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    try:
        shown = state.briefings.current(store, reader, since, client=seen.key)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    return _briefing(request, store, reader, seen, shown, archive=False)


@router.post("/briefings/refresh", dependencies=[Depends(form_csrf)])
def refresh(
    state: WebDep, seen: ViewerDep, profile: Annotated[str, Form()] = "default"
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    state.briefings.current(store, reader, rebuild=True, client=seen.key)
    return RedirectResponse(url("/", reader.name), status_code=303)


@router.get("/briefings")
def archive(
    request: Request, state: WebDep, seen: ViewerDep, profile: ProfileName = "default"
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    days = state.briefings.days(store, reader)
    return _page(request, store, "archive.html", reader, seen, days=days)


@router.get("/briefings/{day}")
def briefing_of_day(
    request: Request,
    day: date,
    state: WebDep,
    seen: ViewerDep,
    profile: ProfileName = "default",
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    shown = state.briefings.on_day(store, reader, day)
    if shown is None:
        if day == utcnow().astimezone(zone_of(reader)).date():
            return RedirectResponse(url("/", reader.name), status_code=303)
        raise HTTPException(404, f"No briefing was made for {reader.name} on {day}.")
    return _briefing(request, store, reader, seen, shown, archive=True)


@router.get("/stories/{story_id}")
def story_page(
    request: Request,
    story_id: str,
    state: WebDep,
    seen: ViewerDep,
    profile: ProfileName = "default",
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    story = get_story(store, story_id)
    if story is None:
        raise HTTPException(404, f"There is no story {story_id!r}.")
    if story.id != story_id:  # merged into another story since the link was made
        return RedirectResponse(url(f"/stories/{story.id}", reader.name), status_code=301)
    in_briefing = state.briefings.cached_story(store, reader, story.id)
    page = state.stories.page(store, story, reader, in_briefing, client=seen.key)
    if page is None:
        raise HTTPException(404, f"Story {story_id!r} has no articles left.")
    notice = "Thanks: your feedback is recorded." if request.query_params.get("notice") else None
    return _page(request, store, "story.html", reader, seen, page=page, s=page.story, notice=notice)


@router.get("/articles/{article_id}")
def article_page(
    request: Request,
    article_id: str,
    state: WebDep,
    seen: ViewerDep,
    profile: ProfileName = "default",
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    found = store.get_articles([article_id])
    if not found:
        raise HTTPException(404, f"There is no article {article_id!r}.")
    article = found[0]
    story = store.story_of([article.id]).get(article.id)
    paragraphs = [p.strip() for p in article.text.split("\n") if p.strip()]
    return _page(
        request, store, "article.html", reader, seen, a=article, story_id=story,
        paragraphs=paragraphs,
    )  # fmt: skip


@router.post("/stories/{story_id}/feedback", dependencies=[Depends(form_csrf)])
def story_feedback(
    request: Request,
    story_id: str,
    state: WebDep,
    seen: ViewerDep,
    kind: Annotated[str, Form()],
    profile: Annotated[str, Form()] = "default",
    target: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    if get_story(store, story_id) is None:
        raise HTTPException(404, f"There is no story {story_id!r}.")
    try:
        done = give_feedback(store, reader, story_id, kind, target)
    except FeedbackError as exc:
        raise HTTPException(400, str(exc)) from exc
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse(
            {"kind": done.kind, "story_id": story_id, "target": done.target,
             "message": done.message},
        )  # fmt: skip
    back = safe_next(next, url(f"/stories/{story_id}", reader.name))
    sep = "&" if "?" in back else "?"
    return RedirectResponse(f"{back}{sep}notice={done.kind}", status_code=303)


def profile_view(
    request: Request, state: WebState, store: Store, reader: Profile, seen: Viewer, **ctx: Any
) -> Response:
    """The profile page: its settings form, its feed and its delivery channels. ``ctx`` holds
    what differs (a posted form with its errors, a notice, the status)."""
    ctx.setdefault("form", ProfileForm.of(reader))
    ctx.setdefault("errors", {})
    ctx.setdefault("saved", False)
    ctx.setdefault("channel", {"kind": "email", "style": "json"})
    ctx.setdefault("channel_errors", {})
    return _page(
        request, store, "profile.html", reader, seen,
        feed=feed_path(state.feed_key, reader.name, state.accounts),
        channels=channel_rows(store, reader.name), **ctx,
    )  # fmt: skip


@router.get("/profile")
def profile_page(
    request: Request, state: WebDep, seen: ViewerDep, profile: ProfileName = "default"
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    notice = CHANNEL_NOTICES.get(request.query_params.get("channel", ""))
    if notice:
        notice = notice.format(name=request.query_params.get("name", ""))
    return profile_view(
        request, state, store, reader, seen, saved=request.query_params.get("saved") == "1",
        channel_notice=notice,
    )  # fmt: skip


@router.post("/profile", dependencies=[Depends(form_csrf)])
def save_profile(
    request: Request,
    state: WebDep,
    seen: ViewerDep,
    form: Annotated[ProfileForm, Form()],
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, form.profile, seen)
    try:
        saved = update_profile(store, reader, form)
    except ProfileFormError as exc:
        return profile_view(
            request, state, store, reader, seen, form=form, errors=exc.errors, status=400
        )
    return RedirectResponse(url("/profile", saved.name, saved="1"), status_code=303)


@router.post("/profiles", dependencies=[Depends(form_csrf)])
def create_profile(
    request: Request, state: WebDep, seen: ViewerDep, name: Annotated[str, Form()] = ""
) -> Response:
    store = state.stores.get()
    try:
        created = new_profile(store, name, seen.user)
    except ProfileFormError as exc:
        current = profile_named(store, "default", seen)
        return profile_view(
            request, state, store, current, seen, create_error=exc.errors.get("name"), status=400
        )
    return RedirectResponse(url("/profile", created.name), status_code=303)
