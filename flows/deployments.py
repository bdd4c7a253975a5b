"""Prefect deployments served by ``conflictwire serve``: the scheduled ingest, plus backfill and reprocess
for manual triggers from the Prefect UI or ``conflictwire trigger``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import serve
from prefect.deployments import run_deployment

from flows.ingest import ingest
from flows.maintenance import backfill, reprocess
from flows.settings import load_settings

__all__ = ["DEPLOYMENTS", "serve_deployments", "trigger_deployment"]

DEPLOYMENTS = {"ingest": "ingest/scheduled", "backfill": "backfill/manual", "reprocess": "reprocess/manual"}


def serve_deployments(sources_file: Path, db: Path) -> None:
    """Serve the deployments until interrupted.

    ``ingest`` runs on the sources file's schedule (cron, hourly by default). Every deployment has a
    concurrency limit of one, and they share the warehouse: DuckDB has one writer, so a run still going when
    the next is due makes the next wait rather than fail on the file lock.
    """
    settings = load_settings(sources_file)
    database = str(db.resolve())
    sources = str(sources_file.resolve())
    scheduled = ingest.to_deployment(
        name="scheduled",
        cron=settings.schedule,
        parameters={"sources_file": sources, "db": database},
        concurrency_limit=1,
    )
    manual_backfill = backfill.to_deployment(
        name="manual", parameters={"db": database, "sources_file": sources}, concurrency_limit=1
    )
    manual_reprocess = reprocess.to_deployment(name="manual", parameters={"db": database}, concurrency_limit=1)
    serve(scheduled, manual_backfill, manual_reprocess, pause_on_shutdown=False)


def trigger_deployment(name: str, parameters: dict[str, Any] | None = None) -> str:
    """Ask the Prefect API to run a served deployment now; returns the flow run id.

    Raises:
        KeyError: ``name`` is not one of ``DEPLOYMENTS``.
    """
    flow_run = run_deployment(DEPLOYMENTS[name], parameters=parameters or {}, timeout=0)
    return str(flow_run.id)
