"""Today's briefing of each profile, built once and reused while nothing it depends on changes.

Building a briefing writes up dozens of stories; serving one must not. A briefing is rebuilt
only when the store has new articles, the profile changed, or the reader gave feedback, or
when the reader's day changed. The reader's briefing (over the ``since`` setting's window) is
recorded as received when the app builds it (the archive shows it; what is "new" follows
``newsbrief.briefing.received``), and after a restart a recorded briefing that is still current is
reused. A briefing over another window (``?since=7d``) is browsing, like ``newsbrief brief
--no-record``: it is shown, never recorded.

Built briefings are kept in memory up to a number of bytes (``web_briefing_cache_mb``); the
least recently used go first. Each build is counted against the client that asked for it
(``WorkLimiter``), so no visitor can make the app build without end.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsbrief.briefing import received
from newsbrief.briefing.assemble import build_briefing
from newsbrief.codec import briefing_dict
from newsbrief.config import Settings, defaults
from newsbrief.models import Profile
from newsbrief.store import Store, briefings, feedback
from newsbrief.summarize.llm import unattended_writer
from newsbrief.timeutil import now as utcnow
from newsbrief.timeutil import parse_datetime, parse_since
from newsbrief.web.security import WorkLimiter

log = logging.getLogger(__name__)


@dataclass
class Shown:
    """A briefing as the pages and the API show it: the JSON briefing, hidden stories removed."""

    data: dict[str, Any]
    created: datetime
    day: date  # the reader's date it was made on
    rendered: dict[str, str] = field(default_factory=dict)  # page parts made from it


@dataclass
class _Entry:
    stamp: tuple[Any, ...]
    shown: Shown
    size: int  # bytes the briefing's objects take

    def bytes(self) -> int:
        """The briefing and the page parts rendered from it since (they are kept with it)."""
        return self.size + sum(sys.getsizeof(text) for text in self.shown.rendered.values())


def deep_size(obj: Any) -> int:
    """Bytes an object of JSON data takes in memory, with everything it holds."""
    seen: set[int] = set()
    total = 0
    stack = [obj]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return total


def zone_of(profile: Profile) -> ZoneInfo:
    try:
        return ZoneInfo(profile.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC start and end of a calendar day in the reader's time zone."""
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def fingerprint(store: Store, profile: str) -> tuple[Any, ...]:
    """Changes whenever something a profile's briefing depends on changes: articles added or
    removed, feedback given, the profile edited (cheap: index lookups and one small row)."""
    return briefings.inputs_stamp(store, profile)


def hidden_stories(store: Store, profile: str) -> set[str]:
    return feedback.hidden_stories(store, profile)


def without_hidden(data: dict[str, Any], hidden: set[str]) -> dict[str, Any]:
    """The briefing without the stories the reader hid (their takeaway lines go with them)."""
    if not hidden:
        return data
    keep = [i for i, s in enumerate(data["stories"]) if s["id"] not in hidden]
    out = dict(data)
    out["stories"] = [data["stories"][i] for i in keep]
    if len(data.get("key_takeaways", [])) == len(data["stories"]):
        out["key_takeaways"] = [data["key_takeaways"][i] for i in keep]
    return out


