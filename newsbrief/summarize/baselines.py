"""Reference summarizers the evaluation runs beside newsbrief's own method.

They share newsbrief's cleaned candidate sentences and word budget, so a comparison measures
sentence selection alone: the lead of the earliest report, random sentences, the centroid
method of MEAD (Radev et al. 2004) and continuous LexRank (Erkan & Radev 2004).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newsbrief.models import Article
from newsbrief.summarize.candidates import Candidate, content_tokens

if TYPE_CHECKING:
    from scipy import sparse

REDUNDANT = 0.7  # MEAD's reranker: skip a sentence this similar to one already chosen


@dataclass
class BackgroundIdf:
    """Inverse document frequencies from a background collection."""

    df: Counter[str]
    docs: int

    @classmethod
    def from_articles(cls, articles: Iterable[Article]) -> BackgroundIdf:
        df: Counter[str] = Counter()
        docs = 0
        for article in articles:
            df.update(set(content_tokens(article.title + " " + article.text)))
            docs += 1
        return cls(df, docs)

    def idf(self, term: str) -> float:
        return math.log((self.docs + 1) / (self.df.get(term, 0) + 1)) + 1.0


def fill(ranked: Sequence[Candidate], max_words: int, redundancy: float | None = None) -> list[str]:
    """Take ranked sentences while they fit the word budget, skipping near-repeats."""
    chosen: list[Candidate] = []
    used = 0
    for cand in ranked:
        if used + cand.length > max_words:
            continue
        if redundancy is not None and any(
            _cosine(Counter(cand.tokens), Counter(c.tokens)) > redundancy for c in chosen
        ):
            continue
        chosen.append(cand)
        used += cand.length
    chosen.sort(key=lambda c: (c.doc, c.position))
    return [c.text for c in chosen]


def _cosine(a: Counter[str], b: Counter[str], idf: BackgroundIdf | None = None) -> float:
    def w(t: str) -> float:
        return idf.idf(t) if idf else 1.0

    dot = sum(v * b.get(t, 0) * w(t) ** 2 for t, v in a.items())
    na = math.sqrt(sum((v * w(t)) ** 2 for t, v in a.items()))
    nb = math.sqrt(sum((v * w(t)) ** 2 for t, v in b.items()))
    return dot / (na * nb) if na and nb else 0.0


def lead_summary(cands: Sequence[Candidate], max_words: int) -> list[str]:
    """The first sentences of the earliest report."""
    first = min((c.doc for c in cands), default=0)
    return fill([c for c in cands if c.doc == first], max_words)


def random_summary(cands: Sequence[Candidate], max_words: int, seed: int = 7) -> list[str]:
    shuffled = list(cands)
    random.Random(seed + len(shuffled)).shuffle(shuffled)
    return fill(shuffled, max_words)


def centroid_summary(
    articles: Sequence[Article],
    cands: Sequence[Candidate],
    max_words: int,
    background: BackgroundIdf,
) -> list[str]:
    """MEAD: centroid value plus position value, redundant sentences skipped."""
    if not cands:
        return []
    weights: dict[str, float] = {}
    for article in articles:
        for term, count in Counter(content_tokens(article.title + " " + article.text)).items():
            weights[term] = weights.get(term, 0.0) + count * background.idf(term) / len(articles)
    top = max(weights.values())
    centroid = {t: v for t, v in weights.items() if v >= 0.1 * top}
    longest = max(c.position for c in cands) + 1
    scores = {}
    for cand in cands:
        # Summed in a fixed order: a set's order follows the process's hash seed, and float
        # sums in another order can break a tie the other way.
        value = sum(centroid.get(t, 0.0) for t in sorted(set(cand.tokens)))
        scores[id(cand)] = value
    best = max(scores.values()) or 1.0
    for cand in cands:
        scores[id(cand)] += best * (longest - cand.position) / longest
    ranked = sorted(cands, key=lambda c: -scores[id(c)])
    return fill(ranked, max_words, REDUNDANT)


def tfidf_matrix(cands: Sequence[Candidate], background: BackgroundIdf) -> sparse.csr_matrix:
    """Rows: the candidates' idf-weighted term vectors, unit length."""
    from scipy import sparse  # slow to import: only when a baseline runs

    index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for i, cand in enumerate(cands):
        for term, count in Counter(cand.tokens).items():
            j = index.setdefault(term, len(index))
            rows.append(i)
            cols.append(j)
            values.append(count * background.idf(term))
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(cands), len(index)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def lexrank_scores(cands: Sequence[Candidate], background: BackgroundIdf) -> np.ndarray:
    """Continuous LexRank: stationary distribution of the idf-cosine similarity graph."""
    n = len(cands)
    matrix = tfidf_matrix(cands, background)
    sim = (matrix @ matrix.T).toarray()
    sim[sim < 0.1] = 0.0
    rows = sim.sum(axis=1, keepdims=True)
    rows[rows == 0] = 1.0
    transition = sim / rows
    damping = 0.85
    scores = np.full(n, 1.0 / n)
    for _ in range(100):
        updated = (1 - damping) / n + damping * transition.T @ scores
        if np.abs(updated - scores).sum() < 1e-6:
            return updated
        scores = updated
    return scores


def lexrank_summary(
    cands: Sequence[Candidate], max_words: int, background: BackgroundIdf
) -> list[str]:
    if not cands:
        return []
    scores = lexrank_scores(cands, background)
    ranked = [cands[i] for i in np.argsort(-scores, kind="stable")]
    return fill(ranked, max_words, 0.5)


def centroid_headline(articles: Sequence[Article]) -> str:
    """The title closest to the centroid of all titles."""
    bags = [Counter(content_tokens(a.title)) for a in articles]
    centroid: Counter[str] = Counter()
    for bag in bags:
        centroid.update(bag)
    best = max(range(len(articles)), key=lambda i: _cosine(bags[i], centroid))
    return articles[best].title
