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

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import lru_cache

from newsbrief.models import Article, Claim, Conflict
from newsbrief.summarize.candidates import Candidate
from newsbrief.summarize.sections import is_background
from newsbrief.text.alignment import aligned, families, frame, noun_class
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.figure_words import ENGLISH_NOUNS as GLOSS_NOUNS
from newsbrief.text.figure_words import LANGUAGES as GLOSSED
from newsbrief.text.figure_words import gloss, past_month, points_elsewhere
from newsbrief.text.language import detect_language
from newsbrief.text.measurements import PERSON_NOUNS, anchor, measurements
from newsbrief.text.numbers import (
    COUNT_ROLES,
    ROLE_LABELS,
    YEAR,
    Figure,
    figures,
    magnitudes,
    measures,
    mentions_update,
)
from newsbrief.text.sentences import split_sentences
from newsbrief.text.tokens import STOPWORDS, names, stem
from newsbrief.timeutil import to_iso
from newsbrief.urls import outlet_name

WEAK_ROLES = frozenset({"", "value"})
# General words for people: "12 people" and "15 victims" count the same; "two women" is a subset.
PEOPLE = frozenset({"people", "person", "individual", "victim"})
# Durations, distances and game statistics: rarely the quantity a story is disputed over.
_MINOR = """second minute hour day week month year decade century time season mile kilometer
kilometre km meter metre feet foot inch yard point goal run game match round lap page shot pass
touchdown td rebound assist catch carry punch win loss inning hit caliber calibre magnitude
degree passes catches carries"""
MINOR_UNITS = frozenset(stem(w) for w in _MINOR.split())
# Words that follow a number without being what it counts: "100,000 took to the streets",
# "12 left", "15 miles north", "the 12000 block".
NOT_THINGS = frozenset(
    """took left went came said got made ran gave saw found put set north south east west
    northeast northwest southeast southwest block blocks""".split()
)
LEAD_NEWS = 3  # the headline and first sentences state the story's own news
LEAD_SENTENCES = 30  # a story's figures are in the first paragraphs; history comes later
_ATTRIBUTION = re.compile(
    r"(?:,\s*)?(?:according to|said|says|told|reported|reports|citing|quoted)\s+"
    r"(?:the\s+)?(?:[A-Z][\w.'’&\-]*\s*){1,4}|"
    r"(?:[A-Z][\w.'’&\-]*\s+){1,4}(?:said|says|reported|reports|told)\b"
)
# A word every attribution holds, as written (the pattern is case-sensitive).
_ATTRIBUTION_WORDS = ("according to", "said", "says", "told", "reported", "reports", "citing",
                      "quoted")  # fmt: skip
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december today".split()
)
CONTEXT_WORDS = 2  # words around a role-less count that must agree besides the thing counted
MATCH_MEMBERS = 6  # a new claim must match the first members of a group, not just one of them
ADDED_WORDS = 2  # words around two counts of what was added that must agree, the thing included


@dataclass
class _Claim:
    figure: Figure
    sentence: str
    article: Article
    report: str
    subjects: frozenset[str]
    years: frozenset[str]
    historical: bool
    span: bool = False  # a total over several days ("over four nights"), not one day's
    stage: str = ""  # "trial" for a report of a case in court, when ages have moved on
    people: frozenset[str] = frozenset()  # who the sentence is about: surnames and ages
    governors: frozenset[str] = frozenset()  # for a count: the words next to it and its noun
    modifiers: frozenset[str] = frozenset()  # for a count: words between it and its noun
    lead: bool = False  # in the report's headline or first sentences, where its news is
    player: str = ""  # for a game statistic: the one player or team its sentence names
    scope: str = ""  # its span: "game", "season", "career", "before" (the game); "" for games
    frame: frozenset[str] = frozenset()  # the words around it, numbers out (text.alignment)
    original: str = ""  # the sentence as the report writes it, when it was read in a gloss

    @property
    def when(self) -> datetime | None:
        # Only a publication time orders reports; an import time says nothing about them.
        return self.article.published


def _subjects(sentence: str, figure: Figure) -> frozenset[str]:
    """Names in the figure's sentence up to the end of its clause, not counting whoever it is
    attributed to: a price of Fitbit against a price of Nest. Names in a later clause are
    about other things, and a capitalised first word ("Four armed robbers") is not a name."""
    return _subjects_up_to(sentence, figure.end)


@lru_cache(maxsize=16384)
def _subjects_up_to(sentence: str, figure_end: int) -> frozenset[str]:
    # Read once for each figure of a sentence that many reports of a story repeat.
    rest = re.search(r"[,;:(\u2013\u2014]|$", sentence[figure_end:])
    end = figure_end + (rest.start() if rest else 0)
    clause = sentence[:end]
    if any(word in clause for word in _ATTRIBUTION_WORDS):  # (most clauses attribute nothing)
        clause = _ATTRIBUTION.sub(" ", clause)
    found = set()
    for name in names(clause):
        if " " not in name and clause.lstrip().startswith(name):
            continue
        for part in name.lower().split():
            part = _POSSESSIVE.sub("", part)  # "India's traffic" is about India
            if part and part not in _CALENDAR and part not in STOPWORDS and not part[0].isdigit():
                found.add(part)
    return frozenset(found)


_POSSESSIVE = re.compile(r"['’]s?$")


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
    return _background_on(sentence, article.published.date() if article.published else None)


@lru_cache(maxsize=16384)
def _background_on(sentence: str, day: date | None) -> bool:
    # The section classifier reads a sentence's text and its report's day, no more: copies of
    # a wire report and its updates, carried by many outlets, repeat sentences word for word.
    when = datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None
    probe = Candidate(sentence, [], 0, 0, when)
    # A figure told against history ("the biggest heist in French history", "the Historic
    # Preservation Office's 1990 survey") is a record's or an earlier event's, not the story's
    # own. A write-up places such a sentence by its verbs and dates; a figure to compare needs
    # more care, so each mention counts here as a date would.
    return is_background(probe, len(_HISTORY.findall(sentence)))


_HISTORY = re.compile(r"\bhistor(?:y|ic|ical|ically)\b", re.IGNORECASE)


# The setting, not the event: "Qeshm, home to 120,000 people", "a city of 500,000".
_SETTING_BEFORE = re.compile(
    r"\b(?:home to|population of|a (?:city|town|country|nation) of|inhabitants of)\s*"
    r"(?:some|about|around|nearly|almost|more than|over)?\s*$",
    re.IGNORECASE,
)
_CONVERSION_BEFORE = re.compile(r"[(;/]\s*$|\bor\s*$")
# A question, or what could be ("a magnitude-6.0 quake can cause severe damage", "the deal
# could be worth up to $180 million"), reports no figure. What would not be is ("we wouldn't
# have 355 damaged shops": there are 355).
_HYPOTHETICAL = re.compile(
    r"\b(?:can|could|might)\b|\bwould\b(?!\s*(?:n['’]t|not)\s+have\b)", re.IGNORECASE
)
_QUESTION = re.compile(r"\?\s*$")
# Where a clause ends: "caused $1 million in damage, and investigators say it could be arson".
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2013\u2014]|\b(?:and|but|while|whereas|although|though|that|which|who|when|if|"
    r"because|since|as)\b",
    re.IGNORECASE,
)


def _clause(sentence: str, figure: Figure) -> str:
    """The words of the figure's own clause: from the last clause break before it to the
    first after it."""
    start, end = _clause_span(sentence, figure)
    return sentence[start:end]


def _clause_span(sentence: str, figure: Figure) -> tuple[int, int]:
    before = list(_CLAUSE_BREAK.finditer(sentence, 0, figure.start))
    after = _CLAUSE_BREAK.search(sentence, figure.end)
    return (before[-1].end() if before else 0), (after.start() if after else len(sentence))


# A month named without a day is a time before the story's ("in February", "last March").
_PAST_MONTH = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Ll]ast|[Ee]arly|[Ll]ate)\s+(?:January|February|March|April|June|July|August|"
    r"September|October|November|December)\b(?!\s+\d)"
)
_SPAN = re.compile(
    r"\b(?:over|in|during|across)\s+(?:the\s+(?:past|last)\s+)?(?:\w+\s+)?"
    r"(?:nights|days|weeks|months)\b",
    re.IGNORECASE,
)
_AFTERSHOCK = re.compile(r"\baftershocks?\b", re.IGNORECASE)


