"""Parts of speech of Russian words, for telling a topic from a piece of a sentence.

Russian inflects every noun, adjective and verb, so endings alone cannot tell a verb from a
noun ("отмечая", "обвинен", "покинуло") or an adjective from a name ("Вашингтонский",
"Фотосинтезирующие"), nor say whether two words make a noun phrase: a noun phrase of two
nouns puts the second in the genitive ("аналитики Нигерии"), an adjective agrees with its noun
and comes before it. pymorphy3 (MIT, maintained, pure Python with its OpenCorpora dictionary,
about 17 MB installed) gives every reading of a word form with its part of speech and case.

Only dictionary words are judged: a name the dictionary does not hold ("Берри", "Хагг") is
never taken for a verb or an adjective because of its ending.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Parts of speech no topic is or holds: finite verbs, infinitives, short participles and
# adjectives (predicates: "обвинен", "ранены"), gerunds, adverbs, pronouns, prepositions,
# conjunctions, particles, interjections, predicatives and comparatives.
_CLAUSE = frozenset("VERB INFN PRTS ADJS GRND ADVB NPRO PREP CONJ PRCL INTJ PRED COMP".split())
# Words that modify a noun and name nothing alone: full adjectives, participles, numerals.
_MODIFIER = frozenset("ADJF PRTF NUMR".split())
_LANGUAGES = frozenset({"ru"})


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    try:
        import pymorphy3
    except ImportError:  # pragma: no cover - a dependency; the suffix rules stand in
        return None
    return pymorphy3.MorphAnalyzer(lang="ru")


def judges(language: str) -> bool:
    """Whether the parts of speech of the language's words are known here."""
    return language in _LANGUAGES and _analyzer() is not None


@lru_cache(maxsize=65536)
def _readings(word: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(part of speech, grammemes) of each reading of a dictionary word; () for a word the
    dictionary does not hold."""
    analyzer = _analyzer()
    if analyzer is None:
        return ()
    parses = analyzer.parse(word)
    if not parses or not parses[0].is_known:
        return ()
    return tuple((str(p.tag.POS), frozenset(p.tag.grammemes)) for p in parses)


def _noun_possible(readings: tuple[tuple[str, frozenset[str]], ...]) -> bool:
    return any(pos == "NOUN" for pos, _ in readings)


def is_clause_word(word: str) -> bool:
    """A verb form, adverb, pronoun or other word of a clause, never a noun."""
    readings = _readings(word)
    return bool(readings) and readings[0][0] in _CLAUSE and not _noun_possible(readings)


def is_modifier(word: str) -> bool:
    """An adjective, participle or numeral that reads first as one ("Африканского",
    "выжившие"): it names nothing without its noun."""
    readings = _readings(word)
    return bool(readings) and readings[0][0] in _MODIFIER


def _cases(word: str, pos: str) -> set[str]:
    cases = {"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"}
    return {g for p, grammemes in _readings(word) if p == pos for g in grammemes & cases}


def is_not_noun_phrase(words: list[str], lower_case: list[bool]) -> bool:
    """Whether the words (in lower case) cannot be a topic: one of them is a word of a clause
    ("гонконг протестует", "Сент-Луисе Представьте"), a lone word or a phrase in lower case
    ends on an adjective ("Вашингтонский", "смертельного ножевого"), or two nouns in lower
    case stand side by side with the second not in the genitive ("макао китаем", "пикассо
    стоимостью": two phrases, not one)."""
    if any(is_clause_word(w) for w in words):
        return True
    if (len(words) == 1 or all(lower_case)) and is_modifier(words[-1]):
        return True
    if len(words) == 2 and all(lower_case):
        first, second = words
        first_nouns = _cases(first, "NOUN")
        second_nouns = _cases(second, "NOUN")
        noun_pair = bool(first_nouns) and not is_modifier(first) and bool(second_nouns)
        if noun_pair and not second_nouns & {"gent", "gen2"}:
            return True
    return False
