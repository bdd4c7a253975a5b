"""Per-language enrichment benchmark: how much of a French, Spanish, Arabic, Russian or Ukrainian report we read.

Run: ``python benchmarks/bench_enrich_lang.py`` (``--lang fr`` for one language, ``--errors`` to list the misses).

The labelled sets are ``benchmarks/data/lang/{fr,es,ar,ru,uk,en}.jsonl`` (written for the project, see the README
there); ``en`` is a small English control, so a gap between it and the others is a language gap, not a hard set.
Each text is enriched the way ``flows/pipeline.py`` does it: an ``Article`` declaring the language its page
would declare (``<html lang>``), through ``transforms.enrich.enrich_article``, no country hint.

Scores, per language:
- figures: a labelled figure is found when an extracted figure has its category and its value (``value_low``, or
  within ``value_low..value_high``, or ``value_high`` of an upper bound alone); precision counts every extracted
  figure matching no label as a false one.
- claimant: of the labelled figures found, those whose claimant is right. Both sides are folded (Unicode NFKD,
  combining marks, Arabic harakat and tatweel dropped, case-folded, punctuation to spaces, ``ё``→``е``) and the
  claimant is right when either folded text contains the other; a ``null`` label wants no claimant
  (``reporter``, SPEC's word for an unattributed figure, or ``unnamed``/``unknown``). "Contains either way"
  because labels and extractors disagree on how much of a noun phrase to keep ("the health ministry in Gaza"
  vs "health ministry"); a wrong source shares neither way.
- places: a labelled place is found when a resolved place lies within 25 km of it (a labelled area: 100 km of
  a first-level region's point, 500 km of a country's, since an area has no one right point); precision counts
  resolved places near no label.
- event type: the first event's type equals the label (``null``: no event at all).
- speed: enrichment rate over the bare ``BeautifulSoup(page, "lxml")`` rate of the same text wrapped as a news
  page (headline, navigation, scripts and footer boilerplate of a real page's size, the text as paragraphs,
  five labelled texts an article), CPU time, rounds alternating, median ratio (SPEC §8 asks ≥ 2).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from records import Article, Enrichment  # noqa: E402
from transforms.enrich import enrich_article  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "lang"
LANGUAGES = ("fr", "es", "ar", "ru", "uk", "en")
PLACE_KM = 25.0
AREA_KM = {"country": 500.0, "admin1": 100.0}
TEXTS_PER_PAGE = 5
ROUNDS = 5
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_NOT_WORD = re.compile(r"[\W_]+")
_NO_CLAIMANT = frozenset({"reporter", "unnamed", "unknown"})


@dataclass(frozen=True, slots=True)
class LabelledFigure:
    category: str
    value: int
    claimant: str | None


@dataclass(frozen=True, slots=True)
class LabelledPlace:
    """A labelled place; ``kind`` is ``country`` or ``admin1`` for an area, None for a town or a site."""

    name: str
    lat: float
    lon: float
    kind: str | None = None

    @property
    def radius_km(self) -> float:
        """How far a resolved point may lie from this label and still be this place."""
        return AREA_KM[self.kind] if self.kind else PLACE_KM


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled text of ``benchmarks/data/lang``."""

    id: str
    language: str
    text: str
    figures: tuple[LabelledFigure, ...]
    places: tuple[LabelledPlace, ...]
    event_type: str | None


@dataclass(slots=True)
class Tally:
    """Counts of one language; ``misses`` are the lines ``--errors`` prints."""

    figures: int = 0
    figures_found: int = 0
    figures_extracted: int = 0
    figures_false: int = 0
    claimants_right: int = 0
    places: int = 0
    places_found: int = 0
    places_resolved: int = 0
    places_false: int = 0
    events_right: int = 0
    items: int = 0
    speed: float | None = None
    misses: list[str] = field(default_factory=list)


def folded(text: str) -> str:
    """``text`` without case, diacritics, Arabic vowel marks or punctuation, for comparing claimants."""
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKD", text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("ё", "е")
    return _NOT_WORD.sub(" ", text).strip()


def claimant_matches(label: str | None, found: str | None) -> bool:
    """Whether an extracted claimant agrees with the label: folded, either contains the other."""
    found_folded = "" if found is None or found in _NO_CLAIMANT else folded(found)
    if label is None:
        return not found_folded
    label_folded = folded(label)
    return bool(found_folded) and (label_folded in found_folded or found_folded in label_folded)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def load_items(language: str) -> list[Item]:
    """The labelled texts of one language."""
    items = []
    for line in (DATA / f"{language}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        items.append(
            Item(
                id=row["id"],
                language=row["language"],
                text=row["text"],
                figures=tuple(LabelledFigure(f["category"], f["value"], f["claimant"]) for f in row["figures"]),
                places=tuple(LabelledPlace(p["name"], p["lat"], p["lon"], p.get("kind")) for p in row["places"]),
                event_type=row["event_type"],
            )
        )
    return items


def article_for(item: Item) -> Article:
    """The article a page carrying ``item`` would parse to, declaring the item's language."""
    url = f"https://news.example/{item.language}/{item.id}"
    return Article("bench-lang", url, url, "", None, item.text, language=item.language)


def value_matches(figure: LabelledFigure, low: int | None, high: int | None) -> bool:
    """A hedge does not change the labelled value (README): an upper bound alone ("до 400", "hasta 30")
    prints its number as ``value_high``."""
    if low is None:
        return high is not None and figure.value == high
    return low <= figure.value <= (high if high is not None else low)


