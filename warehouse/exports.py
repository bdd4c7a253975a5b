"""Exports of the events for tools beyond SQL: Parquet for engines, ACLED-style CSV for spreadsheets, GeoJSON for QGIS.

Every export streams: DuckDB's ``COPY`` writes Parquet and CSV without the rows passing through Python, and the
GeoJSON writer pulls rows from a cursor a batch at a time, so memory stays flat however large the warehouse is.
Only dated events are exported (an event's date is its article's publication date); ``since``/``until`` bound
the date range, both ends included, and are passed to DuckDB as parameters.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TextIO

import duckdb
import pyarrow as pa
from countryinfo import all_countries

from warehouse.errors import WarehouseError

__all__ = ["ACLED_COLUMNS", "ExportFormat", "ExportSummary", "export_events", "write_csv"]

_FETCH_ROWS = 1000

# ACLED's own column names first (so ACLED tooling reads the file as is), then what we add: who claimed the toll.
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

# fatalities is 0 when no toll was reported, as in ACLED; fatalities_claimant is then empty, which tells the two apart.
_ACLED_QUERY = """
SELECT e.event_id AS event_id_cnty,
       e.event_date,
       year(e.event_date) AS year,
       e.event_type,
       e.sub_event_type,
       e.actors[1] AS actor1,
       e.actors[2] AS actor2,
       c.numeric AS iso,
       coalesce(c.name, e.country) AS country,
       e.admin1,
       e.place_name AS location,
       e.latitude,
       e.longitude,
       e.geo_precision,
       e.source,
       e.evidence AS notes,
       coalesce(e.fatalities, 0) AS fatalities,
       e.fatalities_claimant,
       e.fatalities_high,
       e.fatalities_qualifier,
       e.fatalities_claimants,
       e.fatalities_claims,
       e.story_id,
       e.article_url
FROM v_events e
LEFT JOIN cw_country_names c ON c.alpha2 = e.country
WHERE e.event_date IS NOT NULL
  AND e.event_date >= coalesce(?::DATE, e.event_date)
  AND e.event_date <= coalesce(?::DATE, e.event_date)
ORDER BY e.event_date, e.event_id
"""

_PARQUET_QUERY = """
SELECT *
FROM v_events
WHERE event_date IS NOT NULL
  AND event_date >= coalesce(?::DATE, event_date)
  AND event_date <= coalesce(?::DATE, event_date)
