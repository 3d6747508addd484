"""The delivery commands as a user runs them: channels, tick, run, deliveries; and the Atom feed."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import run_process
from delivery_kit import FakeClock, WebhookSink, add_profile, seed_news, settings, wait_for

from newsbrief.deliver.atom import atom_feed
from newsbrief.models import Edition
from newsbrief.schedule import Scheduler
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore

A = "{http://www.w3.org/2005/Atom}"
TOKEN = "Zx81-very-secret"


@pytest.fixture
def ana(home: Path, tmp_path: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    # The test receivers listen on loopback.
    (home / "config.toml").write_text("allow_private_addresses = true\n", encoding="utf-8")
    with Store(home / "newsbrief.db") as store:
        seed_news(store, datetime(2024, 5, 2, 7, tzinfo=UTC), tmp_path / "in")
        seed_news(store, datetime(2024, 5, 3, 7, tzinfo=UTC), tmp_path / "in2")
        add_profile(store, "ana", "UTC", "07:00")
    return home


def one_line_error(result, expected: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines == [f"Error: {expected}"], result.output  # in-process, click's own format


def test_channels_add_list_remove(run, ana, tmp_path):
    result = run("channels", "add", "ana", "email", "--to", "ana@example.org", "--to", "b@x.org")
    assert result.exit_code == 0, result.output
    assert (
        result.output == "added channel email to profile ana: email, to ana@example.org, b@x.org\n"
    )
    url = f"https://hooks.slack.com/services/T1/B2/{TOKEN}"
    result = run("channels", "add", "ana", "webhook", "--style", "slack", "--url", url)
    assert result.exit_code == 0 and TOKEN not in result.output
    assert "slack to https://hooks.slack.com/***" in result.output
    out = tmp_path / "files"
    assert (
        run("channels", "add", "ana", "folder", "--path", str(out), "--name", "disk").exit_code == 0
    )
    assert run("channels", "add", "ana", "email", "--to", "c@x.org").output.startswith(
        "added channel email-2 "
    )

    listing = run("channels", "list").output
    assert TOKEN not in listing
    assert listing.splitlines() == [
        "ana\temail\temail\tto ana@example.org, b@x.org",
        "ana\twebhook\twebhook\tslack to https://hooks.slack.com/***",
        f"ana\tdisk\tfolder\t{out.resolve()} (md, html, json)",
        "ana\temail-2\temail\tto c@x.org",
    ]
    rows = json.loads(run("channels", "list", "ana", "--json").output)
    assert [r["name"] for r in rows] == ["email", "webhook", "disk", "email-2"]
    assert rows[1]["config"]["url"] == "https://hooks.slack.com/***"

    assert run("channels", "remove", "ana", "email-2").exit_code == 0
    one_line_error(
        run("channels", "remove", "ana", "email-2"), "profile 'ana' has no channel named 'email-2'"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["nobody", "email", "--to", "a@x.org"],
            "profile 'nobody' does not exist (see: newsbrief profile list)",
        ),
        (
            ["ana", "email", "--to", "not-an-address"],
            "email channel: 'not-an-address' is not an email address",
        ),
        (["ana", "email"], "email channel: an email channel needs at least one --to address"),
        (
            ["ana", "email", "--to", "a@x.org", "--path", "x"],
            "option --path does not apply to a email channel",
        ),
        (
            ["ana", "webhook", "--url", "ftp://x.org/hook"],
            "webhook channel: --url: expected an http(s) URL",
        ),
        (["ana", "folder"], "folder channel: a folder channel needs --path DIR"),
        (
            ["ana", "folder", "--path", "x", "--formats", "md,pdf"],
            "folder channel: --formats: unknown format 'pdf' (expected: md, html, json, txt)",
        ),
        (
            ["ana", "atom", "--path", "f.xml", "--link", "javascript:alert(1)"],
            "atom channel: --link 'javascript:alert(1)': expected an http(s) address",
        ),
    ],
)
def test_channels_add_bad_input_is_one_line(run, ana, args, message):
    one_line_error(run("channels", "add", *args), message)


def test_duplicate_channel_name(run, ana):
    assert run("channels", "add", "ana", "email", "--to", "a@x.org", "--name", "m").exit_code == 0
    one_line_error(
        run("channels", "add", "ana", "email", "--to", "b@x.org", "--name", "m"),
        "profile 'ana' already has a channel named 'm'",
    )


def test_webhook_url_from_stdin_stays_out_of_the_output(home, ana):
    url = f"https://discord.com/api/webhooks/1/{TOKEN}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsbrief",
            "--home",
            str(home),
            "channels",
            "add",
            "ana",
            "webhook",
            "--style",
            "discord",
            "--url",
            "-",
        ],
        input=url + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert TOKEN not in result.stdout + result.stderr
    with Store(home / "newsbrief.db") as store:
        assert DeliveryStore(store).channels("ana")[0].config["url"] == url


def test_tick_deliveries_and_retry(run, ana, tmp_path):
    sink = WebhookSink().start()
    try:
        sink.answers = [500] * 3
        assert (
            run("channels", "add", "ana", "webhook", "--url", sink.url(f"/h/{TOKEN}")).exit_code
            == 0
        )
        assert run("channels", "add", "ana", "folder", "--path", str(tmp_path / "o")).exit_code == 0
        assert run("tick", "--now", "2024-05-02T06:59:00Z").output == ""
        result = run("tick", "--now", "2024-05-02T07:00:00Z")
        assert result.exit_code == 0
        lines = result.output.splitlines()
        assert lines[0] == "made the 2024-05-02 briefing of ana"
        assert lines[1] == (
            f"retrying ana 2024-05-02 via webhook (webhook): attempt 1/8 failed: webhook "
            f"http://127.0.0.1:{sink.port}/*** answered 500 Internal Server Error: internal "
            "trouble; next attempt 2024-05-02 07:01 UTC"
        )
        assert lines[2] == "sent ana 2024-05-02 via folder (folder)"

        listing = run("deliveries").output
        assert TOKEN not in listing
        rows = json.loads(run("deliveries", "--json").output)
        assert [(r["channel"], r["status"], r["attempts"]) for r in rows] == [
            ("webhook", "retrying", 1),
            ("folder", "sent", 1),
        ]
        assert set(rows[0]) == {
            "id",
            "profile",
            "date",
            "channel",
            "kind",
            "status",
            "attempts",
            "next_attempt",
            "sent",
            "last_error",
        }
        # A minute after the failed attempt, which the tick made a moment after 07:00 (its
        # clock runs on from --now: the briefing is made first, in seconds on a busy machine).
        retry_in = datetime.fromisoformat(rows[0]["next_attempt"]) - datetime(
            2024, 5, 2, 7, 0, tzinfo=UTC
        )
        assert timedelta(seconds=60) <= retry_in < timedelta(seconds=90)
        assert "answered 500" in rows[0]["last_error"]
        sent_after = datetime.fromisoformat(rows[1]["sent"]) - datetime(2024, 5, 2, 7, tzinfo=UTC)
        assert timedelta(0) <= sent_after < timedelta(seconds=30)
        assert rows[1]["next_attempt"] is None
        assert (
            json.loads(run("deliveries", "--status", "sent", "--json").output)[0]["channel"]
            == "folder"
        )
        assert json.loads(run("deliveries", "--profile", "bo", "--json").output) == []

        # Each retry is due a minute, then two, after the failure before it; the tick that
        # fails comes a little after that, however long the briefing took on this machine.
        for attempts in (2, 3):
            due = datetime.fromisoformat(
                json.loads(run("deliveries", "--json", "--limit", "1").output)[0]["next_attempt"]
            )
            tick_at = due + timedelta(seconds=1)
            run("tick", "--now", tick_at.isoformat())
            row = json.loads(run("deliveries", "--json", "--limit", "1").output)[0]
            assert row["attempts"] == attempts
            wait = datetime.fromisoformat(row["next_attempt"]) - tick_at
            assert (
                timedelta(minutes=2 ** (attempts - 1))
                <= wait
                < timedelta(minutes=2 ** (attempts - 1), seconds=90)
            )
        assert json.loads(run("deliveries", "--json", "--limit", "1").output)[0]["attempts"] == 3
        webhook_id = rows[0]["id"]
        assert run("deliveries", "retry", str(webhook_id)).exit_code == 0
        # The retry is due at once; the receiver now answers 200.
        result = run("tick", "--now", "2030-01-01T00:00:00Z")
        assert "sent ana 2024-05-02 via webhook (webhook)" in result.output
        one_line_error(
            run("deliveries", "retry", str(webhook_id)),
            f"delivery {webhook_id} does not exist or was already sent",
        )
        one_line_error(
            run("tick", "--now", "tomorrow"), "--now 'tomorrow': expected an ISO 8601 date-time"
        )
    finally:
        sink.stop()
    assert len(sink.ok_hits()) == 1


def test_run_delivers_then_stops_cleanly_on_sigterm(home, tmp_path):
    """The long-running scheduler with the real clock: delivers what is due, exits on SIGTERM."""
    home.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    with Store(home / "newsbrief.db") as store:
        seed_news(store, now, tmp_path / "in")
        add_profile(store, "ana", "UTC", (now - timedelta(minutes=1)).strftime("%H:%M"))
    out = tmp_path / "out"
    assert (
        run_process(
            "--home", str(home), "channels", "add", "ana", "folder", "--path", str(out)
        ).returncode
        == 0
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsbrief", "--home", str(home), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: out.exists() and len(list(out.glob("*.json"))) == 1, 240)
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, stderr
    assert stderr.strip().endswith("stopped")
    assert "sent ana" in stdout and "via folder (folder)" in stdout
    with Store(home / "newsbrief.db") as store:
        assert [d.status for d in DeliveryStore(store).deliveries()] == ["sent"]


def test_atom_feed_of_a_profile(home, ana, tmp_path):
    feed_file = tmp_path / "feeds" / "ana.xml"
    with Store(home / "newsbrief.db") as store:
        from newsbrief import deliver
        from newsbrief.models import Channel

        cfg = deliver.check(
            "atom", {"path": str(feed_file), "link": "https://news.example/b/{profile}/{date}"}
        )
        DeliveryStore(store).add_channel(
            Channel("ana", "feed", "atom", cfg), datetime(2024, 5, 1, tzinfo=UTC)
        )
        clock = FakeClock(datetime(2024, 5, 2, 7, tzinfo=UTC))
        scheduler = Scheduler(store, home, settings(), clock=clock)
        scheduler.tick()
        first = feed_file.read_text(encoding="utf-8")
        clock.set(datetime(2024, 5, 3, 7, tzinfo=UTC))
        scheduler.tick()
        second = feed_file.read_text(encoding="utf-8")
        served = atom_feed(
            store,
            "ana",
            feed_url="https://news.example/ana.atom",
            entry_url=lambda e: f"https://news.example/e/{e.id}",
        )
        editions: list[Edition] = DeliveryStore(store).editions("ana")

    root = ET.fromstring(second)
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{tag}") is not None
    assert root.findtext(f"{A}updated") == "2024-05-03T07:00:00Z"
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}title")[:10] for e in entries] == ["2024-05-03", "2024-05-02"]
    for entry in entries:
        for tag in ("id", "title", "updated", "published", "content"):
            assert entry.find(f"{A}{tag}") is not None
        assert entry.find(f"{A}content").get("type") == "html"
        assert "<table" in entry.findtext(f"{A}content")
    assert entries[0].find(f"{A}link").get("href") == "https://news.example/b/ana/2024-05-03"
    # An entry keeps its id when the feed is rewritten.
    old = ET.fromstring(first).findall(f"{A}entry")
    assert len(old) == 1 and old[0].findtext(f"{A}id") == entries[1].findtext(f"{A}id")
    assert len({e.findtext(f"{A}id") for e in entries}) == 2

    served_root = ET.fromstring(served)
    self_link = [x for x in served_root.findall(f"{A}link") if x.get("rel") == "self"]
    assert self_link[0].get("href") == "https://news.example/ana.atom"
    hrefs = [e.find(f"{A}link").get("href") for e in served_root.findall(f"{A}entry")]
    assert hrefs == [f"https://news.example/e/{e.id}" for e in editions]


def test_atom_feed_parses_in_a_feed_reader_library(home, ana):
    feedparser = pytest.importorskip("feedparser")
    with Store(home / "newsbrief.db") as store:
        from newsbrief import deliver
        from newsbrief.models import Channel

        cfg = deliver.check("atom", {"path": str(home / "f.xml")})
        DeliveryStore(store).add_channel(
            Channel("ana", "feed", "atom", cfg), datetime(2024, 5, 1, tzinfo=UTC)
        )
        Scheduler(
            store, home, settings(), clock=FakeClock(datetime(2024, 5, 2, 7, tzinfo=UTC))
        ).tick()
        text = atom_feed(store, "ana")
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10" and len(parsed.entries) == 1
    assert parsed.entries[0].content[0].type == "text/html"


def test_debug_logs_never_show_the_webhook_url_or_smtp_password(home, ana):
    sink = WebhookSink().start()
    password = "pw-" + TOKEN
    (home / "config.toml").write_text(
        'smtp_host = "127.0.0.1"\nsmtp_port = 9\nsmtp_security = "none"\n'
        'smtp_user = "bot@example.org"\nallow_private_addresses = true\n',
        encoding="utf-8",
    )
    (home / "secrets.toml").write_text(f'smtp_password = "{password}"\n', encoding="utf-8")
    try:
        url = sink.url(f"/h/{TOKEN}")
        assert (
            run_process(
                "--home", str(home), "channels", "add", "ana", "webhook", "--url", url
            ).returncode
            == 0
        )
        add = run_process("--home", str(home), "channels", "add", "ana", "email", "--to", "a@x.org")
        assert add.returncode == 0
        result = run_process("--home", str(home), "-vv", "tick", "--now", "2024-05-02T07:00:00Z")
        listing = run_process("--home", str(home), "deliveries")
        channels = run_process("--home", str(home), "channels", "list", "--json")
    finally:
        sink.stop()
    assert result.returncode == 0, result.stderr
    assert "HTTP Request: POST http://127.0.0.1" in result.stderr  # httpx did log the request
    assert "sent ana 2024-05-02 via webhook" in result.stdout
    assert "cannot reach SMTP server 127.0.0.1:9" in result.stdout
    for output in (result, listing, channels):
        assert TOKEN not in output.stdout + output.stderr


def test_channels_test_sends_now_without_recording(run, home, ana):
    from delivery_kit import SmtpSink

    sink = SmtpSink().start()
    (home / "config.toml").write_text(
        f'smtp_host = "127.0.0.1"\nsmtp_port = {sink.port}\nsmtp_security = "none"\n'
        'smtp_from = "desk@example.net"\n',
        encoding="utf-8",
    )
    try:
        assert run("channels", "add", "ana", "email", "--to", "ana@example.org").exit_code == 0
        result = run("channels", "test", "ana", "email")
        assert result.exit_code == 0, result.output
        assert result.output == "sent a test briefing of ana via email\n"
        assert len(sink.received) == 1
    finally:
        sink.stop()
    assert run("deliveries").output == "no deliveries yet\n"  # the schedule is untouched
    one_line_error(
        run("channels", "test", "ana", "email"),
        f"email: cannot reach SMTP server 127.0.0.1:{sink.port} (Connection refused)",
    )
    one_line_error(
        run("channels", "test", "ana", "nope"), "profile 'ana' has no channel named 'nope'"
    )