class Briefings:
    """Per-profile briefings for the web app, cached in memory and in the briefings table."""

    def __init__(
        self,
        window: str,
        pipeline: threading.Lock | None = None,
        settings: Settings | None = None,
        limiter: WorkLimiter | None = None,
    ) -> None:
        self.window = window  # the default window, the ``since`` setting (e.g. "24h")
        self.settings = settings or defaults()  # the models configured for write-ups, if any
        cache_mb = self.settings.web_briefing_cache_mb
        self.max_bytes = int(cache_mb * 1024 * 1024)
        self.limiter = limiter
        # Held while the pipeline folds articles into stories (a build does, first): one at
        # a time in this app, whatever the profile or window.
        self.pipeline = pipeline or threading.Lock()
        self._cache: OrderedDict[tuple[str, str], _Entry] = OrderedDict()
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._guard = threading.Lock()

    def cached_bytes(self) -> int:
        with self._guard:
            return sum(entry.bytes() for entry in self._cache.values())

    def cached_windows(self) -> list[tuple[str, str]]:
        """(profile, window) of the briefings kept, least recently used first."""
        with self._guard:
            return list(self._cache)

    def _get(self, key: tuple[str, str]) -> _Entry | None:
        with self._guard:
            entry = self._cache.get(key)
            if entry is not None:
                self._cache.move_to_end(key)
            return entry

    def _keep(self, key: tuple[str, str], entry: _Entry) -> None:
        """Keep a briefing; drop the least recently used ones beyond the memory allowed (the
        newest is kept even when it alone is larger, or it would be built on every request)."""
        with self._guard:
            self._cache[key] = entry
            self._cache.move_to_end(key)
            total = sum(e.bytes() for e in self._cache.values())
            while total > self.max_bytes and len(self._cache) > 1:
                old_key, old = self._cache.popitem(last=False)
                total -= old.bytes()
                lock = self._locks.get(old_key)
                if lock is not None and not lock.locked():
                    del self._locks[old_key]

    def _lock(self, key: tuple[str, str]) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def forget(self, profile: str | None = None) -> None:
        with self._guard:
            for key in list(self._cache):
                if profile is None or key[0] == profile:
                    del self._cache[key]

    def current(
        self,
        store: Store,
        profile: Profile,
        window: str | None = None,
        rebuild: bool = False,
        client: str | None = None,
    ) -> Shown:
        """The reader's briefing of today over the window; ``rebuild`` forces a fresh one.

        A build is counted against ``client`` (``TooBusy`` when its share is spent).
        """
        window = (window or self.window).strip()
        parse_since(window)  # a bad window is the caller's error, before any work
        key = (profile.name, window)
        zone = zone_of(profile)
        today = utcnow().astimezone(zone).date()
        entry = self._get(key)
        current = entry is not None and entry.shown.day == today
        if current and not rebuild and entry and entry.stamp == fingerprint(store, profile.name):
            return entry.shown
        reading = window == self.window  # the reader's own briefing, not browsing
        with self._lock(key):
            stamp = fingerprint(store, profile.name)
            entry = self._get(key)
            if not rebuild and entry and entry.shown.day == today and entry.stamp == stamp:
                return entry.shown  # another request built it while this one waited
            data = None
            if reading and not rebuild:
                data = self._recorded(store, profile, window, today, stamp)
            if data is None:
                if self.limiter is not None and client is not None:
                    self.limiter.spend(client)
                data = self._build(store, profile, window, stamp, record=reading)
            created = parse_datetime(data.get("generated")) or utcnow()
            shown = Shown(without_hidden(data, hidden_stories(store, profile.name)), created, today)
            self._keep(key, _Entry(stamp, shown, deep_size(shown.data)))
            return shown

    def cached_story(self, store: Store, profile: Profile, story_id: str) -> dict[str, Any] | None:
        """The story as today's cached briefing shows it, if that briefing is still current."""
        with self._guard:
            entry = self._cache.get((profile.name, self.window))
        if entry is None or entry.shown.day != utcnow().astimezone(zone_of(profile)).date():
            return None
        if entry.stamp != fingerprint(store, profile.name):
            return None
        for story in entry.shown.data["stories"]:
            if story["id"] == story_id:
                found: dict[str, Any] = story
                return found
        return None

    def _recorded(
        self, store: Store, profile: Profile, window: str, today: date, stamp: tuple[Any, ...]
    ) -> dict[str, Any] | None:
        """Today's latest briefing the app recorded for the window, if the store is unchanged."""
        start, end = day_bounds(today, zone_of(profile))
        row = briefings.latest_web_briefing(store, profile.name, window, start, end)
        if row is None or row[0] != json.dumps(list(stamp)):
            return None
        data: dict[str, Any] = json.loads(row[1])
        return data

    def _build(
        self, store: Store, profile: Profile, window: str, stamp: tuple[Any, ...], record: bool
    ) -> dict[str, Any]:
        log.info("building the briefing of %s over %s", profile.name, window)
        since = parse_since(window)
        with self.pipeline:
            briefing = build_briefing(
                store,
                profile,
                since=since,
                record=False,
                writer=unattended_writer(store, self.settings),
            )
        data = briefing_dict(briefing)
        if not briefing.stories or not record:
            return data  # nothing to read, or browsing: not recorded, as on the command line
        # The reader reads it now. Remember what the store looked like (taken before the
        # build: if articles arrived meanwhile, the next request rebuilds) so a restarted app
        # can reuse this briefing.
        briefing_id = received.record(
            store, profile.name, since, data, briefing.basis, briefing.generated
        )
        stamped = json.dumps(list(stamp))
        briefings.remember_web_briefing(store, briefing_id, profile.name, window, stamped)
        return data

    def on_day(self, store: Store, profile: Profile, day: date) -> Shown | None:
        """The briefing of a day of the reader's calendar: the scheduled edition of that date
        when there is one (what was delivered), else the last briefing recorded that day."""
        start, end = day_bounds(day, zone_of(profile))
        row = briefings.briefing_of_day(store, profile.name, day, start, end)
        if row is None:
            return None
        received.mark_received(store, row[2])  # an edition read here is received
        data = without_hidden(json.loads(row[1]), hidden_stories(store, profile.name))
        return Shown(data, parse_datetime(row[0]) or start, day)

    def days(self, store: Store, profile: Profile, limit: int = 366) -> list[tuple[date, str]]:
        """Days with a briefing, newest first, with the title of the one ``on_day`` shows."""
        zone = zone_of(profile)
        out: dict[date, str] = {}
        editions = briefings.edition_titles(store, profile.name, limit)
        for day, title in editions:
            with contextlib.suppress(ValueError):
                out[date.fromisoformat(day)] = title or ""
        rows = briefings.briefing_titles(store, profile.name)
        for created, title in rows:
            when = parse_datetime(created)
            if when is None:
                continue
            out.setdefault(when.astimezone(zone).date(), title or "")
            if len(out) >= limit:
                break
        return sorted(out.items(), reverse=True)[:limit]
