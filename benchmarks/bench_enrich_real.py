"""Enrichment on real, third-party-labelled text: event types, tolls, places and claimants, per set and field.

Run: ``python benchmarks/bench_enrich_real.py`` (``--sets case,satp`` to choose, ``--limit N`` to take every k-th
text so about N remain, ``--half even|odd`` to score one half of each set, ``--errors FIELD`` to print misses).

The sets are read from ``../shared/enrich-real/`` (see ``benchmarks/real_sets.py`` for how labels map to our
fields); a missing set prints "absent". Every text goes through ``transforms.enrich.enrich_text`` exactly as the
pipeline runs it, with the country hint the source would be configured with (SATP: IN, FA-KES: SY, shootings:
US; none for CASE and UCDP).

Measures (each a share of the rows that carry the label):
- event type: the first event's ACLED type is one the labels allow; sub-type (CASE); for non-ACLED CASE
  snippets (disasters, diplomacy, crime, attribution) the share that yield an event (lower is better).
- killed / injured / abducted found: on rows whose count is above zero, a figure of that category with that value
  (inside its range) or the article's incident total for the category equal to it; "zero right": on rows whose
  count is zero, nothing above zero reported for the category. Detained: on arrest incidents, some detained
  figure of at least one.
- place within 25 km: some place mention within 25 km of the coded point (SATP villages, UCDP ``where_prec`` 1-2),
  and the same counting only village- or city-level mentions, then only district-level ones (how precise the hit is);
  "event place": the first event's place, else the primary place; district: a mention names the coded district
  (as itself or as the district it lies in); governorate (FA-KES, UCDP): a mention in the coded first-order area;
  "place mentions in the set's country" (SATP, FA-KES, shootings: each report is about one country): the share of
  all place mentions that lie in it, a precision proxy (a common word or a surname read as a place abroad).
- claimant: UCDP rows with a reporting source; a figure's claimant names one of the sources (words or actor).
- throughput: texts/s of ``enrich_text`` against ``BeautifulSoup(html, "lxml")`` of the same texts wrapped in a
  minimal page, CPU time in the same process (ratio; the SPEC target is on pages, see ``bench_enrich.py``).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.real_sets import SETS, LabelledText, load_set  # noqa: E402
from transforms.enrich import enrich_text  # noqa: E402

_KM = 25.0
_PRECISION_LEVEL = {"village": "village", "city": "village", "neighbourhood": "village", "district": "district"}
_FIGURE_CATEGORIES = {
    "killed": ("killed",),
    "injured": ("injured",),
    "abducted": ("abducted",),
    "detained": ("detained", "captured", "arrested"),
}


@dataclass(slots=True)
class Tally:
    """Hits over rows for one measure, with the rows missed (for ``--errors``)."""

    hits: int = 0
    rows: int = 0
    misses: list[tuple[LabelledText, str]] = field(default_factory=list)

    def add(self, hit: bool, item: LabelledText, why: str = "") -> None:
        self.rows += 1
        self.hits += hit
        if not hit:
            self.misses.append((item, why))

    def cell(self) -> str:
        return f"{self.hits / self.rows:.3f} ({self.hits}/{self.rows})" if self.rows else "-"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _point(place: object) -> tuple[float, float] | None:
    lat, lon = getattr(place, "latitude", None), getattr(place, "longitude", None)
    return (lat, lon) if lat is not None and lon is not None else None


def _values(enrichment: object, category: str) -> list[tuple[int, int]]:
    """(low, high) of every figure and incident total of ``category`` (and its synonyms)."""
    names = _FIGURE_CATEGORIES[category]
    out = []
    for figure in getattr(enrichment, "figures", ()):
        if figure.category in names and figure.value_low is not None:
            out.append((figure.value_low, figure.value_high if figure.value_high is not None else figure.value_low))
    for total in getattr(enrichment, "incident_totals", ()) or getattr(enrichment, "totals", ()):
        if total.category in names and getattr(total, "value_low", None) is not None:
            high = total.value_high if getattr(total, "value_high", None) is not None else total.value_low
            out.append((total.value_low, high))
    return out


def _count_hit(values: list[tuple[int, int]], expected: int) -> bool:
    if expected == 0:
        return all(high == 0 for _, high in values)
    return any(low <= expected <= high for low, high in values)


def _place_names(place: object) -> set[str]:
    names = {getattr(place, attr, None) for attr in ("name", "text", "within", "district", "admin2", "admin2_name")}
    return {_fold(name) for name in names if isinstance(name, str) and name}


def _admin1_names(place: object) -> set[str]:
    names = {getattr(place, attr, None) for attr in ("admin1_name", "province", "admin1")}
    if getattr(place, "precision", None) == "admin1":
        names.add(getattr(place, "name", None))
    return {_fold(name) for name in names if isinstance(name, str) and name}


def _claimant_hit(enrichment: object, sources: Sequence[str]) -> bool:
    claimed = [
        _fold(figure.claimant) + " " + _fold(figure.claimant_actor_id or "")
        for figure in getattr(enrichment, "figures", ())
        if figure.claimant not in {"reporter", "unnamed"}
    ]
    wanted = [_words(source) for source in sources]
    return any(words and words <= set(text.split()) for text in claimed for words in wanted)


def _words(text: str) -> set[str]:
    return set(_fold(text).split()) - {"the", "of", "and", "for"}


def _names_any(text: str, sources: Sequence[str]) -> bool:
    """Whether the text names one of the sources at all: only then can a claimant be found in it."""
    words = _words(text)
    return any(_words(source) and _words(source) <= words for source in sources)


@dataclass(slots=True)
class SetScore:
    """Every measure of one set, by name, in print order."""

    tallies: dict[str, Tally] = field(default_factory=dict)

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())


def score(items: Iterable[LabelledText], enrich: Callable[[LabelledText], object]) -> SetScore:
    """Enrich each text and tally every measure its labels allow."""
    result = SetScore()
    for item in items:
        found = enrich(item)
        events = getattr(found, "events", ())
        first = events[0] if events else None
        if item.event_types is not None:
            if item.event_types:
                got = first.event_type if first else "no event"
                result.tally("event type").add(got in item.event_types, item, got)
                if item.sub_event_type:
                    sub = first.sub_event_type if first else "no event"
                    result.tally("sub-event type").add(_fold(sub) == _fold(item.sub_event_type), item, sub)
            else:
                got = first.event_type if first else ""
                result.tally("non-ACLED with event (lower is better)").add(
                    first is not None, item, f"{got}: {first.evidence[:90] if first else ''}"
                )
        for category in ("killed", "injured", "abducted"):
            expected = getattr(item, category)
            if expected is None:
                continue
            values = _values(found, category)
            name = f"{category} found" if expected > 0 else f"{category} zero right"
            result.tally(name).add(_count_hit(values, expected), item, f"want {expected} got {values}")
        if item.detained:
            values = _values(found, "detained")
            result.tally("detained found").add(any(high >= 1 for _, high in values), item, f"got {values}")
        places = getattr(found, "places", ())
        if item.country_hint:
            # precision proxy: the sets' reports are about one country, so a place abroad is mostly a wrong reading
            for place in places:
                where = getattr(place, "country", None)
                result.tally("place mentions in the set's country").add(
                    where == item.country_hint, item, f"{place.text} -> {place.name}, {where} ({place.reason})"
                )
        if item.point is not None and item.point_exact:
            near = [p for p in places if (pt := _point(p)) and _km(pt, item.point) <= _KM]
            result.tally("place within 25 km").add(bool(near), item, ", ".join(p.name for p in places))
            for level in ("village", "district"):  # how precise the nearest good reading is
                at_level = [p for p in near if _PRECISION_LEVEL.get(p.precision) == level]
                result.tally(f"place within 25 km, {level} level").add(bool(at_level), item)
            anchor = (first.place if first and first.place else None) or getattr(found, "primary_place", None)
            at = _point(anchor) if anchor else None
            result.tally("event place within 25 km").add(
                at is not None and _km(at, item.point) <= _KM, item, anchor.name if anchor else "none"
            )
        if item.district and item.set_name == "satp":
            want = _fold(item.district)
            result.tally("district named").add(any(want in _place_names(p) for p in places), item, item.district)
        if item.admin1 and item.set_name in {"fakes", "ucdp"}:
            want = _fold(item.admin1)
            hit = any(want in _admin1_names(p) or want in _place_names(p) for p in places)
            result.tally("governorate named").add(hit, item, item.admin1)
        if item.claimants:
            hit = _claimant_hit(found, item.claimants)
            why = f"want {item.claimants} got {[f.claimant for f in getattr(found, 'figures', ())]}"
            if _names_any(item.text, item.claimants):
                result.tally("claimant is the source (source in text)").add(hit, item, why)
            result.tally("claimant is the source (all with a source)").add(hit, item, why)
        result.tally("texts").add(True, item)
    return result


def _enrich(item: LabelledText) -> object:
    return enrich_text(item.text, country_hint=item.country_hint)


def throughput(items: Sequence[LabelledText]) -> tuple[float, float]:
    """(enrich texts/s, bare parse texts/s) in CPU time, interleaved in halves so load hits both."""
    pages = [f"<html><body><p>{item.text}</p></body></html>" for item in items]
    enrich_cpu = parse_cpu = 0.0
    for part in (slice(0, len(items) // 2), slice(len(items) // 2, None)):
        start = time.process_time()
        for item in items[part]:
            _enrich(item)
        enrich_cpu += time.process_time() - start
        start = time.process_time()
        for page in pages[part]:
            BeautifulSoup(page, "lxml")
        parse_cpu += time.process_time() - start
    return len(items) / max(enrich_cpu, 1e-9), len(items) / max(parse_cpu, 1e-9)


def _sample(items: tuple[LabelledText, ...], limit: int | None, half: str | None) -> tuple[LabelledText, ...]:
    if half:
        items = tuple(item for index, item in enumerate(items) if index % 2 == (half == "odd"))
    if limit and len(items) > limit:
        step = len(items) / limit
        items = tuple(items[int(index * step)] for index in range(limit))
    return items


_MEASURE_ORDER = (
    "event type",
    "sub-event type",
    "non-ACLED",
    "killed found",
    "injured found",
    "detained found",
    "abducted found",
    "killed zero",
    "injured zero",
    "abducted zero",
    "place within",
    "place mentions",
    "event place",
    "district",
    "governorate",
    "claimant",
)


def _order(measure: str) -> int:
    return next((i for i, prefix in enumerate(_MEASURE_ORDER) if measure.startswith(prefix)), len(_MEASURE_ORDER))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ", ".join(SETS))
    parser.add_argument("--limit", type=int, default=None, help="about this many texts per set (evenly spaced)")
    parser.add_argument("--half", choices=("even", "odd"), default=None, help="score one half of each set")
    parser.add_argument("--errors", default=None, help="print the misses of this measure (e.g. 'killed found')")
    args = parser.parse_args(argv)
    unknown = set(args.sets.split(",")) - set(SETS)
    if unknown:
        parser.error(f"unknown set(s): {', '.join(sorted(unknown))}; choose from {', '.join(SETS)}")
    print("real, third-party-labelled text (../shared/enrich-real); figures are shares of labelled rows\n")
    print(f"{'set':<10} {'measure':<42} {'result':>22}")
    for name in args.sets.split(","):
        items = load_set(name)
        if items is None:
            print(f"{name:<10} {'(set)':<42} {'absent':>22}")
            continue
        items = _sample(items, args.limit, args.half)
        started = time.perf_counter()
        result = score(items, _enrich)
        elapsed = time.perf_counter() - started
        for measure, tally in sorted(result.tallies.items(), key=lambda pair: _order(pair[0])):
            if measure != "texts":
                print(f"{name:<10} {measure:<42} {tally.cell():>22}")
        print(f"{name:<10} {'texts, wall s':<42} {f'{len(items)}, {elapsed:.1f}':>22}")
        if args.errors and args.errors in result.tallies:
            for item, why in result.tallies[args.errors].misses:
                print(f"  - [{item.row}] {why}\n      {item.text[:300]!r}")
    speed_items = _sample(load_set("shootings") or (), 300, None) + _sample(load_set("satp") or (), 300, None)
    if speed_items:
        enrich_rate, parse_rate = throughput(speed_items)
        print(f"\n{'throughput':<10} {'enrich texts/s (CPU), shootings+SATP':<42} {enrich_rate:>22.1f}")
        print(f"{'':<10} {'bare BeautifulSoup parse texts/s':<42} {parse_rate:>22.1f}")
        print(f"{'':<10} {'ratio enrich / parse':<42} {enrich_rate / parse_rate:>22.2f}")
        print("(anchor: a minimal page per text; SPEC §8's 2x target is on real pages: bench_enrich.py)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
