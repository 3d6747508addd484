"""Links in every output point to the article without the parameters that track the reader."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from conftest import write_jsonl

from newsbrief.urls import link_url

NOW = datetime.now(UTC)
LEADS = [
    "Airbus lifted its delivery target to 820 jets this year after strong February orders.",
    "Planemaker Airbus now expects to deliver 820 jets this year, up from 800, it said.",
    "Airbus raised its 2025 delivery goal to 820 aircraft on the back of February orders.",
]


def test_link_url_drops_tracking_parameters_only():
    assert link_url("https://www.News.example/a?utm_source=rss&id=7&fbclid=x#part") == (
        "https://www.News.example/a?id=7#part"
    )
    assert link_url("https://news.example/a?id=7&page=2") == "https://news.example/a?id=7&page=2"
    assert link_url("https://news.example/a?utm_medium=social") == "https://news.example/a"
    assert link_url(None) is None


def test_citation_links_in_every_output_have_no_tracking_parameters(tmp_path, run):
    rows = [
        {
            "id": f"airbus-{i}",
            "title": "Airbus lifts delivery target to 820 jets",
            "text": lead + "\nThe company booked orders worth €12 billion in February.",
            "url": f"https://outlet{i}.example/airbus?utm_source=rss&utm_medium=feed&id={i}",
            "source": f"outlet{i}.example",
            "published": (NOW - timedelta(hours=2 + i)).isoformat(),
        }
        for i, lead in enumerate(LEADS)
    ]
    assert run("import", str(write_jsonl(tmp_path / "a.jsonl", rows))).exit_code == 0
    outputs = {}
    for fmt in ("md", "html", "text", "json"):
        result = run("brief", "--since", "3d", "--format", fmt, "--no-record")
        assert result.exit_code == 0, result.output
        outputs[fmt] = result.output
    answer = run("ask", "How many jets will Airbus deliver this year?", "--format", "json")
    assert answer.exit_code == 0, answer.output
    outputs["ask"] = answer.output
    for fmt, text in outputs.items():
        assert "outlet1.example/airbus?id=1" in text, fmt
        assert "utm_" not in text, fmt
    sources = json.loads(outputs["json"])["stories"][0]["sources"]
    assert {s["url"] for s in sources} == {
        f"https://outlet{i}.example/airbus?id={i}" for i in range(3)
    }
