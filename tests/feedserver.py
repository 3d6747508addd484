"""A real HTTP server on loopback serving the project's fixture feeds and pages, plus the
misbehaving endpoints the fetcher must survive (stalls, huge bodies, gzip bombs, loops)."""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
TYPES = {
    ".xml": "application/rss+xml",
    ".rdf": "application/rdf+xml",
    ".json": "application/feed+json",
    ".html": "text/html; charset=utf-8",
    ".opml": "text/x-opml",
}
PAGES = {
    "/articles/terminal": "pages/terminal.html",
    "/articles/ferry": "pages/terminal.html",
    "/articles/paywalled": "pages/paywall.html",
    "/articles/blocked": "pages/blocked.html",
    "/private/page": "pages/terminal.html",
    "/home": "feeds/home.html",
    "/nofeed": "feeds/nofeed.html",
}
_BOMB: list[bytes] = []


def bomb() -> bytes:
    """About 200 KB on the wire, 200 MB once decompressed."""
    if not _BOMB:
        _BOMB.append(gzip.compress(b"\0" * (200 * 1024 * 1024), compresslevel=9))
    return _BOMB[0]


class FixtureServer:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.extra: dict[str, bytes] = {}  # path -> body, for feeds a test writes itself
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.host = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def __enter__(self) -> FixtureServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def body(self, relative: str) -> bytes:
        return (FIXTURES / relative).read_bytes().replace(b"HOST", self.host.encode())

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def send(self, status: int, body: bytes = b"", ctype: str = "text/plain",
                     headers: dict[str, str] | None = None) -> None:  # fmt: skip
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # one small router
                path = self.path.split("?")[0]
                server.hits[path] += 1
                if path in server.extra:
                    self.send(200, server.extra[path], "application/rss+xml")
                elif path.startswith("/feeds/"):
                    self.feed(path[len("/feeds/") :])
                elif path in PAGES:
                    self.send(200, server.body(PAGES[path]), TYPES[".html"])
                elif path == "/robots.txt":
                    self.send(200, b"User-agent: *\nDisallow: /private/\n")
                elif path.startswith("/status/"):
                    code = int(path.rsplit("/", 1)[1])
                    headers = {"Retry-After": "120"} if code in (429, 503) else {}
                    self.send(code, b"no", headers=headers)
                elif path == "/stall":
                    self.stall()
                elif path == "/huge":
                    self.huge()
                elif path == "/bomb":
                    self.send(200, bomb(), "application/rss+xml", {"Content-Encoding": "gzip"})
                elif path in ("/loop/a", "/loop/b"):
                    target = "/loop/b" if path == "/loop/a" else "/loop/a"
                    self.send(302, b"", headers={"Location": target})
                elif path == "/moved":
                    self.send(301, b"", headers={"Location": "/feeds/atom10.xml"})
                elif path == "/latin1-noheader":
                    body = server.body("feeds/rss091.xml").replace(
                        b"Old Wire", "Café Wire".encode("latin-1")
                    )
                    self.send(200, body, "application/xml")
                elif path == "/latin1-wrongheader":
                    text = "<?xml version='1.0'?><rss version='2.0'><channel><title>Été</title>" \
                        "<item><title>Crème brûlée festival opens</title>" \
                        "<link>http://x.test/creme</link></item></channel></rss>"  # fmt: skip
                    self.send(200, text.encode("latin-1"), "application/rss+xml; charset=utf-8")
                else:
                    self.send(404, b"not found")

            def feed(self, name: str) -> None:
                file = FIXTURES / "feeds" / name
                if not file.exists():
                    self.send(404, b"not found")
                    return
                body = server.body(f"feeds/{name}")
                etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                headers = {"ETag": etag, "Cache-Control": "max-age=7200"}
                if self.headers.get("Accept-Encoding", "").find("gzip") >= 0 and name.endswith(
                    ".xml"
                ):
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                self.send(200, body, TYPES.get(file.suffix, "application/xml"), headers)

            def stall(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel>")
                self.wfile.flush()
                time.sleep(8)

            def huge(self) -> None:
                # 1 GB announced and streamed until the client hangs up.
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"x" * 65536
                try:
                    for _ in range(16384):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                except (BrokenPipeError, ConnectionResetError):
                    return

        return Handler
