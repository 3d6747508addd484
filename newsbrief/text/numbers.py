"""Figures in news sentences: money, percentages, counts and dates, with what they measure.

A figure is a value (or, for approximate and vague wording, an interval of values) plus what it
is a figure *of*: a currency, the thing counted ("pirates", "homes") and the role of the number
in its clause (deaths, injuries, arrests; the price of a deal, a revenue, a fine). Numbers that
are not quantities are left out: years, times of day, dates, ordinals, ages, scores ("9-14"),
numbers inside names ("76ers", "F-16", "Windows 7", "Boeing 747") and hyphenated modifiers
("33-year-old").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsbrief.text.tokens import STOPWORDS, stem

_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
           "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12,
           "crore": 1e7, "lakh": 1e5, "mrd": 1e9, "md": 1e9, "milliarden": 1e9,
           "milliarde": 1e9, "mio": 1e6, "millionen": 1e6, "million.": 1e6,
           "dozen": 12}  # fmt: skip
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                 "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                 "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                 "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
                 "dozen": 12, "a dozen": 12}  # fmt: skip
# Vague amounts: the interval of values they allow.
_VAGUE_COUNTS = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
                 "thousands": (2000, 9999), "tens of thousands": (20000, 99999),
                 "hundreds of thousands": (200000, 999999), "millions": (2e6, 9.99e6),
                 "tens of millions": (2e7, 9.99e7), "hundreds of millions": (2e8, 9.99e8),
                 "billions": (2e9, 9.99e9)}  # fmt: skip
_VAGUE_SHARES = {"a majority": (50.01, 100.0), "the majority": (50.01, 100.0),
                 "most": (50.01, 100.0), "a minority": (0.0, 49.99), "half": (45.0, 55.0),
                 "a half": (45.0, 55.0), "a third": (30.0, 36.0), "one third": (30.0, 36.0),
                 "one-third": (30.0, 36.0), "two-thirds": (63.0, 70.0),
                 "two thirds": (63.0, 70.0), "a quarter": (22.0, 28.0),
                 "one quarter": (22.0, 28.0), "three-quarters": (72.0, 78.0),
                 "three quarters": (72.0, 78.0), "nearly all": (85.0, 99.99),
                 "almost all": (85.0, 99.99), "all": (100.0, 100.0),
                 "none": (0.0, 0.0)}  # fmt: skip


def quantity_words() -> frozenset[str]:
    """The English words of an amount the figure reader knows, one word each ("sixty",
    "dozens", "half", "billion"), and the quantifiers that stand for one ("numerous")."""
    tables = (_NUMBER_WORDS, _VAGUE_COUNTS, _VAGUE_SHARES, _SCALES)
    words = {w.strip(".") for table in tables for w in table if " " not in w}
    quantifiers = {"numerous", "several", "many", "few", "tens"}
    return frozenset({w for w in words if len(w) > 2} | quantifiers)


_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
                     "rs": "INR", "rs.": "INR", "a$": "AUD", "c$": "CAD", "hk$": "HKD",
                     "chf": "CHF", "₩": "KRW", "r$": "BRL", "usd": "USD", "eur": "EUR",
                     "gbp": "GBP"}  # fmt: skip
_CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
                   "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "rupees": "INR",
                   "yuan": "CNY", "renminbi": "CNY", "francs": "CHF", "won": "KRW",
                   "rubles": "RUB", "roubles": "RUB", "usd": "USD", "eur": "EUR",
                   "gbp": "GBP"}  # fmt: skip
# Relative spread of approximate wording ("about 300" allows 285 to 315).
_APPROX = {"about": 0.05, "around": 0.05, "roughly": 0.05, "approximately": 0.05,
           "some": 0.05, "nearly": 0.05, "almost": 0.05, "close to": 0.05, "an estimated": 0.05,
           "estimated": 0.05, "up to": 0.0, "as many as": 0.0, "as much as": 0.0,
           "as high as": 0.0, "at least": 0.0,
           "more than": 0.0, "over": 0.0, "fewer than": 0.0, "less than": 0.0,
           "under": 0.0, "at most": 0.0, "no more than": 0.0, "not more than": 0.0,
           "no fewer than": 0.0, "no less than": 0.0, "not less than": 0.0}  # fmt: skip
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")  # fmt: skip

# A decimal comma ("2,4 Mrd. Euro") is read only before a scale word, where "2,4" cannot be
# a number of thousands.
_SCALE_WORDS = (
    r"thousand|million|billion|trillion|crore|lakh|mln|bln|bn|mn|tn|mrd|mio|md|milliarden?|"
    r"millionen|dozen"
)
_NUM = (
    r"\d+,\d{1,2}(?=\s?(?i:" + _SCALE_WORDS + r")\b)|\d{1,3}(?:,\s?\d{3})+(?:\.\d+)?|"
    r"\d+(?:\.\d+)?"
)
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# Numbers written in several words: "twenty-three", "two hundred", "one hundred and twenty".
_COMPOUND = (
    rf"(?:(?:a|{_UNITS})\s+hundred(?:\s+(?:and\s+)?(?:(?:{_TENS})(?:[-\s](?:{_UNITS}))?|"
    rf"{_TEENS}|{_UNITS}))?|(?:{_TENS})[-\s](?:{_UNITS}))(?![\w-])"
)
_WORD_VALUES = (
    {word: value for value, word in enumerate(_UNITS.split("|"), start=1)}
    | {word: value for value, word in enumerate(_TEENS.split("|"), start=10)}
    | {word: 10 * value for value, word in enumerate(_TENS.split("|"), start=2)}
    | {"a": 1}
)


def _compound(text: str) -> float | None:
    """The value of a number written in several words, or None."""
    words = re.split(r"[\s-]+", text.lower())
    if "hundred" in words:
        at = words.index("hundred")
        rest = [w for w in words[at + 1 :] if w != "and"]
        return 100 * _WORD_VALUES[words[0]] + ((_compound(" ".join(rest)) or 0) if rest else 0)
    if len(words) == 2 and words[0] in _TENS.split("|"):
        return _WORD_VALUES[words[0]] + _WORD_VALUES[words[1]]
    if len(words) == 1 and words[0] in _WORD_VALUES and words[0] != "a":
        return float(_WORD_VALUES[words[0]])
    return None


_WORDNUM = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))


def _figure_pattern(words: str) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w$€£¥₹.\-/:#])"  # "#1 seed": a rank
        r"(?P<cur>US\$|A\$|C\$|HK\$|R\$|[$€£¥₹₩]|Rs\.?(?=\s?\d)|(?:CHF|USD|EUR|GBP)(?=\s?\d))?\s?"
        r"(?P<num>" + _NUM + r"|(?i:" + words + r"))"
        r"(?:(?:\s?|-)(?P<scale>(?i:mrd|mio)\.|(?i:" + _SCALE_WORDS + r")\b|(?:k|m|b)\b))?"
        r"(?:\s?(?P<pct>%|(?i:percent|per cent)\b|(?i:percentage points?)\b))?"
        r"(?:\s(?P<curword>(?i:dollars?|euros?|pounds|sterling|yen|rupees|yuan|renminbi|francs|"
        r"rubles|roubles|usd|eur|gbp))\b)?"
        r"(?![\w\-/×]|[.,]\d|\s?:\s?\d|\s?x\s?\d)"
    )


_FIGURE = _figure_pattern(_WORDNUM)
# Numbers in several words are rare: the longer pattern runs only where one may be.
_FIGURE_WORDS = _figure_pattern(_COMPOUND + "|" + _WORDNUM)
_MAY_COMPOUND = re.compile(rf"\bhundred\b|\b(?:{_TENS})[-\s](?:{_UNITS})\b", re.IGNORECASE)
# "29 of 34 passes", "one in five voters": a ratio. "One of 99 suspects seized" names one of a
# counted whole, whose count is the story's.
_RATIO = re.compile(
    r"(?:\d\s+(?:of|out of|in)|\bone\s+(?:out of|in))\s+(?:the\s+|every\s+)?$", re.IGNORECASE
)
_RATIO_AFTER = re.compile(r"^\s+(?:of|out of)\s+(?:the\s+)?\d")
# Increments and subsets are not totals: "another 20,000 people", "two extra sentences".
_INCREMENT_BEFORE = re.compile(
    r"\b(?:another|other|additional|extra|further|more|first|last|remaining|only|latest)\s*$",
    re.IGNORECASE,
)
# What was added is a count of its own, compared only with other counts of what was added:
# "called in an additional six engines", "a further four appliances".
_ADDED_BEFORE = re.compile(r"\b(?:an?\s+)?(?:additional|extra|further)\s*$", re.IGNORECASE)
_INCREMENT_AFTER = re.compile(
    r"^\s*(?:more|extra|additional|other|others|further|prior|previous|earlier|former)\b", re.I
)
# "seized seven AK-47s and two other rifles": the things of a kind besides those just named,
# a count of their own, compared only with other such counts ("three other automatic rifles").
_BESIDES_AFTER = re.compile(r"^\s*other\s+(?:[a-z\-]+\s+){0,2}?[a-z\-]+s\b")
_MEASURE_AFTER = re.compile(
    r"^\s?-?(?:caliber|calibre|mm|cm|inch|inches|magnitude|degrees?|mph|kph|km/h|kg|lbs?|"
    r"kilograms?|pounds? weight)\b",
    re.IGNORECASE,
)
# "a mother of 12", "a family of five": the number describes the noun before "of".
_NOUN_OF = re.compile(r"\b([A-Za-z]+)\s+of\s+$")
# "a mother of 12": her children
_PARENTS = frozenset({"mother", "father", "parent", "mom", "dad", "grandmother", "grandfather"})
_QUANTITY_NOUNS = frozenset({"total", "toll", "number", "count", "tally", "sum", "estimate",
                             "average", "minimum", "maximum", "majority", "share"})  # fmt: skip
_TIMES_AFTER = re.compile(r"^\s+(?:more\s+)?times\b", re.IGNORECASE)
# "arrested five buildings away", "lived two doors down", "three miles apart", "15 miles north
# of Detroit": how far off something is, counted in what lies between, not a count of the
# story's things.
_AWAY_AFTER = re.compile(
    r"^\s+(?:[a-z]+\s+){1,2}?(?:away|apart|distant|down the (?:road|street|hall|block)|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\b"
)
# "200 W. American Blvd.", "24 Independent Street": a house number.
_ADDRESS_AFTER = re.compile(
    r"^\s+(?:[A-Z][\w.'’]*\s+|\d+(?:st|nd|rd|th)\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|"
    r"Drive|Dr|Place|Pl|Court|Ct|Terrace|Highway|Hwy|Parkway|Pkwy)\b\.?"
)
_AGE_BEFORE = re.compile(r"\b(?:at|aged|age)\s*$", re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\d\s?:\s?$")
_VAGUE = re.compile(
    r"\b(?P<vague>" + "|".join(sorted(map(re.escape, {**_VAGUE_COUNTS, **_VAGUE_SHARES}),
                                      key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)  # fmt: skip
_APPROX_BEFORE = re.compile(
    r"(?P<q>" + "|".join(sorted(map(re.escape, _APPROX), key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"^\s?(?:[ap]\.?\s?m\b|hrs\b|hours? (?:gmt|utc|ist)|gmt|utc|"
                         r"o'clock|h\b)", re.IGNORECASE)  # fmt: skip
_DATE_AROUND = re.compile(rf"(?:\b(?:{_MONTHS})\.?\s*$)", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^\s?(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*|\d[\d,.]*\d|\d|[,;:()\u2013\u2014]")
_PUNCT = frozenset(",;:()\u2013\u2014")
_DATE_MENTION = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+\d{{4}})?|"
    rf"(?:in|since|by|until|from)\s+(?:{_MONTHS})?\s*(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")

# The role a number plays in its clause, found from the words around it.
ROLES: dict[str, tuple[str, ...]] = {
    "deaths": ("killed", "kill", "kills", "killing", "dead", "died", "die", "dying", "death",
               "deaths", "fatalities", "fatality", "lives", "toll", "bodies", "slain", "perished",
               "murdered", "fatally"),
    "injuries": ("injured", "injuring", "injuries", "wounded", "wounding", "hurt",
                 "hospitalised", "hospitalized", "casualties"),
    "arrests": ("arrested", "arrests", "arrest", "arresting", "detained", "detains", "detain",
                "detention", "captured", "captures", "capture", "capturing", "apprehended",
                "custody", "nabbed", "nabs", "nab", "held"),
    "shot": ("shot", "shoot", "shooting", "shoots", "gunned", "stabbed", "stabbing"),
    "missing": ("missing", "unaccounted"),
    "displaced": ("evacuated", "evacuation", "displaced", "homeless", "fled", "refugees"),
    "rescued": ("rescued", "saved", "freed", "released"),
    "deal": ("deal", "acquisition", "acquire", "acquired", "acquiring", "acquires", "buy",
             "buying", "buys", "bought", "purchase", "purchased", "takeover", "merger", "paid",
             "pay", "pays", "offer", "bid", "sale", "sold", "sell"),
    # A bare valuation says what something is worth, not which amount it is.
    "value": ("worth", "valued", "valuing", "value", "priced", "price"),
    "revenue": ("revenue", "revenues", "sales", "turnover", "gross", "grossed", "grosses",
                "grossing", "takings"),
    "profit": ("profit", "profits", "earnings", "income"),
    "loss": ("loss", "losses", "lost"),
    "fine": ("fine", "fined", "penalty", "settlement", "damages", "compensation"),
    "funding": ("raised", "raises", "funding", "investment", "invested", "grant",
                "loan", "aid", "bailout", "package", "stimulus"),
    "budget": ("budget", "spending", "spend", "cost", "costs"),
    "stolen": ("stolen", "stole", "steal", "loot", "haul", "robbed", "heist", "theft", "snatched",
               "robbery", "robbers", "grabbed"),
    "votes": ("votes", "voted", "vote", "ballots", "turnout"),
    "jobs": ("jobs", "layoffs", "laid", "cuts", "employees", "workers", "staff", "redundancies"),
    "premium": ("premium",),
}  # fmt: skip
_ROLE_OF = {word: role for role, words_ in ROLES.items() for word in words_}
ROLE_OF = _ROLE_OF  # word -> the role it gives a number near it
ROLE_LABELS = {
    "deaths": "death toll",
    "injuries": "number injured",
    "shot": "number shot",
    "arrests": "number arrested",
    "missing": "number missing",
    "displaced": "number displaced",
    "rescued": "number rescued",
    "added": "number added",
    "besides": "number of others",
    "deal": "value of the deal",
    "value": "value",
    "revenue": "revenue",
    "profit": "profit",
    "loss": "loss",
    "fine": "fine or settlement",
    "funding": "funding",
    "budget": "cost",
    "stolen": "value stolen",
    "votes": "votes",
    "jobs": "jobs",
    "premium": "premium",
    "per_share": "price per share",
    "rate": "amount per period",
    "magnitude": "magnitude of the earthquake",
    "times_hit": "times hit",
    "caliber": "caliber of the weapon",
}
_UPDATE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|jumped|increased|grew|reached|now|revised|"
    r"updated|latest|new)\b|\bup to\b",
    re.IGNORECASE,
)
_APPROX_ONLY = frozenset(w for phrase in _APPROX for w in phrase.split()) - {"to", "of", "up"}
# Words that end the noun after a number: "three games earlier this season" counts games.
_FUNCTION = STOPWORDS | {"than", "of", "to", "from", "per", "earlier", "later", "ago", "apiece",
                         "along"}  # fmt: skip


@dataclass
class Figure:
    kind: str  # money | percent | points | count | magnitude | caliber
    low: float
    high: float
    shown: str
    start: int
    end: int
    currency: str = ""
    unit: str = ""  # the thing counted, stemmed ("pirate", "home"); for shares, "of X"
    role: str = ""  # deaths, injuries, deal, revenue... ("" when no cue word is near)
    context: frozenset[str] = field(default_factory=frozenset)
    vague: bool = False
    unit_word: str = ""  # the counted noun as written ("pirates")

    @property
    def value(self) -> float:
        return self.low if self.low == self.high else (self.low + self.high) / 2


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Every English word the reader takes as a cue: roles, scales, number words, currencies,
    approximations. A word of another language spelt like one ("die" in German) is not one."""
    words = set(_ROLE_OF) | set(_SCALES) | set(_NUMBER_WORDS) | set(_CURRENCY_WORDS)
    words |= {w for phrase in _APPROX for w in phrase.split()}
    words |= {w for phrase in _VAGUE_COUNTS for w in phrase.split()}
    return frozenset(words | {"percent", "per", "cent", "magnitude", "dozen"})


