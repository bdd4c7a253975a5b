"""A loopback HTTP server for the bundled sample site, so the demo and the tests use the real fetch path.

Feeds and pages of the sample site hold the placeholder ``{{SITE}}`` where their absolute URLs need the
server's address (only known once the port is bound); it is replaced as files are served. The server sends
ETag and Last-Modified and answers conditional requests with 304, like a well-behaved news site.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["sample_site_root", "serve_directory"]

_PLACEHOLDER = b"{{SITE}}"
_TEXT_TYPES = (".xml", ".html", ".htm", ".txt", ".json")


def sample_site_root() -> Path:
    """The folder of the bundled sample site (package data of ``flows``)."""
    return Path(str(resources.files("flows").joinpath("samples", "site")))


def _handler(root: Path, base_url: list[str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "conflictwire-sample/1.0"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            """Silence per-request logging: the fetch stage records every attempt itself."""

        def do_GET(self) -> None:  # noqa: N802 - stdlib naming
            path = (root / unquote(urlsplit(self.path).path).lstrip("/")).resolve()
            if path.is_dir():
                path = path / "index.html"
            if not path.is_relative_to(root) or not path.is_file():
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            body = path.read_bytes()
            if path.suffix in _TEXT_TYPES:
                body = body.replace(_PLACEHOLDER, base_url[0].encode())
            etag = '"' + hashlib.sha1(body).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if path.suffix == ".xml":
                content_type = "application/xml"
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", formatdate(path.stat().st_mtime, usegmt=True))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serve_directory(root: Path | None = None, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``root`` (default: the bundled sample site) on loopback for the duration of the block.

    Yields:
        The base URL, e.g. ``http://127.0.0.1:41234``.
    """
    folder = (root or sample_site_root()).resolve()
    base_url = [""]
    server = ThreadingHTTPServer((host, port), _handler(folder, base_url))
    base_url[0] = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="sample-site", daemon=True)
    thread.start()
    try:
        yield base_url[0]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
