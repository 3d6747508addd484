"""Figures, months, countries and names written alike across languages (text/localised.py)."""

from __future__ import annotations

from newsbrief.models import Article
from newsbrief.stories.cluster import features
from newsbrief.text.localised import countries, numbers, word_map
from newsbrief.text.multilingual import names, terms


def test_figures_of_decimal_comma_languages_are_written_the_english_way():
    assert numbers("2,4 Mrd. Euro für 1.200 Schulen", "de") == "2.4 Mrd. Euro für 1,200 Schulen"
    assert numbers("1.234.567,89 zł", "pl") == "1,234,567.89 zł"
    assert numbers("am 24.12.2020", "de") == "am 24.12.2020"  # a date, not a figure
    assert numbers("1,200 people", "en") == "1,200 people"  # English is left alone


def test_chinese_amounts_months_and_days():
    assert "30,000" in numbers("3万人", "zh")
    assert "26 billion" in numbers("260亿美元", "zh")
    assert "2.5 trillion" in numbers("2.5万亿元", "zh")
    assert numbers("12月18日", "zh").split() == ["december", "18"]


def test_months_and_scales_map_to_english_words():
    assert word_map("fr")["avril"] == "april"
    assert word_map("ru")["марта"] == "march"  # the genitive, as dates write it
    assert word_map("de")["mrd"] == "billion"
    assert word_map("de")["billion"] == "trillion"  # German "Billion" is 10^12
    assert terms("le 3 avril", "fr") == ["april"]


def test_country_names_in_english():
    assert "germany" in countries("Exporte aus Deutschland", "de")
    assert "united states" in countries("美国总统", "zh")
    assert "china" in countries("Les exportations de la Chine", "fr")


def test_cyrillic_names_are_transliterated_and_uninflected():
    got = terms("Президент Владимир Путин", "ru")
    assert "putin" in got and "vladimir" in got
    assert "vladimir putin" in names("Вчера президент Владимир Путин сказал.", "ru")
    assert "putin" in terms("встреча с Путиным", "ru")  # instrumental case, stemmed


def test_a_chinese_report_and_an_english_one_share_figures_dates_and_places():
    chinese = Article(
        id="zh",
        title="美国向乌克兰提供260亿美元援助",
        text="美国国防部12月18日宣布,将向乌克兰提供260亿美元的军事援助,其中包括防空系统。"
        "这是今年以来规模最大的一笔援助,国会此前已批准相关预算。" * 2,
        language="zh",
    )
    english = Article(
        id="en",
        title="US announces $26 billion in military aid for Ukraine",
        text="The United States Defense Department said on December 18 that it would send $26 "
        "billion in military aid to Ukraine, including air defence systems, the largest "
        "package this year after Congress approved the budget.",
    )
    shared = features(chinese).keys() & features(english).keys()
    assert {"ukraine", "26", "billion", "december", "18"} <= shared
