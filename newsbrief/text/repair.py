"""Repair of damaged text before anything reads it.

Copies of articles arrive with mojibake ("MÃ¼nchen" for "München"), odd spaces (no-break,
thin, zero-width, soft hyphens), typographic variants of quotes and dashes, and spacing damaged
by rewriting tools ("raising$ 3 billion", "12 % of sales", "said .", "issue'fixed '"). ftfy,
the well-kept library made for exactly the first of these, undoes mojibake and other Unicode
damage; the rest is a handful of rules here. Curly quotes stay curly: they are the text as
written, and the sentence splitter pairs both kinds.

Repair only ever changes characters and spaces, never words, so a repaired sentence still says
what the source said.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Spaces that should be an ordinary space, and characters that should not be there at all.
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# The bidirectional embeddings, overrides and isolates go too: they change the order in which
# characters are shown, so a headline could show "10 stores" while it says "01" (every reader
# of the text, the checks included, reads the characters in stored order). Right-to-left
# text needs none of them: the pages set each text's direction, and the marks (U+200E, U+200F,
# U+061C), which reorder nothing, stay.
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_direction_controls(text: str) -> str:
    """The text without bidirectional embeddings, overrides and isolates (see above)."""
    return text.translate(_DIRECTION_CONTROLS)


# The zero-width non-joiner and joiner are spelling in Persian ("آتش‌سوزی"), Urdu and the Indic
# scripts, and glue emoji sequences (👩‍💻); between Latin letters, digits or spaces they are
# copy damage ("Micro\u200dsoft").
_JOINERS = re.compile(r"[\u200c\u200d]")
LATIN_END = 0x24F  # the last code point of Latin Extended-B
# Rare typographic variants to their common form: low and reversed quotes, primes used as
# quotes, figure/horizontal dashes and the minus sign's look-alikes between words.
_VARIANTS = str.maketrans(
    {
        "\u201b": "\u2018",  # ‛ reversed single quote
        "\u201f": "\u201c",  # ‟ reversed double quote
        "\u2032": "'",  # ′ prime used as an apostrophe
        "\u2033": '"',  # ″ double prime used as a quote
        "\u2012": "\u2013",  # ‒ figure dash
        "\u2015": "\u2014",  # ― horizontal bar
        "\u2010": "-",  # ‐ hyphen
        "\u2011": "-",  # ‑ non-breaking hyphen
    }
)
# German and Polish quotes open low and close high: „so“ and ‚so‘ read as “so” and ‘so’.
_LOW_QUOTES = re.compile(r"„([^„“”\n]*)[“”]")
_LOW_SINGLE = re.compile(r"‚([^‚‘’\n]*)[‘’]")
_CURRENCY_SIGN = "[$€£¥₹₩]"
_CURRENCY_PREFIXES = frozenset({"us", "a", "c", "hk", "r", "nz", "s", "au", "ca"})
# "raising$ 3 billion" -> "raising $3 billion", "US$ 3" -> "US$3"; "$ 3 billion" -> "$3 billion".
_CURRENCY_GLUED = re.compile(rf"\b([^\W\d_]+)({_CURRENCY_SIGN})[ \t]+(?=\d)")
_CURRENCY_SPACED = re.compile(rf"(?<![^\W\d_])({_CURRENCY_SIGN})[ \t]+(?=\d)")
# "12 % of sales" -> "12% of sales" (a space before % is French typography only with NBSP,
# which has become a plain space above; numbers read the same either way).
_PERCENT_SPACED = re.compile(r"(?<=\d)[ \t]+%")
# "said ." and "prices , which" -> "said." and "prices, which": detokenised copies.
_SPACE_BEFORE_MARK = re.compile(r"(?:(?<=[^\W\d_])|(?<=[”’\")]))[ \t]+([,.;])(?=\s|$)")
# "in 2026 , a deal" -> "in 2026, a deal"; "up 2 ,5%" -> "up 2,5%": a decimal comma pulled
# off its figure.
# A stop between figures ("3 . 5 percent") may be a decimal point spaced out: left alone.
_SPACE_AFTER_FIGURE = re.compile(r"(?<=\d)[ \t]+(?:([,;])(?=\s|$)|(\.)(?=[ \t]*$|\s+[^\W\d]))")
_DECIMAL_SPACED = re.compile(r"(?<=\d)[ \t]+,(?=\d)")
_RUNS_OF_SPACES = re.compile(r"[ \t]{2,}")
# The right double quote as UTF-8 read as Windows-1252 ("â€\x9d"), its last byte lost to a
# replacement character because Windows-1252 has no character there: past ftfy's reach, and
# the right double quote is the only common character whose mojibake ends so.
_LOST_QUOTE = "â€\ufffd"
# Single quotes moved by a detokeniser: "issue'fixed ', say" -> "issue 'fixed', say"; a quote
# glued on both sides opens only after a lower-case word, since Turkish writes suffixes after an
# apostrophe ("Ankara'ya"). An apostrophe of a contraction or possessive ("family's") never opens.
# "O 'Brien" is left as it is: joined, the name tied two look-alike events of the clustering
# evaluation together (ECB+ F1 0.934 -> 0.928), which is the clustering's weakness to fix first.
_QUOTE_GLUED = re.compile(
    r"(?<=[^\W\d_])'(?!(?:s|t|d|ll|re|ve|m)\b)(?=[^\W_])([^'\n]{1,60}?) '(?=[\s,.;:!?)]|$)"
)
_QUOTE_OPEN_GLUED = re.compile(
    r"\b([a-z]+)'(?!(?:s|t|d|ll|re|ve|m)\b)([^'\s]{2,30}(?: [^'\s]+){0,3})'(?=[\s,.;:!?)]|$)"
)
_QUOTE_AFTER_MARK = re.compile(r"(?<=[.!?,]) '(?=[ \t]*(?:\n|$))")


# Printable ASCII, tabs and line breaks, without "&": text in which neither ftfy (no entity, no
# control character, nothing beyond ASCII to decode or normalise) nor the Unicode rules above
# change anything. Most copies are such text, and ftfy is the slowest part of a repair.
_PLAIN = re.compile(r"[\t\n\x20-\x25\x27-\x7e]*")
_ANY_CURRENCY = re.compile(_CURRENCY_SIGN)
_ANY_SPACE_BEFORE_MARK = re.compile(r"[ \t][,.;]")


@lru_cache(maxsize=4096)
def repair_text(text: str) -> str:
    """The text with mojibake undone and spacing and typographic damage repaired."""
    if not text:
        return text
    fixed = text if _PLAIN.fullmatch(text) else _repair_unicode(text)
    # Each rule runs only where what it repairs can be: a scan for one character is cheap.
    if _ANY_CURRENCY.search(fixed):
        fixed = _CURRENCY_GLUED.sub(_unglue_currency, fixed)
        fixed = _CURRENCY_SPACED.sub(r"\1", fixed)
    if "%" in fixed:
        fixed = _PERCENT_SPACED.sub("%", fixed)
    if _ANY_SPACE_BEFORE_MARK.search(fixed):
        fixed = _SPACE_BEFORE_MARK.sub(r"\1", fixed)
        fixed = _DECIMAL_SPACED.sub(",", _SPACE_AFTER_FIGURE.sub(r"\1\2", fixed))
    if "'" in fixed:
        fixed = _QUOTE_OPEN_GLUED.sub(r"\1 '\2'", _QUOTE_GLUED.sub(r" '\1'", fixed))
        fixed = _QUOTE_AFTER_MARK.sub("'", fixed)
    return "\n".join(line.strip() for line in _RUNS_OF_SPACES.sub(" ", fixed).split("\n"))


def _repair_unicode(text: str) -> str:
    import ftfy  # slow to import (its character tables): only once there is text to repair

    # Given back its lost byte, the quote's mojibake is whole again for ftfy to undo.
    text = text.replace(_LOST_QUOTE, "â€\x9d")
    # ftfy's width fix folds full-width forms to ASCII: right for "ＬＯＵＤ" and "２０２４", but
    # Chinese and Japanese punctuation ("，" "：" "（）" "！") is written full-width, and
    # folded it is no longer the text as written. Widths are fixed here instead (below).
    fixed = ftfy.fix_text(
        text, uncurl_quotes=False, fix_line_breaks=True, fix_character_width=False
    )
    if _CJK.search(fixed):
        fixed = _DIGIT_MARK.sub(lambda m: m.group(0).translate(_width_map(False)), fixed)
        fixed = fixed.translate(_width_map(keep_punctuation=True))
    else:
        fixed = fixed.translate(_width_map(keep_punctuation=False))
    fixed = _INVISIBLE.sub("", _SPACES.sub(" ", fixed)).translate(_VARIANTS)
    fixed = _JOINERS.sub(_joiner_kept_in_its_script, fixed)
    return _LOW_SINGLE.sub(r"‘\1’", _LOW_QUOTES.sub(r"“\1”", fixed))


@lru_cache(maxsize=2)
def _width_map(keep_punctuation: bool) -> dict[int, str]:
    """ftfy's map of full- and half-width forms to their standard form; with
    ``keep_punctuation``, without full-width punctuation and signs (kept as CJK text writes
    them: "，" "：" "（" "＝"), though the percent sign, a figure's, is folded so that "１２％"
    reads as "12%", as is a full-width point or comma between digits ("５．２")."""
    from ftfy.chardata import WIDTH_MAP

    return {
        code: char
        for code, char in WIDTH_MAP.items()
        if not (
            keep_punctuation
            and 0xFF01 <= code <= 0xFF60
            and not chr(code).isalnum()
            and chr(code) != "％"
        )
    }


# A full-width decimal point or thousands comma between two digits of either width.
_DIGIT_MARK = re.compile(r"(?<=[0-9０-９])[．，](?=[0-9０-９])")
# Chinese, Japanese and Korean letters: text holding them keeps its full-width punctuation.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3]")


def _joiner_kept_in_its_script(match: re.Match[str]) -> str:
    text, at = match.string, match.start()
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    return match.group(0) if _joins(before) and _joins(after) else ""


def _joins(char: str) -> bool:
    """Whether a joiner next to this character can be spelling: a letter, mark or symbol of a
    script past Latin (Arabic, Devanagari, emoji and their modifiers), or another joiner."""
    if not char or ord(char) <= LATIN_END:
        return False
    return char.isalpha() or char in "\u200c\u200d" or unicodedata.category(char)[0] in "MS"


def _unglue_currency(match: re.Match[str]) -> str:
    word, sign = match.group(1), match.group(2)
    if word.lower() in _CURRENCY_PREFIXES:
        return word + sign  # "US$", "HK$": the prefix belongs to the sign
    return f"{word} {sign}"


def repair_line(text: str) -> str:
    """A title or other one-line field, repaired and on one line."""
    return " ".join(repair_text(text).split())
