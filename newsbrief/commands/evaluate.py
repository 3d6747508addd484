"""Evaluation commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from newsbrief.commands.common import UserError, embedder_of, home_of, semantic_option, settings_of
from newsbrief.commands.stories import run_cluster


def scratch_home(ctx: click.Context) -> Path | None:
    """The data folder whose ``database_url`` chooses the engine of an evaluation's fresh
    store, when one is given (else ``NEWSBRIEF_DATABASE_URL``, else an SQLite file)."""
    return home_of(ctx) if (ctx.obj or {}).get("home") else None


# `eval sections` and `eval conflicts` list their errors by split alike.
errors_split_option = click.option(
    "--split",
    "only_split",
    metavar="NAME",
    help="List the errors of this split only (develop on one split, keep the others unseen).",
)


@click.group("eval")
def eval_group() -> None:
    """Measure quality on labelled data."""


@eval_group.command("clustering")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--semantic",
    type=click.Choice(["auto", "on", "off", "multilingual"]),
    default=None,
    help="Sentence embeddings: on, off, or auto (when installed). Default: the setting.",
)
@click.pass_context
def eval_clustering_cmd(
    ctx: click.Context, files: tuple[Path, ...], as_json: bool, semantic: str | None
) -> None:
    """B-cubed precision/recall/F1 of `newsbrief cluster` on labelled JSONL files.

    A news-similarity file (rated pairs) is read as its texts, labelled by the pairs rated as
    one event.

    With several files: each alone, then all as one stream, scored per file and overall.
    """
    import tempfile

    from newsbrief.eval.clustering import (
        article_file,
        combine,
        evaluate_clustering,
        evaluate_mixed,
    )
    from newsbrief.stories.actions import cluster_file
    from newsbrief.stories.cluster import load_embedder

    if semantic is None:
        # Like `newsbrief cluster`: the data folder's settings only when one is given.
        home = (ctx.obj or {}).get("home")
        semantic = (
            settings_of(ctx).semantic if home else os.environ.get("NEWSBRIEF_SEMANTIC", "auto")
        )
    try:
        embedder = load_embedder(str(semantic))
    except RuntimeError as exc:
        raise UserError(str(exc)) from exc

    def run(file: Path) -> dict[str, str]:
        # A news-similarity file's texts are clustered as articles (eval.clustering).
        with tempfile.TemporaryDirectory(prefix="newsbrief-") as folder:
            try:
                source = article_file(file, Path(folder)) if file.is_file() else file
            except ValueError as exc:
                raise UserError(str(exc)) from exc
            return dict(
                run_cluster(ctx, source, lambda store, f: cluster_file(store, f, embedder or False))
            )

    if len(files) == 1:
        report = evaluate_clustering(files[0], run(files[0]), semantic=embedder is not None)
        click.echo(json.dumps(report, indent=2) if as_json else report["text"])
        return
    if (ctx.obj or {}).get("home") is not None:
        raise UserError("--home: several files are each clustered in a fresh store; drop it")
    for file in files:
        if not file.is_file():
            raise UserError(f"{file}: no such file")
    alone = {file: run(file) for file in files}
    with tempfile.TemporaryDirectory(prefix="newsbrief-") as tmp:
        stream = Path(tmp) / "mixed.jsonl"
        try:
            combine(list(files), stream)
        except ValueError as exc:
            raise UserError(str(exc)) from exc
        mixed = run(stream)
    report = evaluate_mixed(list(files), alone, mixed, semantic=embedder is not None)
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])


@eval_group.command("extraction")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_extraction_cmd(folder: Path, as_json: bool) -> None:
    """Body-text precision/recall/F1 and pages/s on an article-extraction benchmark folder."""
    from newsbrief.eval.extraction import evaluate_extraction

    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder")
    try:
        report = evaluate_extraction(folder)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])


@eval_group.command("sections")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", is_flag=True, help="Also list the sentences put in the wrong section.")
@errors_split_option
def eval_sections_cmd(
    file: Path | None, as_json: bool, errors: bool, only_split: str | None
) -> None:
    """Accuracy of write-up sections on hand-labelled sentences, overall and per section."""
    from newsbrief.eval.sections import evaluate_sections

    if file is not None and not file.is_file():
        raise UserError(f"{file}: no such file")
    try:
        report = evaluate_sections(file)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    splits = set(report) - {"file", "all", "confusions", "text"}
    if only_split is not None and only_split not in splits:
        raise UserError(f"{report['file']}: no split named {only_split!r}")
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(report["text"])
    if errors:
        for wrong in report["confusions"]:
            if only_split is None or wrong["split"] == only_split:
                click.echo(f"{wrong['split']}\t{wrong['gold']} -> {wrong['got']}\t{wrong['text']}")


@eval_group.command("text")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_text_cmd(ctx: click.Context, folder: Path, as_json: bool) -> None:
    """Digests, lists, headings and topics: failures counted over a labelled folder."""
    from newsbrief.eval.text import evaluate_text

    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder")
    try:
        report = evaluate_text(folder, scratch_home(ctx))
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])


@eval_group.command("topics")
@click.argument("labels", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("pairs", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--split", default=None, help="Only the labelled articles of this split (dev, check)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_topics_cmd(labels: Path, pairs: Path, split: str | None, as_json: bool) -> None:
    """Junk rate of single articles' topics against topics labelled by hand."""
    from newsbrief.eval.topics import evaluate_topics

    for path in (labels, pairs):
        if not path.is_file():
            raise UserError(f"{path}: no such file")
    try:
        report = evaluate_topics(labels, pairs, split)
    except (ValueError, KeyError) as exc:
        raise UserError(f"{labels}: {exc}") from exc
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else report["text"])


