"""Bulk writes through Arrow: a table spec per row type, and one ``insert_rows`` that writes any of them.

DuckDB scans an in-memory Arrow table far faster than row-wise inserts. A ``TableSpec`` is built once per row
record type: its columns come from the record's fields (a nested record's fields are flattened, so a field added
to ``Figure`` is a column of ``figures``), its Arrow types from the field annotations, and its ``ON CONFLICT``
clause from the table's key. Every INSERT therefore names its columns, and no row is ever built by position.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import itertools
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Generic, Literal, TypeVar

import duckdb
import pyarrow as pa

__all__ = ["TableSpec", "collection_paused", "insert_rows", "table_spec", "upsert"]

R = TypeVar("R")

_counter = itertools.count()
_SCALARS: Mapping[type, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    bytes: pa.binary(),
    dt.datetime: pa.timestamp("us", tz="UTC"),
    dt.date: pa.date32(),
}


@dataclass(frozen=True, slots=True)
class TableSpec(Generic[R]):
    """How rows of type ``R`` land in ``table``: column names, the attribute each is read from, Arrow types.

    ``conflict`` is the statement's ``ON CONFLICT`` clause (empty: a plain insert, a duplicate key is an error).
    """

    table: str
    record: type[R]
    columns: tuple[str, ...]
    paths: tuple[str, ...]
    schema: pa.Schema
    conflict: str = ""
    sources: tuple[str, ...] = field(init=False, repr=False, compare=False)
    reads: tuple[tuple[int, Callable[[Any], Any]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A column is read from the row itself (source "") or from a record nested in it (source "figure"): each
        # nested record is fetched once per row, not once per column it fills.
        parts = [path.rpartition(".") for path in self.paths]
        sources = tuple(dict.fromkeys(outer for outer, _, _ in parts))
        reads = tuple((sources.index(outer), attrgetter(leaf)) for outer, _, leaf in parts)
        object.__setattr__(self, "sources", sources)
        object.__setattr__(self, "reads", reads)

    def with_conflict(self, conflict: str) -> TableSpec[R]:
        """The same columns written with another ``ON CONFLICT`` clause (a first insert vs. a replacement)."""
        return dataclasses.replace(self, conflict=conflict)


def _arrow_type(annotation: Any, where: str) -> pa.DataType:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        # Optional, or a vocabulary joined from parts (a Literal and a NewType of str): one column type for all.
        kinds = {_arrow_type(arg, where) for arg in typing.get_args(annotation) if arg is not type(None)}
        if len(kinds) != 1:
            raise TypeError(f"{where}: the members of {annotation!r} need different Arrow types {kinds}")
        return kinds.pop()
    if isinstance(annotation, typing.NewType):
        return _arrow_type(annotation.__supertype__, where)
    if origin is Literal:
        return _arrow_type(type(typing.get_args(annotation)[0]), where)
    if origin is tuple:
        return pa.list_(_arrow_type(typing.get_args(annotation)[0], where))
    if isinstance(annotation, type) and issubclass(annotation, str):
        return pa.string()  # StrEnum vocabularies store their values
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise TypeError(f"{where}: no Arrow type for {annotation!r}")


def table_spec(
    table: str,
    record: type[R],
    *,
    conflict: str = "",
    rename: Mapping[str, str] | None = None,
    skip: Sequence[str] = (),
) -> TableSpec[R]:
    """Build the spec of ``table`` from the fields of ``record``.

    Args:
        table: the table (a name from our schema).
        record: a dataclass whose fields are the columns; a field holding a dataclass contributes that record's
            fields instead (one level).
        conflict: the ``ON CONFLICT`` clause (see ``upsert``), or empty.
        rename: column name for a nested field whose column is named otherwise (``start`` -> ``start_offset``).
        skip: nested fields that are not columns (stored another way, such as an event's place as ``place_id``).
    """
    renamed = rename or {}
    columns: list[str] = []
    paths: list[str] = []
    arrow: list[pa.DataType] = []
    hints = typing.get_type_hints(record)
    for member in dataclasses.fields(record):  # type: ignore[arg-type]
        annotation = hints[member.name]
        if dataclasses.is_dataclass(annotation):
            inner_hints = typing.get_type_hints(annotation)
            for inner in dataclasses.fields(annotation):
                if inner.name in skip:
                    continue
                columns.append(renamed.get(inner.name, inner.name))
                paths.append(f"{member.name}.{inner.name}")
                arrow.append(_arrow_type(inner_hints[inner.name], f"{table}.{inner.name}"))
        else:
            columns.append(member.name)
            paths.append(member.name)
            arrow.append(_arrow_type(annotation, f"{table}.{member.name}"))
    schema = pa.schema(list(zip(columns, arrow, strict=True)))
    return TableSpec(table, record, tuple(columns), tuple(paths), schema, conflict)


def upsert(table: str, key: Sequence[str], update: Sequence[str] = (), *, compare: Sequence[str] = ()) -> str:
    """An ``ON CONFLICT`` clause for ``table``: do nothing on a known ``key``, or overwrite the ``update`` columns.

    With ``compare``, the write is skipped when those columns already hold the same values, so re-running
    identical inputs leaves the row (its timestamps included) as it was.
    """
    target = f"ON CONFLICT ({', '.join(key)})"
    if not update:
        return f"{target} DO NOTHING"
    clause = f"{target} DO UPDATE SET " + ", ".join(f"{column} = excluded.{column}" for column in update)
    if compare:
        stored = ", ".join(f"{table}.{column}" for column in compare)
        offered = ", ".join(f"excluded.{column}" for column in compare)
        clause += f" WHERE ({stored}) IS DISTINCT FROM ({offered})"
    return clause


@contextmanager
def collection_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a batch's rows are planned, built and written.

    A batch allocates tens of thousands of short-lived, acyclic objects (row records, column lists, Arrow
    wrappers); reference counting frees every one of them, yet their number alone sets off a young-generation
    collection every 700 allocations, each traversing objects that are about to die anyway (some 80 collections
    a round of ``bench_ingest``'s load). Collection resumes on exit, so the pause lasts one batch; if it was
    already off (a caller's own pause), it stays off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def insert_rows(conn: duckdb.DuckDBPyConnection, spec: TableSpec[R], rows: Sequence[R]) -> int:
    """Insert ``rows`` into ``spec.table`` in one statement, naming every column.

    Args:
        conn: open connection; the caller owns the transaction.
        spec: the table spec of the rows' type.
        rows: records of ``spec.record``.

    Returns:
        The number of rows offered (not necessarily inserted, when the spec's conflict clause skips some).
    """
    if not rows:
        return 0
    # Column by column, a C-level getter mapped over the rows (or over the records nested in them): no Python loop
    # and no per-row tuple. Building a tuple per row and transposing them costs as much again.
    sources = [rows if not outer else list(map(attrgetter(outer), rows)) for outer in spec.sources]
    arrays = [
        pa.array(list(map(read, sources[source])), type=column.type)
        for (source, read), column in zip(spec.reads, spec.schema, strict=True)
    ]
    view = f"_arrow_{spec.table}_{next(_counter)}"
    conn.register(view, pa.Table.from_arrays(arrays, schema=spec.schema))
    try:
        column_list = ", ".join(spec.columns)
        conn.execute(f"INSERT INTO {spec.table} ({column_list}) SELECT {column_list} FROM {view} {spec.conflict}")
    finally:
        conn.unregister(view)
    return len(rows)
