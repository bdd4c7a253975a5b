"""``backfill`` reports a run in which every source failed with exit status 1, like ``run`` (a real flow)."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from flows.cli import main


def test_backfill_exits_1_when_every_source_failed(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.warc.gz"
    os.mkfifo(fifo)

    result = CliRunner().invoke(main, ["backfill", "--db", str(tmp_path / "w.duckdb"), "--warc", str(fifo)])

    assert result.exit_code == 1, result.output
    assert "FIFO" in result.output and ": failed" in result.output


def test_backfill_refuses_a_warc_url_before_starting(tmp_path: Path) -> None:
    url = "https://data.example/crawl.warc.gz"

    result = CliRunner().invoke(main, ["backfill", "--db", str(tmp_path / "w.duckdb"), "--warc", url])

    assert result.exit_code == 2 and "download" in result.output and not (tmp_path / "w.duckdb").exists()