"""


# OWASP's CSV-injection rule (transforms/spreadsheet.py states it and why): every cell as text, a leading quote on
# text that starts with = + - @ tab or CR, unless it is a plain number. COLUMNS(*) expands over the query's columns.
_SAFE_CSV = r"""
SELECT CASE WHEN regexp_matches(COLUMNS(*)::VARCHAR, '^[-=+@\t\r]')
             AND NOT regexp_full_match(COLUMNS(*)::VARCHAR, '[-+]?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?')
            THEN '''' || COLUMNS(*)::VARCHAR
            ELSE COLUMNS(*)::VARCHAR END
FROM ({query})
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


def _register_country_names(conn: duckdb.DuckDBPyConnection) -> None:
    """Make ``cw_country_names`` (ISO alpha-2 -> ACLED's country name and numeric ISO code) visible to queries.

    Registered as an Arrow table rather than created, so read-only warehouse connections can export too.
    """
    names: dict[str, tuple[str, int | None]] = {}
    for country in all_countries():
        iso = country.iso()
        if iso.get("alpha2"):
            numeric = iso.get("numeric")
            names.setdefault(iso["alpha2"], (country.name(), int(numeric) if numeric else None))
    conn.register(
        "cw_country_names",
        pa.table(
            {
                "alpha2": list(names),
                "name": [name for name, _ in names.values()],
                "numeric": pa.array([numeric for _, numeric in names.values()], type=pa.int32()),
            }
        ),
    )


def _copy(conn: duckdb.DuckDBPyConnection, query: str, out: Path, options: str, params: Sequence[object]) -> int:
    row = conn.execute(f"COPY ({query}) TO ? ({options})", [*params, str(out)]).fetchone()
    return int(row[0]) if row else 0


def write_csv(conn: duckdb.DuckDBPyConnection, query: str, params: Sequence[object], out: Path) -> int:
    """Stream ``query``'s rows to the CSV file ``out`` (header first), cells neutralised; return the row count."""
    return _copy(conn, _SAFE_CSV.format(query=query), out, "FORMAT csv, HEADER", params)


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


def _make_room(fmt: ExportFormat, out: Path, *, overwrite: bool) -> None:
    """One rule for every format: an existing target (a file, a non-empty directory) is replaced only with
    ``overwrite``, and a Parquet directory only when it holds nothing but a previous export's partitions, so a
    mistyped ``--out`` can never delete someone's files.

    Raises:
        WarehouseError: the target exists and ``overwrite`` is off, or it is not ours to replace.
    """
    if not out.exists() and not out.is_symlink():
        return
    if out.is_dir() and not out.is_symlink() and not any(out.iterdir()):
        return
    if not overwrite:
        what = "is not empty" if out.is_dir() else "already exists"
        raise WarehouseError(f"{out} {what}; pass --overwrite to replace it", db="warehouse")
    if fmt is not ExportFormat.PARQUET:
        if out.is_dir():
            raise WarehouseError(f"{out} is a directory, not a {fmt.value} file", db="warehouse")
        return  # COPY and open("w") replace the file
    if out.is_symlink() or not out.is_dir():
        raise WarehouseError(f"{out} is not a directory of a Parquet export; not replaced", db="warehouse")
    strangers = [
        path
        for path in out.rglob("*")
        if path.is_symlink()
        or (path.is_file() and path.suffix != ".parquet")
        or (path.parent == out and not path.name.startswith("event_date="))
    ]
    if strangers:
        raise WarehouseError(
            f"{out} holds files that are not a Parquet export ({strangers[0]}); not replaced", db="warehouse"
        )
    shutil.rmtree(out)


def export_events(
    conn: duckdb.DuckDBPyConnection,
    fmt: ExportFormat,
    out: Path,
    *,
    since: date | None = None,
    until: date | None = None,
    overwrite: bool = False,
) -> ExportSummary:
    """Write the events between ``since`` and ``until`` (inclusive; None = unbounded) to ``out``.

    Parquet: a directory of hive partitions ``event_date=YYYY-MM-DD/`` holding every ``v_events`` column.
    CSV: one file with ``ACLED_COLUMNS``. GeoJSON: a FeatureCollection of points (WGS84) with the same properties
    as the CSV; events without coordinates are skipped and counted. Text cells of the CSV are neutralised against
    formula injection (``transforms/spreadsheet.py``). An existing ``out`` is replaced only with ``overwrite``.

    Raises:
        WarehouseError: ``out`` exists and ``overwrite`` is off (or it is not an export of ours), DuckDB refused
            the export, or the file could not be written.
    """
    params = [since, until]
    _make_room(fmt, out, overwrite=overwrite)
    try:
        if fmt is ExportFormat.PARQUET:
            rows = _copy(conn, _PARQUET_QUERY, out, "FORMAT parquet, PARTITION_BY (event_date)", params)
            return ExportSummary(fmt, out, rows)
        _register_country_names(conn)
        if fmt is ExportFormat.CSV:
            return ExportSummary(fmt, out, write_csv(conn, _ACLED_QUERY, params, out))
        cursor = conn.execute(_ACLED_QUERY, params)
        with out.open("w", encoding="utf-8") as stream:
            written, skipped = _write_geojson(cursor, stream)
        return ExportSummary(fmt, out, written, skipped)
    except duckdb.Error as exc:
        raise WarehouseError(f"{fmt.value} export to {out} failed: {exc}", db="warehouse") from exc
    except OSError as exc:
        raise WarehouseError(f"cannot write {out}: {exc.strerror or exc}", db="warehouse") from exc
