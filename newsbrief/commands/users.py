"""Accounts for the web app."""

from __future__ import annotations

import sys

import click

from newsbrief.commands.common import UserError, store_of


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@click.group("user")
def user_group() -> None:
    """Web app accounts (required when serving beyond this machine)."""


@user_group.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.pass_context
def user_add_cmd(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Create an account; asks for its password twice."""
    from newsbrief.accounts import AccountError, add_user, check_name

    try:
        check_name(name)
    except AccountError as exc:
        raise UserError(str(exc)) from exc
    password = _read_password(password_stdin)
    with store_of(ctx) as store:
        try:
            add_user(store, name, password)
        except AccountError as exc:
            raise UserError(str(exc)) from exc
    click.echo(f"added user {name}")


@user_group.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.pass_context
def user_password_cmd(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Set a new password; the user's sessions end."""
    from newsbrief.accounts import AccountError, set_password

    password = _read_password(password_stdin)
    with store_of(ctx) as store:
        try:
            set_password(store, name, password)
        except AccountError as exc:
            raise UserError(str(exc)) from exc
    click.echo(f"changed the password of {name}")


@user_group.command("list")
@click.pass_context
def user_list_cmd(ctx: click.Context) -> None:
    """List accounts."""
    from newsbrief.accounts import list_users

    with store_of(ctx) as store:
        users = list_users(store)
    if not users:
        click.echo("no users: create one with newsbrief user add NAME")
    for user in users:
        created = user.created.strftime("%Y-%m-%d") if user.created else ""
        click.echo(f"{user.name}\t{created}" + ("\tadmin" if user.admin else ""))


@user_group.command("admin")
@click.argument("name")
@click.option("--revoke", is_flag=True, help="Take the admin role away instead.")
@click.pass_context
def user_admin_cmd(ctx: click.Context, name: str, revoke: bool) -> None:
    """Make an account an admin: it sees and manages every profile in the web app."""
    from newsbrief.accounts import AccountError, set_admin

    with store_of(ctx) as store:
        try:
            set_admin(store, name, not revoke)
        except AccountError as exc:
            raise UserError(str(exc)) from exc
    click.echo(f"{name} is {'no longer ' if revoke else ''}an admin")


@user_group.command("owns")
@click.argument("name")
@click.argument("profiles", nargs=-1, required=True)
@click.pass_context
def user_owns_cmd(ctx: click.Context, name: str, profiles: tuple[str, ...]) -> None:
    """Give profiles to an account: only it (and admins) can see and change them."""
    from newsbrief.ownership import set_owner
    from newsbrief.store.accounts import user_id as id_of

    with store_of(ctx) as store:
        user_id = id_of(store, name)
        if user_id is None:
            raise UserError(f"user {name!r} does not exist")
        missing = [p for p in profiles if store.get_profile(p) is None]
        if missing:
            raise UserError(f"profile {missing[0]!r} does not exist (see: newsbrief profile list)")
        for profile in profiles:
            set_owner(store, profile, user_id)
    click.echo(f"{name} owns {', '.join(profiles)}")


@user_group.command("remove")
@click.argument("name")
@click.pass_context
def user_remove_cmd(ctx: click.Context, name: str) -> None:
    """Delete an account and its sessions; its profiles stay, managed by admins."""
    from newsbrief.accounts import remove_user

    with store_of(ctx) as store:
        if not remove_user(store, name):
            raise UserError(f"user {name!r} does not exist")
    click.echo(f"removed user {name}")
