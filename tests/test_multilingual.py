"""Terms and names of text in languages other than English, as clustering reads them."""

from __future__ import annotations

from newsbrief.models import Article
from newsbrief.stories.cluster import features, language, short_language
from newsbrief.text import segment
from newsbrief.text.multilingual import fold, names, terms


def test_accents_fold_so_one_name_matches_across_languages():
    assert fold("Mazón") == "mazon"
    assert fold("Kürzungen") == "kurzungen"
    assert fold("beschließt") == "beschliesst"


def test_function_words_go_and_words_are_stemmed_in_their_language():
    got = terms("Die Opposition kritisierte die Kürzungen beim Klimaschutz", "de")
    assert "die" not in got and "beim" not in got
    assert "opposition" in got  # a capitalised word is kept whole: it may be a name
    spanish = terms("los bomberos luchan contra el incendio", "es")
    assert "los" not in spanish and "el" not in spanish
    assert "bomber" in spanish  # "bomberos", stemmed


def test_chinese_is_cut_into_pairs_of_characters_without_a_segmenter(monkeypatch):
    monkeypatch.setattr(segment, "_jieba", lambda: None)
    got = terms("央行降准释放资金", "zh")
    assert got == ["央行", "行降", "降准", "准释", "释放", "放资", "资金"]
    # Two reports that word one event differently still share pairs.
    assert {"降准", "资金"} <= set(terms("中国人民银行宣布降准，释放长期资金", "zh"))


def test_names_are_runs_of_capitals_without_articles():
    found = names(
        "Der Etat von Finanzminister Christian Lindner wurde in Berlin beschlossen.", "de"
    )
    assert any(name.endswith("christian lindner") for name in found)
    assert "berlin" in found
    assert not any(name.startswith("der ") for name in found)
    # Keyed as English names are (light stemming): "Carlos Mazón" in an English report too.
    assert "carlo mazon" in names("El presidente, Carlos Mazón, visitó Castellón.", "es")


def test_a_name_in_a_german_report_is_the_name_in_an_english_one():
    german = Article(
        id="de",
        title="Bundestag beschließt Haushalt",
        text="Finanzminister Christian Lindner sprach am Freitag in Berlin von einem Etat der "
        "Konsolidierung mit Ausgaben von 476,8 Milliarden Euro für das kommende Jahr.",
    )
    english = Article(
        id="en",
        title="German parliament passes budget",
        text="Finance minister Christian Lindner said in Berlin on Friday that spending of "
        "476.8 billion euros for the coming year marked a return to consolidation.",
    )
    shared = features(german).keys() & features(english).keys()
    assert {"lindner", "@berlin", "476.8"} <= shared  # the figure whole, as in English


def test_english_is_read_as_before():
    article = Article(id="e", title="Quake strikes Hualien", text="Rescuers searched the hotels.")
    got = features(article)
    assert "quake" in got and "hotel" in got and "@hualien" in got


def test_a_short_report_is_read_in_its_language_when_its_words_bear_it_out():
    german = Article(
        id="de-short",
        title="Lindner verteidigt den Haushalt im Bundestag",
        text="Die Opposition spricht von Kürzungen.",
        language="de",
    )
    assert language(german, german.text) == "de"
    got = features(german)
    assert "den" not in got and "im" not in got  # German function words, not English terms
    # An import's wrong guess for an English headline does not change how it is read.
    guessed = Article(id="en-short", title="Fed official says weak data caused by weather",
                      text="", language="it")  # fmt: skip
    assert language(guessed, "") == "en"
    # A headline with no function word at all says nothing either way: English, as before.
    assert short_language("Merkel Putin Gipfel", "de") == "en"


def test_a_short_report_in_another_script_is_read_in_its_language_without_being_told():
    assert short_language("Путин прибыл в Пекин") == "ru"
    assert short_language("البنك المركزي يرفع الفائدة") == "ar"
    assert short_language("央行宣布降准") == "zh"
    assert short_language("日銀が利上げを決定") == "ja"
