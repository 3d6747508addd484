"""Measurements in news sentences: ages, distances, durations, weights, clock times and
temperatures, each with what it measures.

``newsbrief.text.numbers`` reads amounts, shares and counts and leaves these out on purpose
(an age or a time of day is not a count). Here each is read into one unit (metres, seconds,
kilograms, minutes after midnight, years) so that "about 60 metres (200 feet)" and "200ft" are
one value, and tied to what it measures:

- an age to the person it is the age of ("Robert Buckley, 32," / "31-year-old Robert Buckley"),
  or to the word that says who it is ("a 60-year-old woman");
- a distance, duration or weight to the words of its clause ("fell about 150 metres", "after
  30 hours of deliberation", "in hospital for three weeks"), read as *anchors*: two figures
  measure the same thing only when they share one;
- a clock time to the same anchors and its time zone ("14:20 local time" is not "10:50 GMT"),
  and a time into a round ("44 seconds into the seventh round", "the 2:15 mark").

A restatement in brackets ("600 metres (2,000 feet)") is the same figure converted and is not
read twice. Offsets ("nine days ago", "two hours later", "12 days after the shooting") say
when, not how long: they are read apart, as kind ``offset``, by ``offsets()``. Deadlines
("within 60 days") are left out, like modifiers that name a kind of thing rather than the
event's measure ("a 15-year veteran", "a 24-hour strike").
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsbrief.text.numbers import Figure
from newsbrief.text.tokens import STOPWORDS

_WORD_VALUES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "sixty": 60, "ninety": 90, "hundred": 100, "a dozen": 12}  # fmt: skip
_NUMBER = r"\d{1,3}(?:,\s?\d{3})+|\d+(?:\.\d+)?|" + "|".join(
    sorted(_WORD_VALUES, key=len, reverse=True)
)
# Each unit in the base unit of its kind.
_UNITS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(("metre", "metres", "meter", "meters", "m"), ("distance", 1.0)),
    **dict.fromkeys(
        ("kilometre", "kilometres", "kilometer", "kilometers", "km"), ("distance", 1000.0)
    ),
    **dict.fromkeys(("foot", "feet", "ft"), ("distance", 0.3048)),
    **dict.fromkeys(("mile", "miles"), ("distance", 1609.344)),
    **dict.fromkeys(("second", "seconds"), ("duration", 1.0)),
    **dict.fromkeys(("minute", "minutes"), ("duration", 60.0)),
    **dict.fromkeys(("hour", "hours"), ("duration", 3600.0)),
    **dict.fromkeys(("day", "days"), ("duration", 86400.0)),
    **dict.fromkeys(("week", "weeks"), ("duration", 604800.0)),
    **dict.fromkeys(("month", "months"), ("duration", 2629800.0)),
    **dict.fromkeys(("kg", "kilogram", "kilograms", "kilo", "kilos"), ("weight", 1.0)),
    **dict.fromkeys(("pound", "pounds", "lb", "lbs"), ("weight", 0.45359237)),
    **dict.fromkeys(("ton", "tons", "tonne", "tonnes"), ("weight", 1000.0)),
    # Speeds in kilometres an hour: "120 mph", "193 kph" (and "193km/h", "120 miles an hour",
    # read from a distance followed by "/h" or "an hour" by lengths()).
    "mph": ("speed", 1.609344),
    **dict.fromkeys(("kph", "kmh"), ("speed", 1.0)),
}
# One spelling per unit: a duration is compared only with one written in the same unit ("four
# days" of deliberation are calendar days, "30 hours" the hours spent).
_SINGULAR = {word: word.rstrip("s") for word in _UNITS if word.endswith("s") and len(word) > 3}
_SINGULAR.update({"feet": "foot", "meters": "metre", "meter": "metre", "metres": "metre",
                  "kilometers": "kilometre", "kilometer": "kilometre", "kilometres": "kilometre",
                  "km": "kilometre", "ft": "foot", "lb": "pound", "lbs": "pound", "kg": "kilogram",
                  "kilo": "kilogram", "kilos": "kilogram", "kilograms": "kilogram",
                  "m": "metre", "tonnes": "tonne", "tons": "ton", "kmh": "kph"})  # fmt: skip
# "193km/h", "120 miles an hour", "60 kilometres per hour": a distance an hour is a speed.
_PER_HOUR_AFTER = re.compile(r"^\s*(?:/\s*h\b|per hour\b|an hour\b)", re.IGNORECASE)
_UNIT_WORDS = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_QUALIFIER = (
    r"(?P<q>about|around|roughly|approximately|some|nearly|almost|no more than|not more than|"
    r"no less than|not less than|more than|over|at least|less than|under|just over|just under|"
    r"a little more than|up to)?\s*"
)
_MEASURE = re.compile(
    r"(?<![\w$€£.,:/-])" + _QUALIFIER + r"(?P<n>" + _NUMBER + r")"
    r"(?:\s?|-)(?P<u>" + _UNIT_WORDS + r")\b(?P<tail>[\s-]*(?:[\w']+)?)",
    re.IGNORECASE,
)
# "the 600-metre dhow", "a 24-hour strike", "a 15-year veteran": modifiers of a noun name a
# kind of thing; the duration of the event is written "for three hours", "three hours of".
_MODIFIED_NOUNS = frozenset(
    "veteran member career history old strike walkout shift contract deal sentence stint "
    "program programme period run tour trip plan limit ban window break".split()
)
# "nine days ago", "two hours later": when, not how long.
_OFFSET_AFTER = re.compile(
    r"^\s*(?:ago|earlier|later|before|after|prior|since|from now|away|into|in|to go|to play|"
    r"left|remaining|of (?:the|his|her|their)\b)",
    re.IGNORECASE,
)
# "15 miles north of Detroit", "58km south-west of Bandar Abbas": where, not how far.
_PLACE_AFTER = re.compile(
    r"^\s*(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west|off|outside|away)\b|^\s*from\s+(?:the\s+)?(?-i:[A-Z])",
    re.IGNORECASE,
)
_RANGE_BEFORE = re.compile(r"(?P<n0>\d+(?:\.\d+)?)-?\s*(?:to|-|–)\s*$")
_DEADLINE_BEFORE = re.compile(
    r"\b(?:within|in the next|(?:will|would|to)\s+\w+(?:\s+\w+)?\s+in)\s*$"
)
_PER_AFTER = re.compile(r"^\s*(?:a|per|an|each|every)\s+(?:day|week|month|hour|year|minute)\b")
_BRACKET_BEFORE = re.compile(r"[(/]\s*$")
_APPROX = {"about": 0.1, "around": 0.1, "roughly": 0.1, "approximately": 0.1, "some": 0.1,
           "nearly": 0.1, "almost": 0.1}  # fmt: skip
_LOWER_BOUNDS = ("more than", "over", "at least", "just over", "a little more than",
                 "no less than", "not less than")  # fmt: skip
_UPPER_BOUNDS = ("less than", "under", "just under", "up to", "no more than", "not more than")
# Words that say nothing about what is measured.
_FILLER = STOPWORDS | {
    "about", "around", "roughly", "approximately", "some", "nearly", "almost", "more", "than",
    "over", "least", "less", "under", "just", "little", "up", "for", "after", "within", "during",
    "past", "last", "next", "first", "total", "another", "said", "says", "told", "according",
    "police", "officials", "reported", "reports", "also", "then", "still", "only", "local",
    "time", "hours", "hour", "minutes", "people", "man", "woman", "who", "which", "when",
}  # fmt: skip
# One name for one thing: inflections cut to a prefix, a few irregular and synonymous words.
# A shooting is named many ways: a gunman "opened fire about 10 a.m.", witnesses heard "sounds
# of gunfire around 10:30", "the shooting occurred at 3:10" (a blaze's fire is another thing).
_SAME = {"fell": "fall", "fallen": "fall", "falling": "fall", "falls": "fall",
         "earthquake": "quake", "quake": "quake", "temblor": "quake", "tremor": "quake",
         "blaze": "fire", "fire": "fire", "gunfire": "shoot", "gunshot": "shoot",
         "gunshots": "shoot", "shooting": "shoot", "shootings": "shoot",
         "blast": "explo", "explosion": "explo",
         "bomb": "explo", "hospitalised": "hospi", "hospitalized": "hospi"}  # fmt: skip
ANCHOR_WINDOW = 6  # words either side of a figure that can say what it measures


def anchor(word: str) -> str:
    """A word reduced to what it names: "deliberated", "deliberation" -> "delib"."""
    low = word.lower()
    if low in _SAME:
        return _SAME[low]
    for suffix in ("ations", "ation", "ings", "ing", "ed", "es", "s"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 4:
            low = low[: -len(suffix)]
            break
    return low[:5]


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*|[,;:()\u2013\u2014]|\d[\d,.:]*")
_BREAK = frozenset(",;:()\u2013\u2014")


# "opened fire": a shooting, not a blaze.
_OPENED_FIRE = re.compile(r"\bopen(?:s|ed|ing)?\s+fire\b", re.IGNORECASE)


def _anchors(sentence: str, start: int, end: int) -> frozenset[str]:
    """Content words of the figure's clause, a few either side."""
    before = _TOKEN.findall(_OPENED_FIRE.sub("shooting", sentence[max(0, start - 80) : start]))
    after = _TOKEN.findall(_OPENED_FIRE.sub("shooting", sentence[end : end + 80]))
    words: list[str] = []
    for token in reversed(before):
        if token in _BREAK or len(words) >= ANCHOR_WINDOW:
            break
        words.append(token)
    for count, token in enumerate(after):
        if token in _BREAK or count >= ANCHOR_WINDOW:
            break
        words.append(token)
    return frozenset(
        anchor(w)
        for w in words
        if w[:1].isalpha() and w[:1].islower() and w.lower() not in _FILLER
        and w.lower() not in _UNITS and len(w) > 2
    )  # fmt: skip


