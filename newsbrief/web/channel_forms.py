"""The delivery channels of the profile page: the add form, checked, and the listing.

The web app offers the channels that send somewhere (email, a webhook) and the Atom feed of
scheduled briefings. A folder channel writes wherever it is told on the server's disk, so it is
set up from the command line only; the feed file of a channel added here lives in the data
folder (``feeds/``) and its entries link to the app's briefing pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from newsbrief import deliver
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore

WEB_KINDS = {"email": "Email", "webhook": "Webhook", "atom": "Atom feed"}
KIND_LABELS = {**WEB_KINDS, "folder": "Folder"}
STYLES = {"json": "JSON", "slack": "Slack", "discord": "Discord"}
# The CLI's option names in the checks' messages, as the form labels them.
FIELD_OF_OPTION = {
    "--to": ("to", "Recipients"),
    "--subject-prefix": ("subject_prefix", "Subject prefix"),
    "--unsubscribe": ("unsubscribe", "Unsubscribe link"),
    "--url": ("url", "URL"),
    "--style": ("style", "Style"),
    "--entries": ("entries", "Entries"),
}
CHANNEL_NOTICES = {
    "added": "Channel {name} added: it receives the scheduled briefing from now on.",
    "removed": "Channel {name} removed (its past deliveries stay listed).",
    "sent": "Sent the current briefing via {name}: check that it arrived.",
}
MAX_FIELD = 2000


class ChannelForm(BaseModel):
    """The add-a-channel form as posted (every field text)."""

    profile: str = "default"
    kind: str = "email"
    name: str = ""
    to: str = ""  # one address per line (commas also separate)
    subject_prefix: str = ""
    unsubscribe: str = ""
    url: str = ""
    style: str = "json"
    entries: str = ""


class ChannelFormError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "feed"


def channel_settings(form: ChannelForm, home: Path, site: str, name: str) -> dict[str, Any]:
    """What ``deliver.check`` takes for the chosen kind; ChannelFormError names the field."""
    if form.kind not in WEB_KINDS:
        raise ChannelFormError({"kind": "choose email, webhook or Atom feed"})
    too_long = [k for k, v in form.model_dump().items() if len(str(v)) > MAX_FIELD]
    if too_long:
        raise ChannelFormError({too_long[0]: f"at most {MAX_FIELD} characters"})
    if form.kind == "email":
        to = [a.strip() for line in form.to.splitlines() for a in line.split(",") if a.strip()]
        if not to:
            raise ChannelFormError({"to": "give at least one address"})
        return {
            "to": to,
            "subject_prefix": form.subject_prefix.strip() or None,
            "unsubscribe": form.unsubscribe.strip() or None,
        }
    if form.kind == "webhook":
        if not form.url.strip():
            raise ChannelFormError({"url": "give the address the briefing is posted to"})
        return {"url": form.url.strip(), "style": form.style}
    entries = form.entries.strip()
    if entries and not (entries.isdigit() and 1 <= int(entries) <= 500):
        raise ChannelFormError({"entries": "a whole number from 1 to 500"})
    return {
        "path": str(home / "feeds" / f"{_slug(form.profile)}-{_slug(name)}.xml"),
        "entries": int(entries) if entries else None,
        "link": f"{site}/briefings/{{date}}?profile={{profile}}",
    }


def form_error(message: str) -> dict[str, str]:
    """A check's message (written for the CLI) on the field it is about, in the form's words."""
    for option, (field, label) in FIELD_OF_OPTION.items():
        if option in message:
            return {field: message.replace(option, label)}
    if "address" in message:
        return {"to": message}
    return {"name": message}


def channel_rows(store: Store, profile: str) -> list[dict[str, str]]:
    """The profile's channels for the page: name, kind and what it does (secrets masked)."""
    return [
        {
            "name": c.name,
            "kind": KIND_LABELS.get(c.kind, c.kind),
            "what": deliver.describe(c),
            "web": "yes" if c.kind in WEB_KINDS else "",
        }
        for c in DeliveryStore(store).channels(profile)
    ]
