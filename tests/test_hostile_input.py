"""Hostile input: random and mutated inputs to every parser end in our own typed errors or a quarantine item,
never a crash, a hang (> 5 s) or unbounded memory; bombs and metacharacters go through the real flow.

Parsers fuzzed (hypothesis, seeded from the bundled samples, derandomized so the suite is stable; set
``HOSTILE_EXAMPLES=2000`` for a longer session): the feed, sitemap and listing discovery parsers, the HTML
parser, the WARC reader, the sources-file loader and the number parser. ``FUZZ_COUNTS`` records how many inputs
each parser saw; the module prints it at the end (``pytest -s``).

Defects fuzzing finds are fixed and kept below as regression tests; while one is open, ``KNOWN_BUGS`` lists it
with the test that pins it down, so a fuzz example that hits it is counted, not failed, and the property keeps
guarding against every other crash. It is empty now.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import re
import resource
import shutil
import subprocess
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.bench_crash import cli_command, cli_env
from extractors.discover import parse_feed, parse_listing, parse_sitemap
from extractors.errors import DiscoveryError, ExtractError
from extractors.local import iter_local_documents
from extractors.parse import parse_html
from flows.errors import FlowError
from flows.settings import load_settings
from records import Article, QuarantineItem, RawDocument, SourceConfig, SourceKind
from tests.guards import cpu_guard
from transforms.numbers import find_numbers
from warehouse.errors import WarehouseError

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "flows" / "samples"
SITE = SAMPLES / "site"
OUR_ERRORS = (ExtractError, FlowError, WarehouseError)
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=5000,  # a hang is anything over 5 s for one input
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
FUZZ_COUNTS: Counter[str] = Counter()
KNOWN_HITS: Counter[str] = Counter()
MiB = 1024 * 1024

# (exception type, message pattern, xfail test that documents it)
KNOWN_BUGS: tuple[tuple[type[BaseException], re.Pattern[str], str], ...] = ()
# A WARC reader that yields more items than this from a fuzz input (< 100 KB, < 30 records) is looping.
WARC_ITEM_BOUND = 2_000


@pytest.fixture(scope="module", autouse=True)
def report_counts() -> Iterator[None]:
    yield
    print("\nfuzz inputs per parser:", dict(sorted(FUZZ_COUNTS.items())), "known-bug hits:", dict(KNOWN_HITS))


def outcome(parser: str, call: Callable[[], Any]) -> Any:
    """Run one parser call on hostile input: a result or one of our errors; a known bug is counted."""
    FUZZ_COUNTS[parser] += 1
    try:
        return call()
    except OUR_ERRORS as exc:
        return exc
    except Exception as exc:
        for kind, pattern, _ in KNOWN_BUGS:
            if isinstance(exc, kind) and pattern.search(str(exc)):
                KNOWN_HITS[f"{parser}: {type(exc).__name__}"] += 1
                return exc
        raise


# -- strategies -----------------------------------------------------------------------------------------------

NASTY = [
    b"\x00",
    b"\xff\xfe",
    b"\xc3\x28",
    b"\xe2\x80",
    b"<",
    b">",
    b"&",
    b"&lol9;",
    b"]]>",
    b"<![CDATA[",
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
    b"'",
    b'"',
    b"\\",
    b"${X}",
    b"\r\n",
    b"\x1f\x8b\x08",
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999\r\n",
    b"%",
    b"\xf0\x9f\x92\xa5",
    b"9" * 40,
]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed document with a few byte-level edits: flips, nasty inserts, deletions, duplications, truncation."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "truncate", "random"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(NASTY)) * draw(st.integers(1, 50))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 2000))]
        elif op == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 5000))] * draw(st.integers(1, 20))
        elif op == "truncate":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(max_size=200))
    return bytes(data)


def _site_bytes(name: str) -> bytes:
    return (SITE / name).read_bytes().replace(b"{{SITE}}", b"http://127.0.0.1:8765")


FEEDS = [_site_bytes("rss.xml"), _site_bytes("atom.xml")]
SITEMAPS = [_site_bytes("sitemap.xml"), _site_bytes("sitemap-news.xml")]
PAGES = [p.read_bytes() for p in sorted(SITE.rglob("*.html"))[:8]] + [
    p.read_bytes() for p in sorted((SAMPLES / "directory").glob("*.html"))[:4]
]
ANY_BYTES = st.binary(max_size=4000)


# -- fuzzing each parser ------------------------------------------------------------------------------------


@FUZZ
@given(st.one_of(mutated(FEEDS), ANY_BYTES))
def test_feed_parser_on_hostile_bytes(content: bytes) -> None:
    result = outcome("feed", lambda: parse_feed(content, source="fuzz", url="https://news.example/feed.xml"))
    if not isinstance(result, BaseException):
        assert all(c.url for c in result.candidates)
        assert all(isinstance(q, QuarantineItem) for q in result.quarantined)


@FUZZ
@given(st.one_of(mutated(SITEMAPS + [gzip.compress(SITEMAPS[1])]), ANY_BYTES))
def test_sitemap_parser_on_hostile_bytes(content: bytes) -> None:
    outcome(
        "sitemap",
        lambda: parse_sitemap(content, source="fuzz", url="https://news.example/s.xml", max_decompressed_bytes=MiB),
    )


@FUZZ
@given(st.one_of(mutated([_site_bytes("index.html")]), ANY_BYTES), st.sampled_from([None, "div.frontpage a"]))
def test_listing_parser_on_hostile_bytes(content: bytes, selector: str | None) -> None:
    outcome(
        "listing", lambda: parse_listing(content, source="fuzz", url="https://news.example/", link_selector=selector)
    )


@FUZZ
@given(st.one_of(mutated(PAGES), ANY_BYTES), st.sampled_from([None, "text/html", "text/html; charset=koi8-r"]))
def test_html_parser_on_hostile_bytes(content: bytes, content_type: str | None) -> None:
    result = outcome("html", lambda: parse_html(content, "https://news.example/a", content_type=content_type))
    if isinstance(result, Article):
        assert isinstance(result.body, str) and "\x00" not in (result.title or "")


WARC_SEED = (SAMPLES / "archive.warc.gz").read_bytes()
WARC_PLAIN = gzip.decompress(WARC_SEED)


@FUZZ
@given(st.one_of(mutated([WARC_SEED]), mutated([WARC_PLAIN])))
def test_warc_reader_on_hostile_bytes(content: bytes) -> None:
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    path = folder / f"fuzz-{os.getpid()}-{threading.get_ident()}.warc.gz"
    path.write_bytes(content)
    try:
        source = SourceConfig(name="fuzz", kind=SourceKind.WARC, path=path)
        result = outcome("warc", lambda: list(itertools.islice(iter_local_documents(source), WARC_ITEM_BOUND)))
        if isinstance(result, list):
            assert len(result) < WARC_ITEM_BOUND, "the WARC reader loops (see test_warc_resync_never_moves_backwards)"
            assert all(isinstance(item, RawDocument | QuarantineItem) for item in result)
    finally:
        path.unlink()


TOML_VALUES = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: {"inf": "inf", "-inf": "-inf"}.get(str(f), str(f))),
    st.text(max_size=30).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.sampled_from(["true", "[1, 2]", "{ a = 1 }", "[]", '"http://[::1"', '"${NOPE}"', '"30x"', '"0s"', '"div[[["']),
)
SOURCES_SEED = (SAMPLES / "sources.sample.toml").read_bytes()


@st.composite
def sources_files(draw: st.DrawFn) -> bytes:
    """The sample sources file with one value replaced by a random TOML value, then byte-mutated."""
    text = SOURCES_SEED.decode()
    lines = [i for i, line in enumerate(text.splitlines()) if " = " in line and not line.startswith("#")]
    target = draw(st.sampled_from(lines))
    split = text.splitlines()
    key = split[target].split(" = ", 1)[0]
    split[target] = f"{key} = {draw(TOML_VALUES)}"
    return draw(mutated(["\n".join(split).encode()]))


@FUZZ
@given(st.one_of(sources_files(), mutated([SOURCES_SEED]), ANY_BYTES))
def test_sources_file_loader_on_hostile_bytes(content: bytes) -> None:
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"fuzz-{os.getpid()}-{threading.get_ident()}.toml"
    path.write_bytes(content)
    try:
        outcome("sources-file", lambda: load_settings(path, variables={"SAMPLE_SITE": "http://127.0.0.1:1"}))
    finally:
        path.unlink()


NUMBER_SEEDS = [
    "Russia's defense ministry said regime forces took control of ten neighborhoods and over 3,000 buildings.",
    "More than 400,000 people have been killed; thousands were made homeless and 1.5 million displaced.",
    "Au moins vingt-trois soldats ont été tués, plus de 2 000 personnes ont fui entre 300 et 400 familles.",
    "The war has displaced over half the country's population, between 12 and 14 of them children aged 7-9.",
]


@FUZZ
@given(
    st.one_of(
        st.text(max_size=2000), mutated([s.encode() for s in NUMBER_SEEDS]).map(lambda b: b.decode("utf-8", "replace"))
    )
)
def test_number_parser_on_hostile_text(text: str) -> None:
    spans = outcome("numbers", lambda: find_numbers(text))
    assert not isinstance(spans, BaseException), spans
    for span in spans:
        assert 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text
        if span.value_low is not None and span.value_high is not None:
            assert span.value_low <= span.value_high


def test_numbers_longer_than_any_count_are_not_values() -> None:
    """Found by a 1,500-example session: 4,305 digits exceeded Python's int-from-string limit (ValueError)."""
    spans = find_numbers("\x00" + "9" * 4305 + " people were killed, and 1234567890123 more")
    assert all(span.value_low is None and span.value_high is None for span in spans if len(span.text) > 12)