def _value(text: str) -> float:
    low = text.lower()
    if low in _WORD_VALUES:
        return float(_WORD_VALUES[low])
    return float(re.sub(r"[,\s]", "", text))


def _interval(value: float, qualifier: str) -> tuple[float, float]:
    q = qualifier.lower()
    if q in _LOWER_BOUNDS:
        return value, float("inf")
    if q in _UPPER_BOUNDS:
        return 0.0, value
    spread = _APPROX.get(q, 0.0)
    if q in ("nearly", "almost"):
        return value * (1 - spread), value
    return value * (1 - spread), value * (1 + spread)


def lengths(sentence: str) -> list[Figure]:
    """Distances, durations and weights, each in its base unit, with its anchors."""
    out = []
    for match in _MEASURE.finditer(sentence):
        unit = match.group("u").lower()
        kind, factor = _UNITS[unit]
        start, end = match.start("n"), match.end("u")
        after = sentence[end:]
        per_hour = _PER_HOUR_AFTER.match(after)
        if kind == "distance" and per_hour:
            kind, factor = "speed", factor / 1000.0  # in kilometres an hour
            unit = "mph" if factor > 1.5 else "kph"
            end += per_hour.end()
            after = sentence[end:]
        tail_word = (match.group("tail") or "").strip(" -").lower()
        hyphenated = sentence[match.end("n") : match.start("u")] == "-"
        if hyphenated and tail_word in _MODIFIED_NOUNS:
            continue  # "a 15-year veteran", "a 24-hour strike"
        if tail_word in ("old",):
            continue  # "30 years old": an age
        if kind == "duration" and (_OFFSET_AFTER.match(after) or _PER_AFTER.match(after)):
            continue
        if kind == "duration" and _DEADLINE_BEFORE.search(sentence[: match.start()]):
            continue  # "will take effect in about 30 days", "within 60 days": when, not how long
        if _BRACKET_BEFORE.search(sentence[max(0, match.start() - 3) : match.start()]):
            continue  # "600 metres (2,000 feet)": the same figure converted
        if unit in ("m", "ft", "km", "kg", "lb", "lbs") and re.search(
            r"[$€£]\s?$", sentence[:start]
        ):
            continue  # "£1.7m": money
        if unit == "m" and not re.match(r"\d", match.group("n")):
            continue
        if kind == "distance" and _PLACE_AFTER.match(after):
            continue
        # "eight days of riots": a span counted up to the report's day, a running count that
        # grows from one report to the next
        running = kind == "duration" and bool(re.match(r"^\s+of\b", after)) and factor >= 86400
        value = _value(match.group("n"))
        low, high = _interval(value * factor, match.group("q") or "")
        if re.fullmatch(r"\d+", match.group("n")):
            low, high = low - 0.5 * factor, high + 0.5 * factor  # written to the unit
        low = max(low, 0.0)  # "up to 120 mph": anything from nothing
        bounds = _RANGE_BEFORE.search(sentence[max(0, match.start() - 12) : match.start()])
        if bounds and not match.group("q"):
            low = float(bounds.group("n0")) * factor  # "a 24- to 30-foot dhow"
        anchors = _anchors(sentence, match.start(), end)
        if not anchors:
            continue  # nothing says what it measures
        out.append(
            Figure(kind, low, high, sentence[match.start() : end].strip(), start, end,
                   unit=_SINGULAR.get(unit, unit), role="running" if running else kind,
                   context=anchors, unit_word=unit)
        )  # fmt: skip
    return out


