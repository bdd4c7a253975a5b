"""One writer per warehouse across deployments: the Prefect concurrency limit is named for the warehouse file."""

from __future__ import annotations

from pathlib import Path

from flows.writer import writer_limit_name


def test_the_limit_is_named_for_the_warehouse_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "w.duckdb", tmp_path / "b" / "w.duckdb"
    assert writer_limit_name(a) != writer_limit_name(b)
    assert writer_limit_name(a) == writer_limit_name(tmp_path / "a" / ".." / "a" / "w.duckdb")
    assert writer_limit_name(a).startswith("conflictwire-writer-w-")
