"""The Atom feed of a profile's scheduled briefings, for feed readers.

Feed readers cannot log in, so when the app requires accounts each profile's feed has a
private address: a key derived from a secret in the store. The profile page shows it.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from newsbrief.deliver.atom import atom_feed
from newsbrief.models import Edition
from newsbrief.profiles import get_or_default
from newsbrief.web.context import WebDep
from newsbrief.web.templating import url

router = APIRouter()


def feed_key(secret: bytes, profile: str) -> str:
    return hmac.new(secret, b"feed:" + profile.encode(), hashlib.sha256).hexdigest()[:32]


def feed_path(secret: bytes, profile: str, accounts: bool) -> str:
    """The feed's address inside the app (with its key when accounts are on)."""
    path = f"/feeds/{profile}.atom"
    return path + (f"?key={feed_key(secret, profile)}" if accounts else "")


@router.get("/feeds/{profile}.atom", tags=["briefings"])
def profile_feed(
    request: Request,
    profile: str,
    state: WebDep,
    key: Annotated[str, Query(description="the feed's key, needed when accounts are on")] = "",
) -> Response:
    """The Atom feed of the profile's scheduled briefings (one entry per date)."""
    if state.accounts and not hmac.compare_digest(feed_key(state.feed_key, profile), key):
        raise HTTPException(404, "no such feed (the address needs its key)")
    store = state.stores.get()
    # The key is the feed reader's credential (it cannot log in): it is shown only to the
    # profile's owner and admins, on the profile page.
    reader = get_or_default(store, profile)
    if reader is None:
        raise HTTPException(404, f"There is no profile named {profile!r}.")
    base = str(request.base_url).rstrip("/")

    def entry_url(edition: Edition) -> str:
        return base + url(f"/briefings/{edition.date}", reader.name)

    text = atom_feed(
        store,
        reader.name,
        feed_url=base + feed_path(state.feed_key, reader.name, state.accounts),
        site_url=base + url("/", reader.name),
        entry_url=entry_url,
    )
    return Response(text, media_type="application/atom+xml; charset=utf-8")
