"""A briefing whose list items are each a report is one article per item, whether the list is
written one item a line or all on one line ("• A … • B … • C …", "- A. - B. - C."), with bold
headlines or without; a briefing of one-liners, a list of one story's details and an article
with subheadings stay one article."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import FIXTURES

from newsbrief.eval.text import evaluate_text
from newsbrief.ingest.files import read_file
from newsbrief.models import Article

FOLDER = FIXTURES / "oneline-briefings"
SEEN = datetime(2025, 6, 5, tzinfo=UTC)


def articles(path) -> list[Article]:
    return [a for a in read_file(path, SEEN) if isinstance(a, Article)]


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("three-stories-bullets.txt", 3),
        ("three-stories-dashes.txt", 3),
        ("three-stories-bold-leads.md", 3),
        ("one-liners-briefing.txt", 1),
        ("one-story-details.txt", 1),
        ("feature-with-subheadings.md", 1),
    ],
)
def test_one_article_per_report_item(name, count):
    assert len(articles(FOLDER / name)) == count


@pytest.mark.parametrize(
    "name", ["three-stories-bullets.txt", "three-stories-dashes.txt", "three-stories-bold-leads.md"]
)
def test_one_line_and_one_item_a_line_are_read_alike(name, tmp_path):
    text = (FOLDER / name).read_text(encoding="utf-8")
    one_a_line = text.replace(" • ", "\n• ").replace(". - ", ".\n- ")
    assert one_a_line != text
    copy = tmp_path / name
    copy.write_text(one_a_line, encoding="utf-8")
    by_line = [(a.title, a.text) for a in articles(copy)]
    assert by_line == [(a.title, a.text) for a in articles(FOLDER / name)]


def test_bold_headlines_on_one_line_are_the_titles():
    titles = [a.title for a in articles(FOLDER / "three-stories-bold-leads.md")]
    assert titles == [
        "Toyota recalls hybrid SUVs", "Kenya lifts ban on GM maize",
        "Louvre closes a wing for repairs",
    ]  # fmt: skip
    first = articles(FOLDER / "three-stories-bold-leads.md")[0]
    assert first.text.startswith("Toyota is recalling") and "Kenya" not in first.text


def test_an_item_without_headline_is_headed_by_its_first_sentence():
    (ecb, boeing, quake) = articles(FOLDER / "three-stories-bullets.txt")
    assert ecb.title.startswith("The European Central Bank cut its deposit rate")
    assert "Lagarde" in ecb.text and "Boeing" not in ecb.text
    assert "Hokkaido" in quake.title and "Kushiro" in quake.text
    assert boeing.title.startswith("Boeing delivered 45 aircraft")


def test_the_text_evaluation_counts_no_failure():
    report = evaluate_text(FOLDER)
    assert report["articles"] == 12
    assert report["failures"] == {"story_count": 0, "two_items": 0, "headings": 0,
                                  "junk_topics": 0}, report["details"]  # fmt: skip
