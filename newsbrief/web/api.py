"""The JSON API: the same data as the pages, described by the OpenAPI document."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import RedirectResponse, Response

from newsbrief.models import Profile
from newsbrief.story_detail import get_story
from newsbrief.web import schemas
from newsbrief.web.context import ProfileDep, StoreDep, WebDep, header_csrf, viewer
from newsbrief.web.feedback import FeedbackError, give_feedback
from newsbrief.web.profiles import ProfileForm, ProfileFormError, update_profile
from newsbrief.web.templating import url

router = APIRouter(prefix="/api", dependencies=[Depends(viewer)])


@router.get("/briefing", response_model=schemas.Briefing, tags=["briefings"])
def get_briefing(
    state: WebDep,
    profile: ProfileDep,
    since: Annotated[
        str | None, Query(description="window, e.g. 24h or 7d (default: the since setting)")
    ] = None,
    day: Annotated[
        date | None, Query(alias="date", description="a past day's recorded briefing")
    ] = None,
) -> Any:
    """The profile's briefing of today (or of a past day), stories the reader hid left out."""
    store = state.stores.get()
    if day is not None:
        shown = state.briefings.on_day(store, profile, day)
        if shown is None:
            raise HTTPException(404, f"no briefing was made for {profile.name} on {day}")
        return shown.data
    try:
        return state.briefings.current(store, profile, since).data
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc


@router.get("/briefings", response_model=list[schemas.ArchiveDay], tags=["briefings"])
def list_briefings(state: WebDep, profile: ProfileDep) -> Any:
    """Days with a recorded briefing for the profile, newest first."""
    days = state.briefings.days(state.stores.get(), profile)
    return [
        {"date": d.isoformat(), "title": title,
         "url": url("/api/briefing", profile.name, date=d.isoformat())}
        for d, title in days
    ]  # fmt: skip


@router.get("/stories/{story_id}", response_model=schemas.StoryPage, tags=["stories"])
def get_story_page(story_id: str, state: WebDep, profile: ProfileDep) -> Any:
    """A story written up for the profile, its reports day by day, and related stories."""
    store = state.stores.get()
    story = get_story(store, story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    if story.id != story_id:
        return RedirectResponse(url(f"/api/stories/{story.id}", profile.name), status_code=301)
    in_briefing = state.briefings.cached_story(store, profile, story.id)
    page = state.stories.page(store, story, profile, in_briefing)
    if page is None:
        raise HTTPException(404, f"story {story_id!r} has no articles left")
    return {"story": page.story, "days": page.days, "related": page.related}


@router.post(
    "/feedback",
    response_model=schemas.FeedbackOut,
    dependencies=[Depends(header_csrf)],
    tags=["feedback"],
)
def post_feedback(body: schemas.FeedbackIn, store: StoreDep) -> Any:
    """Record feedback on a story; follow and mute also change the profile."""
    profile = _profile(store, body.profile)
    if get_story(store, body.story_id) is None:
        raise HTTPException(404, f"no story {body.story_id!r}")
    try:
        done = give_feedback(store, profile, body.story_id, body.kind, body.target)
    except FeedbackError as exc:
        raise HTTPException(400, str(exc)) from exc
    return asdict(done)


@router.get("/profiles", response_model=list[schemas.ProfileData], tags=["profiles"])
def list_profiles(store: StoreDep) -> Any:
    profiles = store.list_profiles()
    if not any(p.name == "default" for p in profiles):
        profiles.insert(0, Profile(name="default"))
    return [asdict(p) for p in profiles]


@router.get("/profile", response_model=schemas.ProfileData, tags=["profiles"])
def get_profile(profile: ProfileDep) -> Any:
    return asdict(profile)


@router.patch(
    "/profile",
    response_model=schemas.ProfileData,
    dependencies=[Depends(header_csrf)],
    tags=["profiles"],
)
def patch_profile(
    body: schemas.ProfileUpdate, store: StoreDep, profile: ProfileDep
) -> Any | Response:
    """Change some settings of the profile; the others keep their value."""
    form = ProfileForm.of(profile)
    changes: dict[str, Any] = body.model_dump(exclude_none=True)
    for key in ("follow", "mute"):
        if key in changes:
            changes[key] = "\n".join(changes[key])
    if "story_count" in changes:
        changes["story_count"] = str(changes["story_count"])
    try:
        saved = update_profile(store, profile, form.model_copy(update=changes))
    except ProfileFormError as exc:
        raise HTTPException(400, str(exc)) from exc
    return asdict(saved)


def _profile(store: Any, name: str) -> Profile:
    found = store.get_profile(name)
    if found is None:
        if name != "default":
            raise HTTPException(404, f"no profile named {name!r}")
        found = Profile(name="default")
    return found
