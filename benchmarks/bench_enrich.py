"""Enrichment benchmark: quality on the labelled reports and speed against a bare BeautifulSoup parse.

Run: ``python benchmarks/bench_enrich.py`` (``--errors`` also lists every report that differs from its labels).

Quality, on ``tests/data/enrich_labelled.jsonl`` (reports written for the project, ACLED-notes style, with
traps): micro precision/recall/F1 of places (resolved name and country) and of armed actors (dictionary ids;
a reporting source counted as an actor is a false positive), and the accuracy of the first event's type and
sub-type (a report with no event must yield none). Speed, single core, same process: places + actors + events
(with sentence splitting) against ``BeautifulSoup(html, "lxml")`` of the same texts wrapped in a simple HTML
page; best of several interleaved rounds, so a busy machine slows both sides alike.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from bs4 import BeautifulSoup

from transforms.actors import find_actors, load_actor_dictionary
from transforms.events import classify_events
from transforms.gazetteer import load_gazetteer, matching_text
from transforms.places import resolve_places
from transforms.records import Event
from transforms.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "enrich_labelled.jsonl"
SEED = ROOT.parent / "shared" / "seed-article.txt"


@dataclass(frozen=True, slots=True)
class Found:
    places: frozenset[str]
    actors: frozenset[str]
    event: Event | None


def enrich(text: str, country: str | None) -> Found:
    """The enrichment path of the pipeline, minus figures: sentences, places, actors (hinted), events."""
    sentences = split_sentences(text)
    places, primary = resolve_places(text, sentences, load_gazetteer(), country_hint=country)
    hint = country or (primary.country if primary else None)
    actors = find_actors(text, load_actor_dictionary(), country_hint=hint)
    events = classify_events(sentences, actors, places, primary)
    return Found(
        frozenset(f"{p.name}|{p.country or ''}" for p in places),
        frozenset(a.actor_id for a in actors if not a.is_reporting_source),
        events[0] if events else None,
    )


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _label_key(label: str) -> str:
    """A place label "Palmyra|SY" as the resolved name the gazetteer gives it in that country ("Tadmur|SY"),
    so labels can use the English name analysts write."""
    name, _, country = label.partition("|")
    for _, end, sense in load_gazetteer().index.find(matching_text(name)):
        if end == len(name):
            for entry in sense.entries:
                if (entry.country or "") == country:
                    return f"{entry.name}|{country}"
    return label


def quality(reports: Sequence[dict[str, object]], show_errors: bool) -> list[tuple[str, str, str, str]]:
    counts = {"places": [0, 0, 0], "actors": [0, 0, 0]}
    type_hits = sub_hits = 0
    for report in reports:
        found = enrich(str(report["text"]), report["country"] and str(report["country"]))
        errors = []
        for field, predicted in (("places", found.places), ("actors", found.actors)):
            labels = map(str, report[field])  # type: ignore[call-overload]
            expected = frozenset(map(_label_key, labels) if field == "places" else labels)
            tally = counts[field]
            tally[0] += len(predicted & expected)
            tally[1] += len(predicted - expected)
            tally[2] += len(expected - predicted)
            if predicted != expected:
                errors.append(f"  {field}: extra {sorted(predicted - expected)} missing {sorted(expected - predicted)}")
        event_type = found.event.event_type if found.event else None
        sub_type = found.event.sub_event_type if found.event else None
        type_hits += event_type == report["event_type"]
        sub_hits += sub_type == report["sub_event_type"]
        if sub_type != report["sub_event_type"]:
            errors.append(
                f"  event: got {event_type}/{sub_type}, want {report['event_type']}/{report['sub_event_type']}"
            )
        if show_errors and errors:
            print(f"{report['id']}: {str(report['text'])[:90]}…", *errors, sep="\n")
    rows = []
    for field, (tp, fp, fn) in counts.items():
        precision, recall, f1 = _prf(tp, fp, fn)
        rows.append((field, f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}"))
    rows.append(("event type (accuracy)", "", "", f"{type_hits / len(reports):.3f}"))
    rows.append(("sub-event type (accuracy)", "", "", f"{sub_hits / len(reports):.3f}"))
    return rows


def seed_checks() -> list[tuple[str, str]]:
    """The reference article's required output, checked point by point."""
    text = SEED.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    places, primary = resolve_places(text, sentences, load_gazetteer())
    actors = find_actors(text, load_actor_dictionary(), country_hint=primary.country if primary else None)
    events = classify_events(sentences, actors, places, primary)
    names = {p.name for p in places}
    within = {p.name for p in places if p.within == "Aleppo" and p.precision == "city"}
    ids = {a.actor_id for a in actors if not a.is_reporting_source}
    sources = {a.actor_id for a in actors if a.is_reporting_source}
    kinds = {(e.event_type, e.sub_event_type) for e in events}
    checks = {
        "primary is Aleppo (36.20 N, 37.16 E)": primary is not None
        and primary.name == "Aleppo"
        and abs((primary.latitude or 0) - 36.20) < 0.05
        and abs((primary.longitude or 0) - 37.16) < 0.05,
        "Damascus, Homs, Hama, Latakia, Syria": {"Damascus", "Homs", "Hama", "Latakia", "Syria"} <= names,
        "4 districts within Aleppo": {"Sakhour", "Haydariya", "Sheikh Khodr", "Sheikh Fares"} <= within,
        "actors": {"sy-government", "sy-rebels", "sy-fsa", "sy-ypg", "ru-forces", "lb-hezbollah"} <= ids,
        "SOHR and state media are sources": {"src-sohr", "src-sana"} <= sources and not sources & ids,
        "Battles / Government regains territory": ("Battles", "Government regains territory") in kinds,
        "no protest": all(e.event_type != "Protests" for e in events),
    }
    return [(name, "pass" if ok else "FAIL") for name, ok in checks.items()]


