"""One writer per warehouse across flows and deployments: a run waits for the warehouse's Prefect concurrency
slot instead of failing on DuckDB's file lock."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from prefect.concurrency.sync import concurrency

from flows.cli import sample_sources_file
from flows.writer import ensure_writer_limit, writer_limit_name

SAMPLES = sample_sources_file().parent

BACKFILL = """
import sys
import time
from flows.maintenance import backfill
summary = backfill(db=sys.argv[1], warc=[sys.argv[2]], source="queued")
print("STATUS", summary.status, flush=True)
"""


def test_the_limit_is_named_for_the_warehouse_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "w.duckdb", tmp_path / "b" / "w.duckdb"
    assert writer_limit_name(a) != writer_limit_name(b)
    assert writer_limit_name(a) == writer_limit_name(tmp_path / "a" / ".." / "a" / "w.duckdb")
    assert writer_limit_name(a).startswith("conflictwire-writer-w-")


def test_a_run_waits_for_the_writer_instead_of_failing_on_the_lock(tmp_path: Path) -> None:
    """Hold the slot and DuckDB's write lock, as a long run would; a backfill started meanwhile waits, then loads."""
    from prefect.settings import PREFECT_API_URL

    db = tmp_path / "w.duckdb"
    holder = duckdb.connect(str(db))
    holder.execute("CREATE TABLE held (x INTEGER)")
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}
    lines: list[str] = []
    with concurrency(ensure_writer_limit(db), occupy=1, strict=True):
        run = subprocess.Popen(
            [sys.executable, "-c", BACKFILL, str(db), str(SAMPLES / "archive.warc.gz")],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert run.stdout is not None
        for line in run.stdout:
            lines.append(line)
            if "taking the writer slot" in line:
                break
        time.sleep(3)  # a run that did not wait for the slot would meet the held lock now and fail
        assert run.poll() is None, "".join(lines)  # at the slot, waiting: not failed on the lock
        holder.close()
    output = "".join(lines) + run.communicate(timeout=300)[0]
    assert run.returncode == 0, output
    assert "STATUS completed" in output and "WarehouseLockedError" not in output
    conn = duckdb.connect(str(db), read_only=True)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    conn.close()