# "nine days earlier", "almost three weeks ago", "12 days after the shooting": how long before
# or after something the event happened.
_OFFSET = re.compile(
    r"(?<![\w$€£.,:/-])"
    + _QUALIFIER
    + r"(?P<n>\d{1,3}|a|an|"
    + "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
    + r")\s+(?P<u>hours?|days?|weeks?|"
    r"months?)\s+(?P<dir>ago|earlier|before|prior|later|after)\b",
    re.IGNORECASE,
)
_OFFSET_ROLES = {
    "ago": "offset-ago",
    "earlier": "offset-ago",
    "later": "offset-after",
    "after": "offset-after",
    "before": "offset-before",
    "prior": "offset-before",
}
REPORT_SPREAD = 1.5 * 86400.0  # reports of one story are written within a day or two


def offsets(sentence: str) -> list[Figure]:
    """How long ago or how long before or after something an event happened, in seconds,
    with its anchors. "Ago" and "earlier" count back from when the report was written, which
    differs between reports by a day or two: their values are widened by that much."""
    out = []
    for match in _OFFSET.finditer(sentence):
        number = match.group("n").lower()
        value = 1.0 if number in ("a", "an") else _value(number)
        unit = match.group("u").lower()
        factor = _UNITS[unit][1]
        low, high = _interval(value * factor, match.group("q") or "")
        low, high = low - 0.5 * factor, high + 0.5 * factor  # written to the unit
        role = _OFFSET_ROLES[match.group("dir").lower()]
        if role == "offset-ago":
            low, high = low - REPORT_SPREAD, high + REPORT_SPREAD
        anchors = _anchors(sentence, match.start(), match.end())
        lead = re.match(r"\s*,", sentence[match.end() :])
        if not anchors and lead:  # "Less than two weeks later, Timmons was arrested"
            anchors = _anchors(sentence, match.start(), match.end() + lead.end())
        if not anchors:
            continue
        out.append(
            Figure("offset", max(low, 0.0), high, match.group(0).strip(), match.start("n"),
                   match.end(), role=role, context=anchors, unit_word=unit)
        )  # fmt: skip
    return out


