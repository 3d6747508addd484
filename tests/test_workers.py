"""The work on a real task queue: Redis as the broker, PostgreSQL as the store, and real
`newsbrief worker` processes (Celery's prefork pool, no eager mode).

Redis and PostgreSQL are the ones `make services` starts; without a running Redis these tests
skip and say why (they never start one).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result
from delivery_kit import SmtpSink, WebhookSink, add_profile, seed_news, wait_for
from feedserver import FixtureServer

from newsbrief import deliver
from newsbrief.cli import cli
from newsbrief.models import Channel
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore
from newsbrief.store.sources import add_source

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2024, 5, 2, 7, 0, tzinfo=UTC)


@pytest.fixture
def broker() -> Iterator[str]:
    """A Redis database of its own on the running Redis, emptied before and after."""
    redis = pytest.importorskip("redis", reason="the workers extra (celery[redis]) is missing")
    done = subprocess.run(
        [str(REPO / "tools" / "services"), "env", "redis"], capture_output=True, text=True
    )
    url = next(
        (
            line.split("=", 1)[1]
            for line in done.stdout.splitlines()
            if line.startswith("NEWSBRIEF_BROKER_URL=")
        ),
        "",
    )
    if not url:
        pytest.skip("Redis is not running (start it with `make services`)")
    url = f"{url.rsplit('/', 1)[0]}/{random.randint(1, 15)}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def env(broker: str, pg_databases, tmp_path: Path) -> dict[str, str]:
    """The environment of every process of a test: one data folder, one database, one queue."""
    home = tmp_path / "home"
    home.mkdir()
    url = pg_databases.url(tmp_path / "store")
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBRIEF_")}
    return {
        **base,
        "NEWSBRIEF_HOME": str(home),
        "NEWSBRIEF_DATABASE_URL": url,
        "NEWSBRIEF_BROKER_URL": broker,
        # A task whose worker died goes to another worker after 60 s (the default is minutes);
        # the test of a killed worker shortens it. It is also how long a running task may take
        # before its message is handed out again, so it must outlast a task on a busy machine.
        "NEWSBRIEF_TASK_VISIBILITY_SECONDS": "60",
        "NEWSBRIEF_TASK_RETRY_SECONDS": "0.5",
        "NEWSBRIEF_TASK_MAX_RETRIES": "1",
    }


class Workers:
    """Real worker processes, each in a process group of its own (so a kill takes all)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.procs: list[subprocess.Popen[str]] = []

    def start(self, *args: str) -> subprocess.Popen[str]:
        log = Path(self.env["NEWSBRIEF_HOME"]).parent / f"worker-{len(self.procs)}.log"
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsbrief", "worker", "--concurrency", "1", *args],
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            text=True,
            env=self.env,
            start_new_session=True,
        )
        self.procs.append(proc)
        return proc

    def kill(self, proc: subprocess.Popen[str]) -> None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    def stop_all(self) -> None:
        # Killed, not stopped: quicker, and what they leave behind goes with the test's queue.
        for proc in self.procs:
            if proc.poll() is None:
                self.kill(proc)


@pytest.fixture
def workers(env: dict[str, str]) -> Iterator[Workers]:
    found = Workers(env)
    yield found
    found.stop_all()


def newsbrief(env: dict[str, str], *args: str) -> Result:
    """A command run in-process (quicker than a process) in the test's environment."""
    unset = {k: None for k in os.environ if k.startswith("NEWSBRIEF_") and k not in env}
    changed = {k: v for k, v in env.items() if k.startswith("NEWSBRIEF_")}
    return CliRunner().invoke(cli, list(args), env={**unset, **changed}, catch_exceptions=False)


def store_of(env: dict[str, str]) -> Store:
    return Store(env["NEWSBRIEF_DATABASE_URL"], home=Path(env["NEWSBRIEF_HOME"]))


def states(env: dict[str, str]) -> dict[str, tuple[str, int]]:
    with store_of(env) as store:
        return {d.channel: (d.status, d.attempts) for d in DeliveryStore(store).deliveries()}


