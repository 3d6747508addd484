"""Feedback from the web: the reader's verdict on a story, and follow / mute of an entity.

Every piece of feedback is recorded with the store's ``add_feedback`` (time, profile, story).
Follow and mute also go into the profile, which the ranking reads: a muted entity's stories
leave the briefing, a followed one's rise. Hidden stories are left out of what the app shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsbrief.models import Profile
from newsbrief.store import Store

KINDS = ("useful", "not-useful", "more", "less", "hide", "follow", "mute")
NEEDS_TARGET = ("follow", "mute")
MAX_TARGET = 100

MESSAGES = {
    "useful": "Thanks: marked useful.",
    "not-useful": "Thanks: marked not useful.",
    "more": "Noted: more stories like this one.",
    "less": "Noted: fewer stories like this one.",
    "hide": "Hidden: this story will not be shown again.",
    "follow": "Following {target}: its stories will rank higher.",
    "mute": "Muted {target}: its stories leave your briefing.",
}


class FeedbackError(ValueError):
    """Feedback that cannot be recorded; the message says why."""


@dataclass
class Recorded:
    kind: str
    story_id: str
    target: str | None
    message: str


def give_feedback(
    store: Store, profile: Profile, story_id: str, kind: str, target: str | None = None
) -> Recorded:
    if kind not in KINDS:
        raise FeedbackError(f"feedback {kind!r}: use one of {', '.join(KINDS)}")
    target = " ".join((target or "").split()) or None
    if kind in NEEDS_TARGET:
        if not target:
            raise FeedbackError(f"feedback {kind!r}: name what to {kind}")
        if len(target) > MAX_TARGET:
            raise FeedbackError(f"feedback {kind!r}: at most {MAX_TARGET} characters")
    else:
        target = None
    store.add_feedback(profile.name, kind, story_id=story_id, target=target)
    if kind in NEEDS_TARGET and target:
        _add_to_profile(store, profile, kind, target)
    return Recorded(kind, story_id, target, MESSAGES[kind].format(target=target))


def _add_to_profile(store: Store, profile: Profile, kind: str, target: str) -> None:
    """Follow or mute: the entity joins one list and leaves the other."""
    fresh = store.get_profile(profile.name) or profile
    adding, removing = (
        (fresh.follow, fresh.mute) if kind == "follow" else (fresh.mute, fresh.follow)
    )
    lowered = target.lower()
    removing[:] = [x for x in removing if x.lower() != lowered]
    if lowered not in (x.lower() for x in adding):
        adding.append(target)
    store.save_profile(fresh)