# -- explicit hostile documents --------------------------------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n'.encode() for i in range(1, 10)
    )
    + b"]>\n"
)


def _cpu_bounded(call: Callable[[], Any], seconds: float = 50.0) -> Any:
    """Run ``call``; fail if it raises anything but our errors. The CPU guard (ten times what the slowest of
    these inputs needs, about 3 s for 100,000 nested tags) stops a runaway instead of hanging the suite; what the
    tests assert is what came out."""
    with cpu_guard(seconds):
        return outcome("explicit", call)


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_billion_laughs_feed_is_parsed_without_expanding() -> None:
    feed = BILLION_LAUGHS + (
        b'<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
        b"<link>https://news.example/a</link></item></channel></rss>"
    )
    before = _peak_rss_mib()
    found = _cpu_bounded(lambda: parse_feed(feed, source="laughs", url="https://news.example/feed.xml"))
    assert _peak_rss_mib() - before < 100
    if not isinstance(found, BaseException):
        assert all(len(c.title or "") < 100_000 for c in found.candidates)


def test_billion_laughs_sitemap_is_refused() -> None:
    sitemap = BILLION_LAUGHS + b"<urlset><url><loc>https://news.example/&lol9;</loc></url></urlset>"
    result = _cpu_bounded(
        lambda: parse_sitemap(sitemap, source="laughs", url="https://news.example/s.xml", max_decompressed_bytes=MiB)
    )
    assert isinstance(result, ExtractError) and result.reason == "xml-dtd-refused"


