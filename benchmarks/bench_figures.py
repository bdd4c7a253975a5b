"""Figures benchmark: precision and recall per field of ``extract_figures`` on the labelled set, and its speed.

Run: ``python benchmarks/bench_figures.py [--errors]`` (a few seconds). Prints one table.

The labelled set (``tests/data/figures_labelled.jsonl``) holds wire-style passages written for the project,
English and French, from a dozen conflicts, each with the figures a careful reader would record. The ``dev``
split was used while writing the rules; the ``heldout`` split was written afterwards and measured once before
its misses were looked at (figure F1 0.920, claimant accuracy 0.923 on found figures); ``heldout2`` was written
later still, the same way (first measurement: figure F1 0.868 - precision 1.000, recall 0.767 - claimant
accuracy 1.000 on found figures). First measurements are the honest estimate for unseen copy. A predicted
figure is found when its span overlaps an expected one (one-to-one); a field counts as right when the figure
is found and the field agrees. Claimants compare case-insensitively, as written in the text. Subjects are only
scored where the label names one. Passages of the non-figure kinds (ages, dates, times, reading times,
ordinals, phone numbers, years, unrelated counts) must yield nothing, and no figure may overlap a marked trap.
Speed is passages per second through ``split_sentences`` + ``extract_figures``, and milliseconds per seed article.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from records import Figure
from transforms.figures import extract_figures
from transforms.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "figures_labelled.jsonl"
SEED = ROOT / "flows" / "samples" / "content" / "seed-article.txt"
FIELDS = ("figure", "value", "category", "scope", "claimant", "subject")


@dataclass(frozen=True, slots=True)
class Expected:
    """One labelled figure, located in its passage."""

    start: int
    end: int
    label: dict[str, object]


def _norm(text: object) -> str:
    return " ".join(str(text).casefold().split())


def _checks(expected: Expected, figure: Figure) -> dict[str, bool | None]:
    label = expected.label
    share = label.get("share")
    return {
        "figure": True,
        "value": (figure.value_low, figure.value_high) == (label["value_low"], label["value_high"])
        and (share is None or figure.share is not None and abs(figure.share - float(str(share))) < 1e-6),
        "category": figure.category == label["category"],
        "scope": figure.scope == label["scope"],
        "claimant": _norm(figure.claimant) == _norm(label["claimant"]),
        "subject": None if label.get("subject") is None else figure.subject == label["subject"],
    }


def _match(expected: list[Expected], figures: tuple[Figure, ...]) -> list[tuple[Expected, Figure]]:
    pairs: list[tuple[int, Expected, Figure]] = []
    for item in expected:
        for figure in figures:
            overlap = min(item.end, figure.end) - max(item.start, figure.start)
            if overlap > 0:
                pairs.append((overlap, item, figure))
    matched: list[tuple[Expected, Figure]] = []
    used_expected: set[int] = set()
    used_figures: set[int] = set()
    for _, item, figure in sorted(pairs, key=lambda pair: -pair[0]):
        if id(item) not in used_expected and id(figure) not in used_figures:
            used_expected.add(id(item))
            used_figures.add(id(figure))
            matched.append((item, figure))
    return matched


def _rows() -> list[dict[str, object]]:
    with LABELLED.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _evaluate(rows: list[dict[str, object]], show_errors: bool) -> dict[str, object]:
    right = dict.fromkeys(FIELDS, 0)
    scored = dict.fromkeys(FIELDS, 0)
    predicted = expected_total = non_figure_hits = trap_hits = 0
    for row in rows:
        text = str(row["text"])
        labels = row["figures"]
        assert isinstance(labels, list)
        expected = [
            Expected(text.index(label["text"]), text.index(label["text"]) + len(label["text"]), label)
            for label in labels
        ]
        figures = extract_figures(text, split_sentences(text))
        predicted += len(figures)
        expected_total += len(expected)
        if row["kind"] == "non-figure":
            non_figure_hits += len(figures)
        for trap in row.get("traps", []):  # type: ignore[attr-defined]
            start = text.find(trap)
            trap_hits += sum(1 for f in figures if start >= 0 and f.start < start + len(trap) and start < f.end)
        matched = _match(expected, figures)
        for item, figure in matched:
            for field, ok in _checks(item, figure).items():
                if ok is None:
                    continue
                scored[field] += 1
                right[field] += int(ok)
                if show_errors and not ok:
                    print(
                        f"  {row['id']} {field}: got {_field(figure, field)!r} want {_label(item, field)!r}"
                        f" in {figure.text!r}"
                    )
        if show_errors:
            found = {id(figure) for _, figure in matched}
            hit = {id(item) for item, _ in matched}
            for figure in figures:
                if id(figure) not in found:
                    print(f"  {row['id']} extra: {figure.text!r} {figure.category} | {text}")
            for item in expected:
                if id(item) not in hit:
                    print(f"  {row['id']} missed: {item.label['text']!r} {item.label['category']} | {text}")
    return {
        "right": right,
        "scored": scored,
        "predicted": predicted,
        "expected": expected_total,
        "non_figure_hits": non_figure_hits,
        "trap_hits": trap_hits,
    }


def _field(figure: Figure, field: str) -> object:
    if field == "value":
        return (figure.value_low, figure.value_high, figure.share)
    return getattr(figure, field, figure.text)


def _label(item: Expected, field: str) -> object:
    if field == "value":
        return (item.label["value_low"], item.label["value_high"], item.label.get("share"))
    return item.label.get(field, item.label["text"])


def _rate(work: Callable[[], object], minimum_seconds: float = 1.0) -> tuple[int, float]:
    """Runs per CPU second of this process, so other work on the machine does not count against us."""
    runs = 0
    started = time.process_time()
    while time.process_time() - started < minimum_seconds:
        work()
        runs += 1
    return runs, time.process_time() - started


def _print_table(title: str, rows: list[dict[str, object]], show_errors: bool) -> None:
    result = _evaluate(rows, show_errors)
    right, scored = result["right"], result["scored"]
    assert isinstance(right, dict) and isinstance(scored, dict)
    predicted, expected = int(str(result["predicted"])), int(str(result["expected"]))
    print(f"\n{title}: {len(rows)} passages, expected figures: {expected}, predicted figures: {predicted}")
    print(f"{'field':<10} {'right':>6} {'precision':>10} {'recall':>8} {'F1':>6} {'accuracy on found':>18}")
    for field in FIELDS:
        precision = right[field] / predicted if predicted else 0.0
        recall = right[field] / expected if expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        accuracy = right[field] / scored[field] if scored[field] else 0.0
        print(f"{field:<10} {right[field]:>6} {precision:>10.3f} {recall:>8.3f} {f1:>6.3f} {accuracy:>18.3f}")
    print(
        f"figures from non-figure passages: {result['non_figure_hits']}, figures on marked traps: {result['trap_hits']}"
    )


def main() -> None:
    """Print the quality tables (development split, held-out split, all) and the speed lines."""
    rows = _rows()
    show_errors = "--errors" in sys.argv
    for split in ("dev", "heldout", "heldout2"):
        _print_table(f"{split} split", [row for row in rows if row["split"] == split], show_errors)
    _print_table("all", rows, False)
    texts = [str(row["text"]) for row in rows]
    runs, seconds = _rate(lambda: [extract_figures(text, split_sentences(text)) for text in texts])
    print(f"\nspeed (one core, CPU time): {runs * len(texts) / seconds:,.0f} passages/s")
    if SEED.exists():
        seed = SEED.read_text(encoding="utf-8")
        runs, seconds = _rate(lambda: extract_figures(seed, split_sentences(seed)))
        print(f"seed article ({len(seed.encode()) / 1024:.1f} KB): {1000 * seconds / runs:.2f} ms")


if __name__ == "__main__":
    main()
