"""`serve` without a Prefect server of the user's: its own local server whose scheduler fires, `trigger` typed
and waited for, and no server left behind when `serve` is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import httpx
import pytest
from click.testing import CliRunner

from flows.cli import main, sample_sources_file
from flows.errors import FlowError
from flows.trigger import typed_parameters

SAMPLES = sample_sources_file().parent


def backfill_schema() -> dict[str, object]:
    from prefect.utilities.callables import parameter_schema

    from flows.maintenance import backfill

    return parameter_schema(backfill).model_dump_for_openapi()


def test_trigger_parameters_are_typed_by_the_flow_signature() -> None:
    schema = backfill_schema()
    pairs = [("warc", "a.warc.gz"), ("warc", "b.warc.gz"), ("since", "2016-11-01"), ("country_hint", "SY")]
    assert typed_parameters(pairs, schema) == {
        "warc": ["a.warc.gz", "b.warc.gz"],
        "since": "2016-11-01",
        "country_hint": "SY",
    }
    assert typed_parameters([("warc", '["x.warc", "y.warc"]')], schema) == {"warc": ["x.warc", "y.warc"]}
    assert typed_parameters([("variables", '{"SITE": "http://x"}')], schema) == {"variables": {"SITE": "http://x"}}
    with pytest.raises(FlowError, match="unknown parameter 'warcs'"):
        typed_parameters([("warcs", "a")], schema)
    with pytest.raises(FlowError, match="given twice"):
        typed_parameters([("source", "a"), ("source", "b")], schema)


def env_without_prefect_server() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        env=env_without_prefect_server(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_trigger_says_when_no_serve_runs_for_the_warehouse(tmp_path: Path) -> None:
    result = cli("trigger", "ingest", "--db", str(tmp_path / "w.duckdb"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith(f"Error: `conflictwire serve` is not running for {tmp_path / 'w.duckdb'}")
    )


def test_trigger_rejects_a_malformed_param() -> None:
    result = CliRunner().invoke(main, ["trigger", "backfill", "--param", "warc"])
    assert result.exit_code == 2 and "expected NAME=VALUE" in result.output


def completed_ingests(db: Path) -> list[str]:
    try:
        conn = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return []  # a run is writing, or the file is not there yet
    try:
        return [
            r
            for (r,) in conn.execute(
                "SELECT run_id FROM runs WHERE flow = 'ingest' AND status = 'completed'"
            ).fetchall()
        ]
    except duckdb.Error:
        return []
    finally:
        conn.close()


def prefect_state(api_url: str, flow_run_id: str) -> str:
    return str(httpx.get(f"{api_url}/flow_runs/{flow_run_id}", timeout=10).json()["state"]["type"])


def final_states(api_url: str, flow_run_ids: list[str], timeout: float = 600) -> list[str]:
    deadline = time.monotonic() + timeout
    while True:
        states = [prefect_state(api_url, run) for run in flow_run_ids]
        if all(state in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"} for state in states):
            return states
        assert time.monotonic() < deadline, f"runs still not final: {states}"
        time.sleep(2)


def prefect_span(api_url: str, flow_run_id: str) -> tuple[datetime, datetime]:
    """When Prefect says the flow run started and ended (it is Running while it waits for the writer slot)."""
    run = httpx.get(f"{api_url}/flow_runs/{flow_run_id}", timeout=10).json()
    return datetime.fromisoformat(run["start_time"]), datetime.fromisoformat(run["end_time"])


def warehouse_spans(db: Path, flows: tuple[str, ...], last: int) -> list[tuple[datetime, datetime]]:
    """When the warehouse says the last runs of ``flows`` wrote (a run row opens once the file is held)."""
    with duckdb.connect(str(db), read_only=True) as conn:
        rows = conn.execute(
            "SELECT started_at, finished_at FROM runs WHERE flow IN (SELECT unnest(?)) "
            "ORDER BY started_at DESC LIMIT ?",
            [list(flows), last],
        ).fetchall()
    return [(start, end) for start, end in rows]


def disjoint(spans: list[tuple[datetime, datetime]]) -> bool:
    ordered = sorted(spans)
    return all(earlier[1] <= later[0] for earlier, later in zip(ordered, ordered[1:], strict=False))


@pytest.mark.slow
def test_serve_runs_its_own_prefect_server_whose_cron_fires(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[settings]\nschedule = "* * * * *"\n\n'
        f'[[source]]\nname = "saved-pages"\nkind = "directory"\npath = "{SAMPLES / "directory"}"\n',
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    serve = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", "--sources", str(sources), "--db", str(db)],
        env=env_without_prefect_server(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    state_dir = tmp_path / "w.duckdb.prefect"
    api_url = ""
    try:
        deadline = time.monotonic() + 300
        while not completed_ingests(db):
            assert serve.poll() is None, serve.stderr.read() if serve.stderr else ""
            assert time.monotonic() < deadline, "the one-minute cron produced no completed run"
            time.sleep(3)
        api_url = (state_dir / "api-url").read_text().strip()
        assert api_url.startswith("http://127.0.0.1:")
        # The run row is written inside the flow; Prefect marks the run Completed only after it returns, so a
        # loaded machine can show it Running for a moment: wait for the final state, never read it once.
        assert set(final_states(api_url, completed_ingests(db))) == {"COMPLETED"}
        assert (state_dir / "prefect.db").exists()

        waited = cli("trigger", "reprocess", "--db", str(db), "--wait")
        assert waited.returncode == 0, waited.stderr
        assert waited.stdout.splitlines()[-1].endswith(": Completed: 1 sources ok")

        warc = str(SAMPLES / "archive.warc.gz")
        listed = cli(
            "trigger",
            "backfill",
            "--db",
            str(db),
            "--param",
            f"warc={warc}",
            "--param",
            f"warc={warc}",
            "--param",
            "source=twice",
            "--wait",
        )
        assert listed.returncode == 0, listed.stderr

        # Two deployments due at the same moment on one warehouse: serve starts both together, both complete, the
        # second waits for the writer slot instead of failing on DuckDB's file lock. (Triggered "now" one after
        # the other, a quick first run can end before the second is even created, proving nothing.)
        due = (datetime.now(UTC) + timedelta(seconds=45)).strftime("%Y-%m-%dT%H:%M:%S%z")
        queued = [
            cli("trigger", "backfill", "--db", str(db), "--param", f"warc={warc}", "--param", "source=q", "--at", due),
            cli("trigger", "reprocess", "--db", str(db), "--at", due),
        ]
        assert all(result.returncode == 0 for result in queued), [result.stderr for result in queued]
        runs = [result.stdout.strip().rsplit(" ", 1)[-1] for result in queued]
        assert final_states(api_url, runs) == ["COMPLETED", "COMPLETED"]
        spans = [prefect_span(api_url, run) for run in runs]
        assert spans[0][0] < spans[1][1] and spans[1][0] < spans[0][1], f"the two runs never overlapped: {spans}"
        assert disjoint(warehouse_spans(db, ("backfill", "reprocess"), last=2)), "both wrote the warehouse at once"
    finally:
        serve.send_signal(signal.SIGKILL)
        serve.wait(timeout=60)
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{api_url or 'http://127.0.0.1:9'}/health", timeout=2)
        except httpx.HTTPError:
            break  # the server went with its parent
        assert time.monotonic() < deadline, "the local Prefect server outlived a killed serve"
        time.sleep(1)
