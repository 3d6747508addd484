"""The ``newsbrief`` command: parse arguments, call one function, print. No logic here."""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from newsbrief import __version__, config
from newsbrief.store import Store, open_store

log = logging.getLogger("newsbrief")


class UserError(click.ClickException):
    """A problem with what the user asked for: one line, exit status 2."""

    exit_code = 2


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


def home_of(ctx: click.Context) -> Path:
    try:
        return config.home_dir(ctx.obj.get("home"))
    except (config.ConfigError, OSError) as exc:
        raise UserError(str(exc)) from exc


@contextmanager
def store_of(ctx: click.Context) -> Iterator[Store]:
    store = open_store(home_of(ctx))
    try:
        yield store
    finally:
        store.close()


def settings_of(ctx: click.Context) -> dict[str, Any]:
    try:
        return config.load(home_of(ctx))
    except config.ConfigError as exc:
        raise UserError(str(exc)) from exc


# import ------------------------------------------------------------------------------------


@cli.command("import")
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


# stories -----------------------------------------------------------------------------------


@cli.command("cluster")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def cluster_cmd(ctx: click.Context, file: Path) -> None:
    """Cluster the articles of a JSONL file into stories; one JSON line per input article."""
    from newsbrief.stories import cluster_file

    for article_id, story_id in _run_cluster(ctx, file, cluster_file):
        click.echo(json.dumps({"id": article_id, "story": story_id}))


def _run_cluster(ctx: click.Context, file: Path, run: Any) -> list[tuple[str, str]]:
    if not file.is_file():
        raise UserError(f"{file}: no such file")
    home = ctx.obj.get("home")
    try:
        if home is not None:
            with store_of(ctx) as store:
                return list(run(store, file))
        with (
            tempfile.TemporaryDirectory(prefix="newsbrief-") as tmp,
            Store(Path(tmp) / "newsbrief.db") as store,
        ):
            return list(run(store, file))
    except ValueError as exc:
        raise UserError(str(exc)) from exc


@cli.command("stories")
@click.option("--since", default=None, help="Only stories active since (24h, 7d, ISO date).")
@click.option("--limit", default=50, show_default=True, help="Stories to list.")
@click.pass_context
def stories_cmd(ctx: click.Context, since: str | None, limit: int) -> None:
    """List stories with their source counts, most recently active first."""
    from newsbrief.stories import story_rows

    with store_of(ctx) as store:
        rows = story_rows(store, _since(since) if since else None, limit)
    if not rows:
        click.echo("no stories yet: import or fetch some news first")
        return
    click.echo(f"{'story':<14} {'reports':>7} {'indep':>5} {'updated':<20} headline")
    for row in rows:
        click.echo(
            f"{row.id:<14} {row.reports:>7} {row.independent:>5} {row.updated:<20} {row.headline}"
        )


# write-ups and briefings -------------------------------------------------------------------


@cli.command("summarize")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--words", "max_words", default=100, show_default=True, help="Maximum words.")
@click.option("--focus", default=None, help="A topic statement to focus the summary on.")
def summarize_cmd(file: Path, max_words: int, focus: str | None) -> None:
    """Summarize all articles of a JSONL file as one story, in at most N words."""
    from newsbrief.stories import summarize_file

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    if max_words < 1:
        raise UserError(f"--words {max_words}: must be at least 1")
    try:
        click.echo(summarize_file(file, max_words, focus))
    except ValueError as exc:
        raise UserError(str(exc)) from exc


def _since(value: str) -> Any:
    from newsbrief.timeutil import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise UserError(str(exc)) from exc


@cli.command("brief")
@click.option("--profile", default="default", show_default=True, help="Whose briefing.")
@click.option("--since", default=None, help="Window: 24h, 7d, or an ISO date (default 24h).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "json", "text"]),
    default="md",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--limit", type=int, default=None, help="Number of stories (default: profile's).")
@click.pass_context
def brief_cmd(
    ctx: click.Context,
    profile: str,
    since: str | None,
    fmt: str,
    output: Path | None,
    limit: int | None,
) -> None:
    """Build the briefing of a profile over a time window."""
    from newsbrief.brief import build_briefing
    from newsbrief.render import FORMATS

    settings = settings_of(ctx)
    start = _since(since or str(settings["since"]))
    with store_of(ctx) as store:
        reader = store.get_profile(profile)
        if reader is None and profile != "default":
            raise UserError(f"profile {profile!r} does not exist (see: newsbrief profile list)")
        briefing = build_briefing(store, reader, since=start, limit=limit)
    text = FORMATS[fmt](briefing)
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{output}: cannot write ({exc.strerror or exc})") from exc
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command("demo")
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


# eval --------------------------------------------------------------------------------------


@cli.group("eval")
def eval_group() -> None:
    """Measure quality on labelled data."""


@eval_group.command("clustering")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_clustering_cmd(ctx: click.Context, file: Path, as_json: bool) -> None:
    """B-cubed precision/recall/F1 of `newsbrief cluster` on a labelled JSONL file."""
    from newsbrief.eval.clustering import evaluate_clustering
    from newsbrief.stories import cluster_file

    assignments = dict(_run_cluster(ctx, file, cluster_file))
    report = evaluate_clustering(file, assignments)
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])


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
