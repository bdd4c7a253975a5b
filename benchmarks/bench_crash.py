"""Crash-safety benchmark: ``kill -9`` real ``conflictwire`` processes at random points, then check nothing was
lost and nothing doubled.

Run: ``python benchmarks/bench_crash.py`` (24 trials, about 10 minutes on two cores; ``--trials N``).

Two workloads, each a real CLI subprocess against a real DuckDB file:

* ``run``: ``conflictwire run`` over the six bundled sample sources (RSS, Atom, sitemap, listing page served
  over loopback, plus the directory and WARC sources), ``batch_size = 3`` so there are many loads per source;
* ``backfill``: ``conflictwire backfill`` of a generated 240-article WARC (``benchmarks/warc_gen.py``) in
  batches of 20.

Each trial starts the workload on a fresh warehouse and kills the whole process group with SIGKILL at one of
four points, in rotation: ``fetch`` (a random moment while the web sources are being crawled, or the WARC read
and parsed, before the first load), ``mid-load`` (right after a batch's processing task finished, while the
flow loads it), ``between-batches`` (right after a load's log line) and ``random`` (uniform over the length of
an uninterrupted run). Then, before anything else touches the file, it checks that the lock is free and that
no source cursor is ahead of its data. Then it runs the same command again, to completion, and compares the
warehouse with one built by an uninterrupted run, table by table (every table except the run logs ``runs``,
``run_sources``, ``fetches`` and ``schema_migrations``), as multisets of rows, ignoring only the columns that
record *when* or *in which run* a row was written (``IGNORED_COLUMNS``). A trial passes when the recovery run
exits 0 and no table has a missing or an extra row.

A control trial compares two uninterrupted runs first, so a difference can only come from the crash.
The code under test is snapshotted at start (other work in the same tree cannot change it mid-benchmark), and
all processes share one Prefect server started by the benchmark, so a kill never orphans a temporary server.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PACKAGES = ("flows", "extractors", "transforms", "warehouse")
LOG_TABLES = frozenset({"runs", "run_sources", "fetches", "schema_migrations"})
# Columns that say when, or in which run, a row was written: they differ between any two runs by design.
# ``articles.updated_at`` / ``article_revisions.updated_at`` are the page's own dateModified and are compared.
IGNORED_COLUMNS: dict[str, frozenset[str]] = {
    "articles": frozenset({"first_seen_at", "last_changed_at"}),
    "article_revisions": frozenset({"seen_at"}),
    "sightings": frozenset({"first_run_id", "first_seen_at", "last_seen_at"}),
    "raw_documents": frozenset({"first_seen_at"}),
    "quarantine": frozenset({"first_run_id", "last_run_id", "first_seen_at", "last_seen_at", "times_seen"}),
    "http_validators": frozenset({"updated_at"}),
    "source_cursors": frozenset({"updated_at"}),
    "sources": frozenset({"first_registered_at", "updated_at"}),
    "story_clusters": frozenset({"first_seen_at", "updated_at"}),
    "story_members": frozenset({"added_at"}),
    "story_signatures": frozenset({"signed_at"}),
}
KILL_POINTS = ("fetch", "mid-load", "between-batches", "random")
_TASK_DONE = re.compile(r"Task run 'batch [^']*' - Finished in state Completed")
_LOADED = re.compile(r"\] batch of \d+:")
_FLOW_BEGAN = re.compile(r"Beginning flow run")


# -- plumbing shared with tests/test_crash_safety.py, test_concurrency.py and test_scale_out.py ---------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def snapshot_code(dest: Path) -> Path:
    """Copy the four packages (with their data files) to ``dest``; run the CLI from there via PYTHONPATH."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, dest / package, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def cli_command(*args: str) -> list[str]:
    """The ``conflictwire`` entry point (``flows.cli:main``) as a command for the current interpreter."""
    return [sys.executable, "-c", "from flows.cli import main; main(prog_name='conflictwire')", *args]


def cli_env(api_url: str | None, code: Path | None = None) -> dict[str, str]:
    """Environment for CLI subprocesses: a shared Prefect API (no temporary server each), offline, quiet."""
    env = dict(os.environ)
    if api_url is not None:
        env["PREFECT_API_URL"] = api_url
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(code), *filter(None, [env.get("PYTHONPATH")])])
    env.update(
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_LOGGING_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    return env


@contextmanager
def prefect_server(home: Path) -> Iterator[str]:
    """A Prefect API server on a free loopback port with its own SQLite database; yields the API URL."""
    port = free_port()
    env = dict(os.environ)
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{home / 'prefect.db'}",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
        DO_NOT_TRACK="1",
    )
    home.mkdir(parents=True, exist_ok=True)
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    api_url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"prefect server did not start: see {home / 'server.log'}")
            time.sleep(0.5)
        yield api_url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


