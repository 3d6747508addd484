"""Feeds, OPML, pages and the fetcher, against a real HTTP server on loopback."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from feedserver import FixtureServer, bomb

from newsbrief.config import Settings, defaults
from newsbrief.ingest.fetch import Fetcher, Policy, UnsafeURL, check_url, decode
from newsbrief.ingest.subscriptions import add_feed, fetch_sources, import_opml
from newsbrief.store import Store
from newsbrief.store.sources import find_source, list_sources

LOCAL = defaults(allow_private_addresses=True, fetch_host_delay=0.0, fetch_timeout=5.0)


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    with FixtureServer() as srv:
        yield srv


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "s.db") as s:
        yield s


def subscribe(store: Store, server: FixtureServer, *paths: str) -> None:
    for path in paths:
        add_feed(store, server.url(path), LOCAL)


def fetch_all(store: Store, settings: Settings | None = None):
    return fetch_sources(store, settings or LOCAL, [s for s in list_sources(store) if s.enabled])


def titles(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT title FROM articles")}


@pytest.mark.parametrize(
    "path,title",
    [
        ("/feeds/rss2.xml", "Port authority approves new container terminal"),
        ("/feeds/rss091.xml", "Council votes to keep the old lighthouse"),
        ("/feeds/rss1.rdf", "Bridge repairs to start in April"),
        ("/feeds/atom10.xml", "Library extends opening hours"),
        ("/feeds/atom03.xml", "Museum reopens after renovation"),
        ("/feeds/feed.json", "Fish market moves to the new quay"),
    ],
)
def test_every_feed_format(store, server, path, title):
    subscribe(store, server, path)
    report = fetch_all(store, replace(LOCAL, fetch_full_text=False))
    assert not report.failed, report.failed
    assert title in titles(store)


def test_full_text_canonical_url_and_normalisation(store, server):
    subscribe(store, server, "/feeds/rss2.xml")
    report = fetch_all(store)
    assert report.new == 2 and not report.failed
    row = store.conn.execute("SELECT * FROM articles WHERE title LIKE 'Port authority%'").fetchone()
    # The feed carried one sentence; the page gave the whole article.
    assert "double the port's capacity by 2028" in row["text"]
    assert row["partial"] == 0
    assert row["canonical_url"] == f"http://{server.host}/articles/terminal"  # utm_* dropped
    assert row["published"] == "2024-03-04T08:00:00+00:00"
    assert row["language"] == "en" and row["guid"] == "gazette-1001"
    ferry = store.conn.execute("SELECT * FROM articles WHERE title LIKE 'Ferry%'").fetchone()
    assert ferry["published"] == "2024-03-04T08:30:00+00:00"  # +0100 converted to UTC
    assert "1,200 passengers" in ferry["text"]  # full content from the feed, no page fetch


def test_conditional_get_and_feed_health(store, server):
    subscribe(store, server, "/feeds/atom10.xml")
    first = fetch_all(store)
    assert first.new == 1
    source = list_sources(store)[0]
    assert source.etag and source.failures == 0 and source.items == 1
    # Cache-Control max-age=7200 pushes the next fetch two hours out.
    assert source.next_fetch and source.last_fetch
    assert (source.next_fetch - source.last_fetch).total_seconds() >= 7200
    second = fetch_all(store)
    assert second.results[0].not_modified and second.new == 0


def test_feed_ttl_sets_the_next_fetch(store, server):
    subscribe(store, server, "/feeds/slow-ttl.xml")
    fetch_all(store)
    source = list_sources(store)[0]
    assert source.next_fetch and source.last_fetch
    # <ttl>240</ttl> asks for more than the default interval and the server's max-age (2 h).
    assert (source.next_fetch - source.last_fetch).total_seconds() >= 240 * 60


def test_feed_discovery_from_a_home_page(store, server):
    added = add_feed(store, server.url("/home"), LOCAL)
    assert added.source.url == server.url("/feeds/rss2.xml")
    assert added.discovered_from == server.url("/home")
    with pytest.raises(ValueError, match="announces no feed"):
        add_feed(store, server.url("/nofeed"), LOCAL)


def test_opml_import_nested_tags_and_broken_entries_then_export(store, server):
    text = server.body("feeds/nested.opml").decode()
    result = import_opml(store, text)
    assert result.added == 3 and len(result.problems) == 2
    gazette = find_source(store, server.url("/feeds/rss2.xml"))
    assert (gazette is not None and gazette.tags == ["Local", "News"]) or gazette.tags == [
        "News",
        "Local",
    ]
    assert import_opml(store, text).present == 3  # idempotent
    from newsbrief.ingest.subscriptions import export_feeds

    exported = export_feeds(store)
    assert server.url("/feeds/feed.json") in exported
    again = import_opml(store, exported)
    assert again.present == 3 and not again.problems


def test_malformed_xml_is_salvaged(store, server):
    subscribe(store, server, "/feeds/malformed.xml")
    report = fetch_all(store, replace(LOCAL, fetch_full_text=False))
    assert not report.failed
    assert "Tram line opens & passengers cheer" in titles(store)
    assert report.results[0].warning and "malformed" in report.results[0].warning


def test_items_without_link_title_or_date(store, server):
    subscribe(store, server, "/feeds/items-missing.xml")
    report = fetch_all(store, replace(LOCAL, fetch_full_text=False))
    assert not report.failed and report.new == 2
    rows = store.conn.execute("SELECT title, published, first_seen FROM articles").fetchall()
    # An item without a date stays undated: when it was first seen is not when it was written.
    assert [r["published"] for r in rows if "no link or date" in r["title"]] == [None]
    assert all(r["first_seen"] for r in rows)
    assert "An item with no link or date: school term starts early" in titles(store)


def test_duplicates_across_feeds_are_stored_once(store, server):
    subscribe(store, server, "/feeds/duplicate-a.xml", "/feeds/duplicate-b.xml")
    report = fetch_all(store, replace(LOCAL, fetch_full_text=False))
    assert not report.failed
    # Same canonical URL (tracking parameters differ): one article; a GUID reused: one article.
    airport = f"http://{server.host}/articles/airport"
    rows = store.conn.execute("SELECT canonical_url, guid FROM articles").fetchall()
    assert sum(1 for r in rows if r["canonical_url"] == airport) == 1
    assert sum(1 for r in rows if r["guid"] == "shared-guid-7") == 1


@pytest.mark.parametrize(
    "path,reason,disabled",
    [
        ("/status/404", "HTTP 404", False),
        ("/status/410", "HTTP 410", True),
        ("/status/500", "HTTP 500", False),
        ("/loop/a", "redirect loop", False),
        ("/huge", "larger than", False),
        ("/bomb", "decompressed", False),
        ("/stall", "timed out", False),
    ],
)
def test_bad_servers_fail_one_source_only(store, server, path, reason, disabled):
    subscribe(store, server, "/feeds/atom10.xml")
    from newsbrief.store.sources import add_source

    add_source(store, server.url(path), "feed", "bad")
    if path == "/bomb":
        bomb()  # made before the clock runs: compressing 200 MB takes seconds on a busy machine
    settings = replace(LOCAL, fetch_timeout=3.0)
    report = fetch_all(store, settings)
    bad = next(r for r in report.results if r.source.name == "bad")
    assert bad.error and reason in bad.error, bad.error
    assert "Library extends opening hours" in titles(store)  # the good feed still worked
    source = find_source(store, server.url(path))
    assert source is not None and source.failures == 1 and source.last_error
    assert source.enabled is (not disabled)


@pytest.mark.parametrize("code", [429, 503])
def test_retry_after_is_respected(store, server, code):
    from newsbrief.store.sources import add_source

    source, _ = add_source(store, server.url(f"/status/{code}"), "feed", "busy")
    fetch_all(store)
    after = find_source(store, source.url)
    assert after is not None and after.next_fetch and after.last_fetch
    # Retry-After: 120 s is below the first backoff step (15 min), which wins.
    assert (after.next_fetch - after.last_fetch).total_seconds() >= 15 * 60
    assert after.last_status == str(code)


def test_repeated_failures_back_off_then_disable_and_reenable(store, server):
    from newsbrief.store.sources import add_source, enable_source

    source, _ = add_source(store, server.url("/status/500"), "feed", "flaky")
    waits = []
    for _ in range(3):
        fetch_all(store, replace(LOCAL, fetch_max_failures=3))
        s = find_source(store, source.url)
        assert s is not None and s.next_fetch and s.last_fetch
        waits.append((s.next_fetch - s.last_fetch).total_seconds())
    assert waits[0] < waits[1]  # exponential backoff
    s = find_source(store, source.url)
    assert s is not None and not s.enabled and "3 failures in a row" in (s.disabled_reason or "")
    enable_source(store, s)
    s = find_source(store, source.url)
    assert s is not None and s.enabled and s.failures == 0


def test_paywalled_and_blocked_pages_keep_the_excerpt_marked_partial(store, server):
    feed = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Teasers</title>"
        f"<item><title>Harbour deal details</title><link>{server.url('/articles/paywalled')}"
        "</link><description>Terms of the harbour deal emerge.</description></item>"
        f"<item><title>Blocked story</title><link>{server.url('/articles/blocked')}</link>"
        "<description>A story behind a CDN check.</description></item>"
        f"<item><title>Robots story</title><link>{server.url('/private/page')}</link>"
        "<description>A page robots.txt disallows.</description></item>"
        "</channel></rss>"
    )
    server.extra["/teasers.xml"] = feed.encode()
    subscribe(store, server, "/teasers.xml")
    report = fetch_all(store)
    assert report.results[0].partial == 3
    rows = store.conn.execute("SELECT text, partial FROM articles").fetchall()
    assert all(r["partial"] == 1 for r in rows)
    assert {r["text"] for r in rows} == {
        "Terms of the harbour deal emerge.",
        "A story behind a CDN check.",
        "A page robots.txt disallows.",
    }


def test_address_guard_refuses_local_addresses_by_default(store, server):
    with pytest.raises(UnsafeURL, match="private or local address"):
        check_url(server.url("/feeds/rss2.xml"))
    for url in ("ftp://example.org/feed", "file:///etc/passwd", "javascript:alert(1)"):
        with pytest.raises(UnsafeURL, match="only http and https"):
            check_url(url)
    with pytest.raises(ValueError, match="private or local address"):
        add_feed(store, server.url("/feeds/rss2.xml"), defaults(fetch_host_delay=0.0))

    # A redirect to a local address is refused at the hop, too.
    async def hop() -> None:
        async with Fetcher(Policy(allow_private=False)) as fetcher:
            await fetcher.get(server.url("/moved"))

    with pytest.raises(UnsafeURL):
        asyncio.run(hop())


def test_charsets():
    latin = "<?xml version='1.0' encoding='ISO-8859-1'?><rss><title>Café</title></rss>"
    assert decode(latin.encode("latin-1"))[0].count("Café") == 1
    wrong = "The crème brûlée festival opens on the quay this weekend."
    assert decode(wrong.encode("latin-1"), "text/html; charset=utf-8")[0] == wrong
    assert decode("\ufeffhello".encode("utf-8"))[0] == "hello"
    assert decode(b'<meta charset="windows-1252"><p>\x93quoted\x94</p>')[0].count("“quoted”") == 1


def test_wrong_and_missing_charset_feeds(store, server):
    from newsbrief.store.sources import add_source

    add_source(store, server.url("/latin1-noheader"), "feed", "latin")
    add_source(store, server.url("/latin1-wrongheader"), "feed", "wrong")
    report = fetch_all(store, replace(LOCAL, fetch_full_text=False))
    assert not report.failed, [r.error for r in report.failed]
    assert "Crème brûlée festival opens" in titles(store)


def test_gzip_transfer_is_decoded(server):
    async def get() -> bytes:
        async with Fetcher(Policy(allow_private=True, host_delay=0)) as fetcher:
            return (await fetcher.get(server.url("/feeds/rss2.xml"))).body

    body = asyncio.run(get())
    assert body.startswith(b"<?xml") and gzip.decompress(gzip.compress(body)) == body


def test_fetch_command_prints_a_summary_and_survives_offline_sources(run, server, home):
    (home).mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("allow_private_addresses = true\nfetch_host_delay = 0\n")
    assert run("feeds", "add", server.url("/feeds/atom10.xml"), "--tag", "local").exit_code == 0
    run("feeds", "add", server.url("/feeds/rss091.xml"))
    from newsbrief.store.sources import add_source

    with Store(home / "newsbrief.db") as s:
        add_source(s, "http://127.0.0.1:9/unreachable.xml", "feed", "offline")
    result = run("fetch")
    assert result.exit_code == 0, result.output
    assert "new articles" in result.output and "FAILED" in result.output
    listing = run("feeds", "list").output
    assert "atom10.xml" in listing and "local" in listing
    exported = run("feeds", "export").output
    assert "<opml" in exported and "atom10.xml" in exported
    assert run("feeds", "remove", "1").exit_code == 0
    assert run("feeds", "remove", "999").exit_code == 2


def test_import_url_fetches_one_page(run, server, home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("allow_private_addresses = true\nfetch_host_delay = 0\n")
    result = run("import", server.url("/articles/terminal"))
    assert "added 1" in result.output, result.output
    assert "already present 1" in run("import", server.url("/articles/terminal")).output
    bad = run("import", server.url("/articles/paywalled"), server.url("/status/404"))
    assert "paywalled" in bad.stderr and "HTTP 404" in bad.stderr


def test_a_feed_item_holding_a_digest_becomes_one_article_per_story(store, server):
    from html import escape

    email = (
        Path(__file__).parent / "fixtures/realworld-heldout/weekly-roundup-email.html"
    ).read_text(encoding="utf-8")
    body = email.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
    feed = (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Weekly</title>'
        "<item><title>The Compute Weekly #112</title><link>https://letters.example/112?utm_source=rss</link>"
        "<guid>letters-112</guid><pubDate>Fri, 14 Mar 2025 07:00:00 GMT</pubDate>"
        f"<content:encoded>{escape(body)}</content:encoded></item></channel></rss>"
    )
    server.extra["/digest.xml"] = feed.encode()
    subscribe(store, server, "/digest.xml")
    fetch_all(store)
    rows = store.conn.execute("SELECT title, url, published FROM articles ORDER BY url").fetchall()
    assert [r["title"] for r in rows] == [
        "Court lets authors' lawsuit against Anthropic proceed",
        "ElevenLabs halves prices for its voice API",
        "Intel delays its Ohio factory to 2031",
    ]
    assert all(r["url"].startswith("https://letters.example/112?utm_source=rss#") for r in rows)
    assert len({r["published"] for r in rows}) == 1


def test_waiting_for_a_host_does_not_count_towards_a_request_timeout(server):
    """Two requests to one host 1.5 s apart (the polite delay) under a 1 s timeout: the second
    waits its turn, then has its own second; it is not recorded as timed out."""
    policy = Policy(allow_private=True, host_delay=1.5, total_timeout=1.0, per_host=1)

    async def get_two() -> list[int]:
        async with Fetcher(policy) as fetcher:
            url = server.url("/feeds/rss2.xml")
            responses = await asyncio.gather(fetcher.get(url), fetcher.get(url))
            return [r.status for r in responses]

    assert asyncio.run(get_two()) == [200, 200]


def test_decompressing_a_body_does_not_hold_up_the_fetch_loop(server, monkeypatch):
    """While one body is being decompressed, the event loop keeps running (other requests,
    their timers): a decompression that waits for the loop to answer must get its answer."""
    import threading

    from newsbrief.ingest import fetch

    unpack = fetch._decompress
    started, answered = threading.Event(), threading.Event()

    def slow_decompress(raw: bytes, encoding: str, limit: int) -> bytes:
        started.set()
        # Blocks the loop for 5 s if it runs on the loop thread; off it, the loop answers.
        assert answered.wait(5), "the event loop was blocked while decompressing"
        return unpack(raw, encoding, limit)

    monkeypatch.setattr(fetch, "_decompress", slow_decompress)

    async def answer_when_started() -> None:
        while not started.is_set():
            await asyncio.sleep(0.01)
        answered.set()

    async def run() -> bytes:
        async with Fetcher(Policy(allow_private=True, host_delay=0)) as fetcher:
            response, _ = await asyncio.gather(
                fetcher.get(server.url("/feeds/rss2.xml")), answer_when_started()
            )
            return response.body

    assert asyncio.run(run()).startswith(b"<?xml")
