"""One small report per supported language, as clustering and write-ups read it.

Each fixture is two sentences of a city budget report, written for these tests. For each
language they check: the text splits into its two sentences (an abbreviation such as "Mrd."
does not end one; Chinese and Japanese end at "。" with no space), the language's function
words are dropped and its content words kept, the mayor's name is found without the words
around it (in Latin letters for Cyrillic), and a figure is written the English way.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from newsbrief.text.multilingual import english_text, names, terms
from newsbrief.text.sentences import split_sentences
from newsbrief.text.tokens import terms as english_terms


@dataclass(frozen=True)
class Fixture:
    language: str
    text: str
    dropped: str  # a function word that must not be a term
    kept: str  # a content term that must be there (stemmed as the language stems it)
    name: str  # how the mayor's name is keyed ("" for a script without capitals)
    figure: str  # the figure as English writes it, after english_text()


FIXTURES = [
    Fixture(
        "en",
        "The city council approved a budget of 1.2 billion dollars on Monday. Mayor Karen "
        "Bass said the plan protects jobs.",
        "the", "council", "karen bass", "1.2 billion",
    ),
    Fixture(
        "de",
        "Der Stadtrat hat am Montag einen Haushalt von 2,4 Mrd. Euro beschlossen. "
        "Oberbürgermeisterin Katja Dörner sprach von einem soliden Plan.",
        "hat", "stadtrat", "katja dorner", "2.4 Mrd.",
    ),
    Fixture(
        "fr",
        "Le conseil municipal a adopté lundi un budget de 1,2 milliard d'euros. La maire "
        "Anne Hidalgo a salué un plan équilibré.",
        "le", "billion", "anne hidalgo", "1.2 milliard",
    ),
    Fixture(
        "es",
        "El ayuntamiento aprobó el lunes un presupuesto de 1.200 millones de euros. El "
        "alcalde José Luis Martínez-Almeida defendió el plan.",
        "el", "million", "jose luis martinez-almeida", "1,200 millones",
    ),
    Fixture(
        "it",
        "Il consiglio comunale ha approvato lunedì un bilancio di 3,5 miliardi di euro. Il "
        "sindaco Roberto Gualtieri ha difeso il piano.",
        "il", "billion", "roberto gualtieri", "3.5 miliardi",
    ),
    Fixture(
        "pt",
        "A câmara municipal aprovou na segunda-feira um orçamento de 850,5 milhões de euros. "
        "O presidente Carlos Moedas defendeu o plano.",
        "um", "million", "carlo moeda", "850.5 milhões",
    ),
    Fixture(
        "nl",
        "De gemeenteraad keurde maandag een begroting van 1,8 miljard euro goed. "
        "Burgemeester Femke Halsema sprak van een evenwichtig plan.",
        "een", "billion", "femke halsema", "1.8 miljard",
    ),
    Fixture(
        "pl",
        "Rada miasta przyjęła w poniedziałek budżet w wysokości 2,1 mld zł. Prezydent Rafał "
        "Trzaskowski bronił planu.",
        "w", "billion", "rafal trzaskowski", "2.1 mld",
    ),
    Fixture(
        "tr",
        "Belediye meclisi pazartesi günü 4,5 milyar liralık bütçeyi onayladı. Başkan Ekrem "
        "İmamoğlu planı savundu.",
        "ve", "billion", "ekrem imamoglu", "4.5 milyar",
    ),
    Fixture(
        "ru",
        "Городская дума в понедельник утвердила бюджет в размере 1,5 млрд рублей. Мэр "
        "Сергей Собянин назвал план сбалансированным.",
        "в", "billion", "sobyanin", "1.5 млрд",
    ),
    Fixture(
        "ar",
        "وافق مجلس المدينة يوم الاثنين على ميزانية بقيمة 2.3 مليار دولار. وقال رئيس البلدية "
        "إن الخطة متوازنة.",
        "على", "مجلس", "", "2.3 مليار",
    ),
    Fixture(
        "zh",
        "市议会周一批准了3万亿元的预算。市长表示，这项计划是平衡的。",
        "的", "预算", "", "3 trillion",
    ),
    Fixture(
        "ja",
        "市議会は月曜日、3万人分の予算を承認した。市長は「計画は均衡している」と述べた。",
        "は", "予算", "", "30,000",
    ),
]  # fmt: skip


def test_every_listed_language_has_a_fixture():
    listed = "en de fr es it pt nl pl tr ru ar zh ja".split()
    assert [f.language for f in FIXTURES] == listed


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.language)
def test_two_sentences(fixture: Fixture):
    got = split_sentences(fixture.text)
    assert len(got) == 2, got
    assert "".join(got).replace(" ", "") == fixture.text.replace(" ", "")


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.language)
def test_terms_in_the_language(fixture: Fixture):
    if fixture.language == "en":
        got = english_terms(fixture.text)  # English is read as it always was
    else:
        got = terms(english_text(fixture.text, fixture.language), fixture.language)
    assert fixture.dropped not in got
    assert fixture.kept in got


@pytest.mark.parametrize("fixture", [f for f in FIXTURES if f.name], ids=lambda f: f.language)
def test_the_mayor_is_a_name(fixture: Fixture):
    found = names(english_text(fixture.text, fixture.language), fixture.language)
    assert any(key.endswith(fixture.name) for key in found), found


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.language)
def test_figures_as_english_writes_them(fixture: Fixture):
    assert fixture.figure in english_text(fixture.text, fixture.language)


def test_a_chinese_report_is_a_full_text_not_a_headline():
    from newsbrief.stories.cluster import SHORT_WORDS, word_count

    report = (
        "中国人民银行周五宣布下调金融机构存款准备金率，释放长期资金约五千亿元，以保持流动性合理充裕。"
        "分析人士认为，此举将降低企业融资成本。"
    )
    assert word_count(report) >= SHORT_WORDS  # 61 characters: about 30 words
    assert word_count("央行降准") < SHORT_WORDS  # a headline
    assert word_count("The bank cut its rate.") == 5