@eval_group.command("ask")
@click.argument("archive", nargs=-1, required=True)
@click.option(
    "--questions",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Question set (JSONL; default: the bundled one, built from the dev data).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_ask_cmd(
    ctx: click.Context, archive: tuple[str, ...], questions: Path | None, as_json: bool
) -> None:
    """Recall@5 of supporting articles and no-answer questions declined, over an archive."""
    from newsbrief.eval.ask import evaluate_ask

    try:
        report = evaluate_ask(list(archive), questions, scratch_home(ctx))
    except (ValueError, OSError) as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])


@eval_group.command("conflicts")
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@click.argument(
    "articles", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", is_flag=True, help="Also list each missed and each wrong disagreement.")
@errors_split_option
def eval_conflicts_cmd(
    gold: Path, articles: tuple[Path, ...], as_json: bool, errors: bool, only_split: str | None
) -> None:
    """Precision/recall of the disagreements shown, against hand-labelled quantities."""
    from newsbrief.eval.conflicts import error_lines, evaluate_conflicts

    for path in (gold, *articles):
        if not path.is_file():
            raise UserError(f"{path}: no such file")
    try:
        report = evaluate_conflicts(gold, *articles)
    except (ValueError, KeyError) as exc:
        raise UserError(str(exc)) from exc
    splits = set(report.get("splits", {})) | {s["split"] for s in report["shown_conflicts"]}
    if only_split is not None and only_split not in splits:
        raise UserError(f"{gold}: no split named {only_split!r}")
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(report["text"])
    if errors:
        for line in error_lines(report, only_split):
            click.echo(line)


@eval_group.command("ranking")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--profiles",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Profiles with the gold stories they should see (default: the bundled set).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_ranking_cmd(ctx: click.Context, file: Path, profiles: Path | None, as_json: bool) -> None:
    """nDCG@10 of the stories each profile should see, with and without the profile."""
    from newsbrief.eval.ranking import evaluate_ranking

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    try:
        report = evaluate_ranking(file, profiles, scratch_home(ctx))
    except (ValueError, KeyError) as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])


@eval_group.command("grounding")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_grounding_cmd(file: Path, as_json: bool) -> None:
    """How often the grounding guard catches invented figures, names and quotes."""
    from newsbrief.eval.grounding import evaluate_grounding

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    try:
        report = evaluate_grounding(file)
    except (ValueError, KeyError) as exc:
        raise UserError(f"{file}: {exc}") from exc
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])


@eval_group.command("summaries")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--words", "max_words", default=100, show_default=True, help="Summary length.")
@click.option(
    "--per-story", type=int, default=None, help="Hold out at most N reports per story (faster)."
)
@click.option(
    "--takeaways",
    is_flag=True,
    help="Score each story's one-line key takeaway against held-out first sentences instead.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_summaries_cmd(
    file: Path, max_words: int, per_story: int | None, takeaways: bool, as_json: bool
) -> None:
    """ROUGE-1/2/L of newsbrief's summaries and reference systems on a labelled JSONL file."""
    from newsbrief.eval.summaries import evaluate_summaries

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    if max_words < 1:
        raise UserError(f"--words {max_words}: must be at least 1")
    if per_story is not None and per_story < 1:
        raise UserError(f"--per-story {per_story}: must be at least 1")
    try:
        report = evaluate_summaries(file, max_words, per_story, takeaways=takeaways)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])


@eval_group.command("similarity")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@semantic_option
@click.pass_context
def eval_similarity_cmd(
    ctx: click.Context, file: Path, as_json: bool, semantic: str | None
) -> None:
    """Pearson of `newsbrief similarity` with -overall on rated pairs (1 same ... 4 unrelated)."""
    from newsbrief.eval.similarity import evaluate_similarity
    from newsbrief.stories.similarity import pairs_of

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    embedder = embedder_of(ctx, semantic)
    try:
        report = evaluate_similarity(pairs_of(file), embedder)
    except ValueError as exc:
        raise UserError(f"{file}: {exc}") from exc
    click.echo(json.dumps(report, indent=2) if as_json else report["text"])


@eval_group.command("instructions")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--news",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A JSONL file of real news articles; the share of its sentences flagged is counted.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", is_flag=True, help="Also list the sentences judged wrongly.")
def eval_instructions_cmd(
    file: Path | None, news: tuple[Path, ...], as_json: bool, errors: bool
) -> None:
    """Precision and recall of the check for text written to a model, on labelled sentences."""
    from newsbrief.eval.instructions import evaluate_instructions

    for path in [file, *news]:
        if path is not None and not path.is_file():
            raise UserError(f"{path}: no such file")
    try:
        report = evaluate_instructions(file, news)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(report["text"])
    if errors:
        for wrong in report["errors"]:
            click.echo(f"{wrong['split']}\t{wrong['label']}\t{wrong['text']}")
        for alarms in report["news"]:
            for sentence in alarms["examples"]:
                click.echo(f"news\tflagged\t{sentence}")
