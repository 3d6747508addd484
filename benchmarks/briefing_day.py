"""A briefing over a day of 10,000 articles, once stories exist; prints JSON figures.

.venv/bin/python benchmarks/briefing_day.py [--articles 10000]

The day is built from the labelled dev data (the bundled demo corpus when ``../shared`` is
absent): full-text articles are copied under new ids, outlets and times across 24 hours until
they make up about three quarters of the day, and headline-only items fill the rest. Each copy
of a gold story becomes one story in the store (stories are assigned from the labels, so the
clustering stage, benchmarked on its own, is not part of these figures).

Measured: the first briefing (ranking every story from metadata, writing up the candidates,
finding conflicts, storing the write-ups), a second briefing over the same stories (write-ups
come from the store), and rendering the briefing in all four formats.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsbrief.briefing.assemble import build_briefing
from newsbrief.demo import corpus_path
from newsbrief.eval.summaries import load_articles
from newsbrief.models import Article
from newsbrief.render import FORMATS
from newsbrief.store import Store
from newsbrief.stories.dedupe import content_hash

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
NOW = datetime(2024, 5, 2, 6, tzinfo=UTC)


def day_of_articles(total: int) -> list[Article]:
    text_file = SHARED / "ecbplus-dev.jsonl"
    full = load_articles(text_file if text_file.exists() else corpus_path())
    full = [a for a in full if a.text.strip()]
    headlines_file = SHARED / "uci-news-dev.jsonl"
    headlines = load_articles(headlines_file) if headlines_file.exists() else []
    text_share = total if not headlines else int(total * 0.75)
    out: list[Article] = []
    copy = 0
    while len(out) < text_share:
        for i, article in enumerate(full):
            if len(out) >= text_share:
                break
            out.append(_copy(article, copy, i, len(out), total))
        copy += 1
    copy = 0
    while len(out) < total:
        for i, article in enumerate(headlines):
            if len(out) >= total:
                break
            out.append(_copy(article, copy, i, len(out), total))
        copy += 1
    return out


def _copy(article: Article, copy: int, i: int, n: int, total: int) -> Article:
    when = NOW - timedelta(hours=24) + timedelta(seconds=86400 * n / total)
    outlet = article.source or f"outlet{i % 97}.example"
    return Article(
        id=f"{article.id}~{copy}",
        title=article.title,
        text=article.text,
        url=f"https://{outlet}/{article.id}/{copy}",
        source=outlet,
        published=when,
        first_seen=when,
        content_hash=content_hash(article.title + f" {copy}", article.text),
        label=f"{article.label}~{copy}",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    articles = day_of_articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        t0 = time.perf_counter()
        for article in articles:
            store.add_article(article)
            store.assign(article.id, f"s-{article.label}", article.id, article.published or NOW)
        stories = len(store.stories())
        t1 = time.perf_counter()
        first = build_briefing(store, since=NOW - timedelta(hours=24), now=NOW, record=False)
        t2 = time.perf_counter()
        cpu = time.process_time()
        again = build_briefing(store, since=NOW - timedelta(hours=24), now=NOW, record=False)
        t3 = time.perf_counter()
        cpu_again = time.process_time() - cpu
        rendered = {name: render(again) for name, render in FORMATS.items()}
        t4 = time.perf_counter()
    figures = {
        "articles": len(articles),
        "stories": stories,
        "stories_in_briefing": len(first.stories),
        "load_s": round(t1 - t0, 2),
        "first_briefing_s": round(t2 - t1, 3),
        "second_briefing_s": round(t3 - t2, 3),
        "second_briefing_cpu_s": round(cpu_again, 3),
        "render_all_formats_s": round(t4 - t3, 3),
        "second_briefing_and_render_s": round(t4 - t2, 3),
        "first_briefing_and_render_s": round(t2 - t1 + (t4 - t3), 3),
        "same_briefing": [s.id for s in first.stories] == [s.id for s in again.stories],
        "rendered_bytes": {name: len(text) for name, text in rendered.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
