"""Scheduling and delivery: run, tick, channels, deliveries."""

from __future__ import annotations

import json
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Any

import click

from newsbrief.commands.common import UserError, home_of, settings_of, store_of
from newsbrief.timeutil import to_iso


def _stamp(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def _print_report(report: Any, limit: int) -> None:
    from newsbrief.schedule import TickReport

    assert isinstance(report, TickReport)
    if report.fetched:
        click.echo(f"fetched: {report.fetched}")
    for what in report.queued:
        click.echo(f"queued for the workers: {what}")
    for edition in report.editions:
        click.echo(f"made the {edition.date} briefing of {edition.profile}")
    for o in report.outcomes:
        d = o.delivery
        what = f"{d.profile} {d.date} via {d.channel} ({d.kind})"
        again = " (resent after an interrupted attempt)" if o.interrupted else ""
        if o.ok:
            click.echo(f"sent {what}{again}")
        elif o.retry_at is not None:
            click.echo(
                f"retrying {what}: attempt {o.attempt}/{limit} failed: {o.error}; "
                f"next attempt {_stamp(o.retry_at)}"
            )
        else:
            click.echo(f"failed {what} after {o.attempt} attempts: {o.error}")
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)


@contextmanager
def _scheduler(ctx: click.Context, clock: Any = None) -> Iterator[Any]:
    from newsbrief.schedule import Scheduler, SchedulerBusy, scheduler_lock

    settings = settings_of(ctx)
    home = home_of(ctx, create=True)  # the lock file is written at once
    kind = Scheduler
    if settings.broker_url.strip():
        from newsbrief.commands.workers import require_queue
        from newsbrief.dispatch import QueueScheduler

        require_queue(settings)

        kind = QueueScheduler
    try:
        with scheduler_lock(home), store_of(ctx) as store:
            yield kind(store, home, settings, clock=clock)
    except SchedulerBusy as exc:
        raise UserError(str(exc)) from None


class _ShiftedClock:
    """The real clock, moved to start at a given time (``tick --now``)."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.origin = time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.origin)

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, seconds))


@click.command("tick")
@click.option(
    "--now",
    "at",
    default=None,
    help="Act as if it were this ISO 8601 time (UTC unless it says otherwise).",
)
@click.pass_context
def tick_cmd(ctx: click.Context, at: str | None) -> None:
    """Do whatever is due once (fetch, make briefings, deliver), then exit: for cron/systemd."""
    from newsbrief.timeutil import parse_datetime

    clock = None
    if at is not None:
        start = parse_datetime(at)
        if start is None:
            raise UserError(f"--now {at!r}: expected an ISO 8601 date-time")
        clock = _ShiftedClock(start)
    with _scheduler(ctx, clock) as scheduler:
        report = scheduler.tick()
        _print_report(report, scheduler.settings.delivery_max_attempts)


@click.command("run")
@click.pass_context
def run_cmd(ctx: click.Context) -> None:
    """Keep running: fetch, make each profile's briefing at its delivery time, deliver."""
    from newsbrief.schedule import SystemClock, run

    clock = SystemClock()
    stopping: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if stopping:  # a second signal: stop now; the delivery in progress resumes next time
            raise KeyboardInterrupt
        stopping.append(signum)
        clock.wake()
        click.echo("stopping after the current step (signal again to stop now)", err=True)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        with _scheduler(ctx, clock) as scheduler:
            limit = scheduler.settings.delivery_max_attempts
            click.echo(f"newsbrief scheduler running on {scheduler.home}", err=True)

            def show(report: Any) -> None:
                _print_report(report, limit)
                sys.stdout.flush()

            run(scheduler, stop=lambda: bool(stopping), on_tick=show)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    click.echo("stopped", err=True)


# channels -----------------------------------------------------------------------------------


@click.group("channels")
def channels_group() -> None:
    """Where each profile's daily briefing goes: email, a folder, an Atom feed, a webhook."""


