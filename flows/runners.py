"""Choosing where tasks run: threads (default), threads plus a pool of worker processes, or a Dask cluster.

Parsing and enrichment are CPU-bound, so threads share one core; ``--workers N`` runs the batches' work in N
worker processes, and ``--dask-address`` sends the batch tasks to a Dask cluster (``pip install
"conflictwire[dask]"``). Only the task runner changes: the flows, tasks and warehouse writes are the same, and
the flow process stays the warehouse's single writer.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any, Self

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from flows.errors import FlowError
from flows.worker import exit_with_parent

__all__ = [
    "WorkerPoolTaskRunner",
    "batch_pool",
    "batches_in_flight",
    "crawls_ahead",
    "shares_memory",
    "task_runner_for",
]

_THREADS = 8
_DEFAULT_IN_FLIGHT = 4


class WorkerPoolTaskRunner(ThreadPoolTaskRunner):  # type: ignore[type-arg]
    """Tasks run in threads of the flow process; the batches' parsing and enrichment run in ``workers`` processes.

    Why not Prefect's ``ProcessPoolTaskRunner``: each of its workers runs Prefect's task engine (settings, API
    client, event loop), about 130 MiB per worker on top of the parsers and the gazetteer, which made a
    two-worker backfill cross 1 GiB. Here a worker is a bare interpreter holding the pipeline (``spawn``ed, so
    it shares nothing with the flow process), while the task's state, retries and logs stay with Prefect in the
    flow process, whose threads only wait. Crawls stay in threads too: they wait on the network, not the CPU.
    """

    def __init__(self, workers: int, max_workers: int = _THREADS) -> None:
        super().__init__(max_workers=max_workers)
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def duplicate(self) -> Self:
        return type(self)(self.workers, self._max_workers)

    def __enter__(self) -> Self:
        super().__enter__()
        self.pool = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=exit_with_parent,
            initargs=(os.getpid(),),
        )
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        try:
            super().__exit__(exc_type, exc_value, traceback)
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
                self.pool = None


def task_runner_for(workers: int = 1, dask_address: str | None = None) -> TaskRunner:
    """The task runner for ``workers`` local processes, or for the Dask scheduler at ``dask_address``.

    Raises:
        FlowError: a Dask address was given but prefect-dask is not installed, or ``workers`` < 1.
    """
    if workers < 1:
        raise FlowError(f"workers must be at least 1, got {workers}")
    if dask_address is not None:
        try:
            from prefect_dask.task_runners import DaskTaskRunner
        except ImportError as exc:
            raise FlowError('--dask-address needs prefect-dask: pip install "conflictwire[dask]"') from exc
        return DaskTaskRunner(address=dask_address)
    if workers == 1:
        return ThreadPoolTaskRunner(max_workers=_THREADS)
    return WorkerPoolTaskRunner(workers)


def shares_memory(runner: TaskRunner) -> bool:
    """True when tasks run in this process, so they can share in-memory objects such as the host gate."""
    return isinstance(runner, ThreadPoolTaskRunner)


def batch_pool(runner: TaskRunner) -> Executor | None:
    """The worker processes batch tasks hand their work to, or None when a batch runs where its task runs."""
    return runner.pool if isinstance(runner, WorkerPoolTaskRunner) else None


def batches_in_flight(runner: TaskRunner) -> int:
    """How many batches to keep submitted at once: enough to keep every worker busy while the flow loads one.

    Each batch in flight holds its documents in the flow process, and a copy travels to its worker, so more
    than the workers can use only costs memory. Threads share one core for parsing (the GIL), so one batch
    running and one queued is enough; a worker pool needs one per worker plus the one being loaded; a Dask
    cluster's size is not known here, so it keeps a fixed few.
    """
    if isinstance(runner, WorkerPoolTaskRunner):
        return runner.workers + 1
    if isinstance(runner, ThreadPoolTaskRunner):
        return 2
    return _DEFAULT_IN_FLIGHT


def crawls_ahead(runner: TaskRunner) -> int:
    """How many web crawls may run before the one whose parts the flow is storing.

    In threads, a crawl whose part waits for the flow holds its thread, and so does the one being stored; the
    batches the flow keeps in flight need a thread each, or the workers starve (or, with none left, the flow
    waits forever on a batch no thread runs). On Dask the crawls wait on no one.
    """
    if isinstance(runner, ThreadPoolTaskRunner):
        threads = runner._max_workers  # noqa: SLF001 - Prefect keeps the thread count only there
        return max(1, threads - 1 - batches_in_flight(runner))
    return _DEFAULT_IN_FLIGHT
