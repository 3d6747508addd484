"""The offline demo: the bundled corpus imported into a fresh data folder, briefed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from newsbrief.briefing.assemble import build_briefing
from newsbrief.ingest.files import import_paths
from newsbrief.render import render_html, render_markdown
from newsbrief.store import DB_NAME, Store

DEMO_CORPUS = "demo-corpus.jsonl"
# The corpus reports events of 2008-2013; the demo briefs over all of it.
DEMO_SINCE = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass
class DemoResult:
    articles: int
    stories: int
    markdown: str
    md_path: Path
    html_path: Path


def corpus_path() -> Path:
    return Path(str(resources.files("newsbrief") / "data" / DEMO_CORPUS))


def run_demo(home: Path, out: Path) -> DemoResult:
    home.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
        (home / name).unlink(missing_ok=True)  # a fresh data folder every run
    with Store(home / DB_NAME) as store:
        imported = import_paths(store, [str(corpus_path())])
        briefing = build_briefing(store, since=DEMO_SINCE)
        stories = len(store.stories())
    markdown = render_markdown(briefing)
    md_path, html_path = out / "briefing.md", out / "briefing.html"
    md_path.write_text(markdown, encoding="utf-8")
    html_path.write_text(render_html(briefing), encoding="utf-8")
    return DemoResult(imported.added, stories, markdown, md_path, html_path)
