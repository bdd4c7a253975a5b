"""The ``country_names`` reference table: ISO alpha-2 -> ACLED's country name, numeric ISO code and region.

``v_acled_events`` joins it; ``migrate`` refreshes it from the countryinfo package, so a new release of the
names lands with the next migrate.
"""

from __future__ import annotations

import functools

import duckdb
from countryinfo import all_countries

from records.rows import CountryNameRow
from warehouse import tables
from warehouse.acled_regions import acled_region
from warehouse.arrow import insert_rows

__all__ = ["country_name_rows", "sync_country_names"]


@functools.cache
def country_name_rows() -> tuple[CountryNameRow, ...]:
    """One row per country with an alpha-2 code (the first entry wins when two share one)."""
    rows: dict[str, CountryNameRow] = {}
    for country in all_countries():
        iso = country.iso()
        alpha2 = iso.get("alpha2")
        if alpha2 and alpha2 not in rows:
            numeric = iso.get("numeric")
            rows[alpha2] = CountryNameRow(
                alpha2=alpha2,
                name=country.name(),
                numeric=int(numeric) if numeric else None,
                region=acled_region(alpha2, country.info().get("subregion")),
            )
    return tuple(rows.values())


def sync_country_names(conn: duckdb.DuckDBPyConnection) -> int:
    """Upsert every country name (unchanged names rewrite identical values). The caller owns the transaction.

    Returns:
        The number of countries.
    """
    return insert_rows(conn, tables.COUNTRY_NAMES, country_name_rows())
