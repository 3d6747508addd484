"""What the scheduling and delivery tests share: news near a chosen time, a clock the test moves,
a real SMTP server (aiosmtpd) and a real webhook receiver, both on loopback."""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from newsbrief.config import Settings, defaults
from newsbrief.demo import corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.models import Profile
from newsbrief.store import Store

NEWS_LABELS = ("20_ecb", "20_ecbplus", "24_ecb", "12_ecb", "1_ecb")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def news_rows(now: datetime) -> list[dict[str, Any]]:
    """Some stories of the bundled corpus, dated in the hours before ``now``, with links."""
    rows = [json.loads(line) for line in corpus_path().read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["label"] in NEWS_LABELS]
    for i, row in enumerate(rows):
        row["published"] = (now - timedelta(hours=2, minutes=i)).isoformat()
        row["url"] = f"https://news.example/{row['id']}"
        row["source"] = row.get("source") or f"outlet{i % 4}.example"
    return rows


def seed_news(store: Store, now: datetime, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"news-{now:%Y%m%d%H%M}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in news_rows(now)), encoding="utf-8")
    return import_paths(store, [str(path)]).added


def add_profile(
    store: Store, name: str = "ana", timezone: str = "Europe/Berlin", at: str = "07:00"
) -> Profile:
    profile = Profile(name=name, timezone=timezone, delivery_time=at, story_count=4)
    store.save_profile(profile)
    return profile


def settings(**overrides: Any) -> Settings:
    # The test receivers listen on loopback.
    return defaults(**{"allow_private_addresses": True, **overrides})


class FakeClock:
    """A clock the test sets; ``sleep`` moves it forward at once and is recorded."""

    def __init__(self, start: datetime) -> None:
        self.current = start
        self.sleeps: list[float] = []

    def now(self) -> datetime:
        return self.current

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.current += timedelta(seconds=seconds)

    def set(self, when: datetime) -> None:
        self.current = when


# SMTP -----------------------------------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes


@dataclass
class SmtpSink:
    """A real SMTP server on loopback that keeps what it receives.

    ``pause_at`` makes the first session wait before the server answers, until ``release`` is
    set, after announcing it through ``reached``: at "rcpt" nothing has been transferred yet;
    at "data" the message has been received and queued, but not yet acknowledged.
    """

    port: int = field(default_factory=free_port)
    tls_context: ssl.SSLContext | None = None  # offers STARTTLS when set
    implicit_tls: ssl.SSLContext | None = None  # SMTPS when set
    login: tuple[str, str] | None = None
    refuse: set[str] = field(default_factory=set)  # recipients answered with 550
    pause_at: str | None = None
    received: list[Received] = field(default_factory=list)
    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    auth_attempts: int = 0

    def start(self) -> SmtpSink:
        kwargs: dict[str, Any] = {}
        if self.login is not None:
            kwargs["authenticator"] = self._authenticate
            kwargs["auth_require_tls"] = self.tls_context is not None
        if self.tls_context is not None:
            kwargs["tls_context"] = self.tls_context
            kwargs["require_starttls"] = False
        if self.implicit_tls is not None:
            kwargs["ssl_context"] = self.implicit_tls
        self.controller = Controller(
            self, hostname="127.0.0.1", port=self.port, server_hostname="localhost", **kwargs
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.controller.stop()

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        self.auth_attempts += 1
        ok = (
            isinstance(auth_data, LoginPassword)
            and self.login is not None
            and auth_data.login.decode() == self.login[0]
            and auth_data.password.decode() == self.login[1]
        )
        return AuthResult(success=ok, handled=False)

    async def _maybe_pause(self, point: str) -> None:
        if self.pause_at == point and not self.reached.is_set():
            self.reached.set()
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, self.release.wait, 120)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        await self._maybe_pause("rcpt")
        if address in self.refuse:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = BytesParser(policy=policy.default).parsebytes(raw)
        assert isinstance(message, EmailMessage)
        # Like a real server: the message is queued first, then accepted with 250.
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message, raw))
        await self._maybe_pause("data")
        return "250 Message accepted for delivery"


# webhooks -------------------------------------------------------------------------------------


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    body: Any
    answered: int


class WebhookSink:
    """A real HTTP server on loopback that records each POST and answers as told.

    ``answers`` is consumed one per request (status code, or ("hang", seconds) to wait before
    answering 200); when empty, requests get 200.
    """

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self.answers: list[Any] = []
        self.lock = threading.Lock()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                with sink.lock:
                    answer = sink.answers.pop(0) if sink.answers else 200
                status = 200
                if isinstance(answer, tuple) and answer[0] == "hang":
                    time.sleep(answer[1])
                else:
                    status = int(answer)
                with sink.lock:
                    sink.hits.append(
                        Hit(self.path, dict(self.headers.items()), json.loads(raw), status)
                    )
                body = b"ok" if status < 300 else b"internal trouble"
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str = "/hooks/T000/B000/s3cr3t-t0ken") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> WebhookSink:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def ok_hits(self) -> list[Hit]:
        return [h for h in self.hits if h.answered < 300]


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()
