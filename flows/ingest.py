"""The ``ingest`` flow: every enabled source (or one), fetched or read, processed in batches, loaded.

This module only declares the flow. Process-pool and Dask workers import it to run the flow's tasks, so the
warehouse side (DuckDB, pyarrow, ``flows/runs.py``) is imported when the flow runs, in the flow's process.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from prefect import flow

from flows.settings import load_settings

if TYPE_CHECKING:
    from prefect import State

__all__ = ["ingest"]


def _run_name() -> str:
    """``ingest 2026-12-03 17:00`` (UTC, when the run starts), or ``ingest <source> …`` for one source."""
    from datetime import UTC, datetime

    from prefect.runtime import flow_run

    only = flow_run.parameters.get("source")
    return f"ingest {only + ' ' if only else ''}{datetime.now(UTC):%Y-%m-%d %H:%M}"


@flow(name="ingest", flow_run_name=_run_name, log_prints=False)
def ingest(
    sources_file: str,
    db: str = "conflictwire.duckdb",
    source: str | None = None,
    variables: dict[str, str] | None = None,
) -> State:
    """Fetch, parse, normalise, de-duplicate, enrich and load every enabled source (or the one named).

    Ends Completed, Failed (every source failed) or Failed named Partial; the ``RunSummary`` is the state's data.
    """
    from flows.outcome import run_state
    from flows.runs import ingest_sources
    from flows.writer import one_writer

    settings = load_settings(sources_file, variables=variables)
    with one_writer(db):
        summary = ingest_sources(settings, Path(db), source)
    return run_state(summary, "ingest")
