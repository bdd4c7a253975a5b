"""Opening the DuckDB file: one writer at a time, readers read-only, lock conflicts as our own error."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseError, WarehouseLockedError

__all__ = ["STORAGE_COMPATIBILITY", "limit_memory", "open_warehouse", "transaction", "writer_memory_limit"]

# The storage format of files we create: DuckDB 2.x writes by default a format no 1.x client opens, and the
# analyst's own tools (the duckdb CLI, R, DBeaver, an older Python) are often 1.x. v1.1.0 files open in DuckDB
# 1.1 and every later version; tests/test_storage_compat.py reads one with a duckdb 1.1 wheel.
STORAGE_COMPATIBILITY = "v1.1.0"

_WRITER_FLOOR_MB = 256
_WRITER_BYTES_PER_ARTICLE = 512

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<holder>.+?)(?: \(PID (?P<pid>\d+)\))?(?:\. |\.?$)", re.S)
_HOLDER_IS_READER = "open this database in read-only mode"


def _command_line(pid: str) -> str | None:
    """The holder's command line (Linux ``/proc``), so an operator sees *which* run or session holds the file."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part) or None


def _lock_message(match: re.Match[str], message: str) -> str:
    pid = match.group("pid")
    who = f"{match.group('holder').strip()} (PID {pid})" if pid else match.group("holder").strip()
    command = _command_line(pid) if pid else None
    if command:
        who = f"{who}: {command}"
    if _HOLDER_IS_READER in message:
        return f"the warehouse is open read-only in another process, {who}; close it before writing"
    return f"the warehouse is being written by another process, {who}; wait for it to finish"


@contextmanager
def open_warehouse(db_path: str | Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse file for the ``with`` block (a new one in the ``STORAGE_COMPATIBILITY`` format), its
    session in UTC; the connection is closed however the block ends.

    DuckDB allows one read-write process per file, or any number of read-only ones, never both: a writer
    blocks readers and a reader blocks writers. The conflict is refused at once; we translate it into
    ``WarehouseLockedError`` naming the process holding the lock (program, PID, command line), and whether it
    is a writer to wait for or a reader to close.

    Raises:
        WarehouseLockedError: another process has the file open for writing.
        WarehouseError: the file cannot be opened (not a DuckDB file, unreadable, missing in read-only mode).
    """
    path = str(db_path)
    try:
        conn = duckdb.connect(
            path, read_only=read_only, config={"storage_compatibility_version": STORAGE_COMPATIBILITY}
        )
        # Timestamps print in UTC whatever the machine's zone, so two analysts see the same text for one row.
        conn.execute("SET TimeZone = 'UTC'")
    except duckdb.IOException as exc:
        message = str(exc)
        match = _LOCK_HOLDER.search(message)
        if match:
            raise WarehouseLockedError(_lock_message(match, message), db=path) from exc
        raise WarehouseError(f"cannot open warehouse: {message}", db=path) from exc
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open warehouse: {exc}", db=path) from exc
    try:
        yield conn
    finally:
        conn.close()


def writer_memory_limit(articles: int) -> str:
    """DuckDB's memory cap for a run's writer connection, for a warehouse of ``articles`` articles.

    Without a cap DuckDB may use 80 % of the machine's memory, and a long load does: every block it writes stays
    cached, so a backfill grew by about 15 KB per article (benchmarks/bench_backfill.py). With a cap it evicts
    clean blocks instead. The cap must still hold the primary-key indexes, which grow with the warehouse and
    are not evicted: on the 500,000-article warehouse of benchmarks/bench_views.py, a load failed at 128 MB
    ("failed to pin block") and passed at 256 MB, hence 512 bytes per article above a 256 MB floor.
    """
    return f"{max(_WRITER_FLOOR_MB, -(-articles * _WRITER_BYTES_PER_ARTICLE // 2**20))}MB"


def limit_memory(conn: duckdb.DuckDBPyConnection, limit: str, *, db: str) -> None:
    """Cap DuckDB's memory on ``conn`` at ``limit`` ("256MB", "1GB").

    Raises:
        WarehouseError: DuckDB does not accept ``limit`` as a size.
    """
    try:
        conn.execute("SET memory_limit = ?", [limit])
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot set memory_limit {limit!r}: {exc}", db=db) from exc


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run a block in one transaction: committed on success, rolled back (nothing written) on any error."""
    conn.execute("BEGIN TRANSACTION")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