def _number(text: str) -> tuple[float, int] | None:
    """Value and number of decimals of a numeral or number word."""
    low = text.lower()
    if low in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[low]), 0
    if low[:1].isalpha():
        value = _compound(low)
        return (float(value), 0) if value is not None else None
    if re.fullmatch(r"\d+,\d{1,2}", text):
        text = text.replace(",", ".")  # a decimal comma (checked by the pattern)
    try:
        decimals = len(text.split(".")[1]) if "." in text else 0
        return float(text.replace(",", "").replace(" ", "")), decimals
    except ValueError:
        return None


def _interval(value: float, decimals: int, scale: float, qualifier: str) -> tuple[float, float]:
    """The values a figure allows: rounding of what was written, then its qualifier."""
    # Counts of things are exact as written; scaled and decimal figures are rounded.
    half = 0.5 * 10 ** (-decimals) * scale if scale > 1 or decimals else 0.0
    low, high = value * scale - half, value * scale + half
    q = qualifier.lower()
    if q in ("at least", "more than", "over", "no fewer than", "no less than", "not less than"):
        return low, math.inf
    if q in ("up to", "as many as", "as much as", "as high as", "at most", "no more than",
             "not more than"):  # fmt: skip
        return 0.0, high
    if q in ("fewer than", "less than", "under"):
        return 0.0, high
    spread = _APPROX.get(q, 0.0)
    if q in ("nearly", "almost", "close to"):
        return low * (1 - 2 * spread), high
    return low * (1 - spread), high * (1 + spread)


