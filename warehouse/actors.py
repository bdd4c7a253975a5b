"""The ``actors`` table mirrors the versioned actor dictionary, so analysts can join and query it in SQL."""

from __future__ import annotations

import duckdb

from records.rows import ActorRow
from transforms.actors import ActorDictionary
from warehouse import tables
from warehouse.arrow import insert_rows
from warehouse.connection import transaction

__all__ = ["sync_actor_dictionary"]


def sync_actor_dictionary(conn: duckdb.DuckDBPyConnection, dictionary: ActorDictionary) -> int:
    """Upsert every dictionary entry into ``actors`` (an unchanged dictionary rewrites identical values).

    Entries removed from the dictionary stay in the table: stored mentions may still refer to them.

    Returns:
        The number of entries in the dictionary.
    """
    rows = [
        ActorRow(
            actor_id=e.id,
            name=e.name,
            actor_type=e.actor_type,
            country=e.country,
            aliases=e.aliases + e.local_aliases,
            is_reporting_source=e.is_reporting_source,
            dictionary_version=dictionary.version,
        )
        for e in dictionary
    ]
    with transaction(conn):
        return insert_rows(conn, tables.ACTORS, rows)
