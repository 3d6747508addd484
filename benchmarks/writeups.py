"""Write-up throughput: stories written up per minute; prints JSON figures.

.venv/bin/python benchmarks/writeups.py [--stories 1000] [--file ../shared/data/ecbplus-dev.jsonl]

Stories are the gold stories of a labelled file (the dev data when present, else the bundled
demo corpus), written up in turn until ``--stories`` write-ups are done. Each write-up is the
full extractive one (headline, summary, sections, key facts, quote, entities, keyphrases) plus
the conflicting figures, as a briefing makes it. The sentence splitting, cleaning and figure
caches are emptied before every story, so repeated stories cost as much as new ones.
Wall-clock and CPU figures are both printed: on a shared machine the CPU time is the steadier.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from newsbrief.conflicts import find_conflicts
from newsbrief.demo import corpus_path
from newsbrief.eval.summaries import load_articles
from newsbrief.models import Article
from newsbrief.summarize import ExtractiveSummarizer
from newsbrief.text import numbers, sentences
from newsbrief.text.boilerplate import clean_sentence

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus-dev.jsonl"


def stories(file: Path) -> list[list[Article]]:
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in load_articles(file):
        groups[str(article.label)].append(article)
    return list(groups.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--file", type=Path, default=DEV if DEV.exists() else corpus_path())
    args = parser.parse_args()
    pool = stories(args.file)
    summarizer = ExtractiveSummarizer()
    times: list[float] = []
    articles = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for i in range(args.stories):
        story = pool[i % len(pool)]
        clean_sentence.cache_clear()
        sentences.clear_cache()
        numbers.clear_cache()
        t0 = time.perf_counter()
        summarizer.write(story)
        find_conflicts(story, {a.id: a.id for a in story})
        times.append(time.perf_counter() - t0)
        articles += len(story)
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    times.sort()
    print(
        json.dumps(
            {
                "file": args.file.name,
                "stories": args.stories,
                "distinct_stories": len(pool),
                "mean_articles_per_story": round(articles / args.stories, 1),
                "seconds": round(total, 2),
                "stories_per_minute": round(args.stories / total * 60),
                "cpu_seconds": round(cpu, 2),
                "stories_per_cpu_minute": round(args.stories / cpu * 60),
                "median_ms": round(statistics.median(times) * 1000, 1),
                "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1),
                "max_ms": round(times[-1] * 1000, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
