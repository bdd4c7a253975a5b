"""Extraction benchmark: conflictwire vs trafilatura on every shared extraction set, in one process.

Usage: ``python benchmarks/bench_extract.py [--sets dev,fundus,evaldata] [--rounds N] [--worst K] [--sample N]``

Sets, read from ``../shared/`` beside the repository (a missing set prints "absent"):

- ``dev``: ``extraction-dev/``, news pages with their true body. Body score: the shingle F1 of the benchmark the
  pages come from (4-token shingles, page-mean precision and recall, F1 of the means), as its README defines it.
- ``fundus``: ``extraction-web/fundus/``, news pages with gold title, authors, date and body. Body score: the mean
  per-page bag-of-tokens F1 (recall against the sections, precision against summary plus sections).
- ``evaldata``: ``extraction-web/evaldata/``, general web pages with text chunks that must and must not appear.
  Body score: the pooled chunk F1 of trafilatura's own evaluation.

Each row gives the body score, pages with a page score below 0.5, empty bodies, title / authors / date match rates
(on the pages whose gold has that field) and pages per second, with the bare ``BeautifulSoup(html, "lxml")`` parse
of the same pages as the speed floor. Every extractor runs on every page interleaved, page by page, and each page
keeps its fastest of ``--rounds`` runs, so the ratios hold on a busy machine. trafilatura runs with the settings of
its own evaluation (``bare_extraction(with_metadata=True, include_comments=False, include_tables=True)``).
Scoring follows ``extraction-web/README.md``: both sides normalised the same way before any comparison.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from extractors.parse import decode_html, parse_html

SHARED = Path(__file__).resolve().parents[2] / "shared"
_WORD = re.compile(r"\w+")
_SHINGLE = 4
# Han and kana characters are one token each (no spaces between words); other tokens are runs of non-space.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‹": "'", "›": "'", "“": '"', "”": '"', "„": '"',
                         "«": '"', "»": '"', "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
                         "\u00ad": None})  # fmt: skip
_PUNCT = re.compile(r"[^\w\s]")
_VERSION = re.compile(r"V(\d+)(?:_(\d+))?")


def normalise(text: str) -> str:
    """NFC, straight quotes, no zero-width characters or soft hyphens, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).split())


def _name_key(name: str) -> str:
    return " ".join(_PUNCT.sub(" ", normalise(name).casefold()).split())


@dataclass(frozen=True, slots=True)
class Gold:
    """What a page should give; a field is None when the gold does not have it."""

    body: str | None = None  # dev: the true body
    recall_body: str | None = None  # fundus: the sections
    precision_body: str | None = None  # fundus: summary plus sections
    with_chunks: tuple[str, ...] = ()  # evaldata
    without_chunks: tuple[str, ...] = ()
    title: str | None = None
    authors: frozenset[str] | None = None
    days: frozenset[date] | None = None  # the publishing day, local and UTC


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its id, URL, raw bytes, decoded text and gold."""

    id: str
    url: str
    raw: bytes
    html: str
    gold: Gold


@dataclass(frozen=True, slots=True)
class Extraction:
    """What an extractor returned for one page, in comparable form."""

    body: str
    title: str | None
    authors: frozenset[str]
    days: frozenset[date]


@dataclass(frozen=True, slots=True)
class SetScore:
    """One extractor on one set."""

    body: float
    below_half: int | None
    empty: int
    title: float | None
    authors: float | None
    date: float | None
    page_scores: dict[str, float]


# --- loading -----------------------------------------------------------------------------------------------------


def _page(page_id: str, url: str, raw: bytes, gold: Gold) -> Page:
    return Page(page_id, url, raw, decode_html(raw), gold)


def load_dev(folder: Path) -> list[Page]:
    """extraction-dev: ``ground-truth.json`` and the gzipped pages beside it."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        _page(pid, truth[pid]["url"], gzip.decompress((folder / "html" / f"{pid}.html.gz").read_bytes()),
              Gold(body=truth[pid]["articleBody"] or ""))
        for pid in sorted(truth)
    ]  # fmt: skip


def _version_key(name: str) -> tuple[int, int]:
    match = _VERSION.fullmatch(name)
    return (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 0)


def _gold_days(stamp: str | None) -> frozenset[date] | None:
    if not stamp:
        return None
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    days = {when.date()}
    if when.utcoffset() is not None:
        days.add((when - when.utcoffset()).date())  # type: ignore[operator]
    return frozenset(days)