class LoggedProcess:
    """A CLI subprocess in its own process group whose output lines are timestamped as they arrive."""

    def __init__(self, command: Sequence[str], env: dict[str, str], cwd: Path) -> None:
        self.started = time.monotonic()
        self.lines: list[tuple[float, str]] = []
        self._new_line = threading.Condition()
        self.process = subprocess.Popen(
            list(command),
            env=env,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            with self._new_line:
                self.lines.append((time.monotonic() - self.started, raw.decode("utf-8", "replace").rstrip()))
                self._new_line.notify_all()
        with self._new_line:
            self._new_line.notify_all()

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_for(self, pattern: re.Pattern[str], *, after: int = 0, timeout: float = 120) -> int | None:
        """Index of the first line at or after ``after`` matching ``pattern``; None if the process ended first."""
        deadline = time.monotonic() + timeout
        with self._new_line:
            while True:
                for index in range(after, len(self.lines)):
                    if pattern.search(self.lines[index][1]):
                        return index
                after = len(self.lines)
                if self.process.poll() is not None and not self._reader.is_alive():
                    return None
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._new_line.wait(min(remaining, 0.2))

    def kill(self) -> float:
        """SIGKILL the whole process group; returns the time of the kill (seconds since start)."""
        moment = time.monotonic() - self.started
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._reader.join(timeout=10)
        return moment

    def finish(self, timeout: float = 600) -> int:
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout=10)
        return code

    @property
    def output(self) -> str:
        return "\n".join(line for _, line in self.lines)


def run_to_end(command: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = 900) -> tuple[int, str]:
    process = LoggedProcess(command, env, cwd)
    try:
        code = process.finish(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return code, process.output


@dataclass(frozen=True, slots=True)
class TableDiff:
    table: str
    rows: int
    missing: int
    extra: int


def compare_warehouses(expected: Path, actual: Path) -> list[TableDiff]:
    """Compare every data table of two warehouses as multisets of rows (load-time columns left out).

    ``missing`` rows are in ``expected`` but not ``actual`` (lost), ``extra`` the reverse (doubled or wrong).
    """
    conn = duckdb.connect()
    try:
        conn.execute("ATTACH ? AS expected (READ_ONLY)", [str(expected)])
        conn.execute("ATTACH ? AS actual (READ_ONLY)", [str(actual)])
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'expected' ORDER BY table_name"
            ).fetchall()
            if name not in LOG_TABLES
        ]
        diffs = []
        for table in tables:
            ignored = IGNORED_COLUMNS.get(table, frozenset())
            columns = [
                f'"{name}"'
                for (name,) in conn.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE database_name = 'expected' AND table_name = ? "
                    "ORDER BY column_index",
                    [table],
                ).fetchall()
                if name not in ignored
            ]
            select = ", ".join(columns)
            rows = conn.execute(f"SELECT count(*) FROM expected.{table}").fetchone()[0]
            missing = conn.execute(
                f"SELECT count(*) FROM (SELECT {select} FROM expected.{table} EXCEPT ALL "
                f"SELECT {select} FROM actual.{table})"
            ).fetchone()[0]
            extra = conn.execute(
                f"SELECT count(*) FROM (SELECT {select} FROM actual.{table} EXCEPT ALL "
                f"SELECT {select} FROM expected.{table})"
            ).fetchone()[0]
            diffs.append(TableDiff(table, rows, missing, extra))
        return diffs
    finally:
        conn.close()


def cursor_violations(expected: Path, crashed: Path) -> list[str]:
    """Sources whose cursor is stored in ``crashed`` although some of their data (per ``expected``) is not.

    The cursor must move only with the data: a source with a cursor must have every sighting it will have.
    """
    conn = duckdb.connect()
    try:
        conn.execute("ATTACH ? AS expected (READ_ONLY)", [str(expected)])
        conn.execute("ATTACH ? AS crashed (READ_ONLY)", [str(crashed)])
        has_cursors = conn.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'crashed' AND table_name = 'source_cursors'"
        ).fetchone()[0]
        if not has_cursors:
            return []
        rows = conn.execute(
            "SELECT c.source, count(*) FROM crashed.source_cursors c "
            "JOIN expected.sightings s ON s.source = c.source "
            "WHERE NOT EXISTS (SELECT 1 FROM crashed.sightings k WHERE k.article_id = s.article_id "
            "AND k.source = s.source AND k.url = s.url) GROUP BY c.source ORDER BY c.source"
        ).fetchall()
        return [f"{source}: cursor stored, {count} sightings missing" for source, count in rows]
    finally:
        conn.close()


