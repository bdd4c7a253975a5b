"""Prefect deployments served by ``conflictwire serve``: the hourly ingest, plus manual triggers."""

from __future__ import annotations

from pathlib import Path

from prefect import serve

from flows.ingest import ingest
from flows.settings import load_settings

__all__ = ["serve_deployments"]


def serve_deployments(sources_file: Path, db: Path) -> None:
    """Serve the ``ingest`` deployment on the schedule of the sources file (cron, hourly by default).

    A concurrency limit of one keeps two ingests from writing the warehouse at once; a run still going when
    the next is due makes the next wait rather than collide on DuckDB's single-writer lock.
    """
    settings = load_settings(sources_file)
    parameters = {"sources_file": str(sources_file.resolve()), "db": str(db.resolve())}
    hourly = ingest.to_deployment(name="scheduled", cron=settings.schedule, parameters=parameters, concurrency_limit=1)
    serve(hourly, pause_on_shutdown=False)
