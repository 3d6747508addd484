"""The scheduler when a task queue is set (``broker_url``): each pass queues what is due for the
workers instead of doing it.

What is due is decided exactly as in-process (``newsbrief.schedule``): feeds whose time has
come, each profile's edition at its local delivery time, deliveries due or due again. Each
piece of work is queued once under a key (see ``store/tasks.py``) until a worker has done it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from newsbrief.schedule import Scheduler, TickReport, current_slot
from newsbrief.store import tasks as ledger
from newsbrief.timeutil import to_iso

log = logging.getLogger(__name__)

KEEP_RUNS = timedelta(days=7)  # finished task runs kept for rates and failures


class QueueScheduler(Scheduler):
    """Queues due work for ``newsbrief worker`` processes."""

    def tick(self, stop: Callable[[], bool] = lambda: False) -> TickReport:
        report = TickReport()
        try:
            self.queue_due(report, stop)
        except Exception as exc:  # the broker is down: the next pass queues what is still due
            log.exception("queueing failed")
            report.problems.append(f"task queue: {type(exc).__name__}: {exc}")
        return report

    def queue_due(self, report: TickReport, stop: Callable[[], bool]) -> None:
        from newsbrief.tasks import enqueue

        now = self.clock.now()
        store, settings = self.store, self.settings
        if self.fetcher is not None:
            from newsbrief.ingest.subscriptions import due_sources

            interval = timedelta(minutes=settings.fetch_interval_minutes)
            feeds = 0
            for source in due_sources(store, now):
                key = f"fetch:{source.id}"
                if enqueue(store, settings, "newsbrief.fetch_feed", [source.id], key):
                    feeds += 1
                ledger.defer_source(store, source.id, now + interval)
            if feeds:
                report.queued.append(f"fetch of {feeds} feeds")
        catch_up = timedelta(hours=settings.delivery_catch_up_hours)
        briefings = 0
        for profile in self.profiles_with_channels(report):
            try:
                slot = current_slot(profile, now, catch_up)
            except ValueError as exc:
                report.problems.append(str(exc))
                continue
            if slot is None:
                continue
            day = slot[0].isoformat()
            existing = self.deliveries.edition(profile.name, day)
            if existing is not None:
                self.deliveries.ensure_deliveries(
                    existing, self.deliveries.channels(profile.name), now
                )
                continue
            key = f"briefing:{profile.name}:{day}"
            if enqueue(
                store, settings, "newsbrief.build_briefing", [profile.name, day, to_iso(now)], key
            ):
                briefings += 1
        if briefings:
            report.queued.append(f"{briefings} briefings")
        sends = 0
        for delivery in self.deliveries.due_deliveries(now):
            if stop():
                break
            key = f"deliver:{delivery.id}"
            if enqueue(store, settings, "newsbrief.deliver", [delivery.id], key):
                sends += 1
        if sends:
            report.queued.append(f"{sends} deliveries")
        ledger.prune_runs(store, now - KEEP_RUNS)
