"""The HTML pages: the briefing, the archive, stories, feedback and profile settings.

Every page works without JavaScript: links and plain form posts that answer with a redirect
(post/redirect/get). The small script in static/ only makes feedback quicker.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from newsbrief.models import Profile
from newsbrief.story_detail import get_story
from newsbrief.timeutil import now as utcnow
from newsbrief.web.briefings import Shown, zone_of
from newsbrief.web.context import (
    ProfileDep,
    StoreDep,
    ViewerDep,
    WebDep,
    form_csrf,
    viewer,
)
from newsbrief.web.feedback import FeedbackError, give_feedback
from newsbrief.web.profiles import ProfileForm, ProfileFormError, new_profile, update_profile
from newsbrief.web.templating import render, url

router = APIRouter(include_in_schema=False, dependencies=[Depends(viewer)])


def profile_names(store: Any) -> list[str]:
    names = [p.name for p in store.list_profiles()]
    return names if "default" in names else ["default", *names]


def _page(request: Request, name: str, profile: Profile, viewer: Any, **ctx: Any) -> Response:
    store = request.app.state.web.stores.get()
    return render(
        request,
        name,
        profile=profile,
        profiles=profile_names(store),
        zone=zone_of(profile),
        viewer=viewer,
        **ctx,
    )


def current_briefing(request: Request, profile: Profile, since: str | None) -> Shown:
    state = request.app.state.web
    try:
        return state.briefings.current(state.stores.get(), profile, since)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc


@router.get("/")
def briefing_page(
    request: Request, profile: ProfileDep, seen: ViewerDep, since: str | None = None
) -> Response:
    shown = current_briefing(request, profile, since)
    return _page(
        request, "briefing.html", profile, seen, shown=shown, b=shown.data, archive=False,
        since=since, notice=request.query_params.get("notice"),
    )  # fmt: skip


@router.post("/briefings/refresh", dependencies=[Depends(form_csrf)])
def refresh(
    request: Request, state: WebDep, profile: Annotated[str, Form()] = "default"
) -> Response:
    found = _profile_named(request, profile)
    try:
        state.briefings.current(state.stores.get(), found, rebuild=True)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    return RedirectResponse(url("/", found.name), status_code=303)


@router.get("/briefings")
def archive(request: Request, profile: ProfileDep, seen: ViewerDep, state: WebDep) -> Response:
    days = state.briefings.days(state.stores.get(), profile)
    return _page(request, "archive.html", profile, seen, days=days)


@router.get("/briefings/{day}")
def briefing_of_day(
    request: Request, day: date, profile: ProfileDep, seen: ViewerDep, state: WebDep
) -> Response:
    shown = state.briefings.on_day(state.stores.get(), profile, day)
    if shown is None:
        today = utcnow().astimezone(zone_of(profile)).date()
        if day == today:
            return RedirectResponse(url("/", profile.name), status_code=303)
        raise HTTPException(404, f"No briefing was made for {profile.name} on {day}.")
    return _page(request, "briefing.html", profile, seen, shown=shown, b=shown.data, archive=True)


@router.get("/stories/{story_id}")
def story_page(
    request: Request, story_id: str, profile: ProfileDep, seen: ViewerDep, state: WebDep
) -> Response:
    store = state.stores.get()
    story = get_story(store, story_id)
    if story is None:
        raise HTTPException(404, f"There is no story {story_id!r}.")
    if story.id != story_id:  # merged into another story since the link was made
        return RedirectResponse(url(f"/stories/{story.id}", profile.name), status_code=301)
    in_briefing = state.briefings.cached_story(store, profile, story.id)
    page = state.stories.page(store, story, profile, in_briefing)
    if page is None:
        raise HTTPException(404, f"Story {story_id!r} has no articles left.")
    return _page(request, "story.html", profile, seen, page=page, s=page.story)


@router.get("/articles/{article_id}")
def article_page(
    request: Request, article_id: str, profile: ProfileDep, seen: ViewerDep, store: StoreDep
) -> Response:
    found = store.get_articles([article_id])
    if not found:
        raise HTTPException(404, f"There is no article {article_id!r}.")
    article = found[0]
    story = store.story_of([article.id]).get(article.id)
    paragraphs = [p.strip() for p in article.text.split("\n") if p.strip()]
    return _page(
        request, "article.html", profile, seen, a=article, story_id=story, paragraphs=paragraphs
    )


def _profile_named(request: Request, name: str) -> Profile:
    store = request.app.state.web.stores.get()
    found = store.get_profile(name)
    if found is None:
        if name != "default":
            raise HTTPException(404, f"There is no profile named {name!r}.")
        found = Profile(name="default")
    return found


def _safe_back(target: str, fallback: str) -> str:
    ok = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if ok else fallback


@router.post("/stories/{story_id}/feedback", dependencies=[Depends(form_csrf)])
def story_feedback(
    request: Request,
    story_id: str,
    store: StoreDep,
    kind: Annotated[str, Form()],
    profile: Annotated[str, Form()] = "default",
    target: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    found = _profile_named(request, profile)
    if get_story(store, story_id) is None:
        raise HTTPException(404, f"There is no story {story_id!r}.")
    try:
        done = give_feedback(store, found, story_id, kind, target)
    except FeedbackError as exc:
        raise HTTPException(400, str(exc)) from exc
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse(
            {"kind": done.kind, "story_id": story_id, "target": done.target,
             "message": done.message},
        )  # fmt: skip
    back = _safe_back(next, url(f"/stories/{story_id}", found.name))
    sep = "&" if "?" in back else "?"
    return RedirectResponse(f"{back}{sep}notice={done.kind}", status_code=303)


@router.get("/profile")
def profile_page(request: Request, profile: ProfileDep, seen: ViewerDep) -> Response:
    return _page(
        request, "profile.html", profile, seen, form=ProfileForm.of(profile), errors={},
        saved=request.query_params.get("saved") == "1",
    )  # fmt: skip


@router.post("/profile", dependencies=[Depends(form_csrf)])
def save_profile(
    request: Request,
    seen: ViewerDep,
    store: StoreDep,
    form: Annotated[ProfileForm, Form()],
) -> Response:
    found = _profile_named(request, form.profile)
    try:
        saved = update_profile(store, found, form)
    except ProfileFormError as exc:
        return _page(
            request, "profile.html", found, seen, form=form, errors=exc.errors, saved=False,
            status=400,
        )  # fmt: skip
    return RedirectResponse(url("/profile", saved.name, saved="1"), status_code=303)


@router.post("/profiles", dependencies=[Depends(form_csrf)])
def create_profile(
    request: Request, seen: ViewerDep, store: StoreDep, name: Annotated[str, Form()] = ""
) -> Response:
    try:
        created = new_profile(store, name)
    except ProfileFormError as exc:
        current = Profile(name="default")
        return _page(
            request, "profile.html", current, seen, form=ProfileForm.of(current), errors={},
            saved=False, create_error=exc.errors.get("name"), status=400,
        )  # fmt: skip
    return RedirectResponse(url("/profile", created.name), status_code=303)
