"""Two figures of two reports that sit in the same place of sentences saying the same thing.

Reports of one story word one quantity apart: "called in an additional six engines" and
"called a further four appliances", "was married two weeks ago" and "was wed about three weeks
ago", "three houses from the scene" and "five buildings away". Rules keyed on the counted noun
miss them. Here a figure's *frame* is the content words around it with the number taken out,
each reduced to a stem and, for a few general word families (buildings, fire vehicles, the
dead, the injured, marrying, destroying, arresting, monitoring, moving home), to the family's
name. Two figures are *aligned* when their frames share enough words, and when the things they
count belong to one family. The families are general English, not any story's words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsbrief.text.measurements import anchor
from newsbrief.text.tokens import STOPWORDS, stem

# Word families whose members name one thing in news reports of an event. Each line is a
# family name and its members; members are matched on their lower-case form and their stem.
_FAMILIES = """
people: people person persons individuals individual
building: house houses home homes building buildings structure structures dwelling dwellings
vehicle: engine engines appliance appliances tender tenders firetruck firetrucks
die: killed kill kills killing dead died die dies death deaths perished fatalities fatality
injure: injured injuring injure injuries injury wounded wounding wound hurt
marry: married marry marrying wed wedded wedding
destroy: destroyed destroying destroy flattened flattening razed levelled leveled leveling
arrest: arrested arresting arrest arrests detained detaining detain detention apprehended
monitor: monitors monitor monitoring observers observer observe observing
march: marched marching march marchers demonstrated demonstrators protested protesters
shop: shop shops store stores
move: moved moving relocated returned
"""
FAMILY: dict[str, str] = {
    member: name
    for line in _FAMILIES.strip().splitlines()
    for name, members in [line.split(":", 1)]
    for member in members.split()
}
# The same families keyed by the stems figures keep in their contexts ("marri", "wound").
_BY_STEM: dict[str, str] = {anchor(member): name for member, name in FAMILY.items()} | {
    stem(member): name for member, name in FAMILY.items()
}
# Words that say nothing about which quantity a figure is: qualifiers, function words, the
# calendar, and verbs of saying.
_EMPTY = STOPWORDS | frozenset(
    """about around nearly almost more than over least some just approximately roughly up
    another total other all only also reportedly estimated said says told according
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    january february march april may june july august september october november december
    per cent percent one two three four five six seven eight nine ten eleven twelve twenty
    thirty forty fifty hundred hundreds thousand thousands million millions dozen dozens
    billion""".split()
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
FRAME_REACH = 8  # words either side of a figure that can say what it is
ALIGN_WORDS = 3  # frame words two aligned figures must share
ALIGN_SHARE = 0.5  # ... and the share of the smaller frame they must make


def family(word: str) -> str:
    """The family a word belongs to, or its stem: "appliances" -> "vehicle", "fell" -> "fall"."""
    low = word.lower()
    return FAMILY.get(low) or anchor(low)


def noun_class(unit: str) -> str:
    """What a counted noun (a stem, as figures keep it) names, for comparing two of them."""
    return FAMILY.get(unit) or FAMILY.get(unit + "s") or unit


@lru_cache(maxsize=65536)
def frame(sentence: str, start: int, end: int) -> frozenset[str]:
    """The content words around the figure at ``start:end``, numbers taken out, as families
    or stems."""
    before = _TOKEN.findall(sentence[max(0, start - 120) : start])[-FRAME_REACH:]
    after = _TOKEN.findall(sentence[end : end + 120])[:FRAME_REACH]
    return frozenset(
        family(word) for word in before + after if len(word) > 2 and word.lower() not in _EMPTY
    )


@lru_cache(maxsize=16384)
def families(words: frozenset[str]) -> frozenset[str]:
    """Stemmed words with the members of a family given the family's name."""
    # Grouping a story's claims compares each with several others: each context is read once.
    return frozenset(FAMILY.get(word) or _BY_STEM.get(word, word) for word in words)


def aligned(a: frozenset[str], b: frozenset[str], thing: str = "") -> bool:
    """Whether two frames say the same thing: enough shared words besides the thing both
    count, and much of the smaller frame."""
    if not a or not b:
        return False
    shared = len((a & b) - {thing})
    return shared >= ALIGN_WORDS and shared >= ALIGN_SHARE * min(len(a), len(b))
