"""Shared fixtures: Prefect's test harness for the whole session, the sample site on loopback, DuckDB files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.runtime import configure_offline

configure_offline()


@pytest.fixture(scope="session", autouse=True)
def prefect_harness() -> Iterator[None]:
    """Run every flow of the session against a throw-away Prefect API (a real server, temporary database)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
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