def _tokens_after(sentence: str, end: int, limit: int = 5) -> list[str]:
    return _TOKEN.findall(sentence[end : end + 80])[:limit]


def _tokens_before(sentence: str, start: int, limit: int = 6) -> list[str]:
    return _TOKEN.findall(sentence[max(0, start - 80) : start])[-limit:]


_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MODEL = re.compile(r"([A-Z]{1,4})-?(\d{1,4})s?")


def _model(after: list[str]) -> str:
    if not after:
        return ""
    whole = _MODEL.fullmatch(after[0])
    if whole:
        return (whole.group(1) + whole.group(2)).lower()
    if (
        len(after) > 1
        and re.fullmatch(r"[A-Z]{1,4}", after[0])
        and re.fullmatch(r"\d{1,4}s?", after[1])
    ):
        return (after[0] + after[1].rstrip("s")).lower()
    if (
        len(after) > 1
        and re.fullmatch(r"[A-Z][a-z]{2,}", after[0])
        and re.fullmatch(r"\d{2,4}s?", after[1])
        and not re.fullmatch(_MONTHS + "|" + _DAYS, after[0].lower())
        and not YEAR.fullmatch(after[1])
    ):
        # A maker's name and a model number ("20 Boeing 737-800 planes"): the model, not the
        # maker, is what is counted; "Boeing 737s" are not "Boeing 747s".
        return (after[0] + after[1].rstrip("s")).lower()
    return ""


