"""Language models: what is available, and what the runs that used them did and cost."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from newsbrief.commands.common import (
    UserError,
    home_of,
    missing_folders,
    remove_empty,
    settings_of,
    store_of,
)
from newsbrief.config import Settings

if TYPE_CHECKING:
    from newsbrief.models import ModelReport
    from newsbrief.store import Store
    from newsbrief.summarize.llm import ModelWriter


def writer_for(
    store: Store, settings: Settings, model: str | None, off: bool
) -> ModelWriter | None:
    """The model writer the settings and flags ask for; None (extractive) when none is set."""
    from newsbrief.llm.tasks import task_models

    if not task_models(settings, model, off):
        return None  # nothing to import, nothing to say: extractive as always
    from newsbrief.llm.client import ModelConfigError
    from newsbrief.llm.ledger import PriceError
    from newsbrief.summarize.llm import ModelWriter

    try:
        return ModelWriter.create(store, settings, model, off)
    except (ModelConfigError, PriceError) as exc:
        raise UserError(str(exc)) from exc


def answer_report_lines(report: ModelReport, written_by: str) -> list[str]:
    """What the model did with an answer, for stderr."""
    how = "written by the model" if written_by != "extractive" else "left extractive"
    lines = [
        f"model {report.model}: answer {how}; {report.sentences_replaced} of "
        f"{report.sentences_checked} generated sentences replaced by article sentences; "
        f"{report.citations_rejected} citations rejected; {report.calls} calls, "
        f"{report.cached} cached"
    ]
    return lines + [f"  {note}" for note in report.notes]


def report_lines(report: ModelReport) -> list[str]:
    """What a run did with the model, for stderr."""
    lines = [
        f"model {report.model}: {report.stories_written} stories written, "
        f"{report.stories_extractive} left extractive; {report.sentences_replaced} of "
        f"{report.sentences_checked} generated sentences replaced by article sentences; "
        f"{report.citations_rejected} citations rejected; {report.calls} calls, "
        f"{report.cached} cached"
    ]
    lines += [f"  {note}" for note in report.notes]
    return lines


@click.command("models")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.option(
    "--refresh",
    is_flag=True,
    help="Ask llm and its plugins again instead of using the list kept in the cache folder.",
)
@click.pass_context
def models_cmd(ctx: click.Context, as_json: bool, refresh: bool) -> None:
    """List the language models available to newsbrief, and the model of each task."""
    from newsbrief.llm.catalogue import listed_models
    from newsbrief.llm.client import use_data_folder
    from newsbrief.llm.tasks import TASKS, task_models

    settings = settings_of(ctx)
    user_dir = use_data_folder(home_of(ctx))
    made = missing_folders(user_dir)
    models = listed_models(user_dir, refresh)  # llm makes its folder, even to list them
    remove_empty(made)
    tasks = task_models(settings)
    known = {m.id for m in models} | {a for m in models for a in m.aliases}
    if as_json:
        data = {
            "llm_user_path": str(user_dir),
            "tasks": {t: tasks.get(t) for t in TASKS},
            "models": [asdict(m) for m in models],
        }
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"llm folder (keys, extra-openai-models.yaml): {user_dir}")
    for task in TASKS:
        chosen = tasks.get(task)
        state = "" if chosen is None or chosen in known else "  (unknown model)"
        click.echo(f"{task:9} {chosen or '- (extractive)'}{state}")
    click.echo("")
    for m in models:
        key = (
            "no key needed"
            if m.needs_key is None
            else (f"key {m.needs_key}: {'set' if m.key_found else 'missing'}")
        )
        aliases = f" (aliases: {', '.join(m.aliases)})" if m.aliases else ""
        schema = ", structured output" if m.schema else ""
        click.echo(f"{m.id}{aliases}  [{m.provider}, {key}{schema}]")


def _money(value: float | None) -> str:
    return "unknown" if value is None else f"${value:.4f}"


@click.command("stats")
@click.option(
    "--runs",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many recent runs to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the runs as JSON.")
@click.pass_context
def stats_cmd(ctx: click.Context, runs: int, as_json: bool) -> None:
    """Model use per run (calls, cache hits, tokens, cost, what the guard replaced) and the
    task queue (queue depth, task rates, failures, dead letters)."""
    from newsbrief.commands.workers import print_queue
    from newsbrief.llm.ledger import cache_size, run_stats
    from newsbrief.operations import queue_figures

    settings = settings_of(ctx)
    with store_of(ctx) as store:
        rows = run_stats(store, runs)
        cached_answers = cache_size(store)
        queue = queue_figures(store, settings)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "cache_entries": cached_answers,
                    "runs": [asdict(r) for r in rows],
                    "queue": queue,
                },
                indent=2,
            )
        )
        return
    print_queue(queue)
    if not rows:
        click.echo("no model runs yet (no model configured, or none used)")
        return
    for r in rows:
        who = f" {r.profile}" if r.profile else ""
        click.echo(
            f"run {r.id}  {r.started}  {r.command}{who}  [{', '.join(r.models)}]\n"
            f"  calls {r.calls} (failed {r.failed}), cached {r.cached}, "
            f"tokens {r.input_tokens} in / {r.output_tokens} out, cost {_money(r.cost)}, "
            f"{r.seconds:.1f}s\n"
            f"  sentences replaced {r.sentences_replaced} of {r.sentences_checked}, "
            f"citations rejected {r.citations_rejected}, extractive fallbacks {r.fallbacks}"
        )
    total_cost = None if any(r.cost is None for r in rows) else sum(r.cost or 0 for r in rows)
    click.echo(
        f"{len(rows)} runs: {sum(r.calls for r in rows)} calls, "
        f"{sum(r.cached for r in rows)} cached, "
        f"{sum(r.input_tokens + r.output_tokens for r in rows)} tokens, "
        f"cost {_money(total_cost)}; {cached_answers} answers in the cache"
    )
