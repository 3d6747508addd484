"""Terms and names of text in any language, for matching reports across languages.

What does not need translating is written alike in most languages: names, once the accents
are folded ("Mazón", "Mazon"), figures and places. Words are stemmed with the Snowball stemmer
of their language and dropped when they are its function words; Chinese and Japanese, written
without spaces, are cut into words by a segmenter (:mod:`newsbrief.text.segment`), or into
overlapping pairs of characters without one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsbrief.text import korean, localised, segment
from newsbrief.text.tokens import FIGURE, STOPWORDS, figure_term, stem
from newsbrief.text.wordlists import core_function_words, function_words

_WORD = re.compile(r"\d+(?:[.,:]\d+)+|[^\W_][\w'’\-]*[^\W_]|[^\W_]", re.UNICODE)
_TOKEN = re.compile(r"[^\W_][\w'’\-]*|[.!?:;\"“”«»()\n]")  # words, and what ends a name
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CONNECTORS = frozenset(
    "of de del della di da do dos das van von der den al el bin ibn y e".split()
)

_SNOWBALL = {
    "ar": "arabic", "da": "danish", "de": "german", "el": "greek", "es": "spanish",
    "fi": "finnish", "fr": "french", "hu": "hungarian", "it": "italian", "nl": "dutch",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish",
    "tr": "turkish", "cs": "czech", "no": "norwegian",
}  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents: "Kürzungen" -> "kurzungen", "Mazón" -> "mazon"."""
    plain = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in plain if not unicodedata.combining(c)).translate(_LETTERS)