def test_billion_laughs_page_is_parsed_without_expanding() -> None:
    page = BILLION_LAUGHS + b"<html><body><p>&lol9; " + b"word " * 60 + b"</p></body></html>"
    result = _cpu_bounded(lambda: parse_html(page, "https://news.example/a"))
    assert not isinstance(result, Article) or len(result.body) < 100_000


@pytest.mark.parametrize(
    "open_tag, close_tag",
    [(b"<div>", b"</div>"), (b"<b>", b"</b>"), (b"<div><p>", b""), (b"<table><tr><td>", b"")],
    ids=["div", "inline", "unclosed", "table"],
)
def test_100k_nested_tags_parse_in_bounded_time(open_tag: bytes, close_tag: bytes) -> None:
    page = b"<html><body>" + open_tag * 100_000 + b"<p>" + b"word " * 100 + b"</p>" + close_tag * 100_000
    result = _cpu_bounded(lambda: parse_html(page + b"</body></html>", "https://news.example/deep"))
    assert isinstance(result, Article | ExtractError)


def test_100k_nested_tags_in_a_listing_page() -> None:
    page = b"<html><body>" + b"<div>" * 100_000 + b'<a href="/2024/01/01/a-b-c">x</a>' + b"</div>" * 100_000
    found = _cpu_bounded(lambda: parse_listing(page, source="deep", url="https://news.example/", link_selector=None))
    assert not isinstance(found, BaseException)


