"""Scale-out: the same backfill flow with its batches on a Dask cluster (``--dask-address``) loads the same
warehouse as the default thread runner.

The cluster is a real ``distributed.LocalCluster`` with two worker processes, started here; a multi-node cluster
differs only in the scheduler address (docs/operations.md). The flow process stays the warehouse's only writer:
workers parse and enrich, results come back to it for loading.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip(
    "distributed", reason='prefect-dask is not installed: pip install "conflictwire[dask]" (dask[distributed])'
)
pytest.importorskip("prefect_dask", reason='prefect-dask is not installed: pip install "conflictwire[dask]"')

from benchmarks.bench_crash import (  # noqa: E402
    Workload,
    cli_env,
    compare_warehouses,
    run_to_end,
    warc_backfill_workload,
)

ARTICLES = 60
BATCH = 10


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """A two-process Dask cluster whose workers report task runs to the session's Prefect API."""
    from prefect.settings import PREFECT_API_URL

    saved = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = str(PREFECT_API_URL.value())  # inherited by the worker processes
    try:
        with (
            distributed.LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
                local_directory=str(tmp_path_factory.mktemp("dask")),
            ) as local,
            distributed.Client(local) as client,
        ):
            yield local.scheduler_address, client
    finally:
        if saved is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = saved


@pytest.fixture(scope="module")
def backfill_workload(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Workload]:
    """``backfill`` of a small generated WARC, as a configured source so batches are small (several tasks)."""
    folder = tmp_path_factory.mktemp("scale-out")
    return folder, warc_backfill_workload(folder, ARTICLES, batch_size=BATCH)


def test_backfill_on_a_dask_cluster_loads_the_same_warehouse_as_threads(
    cluster: tuple[str, object], backfill_workload: tuple[Path, Workload]
) -> None:
    from prefect.settings import PREFECT_API_URL

    address, client = cluster
    folder, workload = backfill_workload
    env = cli_env(PREFECT_API_URL.value())
    threads_db, dask_db = folder / "threads.duckdb", folder / "dask.duckdb"

    code, output = run_to_end(workload.command(threads_db), env, folder)
    assert code == 0, output
    code, output = run_to_end([*workload.command(dask_db), "--dask-address", address], env, folder)
    assert code == 0, output

    diffs = compare_warehouses(threads_db, dask_db)
    assert {d.table for d in diffs} >= {"articles", "figures", "story_members"}
    assert [d for d in diffs if d.missing or d.extra] == []
    import duckdb

    conn = duckdb.connect(str(dask_db), read_only=True)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] > ARTICLES * 0.8
    conn.close()

    # The batches really ran on the cluster's workers: the scheduler saw the process-batch tasks.
    prefixes = client.run_on_scheduler(  # type: ignore[attr-defined]
        lambda dask_scheduler: json.dumps(
            {name: dict(prefix.state_counts) for name, prefix in dask_scheduler.task_prefixes.items()}
        )
    )
    seen = json.loads(prefixes)
    assert seen.get("process_task", {}).get("memory", 0) >= ARTICLES // BATCH, seen
