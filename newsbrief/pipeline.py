"""Runs dedupe and clustering over the articles of a store that are in no story yet."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsbrief import config
from newsbrief.cluster import Embedder, StreamingClusterer, embedding_text, load_embedder
from newsbrief.dedupe import Deduper
from newsbrief.models import Article
from newsbrief.store import Store
from newsbrief.timeutil import now

log = logging.getLogger(__name__)

STATE_KEY = "clusterer"
EMBED_BATCH = 256


@dataclass
class ProcessResult:
    articles: int = 0
    new_stories: int = 0
    stories_touched: int = 0


def process(
    store: Store, window_hours: float | None = None, embedder: Embedder | bool | None = None
) -> ProcessResult:
    """Fold new articles into reports and stories; stories keep their ids across runs.

    ``embedder``: None follows the ``semantic`` setting, False turns embeddings off.
    """
    pending = store.unclustered_articles()
    result = ProcessResult()
    if not pending:
        return result
    settings = config.load(store.path.parent)
    window = timedelta(hours=window_hours or float(settings["story_window_hours"]))
    chosen: Embedder | None
    if embedder is None:
        chosen = load_embedder(str(settings["semantic"]))
    elif embedder is False or embedder is True:
        chosen = load_embedder("on") if embedder else None
    else:
        chosen = embedder
    clusterer = StreamingClusterer(window=window, embedder=chosen)
    deduper = Deduper()
    earliest = min(a.when or now() for a in pending)
    _restore(store, clusterer, deduper, since=earliest - window)
    known = set(clusterer.stories)
    touched: set[str] = set()
    for start in range(0, len(pending), EMBED_BATCH):
        batch = pending[start : start + EMBED_BATCH]
        vectors = _embed(chosen, batch)
        for article, vector in zip(batch, vectors, strict=True):
            report = deduper.add(article)
            story = clusterer.add(article, embedding=vector)
            store.assign(article.id, story, report, article.when or now())
            touched.add(story)
            result.articles += 1
    latest = max(a.when or now() for a in pending)
    clusterer.forget_before(latest - 2 * window)
    store.save_blob(STATE_KEY, clusterer.to_state())
    result.new_stories = len(touched - known)
    result.stories_touched = len(touched)
    log.info("clustered %d articles: %d new stories", result.articles, result.new_stories)
    return result


def _embed(embedder: Embedder | None, batch: list[Article]) -> list[list[float] | None]:
    if embedder is None:
        return [None] * len(batch)
    return list(embedder.embed([embedding_text(a) for a in batch]))


def _restore(
    store: Store, clusterer: StreamingClusterer, deduper: Deduper, since: datetime
) -> None:
    """Continue from the saved clustering state, or replay the active stories without one."""
    state = store.load_blob(STATE_KEY)
    if state is not None:
        clusterer.load_state(state)
        # Near-duplicate detection only looks back over the stories that are still active.
        for story in store.stories(active_since=since):
            for article in store.get_articles(story.article_ids):
                deduper.add(article)
        return
    for story in reversed(store.stories(active_since=since)):
        for article in store.get_articles(story.article_ids):
            deduper.add(article)
            clusterer.add(article, story_id=story.id)
