"""Backfill at scale: ``conflictwire backfill --warc`` over a generated CC-NEWS-style WARC, 1 and 2 workers.

Run: ``python benchmarks/bench_backfill.py`` (5,000 articles with 1 and 2 workers, 20,000 with 2 workers; about
12 minutes on two busy cores). ``--sizes 50000 --workers 2,1`` for the full 50,000-article run (here: 4 minutes
to generate the WARC, 10 minutes with 2 workers, 22 with 1). Prints one table.

Each run is a real CLI subprocess (the flow process plus, with ``--workers 2``, two worker processes) on a fresh DuckDB
file, talking to one Prefect server the benchmark starts. While it runs, the process tree's memory is sampled from
``/proc`` every 0.25 s. ``peak tree PSS`` is the memory the job really holds: the sum over the flow process and its
workers of proportional set size (a page shared by n processes counts 1/n in each, so shared libraries are counted
once). ``peak tree RSS`` sums plain RSS (shared pages counted once per process, an overestimate), ``peak proc`` is
the largest single process, ``peak flow`` the flow process (the warehouse writer). Tree PSS at 10 / 50 / 90 % of
the articles loaded shows whether memory is flat. ``art/s`` is articles read from the WARC per second of the flow
run (process start-up excluded; ``wall s`` includes it). ``cpu %`` is user+sys time of the whole tree over wall
time (200 % = both cores busy). ``load %`` is the share of the flow's time spent loading batches into DuckDB (from
the gap between a batch's processing task finishing and its load log line): the single writer's share.

The WARC (``benchmarks/warc_gen.py``): pages rendered with the sample outlets' templates, median 60 KB, with
2 % re-crawls, 2 % syndicated copies and 1 % revisions.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_crash import LoggedProcess, cli_command, cli_env, prefect_server, snapshot_code  # noqa: E402
from benchmarks.warc_gen import generate_warc  # noqa: E402

_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICKS = os.sysconf("SC_CLK_TCK")
_LOADED = re.compile(r"^(\d\d:\d\d:\d\d\.\d+) .*\] batch of (\d+):")
_TASK_DONE = re.compile(r"^(\d\d:\d\d:\d\d\.\d+) .*Task run 'batch [^']*' - Finished in state Completed")
_FLOW_BEGAN = re.compile(r"^(\d\d:\d\d:\d\d\.\d+) .*Beginning flow run")
_FLOW_DONE = re.compile(r"^(\d\d:\d\d:\d\d\.\d+) .*Flow run '[^']*' - Finished in state")
MiB = 1024 * 1024


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def tree_pids(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc."""
    tree, pids, stack = _children(), [], [root]
    while stack:
        pid = stack.pop()
        pids.append(pid)
        stack.extend(tree.get(pid, []))
    return pids


