"""The operational ledger: registered sources, runs and their per-source outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from records import RunStatus, SourceConfig, SourceStatus
from records.rows import RunSourceRow, SourceRow
from warehouse import tables
from warehouse.arrow import insert_rows
from warehouse.connection import transaction

__all__ = ["SourceOutcome", "finish_run", "record_source_outcome", "register_sources", "start_run"]


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    """What one source did in one run: the row of the end-of-run summary table."""

    source: str
    status: SourceStatus
    found: int = 0
    new: int = 0
    revised: int = 0
    duplicate: int = 0
    quarantined: int = 0
    failed: int = 0
    error: str | None = None


def register_sources(conn: duckdb.DuckDBPyConnection, sources: Sequence[SourceConfig]) -> None:
    """Insert or refresh the ``sources`` rows, so every warehouse row can name its source."""
    now = datetime.now(UTC)
    rows = [
        SourceRow(
            name=s.name,
            kind=s.kind.value,
            location=s.location,
            language=s.language,
            country_hint=s.country_hint,
            poll_seconds=s.poll_seconds,
            enabled=s.enabled,
            allow_private_network=s.allow_private_network,
            first_registered_at=now,
            updated_at=now,
        )
        for s in {source.name: source for source in sources}.values()
    ]
    with transaction(conn):
        insert_rows(conn, tables.SOURCES, rows)


def start_run(conn: duckdb.DuckDBPyConnection, run_id: str, flow: str, sources_total: int) -> None:
    """Open a ``runs`` row (status ``running``) before any work, so a crashed run stays visible.

    Any other row still ``running`` belongs to a process that died (the write lock we hold proves it is
    gone): it is closed as ``abandoned``.
    """
    with transaction(conn):
        conn.execute(
            "UPDATE runs SET status = 'abandoned', finished_at = ? WHERE status = 'running'", [datetime.now(UTC)]
        )
        conn.execute(
            "INSERT INTO runs (run_id, flow, started_at, status, sources_total) VALUES (?, ?, ?, 'running', ?)",
            [run_id, flow, datetime.now(UTC), sources_total],
        )


def record_source_outcome(conn: duckdb.DuckDBPyConnection, run_id: str, outcome: SourceOutcome) -> None:
    """Store one source's outcome for this run (``v_source_health`` reads these)."""
    row = RunSourceRow(
        run_id=run_id,
        source=outcome.source,
        status=outcome.status,
        found=outcome.found,
        new=outcome.new,
        revised=outcome.revised,
        duplicate=outcome.duplicate,
        quarantined=outcome.quarantined,
        failed=outcome.failed,
        error=outcome.error,
        finished_at=datetime.now(UTC),
    )
    with transaction(conn):
        insert_rows(conn, tables.RUN_SOURCES, [row])


def finish_run(conn: duckdb.DuckDBPyConnection, run_id: str, outcomes: Sequence[SourceOutcome]) -> RunStatus:
    """Close the run with totals; status is ``completed``, ``partial`` (some sources failed) or ``failed``.

    Returns:
        The final status.
    """
    failed_sources = sum(1 for o in outcomes if o.status == "failed")
    status: RunStatus = "completed"
    if failed_sources:
        status = "failed" if failed_sources == len(outcomes) else "partial"
    with transaction(conn):
        conn.execute(
            "UPDATE runs SET finished_at = ?, status = ?, found = ?, new = ?, revised = ?, duplicate = ?, "
            "quarantined = ?, failed = ? WHERE run_id = ?",
            [
                datetime.now(UTC),
                status,
                sum(o.found for o in outcomes),
                sum(o.new for o in outcomes),
                sum(o.revised for o in outcomes),
                sum(o.duplicate for o in outcomes),
                sum(o.quarantined for o in outcomes),
                sum(o.failed for o in outcomes),
                run_id,
            ],
        )
    # Fold the run's commits from the write-ahead log into the file: a damaged or lost WAL can then cost only
    # a run in progress, never one that finished (``conflictwire check --db`` relies on this).
    conn.execute("CHECKPOINT")
    return status
