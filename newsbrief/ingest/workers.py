"""Feed parsing and page extraction in worker processes, each call with a deadline.

Why processes and not threads: lxml's parsing and trafilatura's tree walks hold the GIL, and a
hostile page (one tag with 40,000 attributes) keeps them busy for minutes. On the fetch's event
loop that stalls every other fetch, and the time-outs of feeds that answered in time expire
while the loop is blocked; in a thread it still competes for the GIL and, since a thread cannot
be stopped, runs on after its deadline. A worker process leaves the loop free and can be killed
when its deadline passes; a fresh worker takes its place.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import heapq
import itertools
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from newsbrief.config import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")
STARTUP_SECONDS = 60.0  # a worker that is not ready by then is given up
# A worker that grew past this (a huge feed parsed) is not kept idle between runs: Python
# seldom gives memory back, and the scheduler keeps its workers for hours.
SPARE_MAX_MB = 250.0
SPARE_SECONDS = 60.0  # an idle worker is stopped after this long without a pool


class WorkerTimeout(Exception):
    """The call did not finish within its deadline; its worker was killed."""


class WorkerFailed(Exception):
    """The call raised, or its worker died (out of memory, say); ``str()`` says which."""


def _serve(inbox: Connection, outbox: Connection) -> None:
    """A worker's loop: run each (function, arguments) received, send back (ok, value)."""
    outbox.send("ready")
    while True:
        try:
            job = inbox.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        func, args = job
        reply: tuple[bool, Any]
        try:
            reply = (True, func(*args))
        except ValueError as exc:  # the input's fault: the caller gets the same error
            reply = (False, exc)
        except Exception as exc:
            reply = (False, f"{type(exc).__name__}: {exc}")
        try:
            outbox.send(reply)
        except Exception as exc:  # a value that cannot be sent back
            outbox.send((False, f"{type(exc).__name__}: {exc}"))


def _child() -> None:
    """The worker process: jobs come on stdin, replies go on a copy of stdout; stdout itself
    is pointed at stderr, so nothing printed can corrupt the replies."""
    replies = os.dup(1)
    os.dup2(2, 1)
    # The parsers' log records stay here: the fetching process reports each outcome itself.
    logging.getLogger().addHandler(logging.NullHandler())
    import newsbrief.ingest.extract
    import newsbrief.ingest.feeds  # noqa: F401

    _serve(Connection(0, writable=False), Connection(replies, readable=False))


class _Worker:
    """One worker process, started with ``python -m newsbrief.ingest.workers``: a fresh
    interpreter (no fork of a process that runs threads, and the caller's main module is not
    imported again, as multiprocessing's spawn and forkserver would)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newsbrief.ingest.workers"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.outbox = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.inbox = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        try:
            ready = self.inbox.poll(STARTUP_SECONDS) and self.inbox.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.kill()
            raise WorkerFailed("a worker process did not start")

    def call(self, func: Callable[..., T], args: tuple[Any, ...], deadline: float) -> T:
        try:
            self.outbox.send((func, args))
            if not self.inbox.poll(deadline):
                raise WorkerTimeout(f"took over {deadline:g} s")
            ok, value = self.inbox.recv()
        except (EOFError, OSError):
            raise WorkerFailed("the worker process died (out of memory?)") from None
        if not ok:
            if isinstance(value, ValueError):
                raise value
            raise WorkerFailed(str(value))
        return value

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        self._close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.outbox.send(None)
        try:
            self.process.wait(2)
        except subprocess.TimeoutExpired:
            self.kill()
        self._close()

    def _close(self) -> None:
        for conn in (self.inbox, self.outbox):
            with contextlib.suppress(OSError):
                conn.close()


def _rss_mb(pid: int) -> float:
    """Resident memory of a process (0 where /proc is not there to tell)."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


# Idle workers kept between fetch runs of one process (the scheduler fetches every hour, the
# tests many times): starting an interpreter and importing the parsers costs about a second.
_SPARE: list[_Worker] = []
_SPARE_LOCK = threading.Lock()


def _park(worker: _Worker) -> None:
    """Keep an idle worker for the next pool, for SPARE_SECONDS at most (the caller holds the
    lock): a process that fetches now and then, or many processes that each fetch (a task
    queue's workers), do not keep idle interpreters for long."""
    _SPARE.append(worker)
    timer = threading.Timer(SPARE_SECONDS, _expire, args=(worker,))
    timer.daemon = True
    timer.start()


