"""What every command shares: user errors, the data folder, the store, time windows."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from newsbrief import config
from newsbrief.config import Settings
from newsbrief.progress import Progress
from newsbrief.store import DB_NAME, Store, open_store


class UserError(click.ClickException):
    """A problem with what the user asked for: one line, exit status 2."""

    exit_code = 2


def home_of(ctx: click.Context, create: bool = False) -> Path:
    """The data folder; created only by a command about to write into it."""
    try:
        return config.home_dir((ctx.obj or {}).get("home"), create=create)
    except (config.ConfigError, OSError) as exc:
        raise UserError(str(exc)) from exc


def missing_folders(path: Path) -> list[Path]:
    """The folders of ``path`` that do not exist yet, innermost first."""
    return [p for p in (path, *path.parents) if not p.exists()]


def remove_empty(folders: list[Path]) -> None:
    """Remove folders a command made and left empty, innermost first."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            break  # something is in it


@contextmanager
def store_of(ctx: click.Context) -> Iterator[Store]:
    """The store of the data folder. A store file this command created and wrote nothing
    into (it only read, or failed) is removed again, with the folders made for it."""
    home = home_of(ctx)
    missing = missing_folders(home)
    fresh = not (home / DB_NAME).exists()
    try:
        store = open_store(home)
    except config.ConfigError as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"{home}: cannot create the data folder ({exc.strerror or exc})") from exc
    untouched = _changes(store)
    try:
        yield store
    finally:
        wrote = _changes(store) != untouched
        store.close()
        if fresh and not wrote:
            if store.path is not None:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    (home / (DB_NAME + suffix)).unlink(missing_ok=True)
            remove_empty(missing)  # folders made on the way (by SQLite, or for nothing)


def _changes(store: Store) -> int:
    """Rows this connection has written to an SQLite file (a PostgreSQL store is not ours to
    remove: -1)."""
    return store.conn.total_changes if isinstance(store.conn, sqlite3.Connection) else -1


@contextmanager
def terminal_progress(show: bool = True) -> Iterator[Progress | None]:
    """A progress bar on stderr while long work runs, when a person watches a terminal: not
    when output is piped or redirected (or ``show`` is false, as for JSON), where it would
    only be noise. The bar is gone once the work ends."""
    if not (show and sys.stdout.isatty() and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, Any] = {}

        def report(what: str, done: int, total: int | None) -> None:
            if what not in tasks:
                tasks[what] = bar.add_task(what, total=total)
            bar.update(tasks[what], completed=done, total=total)

        yield report


def settings_of(ctx: click.Context) -> Settings:
    try:
        return config.load(home_of(ctx))
    except config.ConfigError as exc:
        raise UserError(str(exc)) from exc


semantic_option = click.option(
    "--semantic",
    type=click.Choice(["auto", "on", "off", "multilingual"]),
    default=None,
    help="Sentence embeddings: on, off, multilingual, or auto (when installed). "
    "Default: the setting.",
)


def embedder_of(ctx: click.Context, semantic: str | None) -> Any:
    """The embedder that ``--semantic`` (else the ``semantic`` setting) asks for, or None.

    Like `newsbrief cluster`: the data folder's settings only when one is given.
    """
    import os

    from newsbrief.stories.cluster import load_embedder

    if semantic is None:
        home = (ctx.obj or {}).get("home")
        semantic = (
            settings_of(ctx).semantic if home else os.environ.get("NEWSBRIEF_SEMANTIC", "auto")
        )
    try:
        return load_embedder(str(semantic))
    except RuntimeError as exc:
        raise UserError(str(exc)) from exc


def since_option(value: str) -> datetime:
    """A --since value as a UTC time, or a user error."""
    from newsbrief.timeutil import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
