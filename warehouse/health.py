"""``conflictwire check --db``: is the warehouse file whole, and did its last writer stop cleanly?

DuckDB writes each commit to ``<file>.wal`` first and folds the log into the file at a checkpoint. Every run ends
with one (``warehouse/runs.py`` ``finish_run``), so a WAL left next to the file means a writer stopped between
checkpoints: a run was killed (its completed batches are in the log) or is still running. The check opens the
file read-only, which replays the log in memory and changes nothing on disk:

* replay fails (a checksum mismatch, a damaged entry): the log is **damaged**; the message says how to recover;
* replay works: the log is usable and the next writer will fold it in; runs left ``running`` are named.

What it cannot see: a log cut short at an entry boundary replays silently as a shorter log, exactly like the
torn tail a ``kill -9`` leaves, and DuckDB offers no way to tell the two apart. Because each run checkpoints at its
end, such a cut can only lose batches of the run that was in progress, which the next run fetches again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.connection import open_warehouse
from warehouse.errors import WarehouseError, WarehouseLockedError

__all__ = ["WarehouseHealth", "check_warehouse"]


@dataclass(frozen=True, slots=True)
class WarehouseHealth:
    """The verdict: ``ok``, ``unclean`` (a usable WAL is waiting) or ``damaged``; ``hint`` says what to do."""

    db: Path
    status: str
    wal_bytes: int
    unfinished_runs: tuple[str, ...]
    detail: str
    hint: str


def _recovery_hint(db: Path) -> str:
    wal = f"{db}.wal"
    return (
        f"keep a copy of both files, then move {wal} aside (e.g. mv {wal} {wal}.damaged): the warehouse opens as "
        "of its last checkpoint, i.e. after the last run that finished. Run the ingest (or backfill) again: "
        "fetching is incremental and loads are idempotent, so it re-loads what the interrupted run had."
    )


def check_warehouse(db: Path) -> WarehouseHealth:
    """Check ``db`` and its write-ahead log without changing either.

    Raises:
        WarehouseLockedError: a process has the file open for writing (it may be mid-run; check afterwards).
        WarehouseError: the file is missing or not a DuckDB database.
    """
    if not db.is_file():
        raise WarehouseError("no such warehouse file", db=str(db))
    wal = Path(f"{db}.wal")
    wal_bytes = wal.stat().st_size if wal.exists() else 0
    try:
        with open_warehouse(db, read_only=True) as conn:
            try:
                unfinished = tuple(
                    run_id
                    for (run_id,) in conn.execute(
                        "SELECT run_id FROM runs WHERE status = 'running' ORDER BY 1"
                    ).fetchall()
                )
            except duckdb.CatalogException:
                unfinished = ()  # not migrated yet: nothing has run
    except WarehouseLockedError:
        raise
    except WarehouseError as exc:
        if wal_bytes and "WAL" in str(exc):
            return WarehouseHealth(db, "damaged", wal_bytes, (), str(exc), _recovery_hint(db))
        raise
    if not wal_bytes:
        return WarehouseHealth(db, "ok", 0, unfinished, "no pending write-ahead log", "")
    return WarehouseHealth(
        db,
        "unclean",
        wal_bytes,
        unfinished,
        f"a write-ahead log of {wal_bytes} bytes replays cleanly: the last writer stopped before its checkpoint",
        "nothing to repair: the next run folds the log in and closes unfinished runs as abandoned",
    )
