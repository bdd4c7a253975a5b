"""Generate a CC-NEWS-style WARC of N news articles of realistic page sizes, streamed to disk.

Run: ``python benchmarks/warc_gen.py OUT.warc.gz --articles 50000`` (about 1 minute per 10,000 articles).

Pages are rendered with the bundled sample world's own outlet templates and renderer
(``tools/build_samples.py``): the same chrome, JSON-LD / OpenGraph head metadata and body markup as the
demo pages. Each generated article takes a sample article of the same language as its base, mixes in
paragraphs of other samples, changes every number and the headline, gets its own path, date and canonical URL,
and is padded with the weight real news pages carry (inline analytics/config scripts, CSS, a related-stories
rail and a link-farm footer) to a page size drawn from a log-normal distribution with a median of 60 KB
(clipped to 12-400 KB). A small share of records is realistic noise: 2 % exact re-crawls of an earlier URL,
2 % syndicated copies under another outlet (same story, light edits), 1 % revisions of an earlier URL (a new
paragraph and a later ``dateModified``), plus a request record per response and a 301 now and then.

Records are written one at a time with warcio (one gzip member each), so memory stays flat at any N.
The output is deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[1]
BUILD_SAMPLES = ROOT / "tools" / "build_samples.py"

MEDIAN_PAGE_BYTES = 60_000
MIN_PAGE_BYTES = 12_000
MAX_PAGE_BYTES = 400_000
_NUMBER = re.compile(r"\b\d[\d,]*\b")
_HEADLINE_VERBS = ("kills", "leaves", "wounds", "displaces", "hits", "traps")
_PLACES = (
    "Aleppo", "Idlib", "Homs", "Deir ez-Zor", "Raqqa", "Mosul", "Kirkuk", "Taiz", "Hodeidah", "Marib",
    "El Fasher", "Nyala", "Omdurman", "Goma", "Bunia", "Beni", "Mopti", "Gao", "Menaka", "Djibo",
    "Kharkiv", "Zaporizhzhia", "Donetsk", "Sagaing", "Kismayo", "Baidoa", "Tripoli", "Benghazi", "Gaza", "Rafah",
)  # fmt: skip


def _load_build_samples() -> ModuleType:
    """The sample-world builder, imported from its file (it is a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("conflictwire_build_samples", BUILD_SAMPLES)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True, slots=True)
class GeneratedWarc:
    """What was written: counts by kind of record and bytes, for the benchmark's table."""

    path: Path
    articles: int
    unique_urls: int
    html_bytes: int
    file_bytes: int
    seconds: float


@dataclass(frozen=True, slots=True)
class _Page:
    url: str
    fetched: datetime
    body: bytes


class _Generator:
    """Turns sample articles into an endless, seeded stream of distinct pages."""

    def __init__(self, seed: int) -> None:
        self.samples = _load_build_samples()
        articles = [
            a
            for a in self.samples.load_articles(self.samples.load_outlets())
            if a.kind == "article" and not a.malformed and a.encoding.startswith("utf-8") and len(a.blocks) >= 3
        ]
        self.bases = articles
        self.pool: dict[str, list[str]] = {}
        for a in articles:
            self.pool.setdefault(a.language, []).extend(a.paragraphs)
        self.outlets = sorted({a.outlet.key: a.outlet for a in articles}.values(), key=lambda o: o.key)
        self.rng = random.Random(seed)
        self.history: list[tuple[object, str]] = []  # (article, url) for re-crawls, copies and revisions

    def _numbers(self, text: str) -> str:
        return _NUMBER.sub(lambda m: str(self.rng.randint(2, 4000)) if m.group(0)[0] != "0" else m.group(0), text)

    def _fresh(self, index: int) -> object:
        rng = self.rng
        base = rng.choice(self.bases)
        # Paragraphs drawn from the whole pool of the language (not just the base's): two generated
        # reports share little text, so they are not near-duplicates (only the deliberate copies below are).
        pool = self.pool[base.language]
        count = min(len(pool), max(3, int(rng.lognormvariate(2.0, 0.5))))
        paragraphs = [self._numbers(p) for p in rng.sample(pool, k=count)]
        place = rng.choice(_PLACES)
        title = f"{place}: {self._numbers(base.title)} ({index})"
        published = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(10 * 365 * 24 * 60))
        published = published.astimezone(base.published.tzinfo)
        slug = re.sub(r"[^a-z0-9]+", "-", base.path.rsplit("/", 1)[-1].lower()).strip("-")[:60]
        path = f"{published:%Y/%m/%d}/{slug}-{index:07d}"
        blocks = tuple(self.samples.Block(p) for p in paragraphs)
        return dataclasses.replace(
            base,
            id=f"gen-{index}",
            path=path,
            title=title,
            published=published,
            modified=None,
            blocks=blocks,
            placements=("warc",),
            roles=(),
            display_date="",
            lead=self._numbers(base.lead) if base.lead else "",
            tracking_query="",
            gzip=False,
            site_path="",
        )

    def _copy(self, original: object) -> object:
        outlet = self.rng.choice(self.outlets)
        blocks = list(original.blocks)
        if len(blocks) > 4:
            blocks = blocks[:-1]
        blocks.insert(0, self.samples.Block(f"This report was first published by {original.outlet.name}."))
        return dataclasses.replace(original, outlet=outlet, id=original.id + "-copy", blocks=tuple(blocks))

    def _revision(self, original: object) -> object:
        blocks = (*original.blocks, self.samples.Block(self._numbers("Update: the toll rose to 57 on Tuesday.")))
        modified = original.published + timedelta(hours=self.rng.randint(1, 30))
        return dataclasses.replace(original, blocks=blocks, modified=modified)

    def _pad(self, page: bytes, target: int) -> bytes:
        """Add the weight of real pages (scripts, CSS, rails, footers) until ``page`` is about ``target`` bytes."""
        missing = target - len(page)
        if missing <= 0:
            return page
        rng = self.rng
        head_share = int(missing * 0.6)
        script = _pseudo_script(rng, head_share)
        rail = _related_rail(rng, missing - head_share)
        page = page.replace(b"</head>", script + b"\n</head>", 1)
        return page.replace(b"</body>", rail + b"\n</body>", 1)

    def pages(self, count: int) -> Iterator[_Page]:
        rng = self.rng
        for index in range(count):
            roll = rng.random()
            if self.history and roll < 0.02:
                article, url = rng.choice(self.history)  # re-crawl: same URL, same bytes
            elif self.history and roll < 0.04:
                original, _ = rng.choice(self.history)
                article = self._copy(original)
                url = article.public_url
            elif self.history and roll < 0.05:
                original, url = rng.choice(self.history)
                article = self._revision(original)
            else:
                article = self._fresh(index)
                url = article.public_url
                if len(self.history) < 5000:
                    self.history.append((article, url))
                else:
                    self.history[rng.randrange(len(self.history))] = (article, url)
            target = int(min(MAX_PAGE_BYTES, max(MIN_PAGE_BYTES, rng.lognormvariate(0, 0.6) * MEDIAN_PAGE_BYTES)))
            # Padding is seeded by the URL so a re-crawl is byte-identical.
            saved = rng.getstate()
            rng.seed(url)
            body = self._pad(self.samples.encode(article, self.samples.render_article(article)), target)
            rng.setstate(saved)
            fetched = (article.modified or article.published).astimezone(UTC) + timedelta(minutes=17)
            yield _Page(url, fetched, body)