def _unit_after(after: list[str]) -> str:
    """The counted noun: the head (last word) of the lower-case noun phrase after a number.

    Capitalised modifiers are skipped ("23 Somali and Yemeni pirates"). A model designation
    names the thing better than the noun after it, however it is written: "14 AK-47 rifles",
    "seven AK-47s" and "12 AK 47 guns" all count "ak47".
    """
    model = _model(after)
    if model:
        return model
    if after and after[0][:1].isupper() and not re.fullmatch(_MONTHS, after[0].lower()):
        following = after[1] if len(after) > 1 else ""
        if not following[:1].islower() or following.lower() in _FUNCTION:
            return after[0].lower()  # a named group: "12 Somalis and 11 Yemenis"
    run: list[str] = []
    for token in after[:5]:
        low = token.lower()
        if token in _PUNCT or token[:1].isdigit():
            break
        if not run and (low in ("and", "or") or token[:1].isupper() or low in _NUMBER_WORDS):
            continue  # "three or four robbers": the other end of a range counts them too
        if (
            token[:1].isupper()
            and run
            and not run[-1].endswith("s")
            and _noun_after_names(after[after.index(token) :])
        ):
            continue  # "99 alleged Sicilian Mafia members": names inside the noun phrase
        if low in _FUNCTION or token[:1].isupper():
            break
        if run and not _modifier(run, len(run) - 1) and _ends_noun(low):
            break  # a verb after the noun: "voters backed", "people died"
        run.append(low)
        if len(run) == 3:
            break
    heads = [w for i, w in enumerate(run) if not _adverb(w)]
    return heads[-1] if heads else ""


# Words ending in "-ly" that are nouns or adjectives, not adverbs.
_NOT_ADVERBS = frozenset(
    """family ally rally assembly supply belly fly italy july only early daily weekly monthly
    yearly elderly friendly lonely deadly holy jelly bully lily reply""".split()
)


def _adverb(word: str) -> bool:
    """ "heavily", "badly", "seriously": an adverb, which modifies and is never counted."""
    return word.endswith("ly") and len(word) > 4 and word not in _NOT_ADVERBS