_CLOCK = re.compile(
    r"(?<![\w:.$])(?P<q>(?:at\s+)?(?:about|around|shortly (?:before|after)|just (?:before|after)|"
    r"approximately|some)\s+)?"
    # "3:10 p.m.", and as copied text spaces it, "3: 10 p. m."
    r"(?:(?P<h>\d{1,2})(?:[:.]\s?(?P<m>\d{2}))?\s?(?P<ap>a\.\s?m\.|p\.\s?m\.|am\b|pm\b)|"
    r"(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])|(?P<word>noon|midnight))"
    r"(?P<zone>\s*(?:hours\s+)?(?:local time|GMT|UTC|BST|IST|EST|EDT|PST|PDT|CST|ET|PT)\b)?",
    re.IGNORECASE,
)
_LEFT_AFTER = re.compile(r"^\s+(?:left|remaining|to go|to play)\b", re.IGNORECASE)
# "extinguished by 7 a.m.", "on the scene until 5 a.m.": when something was over by, not the
# moment it happened; compared only with other such times. "Cast their ballots as of 4 p.m.":
# the time a running count was taken, no moment of the event at all.
_BY_BEFORE = re.compile(r"\b(?:by|until|till|no later than)\s*$", re.IGNORECASE)
_AS_OF_BEFORE = re.compile(r"\bas of\s*$", re.IGNORECASE)


