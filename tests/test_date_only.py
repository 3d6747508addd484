"""An article dated by its day only ("published": "2026-12-07") is shown as that day, in every
format: it is read as midnight UTC, and was shown as "2026-12-07 00:00 UTC", a time nobody
wrote, and in the web app of a reader west of Greenwich as the evening before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import write_jsonl
from webtools import client

from newsbrief.render.common import short_date

DAY = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
REPORT = {
    "id": "port",
    "title": "Port volumes rise in November",
    "text": "The port handled 4 million containers in November, officials said on Monday. "
    "The harbour master said a new terminal would open in spring.",
    "published": DAY,
}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def imported(run, tmp_path):
    assert run("import", str(write_jsonl(tmp_path / "a.jsonl", [REPORT]))).exit_code == 0


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_a_day_is_shown_as_the_day(run, imported, fmt):
    shown = run("brief", "--since", "3d", "--format", fmt, "--no-record").output
    assert DAY in shown and f"{DAY} 00:00" not in shown


def test_times_and_windows_keep_their_time():
    assert short_date(datetime(2026, 12, 7, 9, 30, tzinfo=UTC)) == "2026-12-07 09:30 UTC"
    assert short_date(datetime(2026, 12, 7, tzinfo=UTC)) == "2026-12-07"
    assert short_date(None) == "undated"


@pytest.mark.anyio
async def test_the_web_app_shows_the_day_in_any_time_zone(run, imported, home):
    assert run("profile", "edit", "default", "--timezone", "America/New_York").exit_code == 0
    async with client(home) as http:
        page = (await http.get("/?since=3d")).text
    assert f">{DAY}</time>" in page
    assert "EST</time>" not in page
