"""Briefings and fetching on the task queue: real PostgreSQL, Redis and worker processes.

    make services
    .venv/bin/python benchmarks/workers.py --data ../shared/data --profiles 40 --workers 1,2,4
    .venv/bin/python benchmarks/workers.py --feeds 1000 --workers 2 --fetch-concurrency 8
    .venv/bin/python benchmarks/workers.py --enqueue 5000

Briefings: a store of ``--articles`` articles (dev data copied with new ids, spread over one day,
clustered once; built once and kept in the database ``nbbench_workers_<articles>``), and
``--profiles`` profiles, each with a webhook channel to a local server that counts what it
receives. For each worker count W, W `newsbrief worker --concurrency 1` processes are started and
warmed up; then one ``build_briefing`` task per profile is queued (each makes the edition and
queues its delivery) and the time until every delivery is sent gives ``profiles_per_s``. Then
the largest run is repeated while one worker is killed with SIGKILL a third of the way through
and a fresh one started: ``lost`` counts profiles whose briefing never arrived, ``duplicated``
the deliveries received more than once.

Fetching (``--feeds N``): the server of ``fetch_feeds.py`` serves N feeds of 20 items; one
``fetch_feed`` task per feed is queued to W workers of ``--fetch-concurrency`` processes each;
items/s is compared with the same fetch in-process, on the same PostgreSQL.

Queueing (``--enqueue N``): N tasks queued as the scheduler queues them, messages per second.

Prints one JSON object. Needs the ``workers`` extra and the services of `make services`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psycopg
import redis

from newsbrief import deliver
from newsbrief.config import Settings
from newsbrief.ingest.files import article_from_record
from newsbrief.models import Channel, Profile
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore
from newsbrief.stories.pipeline import process

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
DAY = datetime(2026, 11, 22, tzinfo=UTC)
FETCHED = "SELECT count(*) FROM sources WHERE last_fetch IS NOT NULL"
INTERESTS = ["elections", "earthquakes", "central banks", "film sequels", "airlines", "mafia"]


def services() -> dict[str, str]:
    out = subprocess.run(
        [str(REPO / "tools" / "services"), "env"], capture_output=True, text=True, check=True
    ).stdout
    found = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    for name in ("NEWSBRIEF_DATABASE_URL", "NEWSBRIEF_BROKER_URL"):
        found[name] = os.environ.get(name) or found.get(name, "")
        if not found[name]:
            sys.exit(f"{name} is not set and `make services` is not running")
    return found


def database(url: str, name: str, fresh: bool) -> str:
    with psycopg.connect(url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")
        if not exists or fresh:
            conn.execute(f"CREATE DATABASE {name}")
    return f"{url.rsplit('/', 1)[0]}/{name}"


def build_store(url: str, data: Path, articles: int) -> None:
    with Store(url) as store:
        if store.article_count() >= articles:
            return
        rows = []
        for name in ("ecbplus-dev.jsonl", "uci-news-dev.jsonl"):
            rows += [json.loads(line) for line in (data / name).read_text().splitlines() if line]
        for n in range(store.article_count(), articles):
            row = dict(rows[n % len(rows)], id=f"a{n}", url=None)
            row["published"] = (DAY + timedelta(seconds=n * 86400 // articles)).isoformat()
            store.add_article(article_from_record(row, DAY + timedelta(days=1)))
        process(store, embedder=False)


class Sink:
    """A webhook receiver that counts the deliveries of each profile."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        lock = threading.Lock()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with lock:
                    sink.hits[self.path.rsplit("/", 1)[-1]] += 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"


def reset(store: Store, profiles: int, sink: Sink) -> None:
    """No editions, deliveries or task records; the profiles, each with a webhook."""
    for table in ("deliveries", "editions", "briefings", "channels", "task_queued", "task_runs"):
        with store.transaction() as tx:
            tx.execute(f"DELETE FROM {table}")
    ledger = DeliveryStore(store)
    for i in range(profiles):
        name = f"p{i}"
        store.save_profile(
            Profile(name=name, role="analyst", interests="; ".join(INTERESTS[i % 6 :][:3]))
        )
        config = deliver.check("webhook", {"url": f"{sink.url}/{name}"})
        ledger.add_channel(Channel(name, "hook", "webhook", config), DAY)
    sink.hits.clear()


