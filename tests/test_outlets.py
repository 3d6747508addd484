"""Sources are named by their outlet: as given, else by the link's host; when nothing is
known, the list says so once instead of "unknown outlet" on every line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from conftest import write_jsonl

from newsbrief.ask.results import Answer
from newsbrief.conflicts import find_conflicts
from newsbrief.models import Article, Claim, Conflict, Sentence
from newsbrief.render.answer import answer_text
from newsbrief.render.common import claim_outlets
from newsbrief.urls import outlet_name

NOW = datetime.now(UTC)
LEADS = [
    "Airbus lifted its delivery target to 820 jets this year after strong February orders.",
    "Planemaker Airbus now expects to deliver 820 jets this year, up from 800, it said.",
    "Airbus raised its 2025 delivery goal to 820 aircraft on the back of February orders.",
    "Airbus now aims to deliver 820 jets this year, it said after strong February orders.",
]


def test_an_outlet_is_the_source_else_the_host_without_www():
    assert outlet_name("Reuters", "https://www.reuters.com/a") == "Reuters"
    assert outlet_name(None, "http://www.hindustantimes.com/news/1.aspx") == "hindustantimes.com"
    assert outlet_name("  ", "https://news.bbc.co.uk/x?utm_source=rss") == "news.bbc.co.uk"
    assert outlet_name(None, None) is None
    assert outlet_name(None, "not a link") is None


def _rows() -> list[dict[str, object]]:
    """Four reports of one event: one names its outlet, one has only a link, two neither."""
    given = [
        ("Harbour Gazette", "https://gazette.example/airbus"),
        (None, "https://www.planes.example/airbus?id=2"),
        (None, None),
        (None, None),
    ]
    return [
        {
            "id": f"airbus-{i}",
            "title": "Airbus lifts delivery target to 820 jets",
            "text": lead + "\nThe company booked orders worth €12 billion in February.",
            "url": url,
            "source": source,
            "published": (NOW - timedelta(hours=2 + i)).isoformat(),
        }
        for i, (lead, (source, url)) in enumerate(zip(LEADS, given, strict=True))
    ]


def test_sources_name_the_host_and_say_once_that_an_outlet_is_unknown(tmp_path, run):
    assert run("import", str(write_jsonl(tmp_path / "a.jsonl", _rows()))).exit_code == 0
    outputs = {}
    for fmt in ("md", "html", "text", "json"):
        result = run("brief", "--since", "3d", "--format", fmt, "--no-record")
        assert result.exit_code == 0, result.output
        outputs[fmt] = result.output
    [story] = json.loads(outputs["json"])["stories"]
    assert {s["id"]: s["source"] for s in story["sources"]} == {
        "airbus-0": "Harbour Gazette",
        "airbus-1": "planes.example",
        "airbus-2": None,
        "airbus-3": None,
    }
    for fmt in ("md", "html", "text"):
        text = outputs[fmt]
        assert "unknown outlet" not in text and "unnamed outlet" not in text, fmt
        assert "planes.example" in text and "Harbour Gazette" in text, fmt
        assert text.count("outlet not recorded for 2") == 1, fmt


def test_an_answer_names_the_host_and_says_once_that_an_outlet_is_unknown(tmp_path, run):
    assert run("import", str(write_jsonl(tmp_path / "a.jsonl", _rows()))).exit_code == 0
    answer = run("ask", "How many jets will Airbus deliver this year?")
    assert answer.exit_code == 0, answer.output
    assert "unknown outlet" not in answer.output
    sources = answer.output.split("Sources")[1]
    lines = [line for line in sources.splitlines() if line.startswith("[")]
    assert lines, answer.output
    unnamed = [line for line in lines if "planes.example" not in line and "Gazette" not in line]
    assert bool(unnamed) == ("outlet not recorded" in sources.splitlines()[0]), answer.output


def _article(article_id: str, text: str, url: str | None, hour: int) -> Article:
    when = datetime(2024, 5, 1, hour, tzinfo=UTC)
    return Article(id=article_id, title="", text=text, url=url, source=None, published=when)


def test_a_disagreement_names_outlets_by_host_or_leaves_them_out():
    articles = [
        _article("a", "Acme agreed to buy Beta for $2.1 billion, the companies said.", None, 8),
        _article("b", "The deal, valued at $2.4 billion, is the largest this year.", None, 9),
    ]
    [conflict] = find_conflicts(articles, {a.id: a.id for a in articles})
    assert conflict.note == "the reports give different figures: $2.1 billion; $2.4 billion"
    assert [c.outlets for c in conflict.claims] == [[], []]
    assert claim_outlets(conflict.claims[0]) == "report"
    articles[1].url = "https://www.ft.example/deal"
    [conflict] = find_conflicts(articles, {a.id: a.id for a in articles})
    assert conflict.note == (
        "the reports give different figures: $2.1 billion; $2.4 billion (ft.example)"
    )
    assert [c.outlets for c in conflict.claims] == [[], ["ft.example"]]


def test_an_answers_disagreement_cites_source_numbers_not_article_ids():
    answer = Answer(
        question="How much was stolen?",
        found=True,
        answer=[Sentence("Robbers took $137 million of jewels.", ["24_1ecb"])],
        sources=[
            {"id": "24_1ecb", "title": "Raid", "url": None, "source": None, "published": None},
            {"id": "24_5ecb", "title": "Heist", "url": None, "source": "AP", "published": None},
        ],
        conflicts=[
            Conflict(
                about="value stolen",
                claims=[
                    Claim("$137 million", "Robbers took $137 million.", ["24_1ecb"], []),
                    Claim("$102 million", "Thieves took $102 million.", ["24_5ecb"], ["AP"]),
                ],
            )
        ],
    )
    text = answer_text(answer)
    assert "Sources disagree on value stolen: $137 million ([1]); $102 million (AP [2])" in text
    assert "24_1ecb" not in text
