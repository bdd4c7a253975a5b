"""Every query of "Ten questions in SQL" runs on the demo warehouse, and those marked ``-- expect rows`` answer."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

DOC = Path(__file__).resolve().parent.parent / "README.md"
QUERIES = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_there_are_ten_questions() -> None:
    assert len(QUERIES) == 10
    section = DOC.read_text(encoding="utf-8").split("## Ten questions in SQL", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"^### \d+\. ", section, re.M)) == 10


@pytest.mark.parametrize("query", QUERIES, ids=[f"q{i}" for i in range(1, len(QUERIES) + 1)])
def test_question_runs_on_the_demo_warehouse(demo_conn: duckdb.DuckDBPyConnection, query: str) -> None:
    rows = demo_conn.execute(query).fetchall()
    if "-- expect rows" in query:
        assert rows, f"expected an answer from:\n{query}"
