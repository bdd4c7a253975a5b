"""The analyst views as documented in the warehouse itself: each view's comment and its columns' comments.

The comments live next to the SQL (``COMMENT ON`` in ``warehouse/views/*.sql``) and are read back from DuckDB's
catalog, so ``conflictwire schema`` can never drift from what the views actually return.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

__all__ = ["ColumnDoc", "ViewDoc", "describe_views"]


@dataclass(frozen=True, slots=True)
class ColumnDoc:
    name: str
    data_type: str
    comment: str | None


@dataclass(frozen=True, slots=True)
class ViewDoc:
    name: str
    comment: str | None
    columns: tuple[ColumnDoc, ...]


def describe_views(conn: duckdb.DuckDBPyConnection) -> tuple[ViewDoc, ...]:
    """Every analyst view (``v_*`` in the main schema), alphabetically, with its columns in view order."""
    views = conn.execute(
        "SELECT view_name, comment FROM duckdb_views() "
        "WHERE NOT internal AND schema_name = 'main' AND view_name LIKE 'v\\_%' ESCAPE '\\' ORDER BY view_name"
    ).fetchall()
    columns: dict[str, list[ColumnDoc]] = {name: [] for name, _ in views}
    for table, column, data_type, comment in conn.execute(
        "SELECT table_name, column_name, data_type, comment FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND table_name IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY table_name, column_index",
        [list(columns)],
    ).fetchall():
        columns[table].append(ColumnDoc(column, data_type, comment))
    return tuple(ViewDoc(name, comment, tuple(columns[name])) for name, comment in views)