def _modifier(run: list[str], at: int) -> bool:
    """Whether a word of the phrase after a number modifies the noun still to come: an adverb
    ("heavily armed men"), or a participle right after the number or an adverb ("two leading
    running backs", "badly injured people")."""
    word = run[at]
    if _adverb(word):
        return True
    participle = word.endswith(("ed", "ing"))
    return participle and (at == 0 or _adverb(run[at - 1]))


def _ends_noun(word: str) -> bool:
    """A word that, after the counted noun, is no longer part of its phrase."""
    return word.endswith(("ed", "ing")) or word in _ROLE_OF or _adverb(word)  # "films annually"


def _noun_after_names(tokens: list[str]) -> bool:
    """Whether capitalised words are followed by the lower-case noun they modify ("Sicilian
    Mafia members"), not by a verb or nothing ("Tuesday", "Smith said")."""
    for token in tokens:
        if token[:1].isupper():
            continue
        low = token.lower()
        return token[:1].isalpha() and low not in _FUNCTION and not low.endswith(("ed", "ing"))
    return False


# Nouns of the people a business employs, which are a count of jobs only where jobs are made
# or cut ("hiring 1000 part-time workers", "cut 500 staff"); elsewhere they name the people
# counted ("three bank workers died", "a dozen employees were at the party").
_STAFF = frozenset({"workers", "employees", "staff"})
_HIRING = frozenset(
    """hire hires hired hiring recruit recruits recruited recruiting laid layoffs lay cut cuts
    cutting fired firing sacked axed axe shed shedding redundancies redundant jobs job""".split()
)
_AUXILIARIES = frozenset("was were been had have has is are being be reportedly".split())
ROLE_DISTANCE = 3  # a role word must stand this close to its number: "killed 12", "12 dead"
COUNT_ROLES = frozenset(
    {"deaths", "injuries", "arrests", "shot", "missing", "displaced", "rescued", "votes", "jobs"}
)


def _role(before: list[str], after: list[str], unit: str, kind: str) -> str:
    """The nearest role cue word within a few words of the number, in the same clause."""

    hiring = any(t.lower() in _HIRING for t in before + after)

    def fits(role: str | None, word: str = "") -> bool:
        if not role:
            return False
        if word in _STAFF and not hiring:
            return False  # "three bank workers dead": the people counted, not jobs
        return role in COUNT_ROLES if kind == "count" else kind != "count"

    words_before = [t for t in before if t.lower() not in _APPROX_ONLY]
    for distance, token in enumerate(reversed(words_before), start=1):
        if _ends_scan(token) or distance > ROLE_DISTANCE:
            break
        if fits(_ROLE_OF.get(token.lower()), token.lower()):
            return _ROLE_OF[token.lower()]
    # "18 people had been injured": auxiliaries do not put the role word further off
    words_after = [t for t in after if t.lower() not in _AUXILIARIES]
    for distance, token in enumerate(words_after, start=1):
        if _ends_scan(token) or distance > ROLE_DISTANCE:
            break
        if fits(_ROLE_OF.get(token.lower()), token.lower()):
            if token.lower() not in _INTRANSITIVE and _acts_on(words_after[distance:]):
                break  # "two officers fatally shot the teenager": who did it, not to whom
            return _ROLE_OF[token.lower()]
    return _ROLE_OF.get(unit, "") if fits(_ROLE_OF.get(unit), unit) else ""


# Role words that take no object: "12 people died the next day".
_INTRANSITIVE = frozenset("died die dies dying dead perished fled missing homeless".split())
# Words that open the object of a verb: "shot the teenager", "killed his wife".
_OBJECT_STARTS = frozenset("the a an his her their its him them another".split())


def _acts_on(rest: list[str]) -> bool:
    """Whether the role verb after a count has an object, which makes the count its doers
    ("three men killed the guard"), not those it was done to ("three men killed in a crash")."""
    for token in rest:
        low = token.lower()
        if low in _ROLE_OF or _adverb(low):
            continue  # "fatally shot the teenager"
        return low in _OBJECT_STARTS
    return False


def _ends_scan(token: str) -> bool:
    """Punctuation, a conjunction or another number ends the clause a role word can be in."""
    low = token.lower()
    return (
        token in _PUNCT
        or low in ("and", "but", "or")
        or token[:1].isdigit()
        or (low in _NUMBER_WORDS)
    )


_PER_SHARE = re.compile(r"^\s*(?:a|per|each|for each)\s+(?:share|unit)\b", re.IGNORECASE)
# "$23 million per season", "$80,000-a-year": a rate, not the total
_PER_PERIOD = re.compile(
    r"^\s*-?(?:a|per|each|an)[\s-]+(?:season|year|month|week|day|hour|game)\b", re.IGNORECASE
)
_MONEY_ROLES = ("deal", "revenue", "profit", "loss", "fine", "funding", "budget", "stolen")


def _money_role(sentence: str, start: int) -> str:
    """For an amount only said to be "worth" something, the sentence's nearest money role."""
    best: tuple[int, str] | None = None
    for match in _TOKEN.finditer(sentence):
        role = _ROLE_OF.get(match.group(0).lower())
        if role in _MONEY_ROLES:
            distance = abs(match.start() - start)
            if best is None or distance < best[0]:
                best = (distance, role)
    return best[1] if best else ""


# Nouns a number after which names one of a series ("season 1 episode 7", "chapter 11",
# "game 3"), however capitalised: the number is a label, not a count.
_LABEL_NOUNS = frozenset(
    """episode episodes season chapter part volume vol no no. number game week stage level grade
    route flight room suite gate platform phase section article category class issue""".split()
)


