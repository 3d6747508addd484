"""Email over SMTP: STARTTLS or implicit TLS, optional authentication, text and HTML parts.

Server settings are global (``smtp_*`` settings, the password from ``NEWSBRIEF_SMTP_PASSWORD`` or
``secrets.toml``); a channel holds its recipients. Each message carries a Message-ID derived from
the delivery, so a copy resent after an interrupted attempt is recognisable as the same message.
"""

from __future__ import annotations

import contextlib
import logging
import re
import smtplib
import socket
import ssl
import threading
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from typing import Any
from urllib.parse import quote

from newsbrief import config
from newsbrief.deliver import Context, DeliveryError, Parcel
from newsbrief.deliver.redact import redact
from newsbrief.models import Channel
from newsbrief.render.email import render_email_html, render_email_text

log = logging.getLogger(__name__)

SECURITY = ("starttls", "tls", "none")
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def check_address(value: str) -> str:
    """An address as ``user@example.org`` or ``Name <user@example.org>``; ValueError if not."""
    text = value.strip()
    if not text or any(c in text for c in "\r\n"):
        raise ValueError(f"{value!r} is not an email address")
    name, addr = parseaddr(text)
    if not addr or addr.count("@") != 1:
        raise ValueError(f"{value!r} is not an email address")
    local, domain = addr.rsplit("@", 1)
    labels = domain.split(".")
    if not _LOCAL.match(local) or len(labels) < 2 or not all(_LABEL.match(x) for x in labels):
        raise ValueError(f"{value!r} is not an email address")
    return formataddr((name, addr)) if name else addr


def check(cfg: dict[str, Any]) -> dict[str, Any]:
    to = cfg.get("to") or []
    if isinstance(to, str):
        to = [to]
    if not to:
        raise ValueError("an email channel needs at least one --to address")
    out: dict[str, Any] = {"to": [check_address(a) for a in to]}
    if cfg.get("from"):
        out["from"] = check_address(str(cfg["from"]))
    if cfg.get("subject_prefix"):
        out["subject_prefix"] = str(cfg["subject_prefix"])
    unsubscribe = cfg.get("unsubscribe")
    if unsubscribe:
        unsubscribe = str(unsubscribe).strip()
        if not unsubscribe.lower().startswith(("https://", "http://", "mailto:")):
            raise ValueError(f"--unsubscribe {unsubscribe!r}: expected an http(s) or mailto: link")
        out["unsubscribe"] = unsubscribe
    return out


def describe(cfg: dict[str, Any]) -> str:
    return "to " + ", ".join(cfg.get("to", []))


def build_message(
    channel: Channel, parcel: Parcel, sender: str, recipients: list[str], when: str
) -> EmailMessage:
    """The multipart/alternative message for one delivery."""
    briefing = parcel.briefing
    _, sender_addr = parseaddr(sender)
    domain = sender_addr.rsplit("@", 1)[1]
    unsubscribe = str(channel.config.get("unsubscribe") or "")
    if not unsubscribe:
        unsubscribe = f"mailto:{sender_addr}?subject=" + quote(
            f"unsubscribe {channel.profile} {channel.name}"
        )
    footer = (
        f"You receive this because the newsbrief profile “{channel.profile}” sends its daily "
        f"briefing to this address (channel “{channel.name}”)."
    )
    msg = EmailMessage()
    prefix = str(channel.config.get("subject_prefix") or "")
    msg["Subject"] = _one_line(prefix + briefing.title)
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["Date"] = format_datetime(parcel.edition.created)
    msg["Message-ID"] = f"<{parcel.key(channel)}.{_slug(channel.profile)}@{domain}>"
    list_id = f"{_slug(channel.profile)}.{_slug(channel.name)}.newsbrief.{domain}"
    msg["List-Id"] = f"newsbrief briefing for {_one_line(channel.profile)} <{list_id}>"
    msg["List-Unsubscribe"] = f"<{unsubscribe}>"
    if unsubscribe.lower().startswith("https://"):
        # RFC 8058 one-click unsubscribe needs an https link that accepts a POST.
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(render_email_text(briefing, footer=footer, unsubscribe=unsubscribe))
    msg.add_alternative(
        render_email_html(briefing, when=when, footer=footer, unsubscribe=unsubscribe),
        subtype="html",
    )
    return msg


