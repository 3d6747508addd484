"""Profiles and feedback: `newsbrief profile ...` and `newsbrief feedback`."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

import click

from newsbrief.commands.common import UserError, store_of
from newsbrief.models import Profile

SECTIONS = ("what_is_happening", "why_it_matters", "whats_next", "beyond_the_headlines")


def _options(func):  # type: ignore[no-untyped-def]
    for option in reversed(
        [
            click.option("--role", default=None, help="The reader's role, e.g. 'policy adviser'."),
            click.option("--industry", default=None, help="The reader's industry."),
            click.option("--interests", default=None, help="Free text; separate topics with ;"),
            click.option("--follow", multiple=True, help="Entity, topic or source to follow."),
            click.option("--mute", multiple=True, help="Entity, topic or source to mute."),
            click.option("--stories", "story_count", type=int, default=None, help="Story count."),
            click.option(
                "--sections",
                default=None,
                help=f"Comma-separated sections to show: {', '.join(SECTIONS)}.",
            ),
            click.option("--timezone", default=None, help="IANA time zone, e.g. Europe/Paris."),
            click.option("--delivery-time", default=None, help="Local delivery time, HH:MM."),
            click.option(
                "--language",
                default=None,
                help="Headlines in this language (de, fr, ...) when a report has one; '' off.",
            ),
        ]
    ):
        func = option(func)
    return func


def _apply(profile: Profile, values: dict[str, object], replace_lists: bool) -> Profile:
    from newsbrief.profiles import language_code

    changes: dict[str, object] = {}
    keys = ("role", "industry", "interests", "story_count", "timezone", "delivery_time")
    for key in (*keys, "language"):
        if values.get(key) is not None:
            changes[key] = values[key]
    if isinstance(changes.get("language"), str):
        # "DE" or "de-DE" is read as "de", as the web app reads it; what names no language
        # stays as given, for the check to refuse.
        changes["language"] = language_code(str(changes["language"])) or changes["language"]
    if values.get("sections"):
        changes["sections"] = [s.strip() for s in str(values["sections"]).split(",") if s.strip()]
    for key in ("follow", "mute"):
        given = list(values.get(key) or [])  # type: ignore[call-overload]
        if given:
            base = [] if replace_lists else list(getattr(profile, key))
            changes[key] = list(dict.fromkeys([*base, *given]))
    return replace(profile, **changes)  # type: ignore[arg-type]


@click.group("profile")
def profile_group() -> None:
    """Reader profiles: role, industry, interests, follows and mutes."""


@profile_group.command("create")
@click.argument("name")
@_options
@click.pass_context
def profile_create(ctx: click.Context, name: str, **values: object) -> None:
    """Create a profile."""
    from newsbrief.profiles import ProfileError, save_checked

    with store_of(ctx) as store:
        if store.get_profile(name) is not None:
            raise UserError(f"profile {name!r} already exists (use: newsbrief profile edit)")
        try:
            save_checked(store, _apply(Profile(name=name), values, replace_lists=True))
        except ProfileError as exc:
            raise UserError(f"profile {name!r}: {exc}") from exc
    click.echo(f"created profile {name}")


@profile_group.command("edit")
@click.argument("name")
@_options
@click.option("--unfollow", multiple=True, help="Stop following.")
@click.option("--unmute", multiple=True, help="Stop muting.")
@click.pass_context
def profile_edit(
    ctx: click.Context,
    name: str,
    unfollow: tuple[str, ...],
    unmute: tuple[str, ...],
    **values: object,
) -> None:
    """Change a profile; --follow/--mute add to its lists, --unfollow/--unmute remove."""
    from newsbrief.profiles import ProfileError, get_or_default, save_checked

    with store_of(ctx) as store:
        profile = get_or_default(store, name)
        if profile is None:
            raise UserError(f"profile {name!r} does not exist (see: newsbrief profile list)")
        updated = _apply(profile, values, replace_lists=False)
        drop_follow = {x.lower() for x in unfollow}
        drop_mute = {x.lower() for x in unmute}
        updated = replace(
            updated,
            follow=[x for x in updated.follow if x.lower() not in drop_follow],
            mute=[x for x in updated.mute if x.lower() not in drop_mute],
        )
        try:
            save_checked(store, updated)
        except ProfileError as exc:
            raise UserError(f"profile {name!r}: {exc}") from exc
    click.echo(f"updated profile {name}")


@profile_group.command("show")
@click.argument("name", default="default")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@click.pass_context
def profile_show(ctx: click.Context, name: str, as_json: bool) -> None:
    """Show a profile and what feedback taught about it."""
    from newsbrief.feedback import learned_labels, learned_weights
    from newsbrief.profiles import get_or_default

    with store_of(ctx) as store:
        profile = get_or_default(store, name)
        if profile is None:
            raise UserError(f"profile {name!r} does not exist (see: newsbrief profile list)")
        weights = learned_weights(store, name)
        labels = learned_labels(store, name) if weights and not as_json else {}
    data = {**asdict(profile), "learned": dict(sorted(weights.items(), key=lambda kv: -kv[1]))}
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for key, value in data.items():
        if key == "learned":
            liked = [_feature_label(k, labels) for k, v in value.items() if v > 0][:8]
            disliked = [_feature_label(k, labels) for k, v in value.items() if v < 0][-8:]
            click.echo(
                f"learned: more of {', '.join(liked) or '-'}; less of {', '.join(disliked) or '-'}"
            )
        else:
            shown = ", ".join(value) if isinstance(value, list) else value
            click.echo(f"{key}: {shown}")


def _feature_label(feature: str, labels: dict[str, str]) -> str:
    """A learned feature as the reports write it ("Internet Explorer" of "@internet explor");
    without them (its story has left the store), names capitalised and without the marker
    that tells them from keyphrases in the JSON."""
    if feature in labels:
        return labels[feature]
    if feature.startswith("@"):
        return feature[1:].title()
    return feature


@profile_group.command("list")
@click.pass_context
def profile_list(ctx: click.Context) -> None:
    """List profiles."""
    with store_of(ctx) as store:
        profiles = store.list_profiles()
    names = [p.name for p in profiles]
    if "default" not in names:
        click.echo("default (built in)")
    for p in profiles:
        click.echo(f"{p.name}: {p.role or '-'} · {p.industry or '-'} · {p.story_count} stories")


@profile_group.command("delete")
@click.argument("name")
@click.pass_context
def profile_delete(ctx: click.Context, name: str) -> None:
    """Delete a profile (its feedback log stays)."""
    with store_of(ctx) as store:
        if not store.delete_profile(name):
            raise UserError(f"profile {name!r} does not exist")
    click.echo(f"deleted profile {name}")


@click.command("feedback")
@click.argument("story_id", required=False)
@click.argument(
    "kind",
    required=False,
    type=click.Choice(["useful", "not-useful", "more", "less", "hide", "follow", "mute"]),
)
@click.option("--profile", default="default", show_default=True, help="Whose feedback.")
@click.option("--entity", default=None, help="What to follow or mute (with follow / mute).")
@click.option("--briefing", is_flag=True, help="Feedback on the whole latest briefing.")
@click.option("--reset", is_flag=True, help="Forget what feedback taught this profile.")
@click.pass_context
def feedback_cmd(
    ctx: click.Context,
    story_id: str | None,
    kind: str | None,
    profile: str,
    entity: str | None,
    briefing: bool,
    reset: bool,
) -> None:
    """Tell newsbrief what you think of a story: useful, not-useful, more, less, hide,
    follow or mute (with --entity)."""
    from newsbrief.feedback import FeedbackError, give_feedback, reset_learning
    from newsbrief.profiles import get_or_default

    with store_of(ctx) as store:
        reader = get_or_default(store, profile)
        if reader is None:
            raise UserError(f"profile {profile!r} does not exist")
        if reset:
            dropped = reset_learning(store, profile)
            click.echo(f"forgot {dropped} learned weights of profile {profile}")
            return
        if briefing:
            kind = kind or story_id
            story_id = None
        if kind is None:
            raise UserError(
                "say what you think: useful, not-useful, more, less, hide, follow, mute"
            )
        try:
            recorded = give_feedback(store, reader, story_id, kind, entity)
        except FeedbackError as exc:
            raise UserError(str(exc)) from exc
    click.echo(recorded.message)
