"""Answer latency over a large archive; prints p50/p95 as JSON.

    .venv/bin/python benchmarks/ask_latency.py --data ../shared/data --articles 100000

The archive is synthesized from the dev data (ECB+ and UCI articles copied with new ids and
publication times spread over 60 days) and the bundled question set is asked against it. The
store is built once and kept at --store for reruns.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsbrief.ask.answers import ask
from newsbrief.eval.ask import default_questions, load_questions
from newsbrief.ingest.files import article_from_record
from newsbrief.store import Store


def build(store: Store, data: Path, target: int) -> None:
    rows = []
    for name in ("ecbplus-dev.jsonl", "uci-news-dev.jsonl"):
        rows += [json.loads(line) for line in (data / name).read_text().splitlines() if line]
    base = datetime(2026, 9, 1, tzinfo=UTC)
    n = 0
    while n < target:
        row = rows[n % len(rows)]
        copy = dict(row, id=f"{row['id']}-{n // len(rows)}", url=None)
        copy["published"] = (base + timedelta(minutes=(n * 7) % (60 * 24 * 60))).isoformat()
        store.add_article(article_from_record(copy, base + timedelta(days=60)))
        n += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--store", type=Path, default=Path("/tmp/newsbrief-ask-bench.db"))
    args = parser.parse_args()
    with Store(args.store) as store:
        if store.article_count() < args.articles:
            start = time.perf_counter()
            build(store, args.data, args.articles)
            print(f"built {store.article_count()} articles in {time.perf_counter() - start:.0f} s")
        questions = [q["question"] for q in load_questions(default_questions())]
        ask(store, questions[0])  # warm the page cache
        latencies = []
        for question in questions:
            start = time.perf_counter()
            ask(store, question)
            latencies.append(1000 * (time.perf_counter() - start))
        latencies.sort()
        print(
            json.dumps(
                {
                    "articles": store.article_count(),
                    "questions": len(latencies),
                    "p50_ms": round(statistics.median(latencies), 1),
                    "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
                    "max_ms": round(latencies[-1], 1),
                }
            )
        )


if __name__ == "__main__":
    main()
