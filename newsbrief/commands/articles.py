"""Getting articles into the store."""

from __future__ import annotations

from pathlib import Path

import click

from newsbrief.commands.common import UserError, settings_of, store_of, terminal_progress
from newsbrief.config import Settings, defaults
from newsbrief.store import Store


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.pass_context
def import_cmd(ctx: click.Context, paths: tuple[str, ...]) -> None:
    """Import article JSONL, .txt/.md, .html files, folders of them, or web page URLs."""
    from newsbrief.ingest.files import Failure, ImportResult, import_paths

    urls = [p for p in paths if p.lower().startswith(("http://", "https://"))]
    files = [p for p in paths if p not in urls]
    absent = [p for p in files if not Path(p).exists()]
    if absent and len(absent) == len(paths):
        # Nothing that was asked for exists: a mistake in the command, not a failed import.
        raise UserError(f"{absent[0]}: no such file or folder")
    with store_of(ctx) as store, terminal_progress() as progress:
        result = import_paths(store, files, progress=progress) if files else ImportResult()
        settings = settings_of(ctx) if urls else defaults()
        if urls and settings.broker_url.strip():
            # With a task queue, pages are read by the workers, as the scheduler's fetches are.
            queued, waiting = queue_pages(store, settings, urls)
            click.echo(f"queued for the workers: {queued} pages ({waiting} already queued)")
            urls = []
        if urls:  # fetching pages loads an HTTP client and HTML extraction: only for URLs
            from newsbrief.ingest.pages import import_url
        for url in urls:
            try:
                added, present = import_url(store, url, settings)
                result.added += added
                result.present += present
            except ValueError as exc:
                result.failed.append(Failure(url, str(exc)))
    if len(result.failed) == 1 and not (result.added or result.present):
        raise UserError(str(result.failed[0]))  # the one input asked for cannot be imported
    for failure in result.failed:
        click.echo(f"failed: {failure}", err=True)
    for notice in result.notes:
        click.echo(f"note: {notice}", err=True)
    click.echo(
        f"added {result.added}, already present {result.present}, failed {len(result.failed)}"
    )
    if result.failed and not (result.added or result.present):
        raise UserError(f"nothing imported ({len(result.failed)} failed)")


def queue_pages(store: Store, settings: Settings, urls: list[str]) -> tuple[int, int]:
    """Queue one ``extract_page`` task per page; (queued, already queued). A page already
    waiting for a worker is not queued twice."""
    from newsbrief.stories.dedupe import canonical_url
    from newsbrief.tasks import enqueue

    queued = waiting = 0
    for url in urls:
        key = f"page:{canonical_url(url)}"
        if enqueue(store, settings, "newsbrief.extract_page", [url], key=key):
            queued += 1
        else:
            waiting += 1
    return queued, waiting