@pytest.mark.parametrize(
    "content",
    [
        b"<html><body><p>" + b"\x00" * 5000 + b"</p></body></html>",
        b"<html><body><p>" + b"Alep, 28 novembre. " * 20 + b"\xff\xfe\xc3\x28\x00" * 50 + b"</p></body></html>",
        b"\xef\xbb\xbf\xff\xfe<html><head><meta charset='utf-8'></head><body><p>" + b"\x80abc " * 100 + b"</p></body>",
        b"<html><head><meta charset='x-no-such-charset'></head><body><p>" + b"word " * 100 + b"</p></body></html>",
        b"\x00" * 10_000,
        b"\xff" * 10_000,
    ],
    ids=["nul-body", "invalid-utf8-mixed", "bom-then-garbage", "unknown-charset", "all-nul", "all-ff"],
)
def test_invalid_utf8_and_nul_bytes_in_pages(content: bytes) -> None:
    result = _cpu_bounded(lambda: parse_html(content, "https://news.example/bytes"))
    if isinstance(result, Article):
        for text in (result.title or "", result.body, result.lead or ""):
            assert "\x00" not in text


@pytest.mark.parametrize(
    "content",
    [
        b"<rss version='2.0'>\x00\xff<channel><item><title>\xc3\x28</title><link>https://x.example/\x00a</link>"
        b"</item></channel></rss>",
        b"\xff\xfe<\x00r\x00s\x00s\x00",
        "<rss version='2.0'><channel><item><link>https://x.example/a</link></item></channel></rss>".encode("utf-16"),
    ],
    ids=["nul-and-invalid", "utf16-garbage", "utf16-feed"],
)
def test_invalid_utf8_and_nul_bytes_in_feeds(content: bytes) -> None:
    _cpu_bounded(lambda: parse_feed(content, source="bytes", url="https://news.example/feed.xml"))
    _cpu_bounded(
        lambda: parse_sitemap(content, source="bytes", url="https://news.example/s.xml", max_decompressed_bytes=MiB)
    )


def test_invalid_utf8_and_nul_bytes_in_the_sources_file(tmp_path: Path) -> None:
    for content in (b"\xff\xfe[[source]]\nname = 'a'", b"[[source]]\nname = \"a\x00\"\nkind = 'rss'"):
        path = tmp_path / "sources.toml"
        path.write_bytes(content)
        with pytest.raises(FlowError):
            load_settings(path)


# -- defects fuzzing found, fixed, and kept as regression tests ---------------------------------------------------

BRACKET_URL = "http://[::1"
HOSTILE_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hostile"


def test_warc_resync_never_moves_backwards() -> None:
    """A fuzz-found WARC (43 KB, gzip members mangled) on which the reader loops."""
    source = SourceConfig(name="w", kind=SourceKind.WARC, path=HOSTILE_FIXTURES / "resync-loop.warc.gz")
    items = list(itertools.islice(iter_local_documents(source), 500))
    assert len(items) < 100


@pytest.mark.parametrize("encoding", [b"\x80UTF-8", b"\x00TF-8"], ids=["non-ascii", "nul"])
def test_feed_with_a_garbled_xml_encoding_declaration(encoding: bytes) -> None:
    feed = (
        b'<?xml version="1.0" encoding="' + encoding + b'"?><rss version="2.0"><channel><item>'
        b"<link>https://news.example/a</link></item></channel></rss>"
    )
    result = outcome("explicit", lambda: parse_feed(feed, source="s", url="https://news.example/feed.xml"))
    assert isinstance(result, ExtractError) or [c.url for c in result.candidates] == ["https://news.example/a"]


def test_unparseable_url_in_a_feed_item_is_quarantined() -> None:
    feed = (
        f"<rss version='2.0'><channel><item><link>{BRACKET_URL}</link></item>"
        "<item><link>https://news.example/ok</link></item></channel></rss>"
    ).encode()
    found = parse_feed(feed, source="s", url="https://news.example/feed.xml")
    assert [c.url for c in found.candidates] == ["https://news.example/ok"] and found.quarantined


def _warc_without_target_uri() -> bytes:
    i = WARC_PLAIN.index(b"WARC-Type: response")
    j = WARC_PLAIN.index(b"WARC-Target-URI:", i)
    return WARC_PLAIN[:j] + WARC_PLAIN[WARC_PLAIN.index(b"\r\n", j) + 2 :]


