"""What "new since your last briefing" is measured against: the last briefing the reader
received. A briefing built again over the same articles is the same briefing."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta

from conftest import write_jsonl
from test_briefing import BIG, NOW, SMALL, _row

from newsbrief.briefing import received
from newsbrief.briefing.assemble import build_briefing
from newsbrief.ingest.files import import_paths
from newsbrief.models import Channel
from newsbrief.store import DB_NAME, Store
from newsbrief.store.deliveries import DeliveryStore

SINCE = NOW - timedelta(days=1)


def marks(data: dict) -> list[tuple]:
    """What a reader sees of a briefing's novelty: order, NEW marks, new reports."""
    return [
        (
            s["id"],
            s["is_new"],
            s["new_since_last"],
            sorted(r["id"] for r in s["sources"] if r["new"]),
        )
        for s in data["stories"]
    ]


def brief_json(run, *args: str) -> dict:
    result = run("brief", "--since", "2000-01-01", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def count_briefings(home) -> int:
    with Store(home / DB_NAME) as store:
        return int(store.conn.execute("SELECT count(*) FROM briefings").fetchone()[0])


def test_rendering_the_briefing_again_or_in_another_format_keeps_what_is_new(run, home, tmp_path):
    assert run("import", str(write_jsonl(tmp_path / "a.jsonl", BIG + SMALL))).exit_code == 0
    first = brief_json(run)
    assert all(s["is_new"] for s in first["stories"])
    # The same briefing again, as HTML and as JSON: same order, same NEW marks.
    html = run("brief", "--since", "2000-01-01", "--format", "html", "-o", str(tmp_path / "x.html"))
    assert html.exit_code == 0
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert page.count("🆕") + page.count(">NEW<") >= len(first["stories"])
    again = brief_json(run)
    assert marks(again) == marks(first)
    markdown = run("brief", "--since", "2000-01-01").stdout
    assert len(re.findall(r"^## \d+\. .*🆕", markdown, flags=re.M)) == len(first["stories"])

    # New reports arrive: the next briefing is measured against the one received.
    time.sleep(1.1)  # the store keeps times to the second
    extra = [_row("heist", 9, "other.example", -1, SMALL[0]["text"], "Paris jewellery raid")]
    assert run("import", str(write_jsonl(tmp_path / "b.jsonl", extra))).exit_code == 0
    later = brief_json(run)
    by_headline = {s["headline"]: s for s in later["stories"]}
    quake = next(s for h, s in by_headline.items() if "Qeshm" in h)
    heist = next(s for s in later["stories"] if s is not quake)
    assert not quake["is_new"] and quake["new_since_last"] == 0
    assert heist["new_since_last"] == 1
    # ... and that later briefing, rendered again, still says so.
    assert marks(brief_json(run)) == marks(later)


def test_no_record_is_a_preview_that_changes_nothing(run, home, tmp_path):
    assert run("import", str(write_jsonl(tmp_path / "a.jsonl", BIG + SMALL))).exit_code == 0
    preview = brief_json(run, "--no-record")
    assert count_briefings(home) == 0
    time.sleep(1.1)
    extra = [_row("heist", 9, "other.example", -1, SMALL[0]["text"], "Paris jewellery raid")]
    assert run("import", str(write_jsonl(tmp_path / "b.jsonl", extra))).exit_code == 0
    # Still never briefed: every story is new, as in the preview.
    after = brief_json(run)
    assert all(s["is_new"] for s in after["stories"])
    assert [s["id"] for s in after["stories"]] == [s["id"] for s in preview["stories"]]
    assert count_briefings(home) == 1


def test_an_empty_briefing_is_not_recorded(run, home):
    assert run("brief").exit_code == 0
    assert not (home / DB_NAME).exists()  # nothing was written


def test_a_scheduled_edition_counts_once_delivered(tmp_path):
    with Store(tmp_path / "s.db") as store:
        import_paths(store, [str(write_jsonl(tmp_path / "a.jsonl", BIG + SMALL))])
        deliveries = DeliveryStore(store)
        channel = deliveries.add_channel(
            Channel("default", "files", "folder", {"path": str(tmp_path / "out")}), NOW
        )
        made = build_briefing(store, since=SINCE, now=NOW, record=False)
        edition = deliveries.create_edition(
            "default", "2024-05-02", NOW, SINCE, {"stories": [{"id": "x"}]}, [channel],
            datetime.now(UTC), basis="earlier",
        )  # fmt: skip
        # Made but not delivered: the reader has not received it.
        assert received.reference(store, "default", made.basis) == received.Reference()
        (delivery,) = deliveries.deliveries()
        deliveries.mark_sent(delivery.id, datetime.now(UTC))
        ref = received.reference(store, "default", made.basis)
        assert ref.stories == {"x"} and ref.time is not None
        assert deliveries.get_edition(edition.id) is not None


def test_a_briefing_over_the_same_articles_is_measured_against_the_one_before(tmp_path):
    with Store(tmp_path / "s.db") as store:
        import_paths(store, [str(write_jsonl(tmp_path / "a.jsonl", BIG + SMALL))])
        first = build_briefing(store, since=SINCE, now=NOW)
        # Built again (another window, fewer stories): still the same briefing.
        again = build_briefing(store, since=NOW - timedelta(days=3), now=NOW, limit=1)
        assert again.stories[0].is_new and again.stories[0].id == first.stories[0].id
        time.sleep(1.1)
        extra = [_row("heist", 9, "other.example", -1, SMALL[0]["text"], "Paris jewellery raid")]
        import_paths(store, [str(write_jsonl(tmp_path / "b.jsonl", extra))])
        second = build_briefing(store, since=SINCE, now=NOW, record=False)
        novelty = [(s.id, s.is_new, s.new_since_last) for s in second.stories]
        assert sorted(n for _, _, n in novelty) == [0, 1]  # the heist's one new report
        # A preview does not move "new" on; a received briefing does, but not for itself.
        third = build_briefing(store, since=SINCE, now=NOW)
        assert [(s.id, s.is_new, s.new_since_last) for s in third.stories] == novelty
        fourth = build_briefing(store, since=SINCE, now=NOW, record=False)
        assert [(s.id, s.is_new, s.new_since_last) for s in fourth.stories] == novelty
        ref = received.reference(store, "default", third.basis)
        assert ref.stories == {s.id for s in first.stories}
