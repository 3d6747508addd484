"""A window without stories over a store that holds news says so: importing more would not
help, a longer window may. Only an empty store asks for news. Every format says whose briefing
it is and over which window, stories or none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import write_jsonl

pytestmark = pytest.mark.engines

WEEK_AGO = (datetime.now(UTC) - timedelta(days=7)).isoformat()
REPORT = {
    "id": "bridge",
    "title": "Council closes the old bridge",
    "text": "The city council voted on Tuesday to close the old bridge for repairs costing "
    "$2 million. The mayor said the work would take a year.",
    "published": WEEK_AGO,
}


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_a_window_without_stories_over_a_store_with_news(run, tmp_path, fmt):
    assert run("import", str(write_jsonl(tmp_path / "a.jsonl", [REPORT]))).exit_code == 0
    done = run("brief", "--since", "24h", "--format", fmt, "--no-record")
    assert done.exit_code == 0
    assert "No stories in this window: the store holds no news since " in done.output
    assert "Import or fetch" not in done.output
    assert "Briefing for default" in done.output and "news since " in done.output
    assert "Council closes" in run("brief", "--since", "30d", "--no-record").output


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_an_empty_store_asks_for_news(run, fmt):
    done = run("brief", "--format", fmt)
    assert "No stories in this window. Import or fetch some news first." in done.output
    assert "Briefing for default" in done.output


def test_stories_outside_the_window_are_not_called_missing(run, tmp_path):
    assert run("stories", "--since", "24h").output.strip() == (
        "no stories yet: import or fetch some news first"
    )
    assert run("import", str(write_jsonl(tmp_path / "a.jsonl", [REPORT]))).exit_code == 0
    listed = run("stories", "--since", "24h").output.strip()
    assert listed.startswith("no stories active since ") and listed.endswith(
        "UTC: try a longer --since"
    )
    assert "Council closes" in run("stories", "--since", "30d").output
