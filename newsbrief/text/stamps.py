"""Date stamps: lines such as "Posted: Nov 27, 2005 8:20 AM ET" or "21 July 2013 Last updated
at 11:11 GMT" that pages and copied articles carry where a headline should be.

A stamp is no headline: the article's headline is its first line that is not a stamp. (The
stamp is not taken as the publication time: a mix of stamped and undated reports of one event
would then look days or years apart, and undated reports are the commoner.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsbrief.text.structure import HEADING_MARK

_MONTHS = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december"
).split()
_WEEKDAYS = (
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday"
).split()
# Words a stamp may hold besides dates and times; anything else makes the line a headline.
_OTHER_WORDS = (
    "posted updated last published update modified at on am pm a m p of the by st nd rd th "
    "gmt utc est edt et pst pdt cst cdt cet cest bst ist aest z"
).split()
# The same words in the other languages news is read in ("Aktualisiert am 3. März 2024",
# "3 de mayo de 2024", "le 12 décembre"); their month and weekday names come from the
# calendar word lists.
_OTHER_WORDS_ELSEWHERE = (
    "am um uhr vom aktualisiert veröffentlicht stand le à h mis jour publié de del el a las "
    "actualizado publicado il alle aggiornato pubblicato do às atualizado om bijgewerkt"
).split()
_STAMP_WORDS = frozenset([*_MONTHS, *_WEEKDAYS, *_OTHER_WORDS, *_OTHER_WORDS_ELSEWHERE])


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    from newsbrief.text.wordlists import calendar_names

    return frozenset(_MONTHS) | calendar_names("months")


@lru_cache(maxsize=1)
def _stamp_words() -> frozenset[str]:
    from newsbrief.text.wordlists import calendar_names

    return _STAMP_WORDS | calendar_names("months") | calendar_names("days")


_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_MAX_LINES = 4  # lines looked at, from the top of a text, for the headline


def is_stamp(line: str) -> bool:
    """Whether a line is only a date and/or time stamp (with words like "Updated")."""
    tokens = _TOKEN.findall(line.lower())
    if not tokens or not any(t.isdigit() for t in tokens):
        return False
    months = _months()
    if not any(t in months for t in tokens) and not re.search(r"\d\s*[/:.-]\s*\d", line):
        return False  # "2013" or "24" alone is a number, not a stamp
    words = _stamp_words()
    return all(t.isdigit() or t in words for t in tokens)


def headline_after_stamps(title: str, text: str) -> tuple[str, str]:
    """(headline, text) for an article whose title is a stamp: the headline is the first line
    of the text that is not a stamp, taken out of the text. Any other article comes back as
    it was."""
    if not is_stamp(title):
        return title, text
    lines = text.split("\n")
    for index, line in enumerate(lines[:_MAX_LINES]):
        line = line.removeprefix(HEADING_MARK)
        if not line.strip() or is_stamp(line):
            continue
        if len(line) > 300 or len(_TOKEN.findall(line)) < 2:
            break  # a paragraph or a lone word is no headline: keep the stamp
        return line.strip(), "\n".join(lines[index + 1 :]).strip()
    return title, text
