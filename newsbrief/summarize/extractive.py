"""Extractive, faithful write-ups: every sentence is a cleaned sentence of a cited article.

Sentences are scored by how central their words are to the whole story (SumBasic-style term
probabilities over all articles, Nenkova & Vanderwende 2005) plus a lead bonus, and chosen
with maximal marginal relevance so the summary does not repeat itself. Identical sentences
carried by several articles (wire copy) become one candidate citing all of them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsbrief.models import Article, Profile, Quote, Sections, Sentence, Writeup
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.sentences import split_sentences
from newsbrief.text.tokens import names, terms, words

MIN_WORDS, MAX_WORDS = 6, 60
MMR_LAMBDA = 0.7

_NEXT = re.compile(
    r"\b(?:will|is expected to|are expected to|expects? to|plans? to|planned|planning|scheduled|"
    r"is set to|are set to|next (?:week|month|year|step)|upcoming|later this|deadline|"
    r"to be held|intends? to|aims? to|is due|are due|would be|will be|pending|awaits?|"
    r"tomorrow|in the coming)\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"\b(?:previously|earlier|last (?:year|month|decade)|in (?:19|20)\d\d|history|historic|"
    r"first time|since (?:19|20)\d\d|former(?:ly)?|had been|had |ago\b|back in|in the past|"
    r"originally|was founded|began in|years? after|the latest in)",
    re.IGNORECASE,
)
_MATTERS = re.compile(
    r"\b(?:because|means|impact|affect\w*|significan\w*|important|risk\w*|threat\w*|concern\w*|"
    r"consequence\w*|could lead|raises?|worr\w*|crisis|biggest|largest|record|critical|"
    r"key|major|warn\w*|effect\w*|cost\w*|jobs|prices?|safety)\b",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"[$€£¥]\s?\d|\d[\d,.]*\s?(?:%|percent|per cent|million|billion|trillion|bn|m\b)|"
    r"\b\d[\d,.]*\s+(?:people|persons|dead|killed|injured|victims|homes|houses|troops|soldiers|"
    r"workers|jobs|years?|months?|days?|hours?|miles|kilometers|km|acres|points|votes|seats|"
    r"children|students|patients|cases)\b|\bmagnitude\s+\d|\b\d+(?:\.\d+)?-magnitude\b|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2}\b",
)
_QUOTE = re.compile(r"[\"“]([^\"”]{20,})[\"”]")
_ATTRIBUTION = re.compile(
    r"(?:said|says|told|added|according to|stated|explained|wrote)\s+"
    r"((?:[A-Z][\w.'\-]+\s?){1,4})|((?:[A-Z][\w.'\-]+\s?){1,4})\s*(?:said|says|told|added)",
)
_GENERIC_TITLE = re.compile(
    r"^(?:breaking|live|latest|update[sd]?|news|video|watch|photos?|just in|developing)\b|"
    r"\b(?:live updates|live blog|as it happened)\b",
    re.IGNORECASE,
)
_CLICKBAIT = re.compile(
    r"\b(?:you won't believe|here's why|this is why|what you need to know|things to know|"
    r"shocking|you need|must see|will blow)\b|^\d+\s+(?:things|ways|reasons)\b|!",
    re.IGNORECASE,
)


class Summarizer(Protocol):
    def write(
        self, articles: Sequence[Article], focus: str | None = None, profile: Profile | None = None
    ) -> Writeup: ...


@dataclass
class Candidate:
    text: str
    cites: list[str]
    doc: int  # order of the first article carrying it
    position: int  # sentence index within that article
    terms: Counter[str] = field(default_factory=Counter)
    score: float = 0.0

    def sentence(self) -> Sentence:
        return Sentence(text=self.text, cites=list(self.cites))


def _norm_key(text: str) -> str:
    return " ".join(words(text))


def candidates(articles: Sequence[Article]) -> list[Candidate]:
    """Clean, deduplicated sentences of the articles, each citing every article that has it."""
    by_key: dict[str, Candidate] = {}
    for doc, article in enumerate(articles):
        for position, raw in enumerate(split_sentences(article.text)):
            text = clean_sentence(raw)
            if text is None:
                continue
            count = len(text.split())
            if (
                count < MIN_WORDS
                or count > MAX_WORDS
                or (not text[0].isalnum() and text[0] not in "\"“'(")
            ):
                continue
            key = _norm_key(text)
            if key in by_key:
                if article.id not in by_key[key].cites:
                    by_key[key].cites.append(article.id)
                continue
            by_key[key] = Candidate(text, [article.id], doc, position, Counter(terms(text)))
    return list(by_key.values())


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(t, 0) for t, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _score(cands: list[Candidate], articles: Sequence[Article], focus: str | None) -> None:
    """Centrality: mean story-wide probability of a sentence's terms, plus lead and support."""
    doc_freq: Counter[str] = Counter()
    for article in articles:
        doc_freq.update(set(terms(article.title + " " + article.text)))
    total = sum(doc_freq.values()) or 1
    focus_terms = Counter(terms(focus)) if focus else Counter()
    for cand in cands:
        if not cand.terms:
            continue
        prob = sum(doc_freq[t] / total for t in cand.terms) / len(cand.terms)
        lead = 1.0 / (1.0 + 0.3 * cand.position)
        support = math.log1p(len(cand.cites))
        cand.score = prob * (1.0 + 0.5 * lead + 0.3 * support)
        if focus_terms:
            cand.score *= 0.3 + 2.0 * _cosine(cand.terms, focus_terms)


