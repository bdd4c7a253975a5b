"""Crash safety: ``kill -9`` a real ``conflictwire run`` at three points, run it again, and the warehouse equals
one built by an uninterrupted run, table by table; the source cursor never moves ahead of its data.

The 24-trial version (two workloads, four kill points) is ``benchmarks/bench_crash.py``; this file reuses its
plumbing on a smaller run (the RSS, directory and WARC sample sources in batches of three).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from benchmarks.bench_crash import (
    Reference,
    Workload,
    cli_env,
    free_port,
    reference_run,
    run_trial,
    sample_run_workload,
    snapshot_code,
)

SOURCES = ("levant-ledger-rss", "saved-pages", "ccnews-sample")


@pytest.fixture(scope="module")
def crash_setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workload, dict[str, str], Reference, Path]]:
    """The workload, its environment (the session's Prefect API), and an uninterrupted reference run."""
    from prefect.settings import PREFECT_API_URL

    from flows.sample_server import serve_directory

    work = tmp_path_factory.mktemp("crash")
    code = snapshot_code(work / "code")
    with serve_directory(code / "flows" / "samples" / "site", port=free_port()) as site:
        workload = sample_run_workload(work, code, site, batch_size=3, only=SOURCES)
        env = cli_env(PREFECT_API_URL.value(), code)
        reference = reference_run(workload, work / "reference", env)
        yield workload, env, reference, work


@pytest.mark.parametrize("kill_point", ["fetch", "mid-load", "between-batches"])
def test_killed_run_recovers_to_the_uninterrupted_warehouse(
    crash_setup: tuple[Workload, dict[str, str], Reference, Path], kill_point: str
) -> None:
    workload, env, reference, work = crash_setup
    rng = random.Random(kill_point)
    trial = run_trial(
        workload, kill_point, reference.db, reference.seconds, work / kill_point, env, rng, reference.loads
    )
    assert trial.note == "", trial.note
    assert trial.lock_free, "the DuckDB lock must die with the process"
    assert trial.cursor_problems == []
    assert trial.recovery_exit == 0, (work / kill_point / "recovery.log").read_text()
    assert {d.table for d in trial.diffs} >= {"articles", "article_revisions", "sightings", "raw_documents"}
    assert trial.passed, trial.problems()
    if kill_point != "fetch":
        # The killed run stays visible as 'running' (never finished); the recovery run completed.
        conn = duckdb.connect(str(work / kill_point / "warehouse.duckdb"), read_only=True)
        statuses = sorted(s for (s,) in conn.execute("SELECT status FROM runs").fetchall())
        conn.close()
        assert statuses == ["completed", "running"]
