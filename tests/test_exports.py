"""Exports of the demo warehouse: their schemas, their date filters, and the CLI that writes them."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import duckdb
from click.testing import CliRunner

from flows.cli_analyst import export
from warehouse.exports import ACLED_COLUMNS, ExportFormat, export_events

NOVEMBER_2016 = (date(2016, 11, 1), date(2016, 11, 30))


def dated_events(conn: duckdb.DuckDBPyConnection, since: date | None = None, until: date | None = None) -> int:
    row = conn.execute(
        "SELECT count(*) FROM v_events WHERE event_date BETWEEN coalesce(?::DATE, DATE '0001-01-01') "
        "AND coalesce(?::DATE, DATE '9999-12-31')",
        [since, until],
    ).fetchone()
    assert row is not None
    return int(row[0])


def test_parquet_is_partitioned_by_date_and_holds_every_event_column(
    demo_conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    out = tmp_path / "events"
    summary = export_events(demo_conn, ExportFormat.PARQUET, out)
    assert summary.rows == dated_events(demo_conn) > 0
    partitions = sorted(p.name for p in out.iterdir())
    assert partitions and all(name.startswith("event_date=") for name in partitions)
    assert "event_date=2016-11-28" in partitions
    glob = str(out / "*" / "*.parquet")
    back = demo_conn.execute("SELECT * FROM read_parquet(?, hive_partitioning = true) LIMIT 0", [glob])
    view = demo_conn.execute("SELECT * FROM v_events LIMIT 0")
    assert {d[0] for d in back.description} == {d[0] for d in view.description}
    assert demo_conn.execute("SELECT count(*) FROM read_parquet(?)", [glob]).fetchone() == (summary.rows,)


def test_csv_has_acled_columns_and_respects_the_date_range(
    demo_conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    out = tmp_path / "events.csv"
    summary = export_events(demo_conn, ExportFormat.CSV, out, since=NOVEMBER_2016[0], until=NOVEMBER_2016[1])
    with out.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
        rows = list(reader)
    assert len(rows) == summary.rows == dated_events(demo_conn, *NOVEMBER_2016) > 0
    assert all("2016-11-01" <= r["event_date"] <= "2016-11-30" for r in rows)
    aleppo = next(r for r in rows if r["location"] == "Aleppo")
    assert (aleppo["country"], aleppo["iso"], aleppo["year"]) == ("Syria", "760", "2016")
    assert all(r["geo_precision"] in {"1", "2", "3", ""} and r["fatalities"].isdigit() for r in rows)


def test_csv_fatalities_carry_their_claimant(demo_conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    export_events(demo_conn, ExportFormat.CSV, out)
    with out.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    tolls = [r for r in rows if r["fatalities_claimant"]]
    assert tolls and all(int(r["fatalities"]) > 0 or r["fatalities_claims"] for r in tolls)
    assert all(r["fatalities"] == "0" for r in rows if not r["fatalities_claimant"])


def test_geojson_is_a_feature_collection_of_points(demo_conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    summary = export_events(demo_conn, ExportFormat.GEOJSON, out)
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == summary.rows > 0
    assert summary.rows + summary.skipped == dated_events(demo_conn)
    for feature in features:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert (lon, lat) == (feature["properties"]["longitude"], feature["properties"]["latitude"])
        assert tuple(feature["properties"]) == ACLED_COLUMNS


def test_export_command_writes_each_format(demo_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt, name in (("csv", "e.csv"), ("geojson", "e.geojson"), ("parquet", "e_parquet")):
        result = runner.invoke(
            export,
            [
                "--db",
                str(demo_db),
                "--format",
                fmt,
                "--since",
                "2016-11-01",
                "--until",
                "2017-12-31",
                "--out",
                str(tmp_path / name),
            ],
        )
        assert result.exit_code == 0, result.output
        assert f"as {fmt}" in result.output
        assert (tmp_path / name).exists()


def test_export_command_refuses_a_bad_date_and_a_non_empty_parquet_directory(demo_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(
        export,
        ["--db", str(demo_db), "--format", "csv", "--since", "2016-11-01' OR 1=1", "--out", str(tmp_path / "x.csv")],
    )
    assert bad.exit_code == 2 and "--since" in bad.output
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    refused = runner.invoke(export, ["--db", str(demo_db), "--format", "parquet", "--out", str(tmp_path / "full")])
    assert refused.exit_code == 1 and "not empty" in refused.output
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"


def test_one_overwrite_rule_for_every_format(demo_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt, name in (("csv", "e.csv"), ("geojson", "e.geojson"), ("parquet", "e_parquet")):
        target = tmp_path / name
        args = ["--db", str(demo_db), "--format", fmt, "--out", str(target)]
        assert runner.invoke(export, args).exit_code == 0

        refused = runner.invoke(export, args)
        replaced = runner.invoke(export, [*args, "--overwrite"])

        assert refused.exit_code == 1 and "--overwrite" in refused.output, fmt
        assert replaced.exit_code == 0, replaced.output
    (tmp_path / "e_parquet" / "notes.txt").write_text("mine")
    kept = runner.invoke(
        export, ["--db", str(demo_db), "--format", "parquet", "--out", str(tmp_path / "e_parquet"), "--overwrite"]
    )
    assert kept.exit_code == 1 and (tmp_path / "e_parquet" / "notes.txt").read_text() == "mine"
