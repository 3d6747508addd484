"""Verbs that say opposite things happened: "fired" and "hired", "acquitted" and "charged".

A report that says a coach was hired does not answer "Who fired the coach?", however many of
the question's other words it shares: the two words differ by one letter and mean the
opposite. A question whose verb no report of a story says, while the story's reports say its
opposite ("Why was Pitman acquitted?" of a story where he was charged), has a false premise
for that story: answering it from there would confirm what did not happen.

Everything here is word lists over the question's and the sentences' words, stemmed as the
search index stems them; nothing is learned.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

# Each entry: words saying one thing happened, and words saying its opposite did. A verb of the
# question is looked up in the first set; the second is what a sentence must not say instead.
# Only verbs whose opposite says the other thing happened to the same one are listed (a hire is
# not a firing; a conviction is not an acquittal; an escapee captured did not escape then).
# Verbs true of two sides at once are not: one team wins as the other loses, a buyer buys what
# a seller sells. Words with everyday other senses are left out ("can" for "fire", "named" for
# "hire", "clear", "free", "declined" to comment).
_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("fire fired fires firing sack sacked sacks sacking dismiss dismissed dismisses oust "
     "ousted ousts axed", "hire hired hires hiring appoint appointed appoints"),
    ("hire hired hires hiring appoint appointed appoints",
     "fire fired fires firing sack sacked sacking dismiss dismissed oust ousted axed"),
    ("acquit acquits acquitted acquittal exonerate exonerated",
     "convict convicted convicts conviction charge charged charges accuse accused guilty "
     "sentence sentenced"),
    ("convict convicted convicts conviction", "acquit acquits acquitted acquittal exonerated"),
    ("weaken weakens weakened weakening", "strengthen strengthens strengthened restore "
     "restores restored"),
    ("strengthen strengthens strengthened restore restores restored",
     "weaken weakens weakened weakening"),
    ("open opens opened", "close closes closed"),
    ("close closes closed", "open opens opened"),
    ("approve approves approved", "reject rejects rejected veto vetoed"),
    ("reject rejects rejected", "approve approves approved accept accepts accepted"),
    ("accept accepts accepted", "reject rejects rejected"),
    ("confirm confirms confirmed", "deny denies denied"),
    ("deny denies denied", "confirm confirms confirmed admit admits admitted"),
    ("survive survives survived survivor survivors", "die dies died dead kill kills killed"),
    ("capture captures captured recapture recaptured", "escape escapes escaped"),
    ("escape escapes escaped", "capture captures captured recapture recaptured"),
    ("rise rises rose risen", "fall falls fell fallen drop drops dropped"),
)  # fmt: skip

Stemmer = Callable[[str], str]


@functools.lru_cache(maxsize=8)
def _table(stem: Stemmer) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    return tuple(
        (frozenset(stem(w) for w in said.split()), frozenset(stem(w) for w in other.split()))
        for said, other in _OPPOSITES
    )


def opposites(
    question_terms: Iterable[str], stem: Stemmer
) -> list[tuple[frozenset[str], frozenset[str]]]:
    """For each verb of the question that has an opposite, (its forms, its opposite's forms),
    as stems. A question that says both ("fired ... before hiring him") asks about both and
    gets none."""
    terms = set(question_terms)
    out = []
    for said, other in _table(stem):
        if terms & said and not terms & other:
            out.append((said, other))
    return out


def says_the_opposite(
    sentence_terms: frozenset[str] | set[str],
    pairs: list[tuple[frozenset[str], frozenset[str]]],
) -> bool:
    """The sentence says the opposite of one of the question's verbs and not the verb itself:
    "Billy King announced that Cheeks has been hired" for "Who fired Cheeks?"."""
    return any(sentence_terms & other and not sentence_terms & said for said, other in pairs)
