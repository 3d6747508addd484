"""When briefings are due (time zones, DST), and the scheduler driven by a clock the test moves."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from delivery_kit import FakeClock, add_profile, seed_news, settings

from newsbrief import deliver
from newsbrief.models import Channel, Profile
from newsbrief.schedule import (
    Scheduler,
    backoff,
    current_slot,
    due_at,
    next_due,
    run,
)
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


BERLIN = Profile(name="ana", timezone="Europe/Berlin", delivery_time="07:00")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 1, 15), utc(2024, 1, 15, 6, 0)),  # CET, UTC+1
        (date(2024, 3, 30), utc(2024, 3, 30, 6, 0)),  # last day of winter time
        (date(2024, 3, 31), utc(2024, 3, 31, 5, 0)),  # clocks went forward at 02:00
        (date(2024, 7, 1), utc(2024, 7, 1, 5, 0)),  # CEST, UTC+2
        (date(2024, 10, 27), utc(2024, 10, 27, 6, 0)),  # clocks went back at 03:00
    ],
)
def test_seven_in_berlin_is_the_right_utc_instant_across_dst(day, expected):
    assert due_at(BERLIN, day) == expected


def test_other_zones_and_times_that_dst_skips_or_repeats():
    ny = Profile(name="n", timezone="America/New_York", delivery_time="07:00")
    assert due_at(ny, date(2024, 3, 9)) == utc(2024, 3, 9, 12, 0)  # EST
    assert due_at(ny, date(2024, 3, 10)) == utc(2024, 3, 10, 11, 0)  # EDT from that day
    # 02:30 does not exist in Berlin on 31 March 2024: it falls after the gap (03:30 CEST).
    gap = Profile(name="g", timezone="Europe/Berlin", delivery_time="02:30")
    assert due_at(gap, date(2024, 3, 31)) == utc(2024, 3, 31, 1, 30)
    # 02:30 happens twice on 27 October 2024: the first one (CEST) is used.
    assert due_at(gap, date(2024, 10, 27)) == utc(2024, 10, 27, 0, 30)
    kolkata = Profile(name="k", timezone="Asia/Kolkata", delivery_time="06:45")
    assert due_at(kolkata, date(2024, 5, 1)) == utc(2024, 5, 1, 1, 15)


def test_slots_and_catch_up():
    twelve = timedelta(hours=12)
    assert current_slot(BERLIN, utc(2024, 3, 31, 4, 59, 59), twelve) is None
    assert current_slot(BERLIN, utc(2024, 3, 31, 5, 0), twelve) == (
        date(2024, 3, 31),
        utc(2024, 3, 31, 5, 0),
    )
    assert current_slot(BERLIN, utc(2024, 3, 31, 16, 59), twelve) == (
        date(2024, 3, 31),
        utc(2024, 3, 31, 5, 0),
    )
    assert current_slot(BERLIN, utc(2024, 3, 31, 17, 1), twelve) is None  # too late to send
    # Just after local midnight, yesterday's slot is the latest one.
    assert current_slot(BERLIN, utc(2024, 3, 30, 23, 30), timedelta(hours=24)) == (
        date(2024, 3, 30),
        utc(2024, 3, 30, 6, 0),
    )
    assert next_due(BERLIN, utc(2024, 3, 30, 6, 0)) == utc(2024, 3, 31, 5, 0)
    assert next_due(BERLIN, utc(2024, 3, 31, 4, 0)) == utc(2024, 3, 31, 5, 0)


def test_bad_zone_or_time_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        due_at(Profile(name="x", timezone="Mars/Olympus"), date(2024, 1, 1))
    with pytest.raises(ValueError, match="delivery time '7am' is not HH:MM"):
        due_at(Profile(name="x", delivery_time="7am"), date(2024, 1, 1))


def test_backoff_doubles_and_is_capped():
    assert [backoff(n, 60).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff(30, 60) == timedelta(hours=6)


# the scheduler on a real store ----------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def store(home: Path):
    with Store(home / "newsbrief.db") as s:
        yield s


def add_channel(store: Store, profile: str, name: str, kind: str, **cfg) -> Channel:
    channel = Channel(profile, name, kind, deliver.check(kind, cfg))
    return DeliveryStore(store).add_channel(channel, utc(2024, 1, 1))


def test_run_delivers_each_morning_at_local_time_across_dst(store, home, tmp_path):
    """Three mornings around the spring DST change; the loop sleeps exactly until each one."""
    start = utc(2024, 3, 30, 0, 0)  # yesterday's slots are beyond the 12 h catch-up
    seed_news(store, utc(2024, 3, 30, 5, 0), tmp_path / "in")
    seed_news(store, utc(2024, 3, 31, 4, 0), tmp_path / "in")
    add_profile(store, "ana", "Europe/Berlin", "07:00")
    add_profile(store, "bo", "America/New_York", "06:30")
    add_channel(store, "ana", "files", "folder", path=str(tmp_path / "ana"))
    add_channel(store, "bo", "files", "folder", path=str(tmp_path / "bo"), formats="md")
    clock = FakeClock(start)
    scheduler = Scheduler(store, home, settings(), clock=clock)
    end = utc(2024, 4, 1, 12, 0)
    run(scheduler, stop=lambda: clock.now() >= end)

    deliveries = DeliveryStore(store)
    ana = sorted(deliveries.editions("ana"), key=lambda e: e.date)
    assert [e.date for e in ana] == ["2024-03-30", "2024-03-31", "2024-04-01"]
    assert [e.due for e in ana] == [utc(2024, 3, 30, 6), utc(2024, 3, 31, 5), utc(2024, 4, 1, 5)]
    # Each made at its due instant: the loop woke up exactly on time, not a poll later.
    assert [e.created for e in ana] == [e.due for e in ana]
    bo = sorted(deliveries.editions("bo"), key=lambda e: e.date)
    assert [e.created for e in bo] == [
        utc(2024, 3, 30, 10, 30),
        utc(2024, 3, 31, 10, 30),
        utc(2024, 4, 1, 10, 30),
    ]
    sent = deliveries.deliveries(status="sent")
    assert len(sent) == 6 and len(deliveries.deliveries()) == 6
    assert sorted(p.name for p in (tmp_path / "bo").iterdir()) == [
        "2024-03-30-bo.md",
        "2024-03-31-bo.md",
        "2024-04-01-bo.md",
    ]
    assert len(list((tmp_path / "ana").iterdir())) == 9  # md, html and json per day
    # No sleep is longer than the poll interval, and none is negative.
    assert all(0 <= s <= 60 for s in clock.sleeps)


def test_tick_is_idempotent_and_waits_for_the_delivery_time(store, home, tmp_path):
    seed_news(store, utc(2024, 5, 2, 4), tmp_path / "in")
    add_profile(store, "ana", "Europe/Berlin", "07:00")
    add_channel(store, "ana", "files", "folder", path=str(tmp_path / "out"))
    clock = FakeClock(utc(2024, 5, 2, 4, 59))  # 06:59 in Berlin
    scheduler = Scheduler(store, home, settings(), clock=clock)
    assert scheduler.tick().idle
    assert scheduler.next_wake(clock.now()) == utc(2024, 5, 2, 5, 0)
    clock.set(utc(2024, 5, 2, 5, 0, 5))
    first = scheduler.tick()
    assert [e.date for e in first.editions] == ["2024-05-02"]
    assert [o.ok for o in first.outcomes] == [True]
    for minutes in (1, 30, 600):
        clock.set(utc(2024, 5, 2, 5, 0) + timedelta(minutes=minutes))
        assert scheduler.tick().idle  # nothing is made or sent twice
    assert len(DeliveryStore(store).deliveries()) == 1


def test_channel_added_later_gets_todays_briefing_without_rebuilding(store, home, tmp_path):
    seed_news(store, utc(2024, 5, 2, 4), tmp_path / "in")
    add_profile(store, "ana", "UTC", "07:00")
    add_channel(store, "ana", "files", "folder", path=str(tmp_path / "a"))
    clock = FakeClock(utc(2024, 5, 2, 7, 0))
    scheduler = Scheduler(store, home, settings(), clock=clock)
    scheduler.tick()
    add_channel(store, "ana", "more", "folder", path=str(tmp_path / "b"), formats="json")
    clock.set(utc(2024, 5, 2, 9, 0))
    report = scheduler.tick()
    assert report.editions == []  # the 07:00 edition is reused
    assert [(o.delivery.channel, o.ok) for o in report.outcomes] == [("more", True)]
    a = (tmp_path / "a" / "2024-05-02-ana.json").read_text()
    assert a == (tmp_path / "b" / "2024-05-02-ana.json").read_text()


def test_missed_slot_beyond_catch_up_is_not_sent_late(store, home, tmp_path):
    seed_news(store, utc(2024, 5, 2, 4), tmp_path / "in")
    add_profile(store, "ana", "UTC", "07:00")
    add_channel(store, "ana", "files", "folder", path=str(tmp_path / "a"))
    clock = FakeClock(utc(2024, 5, 2, 20, 0))  # 13 hours late
    scheduler = Scheduler(store, home, settings(delivery_catch_up_hours=12), clock=clock)
    assert scheduler.tick().idle
    clock.set(utc(2024, 5, 3, 7, 0))
    assert [e.date for e in scheduler.tick().editions] == ["2024-05-03"]


def test_failed_delivery_retries_with_backoff_and_keeps_its_error(store, home, tmp_path):
    seed_news(store, utc(2024, 5, 2, 4), tmp_path / "in")
    add_profile(store, "ana", "UTC", "07:00")
    target = tmp_path / "out"
    add_channel(store, "ana", "files", "folder", path=str(target))
    target.write_text("a file where the folder should be")
    clock = FakeClock(utc(2024, 5, 2, 7, 0))
    scheduler = Scheduler(
        store, home, settings(delivery_retry_seconds=60, delivery_max_attempts=3), clock=clock
    )
    deliveries = DeliveryStore(store)

    report = scheduler.tick()
    (outcome,) = report.outcomes
    assert not outcome.ok and "cannot write" in (outcome.error or "")
    assert outcome.retry_at == utc(2024, 5, 2, 7, 1)
    (row,) = deliveries.deliveries()
    assert row.status == "retrying" and row.attempts == 1 and "cannot write" in row.last_error

    clock.set(utc(2024, 5, 2, 7, 0, 59))
    assert scheduler.tick().outcomes == []  # not yet
    assert scheduler.next_wake(clock.now()) == utc(2024, 5, 2, 7, 1)
    clock.set(utc(2024, 5, 2, 7, 1))
    (outcome,) = scheduler.tick().outcomes
    assert outcome.attempt == 2 and outcome.retry_at == utc(2024, 5, 2, 7, 3)  # doubled
    clock.set(utc(2024, 5, 2, 7, 3))
    (outcome,) = scheduler.tick().outcomes
    assert outcome.attempt == 3 and outcome.retry_at is None  # gave up
    (row,) = deliveries.deliveries()
    assert row.status == "failed" and row.edition_id  # nothing lost: the edition is kept

    target.unlink()  # the user fixes the problem and asks for a retry
    assert deliveries.retry(row.id, clock.now())
    clock.set(utc(2024, 5, 2, 7, 4))
    (outcome,) = scheduler.tick().outcomes
    assert outcome.ok
    assert (target / "2024-05-02-ana.md").exists()
    assert deliveries.deliveries()[0].status == "sent"


def test_one_bad_profile_does_not_stop_the_others(store, home, tmp_path):
    seed_news(store, utc(2024, 5, 2, 4), tmp_path / "in")
    add_profile(store, "ana", "UTC", "07:00")
    add_profile(store, "bad", "Nowhere/Atlantis", "07:00")
    add_channel(store, "ana", "files", "folder", path=str(tmp_path / "a"))
    add_channel(store, "bad", "files", "folder", path=str(tmp_path / "b"))
    scheduler = Scheduler(store, home, settings(), clock=FakeClock(utc(2024, 5, 2, 7, 0)))
    report = scheduler.tick()
    assert [e.profile for e in report.editions] == ["ana"]
    assert any("unknown time zone 'Nowhere/Atlantis'" in p for p in report.problems)


def test_a_removed_channel_fails_its_waiting_delivery_clearly(store, home, tmp_path):
    seed_news(store, utc(2024, 5, 2, 4), tmp_path / "in")
    add_profile(store, "ana", "UTC", "07:00")
    add_channel(store, "ana", "files", "folder", path=str(tmp_path / "a"))
    scheduler = Scheduler(
        store,
        home,
        settings(),
        clock=FakeClock(utc(2024, 5, 2, 7, 0)),
        channel_senders={"folder": _refuse},
    )
    scheduler.tick()
    DeliveryStore(store).remove_channel("ana", "files")
    scheduler.clock.set(utc(2024, 5, 2, 8, 0))  # type: ignore[attr-defined]
    (outcome,) = scheduler.tick().outcomes
    assert outcome.error == "channel 'files' of profile 'ana' was removed"
    assert DeliveryStore(store).deliveries()[0].status == "failed"


def _refuse(channel, parcel, context):
    raise deliver.DeliveryError("folder: not today")
