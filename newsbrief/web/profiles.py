"""The profile settings form: reading it, checking it, saving it to the store."""

from __future__ import annotations

import re
from dataclasses import replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel

from newsbrief.accounts import User
from newsbrief.models import Profile
from newsbrief.ownership import create_owned
from newsbrief.profiles import LANGUAGE_HINT, NAME_RULE, language_code
from newsbrief.render.common import SECTION_TITLES
from newsbrief.store import Store

PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
TIME_OF_DAY = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_STORIES = 50
MAX_TEXT = 2000
MAX_ITEMS = 200
# The languages newsbrief reads in their own right (README, "How stories form"), by their own
# names, as a reader looks for their language in a list.
LANGUAGES = {
    "en": "English", "de": "Deutsch", "fr": "Français", "es": "Español", "it": "Italiano",
    "pt": "Português", "nl": "Nederlands", "pl": "Polski", "tr": "Türkçe", "ru": "Русский",
    "ar": "العربية", "zh": "中文", "ja": "日本語",
}  # fmt: skip


class ProfileFormError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class ProfileForm(BaseModel):
    """The settings form as posted (every field text, checked by ``update_profile``)."""

    profile: str = "default"
    role: str = ""
    industry: str = ""
    interests: str = ""
    follow: str = ""  # one per line
    mute: str = ""  # one per line
    story_count: str = "10"
    sections: list[str] = []
    timezone: str = "UTC"
    delivery_time: str = "07:00"
    language: str = ""  # headlines in this language when a report has one; "": as written

    @classmethod
    def of(cls, profile: Profile) -> ProfileForm:
        return cls(
            profile=profile.name,
            role=profile.role,
            industry=profile.industry,
            interests=profile.interests,
            follow="\n".join(profile.follow),
            mute="\n".join(profile.mute),
            story_count=str(profile.story_count),
            sections=list(profile.sections),
            timezone=profile.timezone,
            delivery_time=profile.delivery_time,
            language=profile.language,
        )


def lines(text: str) -> list[str]:
    """One item per line (commas also separate), blanks and repeats dropped."""
    items = [" ".join(part.split()) for line in text.splitlines() for part in line.split(",")]
    return list(dict.fromkeys(i for i in items if i))


def check(form: ProfileForm, profile: Profile) -> Profile:
    errors: dict[str, str] = {}
    for name in ("role", "industry", "interests"):
        if len(getattr(form, name)) > MAX_TEXT:
            errors[name] = f"at most {MAX_TEXT} characters"
    follow, mute = lines(form.follow), lines(form.mute)
    for name, items in (("follow", follow), ("mute", mute)):
        if len(items) > MAX_ITEMS:
            errors[name] = f"at most {MAX_ITEMS} entries"
        elif any(len(i) > 100 for i in items):
            errors[name] = "each entry at most 100 characters"
    both = {i.lower() for i in follow} & {i.lower() for i in mute}
    if both:
        errors["mute"] = f"cannot both follow and mute: {', '.join(sorted(both))}"
    try:
        count = int(form.story_count)
        if not 1 <= count <= MAX_STORIES:
            raise ValueError
    except ValueError:
        errors["story_count"] = f"a whole number from 1 to {MAX_STORIES}"
        count = profile.story_count
    sections = [s for s in SECTION_TITLES if s in form.sections]
    if set(form.sections) - set(SECTION_TITLES):
        errors["sections"] = "unknown section"
    elif not sections:
        errors["sections"] = "choose at least one section"
    try:
        ZoneInfo(form.timezone.strip())
    except (ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = "an IANA time zone such as Europe/Paris or UTC"
    if not TIME_OF_DAY.match(form.delivery_time.strip()):
        errors["delivery_time"] = "a time of day as HH:MM, e.g. 07:00"
    language = language_code(form.language)
    if language is None:
        errors["language"] = LANGUAGE_HINT
    if errors:
        raise ProfileFormError(errors)
    return replace(
        profile,
        role=form.role.strip(),
        industry=form.industry.strip(),
        interests=form.interests.strip(),
        follow=follow,
        mute=mute,
        story_count=count,
        sections=sections,
        timezone=form.timezone.strip(),
        delivery_time=form.delivery_time.strip(),
        language=language or "",
    )


def update_profile(store: Store, profile: Profile, form: ProfileForm) -> Profile:
    updated = check(form, profile)
    store.save_profile(updated)
    return updated


def new_profile(store: Store, name: str, user: User | None = None) -> Profile:
    """A new profile, the account's own (no account: accounts are not required)."""
    name = name.strip()
    if not PROFILE_NAME.match(name):
        raise ProfileFormError({"name": NAME_RULE})
    profile = Profile(name=name)
    # The default profile is everyone's when no accounts are needed; only an admin makes it.
    shared = name == "default" and user is not None and not user.admin
    if shared or not create_owned(store, profile, user):
        raise ProfileFormError({"name": f"a profile named {name!r} already exists"})
    return profile
