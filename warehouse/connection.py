"""Opening the DuckDB file: one writer at a time, readers read-only, lock conflicts as our own error."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseError, WarehouseLockedError

__all__ = ["RUN_MEMORY_LIMIT", "open_warehouse", "transaction"]

# The flows' writer connection: room for a batch's inserts, the primary-key indexes and the lookups, while the
# blocks a long load writes are evicted instead of cached (benchmarks/bench_backfill.py).
RUN_MEMORY_LIMIT = "256MB"

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


def open_warehouse(
    db_path: str | Path, *, read_only: bool = False, memory_limit: str | None = None
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file, with DuckDB's buffer pool capped at ``memory_limit`` (e.g. "256MB") if given.

    Without a cap DuckDB may use 80 % of the machine's memory, and a long load does: every block it writes
    stays cached, so a backfill's memory grows with the warehouse (+15 KB per article, measured). Flows pass
    :data:`RUN_MEMORY_LIMIT`; beyond it DuckDB evicts clean blocks and spills to ``<file>.tmp``.

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
        conn = duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        match = _LOCK_HOLDER.search(message)
        if match:
            raise WarehouseLockedError(_lock_message(match, message), db=path) from exc
        raise WarehouseError(f"cannot open warehouse: {message}", db=path) from exc
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open warehouse: {exc}", db=path) from exc
    if memory_limit is not None:
        try:
            conn.execute("SET memory_limit = ?", [memory_limit])
        except duckdb.Error as exc:
            conn.close()
            raise WarehouseError(f"cannot set memory_limit {memory_limit!r}: {exc}", db=path) from exc
    return conn


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
