"""What is written differently in each language but means one thing: figures, months, countries.

Reports of one event in two languages share what needs no translating, once it is written
alike: "2,4 Mrd. Euro" is "2.4 billion euro", "1.200" is "1,200", "260亿" is "26 billion",
"4月" and "avril" are April, "Deutschland" and "德国" are Germany, "Путин" is Putin. Each is
rewritten here the way the English reading writes it, so that the two readings meet on it.

Month and country names come from the CLDR data that Babel ships (every language, no list of
our own to keep); transliteration of Cyrillic and Greek from anyascii (permissive licence,
maintained, covers every script; unidecode is GPL).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Languages that write 1.200,5 (or 1 200,5) where English writes 1,200.5.
_DECIMAL_COMMA = frozenset("de fr es it pt nl pl tr ru da sv fi no cs ro hu el".split())
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+)+")
_GROUP_SPACES = "\u00a0\u202f"

# Words for a million or a billion, folded, by language (German "Billion" is a trillion).
_SCALES = {
    "de": "mio:million million:million millionen:million mrd:billion milliarde:billion "
    "milliarden:billion bio:trillion billion:trillion billionen:trillion",
    "fr": "million:million millions:million milliard:billion milliards:billion md:billion "
    "mds:billion",
    "es": "millon:million millones:million billon:trillion billones:trillion",
    "it": "milione:million milioni:million mln:million miliardo:billion miliardi:billion "
    "mld:billion mrd:billion",
    "pt": "milhao:million milhoes:million bilhao:billion bilhoes:billion mil:thousand",
    "nl": "miljoen:million miljoenen:million mln:million miljard:billion miljarden:billion "
    "mld:billion",
    "pl": "mln:million milion:million miliony:million milionow:million mld:billion "
    "miliard:billion miliardy:billion miliardow:billion",
    "tr": "milyon:million milyar:billion",
    "ru": "млн:million миллион:million миллиона:million миллионов:million млрд:billion "
    "миллиард:billion миллиарда:billion миллиардов:billion",
}
_CJK_UNITS = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12, "千": 1e3}
_CJK_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万亿|萬億|万|萬|亿|億|兆|千)")
_CJK_MONTH = re.compile(r"(\d{1,2})\s*月")
_CJK_DAY = re.compile(r"(\d{1,2})\s*[日号]")

ENGLISH_MONTHS = (
    "january february march april may june july august september october november december"
).split()


def numbers(text: str, language: str) -> str:
    """Figures written the English way: "2,4" -> "2.4", "1.200" -> "1,200", "3万" -> "30,000"."""
    if language in ("zh", "ja"):
        text = _CJK_AMOUNT.sub(lambda m: f" {_english_amount(m)} ", text)
        text = _CJK_MONTH.sub(lambda m: f" {_month(int(m.group(1)))} ", text)
        return _CJK_DAY.sub(r" \1 ", text)
    if language not in _DECIMAL_COMMA:
        return text
    return _NUMBER.sub(lambda m: _english_figure(m.group(0)), text)


def _english_figure(figure: str) -> str:
    """A figure of a decimal-comma language as English writes it; a date stays as it is."""
    whole, comma, decimals = figure.rpartition(",")
    if not comma:
        whole, decimals = figure, ""
    groups = re.split(r"[.\u00a0\u202f]", whole)
    if any(len(g) != 3 for g in groups[1:]) or "," in whole:
        return figure  # "24.12.2020", "1,2,3": not a grouped figure
    out = ",".join(groups)
    return f"{out}.{decimals}" if decimals else out


def _english_amount(match: re.Match[str]) -> str:
    value = float(match.group(1))
    unit = match.group(2)
    for char in unit:
        value *= _CJK_UNITS[char]
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale:
            return f"{value / scale:g} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _month(number: int) -> str:
    return ENGLISH_MONTHS[number - 1] if 1 <= number <= 12 else str(number)


@lru_cache(maxsize=64)
def word_map(language: str) -> dict[str, str]:
    """Folded words of a language -> the English word: month names and words for millions."""
    from newsbrief.text.multilingual import fold
    from newsbrief.text.tokens import STOPWORDS
    from newsbrief.text.wordlists import function_words

    # The words of country names as countries() leaves them, except the language's own
    # function words ("el" of El Salvador is Spanish for "the").
    common = STOPWORDS | function_words(language)
    out = {w: e for w, e in _country_words().items() if w not in common}
    for pair in _SCALES.get(language, "").split():
        word, _, english = pair.partition(":")
        out[fold(word)] = english
    try:
        from babel import Locale, UnknownLocaleError
        from babel.dates import get_month_names

        locale = Locale.parse(language)
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context, locale).items():
                if " " not in name and not re.search(r"\d", name):
                    out.setdefault(fold(name), ENGLISH_MONTHS[number - 1])
    except (ImportError, ValueError, UnknownLocaleError):
        pass
    return out


@lru_cache(maxsize=64)
def _countries(language: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """A pattern of the names of countries and continents in a language, and their English."""
    try:
        from babel import Locale, UnknownLocaleError

        local = Locale.parse(language).territories
        english = Locale.parse("en").territories
    except (ImportError, ValueError, UnknownLocaleError):
        return None, {}
    names: dict[str, str] = {}
    for code, name in local.items():
        if code == "001" or code not in english or len(name) < 2:
            continue  # "world" is a word, not a place
        if name != english[code] and not name[:1].islower():  # a word, not only a name
            names.setdefault(name, english[code].replace("&", "and").lower())
    if not names:
        return None, {}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    if language in ("zh", "ja"):
        return re.compile(f"(?:{alternatives})"), names
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), names


def countries(text: str, language: str) -> str:
    """Names of countries and continents in English: "Deutschland" -> "Germany"."""
    pattern, english = _countries(language)
    if pattern is None:
        return text
    return pattern.sub(lambda m: f" {english[m.group(0)]} ", text)


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    from babel import Locale

    words = " ".join(Locale.parse("en").territories.values()).lower().replace("&", "and")
    return {w: w for w in re.findall(r"[a-z]+", words)}


_NON_LATIN_CASED = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")


def needs_transliterating(word: str) -> bool:
    """Cyrillic or Greek: scripts whose names English writes letter for letter."""
    return bool(_NON_LATIN_CASED.search(word))


def latin(word: str) -> str:
    """A Cyrillic or Greek word in Latin letters, lower case: "Путин" -> "putin"."""
    from anyascii import anyascii

    return anyascii(word).lower().replace("'", "")


def english_text(text: str, language: str) -> str:
    """Figures and country names written as English writes them."""
    return countries(numbers(text, language), language)