_MARK_AFTER = re.compile(r"^\s*mark\b", re.IGNORECASE)
_ELAPSED = re.compile(
    r"\b(?P<s>\d{1,2}|" + "|".join(sorted(_WORD_VALUES, key=len, reverse=True)) + r")\s+seconds?"
    r"\s+into\b|\bthe\s+(?P<m>\d{1,2}):(?P<ss>[0-5]\d)\s*mark\b",
    re.IGNORECASE,
)


def elapsed_times(sentence: str) -> list[Figure]:
    """How far into a round or period something happened, as sports reports write it: "44
    seconds into the seventh round", "at the 2:15 mark", in seconds."""
    out = []
    for match in _ELAPSED.finditer(sentence):
        if match.group("s"):
            seconds = _value(match.group("s"))
            shown = f"{match.group('s')} seconds"
        else:
            seconds = int(match.group("m")) * 60.0 + int(match.group("ss"))
            shown = f"{match.group('m')}:{match.group('ss')}"
        anchors = _anchors(sentence, match.start(), match.end())
        if anchors:
            out.append(
                Figure("clock", seconds, seconds, shown, match.start(), match.end(),
                       role="clock-elapsed", context=anchors, unit_word="time")
            )  # fmt: skip
    return out


def clock_times(sentence: str) -> list[Figure]:
    """Times of day ("at 5:11 p.m. local time", "17:06", "around noon") in minutes after
    midnight, and game clocks ("with 7:41 left"), with their anchors and time zone."""
    out = []
    for match in _CLOCK.finditer(sentence):
        if _BRACKET_BEFORE.search(sentence[max(0, match.start() - 3) : match.start()]):
            continue  # "17:06 local time (13:36 GMT)": the same time elsewhere
        left = bool(match.group("h24")) and bool(_LEFT_AFTER.match(sentence[match.end() :]))
        if match.group("h24") and _MARK_AFTER.match(sentence[match.end() :]):
            continue  # "the 2:15 mark": a time into a round, read by elapsed_times()
        minutes = _minutes(match)
        if minutes is None:
            continue
        before = sentence[max(0, match.start() - 20) : match.start()]
        if _AS_OF_BEFORE.search(before):
            continue
        bound = bool(_BY_BEFORE.search(before))
        qualifier = (match.group("q") or "").lower()
        low, high = float(minutes), float(minutes)
        if "before" in qualifier:
            low = minutes - 30.0
        elif "after" in qualifier:
            high = minutes + 30.0
        elif qualifier.strip() and qualifier.strip() != "at":
            low, high = minutes - 10.0, minutes + 10.0
        elif minutes % 30 == 0 and not left:
            low, high = minutes - 5.0, minutes + 5.0  # "3:30 a.m." is often 3:33 rounded
        elif minutes % 5 == 0 and not left:
            low, high = minutes - 2.5, minutes + 2.5  # "8.40am" may be 8.39 rounded
        if bound:
            low = 0.0  # "extinguished by 7 a.m.": at any time before it
        zone = (match.group("zone") or "").strip().lower().replace("hours", "").strip()
        zone = "" if zone == "local time" else zone
        anchors = _anchors(sentence, match.start(), match.end())
        lead = re.match(r"\s*,", sentence[match.end() :])
        if not anchors and lead:  # "Starting at about 8 p.m., nearly 100 people set off"
            anchors = _anchors(sentence, match.start(), match.end() + lead.end())
        if left:
            anchors = anchors | {"clock-left"}
        if not anchors:
            continue
        out.append(
            Figure("clock", low, high, match.group(0).strip(), match.start(), match.end(),
                   unit=zone, role="clock-left" if left else "clock-by" if bound else "clock",
                   context=anchors,
                   unit_word="time")
        )  # fmt: skip
    return out


def _minutes(match: re.Match[str]) -> int | None:
    if match.group("word"):
        return 720 if match.group("word").lower() == "noon" else 0
    if match.group("h24") is not None:
        return int(match.group("h24")) * 60 + int(match.group("m24"))
    hour = int(match.group("h"))
    if not 1 <= hour <= 12:
        return None
    pm = match.group("ap").lower().startswith("p")
    return (hour % 12 + (12 if pm else 0)) * 60 + int(match.group("m") or 0)


