"""The sources page and API: add a feed or site, upload OPML, health, fetch, remove.

Feeds come from a real HTTP server on loopback serving the project's fixtures.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from conftest import FIXTURES
from feedserver import FixtureServer
from webtools import LOCAL_FEEDS, make_home

from newsbrief.web import WebConfig, create_app

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with FixtureServer() as fixtures:
        for name in ("news.xml", "xss.xml"):
            fixtures.extra[f"/web/{name}"] = fixtures.body(f"web/{name}")
        yield fixtures


@asynccontextmanager
async def client(home: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(WebConfig(home=home))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        yield http
    app.state.web.stores.close()


async def token(http: httpx.AsyncClient) -> str:
    return str((await http.get("/api/session")).json()["csrf_token"])


async def test_add_a_feed_fetch_it_and_read_its_story(tmp_path, server):
    home = make_home(tmp_path / "h", labels={"20_ecb"}, settings=LOCAL_FEEDS)
    async with client(home) as http:
        csrf = await token(http)
        added = await http.post(
            "/sources", data={"csrf_token": csrf, "url": server.url("/web/news.xml"),
                              "tags": "rail, valley"},
        )  # fmt: skip
        assert added.status_code == 303 and added.headers["location"].startswith("/sources?added=")
        page = await http.get(added.headers["location"])
        assert "Subscribed to Valley Courier." in page.text and "not fetched yet" in page.text
        fetched = await http.post("/sources/fetch", data={"csrf_token": csrf})
        assert fetched.status_code == 303
        page = await http.get("/sources")
        assert "3 new articles" in page.text and '<dd class="state">ok</dd>' in page.text
        [source] = (await http.get("/api/sources")).json()
        assert source["items"] == 3 and source["tags"] == ["rail", "valley"]
        assert source["last_error"] is None and source["last_success"]
        briefing = (await http.get("/api/briefing")).json()
        tunnel = [s for s in briefing["stories"] if "Glacier" in s["headline"]]
        assert len(tunnel) == 1 and tunnel[0]["reports"] == 3
        assert {s["source"] for s in tunnel[0]["sources"]} == {"Valley Courier"}
        assert "Glacier" in (await http.get("/")).text


async def test_a_site_address_finds_its_feed(tmp_path, server):
    home = make_home(tmp_path / "h", labels={"20_ecb"}, settings=LOCAL_FEEDS)
    async with client(home) as http:
        headers = {"X-CSRF-Token": await token(http)}
        body = {"url": server.url("/home"), "name": "Gazette"}
        added = (await http.post("/api/sources", json=body, headers=headers)).json()
        assert added["created"] and added["discovered_from"] == server.url("/home")
        assert added["source"]["url"] == server.url("/feeds/rss2.xml")
        again = (await http.post("/api/sources", json=body, headers=headers)).json()
        assert again["created"] is False
        report = (await http.post("/api/sources/fetch", json={}, headers=headers)).json()
        assert report["new"] == 2 and report["results"][0]["error"] is None


async def test_private_addresses_and_other_schemes_are_refused(tmp_path, server):
    home = make_home(tmp_path / "h", labels={"20_ecb"})  # default settings
    async with client(home) as http:
        csrf = await token(http)
        for url, reason in (
            (server.url("/web/news.xml"), "resolves to a private or local address"),
            ("javascript:alert(1)", "only http and https"),
            ("file:///etc/passwd", "only http and https"),
            ("http://[::1]:9/feed", "private or local address"),
        ):
            page = await http.post("/sources", data={"csrf_token": csrf, "url": url})
            assert page.status_code == 400, url
            assert reason in page.text, (url, page.text[:2000])
            assert 'role="alert"' in page.text
        headers = {"X-CSRF-Token": csrf}
        api = await http.post("/api/sources", json={"url": server.url("/home")}, headers=headers)
        assert api.status_code == 400 and "private or local address" in api.json()["detail"]
        assert (await http.get("/api/sources")).json() == []
        assert server.hits["/web/news.xml"] == 0 and server.hits["/home"] == 0


async def test_opml_upload_health_and_removal(tmp_path, server):
    home = make_home(tmp_path / "h", labels={"20_ecb"}, settings=LOCAL_FEEDS)
    opml = (FIXTURES / "feeds" / "nested.opml").read_text(encoding="utf-8")
    opml = opml.replace("HOST", server.host)
    async with client(home) as http:
        csrf = await token(http)
        files = {"file": ("subs.opml", opml.encode(), "text/x-opml")}
        page = await http.post("/sources/opml", data={"csrf_token": csrf}, files=files)
        assert page.status_code == 200
        imported = re.search(r"OPML: added (\d+), already present (\d+), skipped (\d+)", page.text)
        assert imported and int(imported.group(1)) >= 2
        bad = {"file": ("x.opml", b"<html>not opml", "text/html")}
        refused = await http.post("/sources/opml", data={"csrf_token": csrf}, files=bad)
        assert refused.status_code == 400 and "x.opml:" in refused.text
        # A feed that fails shows its error after a fetch.
        headers = {"X-CSRF-Token": csrf}
        broken = '<opml version="2.0"><body><outline type="rss" text="Broken" ' \
            f'xmlUrl="{server.url("/status/500")}"/></body></opml>'  # fmt: skip
        await http.post("/api/sources/opml", json={"opml": broken}, headers=headers)
        sources = (await http.get("/api/sources")).json()
        failing = next(s for s in sources if s["name"] == "Broken")
        report = (await http.post(
            "/api/sources/fetch", json={"sources": [failing["id"]]}, headers=headers
        )).json()  # fmt: skip
        assert [r["source_id"] for r in report["results"]] == [failing["id"]]
        assert report["results"][0]["error"]
        page = await http.get("/sources")
        assert "Last error:" in page.text and "failing" in page.text
        # Remove it with the form; and another with the API.
        removed = await http.post(f"/sources/{failing['id']}/remove", data={"csrf_token": csrf})
        assert removed.status_code == 303
        left = (await http.get("/api/sources")).json()
        assert failing["id"] not in [s["id"] for s in left]
        other = left[0]["id"]
        assert (await http.delete(f"/api/sources/{other}", headers=headers)).status_code == 200
        assert (await http.delete(f"/api/sources/{other}", headers=headers)).status_code == 404
        gone = await http.post(f"/sources/{other}/remove", data={"csrf_token": csrf})
        assert gone.status_code == 404
        assert (await http.delete(f"/api/sources/{other}")).status_code == 403  # no token
