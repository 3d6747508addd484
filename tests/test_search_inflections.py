"""Words of languages that inflect their endings (Russian, Arabic, Greek) are found in any of
their forms, by the search and by ask, on both engines: the index keeps words as written, so
the query asks for the start their forms share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsbrief.ask.answers import ask
from newsbrief.ingest.files import make_article
from newsbrief.search import fts_query, search, term_query
from newsbrief.store import Store
from newsbrief.stories.pipeline import process
from newsbrief.text.multilingual import inflection_prefix, inflection_prefixes

pytestmark = pytest.mark.engines

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)

REPORTS = {
    "ru": (
        "Пожар на складе в Подмосковье",
        "Крупный пожар уничтожил склад в Подмосковье в понедельник. По данным МЧС, площадь "
        "пожара составила 5000 квадратных метров. Пострадавших нет.",
    ),
    "el": (
        "Σεισμός στην Αθήνα",
        "Ισχυρός σεισμός έπληξε την Αθήνα το πρωί της Τρίτης. Οι κάτοικοι βγήκαν στους δρόμους.",
    ),
    "ar": (
        "حريق في مستودع بالقاهرة",
        "اندلع حريق كبير في مستودع بالقاهرة يوم الاثنين. ولم تقع إصابات.",
    ),
    "en": (
        "Warehouse fire in Leeds",
        "A large fire destroyed a warehouse in Leeds on Monday. Nobody was hurt.",
    ),
}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "inflections.db") as s:
        for language, (title, text) in REPORTS.items():
            article = make_article(
                article_id=language, title=title, text=text, url=f"https://example.org/{language}",
                source="example.org", published=NOW - timedelta(days=1), seen_at=NOW,
            )  # fmt: skip
            article.language = language
            s.add_article(article)
        process(s, embedder=False)
        yield s


def test_the_shared_start_of_a_word_as_written():
    assert inflection_prefix("пожаров") == "пожар"
    assert inflection_prefix("Москве") == "москв"
    assert inflection_prefix("Αθήνας") == "αθήν"  # accents kept: the index keeps them
    assert inflection_prefix("الحريق") == "الحريق"  # the article stays: the index keeps it
    # Asked alone or in an OR of terms, an Arabic word is any of its forms after a clitic.
    assert {"حريق", "الحريق", "والحريق", "بالحريق"} <= set(inflection_prefixes("والحريق"))
    assert inflection_prefixes("وزير")[:1] == ["وزير"]  # a first letter is no clitic
    assert fts_query("والحريق مستودع") == '"والحريق"* AND "مستودع"*'  # AND binds no OR group
    assert inflection_prefix("fires") is None  # the index stems English itself
    assert inflection_prefix("дом") is None  # too short a start to tell words apart
    assert term_query("пожаров") == '"пожар"*' and term_query("fires") == '"fires"'
    # A phrase in quotes is looked for as written.
    assert fts_query('"площадь пожара" склада') == '"площадь пожара" AND "склад"*'


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("пожаров", "ru"),  # genitive plural finds "пожар", "пожара"
        ("складами", "ru"),
        ("Подмосковья", "ru"),
        ("σεισμού", "el"),
        ("Αθήνας", "el"),
        ("مستودعات", None),  # a sound plural whose stem keeps a letter the singular lacks
        ("حريق", "ar"),
        ("والحريق", "ar"),  # "and the fire": the clitics come off, the report's "حريق" is found
        ("بمستودع", "ar"),
        ("fires", "en"),
    ],
)
def test_search_finds_other_inflections(store, query, found):
    hits = [h.article_id for h in search(store, query)]
    assert hits == ([found] if found else [])


def test_ask_in_russian_finds_a_report_that_inflects_the_words_otherwise(store):
    answer = ask(store, "Какова площадь пожаров?", now=NOW)
    assert answer.found
    assert "5000 квадратных метров" in " ".join(s.text for s in answer.answer)
    assert not ask(store, "Какова площадь наводнений?", now=NOW).found