_NAME = r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}"
# An age in digits or spelled out, as a headline or a sentence's first word writes it:
# "Sixty-year-old Sharron Smith", "a twenty-two-year-old student".
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_UNITS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9}  # fmt: skip
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_AGE_NUMBER = (
    r"\d{1,3}|(?i:(?:"
    + "|".join(_TENS)
    + r")(?:-(?:"
    + "|".join(_UNITS_WORDS)
    + r"))?|"
    + "|".join(sorted(_TEENS, key=len, reverse=True))
    + ")"
)


def age_value(text: str) -> float:
    """An age as written: "61", "Sixty", "twenty-two"."""
    if text.isdigit():
        return float(text)
    parts = text.lower().split("-")
    return float(_TENS.get(parts[0], 0) + _TEENS.get(parts[0], 0) + sum(
        _UNITS_WORDS.get(p, 0) for p in parts[1:]))  # fmt: skip


# "31-year-old Robert Buckley", "the 36-year-old champion Klitschko", "a 15-year-old boy,
# Alexandros Grigoropoulos": an age, the words that say who it is, and a name.
_AGE_BEFORE_NAME = re.compile(
    r"(?<![\w.])(?P<n>" + _AGE_NUMBER + r")[- ]years?[- ]old\s+"
    r"(?P<noun>(?:[a-z][\w'’\-]*\s+){0,2}(?:[a-z][\w'’\-]*,\s+)?)(?P<who>" + _NAME + ")"
)
_AGE_AFTER_NAME = re.compile(
    r"(?P<who>" + _NAME + r"),\s+(?:age\s+|aged\s+)?(?P<n>\d{1,3})"
    r"(?=\s*(?:,|;|$|\.|\band\b|\)))"
)
# "a 60-year-old woman", "the 36-year-old driver": an age and the word that says who.
_AGE_OF_NOUN = re.compile(
    r"(?<![\w.])(?P<n>" + _AGE_NUMBER + r")[- ]years?[- ]old,?\s+"
    r"(?P<noun>(?:[a-z][\w'’\-]*,?\s+){0,2}[a-z][\w'’\-]*)"
)
# Words that name a person by what they are. An age next to one of them is that person's.
PERSON_NOUNS = frozenset(
    """woman man boy girl teen teenager youth child baby son daughter mother father grandmother
    grandfather mom dad wife husband brother sister driver motorist pedestrian cyclist victim
    suspect gunman shooter attacker robber actress actor singer star climber hiker skier
    student officer policeman soldier protester worker resident passenger pilot player coach
    patient pensioner retiree""".split()
)
# "Raj Chohan, a 59-year-old grandmother", "the woman, identified as Sharron Smith, 61,":
# a name and the word that says who it is, side by side.
_NOUN_BEFORE_NAME = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z][\w'’\-]*\s+){0,2}(?P<noun>[a-z]+)\s*,\s*"
    r"(?:(?:identified|named)\s+(?:as\s+)?)?$"
)
_NAME_BEFORE_AGE = re.compile(r"(?P<who>" + _NAME + r"),\s+(?:a|an|the)\s+$")
_NOT_PEOPLE = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december jan feb mar apr jun jul aug sep sept "
    "oct nov dec week interstate route highway".split()
)


def _person_noun(words: str) -> str:
    """The last word of the words before a name, when it names a person ("champion" does
    not, "protester" does): "woman" for "elderly woman"."""
    tokens = words.split()
    last = tokens[-1].rstrip(",").lower() if tokens else ""
    return last if last in PERSON_NOUNS else ""


