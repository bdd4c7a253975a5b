"""Cells safe to open in a spreadsheet: CSV formula injection neutralised as OWASP recommends.

A CSV cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by Excel,
LibreOffice and Google Sheets (``=cmd|' /C calc'!A0``, ``=HYPERLINK(…)``). Our cells carry text written by
strangers (an article's sentence becomes ``notes``; a claimant's name comes from the page), so every text cell that
starts that way is prefixed with a single quote, which spreadsheets show as text and do not evaluate
(https://owasp.org/www-community/attacks/CSV_Injection). Plain numbers (``-3.5``, ``+1``, ``-2e5``) are left as
they are: a negative longitude is data, not a formula.

The warehouse's ``COPY``-based export applies the same rule in SQL (``warehouse/exports.py`` ``_SAFE_CSV``);
``tests/test_csv_injection.py`` holds both to the same cells.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_TRIGGERS", "safe_cell"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


def safe_cell(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would evaluate; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value
