"""Topics are names and noun phrases in every language: no verb, no clause, no pair of words
across a phrase boundary, no name in one of its Turkish cases."""

from __future__ import annotations

import pytest

from newsbrief.models import Article
from newsbrief.summarize.keyphrases import entities, keyphrases
from newsbrief.text.wordlists import is_junk_topic


def tags(article: Article) -> list[str]:
    found = entities([article])
    return found + keyphrases([article], exclude=found)


@pytest.mark.parametrize(
    ("topic", "language"),
    [
        ("المحطة ستنتج", "ar"),  # "the station will produce": a sentence
        ("للعميد واسيني", "ar"),  # "to the dean Wassini"
        ("казани открылся", "ru"),  # a place and a reflexive verb
        ("формат изменится", "ru"),
        ("czekają niecierpliwie", "pl"),
        ("policjant zauważył", "pl"),
        ("değişmesi bekleniyor", "tr"),
        ("sayım sürerken", "tr"),
        ("Muğla'da", "tr"),  # a name in its locative case
        ("cinesi dovrebbero", "it"),
        ("biden rencontrera", "fr"),
        ("zacatecas habría", "es"),  # a conditional
        ("geneticamente modificate", "it"),  # an adverb
        ("temporairement vivre", "fr"),
        ("critiques diminuent", "fr"),
        ("d'arbitrage", "fr"),  # an elided preposition opens no topic
        ("all'inizio", "it"),
        ("cinco heridos", "es"),  # a number word and a participle
        ("apuñalar", "es"),  # an infinitive alone
        ("ricostruire", "it"),
        ("España El", "es"),  # a name run into the next phrase's article
        ("Według", "pl"),
        ("wążpolicjant przyszedł", "pl"),
        ("oklaskując topowych", "pl"),
        ("okazję śpiewać", "pl"),
        ("bulunduğunu açıkladı", "tr"),
        ("longues semaines", "fr"),
        ("بالنيابة", "ar"),  # "on behalf": a preposition and the article
        ("عمرها بسوهاج", "ar"),  # "her age in Sohag": a pronoun written onto a noun
        ("türünün bulgularını", "tr"),  # an object of a verb
        ("hayvanlarının ifadesinde", "tr"),  # an adverbial in the locative
        ("partilerin ekseriyetinin", "tr"),  # two genitives: each asks for a noun after it
        ("niecierpliwie", "pl"),  # an adverb
        ("pokazuje najnowszy", "pl"),  # a verb in the present
    ],
)
def test_clauses_and_verbs_are_no_topics(topic, language):
    assert is_junk_topic(topic, language)


@pytest.mark.parametrize(
    ("topic", "language"),
    [
        ("سعر الدولار", "ar"),
        ("اللواء شنقريحة", "ar"),  # a title and a name
        ("الرئيس ترامب", "ar"),
        ("Казань", "ru"),
        ("венчурных инвестиций", "ru"),
        ("Muğla", "tr"),
        ("sokak hayvanları", "tr"),
        ("etap łagodzenia", "pl"),
        ("brutalité policière", "fr"),
        ("réélection d'almagro", "fr"),  # an elided preposition inside a phrase
        ("l'euforia iniziale", "it"),  # an elided article opens a noun phrase
        ("bienestar", "es"),
        ("cantiere", "it"),
        ("dólar australiano", "es"),
        ("Banco de la Reserva", "es"),
        ("płeć", "pl"),
        ("Clemente", "es"),
        ("reformist partilerin", "tr"),  # one genitive ends a noun phrase
        ("sokak hayvanlarının", "tr"),
        ("منفذ السلوم", "ar"),
    ],
)
def test_names_and_noun_phrases_stay(topic, language):
    assert not is_junk_topic(topic, language)


def test_no_pair_is_made_across_punctuation():
    article = Article(
        id="de1",
        title="Impfstoffsuche: auf Tierversuche verzichten? Köln / Göttingen. Aktionstag gegen "
        "Tierversuche",
        text="Köln / Göttingen. Aktionstag gegen Tierversuche: Aktivisten fordern Alternativen. "
        "In Göttingen und Köln zeigen die Aktivisten Alternativen zu Tierversuchen.",
        language="de",
    )
    found = [t.lower() for t in tags(article)]
    assert "verzichten köln" not in found and "göttingen aktionstag" not in found
    assert not any(t.endswith(("sagte", "verzichten")) for t in found)


def test_german_keyphrases_are_nouns_as_written():
    article = Article(
        id="de2",
        title="Hamburger CDU sucht nach der Wahlschlappe einen neuen Weg",
        text="Nach der Wahlschlappe sucht die Hamburger CDU einen neuen Weg. Die Wahlschlappe sei "
        "historisch, sagte der Landesvorsitzende. Die CDU sucht nun eine neue Ausrichtung, "
        "und die Wahlschlappe wird in der Partei diskutiert.",
        language="de",
    )
    found = tags(article)
    assert "Wahlschlappe" in found  # as German writes a noun, with its capital
    assert not any("sucht" in t.lower() or "sagte" in t.lower() for t in found)


def test_a_turkish_name_is_a_topic_without_its_case_ending():
    article = Article(
        id="tr1",
        title="Muğla'da sokak hayvanları için mama kapları",
        text="Muğla'da belediye sokak hayvanları için mama kapları yerleştirdi. Muğla'daki "
        "hayvanseverler mama kaplarını doldurdu. Başkan, Muğla'nın her yerine mama kapları "
        "konulacağını söyledi.",
        language="tr",
    )
    found = tags(article)
    assert "Muğla" in found
    assert not any("'" in t for t in found)


def test_chinese_verbs_are_no_topics_but_events_named_by_a_verb_are():
    pytest.importorskip("jieba", reason="the cjk extra is not installed")
    article = Article(
        id="zh1",
        title="联合国呼吁各方保持克制 央行宣布降准",
        text="联合国周二呼吁各方保持克制。联合国秘书长再次呼吁各方停火。中国人民银行宣布降准"
        "0.5个百分点，此次降准将释放长期资金。央行表示，降准旨在支持实体经济。",
        language="zh",
    )
    found = tags(article)
    assert "呼吁" not in found  # "to call on": a verb with its object
    assert "降准" in found  # a cut in the reserve ratio: the event


@pytest.mark.parametrize(
    ("topic", "language", "junk"),
    [
        ("German", "en", True),  # "GEMA, the German music rights society"
        ("Chinese", "en", True),
        ("Arabic", "en", True),
        ("Deutsch", "de", True),
        ("Georgia", "en", False),
        ("Chinese New Year", "en", False),
        ("Germany", "en", False),
    ],
)
def test_a_language_name_alone_is_no_topic(topic, language, junk):
    assert is_junk_topic(topic, language) is junk
