"""A people's adjective ("Taiwanese", "Israeli") and a word that says what a figure measures
("revenue", "profit") are no topics alone: told from CLDR's country names and the figure
reader's words, not from a list of the words themselves."""

from __future__ import annotations

import pytest

from newsbrief.models import Article
from newsbrief.summarize.keyphrases import entities, keyphrases
from newsbrief.text.wordlists import is_demonym, is_junk_topic


@pytest.mark.parametrize(
    "word",
    ["Taiwanese", "Israeli", "Canadian", "Kenyan", "Chilean", "Sudanese", "Iraqi", "American",
     "British", "Korean", "European", "African", "Asian"],
)  # fmt: skip
def test_a_peoples_adjective_is_no_topic(word):
    assert is_demonym(word) and is_junk_topic(word)


@pytest.mark.parametrize(
    "topic",
    ["Taiwan", "Israel", "Jordan", "Christian", "Adrian", "Milan", "Taiwanese chipmakers",
     "Nvidia", "earthquake", "American Airlines", "Africa", "Europe", "Asia", "Caribbean"],
)  # fmt: skip
def test_names_and_phrases_stay(topic):
    assert not is_junk_topic(topic)


@pytest.mark.parametrize("word", ["revenue", "revenues", "profit", "sales", "earnings", "costs"])
def test_what_a_figure_measures_is_no_topic_alone(word):
    assert is_junk_topic(word)
    assert not is_junk_topic(f"chip {word}")  # a phrase of the subject stays


def test_the_tags_of_a_chip_report_name_the_company_and_the_country():
    text = (
        "TSMC said its quarterly revenue rose 39% on demand for AI chips, the Taiwanese "
        "chipmaker said on Thursday. Revenue from advanced chips made up most of the total. "
        "The Taiwanese company expects revenue to grow again as Taiwan's exports of AI "
        "servers rise. TSMC shares rose 2% in Taipei."
    )
    articles = [Article(id=f"t{i}", title="TSMC revenue jumps on AI chip demand", text=text)
                for i in range(3)]  # fmt: skip
    found = entities(articles)
    tags = found + keyphrases(articles, exclude=found)
    assert "TSMC" in tags, tags
    assert not {t.lower() for t in tags} & {"taiwanese", "revenue"}, tags