def score_item(item: Item, enrichment: Enrichment, tally: Tally) -> None:
    """Add one text's figures, claimants, places and event type to ``tally``."""
    tally.items += 1
    used: set[int] = set()
    for label in item.figures:
        tally.figures += 1
        match = next(
            (
                i
                for i, f in enumerate(enrichment.figures)
                if i not in used and f.category == label.category and value_matches(label, f.value_low, f.value_high)
            ),
            None,
        )
        if match is None:
            tally.misses.append(f"{item.id} figure missed: {label.category}={label.value} | {item.text}")
            continue
        used.add(match)
        tally.figures_found += 1
        found = enrichment.figures[match].claimant
        if claimant_matches(label.claimant, found):
            tally.claimants_right += 1
        else:
            tally.misses.append(f"{item.id} claimant: want {label.claimant!r}, got {found!r} | {item.text}")
    tally.figures_extracted += len(enrichment.figures)
    for i, f in enumerate(enrichment.figures):
        if i not in used:
            tally.figures_false += 1
            tally.misses.append(f"{item.id} extra figure: {f.category}={f.value_low} {f.text!r} | {item.text}")
    points = [
        (p.latitude, p.longitude, p.name)
        for p in enrichment.places
        if p.latitude is not None and p.longitude is not None
    ]
    for place in item.places:
        tally.places += 1
        if any(distance_km((place.lat, place.lon), (lat, lon)) <= place.radius_km for lat, lon, _ in points):
            tally.places_found += 1
        else:
            tally.misses.append(f"{item.id} place missed: {place.name} | {item.text}")
    tally.places_resolved += len(points)
    for lat, lon, name in points:
        if not any(distance_km((p.lat, p.lon), (lat, lon)) <= p.radius_km for p in item.places):
            tally.places_false += 1
            tally.misses.append(f"{item.id} extra place: {name} | {item.text}")
    event = enrichment.events[0].event_type if enrichment.events else None
    if event == item.event_type:
        tally.events_right += 1
    else:
        tally.misses.append(f"{item.id} event: want {item.event_type}, got {event} | {item.text}")


_NAV = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(60))
_SCRIPT = "var analytics = {" + ",".join(f'"k{n}": "{"x" * 40}"' for n in range(400)) + "};"
_FOOTER = "".join(f'<p class="legal"><a href="/page/{n}">Mentions, conditions, contact {n}</a></p>' for n in range(40))


def page_for(items: Sequence[Item]) -> bytes:
    """A news page (~30 kB, mostly boilerplate: nav, script, footer) carrying ``items`` as its article paragraphs."""
    language = items[0].language
    paragraphs = "".join(f"<p>{item.text}</p>" for item in items)
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{items[0].text[:70]}</title>'
        f"<script>{_SCRIPT}</script></head><body><header><nav><ul>{_NAV}</ul></nav></header>"
        f'<main><article><h1>{items[0].text[:70]}</h1><div class="byline">Staff</div>{paragraphs}</article></main>'
        f"<aside><ul>{_NAV}</ul></aside><footer>{_FOOTER}</footer></body></html>"
    ).encode()


def speed_ratio(items: Sequence[Item]) -> float:
    """Median over rounds of (enriched articles per CPU second) / (bare-parsed pages per CPU second)."""
    chunks = [items[i : i + TEXTS_PER_PAGE] for i in range(0, len(items), TEXTS_PER_PAGE)]
    pages = [page_for(chunk) for chunk in chunks]
    articles = [
        article_for(Item(chunk[0].id, chunk[0].language, "\n\n".join(i.text for i in chunk), (), (), None))
        for chunk in chunks
    ]
    ratios = []
    for _ in range(ROUNDS):
        started = time.process_time()
        for page in pages:
            BeautifulSoup(page, "lxml")
        parse_seconds = time.process_time() - started
        started = time.process_time()
        for article in articles:
            enrich_article(article)
        enrich_seconds = time.process_time() - started
        ratios.append(parse_seconds / max(enrich_seconds, 1e-9))
    return statistics.median(ratios)


def measure(language: str, *, speed: bool = True) -> Tally:
    """Score enrichment on one language's labelled set."""
    items = load_items(language)
    tally = Tally()
    for item in items:
        score_item(item, enrich_article(article_for(item)), tally)
    if speed:
        tally.speed = speed_ratio(items)
    return tally


def _cell(hits: int, total: int) -> str:
    return f"{hits / total:.2f} ({hits}/{total})" if total else "-"


def row(language: str, tally: Tally) -> str:
    """One line of the table."""
    figure_precision = _cell(tally.figures_extracted - tally.figures_false, tally.figures_extracted)
    place_precision = _cell(tally.places_resolved - tally.places_false, tally.places_resolved)
    cells = (
        language,
        _cell(tally.figures_found, tally.figures),
        figure_precision,
        _cell(tally.claimants_right, tally.figures_found),
        _cell(tally.places_found, tally.places),
        place_precision,
        _cell(tally.events_right, tally.items),
        "-" if tally.speed is None else f"{tally.speed:.2f}x",
    )
    return " | ".join(f"{c:<14}" for c in cells)


HEADER = " | ".join(
    f"{c:<14}"
    for c in ("lang", "figures rec", "figures prec", "claimant ok", "places rec", "places prec", "event type", "speed")
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lang", choices=LANGUAGES, help="one language only")
    parser.add_argument("--errors", action="store_true", help="print every miss")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed rounds")
    args = parser.parse_args(argv)
    print(HEADER)
    for language in [args.lang] if args.lang else LANGUAGES:
        tally = measure(language, speed=not args.no_speed)
        print(row(language, tally), flush=True)
        if args.errors:
            for miss in tally.misses:
                print("   ", miss)
    print("speed: enrichment rate / bare BeautifulSoup rate of the same text as a news page (SPEC asks >= 2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
