"""Incremental exports: ``--since-last`` writes only the events of articles added or changed since the last one."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
from click.testing import CliRunner

from flows.cli import main, sample_sources_file

SAMPLES = sample_sources_file().parent


def ingest(tmp_path: Path, db: Path, name: str, kind: str, path: Path) -> None:
    sources = tmp_path / f"{name}.toml"
    sources.write_text(f'[[source]]\nname = "{name}"\nkind = "{kind}"\npath = "{path}"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["run", "--sources", str(sources), "--db", str(db)])
    assert result.exit_code == 0, result.output


def export_rows(db: Path, out: Path) -> list[dict[str, str]]:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "csv", "--since-last", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def dated_events(db: Path, feed: str | None = None) -> int:
    conn = duckdb.connect(str(db), read_only=True)
    row = conn.execute(
        "SELECT count(*) FROM v_events WHERE event_date IS NOT NULL AND (? IS NULL OR source = ?)", [feed, feed]
    ).fetchone()
    conn.close()
    assert row is not None
    return int(row[0])


def test_since_last_exports_only_what_changed_since_the_previous_export(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ingest(tmp_path, db, "saved-pages", "directory", SAMPLES / "directory")
    first = export_rows(db, tmp_path / "1.csv")
    assert len(first) == dated_events(db) > 0
    assert export_rows(db, tmp_path / "2.csv") == []  # nothing changed since

    ingest(tmp_path, db, "ccnews-sample", "warc", SAMPLES / "archive.warc.gz")
    third = export_rows(db, tmp_path / "3.csv")
    assert third and "ccnews-sample" in {r["feed"] for r in third}
    assert len(first) + len(third) <= dated_events(db)
    assert (tmp_path / "w.duckdb.exports.json").exists()
