"""What a new user meets first: a taken demo port, a missing file, a reversed date range — each a plain answer."""

from __future__ import annotations

import socket
from pathlib import Path

import duckdb
from click.testing import CliRunner

from flows.cli import main


def one_line_error(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert "Traceback" not in output
    assert lines and lines[-1].startswith("Error:"), output
    return lines[-1]


def test_run_with_a_missing_sources_file_says_so_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", "--sources", str(tmp_path / "nope.toml"), "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1
    assert "nope.toml: file not found" in one_line_error(result.output)
    assert not (tmp_path / "w.db").exists()


def test_run_with_an_unknown_source_name_fails_before_any_run(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "a"\nkind = "directory"\npath = "{tmp_path}"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["run", "--sources", str(sources), "--db", str(tmp_path / "w.db"), "--source", "b"]
    )
    assert result.exit_code == 1
    assert "no source named 'b'" in one_line_error(result.output)


def test_backfill_of_a_missing_warc_says_so_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["backfill", "--warc", str(tmp_path / "gone.warc.gz"), "--db", str(tmp_path / "w.db")]
    )
    assert result.exit_code == 1
    assert "no such WARC file" in one_line_error(result.output)


def test_export_refuses_a_reversed_date_range(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--db",
            str(demo_db),
            "--format",
            "csv",
            "--since",
            "2016-12-01",
            "--until",
            "2016-11-01",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 2
    assert "2016-12-01 is after --until 2016-11-01" in result.output
    assert not out.exists()


def test_demo_moves_to_a_free_port_when_the_default_is_taken(tmp_path: Path) -> None:
    holder = socket.socket()
    # As the demo's own server does: without it, a demo run in the last minute (its connections in TIME_WAIT)
    # made this bind fail, the port was free again for the demo, and the test failed.
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        try:
            holder.bind(("127.0.0.1", 8765))
            holder.listen()
        except OSError:
            pass  # someone else already holds it: taken either way
        result = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "demo.duckdb")])
    finally:
        holder.close()
    assert result.exit_code == 0, result.output + result.stderr
    assert "port 8765 is taken; serving the sample site at http://127.0.0.1:" in result.stderr
    conn = duckdb.connect(str(tmp_path / "demo.duckdb"), read_only=True)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    conn.close()


def test_demo_with_an_explicit_taken_port_fails_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "d.duckdb"), "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot serve the sample site on 127.0.0.1:{port}" in one_line_error(result.output)
