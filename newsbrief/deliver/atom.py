"""An Atom feed (RFC 4287) of a profile's daily briefings, so any feed reader can subscribe.

``atom_feed`` renders the feed from the store (the web app serves it); the ``atom`` channel writes
it to a file after each edition. Entry ids are derived from profile and date, so an entry keeps
its id however often the feed is written.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsbrief import __version__
from newsbrief.codec import briefing_from_dict
from newsbrief.deliver import Context, DeliveryError, Parcel
from newsbrief.deliver.files import write_atomic
from newsbrief.models import Briefing, Channel, Edition
from newsbrief.render.email import render_email_fragment
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore

ATOM_NS = "http://www.w3.org/2005/Atom"
DEFAULT_ENTRIES = 20
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _id(*parts: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, "newsbrief:" + "/".join(parts)).urn


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(
    store: Store,
    profile: str,
    limit: int = DEFAULT_ENTRIES,
    feed_url: str | None = None,
    site_url: str | None = None,
    entry_url: Callable[[Edition], str | None] | None = None,
    unstored: tuple[Edition, Briefing] | None = None,
) -> str:
    """The Atom feed of a profile's latest scheduled briefings, newest first.

    ``feed_url`` is where the feed itself is served (rel=self), ``site_url`` a page about it, and
    ``entry_url`` gives each briefing's own page, when there are such pages. ``unstored`` is a
    briefing made outside the schedule (a channel's test), shown as its date's entry.
    """
    deliveries = DeliveryStore(store)
    stored = deliveries.editions(profile, limit=limit)
    entries = [
        (e, briefing_from_dict(deliveries.briefing_data(e.briefing_id)))
        for e in stored
        if unstored is None or e.date != unstored[0].date
    ]
    if unstored is not None:
        entries = [unstored, *entries][:limit]
    editions = [e for e, _ in entries]
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _add(feed, "id", _id(profile))
    _add(feed, "title", f"newsbrief: {profile}'s briefing")
    _add(feed, "subtitle", "The day's news as a short, cited briefing.")
    updated = max((e.created for e in editions), default=_EPOCH)
    _add(feed, "updated", _stamp(updated))
    author = _add(feed, "author")
    _add(author, "name", "newsbrief")
    _add(feed, "generator", "newsbrief", version=__version__)
    if feed_url:
        _add(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    if site_url:
        _add(feed, "link", rel="alternate", href=site_url, type="text/html")
    for edition, briefing in entries:
        entry = _add(feed, "entry")
        _add(entry, "id", _id(profile, edition.date))
        _add(entry, "title", f"{edition.date}: {briefing.title}")
        _add(entry, "published", _stamp(edition.due))
        _add(entry, "updated", _stamp(edition.created))
        link = entry_url(edition) if entry_url else None
        if link:
            _add(entry, "link", rel="alternate", href=link, type="text/html")
        overview = " ".join(s.text for s in briefing.overview)
        if overview:
            _add(entry, "summary", overview)
        for topic in briefing.topics:
            _add(entry, "category", term=topic)
        _add(entry, "content", render_email_fragment(briefing), type="html")
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def check(cfg: dict[str, Any]) -> dict[str, Any]:
    path = str(cfg.get("path") or "").strip()
    if not path:
        raise ValueError("an atom channel needs --path FILE (e.g. briefings.xml)")
    file = Path(path).expanduser()
    if file.is_dir():
        raise ValueError(f"--path {path}: is a folder; give the feed's file name")
    out: dict[str, Any] = {"path": str(file.resolve())}
    entries = int(cfg.get("entries") or DEFAULT_ENTRIES)
    if entries < 1:
        raise ValueError("--entries must be at least 1")
    out["entries"] = entries
    link = str(cfg.get("link") or "").strip()
    if link:
        if not link.lower().startswith(("https://", "http://")):
            raise ValueError(f"--link {link!r}: expected an http(s) address")
        out["link"] = link
    return out


def describe(cfg: dict[str, Any]) -> str:
    return f"{cfg.get('path')} (latest {cfg.get('entries', DEFAULT_ENTRIES)})"


def send(channel: Channel, parcel: Parcel, ctx: Context) -> None:
    link = str(channel.config.get("link") or "")

    def entry_url(edition: Edition) -> str | None:
        return link.replace("{date}", edition.date).replace("{profile}", edition.profile) or None

    path = Path(str(channel.config["path"]))
    text = atom_feed(
        ctx.store,
        channel.profile,
        limit=int(channel.config.get("entries") or DEFAULT_ENTRIES),
        entry_url=entry_url if link else None,
        # A test (an edition never stored) shows the briefing it sends.
        unstored=(parcel.edition, parcel.briefing) if parcel.edition.id == 0 else None,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError as exc:
        raise DeliveryError(f"atom feed {path}: cannot write ({exc.strerror or exc})") from None
