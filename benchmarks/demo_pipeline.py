"""Time the whole offline pipeline on the bundled demo corpus; prints JSON figures.

.venv/bin/python benchmarks/demo_pipeline.py [--database-url postgresql://...]

With --database-url the store is that (empty) PostgreSQL database instead of an SQLite file.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from newsbrief.briefing.assemble import build_briefing
from newsbrief.demo import DEMO_SINCE, corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.render import render_html, render_markdown
from newsbrief.store import Store
from newsbrief.stories.pipeline import process


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store(args.database_url or Path(tmp) / "bench.db", Path(tmp)) as store,
    ):
        t0 = time.perf_counter()
        result = import_paths(store, [str(corpus_path())])
        t1 = time.perf_counter()
        process(store)
        t2 = time.perf_counter()
        briefing = build_briefing(store, since=DEMO_SINCE, record=False)
        t3 = time.perf_counter()
        render_markdown(briefing)
        render_html(briefing)
        t4 = time.perf_counter()
    figures = {
        "engine": store.engine,
        "articles": result.added,
        "import_s": round(t1 - t0, 3),
        "cluster_s": round(t2 - t1, 3),
        "brief_s": round(t3 - t2, 3),
        "render_s": round(t4 - t3, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