@channels_group.command("add")
@click.argument("profile")
@click.argument("kind", type=click.Choice(["email", "folder", "atom", "webhook"]))
@click.option("--name", default=None, help="Channel name (default: the kind).")
@click.option("--to", "to", multiple=True, help="email: a recipient (repeat for several).")
@click.option("--from", "sender", default=None, help="email: sender (default: smtp_from).")
@click.option("--subject-prefix", default=None, help="email: text before the subject.")
@click.option("--unsubscribe", default=None, help="email: List-Unsubscribe link (https or mailto).")
@click.option("--path", default=None, help="folder: the folder; atom: the feed file.")
@click.option("--formats", default=None, help="folder: md,html,json,txt (default md,html,json).")
@click.option("--entries", type=int, default=None, help="atom: briefings in the feed (20).")
@click.option("--link", default=None, help="atom: page of a briefing, with {date} and {profile}.")
@click.option("--url", default=None, help="webhook: the URL, or - to read it from stdin.")
@click.option(
    "--style",
    type=click.Choice(["json", "slack", "discord"]),
    default="json",
    show_default=True,
    help="webhook: payload shape.",
)
@click.pass_context
def channels_add_cmd(
    ctx: click.Context,
    profile: str,
    kind: str,
    name: str | None,
    to: tuple[str, ...],
    sender: str | None,
    subject_prefix: str | None,
    unsubscribe: str | None,
    path: str | None,
    formats: str | None,
    entries: int | None,
    link: str | None,
    url: str | None,
    style: str,
) -> None:
    """Add a delivery channel to a profile."""
    from newsbrief import deliver
    from newsbrief.deliver.channels import add_channel
    from newsbrief.store.deliveries import DuplicateChannel

    if url == "-":
        url = sys.stdin.readline().strip()
    given: dict[str, dict[str, Any]] = {
        "email": {
            "to": list(to),
            "from": sender,
            "subject_prefix": subject_prefix,
            "unsubscribe": unsubscribe,
        },
        "folder": {"path": path, "formats": formats},
        "atom": {"path": path, "entries": entries, "link": link},
        "webhook": {"url": url, "style": style},
    }
    foreign = _options_of_other_kinds(kind, given)
    if foreign:
        raise UserError(f"option {foreign} does not apply to a {kind} channel")
    try:
        deliver.check(kind, given[kind])  # before the store is opened: a mistake writes nothing
    except ValueError as exc:
        raise UserError(f"{kind} channel: {exc}") from None
    with store_of(ctx) as store:
        if store.get_profile(profile) is None and profile != "default":
            raise UserError(f"profile {profile!r} does not exist (see: newsbrief profile list)")
        try:
            channel = add_channel(store, profile, kind, given[kind], name, datetime.now(UTC))
        except DuplicateChannel as exc:
            raise UserError(str(exc)) from None
        except ValueError as exc:
            raise UserError(f"{kind} channel: {exc}") from None
    click.echo(
        f"added channel {channel.name} to profile {profile}: {kind}, {deliver.describe(channel)}"
    )


_OPTION_NAMES = {
    "to": "--to",
    "from": "--from",
    "subject_prefix": "--subject-prefix",
    "unsubscribe": "--unsubscribe",
    "path": "--path",
    "formats": "--formats",
    "entries": "--entries",
    "link": "--link",
    "url": "--url",
}


def _options_of_other_kinds(kind: str, given: dict[str, dict[str, Any]]) -> str | None:
    own = set(given[kind])
    for other, values in given.items():
        for key, value in values.items():
            if other != kind and key not in own and key in _OPTION_NAMES and value:
                return _OPTION_NAMES[key]
    return None


