"""Progress a person can read: lines with done/total, rate and ETA; summaries with elapsed time and rate; flow
and task runs named for what they do."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from flows.cli import main, sample_sources_file
from flows.progress import progress_line, rate_text

SAMPLES = sample_sources_file().parent


def test_progress_lines_carry_done_total_rate_and_eta() -> None:
    assert progress_line("wire", 1200, 3000, 12.0) == "[wire] 1,200/3,000 documents (40%), 100.0/s, ETA 0:00:18"
    assert progress_line("warc", 1200, None, 10.0) == "[warc] 1,200 documents, 120.0/s"
    assert progress_line("slow", 0, 10, 5.0).endswith("ETA ?")
    assert rate_text(2500, 20.0) == "2,500 documents in 20.0 s (125.0/s)"


def runs_of(flow_run_id: str) -> tuple[Any, list[str]]:
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    async def read() -> tuple[Any, list[str]]:
        async with get_client() as client:
            run = await client.read_flow_run(flow_run_id)
            tasks = await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id])))
            return run, sorted(t.name for t in tasks)

    return asyncio.run(read())


def test_runs_and_tasks_are_named_and_the_summary_ends_with_elapsed_and_rate(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[settings]\nbatch_size = 4\n\n[[source]]\nname = "saved-pages"\nkind = "directory"\n'
        f'path = "{SAMPLES / "directory"}"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["run", "--sources", str(sources), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert re.fullmatch(r"run \S+: completed, [\d,]+ documents in \d+\.\d s \([\d,.]+/s\)", last), last
    run, tasks = runs_of(last.split()[1].rstrip(":"))
    assert re.fullmatch(r"ingest \d{4}-\d\d-\d\d \d\d:\d\d", run.name), run.name
    assert tasks[:2] == ["batch saved-pages #1", "batch saved-pages #2"]
    assert all(re.fullmatch(r"batch saved-pages #\d+", t) for t in tasks)


def test_a_backfill_is_named_for_its_archive(tmp_path: Path) -> None:
    warc = SAMPLES / "archive.warc.gz"
    result = CliRunner().invoke(main, ["backfill", "--warc", str(warc), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 0, result.output
    run, tasks = runs_of(result.output.strip().splitlines()[-1].split()[1].rstrip(":"))
    assert run.name == "backfill archive.warc.gz"
    assert tasks and all(t.startswith("batch backfill-archive #") for t in tasks)
