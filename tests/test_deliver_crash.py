"""A real `newsbrief tick` process killed with SIGKILL mid-delivery, then restarted: each briefing
reaches each channel exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from delivery_kit import SmtpSink, WebhookSink, add_profile, seed_news

from newsbrief import deliver
from newsbrief.models import Channel
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

NOW = datetime(2024, 5, 2, 7, 0, tzinfo=UTC)


def newsbrief(home: Path, *args: str) -> subprocess.Popen[str]:
    # No setting from the environment, but the store of the engine under test.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("NEWSBRIEF_") or k == "NEWSBRIEF_DATABASE_URL"
    }
    return subprocess.Popen(
        [sys.executable, "-m", "newsbrief", "--home", str(home), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


@pytest.fixture
def setup(tmp_path: Path):
    """A data folder whose profile has a webhook, an email and a folder channel, in that order."""
    home = tmp_path / "home"
    home.mkdir()
    smtp = SmtpSink()
    hooks = WebhookSink().start()
    (home / "config.toml").write_text(
        f'smtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsmtp_security = "none"\n'
        'smtp_from = "desk@example.net"\nallow_private_addresses = true\n',
        encoding="utf-8",
    )
    with Store(home / "newsbrief.db") as store:
        seed_news(store, NOW, tmp_path / "in")
        add_profile(store, "ana", "UTC", "07:00")
        deliveries = DeliveryStore(store)
        for name, kind, cfg in [
            ("hook", "webhook", {"url": hooks.url()}),
            ("mail", "email", {"to": ["ana@example.org"]}),
            ("files", "folder", {"path": str(tmp_path / "out"), "formats": "md"}),
        ]:
            deliveries.add_channel(Channel("ana", name, kind, deliver.check(kind, cfg)), NOW)
    yield home, smtp, hooks, tmp_path / "out"
    smtp.stop()
    hooks.stop()


def states(home: Path) -> dict[str, tuple[str, int]]:
    with Store(home / "newsbrief.db") as store:
        return {d.channel: (d.status, d.attempts) for d in DeliveryStore(store).deliveries()}


def kill_when_reached(proc: subprocess.Popen[str], sink: SmtpSink) -> None:
    if not sink.reached.wait(timeout=240):
        proc.kill()
        raise AssertionError("the SMTP server never saw the delivery: " + finish(proc)[2])
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    sink.release.set()  # the server may answer now; nobody is listening any more


def test_killed_before_the_server_accepted_then_restarted_sends_each_once(setup):
    home, smtp, hooks, out = setup
    smtp.pause_at = "rcpt"  # the server holds the session before the message is transferred
    smtp.start()
    proc = newsbrief(home, "tick", "--now", "2024-05-02T07:00:30Z")
    if not smtp.reached.wait(timeout=240):
        proc.kill()
        raise AssertionError(finish(proc)[2])

    # While it is stuck mid-delivery, a second scheduler on the same folder steps aside.
    code, _, err = finish(newsbrief(home, "tick", "--now", "2024-05-02T07:00:40Z"))
    assert code == 2
    assert (
        err.strip() == f"error: another newsbrief scheduler (pid {proc.pid}) is working on {home}"
    )

    kill_when_reached(proc, smtp)
    assert states(home) == {"hook": ("sent", 1), "mail": ("sending", 1), "files": ("pending", 0)}
    assert len(hooks.hits) == 1 and smtp.received == []

    code, out_text, err = finish(newsbrief(home, "tick", "--now", "2024-05-02T07:01:00Z"))
    assert code == 0, err
    assert "sent ana 2024-05-02 via mail (email) (resent after an interrupted attempt)" in out_text
    assert "sent ana 2024-05-02 via files (folder)" in out_text
    assert "hook" not in out_text and "made the" not in out_text  # neither re-sent nor re-made
    assert states(home) == {"hook": ("sent", 1), "mail": ("sent", 2), "files": ("sent", 1)}
    assert len(hooks.hits) == 1
    assert len(smtp.received) == 1
    assert (out / "2024-05-02-ana.md").exists()

    # Any later pass that day does nothing more.
    code, out_text, _ = finish(newsbrief(home, "tick", "--now", "2024-05-02T09:00:00Z"))
    assert code == 0 and out_text == ""
    assert len(hooks.hits) == 1 and len(smtp.received) == 1
    with Store(home / "newsbrief.db") as store:
        count = store.conn.execute("SELECT count(*) FROM briefings").fetchone()[0]
        assert count == 1 and len(DeliveryStore(store).editions("ana")) == 1


def test_killed_after_the_server_accepted_resends_the_same_message_id(setup):
    """The one window no sender can close: the server has the message, the sender died before
    recording it. The copy sent on restart is the same message (same Message-ID), which mail
    systems recognise as a duplicate."""
    home, smtp, hooks, _ = setup
    smtp.pause_at = "data"  # the server has the whole message and has not answered yet
    smtp.start()
    proc = newsbrief(home, "tick", "--now", "2024-05-02T07:00:30Z")
    kill_when_reached(proc, smtp)
    assert states(home)["mail"] == ("sending", 1)

    code, _, err = finish(newsbrief(home, "tick", "--now", "2024-05-02T07:01:00Z"))
    assert code == 0, err
    assert states(home) == {"hook": ("sent", 1), "mail": ("sent", 2), "files": ("sent", 1)}
    assert len(smtp.received) == 2
    first, second = (r.message for r in smtp.received)
    assert first["Message-ID"] == second["Message-ID"]
    assert first.get_body(("plain",)).get_content() == second.get_body(("plain",)).get_content()
    assert len(hooks.hits) == 1
