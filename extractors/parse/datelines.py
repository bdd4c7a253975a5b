"""Datelines the English patterns miss: a place in Cyrillic or accented capitals, a date after the place, and
Arabic datelines, whose script has no capitals.

``МОСКВА, 28 ноября. /ТАСС/. ...``, ``KYIV, 3 березня (Укрінформ) — ...``, ``BAMAKO, 6 mars (AFP) - ...``,
``النبطية (لبنان) — ...``, ``بيروت، 28 تشرين الثاني (رويترز) - ...``. In a cased script the place must be written
in capitals, which is what sets a dateline apart from a sentence that opens with a short clause. Arabic has no
capitals, so there the place (one to three words) must be followed by a bracketed country or agency or a
date: a dash alone follows many an opening clause. The bracket's contents are kept with the place
(``النبطية, لبنان``): a country there tells enrichment which ``النبطية`` is meant; an agency name matches no place.
"""

from __future__ import annotations

import re

__all__ = ["dateline_place"]

_WORD = r"[^\W\d_][^\W\d_'’.\-]*"
_DATELINE = re.compile(
    rf"^\s*(?P<place>{_WORD}(?:[\s'’\-]+{_WORD}){{0,2}})"
    r"\s*(?:\((?P<note>[^()\d]{2,30})\))?"
    r"\s*(?:[,،]\s*(?P<date>[^()/—–\-]{3,30}?))?"
    r"\s*(?:\((?P<agency>[^()]{2,30})\)|\.?\s*/(?P<slash>[^/]{2,25})/)?"
    r"\s*(?P<sep>[—–]|--?|\.)\s+"
)


def _is_cased(text: str) -> bool:
    return text.upper() != text.lower()


def dateline_place(first_paragraph: str) -> str | None:
    """The place of a dateline in any script (see module doc), with its bracketed country; None if there is none."""
    match = _DATELINE.match(first_paragraph)
    if match is None:
        return None
    place, note, date = match.group("place").strip(), match.group("note"), match.group("date")
    if match.group("sep") == "." and not match.group("slash"):
        return None  # "МОСКВА, 28 ноября. /ТАСС/." ends in a full stop; a bare full stop ends a sentence
    if date is not None and not any(c.isdigit() for c in date):
        return None  # "BAMAKO, le gouvernement -": what follows the comma is no date
    if _is_cased(place):
        if not place.isupper() or len(place) < 3:
            return None
    elif not (note or date or match.group("agency") or match.group("slash")):
        return None
    return f"{place}, {note.strip()}" if note else place
