"""A misbehaving HTTP/1.1 server on 127.0.0.1 for the fetch tests.

Tests register pages (``add``) and faults (``add_fault``); the server records every request it receives with the
time on *its* clock, so a test can prove that a disallowed path was never requested or that a retry came only after
``Retry-After`` had elapsed, without asserting on its own wall-clock.

Faults: ``retry_after`` (429/503 then 200), ``flaky`` (500 n times then 200), ``slow`` (answers after a delay),
``truncated`` (Content-Length larger than the body, then the connection is closed), ``gzip_bomb``, ``redirect``
(loops are two redirects pointing at each other), ``huge`` (chunked body past any limit), ``status`` (always the
same error). Pages get ETag and Last-Modified and answer conditional requests with 304.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

__all__ = ["FaultServer", "Handler", "Logged", "Page"]

Handler = Callable[["_RequestHandler", int], None]


@dataclass(frozen=True, slots=True)
class Logged:
    """One request as the server saw it; ``at`` is ``time.monotonic()`` on arrival, ``answered`` when sent."""

    path: str
    at: float
    headers: dict[str, str]
    status: int = 0
    answered: float = 0.0


@dataclass(frozen=True, slots=True)
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    validators: bool = True
    last_modified: str = field(default_factory=lambda: formatdate(1480320000, usegmt=True))

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


class FaultServer:
    """Start with ``with FaultServer() as server:``; ``server.url(path)`` gives absolute URLs."""

    def __init__(self) -> None:
        self._routes: dict[str, Handler] = {}
        self._hits: dict[str, int] = {}
        self._lock = threading.Lock()
        self.log: list[Logged] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _RequestHandler)
        self._httpd.daemon_threads = True
        self._httpd.fault_server = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def requested(self, path: str) -> list[Logged]:
        """Every logged request for ``path`` (without query), in arrival order."""
        with self._lock:
            return [entry for entry in self.log if entry.path == path]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    # -- content ------------------------------------------------------------------------------------------------

    def add(self, path: str, page: Page | bytes | str, content_type: str | None = None) -> str:
        """Serve ``page`` at ``path`` (with ETag/Last-Modified and 304s); returns its URL."""
        if not isinstance(page, Page):
            body = page.encode() if isinstance(page, str) else page
            page = Page(body, content_type or "text/html; charset=utf-8")
        served = page
        self._routes[path] = lambda handler, _hit: handler.send_page(served)
        return self.url(path)

    def add_fault(self, path: str, kind: str, **options: object) -> str:
        """Serve a fault at ``path`` (see module docstring for ``kind``s); returns its URL."""
        self._routes[path] = _FAULTS[kind](**options)
        return self.url(path)

    def add_handler(self, path: str, handle: Handler) -> str:
        """Answer ``path`` with a test's own ``handle(handler, hit)`` (e.g. one that holds a page back)."""
        self._routes[path] = handle
        return self.url(path)

    def hits(self, path: str) -> int:
        with self._lock:
            return self._hits.get(path, 0)

    def _dispatch(self, handler: _RequestHandler) -> None:
        path = urlsplit(handler.path).path
        with self._lock:
            hit = self._hits[path] = self._hits.get(path, 0) + 1
            index = len(self.log)
            self.log.append(Logged(path, time.monotonic(), {k.lower(): v for k, v in handler.headers.items()}))
        route = self._routes.get(path)
        try:
            if route is None:
                handler.send_bytes(404, b"not found")
            else:
                route(handler, hit)
        except (BrokenPipeError, ConnectionResetError):
            handler.close_connection = True  # the client gave up (a timeout test): nothing to answer
        with self._lock:
            entry = self.log[index]
            self.log[index] = Logged(entry.path, entry.at, entry.headers, handler.sent_status, time.monotonic())


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    sent_status = 0

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.fault_server._dispatch(self)  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep test output quiet
        return

    def send_bytes(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.sent_status = status
        self.send_response(status)
        merged = {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}
        for key, value in merged.items():
            self.send_header(key, value)
        if "Content-Length" not in merged:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_page(self, page: Page) -> None:
        headers = {"Content-Type": page.content_type}
        if page.validators:
            headers |= {"ETag": page.etag, "Last-Modified": page.last_modified}
            if self.headers.get("If-None-Match") == page.etag or (
                self.headers.get("If-None-Match") is None
                and self.headers.get("If-Modified-Since") == page.last_modified
            ):
                self.send_bytes(304, b"", {**headers, "Content-Length": "0"})
                return
        self.send_bytes(200, page.body, headers)


def _retry_after(status: int = 429, times: int = 1, retry_after: str = "1", body: bytes = b"ok") -> Handler:
    def handle(handler: _RequestHandler, hit: int) -> None:
        if hit <= times:
            handler.send_bytes(status, b"slow down", {"Retry-After": retry_after})
        else:
            handler.send_page(Page(body))

    return handle


def _flaky(times: int = 2, body: bytes = b"<html><body><p>finally</p></body></html>") -> Handler:
    def handle(handler: _RequestHandler, hit: int) -> None:
        if hit <= times:
            handler.send_bytes(500, b"oops")
        else:
            handler.send_page(Page(body))

    return handle


def _slow(delay: float = 2.0, body: bytes = b"<html>late</html>") -> Handler:
    def handle(handler: _RequestHandler, _hit: int) -> None:
        time.sleep(delay)
        handler.send_bytes(200, body, {"Content-Type": "text/html"})

    return handle


def _truncated(declared: int = 10_000, sent: int = 500) -> Handler:
    def handle(handler: _RequestHandler, _hit: int) -> None:
        handler.send_bytes(200, b"<" * sent, {"Content-Type": "text/html", "Content-Length": str(declared)})
        handler.close_connection = True

    return handle


def _gzip_bomb(decompressed: int = 64 * 1024 * 1024) -> Handler:
    payload = gzip.compress(b"\0" * decompressed, compresslevel=9)

    def handle(handler: _RequestHandler, _hit: int) -> None:
        handler.send_bytes(200, payload, {"Content-Type": "text/html", "Content-Encoding": "gzip"})

    return handle


def _redirect(to: str, status: int = 302) -> Handler:
    def handle(handler: _RequestHandler, _hit: int) -> None:
        handler.send_bytes(status, b"", {"Location": to})

    return handle


def _huge(size: int = 32 * 1024 * 1024) -> Handler:
    def handle(handler: _RequestHandler, _hit: int) -> None:
        handler.sent_status = 200
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b"a" * 65536
        for _ in range(size // len(chunk)):
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        handler.wfile.write(b"0\r\n\r\n")

    return handle


def _status(status: int = 500, body: bytes = b"nope", content_type: str = "text/plain") -> Handler:
    def handle(handler: _RequestHandler, _hit: int) -> None:
        handler.send_bytes(status, body, {"Content-Type": content_type})

    return handle


_FAULTS: dict[str, Callable[..., Handler]] = {
    "retry_after": _retry_after,
    "flaky": _flaky,
    "slow": _slow,
    "truncated": _truncated,
    "gzip_bomb": _gzip_bomb,
    "redirect": _redirect,
    "huge": _huge,
    "status": _status,
}


def article_html(title: str, paragraphs: int = 3) -> bytes:
    """A small, valid article page."""
    body = "".join(f"<p>{title}: paragraph {n} of a report.</p>" for n in range(paragraphs))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>{body}</article></body></html>".encode()
    )


def rss(base: str, items: list[tuple[str | None, str]], title: str = "Test feed") -> bytes:
    """An RSS 2.0 feed; each item is ``(path or None for a missing link, title)``."""
    entries = []
    for number, (path, item_title) in enumerate(items):
        link = f"<link>{base}{path}</link>" if path is not None else ""
        entries.append(
            f"<item><title>{item_title}</title>{link}<guid isPermaLink='false'>item-{number}</guid>"
            f"<pubDate>Mon, 28 Nov 2016 1{number % 10}:00:00 +0000</pubDate></item>"
        )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}</title>"
        f"<link>{base}/</link>{''.join(entries)}</channel></rss>"
    ).encode()