def test_a_worker_killed_mid_delivery_loses_nothing_and_another_sends_nothing_twice(
    env, workers, tmp_path
):
    # The dead worker's message goes to another worker 2 s after it was taken.
    env["NEWSBRIEF_TASK_VISIBILITY_SECONDS"] = "2"
    home = Path(env["NEWSBRIEF_HOME"])
    smtp = SmtpSink()
    smtp.pause_at = "rcpt"  # the server holds the session before the message is transferred
    smtp.start()
    hooks = WebhookSink().start()
    (home / "config.toml").write_text(
        f'smtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsmtp_security = "none"\n'
        'smtp_from = "desk@example.net"\nallow_private_addresses = true\n',
        encoding="utf-8",
    )
    with store_of(env) as store:
        seed_news(store, NOW, tmp_path / "in")
        add_profile(store, "ana", "UTC", "07:00")
        ledger = DeliveryStore(store)
        for name, kind, cfg in [
            ("hook", "webhook", {"url": hooks.url()}),
            ("mail", "email", {"to": ["ana@example.org"]}),
            ("files", "folder", {"path": str(tmp_path / "out"), "formats": "md"}),
        ]:
            ledger.add_channel(Channel("ana", name, kind, deliver.check(kind, cfg)), NOW)
    try:
        first = workers.start()
        done = newsbrief(env, "tick", "--now", "2024-05-02T07:00:30Z")
        assert done.exit_code == 0, done.output
        assert "queued for the workers: 1 briefings" in done.stdout
        assert wait_for(smtp.reached.is_set, timeout=60), "the worker never reached SMTP"
        workers.kill(first)
        smtp.release.set()
        assert states(env)["hook"] == ("sent", 1)
        assert states(env)["mail"] == ("sending", 1)
        assert smtp.received == [] and len(hooks.hits) == 1

        # A scheduler pass while the message is still with the dead worker queues nothing twice.
        again = newsbrief(env, "tick", "--now", "2024-05-02T07:00:40Z")
        assert again.exit_code == 0, again.output
        assert "briefings" not in again.stdout

        workers.start()
        finished = wait_for(lambda: all(s == "sent" for s, _ in states(env).values()), timeout=60)
        assert finished, states(env)
        assert states(env) == {"hook": ("sent", 1), "mail": ("sent", 2), "files": ("sent", 1)}
        assert len(hooks.hits) == 1
        assert len(smtp.received) == 1
        assert (tmp_path / "out" / "2024-05-02-ana.md").exists()
        with store_of(env) as store:
            made = store.conn.execute("SELECT count(*) FROM briefings").fetchone()[0]
            assert made == 1 and len(DeliveryStore(store).editions("ana")) == 1

        shown = newsbrief(env, "stats", "--json")
        assert shown.exit_code == 0, shown.output
        queue = json.loads(shown.stdout)["queue"]
        assert queue["broker"] is True and queue["broker_error"] is None
        assert set(queue["queues"]) == {"fetch", "cluster", "write", "brief", "deliver"}
        # At least once: on a busy machine a run can outlast the 2 s visibility set above, and
        # its message is then handed out again; the edition makes that run a no-op (one
        # briefing, one send per channel, checked above).
        assert queue["tasks"]["build_briefing"]["done"] >= 1
        assert queue["tasks"]["deliver"]["done"] >= 3
        assert queue["dead_letters"] == 0
    finally:
        smtp.release.set()
        smtp.stop()
        hooks.stop()


def web_get(env: dict[str, str], *paths: str) -> list[httpx.Response]:
    from newsbrief.web import WebConfig, create_app

    async def get() -> list[httpx.Response]:
        app = create_app(WebConfig(home=Path(env["NEWSBRIEF_HOME"])))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
            found = [await http.get(path) for path in paths]
        app.state.web.stores.close()
        return found

    return asyncio.run(get())


