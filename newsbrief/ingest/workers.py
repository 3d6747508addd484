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
import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
STARTUP_SECONDS = 60.0  # a worker that is not ready by then is given up
# Imported once in the fork server, so each worker starts with them loaded.
_PRELOAD = ["newsbrief.ingest.extract", "newsbrief.ingest.feeds"]


class WorkerTimeout(Exception):
    """The call did not finish within its deadline; its worker was killed."""


class WorkerFailed(Exception):
    """The call raised, or its worker died (out of memory, say); ``str()`` says which."""


def _serve(conn: multiprocessing.connection.Connection) -> None:
    """A worker's loop: run each (function, arguments) sent, send back (ok, value)."""
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
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
            conn.send(reply)
        except Exception as exc:  # a value that cannot be sent back
            conn.send((False, f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        child.close()
        if not self.conn.poll(STARTUP_SECONDS) or self.conn.recv() != "ready":
            self.kill()
            raise WorkerFailed("a worker process did not start")

    def call(self, func: Callable[..., T], args: tuple[Any, ...], deadline: float) -> T:
        self.conn.send((func, args))
        if not self.conn.poll(deadline):
            raise WorkerTimeout(f"took over {deadline:g} s")
        try:
            ok, value = self.conn.recv()
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
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


class WorkerPool:
    """``size`` worker processes, started when first needed; ``await pool.call(f, *args)``
    runs ``f(*args)`` in one of them within ``deadline`` seconds. ``f`` must be a module-level
    function (it is sent to the worker by name). Use as ``async with WorkerPool(...)``."""

    def __init__(self, size: int = 2, deadline: float = 30.0, max_bytes: int = 5_000_000) -> None:
        self.size = max(1, size)
        self.deadline = deadline
        self.max_bytes = max_bytes  # the largest input the callers hand over
        self.timeouts = 0
        self._ctx = _context()
        self._idle: asyncio.Queue[_Worker | None] = asyncio.Queue()
        for _ in range(self.size):
            self._idle.put_nowait(None)  # a worker not started yet
        self._all: set[_Worker] = set()
        # The threads only wait on the workers' pipes; the work is done in the processes.
        self._threads = ThreadPoolExecutor(self.size, thread_name_prefix="worker-wait")

    async def __aenter__(self) -> WorkerPool:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.get_running_loop().run_in_executor(self._threads, self._stop_all)
        self._threads.shutdown(wait=False)

    def _stop_all(self) -> None:
        for worker in list(self._all):
            worker.stop()
        self._all.clear()

    def _start(self) -> _Worker:
        worker = _Worker(self._ctx)
        self._all.add(worker)
        return worker

    async def call(self, func: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        worker = await self._idle.get()
        try:
            if worker is None:
                worker = await loop.run_in_executor(self._threads, self._start)
            return await loop.run_in_executor(self._threads, worker.call, func, args, self.deadline)
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
            self._idle.put_nowait(worker)


def _context() -> Any:
    """forkserver where there is one: forking a process that runs threads (the event loop's
    resolver threads, httpx) can copy a held lock into the child; spawning costs an import."""
    if "forkserver" in multiprocessing.get_all_start_methods() and os.name == "posix":
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def pool_from_settings(settings: dict[str, Any]) -> WorkerPool:
    return WorkerPool(
        size=int(settings.get("extract_workers", 2)),
        deadline=float(settings.get("extract_timeout", 30.0)),
        max_bytes=int(settings.get("extract_max_bytes", 5_000_000)),
    )
