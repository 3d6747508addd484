"""Every morning: fetch sources when due, make each profile's briefing at its local delivery time
and deliver it through each of the profile's channels exactly once.

One pass (``Scheduler.tick``) does whatever is due; ``run`` repeats it, sleeping until the next
thing is due. All state is in the store and changes in small transactions, so a pass can be
killed at any point and the next one resumes: an edition is made once per (profile, local date),
a delivery exists once per (profile, date, channel), and a delivery found interrupted is sent
again with the same Message-ID / Idempotency-Key. Only one scheduler works on a data folder at a
time (a lock file), so an interrupted delivery is never confused with one in progress.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsbrief import config
from newsbrief.config import Settings
from newsbrief.deliver import Context, DeliveryError, Parcel, Sender, sender_of
from newsbrief.deliver.redact import redact
from newsbrief.models import Channel, Delivery, Edition, Profile
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore
from newsbrief.timeutil import parse_since

log = logging.getLogger(__name__)

LOCK_FILE = "schedule.lock"
MAX_BACKOFF = timedelta(hours=6)


# time ---------------------------------------------------------------------------------------


class Clock(Protocol):
    """Where the scheduler gets the time and waits; tests pass one they control."""

    def now(self) -> datetime: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real time; ``sleep`` ends early when ``wake`` is called (e.g. on SIGTERM)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def now(self) -> datetime:
        return datetime.now(UTC)

    def sleep(self, seconds: float) -> None:
        self._event.wait(max(0.0, seconds))

    def wake(self) -> None:
        self._event.set()


def zone_of(profile: Profile) -> ZoneInfo:
    try:
        return ZoneInfo(profile.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"profile {profile.name!r}: unknown time zone {profile.timezone!r} "
            "(expected an IANA name such as Europe/Berlin)"
        ) from None


def delivery_time_of(profile: Profile) -> time:
    text = profile.delivery_time.strip()
    try:
        hour, minute = (int(part) for part in text.split(":"))
        return time(hour, minute)
    except ValueError:
        raise ValueError(
            f"profile {profile.name!r}: delivery time {profile.delivery_time!r} is not HH:MM"
        ) from None


def due_at(profile: Profile, day: date) -> datetime:
    """The UTC instant of the profile's delivery time on a local date.

    A time that does not exist that day (skipped by a DST change) falls after the gap, e.g.
    02:30 becomes 03:30; a time that happens twice is the first one.
    """
    local = datetime.combine(day, delivery_time_of(profile), tzinfo=zone_of(profile))
    return local.astimezone(UTC)


def current_slot(
    profile: Profile, now: datetime, catch_up: timedelta
) -> tuple[date, datetime] | None:
    """The latest (local date, due time) at or before now, unless older than ``catch_up``."""
    today = now.astimezone(zone_of(profile)).date()
    for day in (today, today - timedelta(days=1)):
        due = due_at(profile, day)
        if due <= now:
            return (day, due) if now - due <= catch_up else None
    return None


def next_due(profile: Profile, now: datetime) -> datetime:
    """The first delivery time after now."""
    today = now.astimezone(zone_of(profile)).date()
    for offset in range(3):
        due = due_at(profile, today + timedelta(days=offset))
        if due > now:
            return due
    raise AssertionError("a delivery time occurs every day")


def local_time(profile: Profile, when: datetime) -> str:
    """E.g. ``Mon 1 Apr 2024, 07:00 CEST`` in the profile's zone."""
    try:
        local = when.astimezone(zone_of(profile))
    except ValueError:
        local = when.astimezone(UTC)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M %Z}"


def backoff(attempt: int, base_seconds: float) -> timedelta:
    """Wait after failed attempt N: base, 2×base, 4×base, … at most six hours."""
    return min(timedelta(seconds=base_seconds * 2 ** max(0, attempt - 1)), MAX_BACKOFF)


# fetching -----------------------------------------------------------------------------------

Fetcher = Callable[[Store, Path, Settings, datetime], "str | None"]


def fetch_due_sources(store: Store, home: Path, settings: Settings, now: datetime) -> str | None:
    """Fetch every source whose interval has passed; a one-line summary, or None."""
    from newsbrief.store.sources import list_sources

    if not any(s.enabled for s in list_sources(store, "feed")):
        return None  # nothing subscribed: the fetching machinery need not even load
    from newsbrief.ingest.subscriptions import fetch_due

    return fetch_due(store, home, settings, now)


# one pass ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one delivery attempt did."""

    delivery: Delivery
    attempt: int
    error: str | None = None
    retry_at: datetime | None = None
    interrupted: bool = False  # the previous attempt was cut off (crash or kill)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class TickReport:
    fetched: str | None = None
    editions: list[Edition] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    queued: list[str] = field(default_factory=list)  # work handed to the task queue

    @property
    def idle(self) -> bool:
        return not (self.fetched or self.editions or self.outcomes or self.problems or self.queued)


