"""Briefings and the demo."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsbrief.commands.common import (
    UserError,
    settings_of,
    since_option,
    store_of,
    terminal_progress,
)

if TYPE_CHECKING:
    from newsbrief.config import Settings
    from newsbrief.models import Briefing, Profile
    from newsbrief.store import Store


# The format a file's name asks for, when --format does not say: "-o week.html" is a page.
_FORMAT_OF_SUFFIX = {".html": "html", ".htm": "html", ".json": "json", ".txt": "text"}


def format_of(output: Path | None) -> str:
    return _FORMAT_OF_SUFFIX.get(output.suffix.lower(), "md") if output else "md"


@click.command("brief")
@click.option("--profile", default="default", show_default=True, help="Whose briefing.")
@click.option("--since", default=None, help="Window: 24h, 7d, or an ISO date (default 24h).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json", "text"]),
    default=None,
    help="Output format (default: as the -o file's extension says, else md).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--limit", type=int, default=None, help="Number of stories (default: profile's).")
@click.option(
    "--model", default=None, help="Write with this model (every task), not the settings'."
)
@click.option("--no-model", is_flag=True, help="Write extractively even if a model is configured.")
@click.option(
    "--no-record",
    is_flag=True,
    help="A preview: not recorded as received, so the next briefing's 'new' is unchanged.",
)
@click.pass_context
def brief_cmd(
    ctx: click.Context,
    profile: str,
    since: str | None,
    fmt: str | None,
    output: Path | None,
    limit: int | None,
    model: str | None,
    no_model: bool,
    no_record: bool,
) -> None:
    """Build the briefing of a profile over a time window."""
    from newsbrief.briefing.empty import empty_briefing, holds_no_article
    from newsbrief.render import FORMATS

    fmt = fmt or format_of(output)
    settings = settings_of(ctx)
    start = since_option(since or settings.since)
    if limit is not None and limit < 1:
        raise UserError(f"--limit {limit}: must be at least 1")
    with store_of(ctx) as store:
        reader = store.get_profile(profile)
        if reader is None and profile != "default":
            raise UserError(f"profile {profile!r} does not exist (see: newsbrief profile list)")
        if holds_no_article(store) and model is None:  # (a model named is checked all the same)
            briefing = empty_briefing(store, profile, start)
        else:
            briefing = _build(store, reader, start, fmt, limit, model, no_model, settings)
        text = FORMATS[fmt](briefing)
        if briefing.writer is not None:
            from newsbrief.commands.models import report_lines

            for line in report_lines(briefing.writer):
                click.echo(line, err=True)
        if output:
            try:
                output.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise UserError(f"{output}: cannot write ({exc.strerror or exc})") from exc
            click.echo(f"wrote {output}", err=True)
        else:
            click.echo(text, nl=False)
        if not no_record and briefing.stories:
            from newsbrief.briefing.assemble import record_briefing

            record_briefing(store, briefing)  # the reader has it now


def _build(
    store: Store,
    reader: Profile | None,
    start: datetime,
    fmt: str,
    limit: int | None,
    model: str | None,
    no_model: bool,
    settings: Settings,
) -> Briefing:
    """The briefing over the stored articles (clustering the new ones first)."""
    from newsbrief.briefing.assemble import build_briefing
    from newsbrief.commands.models import writer_for
    from newsbrief.summarize import ExtractiveSummarizer

    summarizer = ExtractiveSummarizer(summary_sentences=settings.summary_sentences)
    writer = writer_for(store, settings, model, no_model)
    with terminal_progress(show=fmt != "json") as progress:
        return build_briefing(
            store,
            reader,
            since=start,
            limit=limit,
            summarizer=summarizer,
            reading_minutes=settings.reading_minutes,
            writer=writer,
            record=False,
            progress=progress,
        )


@click.command("demo")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder for briefing.md and briefing.html.",
)
@click.pass_context
def demo_cmd(ctx: click.Context, out: Path) -> None:
    """Import the bundled sample corpus into a fresh data folder and print its briefing."""
    from newsbrief.demo import run_demo

    home = ctx.obj.get("home") or Path("newsbrief-demo")
    try:
        result = run_demo(Path(home), out)
    except OSError as exc:
        raise UserError(f"demo: {exc}") from exc
    click.echo(result.markdown)
    click.echo(
        f"demo: {result.articles} articles, {result.stories} stories; wrote {result.md_path} "
        f"and {result.html_path} (data folder {home})",
        err=True,
    )
