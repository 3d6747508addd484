"""The work on a task queue: Celery, with Redis as the broker (the ``workers`` extra).

Each task wraps one unit of ``newsbrief.work``. Tasks are acknowledged late and given back to
the broker when their worker dies, so a worker killed mid-task loses nothing: another worker
runs the task again, and the unit's own idempotence (stable ids, the delivery ledger, claims)
makes the second run do only what the first did not. A failed task is retried with a growing
wait; after ``task_max_retries`` it becomes a dead letter in the store.

Every worker process opens the data folder's store once (PostgreSQL when several machines
share the work; an SQLite file serves workers on one machine).
"""

from __future__ import annotations

import logging
import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from celery import Celery, Task

from newsbrief import config
from newsbrief.config import Settings
from newsbrief.schedule import Scheduler
from newsbrief.store import Store, open_store
from newsbrief.store import tasks as ledger
from newsbrief.store.postgres import redact

log = logging.getLogger(__name__)

# queue of each task; a worker takes the queues it is given (all by default)
QUEUE_OF = {
    "newsbrief.fetch_feed": "fetch",
    "newsbrief.extract_page": "fetch",
    "newsbrief.cluster": "cluster",
    "newsbrief.write_story": "write",
    "newsbrief.build_briefing": "brief",
    "newsbrief.deliver": "deliver",
}
QUEUES = ("fetch", "cluster", "write", "brief", "deliver")

app = Celery("newsbrief", set_as_current=False)
CONFIG = dict(
    task_acks_late=True,  # a message is acknowledged when its task is done, not when taken
    task_reject_on_worker_lost=True,  # ... and given back when the worker process dies
    worker_prefetch_multiplier=1,  # a worker holds no more messages than it works on
    task_ignore_result=True,  # results are in the store, not in a result backend
    task_routes={name: {"queue": queue} for name, queue in QUEUE_OF.items()},
    task_default_queue="fetch",
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
    worker_redirect_stdouts=False,
    task_serializer="json",
    accept_content=["json"],
)
app.conf.update(CONFIG)
_senders: dict[tuple[str, float], Celery] = {}


def transport_options(visibility: float) -> dict[str, float]:
    """Redis transport options: a dead worker's task is handed on soon after it times out.

    kombu looks for such tasks every ``unacked_restore_interval`` seconds but, by default, scans
    only on every tenth look (100 s); the scan is one sorted-set query, so every look scans.
    """
    return {
        "visibility_timeout": visibility,
        "unacked_restore_interval": max(1.0, min(10.0, visibility / 2)),
        "unacked_restore_throttle": 1,
    }


def configure(settings: Settings) -> Celery:
    """The queue of the given settings (``broker_url``)."""
    url = settings.broker_url.strip()
    if not url.startswith(("redis://", "rediss://")):
        raise config.ConfigError(
            f"setting broker_url: {redact(url)!r} is not a redis:// URL "
            "(leave it empty to do the work in-process)"
        )
    visibility = settings.task_visibility_seconds
    options = transport_options(visibility)
    if app.conf.broker_url is None:
        app.conf.update(broker_url=url, broker_transport_options=options)
    if app.conf.broker_url == url and app.conf.broker_transport_options == options:
        return app
    # Another queue than the one this process started with (its connections are kept): one
    # app each, for sending.
    key = (url, visibility)
    if key not in _senders:
        sender = Celery("newsbrief", set_as_current=False)
        sender.conf.update(CONFIG, broker_url=url, broker_transport_options=options)
        _senders[key] = sender
    return _senders[key]


# sending work ------------------------------------------------------------------------------


def utcnow() -> datetime:
    return datetime.now(UTC)


def enqueue(
    store: Store,
    settings: Settings,
    name: str,
    args: list[Any],
    key: str | None = None,
    countdown: float | None = None,
) -> bool:
    """Queue a task; False when the same work (``key``) is already queued."""
    now = utcnow()
    if key is not None:
        stale = now - timedelta(minutes=settings.task_requeue_minutes)
        if not ledger.mark_queued(store, key, now, stale):
            return False
    try:
        configure(settings).send_task(
            name, args=args, kwargs={"key": key}, queue=QUEUE_OF[name], countdown=countdown
        )
    except Exception:
        if key is not None:
            ledger.unmark_queued(store, key)
        raise
    return True