class Workers:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, concurrency: int = 1, queues: str = "brief,deliver,cluster") -> None:
        out = (self.log / f"worker-{len(self.procs)}.log").open("wb")
        self.procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "newsbrief",
                    "worker",
                    "--concurrency",
                    str(concurrency),
                    "--queues",
                    queues,
                ],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )

    def kill(self, index: int) -> None:
        os.killpg(self.procs[index].pid, signal.SIGKILL)
        self.procs[index].wait()

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.procs.clear()


def count(store: Store, sql: str) -> int:
    return int(store.conn.execute(sql).fetchone()[0])


def wait_until(check: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return bool(check())


def warm_up(store: Store, settings: Settings, workers: int, task: str) -> None:
    """Queue quick tasks (on ids that do not exist) and wait for them: the workers are up."""
    from newsbrief.tasks import enqueue

    for i in range(workers * 2):
        enqueue(store, settings, task, [-1 - i])
    wait_until(lambda: count(store, "SELECT count(*) FROM task_runs") >= workers * 2, 120)


def briefings_run(
    store: Store,
    settings: Settings,
    env: dict[str, str],
    sink: Sink,
    profiles: int,
    workers: int,
    log: Path,
    kill: bool = False,
) -> dict[str, Any]:
    from newsbrief.tasks import enqueue

    reset(store, profiles, sink)
    pool = Workers(env, log)
    for _ in range(workers):
        pool.start()
    try:
        warm_up(store, settings, workers, "newsbrief.deliver")
        at = (DAY + timedelta(days=1)).isoformat()
        start = time.perf_counter()
        for i in range(profiles):
            day = (DAY + timedelta(days=1)).date().isoformat()
            enqueue(store, settings, "newsbrief.build_briefing", [f"p{i}", day, at], f"b:{i}")
        sent = "SELECT count(*) FROM deliveries WHERE status = 'sent'"
        killed_at = None
        if kill:
            wait_until(lambda: count(store, sent) >= profiles // 3, 600)
            killed_at = count(store, sent)
            pool.kill(0)
            pool.start()
        done = wait_until(lambda: count(store, sent) >= profiles, 600)
        elapsed = time.perf_counter() - start
        time.sleep(1.0)  # anything sent twice would arrive now
    finally:
        pool.stop()
    received = set(sink.hits)
    return {
        "workers": workers,
        "profiles": profiles,
        "finished": done,
        "seconds": round(elapsed, 1),
        "profiles_per_s": round(profiles / elapsed, 3),
        "killed_after_sent": killed_at,
        "lost": sum(1 for i in range(profiles) if f"p{i}" not in received),
        "duplicated": sum(n - 1 for n in sink.hits.values() if n > 1),
        "editions": count(store, "SELECT count(*) FROM editions"),
    }


def fetch_runs(
    base: dict[str, str], feeds: int, workers: int, concurrency: int, log: Path
) -> dict[str, Any]:
    from fetch_feeds import HOSTS, serve

    from newsbrief import config
    from newsbrief.ingest.subscriptions import fetch_sources
    from newsbrief.store.sources import add_source, list_sources
    from newsbrief.tasks import enqueue

    port = 18799
    server = multiprocessing.Process(target=serve, args=(port, 20), daemon=True)
    server.start()
    time.sleep(0.5)
    settings_env = {
        "NEWSBRIEF_ALLOW_PRIVATE_ADDRESSES": "true",
        "NEWSBRIEF_FETCH_FULL_TEXT": "false",
        "NEWSBRIEF_FETCH_CONCURRENCY": "64",
    }
    results: dict[str, Any] = {"feeds": feeds}
    try:
        for mode in ("in_process", "workers"):
            url = database(base["NEWSBRIEF_DATABASE_URL"], "nbbench_fetch", fresh=True)
            env = {**base, **settings_env, "NEWSBRIEF_DATABASE_URL": url}
            os.environ.update(env)
            settings = config.load(Path(env["NEWSBRIEF_HOME"]))
            with Store(url) as store:
                for n in range(feeds):
                    host = f"127.0.0.{1 + n % HOSTS}"
                    add_source(store, f"http://{host}:{port}/{n}.xml", "feed", f"feed {n}")
                if mode == "in_process":
                    start = time.perf_counter()
                    fetch_sources(store, settings, list_sources(store))
                    elapsed = time.perf_counter() - start
                else:
                    pool = Workers(env, log)
                    for _ in range(workers):
                        pool.start(concurrency, queues="fetch")
                    try:
                        warm_up(store, settings, workers, "newsbrief.fetch_feed")
                        start = time.perf_counter()
                        for source in list_sources(store):
                            enqueue(store, settings, "newsbrief.fetch_feed", [source.id])
                        wait_until(lambda s=store: count(s, FETCHED) >= feeds, 900)
                        elapsed = time.perf_counter() - start
                    finally:
                        pool.stop()
                items = store.article_count()
            results[mode] = {
                "items": items,
                "seconds": round(elapsed, 1),
                "items_per_s": round(items / elapsed, 1),
            }
        results["workers"]["processes"] = f"{workers} x {concurrency}"
    finally:
        server.terminate()
    return results


def enqueue_rate(base: dict[str, str], tasks: int) -> dict[str, Any]:
    """Queue N deliver tasks as the scheduler does (a key recorded in the store, then the
    message); nobody consumes them. Messages per second, with and without the store's key."""
    from newsbrief import config
    from newsbrief.tasks import enqueue

    url = database(base["NEWSBRIEF_DATABASE_URL"], "nbbench_enqueue", fresh=True)
    os.environ.update({**base, "NEWSBRIEF_DATABASE_URL": url})
    settings = config.load(Path(base["NEWSBRIEF_HOME"]))
    rates = {}
    with Store(url) as store:
        for label, keyed in (("with_key", True), ("message_only", False)):
            start = time.perf_counter()
            for i in range(tasks):
                key = f"deliver:{label}:{i}" if keyed else None
                enqueue(store, settings, "newsbrief.deliver", [i], key)
            rates[f"{label}_per_s"] = round(tasks / (time.perf_counter() - start), 1)
    redis.Redis.from_url(base["NEWSBRIEF_BROKER_URL"]).flushdb()
    return {"tasks": tasks, **rates}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--profiles", type=int, default=0)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--feeds", type=int, default=0)
    parser.add_argument("--fetch-concurrency", type=int, default=8)
    parser.add_argument("--enqueue", type=int, default=0, help="measure queueing N tasks")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    found = services()
    broker = found["NEWSBRIEF_BROKER_URL"].rsplit("/", 1)[0] + "/14"
    redis.Redis.from_url(broker).flushdb()
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        base = {
            **{k: v for k, v in os.environ.items() if not k.startswith("NEWSBRIEF_")},
            "NEWSBRIEF_HOME": str(home),
            "NEWSBRIEF_BROKER_URL": broker,
            "NEWSBRIEF_TASK_VISIBILITY_SECONDS": "20",
            "NEWSBRIEF_ALLOW_PRIVATE_ADDRESSES": "true",  # the webhook receiver is on loopback
            "NEWSBRIEF_DATABASE_URL": found["NEWSBRIEF_DATABASE_URL"],
        }
        if args.profiles:
            from newsbrief import config

            url = database(
                found["NEWSBRIEF_DATABASE_URL"], f"nbbench_workers_{args.articles}", fresh=False
            )
            env = {**base, "NEWSBRIEF_DATABASE_URL": url}
            os.environ.update(env)
            settings = config.load(home)
            started = time.perf_counter()
            build_store(url, args.data, args.articles)
            sink = Sink()
            runs = []
            with Store(url) as store:
                out["articles"] = store.article_count()
                out["stories"] = len(store.stories())
                out["store_s"] = round(time.perf_counter() - started, 1)
                for workers in counts:
                    runs.append(
                        briefings_run(store, settings, env, sink, args.profiles, workers, home)
                    )
                    print(json.dumps(runs[-1]), file=sys.stderr)
                killed = briefings_run(
                    store, settings, env, sink, args.profiles, max(counts), home, kill=True
                )
            out["briefings"] = runs
            out["speedup"] = {
                str(r["workers"]): round(r["profiles_per_s"] / runs[0]["profiles_per_s"], 2)
                for r in runs
            }
            out["killed_run"] = killed
            out["lost"] = killed["lost"]
            out["duplicated"] = killed["duplicated"]
        if args.enqueue:
            out["enqueue"] = enqueue_rate(base, args.enqueue)
        if args.feeds:
            out["fetch"] = fetch_runs(base, args.feeds, counts[0], args.fetch_concurrency, home)
    redis.Redis.from_url(broker).flushdb()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
