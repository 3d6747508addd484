"""Sources that disagree, in reports written in other languages than English."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbrief.conflicts import find_conflicts
from newsbrief.models import Article
from newsbrief.text.figure_words import LANGUAGES, gloss, past_month, points_elsewhere


def report(article_id: str, text: str, language: str | None, hour: int = 8) -> Article:
    when = datetime(2024, 5, 1, hour, tzinfo=UTC)
    return Article(id=article_id, title="", text=text, source=f"{article_id}.example",
                   published=when, language=language)  # fmt: skip


def conflicts(first: str, second: str, languages: tuple[str | None, str | None]):
    a, b = report("a", first, languages[0]), report("b", second, languages[1], 9)
    return find_conflicts([a, b], {"a": "a", "b": "b"})


# One toll, written two ways in each language, that the reports give as 20 and 17.
TOLLS = {
    "de": ("Bei dem Erdbeben kamen mindestens 20 Menschen ums Leben.",
           "Nach Angaben der Behörden gab es 17 Tote."),
    "es": ("El terremoto dejó al menos 20 muertos, según las autoridades.",
           "Murieron 17 personas en el terremoto, informó la agencia."),
    "fr": ("Le séisme a fait au moins 20 morts selon les autorités.",
           "Dix-sept personnes, soit 17 morts, ont été recensées par la police."),
    "it": ("Il terremoto ha provocato almeno 20 morti, secondo le autorità.",
           "Le autorità contano 17 morti dopo la scossa."),
    "pt": ("O sismo deixou pelo menos 20 mortos, segundo as autoridades.",
           "Morreram 17 pessoas no sismo, disse a polícia."),
    "ru": ("В результате землетрясения погибли 20 человек.",
           "По данным властей, погибли 17 человек."),
    "ar": ("أسفر الزلزال عن 20 قتيلا على الأقل.",
           "قالت السلطات إن 17 قتيلا سقطوا في الزلزال."),
}  # fmt: skip


def test_every_language_read_has_made_up_tolls():
    assert set(TOLLS) == set(LANGUAGES)


@pytest.mark.parametrize("language", sorted(TOLLS))
def test_a_toll_disagreeing_in_one_language(language):
    first, second = TOLLS[language]
    [conflict] = conflicts(first, second, (language, language))
    assert conflict.about == "death toll"
    values = [c.value for c in conflict.claims]
    assert any("20" in v for v in values) and any("17" in v for v in values), values
    # The reader is shown the report's own sentence, never the gloss it was read in.
    assert {c.text for c in conflict.claims} == {first, second}


@pytest.mark.parametrize("language", sorted(TOLLS))
def test_one_toll_written_alike_does_not_disagree(language):
    first, _ = TOLLS[language]
    assert conflicts(first, first.replace("20", "20 "), (language, language)) == []


def test_a_toll_in_two_languages_is_one_quantity():
    [conflict] = conflicts(TOLLS["de"][0], TOLLS["es"][1], ("de", "es"))
    assert conflict.about == "death toll"


def test_the_language_is_told_from_the_text_when_not_stored():
    # (A text needs about 40 characters for its language to be told.)
    second = "По данным властей, в результате землетрясения погибли 17 человек."
    [conflict] = conflicts(TOLLS["ru"][0], second, (None, None))
    assert conflict.about == "death toll"


@pytest.mark.parametrize(
    ("language", "first", "second", "about"),
    [
        ("de", "Bei dem Unglück wurden 40 Menschen verletzt.",
         "Die Polizei zählte 55 Verletzte.", "number injured"),
        ("es", "Hay 12 desaparecidos tras la riada.", "La riada dejó 30 desaparecidos.",
         "number missing"),
        ("fr", "La police a interpellé 8 personnes, soit 8 interpellés.",
         "Au total, 14 interpellés ont été placés en garde à vue.", "number arrested"),
        ("it", "Sono stati evacuati 300 abitanti del paese.",
         "Circa 1.200 sfollati hanno lasciato le case.", "number displaced"),
    ],
)  # fmt: skip
def test_other_tolls(language, first, second, about):
    [conflict] = conflicts(first, second, (language, language))
    assert conflict.about == about


def test_money_with_its_currency_and_scale():
    [conflict] = conflicts(
        "Der Konzern meldete einen Verlust von 2,4 Milliarden Euro.",
        "Der Verlust des Konzerns lag bei 1,9 Mrd. Euro.",
        ("de", "de"),
    )
    assert conflict.about == "loss"
    # Amounts in two currencies are not compared: no rate is known to the reader.
    assert conflicts("El grupo tuvo una pérdida de 2 mil millones de dólares.",
                     "Il gruppo ha registrato una perdita di 2 miliardi di euro.",
                     ("es", "it")) == []  # fmt: skip
    assert conflicts("El grupo tuvo una pérdida de 2 mil millones de dólares.",
                     "Il gruppo ha registrato una perdita di 2 miliardi di dollari.",
                     ("es", "it")) == []  # fmt: skip


def test_a_toll_said_to_have_risen_is_an_update():
    # Undated reports: only the words say which value is the later one.
    first = Article(id="a", title="", text="Bei dem Unglück gab es 20 Tote.", language="de")
    second = Article(id="b", title="", text="Die Zahl der Toten stieg auf 25, teilte die Polizei "
                     "mit.", language="de")  # fmt: skip
    [conflict] = find_conflicts([first, second], {"a": "a", "b": "b"})
    assert conflict.kind == "update"
    assert conflict.claims[0].value == "25"  # the latest first


def test_a_magnitude():
    [conflict] = conflicts(
        "Un séisme de magnitude 6,1 a frappé la région.",
        "La secousse, de magnitude 5,6, a été ressentie jusqu'à la côte.",
        ("fr", "fr"),
    )
    assert conflict.about.startswith("magnitude")


def test_a_toll_of_an_earlier_month_or_of_another_story_is_not_the_storys():
    assert conflicts("A finales de octubre, otro motín dejó seis muertos.",
                     "La riña en el penal dejó 16 muertos.", ("es", "es")) == []  # fmt: skip
    assert conflicts("También te puede interesar: Reportan siete muertos en un choque.",
                     "La riña en el penal dejó 16 muertos.", ("es", "es")) == []  # fmt: skip


def test_the_gloss():
    assert gloss("mindestens 20 Tote und 150 Verletzte", "de") == "at least 20 dead and 150 injured"
    assert gloss("más de 19 mil personas", "es") == "more than 19 thousand people"
    assert gloss("una pérdida de $2 mil millones", "es") == "una loss de $2 billion"
    assert gloss("لحجز ١٣٥٩ وحدة", "ar") == "لحجز 1359 وحدة"
    assert gloss("11,2 Prozent", "de") == "11.2 percent"
    # A German word spelt like an English cue word is not one: "die" is not "to die".
    assert "die" not in gloss("bis 24.00 Uhr am 6. Juni, die Regierung", "de").split()
    assert "6 June" in gloss("bis 24.00 Uhr am 6. Juni", "de")
    # English, and languages without a row, are read as written.
    assert gloss("at least 20 dead", "en") == "at least 20 dead"
    assert gloss("至少20人死亡", "zh") == "至少20人死亡"
    assert past_month(gloss("A finales de octubre", "es"))
    assert not past_month(gloss("hasta el 15 de marzo", "es"))
    assert points_elsewhere(gloss("Lesen Sie auch: 20 Tote", "de"))