def lock_is_free(db: Path) -> bool:
    try:
        duckdb.connect(str(db)).close()
    except duckdb.IOException:
        return False
    return True


# -- workloads -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Workload:
    """A CLI command over fixed inputs; ``{db}`` in ``args`` is replaced by the trial's warehouse file."""

    name: str
    args: tuple[str, ...]

    def command(self, db: Path) -> list[str]:
        return cli_command(*(str(db) if a == "{db}" else a for a in self.args))


def sample_run_workload(
    work: Path, code: Path, site_url: str, *, batch_size: int = 3, only: Sequence[str] | None = None
) -> Workload:
    """``conflictwire run`` over the bundled sample sources (or those named), served at ``site_url``."""
    samples = code / "flows" / "samples"
    blocks = (samples / "sources.sample.toml").read_text(encoding="utf-8").split("[[source]]")[1:]
    names = [re.search(r'^name = "(.+?)"$', block, re.M) for block in blocks]
    text = "".join(
        "[[source]]" + block
        for block, name in zip(blocks, names, strict=True)
        if only is None or (name and name.group(1) in only)
    )
    text = re.sub(r'^path = "(.+?)"$', lambda m: f'path = "{(samples / m.group(1)).as_posix()}"', text, flags=re.M)
    settings = f"[settings]\nbatch_size = {batch_size}\npoliteness = {{ min_delay_seconds = 0.2 }}\n\n"
    sources = work / "crash-run-sources.toml"
    sources.write_text(settings + text, encoding="utf-8")
    return Workload("run", ("run", "--sources", str(sources), "--db", "{db}", "--var", f"SAMPLE_SITE={site_url}"))


def warc_backfill_workload(work: Path, articles: int, *, batch_size: int = 20, workers: int = 1) -> Workload:
    """``conflictwire backfill`` of a generated WARC, configured as a source so the batch size is ours.

    With ``workers`` > 1 the batches are parsed in worker processes, and the kill (of the whole process group)
    takes them down with the flow process.
    """
    from benchmarks.warc_gen import generate_warc

    warc = work / f"crash-{articles}.warc.gz"
    if not warc.exists():
        generate_warc(warc, articles, seed=articles)
    sources = work / "crash-backfill-sources.toml"
    sources.write_text(
        f'[settings]\nbatch_size = {batch_size}\n\n[[source]]\nname = "generated-warc"\nkind = "warc"\n'
        f'path = "{warc.as_posix()}"\ncountry_hint = "SY"\n',
        encoding="utf-8",
    )
    pool = ("--workers", str(workers)) if workers > 1 else ()
    return Workload(
        f"backfill-w{workers}" if pool else "backfill",
        ("backfill", "--sources", str(sources), "--source", "generated-warc", "--since", "2000-01-01", *pool)
        + ("--db", "{db}"),
    )


# -- trials ----------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Trial:
    workload: str
    kill_point: str
    killed_at: float = 0.0
    phase: str = ""
    loads_before_kill: int = 0
    lock_free: bool = False
    cursor_problems: list[str] = field(default_factory=list)
    recovery_exit: int | None = None
    diffs: list[TableDiff] = field(default_factory=list)
    note: str = ""

    @property
    def missing(self) -> int:
        return sum(d.missing for d in self.diffs)

    @property
    def extra(self) -> int:
        return sum(d.extra for d in self.diffs)

    @property
    def passed(self) -> bool:
        return (
            self.lock_free
            and not self.cursor_problems
            and self.recovery_exit == 0
            and bool(self.diffs)
            and self.missing == 0
            and self.extra == 0
        )

    def problems(self) -> str:
        parts = [self.note] if self.note else []
        if not self.lock_free:
            parts.append("lock still held after kill")
        parts.extend(self.cursor_problems)
        if self.recovery_exit != 0:
            parts.append(f"recovery run exit {self.recovery_exit}")
        parts.extend(f"{d.table}: {d.missing} missing, {d.extra} extra" for d in self.diffs if d.missing or d.extra)
        return "; ".join(parts)