def _is_name_part(sentence: str, start: int) -> bool:
    """A number right after a capitalised word is part of a name: "Windows 7", "Flight 370";
    after a noun of a series it is a label: "season 1 episode 7"."""
    before = _tokens_before(sentence, start, 2)
    if not before:
        return False
    word = before[-1]
    if word.lower() in _LABEL_NOUNS:
        return True
    if word in _PUNCT or not word[:1].isupper() or word.lower() in _CURRENCY_SYMBOLS:
        return False
    if re.fullmatch(_MONTHS, word.lower().rstrip(".")) or word.lower() in _QUALIFIER_WORDS:
        return False  # "About 1,000 people", however capitalised, qualifies the number
    # A sentence may open with a quotation mark or a bracket: '"Twenty people ...'.
    at_start = sentence[:start].strip().lstrip("\"“‘'(") == word
    return not at_start or len(before) > 1


_QUALIFIER_WORDS = frozenset(
    "about around some nearly almost approximately roughly over under only just estimated".split()
)


_MAY_HAVE_FIGURE = re.compile(
    r"\d|\b(?i:" + _WORDNUM + "|dozens|scores|hundreds|thousands|millions|billions|majority|"
    r"minority|most|half|third|thirds|quarter|quarters|all|none)\b"
)


def figures(sentence: str, besides: bool = False) -> list[Figure]:
    """The quantities a sentence states, in order; with ``besides``, counts of the things of a
    kind besides those just named too ("two other rifles"), which only comparing reports needs."""
    return [f for f in _figures(sentence) if besides or f.role != "besides"]


def clear_cache() -> None:
    _figures.cache_clear()


@lru_cache(maxsize=8192)
def _figures(sentence: str) -> tuple[Figure, ...]:
    # Key facts and conflicts read the same sentences of a story.
    return tuple(_find_figures(sentence))


# The euro sign lost in conversion to plain text, where only its letter is left: "steal e80
# million", "e75m worth of crude oil". Read only before a scale word, where no other reading fits.
_EURO_AS_LETTER = re.compile(r"(?<![\w$€£¥₹.\-/:])e(?=\d[\d.,]*\s?(?:m|bn|million|billion)\b)")


def _find_figures(sentence: str) -> list[Figure]:
    if not _MAY_HAVE_FIGURE.search(sentence):
        return []  # the common case, found with one scan
    sentence = _EURO_AS_LETTER.sub("€", sentence)  # one letter for one sign: offsets stay
    found: list[Figure] = []
    pattern = _FIGURE_WORDS if _MAY_COMPOUND.search(sentence) else _FIGURE
    for match in pattern.finditer(sentence):
        start, end = match.start(), match.end()
        num_text = match.group("num")
        parsed = _number(num_text)
        if parsed is None:
            continue
        value, decimals = parsed
        if num_text[:1] == "0" and len(num_text) > 1 and "." not in num_text:
            continue  # "20, 000": the tail of a number split by a stray space
        if re.match(r",\s\d{3}\b", sentence[end : end + 5]):
            continue  # the head of such a split number
        cur = (match.group("cur") or "").lower()
        curword = (match.group("curword") or "").lower()
        scale_word = (match.group("scale") or "").lower().rstrip(".")
        pct = (match.group("pct") or "").lower()
        currency = _CURRENCY_SYMBOLS.get(cur, "") or _CURRENCY_WORDS.get(curword, "")
        if curword == "pounds" and not cur and not match.group("scale"):
            continue  # "weighing 130 pounds": a weight; money in pounds is "£130" or scaled
        if scale_word in ("k", "m", "b") and not currency:
            continue  # "5 m" is metres, "3 b" a grade: only money takes letter scales
        scale = _SCALES.get(scale_word, 1.0)
        if scale_word == "dozen":  # "two dozen" is 24 exactly, not two written to the dozen
            value, scale = value * scale, 1.0
        before_text = sentence[max(0, start - 30) : start]
        of_word = ""
        after_text = sentence[end : end + 30]
        added = False
        if not currency and not pct:
            if _TIME_AFTER.match(after_text) or _DATE_AROUND.search(before_text):
                continue
            if _CLOCK_BEFORE.search(before_text):
                continue
            if _DATE_AFTER.match(after_text):
                continue
            if YEAR.fullmatch(num_text) and scale == 1.0:
                continue
            if _is_name_part(sentence, start):
                continue
            if _RATIO.search(before_text) or _RATIO_AFTER.match(after_text):
                continue  # "29 of 34 passes": a ratio, not a total
            if _AGE_BEFORE.search(before_text) and not _unit_after(_tokens_after(sentence, end)):
                continue  # "died at 77", "aged 33"
            if _MEASURE_AFTER.match(after_text):
                continue
            noun_of = _NOUN_OF.search(before_text)
            of_word = noun_of.group(1).lower() if noun_of else ""
            if of_word and of_word not in _QUANTITY_NOUNS | _PARENTS | set(_ROLE_OF) | {"one"}:
                continue  # "a series of 12": not the count; "one of 99 suspects": the whole
            if decimals and scale == 1.0:
                continue  # "a 6.1 quake": a measurement; things are counted in whole numbers
            added = bool(_ADDED_BEFORE.search(before_text))
            besides = bool(_BESIDES_AFTER.match(after_text)) and not _INCREMENT_BEFORE.search(
                before_text
            )
            if (_INCREMENT_BEFORE.search(before_text) and not added) or (
                _INCREMENT_AFTER.match(after_text)
                and not _OTHERS_HURT.search(before_text)
                and not besides
            ):
                continue
            if _TIMES_AFTER.match(after_text):
                continue  # "shot seven times": a frequency
            if _AWAY_AFTER.match(sentence[end : end + 40]) or _ADDRESS_AFTER.match(after_text):
                continue  # "arrested five buildings away", "at 24 Independent Street"
        qualifier_match = _APPROX_BEFORE.search(before_text)
        qualifier = qualifier_match.group("q") if qualifier_match else ""
        low, high = _interval(value, decimals, scale, qualifier)
        before = _tokens_before(sentence, start)
        after = _tokens_after(sentence, end)
        shown = sentence[
            (start - len(qualifier_match.group(0))) if qualifier_match else start : end
        ].strip()
        if currency:
            kind, unit = "money", ""
        elif pct:
            kind = "points" if "point" in pct else "percent"
            unit = _share_of(after)
        elif besides:
            kind, unit = "count", _unit_after(after[1:])  # "two other rifles": rifles
            if not unit:
                continue
        else:
            kind = "count"
            unit = "children" if of_word in _PARENTS else _unit_after(after)
            others = unit in ("other", "others")
            if others:
                unit = ""  # "wounding two others": others than those just counted
            if num_text.lower() in _NUMBER_WORDS and not unit and not others:
                continue  # "one of six", "the two": number words count only with a noun
        role = _role(before, after, unit, kind)
        if kind == "count" and added:
            role = "added"
        elif kind == "count" and besides:
            role = "besides"
        if kind == "money" and _PER_SHARE.match(after_text):
            role = "per_share"  # "$42 a share": not the price of the deal
        elif kind == "money" and _PER_PERIOD.match(after_text):
            role = "rate"
        elif kind == "money" and role in ("", "value"):
            # "the deal, valued at $2.4bn", "agreed to buy Widget Corp for $2.1 billion"
            role = _money_role(sentence, start) or role
        if kind == "count" and not unit and not role:
            continue  # a bare number: an age, a score, a reference
        context = _context(before + after)
        found.append(
            Figure(
                kind,
                low,
                high,
                shown,
                start,
                end,
                currency,
                stem(unit) if unit else "",
                role,
                context,
                unit_word=unit,
            )
        )
    found = _merge_ranges(sentence, found)
    found = _drop_parts(sentence, found)
    found.extend(_vague_figures(sentence, found))
    found.extend(_one_more_victim(sentence, found))
    return sorted(found, key=lambda f: f.start)