# A report of a case in court comes months or years after the event: the ages it gives are
# the people's ages then ("Lopez, 18," when arrested, "Lopez, 20," at his trial). An
# arraignment comes within days of the arrest, when ages have not moved on.
_TRIAL = re.compile(
    r"\b(?:trial|jury|jurors|verdict|convicted|guilty|testified|testimony|sentenc\w*)\b",
    re.I,
)


def extract_claims(
    article: Article, report: str, known: frozenset[str] = frozenset()
) -> list[_Claim]:
    """The claims of one report; ``known`` are the names the story's reports write inside their
    sentences (``_named_mid_sentence``; the report's own when not given)."""
    claims: list[_Claim] = []
    article_year = article.published.year if article.published else None
    full = f"{article.title}\n{article.text}"
    stage = "trial" if _TRIAL.search(full) else ""
    digest = _is_digest(full)
    known = known or _named_mid_sentence(full)  # find_conflicts passes the whole story's
    subject = ""  # the player the last sentences were about, for "he" and "she"
    language = _language(article)
    glossed = language in GLOSSED
    for position, written in enumerate(_claim_sentences(article)):
        sentence = gloss(written, language) if glossed else written
        subject = _sentence_subject(sentence, known, subject)
        found = figures(sentence, besides=True) + magnitudes(sentence) + measures(sentence)
        found += measurements(sentence)
        if not digest and _MAY_RECORD.search(sentence):
            found += records(sentence)  # a round-up of many games: its records are other games'
        people = _people(sentence, found)
        if found and (_is_background(sentence, article) or _PAST_MONTH.search(sentence)):
            # Figures of earlier events are not the story's ("a quake hit Zarand in February,
            # killing hundreds"); a record set in brackets after a name ("Bowe (45-1, 33 KOs)
            # had been training in Germany since September") labels the side as it stands, and
            # an age in a report's first sentences is the person's as the news is told ("A
            # 60-year-old woman charged with killings 41 years ago was released").
            lead = position < LEAD_NEWS
            found = [
                f for f in found if _labelled_record(sentence, f) or (lead and f.kind == "age")
            ]
        if not found or _QUESTION.search(sentence):
            continue
        years = frozenset(YEAR.findall(sentence))
        historical = bool(
            article_year and any(int(y) < article_year for y in years)
        )  # fmt: skip
        if glossed and (past_month(sentence) or points_elsewhere(sentence)):
            continue  # an earlier month's figures, or another story's
        for figure in found:
            figure = _unglued(figure)
            player, scope = "", ""
            if figure.kind == "count" and figure.role in WEAK_ROLES and figure.unit in STAT_UNITS:
                player, scope = (
                    _statistic(sentence, figure, known, subject) if not digest else ("", "")
                )
                if not player:
                    continue  # a statistic of nobody in particular, or of several
            elif (
                figure.kind == "count"
                and figure.role in WEAK_ROLES
                and (figure.unit in MINOR_UNITS or figure.unit_word in NOT_THINGS)
            ):
                continue
            if glossed:
                if not _read_in_gloss(figure):
                    continue
                figure = _gloss_unit(figure)
            if _HYPOTHETICAL.search(_clause(sentence, figure)):
                continue  # what could be, in the figure's own clause
            if figure.kind == "magnitude" and _AFTERSHOCK.search(sentence):
                continue  # the tremors after a quake are other quakes
            if _ambiguous(figure, found) or _conversion(figure, found, sentence):
                continue
            if _SETTING_BEFORE.search(sentence[max(0, figure.start - 40) : figure.start]):
                continue
            # German writes every noun with a capital: its capitals do not mark names.
            subjects = (
                frozenset() if language in _NOUNS_CAPITALISED else _subjects(sentence, figure)
            )
            span = bool(_SPAN.search(sentence))
            governors, modifiers = _count_words(sentence, figure)
            claims.append(
                _Claim(figure, sentence, article, report, subjects, years, historical, span, stage,
                       people, governors, modifiers, position < LEAD_NEWS, player, scope,
                       frame(sentence, figure.start, figure.end),
                       written if glossed else "")
            )  # fmt: skip
    return claims


_NOUNS_CAPITALISED = frozenset({"de", "lb"})
_FOREIGN_LETTERS = re.compile(r"[^\x00-\x7f\u2010-\u206f\u00a0-\u00bf]")


def _language(article: Article) -> str:
    """The report's language: as stored, else told from its text when it holds letters
    English does not write (an English report is read as it always was)."""
    if article.language:
        return article.language.split("-")[0].lower()
    text = f"{article.title}\n{article.text[:1500]}"
    if not _FOREIGN_LETTERS.search(text):
        return "en"
    return detect_language(text) or "en"


def _gloss_unit(figure: Figure) -> Figure:
    """A counted noun the gloss left in its language ("16 reclusos muertos") says nothing the
    English rules can compare: the count's role says what it is."""
    if figure.kind == "count" and figure.unit_word.lower() not in GLOSS_NOUNS:
        return replace(figure, unit="", unit_word="")
    return figure


def _read_in_gloss(figure: Figure) -> bool:
    """A figure of another language is compared when the gloss says what it is: a toll or
    count with its role, money with its currency, a share, a magnitude. Other words stay in
    their language, so a role-less count has no noun the English rules can align."""
    if figure.kind == "count":
        return figure.role in COUNT_ROLES
    return figure.kind in ("money", "percent", "magnitude")


# A win-loss record tied to whoever it is the record of: "the Colts (10-5)", "Klitschko, 53-3,
# 47 KO's,", "Indianapolis' record rose to 9-5", "improved to 58-3", "gave the Colts a 9-5
# season". Scores ("a 20-13 victory", "Colts beat Chiefs 20-13") name no one this way.
# Written with a hyphen or, as typeset text does, an en dash: "10-5", "10\u20135".
_W_L = r"(?P<w>\d{1,3})[-\u2013](?P<l>\d{1,3})(?:[-\u2013](?P<t>\d{1,2}))?(?![\d\-\u2013])"
# A record within a record ("moved their record to 9-1 in one-possession games", "4-4 on the
# road") is not the side's record.
_SPLIT = r"(?!\s+(?:in|on|at|against|vs\.?|versus|away|at home|when|since|over)\b)"
_TEAM = r"(?P<who>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})"
_RECORD = re.compile(
    # "the Colts (10-5)", "Klitschko (52-3, 46 KOs)"
    _TEAM
    + r"\s*(?:\(\s*"
    + _W_L
    + r"\s*[,;)]"
    # "Klitschko, 53-3, 47 KO's," "Klitschko, 58-3 with 51 knockouts": a fighter's record (a
    # side named with a bare score is a result: "defeated Drake, 65-53,")
    + r"|,\s+"
    + _W_L.replace("?P<", "?P<b")
    + r"(?:,\s*\d+\s*KO|\s+with\s+\d+\s+knockouts))"
    # "Indianapolis' record rose to 9-5"
    + r"|"
    + _TEAM.replace("who", "who2")
    + r"\s*(?:'s|’\s?s|’|')?\s+record\s+(?:\w+\s+){0,2}?"
    r"(?:to|at|of)\s+"
    + _W_L.replace("?P<", "?P<c")
    + _SPLIT
    # "gave the Colts a 9-5 season"
    + r"|(?:gave|give|gives|leaves|left)\s+the\s+"
    + _TEAM.replace("who", "who3")
    + r"\s+an?\s+"
    + _W_L.replace("?P<", "?P<d")
    + r"\s+(?:season|record|mark)\b"
)
_RECORD_AFTER_VERB = re.compile(
    r"\b(?:improved|improves|improving|fell|falls|dropped|drops|moved|moves|stand|stands)\s+"
    r"(?:(?:his|her|their|its)\s+record\s+)?(?:to|at)\s+" + _W_L + _SPLIT
)
# "Cheeks compiled a mark of 122-147", "compiled a 162-139 record": a coach's or side's
# record over its span, said with a verb of tallying and the word record or mark.
# As ``_SPLIT``, but a span of seasons or years is the record's own ("in three-plus seasons").
_SPAN_SPLIT = (
    r"(?!\s+(?:on|at|against|vs\.?|versus|away|at home|when|since|over)\b)"
    r"(?!\s+in\s+(?![\w-]*\s*(?:seasons?|years?)\b))"
)
_TALLIED_A = r"\b(?:compiled|posted|went|finished\s+with|carries|carried)\s+an?\s+"
_RECORD_COMPILED = (
    re.compile(_TALLIED_A + r"(?:mark|record)\s+of\s+" + _W_L + _SPLIT),
    re.compile(_TALLIED_A + _W_L + r"\s+(?:mark|record)\b" + _SPAN_SPLIT),
)
DIGEST_TEAMS = 4  # a report giving this many sides' records is a round-up of several games


