"""The vocabularies are defined once (``records.vocab``) and the SQL reads the same names.

Every literal the analyst views (and the report's queries) compare a vocabulary column with must be a value of
that column's vocabulary: a renamed category in Python cannot leave a view silently filtering on the old name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from records import (
    EventType,
    FigureCategory,
    FigureScope,
    PlacePrecision,
    QuarantineReason,
    RunStatus,
    SourceHealth,
    SourceStatus,
    http_status_reason,
    values_of,
)

ROOT = Path(__file__).resolve().parent.parent
SQL_SOURCES = [*sorted((ROOT / "warehouse" / "views").glob("*.sql")), ROOT / "warehouse" / "report.py"]

# ``status`` in the views is ``run_sources.status``; the union keeps a filter on ``runs.status`` legal too.
VOCABULARY = {
    "category": set(values_of(FigureCategory)),
    "scope": set(values_of(FigureScope)),
    "precision": set(values_of(PlacePrecision)),
    "event_type": set(values_of(EventType)),
    "status": set(values_of(SourceStatus)) | set(values_of(RunStatus)),
    "health": set(values_of(SourceHealth)),
}
_COLUMN = r"(?:\b\w+\.)?\b(" + "|".join(VOCABULARY) + r")\b"
_COMPARED = re.compile(_COLUMN + r"\s*(?:=|<>|!=)\s*'([^']*)'", re.IGNORECASE)
_LISTED = re.compile(_COLUMN + r"\s+IN\s*\(([^)]*)\)", re.IGNORECASE)
_HEALTH_CASE = re.compile(r"CASE(.*?)END\s+AS\s+health", re.IGNORECASE | re.DOTALL)


def filtered_values(text: str) -> list[tuple[str, str]]:
    """(column, literal) for every comparison of a vocabulary column with a string literal in ``text``."""
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().upper().startswith("COMMENT ON"))
    found = [(column.lower(), value) for column, value in _COMPARED.findall(text)]
    for column, listed in _LISTED.findall(text):
        found += [(column.lower(), value) for value in re.findall(r"'([^']*)'", listed)]
    for case in _HEALTH_CASE.findall(text):
        found += [("health", value) for value in re.findall(r"(?:THEN|ELSE)\s+'([^']*)'", case)]
    return found


def test_views_filter_only_on_vocabulary_values() -> None:
    found = [(path.name, column, value) for path in SQL_SOURCES for column, value in filtered_values(path.read_text())]
    unknown = [item for item in found if item[2] not in VOCABULARY[item[1]]]
    assert not unknown, f"values the SQL filters on that no vocabulary has: {unknown}"
    # The scan must see the filters it is there to check (one per vocabulary column at least).
    assert {column for _, column, _ in found} == set(VOCABULARY)


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("WHERE category = 'killed' AND f.scope <> 'event'", [("category", "killed"), ("scope", "event")]),
        ("WHEN p.precision IN ('city', 'admin1') THEN 1", [("precision", "city"), ("precision", "admin1")]),
        ("COMMENT ON COLUMN v.category IS 'category = ''x''';", []),
    ],
)
def test_filter_scan_reads_comparisons_and_lists(sql: str, expected: list[tuple[str, str]]) -> None:
    assert filtered_values(sql) == expected


def test_a_misspelt_filter_is_caught() -> None:
    assert filtered_values("FILTER (WHERE category = 'kiled')")[0][1] not in VOCABULARY["category"]


def test_operations_guide_lists_every_quarantine_reason() -> None:
    """The analyst's table of reasons and the vocabulary the code is checked against are the same set."""
    guide = (ROOT / "docs" / "operations.md").read_text()
    table = guide.split("### Quarantine reasons", 1)[1].split("\n## ", 1)[0]
    documented = {
        tag
        for row in table.splitlines()
        if row.startswith("| `")
        for tag in re.findall(r"`([^`]+)`", row.split("|")[1])
    }
    assert documented == set(values_of(QuarantineReason)) | {"http-NNN"}


def test_http_status_reasons_have_one_spelling() -> None:
    assert [http_status_reason(status) for status in (404, 503)] == ["http-404", "http-503"]
