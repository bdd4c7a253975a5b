"""The write-ahead log: every run ends with a checkpoint, and ``conflictwire check --db`` tells a usable log from a
damaged one and says how to recover. Real DuckDB files; the unclean stop is a real process ending without closing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
from click.testing import CliRunner

from flows.cli import main
from warehouse.migrate import migrate
from warehouse.runs import SourceOutcome, finish_run, start_run

# Commits 5 batches, then ends the process without closing: DuckDB keeps them only in the WAL.
_STOP_WITHOUT_CHECKPOINT = """
import duckdb, os, sys
conn = duckdb.connect(sys.argv[1])
conn.execute("CREATE TABLE pages (n INTEGER, body VARCHAR)")
conn.execute("CHECKPOINT")
for batch in range(5):
    conn.execute("INSERT INTO pages SELECT range, repeat('x', 99) FROM range(?, ?)", [batch * 999, batch * 999 + 999])
os._exit(0)
"""


def _wal(db: Path) -> Path:
    return Path(f"{db}.wal")


def _stopped_without_checkpoint(db: Path) -> None:
    subprocess.run([sys.executable, "-c", _STOP_WITHOUT_CHECKPOINT, str(db)], check=True)
    assert _wal(db).stat().st_size > 0


def test_a_finished_run_leaves_nothing_in_the_write_ahead_log(db_path: Path) -> None:
    conn = duckdb.connect(str(db_path))
    migrate(conn)
    start_run(conn, "run-1", "ingest", 1)

    finish_run(conn, "run-1", [SourceOutcome(source="s", status="ok", found=1, new=1)])

    wal = _wal(db_path)
    assert not wal.exists() or wal.stat().st_size == 0  # checked while the connection is still open
    conn.close()


def test_check_reports_a_clean_file_and_a_usable_log(db_path: Path) -> None:
    runner = CliRunner()
    duckdb.connect(str(db_path)).close()
    clean = runner.invoke(main, ["check", "--db", str(db_path)])
    _stopped_without_checkpoint(db_path)
    unclean = runner.invoke(main, ["check", "--db", str(db_path)])

    assert clean.exit_code == 0 and ": ok" in clean.output
    assert unclean.exit_code == 0 and ": unclean" in unclean.output
    assert _wal(db_path).stat().st_size > 0  # the check changed nothing


def test_check_names_a_damaged_log_and_how_to_recover(db_path: Path) -> None:
    _stopped_without_checkpoint(db_path)
    wal = _wal(db_path)
    damaged = bytearray(wal.read_bytes())
    middle = len(damaged) // 2
    damaged[middle : middle + 2] = bytes(b ^ 0xFF for b in damaged[middle : middle + 2])
    wal.write_bytes(bytes(damaged))

    result = CliRunner().invoke(main, ["check", "--db", str(db_path)])

    assert result.exit_code == 1
    assert ": damaged" in result.output and f"mv {wal}" in result.output
