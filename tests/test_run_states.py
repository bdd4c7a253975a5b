"""Runs tell the truth in Prefect: Partial or Failed states naming the failed sources, a summary artifact,
an alert posted to a webhook by a Prefect automation, and a source health view reprocess cannot whitewash."""

from __future__ import annotations

import asyncio
import json
import queue
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import main, sample_sources_file
from tests.conftest import free_port

SAMPLES = sample_sources_file().parent


def sources_with_dead_feed(tmp_path: Path, *, with_good: bool) -> Path:
    dead = (
        f'[[source]]\nname = "dead-feed"\nkind = "rss"\nurl = "http://127.0.0.1:{free_port()}/rss.xml"\n'
        "allow_private_network = true\npoliteness = { max_attempts = 1, timeout_seconds = 2.0 }\n"
    )
    good = f'[[source]]\nname = "saved-pages"\nkind = "directory"\npath = "{SAMPLES / "directory"}"\n\n'
    file = tmp_path / "sources.toml"
    file.write_text((good if with_good else "") + dead, encoding="utf-8")
    return file


def flow_run(run_id: str) -> Any:
    from prefect import get_client

    async def read() -> Any:
        async with get_client() as client:
            return await client.read_flow_run(run_id)

    return asyncio.run(read())


def summary_artifact(run_id: str) -> list[dict[str, Any]]:
    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    async def read() -> Any:
        async with get_client() as client:
            return await client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]), key=ArtifactFilterKey(any_=["ingest-summary"])
                )
            )

    (artifact,) = asyncio.run(read())
    data = artifact.data
    return json.loads(data) if isinstance(data, str) else data


def run_id_of(output: str) -> str:
    return output.strip().splitlines()[-1].split()[1].rstrip(":")


def test_some_sources_failed_ends_partial_with_the_list_and_an_artifact(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(
        main, ["run", "--sources", str(sources_with_dead_feed(tmp_path, with_good=True)), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    state = flow_run(run_id_of(result.output)).state
    assert (state.type.value, state.name) == ("FAILED", "Partial")
    assert state.message.startswith("1 of 2 sources failed: dead-feed (")
    assert "connection refused" in state.message
    rows = {row["source"]: row for row in summary_artifact(run_id_of(result.output))}
    assert rows["saved-pages"]["status"] == "ok" and rows["saved-pages"]["new"] > 0
    assert rows["dead-feed"]["status"] == "failed" and "connection refused" in rows["dead-feed"]["error"]


def test_every_source_failed_ends_failed_and_reprocess_does_not_make_it_healthy(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    runner = CliRunner()
    result = runner.invoke(
        main, ["run", "--sources", str(sources_with_dead_feed(tmp_path, with_good=False)), "--db", str(db)]
    )
    assert result.exit_code == 1, result.output
    state = flow_run(run_id_of(result.output)).state
    assert (state.type.value, state.name) == ("FAILED", "Failed")
    assert state.message.startswith("all 1 sources failed: dead-feed (")

    reprocessed = runner.invoke(main, ["reprocess", "--db", str(db)])
    assert reprocessed.exit_code == 0, reprocessed.output
    conn = duckdb.connect(str(db), read_only=True)
    health = conn.execute(
        "SELECT health, last_run_status, last_success_at FROM v_source_health WHERE source = 'dead-feed'"
    ).fetchone()
    conn.close()
    assert health == ("failing", "failed", None)


class Receiver:
    """A loopback webhook endpoint that keeps every JSON body posted to it."""

    def __init__(self) -> None:
        self.bodies: queue.Queue[dict[str, Any]] = queue.Queue()
        bodies = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - stdlib naming
                bodies.put(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
                """Quiet."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    hook = Receiver()
    thread = threading.Thread(target=hook.server.serve_forever, daemon=True)
    thread.start()
    yield hook
    hook.server.shutdown()
    hook.server.server_close()


def test_the_alert_recipe_posts_a_failed_run_to_a_webhook(tmp_path: Path, receiver: Receiver) -> None:
    from prefect.automations import Automation

    runner = CliRunner()
    created = runner.invoke(main, ["alert", "--webhook", receiver.url])
    assert created.exit_code == 0, created.output
    try:
        result = runner.invoke(
            main,
            [
                "run",
                "--sources",
                str(sources_with_dead_feed(tmp_path, with_good=True)),
                "--db",
                str(tmp_path / "w.duckdb"),
            ],
        )
        assert result.exit_code == 0, result.output
        run = flow_run(run_id_of(result.output))
        body = receiver.bodies.get(timeout=90)
    finally:
        Automation.read(name="conflictwire-failed-runs").delete()
    assert body["flow"] == "ingest" and body["flow_run_id"] == str(run.id)
    assert body["state"] == "Partial" and "dead-feed" in body["message"]