# Letters that are not an accented letter to Unicode, so NFKD leaves them: "Rafał", "Başkanı".
_LETTERS = str.maketrans({"ß": "ss", "ł": "l", "ı": "i", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe"})


@lru_cache(maxsize=32)
def _stemmer(language: str):  # type: ignore[no-untyped-def]
    name = _SNOWBALL.get(language)
    if name is None:
        return None
    import snowballstemmer

    return snowballstemmer.stemmer(name)


@lru_cache(maxsize=1 << 14)
def snowball(word: str, language: str) -> str:
    """A word stemmed by its language's Snowball stemmer; as it is without one. (The stemmers
    are pure Python: a word met again is not stemmed again.)"""
    stemmer = _stemmer(language)
    return word if stemmer is None else str(stemmer.stemWord(word))


# Scripts whose words inflect at their ends and whose language the script tells.
_INFLECTING_SCRIPTS = (
    (re.compile(r"[\u0400-\u04ff]"), "ru"),
    (re.compile(r"[\u0600-\u06ff]"), "ar"),
    (re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"), "el"),
)


def script_stem(word: str) -> str | None:
    """A Russian, Arabic or Greek word (told by its script) stemmed in its language, so a
    question and a report meet whatever their inflections and clitics ("подписал",
    "подписали"; "تبلغ", "وتبلغ"); None for a word in another script."""
    for script, language in _INFLECTING_SCRIPTS:
        if script.search(word):
            return snowball(word.lower(), language)
    return None


# What Arabic writes before a word, joined to it: and, so, with, like, for (and the article
# after each). The search index keeps the word with them ("والحريق").
_ARABIC_CLITICS = ("", "ال", "و", "وال", "ف", "فال", "ب", "بال", "ك", "كال", "ل", "لل")


def inflection_prefixes(word: str) -> list[str]:
    """The starts of the forms of a word to search for: ``inflection_prefix``, and for an
    Arabic word its stem, as written, after each clitic Arabic writes before a word ("حريق" of
    "والحريق" is searched as "حريق", "الحريق", "والحريق" ...). Empty when the word is
    searched as written."""
    prefix = inflection_prefix(word)
    if prefix is None or not _ARABIC.search(word):
        return [] if prefix is None else [prefix]
    low, stem = word.lower(), script_stem(word) or ""
    start = fold(low).find(fold(stem))
    base = low[start : start + len(stem)]  # as written: the stemmer folds the hamza's forms
    # The stemmer may leave a conjunction before the article ("والحريق"); a lone letter before
    # a word may be its own first letter ("وزير"), so only the article's forms come off here.
    for clitic in ("وال", "فال", "بال", "كال", "لل", "ال"):
        if base.startswith(clitic) and len(base) - len(clitic) >= 3:
            base = base[len(clitic) :]
            break
    if len(base) < 4:
        return [prefix]
    return list(dict.fromkeys([prefix, *(clitic + base for clitic in _ARABIC_CLITICS)]))


_ARABIC = re.compile(r"[\u0600-\u06ff]")


def inflection_prefix(word: str) -> str | None:
    """The start of a Russian, Arabic or Greek word that its inflections share, as written
    ("пожар" of "пожаров", "αθήν" of "Αθήνας"), for a prefix search: the search index keeps
    words as written, so "пожаров" would never find "пожара". None for a word in another
    script, or when the shared start is too short to tell words apart.

    A Korean word is written with its particle ("삼성전자는", "평택에"): its start is the noun
    without the particle, which every form of the noun opens on ("삼성전자" finds "삼성전자가"),
    when the noun has two syllables or more ("국회"; one syllable opens too many words)."""
    if korean.is_hangul(word):
        found = korean.noun(word.lower())
        return found if len(found) >= korean.MIN_STEM and not korean.is_predicate(word) else None
    stem = script_stem(word)
    if stem is None:
        return None
    low = word.lower()
    start = fold(low).find(fold(stem))
    if start < 0 or start + len(stem) < 4:
        return None
    return low[: start + len(stem)]


_KANA = re.compile(r"[\u3040-\u30ff]")


def script_language(text: str) -> str | None:
    """ "ja" or "zh" when the text is written in CJK characters (kana: Japanese), else None."""
    if not _CJK.search(text):
        return None
    return "ja" if _KANA.search(text) else "zh"


@lru_cache(maxsize=64)
def _stop(language: str) -> tuple[frozenset[str], frozenset[str]]:
    return STOPWORDS | core_function_words(language), function_words(language)


def english_text(text: str, language: str) -> str:
    """Figures, months and countries written as the English reading writes them (see
    :mod:`newsbrief.text.localised`): what two languages share once written alike."""
    return localised.english_text(text, language)


def terms(text: str, language: str) -> list[str]:
    """Stemmed, accent-folded content words; CJK runs cut into words (or pairs of characters).

    Months and words for a million or a billion are given as the English word, names in
    Cyrillic or Greek in Latin letters, each as the English reading stems it.
    """
    out: list[str] = []
    for word in _WORD.findall(text):
        if _CJK.search(word):
            for run in _CJK.findall(word):
                out.extend(segment.words(run, language))
            rest = _CJK.sub(" ", word).split()
            out.extend(fold(w) for w in rest if len(w) > 1)
            continue
        if FIGURE.fullmatch(word):  # one term, whole, as the English reading has it
            out.append(figure_term(word))
            continue
        term = _term(word, language)
        if term is not None:
            out.append(term)
    return out


@lru_cache(maxsize=1 << 14)
def _term(word: str, language: str) -> str | None:
    """A word (not Chinese or Japanese) as ``terms`` gives it, None when it is left out; the
    same word in the same language is read once."""
    core, listed = _stop(language)
    low = word.lower().replace("’", "'")
    if korean.is_hangul(word):
        # Korean writes a noun and its particle as one word ("삼성전자가", "삼성전자는"): two
        # reports of one event meet on the noun; a predicate ("밝혔다") says nothing of it.
        if korean.is_predicate(word):
            return None
        low = korean.noun(low)
    same = localised.word_map(language).get(fold(low))
    if same is not None:
        return stem(same)
    if len(low) < 2 or low in core or (word[0].islower() and low in listed):
        return None
    capital = word[0].isupper()
    inflected = not capital or localised.needs_transliterating(word)
    if inflected and not word[0].isdigit():
        low = snowball(low, language)
    if capital and localised.needs_transliterating(low):
        return stem(localised.latin(low))
    if capital:
        return stem(fold(low))  # as English stems a name: "States" meets "states"
    return fold(low)


def _name_word(word: str, language: str) -> str:
    """A word of a name as English keys it; Cyrillic and Greek in Latin letters, uninflected
    ("Путина" -> "putin")."""
    if localised.needs_transliterating(word):
        return stem(localised.latin(snowball(word.lower(), language)))
    return stem(fold(word))


def names(text: str, language: str) -> list[str]:
    """Runs of capitalised words (any script with capitals), accent-folded and keyed as
    English names are, not a lone word opening a sentence nor a function word ("Der Etat")."""
    core = _stop(language)[0]
    found: list[str] = []
    run: list[str] = []
    start_of_run = True

    def close() -> None:
        while run and run[-1].lower() in _CONNECTORS:
            run.pop()
        if run and not (start_of_run and len(run) == 1):
            found.append(" ".join(_name_word(w, language) for w in run))
        run.clear()

    sentence_start = True
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if not (token[0].isalnum()):
            close()
            sentence_start = token in '.!?:"“«\n'
            continue
        low = token.lower()
        capital = token[0].isupper() and low not in core
        if capital:
            if not run:
                start_of_run = sentence_start
            run.append(token)
        elif run and low in _CONNECTORS:
            run.append(token)
        else:
            close()
        sentence_start = False
    close()
    return found
