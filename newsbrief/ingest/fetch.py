"""Polite, bounded HTTP fetching (httpx, async).

Every request goes through one ``Fetcher``: a global concurrency limit, a per-host limit and
delay, connect/read/total timeouts, a body-size limit enforced while streaming, decompression
with a bomb guard, manual redirects (each hop checked by the address guard), conditional GET,
and charset detection. Errors come back as ``FetchError`` with one readable line.
"""

from __future__ import annotations

import asyncio
import codecs
import email.utils
import functools
import ipaddress
import logging
import re
import socket
import ssl
import time
import zlib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsbrief import __version__
from newsbrief.config import Settings

log = logging.getLogger(__name__)

USER_AGENT = f"newsbrief/{__version__} (+https://github.com/newsbrief/newsbrief; news reader)"
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]+encoding=[\"']([A-Za-z0-9_\-]+)", re.IGNORECASE)
_CHUNK = 64 * 1024
T = TypeVar("T")


class FetchError(Exception):
    """A fetch that failed; ``str()`` is one line saying why."""

    def __init__(
        self, reason: str, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


class UnsafeURL(FetchError):
    """A URL the address guard refuses."""


class InvalidURL(FetchError):
    """A URL that is not well formed (a link or a redirect a client cannot follow)."""


@dataclass
class Policy:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * 1024 * 1024  # on the wire
    max_decoded_bytes: int = 40 * 1024 * 1024  # after decompression
    max_redirects: int = 5
    concurrency: int = 32
    per_host: int = 2
    host_delay: float = 0.5  # seconds between requests to one host
    allow_private: bool = False
    user_agent: str = USER_AGENT


@dataclass
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    not_modified: bool = False
    charset: str | None = None
    history: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def text(self) -> str:
        return decode(self.body, self.headers.get("content-type", ""))[0]


# address guard ----------------------------------------------------------------------------

# Special-purpose ranges (IANA registries) that ipaddress does not count as private, or that
# carry an IPv4 address inside an IPv6 one (6to4, Teredo, NAT64) and so can reach any of them.
_SPECIAL = [
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",  # "this network"
        "100.64.0.0/10",  # carrier-grade NAT (shared address space)
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation
        "203.0.113.0/24",  # documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, and the broadcast address
        "64:ff9b::/96",  # NAT64
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard-only
        "2001::/23",  # IETF protocol assignments, Teredo among them
        "2001:db8::/32",  # documentation
        "2002::/16",  # 6to4
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
]


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # without an IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in net for net in _SPECIAL if net.version == ip.version):
        return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def public_addresses(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, once; UnsafeURL when any is not public.

    The connection is then made to one of exactly these addresses (``PinnedBackend``): a name
    that resolves to a public address when checked and to a local one when connected (DNS
    rebinding) cannot reach the local one.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise FetchError(f"cannot resolve {host} ({reason})") from exc
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if not _is_public(address):
            raise UnsafeURL(
                f"{host} resolves to a private or local address ({address}); "
                "set allow_private_addresses to fetch it"
            )
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"cannot resolve {host} (no address)")
    return addresses


def check_url(url: str, allow_private: bool = False) -> None:
    """Refuse what is not http(s), and hosts that resolve to non-public addresses."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        port = parts.port
    except ValueError as exc:
        raise InvalidURL(f"not a valid URL ({exc})") from exc
    if scheme not in ("http", "https"):
        raise UnsafeURL(f"only http and https URLs can be fetched, not {scheme or 'none'}")
    host = parts.hostname
    if not host:
        raise UnsafeURL("the URL has no host")
    try:
        httpx.URL(url)  # what the client will accept, checked before anything is sent
    except (httpx.InvalidURL, ValueError) as exc:
        raise InvalidURL(f"not a valid URL ({exc})") from exc
    if allow_private:
        return
    public_addresses(host, port or (443 if scheme == "https" else 80))


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connections made only to checked addresses: the host is resolved once, every address
    checked, and the socket connected to a checked address. TLS still names the host (SNI and
    certificate check) and the Host header is the URL's, since only the socket's target
    changes."""

    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await asyncio.to_thread(public_addresses, host, port)
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise UnsafeURL("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context per process: making one loads every trusted certificate (tens of
    milliseconds), which a worker fetching one feed per task would otherwise pay per task."""
    return httpx.create_ssl_context()


def guarded_transport(
    allow_private: bool, limits: httpx.Limits | None = None
) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose connections go only to public addresses (unless
    ``allow_private``), checked at the moment of connecting.

    Environment proxies are not used with it: through a proxy, the proxy would resolve the name
    again, out of reach of the check.
    """
    limits = limits or httpx.Limits()
    transport = httpx.AsyncHTTPTransport(limits=limits, verify=tls_context())
    if not allow_private:
        # httpx has no option for a network backend; its pool is replaced by the same pool
        # made with one (the address check then runs inside every new connection).
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=tls_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=PinnedBackend(),
        )
    return transport


