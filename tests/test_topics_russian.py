"""Russian topics judged by parts of speech: a verb, a participle or an adjective alone, or two
nouns that are no noun phrase, is no topic; names and noun phrases stay, also names the
dictionary does not hold."""

from __future__ import annotations

import pytest

from newsbrief.models import Article
from newsbrief.summarize.keyphrases import entities, keyphrases
from newsbrief.text.wordlists import is_junk_topic


@pytest.mark.parametrize(
    "topic",
    [
        "отмечая",  # a gerund
        "обвинен",  # a short participle: "was charged"
        "предъявлено обвинение",
        "гонконг протестует",  # a finite verb without the reflexive ending
        "Вашингтонский",  # an adjective alone, written with a capital
        "Выжившие",  # a participle alone
        "смертельного ножевого",  # a phrase ending on an adjective
        "макао китаем",  # two nouns, the second not in the genitive: two phrases
        "Сент-Луисе Представьте",  # a name run into the next sentence's verb
        "вправо",  # an adverb
    ],
)
def test_verbs_adjectives_and_broken_phrases_are_no_topics(topic):
    assert is_junk_topic(topic, "ru")


@pytest.mark.parametrize(
    "topic",
    [
        "Гонконг",
        "Миннеаполисе",  # a name in one of its cases
        "Кевину Джармейну Кристиану",
        "Джина ДеХесус",  # a name the dictionary does not hold
        "ножевых ранений",  # adjective and noun
        "аналитики нигерии",  # a noun and a noun in the genitive
        "фотосинтезирующие организмы",
        "похищения",
    ],
)
def test_names_and_noun_phrases_stay(topic):
    assert not is_junk_topic(topic, "ru")


def test_the_tags_of_a_russian_report_hold_no_verb():
    text = (
        "Мужчина обвинен в убийстве в Миннеаполисе. Полиция Миннеаполиса сообщила, что "
        "мужчина был взят под стражу в четверг. Кевину Кристиану было предъявлено обвинение "
        "в убийстве второй степени. Ножевое ранение оказалось смертельным, сообщила полиция "
        "Миннеаполиса."
    )
    article = Article(id="ru1", title="Мужчина обвинен в убийстве в Миннеаполисе", text=text,
                      language="ru")  # fmt: skip
    found = entities([article])
    tags = found + keyphrases([article], exclude=found)
    assert any("Миннеаполис" in t for t in tags), tags
    lowered = " ".join(tags).lower()
    assert "обвинен " not in lowered + " " and "предъявлено" not in lowered, tags