def load_fundus(folder: Path) -> list[Page]:
    """fundus: per publisher, pages sorted by name paired with gold versions sorted by version."""
    pages = []
    for country in sorted(p for p in folder.iterdir() if p.is_dir()):
        meta = json.loads((country / "meta.info").read_text(encoding="utf-8"))
        for gold_file in sorted(country.glob("*.json")):
            versions = json.loads(gold_file.read_text(encoding="utf-8"))
            files = sorted(country.glob(f"{gold_file.stem}_*.html.gz"))
            for path, version in zip(files, sorted(versions, key=_version_key), strict=False):
                item = versions[version]
                body = item.get("body") or {}
                sections = [
                    t for s in body.get("sections", []) for t in s.get("headline", []) + s.get("paragraphs", [])
                ]
                summary = list(body.get("summary", []))
                authors = item.get("authors")
                gold = Gold(
                    recall_body="\n".join(sections),
                    precision_body="\n".join(summary + sections),
                    title=item.get("title") or None,
                    authors=frozenset(_name_key(a) for a in authors) if authors else None,
                    days=_gold_days(item.get("publishing_date")),
                )
                pages.append(_page(f"{country.name}/{path.name}", meta[path.name]["url"],
                                   gzip.decompress(path.read_bytes()), gold))  # fmt: skip
    return pages


def load_evaldata(folder: Path) -> list[Page]:
    """evaldata: ``evaldata.json`` keyed by URL, with the chunks that must and must not be extracted."""
    truth = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        item = truth[key]
        raw = gzip.decompress((folder / item["file"]).read_bytes())
        day = None
        if item.get("date"):
            try:
                day = frozenset({date.fromisoformat(item["date"])})
            except ValueError:
                day = None
        author = item.get("author")
        names = author.split(";") if isinstance(author, str) else list(author or ())
        gold = Gold(
            with_chunks=tuple(item.get("with") or ()),
            without_chunks=tuple(item.get("without") or ()),
            title=item.get("title") or None,
            authors=frozenset(_name_key(a) for a in names if a.strip()) or None,
            days=day,
        )
        pages.append(_page(item["file"], key if key.startswith("http") else "", raw, gold))
    return pages


LOADERS: dict[str, tuple[Path, Callable[[Path], list[Page]]]] = {
    "dev": (SHARED / "extraction-dev", load_dev),
    "fundus": (SHARED / "extraction-web" / "fundus", load_fundus),
    "evaldata": (SHARED / "extraction-web" / "evaldata", load_evaldata),
}


# --- extractors --------------------------------------------------------------------------------------------------


def run_conflictwire(page: Page) -> Extraction:
    """conflictwire from the raw bytes (decoding included), as the pipeline runs it."""
    article = parse_html(page.raw, page.url or "about:blank", source="bench")
    days: set[date] = set()
    if article.published_at is not None:
        days.add(article.published_at.date())
        if article.published_offset_minutes is not None:
            days.add((article.published_at + timedelta(minutes=article.published_offset_minutes)).date())
    return Extraction(article.body, article.title, frozenset(_name_key(a) for a in article.authors), frozenset(days))


def make_trafilatura() -> Callable[[Page], Extraction]:
    """trafilatura with its evaluation settings (imported here: a benchmark-only dependency)."""
    from trafilatura import bare_extraction
    from trafilatura.settings import Document

    def run(page: Page) -> Extraction:
        try:
            doc = bare_extraction(page.html, url=page.url or None, with_metadata=True, include_comments=False,
                                  include_tables=True)  # fmt: skip
        except Exception:  # a crash counts as an empty extraction, as in trafilatura's own evaluation
            return Extraction("", None, frozenset(), frozenset())
        if not isinstance(doc, Document):  # None: nothing found (a dict only with as_dict=True)
            return Extraction("", None, frozenset(), frozenset())
        authors = frozenset(_name_key(a) for a in (doc.author or "").split(";") if a.strip())
        days: frozenset[date] = frozenset()
        if doc.date:
            try:
                days = frozenset({date.fromisoformat(doc.date[:10])})
            except ValueError:
                days = frozenset()
        return Extraction(doc.text or "", doc.title or None, authors, days)

    return run


def bare_parse(page: Page) -> Extraction:
    """The speed floor: BeautifulSoup's lxml parse of the decoded page, nothing more."""
    BeautifulSoup(page.html, "lxml")
    return Extraction("", None, frozenset(), frozenset())


# --- scoring -----------------------------------------------------------------------------------------------------


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text)
    if len(tokens) < _SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1))


