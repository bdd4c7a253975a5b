"""CSV formula injection: every CSV we write (``export --format csv``, ``sql --format csv``) neutralises cells a
spreadsheet would evaluate, the same way, and leaves numbers and plain text alone."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import main
from transforms.spreadsheet import safe_cell
from warehouse.exports import write_csv

# Cells as an attacker would plant them in an article (a sentence, a claimant), then harmless ones.
HOSTILE = ["=cmd|' /C calc'!A0", '+HYPERLINK("http://x.example")', "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR"]
HARMLESS = ["-3.5", "+1", "-2e5", "Aleppo", "it is = fine", ""]
QUERY = "SELECT " + ", ".join(
    f"'{cell.replace(chr(39), chr(39) * 2)}' AS c{n}" for n, cell in enumerate(HOSTILE + HARMLESS)
)
QUERY += ", -3.5 AS num"
EXPECTED = ["'" + cell for cell in HOSTILE] + HARMLESS + ["-3.5"]


@pytest.mark.parametrize(("cell", "safe"), [*zip(HOSTILE, EXPECTED, strict=False), ("-3.5", "-3.5"), (7, 7)])
def test_safe_cell(cell: object, safe: object) -> None:
    assert safe_cell(cell) == safe


def test_export_csv_neutralises_formulas(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    with duckdb.connect(str(tmp_path / "w.duckdb")) as conn:
        rows = write_csv(conn, QUERY, [], out)

    with out.open(newline="", encoding="utf-8") as stream:
        header, row = list(csv.reader(stream))
    assert rows == 1 and len(header) == len(EXPECTED)
    assert row == EXPECTED


def test_sql_csv_neutralises_formulas_like_the_export(demo_db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sql", "--db", str(demo_db), "--format", "csv", QUERY])

    assert result.exit_code == 0, result.output
    _, row = list(csv.reader(io.StringIO(result.output, newline="")))
    assert row == EXPECTED
