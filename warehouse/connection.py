"""Opening the DuckDB file: one writer at a time, readers read-only, lock conflicts as our own error."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseError, WarehouseLockedError

__all__ = ["open_warehouse", "transaction"]

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<holder>.+?)(?: \(PID (?P<pid>\d+)\))?(?:\.|$)", re.S)


def open_warehouse(db_path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file.

    DuckDB allows one read-write process per file; a second writer is refused at once. We translate that into
    ``WarehouseLockedError`` naming the process holding the lock, so an operator knows which run to wait for.

    Raises:
        WarehouseLockedError: another process has the file open for writing.
        WarehouseError: the file cannot be opened (not a DuckDB file, unreadable, missing in read-only mode).
    """
    path = str(db_path)
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        match = _LOCK_HOLDER.search(message)
        if match:
            holder = match.group("holder").strip()
            pid = match.group("pid")
            who = f"{holder} (PID {pid})" if pid else holder
            raise WarehouseLockedError(
                f"the warehouse is being written by another process: {who}; wait for it to finish", db=path
            ) from exc
        raise WarehouseError(f"cannot open warehouse: {message}", db=path) from exc
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open warehouse: {exc}", db=path) from exc


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
