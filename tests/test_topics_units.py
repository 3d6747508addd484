"""Magnitudes and units are a figure's words, never a topic, in every language the project
reads: the languages without a list of their own take them from CLDR (Babel)."""

from __future__ import annotations

import json

import pytest
from conftest import write_jsonl

from newsbrief.text.wordlists import is_junk_topic, unit_words


@pytest.mark.parametrize(
    ("word", "language"),
    [
        ("миллиардов", "ru"),
        ("Миллиардов", "ru"),  # opening a sentence
        ("процентов", "ru"),
        ("километров", "ru"),
        ("млрд", "ru"),
        ("мільйонів", "uk"),
        ("δισεκατομμύρια", "el"),
        ("χιλιόμετρα", "el"),
        ("مليون", "ar"),
        ("بالمائة", "ar"),
        ("करोड़", "hi"),
        ("प्रतिशत", "hi"),
        ("milyar", "tr"),
        ("milhões", "pt"),
        ("miliardów", "pl"),
        ("miljard", "nl"),
        ("billion", "ru"),  # English figures appear in every language's news
    ],
)
def test_magnitudes_and_units_of_every_language_are_no_topics(word, language):
    assert is_junk_topic(word, language)


@pytest.mark.parametrize(
    ("topic", "language"),
    [
        ("Волгу", "ru"),
        ("Илсур Метшин", "ru"),
        ("Κρήτη", "el"),
        ("Polska", "pl"),
        ("电动汽车", "zh"),
    ],
)
def test_names_stay_topics(topic, language):
    assert not is_junk_topic(topic, language)


def test_languages_with_their_own_list_keep_it():
    # CLDR's unit names hold words news uses for more than figures ("hour", "short"): the
    # languages whose list is written here are read by that list alone.
    assert "hour" not in unit_words("en") and "stunde" not in unit_words("de")
    assert "billion" in unit_words("en") and "milliarden" in unit_words("de")
    # Nor do CLDR's names of a unit bring in the adjectives of a country ("US gallon").
    assert not {"американская", "amerikan", "americana", "ηπα"} & (
        unit_words("ru") | unit_words("tr") | unit_words("pt") | unit_words("el")
    )


REPORTS = [
    {
        "id": "ru1",
        "title": "В Казани открылся новый мост через Волгу",
        "source": "ria.ru",
        "url": "https://ria.ru/a1",
        "published": "2026-12-07T08:00:00+03:00",
        "text": "В понедельник в Казани открылся новый мост через Волгу. Строительство обошлось "
        "в 12 миллиардов рублей, сообщил мэр города Илсур Метшин. По словам мэра, ещё 3 "
        "миллиардов рублей уйдёт на дороги. В следующем году планируется открыть ещё одну "
        "развязку за 2 миллиардов.",
    },
    {
        "id": "ru2",
        "title": "Мэр Казани открыл мост через Волгу стоимостью 12 миллиардов рублей",
        "source": "tass.ru",
        "url": "https://tass.ru/b2",
        "published": "2026-12-07T09:30:00+03:00",
        "text": "Мэр Казани Илсур Метшин в понедельник открыл новый мост через Волгу. По словам "
        "мэра, стоимость строительства составила 15 миллиардов рублей. Мост соединит два "
        "района города, на которые приходится 40 процентов населения.",
    },
]


def test_a_russian_briefing_has_no_unit_among_its_topics(run, tmp_path):
    path = write_jsonl(tmp_path / "ru.jsonl", REPORTS)
    assert run("import", str(path)).exit_code == 0
    done = run("brief", "--since", "3650d", "--format", "json", "--no-record")
    briefing = json.loads(done.output)
    (story,) = briefing["stories"]
    tags = [*briefing["topics"], *story["keyphrases"], *story["entities"]]
    assert "Волгу" in tags
    assert not [t for t in tags if {"миллиардов", "процентов"} & set(t.lower().split())]