def records(sentence: str) -> list[Figure]:
    """Win-loss records in a sentence, each as the record of the side it names (unit), its
    value the wins with the losses as thousandths so that 10-5 and 10-6 differ."""
    out = []
    for match in _RECORD.finditer(sentence):
        for prefix, who in (("", "who"), ("b", "who"), ("c", "who2"), ("d", "who3")):
            if match.group(f"{prefix}w") is not None:
                out.append(_record(match, prefix, match.group(who), sentence))
                break
    for match in [m for r in (_RECORD_AFTER_VERB, *_RECORD_COMPILED) for m in r.finditer(sentence)]:
        breaks = list(_CLAUSE_BREAK.finditer(sentence, 0, match.start()))
        side = _first_name(sentence[breaks[-1].end() if breaks else 0 : match.start()])
        if side and not any(f.start == match.start("w") for f in out):
            out.append(_record(match, "", side, sentence))
    return [f for f in out if f.unit]


def _labelled_record(sentence: str, figure: Figure) -> bool:
    return figure.kind == "record" and sentence[: figure.start].rstrip().endswith("(")


def _record(match: re.Match[str], prefix: str, who: str, sentence: str) -> Figure:
    wins, losses = int(match.group(f"{prefix}w")), int(match.group(f"{prefix}l"))
    value = wins + losses / 1000
    side = who.split()[-1].lower().strip("'’") if who else ""
    side = "" if side in _CALENDAR or side in STOPWORDS else side
    shown = sentence[match.start(f"{prefix}w") : match.end(f"{prefix}l")]
    label = re.sub(r"^(?:The|A)\s+", "", who or "")  # "the Colts (10-5)": the Colts' record
    return Figure("record", value, value, shown, match.start(f"{prefix}w"), match.end(f"{prefix}l"),
                  unit=side, role="record", unit_word=label.rstrip("'’"))  # fmt: skip


def _first_name(text: str) -> str:
    found = [n for n in names(text) if n.split()[-1].lower() not in _CALENDAR]
    return found[0] if found else ""


_MAY_RECORD = re.compile(r"\d[-\u2013]\d")  # a cheap first scan: most sentences hold none


def _is_digest(text: str) -> bool:
    if len(re.findall(r"\(\s*\d{1,3}[-\u2013]\d", text)) < DIGEST_TEAMS:
        return False
    sides = {m.group("who").split()[-1] for m in _RECORD.finditer(text) if m.group("w")}
    return len(sides) >= DIGEST_TEAMS


# Statistics of a game, a season or a career ("scored 20 points", "now has 2,302 points",
# "missed nine games"): each is the statistic of the one player or team its sentence names.
STAT_UNITS = frozenset(
    stem(w)
    for w in "points yards rebounds assists carries catches receptions touchdowns games "
    "interceptions sacks turnovers goals".split()
)
_RATE = re.compile(r"\b(?:per|a|an|each)\s+(?:game|contest|outing|night|carry|catch)\b|averag",
                   re.IGNORECASE)  # fmt: skip
_CAREER = re.compile(
    r"\b(?:career(?![- ](?:high|best|low))|all-time|now has|now have|in \d+ games)\b", re.IGNORECASE
)
# Points of a half, a quarter or a run are parts of a game's, not its total.
_PART_OF_GAME = re.compile(
    r"\b(?:half|quarter|period|inning|overtime|stretch|run|straight|minutes)\b", re.IGNORECASE
)
_SEASON = re.compile(r"\b(?:season|this year)\b", re.IGNORECASE)
# One game's statistic never reaches a thousand points or yards: such a figure is a total.
TOTAL_AT_LEAST = 1000
# Words that tie a tally to the game the story reports: "20 points Thursday night", "finished
# the game with 20 points", "in the 91-73 victory".
_GAME = re.compile(
    r"\b(?:game|tonight|night|afternoon|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|victory|win|"
    r"loss|defeat|rout|against|game-high|led all)\b",
    re.IGNORECASE,
)
_TARGET = re.compile(r"\b(?:need|needs|needed|needing|short of|shy of|away from)\b", re.I)
_BEFORE_GAME = re.compile(
    r"\b(?:entered|entering|came in|coming in|going into|heading into)\b", re.IGNORECASE
)
SCOPE_REACH = 24  # characters either side of a statistic where "career" or "season" says its span
# Words that say a statistic's span, not what it counts: "2,301 career points" are points.
_SPAN_WORDS = frozenset({"caree", "seaso", "total", "all-t"})


def _statistic(
    sentence: str, figure: Figure, known: frozenset[str], subject: str = ""
) -> tuple[str, str]:
    """Whose statistic a count is and over what span; ("", "") when it is a rate ("22.8 points
    a game"), a part of a game ("seven points in the first half"), or when its clause (else the
    sentence before it) names no one or several sides, so that whose it is is not known."""
    clause_start, clause_end = _clause_span(sentence, figure)
    clause = sentence[clause_start:clause_end]
    if _RATE.search(clause) or _PART_OF_GAME.search(clause):
        return "", ""
    if _TARGET.search(sentence[clause_start : figure.start]):
        return "", ""  # "needed nine points to pass Ford": what was lacking, not a tally
    sides = _sides(sentence[clause_start : figure.start], sentence, known)
    if not sides:
        sides = _sides(sentence[:clause_start], sentence, known)
    if not sides and subject and _PRONOUN_START.match(sentence):
        sides = {subject}  # "But he missed 10 games": the player the report was about
    if len(sides) != 1:
        return "", ""
    near = sentence[max(clause_start, figure.start - SCOPE_REACH) : min(
        clause_end, figure.end + SCOPE_REACH)]  # fmt: skip
    if figure.unit == stem("games"):
        scope = ""  # games played or missed are counted over whatever span the story means
    elif _BEFORE_GAME.search(near):
        scope = "before"  # "entered the game with 2,282 points": the total before it
    elif _CAREER.search(near):
        scope = "career"
    elif _SEASON.search(near):
        scope = "season"
    elif figure.low >= TOTAL_AT_LEAST:
        scope = "career"
    elif _GAME.search(sentence):
        scope = "game"
    else:
        return "", ""  # a tally that says neither its game nor its season
    return sides.pop(), scope


_PRONOUN_START = re.compile(r"\s*(?:(?:But|And|So|Yet|Still|Then),?\s+)?(?:he|she)\b", re.I)


def _sentence_subject(sentence: str, known: frozenset[str], previous: str) -> str:
    """Who a sentence is about when it starts with them ("Thomas came into 2010 ...") or
    refers back with "he" or "she" to whom the one before was about; "" otherwise, so that a
    pronoun after a sentence about someone else is not given to the wrong player."""
    if _PRONOUN_START.match(sentence):
        return previous
    first = re.match(r"\s*([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)*)", sentence)
    if not first:
        return ""
    words = first.group(1).split()
    if words[-1] not in known or words[-1].isupper():
        return ""
    return words[-1].strip("'’").lower()


