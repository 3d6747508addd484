"""One client asks the web app for many briefing windows (``?since=``): what it costs the server.

.venv/bin/python benchmarks/web_since_flood.py [--stories 2000] [--windows 40] [--in-process]

Builds a store of N stories (as ``web_load.py`` does), starts ``newsbrief serve`` as its own
process, then one client asks ``/api/briefing?since=W`` for W distinct windows one after the
other (each wide enough to hold every story). Prints JSON: the answers by status, the
briefings recorded in the store, the server's peak resident memory (VmHWM) and its memory and
CPU time before and after, and the wall time. ``--in-process`` runs the app in this process
instead and reports the memory its briefing cache holds (objects measured one by one) after
each tenth window: resident memory also holds what the allocator keeps after each build.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from web_load import build_store, cpu_seconds, free_port

from newsbrief.store import DB_NAME, Store
from newsbrief.web.briefings import deep_size


def memory_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def cache_mb(app: Any) -> float:
    """The briefings the app keeps, with the page parts rendered from them."""
    entries = list(app.state.web.briefings._cache.values())
    size = sum(deep_size(e.shown.data) + deep_size(e.shown.rendered) for e in entries)
    return round(size / 2**20, 1)


async def in_process(home: Path, windows: int) -> dict[str, Any]:
    from newsbrief.web import WebConfig, create_app

    app = create_app(WebConfig(home=home))
    statuses: Counter[int] = Counter()
    kept = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        for i in range(windows):
            answer = await http.get("/api/briefing", params={"since": f"{48 + i}h"})
            statuses[answer.status_code] += 1
            if (i + 1) % 10 == 0:
                kept.append({"windows": i + 1, "cache_mb": cache_mb(app),
                             "briefings_kept": len(app.state.web.briefings._cache)})  # fmt: skip
    app.state.web.stores.close()
    return {"answers": {str(k): v for k, v in sorted(statuses.items())}, "cache": kept}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--windows", type=int, default=40)
    parser.add_argument("--per-story", type=int, default=2, help="articles per story")
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--store", type=Path, help="a store made by an earlier run: kept, reused")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        if args.store and (args.store / DB_NAME).exists():
            shutil.copytree(args.store, home)
            built = 0.0
        else:
            built = build_store(home, args.stories, args.per_story)
            if args.store:
                shutil.copytree(home, args.store)
        if args.in_process:
            made = f"{args.store} (reused)" if built == 0.0 else "built"
            result = {"store": made, **asyncio.run(in_process(home, args.windows))}
            print(json.dumps(result, indent=2))
            return
        port = free_port()
        env = {**os.environ, "NEWSBRIEF_HOME": str(home)}
        server = subprocess.Popen(
            [sys.executable, "-m", "newsbrief", "serve", "--port", str(port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    httpx.get(base + "/static/style.css", timeout=2)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            rss_before = memory_kb(server.pid, "VmRSS")
            cpu_before = cpu_seconds(server.pid)
            statuses: Counter[int] = Counter()
            start = time.perf_counter()
            with httpx.Client(base_url=base, timeout=600) as http:
                for i in range(args.windows):
                    answer = http.get("/api/briefing", params={"since": f"{48 + i}h"})
                    statuses[answer.status_code] += 1
            wall = time.perf_counter() - start
            result = {
                "stories": args.stories,
                "windows_asked": args.windows,
                "answers": {str(k): v for k, v in sorted(statuses.items())},
                "server_cpu_s": round(cpu_seconds(server.pid) - cpu_before, 1),
                "wall_s": round(wall, 1),
                "rss_before_mb": round(rss_before / 1024, 1),
                "rss_after_mb": round(memory_kb(server.pid, "VmRSS") / 1024, 1),
                "rss_peak_mb": round(memory_kb(server.pid, "VmHWM") / 1024, 1),
                "store_build_s": round(built, 1),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
        with Store(home / DB_NAME) as store:
            rows = store.conn.execute("SELECT count(*) FROM briefings").fetchone()[0]
        result["briefings_recorded"] = int(rows)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
