"""Exports of the events for tools beyond SQL: Parquet for engines, ACLED-style CSV for spreadsheets, GeoJSON for QGIS.

Every export streams: DuckDB's ``COPY`` writes Parquet and CSV without the rows passing through Python, and the
GeoJSON writer pulls rows from a cursor a batch at a time, so memory stays flat however large the warehouse is.
Only dated events are exported (an event's date is its article's publication date); ``since``/``until`` bound
the date range, both ends included, and are passed to DuckDB as parameters.
"""

from __future__ import annotations

import codecs
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TextIO

import duckdb

from warehouse.errors import WarehouseError

__all__ = ["ACLED_COLUMNS", "ExportFormat", "ExportSummary", "export_events", "newest_change", "write_csv"]

_FETCH_ROWS = 1000

# ACLED's 31 columns in ACLED's order (so ACLED tooling reads the file as is), then what we add: the province
# code, who claimed the toll, the story and the article. ACLED columns we cannot derive from news text stay empty
# rather than invented: time_precision (our date is the report's day, not a known event day), the associated
# actors, admin2/admin3, source_scale and tags.
ACLED_COLUMNS: tuple[str, ...] = (
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
    "admin1_code",
    "fatalities_claimant",
    "fatalities_high",
    "fatalities_qualifier",
    "fatalities_claimants",
    "fatalities_claims",
    "story_id",
    "article_url",
    "feed",
)

# The export reads v_acled_events (warehouse/views/70_acled_events.sql), filtered by event day and, for an
# incremental export, by when the article last changed.
_ACLED_QUERY = f"""
SELECT {", ".join(ACLED_COLUMNS)}
FROM v_acled_events
WHERE event_date >= coalesce(?::DATE, event_date)
  AND event_date <= coalesce(?::DATE, event_date)
  AND (?::TIMESTAMPTZ IS NULL OR last_changed_at > ?::TIMESTAMPTZ)
ORDER BY event_date, event_id_cnty
"""

# Partitioned by year and month, so event_date stays in the files as a DATE column (a partition column lives only
# in directory names, as text to most readers) and a one-month question still reads one directory.
_PARQUET_QUERY = """
SELECT *, year(event_date) AS year, month(event_date) AS month
FROM v_events
WHERE event_date IS NOT NULL
  AND event_date >= coalesce(?::DATE, event_date)
  AND event_date <= coalesce(?::DATE, event_date)
  AND (?::TIMESTAMPTZ IS NULL OR article_id IN (SELECT article_id FROM articles WHERE last_changed_at > ?::TIMESTAMPTZ))
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


def _copy(conn: duckdb.DuckDBPyConnection, query: str, out: Path, options: str, params: Sequence[object]) -> int:
    row = conn.execute(f"COPY ({query}) TO ? ({options})", [*params, str(out)]).fetchone()
    return int(row[0]) if row else 0


def write_csv(conn: duckdb.DuckDBPyConnection, query: str, params: Sequence[object], out: Path) -> int:
    """Stream ``query``'s rows to the CSV file ``out`` (header first), cells neutralised; return the row count."""
    return _copy(conn, _SAFE_CSV.format(query=query), out, "FORMAT csv, HEADER", params)


def _write_csv_with_bom(conn: duckdb.DuckDBPyConnection, out: Path, params: Sequence[object]) -> int:
    """The CSV after a UTF-8 BOM: DuckDB writes none, so its file is streamed in behind one, then removed."""
    body = out.with_name(out.name + ".part")
    try:
        rows = write_csv(conn, _ACLED_QUERY, params, body)
        with out.open("wb") as target, body.open("rb") as source:
            target.write(codecs.BOM_UTF8)
            shutil.copyfileobj(source, target)
    finally:
        body.unlink(missing_ok=True)
    return rows


def newest_change(conn: duckdb.DuckDBPyConnection) -> datetime | None:
    """When the warehouse's newest article was added or changed: where the next incremental export starts."""
    ((newest,),) = conn.execute("SELECT max(last_changed_at) FROM articles").fetchall()
    return newest  # type: ignore[no-any-return]


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
        or (path.parent == out and not path.name.startswith("year="))
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
    changed_after: datetime | None = None,
    bom: bool = False,
    overwrite: bool = False,
) -> ExportSummary:
    """Write the events between ``since`` and ``until`` (inclusive; None = unbounded) to ``out``.

    Parquet: a directory of hive partitions ``year=YYYY/month=M/`` holding every ``v_events`` column.
    CSV: one file with ``ACLED_COLUMNS``, starting with a UTF-8 byte order mark if ``bom`` (Excel then reads
    it as UTF-8); text cells are neutralised against formula injection (``transforms/spreadsheet.py``).
    GeoJSON: a FeatureCollection of points (WGS84) with the same properties as the CSV; events without
    coordinates are skipped and counted. ``changed_after`` keeps only events of articles added or changed after
    that time (an incremental export; ``newest_change`` gives the time to pass next). An existing ``out`` is
    replaced only with ``overwrite``.

    Raises:
        WarehouseError: ``out`` exists and ``overwrite`` is off (or it is not an export of ours), DuckDB refused
            the export, or the file could not be written.
    """
    params = [since, until, changed_after, changed_after]
    _make_room(fmt, out, overwrite=overwrite)
    try:
        if fmt is ExportFormat.PARQUET:
            rows = _copy(conn, _PARQUET_QUERY, out, "FORMAT parquet, PARTITION_BY (year, month)", params)
            return ExportSummary(fmt, out, rows)
        if fmt is ExportFormat.CSV and bom:
            return ExportSummary(fmt, out, _write_csv_with_bom(conn, out, params))
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
