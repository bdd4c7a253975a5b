"""The walking pipeline end to end: the real Prefect flow over the bundled samples on a loopback server,
into a real DuckDB file, run twice."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import main, sample_sources_file
from tests.conftest import DemoRun
from warehouse.inspect import table_counts

LOG_TABLES = {"runs", "run_sources", "fetches", "schema_migrations"}
MANIFEST = json.loads((sample_sources_file().parent / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_runs(demo_run: DemoRun, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int], str, str]:
    """The session's demo warehouse copied, then the demo run again on the copy (same port, so same URLs).

    Returns the copy, the table counts after the first run, and both runs' output.
    """
    folder = tmp_path_factory.mktemp("demo-rerun")
    db = folder / "demo.duckdb"
    shutil.copy(demo_run.db, db)
    shutil.copy(demo_run.db, folder / "after-first.duckdb")
    conn = duckdb.connect(str(db), read_only=True)
    counts = table_counts(conn)
    conn.close()
    second = CliRunner().invoke(main, ["demo", "--db", str(db), "--port", str(demo_run.port)])
    assert second.exit_code == 0, second.output
    return db, counts, demo_run.output, second.output


def query(db: Path, sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return conn.execute(sql, params or []).fetchall()
    finally:
        conn.close()


def test_demo_loads_forty_articles_from_five_kinds(demo_runs: tuple[Path, dict[str, int], str, str]) -> None:
    db, counts, first_output, _ = demo_runs
    assert counts["articles"] >= 40
    kinds = query(db, "SELECT DISTINCT s.kind FROM sightings g JOIN sources s ON s.name = g.source")
    assert {k for (k,) in kinds} >= {"rss", "atom", "sitemap", "warc", "directory"}
    for header in ("source", "found", "new", "duplicate", "quarantined", "failed", "TOTAL"):
        assert header in first_output
    assert "Traceback" not in first_output


def test_second_run_changes_no_data_table_and_fetches_no_article_again(
    demo_runs: tuple[Path, dict[str, int], str, str],
) -> None:
    db, counts, _, second_output = demo_runs
    conn = duckdb.connect(str(db), read_only=True)
    after = table_counts(conn)
    conn.close()
    data_tables = set(counts) - LOG_TABLES
    assert {t: after[t] for t in data_tables} == {t: counts[t] for t in data_tables}
    second_run = query(db, "SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1")[0][0]
    bodies = query(
        db,
        "SELECT url, status FROM fetches WHERE run_id = ? AND status = 200 AND url NOT LIKE '%.xml' "
        "AND url NOT LIKE '%robots.txt' AND url NOT LIKE '%/index.html' AND url NOT LIKE '%/'",
        [second_run],
    )
    assert bodies == [], "article bodies were fetched again"
    conditional = query(db, "SELECT count(*) FROM fetches WHERE run_id = ? AND conditional_hit", [second_run])
    assert conditional[0][0] >= 3, "feeds and sitemaps should have been answered 304"
    assert "new" in second_output


def test_seed_article_is_parsed_right(demo_runs: tuple[Path, dict[str, int], str, str]) -> None:
    db = demo_runs[0]
    seed = next(entry for entry in MANIFEST["entries"] if "seed" in entry["roles"])
    rows = query(
        db,
        "SELECT title, published_at, body FROM articles WHERE canonical_url = ?",
        [seed["canonical_url"]],
    )
    assert len(rows) == 1
    title, published_at, body = rows[0]
    assert title == "Syrian rebels routed as regime militias storm through Aleppo"
    assert published_at.date() == date(2016, 11, 28)
    paragraphs = body.split("\n\n")
    assert seed["first_paragraph"] in paragraphs and seed["last_paragraph"] in paragraphs
    assert paragraphs.index(seed["first_paragraph"]) <= 1, "only the standfirst may precede the first paragraph"
    assert any(p.startswith("Russia's defense ministry which has been accused") for p in paragraphs)
    assert "More than 400,000 people have been killed" in body
    for boilerplate in seed["boilerplate_sentences"]:
        assert boilerplate not in body


def test_broken_feed_item_is_quarantined_while_the_rest_loads(
    demo_runs: tuple[Path, dict[str, int], str, str],
) -> None:
    db = demo_runs[0]
    broken = [e for e in MANIFEST["entries"] if "broken-feed-item" in e["roles"]]
    reasons = query(db, "SELECT source, reason, url FROM quarantine WHERE stage <> 'parse'")
    assert reasons, "the broken feed item left no quarantine row"
    assert all(reason for _, reason, _ in reasons)
    rss_source = query(db, "SELECT name FROM sources WHERE kind = 'rss'")[0][0]
    loaded = query(db, "SELECT count(*) FROM sightings WHERE source = ?", [rss_source])[0][0]
    assert loaded >= 5
    assert broken or reasons


def test_a_failing_source_does_not_fail_the_others(tmp_path: Path, sample_site: str) -> None:
    sources = sample_sources_file().read_text(encoding="utf-8")
    sources = sources.replace('path = "', f'path = "{sample_sources_file().parent}/')
    sources += '\n[[source]]\nname = "dead-feed"\nkind = "rss"\nurl = "http://127.0.0.1:9/rss.xml"\n'
    sources += "allow_private_network = true\npoliteness = { max_attempts = 1, timeout_seconds = 2.0 }\n"
    file = tmp_path / "sources.toml"
    file.write_text(sources, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(
        main, ["run", "--sources", str(file), "--db", str(db), "--var", f"SAMPLE_SITE={sample_site}"]
    )
    assert result.exit_code == 0, result.output
    outcomes = dict(query(db, "SELECT source, status FROM run_sources"))
    assert outcomes.pop("dead-feed") == "failed"
    assert set(outcomes.values()) == {"ok"}
    assert query(db, "SELECT count(*) FROM articles")[0][0] >= 40
    assert query(db, "SELECT reason FROM quarantine WHERE source = 'dead-feed'")
    assert query(db, "SELECT status FROM runs")[0][0] == "partial"


def test_bad_sources_file_is_a_clear_error(tmp_path: Path) -> None:
    file = tmp_path / "sources.toml"
    file.write_text('[[source]]\nname = "x"\nkind = "telegraph"\nurl = "http://a/"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["run", "--sources", str(file), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"Error: {file}: source 'x': key 'kind': unknown kind 'telegraph' "
        "(one of: rss, atom, sitemap, page, warc, directory)"
    )
    assert not (tmp_path / "w.duckdb").exists()


def test_reprocess_reproduces_every_derived_table(
    demo_runs: tuple[Path, dict[str, int], str, str], tmp_path: Path
) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_runs[0].parent / "after-first.duckdb", db)
    tables = ["articles", "article_places", "article_actors", "events", "figures", "incident_totals"]
    tables += ["story_members", "places"]
    ignored = {"last_changed_at", "first_seen_at", "added_at", "updated_at", "seen_at"}

    def snapshot() -> dict[str, list[tuple[object, ...]]]:
        conn = duckdb.connect(str(db), read_only=True)
        result = {}
        for table in tables:
            columns = [c[0] for c in conn.execute(f"DESCRIBE {table}").fetchall() if c[0] not in ignored]
            result[table] = sorted(conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
        conn.close()
        return result

    before = snapshot()
    assert before["incident_totals"], "the demo corpus reports casualties, so articles carry incident totals"
    with duckdb.connect(str(db)) as conn:
        conn.execute("DELETE FROM incident_totals")  # as a warehouse loaded before totals existed
    result = CliRunner().invoke(main, ["reprocess", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert snapshot() == before
