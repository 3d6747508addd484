"""Load test of the web app on loopback: p50/p95 latency and requests/s with concurrent clients.

.venv/bin/python benchmarks/web_load.py [--stories 10000] [--clients 20] [--seconds 20]
    [--tool wrk|python] [--database-url postgresql://...]

Builds a store of N stories (the demo corpus's events copied under new names and spread over
the last day, so every story is in the briefing's window), starts ``newsbrief serve`` as its
own process, builds the briefing once (timed: the cold start), then runs the clients against
each page for the given time with keep-alive connections, each a returning reader (it sends
its cookie). The load tool is wrk (Debian's ``wrk``) when installed: written in C, it leaves
the CPU to the server; the fallback is an asyncio client in this script, which on a small
machine competes with the server for the CPU and inflates the latencies it measures.
Also prints the server's CPU time per request, which depends less on what else runs. JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from newsbrief.demo import corpus_path
from newsbrief.ingest.files import make_article
from newsbrief.store import DB_NAME, Store

QUERIES = [
    "earthquake Iran", "pirates navy", "jewel heist", "Waitrose fire", "surgeon general",
    "Oscars host", "coach fired", "cable cut", "endangered species", "bank bomb",
    "Microsoft patch", "diamonds Paris", "Gulf Aden", "Indian navy", "fire store",
    "magnitude quake", "president Obama", "Philadelphia 76ers", "Harry Winston",
    "Internet Explorer", "police officer", "species act", "security update", "Somali pirates",
]  # fmt: skip
NO_CACHE = {"Cache-Control": "no-cache"}


@dataclass
class Page:
    paths: list[str]  # each request takes one at random
    headers: dict[str, str] = field(default_factory=dict)


def _searches(prefix: str) -> list[str]:
    return [prefix + q.replace(" ", "+") for q in QUERIES]


PAGES = {
    "briefing": Page(["/"]),
    "briefing_api": Page(["/api/briefing"]),
    # One query again and again: served from the app's result cache after the first.
    "search": Page(["/search?q=earthquake+Iran"]),
    # 24 different queries, each request asking for a fresh search (Cache-Control: no-cache):
    # every request queries the FTS5 index (hundreds to thousands of matches each).
    "search_uncached": Page(_searches("/search?q="), NO_CACHE),
    "search_api_uncached": Page(_searches("/api/search?q="), NO_CACHE),
}


def build_store(home: Path, stories: int, per_story: int = 2, url: str = "") -> float:
    """A store of ``stories`` stories of ``per_story`` articles each; returns seconds taken."""
    start = time.perf_counter()
    rows = [json.loads(line) for line in corpus_path().read_text(encoding="utf-8").splitlines()]
    by_event: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_event.setdefault(row["label"], []).append(row)
    events = list(by_event.values())
    now = datetime.now(UTC)
    home.mkdir(parents=True, exist_ok=True)
    with Store(url or home / DB_NAME, home) as store:
        for i in range(stories):
            event = events[i % len(events)]
            story_id = f"bench{i:06d}"
            when = now - timedelta(seconds=(i * 7919) % 86000)
            for j in range(per_story):
                row = event[(i + j) % len(event)]
                tag = f"Place{i}"  # a name of its own, so copies of one event differ
                article = make_article(
                    article_id=f"{row['id']}-{i}-{j}",
                    title=f"{row['title']} in {tag}",
                    text=f"{tag}: " + row["text"],
                    url=f"https://example.org/{i}/{j}",
                    source=f"outlet{(i + j) % 50}.example",
                    published=when - timedelta(minutes=j),
                    seen_at=now,
                )
                store.add_article(article)
                store.assign(article.id, story_id, article.id, article.published or now)
    return time.perf_counter() - start


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def load(base: str, page: Page, clients: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        await http.get(page.paths[0])  # the client cookie: every request a returning reader

        async def client() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                response = await http.get(random.choice(page.paths), headers=page.headers)
                latencies.append(time.perf_counter() - t0)
                if response.status_code != 200:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "path": page.paths[0] + (f" (and {len(page.paths) - 1} more)" if page.paths[1:] else ""),
        "requests": len(latencies),
        "errors": errors,
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1),
        "p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 1),
    }


WRK_REQUESTS = """
paths = {%s}
request = function()
  return wrk.format(nil, paths[math.random(#paths)])
end
"""
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def load_wrk(base: str, page: Page, clients: int, seconds: float) -> dict[str, Any]:
    cookie = httpx.get(base + page.paths[0], timeout=60).cookies.get("nb_client", "")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REQUESTS % ", ".join(json.dumps(p) for p in page.paths))
        script.write(WRK_REPORT)
    headers = [f"Cookie: nb_client={cookie}", *(f"{k}: {v}" for k, v in page.headers.items())]
    duration = f"{max(1, round(seconds))}s"
    try:
        out = subprocess.run(
            ["wrk", "-t", "2", "-c", str(clients), "-d", duration, "--timeout", "10s",
             *(arg for h in headers for arg in ("-H", h)), "-s", script.name, base + "/"],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    report = json.loads(out.split("WRKJSON", 1)[1])
    return {
        "path": page.paths[0] + (f" (and {len(page.paths) - 1} more)" if page.paths[1:] else ""),
        "requests": report["requests"],
        "errors": report["errors"] + report["non_2xx"],
        "requests_per_s": round(report["requests"] / (report["duration_us"] / 1e6), 1),
        "p50_ms": round(report["p50_us"] / 1000, 1),
        "p95_ms": round(report["p95_us"] / 1000, 1),
        "p99_ms": round(report["p99_us"] / 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--tool", choices=["wrk", "python"], default=None)
    parser.add_argument(
        "--database-url", default="", help="an empty PostgreSQL database (default: SQLite)"
    )
    args = parser.parse_args()
    tool = args.tool or ("wrk" if shutil.which("wrk") else "python")

    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as tmp:
        home = Path(tmp) / "home"
        setup_s = build_store(home, args.stories, url=args.database_url)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "newsbrief", "--home", str(home), "serve", "--port", str(port)],
            env={**os.environ, "NEWSBRIEF_DATABASE_URL": args.database_url},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    httpx.get(base + "/static/style.css", timeout=2)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            t0 = time.perf_counter()
            first = httpx.get(base + "/", timeout=600)
            cold_s = time.perf_counter() - t0
            first.raise_for_status()
            results = []
            for name in args.pages.split(","):
                cpu0 = cpu_seconds(server.pid)
                if tool == "wrk":
                    result = load_wrk(base, PAGES[name], args.clients, args.seconds)
                else:
                    result = asyncio.run(load(base, PAGES[name], args.clients, args.seconds))
                used = cpu_seconds(server.pid) - cpu0
                result["page"] = name
                result["server_cpu_ms_per_request"] = round(1000 * used / result["requests"], 2)
                results.append(result)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        json.dumps(
            {
                "engine": "postgresql" if args.database_url else "sqlite",
                "stories": args.stories,
                "clients": args.clients,
                "load_tool": tool,
                "seconds_per_page": args.seconds,
                "store_setup_s": round(setup_s, 1),
                "cold_briefing_s": round(cold_s, 2),
                "briefing_page_bytes": len(first.content),
                "pages": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
