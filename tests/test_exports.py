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
    years = sorted(p.name for p in out.iterdir())
    assert years and all(name.startswith("year=") for name in years)
    assert (out / "year=2016" / "month=11").is_dir()
    glob = str(out / "*" / "*" / "*.parquet")
    back = demo_conn.execute("SELECT * FROM read_parquet(?, hive_partitioning = true) LIMIT 0", [glob])
    view = demo_conn.execute("SELECT * FROM v_events LIMIT 0")
    assert {d[0] for d in view.description} <= {d[0] for d in back.description}
    assert demo_conn.execute("SELECT count(*) FROM read_parquet(?)", [glob]).fetchone() == (summary.rows,)
    # event_date is a DATE inside the files themselves, not only a directory name
    described = demo_conn.execute("DESCRIBE SELECT * FROM read_parquet(?, hive_partitioning = false)", [glob])
    types = {name: kind for name, kind, *_ in described.fetchall()}
    assert types["event_date"] == "DATE"


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
    assert all(r["geo_precision"] in {"1", "2", "3", ""} and (r["fatalities"] or "0").isdigit() for r in rows)


def test_csv_fatalities_carry_their_claimant(demo_conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    export_events(demo_conn, ExportFormat.CSV, out)
    with out.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    tolls = [r for r in rows if r["fatalities_claimant"]]
    assert tolls and all(int(r["fatalities"]) > 0 or r["fatalities_claims"] for r in tolls)
    # no toll reported: empty, not 0 (0 would say nobody died)
    untolled = [r for r in rows if not r["fatalities_claimant"]]
    assert untolled and all(r["fatalities"] == "" for r in untolled)


ACLED_31 = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def test_csv_carries_acleds_31_columns_with_acled_meanings(
    demo_conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    out = tmp_path / "all.csv"
    export_events(demo_conn, ExportFormat.CSV, out)
    with out.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        assert list(reader.fieldnames or [])[:31] == ACLED_31
        rows = list(reader)
    feeds = {f for (f,) in demo_conn.execute("SELECT name FROM sources").fetchall()}
    assert rows and not {r["source"] for r in rows} & feeds, "source is the outlet, not our feed name"
    assert all(r["source"] for r in rows)
    syria = [r for r in rows if r["country"] == "Syria"]
    assert syria and all(r["region"] == "Middle East" for r in syria)
    disorder = {"Battles": "Political violence", "Strategic developments": "Strategic developments"}
    for row in rows:
        if row["event_type"] in disorder:
            assert row["disorder_type"] == disorder[row["event_type"]]
        assert row["timestamp"].isdigit()
        assert row["civilian_targeting"] in {"", "Civilian targeting"}
        if row["inter1"] and row["inter2"]:
            low, high = sorted((int(row["inter1"]), int(row["inter2"])))
            assert row["interaction"] == f"{low}{high}"
        for unknown in ("time_precision", "assoc_actor_1", "assoc_actor_2", "admin3", "source_scale", "tags"):
            assert row[unknown] == ""
    assert any(r["inter1"] for r in rows)
    assert any(r["admin2"] for r in rows), "the district of a place the gazetteer places in one"


def test_csv_bom_is_optional(demo_conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    export_events(demo_conn, ExportFormat.CSV, plain)
    summary = export_events(demo_conn, ExportFormat.CSV, marked, bom=True)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert marked.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert summary.rows > 0 and not (tmp_path / "marked.csv.part").exists()


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