def shingle_precision_recall(predicted: str, truth: str) -> tuple[float, float]:
    """extraction-dev's page precision and recall (1.0 each when nothing is missing or extra)."""
    pred, true = _shingles(predicted), _shingles(truth)
    tp = sum((pred & true).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    if tp == 0:
        return 0.0, 0.0
    return tp / (tp + fp), tp / (tp + fn)


def token_f1(predicted: str, recall_gold: str, precision_gold: str) -> float:
    """fundus's page F1: bag of tokens, recall against the sections, precision against summary plus sections."""
    pred = Counter(_TOKEN.findall(normalise(predicted)))
    if not pred:
        return 0.0
    recall_tokens = Counter(_TOKEN.findall(normalise(recall_gold)))
    precision_tokens = Counter(_TOKEN.findall(normalise(precision_gold)))
    precision = sum((pred & precision_tokens).values()) / sum(pred.values())
    recall = sum((pred & recall_tokens).values()) / max(1, sum(recall_tokens.values()))
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _rate(hits: list[bool]) -> float | None:
    return sum(hits) / len(hits) if hits else None


def _metadata(pages: list[Page], out: dict[str, Extraction]) -> tuple[float | None, float | None, float | None]:
    titles = [normalise(out[p.id].title or "") == normalise(p.gold.title) for p in pages if p.gold.title]
    authors = [out[p.id].authors == p.gold.authors for p in pages if p.gold.authors]
    dates = [bool(out[p.id].days & p.gold.days) for p in pages if p.gold.days]
    return _rate(titles), _rate(authors), _rate(dates)


def score_dev(pages: list[Page], out: dict[str, Extraction]) -> SetScore:
    """Shingle F1 of the page-mean precision and recall."""
    pairs = {p.id: shingle_precision_recall(out[p.id].body, p.gold.body or "") for p in pages}
    precision = statistics.fmean(pr[0] for pr in pairs.values())
    recall = statistics.fmean(pr[1] for pr in pairs.values())
    page_f1 = {k: 2 * p * r / (p + r) if p + r else 0.0 for k, (p, r) in pairs.items()}
    empty = sum(not out[p.id].body.strip() for p in pages)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SetScore(f1, sum(v < 0.5 for v in page_f1.values()), empty, None, None, None, page_f1)


def score_fundus(pages: list[Page], out: dict[str, Extraction]) -> SetScore:
    """Mean per-page token F1, with metadata match rates."""
    page_f1 = {p.id: token_f1(out[p.id].body, p.gold.recall_body or "", p.gold.precision_body or "") for p in pages}
    empty = sum(not out[p.id].body.strip() for p in pages)
    below = sum(v < 0.5 for v in page_f1.values())
    return SetScore(statistics.fmean(page_f1.values()), below, empty, *_metadata(pages, out), page_f1)


def evaldata_counts(page: Page, body: str) -> tuple[int, int, int, int]:
    """tp, fn, fp, tn of one page's chunks (trafilatura's ``count_item``)."""
    text = normalise(body)
    found = [normalise(c) in text for c in page.gold.with_chunks]
    leaked = [normalise(c) in text for c in page.gold.without_chunks]
    return sum(found), len(found) - sum(found), sum(leaked), len(leaked) - sum(leaked)


def score_evaldata(pages: list[Page], out: dict[str, Extraction]) -> SetScore:
    """Pooled chunk F1; the page score (for ``--worst``) is the page's own chunk F1."""
    totals = [0, 0, 0, 0]
    page_f1 = {}
    for p in pages:
        tp, fn, fp, tn = evaldata_counts(p, out[p.id].body)
        totals = [a + b for a, b in zip(totals, (tp, fn, fp, tn), strict=True)]
        page_f1[p.id] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    tp, fn, fp, _ = totals
    empty = sum(not out[p.id].body.strip() for p in pages)
    return SetScore(2 * tp / (2 * tp + fp + fn), None, empty, *_metadata(pages, out), page_f1)


def evaldata_detail(pages: list[Page], out: dict[str, Extraction]) -> str:
    """Precision, recall and the share of ``without`` chunks kept out."""
    tp, fn, fp, tn = (sum(c) for c in zip(*(evaldata_counts(p, out[p.id].body) for p in pages), strict=True))
    return f"P {tp / max(1, tp + fp):.3f} R {tp / max(1, tp + fn):.3f} without-absent {tn / max(1, tn + fp):.3f}"


SCORERS: dict[str, Callable[[list[Page], dict[str, Extraction]], SetScore]] = {
    "dev": score_dev,
    "fundus": score_fundus,
    "evaldata": score_evaldata,
}


# --- timing and report -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Timing:
    """What one extractor produced, and each page's fastest time over the rounds (seconds)."""

    outputs: dict[str, Extraction]
    per_page: list[float]

    @property
    def pages_per_second(self) -> float:
        """Throughput over the whole set, from each page's fastest run."""
        return len(self.per_page) / sum(self.per_page)


def timed(runs: dict[str, Callable[[Page], Extraction]], pages: list[Page], rounds: int) -> dict[str, Timing]:
    """Run every extractor on every page, interleaved page by page, ``rounds`` times."""
    outputs: dict[str, dict[str, Extraction]] = {name: {} for name in runs}
    fastest = {name: [float("inf")] * len(pages) for name in runs}
    for _ in range(rounds):
        for i, page in enumerate(pages):
            for name, run in runs.items():
                start = time.perf_counter()
                outputs[name][page.id] = run(page)
                fastest[name][i] = min(fastest[name][i], time.perf_counter() - start)
    return {name: Timing(outputs[name], fastest[name]) for name in runs}


def _cell(value: float | int | None, width: int, digits: int = 3) -> str:
    if value is None:
        return f"{'–':>{width}}"
    if isinstance(value, int):
        return f"{value:>{width}d}"
    return f"{value:>{width}.{digits}f}"


HEADER = (f"{'set':<9} {'extractor':<13} {'pages':>5} {'body':>6} {'<0.5':>5} {'empty':>5} {'title':>6} "
          f"{'authors':>7} {'date':>6} {'pages/s':>8} {'x BS':>5}")  # fmt: skip


def report_set(name: str, pages: list[Page], results: dict[str, Timing], worst: int) -> None:
    """Print one set's rows, then its extra lines."""
    floor = results.pop("BeautifulSoup")
    scorer = SCORERS[name]
    scores = {extractor: scorer(pages, timing.outputs) for extractor, timing in results.items()}
    for extractor, s in scores.items():
        rate = results[extractor].pages_per_second
        print(f"{name:<9} {extractor:<13} {len(pages):>5} {_cell(s.body, 6)} {_cell(s.below_half, 5)} "
              f"{_cell(s.empty, 5)} {_cell(s.title, 6)} {_cell(s.authors, 7)} {_cell(s.date, 6)} "
              f"{rate:>8.1f} {rate / floor.pages_per_second:>5.2f}")  # fmt: skip
    print(f"{name:<9} {'BS parse':<13} {len(pages):>5} {'':>44} {floor.pages_per_second:>8.1f} {1.0:>5.2f}")
    ours = results["conflictwire"].outputs
    if "trafilatura" in results:
        theirs = results["trafilatura"].outputs
        lost = [p.id for p in pages if not ours[p.id].body.strip() and theirs[p.id].body.strip()]
        print(f"{'':<9} conflictwire empty where trafilatura has text: {len(lost)}")
    if name == "evaldata":
        for extractor, timing in results.items():
            print(f"{'':<9} {extractor}: {evaldata_detail(pages, timing.outputs)}")
    if worst:
        own = scores["conflictwire"].page_scores
        other = scores["trafilatura"].page_scores if "trafilatura" in scores else {}
        for pid in sorted(own, key=lambda k: own[k] - other.get(k, 0.0))[:worst]:
            print(f"    {own[pid]:.3f} vs trafilatura {other.get(pid, float('nan')):.3f}  {pid}")


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default=",".join(LOADERS), help="comma-separated: " + ", ".join(LOADERS))
    parser.add_argument("--rounds", type=int, default=1, help="timing rounds (each page's fastest run counts)")
    parser.add_argument("--worst", type=int, default=0, help="list the K pages where conflictwire trails most")
    parser.add_argument("--sample", type=int, default=0, help="every Nth page only (development)")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura anchor")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)  # XHTML pages: parsed as HTML on purpose
    runs: dict[str, Callable[[Page], Extraction]] = {"BeautifulSoup": bare_parse, "conflictwire": run_conflictwire}
    if not args.no_trafilatura:
        runs["trafilatura"] = make_trafilatura()
    print(f"each page's fastest of {args.rounds} interleaved run(s); body: dev shingle F1, fundus mean token F1, "
          "evaldata pooled chunk F1; title/authors/date: match rate where the gold has the field")  # fmt: skip
    print(HEADER)
    print("-" * len(HEADER))
    for name in args.sets.split(","):
        folder, loader = LOADERS[name]
        if not folder.is_dir():
            print(f"{name:<9} absent ({folder})")
            continue
        pages = loader(folder)
        if args.sample > 1:
            pages = pages[:: args.sample]
        for run in runs.values():  # warm-up: imports, models, caches
            run(pages[0])
        report_set(name, pages, timed(runs, pages, args.rounds), args.worst)


if __name__ == "__main__":
    main()
