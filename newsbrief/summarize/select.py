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
from typing import TYPE_CHECKING

import numpy as np

from newsbrief.summarize.candidates import Candidate

if TYPE_CHECKING:
    from scipy import sparse

BIGRAM_WEIGHT = 1.0
UNIGRAM_WEIGHT = 0.5
POSITION_WEIGHT = 0.3  # share of a sentence's value owed to being a report's lead
COST_EXPONENT = 0.5  # gain per word^r: r<1 keeps long informative sentences in play
FOCUS_BOOST = 3.0


@dataclass
class ConceptModel:
    """Candidates with their concept incidence and the concepts' weights."""

    cands: list[Candidate]
    incidence: sparse.csr_matrix  # candidates x concepts, 0/1
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
    from scipy import sparse  # scipy is slow to import: only when a summary is made

    index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, cand in enumerate(cands):
        for concept in concepts_of(cand.tokens):
            j = index.get(concept)
            if j is None:
                j = index[concept] = len(index)
            rows.append(i)
            cols.append(j)
    incidence = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(cands), len(index))
    )
    incidence.data[:] = 1.0  # a concept twice in one sentence is still one concept
    # Support: the number of distinct articles whose sentences mention each concept.
    articles: dict[str, int] = {}
    cite_rows: list[int] = []
    cite_cols: list[int] = []
    for i, cand in enumerate(cands):
        for article in cand.cites:
            cite_rows.append(i)
            cite_cols.append(articles.setdefault(article, len(articles)))
    cites = sparse.csr_matrix(
        (np.ones(len(cite_rows)), (cite_rows, cite_cols)), shape=(len(cands), len(articles))
    )
    support = np.asarray(((incidence.T @ cites) > 0).sum(axis=1)).ravel()
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
    return np.asarray(model.incidence @ model.weights).ravel()


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
        fresh = np.asarray(model.incidence @ live).ravel()  # value of what is not covered yet
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
        live[model.incidence[best].indices] = 0.0
        if max_sentences is not None and len(chosen) >= max_sentences:
            break
    return chosen
