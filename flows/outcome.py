"""How a run's outcome reaches Prefect: a final state operators can filter and alert on, and a summary artifact.

A run whose sources all failed ends ``Failed``; one where some failed ends ``Failed`` too, named ``Partial``
and listing them, so a Prefect automation on "flow run failed" catches both while the UI and the API still
tell them apart by name. Either way the ``RunSummary`` is the state's data: the CLI prints its table whatever
the outcome. The per-source table is also kept as a Prefect table artifact, keyed by flow, so the last runs'
summaries sit next to the runs in the UI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prefect.artifacts import create_table_artifact
from prefect.client.schemas.objects import State
from prefect.states import Completed, Failed

if TYPE_CHECKING:
    from flows.runs import RunSummary

__all__ = ["run_state", "summary_of"]

# Prefect keeps state messages short in its UI; each failed source keeps its name and the start of its error.
_ERROR_CHARS = 160


def _failure_list(summary: RunSummary) -> str:
    failed = [o for o in summary.outcomes if o.status == "failed"]
    return "; ".join(f"{o.source} ({(o.error or 'failed')[:_ERROR_CHARS]})" for o in failed)


def run_state(summary: RunSummary, flow_name: str) -> State[Any]:
    """The final state of a flow run for ``summary``, after recording its per-source table as an artifact."""
    create_table_artifact(
        key=f"{flow_name}-summary",
        table=[
            {
                "source": o.source,
                "status": o.status,
                "found": o.found,
                "new": o.new,
                "revised": o.revised,
                "duplicate": o.duplicate,
                "quarantined": o.quarantined,
                "error": o.error or "",
            }
            for o in summary.outcomes
        ],
        description=f"{flow_name} run {summary.run_id}: {summary.status}",
    )
    total = len(summary.outcomes)
    failed = sum(1 for o in summary.outcomes if o.status == "failed")
    if summary.status == "failed":
        return Failed(message=f"all {total} sources failed: {_failure_list(summary)}", data=summary)
    if failed:
        return Failed(
            name="Partial", message=f"{failed} of {total} sources failed: {_failure_list(summary)}", data=summary
        )
    return Completed(message=f"{total} sources ok", data=summary)


def summary_of(state: State[Any]) -> RunSummary:
    """The ``RunSummary`` a finished flow run carries, whatever its state.

    Raises:
        Exception: the flow itself failed before it could summarise (its own error, re-raised).
    """
    result = state.result(raise_on_failure=False)
    if isinstance(result, BaseException):
        raise result
    return result  # type: ignore[no-any-return]