def ages(sentence: str) -> list[Figure]:
    """Ages tied to who they are the age of: "Robert Buckley, 32," and "31-year-old Robert
    Buckley" are both ages of Buckley (unit ``buckley``); "a 60-year-old woman" is the age of
    the woman (unit ``~woman``), which a story's other reports may name. Each named age keeps
    the word that says who the person is ("~woman" in its context) so that a story can tell
    whose an unnamed age is."""
    out: list[Figure] = []
    taken: set[int] = set()
    for pattern in (_AGE_BEFORE_NAME, _AGE_AFTER_NAME):
        for match in pattern.finditer(sentence):
            surname = _surname(match.group("who"))
            value = age_value(match.group("n"))
            if not surname or not 0 < value < 120 or match.start("n") in taken:
                continue
            noun = _person_noun(match.groupdict().get("noun") or "")
            if not noun:
                before = _NOUN_BEFORE_NAME.search(sentence[max(0, match.start() - 60) :
                                                           match.start("who")])  # fmt: skip
                noun = (
                    before.group("noun") if before and before.group("noun") in PERSON_NOUNS else ""
                )
            taken.add(match.start("n"))
            # "Raj Chohan, 59, was killed": what is said of the person follows the age's comma.
            comma = re.match(r"\s*,", sentence[match.end() :])
            end = match.end() + (comma.end() if comma else 0)
            anchors = _anchors(sentence, match.start(), end) | _first_name(match.group("who"))
            out.append(_age(match, surname, surname, anchors | ({f"~{noun}"} if noun else set())))
    for match in _AGE_OF_NOUN.finditer(sentence):
        words = [w.lower().rstrip(",") for w in match.group("noun").split()]
        noun = next((w for w in words if w in PERSON_NOUNS), "")
        if match.start("n") in taken or not noun:
            continue
        value = age_value(match.group("n"))
        if not 0 < value < 120:
            continue
        named = _NAME_BEFORE_AGE.search(sentence[max(0, match.start() - 60) : match.start()])
        surname = _surname(named.group("who")) if named else ""
        noun_end = match.start("noun") + len(" ".join(words[: words.index(noun) + 1]))
        anchors = _anchors(sentence, match.start(), noun_end)
        if surname:  # "Raj Chohan, a 59-year-old grandmother"
            out.append(_age(match, surname, surname, anchors | {f"~{noun}"}))
        else:
            out.append(_age(match, f"~{noun}", f"the {noun}", anchors | {f"~{noun}"}))
    out.extend(f for f in _listed_ages(sentence) if f.start not in taken)
    return sorted(out, key=lambda f: f.start)


_TITLES = frozenset("mr mrs ms miss dr sir lord lady rev sgt cpl officer".split())


def _first_name(who: str) -> frozenset[str]:
    """The words before the surname of a full name, marked "^robert" (with whatever else is
    capitalised there: "^englishman"): two people of one surname (a suspect and his mother)
    are told apart by them."""
    given = [w.lower().rstrip(".") for w in who.split()[:-1]]
    return frozenset(f"^{w}" for w in given if w not in _TITLES)


# "two women -- 68 and 48-years-old", "who were 61 and 48 years old", "the victims, 68 and 48,":
# ages in a list, in the order of people the report does not name.
_AGE_LIST = r"(?P<list>\d{1,3}(?:\s*,\s*\d{1,3})*,?\s+and\s+\d{1,3})"
_LISTED_AGES = re.compile(
    _AGE_LIST + r"[- ]years?[- ]old\b|"
    r"\b(?:women|men|people|victims|children|brothers|sisters|girls|boys|teenagers|teens|"
    r"couple|pair)\s*(?:,|--|\u2013|\u2014|\(|aged|ages|who were)\s*(?:aged\s+)?"
    + _AGE_LIST.replace("list", "list2")
    + r"(?=\s*(?:,|--|\u2013|\u2014|\)|\.|;|$|years))"
)


def _listed_ages(sentence: str) -> list[Figure]:
    """Each age of a list, as the age of someone listed (unit ``~list``); the list's values
    are kept in the context ("@68") so that a story can tell, from the ages its other reports
    give by name, whose each one is."""
    out = []
    for match in _LISTED_AGES.finditer(sentence):
        group = "list" if match.group("list") else "list2"
        numbers = list(re.finditer(r"\d{1,3}", match.group(group)))
        values = [int(n.group()) for n in numbers]
        if not all(0 < v < 120 for v in values):
            continue
        anchors = _anchors(sentence, match.start(), match.end())
        listed = frozenset(f"@{v}" for v in values) | {"~list"}
        base = match.start(group)
        for number in numbers:
            start, end = base + number.start(), base + number.end()
            out.append(Figure("age", float(number.group()), float(number.group()), number.group(),
                              start, end, unit="~list", role="age",
                              context=anchors | listed, unit_word="the people listed"))  # fmt: skip
    return out


def _surname(who: str) -> str:
    words = who.split()
    surname = words[-1].strip("'’").lower() if words else ""
    if surname in _NOT_PEOPLE or surname in STOPWORDS or len(surname) < 3:
        return ""
    if not surname.replace("-", "").replace("'", "").replace("’", "").isalpha():
        return ""  # "IE6, 7, 8": a version, not a person
    return surname


