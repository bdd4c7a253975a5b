"""Every table spec matches its table: Python records and the SQL schema cannot drift apart.

A fresh file is migrated, and each spec's columns and Arrow types are compared with the columns DuckDB reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from warehouse.arrow import insert_rows, table_spec
from warehouse.migrate import migrate
from warehouse.tables import SPECS

# DuckDB type of a table column -> the Arrow type a spec may declare for it (INTEGER columns take int64:
# DuckDB narrows on insert, and a value that does not fit is an error, never a silent truncation).
_COMPATIBLE = {
    "VARCHAR": {pa.string()},
    "INTEGER": {pa.int64()},
    "BIGINT": {pa.int64()},
    "DOUBLE": {pa.float64()},
    "BOOLEAN": {pa.bool_()},
    "BLOB": {pa.binary()},
    "DATE": {pa.date32()},
    "TIMESTAMP WITH TIME ZONE": {pa.timestamp("us", tz="UTC")},
    "VARCHAR[]": {pa.list_(pa.string())},
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    path = tmp_path_factory.mktemp("specs") / "fresh.duckdb"
    with duckdb.connect(str(path)) as conn:
        migrate(conn)
        rows = conn.execute(
            "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
            "JOIN information_schema.tables t USING (table_schema, table_name) "
            "WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE'"
        ).fetchall()
    tables: dict[str, dict[str, str]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, {})[column] = data_type
    return tables


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: f"{spec.table}:{spec.record.__name__}")
def test_spec_columns_are_the_table_columns(spec, schema: dict[str, dict[str, str]]) -> None:  # noqa: ANN001
    columns = schema[spec.table]
    missing = set(spec.columns) - set(columns)
    assert not missing, f"{spec.record.__name__} writes columns {spec.table} lacks: {sorted(missing)}"
    # Every column the loader owns is written; story_id is set afterwards by story assignment.
    unwritten = set(columns) - set(spec.columns) - {"story_id"}
    assert not unwritten, f"{spec.table} columns no field of {spec.record.__name__} fills: {sorted(unwritten)}"
    for field in spec.schema:
        assert field.type in _COMPATIBLE[columns[field.name]], f"{spec.table}.{field.name}"


def test_every_table_the_loader_writes_has_a_spec(schema: dict[str, dict[str, str]]) -> None:
    written = {spec.table for spec in SPECS}
    # Tables filled by SQL from other tables, or by the migration runner itself.
    derived = {"story_clusters", "runs", "schema_migrations"}
    assert set(schema) - derived == written


@dataclass(frozen=True, slots=True)
class _Reading:
    name: str
    taken_at: datetime
    tags: tuple[str, ...]
    value: float | None = None


def test_insert_rows_writes_by_name_whatever_the_field_order(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "t.duckdb")) as conn:
        conn.execute(
            "CREATE TABLE readings (value DOUBLE, tags VARCHAR[], name VARCHAR PRIMARY KEY, taken_at TIMESTAMPTZ)"
        )
        spec = table_spec("readings", _Reading)
        moment = datetime.fromisoformat("2024-05-01T08:00:00+02:00")
        assert insert_rows(conn, spec, [_Reading("a", moment, ("x", "y"), 1.5), _Reading("b", moment, ())]) == 2
        rows = conn.execute("SELECT name, value, tags, taken_at = ?::TIMESTAMPTZ FROM readings ORDER BY name", [moment])
        assert rows.fetchall() == [("a", 1.5, ["x", "y"], True), ("b", None, [], True)]
        assert insert_rows(conn, spec, []) == 0


def test_a_field_without_an_arrow_type_is_refused() -> None:
    @dataclass(frozen=True)
    class Odd:
        payload: dict[str, int]

    with pytest.raises(TypeError, match="odd.payload"):
        table_spec("odd", Odd)
