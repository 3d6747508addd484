"""The task queue: worker processes, dead letters, and the queue's figures."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from typing import Any

import click

from newsbrief import config
from newsbrief.commands.common import UserError, home_of, settings_of, store_of
from newsbrief.config import Settings
from newsbrief.timeutil import to_iso


def require_queue(settings: Settings) -> Any:
    """The configured task queue (the ``newsbrief.tasks`` module), or a user error."""
    if not settings.broker_url.strip():
        raise UserError("no task queue: set broker_url (or NEWSBRIEF_BROKER_URL) to a redis:// URL")
    try:
        from newsbrief import tasks
    except ImportError:
        raise UserError(
            "broker_url is set but Celery is not installed: pip install 'newsbrief[workers]'"
        ) from None
    try:
        tasks.configure(settings)
    except config.ConfigError as exc:
        raise UserError(str(exc)) from None
    return tasks


@click.command("worker")
@click.option(
    "--concurrency",
    type=click.IntRange(min=1),
    default=None,
    help="Tasks run at once, each in its own process (default: one per CPU core).",
)
@click.option(
    "--queues",
    default="fetch,cluster,write,brief,deliver",
    show_default=True,
    help="Comma-separated queues this worker takes.",
)
@click.pass_context
def worker_cmd(ctx: click.Context, concurrency: int | None, queues: str) -> None:
    """Run queued work (fetch, cluster, write, brief, deliver) until stopped."""
    settings = settings_of(ctx)
    tasks = require_queue(settings)
    chosen = [q.strip() for q in queues.split(",") if q.strip()]
    unknown = [q for q in chosen if q not in tasks.QUEUES]
    if unknown or not chosen:
        raise UserError(
            f"--queues {queues!r}: unknown queue(s) {', '.join(unknown) or '(none given)'} "
            f"(known: {', '.join(tasks.QUEUES)})"
        )
    home = home_of(ctx, create=True)
    with store_of(ctx) as store:  # migrations run once, before the processes start
        where = store.location
    # Each worker process opens the same data folder (and database_url) on its own.
    os.environ["NEWSBRIEF_HOME"] = str(home)
    click.echo(f"newsbrief worker on {where}, queues {','.join(chosen)}", err=True)
    verbose = int(ctx.find_root().params.get("verbose") or 0)
    tasks.app.worker_main(tasks.worker_argv(concurrency, chosen, verbose))


@click.command("dead-letters")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print them as JSON.")
@click.pass_context
def dead_letters_cmd(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Tasks given up after their retries, newest first."""
    from newsbrief.store.tasks import dead_letters

    with store_of(ctx) as store:
        found = dead_letters(store, limit)
    if as_json:
        rows = [{**asdict(d), "created": to_iso(d.created)} for d in found]
        click.echo(json.dumps(rows, indent=2))
        return
    if not found:
        click.echo("no dead letters")
        return
    for d in found:
        when = d.created.strftime("%Y-%m-%d %H:%M UTC") if d.created else "-"
        args = ", ".join(str(a) for a in d.args)
        click.echo(f"{d.id}  {when}  {d.task}({args})  after {d.attempts} attempts: {d.error}")


def print_queue(figures: dict[str, Any]) -> None:
    if not figures["broker"] and not figures["tasks"] and not figures["dead_letters"]:
        return
    click.echo("task queue:" if figures["broker"] else "task queue: (no broker_url set)")
    if figures["broker_error"]:
        click.echo(f"  {figures['broker_error']}")
    if figures["queues"] is not None:
        depth = ", ".join(f"{q} {n}" for q, n in figures["queues"].items())
        click.echo(f"  waiting in the broker: {depth}")
    hours = figures["hours"]
    for name, t in figures["tasks"].items():
        click.echo(
            f"  {name}: {t['done']} done in the last {hours:g}h ({t['per_minute']}/min, "
            f"{t['mean_seconds']}s each), {t['errors']} failed attempts, {t['dead']} given up"
        )
    click.echo(f"  dead letters: {figures['dead_letters']} (newsbrief dead-letters)")