def _sides(text: str, sentence: str, known: frozenset[str]) -> set[str]:
    """The players or teams a stretch of a sentence names, by last name; a capitalised first
    word of the sentence counts only when the report writes it inside sentences as well
    ("McDermott now has ..." but not "Officials stopped ..."), and an acronym ("NFL") is an
    organisation."""
    found = set()
    named = names(text)
    for match in _NAME_RUN.finditer(text):
        name = match.group(0)
        if name.lower() in STOPWORDS or not any(name.startswith(n) for n in named):
            continue
        last = name.split()[-1].strip("'’")
        at_start = sentence.lstrip().startswith(name) and " " not in name
        if last.lower() in _CALENDAR or last.isupper() or (at_start and name not in known):
            continue
        possessive = re.search(r"(?:['’]s?|\s['’]\s?s)$", name) or re.match(
            r"\s?['’]", text[match.end() :]
        )
        if _NOT_A_SUBJECT.search(text[: match.start()]) or possessive:
            continue  # "in the Saints' game vs. Atlanta": whose game, whom against, not who
        found.add(last.lower())
    return found


_NAME_RUN = re.compile(r"[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*")
# A name right after a preposition is where, when or against whom, not whose the figure is.
_NOT_A_SUBJECT = re.compile(
    r"\b(?:in|at|on|to|from|for|against|vs\.?|versus|over|of|by|with|into)\s+$", re.I
)


def _named_mid_sentence(text: str) -> frozenset[str]:
    """Capitalised words a report writes inside its sentences: names, which a sentence may
    also start with ("McDermott now has ...")."""
    return frozenset(re.findall(r"(?<=[a-z,;] )[A-Z][\w'’\-]+", text))


def _unglued(figure: Figure) -> Figure:
    """A counted noun glued by a dash to the next word ("2,129 points-13 more", "4,051
    yards-breaking") is the noun alone."""
    if figure.kind != "count" or "-" not in figure.unit:
        return figure
    head = figure.unit.split("-")[0]
    unit = stem(head)
    if unit not in STAT_UNITS and unit not in MINOR_UNITS:
        return figure
    return replace(figure, unit=unit, unit_word=figure.unit_word.split("-")[0])


_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*|[^\sA-Za-z\d]")
# Words next to a count that do not say what is counted: qualifiers, auxiliaries, determiners.
_PASS_OVER = STOPWORDS | frozenset(
    """about around nearly almost more than over least some just approximately roughly up
    another total other all only also were was been had have has being reportedly estimated
    said says people agency agencies official officials spokesman spokeswoman spokesperson
    ministry""".split()
)
GOVERNOR_REACH = 3  # tokens either side of a count where the word governing it may stand


def _count_words(sentence: str, figure: Figure) -> tuple[frozenset[str], frozenset[str]]:
    """For a count without a role: the content word just before it and the one just after its
    noun ("received nearly 235,000 comments", "565 shops damaged"), and the words between the
    number and its noun ("31 fire trucks")."""
    if figure.kind != "count" or figure.role not in WEAK_ROLES or not figure.unit_word:
        return frozenset(), frozenset()
    governors: set[str] = set()
    before = _WORD.findall(sentence[max(0, figure.start - 60) : figure.start])
    for token in list(reversed(before))[:GOVERNOR_REACH]:
        if not token[:1].isalpha() or token[:1].isupper():
            break
        if token.lower() not in _PASS_OVER and len(token) > 2:
            governors.add(anchor(token))
            break
    after = _WORD.findall(sentence[figure.end : figure.end + 80])
    lowered = [t.lower() for t in after]
    if figure.unit_word not in lowered[:4]:
        return frozenset(governors), frozenset()
    at = lowered.index(figure.unit_word)
    modifiers = frozenset(
        anchor(t) for t in after[:at] if t[:1].islower() and t.lower() not in _PASS_OVER
    )
    for token in after[at + 1 : at + 1 + GOVERNOR_REACH]:
        if not token[:1].isalpha() or token[:1].isupper():
            break
        if token.lower() not in _PASS_OVER and len(token) > 2:
            governors.add(anchor(token))
            break
    return frozenset(governors), modifiers


_AGED = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b")


def _people(sentence: str, found: list[Figure]) -> frozenset[str]:
    """Who a sentence is about, as news names people: by surname and by age ("a 36-year-old
    climber"), so that what one person did is not compared with what another did."""
    ages = [f for f in found if f.kind == "age"]
    return (
        frozenset(f.unit for f in ages if not f.unit.startswith("~"))
        | frozenset(f"{f.value:g}yo" for f in ages)
        | frozenset(f"{n}yo" for n in _AGED.findall(sentence))
    )


def _conversion(figure: Figure, found: list[Figure], sentence: str) -> bool:
    """ "85 million euros ($108 million)": the amount restated in another currency, at
    whatever rate the outlet used, is not a second claim."""
    if figure.kind != "money":
        return False  # measurements drop their own bracketed conversions
    if not _CONVERSION_BEFORE.search(sentence[max(0, figure.start - 4) : figure.start]):
        return False
    before = sentence[max(0, figure.start - 30) : figure.start]
    return bool(re.search(r"\d[\w\s.,-]*[(;]\s*$", before)) or any(
        f.kind == "money" and f.currency != figure.currency and f.end <= figure.start for f in found
    )


def _ambiguous(figure: Figure, found: list[Figure]) -> bool:
    """A figure in a list is not *the* figure of anything: three or more figures of one kind
    are a tally ("13 homers and 43 RBIs in 54 games"), and two of the same kind and role
    compare cases ("the Nationals bid $160 million, the Orioles $150 million"). A price, a
    price per share and a premium in one sentence are three different quantities."""
    if figure.kind in ("age", "record"):
        return False  # each age or record is tied to its person or side
    if figure.kind in MEASUREMENTS:  # "for 40 hours over four days": two measures
        return sum(1 for f in found if (f.kind, f.unit) == (figure.kind, figure.unit)) > 1
    if figure.kind == "count" and figure.unit in STAT_UNITS and figure.role in WEAK_ROLES:
        # A line of one player's statistics ("269 yards and two touchdowns on 83 carries") gives
        # each once; a statistic given twice ("269 yards ... another 201 yards") is two cases.
        return sum(1 for f in found if f.kind == "count" and f.unit == figure.unit) > 1
    listed = [f for f in found if f.kind == figure.kind and f.role in WEAK_ROLES]
    if figure.role in WEAK_ROLES and len(listed) >= 3 and not _inventory(listed):
        return True
    if figure.kind == "money":
        same = ("money", figure.currency, figure.role)
        return sum(1 for f in found if (f.kind, f.currency, f.role) == same) > 1
    if figure.role not in WEAK_ROLES:  # "nab 12 Somali and 11 Yemeni pirates": parts
        return sum(1 for f in found if (f.kind, f.role) == (figure.kind, figure.role)) > 1
    key = (figure.kind, figure.unit, figure.role)
    return sum(1 for f in found if (f.kind, f.unit, f.role) == key) > 1


def _inventory(listed: list[Figure]) -> bool:
    """A list of different things, each counted once ("12 AK-47s, three rifles, two grenades"),
    is an inventory: each count is the count of its thing."""
    units = [f.unit for f in listed]
    return (
        all(u and u not in MINOR_UNITS and u not in STAT_UNITS for u in units)
        and len(set(units)) == len(units)
        and all(f.kind == "count" for f in listed)
    )


SAME_QUAKE = 1.0  # magnitudes further apart than this are of different tremors


