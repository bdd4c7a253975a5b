"""The analyst views on the demo warehouse: documented, one row per thing they promise, counts that add up."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
from click.testing import CliRunner

from flows.cli_analyst import schema
from records import Article, Enrichment, Figure, IncidentTotal, PlaceMention, ProcessedArticle, RawDocument
from transforms.dedup import DedupConfig
from transforms.normalise import article_id_for, body_hash_for
from warehouse.catalog import describe_views
from warehouse.load import LoadBatch, load_batch
from warehouse.migrate import migrate
from warehouse.stories import load_story_index

VIEWS = {
    "v_articles",
    "v_events",
    "v_figures",
    "v_contested_figures",
    "v_daily_counts",
    "v_source_health",
    "v_stories",
}


def scalar(conn: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> object:
    row = conn.execute(sql, params or []).fetchone()
    assert row is not None
    return row[0]


def test_every_view_and_column_is_documented(demo_conn: duckdb.DuckDBPyConnection) -> None:
    views = {v.name: v for v in describe_views(demo_conn)}
    assert set(views) >= VIEWS
    for view in views.values():
        assert view.comment, f"{view.name} has no comment"
        undocumented = [c.name for c in view.columns if not c.comment]
        assert not undocumented, f"{view.name}: columns without comment: {undocumented}"


def test_schema_command_prints_views_with_their_comments(demo_db: Path) -> None:
    result = CliRunner().invoke(schema, ["--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    for name in VIEWS:
        assert name in result.output
    assert "Publication date in the publisher's own time zone" in result.output


def test_v_articles_is_one_row_per_article_with_its_place(demo_conn: duckdb.DuckDBPyConnection) -> None:
    assert scalar(demo_conn, "SELECT count(*) FROM v_articles") == scalar(demo_conn, "SELECT count(*) FROM articles")
    row = demo_conn.execute(
        "SELECT published_date, place_name, country, story_id IS NOT NULL FROM v_articles "
        "WHERE canonical_url LIKE '%syrian-rebels-routed-as-regime-militias-storm-through-aleppo%'"
    ).fetchone()
    assert row == (date(2016, 11, 28), "Aleppo", "SY", True)
    mismatched = scalar(
        demo_conn,
        "SELECT count(*) FROM v_articles a WHERE event_count <> (SELECT count(*) FROM events e "
        "WHERE e.article_id = a.article_id) OR figure_count <> (SELECT count(*) FROM figures f "
        "WHERE f.article_id = a.article_id)",
    )
    assert mismatched == 0


def test_v_events_names_actors_and_takes_the_incident_total_as_fatalities(demo_conn: duckdb.DuckDBPyConnection) -> None:
    assert scalar(demo_conn, "SELECT count(*) FROM v_events") == scalar(demo_conn, "SELECT count(*) FROM events")
    assert scalar(demo_conn, "SELECT count(*) FROM v_events WHERE list_contains(actors, 'Syrian government forces')")
    wrong = scalar(
        demo_conn,
        "SELECT count(*) FROM v_events e WHERE fatalities IS DISTINCT FROM coalesce("
        "(SELECT max(value_low) FROM v_incident_totals t WHERE t.event_id = e.event_id AND t.category = 'killed'), "
        "(SELECT max(value_low) FROM figures f WHERE f.event_id = e.event_id AND f.category = 'killed' "
        "AND f.scope = 'event'))",
    )
    assert wrong == 0
    assert scalar(
        demo_conn, "SELECT count(*) FROM v_incident_totals WHERE category = 'killed' AND event_id IS NOT NULL"
    )
    assert scalar(demo_conn, "SELECT count(*) FROM v_events WHERE fatalities_claimants > 1") > 0
    precisions = {r[0] for r in demo_conn.execute("SELECT DISTINCT geo_precision FROM v_events").fetchall()}
    assert precisions <= {1, 2, 3, None}


def test_v_figures_keeps_every_figure_with_claimant_and_article(demo_conn: duckdb.DuckDBPyConnection) -> None:
    assert scalar(demo_conn, "SELECT count(*) FROM v_figures") == scalar(demo_conn, "SELECT count(*) FROM figures")
    assert scalar(demo_conn, "SELECT count(*) FROM v_figures WHERE claimant IS NULL OR article_url IS NULL") == 0


def test_v_contested_figures_shows_disagreements_side_by_side(demo_conn: duckdb.DuckDBPyConnection) -> None:
    rows = demo_conn.execute(
        "SELECT a_claimant, a_value_low, b_claimant, b_value_low, claimants_differ FROM v_contested_figures "
        "WHERE category = 'killed' AND place_name = 'El Fasher'"
    ).fetchall()
    assert ("medics and residents", 27, "the United Nations", 10000, True) in rows
    assert scalar(demo_conn, "SELECT count(*) FROM v_contested_figures WHERE a_value_low = b_value_low") == 0


def test_v_daily_counts_adds_up_to_the_articles(demo_conn: duckdb.DuckDBPyConnection) -> None:
    total = scalar(demo_conn, "SELECT sum(articles) FROM v_daily_counts")
    assert total == scalar(demo_conn, "SELECT count(*) FROM v_articles WHERE is_article AND published_date IS NOT NULL")
    day = demo_conn.execute(
        "SELECT articles, stories, event_stories FROM v_daily_counts WHERE day = DATE '2024-05-12'"
    ).fetchone()
    assert day is not None and day[0] > day[1] >= 1, "syndicated copies count once per story"


def test_v_source_health_lists_every_source(demo_conn: duckdb.DuckDBPyConnection) -> None:
    rows = demo_conn.execute("SELECT source, health, articles_total, last_run_status FROM v_source_health").fetchall()
    assert {r[0] for r in rows} == {r[0] for r in demo_conn.execute("SELECT name FROM sources").fetchall()}
    assert all(r[1] in {"ok", "failing", "silent", "no articles", "disabled"} for r in rows)
    assert sum(r[2] for r in rows) >= scalar(demo_conn, "SELECT count(*) FROM articles")


BODY = (
    "Shelling hit the central market of the city on Wednesday morning as traders were opening their stalls, "
    "residents and rescue workers said. Witnesses described several explosions in quick succession and said "
    "ambulances struggled to reach the wounded through the narrow streets of the old quarter. The health "
    "ministry, medics at the main hospital and an independent monitoring group each gave their own toll."
)


def _claim(url: str, source: str, figures: tuple[Figure, ...]) -> tuple[ProcessedArticle, RawDocument]:
    body = BODY + f"\n\nReported by {source}."
    raw = RawDocument(source, url, url, datetime(2024, 5, 1, tzinfo=UTC), body.encode())
    article = Article(
        source=source,
        url=url,
        canonical_url=url,
        raw_sha256=raw.sha256,
        title="Market shelled",
        body=body,
        published_at=datetime(2024, 5, 1, 8, tzinfo=UTC),
        fetched_at=raw.fetched_at,
    )
    place = PlaceMention("Aleppo", 0, 6, "Aleppo", 170063, "SY", "09", 36.2, 37.16, "city", "test")
    enrichment = Enrichment(places=(place,), primary_place=place, figures=figures)
    return ProcessedArticle(article, article_id_for(url), body_hash_for(body), enrichment), raw


def test_restated_mentions_are_one_claim_and_incidents_are_compared(tmp_path: Path) -> None:
    def killed(value: int, claimant: str, start: int, qualifier: str | None = None) -> Figure:
        high = None if qualifier else value
        return Figure(
            str(value), start, start + 2, "killed", value, high, qualifier, "people", "event", claimant, "said", "s"
        )

    def total(value: int, high: int | None) -> IncidentTotal:
        return IncidentTotal("killed", value, high, "people", (0, 1), "Aleppo")

    first = _claim("https://a.example/1", "a", (killed(12, "the ministry", 0, "at least"), killed(12, "medics", 10)))
    second = _claim("https://b.example/1", "b", (killed(9, "the ministry", 0), killed(30, "the ministry", 20)))
    items = [
        (replace(first[0], enrichment=replace(first[0].enrichment, totals=(total(12, None),))), first[1]),
        (replace(second[0], enrichment=replace(second[0].enrichment, totals=(total(30, 30),))), second[1]),
    ]
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(conn)
    load_batch(
        conn, LoadBatch("run", "a", [p for p, _ in items], [r for _, r in items]), load_story_index(conn, DedupConfig())
    )
    rows = conn.execute("SELECT a_value_low, b_value_low, place_name FROM v_contested_figures").fetchall()
    assert rows == [(12, 30, "Aleppo")], "each article's mentions are one incident total; the two totals differ once"
    stored = conn.execute("SELECT figure_ids FROM incident_totals ORDER BY total_id").fetchall()
    assert all(len(ids) == 2 for (ids,) in stored)
    conn.close()


def test_events_and_acled_rows_name_the_district_and_province_of_their_place(
    demo_conn: duckdb.DuckDBPyConnection,
) -> None:
    assert scalar(demo_conn, "SELECT count(*) FROM v_events WHERE province IS NOT NULL") > 0
    assert scalar(demo_conn, "SELECT count(*) FROM places WHERE district IS NOT NULL") > 0
    mismatched = scalar(
        demo_conn,
        "SELECT count(*) FROM v_acled_events a JOIN v_events e ON e.event_id = a.event_id_cnty "
        "WHERE a.admin2 IS DISTINCT FROM e.district "
        "OR (e.province IS NOT NULL AND a.admin1 IS DISTINCT FROM e.province)",
    )
    assert mismatched == 0
