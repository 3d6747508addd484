"""Extractive, faithful write-ups: every sentence is a cleaned sentence of the articles it cites.

The write-up of a story is built in one pass over its candidate sentences (``candidates``):

1. the headline: the most informative consensus title (``headline``);
2. the summary: 2-4 sentences by budgeted maximum coverage of the story's concepts, weighted by
   how many reports share them, with a prior for report leads (``select``); ordered leads first,
   then by time, and sentences that look back after those that report;
3. key facts: sentences with figures or dates that add concepts the summary does not cover;
4. sections: each remaining sentence is classified by what it does (``sections``), and each
   section takes the sentences that add the most not yet covered;
5. a notable quote with its speaker (``quotes``), and the story's entities and keyphrases.

Nothing is paraphrased, so nothing can be invented; a sentence carried by several articles cites
all of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from newsbrief.models import Article, Profile, Quote, Sections, Sentence, Writeup
from newsbrief.summarize.candidates import Candidate, candidates, content_tokens, time_order
from newsbrief.summarize.headline import choose_headline, clean_title
from newsbrief.summarize.keyphrases import entities, keyphrases
from newsbrief.summarize.quotes import choose_quote
from newsbrief.summarize.sections import classify
from newsbrief.summarize.select import ConceptModel, build_model, coverage_value, greedy
from newsbrief.text.numbers import figures, has_date

WORDS_PER_SENTENCE = 32  # budget per summary sentence: room for one full news sentence
SECTION_ORDER = ("whats_next", "beyond_the_headlines", "why_it_matters", "what_is_happening")
ANAPHORA_PENALTY = 0.6  # "He said ..." out of context reads badly at the top of a summary
CLASSIFIED = 80  # sentences read for figures and sections, by value per word
FOCUS_FLOOR = 0.2  # with a focus, a sentence sharing none of its words keeps this much gain


class Summarizer(Protocol):
    """Writes up one story. Implementations: extractive (default), LLM-backed."""

    def write(
        self, articles: Sequence[Article], focus: str | None = None, profile: Profile | None = None
    ) -> Writeup: ...


def reading_order(chosen: list[Candidate]) -> list[Candidate]:
    """Report leads first, then the rest; each part in the order the reports came out."""
    return sorted(chosen, key=lambda c: (c.position > 0, c.doc, c.position))


def summary_order(chosen: list[Candidate]) -> list[Candidate]:
    """A summary opens with the news: sentences that look back (an award from 1998, who
    someone is) follow those that report, each part in reading order."""
    back = {id(c) for c in chosen if classify(c) == "beyond_the_headlines"}
    return sorted(reading_order(chosen), key=lambda c: id(c) in back)


def _bonus(cands: list[Candidate], focus_terms: set[str] | None = None) -> np.ndarray:
    """Per-sentence gain factor: anaphoric openings lose; with a focus, on-topic ones win."""
    bonus = np.array([ANAPHORA_PENALTY if c.anaphoric else 1.0 for c in cands])
    if focus_terms:
        overlap = np.array([len(focus_terms & set(c.tokens)) / len(focus_terms) for c in cands])
        bonus *= FOCUS_FLOOR + (1 - FOCUS_FLOOR) * np.sqrt(overlap)
    return bonus


def _focus_terms(focus: str | None) -> set[str] | None:
    return set(content_tokens(focus)) if focus else None


def summarize_sentences(
    articles: Sequence[Article],
    max_words: int = 100,
    focus: str | None = None,
    cands: list[Candidate] | None = None,
) -> list[str]:
    """Whole sentences of the articles, at most ``max_words`` words in all, in reading order."""
    cands = candidates(articles) if cands is None else cands
    if not cands:
        return []
    focus_terms = _focus_terms(focus)
    model = build_model(cands, focus_terms)
    chosen = greedy(model, max_words, bonus=_bonus(cands, focus_terms))
    return [c.text for c in summary_order([cands[i] for i in chosen])]


def summarize_text(
    articles: Sequence[Article], max_words: int = 100, focus: str | None = None
) -> str:
    """A plain-text summary of at most ``max_words`` words, whole sentences only."""
    if max_words <= 0:
        return ""
    sentences = summarize_sentences(articles, max_words, focus)
    if sentences:
        return " ".join(sentences)
    # No whole sentence fits (or the articles are headlines only): the headline, shortened.
    headline, _ = choose_headline(articles)
    return " ".join(headline.split()[:max_words])


def _title_candidates(articles: Sequence[Article], exclude: str) -> list[Candidate]:
    """Headline-only stories: the other distinct titles stand in for sentences."""
    by_title: dict[str, Candidate] = {}
    for doc, article in enumerate(time_order(articles)):
        title = clean_title(article.title, article.source)
        if not title or title == exclude:
            continue
        found = by_title.get(title)
        if found:
            found.cites.append(article.id)
            continue
        tokens = content_tokens(title)
        if len(tokens) >= 3:
            by_title[title] = Candidate(
                title, [article.id], doc, 0, article.published, tokens, len(title.split()), True
            )
    return list(by_title.values())


def _has_figure(cand: Candidate) -> bool:
    return bool(figures(cand.text)) or has_date(cand.text)


class ExtractiveSummarizer:
    """The default write-up: no model, every sentence traceable to its articles."""

    def __init__(
        self,
        summary_sentences: int = 3,
        section_sentences: int = 2,
        key_facts: int = 4,
    ) -> None:
        self.summary_sentences = max(2, min(4, summary_sentences))
        self.section_sentences = section_sentences
        self.key_facts = key_facts

    # Bump when the output for the same input changes: stored write-ups are then remade.
    version = "extractive-8"

    def settings(self) -> dict[str, int]:
        return {
            "summary_sentences": self.summary_sentences,
            "section_sentences": self.section_sentences,
            "key_facts": self.key_facts,
        }

    def write(
        self, articles: Sequence[Article], focus: str | None = None, profile: Profile | None = None
    ) -> Writeup:
        headline, headline_cites = choose_headline(articles)
        story_entities = entities(articles)
        phrases = keyphrases(articles, exclude=story_entities)
        # A text whose only sentences are full of names ("The March Community Meeting will
        # be this Thursday.") is told by them rather than by its title: a title alone may be
        # a rubric's name ("Developer News"), no fact.
        cands = candidates(articles) or candidates(articles, names_ok=True)
        if not cands:
            return self._headlines_only(articles, headline, headline_cites, phrases, story_entities)
        focus_terms = _focus_terms(focus)
        model = build_model(cands, focus_terms)
        bonus = _bonus(cands, focus_terms)
        k = self.summary_sentences
        # The headline is shown above the summary: a sentence saying it again (a title that is
        # a sentence) tells the reader nothing, unless nothing else can be said.
        fresh = np.array([not says_the_headline(c.text, headline) for c in cands])
        allowed = fresh if fresh.sum() >= 2 else None
        # Key facts and sections choose among the sentences worth most per word; reading every
        # sentence of a large story for figures and tense would cost more than it changes.
        pool = _most_valuable(model, CLASSIFIED)
        labels = {i: classify(cands[i]) for i in pool}
        summary = _summary(model, k, allowed, bonus)
        # The summary tells what happened: background (an award from 1998, last season's
        # statistics) belongs under "Beyond the headlines", unless nothing else can be said.
        background = {i for i, label in labels.items() if label == BACKGROUND}
        background |= {i for i in summary if i not in labels and classify(cands[i]) == BACKGROUND}
        if background & set(summary):
            mask = np.ones(len(cands), dtype=bool) if allowed is None else allowed.copy()
            mask[sorted(background)] = False
            again = _summary(model, k, mask, bonus) if mask.sum() >= 2 else []
            if len(again) >= 2:
                summary = again
        used = set(summary)
        covered = _covered(model, summary)

        # A key fact is a figure of what happened; a figure of the background goes with it.
        fact_mask = np.array(
            [
                i in pool and i not in used and i not in background and _has_figure(cands[i])
                for i in range(len(cands))
            ]
        )
        facts = greedy(
            model, 40 * self.key_facts, self.key_facts, allowed=fact_mask, covered=covered
        )
        used.update(facts)
        covered |= _covered(model, facts)

        chosen: dict[str, list[int]] = {}
        for section in SECTION_ORDER:
            mask = np.array([labels.get(i) == section and i not in used for i in range(len(cands))])
            picked = greedy(
                model, 45 * self.section_sentences, self.section_sentences, mask, covered
            )
            chosen[section] = picked
            used.update(picked)
            covered |= _covered(model, picked)

        value = coverage_value(model)
        quote = choose_quote(
            cands,
            {id(c): float(value[i]) for i, c in enumerate(cands)},
            exclude={cands[i].text for i in summary},
        )

        def sentences(indices: list[int]) -> list[Sentence]:
            return [c.sentence() for c in reading_order([cands[i] for i in indices])]

        return Writeup(
            headline=headline,
            headline_cites=headline_cites,
            summary=[c.sentence() for c in summary_order([cands[i] for i in summary])],
            sections=Sections(
                what_is_happening=sentences(chosen["what_is_happening"]),
                why_it_matters=sentences(chosen["why_it_matters"]),
                whats_next=sentences(chosen["whats_next"]),
                beyond_the_headlines=sentences(chosen["beyond_the_headlines"]),
            ),
            key_facts=sentences(facts),
            quote=quote,
            keyphrases=phrases,
            entities=story_entities,
        )

    def _headlines_only(
        self,
        articles: Sequence[Article],
        headline: str,
        headline_cites: list[str],
        phrases: list[str],
        story_entities: list[str],
    ) -> Writeup:
        titles = _title_candidates(articles, headline)
        summary: list[Sentence] = []
        if titles:
            model = build_model(titles)
            picked = greedy(model, 30 * self.summary_sentences, self.summary_sentences)
            summary = [titles[i].sentence() for i in picked]
        if not summary:
            summary = [Sentence(headline, list(headline_cites))]
        return Writeup(
            headline=headline,
            headline_cites=headline_cites,
            summary=summary,
            sections=Sections(),
            key_facts=[],
            quote=None,
            keyphrases=phrases,
            entities=story_entities,
        )


BACKGROUND = "beyond_the_headlines"


def _summary(
    model: ConceptModel, k: int, allowed: np.ndarray | None, bonus: np.ndarray
) -> list[int]:
    summary = greedy(model, WORDS_PER_SENTENCE * k, max_sentences=k, allowed=allowed, bonus=bonus)
    if len(summary) < 2 and len(model.lengths) >= 2:
        # Two long sentences may not fit the budget: allow them rather than a one-liner.
        summary = greedy(model, 2 * 70, max_sentences=2, allowed=allowed, bonus=bonus)
    return summary


def _most_valuable(model: ConceptModel, count: int) -> set[int]:
    """The candidates with the most concept value per word."""
    value = coverage_value(model) / np.sqrt(model.lengths)
    if len(value) <= count:
        return set(range(len(value)))
    return {int(i) for i in np.argpartition(-value, count)[:count]}


def _covered(model: ConceptModel, indices: list[int]) -> np.ndarray:
    mask = np.zeros(model.incidence.concepts, dtype=bool)
    for i in indices:
        mask[model.incidence.row(i)] = True
    return mask


__all__ = [
    "ExtractiveSummarizer",
    "Quote",
    "Summarizer",
    "summarize_sentences",
    "summarize_text",
]


HEADLINE_EXTRA_WORDS = 6  # "..., officials said on Tuesday": a speech tag, nothing more


def says_the_headline(sentence: str, headline: str) -> bool:
    """Whether a sentence only says the headline again: the same words, or fewer, or the
    headline with a speech tag's few words added."""
    said, title = plain_words(sentence), plain_words(headline)
    if not said or not title:
        return False
    if said in title:
        return True
    return title in said and len(said.split()) - len(title.split()) <= HEADLINE_EXTRA_WORDS


def plain_words(text: str) -> str:
    """The words of a text, lower-case, one space apart: what two wordings of one sentence
    share whatever their punctuation."""
    return " ".join(re.findall(r"\w+", text.lower()))
