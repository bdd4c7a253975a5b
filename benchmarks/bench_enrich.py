"""Enrichment benchmark: quality on the labelled reports and speed against a bare BeautifulSoup parse.

Run: ``python benchmarks/bench_enrich.py`` (``--errors`` also lists every report that differs from its labels).

Quality, on ``tests/data/enrich_labelled.jsonl`` (reports written for the project, ACLED-notes style, with
traps): micro precision/recall/F1 of places (resolved name and country) and of armed actors (dictionary ids;
a reporting source counted as an actor is a false positive), and the accuracy of the first event's type and
sub-type (a report with no event must yield none).

Speed (SPEC §8: enrichment ≥ 2× the bare parse rate), one core, same process, CPU time (``process_time``: the
machine is shared): the whole ``enrich_article``/``enrich_text`` (sentences, places, actors, events, figures)
of each page's body against ``BeautifulSoup(html, "lxml")`` of the page itself, on (a) the extraction-dev pages
(bodies from their ground truth) and (b) the bundled sample pages (bodies and datelines from
``extractors.parse.parse_html``: small pages, dense conflict copy, so the harder case). Parse and enrichment
alternate round by round so load on the machine hits both; the ratio is the median of the rounds'.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from extractors.parse import parse_html
from records import Event
from transforms.actors import find_actors, load_actor_dictionary
from transforms.enrich import enrich_text
from transforms.events import classify_events
from transforms.gazetteer import load_gazetteer, matching_text
from transforms.places import resolve_places
from transforms.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "enrich_labelled.jsonl"
SEED = ROOT.parent / "shared" / "seed-article.txt"
DEV_PAGES = ROOT.parent / "shared" / "extraction-dev"
SAMPLES = ROOT / "flows" / "samples"
TARGET = 2.0


@dataclass(frozen=True, slots=True)
class Page:
    """A stored page and what enrichment reads of it: the body and the dateline."""

    html: bytes
    body: str
    dateline: str | None


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


def dev_pages(folder: Path) -> list[Page]:
    """The extraction-dev pages with their ground-truth bodies (no dateline: the truth has none)."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        Page(gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()), entry["articleBody"], None)
        for page_id, entry in sorted(truth.items())
    ]


def sample_pages() -> list[Page]:
    """The bundled sample pages (site and directory) with the body and dateline the pipeline parses from them."""
    pages = []
    for path in sorted([*SAMPLES.glob("site/**/*.html"), *SAMPLES.glob("directory/*.htm*")]):
        html = path.read_bytes()
        if html[:2] == b"\x1f\x8b":
            html = gzip.decompress(html)
        article = parse_html(html, f"https://samples.example/{path.relative_to(SAMPLES)}")
        pages.append(Page(html, article.body, article.dateline))
    return pages


def speed(name: str, pages: Sequence[Page], rounds: int) -> tuple[str, ...]:
    """Enrichment and bare-parse rates (pages per CPU second) and the median ratio of ``rounds`` rounds."""
    enrich_rates, parse_rates = [], []
    for _ in range(rounds):
        started = time.process_time()
        for page in pages:
            BeautifulSoup(page.html, "lxml")
        parse_rates.append(len(pages) / (time.process_time() - started))
        started = time.process_time()
        for page in pages:
            enrich_text(page.body, dateline=page.dateline)
        enrich_rates.append(len(pages) / (time.process_time() - started))
    ratio = statistics.median(e / p for e, p in zip(enrich_rates, parse_rates, strict=True))
    return (
        f"{name} ({len(pages)})",
        f"{statistics.median(enrich_rates):,.0f}",
        f"{statistics.median(parse_rates):,.0f}",
        f"{ratio:.2f}x",
        "pass" if ratio >= TARGET else "FAIL",
    )


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
    parser.add_argument("--rounds", type=int, default=7, help="interleaved parse/enrich rounds per page set")
    parser.add_argument("--dev-pages", type=Path, default=DEV_PAGES, help="extraction-dev folder (ground-truth.json)")
    args = parser.parse_args()
    started = time.perf_counter()
    load_gazetteer()
    load_time = time.perf_counter() - started
    load_actor_dictionary()
    reports = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"self-written labelled reports (ours, not a measure of real text; see bench_enrich_real.py): {len(reports)}")
    print(f"gazetteer load: {load_time:.2f} s\n")
    print(_table(("field", "precision", "recall", "F1 / accuracy"), quality(reports, args.errors)), "\n")
    print(_table(("seed article", "result"), seed_checks()), "\n")
    page_sets = [("sample pages", sample_pages())]
    if (args.dev_pages / "ground-truth.json").exists():
        page_sets.insert(0, ("extraction-dev pages", dev_pages(args.dev_pages)))
    for _, pages in page_sets:  # warm the regular expression caches and one-off loads of every path
        for page in pages:
            enrich_text(page.body, dateline=page.dateline)
    print(
        _table(
            ("pages", "enrich pages/s", "bs4 parses/s", f"enrich / parse (target {TARGET:.0f}x)", "result"),
            [speed(name, pages, args.rounds) for name, pages in page_sets],
        )
    )


if __name__ == "__main__":
    main()
