"""The warehouse opens in the analyst's own tools: DuckDB 1.x clients, and timestamps shown in UTC."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from warehouse.connection import STORAGE_COMPATIBILITY

# The oldest DuckDB the README promises (pytz: how duckdb 1.1 returns TIMESTAMPTZ values to Python).
OLD_CLIENT = "duckdb==1.1.3"

READ_EVERY_VIEW = """
import sys, duckdb
conn = duckdb.connect(sys.argv[1], read_only=True)
views = [r[0] for r in conn.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()]
for view in views:
    conn.execute(f"SELECT * FROM {view}").fetchall()
print(duckdb.__version__, len(views), conn.execute("SELECT count(*) FROM articles").fetchone()[0])
"""


def test_a_new_warehouse_is_written_in_the_promised_format(tmp_path: Path) -> None:
    from warehouse.connection import open_warehouse

    with open_warehouse(tmp_path / "w.duckdb") as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
        tags = conn.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 'w'").fetchone()
    assert STORAGE_COMPATIBILITY == "v1.1.0"
    assert tags is not None and tags[0]["storage_version"].startswith("v1.")


@pytest.mark.slow
def test_the_demo_warehouse_opens_in_a_duckdb_1_1_client(demo_db: Path, tmp_path: Path) -> None:
    """Install a 1.x duckdb wheel in a separate venv (skip if the package index is unreachable) and read it all."""
    env_dir = tmp_path / "old-duckdb"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", OLD_CLIENT, "pytz"], capture_output=True, text=True, timeout=300
    )
    if install.returncode != 0:
        pytest.skip(f"cannot install {OLD_CLIENT}: {install.stderr.strip()[-200:]}")
    read = subprocess.run(
        [str(python), "-c", READ_EVERY_VIEW, str(demo_db)], capture_output=True, text=True, timeout=300
    )
    assert read.returncode == 0, read.stderr
    version, views, articles = read.stdout.split()
    assert version.startswith("1.1.") and int(views) >= 7 and int(articles) > 0


def test_sql_prints_timestamps_in_utc_whatever_the_machine_zone(demo_db: Path) -> None:
    query = "SELECT max(started_at) AS started FROM runs"
    base = [sys.executable, "-m", "flows.cli", "sql", "--db", str(demo_db), "--format", "csv", query]
    env = {**os.environ, "TZ": "Asia/Tokyo"}
    utc = subprocess.run(base, capture_output=True, text=True, env=env, timeout=120)
    tokyo = subprocess.run([*base, "--timezone", "Asia/Tokyo"], capture_output=True, text=True, env=env, timeout=120)
    assert utc.returncode == tokyo.returncode == 0, utc.stderr + tokyo.stderr
    assert utc.stdout.splitlines()[1].endswith("+00:00")
    assert tokyo.stdout.splitlines()[1].endswith("+09:00")
