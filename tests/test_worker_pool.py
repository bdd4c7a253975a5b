"""``--workers N``: batches parsed and enriched in N worker processes load the same warehouse as threads.

The runs are real CLI processes against the session's Prefect API; while the pool run goes, its process tree
is watched to prove the work happened in separate worker processes, and that those workers carry neither
Prefect nor DuckDB (their memory is the point of the pool: docs/operations.md, section 4).
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

from benchmarks.bench_backfill import tree_pids
from benchmarks.bench_crash import LoggedProcess, cli_env, compare_warehouses, run_to_end, warc_backfill_workload

ARTICLES = 60
BATCH = 10


def _loaded_libraries(pid: int) -> set[str]:
    try:
        with open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as handle:
            return {line.rsplit("/", 1)[-1].strip() for line in handle if ".so" in line}
    except OSError:
        return set()


def _is_worker(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"multiprocessing.spawn" in handle.read()
    except OSError:
        return False


def test_backfill_with_two_worker_processes_loads_the_same_warehouse_as_threads(tmp_path: Path) -> None:
    from prefect.settings import PREFECT_API_URL

    threads = warc_backfill_workload(tmp_path, ARTICLES, batch_size=BATCH)
    pool = warc_backfill_workload(tmp_path, ARTICLES, batch_size=BATCH, workers=2)
    env = cli_env(PREFECT_API_URL.value())
    threads_db, pool_db = tmp_path / "threads.duckdb", tmp_path / "pool.duckdb"

    code, output = run_to_end(threads.command(threads_db), env, tmp_path)
    assert code == 0, output

    process = LoggedProcess(pool.command(pool_db), env, tmp_path)
    workers: dict[int, set[str]] = {}
    while process.process.poll() is None:
        for pid in tree_pids(process.pid)[1:]:
            if _is_worker(pid) and (libraries := _loaded_libraries(pid)):
                workers[pid] = workers.get(pid, set()) | libraries
        time.sleep(0.05)
    assert process.finish(timeout=60) == 0, process.output
    assert "batch of 10" in process.output

    parsing = {pid for pid, libraries in workers.items() if any(name.startswith("etree.") for name in libraries)}
    assert len(parsing) == 2, f"expected two worker processes parsing, saw {sorted(workers)}"
    for pid in parsing:
        # Prefect is pure Python but brings pydantic-core; DuckDB and pyarrow are the warehouse's.
        heavy = [n for n in workers[pid] if any(k in n for k in ("_pydantic_core", "duckdb", "libarrow"))]
        assert heavy == [], heavy

    diffs = compare_warehouses(threads_db, pool_db)
    assert {d.table for d in diffs} >= {"articles", "figures", "story_members"}
    assert [d for d in diffs if d.missing or d.extra] == []


def test_workers_exit_when_the_flow_process_is_killed(tmp_path: Path) -> None:
    """kill -9 of the flow process alone (as the OOM killer does) leaves no orphaned worker behind."""
    from prefect.settings import PREFECT_API_URL

    workload = warc_backfill_workload(tmp_path, 300, batch_size=5, workers=2)
    process = LoggedProcess(workload.command(tmp_path / "w.duckdb"), cli_env(PREFECT_API_URL.value()), tmp_path)
    assert process.wait_for(re.compile(r"batch of 5:"), timeout=120) is not None, process.output
    workers = [pid for pid in tree_pids(process.pid)[1:] if _is_worker(pid)]
    assert len(workers) == 2, process.output
    os.kill(process.pid, signal.SIGKILL)
    process.finish(timeout=30)

    deadline = time.monotonic() + 10
    while (alive := [pid for pid in workers if _running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert alive == [], f"workers {alive} outlived the flow process"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False
