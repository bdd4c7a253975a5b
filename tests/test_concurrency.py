"""Concurrency with real processes: one writer per warehouse file, and what readers can do during a run.

DuckDB locks the database file per process: a read-write process excludes every other process (readers
included), and read-only processes share the file with each other but exclude a writer. conflictwire's chosen
behaviour is to refuse at once rather than wait: a second ``run`` gets ``WarehouseLockedError`` (exit code 1)
naming the lock holder. docs/operations.md describes the model and the workarounds for analysts.

The first run is held mid-crawl by a loopback server that does not answer article requests until the test says
so: the run has opened the warehouse (it does so before crawling) and keeps it for as long as we need.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from benchmarks.bench_crash import LoggedProcess, cli_command, cli_env, run_to_end

SAMPLE_PAGES = sorted(
    (Path(__file__).resolve().parents[1] / "flows" / "samples" / "site" / "levant-ledger").rglob("*.html")
)[:3]
LOCK_MESSAGE = "the warehouse is being written by another process"


class HeldSite:
    """An RSS feed of three articles whose pages are held until ``release()``; ``requested`` fires on the first."""

    def __init__(self) -> None:
        self.requested = threading.Event()
        self.released = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
                pass

            def do_GET(self) -> None:  # noqa: N802 - stdlib naming
                if self.path == "/feed.xml":
                    self._send(site.feed(), "application/rss+xml")
                elif match := re.fullmatch(r"/a/(\d)\.html", self.path):
                    site.requested.set()
                    site.released.wait(timeout=120)
                    self._send(SAMPLE_PAGES[int(match.group(1))].read_bytes(), "text/html; charset=utf-8")
                else:
                    self.send_error(HTTPStatus.NOT_FOUND)

            def _send(self, body: bytes, content_type: str) -> None:
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>Held {i}</title><link>{self.url}/a/{i}.html</link><guid>held-{i}</guid>"
            f"<pubDate>Mon, 28 Nov 2016 1{i}:00:00 GMT</pubDate></item>"
            for i in range(len(SAMPLE_PAGES))
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>held</title>{items}</channel></rss>'.encode()

    def release(self) -> None:
        self.released.set()

    def close(self) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    return cli_env(PREFECT_API_URL.value())


def _sources_file(folder: Path, site: HeldSite) -> Path:
    path = folder / "held.toml"
    path.write_text(
        "[settings]\npoliteness = { min_delay_seconds = 0, timeout_seconds = 120, respect_robots = false }\n\n"
        f'[[source]]\nname = "held-feed"\nkind = "rss"\nurl = "{site.url}/feed.xml"\nallow_private_network = true\n',
        encoding="utf-8",
    )
    return path


@dataclass(frozen=True, slots=True)
class Outcome:
    code: int
    output: str
    seconds: float


@dataclass(frozen=True, slots=True)
class HeldRun:
    writer_pid: int
    writer_exit: int
    writer_output: str
    second_run: Outcome
    sql: Outcome
    python_read_only_error: str
    articles_after: int


def _error_line(output: str) -> str:
    """The CLI's own one-line error (Prefect's log above it also quotes DuckDB's message)."""
    return next(line for line in output.splitlines() if line.startswith("Error: "))


def _timed(command: list[str], env: dict[str, str], cwd: Path) -> Outcome:
    started = time.monotonic()
    code, output = run_to_end(command, env, cwd, timeout=180)
    return Outcome(code, output, time.monotonic() - started)


