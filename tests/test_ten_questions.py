"""Every SQL example of the README runs as written through ``conflictwire sql``, and ``-- expect rows`` ones answer."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli import main

DOC = Path(__file__).resolve().parent.parent / "README.md"
TEXT = DOC.read_text(encoding="utf-8")
QUERIES = re.findall(r"```sql\n(.*?)```", TEXT, re.S)
SHELL_LINES = [
    line
    for block in re.findall(r"```sh\n(.*?)```", TEXT, re.S)
    for line in block.splitlines()
    if "conflictwire sql" in line
]


def test_there_are_ten_questions() -> None:
    assert len(QUERIES) == 10
    section = TEXT.split("## Ten questions in SQL", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"^### \d+\. ", section, re.M)) == 10


@pytest.mark.parametrize("query", QUERIES, ids=[f"q{i}" for i in range(1, len(QUERIES) + 1)])
def test_question_runs_as_written_through_the_cli(demo_db: Path, query: str) -> None:
    result = CliRunner().invoke(main, ["sql", "--db", str(demo_db), "--format", "json", query])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    if "-- expect rows" in query:
        assert rows, f"expected an answer from:\n{query}"


@pytest.mark.parametrize("line", SHELL_LINES)
def test_shell_examples_run_as_written(demo_db: Path, line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's shell lines, run in the demo warehouse's folder (it is called demo.duckdb there too)."""
    monkeypatch.chdir(demo_db.parent)
    Path("question.sql").write_text(QUERIES[0], encoding="utf-8")
    feed, _, command = line.rpartition("|") if line.startswith("echo ") else ("", "", line)
    stdin = shlex.split(feed)[1] if feed else None
    words = shlex.split(command.split(">", 1)[0])
    assert words[:2] == [".venv/bin/conflictwire", "sql"]
    result = CliRunner().invoke(main, words[1:], input=stdin)
    assert result.exit_code == 0, result.output
    assert result.output.strip()


def test_file_and_stdin_give_the_same_answer_as_the_argument(demo_db: Path, tmp_path: Path) -> None:
    query = QUERIES[3]
    file = tmp_path / "q.sql"
    file.write_text(query, encoding="utf-8")
    base = ["sql", "--db", str(demo_db), "--format", "csv"]
    runner = CliRunner()
    by_argument = runner.invoke(main, [*base, query])
    by_file = runner.invoke(main, [*base, "-f", str(file)])
    by_stdin = runner.invoke(main, [*base, "-"], input=query)
    assert by_argument.exit_code == by_file.exit_code == by_stdin.exit_code == 0
    assert by_argument.output.count("\n") > 1
    assert by_argument.output == by_file.output == by_stdin.output


def test_sql_wants_exactly_one_query(demo_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    neither = runner.invoke(main, ["sql", "--db", str(demo_db)])
    both = runner.invoke(main, ["sql", "--db", str(demo_db), "SELECT 1", "-f", str(tmp_path / "q.sql")])
    missing = runner.invoke(main, ["sql", "--db", str(demo_db), "-f", str(tmp_path / "q.sql")])
    assert neither.exit_code == both.exit_code == 2
    assert missing.exit_code == 1 and "cannot read" in missing.output
