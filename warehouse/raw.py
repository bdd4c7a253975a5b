"""Reading stored raw documents back, so every row can be re-derived without the network."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

import duckdb

from extractors.records import RawDocument, SourceConfig, SourceKind

__all__ = ["iter_stored_documents", "stored_sources"]


def _decompress(compression: str, content: bytes) -> bytes:
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
            "SELECT first_source, first_url, first_seen_at, content_type, compression, content, sha256 "
            "FROM raw_documents WHERE ? IS NULL OR first_source = ? ORDER BY first_source, first_seen_at, sha256",
            [source, source],
        )
        current: str | None = None
        batch: list[RawDocument] = []
        while rows := reader.fetchmany(batch_size):
            for name, url, seen_at, content_type, compression, content, sha in rows:
                if current is not None and (name != current or len(batch) >= batch_size):
                    yield current, batch
                    batch = []
                current = name
                batch.append(
                    RawDocument(
                        name, url, url, seen_at, _decompress(compression, bytes(content)), content_type, None, sha
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
