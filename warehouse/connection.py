"""Opening the DuckDB file: one writer at a time, readers read-only, lock conflicts as our own error."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseError, WarehouseLockedError

__all__ = ["open_warehouse", "transaction"]

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


def open_warehouse(db_path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file.

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
        return duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        match = _LOCK_HOLDER.search(message)
        if match:
            raise WarehouseLockedError(_lock_message(match, message), db=path) from exc
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
