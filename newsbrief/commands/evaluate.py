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


@eval_group.command("grounding")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_grounding_cmd(file: Path, as_json: bool) -> None:
    """How often the grounding guard catches invented figures, names and quotes."""
    from newsbrief.eval.grounding import evaluate_grounding

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    try:
        report = evaluate_grounding(file)
    except (ValueError, KeyError) as exc:
        raise UserError(f"{file}: {exc}") from exc
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])
