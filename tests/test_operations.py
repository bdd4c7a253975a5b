"""Operations: `sources check`, and `serve` + `trigger` for real (a served deployment run through the API)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from click.testing import CliRunner

from flows.cli import main, sample_sources_file

SAMPLES = sample_sources_file().parent


def local_sources(tmp_path: Path) -> Path:
    file = tmp_path / "sources.toml"
    file.write_text(
        '[settings]\nschedule = "17 * * * *"\n\n'
        f'[[source]]\nname = "saved-pages"\nkind = "directory"\npath = "{SAMPLES / "directory"}"\n\n'
        f'[[source]]\nname = "ccnews-sample"\nkind = "warc"\npath = "{SAMPLES / "archive.warc.gz"}"\n',
        encoding="utf-8",
    )
    return file


def test_sources_check_reports_every_source(sample_site: str) -> None:
    result = CliRunner().invoke(
        main, ["sources", "check", "--sources", str(sample_sources_file()), "--var", f"SAMPLE_SITE={sample_site}"]
    )
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.output.splitlines()[2:]]
    assert {row[0] for row in rows} == {
        "levant-ledger-rss",
        "sahel-monitor-atom",
        "wire-sitemap",
        "frontline-page",
        "saved-pages",
        "ccnews-sample",
    }
    assert all(row[2] == "ok" and int(row[3]) > 0 for row in rows)


def test_sources_check_fails_on_a_dead_source(tmp_path: Path) -> None:
    file = tmp_path / "sources.toml"
    file.write_text(
        '[[source]]\nname = "dead"\nkind = "rss"\nurl = "http://127.0.0.1:9/rss.xml"\nallow_private_network = true\n'
        "politeness = { max_attempts = 1, timeout_seconds = 2.0 }\n"
        f'\n[[source]]\nname = "gone"\nkind = "warc"\npath = "{tmp_path / "missing.warc.gz"}"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["sources", "check", "--sources", str(file)])
    assert result.exit_code == 1
    lines = {line.split()[0]: line for line in result.output.splitlines()[2:]}
    assert "failed" in lines["dead"] and "failed" in lines["gone"]


def wait_for_final_state(flow_run_id: str, timeout: float = 180.0) -> str:
    from prefect import get_client

    async def state() -> str:
        async with get_client() as client:
            run = await client.read_flow_run(flow_run_id)
            return run.state.type.value if run.state else "PENDING"

    import asyncio

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = asyncio.run(state())
        if current in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}:
            return current
        time.sleep(1.0)
    raise AssertionError(f"flow run {flow_run_id} still {current} after {timeout} s")


def test_serve_runs_a_triggered_ingest(tmp_path: Path) -> None:
    from prefect.settings import PREFECT_API_URL

    sources, db = local_sources(tmp_path), tmp_path / "served.duckdb"
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}
    server = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", "--sources", str(sources), "--db", str(db)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            result = CliRunner().invoke(main, ["trigger", "ingest"])
            if result.exit_code == 0 or time.monotonic() > deadline:
                break
            time.sleep(2.0)
        assert result.exit_code == 0, result.output
        flow_run_id = result.output.strip().rsplit(" ", 1)[-1]
        assert wait_for_final_state(flow_run_id) == "COMPLETED"
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    conn = duckdb.connect(str(db), read_only=True)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 15
    conn.close()
    assert "Traceback" not in output


def test_deployments_carry_the_schedule_and_a_concurrency_limit(tmp_path: Path) -> None:
    from flows.deployments import build_deployments

    deployments = build_deployments(local_sources(tmp_path), tmp_path / "w.duckdb")
    assert sorted(d.name for d in deployments) == ["manual", "manual", "scheduled"]
    scheduled = next(d for d in deployments if d.name == "scheduled")
    assert scheduled.schedules[0].schedule.cron == "17 * * * *"
    assert all(d.concurrency_limit == 1 for d in deployments)
