"""Runs dedupe and clustering over the articles of a store that are in no story yet."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from newsbrief.cluster import StreamingClusterer
from newsbrief.dedupe import Deduper
from newsbrief.store import Store
from newsbrief.timeutil import now

log = logging.getLogger(__name__)


@dataclass
class ProcessResult:
    articles: int = 0
    new_stories: int = 0
    stories_touched: int = 0


def process(store: Store, window_hours: float = 72.0) -> ProcessResult:
    """Fold new articles into reports and stories; stories keep their ids across runs."""
    pending = store.unclustered_articles()
    result = ProcessResult()
    if not pending:
        return result
    window = timedelta(hours=window_hours)
    deduper = Deduper()
    clusterer = StreamingClusterer(window=window)
    earliest = min((a.when or now()) for a in pending)
    _load_state(store, deduper, clusterer, since=earliest - window)
    known = set(clusterer.stories)
    touched: set[str] = set()
    for article in pending:
        report = deduper.add(article)
        story = clusterer.add(article)
        store.assign(article.id, story, report, article.when or now())
        touched.add(story)
        result.articles += 1
    result.new_stories = len(touched - known)
    result.stories_touched = len(touched)
    log.info("clustered %d articles: %d new stories", result.articles, result.new_stories)
    return result


def _load_state(
    store: Store, deduper: Deduper, clusterer: StreamingClusterer, since: object
) -> None:
    """Replay the stories active in the window so new articles can join them."""
    from datetime import datetime

    assert isinstance(since, datetime)
    for story in reversed(store.stories(active_since=since)):
        for article in store.get_articles(story.article_ids):
            deduper.add(article)
            clusterer.add(article, story_id=story.id)