@pytest.fixture(scope="module")
def held_run(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Iterator[HeldRun]:
    """Start a run, hold it mid-crawl, try a second run, ``conflictwire sql`` and a duckdb reader, release it."""
    folder = tmp_path_factory.mktemp("held")
    db = folder / "warehouse.duckdb"
    site = HeldSite()
    try:
        sources = _sources_file(folder, site)
        writer = LoggedProcess(cli_command("run", "--sources", str(sources), "--db", str(db)), env, folder)
        assert site.requested.wait(timeout=120), writer.output
        second = _timed(cli_command("run", "--sources", str(sources), "--db", str(db)), env, folder)
        sql = _timed(cli_command("sql", "--db", str(db), "SELECT count(*) FROM articles"), env, folder)
        try:
            duckdb.connect(str(db), read_only=True).close()
            python_error = ""
        except duckdb.IOException as exc:
            python_error = str(exc)
        assert writer.process.poll() is None, "the first run must still hold the warehouse"
        site.release()
        writer_exit = writer.finish(timeout=180)
        conn = duckdb.connect(str(db), read_only=True)
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        conn.close()
        yield HeldRun(writer.pid, writer_exit, writer.output, second, sql, python_error, articles)
    finally:
        site.close()


def test_second_run_is_refused_at_once_with_exit_code_1(held_run: HeldRun) -> None:
    second = held_run.second_run
    assert second.code == 1, second.output
    assert _error_line(second.output).startswith(f"Error: {LOCK_MESSAGE}")
    assert "wait for it to finish" in _error_line(second.output)


def test_second_run_names_the_lock_holder_pid(held_run: HeldRun) -> None:
    assert f"(PID {held_run.writer_pid})" in _error_line(held_run.second_run.output)


def test_first_run_is_unharmed_by_the_refused_second_run(held_run: HeldRun) -> None:
    assert held_run.writer_exit == 0, held_run.writer_output
    assert held_run.articles_after == len(SAMPLE_PAGES)


def test_sql_reader_is_refused_during_a_run_with_a_clear_error(held_run: HeldRun) -> None:
    """DuckDB does not let another process open the file, even read-only, while a run writes it."""
    assert held_run.sql.code == 1, held_run.sql.output
    assert f"Error: {LOCK_MESSAGE}" in held_run.sql.output
    assert "Traceback" not in held_run.sql.output


def test_duckdb_read_only_connection_is_refused_during_a_run_naming_the_writer(held_run: HeldRun) -> None:
    assert "Could not set lock on file" in held_run.python_read_only_error
    assert f"(PID {held_run.writer_pid})" in held_run.python_read_only_error


@pytest.fixture()
def reader(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A migrated warehouse held open read-only by another process (an analyst's session) until the test ends."""
    db = tmp_path / "warehouse.duckdb"
    code, output = run_to_end(cli_command("migrate", "--db", str(db)), cli_env(None), tmp_path)
    assert code == 0, output
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
            "print(c.execute('SELECT count(*) FROM articles').fetchone()[0], flush=True); sys.stdin.read()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "0"
    try:
        yield db, holder
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


def test_readers_share_the_file_with_each_other(reader: tuple[Path, subprocess.Popen[str]], tmp_path: Path) -> None:
    db, _ = reader
    code, output = run_to_end(
        cli_command("sql", "--db", str(db), "SELECT count(*) AS n FROM articles"), cli_env(None), tmp_path
    )
    assert code == 0, output
    assert "(1 rows)" in output


def test_open_reader_blocks_a_run_with_the_lock_error(
    reader: tuple[Path, subprocess.Popen[str]], tmp_path: Path, env: dict[str, str]
) -> None:
    db, holder = reader
    site = HeldSite()
    site.release()
    try:
        outcome = _timed(
            cli_command("run", "--sources", str(_sources_file(tmp_path, site)), "--db", str(db)), env, tmp_path
        )
    finally:
        site.close()
    assert outcome.code == 1, outcome.output
    assert "Error: the warehouse is" in outcome.output


def test_lock_error_caused_by_a_reader_does_not_blame_a_writer(
    reader: tuple[Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    from warehouse.connection import open_warehouse
    from warehouse.errors import WarehouseLockedError

    db, holder = reader
    with pytest.raises(WarehouseLockedError) as caught, open_warehouse(db):
        pass
    assert "written" not in str(caught.value) and f"PID {holder.pid}" in str(caught.value)


def test_writer_connection_caps_duckdbs_memory_for_the_warehouse_size_and_rejects_a_bad_cap(tmp_path: Path) -> None:
    from warehouse.connection import limit_memory, open_warehouse, writer_memory_limit
    from warehouse.errors import WarehouseError

    assert writer_memory_limit(0) == writer_memory_limit(500_000) == "256MB"
    assert writer_memory_limit(2_000_000) == "977MB"
    with open_warehouse(tmp_path / "w.duckdb") as conn:
        limit_memory(conn, writer_memory_limit(0), db="w.duckdb")
        limit = conn.execute("SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'").fetchone()
        assert limit is not None and limit[0] == "244.1 MiB", limit
        with pytest.raises(WarehouseError, match="memory_limit 'lots'"):
            limit_memory(conn, "lots", db="w.duckdb")
    with open_warehouse(tmp_path / "w.duckdb", read_only=True) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_a_runs_writer_takes_the_operators_memory_cap_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.runs import MEMORY_LIMIT_VARIABLE, open_run
    from flows.settings import Settings

    settings = Settings(sources_file=tmp_path / "sources.toml", sources=())
    query = "SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'"
    with open_run(tmp_path / "w.duckdb", "ingest", (), settings) as run:
        assert run.conn.execute(query).fetchone() == ("244.1 MiB",)
    monkeypatch.setenv(MEMORY_LIMIT_VARIABLE, "300MB")
    with open_run(tmp_path / "other.duckdb", "ingest", (), settings) as run:
        assert run.conn.execute(query).fetchone() == ("286.1 MiB",)
