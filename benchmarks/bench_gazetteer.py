"""Gazetteer load cost: seconds and memory of the two place tiers, against reading their bytes.

Run: ``python benchmarks/bench_gazetteer.py`` (under a minute). Prints one table.

Every worker process that enriches text loads the main gazetteer (``load_gazetteer``: countries, cities of the
conflict countries, curated regions, one Aho-Corasick automaton) and the small-place tier (``load_localities``:
270,000 GeoNames places and divisions kept as bytes and searched with numpy). Each row runs in its own forked
process, so "RSS +MiB" is what that load adds to a fresh interpreter that has already imported the modules
(``ru_maxrss`` peak minus the RSS before, so transient buffers count) and "held +MiB" what stays resident after.
The anchor is the bare cost of the same files: ``gzip.decompress`` of their bytes, which every loader pays first.
The issue's bound is on the whole enrichment (< 150 MiB growth of a worker's peak); this shows the gazetteer's
share of it.
"""

from __future__ import annotations

import gzip
import multiprocessing as mp
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from transforms.gazetteer import DATA_DIR, load_gazetteer, load_localities  # noqa: E402

FILES = {
    "main gazetteer": ("gazetteer.tsv.gz",),
    "small-place tier": ("localities.tsv.gz", "locality_names.tsv.gz"),
}


def _resident_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def _measure(load: Callable[[], object], queue: mp.Queue) -> None:  # type: ignore[type-arg]
    before, peak_before = _resident_mib(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    kept = load()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((seconds, max(peak, peak_before) - before, _resident_mib() - before))
    del kept


def _decompress(names: tuple[str, ...]) -> Callable[[], object]:
    return lambda: [gzip.decompress((DATA_DIR / name).read_bytes()) for name in names]


def _run(load: Callable[[], object]) -> tuple[float, float, float]:
    context = mp.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_measure, args=(load, queue))
    process.start()
    result: tuple[float, float, float] = queue.get()
    process.join()
    return result


def main() -> None:
    loaders: dict[str, Callable[[], object]] = {
        "main gazetteer": load_gazetteer,
        "small-place tier": load_localities,
        "both (a worker)": lambda: (load_gazetteer(), load_localities()),
    }
    print(f"{'load':<22}{'files MB':>9}{'seconds':>9}{'RSS +MiB':>10}{'held +MiB':>10}{'x decompress':>14}")
    for name, load in loaders.items():
        files = FILES.get(name, tuple(f for group in FILES.values() for f in group))
        size = sum((DATA_DIR / f).stat().st_size for f in files) / 1e6
        anchor = _run(_decompress(files))[0]
        seconds, peak, held = _run(load)
        print(f"{name:<22}{size:>9.1f}{seconds:>9.2f}{peak:>10.1f}{held:>10.1f}{seconds / anchor:>13.1f}x")
    print("(anchor: gzip.decompress of the same files in a fresh process; RSS is the peak the load added)")


if __name__ == "__main__":
    main()