def same_quantity(a: _Claim, b: _Claim) -> bool:
    fa, fb = a.figure, b.figure
    if fa.kind != fb.kind or fa.currency != fb.currency:
        return False
    if fa.kind == "magnitude":
        return abs(fa.value - fb.value) <= SAME_QUAKE and a.years == b.years
    if fa.kind == "record":
        # The years of the record's own clause: "compiled a 162-139 record in three-plus
        # seasons and coached the 76ers to 40 victories in 2007-08" is no record of 2007.
        return fa.unit == fb.unit and _clause_years(a) == _clause_years(b)
    if a.player or b.player:
        return _same_statistic(a, b)
    if fa.kind in MEASUREMENTS:
        return _same_measurement(a, b)
    strong_a, strong_b = fa.role not in WEAK_ROLES, fb.role not in WEAK_ROLES
    if strong_a and strong_b and fa.role != fb.role:
        return False
    same_thing = noun_class(fa.unit) == noun_class(fb.unit)
    if fa.unit and fb.unit and not same_thing and not {fa.unit, fb.unit} <= PEOPLE:
        return False
    if a.span != b.span:
        return False  # "46 arrested on Wednesday" is not "over 50 in four nights"
    if a.years != b.years and not (_in_year(a, b) or _in_year(b, a)):
        return False  # "killed 26,000 in 2003": another year, another event
    if fa.kind != "count" and a.subjects and b.subjects:
        # Amounts and shares belong to someone: a price for Fitbit is not a price for Nest.
        # (Names next to counts are mostly places and nationalities, worded differently by
        # each report, so they are not compared.)
        only_a, only_b = a.subjects - b.subjects, b.subjects - a.subjects
        if only_a and only_b:
            return False
    if fa.role in ("added", "besides") and fb.role == fa.role:
        # Many things are added as a story unfolds: the same thing, and a word more around it
        # ("called in an additional six engines", "called a further four appliances").
        return same_thing and len(a.frame & b.frame) >= ADDED_WORDS
    if strong_a and strong_b:
        return True  # same role, same thing counted: "killed 12 people" / "death toll of 15"
    # Without a role on both sides, the thing measured must be named the same on both sides
    # and at least two other words around it must agree; amounts of money need roles.
    if not fa.unit or not same_thing:
        return False
    if aligned(a.frame, b.frame, anchor(fa.unit_word)):
        # The same thing counted in sentences that say the same around it ("called in an
        # additional six engines", "called a further four appliances"): one quantity, however
        # each report names it.
        return True
    if a.modifiers and b.modifiers and a.modifiers.isdisjoint(b.modifiers):
        return False  # "31 fire trucks" and "three ladder trucks" count different trucks
    if a.modifiers & b.modifiers and not (a.subjects or b.subjects) and not _counts_people(fa):
        # Things named alike, nothing else named: "three strong aftershocks", "at least four
        # strong aftershocks". Groups of people ("crew members") are told apart by more.
        return True
    if (
        a.lead
        and b.lead
        and not _counts_people(fa)
        and a.modifiers == b.modifiers
        and not (fa.vague or fb.vague)
    ):
        # Two reports' leads count the same thing, worded apart ("the pirates, in three boats,
        # were attempting to hijack", "swung into action against the pirates in two boats"):
        # a lead states the story's own news, so the same thing named alike is one quantity.
        # Not groups of people, which a story counts many of (marchers, arrests, the dead).
        return True
    # A model ("AK-47s", "AK 47 guns") names one kind of thing: one more word must agree.
    model = any(ch.isdigit() for ch in fa.unit)
    needed = 1 if model else CONTEXT_WORDS
    shared = _inflected(_around(a)) & _inflected(_around(b))
    if len(shared) >= needed:
        return True
    if model and _beside_model(a) & _beside_model(b):
        # Counts of one model in lists worded apart ("seven AK-47 assault rifles, two other
        # rifles, a grenade launcher", "12 AK 47 guns, three rifles, two grenades"): a word
        # further off than the clause (the rest of the haul) may be the one that agrees.
        return True
    # The word that governs the count ("received 235,000 comments", "12 shops damaged")
    # says what is counted as well as two words around it do.
    return bool(a.governors & b.governors)


def _around(claim: _Claim) -> frozenset[str]:
    """The words of a count's clause besides the thing counted, however it is spelt. A model's
    own spelling ("AK-47", "Boeing" of "Boeing 737-800") and the noun it names ("AK-47
    rifles") are the thing counted: two counts of one model always share them, so they say
    nothing more about which count each is."""
    figure = claim.figure
    if not figure.unit[-1:].isdigit():
        return figure.context - {figure.unit}
    named = {stem(w) for w in _model_nouns(claim)}
    return frozenset(w for w in figure.context - named if not _spells(figure.unit, w))


def _model_nouns(claim: _Claim) -> list[str]:
    """The nouns a count of a model names the model with: "seven AK-47 assault rifles"."""
    figure = claim.figure
    tokens = _WORD.findall(claim.sentence[figure.end : figure.end + 60])
    named: list[str] = []
    for token in tokens[:7]:
        if _spells(figure.unit, token) or token[:1].isdigit() or token == "-":
            continue
        if not token[:1].islower() or token in STOPWORDS or len(named) == 2:
            break
        named.append(token)
    return named


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]*|\d+|[^\sA-Za-z\d]")


def _spells(unit: str, word: str) -> bool:
    """Whether a word is a model's spelling, or its maker's name: "AK-47", "ak47", "Boeing"."""
    letters = re.sub(r"[^a-z0-9]", "", word.lower())
    return bool(letters) and unit.startswith(letters)


def _beside_model(claim: _Claim) -> frozenset[str]:
    """The words around a count of a model, the model's own letters ("AK-") left out."""
    unit = claim.figure.unit
    # The noun of the model ("rifles" of "AK-47 rifles") names it, unless the list names more
    # of its kind ("seven AK-47 rifles, two other rifles"), which may be the word that agrees.
    said = Counter(anchor(w) for w in _WORD.findall(claim.sentence) if w[:1].isalpha())
    named = {anchor(w) for w in _model_nouns(claim) if said[anchor(w)] == 1}
    return frozenset(w for w in claim.frame - named if not unit.startswith(w.strip("-").lower()))


def _clause_years(claim: _Claim) -> frozenset[str]:
    return frozenset(YEAR.findall(_clause(claim.sentence, claim.figure)))


def _same_statistic(a: _Claim, b: _Claim) -> bool:
    """One player's statistic over one span, counting the same thing: points of a career are
    not points of the game, "269 rushing yards" are not "201 receiving yards"."""
    fa, fb = a.figure, b.figure
    if a.player != b.player or a.scope != b.scope or fa.unit != fb.unit:
        return False
    mods_a, mods_b = a.modifiers - _SPAN_WORDS, b.modifiers - _SPAN_WORDS
    if mods_a and mods_b and mods_a.isdisjoint(mods_b):
        return False  # "passing yards" and "rushing yards"
    gov_a, gov_b = _tallied(a.governors), _tallied(b.governors)
    if gov_a and gov_b and gov_a.isdisjoint(gov_b):
        return False  # "scored 20 points", "missed nine games"
    if a.scope in ("career", "season"):
        return True  # a player has one total of a kind over a career or a season
    ignore = {fa.unit, a.player, b.player}
    shared = _inflected(fa.context - ignore) & _inflected(fb.context - ignore)
    return len(shared) >= CONTEXT_WORDS or bool(gov_a & gov_b)


# Verbs that report a player's tally alike: "scored 14 points", "added 12", "finished with 20".
_TALLY_VERBS = frozenset(
    anchor(w)
    for w in "scored added had finished posted poured chipped totaled netted led put".split()
)


def _tallied(governors: frozenset[str]) -> frozenset[str]:
    return frozenset("tally" if g in _TALLY_VERBS else g for g in governors)


_PEOPLE_UNITS = PEOPLE | {stem(w) for w in PERSON_NOUNS} | {"member", "crew", "men", "women"}


def _counts_people(figure: Figure) -> bool:
    return figure.unit in _PEOPLE_UNITS


def _inflected(words: frozenset[str]) -> set[str]:
    """Words with their inflections cut off: "damaged" and "damage" agree."""
    return {anchor(w) for w in words}


MEASUREMENTS = frozenset(
    {"age", "distance", "duration", "weight", "clock", "offset", "temperature", "speed"}
)
# Words naming the event of a story whose time of day is asked: an earthquake, a blast, a fire,
# a shooting.
EVENT_ANCHORS = frozenset({"quake", "explo", "fire", "crash", "shoot"})
# Families of words (text.alignment) naming an event whose time a report gives counted from
# another ("married two weeks before the shooting", "arrested four days after the fire",
# "returned to her home town 12 weeks ago", "moved back to Millom six weeks ago"): both
# clauses naming one is the time of that event. Deaths and injuries are left out: they are
# what a story counts its other moments from ("two weeks after his death").
EVENT_FAMILIES = frozenset({"marry", "arrest", "move"})


