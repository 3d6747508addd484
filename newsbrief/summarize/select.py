"""Choosing sentences: budgeted maximum coverage of the story's concepts.

A story's *concepts* are its content words and adjacent content-word pairs; a concept's weight
is its support, the number of reports that mention it, so what many independent reports say
weighs more than one outlet's detail (concept-based multi-document summarization, Gillick & Favre
2009, solved greedily as in Lin & Bilmes 2010). Coverage is submodular: a sentence gains only for
concepts no chosen sentence covers yet, which is the redundancy control. A prior for early
sentences adds the news convention that a report states its event first. Greedy selection by
gain per word under a word budget has the usual (1 - 1/e)-style guarantee for this objective.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsbrief.summarize.candidates import Candidate

BIGRAM_WEIGHT = 1.0
UNIGRAM_WEIGHT = 0.5
POSITION_WEIGHT = 0.3  # share of a sentence's value owed to being a report's lead
COST_EXPONENT = 0.5  # gain per word^r: r<1 keeps long informative sentences in play
FOCUS_BOOST = 3.0


@dataclass(frozen=True)
class Incidence:
    """Which concepts each candidate holds: a candidates x concepts 0/1 matrix, kept by rows.

    Selection needs two things of it, a row's concepts and each row's sum of concept values,
    which numpy does alone: scipy's sparse matrices cost 0.25 s of CPU to import in every
    process that summarizes, more than summarizing a small story.
    """

    starts: np.ndarray  # row i holds the concepts columns[starts[i]:starts[i + 1]]
    columns: np.ndarray
    rows: np.ndarray  # the row of each entry
    concepts: int

    @classmethod
    def from_rows(cls, rows: list[list[int]], concepts: int) -> Incidence:
        lengths = np.array([len(r) for r in rows], dtype=np.intp)
        starts = np.zeros(len(rows) + 1, dtype=np.intp)
        np.cumsum(lengths, out=starts[1:])
        columns = np.array([j for r in rows for j in r], dtype=np.intp)
        return cls(starts, columns, np.repeat(np.arange(len(rows)), lengths), concepts)

    def row(self, i: int) -> np.ndarray:
        return self.columns[self.starts[i] : self.starts[i + 1]]

    def times(self, values: np.ndarray) -> np.ndarray:
        """Each row's sum of the values of its concepts (the matrix times ``values``)."""
        sums: np.ndarray = np.bincount(
            self.rows, weights=values[self.columns], minlength=len(self.starts) - 1
        )
        return sums


@dataclass
class ConceptModel:
    """Candidates with their concept incidence and the concepts' weights."""

    cands: list[Candidate]
    incidence: Incidence  # candidates x concepts, 0/1
    weights: np.ndarray  # per concept
    prior: np.ndarray  # per candidate: position prior in [0, 1]
    lengths: np.ndarray  # words per candidate
    docs: int


def concepts_of(tokens: Sequence[str]) -> set[str]:
    found = set(tokens)
    found.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return found


def position_prior(position: int) -> float:
    return 1.0 / math.sqrt(1.0 + position)


def build_model(
    cands: list[Candidate], focus_terms: set[str] | None = None, docs: int | None = None
) -> ConceptModel:
    index: dict[str, int] = {}
    rows: list[list[int]] = []
    mentioned: list[set[str]] = []  # per concept: the articles whose sentences mention it
    for cand in cands:
        row = []
        for concept in concepts_of(cand.tokens):  # a set: a concept counts once per sentence
            j = index.get(concept)
            if j is None:
                j = index[concept] = len(index)
                mentioned.append(set())
            row.append(j)
            mentioned[j].update(cand.cites)
        rows.append(row)
    incidence = Incidence.from_rows(rows, len(index))
    # Support: the number of distinct articles whose sentences mention each concept.
    support = np.array([len(m) for m in mentioned], dtype=float)
    articles = set().union(*(c.cites for c in cands))
    n_docs = docs or len(articles) or 1
    min_support = 2 if n_docs >= 2 else 1
    base = np.array([BIGRAM_WEIGHT if " " in c else UNIGRAM_WEIGHT for c in index])
    weights = np.where(support >= min_support, base * support, 0.0)
    if focus_terms:
        for concept, j in index.items():
            if any(part in focus_terms for part in concept.split()):
                weights[j] *= FOCUS_BOOST
    prior = np.array([position_prior(c.position) for c in cands])
    lengths = np.array([max(1, c.length) for c in cands], dtype=float)
    return ConceptModel(cands, incidence, weights, prior, lengths, n_docs)


def coverage_value(model: ConceptModel) -> np.ndarray:
    """Each candidate's concept value on its own."""
    return model.incidence.times(model.weights)


def greedy(
    model: ConceptModel,
    max_words: int,
    max_sentences: int | None = None,
    allowed: np.ndarray | None = None,
    covered: np.ndarray | None = None,
    bonus: np.ndarray | None = None,
) -> list[int]:
    """Indices of the chosen candidates, in the order chosen.

    ``allowed`` masks the candidates that may be chosen, ``covered`` marks concepts already
    covered (by an earlier part of the write-up), ``bonus`` multiplies each candidate's gain.
    """
    n = len(model.cands)
    if n == 0:
        return []
    remaining = np.ones(n, dtype=bool) if allowed is None else allowed.copy()
    live = model.weights.copy()
    if covered is not None:
        live[covered] = 0.0
    alone = coverage_value(model)
    scale = float(alone.max()) or 1.0
    chosen: list[int] = []
    used = 0
    while remaining.any():
        fresh = model.incidence.times(live)  # value of what is not covered yet
        gain = fresh + POSITION_WEIGHT * scale * model.prior
        if bonus is not None:
            gain = gain * bonus
        # A sentence that adds no uncovered concept says nothing new: never chosen.
        fits = remaining & (model.lengths <= max_words - used) & (fresh > 0)
        if not fits.any():
            break
        ratio = np.where(fits, gain / model.lengths**COST_EXPONENT, -np.inf)
        best = int(np.argmax(ratio))
        chosen.append(best)
        used += int(model.lengths[best])
        remaining[best] = False
        live[model.incidence.row(best)] = 0.0
        if max_sentences is not None and len(chosen) >= max_sentences:
            break
    return chosen