def _phase(process: LoggedProcess, killed_at: float) -> tuple[str, int]:
    """Where the flow was when killed, from its own log: before any load, loading a batch, or between loads."""
    before = [line for moment, line in process.lines if moment <= killed_at]
    loads = sum(1 for line in before if _LOADED.search(line))
    last = next((line for line in reversed(before) if _TASK_DONE.search(line) or _LOADED.search(line)), None)
    if not any(_FLOW_BEGAN.search(line) for line in before):
        return "startup", loads
    if last is None:
        return "fetch/parse", loads
    return ("loading" if _TASK_DONE.search(last) else "between loads"), loads


def kill_at(
    process: LoggedProcess, kill_point: str, rng: random.Random, reference_seconds: float, skip_loads: int
) -> str:
    """Wait for ``kill_point`` in the process's log (or time), then SIGKILL it. Returns a note if it ended first."""
    if kill_point == "random":
        delay = rng.uniform(0, reference_seconds)
        deadline = process.started + delay
        while time.monotonic() < deadline and process.process.poll() is None:
            time.sleep(0.01)
    elif kill_point == "fetch":
        began = process.wait_for(_FLOW_BEGAN)
        if began is None:
            return "ended before the flow began"
        time.sleep(rng.uniform(0.2, 2.0))
    else:
        pattern = _TASK_DONE if kill_point == "mid-load" else _LOADED
        index = -1
        for _ in range(skip_loads + 1):
            found = process.wait_for(pattern, after=index + 1)
            if found is None:
                break
            index = found
        if index < 0:
            return f"ended before any {kill_point} point"
        time.sleep(rng.uniform(0, 0.06) if kill_point == "mid-load" else rng.uniform(0, 0.03))
    if process.process.poll() is not None:
        return "process ended before the kill"
    return ""


def crash_and_recover(
    workload: Workload,
    kill_point: str,
    reference_seconds: float,
    folder: Path,
    env: dict[str, str],
    rng: random.Random,
    expected_loads: int,
    *,
    skip_loads: int | None = None,
) -> Trial:
    """Start ``workload`` on a fresh warehouse, kill it at ``kill_point``, keep a copy of what the kill left
    (``crashed.duckdb``), check the lock is free, and run the same command again to completion.

    ``skip_loads``: for the log-triggered kill points, how many matching log lines to let pass first (default:
    a random number below ``expected_loads``). ``judge`` then compares with the reference.
    """
    trial = Trial(workload.name, kill_point)
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "warehouse.duckdb"
    process = LoggedProcess(workload.command(db), env, folder)
    if skip_loads is None:
        skip_loads = rng.randrange(max(1, expected_loads - 1))
    trial.note = kill_at(process, kill_point, rng, reference_seconds, skip_loads)
    trial.killed_at = process.kill()
    trial.phase, trial.loads_before_kill = _phase(process, trial.killed_at)
    (folder / "killed.log").write_text(process.output, encoding="utf-8")
    for suffix in ("", ".wal"):
        if Path(f"{db}{suffix}").exists():
            shutil.copyfile(f"{db}{suffix}", folder / f"crashed.duckdb{suffix}")
    trial.lock_free = lock_is_free(db)
    trial.recovery_exit, output = run_to_end(workload.command(db), env, folder)
    (folder / "recovery.log").write_text(output, encoding="utf-8")
    return trial


def judge(trial: Trial, reference: Path, folder: Path) -> Trial:
    """Cursor check on the state the kill left, and table-by-table comparison after recovery."""
    crashed = folder / "crashed.duckdb"
    if crashed.exists():
        trial.cursor_problems = cursor_violations(reference, crashed)
    if trial.recovery_exit == 0:
        trial.diffs = compare_warehouses(reference, folder / "warehouse.duckdb")
    return trial


def run_trial(
    workload: Workload,
    kill_point: str,
    reference: Path,
    reference_seconds: float,
    folder: Path,
    env: dict[str, str],
    rng: random.Random,
    expected_loads: int,
    *,
    skip_loads: int | None = None,
) -> Trial:
    """One kill/recover trial, judged against the ``reference`` warehouse."""
    trial = crash_and_recover(
        workload, kill_point, reference_seconds, folder, env, rng, expected_loads, skip_loads=skip_loads
    )
    return judge(trial, reference, folder)


