"""``kill -9`` of a plain ``conflictwire run`` (no Prefect API configured) leaves no process of its own behind.

The run gets a temporary Prefect server as its child; the test holds the run mid-crawl (the feed's one article
answers only when released), records every descendant of the CLI process, kills the CLI alone with SIGKILL,
and waits for each descendant to exit (guard 60 s; the kernel's parent-death signal takes well under one).
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from benchmarks.bench_crash import LoggedProcess, cli_command, cli_env, run_to_end
from benchmarks.bench_feed_scale import report_html
from tests.fault_server import FaultServer, Page, rss

EXIT_GUARD_SECONDS = 60.0
_FLOW_BEGAN = re.compile(r"Beginning flow run")


def children(pid: int) -> set[int]:
    found: set[int] = set()
    with suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with suppress(OSError), open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as listing:
                found.update(int(child) for child in listing.read().split())
    return found


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    frontier = [pid]
    while frontier:
        for child in children(frontier.pop()):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for its reaper counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture
def held_feed() -> Iterator[FaultServer]:
    release = threading.Event()

    def hold(handler: object, _hit: int) -> None:
        release.wait(EXIT_GUARD_SECONDS * 3)
        handler.send_page(Page(report_html(0)))  # type: ignore[attr-defined]

    with FaultServer() as server:
        server.add_handler("/news/held.html", hold)
        server.add("/feed.xml", rss(server.base, [("/news/held.html", "Held")]), "application/rss+xml")
        yield server
        release.set()


def _sources(folder: Path, feed_url: str) -> Path:
    sources = folder / "sources.toml"
    sources.write_text(
        "[settings]\npoliteness = { min_delay_seconds = 0, timeout_seconds = 300, respect_robots = false }\n\n"
        f'[[source]]\nname = "held"\nkind = "rss"\nurl = "{feed_url}"\nallow_private_network = true\n',
        encoding="utf-8",
    )
    return sources


def _env_without_api(folder: Path) -> dict[str, str]:
    env = cli_env(None)
    env.pop("PREFECT_API_URL", None)
    env["PREFECT_HOME"] = str(folder / "prefect-home")  # the temporary server's database, not the user's
    return env


@pytest.mark.slow
def test_a_finished_run_sends_its_logs_before_its_server_stops(tmp_path: Path) -> None:
    """Prefect drains its log and event workers at interpreter exit; with the server already gone that
    printed "--- Error logging to API ---" under the summary of every CLI run."""
    with FaultServer() as server:
        server.add("/news/one.html", report_html(0))
        server.add("/feed.xml", rss(server.base, [("/news/one.html", "One")]), "application/rss+xml")
        command = cli_command("run", "--sources", str(_sources(tmp_path, server.url("/feed.xml"))), "--db", "w.db")
        code, output = run_to_end(command, _env_without_api(tmp_path), tmp_path, timeout=600)
    assert code == 0, output
    assert "1 new" in output, output
    assert "Error logging to API" not in output, output


@pytest.mark.slow
def test_a_killed_run_leaves_no_prefect_server_behind(tmp_path: Path, held_feed: FaultServer) -> None:
    sources = _sources(tmp_path, held_feed.url("/feed.xml"))
    env = _env_without_api(tmp_path)
    command = cli_command("run", "--sources", str(sources), "--db", str(tmp_path / "w.db"))
    process = LoggedProcess(command, env, tmp_path)
    left: set[int] = set()
    try:
        assert process.wait_for(_FLOW_BEGAN, timeout=300) is not None, process.output
        left = descendants(process.pid)
        assert left, "the run has a Prefect server child"

        os.kill(process.pid, signal.SIGKILL)  # the CLI alone, as an OOM killer or an operator would
        process.process.wait()
        give_up = time.monotonic() + EXIT_GUARD_SECONDS
        while any(alive(pid) for pid in left) and time.monotonic() < give_up:
            time.sleep(0.2)

        assert not [pid for pid in left if alive(pid)], "children of the killed run still running"
    finally:
        for pid in left:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