def _same_measurement(a: _Claim, b: _Claim) -> bool:
    """An age is the same quantity as another of the same person at the same stage of the
    story; a distance, duration, weight or clock time when a word of its clause names the same
    thing ("fell", "deliberation", "quake") and, for a time of day, in the same time zone."""
    fa, fb = a.figure, b.figure
    if fa.role != fb.role or a.years != b.years:
        return False
    if fa.kind == "age":
        # Court reports come at moments the reader cannot place (an arraignment, a trial a
        # year later): their ages are not compared.
        if fa.unit != fb.unit or a.stage != "" or b.stage != "" or not _same_year(a, b):
            return False
        # Two unnamed people described alike ("a 60-year-old woman", "a 45-year-old woman")
        # are one person only when their clauses say the same thing about them.
        return not fa.unit.startswith("~") or len(fa.context & fb.context) > 1
    if fa.kind in ("clock", "duration", "temperature") and fa.unit != fb.unit:
        return False  # another time zone; days of deliberation are not its hours; °F not °C
    if a.people and b.people and a.people.isdisjoint(b.people):
        return False  # "Duncan Rait, 36, fell 150 metres", "Buckley, 32, fell 600 metres"
    shared = families(fa.context) & families(fb.context)  # "married" and "wed" agree
    if fa.kind == "offset":
        # Like times of day, a story has many moments: more must agree, and an offset counted
        # back from reports written days apart is from two different days.
        # Both clauses naming one of the events a family of words stands for ("had married
        # two weeks before", "who was wed three weeks before") is enough on its own.
        enough = (
            len(shared) >= CONTEXT_WORDS
            or bool(shared & EVENT_FAMILIES)
            or aligned(a.frame, b.frame)
        )
        return enough and (fa.role != "offset-ago" or _written_together(a, b))
    if fa.kind == "clock" and fa.role in ("clock", "clock-by"):
        # A story has many times of day (the call, the arrest, the rescue): more must agree,
        # unless both clauses name the event itself ("the quake at 17:06", "the earthquake
        # struck at 5:11 p.m.").
        enough = (
            len(shared) >= CONTEXT_WORDS
            or bool(shared & EVENT_ANCHORS)
            or aligned(a.frame, b.frame)
        )
        return enough and _same_day(a.sentence, b.sentence)
    if fa.kind == "weight":
        same = _same_height(a.sentence, b.sentence)
        if same is not None:
            return same
    return bool(shared)


_HEIGHT = re.compile(r"\b([4-7])[- ]?(?:foot|feet|ft)[- ]?(\d{1,2})\b", re.IGNORECASE)


def _same_height(a: str, b: str) -> bool | None:
    """A weight given with a height is a person's build ("5-foot-8, 135 pounds", "5-feet-8
    inches tall, weighing 130 pounds"): builds of one height describe one person, of two
    heights two people. None when a sentence gives no single height."""
    heights = [set(_HEIGHT.findall(sentence)) for sentence in (a, b)]
    if len(heights[0]) != 1 or len(heights[1]) != 1:
        return None
    return heights[0] == heights[1]


_DAY = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
)


def _same_day(a: str, b: str) -> bool:
    """Times of day on days named differently ("on Friday", "on March 4") are of other days."""
    da, db = set(_DAY.findall(a)), set(_DAY.findall(b))
    return not da or not db or bool(da & db)


def _written_together(a: _Claim, b: _Claim) -> bool:
    ta, tb = a.article.published, b.article.published
    return ta is None or tb is None or abs((ta - tb).total_seconds()) <= 86400


def _same_year(a: _Claim, b: _Claim) -> bool:
    ya, yb = a.article.published, b.article.published
    return ya is None or yb is None or ya.year == yb.year


def _in_year(dated: _Claim, other: _Claim) -> bool:
    """A claim naming only its report's own year matches one naming none."""
    year = other.article.when.year if other.article.when else None
    return not other.years and year is not None and dated.years == {str(year)}


