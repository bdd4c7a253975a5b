"""Crash safety: ``kill -9`` a real ``conflictwire run`` at three points, run it again, and the warehouse equals
one built by an uninterrupted run, table by table; the source cursor never moves ahead of its data.

The 24-trial version (two workloads, four kill points) is ``benchmarks/bench_crash.py``; this file reuses its
plumbing on a smaller run (the RSS, directory and WARC sample sources in batches of three).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from benchmarks.bench_crash import (
    Trial,
    cli_env,
    crash_and_recover,
    free_port,
    judge,
    reference_run,
    sample_run_workload,
    snapshot_code,
)

SOURCES = ("levant-ledger-rss", "saved-pages", "ccnews-sample")


# Loads 0-2 are the RSS source's (8 articles in batches of 3), then come the directory and WARC sources.
# (kill point, loads to let pass): the first three kill outside the RSS source's loads, the last inside them.
TRIALS = {
    "fetch": ("fetch", 0),
    "mid-load": ("mid-load", 4),
    "between-batches": ("between-batches", 5),
    "inside-web-source": ("between-batches", 0),
}


@pytest.fixture(scope="module")
def trials(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Trial, Path]]]:
    """The reference run and every trial, run side by side (two cores), then judged against the reference."""
    from prefect.settings import PREFECT_API_URL

    from flows.sample_server import serve_directory

    work = tmp_path_factory.mktemp("crash")
    code = snapshot_code(work / "code")
    with serve_directory(code / "flows" / "samples" / "site", port=free_port()) as site:
        workload = sample_run_workload(work, code, site, batch_size=3, only=SOURCES)
        env = cli_env(PREFECT_API_URL.value(), code)
        with ThreadPoolExecutor(max_workers=len(TRIALS) + 1) as pool:
            reference = pool.submit(reference_run, workload, work / "reference", env)
            futures = {
                name: pool.submit(
                    crash_and_recover,
                    workload,
                    kill_point,
                    30.0,
                    work / name,
                    env,
                    random.Random(name),
                    8,
                    skip_loads=skip,
                )
                for name, (kill_point, skip) in TRIALS.items()
            }
            ref = reference.result()
            yield {name: (judge(future.result(), ref.db, work / name), work / name) for name, future in futures.items()}


@pytest.mark.parametrize("name", ["fetch", "mid-load", "between-batches"])
def test_killed_run_recovers_to_the_uninterrupted_warehouse(trials: dict[str, tuple[Trial, Path]], name: str) -> None:
    trial, folder = trials[name]
    assert trial.note == "", trial.note
    assert trial.lock_free, "the DuckDB lock must die with the process"
    assert trial.cursor_problems == []
    assert trial.recovery_exit == 0, (folder / "recovery.log").read_text()
    assert {d.table for d in trial.diffs} >= {"articles", "article_revisions", "sightings", "raw_documents"}
    assert trial.passed, trial.problems()
    if name != "fetch":
        # The killed run stays visible, closed as 'abandoned' by the recovery run, which completed.
        conn = duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True)
        statuses = sorted(s for (s,) in conn.execute("SELECT status FROM runs").fetchall())
        conn.close()
        assert statuses == ["abandoned", "completed"]


def test_crash_inside_a_web_source_loses_and_doubles_nothing(trials: dict[str, tuple[Trial, Path]]) -> None:
    trial, _ = trials["inside-web-source"]
    assert trial.note == "" and trial.loads_before_kill == 1
    assert trial.lock_free and trial.recovery_exit == 0
    assert trial.cursor_problems == [], "a cursor was stored ahead of its data"
    assert [d for d in trial.diffs if (d.missing or d.extra) and d.table != "source_cursors"] == []


def test_crash_inside_a_web_source_leaves_the_cursor_of_an_uninterrupted_run(
    trials: dict[str, tuple[Trial, Path]],
) -> None:
    trial, _ = trials["inside-web-source"]
    assert [d for d in trial.diffs if d.table == "source_cursors"][0].missing == 0
