"""Briefings for many profiles over one day of articles; prints JSON timings.

    .venv/bin/python benchmarks/profiles_briefings.py --data ../shared/data \
        --articles 10000 --profiles 100

A day of articles is synthesized from the dev data (ECB+ and UCI copies with new ids, spread over
24 hours), clustered once; then each profile's briefing is built. Story write-ups are shared
between profiles; only ranking and "why it matters" are per reader.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsbrief.briefing.assemble import build_briefing
from newsbrief.ingest.files import article_from_record
from newsbrief.models import Profile
from newsbrief.store import Store
from newsbrief.stories.pipeline import process

INTERESTS = [
    "NBA coaches", "boxing title fights", "NFL injuries", "security patches", "internet cables",
    "celebrity rehab", "Oscars hosts", "film sequels", "endangered species", "elections",
    "piracy", "earthquakes", "store fires", "murder trials", "jewellery heists", "mafia",
    "central banks", "interest rates", "car recalls", "video games", "airlines", "bankruptcy",
    "mergers", "streaming", "smartphones", "oil prices", "stock markets", "Scotland",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--profiles", type=int, default=100)
    args = parser.parse_args()
    rows = []
    for name in ("ecbplus-dev.jsonl", "uci-news-dev.jsonl"):
        rows += [json.loads(line) for line in (args.data / name).read_text().splitlines() if line]
    day = datetime(2026, 11, 22, tzinfo=UTC)
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        for n in range(args.articles):
            row = dict(rows[n % len(rows)], id=f"a{n}", url=None)
            row["published"] = (day + timedelta(seconds=n * 86400 // args.articles)).isoformat()
            store.add_article(article_from_record(row, day + timedelta(days=1)))
        start = time.perf_counter()
        process(store, embedder=False)
        clustered = time.perf_counter() - start
        times = []
        for i in range(args.profiles):
            profile = Profile(
                name=f"p{i}",
                role=rng.choice(["analyst", "editor", "adviser", "investor"]),
                interests="; ".join(rng.sample(INTERESTS, 3)),
            )
            start = time.perf_counter()
            build_briefing(store, profile, since=day, now=day + timedelta(days=1), record=False)
            times.append(time.perf_counter() - start)
        stories = len(store.stories())
    print(
        json.dumps(
            {
                "articles": args.articles,
                "stories": stories,
                "cluster_s": round(clustered, 1),
                "profiles": args.profiles,
                "total_s": round(sum(times), 1),
                "first_profile_s": round(times[0], 2),
                "median_profile_s": round(statistics.median(times), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
