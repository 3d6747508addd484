"""Figures that disagree between sources: one quantity, different values, who said which.

A claim is a figure in a sentence (money, a percentage, a count of something) with the words
around it. Two claims are about the same quantity when they are of the same kind, count the
same thing and share most of their context words; they conflict when their values differ and
they come from different reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.models import Article, Claim, Conflict
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.sentences import split_sentences
from newsbrief.text.tokens import STOPWORDS, stem, words

_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}  # fmt: skip
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
                 "twenty": 20}  # fmt: skip
_FIGURE = re.compile(
    r"(?P<cur>[$€£¥])?\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(_NUMBER_WORDS)
    + r")(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|m|b)\b)?"
    r"\s?(?P<pct>%|percent\b|per cent\b)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_SKIP_UNITS = {"am", "pm", "a.m", "p.m", "st", "nd", "rd", "th", "years", "year", "old", "hrs",
               "hours", "hour", "minutes", "gmt", "ist", "est", "utc", "times", "time", "of",
               "days", "day", "weeks", "months", "percent"}  # fmt: skip


@dataclass
class _Claim:
    kind: str  # money | percent | count
    value: float
    shown: str
    unit: str  # the thing counted, stemmed
    context: frozenset[str]
    sentence: str
    article: Article
    report: str


def _context(tokens: list[str]) -> list[str]:
    return [stem(t) for t in tokens if t not in STOPWORDS and not t[0].isdigit() and len(t) > 2]


def extract_claims(article: Article, report: str) -> list[_Claim]:
    claims: list[_Claim] = []
    for raw in split_sentences(article.text):
        sentence = clean_sentence(raw)
        if sentence is None:
            continue
        for match in _FIGURE.finditer(sentence):
            num = match.group("num").lower()
            if num in _NUMBER_WORDS:
                value = float(_NUMBER_WORDS[num])
            else:
                value = float(num.replace(",", ""))
                if _YEAR.match(num) and not match.group("cur"):
                    continue  # a year, not a quantity
            scale = (match.group("scale") or "").lower()
            value *= _SCALE.get(scale, 1.0)
            kind = "money" if match.group("cur") else "percent" if match.group("pct") else "count"
            after = words(sentence[match.end() : match.end() + 60])
            before = words(sentence[max(0, match.start() - 60) : match.start()])
            unit = ""
            if kind == "count":
                following = [w for w in after[:2] if w not in STOPWORDS]
                if not following or following[0] in _SKIP_UNITS or following[0][0].isdigit():
                    continue
                unit = stem(following[0])
            context = frozenset(_context(before[-4:]) + _context(after[:4]))
            claims.append(
                _Claim(
                    kind, value, match.group(0).strip(), unit, context, sentence, article, report
                )
            )
    return claims


def _same_quantity(a: _Claim, b: _Claim) -> bool:
    if a.kind != b.kind or a.unit != b.unit:
        return False
    if not a.context or not b.context:
        return False
    shared = a.context & b.context
    return len(shared) >= 2 and len(shared) / min(len(a.context), len(b.context)) >= 0.6


def find_conflicts(
    articles: Sequence[Article], reports: dict[str, str], limit: int = 3
) -> list[Conflict]:
    """Conflicting figures among the articles; ``reports`` maps article id to its report."""
    claims = [c for a in articles for c in extract_claims(a, reports.get(a.id, a.id))]
    conflicts: list[Conflict] = []
    ranked: list[tuple[int, int]] = []
    used: set[int] = set()
    for i, claim in enumerate(claims):
        if i in used:
            continue
        group = [claim]
        for j in range(i + 1, len(claims)):
            if j not in used and _same_quantity(claim, claims[j]):
                group.append(claims[j])
                used.add(j)
        values = {c.value for c in group}
        reports_seen = {c.report for c in group}
        if len(values) < 2 or len(reports_seen) < 2:
            continue
        # Different values must come from different reports to count as disagreement.
        by_value: dict[float, list[_Claim]] = {}
        for c in group:
            by_value.setdefault(c.value, []).append(c)
        value_reports = [{c.report for c in cs} for cs in by_value.values()]
        if all(a == b for a in value_reports for b in value_reports):
            continue
        about = " ".join(sorted(claim.context & group[1].context)) or claim.unit or claim.kind
        out = []
        for cs in sorted(by_value.values(), key=lambda cs: min(_when(c) for c in cs)):
            out.append(
                Claim(
                    value=cs[0].shown,
                    text=cs[0].sentence,
                    sources=sorted({c.article.id for c in cs}),
                    outlets=sorted({c.article.source for c in cs if c.article.source}),
                    published=min(c.article.when for c in cs if c.article.when)
                    if any(c.article.when for c in cs)
                    else None,
                )
            )
        note = ""
        if (
            len(out) >= 2
            and out[-1].published
            and out[0].published
            and out[-1].published > out[0].published
        ):
            note = f"the latest report gives {out[-1].value}"
        support = len({c.report for c in group})
        conflicts.append(Conflict(about=f"{claim.kind}: {about}", claims=out, note=note))
        ranked.append((support, len(conflicts) - 1))
    keep = sorted(ranked, key=lambda x: -x[0])[:limit]
    return [conflicts[i] for _, i in sorted(keep, key=lambda x: x[1])]


def _when(claim: _Claim) -> str:
    when = claim.article.when
    return when.isoformat() if when else ""
