"""Delivery channels from the profile page: add one, send the briefing through it now, remove it.

Plain form posts, CSRF-checked, answered with a redirect to the profile page (or the page again
with the problem shown next to the field). Every route reads its profile with ``profile_named``,
so whoever may not see a profile cannot touch its channels either.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from newsbrief.deliver import DeliveryError
from newsbrief.deliver.channels import add_channel, free_name
from newsbrief.store.deliveries import DeliveryStore, DuplicateChannel
from newsbrief.web.channel_forms import ChannelForm, ChannelFormError, channel_settings, form_error
from newsbrief.web.context import ViewerDep, WebDep, form_csrf, profile_named, viewer
from newsbrief.web.pages import profile_view
from newsbrief.web.templating import url

router = APIRouter(include_in_schema=False, dependencies=[Depends(viewer)])


def _back(profile: str, done: str, name: str) -> Response:
    return RedirectResponse(url("/profile", profile, channel=done, name=name) + "#channels", 303)


@router.post("/profile/channels", dependencies=[Depends(form_csrf)])
def add_channel_form(
    request: Request, state: WebDep, seen: ViewerDep, form: Annotated[ChannelForm, Form()]
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, form.profile, seen)
    name = form.name.strip() or free_name(store, reader.name, form.kind)
    site = str(request.base_url).rstrip("/")
    try:
        given = channel_settings(form, state.home, site, name)
        add_channel(store, reader.name, form.kind, given, name, datetime.now(UTC))
    except ChannelFormError as exc:
        errors = exc.errors
    except DuplicateChannel:
        errors = {"name": f"this profile already has a channel named {name!r}"}
    except ValueError as exc:
        errors = form_error(str(exc))
    else:
        return _back(reader.name, "added", name)
    return profile_view(
        request, state, store, reader, seen, channel=form.model_dump(), channel_errors=errors,
        status=400,
    )  # fmt: skip


@router.post("/profile/channels/remove", dependencies=[Depends(form_csrf)])
def remove_channel_form(
    state: WebDep,
    seen: ViewerDep,
    profile: Annotated[str, Form()] = "default",
    name: Annotated[str, Form()] = "",
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    DeliveryStore(store).remove_channel(reader.name, name)  # already gone: the same result
    return _back(reader.name, "removed", name)


@router.post("/profile/channels/send", dependencies=[Depends(form_csrf)])
def send_now_form(
    request: Request,
    state: WebDep,
    seen: ViewerDep,
    profile: Annotated[str, Form()] = "default",
    name: Annotated[str, Form()] = "",
) -> Response:
    """The profile's current briefing through one channel now, outside the schedule (as
    ``newsbrief channels test``): nothing is recorded, the scheduled delivery still happens."""
    from newsbrief.schedule import send_test

    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    try:
        send_test(store, state.home, state.settings, reader.name, name, datetime.now(UTC))
    except LookupError as exc:
        problem, status = str(exc), 404
    except DeliveryError as exc:
        problem, status = str(exc), 502
    else:
        return _back(reader.name, "sent", name)
    return profile_view(
        request, state, store, reader, seen, send_error=f"{name}: {problem}", status=status
    )
