"""Shared fixtures: Prefect's test harness for the whole session, the sample site on loopback, DuckDB files."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.runtime import configure_offline

configure_offline()


@pytest.fixture(scope="session", autouse=True)
def prefect_harness() -> Iterator[None]:
    """Run every flow of the session against a throw-away Prefect API (a real server, temporary database).

    The server starts in about 15 s on a quiet 2-core machine; at a load of 20-25 (eight sessions building at once)
    it took over 120 s and every test of the run errored in setup, so the bound is 600 s: a guard against a hang,
    not a speed check."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=600):
        yield


@pytest.fixture(scope="session")
def sample_site() -> Iterator[str]:
    """Base URL of the bundled sample site served on 127.0.0.1 for the session."""
    from flows.sample_server import serve_directory

    with serve_directory() as base_url:
        yield base_url


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    """A fresh DuckDB warehouse file path (not yet created)."""
    return tmp_path / "warehouse.duckdb"


def free_port() -> int:
    """A loopback port free right now (other engineers' and tests' servers run on this machine too)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class DemoRun:
    """The demo warehouse a new user gets, with the port its sample site was served on and the CLI output."""

    db: Path
    port: int
    output: str


@pytest.fixture(scope="session")
def demo_run(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """``conflictwire demo`` run once for the session, for real: loopback site, Prefect flow, DuckDB file."""
    from flows.cli import main

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    port = free_port()
    result = CliRunner().invoke(main, ["demo", "--db", str(path), "--port", str(port)])
    assert result.exit_code == 0, result.output
    return DemoRun(path, port, result.output)


@pytest.fixture(scope="session")
def demo_db(demo_run: DemoRun) -> Path:
    """Path of the session's demo warehouse; open it read-only, other tests share it."""
    return demo_run.db


@pytest.fixture()
def demo_conn(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the demo warehouse, closed after the test."""
    conn = duckdb.connect(str(demo_db), read_only=True)
    yield conn
    conn.close()
