"""`newsbrief ask`: questions answered from the archive with citations."""

from __future__ import annotations

import json

import click

from newsbrief.commands.common import UserError, since_option, store_of


@click.command("ask")
@click.argument("question")
@click.option("--since", default=None, help="Only articles since (24h, 7d, ISO date).")
@click.option("--profile", default=None, help="Leave out what this profile mutes.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def ask_cmd(
    ctx: click.Context, question: str, since: str | None, profile: str | None, fmt: str
) -> None:
    """Answer a question from the stored news, citing every sentence."""
    from newsbrief.ask import QuestionError, ask
    from newsbrief.render.answer import answer_dict, answer_text

    start = since_option(since) if since else None
    with store_of(ctx) as store:
        mute: list[str] = []
        if profile:
            reader = store.get_profile(profile)
            if reader is None:
                raise UserError(f"profile {profile!r} does not exist")
            mute = reader.mute
        try:
            answer = ask(store, question, since=start, mute=mute)
        except QuestionError as exc:
            raise UserError(str(exc)) from exc
    if fmt == "json":
        click.echo(json.dumps(answer_dict(answer), ensure_ascii=False, indent=2))
    else:
        click.echo(answer_text(answer))