def _html(text: str, title: str) -> str:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
    return f"<html><head><title>{escape(title)}</title></head><body><article>{paragraphs}</article></body></html>"


def _best_rate(work: Callable[[], object], items: int, rounds: int, budget: float) -> float:
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        loops = 0
        while time.perf_counter() - start < budget:
            work()
            loops += 1
        best = max(best, loops * items / (time.perf_counter() - start))
    return best


def speed(name: str, texts: Sequence[tuple[str, str | None]]) -> tuple[str, str, str, str]:
    pages = [_html(text, str(i)) for i, (text, _) in enumerate(texts)]
    rates = {"enrich": 0.0, "bs4": 0.0}
    for _ in range(3):  # interleaved, so load on the machine hits both
        rates["bs4"] = max(
            rates["bs4"], _best_rate(lambda: [BeautifulSoup(p, "lxml") for p in pages], len(pages), 1, 0.5)
        )
        rates["enrich"] = max(rates["enrich"], _best_rate(lambda: [enrich(t, c) for t, c in texts], len(texts), 1, 0.5))
    ratio = rates["enrich"] / rates["bs4"]
    return name, f"{rates['enrich']:,.0f}", f"{rates['bs4']:,.0f}", f"{ratio:.2f}x"


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) for row in (header, *rows)
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list reports whose output differs from the labels")
    args = parser.parse_args()
    started = time.perf_counter()
    load_gazetteer()
    load_time = time.perf_counter() - started
    load_actor_dictionary()
    reports = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"labelled reports: {len(reports)}   gazetteer load: {load_time:.2f} s\n")
    print(_table(("field", "precision", "recall", "F1 / accuracy"), quality(reports, args.errors)), "\n")
    print(_table(("seed article", "result"), seed_checks()), "\n")
    seed = SEED.read_text(encoding="utf-8")
    short = [(str(r["text"]), r["country"]) for r in reports]
    print(
        _table(
            ("texts", "enrich articles/s", "bs4 parses/s", "enrich / parse"),
            [speed(f"labelled reports ({len(short)})", short), speed("seed article (4.3 kB) x1", [(seed, None)])],
        )
    )


if __name__ == "__main__":
    main()
