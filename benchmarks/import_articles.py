"""Import a JSONL file of N articles into an empty store, as `newsbrief import` does; prints JSON.

    .venv/bin/python benchmarks/import_articles.py --data ../shared/data --articles 20000 \
        [--database-url postgresql://...]

The file is synthesized from the dev data the way benchmarks/cluster_scale.py makes its stream
(ECB+ and UCI articles copied with new ids as editions days apart). Timed: reading, checking,
deduplicating by hash and URL, and storing each article in its own transaction, with the
search index kept up to date. With --database-url the store is that (empty) PostgreSQL
database instead of an SQLite file.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from cluster_scale import load_rows, synthesize

from newsbrief.ingest.files import import_paths
from newsbrief.store import Store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument(
        "--database-url", default="", help="an empty PostgreSQL database (default: SQLite)"
    )
    args = parser.parse_args()
    rows = load_rows(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "articles.jsonl"
        with file.open("w", encoding="utf-8") as out:
            for n in range(args.articles):
                out.write(json.dumps(synthesize(rows, n)) + "\n")
        with Store(args.database_url or Path(tmp) / "bench.db", Path(tmp)) as store:
            start = time.perf_counter()
            result = import_paths(store, [str(file)])
            seconds = time.perf_counter() - start
            stored = store.article_count()
    print(
        json.dumps(
            {
                "engine": "postgresql" if args.database_url else "sqlite",
                "articles": args.articles,
                "added": result.added,
                "stored": stored,
                "import_s": round(seconds, 1),
                "articles_per_s": round(result.added / seconds),
                "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
