"""Warehouse growth: query times of the analyst views (``v_*``) at 50,000 and 500,000 articles, and of the
same questions over a date-partitioned Parquet export.

Run: ``python benchmarks/bench_views.py`` (about 6 minutes). ``--sizes 50000,500000,2000000`` for more.

Rows are real pipeline output, multiplied: a seed warehouse is built by the real ``conflictwire backfill`` of a
generated 500-article WARC (``benchmarks/warc_gen.py``), then every article-keyed table (articles, revisions,
sightings, story clusters and members, events, figures, place and actor mentions) is copied with DuckDB SQL
into a migrated warehouse as many times as needed, each copy with its own ids and URLs and its dates shifted
back by up to ten years, so per-article shapes (events, figures, mentions per article) stay those of real
output. ``raw_documents`` and the run logs are not multiplied (no view reads raw bytes; ``v_source_health``
reads one run's logs).

Each view is queried as an analyst would read it whole: ``SELECT * FROM v_x`` fetched into Arrow. ``cold`` is
the first query after opening the file read-only, ``warm`` the median of three more. The Parquet rows time
``COPY (SELECT * FROM v_events) TO … (PARTITION_BY (year, month))`` and a one-month question asked of the
warehouse view and of the Parquet files (partition pruning).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_crash import cli_command, cli_env, prefect_server, run_to_end, snapshot_code  # noqa: E402
from benchmarks.warc_gen import generate_warc  # noqa: E402

SEED_ARTICLES = 500
# Article-keyed tables and the columns that must differ between copies (ids, URLs, hashes) or move (dates).
MULTIPLIED = (
    "articles",
    "article_revisions",
    "sightings",
    "story_clusters",
    "story_members",
    "story_signatures",
    "events",
    "figures",
    "article_places",
    "article_actors",
)
SUFFIXED = frozenset(
    {
        "article_id",
        "event_id",
        "figure_id",
        "story_id",
        "representative_article_id",
        "canonical_url",
        "url",
        "body_hash",
        "raw_sha256",
    }
)
SHIFTED_TIMESTAMPS = frozenset({"published_at", "updated_at"})
SHIFTED_DATES = frozenset({"event_date"})
MONTH_QUESTION = (
    "SELECT event_type, count(*) FROM {source} WHERE event_date >= DATE '2016-11-01' "
    "AND event_date < DATE '2016-12-01' GROUP BY ALL ORDER BY 2 DESC"
)


def build_seed(work: Path) -> Path:
    """A warehouse made by the real backfill flow from a generated WARC."""
    warc = work / "seed.warc.gz"
    generate_warc(warc, SEED_ARTICLES, seed=SEED_ARTICLES)
    db = work / "seed.duckdb"
    code = snapshot_code(work / "code")
    with prefect_server(work / "prefect") as api_url:
        exit_code, output = run_to_end(
            cli_command("backfill", "--warc", str(warc), "--db", str(db), "--workers", "2"),
            cli_env(api_url, code),
            work,
        )
    if exit_code != 0:
        raise RuntimeError(f"seed backfill failed:\n{output[-3000:]}")
    return db


def _select_copy(conn: duckdb.DuckDBPyConnection, table: str) -> str:
    columns = conn.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = 'seed' AND table_name = ? "
        "ORDER BY column_index",
        [table],
    ).fetchall()
    parts = []
    for (name,) in columns:
        if name in SUFFIXED:
            parts.append(f"CASE WHEN {name} IS NULL THEN NULL ELSE {name} || '~' || copy END")
        elif name in SHIFTED_TIMESTAMPS:
            parts.append(f"{name} - to_days((copy * 37) % 3650)")
        elif name in SHIFTED_DATES:
            parts.append(f"{name} - CAST((copy * 37) % 3650 AS INTEGER)")
        else:
            parts.append(name)
    return ", ".join(parts)


def grow(seed: Path, target: Path, articles: int) -> float:
    """Copy ``seed`` to ``target`` and multiply its article-keyed rows to about ``articles`` articles."""
    shutil.copyfile(seed, target)
    started = time.perf_counter()
    conn = duckdb.connect(str(target))
    try:
        conn.execute("ATTACH ? AS seed (READ_ONLY)", [str(seed)])
        have = conn.execute("SELECT count(*) FROM seed.articles").fetchone()[0]
        copies = max(1, round(articles / have))
        for table in MULTIPLIED:
            select = _select_copy(conn, table)
            conn.execute(
                f"INSERT INTO {table} SELECT {select} FROM seed.{table}, (SELECT range AS copy FROM range(1, {copies}))"
            )
        conn.execute("CHECKPOINT")
    finally:
        conn.close()
    return time.perf_counter() - started


def time_views(db: Path) -> dict[str, tuple[int, float, float]]:
    """Rows, cold ms and warm (median of 3) ms of ``SELECT * FROM v`` for every ``v_*`` view."""
    results = {}
    conn = duckdb.connect(str(db), read_only=True)
    views = [
        name
        for (name,) in conn.execute(
            "SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'v\\_%' ESCAPE '\\' ORDER BY 1"
        ).fetchall()
    ]
    conn.close()
    for view in views:
        conn = duckdb.connect(str(db), read_only=True)
        try:
            started = time.perf_counter()
            rows = conn.sql(f"SELECT * FROM {view}").to_arrow_table().num_rows
            cold = time.perf_counter() - started
            warm = []
            for _ in range(3):
                started = time.perf_counter()
                conn.sql(f"SELECT * FROM {view}").to_arrow_table()
                warm.append(time.perf_counter() - started)
        finally:
            conn.close()
        results[view] = (rows, cold * 1000, statistics.median(warm) * 1000)
    return results


def time_parquet(db: Path, folder: Path) -> tuple[float, float, float, int]:
    """Partitioned Parquet export of v_events (s), a one-month question on the view and on the files (ms)."""
    out = folder / "events"
    folder.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(str(db), read_only=True)
    try:
        started = time.perf_counter()
        conn.execute(
            f"COPY (SELECT *, year(event_date) AS year, month(event_date) AS month FROM v_events "
            f"WHERE event_date IS NOT NULL) TO '{out.as_posix()}' (FORMAT parquet, PARTITION_BY (year, month))"
        )
        export = time.perf_counter() - started
        started = time.perf_counter()
        conn.execute(MONTH_QUESTION.format(source="v_events")).fetchall()
        on_view = time.perf_counter() - started
    finally:
        conn.close()
    conn = duckdb.connect()
    try:
        source = f"read_parquet('{out.as_posix()}/**/*.parquet', hive_partitioning = true)"
        started = time.perf_counter()
        conn.execute(MONTH_QUESTION.format(source=source).replace("WHERE", "WHERE year = 2016 AND month = 11 AND"))
        on_parquet = time.perf_counter() - started
    finally:
        conn.close()
    files = sum(1 for _ in out.rglob("*.parquet"))
    return export, on_view * 1000, on_parquet * 1000, files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="analyst view query times at growing warehouse sizes")
    parser.add_argument("--sizes", default="50000,500000")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    from flows.tables import format_table

    work = Path(tempfile.mkdtemp(prefix="bench-views-"))
    try:
        seed = build_seed(work)
        timings: dict[int, dict[str, tuple[int, float, float]]] = {}
        extras = []
        for size in sizes:
            db = work / f"warehouse-{size}.duckdb"
            seconds = grow(seed, db, size)
            conn = duckdb.connect(str(db), read_only=True)
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            conn.close()
            mib = db.stat().st_size / 2**20
            print(f"{articles:,} articles: grown in {seconds:.0f} s, file {mib:,.0f} MiB", flush=True)
            timings[size] = time_views(db)
            export, on_view, on_parquet, files = time_parquet(db, work / f"parquet-{size}")
            extras.append(
                (f"{articles:,}", f"{mib:,.0f}", f"{export:.1f}", files, f"{on_view:.0f}", f"{on_parquet:.0f}")
            )
            db.unlink()
        views = sorted({v for t in timings.values() for v in t})
        headers = ["view"]
        for size in sizes:
            headers += [f"rows @{size // 1000}k", f"cold ms @{size // 1000}k", f"warm ms @{size // 1000}k"]
        rows = []
        for view in views:
            row: list[object] = [view]
            for size in sizes:
                n, cold, warm = timings[size].get(view, (0, float("nan"), float("nan")))
                row += [f"{n:,}", f"{cold:,.0f}", f"{warm:,.0f}"]
            rows.append(row)
        print()
        print(format_table(headers, rows))
        print()
        print(
            format_table(
                ["articles", "file MiB", "Parquet export s", "files", "month query on view ms", "on Parquet ms"],
                extras,
            )
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
