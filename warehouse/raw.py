"""Raw documents at rest: compressed content-addressed bytes, and reading them back for ``reprocess``.

New bytes are stored with zstd (through pyarrow, already a dependency): on news pages it compresses as well
as zlib level 6 at about six times the speed, which matters because every fetched page passes through here.
Rows written with zlib by earlier versions still read back.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from records import RawDocument, SourceConfig, SourceKind

__all__ = ["RAW_COMPRESSION", "compress_raw", "decompress_raw", "iter_stored_documents", "stored_sources"]

RAW_COMPRESSION = "zstd"
_ZSTD = pa.Codec("zstd", compression_level=3)


def compress_raw(content: bytes) -> bytes:
    """Compress raw bytes for ``raw_documents.content`` (codec named by ``RAW_COMPRESSION``)."""
    return bytes(_ZSTD.compress(content, asbytes=True))


def decompress_raw(compression: str, content: bytes, size: int) -> bytes:
    """The original bytes of a ``raw_documents`` row, whichever codec stored it.

    Raises:
        ValueError: the row names a codec this version does not know.
    """
    if compression == "zstd":
        return bytes(_ZSTD.decompress(content, decompressed_size=size, asbytes=True))
    if compression == "zlib":
        return zlib.decompress(content)
    if compression == "none":
        return content
    raise ValueError(f"unknown compression {compression!r}")


def iter_stored_documents(
    conn: duckdb.DuckDBPyConnection, *, batch_size: int = 200, source: str | None = None
) -> Iterator[tuple[str, list[RawDocument]]]:
    """Yield ``(source, documents)`` batches of every stored raw document, grouped by the source that first
    saw it, in a stable order. Reads through its own cursor, so the caller may write while iterating, and
    holds one batch in memory at a time.
    """
    reader = conn.cursor()
    try:
        reader.execute(
            "SELECT first_source, first_url, first_seen_at, content_type, compression, content, size_bytes, sha256 "
            "FROM raw_documents WHERE ? IS NULL OR first_source = ? ORDER BY first_source, first_seen_at, sha256",
            [source, source],
        )
        current: str | None = None
        batch: list[RawDocument] = []
        while rows := reader.fetchmany(batch_size):
            for name, url, seen_at, content_type, compression, content, size, sha in rows:
                if current is not None and (name != current or len(batch) >= batch_size):
                    yield current, batch
                    batch = []
                current = name
                batch.append(
                    RawDocument(
                        name,
                        url,
                        url,
                        seen_at,
                        decompress_raw(compression, bytes(content), size),
                        content_type,
                        None,
                        sha,
                    )
                )
        if current is not None and batch:
            yield current, batch
    finally:
        reader.close()


def stored_sources(conn: duckdb.DuckDBPyConnection) -> dict[str, SourceConfig]:
    """The sources as last registered, enough to re-process their documents (kind, language, country)."""
    rows = conn.execute(
        "SELECT name, kind, location, language, country_hint, poll_seconds, enabled, allow_private_network FROM sources"
    ).fetchall()
    configs = {}
    for name, kind, location, language, country, poll, enabled, private in rows:
        source_kind = SourceKind(kind)
        configs[name] = SourceConfig(
            name=name,
            kind=source_kind,
            url=None if source_kind.is_local else location,
            path=Path(location) if source_kind.is_local else None,
            language=language,
            country_hint=country,
            poll_seconds=poll,
            enabled=enabled,
            allow_private_network=private,
        )
    return configs
