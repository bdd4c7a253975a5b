"""What the flow hands its workers: batches bounded in count and bytes, signed bodies, and lean imports."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from flows.pipeline import process_documents
from flows.runs import _batches
from records import QuarantineItem, RawDocument, SourceConfig, SourceKind
from transforms.dedup import DedupConfig, story_signature

ROOT = Path(__file__).resolve().parents[1]
SEED_PAGE = (
    ROOT
    / "flows/samples/site/levant-ledger/2016/11/28/syrian-rebels-routed-as-regime-militias-storm-through-aleppo.html"
)
KiB = 1024


def doc(name: str, size: int) -> RawDocument:
    return RawDocument(
        "s", f"https://example.org/{name}", f"https://example.org/{name}", datetime(2024, 5, 1, tzinfo=UTC), b"x" * size
    )


def test_batches_close_at_the_count_or_the_byte_budget_whichever_comes_first() -> None:
    items: list[RawDocument | QuarantineItem] = [doc(str(n), 10 * KiB) for n in range(7)]
    assert [len(c) for c in _batches(items, 3, max_bytes=1024 * KiB)] == [3, 3, 1]
    assert [len(c) for c in _batches(items, 100, max_bytes=25 * KiB)] == [2, 2, 2, 1]


def test_a_document_larger_than_the_budget_travels_alone_and_quarantine_items_weigh_nothing() -> None:
    bad = QuarantineItem("fetch", "s", "https://example.org/bad", "truncated-body", "", "cut short")
    items: list[RawDocument | QuarantineItem] = [doc("a", 5 * KiB), doc("huge", 80 * KiB), bad, doc("b", 5 * KiB)]
    chunks = list(_batches(items, 100, max_bytes=20 * KiB))
    assert [[getattr(i, "url", "").rsplit("/", 1)[-1] for i in c] for c in chunks] == [["a"], ["huge", "bad"], ["b"]]
    assert sum(len(c) for c in chunks) == len(items)


def test_workers_sign_bodies_under_the_runs_scheme() -> None:
    source = SourceConfig(name="s", kind=SourceKind.DIRECTORY, path=ROOT)
    page = RawDocument(
        "s",
        "https://example.org/seed",
        "https://example.org/seed",
        datetime(2024, 5, 1, tzinfo=UTC),
        SEED_PAGE.read_bytes(),
    )
    config = DedupConfig(shingle_size=4)
    signed = process_documents([page], source, config).processed[0]
    unsigned = process_documents([page], source).processed[0]
    assert signed.signature == story_signature(signed.article.body, config)
    assert signed.signature is not None and signed.signature.scheme == config.scheme != DedupConfig().scheme
    assert unsigned.signature is None


def test_workers_import_neither_duckdb_nor_pyarrow_nor_the_warehouse() -> None:
    """A pool or Dask worker imports the flow's module and the tasks' module; the warehouse stays in the flow."""
    probe = (
        "import sys, flows.ingest, flows.maintenance, flows.tasks; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'duckdb', 'pyarrow', 'warehouse'} "
        "or m == 'flows.runs'))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