@dataclass(frozen=True, slots=True)
class Reference:
    db: Path
    seconds: float
    loads: int


def reference_run(workload: Workload, folder: Path, env: dict[str, str]) -> Reference:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "warehouse.duckdb"
    started = time.monotonic()
    code, output = run_to_end(workload.command(db), env, folder)
    (folder / "run.log").write_text(output, encoding="utf-8")
    if code != 0:
        raise RuntimeError(f"uninterrupted {workload.name} failed (exit {code}):\n{output[-3000:]}")
    return Reference(db, time.monotonic() - started, len(_LOADED.findall(output)))


def run_crash_trials(
    workloads: Sequence[Workload], trials: int, work: Path, env: dict[str, str], *, seed: int = 10
) -> tuple[list[Trial], dict[str, list[TableDiff]]]:
    """Reference + control run per workload, then ``trials`` kill/recover trials spread over the workloads."""
    rng = random.Random(seed)
    references: dict[str, Reference] = {}
    controls: dict[str, list[TableDiff]] = {}
    for workload in workloads:
        references[workload.name] = reference_run(workload, work / workload.name / "reference", env)
        control = reference_run(workload, work / workload.name / "control", env)
        controls[workload.name] = compare_warehouses(references[workload.name].db, control.db)
    results = []
    for number in range(trials):
        workload = workloads[number % len(workloads)]
        kill_point = KILL_POINTS[(number // len(workloads)) % len(KILL_POINTS)]
        ref = references[workload.name]
        folder = work / workload.name / f"trial-{number:02d}-{kill_point}"
        trial = run_trial(workload, kill_point, ref.db, ref.seconds, folder, env, rng, ref.loads)
        results.append(trial)
        status = "ok" if trial.passed else "FAIL " + trial.problems()
        print(
            f"  trial {number + 1:>2}/{trials} {workload.name:<11} {kill_point:<15} killed at {trial.killed_at:5.1f}s "
            f"({trial.phase}, {trial.loads_before_kill} loads done): {status}",
            flush=True,
        )
    return results, controls


def _print_table(results: list[Trial], controls: dict[str, list[TableDiff]]) -> None:
    from flows.tables import format_table

    for name, diffs in controls.items():
        noise = sum(d.missing + d.extra for d in diffs)
        print(f"control ({name}, two uninterrupted runs): {noise} differing rows over {len(diffs)} tables")
    rows = []
    for workload in sorted({t.workload for t in results}):
        for point in KILL_POINTS:
            group = [t for t in results if t.workload == workload and t.kill_point == point]
            if not group:
                continue
            phases = sorted({t.phase for t in group})
            rows.append(
                (
                    workload,
                    point,
                    f"{sum(t.passed for t in group)}/{len(group)}",
                    ", ".join(phases),
                    f"{sum(t.killed_at for t in group) / len(group):.1f}",
                    sum(t.missing for t in group),
                    sum(t.extra for t in group),
                )
            )
    passed = sum(t.passed for t in results)
    rows.append(
        (
            "TOTAL",
            "",
            f"{passed}/{len(results)}",
            "",
            "",
            sum(t.missing for t in results),
            sum(t.extra for t in results),
        )
    )
    print(format_table(["workload", "kill point", "passed", "phase at kill", "mean kill s", "missing", "extra"], rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kill -9 conflictwire runs and check the warehouse afterwards")
    parser.add_argument("--trials", type=int, default=24)
    parser.add_argument("--warc-articles", type=int, default=240)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--backfill-workers", type=int, default=2, help="worker processes of the backfill workload")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, warehouses)")
    args = parser.parse_args(argv)

    from flows.sample_server import serve_directory

    work = Path(tempfile.mkdtemp(prefix="bench-crash-"))
    try:
        with ExitStack() as stack:
            code = snapshot_code(work / "code")
            api_url = stack.enter_context(prefect_server(work / "prefect"))
            site = stack.enter_context(serve_directory(code / "flows" / "samples" / "site", port=free_port()))
            env = cli_env(api_url, code)
            workloads = [
                sample_run_workload(work, code, site),
                warc_backfill_workload(work, args.warc_articles, workers=args.backfill_workers),
            ]
            started = time.monotonic()
            results, controls = run_crash_trials(workloads, args.trials, work, env, seed=args.seed)
            print(f"\n{len(results)} trials in {time.monotonic() - started:.0f} s (work folder {work})")
            _print_table(results, controls)
        return 0 if all(t.passed for t in results) else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
