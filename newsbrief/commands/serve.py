"""The web app command."""

from __future__ import annotations

import click

from newsbrief.commands.common import UserError, home_of


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--accounts/--no-accounts",
    default=None,
    help="Require a login (default: only when --host is not a loopback address).",
)
@click.option(
    "--secure-cookies",
    is_flag=True,
    help="Mark cookies Secure: use when the app is reached over HTTPS (e.g. via a proxy).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="A host name the app answers to when it requires no login (default: loopback names).",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 200),
    default=None,
    help="Requests handled at once (default: 4 per CPU core, at least 8).",
)
@click.pass_context
def serve_cmd(
    ctx: click.Context,
    host: str,
    port: int,
    accounts: bool | None,
    secure_cookies: bool,
    allow_hosts: tuple[str, ...],
    threads: int | None,
) -> None:
    """Serve the web app: briefings, stories, feedback and settings in a browser."""
    import uvicorn

    from newsbrief.accounts import user_count
    from newsbrief.store import open_store
    from newsbrief.web import WebConfig, create_app
    from newsbrief.web.security import LOOPBACK_NAMES, is_loopback

    home = home_of(ctx)
    loopback = is_loopback(host)
    if accounts is None:
        accounts = not loopback
    if not loopback and not accounts:
        raise UserError(f"--host {host}: serving beyond this machine requires accounts")
    if accounts:
        with open_store(home) as store:
            if user_count(store) == 0:
                raise UserError(
                    f"--host {host}: accounts are required and none exists; "
                    "create one first with: newsbrief user add NAME"
                )
    allowed = None if accounts else [*LOOPBACK_NAMES, *allow_hosts]
    cfg = WebConfig(home, accounts=accounts, secure_cookies=secure_cookies, allowed_hosts=allowed)
    if threads is not None:
        cfg.threads = threads
    app = create_app(cfg)
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"newsbrief: serving {home} at http://{shown}:{port}/"
        + (" (login required)" if accounts else ""),
        err=True,
    )
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    except OSError as exc:
        raise UserError(f"--host {host} --port {port}: cannot listen ({exc.strerror})") from exc
