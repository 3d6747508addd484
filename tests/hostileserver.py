"""A real HTTP server on loopback that misbehaves on purpose: the hostile server set the
hostile-input tests and the hostile fetch benchmark drive the fetcher against.

Each path answers with one kind of abuse (see ``HOSTILE``); tests add their own answers with
``route``. Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli

Answer = Callable[[BaseHTTPRequestHandler], None]


def rss(items: str, title: str = "Hostile") -> bytes:
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>"
        f"{items}</channel></rss>"
    ).encode()


def item(title: str, link: str = "", text: str = "", guid: str = "", date: str = "") -> str:
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if guid:
        parts.append(f"<guid>{guid}</guid>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    if text:
        parts.append(f"<description>{text}</description>")
    return "<item>" + "".join(parts) + "</item>"


def send(
    h: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    ctype: str = "application/rss+xml",
    headers: dict[str, str] | None = None,
) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for key, value in (headers or {}).items():
        h.send_header(key, value)
    h.end_headers()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        h.wfile.write(body)


def body(data: bytes, ctype: str = "application/rss+xml", **headers: str) -> Answer:
    return lambda h: send(h, 200, data, ctype, headers)


def redirect(location: str, status: int = 302) -> Answer:
    return lambda h: send(h, status, b"", headers={"Location": location})


def trickle(data: bytes, every: float = 0.5, ctype: str = "application/rss+xml") -> Answer:
    """The body one byte at a time, ``every`` seconds apart: each read comes in time, the whole
    never does."""

    def answer(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        try:
            for byte in data:
                h.wfile.write(bytes([byte]))
                h.wfile.flush()
                time.sleep(every)
        except (BrokenPipeError, ConnectionResetError):
            return

    return answer


def endless(ctype: str = "application/rss+xml", chunked: bool = True) -> Answer:
    """A body that never ends (streamed until the client hangs up)."""

    def answer(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        if chunked:
            h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = b"<item>" + b"x" * 65530
        try:
            for _ in range(1 << 20):
                if chunked:
                    h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                else:
                    h.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            return

    return answer


def delayed(data: bytes, seconds: float, ctype: str = "application/rss+xml") -> Answer:
    """A good answer that takes ``seconds`` to come (a slow but honest server)."""

    def answer(h: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        send(h, 200, data, ctype)

    return answer


def stall(seconds: float = 30.0) -> Answer:
    def answer(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("Content-Length", "100000")
        h.end_headers()
        try:
            h.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel>")
            h.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
        time.sleep(seconds)

    return answer


_BOMBS: dict[str, bytes] = {}


def _bomb(kind: str) -> bytes:
    """About 200 KB on the wire (brotli: far less) that expand to 200 MB."""
    if kind not in _BOMBS:
        zeros = b"\0" * (200 * 1024 * 1024)
        if kind == "gzip":
            _BOMBS[kind] = gzip.compress(zeros, compresslevel=9)
        elif kind == "deflate":
            _BOMBS[kind] = zlib.compress(zeros, 9)
        else:
            _BOMBS[kind] = brotli.compress(zeros, quality=5)
    return _BOMBS[kind]


def make_bombs() -> None:
    """Compress the bombs now rather than on their first request."""
    for kind in ("gzip", "deflate", "br"):
        _bomb(kind)


def bomb(kind: str) -> Answer:
    return lambda h: send(h, 200, _bomb(kind), headers={"Content-Encoding": kind})


BILLION_LAUGHS = (
    b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
    + b"".join(
        b"<!ENTITY lol%d '%s'>" % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]><rss version='2.0'><channel><title>&lol9;</title>"
    b"<item><title>&lol9;</title></item></channel></rss>"
)
EXTERNAL_ENTITY = (
    b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
    b"<rss version='2.0'><channel><title>x</title><item><title>Leak &x;</title>"
    b"<description>&x;</description></item></channel></rss>"
)


def attributes_page(count: int = 40_000) -> bytes:
    """An article page with one tag of ``count`` attributes (slow to extract)."""
    attrs = " ".join(f'a{i}="v{i}"' for i in range(count))
    words = "The harbour board met on Monday and approved the budget for the year. " * 60
    return (
        f"<html><head><title>Attribute storm</title></head><body><article {attrs}>"
        f"<h1>Attribute storm</h1><p>{words}</p></article></body></html>"
    ).encode()


def hostile_answers(base: str) -> dict[str, Answer]:
    """The standing set of abusive answers, by path (``base`` is the server's own URL)."""
    return {
        "/h/zero-path": body(b"/dev/zero"),
        "/h/bomb-gzip": bomb("gzip"),
        "/h/bomb-deflate": bomb("deflate"),
        "/h/bomb-br": bomb("br"),
        "/h/huge": endless(),
        "/h/huge-unchunked": endless(chunked=False),
        "/h/trickle": trickle(rss(item("Slow")) * 10, every=0.2),
        "/h/stall": stall(),
        "/h/loop-a": redirect("/h/loop-b"),
        "/h/loop-b": redirect("/h/loop-a"),
        "/h/to-file": redirect("file:///etc/passwd"),
        "/h/to-javascript": redirect("javascript:alert(1)"),
        "/h/to-bad-port": redirect("http://127.0.0.1:99999/x"),
        "/h/to-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
        "/h/laughs": body(BILLION_LAUGHS),
        "/h/external-entity": body(EXTERNAL_ENTITY),
        "/h/malformed": body(b"<?xml version='1.0'?><rss><channel><item><title>Half"),
        "/h/binary": body(bytes(range(256)) * 400, "application/octet-stream"),
        "/h/bad-charset": body(
            b"<?xml version='1.0' encoding='x-no-such'?><rss version='2.0'><channel>"
            b"<item><title>Caf\xe9 \xff\xfe</title></item></channel></rss>",
            "application/rss+xml; charset=bogus",
        ),
        "/h/attributes": body(attributes_page(), "text/html; charset=utf-8"),
        "/h/status-500": lambda h: send(h, 500, b"no"),
    }


class HostileServer:
    """``ThreadingHTTPServer`` on a free loopback port; ``route`` adds or replaces an answer."""

    def __init__(self, address: str = "127.0.0.1", port: int = 0) -> None:
        self.hits: Counter[str] = Counter()
        self.routes: dict[str, Answer] = {}
        self.httpd = ThreadingHTTPServer((address, port), self._handler())
        self.httpd.daemon_threads = True
        self.host = f"{address}:{self.httpd.server_address[1]}"
        self.routes.update(hostile_answers(self.url("")))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def route(self, path: str, answer: Answer | bytes) -> str:
        self.routes[path] = body(answer) if isinstance(answer, bytes) else answer
        return self.url(path)

    def __enter__(self) -> HostileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                server.hits[path] += 1
                answer = server.routes.get(path)
                if answer is None:
                    send(self, 404, b"not found", "text/plain")
                else:
                    answer(self)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self.do_GET()

        return Handler


class TrickleSocket:
    """A TCP server on loopback that answers every connection with ``data`` one byte at a time,
    ``every`` seconds apart, for at most ``duration`` seconds: each read comes in time, the
    whole answer never does (an SMTP greeting or an HTTP status line that never ends)."""

    def __init__(self, data: bytes, every: float = 0.1, duration: float = 20.0) -> None:
        self.data, self.every, self.duration = data, every, duration
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = int(self.sock.getsockname()[1])
        self.connections = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> TrickleSocket:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket) -> None:
        end = time.monotonic() + self.duration
        with conn:
            try:
                for byte in self.data:
                    if time.monotonic() > end:
                        return
                    conn.sendall(bytes([byte]))
                    time.sleep(self.every)
            except OSError:
                return
