"""The units of work a task queue runs: fetch one feed, read one page, cluster, write one story
with a model, make one profile's briefing, deliver one briefing through one channel.

Each is idempotent: run twice, or again after being killed half-way, it does its work once.
They know nothing of the queue (``newsbrief.tasks`` wraps them), so they can be tested and run
in-process alike.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from newsbrief.config import Settings
from newsbrief.models import Edition, Profile
from newsbrief.schedule import Scheduler, due_at
from newsbrief.store import Store
from newsbrief.store.tasks import claim

log = logging.getLogger(__name__)


def fetch_feed(store: Store, settings: Settings, source_id: int, now: datetime) -> int:
    """Fetch one feed and store its new articles; how many were new (0 for a gone source).

    Articles are stored one by one under their stable ids, so a fetch cut off half-way and run
    again stores the rest and nothing twice.
    """
    from newsbrief.ingest.subscriptions import fetch_sources
    from newsbrief.store.sources import list_sources

    sources = [s for s in list_sources(store, "feed") if s.id == source_id and s.enabled]
    if not sources:
        return 0
    report = fetch_sources(store, settings, sources, now=now)
    for result in report.results:
        if result.error:
            log.warning("fetching %s failed: %s", result.source.url, result.error)
    return report.new


def extract_page(store: Store, settings: Settings, url: str) -> int:
    """Read one page and store its articles; how many were new."""
    from newsbrief.ingest.pages import import_url

    added, _ = import_url(store, url, settings)
    return added


def cluster(store: Store) -> int | None:
    """Fold new articles into stories; how many articles, or None when another process is
    clustering (one at a time, on either engine), which the caller should try again later."""
    from newsbrief.stories.pipeline import process

    with claim(store, "cluster") as taken:
        if not taken:
            return None
        return process(store).articles


def write_story(store: Store, settings: Settings, story_id: str) -> bool:
    """Write one story with the configured model; the model's answer is kept in the model
    cache, where the briefings that show the story find it. False when there is nothing to do
    (no model configured, or the story is gone)."""
    from newsbrief.briefing.assemble import default_profile
    from newsbrief.briefing.story_detail import get_story, write_up_story
    from newsbrief.summarize.llm import unattended_writer

    writer = unattended_writer(store, settings)
    story = get_story(store, story_id)
    if writer is None or story is None:
        return False
    profile = default_profile(store)
    shown = write_up_story(store, story, profile)
    if shown is None:
        return False
    writer.write_ahead([shown])
    return True


@dataclass
class Made:
    """What making one profile's briefing did."""

    edition: Edition | None = None
    made: bool = False  # False: the edition existed already, or another worker is making it
    deliveries: list[int] = field(default_factory=list)  # open deliveries of the edition


def make_briefing(scheduler: Scheduler, profile_name: str, day: str, now: datetime) -> Made:
    """Make the profile's edition for a local date with one pending delivery per channel.

    Made once: a second run finds the edition (and adds deliveries for channels added since);
    while one worker makes it, another asked to does nothing.
    """
    store, deliveries = scheduler.store, scheduler.deliveries
    with claim(store, f"briefing:{profile_name}:{day}") as taken:
        if not taken:
            return Made()
        profile = store.get_profile(profile_name)
        if profile is None and profile_name == "default":
            profile = Profile(name="default")
        if profile is None:
            raise LookupError(f"profile {profile_name!r} does not exist")
        channels = deliveries.channels(profile.name)
        edition = deliveries.edition(profile.name, day)
        made = edition is None
        if edition is None:
            local = date.fromisoformat(day)
            edition = scheduler.make_edition(profile, local, due_at(profile, local), channels, now)
        else:
            deliveries.ensure_deliveries(edition, channels, now)
    open_ids = [
        d.id
        for d in deliveries.deliveries(profile=profile_name, limit=1000)
        if d.edition_id == edition.id and d.status in ("pending", "retrying", "sending")
    ]
    return Made(edition, made, open_ids)


@dataclass
class Sent:
    """What one delivery task did."""

    status: str  # sent | retrying | failed | done (nothing to do) | busy (another worker has it)
    error: str | None = None
    retry_at: datetime | None = None
    interrupted: bool = False


def deliver(scheduler: Scheduler, delivery_id: int) -> Sent:
    """Send one delivery, keeping the ledger's promise across workers.

    The delivery is claimed first (a lock that dies with its process): while one worker sends,
    no other can. Under the claim the ledger decides: a sent or given-up delivery is not sent
    again; one found ``sending`` was cut off (its worker died, which freed the claim) and is
    sent again with the same Message-ID / Idempotency-Key.
    """
    store = scheduler.store
    with claim(store, f"delivery:{delivery_id}") as taken:
        if not taken:
            return Sent("busy")
        delivery = scheduler.deliveries.get_delivery(delivery_id)
        if delivery is None or delivery.status in ("sent", "failed"):
            return Sent("done")
        now = scheduler.clock.now()
        if (
            delivery.status == "retrying"
            and delivery.next_attempt is not None
            and delivery.next_attempt > now
        ):
            return Sent("retrying", delivery.last_error, delivery.next_attempt)
        outcome = scheduler.attempt(delivery, {})
    if outcome.ok:
        return Sent("sent", interrupted=outcome.interrupted)
    if outcome.retry_at is not None:
        return Sent("retrying", outcome.error, outcome.retry_at, outcome.interrupted)
    return Sent("failed", outcome.error, interrupted=outcome.interrupted)
