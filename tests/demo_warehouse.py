"""Pytest plugin: the demo warehouse, built once per session by the real ``conflictwire demo`` command.

Analyst-facing tests (views, exports, report, the README's questions) run against what a new user gets from the
demo: the sample site served on loopback, the Prefect ``ingest`` flow under the session's test harness, every
stage for real. Tests open the file read-only, so they can share it.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import main


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def demo_db(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a warehouse filled by ``conflictwire demo`` (run once for the session)."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    result = CliRunner().invoke(main, ["demo", "--db", str(path), "--port", str(_free_port())])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture()
def demo_conn(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the demo warehouse, closed after the test."""
    conn = duckdb.connect(str(demo_db), read_only=True)
    yield conn
    conn.close()
