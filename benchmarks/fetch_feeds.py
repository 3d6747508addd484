"""Fetch N feeds x M items from a local server; prints items/s and peak memory as JSON.

    .venv/bin/python benchmarks/fetch_feeds.py [--feeds 1000] [--items 20]

The server runs in its own process and answers on 250 loopback addresses (127.0.0.1-250), so
the per-host politeness limits apply as they would across real sites. Items carry excerpts and
full-text fetching is off: this measures feed fetching, parsing and storing.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsbrief.config import defaults
from newsbrief.ingest.subscriptions import fetch_sources
from newsbrief.store import Store
from newsbrief.store.sources import add_source, list_sources

HOSTS = 250


def feed_xml(n: int, items: int) -> bytes:
    parts = [f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {n}</title>"]
    for i in range(items):
        parts.append(
            f"<item><title>Feed {n} reports event {i} in city {i % 37}</title>"
            f"<link>http://example.org/{n}/{i}</link><guid>{n}-{i}</guid>"
            f"<pubDate>Mon, 04 Mar 2024 {i % 24:02d}:00:00 GMT</pubDate>"
            f"<description>Officials in city {i % 37} said on Monday that event {i} of feed "
            f"{n} affected {i * 13} people and would be reviewed next week.</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def serve(port: int, items: int) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            n = int(self.path.strip("/").split(".")[0])
            body = feed_xml(n, items)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("0.0.0.0", port), Handler)
    httpd.daemon_threads = True
    httpd.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--port", type=int, default=18731)
    args = parser.parse_args()
    server = multiprocessing.Process(target=serve, args=(args.port, args.items), daemon=True)
    server.start()
    time.sleep(0.5)
    settings = defaults(
        allow_private_addresses=True,
        fetch_full_text=False,
        fetch_concurrency=64,
        fetch_per_host=2,
        fetch_host_delay=0.5,
    )
    try:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
            for n in range(args.feeds):
                host = f"127.0.0.{1 + n % HOSTS}"
                add_source(store, f"http://{host}:{args.port}/{n}.xml", "feed", f"feed {n}")
            start = time.perf_counter()
            report = fetch_sources(store, settings, list_sources(store))
            elapsed = time.perf_counter() - start
            stored = store.article_count()
    finally:
        server.terminate()
    print(
        json.dumps(
            {
                "feeds": args.feeds,
                "items": stored,
                "failed": len(report.failed),
                "seconds": round(elapsed, 2),
                "items_per_s": round(stored / elapsed, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