class Scheduler:
    """Makes and delivers what is due in one data folder."""

    def __init__(
        self,
        store: Store,
        home: Path,
        settings: Settings,
        clock: Clock | None = None,
        fetcher: Fetcher | None = fetch_due_sources,
        channel_senders: dict[str, Sender] | None = None,
    ) -> None:
        self.store = store
        self.home = home
        self.settings = settings
        self.clock: Clock = clock or SystemClock()
        self.fetcher = fetcher
        # None: each kind's own send, loaded when a delivery of that kind is made (a tick with
        # nothing to deliver loads no mail or HTTP code)
        self.senders = channel_senders
        self.deliveries = DeliveryStore(store)

    def tick(self, stop: Callable[[], bool] = lambda: False) -> TickReport:
        """Fetch what is due, make due editions, attempt due deliveries."""
        report = TickReport()
        if self.fetcher is not None:
            try:
                report.fetched = self.fetcher(
                    self.store, self.home, self.settings, self.clock.now()
                )
            except Exception as exc:  # one failed fetch pass must not stop deliveries
                log.exception("fetching failed")
                report.problems.append(f"fetch: {exc}")
        self.make_editions(report)
        self.deliver_due(report, stop)
        return report

    # editions

    def profiles_with_channels(self, report: TickReport | None = None) -> list[Profile]:
        names = sorted({c.profile for c in self.deliveries.channels()})
        found = []
        for name in names:
            profile = self.store.get_profile(name)
            if profile is None and name == "default":
                profile = Profile(name="default")
            if profile is None:
                if report is not None:
                    report.problems.append(f"profile {name!r} has channels but does not exist")
                continue
            found.append(profile)
        return found

    def make_editions(self, report: TickReport) -> None:
        catch_up = timedelta(hours=self.settings.delivery_catch_up_hours)
        for profile in self.profiles_with_channels(report):
            now = self.clock.now()
            try:
                slot = current_slot(profile, now, catch_up)
            except ValueError as exc:
                report.problems.append(str(exc))
                continue
            if slot is None:
                continue
            day, due = slot
            channels = self.deliveries.channels(profile.name)
            existing = self.deliveries.edition(profile.name, day.isoformat())
            if existing is not None:
                # A channel added since the edition was made still gets today's briefing.
                self.deliveries.ensure_deliveries(existing, channels, now)
                continue
            try:
                edition = self.make_edition(profile, day, due, channels, now)
            except Exception as exc:  # one profile's failure must not stop the others
                log.exception("briefing for profile %s failed", profile.name)
                report.problems.append(f"profile {profile.name!r}: briefing failed: {exc}")
                continue
            log.info("made the %s briefing of %s", edition.date, profile.name)
            report.editions.append(edition)

    def make_edition(
        self,
        profile: Profile,
        day: date,
        due: datetime,
        channels: list[Channel],
        now: datetime,
    ) -> Edition:
        from newsbrief.briefing.assemble import build_briefing
        from newsbrief.codec import briefing_dict
        from newsbrief.summarize.llm import unattended_writer

        since = parse_since(self.settings.since, reference=now)
        writer = unattended_writer(self.store, self.settings)
        briefing = build_briefing(
            self.store, profile, since=since, now=now, record=False, writer=writer
        )
        return self.deliveries.create_edition(
            profile.name,
            day.isoformat(),
            due,
            since,
            briefing_dict(briefing),
            channels,
            now,
            basis=briefing.basis,
        )

    # deliveries

    def deliver_due(self, report: TickReport, stop: Callable[[], bool]) -> None:
        parcels: dict[int, Parcel] = {}
        for delivery in self.deliveries.due_deliveries(self.clock.now()):
            if stop():
                break
            report.outcomes.append(self.attempt(delivery, parcels))

    def attempt(self, delivery: Delivery, parcels: dict[int, Parcel]) -> Outcome:
        interrupted = delivery.status == "sending"
        if interrupted:
            log.warning(
                "delivery %s (%s %s %s) was interrupted during attempt %s; sending it again",
                delivery.id,
                delivery.profile,
                delivery.date,
                delivery.channel,
                delivery.attempts,
            )
        now = self.clock.now()
        channel = self.deliveries.get_channel(delivery.profile, delivery.channel)
        if channel is None:
            error = f"channel {delivery.channel!r} of profile {delivery.profile!r} was removed"
            self.deliveries.mark_failed(delivery.id, error, now, None)
            return Outcome(delivery, delivery.attempts, error, None, interrupted)
        attempt = self.deliveries.mark_sending(delivery.id, now)
        try:
            parcel = parcels.get(delivery.edition_id) or self.parcel(delivery.edition_id)
            parcels[delivery.edition_id] = parcel
            sender = self.senders[channel.kind] if self.senders else sender_of(channel.kind)
            sender(channel, parcel, self.context())
        except DeliveryError as exc:
            return self.failed(delivery, attempt, str(exc), interrupted)
        except Exception as exc:
            reason = redact(f"{type(exc).__name__}: {exc}", self.secrets(channel))
            log.error("delivery %s failed unexpectedly: %s", delivery.id, reason)
            return self.failed(delivery, attempt, f"{channel.kind}: {reason}", interrupted)
        self.deliveries.mark_sent(delivery.id, self.clock.now())
        log.info("delivered %s %s via %s", delivery.profile, delivery.date, delivery.channel)
        return Outcome(delivery, attempt, interrupted=interrupted)

    def failed(self, delivery: Delivery, attempt: int, error: str, interrupted: bool) -> Outcome:
        now = self.clock.now()
        limit = self.settings.delivery_max_attempts
        retry_at = None
        if attempt < limit:
            retry_at = now + backoff(attempt, self.settings.delivery_retry_seconds)
        self.deliveries.mark_failed(delivery.id, error, now, retry_at)
        log.warning(
            "delivery %s (%s %s %s), attempt %s/%s failed: %s",
            delivery.id,
            delivery.profile,
            delivery.date,
            delivery.channel,
            attempt,
            limit,
            error,
        )
        return Outcome(delivery, attempt, error, retry_at, interrupted)

    def parcel(self, edition_id: int) -> Parcel:
        from newsbrief.codec import briefing_from_dict

        edition = self.deliveries.get_edition(edition_id)
        if edition is None:
            raise DeliveryError(f"edition {edition_id} is no longer stored")
        data = self.deliveries.briefing_data(edition.briefing_id)
        profile = self.store.get_profile(edition.profile) or Profile(name=edition.profile)
        return Parcel(
            edition=edition,
            briefing=briefing_from_dict(data),
            data=data,
            local_time=local_time(profile, edition.due),
        )

    def context(self) -> Context:
        return Context(
            home=self.home, settings=self.settings, store=self.store, now=self.clock.now()
        )

    def secrets(self, channel: Channel) -> list[str | None]:
        found: list[str | None] = [str(channel.config.get("url") or "") or None]
        with suppress(config.ConfigError):
            found.append(config.secret(self.home, "smtp_password"))
        return found

    # waiting

    def next_wake(self, now: datetime) -> datetime:
        """When something may next be due: a delivery time, a retry, or the next poll."""
        poll = max(1.0, self.settings.schedule_poll_seconds)
        times = [now + timedelta(seconds=poll)]
        for profile in self.profiles_with_channels():
            try:
                times.append(next_due(profile, now))
            except ValueError:
                continue
        retry = self.deliveries.next_attempt_time()
        if retry is not None:
            times.append(max(retry, now + timedelta(seconds=1)))
        return min(times)