def test_feeds_are_fetched_by_workers_and_a_delivery_given_up_becomes_a_dead_letter(
    env, workers, tmp_path, monkeypatch
):
    home = Path(env["NEWSBRIEF_HOME"])
    (home / "config.toml").write_text(
        "allow_private_addresses = true\nfetch_full_text = false\ndelivery_max_attempts = 1\n",
        encoding="utf-8",
    )
    hooks = WebhookSink().start()
    hooks.answers = [500]
    with FixtureServer() as server, store_of(env) as store:
        add_source(store, server.url("/feeds/atom10.xml"))
        add_source(store, server.url("/feeds/rss2.xml"))
        seed_news(store, NOW, tmp_path / "in")
        add_profile(store, "ana", "UTC", "07:00")
        check = deliver.check("webhook", {"url": hooks.url()})
        DeliveryStore(store).add_channel(Channel("ana", "hook", "webhook", check), NOW)
        before = store.article_count()
        workers.start("--queues", "fetch,cluster,brief,deliver")
        done = newsbrief(env, "tick", "--now", "2024-05-02T07:00:30Z")
        assert done.exit_code == 0, done.output
        assert "queued for the workers: fetch of 2 feeds" in done.stdout
        assert wait_for(lambda: states(env).get("hook", ("",))[0] == "failed", timeout=60), states(
            env
        )
        assert wait_for(lambda: server.hits["/feeds/rss2.xml"] == 1, timeout=30)
        assert store.article_count() > before
        assert wait_for(lambda: not store.unclustered_ids(), timeout=30)
        hook_id = DeliveryStore(store).deliveries()[0].id

    shown = newsbrief(env, "dead-letters", "--json")
    assert shown.exit_code == 0, shown.output
    letters = json.loads(shown.stdout)
    assert [(d["task"], d["args"]) for d in letters] == [("newsbrief.deliver", [hook_id])]
    assert "500" in letters[0]["error"]
    text = newsbrief(env, "stats")
    assert "dead letters: 1" in text.stdout
    assert "fetch_feed: 2 done" in text.stdout

    for name, value in env.items():
        if name.startswith("NEWSBRIEF_"):
            monkeypatch.setenv(name, value)
    api, page = web_get(env, "/api/tasks", "/tasks")
    assert api.status_code == 200 and page.status_code == 200
    shown_api = api.json()
    assert shown_api["dead_letters"] == 1 and shown_api["tasks"]["fetch_feed"]["done"] == 2
    assert shown_api["latest_dead_letters"][0]["task"] == "newsbrief.deliver"
    assert "Dead letters (1)" in page.text and "500 Internal Server Error" in page.text
    hooks.stop()


def test_the_web_app_queues_fetches_for_the_workers_when_a_broker_is_set(
    broker, tmp_path, monkeypatch
):
    import redis

    from newsbrief.store.sources import list_sources

    home = tmp_path / "web"
    home.mkdir()
    monkeypatch.setenv("NEWSBRIEF_HOME", str(home))
    monkeypatch.setenv("NEWSBRIEF_BROKER_URL", broker)
    monkeypatch.delenv("NEWSBRIEF_DATABASE_URL", raising=False)
    with Store(home / "newsbrief.db") as store:  # SQLite: the queue does not need PostgreSQL
        add_source(store, "https://feeds.example/a.xml")
        add_source(store, "https://feeds.example/b.xml")
        ids = [s.id for s in list_sources(store)]

    async def fetch() -> list[dict]:
        from newsbrief.web import WebConfig, create_app

        app = create_app(WebConfig(home=home))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
            headers = {"X-CSRF-Token": (await http.get("/api/session")).json()["csrf_token"]}
            found = [
                (await http.post("/api/sources/fetch", json={}, headers=headers)).json()
                for _ in range(2)
            ]
        app.state.web.stores.close()
        return found

    first, second = asyncio.run(fetch())
    # Nothing was fetched here: two messages wait for a worker, and asking again adds none.
    assert first["new"] == 0 and first["summary"].startswith("2 feeds queued for the workers")
    assert second["summary"].startswith("0 feeds queued for the workers (2 already queued)")
    client = redis.Redis.from_url(broker)
    messages = [json.loads(m) for m in client.lrange("fetch", 0, -1)]
    client.close()
    assert sorted(json.loads(base64.b64decode(m["body"]))[0][0] for m in messages) == ids


def test_pages_imported_with_a_broker_are_read_by_a_worker_and_queued_once(env, workers):
    home = Path(env["NEWSBRIEF_HOME"])
    (home / "config.toml").write_text("allow_private_addresses = true\n", encoding="utf-8")
    with FixtureServer() as server, store_of(env) as store:
        page = server.url("/articles/terminal")
        first = newsbrief(env, "import", page)
        again = newsbrief(env, "import", page)
        assert first.exit_code == 0 and again.exit_code == 0, first.output + again.output
        assert "queued for the workers: 1 pages (0 already queued)" in first.stdout
        assert "queued for the workers: 0 pages (1 already queued)" in again.stdout
        assert store.article_count() == 0  # nothing read here: the page waits for a worker
        workers.start("--queues", "fetch,cluster")
        assert wait_for(lambda: store.article_count() == 1, timeout=60)
        assert server.hits["/articles/terminal"] == 1
        assert wait_for(lambda: not store.unclustered_ids(), timeout=30)
        # Read once, the page can be queued again (a later import asks for it anew).
        assert "queued for the workers: 1 pages" in newsbrief(env, "import", page).stdout
