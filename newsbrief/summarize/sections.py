"""Which section a sentence belongs in: what's next, background, or why it matters.

Each sentence is read for the time it speaks of and the work it does, from its verb forms and
time expressions rather than its topic:

- **What's next** looks forward: future and intention forms ("will", "is expected to", "plans
  to", "is set to", "is due to"), scheduled events ("a hearing next week", "the vote on
  Tuesday" when that day is after the report), and dates later than the report itself.
- **Beyond the headlines** looks back or steps aside: past perfect ("had been", "had won"),
  years before the report, "previously", "last year", "ago", "since 2005", "the first time
  since", "the latest in a series", and descriptions of who someone or something is.
- **Why it matters** weighs the news: consequences and causes ("because", "means", "could lead
  to"), risks and concerns, scale ("the biggest", "a record"), and who is affected.

A sentence goes to the section with the strongest evidence, or to *What's happening* when none
is strong enough; a sentence is never in two sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from newsbrief.summarize.candidates import Candidate

THRESHOLD = 1.0  # evidence a sentence needs to leave "What's happening"

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}

_NEXT_STRONG = re.compile(
    r"\b(?:will|won't|shall|'ll)\s+(?!not\s+(?:say|comment))\w+|"
    r"\b(?:is|are|'s|'re)\s+(?:expected|set|scheduled|due|slated|poised|likely|going|"
    r"planning|preparing|hoping|aiming|about)\s+to\b|"
    r"\b(?:plans?|planned|intends?|aims?|vow(?:s|ed)?|pledged?|promised?|hopes?|"
    r"expects?|seeks?|wants?)\s+to\b|"
    r"\b(?:is|are)\s+to\s+(?:be|face|appear|meet|decide|vote|rule|announce|return|take)\b|"
    r"\bnext\s+(?:week|month|year|season|step|steps|round|meeting|phase|move|stage|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\blater\s+(?:this|in the|next)\s+(?:week|month|year|season|day)\b|"
    r"\b(?:upcoming|tomorrow|deadline|forthcoming)\b|"
    r"\bin the (?:coming|next) (?:days|weeks|months|years|hours)\b|"
    r"\b(?:yet to|has yet to|have yet to|remains to be seen|awaits?|awaiting|pending)\b|"
    r"\b(?:hearing|trial|vote|sentencing|meeting|election|ruling|decision|summit|talks)\s+"
    r"(?:is|are|was|has been|have been)\s+(?:set|scheduled|planned|expected|due)\b",
    re.IGNORECASE,
)
_NEXT_WEAK = re.compile(
    r"\b(?:would|could|may|might)\s+(?:be|face|have|take|lead|go|come|need|decide|vote|"
    r"resume|return|begin|start|open|close|announce)\b|\bif\b|\bonce\b|\bwhen\s+\w+\s+will\b",
    re.IGNORECASE,
)
_BACK_STRONG = re.compile(
    r"\bhad\s+(?:been|\w+ed|won|lost|made|taken|given|seen|done|gone|become|begun|run|held|"
    r"led|left|met|paid|said|told|known|shown|built|brought|thought)\b|"
    r"\b(?:previously(?!\s+(?:unknown|undisclosed|unreported|unseen|unpublished))|formerly|"
    r"originally|historically|traditionally|once again)\b|"
    r"\b(?:last|the previous|the past)\s+(?:year|month|decade|season|week|time|century|summer|"
    r"winter|spring|fall|autumn)\b|"
    r"\b(?:earlier|since|back)\s+(?:this|last|in)\b|\b\w+\s+(?:years?|decades?|months?)\s+ago\b|"
    r"\bthe (?:first|second|third|latest|last) (?:time )?(?:since|in a series|of several)\b|"
    r"\bthe latest in\b|\bin the past\b|\bhas (?:long|often|repeatedly|never)\b|"
    r"\bfor (?:years|decades|centuries|generations)\b|\b(?:was|were) (?:founded|established|"
    r"built|born|created|elected|appointed|named|first)\b|\bbest known\b|\bknown for\b|"
    r"\bhistory\b|\bhistoric(?:al|ally)?\b|\bformer\b",
    re.IGNORECASE,
)
_MATTERS_STRONG = re.compile(
    r"\b(?:because|means|meaning that|so that|in order to|as a result|consequently|"
    r"impact(?:s|ed)?|affect(?:s|ed|ing)?|significan(?:t|tly|ce)|important(?:ly)?|"
    r"risks?|threats?|threatens?|concerns?|concerned|consequences?|implications?|"
    r"could (?:lead|mean|affect|cost|hurt|harm|threaten|undermine|force|trigger|delay)|"
    r"raises? (?:questions|concerns|fears|doubts)|worr(?:y|ies|ied)|fears?|"
    r"crisis|critical|unprecedented|at stake|blow to|boost(?:s|ed)? (?:to|for)|setback|"
    r"warn(?:s|ed|ing)?|vulnerable|undermin(?:e|es|ed|ing)|jeopardi[sz]e|"
    r"(?:the )?(?:biggest|largest|worst|deadliest|highest|lowest|first-ever|most serious)|"
    r"(?:a|an) (?:record|all-time)|record[- ](?:high|low|number)|for the first time)\b",
    re.IGNORECASE,
)
_MATTERS_WEAK = re.compile(
    r"\b(?:economy|economic|jobs|prices|costs?|safety|security|health|public|consumers|"
    r"customers|users|residents|families|millions|thousands|nationwide|global|worldwide|"
    r"industry|market|markets|investors|voters|patients|students)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2})\b",
    re.IGNORECASE,
)
# A year as a time ("in 2005", "since 2005", "May 2005"), not a name ("Windows 2000").
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(
    r"(?:\b(?:in|since|from|until|till|by|of|during|before|after|early|late|mid|around|"
    r"circa|year|season|" + "|".join(_MONTHS) + r")\.?\s+|,\s|\()(1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
# Past perfect after a verb of saying is reported speech about the news, not background.
_REPORTED = re.compile(
    r"\b(?:said|says|told|announced|confirmed|reported|added)\b[^.;]{0,40}?\bhad\b", re.I
)


@dataclass
class Evidence:
    next: float = 0.0
    background: float = 0.0
    matters: float = 0.0

    def section(self) -> str:
        best = max(
            ("whats_next", self.next),
            ("beyond_the_headlines", self.background),
            ("why_it_matters", self.matters),
            key=lambda pair: pair[1],
        )
        return best[0] if best[1] >= THRESHOLD else "what_is_happening"


def _date_offset(text: str, published: datetime | None) -> int:
    """+1 if the sentence names a day after the report, -1 if before, 0 if neither/unknown."""
    if published is None:
        return 0
    for match in _DATE.finditer(text):
        month = _MONTHS[match.group(1).lower()]
        day = int(match.group(2))
        if not 1 <= day <= 31:
            continue
        mentioned = (month, day)
        reported = (published.month, published.day)
        if mentioned > reported and month - published.month <= 6:
            return 1
        if mentioned < reported:
            return -1
    return 0


# Words without which a pattern cannot match: a cheap test before the regular expression.
_TRIGGERS = {
    _NEXT_STRONG: ("will", "won't", "shall", "'ll", "expected", "set ", "scheduled", "due",
                   "slated", "poised", "likely", "going", "planning", "preparing", "hoping",
                   "aiming", "about to", "plan", "intend", "aim", "vow", "pledge", "promise",
                   "hope", "expect", "seek", "want", " is to ", " are to ", "next ", "later ",
                   "upcoming", "tomorrow", "deadline", "forthcoming", "coming", "yet to",
                   "remains to", "await", "pending"),
    _NEXT_WEAK: ("would", "could", "may ", "might", "if ", "once", "when"),
    _BACK_STRONG: ("had ", "previously", "formerly", "originally", "historically",
                   "traditionally", "once again", "last ", "previous", "past", "earlier",
                   "since", "back ", " ago", "first", "second", "third", "latest", "has long",
                   "has often", "has repeatedly", "has never", "for years", "for decades",
                   "for centuries", "for generations", "was ", "were ", "known", "history",
                   "historic", "former"),
    _MATTERS_STRONG: ("because", "mean", "so that", "in order", "as a result", "consequen",
                      "impact", "affect", "significan", "important", "risk", "threat",
                      "concern", "implication", "could ", "raise", "worr", "fear", "crisis",
                      "critical", "unprecedented", "at stake", "blow to", "boost", "setback",
                      "warn", "vulnerable", "undermin", "jeopardi", "biggest", "largest",
                      "worst", "deadliest", "highest", "lowest", "first-ever", "most serious",
                      "record", "all-time", "first time"),
}  # fmt: skip


# Triggers that are the start of words ("significan" for significant, significance).
_STEMS = (
    "consequen", "significan", "worr", "undermin", "jeopardi", "implication", "affect",
    "threat", "concern", "histor", "previous", "expect", "plan", "intend", "promis",
)  # fmt: skip
_TRIGGER_WORDS = {
    pattern: frozenset(re.findall(r"[a-z']+", " ".join(triggers)))
    for pattern, triggers in _TRIGGERS.items()
}
_WORD = re.compile(r"[a-z']+")


def _count(pattern: re.Pattern[str], text: str, vocabulary: set[str]) -> int:
    """Matches of a pattern, skipping the expensive search when no trigger word occurs."""
    if _TRIGGER_WORDS[pattern].isdisjoint(vocabulary) and not any(
        w.startswith(_STEMS) for w in vocabulary
    ):
        return 0
    return len(pattern.findall(text))


def evidence(cand: Candidate) -> Evidence:
    text = cand.text
    vocabulary = set(_WORD.findall(text.lower()))
    ev = Evidence()
    ev.next = 1.0 * _count(_NEXT_STRONG, text, vocabulary) + 0.4 * _count(
        _NEXT_WEAK, text, vocabulary
    )
    ev.background = 1.0 * _count(_BACK_STRONG, text, vocabulary)
    if ev.background and _REPORTED.search(text):
        ev.background -= 1.0
    ev.matters = 1.0 * _count(_MATTERS_STRONG, text, vocabulary) + 0.3 * len(
        _MATTERS_WEAK.findall(text)
    )
    published = cand.when
    offset = _date_offset(text, published) if _DIGIT.search(text) else 0
    if offset > 0:
        ev.next += 1.0
    elif offset < 0:
        ev.background += 0.5
    if published is not None:
        years = [int(y) for y in _YEAR.findall(text)]
        if any(y < published.year for y in years):
            ev.background += 1.0
        if any(y > published.year for y in years):
            ev.next += 1.0
    if ev.next and ev.background:
        # Reported history with a future in it ("had said it would") is background.
        ev.next -= 0.5
    return ev


def classify(cand: Candidate) -> str:
    return evidence(cand).section()