# After a toll, the one victim more that is hurt: "killing two and critically injuring a
# third", "two people have been killed and another wounded".
_OTHERS_HURT = re.compile(r"\b(?:wounding|injuring|wounded|injured|hurting|hurt)\s*$", re.I)
_ONE_MORE_HURT = re.compile(
    r"\b(?:(?:critically|seriously|badly|slightly)\s+)?(?:wounding|injuring|wounded|injured|"
    r"hurting)\s+(?P<a>a\s+third|a\s+fourth|one\s+other|another)\b(?!\s+\d)|"
    r"\band\s+(?P<b>another|a\s+third|one\s+other)\s+(?:\w+\s+)?(?:was\s+|were\s+)?"
    r"(?:critically\s+|seriously\s+)?(?:wounded|injured|hurt)\b",
    re.IGNORECASE,
)


def _one_more_victim(sentence: str, found: list[Figure]) -> list[Figure]:
    """One person hurt, written as "a third" or "another" after a count of the dead."""
    if not any(f.kind == "count" and f.role == "deaths" for f in found):
        return []
    if any(f.kind == "count" and f.role == "injuries" for f in found):
        return []
    match = _ONE_MORE_HURT.search(sentence)
    if not match:
        return []
    group = "a" if match.group("a") else "b"
    start, end = match.start(group), match.end(group)
    context = _context(_tokens_before(sentence, start) + _tokens_after(sentence, end))
    return [Figure("count", 1.0, 1.0, f"one ({match.group(group)})", start, end, role="injuries",
                   context=context)]  # fmt: skip


_PARTS_JOIN = re.compile(r"^\s+[A-Z][\w\-]*\s+and\s+$")


def _drop_parts(sentence: str, found: list[Figure]) -> list[Figure]:
    """ "12 Somali and 11 Yemeni pirates": the parts of a group, neither of them its total."""
    parts: set[int] = set()
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if a.kind == b.kind == "count" and _PARTS_JOIN.match(sentence[a.end : b.start]):
            parts.update((i, i + 1))
    return [f for i, f in enumerate(found) if i not in parts]


_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|or)\s*$", re.IGNORECASE)
_RANGE_START = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)


def _merge_ranges(sentence: str, found: list[Figure]) -> list[Figure]:
    """ "between $140 and $150 million", "$140-$150 million", "12 to 15 people", "two or three
    people": one range."""
    out: list[Figure] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if b is not None and a.kind == b.kind and a.currency == b.currency:
            between = sentence[a.end : b.start]
            joined = _RANGE_JOIN.match(between)
            opens = _RANGE_START.search(sentence[max(0, a.start - 12) : a.start])
            # "two or three people": a guess between two values, the range of both
            guess = between.strip().lower() == "or" and a.kind == "count" and a.high < b.low
            if joined and (opens or guess or between.strip() in ("-", "–", "—", "to")):
                low = a.low
                if b.low >= 1000 > a.high and a.low == a.high:
                    low = a.low * (b.low / _magnitude(b.low))  # "$140 and $150 million"
                out.append(
                    Figure(a.kind, low, b.high, sentence[a.start : b.end], a.start, b.end,
                           a.currency, b.unit or a.unit, b.role or a.role, a.context | b.context,
                           unit_word=b.unit_word or a.unit_word)
                )  # fmt: skip
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _magnitude(value: float) -> float:
    """The number a scaled value was written with: 150e6 -> 150."""
    for scale in (1e12, 1e9, 1e6, 1e3):
        if value >= scale:
            return value / scale
    return value


