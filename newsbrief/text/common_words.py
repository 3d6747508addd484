"""Capitalised words that are not names: German nouns and words that open a sentence.

English capitalises names, so a capitalised word mid-sentence is a name. German capitalises
every noun ("die Regierung", "Verbraucher", "Entlastung"), and every language capitalises the
word that opens a sentence, which in Spanish is often a verb ("Afirmó que ...", "Destacó ...").
Three signs tell such a word from a name:

- **An article.** German nouns take one ("die Opposition", "den neuen Plan"); names of people
  and places do not ("Lindner sagte", "in Berlin").
- **A noun ending.** "-ung", "-heit", "-keit", "-schaft", "-tät", "-ismus" ... make nouns, never
  surnames or towns.
- **A word of the language that English hardly uses.** Names travel between languages:
  "Berlin", "Siemens", "Madrid", "Sánchez" are frequent in English text too, while "Verbraucher",
  "Haushalt", "anunció" and "destacó" are a thousand times rarer there (wordfreq's word
  frequencies). A place written
  in its own language's spelling ("Brüssel", "München") is not frequent in English either, so a
  word that follows a place preposition ("in Brüssel") keeps its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from newsbrief.text import segment

# Articles, demonstratives and possessives: what stands before a German noun.
_DE_DETERMINERS = frozenset(
    """der die das den dem des ein eine einen einem einer eines kein keine keinen keinem
    keiner keines dieser diese dieses diesem diesen jeder jede jedes jeden jedem jener jene
    sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere unseren unserem
    unserer im am zum zur vom beim ins ans""".split()
)
_DE_NOUN_ENDINGS = (
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tät", "täten",
    "ismus", "nis", "nisse", "tum", "tion", "tionen", "sion", "sionen", "chen", "ment",
    "mente", "ling", "linge", "anz", "enz",
)  # fmt: skip
# Prepositions after which a capitalised word is a place: "in Brüssel", "aus München".
_PLACE_PREPOSITIONS = {
    "de": frozenset("in aus".split()),  # not "nach": "nach Angaben" is "according to"
    "es": frozenset("en desde hacia".split()),
    "fr": frozenset("à en depuis".split()),
    "it": frozenset("a in da".split()),
    "pt": frozenset("em para".split()),
}
_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?")
# Up to two lower-case words (adjectives) between an article and its noun.
_MAX_GAP = 2
OWN_LANGUAGE_MIN = 3.0  # Zipf frequency: a word met at least once per million words
# A thousand times more frequent in the language than in English: "Regierung" (5.2 and 1.1),
# "laut", "anunció"; not "Deutschland" (5.8 and 2.9), "Lindner" or "Sánchez".
GAP = 3.0
ENGLISH_MAX = 1.0  # Zipf frequency under which English text does not use a word
COMPOUND_LENGTH = 10
_ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")


_UNREADABLE: set[str] = set()  # languages whose words wordfreq cannot cut here


@lru_cache(maxsize=4096)
def _zipf(word: str, language: str) -> float:
    """The word's Zipf frequency in the language; 0 (unknown) where wordfreq needs a library
    that is not installed: it cuts Japanese and Korean with MeCab, an optional C library, and
    a text in those languages must still be read."""
    from wordfreq import zipf_frequency  # loads its word lists: only when names are read

    if language in _UNREADABLE:
        return 0.0
    segment.quiet_jieba(language)
    try:
        return float(zipf_frequency(word, language))
    except ImportError:
        _UNREADABLE.add(language)
        return 0.0


def english_zipf(word: str) -> float:
    """How often general English writes the word (Zipf scale: 7 for "the", 0 unknown)."""
    return _zipf(word.lower(), "en")


def not_in_english(word: str, language: str) -> bool:
    """A frequent word of ``language`` that English text does not use: a common word, not a
    name ("verbraucher", "anunció"; not "berlin", "sánchez")."""
    key = word.lower().split("-")[-1]
    if language == "en" or not key:
        return False
    own, english = _zipf(key, language), _zipf(key, "en")
    return own >= OWN_LANGUAGE_MIN and own - english >= GAP


def _compound(key: str) -> bool:
    """A long German compound ("Vorstandschef", "Rechenzentren"): rarer than its parts but no
    less a common word, and one English text does not use."""
    return _zipf(key, "de") > 0 and _zipf(key, "en") < ENGLISH_MAX


class CommonWords:
    """What a set of texts in one language shows about its capitalised words."""

    def __init__(self, texts: Iterable[str], language: str) -> None:
        self.language = language
        self.after_article: set[str] = set()
        self.after_place: set[str] = set()
        places = _PLACE_PREPOSITIONS.get(language, frozenset())
        for text in texts:
            words = _WORD.findall(text)
            for i, word in enumerate(words):
                if not word[0].isupper():
                    continue
                before = [w.lower() for w in words[max(0, i - _MAX_GAP - 1) : i]]
                if before and before[-1] in places:
                    self.after_place.add(word.lower())
                if language == "de" and _follows_article(words, i):
                    self.after_article.add(word.lower())

    def is_noun(self, word: str) -> bool:
        """A German common noun ("Regierung", "Verbraucher"), not a name ("Lindner")."""
        if self.language != "de" or not _mixed_case(word):
            return False
        key = word.lower()
        last = key.split("-")[-1]
        if key in self.after_article or last in self.after_article:
            return True
        if last.endswith(_DE_NOUN_ENDINGS):
            return True
        if len(key) >= COMPOUND_LENGTH and _compound(key):
            return True
        return key not in self.after_place and not_in_english(word, self.language)

    def leads_no_name(self, word: str) -> bool:
        """A German noun, no part of a name around it ("Finanzminister Christian Lindner",
        "Der Softwarekonzern SAP"); an adjective can be ("Deutsche Bank", "Europäische
        Zentralbank")."""
        return self.is_noun(word) and not _adjective(word.lower())

    def opens_no_name(self, word: str) -> bool:
        """A word that opens a sentence and is a common word of the language ("Afirmó",
        "Verbraucher"), not the first word of a name."""
        if self.language == "en" or not _mixed_case(word):
            return False
        if self.is_noun(word):
            return True
        return word.lower() not in self.after_place and not_in_english(word, self.language)


def _mixed_case(word: str) -> bool:
    """Written with a capital and lower-case letters: "Regierung", not "SAP" or "KI"."""
    return word[:1].isupper() and any(c.islower() for c in word[1:])


def _adjective(word: str) -> bool:
    """An inflected German adjective: its stem is a frequent word ("deutsche", "heidelberger")."""
    for ending in _ADJECTIVE_ENDINGS:
        if word.endswith(ending) and _zipf(word[: -len(ending)], "de") >= OWN_LANGUAGE_MIN:
            return True
    return False


def _follows_article(words: list[str], i: int) -> bool:
    for back in range(1, _MAX_GAP + 2):
        if i - back < 0:
            return False
        word = words[i - back]
        if word.lower() in _DE_DETERMINERS:
            return True
        if not word[0].islower():
            return False  # a capitalised word between: "die Deutsche Bank" is read at "Deutsche"
    return False