def memory_bytes(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of ``pid`` from ``/proc/PID/smaps_rollup``; PSS splits each shared page among its sharers."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


def cpu_seconds(pid: int) -> float:
    """User + system time of ``pid`` itself (its workers are sampled on their own)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(v) for v in fields[11:13]) / _TICKS


class TreeSampler(threading.Thread):
    """Samples the RSS and CPU time of a process tree until stopped."""

    def __init__(self, root: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.samples: list[tuple[float, int, int, int]] = []  # (time, tree PSS, tree RSS, largest process RSS)
        self.cpu: dict[int, float] = {}
        self.peak_main = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            pids = tree_pids(self.root)
            sizes = [memory_bytes(pid) for pid in pids]
            for pid in pids:
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu_seconds(pid))
            rss = [r for r, _ in sizes]
            self.samples.append((time.monotonic(), sum(p for _, p in sizes), sum(rss), max(rss, default=0)))
            self.peak_main = max(self.peak_main, rss[0] if rss else 0)
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _clock(text: str) -> float:
    moment = datetime.strptime(text, "%H:%M:%S.%f")
    return moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6


@dataclass(frozen=True, slots=True)
class BackfillResult:
    articles: int
    workers: int
    exit_code: int
    wall_seconds: float
    flow_seconds: float
    cpu_seconds: float
    peak_tree_pss_mib: float
    peak_tree_mib: float
    peak_process_mib: float
    peak_flow_mib: float
    rss_at: tuple[float, float, float]
    load_share: float
    loaded: int

    @property
    def rate(self) -> float:
        return self.articles / self.flow_seconds if self.flow_seconds else 0.0


def run_backfill(warc: Path, articles: int, workers: int, work: Path, env: dict[str, str]) -> BackfillResult:
    folder = work / f"backfill-{articles}-w{workers}"
    folder.mkdir(parents=True)
    db = folder / "warehouse.duckdb"
    started = time.monotonic()
    process = LoggedProcess(
        cli_command("backfill", "--warc", str(warc), "--db", str(db), "--workers", str(workers)), env, folder
    )
    sampler = TreeSampler(process.pid)
    sampler.start()
    code = process.finish(timeout=3600)
    wall = time.monotonic() - started
    sampler.stop()
    (folder / "backfill.log").write_text(process.output, encoding="utf-8")

    # Progress (articles loaded) over time from the log, to read RSS at 10/50/90 %.
    lines = [(moment, line) for moment, line in process.lines]
    progress: list[tuple[float, int]] = []
    done = 0
    began = finished = None
    load_time = 0.0
    last_task_done: float | None = None
    for moment, line in lines:
        if (m := _FLOW_BEGAN.match(line)) and began is None:
            began = _clock(m.group(1))
        elif m := _FLOW_DONE.match(line):
            finished = _clock(m.group(1))
        elif m := _TASK_DONE.match(line):
            last_task_done = _clock(m.group(1))
        elif m := _LOADED.match(line):
            done += int(m.group(2))
            progress.append((process.started + moment, done))
            if last_task_done is not None:
                load_time += max(0.0, _clock(m.group(1)) - last_task_done)
                last_task_done = None
    flow_seconds = (finished - began) if began is not None and finished is not None else wall

    def rss_when(fraction: float) -> float:
        target = fraction * max(done, 1)
        moment = next((t for t, n in progress if n >= target), None)
        if moment is None:
            return float("nan")
        before = [pss for t, pss, _, _ in sampler.samples if t <= moment]
        return (before[-1] if before else 0) / MiB

    return BackfillResult(
        articles=articles,
        workers=workers,
        exit_code=code,
        wall_seconds=wall,
        flow_seconds=flow_seconds,
        cpu_seconds=sum(sampler.cpu.values()),
        peak_tree_pss_mib=max((pss for _, pss, _, _ in sampler.samples), default=0) / MiB,
        peak_tree_mib=max((rss for _, _, rss, _ in sampler.samples), default=0) / MiB,
        peak_process_mib=max((one for _, _, _, one in sampler.samples), default=0) / MiB,
        peak_flow_mib=sampler.peak_main / MiB,
        rss_at=(rss_when(0.1), rss_when(0.5), rss_when(0.9)),
        load_share=load_time / flow_seconds if flow_seconds else 0.0,
        loaded=done,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="conflictwire backfill of a generated WARC: speed and memory")
    parser.add_argument("--sizes", default="5000,20000", help="comma-separated article counts")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--skip", default="20000:1", help="size:workers pairs to leave out (time budget)")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    worker_counts = [int(w) for w in args.workers.split(",")]
    skipped = {tuple(int(x) for x in pair.split(":")) for pair in args.skip.split(",") if pair}

    from flows.tables import format_table

    work = Path(tempfile.mkdtemp(prefix="bench-backfill-"))
    results: list[BackfillResult] = []
    try:
        code = snapshot_code(work / "code")
        with prefect_server(work / "prefect") as api_url:
            env = cli_env(api_url, code)
            for size in sizes:
                warc = work / f"generated-{size}.warc.gz"
                generated = generate_warc(warc, size, seed=size)
                print(
                    f"generated {size:,} articles: {generated.html_bytes / MiB:,.0f} MiB of HTML, "
                    f"{generated.file_bytes / MiB:,.0f} MiB WARC.gz in {generated.seconds:.0f} s",
                    flush=True,
                )
                for workers in worker_counts:
                    if (size, workers) in skipped:
                        continue
                    result = run_backfill(warc, size, workers, work, env)
                    results.append(result)
                    print(
                        f"  {size:,} x {workers} worker(s): exit {result.exit_code}, {result.rate:.1f} art/s, "
                        f"peak {result.peak_tree_pss_mib:.0f} MiB PSS, {result.peak_tree_mib:.0f} MiB RSS",
                        flush=True,
                    )
                    shutil.rmtree(work / f"backfill-{size}-w{workers}", ignore_errors=True)
                warc.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    rows = [
        (
            f"{r.articles:,}",
            r.workers,
            "ok" if r.exit_code == 0 else f"exit {r.exit_code}",
            f"{r.rate:.1f}",
            f"{r.wall_seconds:.0f}",
            f"{100 * r.cpu_seconds / r.wall_seconds:.0f}",
            f"{100 * r.load_share:.0f}",
            f"{r.peak_tree_pss_mib:.0f}",
            f"{r.peak_tree_mib:.0f}",
            f"{r.peak_process_mib:.0f}",
            f"{r.peak_flow_mib:.0f}",
            " / ".join(f"{v:.0f}" for v in r.rss_at),
            "yes" if r.peak_tree_pss_mib < 1024 else "NO",
        )
        for r in results
    ]
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (two cores, shared with other work)")
    print(
        format_table(
            [
                "articles",
                "workers",
                "status",
                "art/s",
                "wall s",
                "cpu %",
                "load %",
                "peak tree PSS MiB",
                "peak tree RSS MiB",
                "peak proc RSS MiB",
                "peak flow RSS MiB",
                "tree PSS 10/50/90% MiB",
                "PSS < 1 GiB",
            ],
            rows,
        )
    )
    return 0 if all(r.exit_code == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
