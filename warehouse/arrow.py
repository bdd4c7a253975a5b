"""Bulk writes through Arrow: DuckDB scans an in-memory Arrow table far faster than row-wise inserts."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

__all__ = ["insert_rows"]

_counter = itertools.count()


def insert_rows(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    columns: Mapping[str, Sequence[Any]],
    *,
    conflict: str = "",
    types: Mapping[str, pa.DataType] | None = None,
) -> int:
    """Insert column-oriented rows into ``table`` in one statement.

    Args:
        conn: open connection; the caller owns the transaction.
        table: target table (a name from our own schema, never user input).
        columns: column name -> values, all of the same length.
        conflict: an ``ON CONFLICT …`` clause for idempotent loads, or empty.
        types: Arrow types for columns whose type cannot be inferred (all-NULL, lists).

    Returns:
        The number of rows offered (not necessarily inserted, when ``conflict`` skips some).
    """
    names = list(columns)
    if not names:
        return 0
    length = len(columns[names[0]])
    if length == 0:
        return 0
    wanted = types or {}
    arrays = [pa.array(list(columns[n]), type=wanted.get(n)) for n in names]
    view = f"_arrow_{table}_{next(_counter)}"
    conn.register(view, pa.Table.from_arrays(arrays, names=names))
    try:
        column_list = ", ".join(names)
        conn.execute(f"INSERT INTO {table} ({column_list}) SELECT {column_list} FROM {view} {conflict}")
    finally:
        conn.unregister(view)
    return length
