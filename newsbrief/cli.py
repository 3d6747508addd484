"""The ``newsbrief`` command: parse arguments, call one function, print. No logic here.

Commands live in ``newsbrief.commands``, one module per area, and are registered below.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path

import click

from newsbrief import __version__
from newsbrief.commands import (
    articles,
    asking,
    briefing,
    db,
    evaluate,
    feeds,
    models,
    profiles,
    schedule,
    serve,
    stories,
    users,
    workers,
)
from newsbrief.commands.common import UserError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="newsbrief")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="NEWSBRIEF_HOME",
    help="Data folder (default: $NEWSBRIEF_HOME, else the per-user data folder).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, verbose: int) -> None:
    """newsbrief: the day's news as a short, personal, cited briefing."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    ctx.obj = {"home": home}


for command in (
    articles.import_cmd,
    feeds.feeds_group,
    feeds.fetch_cmd,
    asking.ask_cmd,
    profiles.profile_group,
    profiles.feedback_cmd,
    stories.cluster_cmd,
    stories.stories_cmd,
    stories.summarize_cmd,
    stories.similarity_cmd,
    briefing.brief_cmd,
    briefing.demo_cmd,
    evaluate.eval_group,
    schedule.run_cmd,
    schedule.tick_cmd,
    schedule.channels_group,
    schedule.deliveries_group,
    serve.serve_cmd,
    users.user_group,
    models.models_cmd,
    models.stats_cmd,
    db.db_group,
    workers.worker_cmd,
    workers.dead_letters_cmd,
):
    cli.add_command(command)


def main() -> None:
    try:
        status = cli.main(standalone_mode=False, prog_name="newsbrief")
        if isinstance(status, int) and status:
            sys.exit(status)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except UserError as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()} (see newsbrief --help)", err=True)
        sys.exit(2)
    except sqlite3.DatabaseError as exc:
        click.echo(f"error: the store cannot be used: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
