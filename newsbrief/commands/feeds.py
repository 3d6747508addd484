"""Subscriptions and fetching: `newsbrief feeds ...` and `newsbrief fetch`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsbrief.commands.common import UserError, settings_of, store_of, terminal_progress
from newsbrief.config import Settings

if TYPE_CHECKING:
    from newsbrief.ingest.subscriptions import FetchReport
    from newsbrief.models import Source
    from newsbrief.store import Store


@click.group("feeds")
def feeds_group() -> None:
    """Subscribe to feeds, see their health, import and export OPML."""


@feeds_group.command("add")
@click.argument("url")
@click.option("--name", default=None, help="Name to show (default: the feed's title).")
@click.option("--tag", "tags", multiple=True, help="Tag the feed (repeatable).")
@click.pass_context
def feeds_add(ctx: click.Context, url: str, name: str | None, tags: tuple[str, ...]) -> None:
    """Subscribe to a feed URL, or a site's home page (its feed is discovered)."""
    from newsbrief.ingest.subscriptions import SourceError, add_feed

    with store_of(ctx) as store:
        try:
            added = add_feed(store, url, settings_of(ctx), name, list(tags))
        except SourceError as exc:
            raise UserError(str(exc)) from exc
    source = added.source
    how = f" (found on {added.discovered_from})" if added.discovered_from else ""
    verb = "added" if added.created else "already subscribed:"
    click.echo(f"{verb} [{source.id}] {source.name or source.url} <{source.url}>{how}")


@feeds_group.command("list")
@click.pass_context
def feeds_list(ctx: click.Context) -> None:
    """Subscribed feeds with their health: last fetch, items, errors, next fetch."""
    from rich.console import Console
    from rich.table import Table

    from newsbrief.store.sources import list_sources

    with store_of(ctx) as store:
        sources = list_sources(store, "feed")
    if not sources:
        click.echo("no feeds yet: newsbrief feeds add URL, or newsbrief feeds import FILE.opml")
        return
    table = Table(show_lines=False)
    for column in ("id", "feed", "tags", "last fetch", "items", "failures", "next fetch", "state"):
        table.add_column(column)
    for s in sources:
        state = "ok" if s.enabled and not s.last_error else (s.last_error or "")
        if not s.enabled:
            state = f"DISABLED: {s.disabled_reason or 'by user'}"
        table.add_row(
            str(s.id),
            f"{s.name or ''}\n{s.url}",
            ", ".join(s.tags),
            _when(s.last_fetch),
            str(s.items),
            str(s.failures),
            _when(s.next_fetch) if s.enabled else "-",
            state,
        )
    Console(width=160 if not sys.stdout.isatty() else None).print(table)


def _when(value: object) -> str:
    from datetime import datetime

    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else "never"


@feeds_group.command("remove")
@click.argument("feed")
@click.pass_context
def feeds_remove(ctx: click.Context, feed: str) -> None:
    """Unsubscribe from a feed (by id or URL); its articles stay."""
    from newsbrief.store.sources import find_source, remove_source

    with store_of(ctx) as store:
        source = find_source(store, feed)
        if source is None:
            raise UserError(f"no feed {feed!r} (see: newsbrief feeds list)")
        remove_source(store, source)
    click.echo(f"removed [{source.id}] {source.url}")


@feeds_group.command("enable")
@click.argument("feed")
@click.pass_context
def feeds_enable(ctx: click.Context, feed: str) -> None:
    """Re-enable a feed that was disabled after repeated failures."""
    from newsbrief.store.sources import enable_source, find_source

    with store_of(ctx) as store:
        source = find_source(store, feed)
        if source is None:
            raise UserError(f"no feed {feed!r} (see: newsbrief feeds list)")
        enable_source(store, source)
    click.echo(f"enabled [{source.id}] {source.url}")


@feeds_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--starter", is_flag=True, help="Import the bundled list of ~50 news feeds.")
@click.pass_context
def feeds_import(ctx: click.Context, file: Path | None, starter: bool) -> None:
    """Subscribe to the feeds of an OPML file (nested outlines become tags)."""
    from newsbrief.ingest.subscriptions import import_opml, starter_opml

    if starter == (file is not None):
        raise UserError("give an OPML file or --starter")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"{file}: cannot read ({exc})") from exc
    else:
        text = starter_opml()
    with store_of(ctx) as store:
        try:
            result = import_opml(store, text)
        except ValueError as exc:
            raise UserError(f"{file}: {exc}") from exc
    for problem in result.problems:
        click.echo(f"skipped: {problem}", err=True)
    click.echo(
        f"added {result.added}, already present {result.present}, skipped {len(result.problems)}"
    )


@feeds_group.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.pass_context
def feeds_export(ctx: click.Context, output: Path | None) -> None:
    """Write the subscriptions as OPML (to stdout or a file)."""
    from newsbrief.ingest.opml import export_opml
    from newsbrief.store.sources import list_sources

    with store_of(ctx) as store:
        text = export_opml(list_sources(store, "feed"))
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.command("fetch")
@click.option("--source", "only", multiple=True, help="Fetch only this feed (id, URL or name).")
@click.option("--due", is_flag=True, help="Fetch only the feeds whose next fetch time has come.")
@click.pass_context
def fetch_cmd(ctx: click.Context, only: tuple[str, ...], due: bool) -> None:
    """Fetch subscribed feeds now; new articles are stored and folded into stories."""
    from newsbrief.ingest.subscriptions import due_sources, import_opml, starter_opml
    from newsbrief.store.sources import list_sources
    from newsbrief.stories.pipeline import process
    from newsbrief.timeutil import now

    settings = settings_of(ctx)
    with store_of(ctx) as store:
        if not list_sources(store, "feed") and not only:
            added = import_opml(store, starter_opml()).added
            click.echo(f"no feeds yet: subscribed to {added} starter feeds", err=True)
        sources = due_sources(store, now(), list(only) or None)
        if not due and not only:
            sources = [s for s in list_sources(store, "feed") if s.enabled]
        if only and not sources:
            raise UserError(f"no enabled feed matches {', '.join(only)}")
        report = _fetch_with_progress(store, settings, sources)
        if report.new:
            process(store)
    _print_report(report)


def _fetch_with_progress(store: Store, settings: Settings, sources: list[Source]) -> FetchReport:
    """Fetch, with a progress bar on stderr when a person watches a terminal (none when the
    output is piped: the summary table alone goes there)."""
    from newsbrief.ingest.subscriptions import fetch_sources

    with terminal_progress(show=bool(sources)) as progress:
        if progress is None:
            return fetch_sources(store, settings, sources)
        report = progress
        done: list[object] = []

        def advance(result: object) -> None:
            done.append(result)
            report("fetching feeds", len(done), len(sources))

        return fetch_sources(store, settings, sources, progress=advance)


def _print_report(report: FetchReport) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=report.summary())
    for column in ("feed", "new", "unchanged", "result"):
        table.add_column(column)
    for r in report.results:
        if r.error:
            state = f"FAILED: {r.error}" + (f" (disabled: {r.disabled})" if r.disabled else "")
        elif r.not_modified:
            state = "not modified"
        else:
            state = "ok" + (f", {r.partial} excerpt-only" if r.partial else "")
            if r.warning:
                state += f"; {r.warning}"
        table.add_row(r.source.name or r.source.url, str(r.new), str(r.seen), state)
    Console(width=160 if not sys.stdout.isatty() else None).print(table)
