"""Streaming story clustering: each article, in time order, joins a story or starts one.

An article is compared with the stories active around its publication time, found through an
inverted index over their terms. Similarity is the cosine between the article's TF-IDF vector
and the story's centroid, in a space where the headline and names (people, places,
organisations) weigh more than other words and the lead of the text more than its tail.
IDF is learned from everything seen so far, so the model needs no training corpus.

Headline-only items (many feeds carry only a title and a line) share far fewer words with a
story than full articles do, so they are held to a lower similarity threshold.

When the optional semantic extra is installed, a sentence-embedding cosine is blended in.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from newsbrief.models import Article
from newsbrief.text.tokens import names, stem, terms

TITLE_WEIGHT = 3.0
NAME_WEIGHT = 1.5
BODY_WORDS = 150  # the lead carries the event; later paragraphs drift into background
SHORT_TEXT_WORDS = 25  # below this an item is treated as headline-only
THRESHOLD_FULL = 0.25
THRESHOLD_SHORT = 0.07
CANDIDATE_TERMS = 40  # rarest terms of an article used to find candidate stories
SEMANTIC_WEIGHT = 0.5


class Clusterer(Protocol):
    def add(self, article: Article, story_id: str | None = None) -> str:
        """The id of the story the article joins (a new id when it starts one)."""
        ...


class Embedder(Protocol):
    def embed(self, texts: list[str]) -> list[list[float]]:
        """Unit-length sentence embeddings."""
        ...


def story_id_for(article_id: str) -> str:
    """Stable story id: derived from the id of the story's first article."""
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


def _body(article: Article) -> str:
    return " ".join(article.text.split()[:BODY_WORDS])


def features(article: Article) -> dict[str, float]:
    """Weighted term counts of an article: headline, lead, and the names in them."""
    vec: dict[str, float] = defaultdict(float)
    body = _body(article)
    for term in terms(article.title):
        vec[term] += TITLE_WEIGHT
    for term in terms(body):
        vec[term] += 1.0
    for name in names(article.title + ".\n" + body):
        vec["@" + " ".join(stem(w) for w in name.lower().split())] += NAME_WEIGHT
    return dict(vec)


def is_short(article: Article) -> bool:
    return len(article.text.split()) < SHORT_TEXT_WORDS


def embedding_text(article: Article) -> str:
    return f"{article.title}. {_body(article)}"


@dataclass
class StoryState:
    id: str
    centroid: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    size: int = 0
    last: datetime | None = None  # latest publication time of its articles
    seen: datetime | None = None  # latest time any of its articles was published or seen
    embedding: list[float] | None = None
    norm: float = 0.0  # TF-IDF norm of the centroid, as of ``norm_docs`` documents
    norm_docs: int = -1


