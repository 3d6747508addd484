"""The summary of a fetch counts in words a reader reads: one feed is "1 source", one new item
"1 new article" (the command line, the sources page and POST /api/sources/fetch say it)."""

from __future__ import annotations

from newsbrief.ingest.subscriptions import FetchReport, SourceResult
from newsbrief.models import Source


def feed(n: int) -> Source:
    return Source(id=n, kind="feed", url=f"https://example.org/{n}.xml")


def test_one_feed_and_one_article_are_singular():
    report = FetchReport([SourceResult(feed(1), new=1)])
    assert report.summary() == "1 source: 1 new article, 0 unchanged, 0 failed"


def test_many_and_none_are_plural():
    report = FetchReport(
        [SourceResult(feed(1), new=3), SourceResult(feed(2), not_modified=True),
         SourceResult(feed(3), error="HTTP 404")]
    )  # fmt: skip
    assert report.summary() == "3 sources: 3 new articles, 1 unchanged, 1 failed"
    assert FetchReport([SourceResult(feed(1))]).summary() == (
        "1 source: 0 new articles, 1 unchanged, 0 failed"
    )
