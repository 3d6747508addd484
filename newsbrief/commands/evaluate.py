"""Evaluation commands."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsbrief.commands.common import UserError
from newsbrief.commands.stories import run_cluster


@click.group("eval")
def eval_group() -> None:
    """Measure quality on labelled data."""


@eval_group.command("clustering")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_clustering_cmd(ctx: click.Context, file: Path, as_json: bool) -> None:
    """B-cubed precision/recall/F1 of `newsbrief cluster` on a labelled JSONL file."""
    from newsbrief.eval.clustering import evaluate_clustering
    from newsbrief.stories import cluster_file

    assignments = dict(run_cluster(ctx, file, cluster_file))
    report = evaluate_clustering(file, assignments)
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])


@eval_group.command("summaries")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--words", "max_words", default=100, show_default=True, help="Summary length.")
@click.option(
    "--per-story", type=int, default=None, help="Hold out at most N reports per story (faster)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_summaries_cmd(file: Path, max_words: int, per_story: int | None, as_json: bool) -> None:
    """ROUGE-1/2/L of newsbrief's summaries and reference systems on a labelled JSONL file."""
    from newsbrief.eval.summaries import evaluate_summaries

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    if max_words < 1:
        raise UserError(f"--words {max_words}: must be at least 1")
    if per_story is not None and per_story < 1:
        raise UserError(f"--per-story {per_story}: must be at least 1")
    try:
        report = evaluate_summaries(file, max_words, per_story)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])
