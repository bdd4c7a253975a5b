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
import pyarrow as pa
from countryinfo import all_countries

from warehouse.acled_regions import acled_region
from warehouse.errors import WarehouseError

__all__ = ["ACLED_COLUMNS", "ExportFormat", "ExportSummary", "export_events", "newest_change"]

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

# ACLED's actor type codes (inter1/inter2) for our dictionary's actor types; interaction is the two codes, lower
# first (one actor alone: its code then 0). fatalities is empty when no toll was reported: 0 would claim that
# nobody died. source is the outlet (its publisher name, else the article's host), as in ACLED.
_ACLED_QUERY = """
WITH coded AS (
    SELECT e.*,
           CASE t1.actor_type WHEN 'state forces' THEN 1 WHEN 'rebel group' THEN 2 WHEN 'political militia' THEN 3
               WHEN 'identity militia' THEN 4 WHEN 'rioters' THEN 5 WHEN 'protesters' THEN 6 WHEN 'civilians' THEN 7
               WHEN 'external/other forces' THEN 8 END AS inter1,
           CASE t2.actor_type WHEN 'state forces' THEN 1 WHEN 'rebel group' THEN 2 WHEN 'political militia' THEN 3
               WHEN 'identity militia' THEN 4 WHEN 'rioters' THEN 5 WHEN 'protesters' THEN 6 WHEN 'civilians' THEN 7
               WHEN 'external/other forces' THEN 8 END AS inter2,
           coalesce(json_extract_string(a.structured, '$.jsonld.publisher.name'),
                    json_extract_string(a.structured, '$.meta."og:site_name"'),
                    regexp_replace(regexp_extract(e.article_url, '^[a-z]+://([^/:]+)', 1), '^www\\.', '')) AS outlet,
           a.last_changed_at
    FROM v_events e
    JOIN articles a ON a.article_id = e.article_id
    LEFT JOIN actors t1 ON t1.actor_id = e.actor_ids[1]
    LEFT JOIN actors t2 ON t2.actor_id = e.actor_ids[2]
    WHERE e.event_date IS NOT NULL
      AND e.event_date >= coalesce(?::DATE, e.event_date)
      AND e.event_date <= coalesce(?::DATE, e.event_date)
      AND (?::TIMESTAMPTZ IS NULL OR a.last_changed_at > ?::TIMESTAMPTZ)
)
SELECT e.event_id AS event_id_cnty,
       e.event_date,
       year(e.event_date) AS year,
       NULL::INTEGER AS time_precision,
       CASE
           WHEN e.sub_event_type = 'Excessive force against protesters' THEN 'Political violence; Demonstrations'
           WHEN e.event_type IN ('Protests', 'Riots') THEN 'Demonstrations'
           WHEN e.event_type = 'Strategic developments' THEN 'Strategic developments'
           WHEN e.event_type IS NOT NULL THEN 'Political violence'
       END AS disorder_type,
       e.event_type,
       e.sub_event_type,
       e.actors[1] AS actor1,
       NULL::VARCHAR AS assoc_actor_1,
       e.inter1,
       e.actors[2] AS actor2,
       NULL::VARCHAR AS assoc_actor_2,
       e.inter2,
       CASE
           WHEN e.inter1 IS NOT NULL AND e.inter2 IS NOT NULL
               THEN least(e.inter1, e.inter2) * 10 + greatest(e.inter1, e.inter2)
           WHEN coalesce(e.inter1, e.inter2) IS NOT NULL THEN coalesce(e.inter1, e.inter2) * 10
       END AS interaction,
       CASE WHEN e.event_type = 'Violence against civilians' OR 7 IN (e.inter1, e.inter2)
           THEN 'Civilian targeting' END AS civilian_targeting,
       c.numeric AS iso,
       c.region,
       coalesce(c.name, e.country) AS country,
       CASE WHEN e.precision = 'admin1' THEN e.place_name END AS admin1,
       NULL::VARCHAR AS admin2,
       NULL::VARCHAR AS admin3,
       e.place_name AS location,
       e.latitude,
       e.longitude,
       e.geo_precision,
       e.outlet AS source,
       NULL::VARCHAR AS source_scale,
       e.evidence AS notes,
       e.fatalities,
       NULL::VARCHAR AS tags,
       epoch(e.last_changed_at)::BIGINT AS timestamp,
       e.admin1 AS admin1_code,
       e.fatalities_claimant,
       e.fatalities_high,
       e.fatalities_qualifier,
       e.fatalities_claimants,
       e.fatalities_claims,
       e.story_id,
       e.article_url,
       e.source AS feed
FROM coded e
LEFT JOIN cw_country_names c ON c.alpha2 = e.country
ORDER BY e.event_date, e.event_id
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
    """Make ``cw_country_names`` (ISO alpha-2 -> country name, numeric ISO code, ACLED region) visible to queries.

    Registered as an Arrow table rather than created, so read-only warehouse connections can export too.
    """
    names: dict[str, tuple[str, int | None, str | None]] = {}
    for country in all_countries():
        iso = country.iso()
        if iso.get("alpha2"):
            numeric = iso.get("numeric")
            region = acled_region(iso["alpha2"], country.info().get("subregion"))
            names.setdefault(iso["alpha2"], (country.name(), int(numeric) if numeric else None, region))
    conn.register(
        "cw_country_names",
        pa.table(
            {
                "alpha2": list(names),
                "name": [name for name, _, _ in names.values()],
                "numeric": pa.array([numeric for _, numeric, _ in names.values()], type=pa.int32()),
                "region": pa.array([region for _, _, region in names.values()], type=pa.string()),
            }
        ),
    )


def _copy(conn: duckdb.DuckDBPyConnection, query: str, out: Path, options: str, params: Sequence[object]) -> int:
    row = conn.execute(f"COPY ({query}) TO ? ({options})", [*params, str(out)]).fetchone()
    return int(row[0]) if row else 0


def _copy_with_bom(conn: duckdb.DuckDBPyConnection, out: Path, params: Sequence[object]) -> int:
    """The CSV after a UTF-8 BOM: DuckDB writes none, so its file is streamed in behind one, then removed."""
    body = out.with_name(out.name + ".part")
    try:
        rows = _copy(conn, _ACLED_QUERY, body, "FORMAT csv, HEADER", params)
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


def export_events(
    conn: duckdb.DuckDBPyConnection,
    fmt: ExportFormat,
    out: Path,
    *,
    since: date | None = None,
    until: date | None = None,
    changed_after: datetime | None = None,
    bom: bool = False,
) -> ExportSummary:
    """Write the events between ``since`` and ``until`` (inclusive; None = unbounded) to ``out``.

    Parquet: a directory of hive partitions ``year=YYYY/month=M/`` holding every ``v_events`` column.
    CSV: one file with ``ACLED_COLUMNS``, starting with a UTF-8 byte order mark if ``bom`` (Excel then reads
    it as UTF-8). GeoJSON: a FeatureCollection of points (WGS84) with the same properties as the CSV; events
    without coordinates are skipped and counted. ``changed_after`` keeps only events of articles added or
    changed after that time (an incremental export; ``newest_change`` gives the time to pass next).

    Raises:
        WarehouseError: DuckDB refused the export (e.g. the Parquet directory is not empty) or the file could not
            be written.
    """
    params = [since, until, changed_after, changed_after]
    try:
        if fmt is ExportFormat.PARQUET:
            rows = _copy(conn, _PARQUET_QUERY, out, "FORMAT parquet, PARTITION_BY (year, month)", params)
            return ExportSummary(fmt, out, rows)
        _register_country_names(conn)
        if fmt is ExportFormat.CSV and bom:
            return ExportSummary(fmt, out, _copy_with_bom(conn, out, params))
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
