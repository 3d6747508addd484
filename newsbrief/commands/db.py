"""The store itself: copying it to another engine."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from newsbrief import config
from newsbrief.commands.common import UserError, home_of


@click.group("db")
def db_group() -> None:
    """The store: copy it between SQLite and PostgreSQL."""


@db_group.command("copy")
@click.option(
    "--to",
    "target",
    required=True,
    help="Where to copy: a postgresql:// URL, or an SQLite file (made when missing).",
)
@click.option(
    "--from",
    "origin",
    default=None,
    help="What to copy (default: the data folder's store, as database_url says).",
)
@click.pass_context
def copy_cmd(ctx: click.Context, target: str, origin: str | None) -> None:
    """Copy every table of the store to another store, verified by counts and checksums.

    Run it again after an interruption: it goes on where it stopped.
    """
    from newsbrief.store import Store, store_target
    from newsbrief.store.copy import CopyError, copy_store
    from newsbrief.store.postgres import is_url

    home = home_of(ctx)
    try:
        source_target = origin or store_target(home)
    except config.ConfigError as exc:
        raise UserError(str(exc)) from exc
    for given in (target, origin):
        if given and not is_url(given) and not Path(given).parent.is_dir():
            raise UserError(f"{given}: no such folder for an SQLite file")
    if origin and not is_url(origin) and not Path(origin).is_file():
        raise UserError(f"--from {origin}: no such SQLite file")
    try:
        with Store(source_target, home) as source, Store(target, home) as dest:
            if source.location == dest.location:
                raise UserError(f"--to {dest.location}: that is the store being copied")
            click.echo(f"copying {source.location} to {dest.location}", err=True)
            report = copy_store(source, dest)
    except CopyError as exc:
        raise UserError(str(exc)) from exc
    except sqlite3.Error as exc:
        raise UserError(f"the copy stopped: {exc}; run the same command again to go on") from exc
    for item in report:
        click.echo(
            f"{item.table:<20} {item.rows:>9} rows  {item.copied:>9} copied now  "
            f"sha256 {item.checksum[:16]}"
        )
    click.echo(
        f"verified: {len(report)} tables, {sum(i.rows for i in report)} rows, "
        "the same counts and checksums on both sides"
    )
