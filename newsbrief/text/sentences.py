"""Sentence splitting for news English.

A small rule-based splitter: the well-known libraries either need model downloads at run time
(NLTK punkt, spaCy) or are far slower than the write-up budget allows; news text is regular
enough that abbreviation and initial rules get sentence boundaries right.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt",
    "gov", "sen", "rep", "rev", "hon", "pres", "supt", "det", "insp", "cmdr", "adm", "maj",
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "dept", "univ", "assn",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    "no", "nos", "vol", "vs", "v", "etc", "al", "approx", "est", "fig", "ave", "blvd", "rd",
    "ft", "mph", "km", "lb", "lbs", "oz", "a.m", "p.m", "e.g", "i.e", "u.s", "u.k", "u.n",
}  # fmt: skip

# Candidate boundary: end punctuation, optional closing quote or bracket, space, then an
# opening quote/bracket or a capital letter or digit.
_BOUNDARY = re.compile(r"([.!?…]+[\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, paragraph by paragraph, never cut mid-way."""
    out: list[str] = []
    for paragraph in split_paragraphs(text):
        out.extend(_split_paragraph(paragraph))
    return out


def _split_paragraph(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end(1)
        if _is_abbreviation(paragraph[start : match.start(1)], match.group(1)):
            continue
        piece = paragraph[start:end].strip()
        if piece:
            sentences.append(piece)
        start = match.end(2)
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_abbreviation(before: str, punct: str) -> bool:
    if not punct.startswith(".") or len(punct.rstrip("\"'”’)]")) > 1:
        return False
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "George W. Bush"
    return word.lower().rstrip(".") in _ABBREVIATIONS