class StreamingClusterer:
    def __init__(
        self,
        window: timedelta = timedelta(hours=72),
        threshold_full: float = THRESHOLD_FULL,
        threshold_short: float = THRESHOLD_SHORT,
        embedder: Embedder | None = None,
    ) -> None:
        self.window = window
        self.threshold_full = threshold_full
        self.threshold_short = threshold_short
        self.embedder = embedder
        self.df: dict[str, int] = defaultdict(int)
        self.docs = 0
        self.stories: dict[str, StoryState] = {}
        self.index: dict[str, set[str]] = defaultdict(set)

    def idf(self, term: str) -> float:
        return math.log((1 + self.docs) / (1 + self.df.get(term, 0))) + 1.0

    def _article_vector(self, vec: dict[str, float]) -> dict[str, float]:
        out = {t: (1.0 + math.log(c)) * self.idf(t) for t, c in vec.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in out.values())) or 1.0
        return {t: v / norm for t, v in out.items()}

    def _norm(self, state: StoryState) -> float:
        # IDF drifts slowly as documents arrive: the norm is recomputed when the story grows
        # or the collection has grown by a tenth, not for every comparison.
        if state.norm_docs < 0 or self.docs > state.norm_docs * 1.1 + 10:
            total = sum((c * self.idf(t)) ** 2 for t, c in state.centroid.items())
            state.norm = math.sqrt(total) or 1.0
            state.norm_docs = self.docs
        return state.norm

    def _lexical(self, weighted: dict[str, float], state: StoryState) -> float:
        centroid = state.centroid
        dot = sum(w * centroid.get(t, 0.0) * self.idf(t) for t, w in weighted.items())
        return dot / self._norm(state)

    def _candidates(self, vec: dict[str, float], when: datetime | None) -> list[str]:
        known = [t for t in vec if t in self.index]
        rare = sorted(known, key=lambda t: self.df.get(t, 0))[:CANDIDATE_TERMS]
        found: set[str] = set()
        for term in rare:
            found.update(self.index[term])
        return sorted(sid for sid in found if self._near(self.stories[sid].last, when))

    def _near(self, last: datetime | None, when: datetime | None) -> bool:
        """A story goes quiet: one silent for longer than the window takes no new articles."""
        return last is None or when is None or abs(when - last) <= self.window

    def add(
        self,
        article: Article,
        story_id: str | None = None,
        embedding: list[float] | None = None,
    ) -> str:
        """Assign an article to a story; ``story_id`` forces the choice (replaying a store)."""
        vec = features(article)
        # Only a real publication time constrains the match: a first-seen time of an import
        # says nothing about when the event happened.
        when = article.published
        self.docs += 1
        for term in vec:
            self.df[term] += 1
        if embedding is None and self.embedder is not None:
            embedding = self.embedder.embed([embedding_text(article)])[0]
        if story_id is None:
            story_id = self._best(article, vec, when, embedding) or story_id_for(article.id)
        self._join(story_id, vec, when, article.when, embedding)
        return story_id

    def _best(
        self,
        article: Article,
        vec: dict[str, float],
        when: datetime | None,
        embedding: list[float] | None,
    ) -> str | None:
        weighted = self._article_vector(vec)
        threshold = self.threshold_short if is_short(article) else self.threshold_full
        best, best_score = None, threshold
        for sid in self._candidates(vec, when):
            state = self.stories[sid]
            score = self._lexical(weighted, state)
            if embedding is not None and state.embedding is not None:
                score = (1 - SEMANTIC_WEIGHT) * score + SEMANTIC_WEIGHT * _cosine(
                    embedding, state.embedding
                )
            if score > best_score:
                best, best_score = sid, score
        return best

    def _join(
        self,
        story_id: str,
        vec: dict[str, float],
        when: datetime | None,
        seen: datetime | None,
        embedding: list[float] | None,
    ) -> None:
        state = self.stories.get(story_id)
        if state is None:
            state = self.stories[story_id] = StoryState(id=story_id)
        for term, weight in vec.items():
            state.centroid[term] += weight
            self.index[term].add(story_id)
        state.size += 1
        state.norm_docs = -1  # the centroid changed
        if when is not None and (state.last is None or when > state.last):
            state.last = when
        if seen is not None and (state.seen is None or seen > state.seen):
            state.seen = seen
        if embedding is not None:
            if state.embedding is None:
                state.embedding = list(embedding)
            else:
                state.embedding = [a + b for a, b in zip(state.embedding, embedding, strict=True)]

    def forget_before(self, cutoff: datetime) -> int:
        """Drop stories quiet since before ``cutoff``: no new article can join them."""
        gone = [sid for sid, s in self.stories.items() if s.seen is not None and s.seen < cutoff]
        for sid in gone:
            state = self.stories.pop(sid)
            for term in state.centroid:
                members = self.index.get(term)
                if members is not None:
                    members.discard(sid)
                    if not members:
                        del self.index[term]
        return len(gone)

    # persistence ---------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """Everything needed to continue clustering later, as plain JSON-able data."""
        return {
            "docs": self.docs,
            "df": dict(self.df),
            "stories": [
                {
                    "id": s.id,
                    "centroid": dict(s.centroid),
                    "size": s.size,
                    "last": s.last.isoformat() if s.last else None,
                    "seen": s.seen.isoformat() if s.seen else None,
                    "embedding": s.embedding,
                }
                for s in self.stories.values()
            ],
        }

    def load_state(self, state: dict[str, Any]) -> None:
        self.docs = int(state.get("docs", 0))
        self.df = defaultdict(int, {k: int(v) for k, v in state.get("df", {}).items()})
        for item in state.get("stories", []):
            story = StoryState(
                id=item["id"],
                centroid=defaultdict(float, item["centroid"]),
                size=int(item["size"]),
                last=datetime.fromisoformat(item["last"]) if item.get("last") else None,
                seen=datetime.fromisoformat(item["seen"]) if item.get("seen") else None,
                embedding=item.get("embedding"),
            )
            self.stories[story.id] = story
            for term in story.centroid:
                self.index[term].add(story.id)


def _cosine(a: Iterable[float], b: Iterable[float]) -> float:
    a, b = list(a), list(b)
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = math.sqrt(sum(x * x for x in a)) or 1.0
    nb = math.sqrt(sum(y * y for y in b)) or 1.0
    return dot / (na * nb)


_EMBEDDER: list[Embedder | None] = []


def load_embedder(mode: str = "auto") -> Embedder | None:
    """The sentence-embedding model of the semantic extra, or None.

    ``mode`` is the ``semantic`` setting: ``off``; ``auto`` uses the model when the extra is
    installed; ``on`` requires it. The model is loaded once per process.
    """
    if mode == "off":
        return None
    if not _EMBEDDER:
        try:
            from newsbrief.semantic import MiniLMEmbedder

            _EMBEDDER.append(MiniLMEmbedder())
        except (ImportError, OSError) as exc:
            if mode == "on":
                raise RuntimeError(
                    "semantic = on, but the semantic extra is not installed "
                    "(pip install torch==2.13.0 'newsbrief[semantic]')"
                ) from exc
            _EMBEDDER.append(None)
    return _EMBEDDER[0]