def queue_depths(settings: Settings) -> dict[str, int]:
    """Messages waiting in each queue (not those a worker is working on)."""
    depths = {}
    with configure(settings).connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)  # an unreachable broker is reported, not awaited
        channel = conn.default_channel
        for queue in QUEUES:
            try:
                depths[queue] = int(channel.queue_declare(queue, passive=True).message_count)
            except Exception:  # a queue nobody declared yet holds nothing
                depths[queue] = 0
    return depths


# in a worker ------------------------------------------------------------------------------

_context: dict[int, tuple[Store, Settings]] = {}


def context() -> tuple[Store, Settings]:
    """This worker process's store and settings (opened once per process)."""
    pid = os.getpid()
    if pid not in _context:
        home = config.home_dir()
        _context[pid] = (open_store(home), config.load(home))
    return _context[pid]


class Unit(Task):
    """A task that runs one unit of work, records the run, retries, and files dead letters."""

    acks_late = True
    reject_on_worker_lost = True
    max_retries = None  # counted against the task_max_retries setting instead

    def run_unit(self, key: str | None, work: Any, *args: Any) -> Any:
        store, settings = context()
        started = time.monotonic()
        try:
            result = work(store, settings, *args)
        except Exception as exc:
            seconds = time.monotonic() - started
            attempts = int(self.request.retries) + 1
            error = f"{type(exc).__name__}: {exc}"
            if attempts <= settings.task_max_retries:
                ledger.record_run(store, self.name, "error", seconds, utcnow())
                wait = settings.task_retry_seconds * 2 ** (attempts - 1)
                log.warning("%s%s failed (%s); retrying in %.0fs", self.name, args, error, wait)
                raise self.retry(exc=exc, countdown=min(wait, 3600.0)) from exc
            self.bury(store, key, list(args), error, attempts)
            ledger.record_run(store, self.name, "dead", seconds, utcnow())
            return None
        ledger.record_run(store, self.name, "ok", time.monotonic() - started, utcnow())
        return result

    def bury(self, store: Store, key: str | None, args: list[Any], error: str, tries: int) -> None:
        log.error("%s%s gave up after %d attempts: %s", self.name, tuple(args), tries, error)
        ledger.add_dead_letter(store, self.name, args, error, tries, utcnow())
        if key is not None:
            ledger.unmark_queued(store, key)


def _scheduler(store: Store, settings: Settings) -> Scheduler:
    return Scheduler(store, store.home, settings, fetcher=None)


@app.task(base=Unit, bind=True, name="newsbrief.fetch_feed")
def fetch_feed(self: Unit, source_id: int, key: str | None = None) -> int:
    def work(store: Store, settings: Settings, source_id: int) -> int:
        from newsbrief import work as units

        new = units.fetch_feed(store, settings, source_id, utcnow())
        if key is not None:
            ledger.unmark_queued(store, key)
        if new:
            enqueue(store, settings, "newsbrief.cluster", [], key="cluster")
        return new

    return int(self.run_unit(key, work, source_id) or 0)


@app.task(base=Unit, bind=True, name="newsbrief.extract_page")
def extract_page(self: Unit, url: str, key: str | None = None) -> int:
    def work(store: Store, settings: Settings, url: str) -> int:
        from newsbrief import work as units

        new = units.extract_page(store, settings, url)
        if key is not None:
            ledger.unmark_queued(store, key)
        if new:
            enqueue(store, settings, "newsbrief.cluster", [], key="cluster")
        return new

    return int(self.run_unit(key, work, url) or 0)