def mmr(cands: list[Candidate], k: int, exclude: set[str] | None = None) -> list[Candidate]:
    """Pick k candidates that are central and unlike each other."""
    exclude = exclude or set()
    pool = [c for c in cands if c.text not in exclude and c.score > 0]
    if not pool:
        return []
    top = max(c.score for c in pool)
    chosen: list[Candidate] = []
    while pool and len(chosen) < k:

        def gain(c: Candidate) -> float:
            redundancy = max((_cosine(c.terms, s.terms) for s in chosen), default=0.0)
            return MMR_LAMBDA * c.score / top - (1 - MMR_LAMBDA) * redundancy

        best = max(pool, key=gain)
        pool.remove(best)
        if any(_cosine(best.terms, s.terms) > 0.6 for s in chosen):
            continue
        chosen.append(best)
    return chosen


def _in_order(chosen: list[Candidate]) -> list[Candidate]:
    """Reading order: by the article that first carried them, then their place in it."""
    return sorted(chosen, key=lambda c: (c.doc, c.position))


def choose_headline(articles: Sequence[Article], weights: Counter[str]) -> tuple[str, list[str]]:
    """The most informative, least clickbait-like article title, with who used it."""
    best: tuple[float, str, list[str]] | None = None
    by_title: dict[str, list[str]] = {}
    for article in articles:
        title = " ".join(article.title.split())
        if title:
            by_title.setdefault(title, []).append(article.id)
    total = sum(weights.values()) or 1
    for title, ids in by_title.items():
        title_terms = terms(title)
        count = len(title.split())
        score = sum(weights[t] / total for t in title_terms) / (len(title_terms) or 1)
        score *= 1.0 + 0.2 * math.log1p(len(ids))
        if count < 4 or count > 25:
            score *= 0.5
        if _GENERIC_TITLE.search(title):
            score *= 0.3
        if _CLICKBAIT.search(title) or title.endswith("?"):
            score *= 0.4
        if best is None or score > best[0]:
            best = (score, title, ids)
    if best is None:
        return "Untitled story", [a.id for a in articles[:1]]
    return best[1], best[2]


def find_quote(cands: list[Candidate]) -> Quote | None:
    best: tuple[float, Quote] | None = None
    for cand in cands:
        match = _QUOTE.search(cand.text)
        if not match:
            continue
        attribution = _ATTRIBUTION.search(cand.text[match.end() :]) or _ATTRIBUTION.search(
            cand.text[: match.start()]
        )
        speaker = None
        if attribution:
            speaker = (attribution.group(1) or attribution.group(2) or "").strip() or None
        score = cand.score * (1.5 if speaker else 1.0)
        if best is None or score > best[0]:
            best = (score, Quote(text=cand.text, speaker=speaker, cites=list(cand.cites)))
    return best[1] if best else None