def test_warc_response_without_target_uri_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "no-uri.warc"
    path.write_bytes(_warc_without_target_uri())
    items = list(iter_local_documents(SourceConfig(name="w", kind=SourceKind.WARC, path=path)))
    assert sum(isinstance(i, RawDocument) for i in items) >= 8


def test_whole_file_gzip_warc_loads(tmp_path: Path) -> None:
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(WARC_PLAIN))
    items = list(iter_local_documents(SourceConfig(name="w", kind=SourceKind.WARC, path=path)))
    assert sum(isinstance(i, RawDocument) for i in items) >= 9


def test_empty_feed_is_not_a_feed() -> None:
    with pytest.raises(ExtractError):
        parse_feed(b"", source="s", url="https://news.example/feed.xml")


def test_sitemap_declaring_an_unknown_encoding_is_malformed() -> None:
    """Found by a 1,500-example session: the XML parser's LookupError escaped as an unexpected error."""
    sitemap = b'<?xml version="1.0" encoding="U99TF-8"?><urlset><url><loc>https://news.example/a</loc></url></urlset>'
    with pytest.raises(DiscoveryError) as caught:
        parse_sitemap(sitemap, source="s", url="https://news.example/s.xml", max_decompressed_bytes=MiB)
    assert caught.value.reason == "malformed-sitemap"


def test_listing_page_with_a_nul_in_its_meta_charset_still_gives_its_links() -> None:
    """Found by a 1,500-example session: handed bytes, bs4 passed the garbled charset to lxml, which raised."""
    page = (
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=\x00tf-8"></head>'
        b"<body><a href='/2024/01/01/a-b-c'>y</a></body></html>"
    )
    found = parse_listing(page, source="s", url="https://news.example/", link_selector=None)
    assert [c.url for c in found.candidates] == ["https://news.example/2024/01/01/a-b-c"]


def test_unparseable_url_in_a_sitemap_entry_is_quarantined() -> None:
    sitemap = f"<urlset><url><loc>{BRACKET_URL}</loc></url><url><loc>https://news.example/ok</loc></url></urlset>"
    found = parse_sitemap(sitemap.encode(), source="s", url="https://news.example/s.xml", max_decompressed_bytes=MiB)
    assert [c.url for c in found.candidates] == ["https://news.example/ok"]


def test_unparseable_url_in_a_listing_link_is_skipped() -> None:
    page = f"<html><body><a href='{BRACKET_URL}'>x</a><a href='/2024/01/01/a-b-c'>y</a></body></html>".encode()
    found = parse_listing(page, source="s", url="https://news.example/", link_selector=None)
    assert [c.url for c in found.candidates] == ["https://news.example/2024/01/01/a-b-c"]


def test_unparseable_url_as_canonical_is_a_parse_error_or_ignored() -> None:
    page = f"<html><head><link rel=canonical href='{BRACKET_URL}'></head><body><p>{'word ' * 100}</p></body></html>"
    result = outcome("explicit", lambda: parse_html(page.encode(), "https://news.example/a"))
    assert isinstance(result, Article | ExtractError)


