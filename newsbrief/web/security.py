"""What keeps the web app safe: response headers, CSRF tokens, host checks, login limits.

Article content is untrusted. Templates escape everything; only http(s) links reach a page;
the Content-Security-Policy allows scripts from the app's own static folder only, so even a
markup mistake cannot run a feed's script.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import threading
import time
from collections import deque
from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def is_loopback(host: str) -> bool:
    """Whether binding to this address keeps the app on this machine."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The host of a Host header, without the port: "[::1]:8000" -> "::1"."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class SecurityHeaders:
    """Adds the security headers to every response; refuses Host headers it does not serve.

    On loopback with no accounts, only loopback host names are served, so a web page that
    points its own name at 127.0.0.1 (DNS rebinding) cannot read or change the reader's data.

    A request that another site's page makes in the background (an image, a script, a fetch:
    the browser says so in ``Sec-Fetch-Site`` and ``Sec-Fetch-Mode``) is refused: any page the
    reader visits could otherwise make the app build briefings. Following a link (a
    navigation) still works, and so do feeds, which feed readers may fetch from anywhere.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if self.allowed is not None:
            host = host_name(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                response = PlainTextResponse("unknown host name", status_code=421)
                await response(scope, receive, self._with_headers(send))
                return
        if _from_another_page(headers, str(scope.get("path", ""))):
            response = PlainTextResponse(
                "refused: a request made by another site's page", status_code=403
            )
            await response(scope, receive, self._with_headers(send))
            return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        return wrapped


def _from_another_page(headers: dict[bytes, bytes], path: str) -> bool:
    """A background request (not a navigation) made by a page of another origin."""
    site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
    mode = headers.get(b"sec-fetch-mode", b"").decode("latin-1").lower()
    if site not in ("cross-site", "same-site") or mode == "navigate":
        return False
    return not path.startswith("/feeds/")


# CSRF --------------------------------------------------------------------------------------


def new_client_id() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(key: bytes, binding: str) -> str:
    """The token forms carry: a MAC of the client's cookie, so another site cannot make one."""
    return hmac.new(key, b"csrf:" + binding.encode(), hashlib.sha256).hexdigest()


def csrf_ok(key: bytes, binding: str | None, token: str | None) -> bool:
    if not binding or not token:
        return False
    return hmac.compare_digest(csrf_token(key, binding), token)


def same_origin(origin: str | None, host: str | None) -> bool:
    """Whether an Origin header (when a browser sends one) names this app's own host."""
    if not origin:
        return True  # not sent by every client; the CSRF token still guards the request
    if origin == "null" or not host:
        return False
    netloc = origin.split("://", 1)[-1]
    return netloc.lower() == host.lower()


# login rate limiting -----------------------------------------------------------------------


class LoginLimiter:
    """At most ``attempts`` failed logins per client address and per user name in ``window``
    seconds; the next attempt waits until the oldest failure leaves the window.

    An attempt is counted before its password is checked and forgotten when it succeeds, so
    attempts sent at once get no more checks than attempts sent one after another.
    """

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def _wait(self, keys: Iterable[str], now: float) -> int:
        wait = 0.0
        for key in keys:
            times = self._recent(key, now)
            if len(times) >= self.attempts:
                wait = max(wait, times[0] + self.window - now)
        return int(wait) + 1 if wait > 0 else 0

    def attempt(self, keys: Iterable[str], now: float | None = None) -> int:
        """Start a login attempt: 0 when it may check the password, else the seconds to wait.

        The attempt counts as failed from the start (``succeeded`` takes it back): checking a
        password takes a while, and attempts sent in parallel must not all pass the check
        before the first failure is counted.
        """
        now = time.monotonic() if now is None else now
        keys = list(keys)
        with self._lock:
            wait = self._wait(keys, now)
            if not wait:
                self._count(keys, now)
            return wait

    def _count(self, keys: Iterable[str], now: float) -> None:
        for key in keys:
            self._recent(key, now).append(now)
        if len(self._failures) > 10_000:  # forget idle keys so memory stays bounded
            for key in [k for k, v in self._failures.items() if not v]:
                del self._failures[key]

    def succeeded(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


# expensive work per client ---------------------------------------------------------------


class TooBusy(Exception):
    """A client asked for more expensive work than its share; ``wait`` seconds until more."""

    def __init__(self, wait: int) -> None:
        super().__init__(f"try again in {wait} seconds")
        self.wait = wait


class WorkLimiter:
    """At most ``per_minute`` expensive builds (a briefing, a story write-up) per client in
    any 60 seconds. A GET from any page the reader visits can ask for one, so without a limit
    a page could keep the server building briefings; what is already built is served freely.
    """

    WINDOW = 60.0

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._spent: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def spend(self, client: str, now: float | None = None) -> None:
        """Count one build for the client, or raise ``TooBusy`` when its share is spent."""
        if self.per_minute <= 0:
            return  # no limit
        now = time.monotonic() if now is None else now
        with self._lock:
            times = self._spent.setdefault(client, deque())
            while times and times[0] <= now - self.WINDOW:
                times.popleft()
            if len(times) >= self.per_minute:
                raise TooBusy(int(times[0] + self.WINDOW - now) + 1)
            times.append(now)
            if len(self._spent) > 10_000:  # forget idle clients so memory stays bounded
                idle = now - self.WINDOW
                for key in [k for k, v in self._spent.items() if not v or v[-1] <= idle]:
                    del self._spent[key]
