"""The grounding guard: generated text may only state what its cited articles state.

A generated sentence passes when every figure, every capitalised name, every quotation and
every link (URL, domain, e-mail, handle, Markdown or HTML link) in it appears in the articles
it cites, and when most of
its content words do too. The guard cannot judge meaning; it checks the things a model most
often invents and a reader most often trusts: numbers, names and quotes. The word-support
test also stops output in another language or about other things than the articles.

Article sentences that address an automated reader ("ignore previous instructions", role
tags; see ``injection``) are removed before text is sent to a model and never count as
support.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsbrief.summarize.injection import addresses_reader, as_read, displayed
from newsbrief.text.sentences import split_paragraphs, split_sentences
from newsbrief.text.tokens import STOPWORDS, terms

# Share of a sentence's content words that must occur in its sources. Abstractive news
# summaries reuse most of their content words (novel unigrams are typically 10-35% in
# summarisation corpora); text in another language or on another subject shares almost none.
MIN_SUPPORT = 0.5

_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_UNITS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
# "one" is left out on purpose: "one of the", "no one" are rarely figures.
_NUMBER = re.compile(
    r"(?<![\w.])(?:[$€£¥]\s?)?(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?(?:st|nd|rd|th|s)?"
    r"(?:[\s-]*(thousand|million|billion|trillion|mn|bn|tn|m)\b)?"
    r"(?:\s*(?:%|percent\b|per cent\b))?",
    re.IGNORECASE,
)
_NUMBER_WORD = re.compile(
    r"\b("
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r")(?:-("
    + "|".join(k for k in _UNITS if k not in {"hundred", "dozen", "zero"})
    + r"))?\b(?:[\s-]+(thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
# Words that open sentences without naming anything; any other capitalised opener is checked.
_OPENERS = frozenset(
    """meanwhile however also separately additionally earlier later today yesterday tomorrow
    overall instead elsewhere nonetheless nevertheless moreover furthermore thus therefore
    currently recently now still yet despite amid following while although though as once
    several some many most few both neither either no none nothing there here""".split()
)
_SCALE_WORD = re.compile(r"\b(thousand|million|billion|trillion)s?\b", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”]([^\"“”]{2,}?)[\"“”]")
# Links in every form a reader could follow or type: URLs of any scheme (and "hxxp", a
# protocol-relative "//", "www."), domain names (also written "example[.]com" or
# "example dot com"), e-mail addresses and handles, and the targets of Markdown and HTML links.
_NAMED_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|ai|co|app|dev|xyz|online|site|website|shop|store|"
    "club|top|vip|win|bid|loan|click|link|live|news|blog|tech|cloud|email|page|space|fun|life|"
    "world|today|agency|digital|media|network|solutions|services|support|systems|money|finance|"
    "crypto|bet|casino|porn|sex|onion|example|test|local|invalid"
)
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_LINKS = re.compile(
    r"\b(?:h[tx]{2}ps?|ftps?|sftp|file|javascript|vbscript|data|mailto|tel|sms|ipfs|magnet|"
    r"wss?)\s*:\S+|\b[a-z][a-z0-9+.-]*://\S+|(?<![\w/:])//[\w-]+\.\S+|\bwww\.\S+|"
    r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|(?<![\w.])@\w{2,}|"
    # a domain name; two-letter country domains only in lower case ("Mr.Li" is a name)
    rf"(?<![\w@.-])(?:{_LABEL}(?:\.|\[\.\]|\(\.\)))+(?:{_NAMED_TLDS}|(?-i:[a-z]{{2}}))\b"
    r"(?:/\S*)?|"
    rf"(?<![\w@.-])(?:{_LABEL}\s?(?:\[dot\]|\(dot\)|\sdot)\s)+(?:{_NAMED_TLDS})\b|"
    r"\]\(\s*[^)\s]+|\b(?:href|src|action|formaction|srcset)\s*=\s*[\"']?[^\"'\s>]+",
    re.IGNORECASE,
)
_LINK_DOTS = re.compile(r"\[\.\]|\(\.\)|\s?\[dot\]\s?|\s?\(dot\)\s?|\sdot\s", re.IGNORECASE)
_LINK_HEAD = re.compile(
    r"^(?:\]\(\s*|(?:href|src|action|formaction|srcset)\s*=\s*[\"']?)?"
    r"(?:(?:h[tx]{2}ps?|[a-z][a-z0-9+.-]*(?=\s*:\s*//))\s*:\s*)?(?://)?(?:www\.)?",
    re.IGNORECASE,
)


def links(text: str) -> list[tuple[str, str]]:
    """The links in text as (written, normal form): the normal form has no scheme, "www.",
    spelt-out dots, trailing slash or punctuation, and is in lower case."""
    found = []
    for match in _LINKS.finditer(as_read(text)):
        written = match.group(0)
        normal = _LINK_HEAD.sub("", written.strip()).lower()
        normal = _LINK_DOTS.sub(".", normal).rstrip(".,;:!?)]}'\"/")
        if normal:
            found.append((written, normal))
    return found


def _host(normal: str) -> str:
    return normal.split("/", 1)[0].split("@")[-1]


_CAPITALISED = re.compile(r"\b[A-Z][\w'’]*(?:[-.][A-Za-z][\w'’]*)*")


@dataclass
class Verdict:
    ok: bool
    problems: list[str] = field(default_factory=list)


def without_instructions(text: str) -> tuple[str, int]:
    """The text with sentences addressed to an automated reader removed, and how many."""
    kept: list[str] = []
    removed = 0
    for paragraph in split_paragraphs(text):
        sentences = split_sentences(paragraph) or [paragraph]
        clean = [s for s in sentences if not addresses_reader(s)]
        removed += len(sentences) - len(clean)
        if clean:
            kept.append(" ".join(clean))
    return "\n".join(kept), removed


def _value(digits: str, decimals: str | None) -> float:
    return float(digits.replace(",", "") + (decimals or ""))


def figures(text: str) -> list[tuple[str, float, float | None]]:
    """Figures in text: (as written, value, value times its scale word or None)."""
    found: list[tuple[str, float, float | None]] = []
    for match in _NUMBER.finditer(text):
        value = _value(match.group(1), match.group(2))
        scale = match.group(3)
        scaled = value * _SCALES[scale.lower()] if scale else None
        found.append((match.group(0).strip(), value, scaled))
    for match in _NUMBER_WORD.finditer(text):
        value = float(_UNITS[match.group(1).lower()])
        if match.group(2):
            value += _UNITS[match.group(2).lower()]
        scale = match.group(3)
        scaled = value * _SCALES[scale.lower()] if scale else None
        found.append((match.group(0).strip(), value, scaled))
    return found


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def _name_tokens(text: str) -> list[tuple[str, bool]]:
    """Capitalised tokens of a sentence, and whether each opens the sentence."""
    out: list[tuple[str, bool]] = []
    for match in _CAPITALISED.finditer(text):
        prefix = text[: match.start()].rstrip()
        at_start = not prefix or prefix[-1] in ".!?:;\"“'(—–-"
        for part in re.split(r"[-.]", match.group(0)):
            part = re.sub(r"['’]s?$", "", part)
            if part and part[0].isupper():
                out.append((part, at_start))
    return out


def _words(normal: str) -> set[str]:
    """Word forms of normalised text: "sam's" gives "sam's" and "sam", "ayers'" gives "ayers"."""
    out: set[str] = set()
    for word in re.findall(r"[\w']+", normal):
        word = word.strip("'")
        out.add(word)
        if word.endswith("'s"):
            out.add(word[:-2])
    return out


@dataclass
class Sources:
    """What a sentence may rest on: the texts of its cited articles (and allowed extras)."""

    text: str  # normalised, lower case
    words: frozenset[str]
    terms: frozenset[str]
    values: frozenset[float]
    scaled: frozenset[float]
    links: frozenset[str] = frozenset()  # normal forms (see ``links``) a sentence may give

    @classmethod
    def of(cls, texts: Iterable[str], extra: str = "") -> Sources:
        clean: list[str] = []
        allowed = {normal for _, normal in links(extra)}
        extra = displayed(extra)
        for text in texts:
            kept, removed = without_instructions(displayed(text))
            clean.append(kept)
            # An article that tried to instruct the model vouches for no link: the link it
            # carries is what its instructions were for.
            if not removed:
                allowed.update(normal for _, normal in links(kept))
        joined = "\n".join([*clean, extra])
        values: set[float] = set()
        scaled: set[float] = set()
        for _, value, times in figures(joined):
            values.add(value)
            if times is not None:
                scaled.add(times)
        normal = _normal(joined)
        return cls(
            text=normal,
            words=frozenset(_words(normal)),
            terms=frozenset(terms(joined)),
            values=frozenset(values),
            scaled=frozenset(scaled),
            links=frozenset(allowed),
        )


def _number_problems(sentence: str, sources: Sources) -> list[str]:
    problems = []
    for written, value, scaled in figures(sentence):
        if value not in sources.values and value not in sources.scaled:
            problems.append(f"figure {written!r} is not in the cited articles")
        elif scaled is not None and scaled not in sources.scaled | sources.values:
            problems.append(f"figure {written!r} is not in the cited articles at that scale")
    for match in _SCALE_WORD.finditer(sentence):
        # "a billion", "millions of": a scale with no digits is a figure too.
        if not {match.group(0).lower(), match.group(1).lower()} & sources.words:
            problems.append(f"figure {match.group(0)!r} is not in the cited articles")
    return problems


def _name_problems(sentence: str, sources: Sources) -> list[str]:
    problems = []
    for token, at_start in _name_tokens(sentence):
        low = token.lower()
        if at_start and (low in STOPWORDS or low in _OPENERS or low.endswith("ly")):
            continue
        if low not in sources.words and low.rstrip("s") not in sources.words:
            problems.append(f"name {token!r} is not in the cited articles")
    return problems


def _quote_problems(sentence: str, sources: Sources) -> list[str]:
    problems = []
    for match in _QUOTED.finditer(sentence):
        quoted = _normal(match.group(1)).strip(" .,;:!?'")
        if quoted and quoted not in sources.text:
            problems.append(f"quotation {match.group(1)!r} is not in the cited articles")
    return problems


def _link_problems(sentence: str, sources: Sources) -> list[str]:
    """Links the sentence gives that its sources do not: a generated sentence never brings a
    link of its own. A bare domain is allowed when a source links to a page on it."""
    hosts = {_host(normal) for normal in sources.links}
    return [
        f"link {written!r} is not in the cited articles"
        for written, normal in links(sentence)
        if normal not in sources.links and normal not in hosts
    ]


def support(sentence: str, sources: Sources) -> float:
    """Share of the sentence's content words found in its sources (1.0 when it has none)."""
    own = terms(sentence)
    if not own:
        return 1.0
    return sum(1 for t in own if t in sources.terms) / len(own)


def check(sentence: str, sources: Sources, min_support: float = MIN_SUPPORT) -> Verdict:
    """Whether a generated sentence states only what its sources state, as a reader sees it
    (compatibility forms folded, invisible characters dropped: see ``displayed``)."""
    text = displayed(sentence).strip()
    if not any(ch.isalnum() for ch in text):  # "" or a placeholder such as "…" copied
        return Verdict(False, ["empty sentence"])
    if addresses_reader(text):
        return Verdict(False, ["the sentence carries instructions"])
    problems = (
        _number_problems(text, sources)
        + _name_problems(text, sources)
        + _quote_problems(text, sources)
        + _link_problems(text, sources)
    )
    share = support(text, sources)
    if share < min_support:
        problems.append(f"only {share:.0%} of its words are in the cited articles")
    return Verdict(not problems, problems)


def check_cited(
    sentence: str,
    cites: Sequence[str],
    texts: dict[str, str],
    extra: str = "",
    min_support: float = MIN_SUPPORT,
) -> Verdict:
    """Check a sentence against the articles it cites; it must cite at least one."""
    if not cites:
        return Verdict(False, ["no citation"])
    return check(sentence, Sources.of([texts[c] for c in cites], extra), min_support)
