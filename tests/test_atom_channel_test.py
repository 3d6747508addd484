"""`channels test` of an Atom feed channel shows the briefing it sends: the feed is made of the
stored scheduled editions, which a test (recorded nowhere) is not, so the test wrote an empty
feed dated 1970 and said it was sent."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from conftest import write_jsonl

pytestmark = pytest.mark.engines

ATOM = "{http://www.w3.org/2005/Atom}"
NOW = datetime.now(UTC)
REPORTS = [
    {
        "id": f"r{i}",
        "title": title,
        "url": f"https://example.org/{i}",
        "source": "example.org",
        "published": (NOW - timedelta(hours=i + 1)).isoformat(),
        "text": "The city council voted on Tuesday to close the old bridge for repairs costing "
        "$2 million. The mayor said the work would take a year and ferries would run.",
    }
    for i, title in enumerate(["Council closes the old bridge", "Old bridge to close for a year"])
]


def test_a_test_of_an_atom_channel_writes_the_briefing_it_sends(run, tmp_path):
    assert run("import", str(write_jsonl(tmp_path / "a.jsonl", REPORTS))).exit_code == 0
    path = tmp_path / "feed.xml"
    link = "https://example.org/briefings/{date}"
    added = run("channels", "add", "default", "atom", "--path", str(path), "--link", link)
    assert added.exit_code == 0
    for _ in range(2):  # a second test replaces its day's entry
        done = run("channels", "test", "default", "atom")
        assert done.exit_code == 0, done.output
        feed = ET.parse(path).getroot()
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 1
        title = entries[0].find(f"{ATOM}title").text
        assert title.startswith(f"{NOW.date().isoformat()}: ") and "bridge" in title.lower()
        assert (
            entries[0].find(f"{ATOM}link").get("href").startswith("https://example.org/briefings/")
        )
        assert not feed.find(f"{ATOM}updated").text.startswith("1970")
    # Nothing was recorded: no edition, no delivery.
    assert "sent" not in run("deliveries").output
