"""Exports of the events for tools beyond SQL: Parquet for engines, ACLED-style CSV for spreadsheets, GeoJSON for QGIS.

Every export streams: DuckDB's ``COPY`` writes Parquet and CSV without the rows passing through Python, and the
GeoJSON writer pulls rows from a cursor a batch at a time, so memory stays flat however large the warehouse is.
Only dated events are exported (an event's date is its article's publication date); ``since``/``until`` bound
the date range, both ends included, and are passed to DuckDB as parameters.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TextIO

import duckdb

from warehouse.errors import WarehouseError

__all__ = ["ACLED_COLUMNS", "ExportFormat", "ExportSummary", "export_events"]

_FETCH_ROWS = 1000

# The columns of v_acled_events: ACLED's own column names first (so ACLED tooling reads the file as is), then
# what we add: who claimed the toll.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "fatalities_claimant",
    "fatalities_high",
    "fatalities_qualifier",
    "fatalities_claimants",
    "fatalities_claims",
    "story_id",
    "article_url",
)

_ACLED_QUERY = """
SELECT *
FROM v_acled_events
WHERE event_date >= coalesce(?::DATE, event_date)
  AND event_date <= coalesce(?::DATE, event_date)
ORDER BY event_date, event_id_cnty
"""

_PARQUET_QUERY = """
SELECT *
FROM v_events
WHERE event_date IS NOT NULL
  AND event_date >= coalesce(?::DATE, event_date)
  AND event_date <= coalesce(?::DATE, event_date)
"""


class ExportFormat(StrEnum):
    PARQUET = "parquet"
    CSV = "csv"
    GEOJSON = "geojson"


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export wrote: ``rows`` events, and ``skipped`` events left out (GeoJSON: no coordinates)."""

    format: ExportFormat
    path: Path
    rows: int
    skipped: int = 0


def _copy(conn: duckdb.DuckDBPyConnection, query: str, out: Path, options: str, params: Sequence[object]) -> int:
    row = conn.execute(f"COPY ({query}) TO ? ({options})", [*params, str(out)]).fetchone()
    return int(row[0]) if row else 0


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _write_geojson(cursor: duckdb.DuckDBPyConnection, stream: TextIO) -> tuple[int, int]:
    columns = [d[0] for d in cursor.description or []]
    lat, lon = columns.index("latitude"), columns.index("longitude")
    written = skipped = 0
    stream.write('{"type": "FeatureCollection", "name": "conflictwire_events", "features": [\n')
    while rows := cursor.fetchmany(_FETCH_ROWS):
        for row in rows:
            if row[lat] is None or row[lon] is None:
                skipped += 1
                continue
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row[lon], row[lat]]},
                "properties": {name: _json_value(value) for name, value in zip(columns, row, strict=True)},
            }
            stream.write((",\n" if written else "") + json.dumps(feature, ensure_ascii=False))
            written += 1
    stream.write("\n]}\n")
    return written, skipped


def export_events(
    conn: duckdb.DuckDBPyConnection,
    fmt: ExportFormat,
    out: Path,
    *,
    since: date | None = None,
    until: date | None = None,
) -> ExportSummary:
    """Write the events between ``since`` and ``until`` (inclusive; None = unbounded) to ``out``.

    Parquet: a directory of hive partitions ``event_date=YYYY-MM-DD/`` holding every ``v_events`` column.
    CSV: one file with ``ACLED_COLUMNS``. GeoJSON: a FeatureCollection of points (WGS84) with the same properties
    as the CSV; events without coordinates are skipped and counted.

    Raises:
        WarehouseError: DuckDB refused the export (e.g. the Parquet directory is not empty) or the file could not
            be written.
    """
    params = [since, until]
    try:
        if fmt is ExportFormat.PARQUET:
            rows = _copy(conn, _PARQUET_QUERY, out, "FORMAT parquet, PARTITION_BY (event_date)", params)
            return ExportSummary(fmt, out, rows)
        if fmt is ExportFormat.CSV:
            return ExportSummary(fmt, out, _copy(conn, _ACLED_QUERY, out, "FORMAT csv, HEADER", params))
        cursor = conn.execute(_ACLED_QUERY, params)
        with out.open("w", encoding="utf-8") as stream:
            written, skipped = _write_geojson(cursor, stream)
        return ExportSummary(fmt, out, written, skipped)
    except duckdb.Error as exc:
        raise WarehouseError(f"{fmt.value} export to {out} failed: {exc}", db="warehouse") from exc
    except OSError as exc:
        raise WarehouseError(f"cannot write {out}: {exc.strerror or exc}", db="warehouse") from exc
