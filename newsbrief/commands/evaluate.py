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


@eval_group.command("extraction")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_extraction_cmd(folder: Path, as_json: bool) -> None:
    """Body-text precision/recall/F1 and pages/s on an article-extraction benchmark folder."""
    from newsbrief.eval.extraction import evaluate_extraction

    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder")
    try:
        report = evaluate_extraction(folder)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])


@eval_group.command("ask")
@click.argument("archive", nargs=-1, required=True)
@click.option(
    "--questions",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Question set (JSONL; default: the bundled one, built from the dev data).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_ask_cmd(archive: tuple[str, ...], questions: Path | None, as_json: bool) -> None:
    """Recall@5 of supporting articles and no-answer questions declined, over an archive."""
    from newsbrief.eval.ask import evaluate_ask

    try:
        report = evaluate_ask(list(archive), questions)
    except (ValueError, OSError) as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])
