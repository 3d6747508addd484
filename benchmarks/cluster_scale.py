"""Streaming story clustering at scale; prints JSON lines of timings and peak memory.

    .venv/bin/python benchmarks/cluster_scale.py --data ../shared/data --articles 100000 \
        [--searches 200] [--database-url postgresql://...] [--profile FILE] [--stories FILE]

The corpus is synthesized from the dev data (ECB+ full text and UCI headlines): the labelled
articles are replayed as consecutive "editions", each four days after the previous one, so an
edition's events are new stories rather than repeats of the last one (the clusterer's time
window is shorter than the gap). Every copy gets its own id and an edition note, so nothing is
an exact duplicate of an earlier edition. Articles are added and clustered in chunks, as a
long-running install would see them; after each chunk the script prints the total so far, the
chunk's clustering rate, its CPU time (this process only, so that runs on a busy machine
compare), the stories and a fingerprint of them (which articles are together: runs on two
engines, or two versions of the code, that agree print the same) and the peak memory of the
process. Finally 1,000 new articles are attached to the full store and timed on their own.
``--profile`` writes a cProfile of the clustering calls; ``--stories`` writes each article's
story, to find where two runs differ.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import resource
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsbrief.ingest.files import article_from_record
from newsbrief.models import Story
from newsbrief.search import search
from newsbrief.store import Store
from newsbrief.stories.pipeline import process
from newsbrief.text.tokens import STOPWORDS, words

EDITION = timedelta(days=4)
START = datetime(2025, 1, 1, tzinfo=UTC)


def load_rows(data: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for name in ("ecbplus-dev.jsonl", "uci-news-dev.jsonl"):
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        rows += [json.loads(line) for line in lines if line.strip()]
    return rows


def synthesize(rows: list[dict[str, Any]], n: int) -> dict[str, Any]:
    """Article n of the synthetic stream: a copy of a dev row placed in its edition's days."""
    edition, i = divmod(n, len(rows))
    row = rows[i]
    # Spread one edition's articles over three days, in the rows' order.
    offset = timedelta(seconds=(i * 3 * 86400) // len(rows))
    return {
        **row,
        "id": f"e{edition}-{row['id']}",
        "url": None,
        "text": f"{row.get('text') or ''}\n(Edition {edition}.)",
        "published": (START + edition * EDITION + offset).isoformat(),
    }


def digest(stories: list[Story]) -> str:
    """A short fingerprint of which articles are in which story (not of the ids): two runs
    with the same fingerprint formed the same stories."""
    groups = sorted(sorted(story.article_ids) for story in stories)
    return hashlib.sha1(json.dumps(groups).encode()).hexdigest()[:12]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def add(store: Store, rows: list[dict[str, Any]], first: int, count: int) -> None:
    for n in range(first, first + count):
        record = synthesize(rows, n)
        store.add_article(article_from_record(record, datetime.fromisoformat(record["published"])))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=10_000)
    parser.add_argument("--attach", type=int, default=1_000)
    parser.add_argument(
        "--database-url", default="", help="an empty PostgreSQL database (default: SQLite)"
    )
    parser.add_argument(
        "--searches", type=int, default=0, help="then time this many searches of the full store"
    )
    parser.add_argument(
        "--profile", type=Path, help="write a cProfile of the clustering calls to this file"
    )
    parser.add_argument(
        "--stories", type=Path, help="write each article's story to this file (to compare runs)"
    )
    args = parser.parse_args()
    profiler = cProfile.Profile() if args.profile else None
    rows = load_rows(args.data)
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store(args.database_url or Path(tmp) / "bench.db", Path(tmp)) as store,
    ):
        done = 0
        while done < args.articles:
            count = min(args.chunk, args.articles - done)
            add(store, rows, done, count)
            start, cpu = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            process(store, embedder=False)
            if profiler is not None:
                profiler.disable()
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            done += count
            print(
                json.dumps(
                    {
                        "articles": done,
                        "chunk": count,
                        "cluster_s": round(seconds, 1),
                        "articles_per_s": round(count / seconds),
                        # CPU time of this process alone: comparable on a busy machine.
                        "cpu_s": round(cpu, 1),
                        "cpu_ms_per_article": round(1000 * cpu / count, 2),
                        "stories": len(stories := store.stories()),
                        "digest": digest(stories),
                        "peak_mb": round(peak_mb()),
                    }
                ),
                flush=True,
            )
        if profiler is not None:
            profiler.dump_stats(args.profile)
        add(store, rows, done, args.attach)
        start, cpu = time.perf_counter(), time.process_time()
        process(store, embedder=False)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            json.dumps(
                {
                    "attach": args.attach,
                    "store_articles": done,
                    "attach_s": round(seconds, 2),
                    "attach_cpu_s": round(cpu, 2),
                    "peak_mb": round(peak_mb()),
                }
            ),
            flush=True,
        )
        if args.stories:
            write_stories(store, args.stories)
        if args.searches:
            print(json.dumps(time_searches(store, rows, args.searches)), flush=True)


def write_stories(store: Store, path: Path) -> None:
    """One line per article: its id and its story's id, sorted (two runs compare with diff)."""
    lines = sorted(f"{aid}\t{story.id}" for story in store.stories() for aid in story.article_ids)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def search_queries(rows: list[dict[str, Any]], count: int) -> list[str]:
    """Two- and three-word queries from headlines spread over the data (what readers type)."""
    queries: list[str] = []
    step = max(1, len(rows) // count)
    for i in range(0, len(rows), step):
        picked = [w for w in words(rows[i].get("title") or "") if w not in STOPWORDS]
        if len(picked) >= 2:
            queries.append(" ".join(picked[: 2 + i % 2]))
        if len(queries) == count:
            break
    return queries


def time_searches(store: Store, rows: list[dict[str, Any]], count: int) -> dict[str, Any]:
    """Latency of full-text search (the best 20 articles, as the search page asks) over the
    whole store; each query once after one warm-up pass over the first ten."""
    queries = search_queries(rows, count)
    for query in queries[:10]:
        search(store, query, limit=20)
    times = []
    for query in queries:
        start = time.perf_counter()
        search(store, query, limit=20)
        times.append(1000 * (time.perf_counter() - start))
    times.sort()
    return {
        "searches": len(times),
        "store_articles": store.article_count(),
        "search_p50_ms": round(statistics.median(times), 1),
        "search_p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "search_max_ms": round(times[-1], 1),
    }


if __name__ == "__main__":
    main()
