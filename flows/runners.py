"""Choosing where tasks run: threads (default), a local process pool, or a Dask cluster.

Parsing and enrichment are CPU-bound, so threads share one core; ``--workers N`` runs batches in N processes,
and ``--dask-address`` sends them to a Dask cluster (``pip install "conflictwire[dask]"``). Only the task
runner changes: the flows, tasks and warehouse writes are the same, and the flow process stays the warehouse's
single writer.
"""

from __future__ import annotations

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from flows.errors import FlowError

__all__ = ["batches_in_flight", "shares_memory", "task_runner_for"]

_DEFAULT_IN_FLIGHT = 4


def task_runner_for(workers: int = 1, dask_address: str | None = None) -> TaskRunner:  # type: ignore[type-arg]
    """The task runner for ``workers`` local processes, or for the Dask scheduler at ``dask_address``.

    Raises:
        FlowError: a Dask address was given but prefect-dask is not installed, or ``workers`` < 1.
    """
    if workers < 1:
        raise FlowError(f"workers must be at least 1, got {workers}")
    if dask_address is not None:
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as exc:
            raise FlowError('--dask-address needs prefect-dask: pip install "conflictwire[dask]"') from exc
        return DaskTaskRunner(address=dask_address)
    if workers == 1:
        return ThreadPoolTaskRunner(max_workers=8)
    return ProcessPoolTaskRunner(max_workers=workers)


def shares_memory(runner: TaskRunner) -> bool:  # type: ignore[type-arg]
    """True when tasks run in this process, so they can share in-memory objects such as the host gate."""
    return isinstance(runner, ThreadPoolTaskRunner)


def batches_in_flight(runner: TaskRunner) -> int:  # type: ignore[type-arg]
    """How many batches to keep submitted at once: enough to keep every worker busy while the flow loads one.

    Each batch in flight holds its documents twice in the flow process (the list and the pickled task
    arguments), about 25 MiB for 200 news pages, so more than the workers can use only costs memory. Threads
    share one core for parsing (the GIL), so one batch running and one queued is enough; a process pool
    needs one per worker plus the one being loaded; a Dask cluster's size is not known here, so it keeps
    a fixed few.
    """
    if isinstance(runner, ThreadPoolTaskRunner):
        return 2
    if isinstance(runner, ProcessPoolTaskRunner):
        return int(runner._max_workers) + 1
    return _DEFAULT_IN_FLIGHT