def _age(match: re.Match[str], unit: str, label: str, context: frozenset[str]) -> Figure:
    value = age_value(match.group("n"))
    return Figure("age", value, value, match.group("n"), match.start("n"), match.end("n"),
                  unit=unit, role="age", context=context, unit_word=label)  # fmt: skip


# "temperatures of minus 17 degrees", "in minus-20 degree temperatures", "temperatures were
# minus 20", "-5C", "40 degrees Fahrenheit": the temperature at the scene, in its scale.
_TEMPERATURE = re.compile(
    r"(?<![\w.])(?P<sign>minus[- ]?|[-−])?(?P<n>\d{1,3}(?:\.\d)?)\s*(?:-?\s*degrees?\b|°|"
    r"(?P<c>C|F)\b)\s*(?P<scale>Celsius|Fahrenheit|centigrade|C\b|F\b)?|"
    r"\btemperatures?\s+(?:of|were|was|at|hit|reached|fell to|dropped to)\s+"
    r"(?P<sign2>minus[- ]?|[-−])?(?P<n2>\d{1,3})\b(?!\s*(?:-?\s*degrees?\b|°|[CF]\b))",
    re.IGNORECASE,
)
# A forecast's or a record's extremes are other temperatures than the one at the scene.
_NOT_AT_SCENE = re.compile(r"\b(?:high|low|average|record|forecast|expected)s?\b", re.IGNORECASE)


def temperatures(sentence: str) -> list[Figure]:
    """Temperatures a sentence gives as the weather of the event ("firefighters fought the
    blaze in temperatures of minus 17 degrees"), in the scale written (unit "c", "f" or "" when
    not said), to the degree; only in sentences that speak of a temperature."""
    if not re.search(r"temperature|degree|°|\d\s?[CF]\b", sentence, re.IGNORECASE):
        return []
    if _NOT_AT_SCENE.search(sentence) or not re.search(r"temperature|cold|heat|freez", sentence,
                                                       re.IGNORECASE):  # fmt: skip
        return []
    out = []
    for match in _TEMPERATURE.finditer(sentence):
        number = match.group("n") or match.group("n2")
        sign = match.group("sign") or match.group("sign2")
        value = float(number) * (-1 if sign else 1)
        scale = (match.group("scale") or match.group("c") or "").lower()[:1]
        anchors = _anchors(sentence, match.start(), match.end())
        if not anchors:
            continue
        out.append(
            Figure("temperature", value - 0.5, value + 0.5, match.group(0).strip(), match.start(),
                   match.end(), unit=scale, role="temperature", context=anchors,
                   unit_word="temperature")
        )  # fmt: skip
    return out


# Cheap first scans: most sentences hold no unit word, no time of day and no age.
_MAY_LENGTH = re.compile(r"(?:" + _UNIT_WORDS + r")\b", re.IGNORECASE)
_MAY_CLOCK = re.compile(r"\d[:.]\d\d|\d\s?[ap]\.?\s?m\b|\bnoon\b|\bmidnight\b", re.IGNORECASE)
_MAY_ELAPSED = re.compile(r"seconds? into|\d\s*mark\b", re.IGNORECASE)
_MAY_OFFSET = re.compile(r"\b(?:ago|earlier|later|before|after|prior)\b", re.IGNORECASE)
_MAY_AGE = re.compile(r"\d[- ]years?[- ]old|[A-Za-z],\s+(?:aged?\s+)?\d")


def measurements(sentence: str) -> list[Figure]:
    """Every age, distance, duration, weight and clock time of a sentence, in order."""
    return list(_measurements(sentence))


@lru_cache(maxsize=8192)
def _measurements(sentence: str) -> tuple[Figure, ...]:
    # Write-ups, key facts and conflicts read the same sentences of a story.
    found = []
    if _MAY_AGE.search(sentence):
        found += ages(sentence)
    if _MAY_LENGTH.search(sentence):
        found += lengths(sentence)
    if _MAY_CLOCK.search(sentence):
        found += clock_times(sentence)
    if _MAY_ELAPSED.search(sentence):
        found += elapsed_times(sentence)
    if _MAY_OFFSET.search(sentence):
        found += offsets(sentence)
    found += temperatures(sentence)
    return tuple(sorted(found, key=lambda f: f.start))