def test_sources_file_nested_too_deep_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_bytes(b"a = " + b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(FlowError):
        load_settings(path)


@pytest.mark.parametrize(
    "politeness", ["max_attempts = inf", "max_attempts = nan", "timeout_seconds = inf", "max_body_bytes = 1e300"]
)
def test_politeness_rejects_non_finite_numbers(tmp_path: Path, politeness: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        f"[[source]]\nname = 'a'\nkind = 'rss'\nurl = 'https://x.example/'\npoliteness = {{ {politeness} }}\n"
    )
    with pytest.raises(FlowError):
        load_settings(path)


@pytest.mark.parametrize(
    "entry",
    [
        "kind = 'rss'\nurl = 'https://x.example/'\npoll = '99999999999d'",
        "kind = 'rss'\nurl = 'http://[::1'",
        "kind = 'page'\nurl = 'https://x.example/'\nlink_selector = 'div[[['",
    ],
    ids=["poll-overflow", "bracket-url", "bad-selector"],
)
def test_sources_file_values_that_fail_at_run_time_are_config_errors(tmp_path: Path, entry: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(f"[[source]]\nname = 'a'\n{entry}\n")
    with pytest.raises(FlowError):
        load_settings(path)


# -- through the real flow: bombs, a corrupt WARC, SQL metacharacters --------------------------------------------


@pytest.fixture(scope="module")
def gzip_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1 GiB of zeros behind an HTML start tag, gzip-compressed in 1 MiB chunks (about 1 MB on disk)."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.html.gz"
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MiB)
    with path.open("wb") as handle:
        handle.write(compressor.compress(b"<html><body><p>"))
        for _ in range(1024):
            handle.write(compressor.compress(zeros))
        handle.write(compressor.flush())
    assert path.stat().st_size < 2 * MiB
    return path


def run_cli_measured(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str, float]:
    """Run a conflictwire command; return its exit code, output and peak RSS (MiB) from the kernel (wait4)."""
    log = cwd / "cli.log"
    with log.open("wb") as out:
        process = subprocess.Popen(cli_command(*args), env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, log.read_text(errors="replace"), usage.ru_maxrss / 1024


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    return cli_env(PREFECT_API_URL.value())


def query(db: Path, sql: str, params: list[object] | None = None) -> list[tuple[Any, ...]]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return conn.execute(sql, params or []).fetchall()
    finally:
        conn.close()


class HostileSite:
    """Loopback server: a gzip bomb as Content-Encoding, a gzip-bomb sitemap, a billion-laughs feed."""

    def __init__(self, bomb: Path, good_page: bytes) -> None:
        bomb_bytes = bomb.read_bytes()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
                pass

            def do_GET(self) -> None:  # noqa: N802 - stdlib naming
                routes: dict[str, tuple[bytes, dict[str, str]]] = {
                    "/feed.xml": (site.feed(), {"Content-Type": "application/rss+xml"}),
                    "/laughs.xml": (site.laughs(), {"Content-Type": "application/rss+xml"}),
                    "/sitemap.xml.gz": (bomb_bytes, {"Content-Type": "application/x-gzip"}),
                    "/bomb.html": (bomb_bytes, {"Content-Type": "text/html", "Content-Encoding": "gzip"}),
                    "/good.html": (good_page, {"Content-Type": "text/html; charset=utf-8"}),
                }
                if self.path not in routes:
                    self.send_error(HTTPStatus.NOT_FOUND)
                    return
                body, headers = routes[self.path]
                self.send_response(HTTPStatus.OK)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for start in range(0, len(body), 64 * 1024):  # streamed, as a real server would
                    self.wfile.write(body[start : start + 64 * 1024])

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>{name}</title><link>{self.url}/{name}.html</link><guid>{name}</guid></item>"
            for name in ("bomb", "good")
        )
        return f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode()

    def laughs(self) -> bytes:
        return (
            BILLION_LAUGHS
            + (
                f"<rss version='2.0'><channel><title>&lol9;</title><item><title>&lol9;</title>"
                f"<link>{self.url}/good.html</link></item></channel></rss>"
            ).encode()
        )

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def bombed_run(
    tmp_path_factory: pytest.TempPathFactory, gzip_bomb: Path, env: dict[str, str]
) -> Iterator[tuple[Path, int, str, float]]:
    """One real ``conflictwire run`` over hostile sources: the gzip bomb in a directory (saved page) and over
    HTTP (Content-Encoding and a gzipped sitemap), and a billion-laughs feed."""
    folder = tmp_path_factory.mktemp("bombed")
    pages = folder / "pages"
    pages.mkdir()
    good = sorted((SITE / "levant-ledger").rglob("*.html"))
    shutil.copy(gzip_bomb, pages / "bomb.html.gz")
    shutil.copy(good[0], pages / "good.html")
    site = HostileSite(gzip_bomb, good[1].read_bytes())
    try:
        sources = folder / "sources.toml"
        common = "allow_private_network = true\npoliteness = { min_delay_seconds = 0, respect_robots = false }\n"
        sources.write_text(
            f'[[source]]\nname = "bomb-dir"\nkind = "directory"\npath = "{pages.as_posix()}"\n\n'
            f'[[source]]\nname = "bomb-http"\nkind = "rss"\nurl = "{site.url}/feed.xml"\n{common}\n'
            f'[[source]]\nname = "bomb-sitemap"\nkind = "sitemap"\nurl = "{site.url}/sitemap.xml.gz"\n{common}\n'
            f'[[source]]\nname = "laughs"\nkind = "rss"\nurl = "{site.url}/laughs.xml"\n{common}',
            encoding="utf-8",
        )
        db = folder / "warehouse.duckdb"
        started = time.monotonic()
        code, output, peak = run_cli_measured(["run", "--sources", str(sources), "--db", str(db)], env, folder)
        yield db, code, output, peak
        assert time.monotonic() - started < 120
    finally:
        site.close()


def test_gzip_bombs_are_quarantined_with_bounded_memory(bombed_run: tuple[Path, int, str, float]) -> None:
    db, code, output, peak_mib = bombed_run
    assert "Traceback" not in output.split("source ")[-1]
    assert peak_mib < 1024, f"peak RSS {peak_mib:.0f} MiB for a 1 GiB bomb"
    reasons = dict(query(db, "SELECT source || ' ' || coalesce(url, ''), reason FROM quarantine"))
    assert any(k.startswith("bomb-dir") and k.endswith("bomb.html.gz") for k in reasons), reasons
    assert [r for k, r in reasons.items() if k.startswith("bomb-dir")] == ["too-large"]
    assert [r for k, r in reasons.items() if k.endswith("/bomb.html")] == ["decompressed-too-large"]
    assert "decompressed-too-large" in output or any("sitemap" in k for k in reasons)
    loaded = {s for (s,) in query(db, "SELECT DISTINCT source FROM sightings")}
    assert {"bomb-dir", "bomb-http"} <= loaded, output[-3000:]


def test_billion_laughs_feed_through_the_flow_loads_its_item(bombed_run: tuple[Path, int, str, float]) -> None:
    db, _, output, _ = bombed_run
    statuses = dict(query(db, "SELECT source, status FROM run_sources"))
    assert statuses["laughs"] == "ok", output[-3000:]
    assert statuses["bomb-dir"] == "ok" and statuses["bomb-http"] == "ok"


def test_identical_bytes_from_a_second_source_keep_their_sighting(bombed_run: tuple[Path, int, str, float]) -> None:
    db, _, _, _ = bombed_run
    # 'laughs' links to the very page 'bomb-http' fetched first (same URL, same bytes).
    assert query(db, "SELECT count(*) FROM sightings WHERE source = 'laughs'")[0][0] == 1


def _gzip_members(data: bytes) -> list[int]:
    """Start offsets of the gzip members of a per-record-gzipped WARC."""
    offsets, position = [], 0
    while position < len(data):
        offsets.append(position)
        stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
        stream.decompress(data[position:])
        position = len(data) - len(stream.unused_data)
    return offsets


def test_warc_with_a_corrupt_record_mid_file_loads_the_rest(tmp_path: Path) -> None:
    """Corrupt the middle of one response record's gzip member: that record is quarantined, all others load."""
    from flows.maintenance import backfill

    data = WARC_SEED
    members = _gzip_members(data)
    responses = [
        i
        for i, start in enumerate(members[:-1])
        if b"WARC-Type: response" in gzip.decompress(data[start : members[i + 1]])[:400]
    ]
    victim = responses[len(responses) // 2]
    start, end = members[victim], members[victim + 1]
    victim_uri = re.search(rb"WARC-Target-URI: (\S+)", gzip.decompress(data[start:end])).group(1).decode()
    middle = (start + end) // 2
    corrupt = data[:middle] + b"\x00CORRUPT\xff" * 8 + data[middle + 72 :]
    clean_path, corrupt_path = tmp_path / "clean.warc.gz", tmp_path / "corrupt.warc.gz"
    clean_path.write_bytes(data)
    corrupt_path.write_bytes(corrupt)

    backfill(db=str(tmp_path / "clean.duckdb"), warc=[str(clean_path)], source="w")
    backfill(db=str(tmp_path / "corrupt.duckdb"), warc=[str(corrupt_path)], source="w")
    clean = {u for (u,) in query(tmp_path / "clean.duckdb", "SELECT url FROM sightings")}
    damaged = {u for (u,) in query(tmp_path / "corrupt.duckdb", "SELECT url FROM sightings")}
    assert damaged == clean - {victim_uri}
    reasons = [r for (r,) in query(tmp_path / "corrupt.duckdb", "SELECT reason FROM quarantine")]
    assert "corrupt-warc-record" in reasons


METACHARS = "'; DROP TABLE articles; -- \" \\ % _ ? $1 {} ` ) OR 1=1 /* */ \x27\x27"


def _metachar_page(n: int) -> bytes:
    m = METACHARS
    esc = m.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    body = "".join(
        f"<p>Paragraph {i} of report {n} {esc}: forces shelled the town and 12 people were killed, "
        f"officials said, while {esc} residents fled north.</p>"
        for i in range(6)
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc} {n}</title>'
        f'<link rel="canonical" href="https://news.example/{n}/%27%3B%20DROP%20TABLE%20articles%3B--">'
        f'<meta name="author" content="{esc}"><meta property="article:section" content="{esc}">'
        f'<meta name="description" content="{esc}">'
        f'<meta property="article:published_time" content="2016-11-28T10:00:00+02:00"></head>'
        f"<body><article><h1>{esc} {n}</h1><p class='byline'>By {esc}</p>{body}</article></body></html>"
    ).encode()


def test_sql_metacharacters_in_every_text_field_round_trip(tmp_path: Path) -> None:
    """Pages whose every text field carries SQL metacharacters, under a folder and URLs that do too, through the
    real ingest flow: loaded verbatim, every table intact."""
    from flows.ingest import ingest

    pages = tmp_path / "it's; DROP TABLE sources; --" / "pages"
    pages.mkdir(parents=True)
    index = {}
    for n in range(3):
        (pages / f"{n}.html").write_bytes(_metachar_page(n))
        index[f"{n}.html"] = f"https://news.example/{n}?q=' OR '1'='1&x=\";--"
    (pages / "not-article.html").write_bytes(f"<html><body><p>{METACHARS}</p></body></html>".encode())
    (pages / "index.json").write_text(json.dumps(index), encoding="utf-8")
    sources = tmp_path / "sources.toml"
    path_literal = pages.as_posix().replace("\\", "\\\\").replace('"', '\\"')
    sources.write_text(f'[[source]]\nname = "meta.chars_-1"\nkind = "directory"\npath = "{path_literal}"\n')
    db = tmp_path / "warehouse.duckdb"
    summary = ingest(str(sources), str(db))
    assert summary.status == "completed"
    tables_before = {"articles", "sources", "sightings", "quarantine", "raw_documents", "figures"}
    assert tables_before <= {t for (t,) in query(db, "SELECT table_name FROM duckdb_tables()")}
    rows = query(db, "SELECT title, authors, section, lead, body, url FROM articles ORDER BY title")
    assert len(rows) == 3
    for n, (title, authors, section, lead, body, url) in enumerate(rows):
        assert title == f"{METACHARS} {n}"
        assert METACHARS in body and METACHARS in (lead or "") + body
        assert url == index[f"{n}.html"]
        assert any(METACHARS in a for a in authors) or section == METACHARS, (authors, section)
    locations = [loc for (loc,) in query(db, "SELECT location FROM sources")]
    assert locations == [str(pages)]
    excerpts = [e for (e,) in query(db, "SELECT excerpt FROM quarantine")]
    assert any(METACHARS in e for e in excerpts)


def test_page_with_unparseable_canonical_does_not_fail_its_source(tmp_path: Path) -> None:
    """The flow-level consequence of the pick_canonical defect (see the parser-level xfail above)."""
    from flows.ingest import ingest

    pages = tmp_path / "pages"
    pages.mkdir()
    for page in sorted((SITE / "levant-ledger").rglob("*.html"))[:2]:
        shutil.copy(page, pages / page.name)
    evil = f"<html><head><link rel=canonical href='{BRACKET_URL}'></head><body><p>{'word ' * 100}</p></body></html>"
    (pages / "zz-evil.html").write_bytes(evil.encode())
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "dir"\nkind = "directory"\npath = "{pages.as_posix()}"\n')
    summary = ingest(str(sources), str(tmp_path / "warehouse.duckdb"))
    assert summary.outcomes[0].status == "ok", summary.outcomes[0].error
    assert summary.outcomes[0].new == 3, "the two good pages and the one with a broken canonical all load"
