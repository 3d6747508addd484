"""Webhooks against a real HTTP receiver on loopback; Slack and Discord payload shapes."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from delivery_kit import FakeClock, WebhookSink, add_profile, free_port, seed_news, settings

from newsbrief import deliver
from newsbrief.briefing.assemble import build_briefing
from newsbrief.deliver.redact import mask_url, redact
from newsbrief.deliver.webhook import discord_payload, slack_payload
from newsbrief.demo import DEMO_SINCE, corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.models import Channel
from newsbrief.schedule import Scheduler
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore

NOW = datetime(2024, 5, 2, 7, 0, tzinfo=UTC)
TOKEN = "s3cr3t-t0ken"


@pytest.fixture
def sink():
    server = WebhookSink().start()
    yield server
    server.stop()


@pytest.fixture
def store_home(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    with Store(home / "newsbrief.db") as store:
        seed_news(store, NOW, tmp_path / "in")
        add_profile(store, "ana", "UTC", "07:00")
        yield store, home


def hook(store: Store, url: str, style: str = "json", name: str = "hook") -> Channel:
    channel = Channel(
        "ana", name, "webhook", deliver.check("webhook", {"url": url, "style": style})
    )
    return DeliveryStore(store).add_channel(channel, NOW)


def tick(store, home, clock, **overrides):
    return Scheduler(store, home, settings(**overrides), clock=clock).tick()


def test_generic_json_payload(store_home, sink):
    store, home = store_home
    hook(store, sink.url())
    (outcome,) = tick(store, home, FakeClock(NOW)).outcomes
    assert outcome.ok, outcome.error
    (hit,) = sink.hits
    assert hit.path == f"/hooks/T000/B000/{TOKEN}"
    assert hit.headers["Content-Type"] == "application/json"
    assert hit.headers["User-Agent"].startswith("newsbrief/")
    body = hit.body
    assert set(body) == {
        "event",
        "delivery",
        "profile",
        "date",
        "channel",
        "title",
        "markdown",
        "briefing",
    }
    assert body["event"] == "briefing" and body["profile"] == "ana" and body["date"] == "2024-05-02"
    assert hit.headers["Idempotency-Key"] == body["delivery"]
    assert body["briefing"]["title"] == body["title"]
    assert body["briefing"]["stories"] and body["markdown"].startswith("# ")


def test_slack_and_discord_payloads_delivered(store_home, sink):
    store, home = store_home
    hook(store, sink.url("/slack/" + TOKEN), "slack", "slack")
    hook(store, sink.url("/discord/" + TOKEN), "discord", "discord")
    report = tick(store, home, FakeClock(NOW))
    assert [o.ok for o in report.outcomes] == [True, True]
    slack, discord = sink.hits
    assert slack.body["blocks"][0]["type"] == "header"
    assert any(
        b["type"] == "section" and "<https://news.example/" in b["text"]["text"]
        for b in slack.body["blocks"]
    )
    assert discord.body["embeds"] and discord.body["embeds"][0]["url"].startswith("https://")
    assert discord.body["allowed_mentions"] == {"parse": []}


def test_payloads_respect_slack_and_discord_limits(tmp_path):
    with Store(tmp_path / "s.db") as store:
        import_paths(store, [str(corpus_path())])
        briefing = build_briefing(store, since=DEMO_SINCE, limit=30, record=False)
    assert len(briefing.stories) > 10
    briefing.stories[0].writeup.headline = "A <b>headline</b> & a | pipe " + "x" * 400
    slack = slack_payload(briefing, "2024-05-02")
    assert len(slack["blocks"]) <= 50
    assert len(slack["blocks"][0]["text"]["text"]) <= 150
    for block in slack["blocks"]:
        if "text" in block:
            assert len(block["text"]["text"]) <= 3000
    sections = [b["text"]["text"] for b in slack["blocks"] if b["type"] == "section"]
    first_story = next(text for text in sections if text.startswith("1. "))
    assert "&lt;b&gt;" in first_story and "<b>" not in first_story and "| pipe" not in first_story
    discord = discord_payload(briefing, "2024-05-02")
    assert len(discord["content"]) <= 2000 and len(discord["embeds"]) <= 10
    total = sum(
        len(e["title"]) + len(e["description"]) + len(e.get("footer", {}).get("text", ""))
        for e in discord["embeds"]
    )
    assert total <= 6000
    assert all(len(e["title"]) <= 256 and len(e["description"]) <= 4096 for e in discord["embeds"])


def test_server_error_is_retried_and_the_url_never_shows(store_home, sink, caplog):
    store, home = store_home
    caplog.set_level(logging.DEBUG)
    hook(store, sink.url())
    sink.answers = [500, 503]
    clock = FakeClock(NOW)
    (first,) = tick(store, home, clock).outcomes
    masked = f"http://127.0.0.1:{sink.port}/***"
    assert first.error == f"webhook {masked} answered 500 Internal Server Error: internal trouble"
    assert first.retry_at == NOW + timedelta(seconds=60)
    clock.set(first.retry_at)
    (second,) = tick(store, home, clock).outcomes
    assert second.error is not None and "answered 503" in second.error
    clock.set(second.retry_at)
    (third,) = tick(store, home, clock).outcomes
    assert third.ok
    assert [h.answered for h in sink.hits] == [500, 503, 200]
    keys = {h.headers["Idempotency-Key"] for h in sink.hits}
    assert len(keys) == 1  # the same delivery every time, so the receiver can tell
    assert len(sink.ok_hits()) == 1
    assert TOKEN not in caplog.text
    row = DeliveryStore(store).deliveries()[0]
    assert row.status == "sent" and row.attempts == 3 and TOKEN not in (row.last_error or "")


def test_hanging_webhook_times_out_and_later_succeeds(store_home, sink):
    store, home = store_home
    hook(store, sink.url())
    sink.answers = [("hang", 3)]
    clock = FakeClock(NOW)
    (first,) = tick(store, home, clock, webhook_timeout=0.5).outcomes
    assert first.error == f"webhook http://127.0.0.1:{sink.port}/*** did not answer within 0.5 s"
    clock.set(first.retry_at)
    (second,) = tick(store, home, clock, webhook_timeout=5).outcomes
    assert second.ok


def test_unreachable_webhook(store_home):
    store, home = store_home
    port = free_port()
    hook(store, f"http://127.0.0.1:{port}/hooks/{TOKEN}")
    (outcome,) = tick(store, home, FakeClock(NOW)).outcomes
    assert outcome.error is not None
    assert outcome.error.startswith(f"webhook http://127.0.0.1:{port}/***: cannot connect (")
    assert TOKEN not in outcome.error and outcome.retry_at is not None


def test_url_masking_and_redaction():
    url = "https://hooks.slack.com/services/T0/B0/abcdef?x=1"
    assert mask_url(url) == "https://hooks.slack.com/***"
    assert mask_url("not a url") == "***"
    text = f"failed for {url} and /services/T0/B0/abcdef alone; password pw-123"
    cleaned = redact(text, [url, "pw-123"])
    assert "abcdef" not in cleaned and "pw-123" not in cleaned
    for bad in ("ftp://x.org/a", "hooks.slack.com/x", ""):
        with pytest.raises(ValueError) as err:
            deliver.check("webhook", {"url": bad})
        assert bad not in str(err.value) or not bad
    with pytest.raises(ValueError, match="--style 'teams'"):
        deliver.check("webhook", {"url": "https://x.org/h", "style": "teams"})