def send(channel: Channel, parcel: Parcel, ctx: Context) -> None:
    settings = ctx.settings
    host = settings.smtp_host.strip()
    port = settings.smtp_port
    security = settings.smtp_security.strip().lower()
    user = settings.smtp_user.strip()
    if not host:
        raise DeliveryError("email: smtp_host is not set (config.toml or NEWSBRIEF_SMTP_HOST)")
    if security not in SECURITY:
        raise DeliveryError(
            f"email: smtp_security {security!r} is not one of {', '.join(SECURITY)}"
        )
    sender_text = str(channel.config.get("from") or settings.smtp_from or "").strip()
    if not sender_text and "@" in user:
        sender_text = user
    if not sender_text:
        raise DeliveryError("email: smtp_from is not set (the address briefings are sent from)")
    try:
        recipients = [check_address(a) for a in _list(channel.config.get("to"))]
        sender = check_address(sender_text)
    except ValueError as exc:
        raise DeliveryError(f"email: {exc}") from None
    if not recipients:
        raise DeliveryError("email: the channel has no recipient")
    try:
        password = config.secret(ctx.home, "smtp_password")
    except config.ConfigError as exc:
        raise DeliveryError(f"email: {exc}") from None
    if user and not password:
        raise DeliveryError(
            "email: smtp_user is set but no password is (set NEWSBRIEF_SMTP_PASSWORD or "
            f"smtp_password in {config.SECRETS_FILE} in the data folder)"
        )
    message = build_message(channel, parcel, sender, recipients, parcel.local_time)
    where = f"{host}:{port}"
    secrets = [password]
    try:
        refused = _transmit(message, settings, host, port, security, user, password, recipients)
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(
            f"email: authentication as {user!r} failed on {where}: {_reply(exc, secrets)}"
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        who = "; ".join(f"{a}: {_reply_of(*e, secrets)}" for a, e in exc.recipients.items())
        raise DeliveryError(f"email: {where} refused every recipient ({who})") from None
    except smtplib.SMTPSenderRefused as exc:
        reply = _reply_of(exc.smtp_code, exc.smtp_error, secrets)
        raise DeliveryError(f"email: {where} refused sender {exc.sender}: {reply}") from None
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"email: {where} answered {_reply(exc, secrets)}") from None
    except smtplib.SMTPServerDisconnected as exc:
        if "timed out" in str(exc):  # smtplib reports a read timeout as a disconnection
            raise DeliveryError(
                f"email: {where} did not answer within {settings.smtp_timeout:g} s"
            ) from None
        raise DeliveryError(
            f"email: {where} closed the connection ({redact(str(exc), secrets) or 'no reason'})"
        ) from None
    except smtplib.SMTPException as exc:
        raise DeliveryError(f"email: {where}: {redact(str(exc), secrets)}") from None
    except ssl.SSLError as exc:
        raise DeliveryError(
            f"email: TLS with {where} failed ({exc.reason or exc}); check smtp_security "
            "(starttls for port 587, tls for 465) and smtp_ca_file"
        ) from None
    except TimeoutError:
        raise DeliveryError(
            f"email: {where} did not answer within {settings.smtp_timeout:g} s"
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise DeliveryError(f"email: cannot reach SMTP server {where} ({reason})") from None
    if refused:
        # Others got it: sending again would give them a second copy, so it counts as sent.
        log.warning(
            "email to %s: some recipients were refused: %s",
            channel.name,
            "; ".join(f"{a}: {_reply_of(*e, secrets)}" for a, e in refused.items()),
        )


class _Deadline:
    """The total time one delivery may take: when it is up, the connection is shut down, which
    ends whatever read or write is waiting. smtplib's timeout bounds each read alone, so a
    server that sends one byte just before each timeout could otherwise hold a delivery for
    ever."""

    def __init__(self, smtp: smtplib.SMTP, seconds: float) -> None:
        self.smtp = smtp
        self.expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        self.expired = True
        self.cut()

    def cut(self) -> None:
        sock = getattr(self.smtp, "sock", None)
        if sock is not None:
            # The plain socket's shutdown, also under TLS: it ends a blocked read at once
            # without touching the TLS state the reading thread is using.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _UnderDeadline:
    """Keeps the socket where the deadline can cut it, the moment it is opened."""

    deadline: _Deadline | None = None
    sock: socket.socket | None

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        sock: socket.socket = super()._get_socket(host, port, timeout)  # type: ignore[misc]
        self.sock = sock
        if self.deadline is not None and self.deadline.expired:
            self.deadline.cut()
        return sock


class _DeadlineSMTP(_UnderDeadline, smtplib.SMTP):
    pass


class _DeadlineSMTPS(_UnderDeadline, smtplib.SMTP_SSL):
    pass


def _transmit(
    message: EmailMessage,
    settings: config.Settings,
    host: str,
    port: int,
    security: str,
    user: str,
    password: str | None,
    recipients: list[str],
) -> dict[str, tuple[int, bytes]]:
    timeout = settings.smtp_timeout
    tls = ssl.create_default_context(cafile=settings.smtp_ca_file or None)
    # The host name, not getfqdn(): a reverse DNS lookup can stall for a long time offline.
    local = socket.gethostname() or "localhost"
    smtp: _DeadlineSMTP | _DeadlineSMTPS
    if security == "tls":
        smtp = _DeadlineSMTPS(local_hostname=local, timeout=timeout, context=tls)
    else:
        smtp = _DeadlineSMTP(local_hostname=local, timeout=timeout)
    with _Deadline(smtp, timeout) as deadline:
        smtp.deadline = deadline
        try:
            return _session(smtp, message, host, port, security, user, password, recipients, tls)
        except (smtplib.SMTPException, OSError) as exc:
            if deadline.expired:
                raise TimeoutError("the total deadline passed") from exc
            raise


def _session(
    smtp: smtplib.SMTP,
    message: EmailMessage,
    host: str,
    port: int,
    security: str,
    user: str,
    password: str | None,
    recipients: list[str],
    tls: ssl.SSLContext,
) -> dict[str, tuple[int, bytes]]:
    # Made without a host so the deadline runs from before the connection; the name TLS checks
    # the certificate against is then set here, as the constructor would have.
    smtp._host = host  # type: ignore[attr-defined]
    try:
        smtp.connect(host, port)
        smtp.ehlo()
        if security == "starttls":
            if not smtp.has_extn("starttls"):
                raise smtplib.SMTPNotSupportedError(
                    "the server does not offer STARTTLS (set smtp_security to tls or none)"
                )
            smtp.starttls(context=tls)
            smtp.ehlo()
        if user:
            smtp.login(user, password or "")
        envelope_to = [parseaddr(r)[1] for r in recipients]
        sender = parseaddr(str(message["From"]))[1]
        return smtp.send_message(message, from_addr=sender, to_addrs=envelope_to)
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _reply(exc: smtplib.SMTPResponseException, secrets: list[str | None]) -> str:
    return _reply_of(exc.smtp_code, exc.smtp_error, secrets)


def _reply_of(code: int, text: bytes | str, secrets: list[str | None]) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return redact(f"{code} {text}".strip(), secrets)


def _list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-").lower() or "x"
