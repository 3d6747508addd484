"""Hostile input: what feeds, pages and servers send cannot read local files, stall the run,
exhaust memory or lose what is stored. Real servers on loopback (tests/hostileserver.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hostileserver import HostileServer, item, rss

from newsbrief.config import Settings, defaults
from newsbrief.ingest.feeds import parse_feed
from newsbrief.ingest.subscriptions import fetch_sources
from newsbrief.store import Store
from newsbrief.store.sources import add_source, find_source, list_sources

LOCAL = defaults(allow_private_addresses=True, fetch_host_delay=0.0, fetch_timeout=5.0)


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as srv:
        yield srv


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "s.db") as s:
        yield s


def fetch(store: Store, settings: Settings | None = None):
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
    report = fetch(store, replace(LOCAL, fetch_full_text=False))
    assert titles(store) == []
    assert all(r.error and "not a feed" in r.error for r in report.results), report.results
    for body in (str(secret).encode(), str(secret), b"/dev/zero", "file:///dev/zero"):
        with pytest.raises(ValueError, match="not a feed"):
            parse_feed(body if isinstance(body, bytes) else body.encode())
    assert find_source(store, hostile.url("/h/zero-path")) is not None


# 4. one bad item link costs only that item --------------------------------------------------

BAD_LOCATIONS = [
    "javascript:alert(1)",
    "javascript://x.test/%0aalert(1)",
    "file:///etc/passwd",
    "http://x:port/",
    "http://[::1/",
    "http://a b.test/",
    "http://127.0.0.1:99999/x",
]


def raw_redirect(location: str):
    def answer(h) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return answer


@pytest.mark.parametrize("location", BAD_LOCATIONS)
def test_an_item_link_redirecting_to_a_bad_url_costs_only_that_item(store, hostile, location):
    slug = str(abs(hash(location)))
    link = hostile.route(f"/h/bad-{slug}", raw_redirect(location))
    full = "The council approved the harbour budget on Monday after a long debate. " * 30
    feed = rss(
        item("Good one", text=full, guid="g1")
        + item("Bad link", link, "A short excerpt.", guid="g2")
        + item("Good two", text=full.replace("harbour", "airport"), guid="g3")
    )
    add_source(store, hostile.route(f"/h/feed-{slug}.xml", feed), "feed", "mixed")
    report = fetch(store)
    assert report.results[0].error is None and report.results[0].new == 3
    assert titles(store) == ["Bad link", "Good one", "Good two"]
    row = store.conn.execute("SELECT text, partial FROM articles WHERE title = 'Bad link'")
    assert tuple(row.fetchone()) == ("A short excerpt.", 1)


@pytest.mark.parametrize("location", ["javascript:alert(1)", "http://x:port/"])
def test_adding_or_importing_a_bad_url_is_one_error_line(run, home, hostile, location):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("allow_private_addresses = true\nfetch_host_delay = 0\n")
    link = hostile.route(f"/h/add-{abs(hash(location))}", raw_redirect(location))
    for url in (link, location):
        result = run("feeds", "add", url)
        assert result.exit_code == 2, result.output
        assert result.stderr.lower().startswith("error: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.output
    result = run("import", link)  # the one input asked for fails: a user error
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert result.stderr.lower().startswith(f"error: {link}: "), result.stderr


# 8. a URL cannot inject markup into any output ----------------------------------------------

HOSTILE_URLS = [
    "https://evil.test/a\n\n<img src=x onerror=alert(1)>",
    "https://evil.test/b)<img src=x onerror=alert(1)>(",
    'https://evil.test/c"><script>alert(1)</script>',
    "https://evil.test/d>|[click](javascript:alert(1))",
    "https://evil.test/e\r\n# Injected heading",
]


def test_item_urls_cannot_inject_markup_into_any_output(tmp_path):
    import json

    from newsbrief.briefing.assemble import build_briefing
    from newsbrief.deliver.webhook import discord_payload, slack_payload
    from newsbrief.demo import DEMO_SINCE, corpus_path
    from newsbrief.ingest.files import import_paths
    from newsbrief.render import render_html, render_markdown
    from newsbrief.render.email import render_email_html, render_email_text
    from newsbrief.render.text import render_text

    rows = [json.loads(line) for line in corpus_path().read_text(encoding="utf-8").splitlines()]
    for i, row in enumerate(rows):
        row["url"] = HOSTILE_URLS[i % len(HOSTILE_URLS)]
    corpus = tmp_path / "hostile.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        import_paths(store, [str(corpus)])
        briefing = build_briefing(store, since=DEMO_SINCE, record=False, limit=4)
    assert briefing.stories and any(ref.url for s in briefing.stories for ref in s.sources)
    outputs = {
        "markdown": render_markdown(briefing),
        "text": render_text(briefing),
        "html": render_html(briefing),
        "email html": render_email_html(briefing),
        "email text": render_email_text(briefing, footer="f", unsubscribe="mailto:a@x.org"),
        "slack": json.dumps(slack_payload(briefing, "2024-01-01")),
        "discord": json.dumps(discord_payload(briefing, "2024-01-01")),
    }
    for name, out in outputs.items():
        for bad in ("<img", "<script", "# Injected", "](javascript:", "|[click]"):
            assert bad not in out, (name, bad)
    # The links are still there, escaped: the reader can still follow them.
    assert (
        "https://evil.test/a%0A%0A%3Cimg%20src=x%20onerror=alert%281%29%3E" in outputs["markdown"]
    )
    for line in outputs["markdown"].splitlines() + outputs["text"].splitlines():
        assert not line.lstrip().startswith("<"), line


# also: huge fields are cut at import ------------------------------------------------------


def test_direction_overrides_cannot_change_what_an_outlet_or_headline_shows(
    store, hostile, tmp_path
):
    from newsbrief.ingest.files import import_paths

    # A feed named "\u202esretueR" is shown as "Reuters"; a title's "01" as "10". Stored
    # without the overrides, what is shown is what is stored.
    text = "The harbour board approved the budget on Monday after a long debate. " * 5
    feed = rss(
        item("Harbour budget: \u202e01\u202c million approved", text=text, guid="d1"),
        title="\u202esretueR\u202c",
    )
    add_source(store, hostile.route("/h/direction.xml", feed), "feed")  # named by the feed
    report = fetch(store, replace(LOCAL, fetch_full_text=False))
    assert report.results[0].error is None and report.results[0].new == 1
    title, outlet = store.conn.execute("SELECT title, outlet FROM articles").fetchone()
    assert (title, outlet) == ("Harbour budget: 01 million approved", "sretueR")
    # A file's fields come by another path, to the same end.
    line = {"title": "Budget approved", "text": text, "source": "\u2066\u202esretueR\u202c\u2069",
            "url": "https://x.example/direction"}  # fmt: skip
    corpus = tmp_path / "direction.jsonl"
    corpus.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert import_paths(store, [str(corpus)]).added == 1
    row = store.conn.execute("SELECT outlet FROM articles WHERE title = 'Budget approved'")
    assert row.fetchone()[0] == "sretueR"


def test_a_huge_title_or_author_is_cut_before_it_is_stored(store, hostile, tmp_path):
    from newsbrief.ingest.files import import_paths
    from newsbrief.limits import MAX_NAME, MAX_TITLE

    huge = "Harbour " * (5 * 1024 * 1024 // 8)  # a 5 MB title
    text = "The harbour board approved the budget on Monday after a long debate. " * 30
    feed = rss(
        item(huge, text=text, guid="t1").replace(
            "</item>", f"<author>{'Ann ' * 250_000}</author></item>"
        )
        + item("Normal title", text=text.replace("harbour", "airport"), guid="t2")
    )
    add_source(store, hostile.route("/h/huge-title.xml", feed), "feed", "huge")
    report = fetch(store, replace(LOCAL, fetch_full_text=False))
    assert report.results[0].error is None and report.results[0].new == 2
    rows = store.conn.execute("SELECT title, author FROM articles ORDER BY title").fetchall()
    assert [len(r[0]) <= MAX_TITLE for r in rows] == [True, True]
    assert rows[0][0].startswith("Harbour Harbour") and rows[0][0].endswith("…")
    assert len(rows[0][1]) <= MAX_NAME
    line = {"id": "x" * 100_000, "title": "Quay " * 1_000_000, "text": text, "source": "S" * 10**6}
    corpus = tmp_path / "huge.jsonl"
    corpus.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = import_paths(store, [str(corpus)])
    assert result.added == 1 and not result.failed
    title, source, key = store.conn.execute(
        "SELECT title, outlet, id FROM articles WHERE title LIKE 'Quay%'"
    ).fetchone()
    assert len(title) <= MAX_TITLE and len(source) <= MAX_NAME and len(key) <= 200
    assert import_paths(store, [str(corpus)]).present == 1  # the same article, found again


# 9. a trickling delivery server is cut off at the delivery's deadline -----------------------


@pytest.mark.parametrize("kind", ["email", "webhook"])
def test_a_trickling_server_cannot_hold_a_delivery_past_its_deadline(tmp_path, kind):
    import time
    from datetime import UTC, datetime

    from delivery_kit import FakeClock, add_profile, seed_news, settings
    from hostileserver import TrickleSocket

    from newsbrief import deliver
    from newsbrief.models import Channel
    from newsbrief.schedule import Scheduler
    from newsbrief.store.deliveries import DeliveryStore

    now = datetime(2024, 5, 2, 7, 0, tzinfo=UTC)
    # Each byte comes well within the per-read timeout; the line never ends.
    opening = b"220 " if kind == "email" else b"HTTP/1.1 200 OK\r\nX-Slow: "
    with (
        TrickleSocket(opening + b"x" * 1000, every=0.1, duration=15) as server,
        Store(tmp_path / "s.db") as store,
    ):
        seed_news(store, now, tmp_path / "in")
        add_profile(store, "ana", "UTC", "07:00")
        cfg = (
            {"to": ["ana@example.org"]}
            if kind == "email"
            else {"url": f"http://127.0.0.1:{server.port}/hook"}
        )
        channel = Channel("ana", "out", kind, deliver.check(kind, cfg))
        DeliveryStore(store).add_channel(channel, now)
        values = settings(
            smtp_host="127.0.0.1",
            smtp_port=server.port,
            smtp_security="none",
            smtp_from="desk@example.net",
            smtp_timeout=1.0,
            webhook_timeout=1.0,
            allow_private_addresses=True,
        )
        started = time.monotonic()
        (outcome,) = Scheduler(store, tmp_path, values, clock=FakeClock(now)).tick().outcomes
        took = time.monotonic() - started
    assert server.connections == 1
    assert outcome.error is not None and "did not answer within 1 s" in outcome.error
    assert took < 6, f"the delivery took {took:.1f} s with a 1 s deadline"


# 6. the address checked is the address connected to; special ranges; webhooks -------------

GUARDED = replace(LOCAL, allow_private_addresses=False)


def test_dns_rebinding_cannot_reach_a_local_address(store, hostile, monkeypatch):
    """A name that resolves to an allowed address when checked and to a local one afterwards.

    127.0.0.2 stands in for a public address (the test may not leave the machine): the guard is
    told it is public; 127.0.0.1, where the hostile server listens, stays local.
    """
    import socket

    from hostileserver import HostileServer

    from newsbrief.ingest import fetch as fetch_module

    port = int(hostile.host.rsplit(":", 1)[1])
    internal = rss(item("Internal secret", text="from the local service " * 40, guid="in"))
    hostile.route("/feed.xml", internal)
    public = HostileServer("127.0.0.2", port)  # the same port: the URL names one
    public.route("/feed.xml", rss(item("Public item", text="from outside " * 40, guid="out")))

    real_lookup = socket.getaddrinfo
    answers: list[str] = []

    def rebinding(host, port, *args, **kwargs):
        if (host.decode() if isinstance(host, bytes) else host) != "rebind.test":
            return real_lookup(host, port, *args, **kwargs)
        answers.append("127.0.0.2" if not answers else "127.0.0.1")  # public once, then local
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[-1], port))]

    real_public = fetch_module._is_public
    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(fetch_module, "_is_public", lambda a: a == "127.0.0.2" or real_public(a))
    with public:
        add_source(store, f"http://rebind.test:{port}/feed.xml", "feed", "rebind")
        report = fetch(store, replace(GUARDED, fetch_full_text=False))
    assert hostile.hits["/feed.xml"] == 0, "the local server was reached"
    assert report.results[0].error is None, report.results[0].error
    assert titles(store) == ["Public item"]


@pytest.mark.parametrize(
    "address",
    [
        "100.64.0.1",  # carrier-grade NAT
        "[2002:7f00:1::1]",  # 6to4 of 127.0.0.1
        "[64:ff9b::a9fe:a9fe]",  # NAT64 of 169.254.169.254
        "[2001:0:4136:e378:8000:63bf:3fff:fdd2]",  # Teredo
        "192.0.0.170",
        "198.18.0.1",
        "240.0.0.1",
        "239.1.2.3",
        "[::ffff:169.254.169.254]",
        "[fd00::1]",
        "0.0.0.0",
    ],
)
def test_special_purpose_addresses_are_refused(store, address):
    add_source(store, f"http://{address}/feed.xml", "feed", "special")
    (result,) = fetch(store, GUARDED).results
    assert result.error and "private or local address" in result.error, result.error
    assert result.disabled and result.disabled.startswith("refused: ")


@pytest.mark.parametrize("host", ["127.0.0.1", "169.254.169.254"])
def test_a_webhook_to_a_local_or_metadata_address_is_refused(tmp_path, host):
    from datetime import UTC, datetime

    from delivery_kit import FakeClock, WebhookSink, add_profile, seed_news, settings

    from newsbrief import deliver
    from newsbrief.models import Channel
    from newsbrief.schedule import Scheduler
    from newsbrief.store.deliveries import DeliveryStore

    now = datetime(2024, 5, 2, 7, 0, tzinfo=UTC)
    sink = WebhookSink().start()
    url = sink.url().replace("127.0.0.1", host)
    try:
        with Store(tmp_path / "s.db") as store:
            seed_news(store, now, tmp_path / "in")
            add_profile(store, "ana", "UTC", "07:00")
            cfg = deliver.check("webhook", {"url": url})
            DeliveryStore(store).add_channel(Channel("ana", "hook", "webhook", cfg), now)
            values = settings(allow_private_addresses=False, webhook_timeout=2.0)
            (refused,) = Scheduler(store, tmp_path, values, clock=FakeClock(now)).tick().outcomes
            assert refused.error is not None and "private or local address" in refused.error
            assert "s3cr3t" not in refused.error
            if host == "127.0.0.1":  # the setting that allows loopback still lets it through
                allowed = settings(allow_private_addresses=True)
                clock = FakeClock(refused.retry_at)
                (sent,) = Scheduler(store, tmp_path, allowed, clock=clock).tick().outcomes
                assert sent.ok, sent.error
    finally:
        sink.stop()
    assert len(sink.hits) == (1 if host == "127.0.0.1" else 0)


# 3. extraction runs off the fetch loop, with a deadline and a size limit --------------------

FULL = "The harbour board approved the budget on Monday after a long and heated debate. " * 30


def test_a_page_slow_to_extract_costs_only_its_item_and_stalls_no_other_feed(store, hostile):
    import time

    from hostileserver import delayed

    storm = rss(
        item("Storm", hostile.url("/h/attributes"), "A short excerpt.", guid="s1")
        + item("Steady", text=FULL, guid="s2")
    )
    add_source(store, hostile.route("/h/storm.xml", storm), "feed", "storm")
    neighbour = rss(item("Neighbour", text=FULL.replace("harbour", "airport"), guid="n1"))
    add_source(store, hostile.route("/h/neighbour.xml", delayed(neighbour, 1.5)), "feed", "slow")
    started = time.monotonic()
    report = fetch(store, replace(LOCAL, fetch_timeout=6.0, extract_timeout=2.0))
    took = time.monotonic() - started
    by_name = {r.source.name: r for r in report.results}
    assert by_name["slow"].error is None and by_name["slow"].new == 1  # answered in time
    assert by_name["storm"].error is None and by_name["storm"].new == 2
    assert by_name["storm"].partial == 1
    row = store.conn.execute("SELECT text, partial FROM articles WHERE title = 'Storm'")
    assert tuple(row.fetchone()) == ("A short excerpt.", 1)
    assert [s.failures for s in list_sources(store)] == [0, 0]
    assert took < 30, f"the run took {took:.0f} s with a 2 s extraction deadline"


def test_a_page_over_the_size_limit_is_not_extracted(store, hostile):
    page = f"<html><body><article><h1>Big</h1><p>{FULL * 20}</p></article></body></html>"
    link = hostile.route("/h/big-page", page.encode())
    feed = rss(item("Big page", link, "The excerpt of a big page.", guid="b1"))
    add_source(store, hostile.route("/h/big.xml", feed), "feed", "big")
    (result,) = fetch(store, replace(LOCAL, extract_max_bytes=20_000)).results
    assert result.error is None and result.new == 1 and result.partial == 1
    assert titles(store) == ["Big page"]
    # The same page under a larger limit is extracted: the limit is what kept the excerpt.
    link = hostile.route("/h/big-page-2", page.encode())
    hostile.route("/h/big.xml", rss(item("Big page again", link, "The excerpt.", guid="b2")))
    (result,) = fetch(store, replace(LOCAL, extract_max_bytes=5_000_000)).results
    assert result.error is None and result.new == 1 and result.partial == 0


# 5. items per fetch are capped, stored as they complete, pages read within a budget --------


def test_a_huge_feed_is_stored_newest_first_a_capped_number_per_fetch(store, hostile):
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    start = datetime(2024, 1, 1, tzinfo=UTC)
    items = [
        item(
            f"Item {n:05d}",
            guid=f"i{n}",
            text=f"Report number {n} on the harbour budget.",
            date=format_datetime(start + timedelta(minutes=n)),
        )
        for n in range(600)
    ]
    items.reverse()
    items.insert(300, items.pop(0))  # the newest item in the middle: order is by date
    data = rss("".join(items))

    def with_validators(h) -> None:
        from hostileserver import send

        if h.headers.get("If-None-Match") == '"v1"':
            send(h, 304)
        else:
            send(h, 200, data, headers={"ETag": '"v1"'})

    add_source(store, hostile.route("/h/many.xml", with_validators), "feed", "many")
    settings = replace(LOCAL, fetch_full_text=False, fetch_max_items=50)
    (first,) = fetch(store, settings).results
    assert first.error is None and first.new == 50 and first.deferred == 550
    assert first.warning and "left for the next fetch" in first.warning
    assert titles(store) == [f"Item {n:05d}" for n in range(550, 600)]
    (second,) = fetch(store, settings).results  # read again in full, not answered 304
    assert not second.not_modified and second.new == 50 and second.seen == 50
    assert titles(store)[0] == "Item 00500"


def test_items_are_stored_as_they_complete_and_pages_read_within_a_budget(store, hostile):
    import sqlite3
    import time

    from hostileserver import send

    database = store.path
    seen_while_waiting: list[int] = []

    def slow_page(h) -> None:
        # While this page is being read, the items whose pages came back are already stored.
        for _ in range(40):
            with sqlite3.connect(database) as conn:
                count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            if count:
                break
            time.sleep(0.1)
        seen_while_waiting.append(count)
        time.sleep(30)
        send(h, 200, b"<html><body><p>late</p></body></html>", "text/html")

    pages = []
    for n, topic in enumerate(("harbour", "airport")):
        page = f"<html><body><article><h1>Fast {n}</h1><p>{FULL.replace('harbour', topic)}"
        pages.append(
            hostile.route(f"/h/fast-{n}", (page + "</p></article></body></html>").encode())
        )
    slow = hostile.route("/h/slow-page", slow_page)
    feed = rss(
        item("Slow one", slow, "Slow excerpt.", guid="p0", date="Mon, 01 Jan 2024 12:00:00 GMT")
        + item("Fast one", pages[0], "Excerpt.", guid="p1", date="Mon, 01 Jan 2024 11:00:00 GMT")
        + item("Fast two", pages[1], "Excerpt.", guid="p2", date="Mon, 01 Jan 2024 10:00:00 GMT")
    )
    add_source(store, hostile.route("/h/paged.xml", feed), "feed", "paged")
    started = time.monotonic()
    (result,) = fetch(store, replace(LOCAL, fetch_timeout=60.0, fetch_pages_budget=8.0)).results
    took = time.monotonic() - started
    assert result.error is None and result.new == 3 and result.partial == 1
    assert seen_while_waiting and seen_while_waiting[0] >= 1
    rows = dict(store.conn.execute("SELECT title, partial FROM articles").fetchall())
    assert rows == {"Slow one": 1, "Fast one": 0, "Fast two": 0}
    assert took < 25, f"the run took {took:.0f} s with an 8 s page budget"


# The standing abusive answers, all in one run ---------------------------------------------

# Answers no feed can be made of: each fails its own feed, with one line that says why. In a
# run this crowded a slow answer may reach the deadline first (a bomb before its size limit, a
# body before its size limit); test_ingest checks each reason alone. A redirect loop is always
# reported as one: waiting for a turn is not the request's time, and bombs are decompressed off
# the fetch loop.
BOMB = ("decompressed", "timed out")
FAILS: dict[str, tuple[str, ...]] = {
    "/h/bomb-gzip": BOMB,
    "/h/bomb-deflate": BOMB,
    "/h/bomb-br": BOMB,
    "/h/huge": ("larger than", "timed out"),
    "/h/huge-unchunked": ("larger than", "timed out"),
    "/h/stall": ("timed out",),
    "/h/loop-a": ("redirect loop",),
    "/h/loop-b": ("redirect loop",),
    "/h/to-file": ("",),
    "/h/to-javascript": ("",),
    "/h/to-bad-port": ("",),
    "/h/status-500": ("HTTP 500",),
}


def test_every_abusive_answer_costs_only_its_own_feed_with_one_line(store):
    """Decompression bombs (gzip, deflate, brotli), endless and trickling bodies, stalls,
    redirect loops and redirects to other schemes, entity expansion and external entities,
    malformed XML, binary bodies and false charsets, fetched in one run next to an honest
    feed: no exception, one line per failure, nothing of a local file stored, the honest feed
    stored whole."""
    from contextlib import ExitStack

    from hostileserver import hostile_answers, make_bombs

    make_bombs()  # before the clock runs: compressing 200 MB takes seconds on a busy machine
    # The metadata address is the address guard's (test_special_purpose_addresses_are_refused);
    # with private addresses allowed here it would only wait for a host that is not there.
    paths = [p for p in hostile_answers("") if p != "/h/to-metadata"]
    honest = rss(item("Harbour reopens after storm repairs", text=FULL, guid="honest-1"))
    with ExitStack() as stack:
        # Each feed on its own loopback address, as on the web: the per-host politeness
        # limits apply between the pages of one site, not between unrelated feeds.
        servers = [
            stack.enter_context(HostileServer(f"127.0.0.{n + 2}")) for n in range(len(paths) + 1)
        ]
        urls = {path: srv.url(path) for path, srv in zip(paths, servers, strict=False)}
        for path, url in urls.items():
            add_source(store, url, "feed", path.rsplit("/", 1)[1])
        honest_url = servers[-1].route("/h/honest.xml", honest)
        add_source(store, honest_url, "feed", "honest")
        report = fetch(store, replace(LOCAL, fetch_timeout=3.0, fetch_full_text=False))
    by_url = {r.source.url: r for r in report.results}
    assert len(by_url) == len(paths) + 1
    for path, reasons in FAILS.items():
        error = by_url[urls[path]].error
        assert error and any(r in error for r in reasons), (path, error)
    for result in report.results:
        if result.error:
            assert "\n" not in result.error and "Traceback" not in result.error, result.error
            assert len(result.error) < 400, result.error
    assert by_url[honest_url].error is None
    assert "Harbour reopens after storm repairs" in titles(store)
    stored = " ".join(f"{t} {x}" for t, x in store.conn.execute("SELECT title, text FROM articles"))
    assert "root:" not in stored  # the external entity named /etc/passwd was never read
    assert len(stored) < 100_000  # no bomb or entity expanded into what is stored


# A crash in the middle of an import --------------------------------------------------------


def test_an_import_killed_midway_loses_nothing_and_finishes_when_run_again(tmp_path):
    """The process is killed (SIGKILL, no clean-up) while it stores a large file: the store
    stays sound, what was stored stays, and running the import again stores the rest once."""
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from conftest import run_process

    if os.environ.get("NEWSBRIEF_DATABASE_URL"):
        pytest.skip("reads the SQLite file directly")
    total = 6000
    rows = (
        json.dumps(
            {
                "id": f"crash-{n}",
                "title": f"Council {n} approves budget for harbour district {n}",
                "text": f"The council of district {n} approved its budget of {n} million on "
                f"Monday after a debate. Residents of district {n} will vote on it in May.",
                "url": f"https://news.example/{n}",
                "published": "2024-03-01T10:00:00Z",
            }
        )
        for n in range(total)
    )
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    home = tmp_path / "home"
    db = home / "newsbrief.db"

    def stored() -> int:
        if not db.exists():
            return 0
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            try:
                return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
            except sqlite3.OperationalError:  # not created yet
                return 0

    child = subprocess.Popen(
        [sys.executable, "-m", "newsbrief", "--home", str(home), "import", str(source)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while stored() == 0 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    before = stored()
    assert 0 < before < total, "the import was not caught in the middle"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = run_process("--home", str(home), "import", str(source))
    assert again.returncode == 0, again.stderr
    assert stored() == total
    with sqlite3.connect(db) as conn:
        ids = conn.execute("SELECT COUNT(DISTINCT id) FROM articles").fetchone()[0]
    assert ids == total


def test_a_redirect_loop_on_a_polite_host_ends_as_a_loop_not_a_time_out(store, hostile):
    """Each hop of a loop waits for the host's polite delay; that wait is not the request's
    time, so the loop is found and reported as one (not as a time-out that counts towards the
    feed's backoff as a slow server)."""
    add_source(store, hostile.url("/h/loop-a"), "feed", "loop")
    report = fetch(store, replace(LOCAL, fetch_host_delay=1.0, fetch_timeout=0.5))
    (result,) = report.results
    assert result.error and "redirect loop" in result.error, result.error