def run(
    scheduler: Scheduler,
    stop: Callable[[], bool] = lambda: False,
    on_tick: Callable[[TickReport], None] | None = None,
) -> None:
    """Tick, then sleep until the next thing is due, until ``stop()`` says so."""
    clock = scheduler.clock
    while not stop():
        report = scheduler.tick(stop)
        if on_tick is not None:
            on_tick(report)
        if stop():
            break
        now = clock.now()
        wake = scheduler.next_wake(now)
        clock.sleep((wake - now).total_seconds())


def send_test(
    store: Store,
    home: Path,
    settings: Settings,
    profile_name: str,
    channel: str,
    now: datetime,
) -> None:
    """Send the profile's current briefing through one channel, outside the schedule.

    Nothing is recorded, so the scheduled delivery still happens; raises DeliveryError (or
    LookupError for an unknown channel).
    """
    from newsbrief.briefing.assemble import build_briefing
    from newsbrief.codec import briefing_dict
    from newsbrief.summarize.llm import unattended_writer

    deliveries = DeliveryStore(store)
    found = deliveries.get_channel(profile_name, channel)
    if found is None:
        raise LookupError(f"profile {profile_name!r} has no channel named {channel!r}")
    profile = store.get_profile(profile_name) or Profile(name=profile_name)
    since = parse_since(settings.since, reference=now)
    writer = unattended_writer(store, settings)
    briefing = build_briefing(store, profile, since=since, now=now, record=False, writer=writer)
    edition = Edition(0, profile_name, now.date().isoformat(), now, 0, now)
    parcel = Parcel(edition, briefing, briefing_dict(briefing), local_time(profile, now))
    context = Context(home=home, settings=settings, store=store, now=now)
    sender_of(found.kind)(found, parcel, context)


# one scheduler at a time --------------------------------------------------------------------


class SchedulerBusy(RuntimeError):
    """Another scheduler holds the data folder's lock."""


@contextmanager
def scheduler_lock(home: Path) -> Iterator[None]:
    """Hold the data folder's scheduler lock; the system frees it when the process dies."""
    path = home / LOCK_FILE
    handle = path.open("a+", encoding="utf-8")
    try:
        try:
            _lock(handle.fileno())
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise SchedulerBusy(
                f"another newsbrief scheduler (pid {holder}) is working on {home}"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


def _lock(fd: int) -> None:
    """Take an exclusive lock on an open file without waiting; OSError when it is held.

    POSIX only (Linux, macOS, BSD): the lock goes away with the process, however it ends.
    """
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
