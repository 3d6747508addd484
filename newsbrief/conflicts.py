"""Figures that disagree between sources: one quantity, different values, who said which.

A claim is a figure in a sentence (``newsbrief.text.numbers``) with what it measures. Two claims
are about the *same quantity* only when every available signal agrees:

- same kind of figure, and for money the same currency (amounts in different currencies are
  never compared: converting them would invent a disagreement);
- same role in the sentence when both have one (deaths vs injuries, a deal's price vs a revenue),
  and the same counted thing when both name one ("12 people" vs "15 soldiers" are different);
- for amounts and shares, the same subject: the names in the sentences do not point at
  different things (Google's purchase of Nest vs of Fitbit), leaving aside who the sentence
  attributes the figure to;
- the same time: figures tied to different years are about different things, and figures
  in sentences about the past (background: "had captured eight pirates last month") are not
  the story's figures at all.

Claims about the same quantity *disagree* when the values they allow do not overlap, taking
rounding ("$2.1 billion" is 2.05 to 2.15 billion), qualifiers ("at least 12", "about 300") and
vague amounts ("a majority" is more than 50%) into account, and when they come from different
reports (syndicated copies of one report count once). When the later report gives a new value,
the note says so: the figure was updated, not contradicted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsbrief.models import Article, Claim, Conflict
from newsbrief.summarize.candidates import Candidate
from newsbrief.summarize.sections import evidence
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.numbers import ROLE_LABELS, YEAR, Figure, figures, mentions_update
from newsbrief.text.sentences import split_sentences
from newsbrief.text.tokens import STOPWORDS, names, stem
from newsbrief.timeutil import to_iso

WEAK_ROLES = frozenset({"", "value"})
# General words for people: "12 people" and "15 victims" count the same; "two women" is a subset.
PEOPLE = frozenset({"people", "person", "individual", "victim"})
# Durations, distances and game statistics: rarely the quantity a story is disputed over.
_MINOR = """second minute hour day week month year decade century time season mile kilometer
kilometre km meter metre feet foot inch yard point goal run game match round lap page shot pass
touchdown td rebound assist catch carry punch win loss inning hit caliber calibre magnitude
degree passes catches carries"""
MINOR_UNITS = frozenset(stem(w) for w in _MINOR.split())
LEAD_SENTENCES = 10  # figures a story is about are stated in the first sentences of a report
_ATTRIBUTION = re.compile(
    r"(?:,\s*)?(?:according to|said|says|told|reported|reports|citing|quoted)\s+"
    r"(?:the\s+)?(?:[A-Z][\w.'’&\-]*\s*){1,4}|"
    r"(?:[A-Z][\w.'’&\-]*\s+){1,4}(?:said|says|reported|reports|told)\b"
)
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december today".split()
)
MATCH_MEMBERS = 6  # a new claim must match the first members of a group, not just one of them


@dataclass
class _Claim:
    figure: Figure
    sentence: str
    article: Article
    report: str
    subjects: frozenset[str]
    years: frozenset[str]
    historical: bool

    @property
    def when(self) -> datetime | None:
        # Only a publication time orders reports; an import time says nothing about them.
        return self.article.published


def _subjects(sentence: str, figure: Figure) -> frozenset[str]:
    """Names in the sentence, not counting whoever the figure is attributed to."""
    clause = _ATTRIBUTION.sub(" ", sentence)
    found = set()
    for name in names(clause):
        for part in name.lower().split():
            if part not in _CALENDAR and part not in STOPWORDS and not part[0].isdigit():
                found.add(part)
    return frozenset(found)


def _claim_sentences(article: Article) -> list[str]:
    out = []
    title = clean_sentence(article.title) if article.title else None
    if title:
        out.append(title)
    for raw in split_sentences(article.text)[:LEAD_SENTENCES]:
        text = clean_sentence(raw)
        if text:
            out.append(text)
    return out


def _is_background(sentence: str, article: Article) -> bool:
    probe = Candidate(sentence, [article.id], 0, 0, article.published)
    return evidence(probe).section() == "beyond_the_headlines"


def extract_claims(article: Article, report: str) -> list[_Claim]:
    claims: list[_Claim] = []
    article_year = article.published.year if article.published else None
    for sentence in _claim_sentences(article):
        found = figures(sentence)
        if not found or _is_background(sentence, article):
            continue  # figures of earlier events are not the story's
        years = frozenset(YEAR.findall(sentence))
        historical = bool(
            article_year and any(int(y) < article_year for y in years)
        )  # fmt: skip
        for figure in found:
            if figure.kind == "count" and figure.unit in MINOR_UNITS and figure.role in WEAK_ROLES:
                continue
            if _ambiguous(figure, found):
                continue
            subjects = _subjects(sentence, figure)
            claims.append(_Claim(figure, sentence, article, report, subjects, years, historical))
    return claims


def _ambiguous(figure: Figure, found: list[Figure]) -> bool:
    """A figure in a list is not *the* figure of anything: a sentence with three or more
    figures is a tally ("13 homers and 43 RBIs in 54 games"), and one with two amounts or two
    counts of the same kind compares cases ("the Nationals bid $160 million, the Orioles
    $150 million")."""
    if len(found) >= 3:
        return True
    if figure.kind == "money":
        return sum(1 for f in found if (f.kind, f.currency) == ("money", figure.currency)) > 1
    if figure.role not in WEAK_ROLES:  # "nab 12 Somali and 11 Yemeni pirates": parts
        return sum(1 for f in found if (f.kind, f.role) == (figure.kind, figure.role)) > 1
    key = (figure.kind, figure.unit, figure.role)
    return sum(1 for f in found if (f.kind, f.unit, f.role) == key) > 1


def same_quantity(a: _Claim, b: _Claim) -> bool:
    fa, fb = a.figure, b.figure
    if fa.kind != fb.kind or fa.currency != fb.currency:
        return False
    strong_a, strong_b = fa.role not in WEAK_ROLES, fb.role not in WEAK_ROLES
    if strong_a and strong_b and fa.role != fb.role:
        return False
    if fa.unit and fb.unit and fa.unit != fb.unit and not {fa.unit, fb.unit} <= PEOPLE:
        return False
    if a.years != b.years and ((a.years and b.years) or a.historical or b.historical):
        return False
    if fa.kind != "count" and a.subjects and b.subjects:
        # Amounts and shares belong to someone: a price for Fitbit is not a price for Nest.
        # (Names next to counts are mostly places and nationalities, worded differently by
        # each report, so they are not compared.)
        only_a, only_b = a.subjects - b.subjects, b.subjects - a.subjects
        if only_a and only_b:
            return False
    if strong_a and strong_b:
        return True  # same role, same thing counted: "killed 12 people" / "death toll of 15"
    # Without a role on both sides, the thing measured must be named the same on both sides
    # and at least two other words around it must agree; amounts of money need roles.
    if not fa.unit or fa.unit != fb.unit:
        return False
    return len((fa.context & fb.context) - {fa.unit}) >= 2


def disagree(a: Figure, b: Figure) -> bool:
    return a.high < b.low or b.high < a.low


def _about(claim: _Claim) -> str:
    figure = claim.figure
    if figure.role not in WEAK_ROLES:
        return ROLE_LABELS.get(figure.role, figure.role)
    if figure.kind == "percent":
        return f"share of {figure.unit_word}" if figure.unit_word else "percentage"
    if figure.kind == "points":
        return "change in percentage points"
    if figure.kind == "money":
        return "amount" if figure.role == "" else ROLE_LABELS["value"]
    return f"number of {figure.unit_word}" if figure.unit_word else "count"


def _group(claims: list[_Claim]) -> list[list[_Claim]]:
    """Claims about one quantity together; a claim joins a group only if it matches all of it."""
    buckets: dict[tuple[str, str], list[list[_Claim]]] = {}
    for claim in claims:
        groups = buckets.setdefault((claim.figure.kind, claim.figure.currency), [])
        for group in groups:
            if all(same_quantity(claim, other) for other in group[:MATCH_MEMBERS]):
                group.append(claim)
                break
        else:
            groups.append([claim])
    return [group for groups in buckets.values() for group in groups]


def _conflict(group: list[_Claim]) -> tuple[Conflict, int] | None:
    """The conflict within one quantity's claims, with its support (reports involved)."""
    disagreeing = [
        (a, b)
        for i, a in enumerate(group)
        for b in group[i + 1 :]
        if a.report != b.report
        and disagree(a.figure, b.figure)
        and not (a.figure.vague and b.figure.vague)  # "thousands" vs "millions": too loose
    ]
    if not disagreeing:
        return None
    involved = {id(c) for pair in disagreeing for c in pair}
    by_value: dict[tuple[float, float], list[_Claim]] = {}
    for claim in group:
        if id(claim) in involved:
            by_value.setdefault((claim.figure.low, claim.figure.high), []).append(claim)
    ordered = sorted(by_value.values(), key=lambda cs: (_earliest(cs) is None, _earliest(cs)))
    claims = [
        Claim(
            value=cs[0].figure.shown,
            text=cs[0].sentence,
            sources=list(dict.fromkeys(c.article.id for c in cs)),
            outlets=sorted({c.article.source for c in cs if c.article.source}),
            published=_earliest(cs),
        )
        for cs in ordered
    ]
    conflict = Conflict(about=_about(group[0]), claims=claims, note=_note(ordered))
    return conflict, len({c.report for c in group if id(c) in involved})


def _earliest(claims: list[_Claim]) -> datetime | None:
    times = [c.when for c in claims if c.when]
    return min(times) if times else None


def _note(ordered: list[list[_Claim]]) -> str:
    """Say when a later report updates the figure rather than contradicting it."""
    first, last = ordered[0], ordered[-1]
    t_first, t_last = _earliest(first), _earliest(last)
    if t_first is None or t_last is None or t_last <= t_first:
        return "the reports give different figures"
    latest = last[0]
    who = ", ".join(sorted({c.article.source for c in last if c.article.source}))
    who = who or "an unnamed outlet"
    stamp = (to_iso(t_last) or "")[:16].replace("T", " ")
    if any(mentions_update(c.sentence, c.figure) for c in last):
        return (
            f"updated: {who} reported {latest.figure.shown} at {stamp} UTC, "
            f"after earlier reports of {first[0].figure.shown}"
        )
    return f"the latest report ({who}, {stamp} UTC) gives {latest.figure.shown}"


def find_conflicts(
    articles: Sequence[Article], reports: dict[str, str], limit: int = 3
) -> list[Conflict]:
    """Conflicting figures among the articles; ``reports`` maps article id to its report."""
    claims = [c for a in articles for c in extract_claims(a, reports.get(a.id, a.id))]
    found: list[tuple[int, int, Conflict]] = []
    for order, group in enumerate(_group(claims)):
        result = _conflict(group)
        if result is not None:
            conflict, support = result
            found.append((support, order, conflict))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [conflict for _, _, conflict in found[:limit]]
