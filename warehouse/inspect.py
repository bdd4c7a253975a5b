"""Read-only looks at the warehouse: table sizes for ``stats`` and for idempotency checks."""

from __future__ import annotations

import duckdb

__all__ = ["table_counts"]


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every base table of the main schema (views excluded)."""
    names = [
        name
        for (name,) in conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
    ]
    counts = {}
    for name in names:
        row = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()
        counts[name] = int(row[0]) if row else 0
    return counts
