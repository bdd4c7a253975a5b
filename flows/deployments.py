"""Prefect deployments served by ``conflictwire serve``: the scheduled ingest, plus backfill and reprocess
for manual triggers from the Prefect UI or ``conflictwire trigger``.
"""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from prefect import serve
from prefect.deployments.runner import RunnerDeployment

from flows.errors import FlowError
from flows.ingest import ingest
from flows.maintenance import backfill, reprocess
from flows.settings import load_settings

__all__ = ["build_deployments", "serve_deployments"]


def _deployment(result: RunnerDeployment | Coroutine[Any, Any, RunnerDeployment]) -> RunnerDeployment:
    """``to_deployment`` is async-compatible: called from sync code it returns the deployment itself."""
    if not isinstance(result, RunnerDeployment):
        raise FlowError(f"expected a RunnerDeployment from Prefect, got {type(result).__name__}")
    return result


def build_deployments(sources_file: Path, db: Path) -> list[RunnerDeployment]:
    """The deployments ``serve`` offers: the scheduled ingest and the manual backfill and reprocess.

    Every deployment has a concurrency limit of one, and they share the warehouse: DuckDB has one writer,
    so a run still going when the next is due makes the next wait rather than fail on the file lock.
    """
    settings = load_settings(sources_file)
    database = str(db.resolve())
    sources = str(sources_file.resolve())
    return [
        _deployment(
            ingest.to_deployment(
                name="scheduled",
                cron=settings.schedule,
                parameters={"sources_file": sources, "db": database},
                concurrency_limit=1,
            )
        ),
        _deployment(
            backfill.to_deployment(
                name="manual", parameters={"db": database, "sources_file": sources}, concurrency_limit=1
            )
        ),
        _deployment(reprocess.to_deployment(name="manual", parameters={"db": database}, concurrency_limit=1)),
    ]


def serve_deployments(sources_file: Path, db: Path) -> None:
    """Serve the deployments until interrupted (``ingest`` on the sources file's cron, hourly by default)."""
    serve(*build_deployments(sources_file, db), pause_on_shutdown=False)
