"""ACLED's world regions, for the ``region`` column of the ACLED-style export.

ACLED groups countries into its own regions, close to the UN's subregions but not equal: it splits Africa
into five regions and Latin America into three, calls Western Asia (with Iran) the Middle East, and joins the
Caucasus to Central Asia. Countries of the regions that differ from the UN grouping are listed here by ISO
alpha-2 code; the others follow their UN subregion (as ``countryinfo`` gives it).
"""

from __future__ import annotations

__all__ = ["acled_region"]

# Countries whose ACLED region differs from their UN subregion's, as space-separated ISO alpha-2 codes.
_REGION_COUNTRIES: dict[str, str] = {
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MU YT RE RW SC SO SS TZ UG",
    "Southern Africa": "AO BW LS MG MW MZ NA ZA SZ ZM ZW",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE",
    "Caucasus and Central Asia": "AM AZ GE",
    "Middle East": "IR",
    "Europe": "CY",
}
_BY_COUNTRY = {code: region for region, codes in _REGION_COUNTRIES.items() for code in codes.split()}

_BY_SUBREGION: dict[str, str] = {
    "Western Asia": "Middle East",
    "Northern Africa": "Northern Africa",
    "Southern Asia": "South Asia",
    "South-eastern Asia": "Southeast Asia",
    "South-Eastern Asia": "Southeast Asia",
    "Eastern Asia": "East Asia",
    "Central Asia": "Caucasus and Central Asia",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Eastern Europe": "Europe",
    "Western Europe": "Europe",
    "Northern America": "North America",
    "Latin America and the Caribbean": "Caribbean",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}


def acled_region(alpha2: str, un_subregion: str | None) -> str | None:
    """ACLED's region of a country, or None when neither table knows it."""
    return _BY_COUNTRY.get(alpha2) or _BY_SUBREGION.get(un_subregion or "")