def _share_of(after: list[str]) -> str:
    """For a share, what it is a share of: "30% of eligible voters" -> "voter"."""
    if after and after[0].lower() == "of":
        rest = after[1:]
        if rest and rest[0].lower() in ("the", "all", "its", "their", "his", "her"):
            rest = rest[1:]
        return _unit_after(rest)
    return ""


def _vague_figures(sentence: str, exact: list[Figure]) -> list[Figure]:
    out = []
    for match in _VAGUE.finditer(sentence):
        phrase = match.group("vague").lower()
        if any(f.start <= match.start() < f.end for f in exact):
            continue
        after = _tokens_after(sentence, match.end())
        before = _tokens_before(sentence, match.start())
        if phrase in _VAGUE_SHARES:
            unit = _share_of(after)
            if not unit:
                continue  # "most" alone says nothing comparable
            low, high = _VAGUE_SHARES[phrase]
            kind = "percent"
        else:
            low, high = _VAGUE_COUNTS[phrase]
            kind = "count"
            unit = _unit_after(after[1:] if after and after[0].lower() == "of" else after)
            if not unit:
                continue
        context = _context(before + after)
        out.append(
            Figure(
                kind,
                low,
                high,
                match.group(0),
                match.start(),
                match.end(),
                "",
                stem(unit),
                _role(before, after, unit, kind),
                context,
                vague=True,
                unit_word=unit,
            )
        )
    return out


def _context(tokens: list[str]) -> frozenset[str]:
    return frozenset(
        stem(t.lower())
        for t in tokens
        if t[:1].isalpha() and len(t) > 2 and t.lower() not in _FUNCTION
    )


def has_date(sentence: str) -> bool:
    return bool(_DATE_MENTION.search(sentence))


def mentions_update(sentence: str, figure: Figure) -> bool:
    """Whether the words just before a figure say it changed: "rose to 15", "now 15"."""
    return bool(_UPDATE.search(sentence[max(0, figure.start - 25) : figure.start]))


_MAGNITUDE = re.compile(
    r"(?:\bmagnitude(?:\s+of)?[\s-]+(?:about\s+|around\s+)?(?P<a>\d\.\d)\b|"
    r"\b(?P<b>\d\.\d)[\s-]+(?:-\s*)?(?:magnitude|strength|degree)\b|"
    r"\b(?:measuring|registering|measured|registered)\s+(?:about\s+|around\s+)?(?P<c>\d\.\d)\b|"
    r"\b(?P<d>\d\.\d)\s+on the Richter|"
    r"\b(?:a|an|the)\s+(?:strong\s+|powerful\s+|moderate\s+)?(?P<e>\d\.\d)\s+(?:quake|earthquake|temblor|tremor)\b|"
    r"\bforce of\s+(?:about\s+|around\s+)?(?P<f>\d\.\d)\b)",
    re.IGNORECASE,
)


def magnitudes(sentence: str) -> list[Figure]:
    """The magnitude of an earthquake, however it is written: "a magnitude-5.9 quake", "6.1
    on the Richter scale", "measuring 5.6", "a 6.1 quake". One decimal is the precision
    reported, so "5.9" allows 5.85 to 5.95; "about 6.0" allows a tenth either way."""
    out = []
    for match in _MAGNITUDE.finditer(sentence):
        group = next(g for g in "abcdef" if match.group(g))
        text = match.group(group)
        value = float(text)
        approx = bool(re.search(r"\b(?:about|around)\s+$", sentence[: match.start(group)]))
        spread = 0.1 if approx else 0.05
        out.append(
            Figure(
                "magnitude",
                value - spread,
                value + spread,
                ("about " if approx else "") + text,
                match.start(group),
                match.end(group),
                role="magnitude",
                unit_word="magnitude",
            )
        )
    return out


_TIMES_HIT = re.compile(
    r"\b(?:shot|stabbed|hit|struck)\s+(?:at\s+least\s+)?(?P<n>\d{1,3}|(?i:" + _WORDNUM + r"))"
    r"\s+times\b",
    re.IGNORECASE,
)
_CALIBER = re.compile(
    r"(?<![\w.])\.?(?P<n>\d{2,3})\s*-?\s*(?:caliber|calibre)\s+(?P<noun>[A-Za-z]+)", re.IGNORECASE
)


def measures(sentence: str) -> list[Figure]:
    """How many times someone was hit ("shot seven times", which is not a frequency of an
    action but a count of wounds) and a weapon's calibre (".38-caliber revolver"), the
    calibre being of the weapon named after it."""
    out = []
    for match in _TIMES_HIT.finditer(sentence):
        parsed = _number(match.group("n"))
        if parsed is None:
            continue
        value = parsed[0]
        out.append(
            Figure("count", value, value, match.group("n"), match.start("n"), match.end("n"),
                   unit="time", role="times_hit", unit_word="times")
        )  # fmt: skip
    for match in _CALIBER.finditer(sentence):
        value = float(match.group("n"))
        noun = match.group("noun").lower()
        out.append(
            Figure("caliber", value, value, "." + match.group("n"), match.start(), match.end("n"),
                   unit=stem(noun), role="caliber", unit_word=noun)
        )  # fmt: skip
    return out
