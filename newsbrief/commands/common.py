"""What every command shares: user errors, the data folder, the store, time windows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from newsbrief import config
from newsbrief.store import Store, open_store


class UserError(click.ClickException):
    """A problem with what the user asked for: one line, exit status 2."""

    exit_code = 2


def home_of(ctx: click.Context) -> Path:
    try:
        return config.home_dir((ctx.obj or {}).get("home"))
    except (config.ConfigError, OSError) as exc:
        raise UserError(str(exc)) from exc


@contextmanager
def store_of(ctx: click.Context) -> Iterator[Store]:
    try:
        store = open_store(home_of(ctx))
    except config.ConfigError as exc:
        raise UserError(str(exc)) from exc
    try:
        yield store
    finally:
        store.close()


def settings_of(ctx: click.Context) -> dict[str, Any]:
    try:
        return config.load(home_of(ctx))
    except config.ConfigError as exc:
        raise UserError(str(exc)) from exc


def since_option(value: str) -> datetime:
    """A --since value as a UTC time, or a user error."""
    from newsbrief.timeutil import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
