"""Whole-ingest and warehouse-load benchmark, anchored in the same process (SPEC §8).

Usage: ``python benchmarks/bench_ingest.py [--data DIR] [--rounds N] [--copies K]``

1. *Whole ingest of stored pages, one core*: the extraction-dev pages and the bundled sample pages as raw
   documents → parse → normalise → enrich → story clustering → transactional load into a fresh DuckDB file
   (``flows.pipeline.process_documents`` + ``warehouse.load.load_batch``: exactly what a flow's batch task and
   load do, without Prefect's fixed start-up cost). Anchor: the bare ``BeautifulSoup(html, "lxml")`` parse rate of
   the same pages. Target ≥ 0.6×.
2. *Warehouse load rows/s*: ``load_batch`` of already-processed articles (every row it writes, in every table)
   against DuckDB's own Arrow-table insert of exactly those rows into bare copies of the same tables, in as many
   inserts per table as there were batches. Target ≥ 0.5×.

CPU time (``process_time``) is used for rates: the machine is shared and wall time is noisy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from bs4 import BeautifulSoup

from flows.pipeline import process_documents
from records import RawDocument, SourceConfig, SourceKind
from transforms.dedup import DedupConfig
from warehouse.inspect import table_counts
from warehouse.load import LoadBatch, load_batch
from warehouse.migrate import migrate
from warehouse.stories import load_story_index

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "extraction-dev"
SAMPLES = Path(__file__).resolve().parents[1] / "flows" / "samples"
SOURCE = SourceConfig(name="bench", kind=SourceKind.DIRECTORY, path=Path("."))
BATCH = 200


def load_pages(data: Path) -> list[RawDocument]:
    """Raw documents of the dev pages and of the bundled sample pages (site and directory)."""
    now = datetime.now(UTC)
    docs = []
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, entry in sorted(truth.items()):
        content = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        docs.append(RawDocument("bench", entry["url"], entry["url"], now, content, "text/html"))
    for path in sorted([*SAMPLES.glob("site/**/*.html"), *SAMPLES.glob("directory/*.htm*")]):
        content = path.read_bytes()
        if content[:2] == b"\x1f\x8b":
            content = gzip.decompress(content)
        url = f"https://samples.example/{path.relative_to(SAMPLES)}"
        docs.append(RawDocument("bench", url, url, now, content, "text/html"))
    return docs


def parse_rate(docs: list[RawDocument]) -> float:
    started = time.process_time()
    for doc in docs:
        BeautifulSoup(doc.content, "lxml")
    return len(docs) / (time.process_time() - started)


def fresh_warehouse(folder: Path, name: str) -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect(str(folder / f"{name}.duckdb"))
    migrate(conn)
    return conn


def ingest_rate(docs: list[RawDocument], folder: Path, name: str) -> tuple[float, int]:
    """Pages per CPU second through process → load, and the number of articles loaded."""
    conn = fresh_warehouse(folder, name)
    stories = load_story_index(conn, DedupConfig())
    loaded = 0
    started = time.process_time()
    for start in range(0, len(docs), BATCH):
        chunk = docs[start : start + BATCH]
        batch = process_documents(chunk, SOURCE)
        loaded += load_batch(conn, LoadBatch("bench", "bench", batch.processed, chunk, batch.quarantined), stories).new
    elapsed = time.process_time() - started
    conn.close()
    return len(docs) / elapsed, loaded


def load_rates(docs: list[RawDocument], folder: Path, name: str, copies: int) -> tuple[float, float, int]:
    """Rows/s of ``load_batch`` and of bare Arrow inserts of the same rows, and the number of rows."""
    processed = process_documents(docs, SOURCE).processed
    many = [
        replace(
            p,
            article_id=f"{p.article_id}-{k}",
            body_hash=f"{p.body_hash}-{k}",
            article=replace(p.article, canonical_url=f"{p.article.canonical_url}#{k}"),
        )
        for k in range(copies)
        for p in processed
    ]
    conn = fresh_warehouse(folder, name)
    before = table_counts(conn)
    batches = range(0, len(many), BATCH)
    started = time.process_time()
    for start in batches:
        load_batch(conn, LoadBatch("bench", "bench", many[start : start + BATCH]))
    ours_elapsed = time.process_time() - started
    written = {t: n - before.get(t, 0) for t, n in table_counts(conn).items() if n > before.get(t, 0)}
    reader = conn.cursor()
    tables = {t: reader.sql(f"SELECT * FROM {t}").to_arrow_table() for t in written}
    reader.close()
    for t in tables:
        conn.execute(f"CREATE TABLE bare_{t} AS SELECT * FROM {t} LIMIT 0")
    started = time.process_time()
    for t, table in tables.items():
        chunk = -(-table.num_rows // len(batches))
        for offset in range(0, table.num_rows, chunk):
            conn.register("part", table.slice(offset, chunk))
            conn.execute(f"INSERT INTO bare_{t} SELECT * FROM part")
            conn.unregister("part")
    arrow_elapsed = time.process_time() - started
    conn.close()
    rows = sum(written.values())
    return rows / ours_elapsed, rows / arrow_elapsed, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=20, help="copies of the processed pages for the load test")
    args = parser.parse_args()
    docs = load_pages(args.data)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        process_documents(docs, SOURCE)  # warm one-off loads: gazetteer, actor dictionary, langid model, dateparser
        for round_number in range(args.rounds):
            parse = parse_rate(docs)
            ingest, loaded = ingest_rate(docs, folder, f"ingest{round_number}")
            ours, arrow, written = load_rates(docs, folder, f"load{round_number}", args.copies)
            rows.append((parse, ingest, loaded, ours, arrow, written))
    print(f"{len(docs)} pages ({args.data.name} + bundled samples), {args.rounds} rounds, CPU-time rates\n")
    header = f"{'round':>5}  {'bs4 parse p/s':>13}  {'ingest p/s':>10}  {'ratio':>6}  {'load rows/s':>11}  "
    header += f"{'arrow rows/s':>12}  {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for number, (parse, ingest, _loaded, ours, arrow, _written) in enumerate(rows, start=1):
        print(
            f"{number:>5}  {parse:>13.1f}  {ingest:>10.1f}  {ingest / parse:>6.2f}  {ours:>11.0f}  {arrow:>12.0f}  "
            f"{ours / arrow:>6.2f}"
        )
    ingest_ratios = sorted(r[1] / r[0] for r in rows)
    load_ratios = sorted(r[3] / r[4] for r in rows)
    print(
        f"\nmedian whole-ingest ratio {ingest_ratios[len(rows) // 2]:.2f} (target >= 0.60); "
        f"articles loaded per round {rows[0][2]}"
    )
    print(
        f"median load ratio {load_ratios[len(rows) // 2]:.2f} (target >= 0.50); rows written per round "
        f"{rows[0][5]} across all tables"
    )


if __name__ == "__main__":
    main()
