"""Read ``directory`` and ``warc`` sources from disk: no fetching, one document at a time.

Both readers are generators so a 50,000-record WARC backfill holds one record in memory, never the archive.
A document that cannot be used (a corrupt gzip, a WARC record whose header is garbage, a page over the size
limit) is yielded as a ``QuarantineItem`` and reading goes on; only a missing file or folder stops the source.

WARC: warcio reads each gzip member / record. When a record is corrupt warcio cannot carry on from inside it,
so we find the start of the next record ourselves (the next gzip member header in a ``.warc.gz``, the next
``WARC/1.`` line in a plain ``.warc``) and start a fresh iterator there.
"""

from __future__ import annotations

import gzip
import json
import stat
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from extractors.errors import LocalSourceError
from records import QuarantineItem, QuarantineReason, RawDocument, SourceConfig, SourceKind

__all__ = ["INDEX_FILE", "iter_local_documents"]

INDEX_FILE = "index.json"
_PAGE_SUFFIXES = (".html", ".htm", ".gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_EXCERPT = 300
_SCAN_CHUNK = 1024 * 1024
# What a damaged record raises: bad gzip, bad headers, a Content-Length that is not a number, a member that
# ends early (warcio), or a block shorter than declared (ours).
_WARC_ERRORS = (
    # warcio's own parse errors, plus AttributeError: it raises one for a response record that has no
    # WARC-Target-URI (it calls .startswith on the missing value), which must cost that record only.
    AttributeError,
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    LocalSourceError,
    zlib.error,
    EOFError,
    ValueError,
)

Item = RawDocument | QuarantineItem


def iter_local_documents(
    source: SourceConfig, *, known_urls: frozenset[str] = frozenset(), max_document_bytes: int | None = None
) -> Iterator[Item]:
    """Stream the documents of a ``directory`` or ``warc`` source.

    Args:
        known_urls: original URLs already stored; those documents are skipped before their bytes are read.
        max_document_bytes: per-document limit (default: the source's ``max_body_bytes``); larger ones are
            quarantined with reason ``too-large``.

    Raises:
        LocalSourceError: the path is missing or of the wrong type (raised at call time, not on first ``next``).
    """
    path = _local_path(source)
    limit = source.politeness.max_body_bytes if max_document_bytes is None else max_document_bytes
    if source.kind is SourceKind.DIRECTORY:
        if not path.is_dir():
            raise LocalSourceError(
                f"no such directory: {path}", source=source.name, url=str(path), reason="missing-path"
            )
        return _iter_directory(source.name, path, known_urls, limit)
    if source.kind is SourceKind.WARC:
        problem = _not_a_warc_file(path)
        if problem is not None:
            reason = _WARC_PATH_REASONS[problem]
            raise LocalSourceError(f"{problem}: {path}", source=source.name, url=str(path), reason=reason)
        return _iter_warc(source.name, path, known_urls, limit)
    raise LocalSourceError(
        f"{source.kind} is not a local kind", source=source.name, url=source.location, reason="not-a-local-source"
    )


_WARC_PATH_REASONS: dict[str, QuarantineReason] = {
    "no such WARC file": "missing-path",
    "a directory, not a WARC file": "not-a-file",
    "a FIFO, socket or device, not a WARC file": "not-a-file",
}


def _not_a_warc_file(path: Path) -> str | None:
    """What ``path`` is if it is not a regular file (a missing path, a folder, a FIFO or device), else None.

    A FIFO or a device would block or never end; a folder is a common slip for a ``directory`` source.
    """
    try:
        mode = path.stat().st_mode
    except OSError:  # missing, or a parent that is not a folder, or no permission to look
        return "no such WARC file"
    if stat.S_ISDIR(mode):
        return "a directory, not a WARC file"
    if not stat.S_ISREG(mode):
        return "a FIFO, socket or device, not a WARC file"
    return None


def _local_path(source: SourceConfig) -> Path:
    if source.path is not None:
        return source.path
    if source.url:
        parts = urlsplit(source.url)
        if parts.scheme == "file":
            return Path(unquote(parts.path))
        if not parts.scheme:
            return Path(source.url)
    raise LocalSourceError(
        "a local source needs a path or a file:// URL", source=source.name, url=source.url, reason="bad-location"
    )


# -- directory ------------------------------------------------------------------------------------------------


def _iter_directory(name: str, root: Path, known: frozenset[str], limit: int) -> Iterator[Item]:
    index, problem = _read_index(name, root)
    if problem is not None:
        yield problem
    resolved_root = root.resolve()
    for path in sorted(root.rglob("*")):  # rglob does not descend into symlinked folders
        if not path.name.lower().endswith(_PAGE_SUFFIXES) or not path.is_file():
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(resolved_root):
            yield QuarantineItem(
                stage="read",
                source=name,
                url=path.absolute().as_uri(),
                reason="outside-root",
                detail=f"{path} is a link to {path.resolve()}, outside {resolved_root}; not followed",
            )
            continue
        relative = path.relative_to(root).as_posix()
        url = index.get(relative) or index.get(relative.removesuffix(".gz")) or path.resolve().as_uri()
        if url in known:
            continue
        yield _read_page(name, path, url, limit)


def _read_index(name: str, root: Path) -> tuple[dict[str, str], QuarantineItem | None]:
    """``index.json``: ``{"relative/path.html": "https://original/url", ...}``; optional, bad ones quarantined."""
    index_path = root / INDEX_FILE
    if not index_path.is_file():
        return {}, None
    try:
        data = json.loads(index_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, QuarantineItem(
            stage="read", source=name, url=index_path.as_uri(), reason="malformed-index", detail=str(exc)
        )
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        return {}, QuarantineItem(
            stage="read",
            source=name,
            url=index_path.as_uri(),
            reason="malformed-index",
            detail="index.json must map file names to URLs",
            excerpt=repr(data)[:_EXCERPT],
        )
    return data, None


def _read_page(name: str, path: Path, url: str, limit: int) -> Item:
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as handle:
                content = handle.read(limit + 1)
        else:
            if path.stat().st_size > limit:
                return _too_large(name, url, limit)
            content = path.read_bytes()
        mtime = path.stat().st_mtime
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        return QuarantineItem(stage="read", source=name, url=url, reason="bad-gzip", detail=f"{path}: {exc}")
    except OSError as exc:
        return QuarantineItem(stage="read", source=name, url=url, reason="unreadable-file", detail=f"{path}: {exc}")
    if len(content) > limit:
        return _too_large(name, url, limit)
    return RawDocument(
        source=name,
        url=url,
        final_url=url,
        fetched_at=datetime.fromtimestamp(mtime, UTC),
        content=content,
        content_type="text/html",
    )


def _too_large(name: str, url: str, limit: int) -> QuarantineItem:
    return QuarantineItem(stage="read", source=name, url=url, reason="too-large", detail=f"over {limit} bytes")


# -- WARC -----------------------------------------------------------------------------------------------------


def _iter_warc(name: str, path: Path, known: frozenset[str], limit: int) -> Iterator[Item]:
    size = path.stat().st_size
    with path.open("rb") as handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
        offset = 0
        clean_since_resync = True
        while True:
            handle.seek(offset)
            records = ArchiveIterator(handle)
            try:
                for record in records:
                    clean_since_resync = True
                    item = _warc_item(name, record, known, limit)
                    if item is not None:
                        yield item
            except _WARC_ERRORS as exc:
                if gzipped and offset == 0 and "non-chunked" in str(exc):
                    yield from _iter_whole_gzip_warc(name, path, known, limit)
                    return
                problem = f"{type(exc).__name__}: {exc}"
            else:
                # warcio sometimes stops quietly at a damaged gzip member: it must have reached the end of file.
                if records.offset >= size:
                    return
                problem = "archive reader stopped before the end of the file"
            bad_offset = records.offset
            # After a resync a false gzip-magic match fails at once: report each damaged stretch once.
            if clean_since_resync:
                yield QuarantineItem(
                    stage="read",
                    source=name,
                    url=f"{path.resolve().as_uri()}#offset={bad_offset}",
                    reason="corrupt-warc-record",
                    detail=problem[:_EXCERPT],
                )
            clean_since_resync = False
            # Resync strictly forward of where this pass started: warcio can report an error offset behind it,
            # and seeking back there would re-read the same records forever.
            next_offset = _next_record_start(handle, max(bad_offset, offset) + 1, gzipped)
            if next_offset is None:
                return
            offset = next_offset


def _iter_whole_gzip_warc(name: str, path: Path, known: frozenset[str], limit: int) -> Iterator[Item]:
    """A WARC gzipped as one stream rather than record by record (``gzip file.warc``): read it sequentially.

    warcio refuses such files because it cannot seek to records in them; decompressing as we go still streams
    (memory stays flat), but a damaged record ends the readable part, reported as one quarantine item.
    """
    with gzip.open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                item = _warc_item(name, record, known, limit)
                if item is not None:
                    yield item
        except (*_WARC_ERRORS, OSError, EOFError) as exc:
            yield QuarantineItem(
                stage="read",
                source=name,
                url=f"{path.resolve().as_uri()}#offset={records.offset}",
                reason="corrupt-warc-record",
                detail=f"whole-file gzip WARC unreadable from here on: {type(exc).__name__}: {exc}"[:_EXCERPT],
            )


def _warc_item(name: str, record: ArcWarcRecord, known: frozenset[str], limit: int) -> Item | None:
    """A ``response`` record with an HTML 200 as a document; other records (request, metadata, 3xx) are not
    articles and are passed over."""
    if not isinstance(record.raw_stream, LimitReader):
        # No usable Content-Length: warcio would read on to the end of the file as this record's block.
        raise LocalSourceError(
            "WARC record without Content-Length", source=name, url=None, reason="corrupt-warc-record"
        )
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    content_type = record.http_headers.get_header("content-type")
    if status != "200" or (content_type and not content_type.lower().startswith(_HTML_TYPES)):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if url in known:
        return None
    content = record.content_stream().read(limit + 1)
    if len(content) > limit:
        return _too_large(name, url, limit)
    if record.raw_stream.limit > 0:
        # The block ended before its Content-Length: a cut gzip member whose reader ran on into the next ones.
        raise LocalSourceError(
            "WARC record shorter than its Content-Length", source=name, url=url, reason="corrupt-warc-record"
        )
    return RawDocument(
        source=name,
        url=url,
        final_url=url,
        fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
        content=content,
        content_type=content_type,
    )


def _warc_date(value: str | None) -> datetime:
    if value:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return datetime.now(UTC)


def _next_record_start(handle: BinaryIO, start: int, gzipped: bool) -> int | None:
    """Offset of the next gzip member (``.warc.gz``) or ``WARC/1.`` line (``.warc``) at or after ``start``."""
    marker = b"\x1f\x8b\x08" if gzipped else b"\nWARC/1."
    skip = 0 if gzipped else 1  # the newline belongs to the previous record
    position = start
    handle.seek(position)
    tail = b""
    while True:
        chunk = handle.read(_SCAN_CHUNK)
        if not chunk:
            return None
        window = tail + chunk
        found = window.find(marker)
        if found >= 0:
            return position - len(tail) + found + skip
        tail = window[-(len(marker) - 1) :]
        position += len(chunk)
