"""Prefect deployments served by ``conflictwire serve``: the scheduled ingest, plus backfill and reprocess
for manual triggers from the Prefect UI or ``conflictwire trigger``.
"""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from prefect import serve
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment
from prefect.deployments.runner import RunnerDeployment

from flows.errors import FlowError
from flows.ingest import ingest
from flows.maintenance import backfill, reprocess
from flows.settings import load_settings

__all__ = ["DEPLOYMENTS", "build_deployments", "serve_deployments", "trigger_deployment"]

DEPLOYMENTS = {"ingest": "ingest/scheduled", "backfill": "backfill/manual", "reprocess": "reprocess/manual"}


T = TypeVar("T")


def _called_sync(expected: type[T], result: T | Coroutine[Any, Any, T]) -> T:
    """The result of a Prefect call that is async-compatible: from sync code it returns the value itself."""
    if not isinstance(result, expected):
        raise FlowError(f"expected a {expected.__name__} from Prefect, got {type(result).__name__}")
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
        _called_sync(
            RunnerDeployment,
            ingest.to_deployment(
                name="scheduled",
                cron=settings.schedule,
                parameters={"sources_file": sources, "db": database},
                concurrency_limit=1,
            ),
        ),
        _called_sync(
            RunnerDeployment,
            backfill.to_deployment(
                name="manual", parameters={"db": database, "sources_file": sources}, concurrency_limit=1
            ),
        ),
        _called_sync(
            RunnerDeployment,
            reprocess.to_deployment(name="manual", parameters={"db": database}, concurrency_limit=1),
        ),
    ]


def serve_deployments(sources_file: Path, db: Path) -> None:
    """Serve the deployments until interrupted (``ingest`` on the sources file's cron, hourly by default)."""
    serve(*build_deployments(sources_file, db), pause_on_shutdown=False)


def trigger_deployment(name: str, parameters: dict[str, Any] | None = None) -> str:
    """Ask the Prefect API to run a served deployment now; returns the flow run id.

    Raises:
        KeyError: ``name`` is not one of ``DEPLOYMENTS``.
    """
    flow_run = _called_sync(FlowRun, run_deployment(DEPLOYMENTS[name], parameters=parameters or {}, timeout=0))
    return str(flow_run.id)
