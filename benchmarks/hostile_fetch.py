"""One fetch run against the hostile server set; prints wall time and peak memory as JSON.

    .venv/bin/python benchmarks/hostile_fetch.py [--items 5000] [--fetch-timeout 15]
        [--extract-timeout 10] [--parse-timeout 30] [--pages-budget 30]

Every abusive answer of tests/hostileserver.py is a feed (decompression bombs, endless and
trickling bodies, stalls, redirect loops and redirects to other schemes and to the metadata
address, entity expansion, binary and mis-declared charsets), plus: a feed whose item pages each
hold one tag of 40,000 attributes (slow to extract), a feed of ``--items`` excerpt items whose
pages answer after a second, a feed with a 5 MB title, and an honest feed that answers after
3 s. The server runs in its own process and each feed is on its own loopback address (an
item's pages share one, so the per-host limits apply to them as to one site's pages).

A fetch run is bounded by its configured deadlines: a feed's request (``fetch_timeout``), its
parsing (``parse_timeout``, after waiting for at most one page's ``extract_timeout``), its
pages (``fetch_pages_budget``); a URL that serves an HTML page announcing a feed adds that
feed's own request and parsing. ``deadline_s`` is that sum; ``within_deadline`` says whether
the run ended in time. Peak memory is the largest sum of the resident memory of the fetching
process and its worker processes, sampled from /proc every 20 ms during the run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hostileserver
from hostileserver import (
    HostileServer,
    attributes_page,
    delayed,
    hostile_answers,
    item,
    rss,
)

from newsbrief.config import defaults
from newsbrief.ingest.subscriptions import fetch_sources
from newsbrief.store import Store
from newsbrief.store.sources import add_source, list_sources

FULL = "The harbour board approved the budget on Monday after a long debate. " * 40


def extra_routes(server: HostileServer, items: int) -> list[str]:
    """The feeds this benchmark adds to the standing hostile set; their URLs."""
    storm = attributes_page()
    storm_items = []
    for n in range(4):
        link = server.route(f"/b/storm-{n}", storm)
        storm_items.append(item(f"Storm {n}", link, "A short excerpt.", guid=f"storm{n}"))
    page = f"<html><body><article><h1>Page</h1><p>{FULL}</p></article></body></html>".encode()
    many = []
    for n in range(items):
        link = server.route(f"/b/page-{n}", delayed(page, 1.0, "text/html"))
        many.append(
            item(
                f"Report {n}",
                link,
                "An excerpt.",
                guid=f"m{n}",
                date=f"Mon, 04 Mar 2024 {n % 24:02d}:{n % 60:02d}:00 GMT",
            )
        )
    return [
        server.route("/b/storm.xml", rss("".join(storm_items))),
        server.route("/b/many.xml", rss("".join(many))),
        server.route("/b/huge-title.xml", rss(item("Harbour " * 650_000, text=FULL, guid="t"))),
        server.route("/b/neighbour.xml", delayed(rss(item("Neighbour", text=FULL, guid="n")), 3.0)),
    ]


def serve(ready: multiprocessing.Queue, items: int) -> None:  # type: ignore[type-arg]
    for kind in ("gzip", "deflate", "br"):
        hostileserver._bomb(kind)  # compressed before the clock runs, as a real server would
    server = HostileServer("0.0.0.0")  # on every loopback address
    # Every hostile answer but the redirect to the cloud metadata address: with private
    # addresses allowed (the server is on loopback) it would leave the machine.
    paths = [p for p in hostile_answers(server.url("")) if p != "/h/to-metadata"]
    urls = [server.url(path) for path in paths]
    urls += extra_routes(server, items)
    # Each feed on its own address, as on the web: the per-host politeness limits apply
    # between the pages of one site, not between unrelated feeds.
    urls = [u.replace("0.0.0.0", f"127.0.0.{n + 1}") for n, u in enumerate(urls)]
    with server:
        ready.put(urls)
        while True:
            time.sleep(3600)


class MemorySampler:
    """The largest sum of resident memory of this process and its children (the workers),
    sampled every 20 ms while the run goes; the server process is left out."""

    def __init__(self, skip: int) -> None:
        self.skip = skip
        self.peak_mb = 0.0
        self.peak_main_mb = 0.0
        self.workers_seen: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            main = _rss_mb(me)
            total = main
            for pid in _children(me):
                if pid != self.skip:
                    self.workers_seen.add(pid)
                    total += _rss_mb(pid)
            self.peak_mb = max(self.peak_mb, total)
            self.peak_main_mb = max(self.peak_main_mb, main)
            time.sleep(0.02)


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--fetch-timeout", type=float, default=15.0)
    parser.add_argument("--extract-timeout", type=float, default=10.0)
    parser.add_argument("--parse-timeout", type=float, default=30.0)
    parser.add_argument("--pages-budget", type=float, default=30.0)
    parser.add_argument("--max-items", type=int, default=200)
    args = parser.parse_args()
    ready: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    server = multiprocessing.Process(target=serve, args=(ready, args.items), daemon=True)
    server.start()
    urls = ready.get(timeout=300)
    settings = defaults(
        allow_private_addresses=True,  # the hostile server is on loopback
        fetch_host_delay=0.0,
        fetch_timeout=args.fetch_timeout,
        extract_timeout=args.extract_timeout,
        parse_timeout=args.parse_timeout,
        fetch_pages_budget=args.pages_budget,
        fetch_max_items=args.max_items,
    )
    feed = args.fetch_timeout + args.extract_timeout + args.parse_timeout
    deadline = 2 * feed + args.pages_budget
    try:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
            for url in urls:
                add_source(store, url, "feed", url.rsplit("/", 1)[1])
            with MemorySampler(skip=server.pid or 0) as memory:
                started = time.monotonic()
                report = fetch_sources(store, settings, list_sources(store))
                wall = time.monotonic() - started
            stored = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            longest_title = store.conn.execute(
                "SELECT max(length(title)) FROM articles"
            ).fetchone()[0]
    finally:
        server.kill()
    by_name = {r.source.name: r for r in report.results}
    print(
        json.dumps(
            {
                "feeds": len(report.results),
                "failed": len(report.failed),
                "articles_stored": stored,
                "longest_title": longest_title,
                "many_items": {
                    "new": by_name["many.xml"].new,
                    "partial": by_name["many.xml"].partial,
                    "deferred": getattr(by_name["many.xml"], "deferred", None),
                },
                "storm_partial": by_name["storm.xml"].partial,
                "neighbour_error": by_name["neighbour.xml"].error,
                "wall_s": round(wall, 1),
                "deadline_s": deadline,
                "within_deadline": wall <= deadline,
                "peak_rss_mb": round(memory.peak_mb, 1),
                "peak_rss_fetcher_mb": round(memory.peak_main_mb, 1),
                "worker_processes_seen": len(memory.workers_seen),
                "errors": sorted({f"{r.source.name}: {r.error}" for r in report.failed}),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
