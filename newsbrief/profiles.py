"""Reader profiles: checking and saving them. A default profile always exists."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsbrief.models import Profile
from newsbrief.render.common import SECTION_TITLES
from newsbrief.store import Store

PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# Names go into addresses and file names as they are: plain ASCII only, said so.
NAME_RULE = "1-64 of a-z, A-Z, 0-9, '.', '_' or '-', starting with a letter or digit"
TIME_OF_DAY = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_STORIES = 50
MAX_TEXT = 2000
MAX_ITEMS = 200


class ProfileError(ValueError):
    """A profile that cannot be saved; the message names each bad field."""


def problems(profile: Profile) -> list[str]:
    """What is wrong with a profile, one line per field."""
    out = []
    if not PROFILE_NAME.match(profile.name):
        out.append(f"name: {NAME_RULE}")
    for name in ("role", "industry", "interests"):
        if len(getattr(profile, name)) > MAX_TEXT:
            out.append(f"{name}: at most {MAX_TEXT} characters")
    for name in ("follow", "mute"):
        items = getattr(profile, name)
        if len(items) > MAX_ITEMS or any(len(i) > 100 or not i.strip() for i in items):
            out.append(f"{name}: at most {MAX_ITEMS} non-empty entries of 100 characters")
    both = {i.lower() for i in profile.follow} & {i.lower() for i in profile.mute}
    if both:
        out.append(f"mute: cannot both follow and mute {', '.join(sorted(both))}")
    if not 1 <= profile.story_count <= MAX_STORIES:
        out.append(f"story count: a whole number from 1 to {MAX_STORIES}")
    unknown = set(profile.sections) - set(SECTION_TITLES)
    if unknown or not profile.sections:
        out.append(f"sections: one or more of {', '.join(SECTION_TITLES)}")
    try:
        ZoneInfo(profile.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        out.append("timezone: an IANA time zone such as Europe/Paris or UTC")
    if not TIME_OF_DAY.match(profile.delivery_time):
        out.append("delivery time: HH:MM, e.g. 07:00")
    if profile.language and language_code(profile.language) != profile.language:
        out.append(f"language: {LANGUAGE_HINT}")
    return out


LANGUAGE_HINT = "a language code such as de or fr, or empty"
_LANGUAGE_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


def language_code(text: str) -> str | None:
    """The reader's language as the stored code articles are compared with: "de" of "de",
    "DE", "de-DE" or "pt_BR"'s "pt"; None for what names no language CLDR knows ("zz",
    "German"), which would never match a report and so silently change nothing."""
    tag = text.strip()
    if not tag:
        return ""
    found = _LANGUAGE_TAG.fullmatch(tag)
    if found is None:
        return None
    code = found.group(1).lower()
    from babel import localedata

    return code if localedata.exists(code) else None


def save_checked(store: Store, profile: Profile) -> Profile:
    errors = problems(profile)
    if errors:
        raise ProfileError("; ".join(errors))
    store.save_profile(profile)
    return profile


def get_or_default(store: Store, name: str) -> Profile | None:
    """A stored profile; the default profile exists even when never saved."""
    profile = store.get_profile(name)
    if profile is None and name == "default":
        return Profile(name="default")
    return profile
