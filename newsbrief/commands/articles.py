"""Getting articles into the store."""

from __future__ import annotations

import click

from newsbrief.commands.common import store_of


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.pass_context
def import_cmd(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Import article JSONL, .txt/.md, .html files or folders of them (idempotent)."""
    from newsbrief.ingest.files import import_paths

    with store_of(ctx) as store:
        result = import_paths(store, list(paths))
    for failure in result.failed:
        click.echo(f"failed: {failure}", err=True)
    click.echo(
        f"added {result.added}, already present {result.present}, failed {len(result.failed)}"
    )
    if result.failed and not (result.added or result.present):
        ctx.exit(1)