# decoding ----------------------------------------------------------------------------------


def _decompress(raw: bytes, encoding: str, limit: int) -> bytes:
    """Undo Content-Encoding, refusing output beyond ``limit`` bytes (decompression bombs)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding in ("gzip", "x-gzip", "deflate"):
        wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
        try:
            decoder = zlib.decompressobj(wbits)
            out = decoder.decompress(raw, limit + 1)
        except zlib.error:
            if encoding != "deflate":
                raise
            decoder = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
            out = decoder.decompress(raw, limit + 1)
        if len(out) > limit or decoder.unconsumed_tail:
            raise FetchError(f"body expands beyond {limit // (1024 * 1024)} MB when decompressed")
        return out
    if encoding == "br":
        import brotli

        decoder = brotli.Decompressor()
        out = decoder.process(raw, output_buffer_limit=limit + 1)
        if len(out) > limit or not decoder.can_accept_more_data():
            raise FetchError(f"body expands beyond {limit // (1024 * 1024)} MB when decompressed")
        return bytes(out)
    raise FetchError(f"unsupported content encoding {encoding!r}")


def decode(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Text of a body and the charset used: header, then BOM, then XML/HTML declaration,
    then detection, then UTF-8 with replacement."""
    candidates: list[str] = []
    match = re.search(r"charset=[\"']?([\w\-]+)", content_type, re.IGNORECASE)
    if match:
        candidates.append(match.group(1))
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            candidates.insert(0, name)
    head = body[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        found = pattern.search(head)
        if found:
            candidates.append(found.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            return body.decode(name), name
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in body[:100_000] if b >= 0x80)
    if high < 0.1 * min(len(body), 100_000):
        # Mostly ASCII with a few high bytes: western text in a legacy charset, which the web
        # platform reads as windows-1252 (a superset of ISO-8859-1).
        try:
            return body.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return body.decode(best.encoding), best.encoding
        except (LookupError, UnicodeDecodeError):
            pass
    return body.decode("utf-8", errors="replace"), "utf-8"


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    reference = now if now is not None else time.time()
    return max(0.0, when.timestamp() - reference)


def max_age_seconds(cache_control: str | None) -> float | None:
    if not cache_control:
        return None
    match = re.search(r"max-age=(\d+)", cache_control)
    return float(match.group(1)) if match else None


# the fetcher -------------------------------------------------------------------------------


class Fetcher:
    """One HTTP client for a run; use as ``async with Fetcher(policy) as f``."""

    def __init__(
        self,
        policy: Policy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy or Policy()
        self._transport = transport
        self._clock = clock
        self._global = asyncio.Semaphore(self.policy.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._next_slot: dict[str, float] = {}
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        p = self.policy
        limits = httpx.Limits(max_connections=p.concurrency, max_keepalive_connections=16)
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(p.read_timeout, connect=p.connect_timeout),
            follow_redirects=False,
            headers={"User-Agent": p.user_agent, "Accept-Encoding": "gzip, deflate, br"},
            transport=self._transport or guarded_transport(p.allow_private, limits),
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def _polite(self, host: str) -> None:
        """Wait for this host's turn: a minimum delay between requests to one host."""
        now = self._clock()
        slot = max(now, self._next_slot.get(host, now))
        self._next_slot[host] = slot + self.policy.host_delay
        if slot > now:
            await asyncio.sleep(slot - now)

    async def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
        max_bytes: int | None = None,
    ) -> Response:
        """GET a URL, following redirects; raises FetchError with a one-line reason.

        ``total_timeout`` bounds the time the request itself takes (the address check, every
        hop, decompression), not the time it waits for its turn at the host or in the global
        limit: a feed queued behind slow neighbours on one host is not recorded as timed out.
        """
        budget = _Budget(self.policy.total_timeout)
        history: list[str] = []
        current = url
        for _ in range(self.policy.max_redirects + 1):
            # The scheme and form here; the address when connecting, by the guarded transport,
            # on the very address connected to (a second lookup here could differ from it).
            form_only = self.policy.allow_private or self._transport is None
            await budget.run(asyncio.to_thread(check_url, current, form_only))
            headers = {"Accept": accept}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            response = await self._one(current, headers, max_bytes or self.policy.max_bytes, budget)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {response.status} without a Location", response.status)
                history.append(current)
                try:
                    current = urljoin(current, location)
                except ValueError as exc:
                    raise InvalidURL(f"redirect to an invalid URL ({exc})") from exc
                if current in history:
                    raise FetchError("redirect loop", response.status)
                continue
            response.history = history
            return response
        raise FetchError(f"more than {self.policy.max_redirects} redirects")

    async def _one(
        self, url: str, headers: dict[str, str], max_bytes: int, budget: _Budget
    ) -> Response:
        host = urlsplit(url).hostname or ""
        semaphore = self._hosts.setdefault(host, asyncio.Semaphore(self.policy.per_host))
        async with self._global, semaphore:
            await self._polite(host)
            status, resp_headers, raw = await budget.run(self._download(url, headers, max_bytes))
        if status == 304:
            return Response(url, status, resp_headers, b"", not_modified=True)
        if 300 <= status < 400:
            return Response(url, status, resp_headers, b"")
        if status >= 400:
            raise FetchError(
                f"HTTP {status}",
                status,
                retry_after_seconds(resp_headers.get("retry-after")),
            )
        # Off the event loop: a bomb takes a while to reach the limit, and every other request
        # of the run (and its timers) waits for the loop.
        unpack = asyncio.to_thread(
            _decompress,
            raw,
            resp_headers.get("content-encoding", ""),
            self.policy.max_decoded_bytes,
        )
        return Response(url, status, resp_headers, await budget.run(unpack))

    async def _download(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[int, dict[str, str], bytes]:
        assert self._client is not None, "use Fetcher as an async context manager"
        try:
            async with self._client.stream("GET", url, headers=headers) as r:
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"body of {int(declared):,} bytes is over the limit")
                chunks: list[bytes] = []
                size = 0
                async for chunk in r.aiter_raw(_CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(f"body larger than {max_bytes:,} bytes")
                    chunks.append(chunk)
                raw = b"".join(chunks)
                status, resp_headers = (
                    r.status_code,
                    {k.lower(): v for k, v in r.headers.items()},
                )
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise FetchError(f"connection failed ({exc or type(exc).__name__})") from exc
        except httpx.InvalidURL as exc:
            # httpx reads a redirect's Location even when it does not follow it.
            raise InvalidURL(f"redirect to an invalid URL ({exc})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc
        return status, resp_headers, raw


class _Budget:
    """The time one request may spend working (not waiting for its turn), across its hops."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.left = seconds

    async def run(self, work: Awaitable[T]) -> T:
        loop = asyncio.get_running_loop()
        start = loop.time()
        try:
            async with asyncio.timeout(max(self.left, 0.0)):
                return await work
        except TimeoutError as exc:
            raise FetchError(f"timed out after {self.seconds:g} s") from exc
        finally:
            self.left -= loop.time() - start


def now_utc() -> datetime:
    return datetime.now(UTC)


def policy_from_settings(settings: Settings) -> Policy:
    return Policy(
        allow_private=settings.allow_private_addresses,
        concurrency=settings.fetch_concurrency,
        per_host=settings.fetch_per_host,
        host_delay=settings.fetch_host_delay,
        total_timeout=settings.fetch_timeout,
    )
