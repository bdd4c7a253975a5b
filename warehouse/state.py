"""What the warehouse already knows about a source, read before a run so fetching can be incremental."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import duckdb

from records import Validator

__all__ = ["known_raw_hashes", "known_urls", "last_successes", "source_cursor", "stored_validators"]


def stored_validators(conn: duckdb.DuckDBPyConnection, source: str) -> dict[str, Validator]:
    """ETag/Last-Modified remembered for the URLs of ``source``."""
    rows = conn.execute("SELECT url, etag, last_modified FROM http_validators WHERE source = ?", [source]).fetchall()
    return {url: Validator(url, etag, last_modified) for url, etag, last_modified in rows}


def known_urls(conn: duckdb.DuckDBPyConnection, source: str) -> frozenset[str]:
    """Article URLs of ``source`` already stored (as sighted or as first fetched): not to be fetched again."""
    rows = conn.execute(
        "SELECT url FROM sightings WHERE source = ? UNION SELECT first_url FROM raw_documents WHERE first_source = ?",
        [source, source],
    ).fetchall()
    return frozenset(url for (url,) in rows)


def source_cursor(conn: duckdb.DuckDBPyConnection, source: str) -> datetime | None:
    """The newest item date already loaded for ``source``."""
    row = conn.execute("SELECT cursor FROM source_cursors WHERE source = ?", [source]).fetchone()
    return row[0] if row else None


def known_raw_hashes(conn: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> frozenset[str]:
    """Those of ``hashes`` already stored in ``raw_documents``: the same bytes need no second parse."""
    wanted = sorted(set(hashes))
    if not wanted:
        return frozenset()
    rows = conn.execute(
        "SELECT sha256 FROM raw_documents WHERE sha256 IN (SELECT unnest(?::VARCHAR[]))", [wanted]
    ).fetchall()
    return frozenset(sha for (sha,) in rows)


def last_successes(conn: duckdb.DuckDBPyConnection) -> dict[str, datetime]:
    """When each source last completed a run without failing."""
    rows = conn.execute(
        "SELECT source, max(finished_at) FROM run_sources WHERE status = 'ok' GROUP BY source"
    ).fetchall()
    return {source: finished for source, finished in rows}
