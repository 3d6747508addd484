"""Time the whole offline pipeline on the bundled demo corpus; prints JSON figures.

Each stage's wall-clock time (``*_s``) and the process's CPU time in it (``*_cpu_s``): on a
busy machine the wall-clock time stretches while the stage waits for a core; the CPU time
does not.

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
        t0, c0 = time.perf_counter(), time.process_time()
        result = import_paths(store, [str(corpus_path())])
        t1, c1 = time.perf_counter(), time.process_time()
        process(store)
        t2, c2 = time.perf_counter(), time.process_time()
        briefing = build_briefing(store, since=DEMO_SINCE, record=False)
        t3, c3 = time.perf_counter(), time.process_time()
        render_markdown(briefing)
        render_html(briefing)
        t4, c4 = time.perf_counter(), time.process_time()
    figures = {
        "engine": store.engine,
        "articles": result.added,
        "import_s": round(t1 - t0, 3),
        "cluster_s": round(t2 - t1, 3),
        "brief_s": round(t3 - t2, 3),
        "render_s": round(t4 - t3, 3),
        "import_cpu_s": round(c1 - c0, 3),
        "cluster_cpu_s": round(c2 - c1, 3),
        "brief_cpu_s": round(c3 - c2, 3),
        "render_cpu_s": round(c4 - c3, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
