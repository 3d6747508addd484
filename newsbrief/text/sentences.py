"""Sentence splitting for news English.

A small rule-based splitter: the well-known libraries either need model downloads at run time
(NLTK punkt, spaCy) or are far slower than the write-up budget allows; news text is regular
enough that abbreviation and initial rules get sentence boundaries right.

A quotation that runs over several sentences stays one unit when its closing mark is in the
same paragraph, so that no piece of a quote is shown without its end or its speaker.

Paragraphs are the lines of a text less its headings (``structure``): a heading labels the text
below it and is never a sentence of it. A list written on one line ("... said. - By cutting
prices, ..." or "• one • two") is split into its items first, so no sentence holds two items.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsbrief.text.structure import is_heading_line, split_inline_items

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt",
    "gov", "sen", "rep", "rev", "hon", "pres", "supt", "det", "insp", "cmdr", "adm", "maj",
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "dept", "univ", "assn",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    "no", "nos", "vol", "vs", "v", "etc", "al", "approx", "est", "fig", "ave", "blvd", "rd",
    "ft", "mph", "km", "lb", "lbs", "oz", "a.m", "p.m", "e.g", "i.e", "u.s", "u.k", "u.n",
    # Other languages' abbreviations that are no English word ("2,4 Mrd. Euro", "z.B. Berlin")
    "mrd", "mio", "bzw", "vgl", "usw", "z.b", "d.h", "u.a", "bspw", "ggf", "evtl", "inkl",
    "zzgl", "nr", "mme", "mlle", "sra", "srta", "núm", "pág", "tys", "mln", "mld", "ecc",
    "dott", "avv", "św", "sz", "ks", "bln", "mlrd",
}  # fmt: skip

# Candidate boundary: end punctuation (Arabic's question mark too, and the full stops of
# scripts that write their own: the Devanagari danda of Hindi, Marathi and Nepali, Urdu's,
# Armenian's, Ethiopic's, Burmese's), optional closing quote or bracket, space, then an opening
# quote/bracket and a letter or digit that is not lower case (a capital of any alphabet, or a
# letter of a script without case: Arabic, Chinese, Devanagari).
_BOUNDARY = re.compile(r"([.!?…؟।॥۔։።။]+[\"'”’»)\]]*)(\s+)(?=[\"'“‘«„(\[¿¡]?(\w))")
# Chinese and Japanese end a sentence with a full-width mark and no space after it.
_CJK_END = re.compile(r"[。！？]+[」』”’）)]*")
_QUOTATIVE = frozenset("と、，")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
MAX_QUOTE_WORDS = 90  # a longer "quote" is more likely a stray mark than one utterance


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs and list items of a text, headings left out."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if line and not is_heading_line(line):
            out.extend(split_inline_items(line))
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, paragraph by paragraph, never cut mid-way."""
    return list(_split_cached(text))


@lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[str, ...]:
    # A write-up reads each article several times (sentences, figures, names, leads).
    out: list[str] = []
    for paragraph in split_paragraphs(text):
        out.extend(_join_open_quotes(_split_paragraph(paragraph)))
    return tuple(out)


def clear_cache() -> None:
    _split_cached.cache_clear()


def _split_paragraph(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end(1)
        if match.group(3).islower():
            continue
        if _is_abbreviation(paragraph[start : match.start(1)], match.group(1)):
            continue
        if _ordinal_date(paragraph[start : match.start(1)], match.group(1), paragraph[end:]):
            continue
        piece = paragraph[start:end].strip()
        if piece:
            sentences.append(piece)
        start = match.end(2)
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    if _CJK_END.search(paragraph):
        return [part for piece in sentences for part in _split_cjk(piece)]
    return sentences


def _split_cjk(text: str) -> list[str]:
    """Chinese and Japanese sentences: after each full-width end mark (with its closing quote)."""
    out: list[str] = []
    start = 0
    for match in _CJK_END.finditer(text):
        if text[match.end() : match.end() + 1] in _QUOTATIVE:
            continue  # 「…。」と述べた: the quotation is part of the sentence
        piece = text[start : match.end()].strip()
        if piece:
            out.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def quote_balance(text: str) -> int:
    """Open quotation marks left unclosed in the text (straight marks pair up by parity)."""
    straight = text.count('"') % 2
    curly = text.count("“") - text.count("”")
    return straight + max(0, curly)


def _closes_quote(text: str) -> bool:
    return '"' in text or "”" in text


def _join_open_quotes(pieces: list[str]) -> list[str]:
    """Join the sentences of one quotation when it closes within the paragraph."""
    out: list[str] = []
    i = 0
    while i < len(pieces):
        current = pieces[i]
        j = i + 1
        if quote_balance(current) and any(_closes_quote(p) for p in pieces[j:]):
            joined = current
            while j < len(pieces) and quote_balance(joined):
                candidate = joined + " " + pieces[j]
                if len(candidate.split()) > MAX_QUOTE_WORDS:
                    break
                joined = candidate
                j += 1
            if not quote_balance(joined):
                out.append(joined)
                i = j
                continue
            j = i + 1
        out.append(current)
        i = j
    return out


_ENGLISH_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_AFTER_MONTH = re.compile(r"\s*(?:\d|[-–—])")
_DAY_BEFORE = re.compile(r"(?:^|\s)\d{1,2}$")
_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")


def _ordinal_date(before: str, punct: str, after: str) -> bool:
    """Whether the stop is a day's ordinal dot before a month ("vom 3. Dezember", "am
    12. März"): German and other languages write days so; no sentence ends there."""
    if punct != "." or not _DAY_BEFORE.search(before):
        return False
    found = _NEXT_WORD.match(after)
    if not found:
        return False
    from newsbrief.text.wordlists import calendar_names  # (imports text modules of its own)

    month = found.group(1).lower()
    if month not in calendar_names("months"):
        return False
    # A month English shares ("3. March begins ...") is a date only when a number or a dash
    # of a span follows it ("3. September - 31. Dezember", "am 3. April 2024").
    return month not in _ENGLISH_MONTHS or bool(_AFTER_MONTH.match(after[found.end() :]))


def _is_abbreviation(before: str, punct: str) -> bool:
    if not punct.startswith(".") or len(punct.rstrip("\"'”’)]")) > 1:
        return False
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "George W. Bush"
    if _INITIALS.match(word):
        return True  # initials and acronyms with stops: "P.J. Carlesimo", "U.S. Navy"
    return word.lower().rstrip(".") in _ABBREVIATIONS
