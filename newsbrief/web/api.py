"""The JSON API: the same data as the pages, described by the OpenAPI document."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import RedirectResponse, Response

from newsbrief.briefing.story_detail import get_story
from newsbrief.web import schemas
from newsbrief.web.context import (
    ProfileName,
    ViewerDep,
    WebDep,
    header_csrf,
    profile_named,
    profile_names,
    viewer,
)
from newsbrief.web.feedback import FeedbackError, give_feedback
from newsbrief.web.profiles import ProfileForm, ProfileFormError, update_profile
from newsbrief.web.templating import url

router = APIRouter(prefix="/api", dependencies=[Depends(viewer)])


@router.get("/briefing", response_model=schemas.Briefing, tags=["briefings"])
def get_briefing(
    state: WebDep,
    seen: ViewerDep,
    profile: ProfileName = "default",
    since: Annotated[
        str | None, Query(description="window, e.g. 24h or 7d (default: the since setting)")
    ] = None,
    day: Annotated[
        date | None, Query(alias="date", description="a past day's recorded briefing")
    ] = None,
) -> Any:
    """The profile's briefing of today (or of a past day), stories the reader hid left out."""
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    if day is not None:
        shown = state.briefings.on_day(store, reader, day)
        if shown is None:
            raise HTTPException(404, f"no briefing was made for {reader.name} on {day}")
        return shown.data
    try:
        shown = state.briefings.current(store, reader, since, client=seen.key)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    # Serialized once per briefing; the schema above documents it, the tests check it.
    text = shown.rendered.get("json")
    if text is None:
        text = shown.rendered["json"] = json.dumps(shown.data, ensure_ascii=False)
    return Response(text, media_type="application/json")


@router.get("/briefings", response_model=list[schemas.ArchiveDay], tags=["briefings"])
def list_briefings(state: WebDep, seen: ViewerDep, profile: ProfileName = "default") -> Any:
    """Days with a recorded briefing for the profile, newest first."""
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    return [
        {"date": d.isoformat(), "title": title,
         "url": url("/api/briefing", reader.name, date=d.isoformat())}
        for d, title in state.briefings.days(store, reader)
    ]  # fmt: skip


@router.get("/stories/{story_id}", response_model=schemas.StoryPage, tags=["stories"])
def get_story_page(
    story_id: str, state: WebDep, seen: ViewerDep, profile: ProfileName = "default"
) -> Any:
    """A story written up for the profile, its reports day by day, and related stories."""
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    story = get_story(store, story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    if story.id != story_id:
        return RedirectResponse(url(f"/api/stories/{story.id}", reader.name), status_code=301)
    in_briefing = state.briefings.cached_story(store, reader, story.id)
    page = state.stories.page(store, story, reader, in_briefing, client=seen.key)
    if page is None:
        raise HTTPException(404, f"story {story_id!r} has no articles left")
    return {"story": page.story, "days": page.days, "related": page.related}


@router.post(
    "/feedback",
    response_model=schemas.FeedbackOut,
    dependencies=[Depends(header_csrf)],
    tags=["feedback"],
)
def post_feedback(body: schemas.FeedbackIn, state: WebDep, seen: ViewerDep) -> Any:
    """Record feedback on a story; follow and mute also change the profile."""
    store = state.stores.get()
    reader = profile_named(store, body.profile, seen)
    if get_story(store, body.story_id) is None:
        raise HTTPException(404, f"no story {body.story_id!r}")
    try:
        done = give_feedback(store, reader, body.story_id, body.kind, body.target)
    except FeedbackError as exc:
        raise HTTPException(400, str(exc)) from exc
    return asdict(done)


@router.get("/profiles", response_model=list[schemas.ProfileData], tags=["profiles"])
def list_profiles(state: WebDep, seen: ViewerDep) -> Any:
    """The profiles this account may see (an admin's: all of them)."""
    store = state.stores.get()
    if seen.user is not None and not seen.user.admin:
        profile_named(store, "default", seen)  # an account's first visit makes its profile
    return [asdict(profile_named(store, name, seen)) for name in profile_names(store, seen)]


@router.get("/profile", response_model=schemas.ProfileData, tags=["profiles"])
def get_profile(state: WebDep, seen: ViewerDep, profile: ProfileName = "default") -> Any:
    return asdict(profile_named(state.stores.get(), profile, seen))


@router.patch(
    "/profile",
    response_model=schemas.ProfileData,
    dependencies=[Depends(header_csrf)],
    tags=["profiles"],
)
def patch_profile(
    body: schemas.ProfileUpdate, state: WebDep, seen: ViewerDep, profile: ProfileName = "default"
) -> Any:
    """Change some settings of the profile; the others keep their value."""
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    changes: dict[str, Any] = body.model_dump(exclude_none=True)
    for key in ("follow", "mute"):
        if key in changes:
            changes[key] = "\n".join(changes[key])
    if "story_count" in changes:
        changes["story_count"] = str(changes["story_count"])
    try:
        saved = update_profile(store, reader, ProfileForm.of(reader).model_copy(update=changes))
    except ProfileFormError as exc:
        raise HTTPException(400, str(exc)) from exc
    return asdict(saved)
