"""Streaming story clustering: each article, in time order, joins a story or starts one.

An article is compared with the stories active around its time through an inverted index
over their terms; similarity is the cosine of TF-IDF vectors in which names (people, places,
organisations) and the headline weigh more than common words.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from newsbrief.models import Article
from newsbrief.text.tokens import names, stem, terms

TITLE_WEIGHT = 2.0
NAME_WEIGHT = 1.5
BODY_WORDS = 400  # the lead carries the event; long tails drift to background


class Clusterer(Protocol):
    def add(self, article: Article) -> str:
        """The id of the story the article joins (a new id when it starts one)."""
        ...


def story_id_for(article_id: str) -> str:
    """Stable story id: derived from the id of the story's first article."""
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


def features(article: Article) -> dict[str, float]:
    """Weighted term counts of an article."""
    vec: dict[str, float] = defaultdict(float)
    for term in terms(article.title):
        vec[term] += TITLE_WEIGHT
    body = " ".join(article.text.split()[:BODY_WORDS])
    for term in terms(body):
        vec[term] += 1.0
    for name in names(article.title + ".\n" + body):
        vec["@" + " ".join(stem(w) for w in name.lower().split())] += NAME_WEIGHT
    return vec


@dataclass
class _StoryState:
    id: str
    centroid: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    size: int = 0
    last: datetime | None = None


class StreamingClusterer:
    def __init__(self, threshold: float = 0.15, window: timedelta = timedelta(hours=72)) -> None:
        self.threshold = threshold
        self.window = window
        self.df: Counter[str] = Counter()
        self.docs = 0
        self.stories: dict[str, _StoryState] = {}
        self.index: dict[str, set[str]] = defaultdict(set)

    def _idf(self, term: str) -> float:
        return math.log((1 + self.docs) / (1 + self.df[term])) + 1.0

    def _weighted(self, vec: dict[str, float], sublinear: bool = True) -> dict[str, float]:
        out = {
            t: ((1 + math.log(c)) if sublinear and c >= 1 else c) * self._idf(t)
            for t, c in vec.items()
            if c > 0
        }
        norm = math.sqrt(sum(v * v for v in out.values())) or 1.0
        return {t: v / norm for t, v in out.items()}

    def _candidates(self, vec: dict[str, float], when: datetime | None) -> set[str]:
        rare = sorted((t for t in vec if t in self.index), key=lambda t: self.df[t])[:30]
        found: set[str] = set()
        for term in rare:
            found.update(self.index.get(term, ()))
        if when is None:
            return found
        return {sid for sid in found if self._near(self.stories[sid].last, when)}

    def _near(self, last: datetime | None, when: datetime) -> bool:
        return last is None or abs(when - last) <= self.window

    def add(self, article: Article, story_id: str | None = None) -> str:
        """Assign an article to a story; ``story_id`` forces the choice (loading a store)."""
        vec = features(article)
        # Only a real publication time constrains the match; first-seen times of an import say
        # nothing about when the event happened.
        when = article.published
        self.docs += 1
        for term in vec:
            self.df[term] += 1
        if story_id is None:
            story_id = self._best(vec, when) or story_id_for(article.id)
        state = self.stories.setdefault(story_id, _StoryState(id=story_id))
        for term, weight in vec.items():
            state.centroid[term] += weight
        state.size += 1
        if when is not None and (state.last is None or when > state.last):
            state.last = when
        for term in vec:
            self.index[term].add(story_id)
        return story_id

    def _best(self, vec: dict[str, float], when: datetime | None) -> str | None:
        weighted = self._weighted(vec)
        best, best_score = None, self.threshold
        for sid in self._candidates(vec, when):
            state = self.stories[sid]
            centroid = self._weighted(state.centroid, sublinear=False)
            score = sum(w * centroid.get(t, 0.0) for t, w in weighted.items())
            if score > best_score:
                best, best_score = sid, score
        return best