def keyphrases(articles: Sequence[Article], limit: int = 8) -> tuple[list[str], list[str]]:
    """Main entities and frequent content words of the articles."""
    entity_count: Counter[str] = Counter()
    for article in articles:
        entity_count.update(set(names(article.title + ".\n" + article.text)))
    entities = [e for e, n in entity_count.most_common(limit * 2) if n >= 1][:limit]
    term_count: Counter[str] = Counter()
    for article in articles:
        term_count.update(set(terms(article.title)))
    phrases = [t for t, _ in term_count.most_common(limit)]
    return entities, phrases


class ExtractiveSummarizer:
    """The default write-up: no model, every sentence traceable."""

    def __init__(self, summary_sentences: int = 3, section_sentences: int = 2) -> None:
        self.summary_sentences = max(2, min(4, summary_sentences))
        self.section_sentences = section_sentences

    def write(
        self, articles: Sequence[Article], focus: str | None = None, profile: Profile | None = None
    ) -> Writeup:
        cands = candidates(articles)
        _score(cands, articles, focus)
        weights: Counter[str] = Counter()
        for article in articles:
            weights.update(set(terms(article.title + " " + article.text)))
        headline, headline_cites = choose_headline(articles, weights)

        used: set[str] = set()
        summary = _in_order(mmr(cands, self.summary_sentences))
        used.update(c.text for c in summary)

        def section(pattern: re.Pattern[str] | None, k: int) -> list[Sentence]:
            pool = [c for c in cands if pattern is None or pattern.search(c.text)]
            chosen = _in_order(mmr(pool, k, exclude=used))
            used.update(c.text for c in chosen)
            return [c.sentence() for c in chosen]

        whats_next = section(_NEXT, self.section_sentences)
        beyond = section(_BACKGROUND, self.section_sentences)
        matters = section(_MATTERS, self.section_sentences)
        happening = section(None, self.section_sentences)
        key_facts = [
            c.sentence() for c in _in_order(mmr([c for c in cands if _FIGURE.search(c.text)], 4))
        ]
        entities, phrases = keyphrases(articles)
        if not summary and articles:
            # Headline-only stories: the titles are all there is to say.
            summary = []
            lead = Sentence(headline, list(headline_cites))
            return Writeup(
                headline=headline,
                headline_cites=headline_cites,
                summary=[lead],
                sections=Sections(),
                key_facts=[],
                quote=None,
                keyphrases=phrases,
                entities=entities,
            )
        return Writeup(
            headline=headline,
            headline_cites=headline_cites,
            summary=[c.sentence() for c in summary],
            sections=Sections(
                what_is_happening=happening,
                why_it_matters=matters,
                whats_next=whats_next,
                beyond_the_headlines=beyond,
            ),
            key_facts=key_facts,
            quote=find_quote(cands),
            keyphrases=phrases,
            entities=entities,
        )


def summarize_text(
    articles: Sequence[Article], max_words: int = 100, focus: str | None = None
) -> str:
    """A plain-text summary of at most ``max_words`` words, whole sentences only."""
    if max_words <= 0:
        return ""
    cands = candidates(articles)
    _score(cands, articles, focus)
    ranked = mmr(cands, len(cands))
    chosen: list[Candidate] = []
    used = 0
    for cand in ranked:
        count = len(cand.text.split())
        if used + count <= max_words:
            chosen.append(cand)
            used += count
        if used >= max_words - MIN_WORDS:
            break
    if chosen:
        return " ".join(c.text for c in _in_order(chosen))
    # No whole sentence fits (or the articles are headlines only): fall back to the headline.
    weights: Counter[str] = Counter()
    for article in articles:
        weights.update(set(terms(article.title + " " + article.text)))
    headline, _ = choose_headline(articles, weights)
    return " ".join(headline.split()[:max_words])