@channels_group.command("list")
@click.argument("profile", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (webhook URLs masked).")
@click.pass_context
def channels_list_cmd(ctx: click.Context, profile: str | None, as_json: bool) -> None:
    """List delivery channels (all profiles, or one); secrets are masked."""
    from newsbrief import deliver
    from newsbrief.deliver.redact import mask_url
    from newsbrief.store.deliveries import DeliveryStore

    with store_of(ctx) as store:
        channels = DeliveryStore(store).channels(profile)
    if as_json:
        rows = []
        for c in channels:
            shown = dict(c.config)
            if "url" in shown:
                shown["url"] = mask_url(str(shown["url"]))
            rows.append({"profile": c.profile, "name": c.name, "kind": c.kind, "config": shown})
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not channels:
        click.echo("no channels (add one: newsbrief channels add PROFILE KIND ...)")
        return
    for c in channels:
        click.echo(f"{c.profile}\t{c.name}\t{c.kind}\t{deliver.describe(c)}")


@channels_group.command("remove")
@click.argument("profile")
@click.argument("name")
@click.pass_context
def channels_remove_cmd(ctx: click.Context, profile: str, name: str) -> None:
    """Remove a profile's channel (its past deliveries stay listed)."""
    from newsbrief.store.deliveries import DeliveryStore

    with store_of(ctx) as store:
        if not DeliveryStore(store).remove_channel(profile, name):
            raise UserError(f"profile {profile!r} has no channel named {name!r}")
    click.echo(f"removed channel {name} of profile {profile}")


@channels_group.command("test")
@click.argument("profile")
@click.argument("name")
@click.pass_context
def channels_test_cmd(ctx: click.Context, profile: str, name: str) -> None:
    """Send the profile's briefing through one channel now, to check it works (not recorded)."""
    from newsbrief.deliver import DeliveryError
    from newsbrief.schedule import send_test

    settings = settings_of(ctx)
    with store_of(ctx) as store:
        try:
            send_test(store, home_of(ctx), settings, profile, name, datetime.now(UTC))
        except (DeliveryError, LookupError) as exc:
            raise UserError(str(exc)) from None
    click.echo(f"sent a test briefing of {profile} via {name}")


# deliveries ---------------------------------------------------------------------------------


@click.group("deliveries", invoke_without_command=True)
@click.option("--profile", default=None, help="Only this profile's deliveries.")
@click.option(
    "--status",
    type=click.Choice(["pending", "sending", "retrying", "sent", "failed"]),
    default=None,
    help="Only deliveries in this state.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def deliveries_group(
    ctx: click.Context, profile: str | None, status: str | None, limit: int, as_json: bool
) -> None:
    """List deliveries, newest first, with their status and last error."""
    if ctx.invoked_subcommand is not None:
        return
    from newsbrief.store.deliveries import DeliveryStore

    with store_of(ctx) as store:
        rows = DeliveryStore(store).deliveries(profile=profile, status=status, limit=limit)
    if as_json:
        out = [
            {
                "id": d.id,
                "profile": d.profile,
                "date": d.date,
                "channel": d.channel,
                "kind": d.kind,
                "status": d.status,
                "attempts": d.attempts,
                "next_attempt": to_iso(d.next_attempt) if d.status != "sent" else None,
                "sent": to_iso(d.sent),
                "last_error": d.last_error,
            }
            for d in rows
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no deliveries yet")
        return
    click.echo("ID\tPROFILE\tDATE\tCHANNEL\tSTATUS\tATTEMPTS\tWHEN\tLAST ERROR")
    for d in rows:
        when = _stamp(d.sent) if d.status == "sent" else f"next {_stamp(d.next_attempt)}"
        if d.status == "failed":
            when = "gave up"
        line = f"{d.id}\t{d.profile}\t{d.date}\t{d.channel}\t{d.status}\t{d.attempts}\t{when}"
        if d.last_error and d.status != "sent":
            line += f"\t{d.last_error}"
        click.echo(line)


@deliveries_group.command("retry")
@click.argument("ids", nargs=-1, type=int, required=True)
@click.pass_context
def deliveries_retry_cmd(ctx: click.Context, ids: tuple[int, ...]) -> None:
    """Make failed (or waiting) deliveries due at the next tick, with fresh attempts."""
    from newsbrief.store.deliveries import DeliveryStore

    with store_of(ctx) as store:
        deliveries = DeliveryStore(store)
        for delivery_id in ids:
            if not deliveries.retry(delivery_id, datetime.now(UTC)):
                raise UserError(f"delivery {delivery_id} does not exist or was already sent")
            click.echo(f"delivery {delivery_id} will be retried at the next tick")
