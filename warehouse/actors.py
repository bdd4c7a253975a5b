"""The ``actors`` table mirrors the versioned actor dictionary, so analysts can join and query it in SQL."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from transforms.actors import ActorDictionary
from warehouse.arrow import insert_rows
from warehouse.connection import transaction

__all__ = ["sync_actor_dictionary"]


def sync_actor_dictionary(conn: duckdb.DuckDBPyConnection, dictionary: ActorDictionary) -> int:
    """Upsert every dictionary entry into ``actors`` (an unchanged dictionary rewrites identical values).

    Entries removed from the dictionary stay in the table: stored mentions may still refer to them.

    Returns:
        The number of entries in the dictionary.
    """
    entries = list(dictionary)
    with transaction(conn):
        return insert_rows(
            conn,
            "actors",
            {
                "actor_id": [e.id for e in entries],
                "name": [e.name for e in entries],
                "actor_type": [e.actor_type for e in entries],
                "country": [e.country for e in entries],
                "aliases": [list(e.aliases + e.local_aliases) for e in entries],
                "is_reporting_source": [e.is_reporting_source for e in entries],
                "dictionary_version": [dictionary.version] * len(entries),
            },
            conflict="ON CONFLICT (actor_id) DO UPDATE SET name = excluded.name, actor_type = excluded.actor_type, "
            "country = excluded.country, aliases = excluded.aliases, "
            "is_reporting_source = excluded.is_reporting_source, dictionary_version = excluded.dictionary_version",
            types={"country": pa.string(), "aliases": pa.list_(pa.string())},
        )
