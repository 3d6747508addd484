"""A crash at every step of a pass, then a restart: nothing is skipped, nothing sent twice.

The pass is cut off (by an exception no code catches, as a kill would) before or after each
state change in turn; a new scheduler on a fresh connection to the same file then finishes the
day. The subprocess test in test_deliver_crash.py does the same with a real SIGKILL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from delivery_kit import FakeClock, add_profile, seed_news, settings

from newsbrief.models import Channel
from newsbrief.schedule import Scheduler
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore

NOW = datetime(2024, 5, 2, 7, 0, tzinfo=UTC)
STEPS = ("create_edition", "mark_sending", "mark_sent", "mark_failed")


class Crash(BaseException):
    """Stands for the process dying: nothing in the package catches a BaseException."""


class Receivers:
    """Channels whose sends are recorded; ``flaky`` fails its first attempt."""

    def __init__(self) -> None:
        self.got: dict[str, list[str]] = {"a": [], "flaky": [], "c": []}
        self.crash_in_send: str | None = None  # "before" or "after" the receiver has it

    def send(self, channel, parcel, context) -> None:
        from newsbrief.deliver import DeliveryError

        if self.crash_in_send == "before":
            self.crash_in_send = None
            raise Crash
        if channel.name == "flaky" and not self.got["flaky"] and not getattr(self, "failed", 0):
            self.failed = 1
            raise DeliveryError("flaky: first attempt fails")
        self.got[channel.name].append(parcel.key(channel))
        if self.crash_in_send == "after":
            self.crash_in_send = None
            raise Crash


def crash_points() -> list[tuple[str, int, str]]:
    points = [(step, n, when) for step in STEPS for n in (1, 2, 3) for when in ("before", "after")]
    # One edition is made and one attempt fails in a day: those steps happen once.
    return [p for p in points if not (p[0] in ("create_edition", "mark_failed") and p[1] > 1)]


def prepare(home: Path, tmp: Path) -> None:
    with Store(home / "newsbrief.db") as store:
        seed_news(store, NOW, tmp / "in")
        add_profile(store, "ana", "UTC", "07:00")
        deliveries = DeliveryStore(store)
        for name in ("a", "flaky", "c"):
            deliveries.add_channel(Channel("ana", name, "test", {}), NOW)


def scheduler(store: Store, home: Path, clock: FakeClock, receivers: Receivers) -> Scheduler:
    return Scheduler(
        store,
        home,
        settings(delivery_retry_seconds=60),
        clock=clock,
        channel_senders={"test": receivers.send},
    )


@pytest.mark.parametrize(("step", "nth", "when"), crash_points())
def test_crash_at_any_step_then_restart(tmp_path, monkeypatch, step, nth, when):
    home = tmp_path / "home"
    home.mkdir()
    prepare(home, tmp_path)
    receivers = Receivers()
    clock = FakeClock(NOW)

    calls = {"n": 0}
    original = getattr(DeliveryStore, step)

    def crashing(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == nth and when == "before":
            raise Crash
        result = original(self, *args, **kwargs)
        if calls["n"] == nth and when == "after":
            raise Crash
        return result

    crashed = False
    with monkeypatch.context() as patch:
        patch.setattr(DeliveryStore, step, crashing)
        store = Store(home / "newsbrief.db")
        try:
            for minute in (0, 1, 2):  # the first pass, then the retry of "flaky"
                clock.set(NOW.replace(minute=minute))
                scheduler(store, home, clock, receivers).tick()
        except Crash:
            crashed = True
        finally:
            store.close()
    assert crashed, f"a day's passes made fewer than {nth} calls of {step}"

    with Store(home / "newsbrief.db") as store:  # restart
        for minute in (3, 4, 5):
            clock.set(NOW.replace(minute=minute))
            scheduler(store, home, clock, receivers).tick()
        deliveries = DeliveryStore(store)
        assert len(deliveries.editions("ana")) == 1
        assert store.conn.execute("SELECT count(*) FROM briefings").fetchone()[0] == 1
        assert {d.channel: d.status for d in deliveries.deliveries()} == {
            "a": "sent",
            "flaky": "sent",
            "c": "sent",
        }
    counts = {name: len(keys) for name, keys in receivers.got.items()}
    # Only a crash right after a receiver took a briefing and before "sent" was recorded can
    # give a second copy, and that copy carries the same delivery key.
    duplicate_possible = step == "mark_sent" and when == "before"
    for name, keys in receivers.got.items():
        assert len(set(keys)) == 1, (name, keys)
        if not duplicate_possible:
            assert counts[name] == 1, counts
    assert sum(counts.values()) <= 3 + (1 if duplicate_possible else 0)


def test_crash_inside_a_send_then_restart(tmp_path):
    for when in ("before", "after"):
        home = tmp_path / when
        home.mkdir()
        prepare(home, tmp_path / f"{when}-in")
        receivers = Receivers()
        receivers.crash_in_send = when
        clock = FakeClock(NOW)
        with Store(home / "newsbrief.db") as store, pytest.raises(Crash):
            scheduler(store, home, clock, receivers).tick()
        with Store(home / "newsbrief.db") as store:
            assert DeliveryStore(store).deliveries()[0].status == "sending"
            for minute in (1, 2, 3):
                clock.set(NOW.replace(minute=minute))
                scheduler(store, home, clock, receivers).tick()
            assert {d.status for d in DeliveryStore(store).deliveries()} == {"sent"}
        expected_a = 2 if when == "after" else 1  # the unknowable window, same key both times
        assert len(receivers.got["a"]) == expected_a and len(set(receivers.got["a"])) == 1
        assert len(receivers.got["flaky"]) == 1 and len(receivers.got["c"]) == 1
