"""Hostile input: what feeds, pages and servers send cannot read local files, stall the run,
exhaust memory or lose what is stored. Real servers on loopback (tests/hostileserver.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hostileserver import HostileServer, item, rss

from newsbrief.ingest.feeds import parse_feed
from newsbrief.ingest.subscriptions import fetch_sources
from newsbrief.store import Store
from newsbrief.store.sources import add_source, find_source, list_sources

LOCAL = {"allow_private_addresses": True, "fetch_host_delay": 0.0, "fetch_timeout": 5.0}


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as srv:
        yield srv


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "s.db") as s:
        yield s


def fetch(store: Store, settings: dict | None = None):
    return fetch_sources(store, settings or LOCAL, [s for s in list_sources(store) if s.enabled])


def titles(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT title FROM articles ORDER BY title")]


# 1. a feed body is only ever parsed, never opened -----------------------------------------


def test_a_feed_body_that_names_a_local_file_is_not_opened(store, hostile, tmp_path):
    secret = tmp_path / "local.xml"
    secret.write_bytes(rss(item("Local secret item", "http://x.test/secret")))
    assert parse_feed(secret.read_bytes()).items  # the file is a feed when read as one
    add_source(store, hostile.route("/h/local-path", str(secret).encode()), "feed", "path")
    add_source(store, hostile.url("/h/zero-path"), "feed", "zero")
    report = fetch(store, {**LOCAL, "fetch_full_text": False})
    assert titles(store) == []
    assert all(r.error and "not a feed" in r.error for r in report.results), report.results
    for body in (str(secret).encode(), str(secret), b"/dev/zero", "file:///dev/zero"):
        with pytest.raises(ValueError, match="not a feed"):
            parse_feed(body if isinstance(body, bytes) else body.encode())
    assert find_source(store, hostile.url("/h/zero-path")) is not None
