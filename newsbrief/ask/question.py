"""What a question asks for, and whether a sentence holds that kind of thing.

A question asks for a kind of thing: a person or organisation (who), a time (when), a place
(where), an amount (how much), a count (how many), an age (how old), a duration (how long), a
reason (why), or, for "what" and "which" questions, the thing its focus noun names ("which
judge" asks for a person, "which street" for a place, "what score" for a figure). The names the
question gives (people, places, teams) say which event it is about. A sentence answers only if
it holds something of the asked kind that the question does not already say: a name other than
the question's own for "who", a date for "when", a figure with the asked-for noun for "how
many". Everything here is rules over the text; nothing is learned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsbrief.ask import local_answers
from newsbrief.text.numbers import figures
from newsbrief.text.tokens import STOPWORDS

_QUESTION_WORDS = frozenset(
    "who whom whose what which when where why how is was are were did does do has have had "
    "will would can could should".split()
)
_PERSON_NOUNS = frozenset(
    """person man woman boy girl teen teenager child player coach manager president chief
    judge lawyer attorney prosecutor officer policeman deputy detective sheriff spokesman
    spokeswoman spokesperson representative rep agent publicist director producer actor
    actress host driver doctor surgeon receiver lineman tackle quarterback back runner
    minister secretary governor mayor senator councilman councilwoman official executive
    executives ceo owner pastor priest inspector commander captain trooper suspect victim
    mother father son daughter brother sister wife husband witness writer author star singer
    climber gunman shooter killer boss leader member members nominee correspondent reporter
    teammate employee worker receptionist ex-girlfriend girlfriend boyfriend grandmother
    referee producers editor analyst candidate candidates""".split()
)
_PLACE_NOUNS = frozenset(
    """city town village country state province county island place street road avenue route
    highway hospital prison jail clinic center centre facility hotel store shop bank church
    stadium arena court courthouse school university campus airport port bivvy hut ridge
    mountain river region district neighborhood neighbourhood area building site cave temple
    park glacier station intersection square theatre theater waters precinct motel""".split()
)
PLACE_NOUNS = _PLACE_NOUNS
PERSON_NOUNS = _PERSON_NOUNS
_TIME_NOUNS = frozenset("date day year month time week hour season night".split())
_NUMBER_NOUNS = frozenset(
    """score record number total amount magnitude share percentage percent turnout toll
    level rate price cost sum age height distance speed value worth limit""".split()
)
# Nouns a question uses for people, places, times and figures: not verbs.
NOUNS = (
    _PERSON_NOUNS
    | _PLACE_NOUNS
    | _TIME_NOUNS
    | _NUMBER_NOUNS
    | frozenset(
        "fire blaze crash game fight election quake earthquake heist raid case trial".split()
    )
)
_MEASURES = {
    "big": "", "large": "", "high": "", "far": "", "strong": "", "severe": "", "fast": "",
    "tall": "", "deep": "", "heavy": "", "serious": "",
}  # fmt: skip
# What a measure question's figure is written in: "How far did he fall?" is answered by "2,000
# feet" or "half a kilometre", not by a sum of money or a share; "how far into the round" by a
# time ("44 seconds into the seventh round"). Not "how high": a toll, a turnout or an offer
# is asked that way as often as a height.
_LENGTH = (
    r"ft|feet|foot|inch(?:es)?|yards?|metres?|meters?|m|km|kilomet(?:re|er)s?|miles?|"
    r"nautical miles?"
)
_MEASURE_UNITS = {
    "far": _LENGTH, "deep": _LENGTH, "tall": _LENGTH,
    "fast": r"mph|km/h|kph|knots|miles (?:an|per) hour",
    "heavy": r"pounds?|lbs?|kg|kilos?|kilograms?|tons?|tonnes?|ounces?",
}  # fmt: skip
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WHEN = re.compile(
    rf"\b(?:(?:{_MONTH})\.?\s+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|yesterday|today|tonight|"
    r"last night|this morning|(?:19|20)\d\d|\d{1,2}\s?:\s?\d\d|\d{1,2}\s?(?:a\.?\s?m|p\.?\s?m)\b|"
    r"noon|midnight)\b",
    re.IGNORECASE,
)
# What "what time", "what year" and "what day" ask for.
_WHEN_UNITS = {
    "time": re.compile(
        r"\b(?:\d{1,2}\s?:\s?\d\d|\d{1,2}\s?(?:a\.?\s?m|p\.?\s?m)\b|noon|midnight)", re.I
    ),
    "year": re.compile(r"\b(?:19|20)\d\d\b"),
    # "In which month": a month's name ("in December"); "May" only written as a name
    "month": re.compile(
        r"\b(?:(?i:january|february|march|april|june|july|august|september|october|november|"
        r"december)|May)\b"
    ),
}
# Days, months and feasts: capitalised, yet times ("an office Christmas party"), never a
# person or a place that answers "who" or "where".
_CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec christmas easter thanksgiving halloween hanukkah ramadan eid""".split()
)
_AGE = re.compile(
    r"\b(\d{1,3})-year-old\b|\baged?\s+(?:of\s+)?(\d{1,3})\b|\bage of (\d{1,3})\b|"
    r"\b(\d{1,3}) years? old\b|\b(?:was|is|at|died at|dies at|dead at),?\s+(\d{1,3})\b|"
    r"[A-Z][a-z]+\.?,\s+(\d{1,3}),",
)
_DURATION = re.compile(
    r"\b(?:\d[\d,./ ]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"several|few|half)[\s-]+(?:and a half\s+)?(?:seconds?|minutes?|hours?|days?|nights?|"
    r"weeks?|months?|years?|decades?)\b(?!-old)",
    re.IGNORECASE,
)
# Amounts as other languages write them: scales and shares ("2,4 Mrd.", "400 миллиардов",
# "35 في المئة", "1万亿元", "0.5个百分点").
_LOCAL_AMOUNT = (
    r"mrd\.?|mio\.?|milliarden?|millionen?|prozent|milliards?|millions?|pour cent|"
    r"millones|mil millones|por ciento|miliardi|milioni|per cento|bilhões|milhões|por cento|"
    r"miljard|miljoen|procent|mld|mln|milyar|milyon|yüzde|млрд\.?|млн\.?|миллиард\w*|"
    r"миллион\w*|процент\w*|مليار|مليون|في المئة|في المائة|بالمئة|"
    r"万亿元?|亿元?|万元?|个百分点|百分点|兆円|億円|万円|円|元"
)
# A figure stands after a space, a sign or a Chinese or Japanese character ("降准0.5"), not
# inside a word.
_NUMBER = re.compile(
    r"(?<![.])(?<![^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff])(?:\$|€|£|e|p)?\.?\d[\d,.]*"
    rf"(?:\s?(?:%|percent|per cent|million|billion|m|bn|ft|feet|metres|meters|km|miles|mph|"
    rf"{_LOCAL_AMOUNT}))?|\b(?:one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|hundred|dozens?|hundreds|thousands)\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    rf"[$€£]|^[ep]\d|%|percent|per cent|million|billion|\bm$|bn$|\.\d|{_LOCAL_AMOUNT}", re.I
)
_TALLIES = frozenset({"score", "record", "tally", "result"})
_TALLY = re.compile(r"(?<![\d/-])\d{1,3}-\d{1,3}(?![\d/-])")
_REASON = re.compile(
    r"\b(?:because|due to|owing to|as a result|after|over|for|since|following|caused by|"
    r"reason|blamed|amid|so that|in order to|with an?|suffering from)\b",
    re.IGNORECASE,
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|into|to|from|on|outside|inside|off)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|northern|southern|"
    r"eastern|western|central|downtown|suburban|rural)\s+)?$",  # "in northeast Houston"
    re.IGNORECASE,
)
# A name at a sentence start described after a comma: "Collier, a 6-foot-7 lineman, ...",
# "Williams, 32, was ...".
_APPOSITION = re.compile(r",\s+(?:an?|the|\d{1,3},|who|whose|his|her)\s", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
_CAPITAL_RUN = re.compile(
    r"(?:[A-Z][A-Za-z0-9'’\-\.]*|[A-Z]{2,}|\d+[A-Za-z]*)(?:\s+(?:of|de|van|von|al|bin|the)?\s*"
    r"(?:[A-Z][A-Za-z0-9'’\-\.]*|\d+))*"
)


@dataclass(frozen=True)
class Question:
    text: str
    kind: str  # who, when, where, how much, how many, how old, how long, why, what, yes-no
    focus: tuple[str, ...] = ()  # lower-case nouns the answer is about: "judge", "crowd"
    names: tuple[str, ...] = ()  # names the question gives: "Lindsay Lohan", "Mount Cook"
    topic: tuple[str, ...] = ()  # what it asks about: "What did Merkel say about the heist?"
    which: bool = False  # "which X" or "what X": the answer is picked out by X
    words: frozenset[str] = field(default_factory=frozenset)  # every lower-case word of it
    measure: str = ""  # "far" of "How far did he fall?": the unit of the figure asked for


def _lower_words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


singular = _singular

_FUNCTION = frozenset(
    """the a an of in on at to for by with from and or as its their his her than that this
    these those near about after before during since until into over under against between
    within without through""".split()
)
_AUX = frozenset("is was are were did do does has have had will would can could be been".split())
_AUX_RE = "did|does|do|is|was|are|were"
_VERBS = frozenset(
    """said saw fell went ran gave got made took left came won lost shot hit told wrote became
    sold bought paid put set led kept held found began broke chose say see fall go run give
    take come win shoot tell write become sell buy pay keep hold find begin break choose
    """.split()
)
_DETERMINERS = frozenset("other another same first second last new".split())


@lru_cache(maxsize=1024)
def analyse(question: str) -> Question:
    """The kind of thing a question asks for, its focus nouns and the names it gives."""
    text = " ".join(question.split())
    tokens = [t.replace("’", "'") for t in _WORD.findall(text)]
    kind, focus = _kind(text.lower(), tokens)
    about = re.search(r"\babout (.+?)[?.!]*$", text, re.IGNORECASE)
    topic = (
        [w for w in _lower_words(about.group(1)) if w not in STOPWORDS and w not in _FUNCTION]
        if about
        else []
    )
    return Question(
        text=text, kind=kind, focus=tuple(focus), names=tuple(question_names(text)),
        topic=tuple(topic),
        which=bool(re.match(rf"^(?:\w+ )?(?:which|what) (?!{_AUX_RE})", text.lower())),
        words=frozenset(p for t in tokens for p in [t.lower(), *t.lower().split("-")] if p),
        measure=_measure(text.lower()),
    )  # fmt: skip


def _measure(low: str) -> str:
    """The measure a "how far", "how fast", "how deep" question asks, when the reports write
    it in units of its own."""
    match = re.match(r"^how (\w+)\b", low)
    return match.group(1) if match and match.group(1) in _MEASURE_UNITS else ""


def _is_name(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def _phrase(tokens: list[str]) -> list[str]:
    """The lower-case words of the noun phrase that ``tokens`` start with ("treatment center"
    of "treatment center did Tara..."); names inside it are passed over, role words kept
    ("Interior Secretary" gives "secretary")."""
    out: list[str] = []
    for token in tokens:
        low = token.lower()
        if low in _AUX or low in _QUESTION_WORDS:
            break
        if out and (low in _VERBS or (low.endswith("ed") and len(low) > 4)):
            break  # "which judge sentenced": the verb ends the noun phrase
        if low in _FUNCTION or low in _DETERMINERS:
            if out:
                break
            continue
        if _is_name(token) and low not in _PERSON_NOUNS | _PLACE_NOUNS:
            if out and not out[-1].endswith("'s"):
                break
            continue
        out.append(low)
        if len(out) == 4:
            break
    return out


# Not "with": "With how much time left" asks for a clock time, not an amount.
_LEADING = frozenset("for in to by within until through from".split())


def _kind(low: str, tokens: list[str]) -> tuple[str, list[str]]:
    if len(tokens) > 2 and tokens[0].lower() in _LEADING and tokens[1].lower() == "how":
        # "For how long", "In how many days", "By how much": asked as "how long" is
        return _kind(low.split(" ", 1)[1], tokens[1:])
    words = [t.lower() for t in tokens]
    first = words[0] if words else ""
    second = words[1] if len(words) > 1 else ""
    if first == "how":
        if second in ("many", "much"):
            focus = _phrase(tokens[2:])
            # "How many days": a duration; "how many times": a count
            if focus and _singular(focus[0]) in _TIME_NOUNS and focus[0] != "times":
                return "how long", focus
            return f"how {second}", focus
        if second == "old":
            # "How old was John Jenkin's ex-girlfriend?": the person asked about by role
            rest = tokens[2:]
            if rest and rest[0].lower() in _AUX:
                rest = rest[1:]
            return "how old", [w for w in _phrase(rest) if _singular(w) in _PERSON_NOUNS]
        if second == "long":
            return "how long", _phrase(tokens[2:])
        if second in _MEASURES:
            # "How big was the crowd": the crowd is counted; "How far did the climber fall":
            # a distance, whatever the subject
            rest = tokens[2:]
            if rest and rest[0].lower() in _AUX:
                rest = rest[1:]
            return "how much", _phrase(rest) if second in ("big", "large") else []
        return "what", _phrase(tokens[1:])  # "how did X beat Y": a manner, said in words
    if first in ("who", "whom", "whose"):
        # "Who was the referee", "Whose record": the role or thing the answer is named by
        rest = tokens[1:]
        if first == "who" and rest and rest[0].lower() in _AUX:
            rest = rest[1:]
        if first == "whose" or (rest and rest[0].lower() in ("the", "a", "an")):
            return "who", _phrase(rest)
        return "who", []
    unit = re.match(
        r"^(?:on|in|at|by|until|for|from|since|through)? ?"
        r"(?:what|which) (date|day|year|time|month)\b",
        low,
    )
    if unit:
        return "when", [unit.group(1)]  # "At what time": a clock time answers, not a day
    if first == "when":
        return "when", []
    if first == "where":
        return "where", []
    if first == "why":
        return "why", []
    match = re.match(r"^(?:(?:in|at|on|from|to|for|by|under|near|between) )?(?:which|what)\b", low)
    if match:
        start = len(_WORD.findall(match.group(0)))
        rest = tokens[start:]
        if rest and rest[0].lower() in _AUX:
            rest = rest[1:]  # "what was the blood alcohol level", "what did X say"
        focus = _phrase(rest)
        head = _singular(focus[-1].split("-")[-1]) if focus else ""
        located = low.startswith(("in ", "at ", "on ", "near ", "from ", "to "))
        if head in _PERSON_NOUNS or focus[-1:] == ["lead"]:
            return "who", focus
        if head in _PLACE_NOUNS and located:
            return "where", focus
        if head in _TIME_NOUNS and located:
            return "when", focus
        if head == "age":
            return "how old", []  # "At what age did she die?"
        if head in _NUMBER_NOUNS:
            return "how much", focus
        return "what", focus
    if first in _AUX:
        return "yes-no", []
    return "what", []


def question_names(text: str) -> list[str]:
    """Capitalised runs of a question, but for its first word: "Lindsay Lohan", "Mount Cook"."""
    body = text.split(" ", 1)[1] if " " in text else ""
    out: list[str] = []
    for match in _CAPITAL_RUN.finditer(body):
        name = match.group(0).strip(" .")
        tokens = [t for t in _lower_words(name) if t not in STOPWORDS]
        # "Saturday's protests": a day written as an owner is still a day, not a name
        tokens = [t for t in tokens if re.sub(r"'s?$", "", t) not in _CALENDAR]
        tokens = [t for t in tokens if not t.isdigit()]
        # "the Klitschko-Rahman fight" names two
        parts = [p for t in tokens for p in (t.split("-") if "-" in t and t[0].isalpha() else [t])]
        if "-" in name and all(p[:1].isupper() for p in name.split("-") if p):
            out.extend(p for p in parts if p not in STOPWORDS)
        elif tokens:
            out.append(" ".join(tokens))
    return out


# what a sentence holds -------------------------------------------------------------------

Span = tuple[int, int]  # character offsets of a candidate answer in a sentence
NOUN_WINDOW = 4  # words between a figure and the noun it counts


# Things a "what X" or "which X" question asks for that are known by their names: a car is
# answered by "a Toyota Camry", not by a sentence that says "car"; a gang by "the Avenues".
_NAMED_THINGS = frozenset(
    """car vehicle truck suv van pickup motorcycle model brand make team club company firm
    studio network channel newspaper magazine film movie show series book novel song album
    gang party ship vessel warship boat airline bulletin software browser""".split()
)


def names_a_thing(question: Question) -> bool:
    """The question asks for a thing known by its name: "What car", "Which studio"."""
    if question.kind != "what" or not question.which or not question.focus:
        return False
    return _singular(question.focus[-1].split("-")[-1]) in _NAMED_THINGS


_VEHICLES = frozenset("car vehicle truck suv van pickup motorcycle".split())
# A vehicle is named as a thing one has or is hit by: "his Bentley", "a grey 2013 Toyota Camry".
_HAD = re.compile(r"\b(?:an?|his|her|their|its)\s+(?:[a-z]+\s+|\d{4}\s+){0,2}$")


def _thing_names(sentence: str, question: Question) -> list[Span]:
    """Names of the sentence that can be the thing asked for: for a vehicle, one written as a
    thing someone has ("his GMC Sierra"), not a person's name beside the word "car"."""
    found = [span for span, _ in _new_names(sentence, question)]
    if _singular(question.focus[-1]) in _VEHICLES:
        found = [s for s in found if _HAD.search(sentence[max(0, s[0] - 30) : s[0]])]
    return found


def holds_answer(sentence: str, question: Question) -> bool:
    """Whether the sentence holds a thing of the kind the question asks for, one the question
    does not already say."""
    if names_a_thing(question):
        return bool(_thing_names(sentence, question))
    if asks_a_name(question):
        # "What was the name of the family's dog?": a name answers ("named Fenn"), not a
        # sentence that only speaks of the dog
        return bool(_new_names(sentence, question))
    return question.kind in ("what", "yes-no") or bool(answer_spans(sentence, question))


def asks_a_name(question: Question) -> bool:
    """The question asks what something is called: "What was the name of ...?"."""
    return question.kind == "what" and bool(question.focus) and question.focus[0] == "name"


def answer_spans(sentence: str, question: Question) -> list[Span]:
    """Where the sentence holds things of the asked-for kind: names for "who", dates for
    "when", places for "where", figures beside the asked-for noun for "how many" and "how
    much", ages, durations, reasons; for "what" and yes-or-no questions, the focus nouns.
    A value the question itself states is no answer to it."""
    found = _typed_spans(sentence, question)
    if not found:
        return found
    given = given_values(question.text)
    if given:
        found = [s for s in found if _value(sentence[s[0] : s[1]]) not in given]
    if question.kind == "when" and not _asks_about_saying(question):
        found = [s for s in found if not reporting_time(sentence, s)]
    return found


def _value(text: str) -> str:
    """A written value reduced to its letters and digits: "Dec. 14" and "dec 14" are one."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


@lru_cache(maxsize=1024)
def given_values(question: str) -> frozenset[str]:
    """The dates, times and figures a question states ("in their 20-13 loss", "the December
    14 election"): the answer is another value, not one of these."""
    values = {_value(m.group(0)) for m in _WHEN.finditer(question)}
    for match in _NUMBER.finditer(question):
        values.add(_value(match.group(0)))
        values.update(re.findall(r"\d+", match.group(0)))  # "20-13" states 20 and 13
    return frozenset(v for v in values if v)


# Verbs of telling: a day written right after one is when the report was made ("ITAR-TASS
# reported September 26", "police said Tuesday"), not when the asked event happens.
_SAYING = frozenset(
    """said says say reported reports report announced announces told tells added confirmed
    stated citing cited according""".split()
)
SAYING_WINDOW = 2  # words between a verb of telling and the day it is dated by


def reporting_time(sentence: str, span: Span) -> bool:
    """The date or time at ``span`` dates the telling: a verb of telling stands within two
    words before it ("reported September 26", "said on Friday")."""
    before = _lower_words(sentence[: span[0]])[-SAYING_WINDOW:]
    return any(w in _SAYING for w in before)


def _asks_about_saying(question: Question) -> bool:
    """The question asks when something was said or announced: then the day of the telling
    is the answer."""
    return any(w in _SAYING or w in ("announce", "unveil", "unveiled") for w in question.words)


def _typed_spans(sentence: str, question: Question) -> list[Span]:
    kind = question.kind
    if kind == "who":
        found = [span for span, _ in _new_names(sentence, question)]
        found = [span for span in found if not _not_someone(sentence, span)]
        roles = _roles(question)
        if roles:  # "Which judge": a name the sentence gives that role ("Judge James Bodiford")
            found = [
                span
                for span in found
                if _beside_word(sentence, span, roles, ROLE_WINDOW)
                or _described_as(sentence, span, roles)
            ]
            owner = role_owner(question.text, roles)
            if owner:  # "the lawyer for the officers": not a lawyer for the family
                found = [s for s in found if not _role_of_another(sentence, s, roles, owner)]
        if question.text.lower().startswith("whose "):
            # "Whose record did he break?" asks for an owner: "Ford's 30-year-old mark"
            found = [span for span in found if possessive(sentence, span)]
        # The English rules first; another language's ways when they find nothing.
        return found or local_answers.spans(sentence, question.text, kind)
    if kind == "when":
        unit = _WHEN_UNITS.get(question.focus[-1]) if question.focus else None
        found = [m.span() for m in (unit or _WHEN).finditer(sentence)]
        return found or ([] if unit else local_answers.spans(sentence, question.text, kind))
    if kind == "where":
        found = _places(sentence, question) or local_answers.spans(sentence, question.text, kind)
        kinds = _place_kinds(question)
        if kinds and not kinds & {_singular(w) for w in _lower_words(sentence)}:
            return []  # "In which ice cave": a sentence that speaks of a cave, not a hut
        return found
    if kind == "how old":
        return [m.span() for m in _AGE.finditer(sentence)]
    if kind == "how long":
        found = [m.span() for m in _DURATION.finditer(sentence)]
        units = {_singular(f) for f in question.focus} & _TIME_NOUNS
        if units:  # "How many days": a duration in days ("a 90-day stay")
            found = [
                s
                for s in found
                if _singular(_lower_words(sentence[s[0] : s[1]])[-1].split("-")[-1]) in units
            ]
        return found
    if kind in ("how many", "how much"):
        return _figures_of(sentence, question)
    if kind == "why":
        return [m.span() for m in _REASON.finditer(sentence)]
    if kind == "what" and question.which and question.focus:
        # "Which rehab facility", "What vehicle": most often a name or a figure; a sentence
        # without one may still answer in words, so these only rank sentences
        names = [span for span, _ in _new_names(sentence, question)]
        return names + [m.span() for m in _NUMBER.finditer(sentence)]
    return []  # what, yes or no: the words of the sentence do it


ROLE_WINDOW = 5  # words between a name and the role it is given ("President ... Ed Stefanski")
_ROLE_SYNONYMS = {
    "doctor": {"dr", "doctor", "physician", "surgeon"},
    "lawyer": {"lawyer", "attorney", "counsel"},
    "attorney": {"lawyer", "attorney", "counsel"},
    "representative": {"representative", "rep", "spokesman", "spokeswoman", "publicist"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson", "representative", "rep"},
    "lineman": {"lineman", "linemen", "tackle", "guard"},
}


# Roles held by office or trade, which reports write beside the name ("lawyer Alexis Kougias"):
# "Who is the lawyer" asks for a name given that role, as "which lawyer" does.
_OFFICES = frozenset(
    """judge lawyer attorney prosecutor spokesman spokeswoman spokesperson representative rep
    agent publicist referee doctor surgeon coach sheriff detective""".split()
)


def _roles(question: Question) -> set[str]:
    """The role a "which X" or "who was the X" question asks a person by, with its synonyms."""
    if not question.focus:
        return set()
    head = _singular(question.focus[-1].split("-")[-1])
    if head not in _PERSON_NOUNS:
        return set()
    if not question.which and head not in _OFFICES:
        return set()  # "Who was the teenager shot": a description, rarely written beside the name
    return _ROLE_SYNONYMS.get(head, set()) | {head, question.focus[-1], head + "s"}


# Places a name is given without saying what they are ("in Mannheim", "in Bern"): a
# question asking for one cannot require the word.
_NAMED_BARE = frozenset(
    "city town village country state province county island place region district area "
    "neighborhood neighbourhood site".split()
)
_PLACE_SYNONYMS = {
    "road": {"road", "route", "highway", "freeway", "street", "interstate", "avenue", "rd"},
    "street": {"street", "st", "avenue", "ave", "road", "boulevard", "rue", "lane", "drive"},
    "avenue": {"avenue", "ave", "street", "boulevard", "road", "rue"},
    "clinic": {"clinic", "center", "centre", "facility", "hospital"},
    "center": {"clinic", "center", "centre", "facility"},
    "hospital": {"hospital", "clinic", "center", "centre", "infirmary", "medical"},
    "prison": {"prison", "jail", "penitentiary", "unit", "correctional", "facility"},
    "jail": {"prison", "jail", "penitentiary", "unit", "correctional", "facility"},
    "stadium": {"stadium", "arena", "field", "park", "dome", "ground"},
    "arena": {"stadium", "arena", "center", "centre", "hall", "dome"},
    "court": {"court", "courthouse", "courtroom", "tribunal"},
    "courthouse": {"court", "courthouse", "courtroom"},
    "church": {"church", "chapel", "cathedral", "parish", "temple"},
    "school": {"school", "academy", "college", "university", "campus"},
    "hotel": {"hotel", "inn", "resort", "motel"},
    "store": {"store", "shop", "market", "supermarket", "outlet"},
    "shop": {"store", "shop", "boutique", "market"},
    "mountain": {"mountain", "mount", "mt", "peak", "summit"},
}


_ROLE_FOR = r"s?,?\s+(?:for|of|to|representing)\s+(?:the\s+|an?\s+|his\s+|her\s+)?"
ROLE_NEAR = 60  # characters between a name and the role written after it


def role_owner(question: str, roles: set[str]) -> frozenset[str]:
    """Whom the asked role serves, when the question says ("the lawyer for the officers who
    shot ...": officers; "the spokesman of the team": team)."""
    low = question.lower()
    for role in sorted(roles):
        match = re.search(rf"\b{re.escape(role)}{_ROLE_FOR}([a-z'’\- ]+)", low)
        if match:
            words = _lower_words(match.group(1))[:3]
            stop = next((i for i, w in enumerate(words) if w in _AUX or w in _QUESTION_WORDS
                         or w in ("who", "that", "which")), len(words))  # fmt: skip
            kept = {_singular(w) for w in words[:stop] if w not in STOPWORDS}
            if kept:
                return frozenset(kept)
    return frozenset()


def _role_of_another(sentence: str, span: Span, roles: set[str], owner: frozenset[str]) -> bool:
    """The name at ``span`` is given the role for someone else: "Kenneth Montgomery, an
    attorney for the Gray family" when the question asks for the officers' lawyer."""
    low = sentence.lower()
    for role in roles:
        for match in re.finditer(rf"\b{re.escape(role)}{_ROLE_FOR}((?:[\w'’\-]+\s*){{1,3}})", low):
            if abs(match.start() - span[1]) > ROLE_NEAR and abs(span[0] - match.end()) > ROLE_NEAR:
                continue
            said = {_singular(w) for w in _lower_words(match.group(1))}
            if not said & owner:
                return True
    return False


def possessive(sentence: str, span: Span) -> bool:
    """The name at ``span`` is written as an owner ("Ford's 30-year-old mark"): the answer to
    a "whose" question."""
    if re.search(r"[A-Za-z](?:['’]s|s['’])(?:\s|$)", sentence[span[0] : span[1]]):
        return True  # "Carl Moss's", also where the run goes on ("Moss's 40-year-old")
    return bool(re.match(r"\s?['’]\s?s\b", sentence[span[1] : span[1] + 4]))


def _place_kinds(question: Question) -> set[str]:
    """What a "which X" place question calls the place, with its synonyms, when a sentence
    naming such a place says the word ("cave", "bivvy", "road" or "route"); none for a city or
    a country, which are named bare."""
    if not question.focus or not question.which:
        return set()
    head = _singular(question.focus[-1].split("-")[-1])
    if head not in _PLACE_NOUNS or head in _NAMED_BARE:
        return set()
    return _PLACE_SYNONYMS.get(head, set()) | {head, head + "s"}


def _described_as(sentence: str, span: Span, roles: set[str]) -> bool:
    """The name is followed by a description that gives it the role: "Dustin Childs, a
    manager in the Trustworthy Computing group and its usual spokesman"."""
    match = re.match(
        r",\s+(?:an?|the|his|her|its|their)\s+([^,;:()\"“”]{0,100})", sentence[span[1] :]
    )
    if match is None:
        return False
    return any(w in roles or _singular(w) in roles for w in _lower_words(match.group(1)))


def _beside_word(sentence: str, span: Span, wanted: set[str], window: int) -> bool:
    words_at = [(m.start(), m.group(0).lower().rstrip(".")) for m in _WORD.finditer(sentence)]
    inside = [i for i, (at, _) in enumerate(words_at) if span[0] <= at < span[1]]
    if not inside:
        return False
    low, high = max(0, inside[0] - window), min(len(words_at), inside[-1] + window + 1)
    for i in range(low, high):
        word = words_at[i][1]
        if i not in inside and (word in wanted or _singular(word) in wanted):
            return True
    return any(words_at[i][1] in wanted for i in inside)  # "Judge Bodiford" inside the run


def personness(sentence: str, span: Span) -> float:
    """How much a capitalised run looks like a person's name: two or more words most,
    an acronym ("IBF", "WBO") least."""
    tokens = _WORD.findall(sentence[span[0] : span[1]])
    if all(t.isupper() and len(t) > 1 for t in tokens):
        return 0.3
    return 1.0 if len(tokens) >= 2 else 0.7


def _not_someone(sentence: str, span: Span) -> bool:
    """A capitalised run that is a place ("in Albany County Court", "of Schenectady") or
    describes someone ("a Schenectady man", "Greek police"): no answer to "who"."""
    last = _lower_words(sentence[span[0] : span[1]])[-1:]
    return bool(
        (last and last[0] in _BODIES)
        or _PLACE_BEFORE.search(sentence[max(0, span[0] - 24) : span[0]])
        or re.search(r"\bof\s+$", sentence[max(0, span[0] - 4) : span[0]])
        or _DESCRIBES.match(sentence, span[1])
    )


# A name ending in one of these is a body that reports or acts ("New York Police said"),
# not the person a "who" question asks for.
_BODIES = frozenset("police patrol department dept service agency ministry office".split())
_DESCRIBES = re.compile(
    r"\s+(?:man|woman|men|women|boy|girl|teenager|teen|resident|residents|native|police|"
    r"officials?|authorities|government|court|county|team|club|side|fans)\b"
)


def new_names(sentence: str, question: Question) -> list[str]:
    """Capitalised runs of the sentence that the question does not give."""
    return [name for _, name in _new_names(sentence, question)]


def _new_names(sentence: str, question: Question) -> list[tuple[Span, str]]:
    out = []
    quoted = [m.span() for m in re.finditer(r"\"[^\"]*\"|“[^”]*”", sentence)]
    for match in _CAPITAL_RUN.finditer(sentence):
        tokens = [t for t in _lower_words(match.group(0)) if t not in STOPWORDS]
        tokens = [t for t in tokens if t not in _CALENDAR and not t[0].isdigit()]
        if not tokens:
            continue
        if match.start() == 0 and len(tokens) == 1 and not _APPOSITION.match(sentence, match.end()):
            continue  # a capital at a sentence start is no name by itself, but for "Collier, 32,"
        bare = [re.sub(r"['’]s?$", "", t) for t in tokens]  # "Carolina's" is "Carolina"
        if all(t in question.words or _singular(t) in question.words for t in bare):
            continue
        if any(a < match.start() and match.end() <= b for a, b in quoted) and len(tokens) > 1:
            continue  # a title in quotes ("American Pie") names a work, not who did it
        out.append((match.span(), " ".join(tokens)))
    return out


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _places(sentence: str, question: Question) -> list[Span]:
    out = []
    for match in _CAPITAL_RUN.finditer(sentence):
        words = [t for t in _lower_words(match.group(0)) if t not in STOPWORDS]
        # "in 2001", "at the 2:15 mark", "on Saturday": a time, not a place
        tokens = [t for t in words if t not in _CALENDAR and not t[0].isdigit()]
        # "the 112th Precinct" answers "which precinct": the number names the place
        numbered = any(_ORDINAL.fullmatch(t) for t in words) and any(
            _singular(t) in _PLACE_NOUNS for t in tokens
        )
        if not tokens or (all(t in question.words for t in tokens) and not numbered):
            continue
        # "Grady hospital", "the Lakewood station": a name before a place's noun names it
        after = re.match(r"\s+([a-z]+)", sentence[match.end() : match.end() + 20])
        if (
            _PLACE_BEFORE.search(sentence[max(0, match.start() - 24) : match.start()])
            or any(_singular(t) in _PLACE_NOUNS for t in tokens)
            or (after is not None and _singular(after.group(1)) in _PLACE_NOUNS)
        ):
            out.append(match.span())
    # A place without a name: "in an ice cave", "at a hospital".
    nouns = "|".join(sorted(_PLACE_NOUNS | {"shelter", "tent"}))
    pattern = rf"\b(?:in|at|into|inside)\s+(?:an?|the|his|her|their)\s+(?:\w+\s+)?(?:{nouns})s?\b"
    out += [m.span() for m in re.finditer(pattern, sentence, re.IGNORECASE)]
    return out


_SHARES = frozenset("share percentage percent proportion".split())
_PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)


def _share_of(question: str) -> set[str]:
    """What a share is of: the words after "share of" up to the verb ("traffic" of "What
    share of India's traffic was down"), names and possessives passed over."""
    match = re.search(r"\b(?:share|percentage|percent|proportion) of (.+)$", question, re.I)
    out: set[str] = set()
    for token in _WORD.findall(match.group(1)) if match else []:
        low = token.lower()
        if low in _AUX or low in _QUESTION_WORDS or low in _VERBS or len(out) == 3:
            break
        if not _is_name(token) and low not in _FUNCTION and low not in STOPWORDS:
            out.add(_singular(low))
    return out


def _near_words(words_at: list[tuple[int, str]], span: Span, wanted: set[str]) -> bool:
    index = next((i for i, (at, _) in enumerate(words_at) if at >= span[0]), len(words_at))
    window = words_at[max(0, index - NOUN_WINDOW) : index + NOUN_WINDOW + 1]
    return any(_singular(w) in wanted for _, w in window)


def _figures_of(sentence: str, question: Question) -> list[Span]:
    """Numbers of the sentence (not dates or clock times) beside the asked-for noun, when the
    question names one ("How many pirates": "23 pirates", "pirates, 23 of them"); for people,
    also numbers that count the dead, hurt or arrested ("killed four")."""
    if question.focus and _singular(question.focus[-1]) in _TALLIES:
        # "What was the score": a score or a won-lost record is written "31-24", "9-14"
        return [m.span() for m in _TALLY.finditer(sentence)]
    numbers = [m.span() for m in _NUMBER.finditer(sentence) if not _is_date_number(sentence, m)]
    if question.measure:
        return _measured(sentence, numbers, question)
    if not numbers:
        return numbers
    if not question.focus:
        if question.kind == "how much":  # an amount: money, a share, a scaled figure
            return [span for span in numbers if _AMOUNT.search(sentence[span[0] : span[1]])]
        return numbers
    wanted = {_singular(f) for f in question.focus} | set(question.focus)
    words_at = [(m.start(), m.group(0).lower()) for m in _WORD.finditer(sentence)]
    if wanted & _SHARES:
        # "What share of India's traffic": a percentage beside "traffic" ("65% of traffic"),
        # not one of another thing ("83% of our required capacity")
        whole = _share_of(question.text)
        return [
            s
            for s in numbers
            if (
                _PERCENT.search(sentence[s[0] : s[1]])
                or _PERCENT.match(sentence[s[1] : s[1] + 10].lstrip())
            )
            and _near_words(words_at, s, whole)
        ]
    out = []
    for span in numbers:
        index = next((i for i, (at, _) in enumerate(words_at) if at >= span[0]), len(words_at))
        window = words_at[max(0, index - NOUN_WINDOW) : index + NOUN_WINDOW + 1]
        # "valued at $380,600" for "the value": the noun's verb counts as the noun
        if any(w in wanted or _singular(w) in wanted or w[:-1] in wanted for _, w in window):
            out.append(span)
    if not out and {"people", "person"} & wanted:
        out = [(f.start, f.end) for f in figures(sentence) if f.kind == "count" and f.role]
    return out


def _measured(sentence: str, numbers: list[Span], question: Question) -> list[Span]:
    """Figures written in the asked measure's units ("600 feet", "95 mph", "half a
    kilometre"); for "how far into" something, also times ("44 seconds into the round")."""
    unit = re.compile(rf"^\s*(?:-\s*)?(?:{_MEASURE_UNITS[question.measure]})\b", re.IGNORECASE)
    out = []
    for span in numbers:
        # the unit after the figure's digits, a whole word: not the "M" of "3 May"
        if unit.search(re.sub(r"^(?:[$€£]?[\d,.]+|[A-Za-z]+)", "", sentence[span[0] :])):
            out.append(span)
    out += [
        m.span()
        for m in re.finditer(
            rf"\bhalf an? (?:{_MEASURE_UNITS[question.measure]})\b", sentence, re.I
        )
    ]
    if question.measure == "far" and "into" in question.words:
        out += [m.span() for m in _DURATION.finditer(sentence)]
    return out


def _is_date_number(sentence: str, match: re.Match[str]) -> bool:
    token = match.group(0)
    if re.fullmatch(r"(?:19|20)\d\d", token):
        return True
    before = sentence[max(0, match.start() - 10) : match.start()].lower()
    after = sentence[match.end() : match.end() + 6].lower()
    if re.search(rf"(?:{_MONTH})\.?\s*$", before):
        return True
    return bool(re.match(r"\s?:\s?\d\d|\s?(?:a\.?\s?m|p\.?\s?m)\b", after))