def _namesakes(claims: list[_Claim]) -> list[_Claim]:
    """People of one surname given under different first names (a suspect, Gary Gomes, 35,
    and his mother, Catherine Gomes, 61) are told apart by first name. Names that share a
    word before the surname ("Englishman Robert Buckley", "Robert Buckley") are one person,
    and so are spellings of one name (Catherine, Katherine, Kathryn)."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(key: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for claim in claims:
        keys = [(claim.figure.unit, _name_key(w[1:])) for w in _given(claim)]
        for key in keys[1:]:
            parent[root(key)] = root(keys[0])
        if keys:
            root(keys[0])
    people: dict[str, set[tuple[str, str]]] = {}
    for key in parent:
        people.setdefault(key[0], set()).add(root(key))
    shared = {surname for surname, roots in people.items() if len(roots) > 1}
    if not shared:
        return claims
    out = []
    for claim in claims:
        given = _given(claim)
        if claim.figure.unit in shared and given:
            _, name = root((claim.figure.unit, _name_key(given[0][1:])))
            unit = f"{name} {claim.figure.unit}"
            word = f"{given[-1][1:]} {claim.figure.unit_word}"
            claim = replace(claim, figure=replace(claim.figure, unit=unit, unit_word=word))
        out.append(claim)
    return out


def _given(claim: _Claim) -> list[str]:
    if claim.figure.kind != "age":
        return []
    return sorted(w for w in claim.figure.context if w.startswith("^"))


def _name_key(first: str) -> str:
    """Spellings of one first name alike: "catherine", "katherine", "kathryn" -> "kath"."""
    return re.sub(r"^c(?=[aou])", "k", first.lower())[:4]


def _listed(claims: list[_Claim]) -> list[_Claim]:
    """Give each age of an unnamed list ("two women, 68 and 48") to a person: a value that a
    report gives as a named person's age is that person's; when one value is left, it is the
    age of the person the other reports name beside them ("Robyn Mendes, 48, ... Catherine
    Gomes, 61"). Ages of a list that cannot be given to anyone are left out."""
    named = [c for c in claims if c.figure.kind == "age" and not c.figure.unit.startswith("~")]
    by_value: dict[int, Counter[str]] = {}
    beside: dict[str, Counter[str]] = {}
    words = {c.figure.unit: c.figure.unit_word for c in named}
    by_sentence: dict[tuple[str, str], set[str]] = {}
    for claim in named:
        by_value.setdefault(int(claim.figure.value), Counter())[claim.figure.unit] += 1
        by_sentence.setdefault((claim.report, claim.sentence), set()).add(claim.figure.unit)
    for units in by_sentence.values():
        for unit in units:
            beside.setdefault(unit, Counter()).update(units - {unit})
    lists: dict[tuple[str, str], list[_Claim]] = {}
    out = []
    for claim in claims:
        if claim.figure.unit == "~list":
            lists.setdefault((claim.report, claim.sentence), []).append(claim)
        else:
            out.append(claim)
    for members in lists.values():
        out.extend(_give_ages(members, by_value, beside, words))
    return out


def _give_ages(
    members: list[_Claim],
    by_value: dict[int, Counter[str]],
    beside: dict[str, Counter[str]],
    words: dict[str, str],
) -> list[_Claim]:
    who: dict[int, str] = {}
    for number, claim in enumerate(members):
        units = by_value.get(int(claim.figure.value))
        if units:
            who[number] = units.most_common(1)[0][0]
    left = [n for n in range(len(members)) if n not in who]
    if len(left) == 1 and who:
        partners: Counter[str] = Counter()
        for unit in who.values():
            partners.update(beside.get(unit, Counter()))
        for unit in who.values():
            partners.pop(unit, None)
        if partners:
            who[left[0]] = partners.most_common(1)[0][0]
    out = []
    for number, unit in who.items():
        claim = members[number]
        figure = replace(claim.figure, unit=unit, unit_word=words.get(unit, unit))
        out.append(replace(claim, figure=figure, people=claim.people | {unit}))
    return out


def _name_ages(claims: list[_Claim]) -> list[_Claim]:
    """Give an unnamed age ("a 60-year-old woman") to the one person of the story whom a
    report names with the same word ("the woman, Sharron Smith, 61", "Raj Chohan, a 59-year-old
    grandmother") or gives the same age next to it ("a 59-year-old woman ... Chohan, 59").
    When the story names no one, or several people, that way, the age stays the woman's,
    compared only with ages of a woman said to do the same thing."""
    ages = [c for c in claims if c.figure.kind == "age"]
    named: dict[str, set[str]] = {}
    for claim in ages:
        if not claim.figure.unit.startswith("~"):
            for word in claim.figure.context:
                if word.startswith("~"):
                    named.setdefault(word, set()).add(claim.figure.unit)
    by_report: dict[tuple[str, float], set[str]] = {}
    for claim in ages:
        if not claim.figure.unit.startswith("~"):
            by_report.setdefault((claim.report, claim.figure.value), set()).add(claim.figure.unit)
    for claim in ages:
        same_age = by_report.get((claim.report, claim.figure.value), set())
        if claim.figure.unit.startswith("~") and len(same_age) == 1:
            named.setdefault(claim.figure.unit, set()).update(same_age)
    said = _SaidOf(ages)
    out = []
    for claim in claims:
        figure = claim.figure
        who = named.get(figure.unit, set()) if figure.kind == "age" else set()
        if figure.kind == "age" and figure.unit.startswith("~") and not who:
            who = said.doing_the_same(claim)
        if len(who) == 1:
            [surname] = who
            figure = replace(figure, unit=surname, unit_word=surname)
            claim = replace(claim, figure=figure, people=claim.people | {surname})
        out.append(claim)
    return out


# Reports that disagree about one person's age do so by a year or two (a birthday, a slip);
# an age further off that is said to do the same is another person's.
AGE_SLIP = 2
SAID_CAP = 4  # named ages kept per word and age; more make any match ambiguous anyway


class _SaidOf:
    """What is said of each named person whose age is given, indexed by word and age, so that
    finding who an unnamed age may be costs the same however many reports a story has."""

    def __init__(self, ages: list[_Claim]) -> None:
        self.index: dict[tuple[str, int], list[tuple[str, int]]] = {}
        self.crowded: set[tuple[str, int]] = set()
        for number, claim in enumerate(ages):
            if claim.figure.unit.startswith("~"):
                continue
            for word in claim.figure.context:
                if word.startswith("~"):
                    continue
                key = (word, int(claim.figure.value))
                entries = self.index.setdefault(key, [])
                if len(entries) < SAID_CAP:
                    entries.append((claim.figure.unit, number))
                else:
                    self.crowded.add(key)

    def doing_the_same(self, unnamed: _Claim) -> set[str]:
        """The named people whose age is given in a clause that says two of the same things
        as the unnamed age's ("a 60-year-old woman was struck and killed", "Mary Jones, 61,
        was struck and killed"), within a slip of it; else the one person whose clause says
        one of them. Too many to tell apart: none."""
        shared: dict[tuple[str, int], int] = {}
        value = int(unnamed.figure.value)
        for word in unnamed.figure.context:
            if word.startswith("~"):
                continue
            for age in range(value - AGE_SLIP, value + AGE_SLIP + 1):
                if (word, age) in self.crowded:
                    return set()
                for entry in self.index.get((word, age), ()):
                    shared[entry] = shared.get(entry, 0) + 1
        found = {surname for (surname, _), count in shared.items() if count >= CONTEXT_WORDS}
        # One word in common is enough when it points at one person only ("a 60-year-old
        # woman charged with killing", "Sharron Smith, age 61, arrested and charged").
        alone = {surname for surname, _ in shared}
        return found or (alone if len(alone) == 1 else set())


def disagree(a: Figure, b: Figure) -> bool:
    if a.high < b.low or b.high < a.low:
        return True
    # A time or length written to its unit stands for the half-open span around it: "two
    # weeks before" (10.5 to 17.5 days) and "three weeks before" (17.5 to 24.5) meet at one
    # point, but no single value is both.
    return (
        a.kind in MEASUREMENTS
        and b.kind in MEASUREMENTS
        and not (a.vague or b.vague)
        and a.low != a.high
        and b.low != b.high
        and (a.high == b.low or b.high == a.low)
    )


def _about(claim: _Claim) -> str:
    figure = claim.figure
    if figure.kind == "age" and figure.unit.startswith("~"):
        return f"age of {figure.unit_word}"
    if figure.kind in MEASUREMENTS:
        return _MEASUREMENT_LABELS[figure.role].format(figure.unit_word.title())
    if figure.kind == "record":
        return f"record of {figure.unit_word}"
    if claim.player:
        span = {"career": " (career)", "season": " (season)"}.get(claim.scope, "")
        return f"{figure.unit_word} of {claim.player.title()}{span}"
    if figure.role not in WEAK_ROLES:
        return ROLE_LABELS.get(figure.role, figure.role)
    if figure.kind == "percent":
        return f"share of {figure.unit_word}" if figure.unit_word else "percentage"
    if figure.kind == "points":
        return "change in percentage points"
    if figure.kind == "money":
        return "amount" if figure.role == "" else ROLE_LABELS["value"]
    return f"number of {figure.unit_word}" if figure.unit_word else "count"


_MEASUREMENT_LABELS = {"age": "age of {}", "distance": "distance", "duration": "duration",
                       "speed": "speed",
                       "weight": "weight", "clock": "time of day",
                       "clock-left": "time left on the clock",
                       "clock-by": "time by which it was over",
                       "clock-elapsed": "time into the round or period",
                       "offset-ago": "how long ago", "running": "how long so far",
                       "offset-after": "time after",
                       "offset-before": "time before",
                       "temperature": "temperature"}  # fmt: skip
MAX_GROUPS = 24  # quantities one key can hold before odd claims stop opening new ones


def _key(claim: _Claim) -> tuple[str, ...] | None:
    """Claims that can be about one quantity share this key: kind, currency and role, or the
    counted thing when there is no role. A claim with neither can match nothing."""
    figure = claim.figure
    if claim.player:  # one player's statistics over one span, whatever else the story counts
        return (figure.kind, "stat", figure.unit, claim.player, claim.scope)
    if figure.role not in WEAK_ROLES:
        return (figure.kind, figure.currency, "role", figure.role)
    if figure.unit:
        return (figure.kind, figure.currency, "unit", noun_class(figure.unit))
    return None


def _group(claims: list[_Claim]) -> list[list[_Claim]]:
    """Claims about one quantity together; a claim joins a group only if it matches its first
    members. Claims are bucketed by key first and a bucket holds at most ``MAX_GROUPS`` groups,
    so the cost is linear in the number of claims, never quadratic."""
    buckets: dict[tuple[str, ...], list[list[_Claim]]] = {}
    for claim in claims:
        key = _key(claim)
        if key is None:
            continue
        groups = buckets.setdefault(key, [])
        if _join(claim, groups):
            continue
        if len(groups) < MAX_GROUPS:
            groups.append([claim])
    return [group for groups in buckets.values() for group in groups]


def _join(claim: _Claim, groups: list[list[_Claim]]) -> bool:
    for group in groups:
        if all(same_quantity(claim, other) for other in group[:MATCH_MEMBERS]):
            group.append(claim)
            return True
    return False


def _conflict(group: list[_Claim]) -> tuple[Conflict, int] | None:
    """The conflict within one quantity's claims, with its support (reports involved).

    A claim is involved when a claim of another report allows no value it allows, by more
    than rounding. Only the extreme claims can be that other claim (the lowest upper bounds
    and highest lower bounds of two different reports, for exact and vague wording apart), so
    each claim is checked against a handful of them: linear in the size of the group."""
    group = _unequivocal(group)
    extremes = _extremes(group)
    involved = [c for c in group if any(_clash(c, other) for other in extremes)]
    if not involved:
        return None
    by_value: dict[tuple[float, float], list[_Claim]] = {}
    for claim in involved:
        by_value.setdefault((claim.figure.low, claim.figure.high), []).append(claim)
    values = list(by_value.values())
    kind = "update" if _is_update(values) else "contradiction"
    if kind == "update":  # a timeline, latest first
        values = _timeline(values)
    else:  # the best supported value first
        values.sort(key=lambda cs: (-len({c.report for c in cs}), _earliest(cs) is None,
                                    _earliest(cs) or datetime.min.replace(tzinfo=UTC)))  # fmt: skip
    claims = [
        Claim(
            value=cs[0].figure.shown,
            text=cs[0].original or cs[0].sentence,
            sources=list(dict.fromkeys(c.article.id for c in cs)),
            outlets=_outlets(cs),
            published=_latest(cs) if kind == "update" else _earliest(cs),
        )
        for cs in values
    ]
    note = _note(kind, values)
    conflict = Conflict(about=_about(group[0]), claims=claims, note=note, kind=kind)
    return conflict, len({c.report for c in involved})


def _unequivocal(group: list[_Claim]) -> list[_Claim]:
    """Leave out the claims of a report that gives the quantity two values that disagree: it
    speaks of two things (a quake and a later tremor, a toll then and now) and cannot say
    which of them the other reports mean."""
    values: dict[str, list[_Claim]] = {}
    for claim in group:
        values.setdefault(claim.report, []).append(claim)
    torn = {
        report
        for report, claims in values.items()
        if len(claims) > 1 and disagree(_widest(claims, min), _widest(claims, max))
    }
    return [c for c in group if c.report not in torn] if torn else group


def _widest(claims: list[_Claim], pick: Callable[..., _Claim]) -> Figure:
    key = (lambda c: c.figure.high) if pick is min else (lambda c: c.figure.low)
    return pick(claims, key=key).figure


def _clash(a: _Claim, b: _Claim) -> bool:
    return (
        a.report != b.report
        and disagree(a.figure, b.figure)
        and material(a.figure, b.figure)
        and not (a.figure.vague and b.figure.vague)  # "thousands" vs "millions": too loose
    )


CONVERTED = frozenset({"distance", "weight", "speed"})
CONVERSION = 0.05  # "35 miles" and "60 km" are one distance converted and rounded
ROUNDING = 0.02  # a gap under 2% of the value is how precisely it was written, not a dispute


def material(a: Figure, b: Figure) -> bool:
    """Whether values that do not overlap are further apart than rounding explains: "$140
    million" and "over $142 million" are the same figure written loosely; 12 and 15 dead are
    not."""
    gap = max(a.low, b.low) - min(a.high, b.high)
    if a.kind in CONVERTED and a.unit != b.unit:
        # Miles and kilometres, pounds and kilograms: a converted figure is rounded again.
        return gap > CONVERSION * max(a.high, b.high, 1.0) if a.high != math.inf else gap > 0
    if a.kind in MEASUREMENTS:
        return gap >= 0  # written in one unit, as precise as they look; spans that only meet
    if a.kind == "record":
        return gap > 0
    if a.kind == "count" and a.unit in STAT_UNITS:
        return gap > 0  # a game's or a career's tally is exact however large: 2,301 is not 2,302
    finite = [v for v in (a.low, a.high, b.low, b.high) if v != math.inf]
    size = max(finite, default=0.0)
    if a.kind != "money" and size < 1000:
        return gap > 0  # small counts, shares and magnitudes are written exactly
    return gap > ROUNDING * size


CHANGING = COUNT_ROLES - {"votes"}  # tolls and counts that grow as a story unfolds
# Quantities that only grow while a story unfolds, when a report says its figure is a running
# total ("turnout was 88.41 percent as of 4 p.m.", "has already grossed $459 million").
GROWING = CHANGING | {"votes", "revenue", "funding"}
_RUNNING = re.compile(
    r"\b(?:as of|so far|to date|already|thus far|by (?:then|now|noon|midday|evening)|"
    r"preliminary|initial|early count)\b",
    re.IGNORECASE,
)


def _is_update(values: list[list[_Claim]]) -> bool:
    """A later report giving a new value of a quantity that changes (a rising toll), or
    saying that it changed ("rose to 15"), or a running total of a quantity that only grows;
    otherwise the reports contradict each other."""
    ordered = _timeline(values)
    if ordered[0][0].player:
        return False  # reports of one game give a player's "now" totals as of its end
    if ordered[0][0].figure.role == "running":
        # "five days of rioting", "eight days of riots": counted on different days, so the
        # count rises with the reports' times (the largest is the latest when undated)
        lows = [cs[0].figure.low for cs in reversed(ordered)]
        return all(x < y for x, y in itertools.pairwise(lows))
    if any(mentions_update(c.sentence, c.figure) for c in ordered[0]):
        return True
    role = ordered[0][0].figure.role
    if role in GROWING and any(_RUNNING.search(c.sentence) for cs in values for c in cs):
        return True
    times = [_earliest(cs) for cs in ordered]
    if any(t is None for t in times) or len(set(times)) < len(times):
        return False
    if role not in CHANGING:
        return False
    lows = [cs[0].figure.low for cs in reversed(ordered)]
    return all(x < y for x, y in itertools.pairwise(lows))


def _timeline(values: list[list[_Claim]]) -> list[list[_Claim]]:
    """The values latest first: by publication time when every value has one; otherwise the
    value said to be new ("rose to 15") first, then, for a quantity that only grows, the
    largest."""
    if all(_latest(cs) for cs in values):
        return sorted(values, key=lambda cs: _latest(cs) or _EPOCH, reverse=True)
    growing = values[0][0].figure.role in GROWING | {"running"}
    return sorted(
        values,
        key=lambda cs: (
            not any(mentions_update(c.sentence, c.figure) for c in cs),
            -cs[0].figure.low if growing else 0.0,
        ),
    )


_EPOCH = datetime.min.replace(tzinfo=UTC)


def _extremes(group: list[_Claim]) -> list[_Claim]:
    """Per wording (exact, vague): the claims with the two lowest upper bounds and the two
    highest lower bounds that come from different reports."""
    out: list[_Claim] = []
    for vague in (False, True):
        members = [c for c in group if c.figure.vague == vague]
        out.extend(_two_reports(members, lambda c: c.figure.high))
        out.extend(_two_reports(members, lambda c: -c.figure.low))
    return out


def _two_reports(claims: list[_Claim], key: Callable[[_Claim], float]) -> list[_Claim]:
    """The smallest claim by ``key``, and the smallest from another report."""
    first: _Claim | None = None
    second: _Claim | None = None
    for claim in claims:
        if first is None or key(claim) < key(first):
            if first is not None and first.report != claim.report:
                second = first
            first = claim
        elif claim.report != first.report and (second is None or key(claim) < key(second)):
            second = claim
    return [c for c in (first, second) if c is not None]


def _earliest(claims: list[_Claim]) -> datetime | None:
    times = [c.when for c in claims if c.when]
    return min(times) if times else None


def _latest(claims: list[_Claim]) -> datetime | None:
    times = [c.when for c in claims if c.when]
    return max(times) if times else None


def _outlets(claims: list[_Claim]) -> list[str]:
    """The outlets that gave a value: named by the source, else by the address's host."""
    named = (outlet_name(c.article.source, c.article.url) for c in claims)
    return sorted({outlet for outlet in named if outlet})


def _by(claims: list[_Claim]) -> str:
    """ " (Reuters, AP)" after a value; nothing when no outlet is known."""
    outlets = _outlets(claims)
    return f" ({', '.join(outlets)})" if outlets else ""


def _stamp(when: datetime | None) -> str:
    return (to_iso(when) or "")[:16].replace("T", " ") + " UTC" if when else ""


def _note(kind: str, values: list[list[_Claim]]) -> str:
    """For an update, the latest value and what came before; for a contradiction, who says
    what (latest report last)."""
    if kind == "update":
        latest, earlier = values[0], values[1:]
        before = "; ".join(f"{cs[0].figure.shown}{_by(cs)}" for cs in earlier)
        named = _outlets(latest)
        said = (
            f"{', '.join(named)} reported {latest[0].figure.shown}"
            if named
            else f"{latest[0].figure.shown} reported"
        )
        return f"updated: {said} at {_stamp(_latest(latest))}, after earlier reports of {before}"
    return "the reports give different figures: " + "; ".join(
        f"{cs[0].figure.shown}{_by(cs)}" for cs in values
    )


def find_conflicts(
    articles: Sequence[Article], reports: dict[str, str], limit: int = 3
) -> list[Conflict]:
    """Conflicting figures among the articles; ``reports`` maps article id to its report."""
    known = frozenset().union(*(_named_mid_sentence(f"{a.title}\n{a.text}") for a in articles))
    claims = [c for a in articles for c in extract_claims(a, reports.get(a.id, a.id), known)]
    claims = _name_ages(_listed(_namesakes(claims)))
    found: list[tuple[int, int, Conflict]] = []
    for order, group in enumerate(_group(claims)):
        result = _conflict(group)
        if result is not None:
            conflict, support = result
            found.append((support, order, conflict))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [conflict for _, _, conflict in found[:limit]]
