"""Story-level operations the CLI and web app share: cluster a file, list, summarize."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from newsbrief.models import Article
from newsbrief.progress import Progress
from newsbrief.store import Store
from newsbrief.store.clustering import new_since
from newsbrief.stories.cluster import Embedder
from newsbrief.stories.pipeline import process
from newsbrief.timeutil import now, to_iso

log = logging.getLogger(__name__)


def read_articles(file: Path) -> list[Article]:
    """Articles of one file; bad lines are logged and skipped, an unusable file is an error."""
    # Reading files brings in HTML extraction (trafilatura): only the commands that read one.
    from newsbrief.ingest.files import Failure, Notice, read_file

    articles: list[Article] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    for item in read_file(file, now()):
        if isinstance(item, Failure):
            failures.append(item)
        elif isinstance(item, Notice):
            log.warning("%s", item)
        elif item.id in seen:
            # A store keeps one article per id: a second line with it would replace the first
            # and both would be reported as one story's two members.
            log.warning("%s: id %r appears again: the later article is skipped", file, item.id)
        else:
            seen.add(item.id)
            articles.append(item)
    if not articles and len(failures) <= 1:
        # The one reason is the error itself: said once, on the error line.
        raise ValueError(str(failures[0]) if failures else f"{file}: no articles")
    for failure in failures:
        log.warning("%s", failure)
    if not articles:
        raise ValueError(f"{file}: no article could be read")
    return articles


def cluster_file(
    store: Store, file: Path, embedder: Embedder | bool | None = None
) -> Iterator[tuple[str, str]]:
    """Stream a file through dedupe and clustering: (article id, story id) in input order.

    ``embedder``: as for :func:`newsbrief.stories.pipeline.process` (None follows the settings).
    """
    articles = read_articles(file)
    for article in articles:
        store.add_article(article)
    process(store, embedder=embedder)
    stories = store.story_of([a.id for a in articles])
    for article in articles:
        yield article.id, stories[article.id]


def summarize_file(file: Path, max_words: int, focus: str | None = None) -> str:
    from newsbrief.summarize import summarize_text

    return summarize_text(read_articles(file), max_words, focus)


HEADLINE_SAMPLE = 40


@dataclass
class StoryRow:
    id: str
    reports: int
    independent: int
    updated: str
    headline: str
    new: int = 0  # articles first seen since the listing's start (or the last day)


def story_rows(
    store: Store, since: datetime | None, limit: int, progress: Progress | None = None
) -> list[StoryRow]:
    # The write-up's code, loaded only when a listing is asked for.
    from newsbrief.stories.dedupe import writeup_articles
    from newsbrief.summarize.headline import choose_headline

    process(store, progress=progress)
    rows = []
    listed = store.stories(active_since=since)[:limit]
    fresh = new_since(store, [s.id for s in listed], since or now() - timedelta(days=1))
    for story in listed:
        reports = store.report_ids(story.article_ids)
        # The headline the briefing shows, chosen among a bounded sample of the reports: the
        # first report's title is often a sentence or a teaser the briefing passes over.
        sample = store.get_articles(story.article_ids[:HEADLINE_SAMPLE])
        rows.append(
            StoryRow(
                id=story.id,
                reports=len(story.article_ids),
                independent=len(set(reports.values())),
                updated=(to_iso(story.updated) or "")[:16].replace("T", " "),
                headline=choose_headline(writeup_articles(sample, reports))[0] if sample else "",
                new=fresh.get(story.id, 0),
            )
        )
    return rows
