"""Korean reports are found by their nouns whatever particle the report writes them with
("삼성전자" finds "삼성전자는" and "삼성전자가"): Korean writes a noun and its particle as one
word, and the index keeps words as written."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsbrief.ingest.files import make_article
from newsbrief.search import search
from newsbrief.store import Store
from newsbrief.stories.pipeline import process
from newsbrief.text.multilingual import inflection_prefix

pytestmark = pytest.mark.engines

REPORTS = Path(__file__).parent / "fixtures" / "korean" / "reports.jsonl"
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "ko.db") as s:
        lines = REPORTS.read_text(encoding="utf-8").splitlines()
        for i, record in enumerate(json.loads(line) for line in lines if line.strip()):
            article = make_article(
                article_id=record["id"], title=record["title"], text=record["text"],
                url=record["url"], source=record["source"],
                published=NOW - timedelta(hours=i + 1), seen_at=NOW,
            )  # fmt: skip
            article.language = "ko"
            s.add_article(article)
        process(s, embedder=False)
        yield s


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("삼성전자", {"ko1", "ko2"}),  # "삼성전자가" in one report, "삼성전자는" in the other
        ("삼성전자는", {"ko1", "ko2"}),  # asked with a particle: the noun is searched
        ("평택", {"ko1", "ko2"}),  # "평택에" and "평택에"/"평택시는"
        ("반도체 공장", {"ko1", "ko2"}),  # "공장을" in both
        ("서울시", {"ko3"}),  # "서울시는"
        ("일자리", {"ko1", "ko2"}),
        ("지하철 파업", {"ko3"}),
        ("부산", set()),
    ],
)
def test_korean_nouns_are_found_with_any_particle(store, query, found):
    assert {h.article_id for h in search(store, query)} == found


def test_the_start_searched_is_the_noun_without_its_particle():
    assert inflection_prefix("삼성전자는") == "삼성전자"
    assert inflection_prefix("국회") == "국회"
    assert inflection_prefix("밝혔다") is None  # a verb is searched as written
    assert inflection_prefix("물") is None  # one syllable would open too many words
