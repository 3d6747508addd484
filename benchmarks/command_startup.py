"""Time every command on an empty store, and the first briefing over a corpus.

Each command runs as its own process (``python -m newsbrief ...``), as a user would start it,
with a fresh, not yet existing data folder: what it costs is start-up (imports, settings,
opening the store) plus whatever it does before finding there is nothing to work on. Prints
one JSON object: per command the median wall-clock and CPU time (user + system of the child)
over ``--runs`` runs, then the first ``brief`` over the bundled demo corpus (and, with
``--data``, over the dev articles of the shared data folder), which includes clustering.

    .venv/bin/python benchmarks/command_startup.py [--runs 5] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "newsbrief" / "data" / "demo-corpus.jsonl"
ARTICLE = {
    "id": "a1",
    "title": "Port strike halts container traffic",
    "text": "Dock workers walked out on Monday. The union said the strike would last a week.",
    "source": "example.org",
    "published": "2024-03-04T09:00:00Z",
}
EVERYTHING = "1900-01-01"  # --since for a corpus whose articles are years old


def commands(tiny: Path) -> list[list[str]]:
    """Every command (a read-only sub-command for groups), with the least it needs to run."""
    return [
        ["--help"],
        ["--version"],
        ["stories"],
        ["brief"],
        ["brief", "--format", "json"],
        ["ask", "Who won the election?"],
        ["profile", "list"],
        ["profile", "show", "default"],
        ["feeds", "list"],
        ["feeds", "export"],
        ["channels", "list"],
        ["deliveries"],
        ["dead-letters"],
        ["user", "list"],
        ["models"],
        ["stats"],
        ["tick"],
        ["import", str(tiny)],
        ["cluster", str(tiny)],
        ["summarize", str(tiny)],
        ["eval", "--help"],
        ["serve", "--help"],
        ["run", "--help"],
        ["db", "--help"],
        ["feedback", "--help"],
        ["fetch", "--help"],
        ["demo", "--help"],
        ["similarity", "--help"],
        ["worker", "--help"],
    ]


def run(args: list[str], home: Path, check: bool = False) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds of the child and its exit status."""
    env = {**os.environ, "NEWSBRIEF_HOME": str(home)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "newsbrief", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if check and done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.decode()[-500:]}")
    return wall, cpu, done.returncode


def time_empty(runs: int, work: Path) -> dict[str, dict[str, float | int]]:
    tiny = work / "one.jsonl"
    tiny.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    figures: dict[str, dict[str, float | int]] = {}
    for args in commands(tiny):
        walls, cpus, status = [], [], 0
        run(args, work / f"warm-{len(figures)}")  # not counted: compiles and caches the code
        for i in range(runs):
            home = work / f"home-{len(figures)}-{i}"  # not made yet: an empty store
            wall, cpu, status = run(args, home)
            walls.append(wall)
            cpus.append(cpu)
        name = " ".join(a if a != str(tiny) else "one.jsonl" for a in args)
        figures[name] = {
            "wall_s": round(statistics.median(walls), 3),
            "cpu_s": round(statistics.median(cpus), 3),
            "exit": status,
        }
    return figures


def first_brief(files: list[Path], work: Path, name: str) -> dict[str, float | int]:
    """Import the files, then time the first briefing (clustering included) and a second."""
    home = work / name
    wall, _, _ = run(["import", *map(str, files)], home, check=True)
    first, first_cpu, _ = run(["brief", "--since", EVERYTHING, "--no-record"], home, check=True)
    second, _, _ = run(["brief", "--since", EVERYTHING, "--no-record"], home, check=True)
    articles = sum(1 for f in files for line in f.open(encoding="utf-8") if line.strip())
    return {
        "articles": articles,
        "import_s": round(wall, 2),
        "first_brief_s": round(first, 2),
        "first_brief_cpu_s": round(first_cpu, 2),
        "second_brief_s": round(second, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Runs per command (median).")
    parser.add_argument("--data", type=Path, default=None, help="The shared data folder.")
    parser.add_argument("--skip-empty", action="store_true", help="Only the first briefings.")
    options = parser.parse_args()
    result: dict[str, object] = {"load_average": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as tmp:
        work = Path(tmp)
        if not options.skip_empty:
            figures = time_empty(options.runs, work)
            result["empty_store"] = figures
            result["slowest"] = max(figures, key=lambda k: float(figures[k]["wall_s"]))
        result["demo_first_brief"] = first_brief([DEMO], work, "demo")
        if options.data is not None:
            dev = [options.data / "ecbplus-dev.jsonl", options.data / "uci-news-dev.jsonl"]
            result["dev_first_brief"] = first_brief(dev, work, "dev")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