def _expire(worker: _Worker) -> None:
    with _SPARE_LOCK:
        if worker not in _SPARE:
            return  # taken by a pool meanwhile
        _SPARE.remove(worker)
    worker.stop()


def _stop_spares() -> None:
    with _SPARE_LOCK:
        while _SPARE:
            _SPARE.pop().stop()


atexit.register(_stop_spares)


class WorkerPool:
    """``size`` worker processes, started when first needed; ``await pool.call(f, *args)``
    runs ``f(*args)`` in one of them within ``deadline`` seconds. ``f`` must be a module-level
    function (it is sent to the worker by name). Use as ``async with WorkerPool(...)``."""

    def __init__(
        self,
        size: int = 2,
        deadline: float = 10.0,
        max_bytes: int = 5_000_000,
        parse_deadline: float = 30.0,
    ) -> None:
        self.size = max(1, size)
        self.deadline = deadline  # a page's extraction
        self.parse_deadline = parse_deadline  # a feed's parsing
        self.max_bytes = max_bytes  # the largest input the callers hand over
        self.timeouts = 0
        self._free: list[_Worker | None] = [None] * self.size  # None: not started yet
        # Callers waiting for a worker: (priority, arrival, future); urgent calls go first.
        self._waiting: list[tuple[int, int, asyncio.Future[_Worker | None]]] = []
        self._arrivals = itertools.count()
        self._all: set[_Worker] = set()
        # The threads only wait on the workers' pipes; the work is done in the processes.
        self._threads = ThreadPoolExecutor(self.size, thread_name_prefix="worker-wait")

    async def __aenter__(self) -> WorkerPool:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.get_running_loop().run_in_executor(self._threads, self._stop_all)
        self._threads.shutdown(wait=False)

    def _stop_all(self) -> None:
        """Idle workers are kept for the next pool; any other is stopped."""
        with _SPARE_LOCK:
            while self._all:
                worker = self._all.pop()
                if (
                    worker.process.poll() is None
                    and len(_SPARE) < self.size
                    and _rss_mb(worker.process.pid) < SPARE_MAX_MB
                ):
                    _park(worker)
                else:
                    worker.stop()

    def _start(self) -> _Worker:
        with _SPARE_LOCK:
            worker = _SPARE.pop() if _SPARE else None
        if worker is None or worker.process.poll() is not None:
            worker = _Worker()
        self._all.add(worker)
        return worker

    async def _acquire(self, urgent: bool) -> _Worker | None:
        if self._free and not self._waiting:
            return self._free.pop()
        future: asyncio.Future[_Worker | None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (0 if urgent else 1, next(self._arrivals), future))
        try:
            return await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._release(future.result())  # handed over just as the caller gave up
            raise

    def _release(self, worker: _Worker | None) -> None:
        while self._waiting:
            _, _, future = heapq.heappop(self._waiting)
            if not future.done():
                future.set_result(worker)
                return
        self._free.append(worker)

    async def call(
        self,
        func: Callable[..., T],
        *args: Any,
        urgent: bool = False,
        deadline: float | None = None,
    ) -> T:
        """``func(*args)`` in a worker, within ``deadline`` seconds (the pool's by default).
        ``urgent`` calls take the next free worker before the others (a feed to parse before
        pages to extract, so a feed waits for at most one page)."""
        loop = asyncio.get_running_loop()
        worker = await self._acquire(urgent)
        try:
            if worker is None:
                worker = await loop.run_in_executor(self._threads, self._start)
            limit = self.deadline if deadline is None else deadline
            return await loop.run_in_executor(self._threads, worker.call, func, args, limit)
        except (WorkerTimeout, WorkerFailed, asyncio.CancelledError) as exc:
            if worker is not None:
                if isinstance(exc, WorkerTimeout):
                    self.timeouts += 1
                    log.info("a worker call %s: killed", exc)
                # Killed at once, also when the caller gave up: a worker still busy with an
                # abandoned call must not take the next one.
                self._all.discard(worker)
                worker.kill()
                worker = None  # a fresh one is started for the next call
            raise
        finally:
            self._release(worker)


def pool_from_settings(settings: Settings, jobs: int | None = None) -> WorkerPool:
    """The pool the settings describe; no more workers than ``jobs`` when that is known (one
    feed to fetch needs one worker, not two)."""
    size = settings.extract_workers
    return WorkerPool(
        size=min(size, jobs) if jobs else size,
        deadline=settings.extract_timeout,
        parse_deadline=settings.parse_timeout,
        max_bytes=settings.extract_max_bytes,
    )


if __name__ == "__main__":
    _child()