@app.task(base=Unit, bind=True, name="newsbrief.cluster")
def cluster(self: Unit, key: str | None = None) -> int:
    def work(store: Store, settings: Settings) -> int:
        from newsbrief import work as units
        from newsbrief.summarize.llm import task_models

        # Unmarked first: articles stored while this runs queue the next clustering.
        if key is not None:
            ledger.unmark_queued(store, key)
        started = utcnow()
        count = units.cluster(store)
        if count is None:  # another worker is clustering: try again when it should be done
            enqueue(store, settings, "newsbrief.cluster", [], key="cluster", countdown=5.0)
            return 0
        if count and "writeup" in task_models(settings):
            for story in store.stories(active_since=started):
                key_of = f"write:{story.id}"
                enqueue(store, settings, "newsbrief.write_story", [story.id], key=key_of)
        return count

    return int(self.run_unit(key, work) or 0)


@app.task(base=Unit, bind=True, name="newsbrief.write_story")
def write_story(self: Unit, story_id: str, key: str | None = None) -> bool:
    def work(store: Store, settings: Settings, story_id: str) -> bool:
        from newsbrief import work as units

        done = units.write_story(store, settings, story_id)
        if key is not None:
            ledger.unmark_queued(store, key)
        return done

    return bool(self.run_unit(key, work, story_id))


@app.task(base=Unit, bind=True, name="newsbrief.build_briefing")
def build_briefing(self: Unit, profile: str, day: str, at: str, key: str | None = None) -> bool:
    """``at``: when the scheduler found it due, the time the briefing is made as of (so a
    retry makes the same briefing)."""

    def work(store: Store, settings: Settings, profile: str, day: str, at: str) -> bool:
        from newsbrief import work as units
        from newsbrief.timeutil import parse_datetime

        made = units.make_briefing(
            _scheduler(store, settings), profile, day, parse_datetime(at) or utcnow()
        )
        if key is not None and made.edition is not None:
            ledger.unmark_queued(store, key)
        for delivery_id in made.deliveries:
            key_of = f"deliver:{delivery_id}"
            enqueue(store, settings, "newsbrief.deliver", [delivery_id], key=key_of)
        return made.made

    return bool(self.run_unit(key, work, profile, day, at))


@app.task(base=Unit, bind=True, name="newsbrief.deliver")
def deliver(self: Unit, delivery_id: int, key: str | None = None) -> str:
    store, settings = context()
    started = time.monotonic()
    try:
        from newsbrief import work as units

        sent = units.deliver(_scheduler(store, settings), delivery_id)
    except Exception as exc:  # the store itself failed: retried as any task
        return str(self.run_unit(key, _raise, exc) or "")
    seconds = time.monotonic() - started
    if sent.status == "retrying" and sent.retry_at is not None:
        # The ledger keeps the delivery's own backoff (delivery_retry_seconds, _max_attempts).
        ledger.record_run(store, self.name, "error", seconds, utcnow())
        wait = max(1.0, (sent.retry_at - utcnow()).total_seconds())
        raise self.retry(countdown=wait, max_retries=None)
    if sent.status == "failed":
        ledger.record_run(store, self.name, "dead", seconds, utcnow())
        self.bury(store, key, [delivery_id], sent.error or "failed", int(self.request.retries) + 1)
        return sent.status
    ledger.record_run(store, self.name, "ok", seconds, utcnow())
    if key is not None and sent.status != "busy":
        ledger.unmark_queued(store, key)
    return sent.status


def _raise(store: Store, settings: Settings, exc: Exception) -> None:
    raise exc


def worker_argv(concurrency: int | None, queues: list[str], verbose: int) -> list[str]:
    """The arguments of a Celery worker over the given queues."""
    level = "DEBUG" if verbose > 1 else "INFO" if verbose else "WARNING"
    argv = [
        "worker",
        f"--queues={','.join(queues)}",
        f"--loglevel={level}",
        # Workers need not know of each other: the store and the broker coordinate them.
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        f"--hostname=newsbrief-{os.getpid()}@%h",
    ]
    if concurrency:
        argv.append(f"--concurrency={concurrency}")
    return argv
