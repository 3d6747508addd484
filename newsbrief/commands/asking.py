"""`newsbrief ask`: questions answered from the archive with citations."""

from __future__ import annotations

import json

import click

from newsbrief.commands.common import UserError, settings_of, since_option, store_of


@click.command("ask")
@click.argument("question")
@click.option("--since", default=None, help="Only articles since (24h, 7d, ISO date).")
@click.option("--profile", default=None, help="Leave out what this profile mutes.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--model", default=None, help="Write the answer with this model.")
@click.option("--no-model", is_flag=True, help="Answer extractively even if a model is set.")
@click.pass_context
def ask_cmd(
    ctx: click.Context,
    question: str,
    since: str | None,
    profile: str | None,
    fmt: str,
    model: str | None,
    no_model: bool,
) -> None:
    """Answer a question from the stored news, citing every sentence."""
    from newsbrief.ask.answers import QuestionError, ask
    from newsbrief.commands.models import answer_report_lines, writer_for
    from newsbrief.render.answer import answer_dict, answer_text

    start = since_option(since) if since else None
    with store_of(ctx) as store:
        mute: list[str] = []
        if profile:
            reader = store.get_profile(profile)
            if reader is None:
                raise UserError(f"profile {profile!r} does not exist")
            mute = reader.mute
        writer = writer_for(store, settings_of(ctx), model, no_model)
        try:
            answer = ask(store, question, since=start, mute=mute, writer=writer)
        except QuestionError as exc:
            raise UserError(str(exc)) from exc
    if answer.writer is not None:
        for line in answer_report_lines(answer.writer, answer.written_by):
            click.echo(line, err=True)
    if fmt == "json":
        click.echo(json.dumps(answer_dict(answer), ensure_ascii=False, indent=2))
    else:
        click.echo(answer_text(answer))
