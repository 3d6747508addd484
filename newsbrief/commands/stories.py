"""Stories: clustering, listing, summarizing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from newsbrief.commands.common import (
    UserError,
    embedder_of,
    semantic_option,
    since_option,
    store_of,
    terminal_progress,
)
from newsbrief.store import scratch_store


@click.command("cluster")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def cluster_cmd(ctx: click.Context, file: Path) -> None:
    """Cluster the articles of a JSONL file into stories; one JSON line per input article."""
    from newsbrief.stories.actions import cluster_file

    for article_id, story_id in run_cluster(ctx, file, cluster_file):
        click.echo(json.dumps({"id": article_id, "story": story_id}))


def run_cluster(ctx: click.Context, file: Path, run: Any) -> list[tuple[str, str]]:
    if not file.is_file():
        raise UserError(f"{file}: no such file")
    home = ctx.obj.get("home")
    try:
        if home is not None:
            with store_of(ctx) as store:
                return list(run(store, file))
        with scratch_store() as store:
            return list(run(store, file))
    except ValueError as exc:
        raise UserError(str(exc)) from exc


@click.command("stories")
@click.option("--since", default=None, help="Only stories active since (24h, 7d, ISO date).")
@click.option(
    "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Stories to list."
)
@click.pass_context
def stories_cmd(ctx: click.Context, since: str | None, limit: int) -> None:
    """List stories with their source counts, most recently active first."""
    from newsbrief.render.common import short_date
    from newsbrief.store import briefings
    from newsbrief.stories.actions import story_rows

    start = since_option(since) if since else None
    with store_of(ctx) as store, terminal_progress() as progress:
        rows = story_rows(store, start, limit, progress)
        held = bool(rows) or briefings.article_basis(store)[1] > 0
    if not rows:
        # A store with news, no story active in the window: importing more would not help.
        click.echo(
            f"no stories active since {short_date(start)}: try a longer --since"
            if held and start is not None
            else "no stories yet: import or fetch some news first"
        )
        return
    click.echo(f"{'story':<14} {'reports':>7} {'indep':>5} {'new':>4} {'updated':<17} headline")
    for row in rows:
        click.echo(
            f"{row.id:<14} {row.reports:>7} {row.independent:>5} {row.new:>4} "
            f"{row.updated:<17} {row.headline}"
        )


@click.command("summarize")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--words", "max_words", default=100, show_default=True, help="Maximum words.")
@click.option("--focus", default=None, help="A topic statement to focus the summary on.")
def summarize_cmd(file: Path, max_words: int, focus: str | None) -> None:
    """Summarize all articles of a JSONL file as one story, in at most N words."""
    from newsbrief.stories.actions import summarize_file

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    if max_words < 1:
        raise UserError(f"--words {max_words}: must be at least 1")
    try:
        click.echo(summarize_file(file, max_words, focus))
    except ValueError as exc:
        raise UserError(str(exc)) from exc


@click.command("similarity")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@semantic_option
@click.pass_context
def similarity_cmd(ctx: click.Context, file: Path, semantic: str | None) -> None:
    """How likely each pair of a JSONL file reports one event (0-1), as clustering sees it."""
    from newsbrief.stories.similarity import pairs_of, similarities

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    embedder = embedder_of(ctx, semantic)
    pairs = pairs_of(file)
    for pair, score in zip(pairs, similarities(pairs, embedder), strict=True):
        click.echo(json.dumps({"id": pair.id, "similarity": round(score, 4)}))
