"""Choosing a story's headline among its articles' titles.

The headline should say what happened: specific, factual, and what most reports agree on. Each
distinct title is scored by its consensus (mean similarity to the story's other titles and leads,
as in centroid and LexRank selection) times its informativeness. Titles that carry little
(a date, a section name, a site name), that tease instead of telling (questions, "you won't
believe", numbered lists, exclamations), that shout (all capitals) or that are generic labels
("Live updates", "Breaking") lose to plain factual ones.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from newsbrief.models import Article
from newsbrief.summarize.candidates import content_tokens, time_order
from newsbrief.text.boilerplate import boilerplate_reason
from newsbrief.text.sentences import split_sentences

_GENERIC = re.compile(
    r"^(?:breaking|live|latest|update[sd]?|news|video|watch|photos?|gallery|just in|developing|"
    r"exclusive|opinion|analysis|editorial|podcast|newsletter|morning|evening|daily|weekly)\b|"
    r"\b(?:live updates|live blog|as it happened|in pictures|in photos|news in brief|roundup|"
    r"recap|top stories|headlines)\b",
    re.IGNORECASE,
)
_CLICKBAIT = re.compile(
    r"\b(?:you won'?t believe|here'?s (?:why|what|how)|this is (?:why|what|how)|"
    r"what you need to know|things (?:to|you) know|everything (?:to|you) know|shocking|"
    r"you need|must see|must-see|will blow|jaw-dropping|mind-blowing|can'?t miss|"
    r"the reason (?:why )?will|what happened next|slide ?show)\b|^\d+\s+(?:things|ways|reasons|"
    r"photos|thoughts|times|facts|signs)\b|!|\bmust see\b",
    re.IGNORECASE,
)
_SITE_SUFFIX = re.compile(r"\s+(?:[|•–—]|-|::)\s+([^|•–—:]{2,40})$")
# Words that place an event relative to the day a report was written: a body sentence's way of
# telling time ("confirmed yesterday"), which a reader seeing it days later cannot place.
_DEICTIC = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
# A closing speech tag after a comma: "..., a senior Democrat said on Tuesday." Headlines state
# the claim and leave the tag to the body; hedges ("according to reports") are not trimmed.
_SPEECH_TAG = re.compile(
    r",\s+(?:[^,;:\"“”]{2,60}?)\s+(?:said|says|reported|confirmed|announced|told [A-Z]\w+)"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"late \w+|early \w+|last \w+|this \w+))?\s*\.?$"
)
# A title whose subject is a pronoun ("It's a tough job ...", "He sings, dances ...") opens a
# feature or a body paragraph; it does not say who the story is about.
_QUOTES = "'\"‘“( "
_POINTING_START = re.compile(
    r"^(?:it|it's|its|he|she|they|this|that|these|those|we|i|you)\b", re.IGNORECASE
)


def clean_title(title: str, outlet: str | None = None) -> str:
    """The title without a trailing site name ("... | Reuters", "... - BBC News")."""
    text = " ".join(title.split())
    match = _SITE_SUFFIX.search(text)
    if match:
        suffix = match.group(1).strip()
        named = outlet and _squash(outlet).find(_squash(suffix)[:6]) >= 0
        if named or (len(suffix.split()) <= 3 and suffix[:1].isupper() and len(text) > 40):
            text = text[: match.start()].rstrip()
    return text


# A sentence standing in for a title ends with a full stop that a headline does not have; an
# abbreviation's stop ("Inc.", "U.S.", "etc.") is part of the word and stays.
_SENTENCE_STOP = re.compile(r"(?<=[a-z\d]{3})\.$|(?<=\d)\.$")
_ABBREVIATIONS = {"etc", "inc", "ltd", "corp", "bros", "approx", "dept", "govt", "ave"}


def headline_form(title: str) -> str:
    """A title as a headline: "Navy captures 23 pirates." becomes "Navy captures 23 pirates"."""
    last = title.rsplit(None, 1)[-1].rstrip(".").lower() if title.strip() else ""
    if last in _ABBREVIATIONS or title.endswith(".."):
        return title
    return _SENTENCE_STOP.sub("", title)


def without_speech_tag(title: str) -> str:
    """A sentence used as a title without its closing speech tag, when what is left still
    reads as a statement (at least six words): "Navy captures 23 pirates, officials said."
    becomes "Navy captures 23 pirates"."""
    match = _SPEECH_TAG.search(title)
    if match is None or len(title[: match.start()].split()) < 6:
        return title
    return title[: match.start()].rstrip()


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def informativeness(title: str) -> float:
    """How much a title tells, in (0, 1]: penalties for teasers, labels, shouting, furniture."""
    tokens = title.split()
    content = content_tokens(title)
    score = 1.0
    if boilerplate_reason(title) or len(content) < 2:
        return 0.05  # a date, a byline, a site name: not a headline at all
    if len(content) < 3 or len(tokens) < 4:
        score *= 0.5
    if len(tokens) > 22:
        score *= 0.5  # a paragraph used as a title
    elif len(tokens) > 16:
        score *= 0.8
    if _GENERIC.search(title):
        score *= 0.4
    if _CLICKBAIT.search(title):
        score *= 0.35
    if _DEICTIC.search(title):
        score *= 0.6
    if _POINTING_START.match(title.lstrip(_QUOTES).replace("’", "'")):
        score *= 0.6
    if title.rstrip().endswith("?"):
        score *= 0.45
    letters = [c for c in title if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        score *= 0.5
    if title.rstrip().endswith((".", "…")) and len(tokens) > 12:
        score *= 0.85  # first sentences stand in for titles: fine, but a headline reads better
    return score


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b.get(t, 0) for t, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def choose_headline(articles: Sequence[Article]) -> tuple[str, list[str]]:
    """The most informative consensus title, and the articles that carry it."""
    by_title: dict[str, list[str]] = {}
    for article in time_order(articles):
        title = without_speech_tag(clean_title(article.title, article.source))
        if title:
            by_title.setdefault(title, []).append(article.id)
    if not by_title:
        fallback = next((s for a in articles for s in split_sentences(a.text)), "")
        ids = [a.id for a in articles[:1]]
        return headline_form(" ".join(fallback.split()[:20])) or "Untitled story", ids
    bags = {title: Counter(content_tokens(title)) for title in by_title}
    # What the story is about: every title plus every report's opening sentence.
    about: Counter[str] = Counter()
    for article in articles:
        about.update(set(content_tokens(article.title)))
        lead = next(iter(split_sentences(article.text)), "")
        about.update(set(content_tokens(lead)))
    best: tuple[float, str] | None = None
    for title, ids in by_title.items():
        consensus = _cosine(bags[title], about)
        support = 1.0 + 0.1 * math.log1p(len(ids) - 1)
        score = consensus * support * informativeness(title)
        if best is None or score > best[0] + 1e-12:
            best = (score, title)
    assert best is not None
    return headline_form(best[1]), by_title[best[1]]