def _pseudo_script(rng: random.Random, size: int) -> bytes:
    """An inline analytics/config script of about ``size`` bytes: the bulk of a real page's <head>."""
    keys = ("adUnit", "slot", "targeting", "consent", "experiment", "variant", "sectionId", "tracker", "cdn")
    parts = [b'<script>window.__APP_STATE__={"config":{']
    total = len(parts[0])
    while total < size:
        chunk = (
            f'"{rng.choice(keys)}_{rng.randrange(10**6)}":{{"id":"{rng.getrandbits(64):016x}",'
            f'"ttl":{rng.randrange(9999)},"on":{str(rng.random() < 0.5).lower()}}},'
        ).encode()
        parts.append(chunk)
        total += len(chunk)
    parts.append(b'"end":1}};</script>')
    return b"".join(parts)


def _related_rail(rng: random.Random, size: int) -> bytes:
    """A "more stories" rail and footer link farm of about ``size`` bytes."""
    parts = [b'<aside class="related-rail"><h3>More stories</h3><ul>']
    total = len(parts[0])
    while total < size:
        place = rng.choice(_PLACES)
        item = (
            f'<li class="teaser"><a href="/news/{rng.randrange(10**7)}/{place.lower().replace(" ", "-")}">'
            f"{place}: {rng.randrange(2, 900)} {rng.choice(_HEADLINE_VERBS)} in latest fighting</a>"
            f'<span class="teaser-time">{rng.randrange(1, 59)} min ago</span></li>'
        ).encode()
        parts.append(item)
        total += len(item)
    parts.append(b"</ul></aside>")
    return b"".join(parts)


def generate_warc(path: Path, articles: int, *, seed: int = 10) -> GeneratedWarc:
    """Write a WARC.gz of ``articles`` response records (each with its request record) to ``path``.

    Returns:
        What was written.
    """
    started = time.perf_counter()
    generator = _Generator(seed)
    urls: set[str] = set()
    html_bytes = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        info = writer.create_warcinfo_record(
            path.name, {"software": "conflictwire benchmarks/warc_gen.py (warcio)", "isPartOf": "CC-NEWS-GENERATED"}
        )
        writer.write_record(info)
        for index, page in enumerate(generator.pages(articles)):
            if index % 97 == 0:
                location = {"Location": page.url}
                generator.samples.write_exchange(
                    writer, page.url.replace("https://", "http://"), page.fetched, 301, b"", location
                )
            generator.samples.write_exchange(
                writer, page.url, page.fetched, 200, page.body, {"Content-Type": "text/html; charset=UTF-8"}
            )
            urls.add(page.url)
            html_bytes += len(page.body)
    return GeneratedWarc(path, articles, len(urls), html_bytes, path.stat().st_size, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="WARC file to write (.warc.gz)")
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args(argv)
    result = generate_warc(args.out, args.articles, seed=args.seed)
    print(f"{'file':<12} {result.path}")
    print(f"{'articles':<12} {result.articles:,} ({result.unique_urls:,} distinct URLs)")
    print(f"{'html':<12} {result.html_bytes / 2**20:,.1f} MiB, mean page {result.html_bytes / result.articles:,.0f} B")
    print(f"{'warc.gz':<12} {result.file_bytes / 2**20:,.1f} MiB")
    print(f"{'time':<12} {result.seconds:,.1f} s")


if __name__ == "__main__":
    main()
