"""Shared helpers of the web tests: a data folder with news in it, and a real server process."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import httpx
from conftest import FIXTURES

from newsbrief.accounts import add_user
from newsbrief.demo import corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.store import DB_NAME, Store
from newsbrief.store import db as store_db
from newsbrief.store.copy import copy_store
from newsbrief.store.postgres import PgConnection, is_url
from newsbrief.web import WebConfig, create_app

# A few events of the bundled corpus: enough for a briefing, quick to write up.
LABELS = {"12_ecb", "27_ecb", "24_ecb", "14_ecb", "20_ecb", "2_ecb"}
XSS_FEED = FIXTURES / "web" / "xss.jsonl"
# Fetching the test's own feed server on loopback; feed items are read as they are.
LOCAL_FEEDS = "allow_private_addresses = true\nfetch_full_text = false\n"


def make_home(
    path: Path,
    labels: set[str] | None = None,
    extra: tuple[Path, ...] = (),
    settings: str = "",
) -> Path:
    """A data folder whose briefings cover the whole corpus (its events are years old);
    ``settings`` are more lines of config.toml."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "config.toml").write_text('since = "2000-01-01"\n' + settings, encoding="utf-8")
    rows = [json.loads(line) for line in corpus_path().read_text(encoding="utf-8").splitlines()]
    chosen = [r for r in rows if r["label"] in (labels or LABELS)]
    corpus = path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
    with Store(path / DB_NAME) as store:
        import_paths(store, [str(corpus), *map(str, extra)])
    return path


def corpus_labels() -> set[str]:
    """Every event of the bundled corpus (its ECB+ half has outlets and dates)."""
    lines = corpus_path().read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["label"] for line in lines}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(home: Path, *args: str, host: str = "127.0.0.1") -> Iterator[str]:
    """``newsbrief serve`` as a real process; yields its base URL once it answers."""
    port = free_port()
    env = {**os.environ, "NEWSBRIEF_HOME": str(home)}
    target = store_db.store_target(home)
    if is_url(target):  # the store the tests put there, on the engine under test
        env["NEWSBRIEF_DATABASE_URL"] = str(target)
    process = subprocess.Popen(
        [sys.executable, "-m", "newsbrief", "serve", "--host", host, "--port", str(port), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                output = process.stdout.read() if process.stdout else ""
                raise RuntimeError(f"server exited: {output}")
            try:
                httpx.get(base + "/static/style.css", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not start within 60 s") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# The app in-process (httpx's ASGI transport) -------------------------------------------------


@asynccontextmanager
async def client(home: Path, **options: object) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(WebConfig(home=home, **options))  # type: ignore[arg-type]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        http.app = app  # type: ignore[attr-defined]  # for tests that look at its state
        yield http
    app.state.web.stores.close()


async def csrf(http: httpx.AsyncClient) -> str:
    response = await http.get("/api/session")
    assert response.status_code == 200
    return str(response.json()["csrf_token"])


def briefing_rows(home: Path) -> int:
    with Store(home / DB_NAME) as store:
        return int(store.conn.execute("SELECT count(*) FROM briefings").fetchone()[0])


def add_account(home: Path, name: str = "ana", password: str = "correct horse") -> None:
    with Store(home / DB_NAME) as store:
        add_user(store, name, password)


async def login(
    http: httpx.AsyncClient, name: str, password: str, next: str = "/"
) -> httpx.Response:
    page = await http.get("/login")
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text)
    assert found, page.text
    form = {"csrf_token": found.group(1), "username": name, "password": password, "next": next}
    return await http.post("/login", data=form)


def copy_home(source: Path, path: Path, settings: str = "") -> Path:
    """A fresh copy of a data folder (tests change it); ``settings`` are more config lines."""
    path.mkdir(parents=True)
    config = (source / "config.toml").read_text(encoding="utf-8") + settings
    (path / "config.toml").write_text(config, encoding="utf-8")
    with Store(source / DB_NAME) as src, Store(path / DB_NAME) as dst:
        if isinstance(src.conn, PgConnection):  # the PostgreSQL run: a database of its own
            copy_store(src, dst)
        else:
            src.conn.backup(dst.conn)
    return path
