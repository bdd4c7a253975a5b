"""The bundled sample sources agree with their manifest, and the generator reproduces them exactly."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "flows" / "samples"
PLACEHOLDER = "{{SITE}}"
NOT_ARTICLES = {"non-article", "robots-disallowed", "broken-feed-item"}


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries(manifest: dict) -> list[dict]:
    return manifest["entries"]


@pytest.fixture(scope="module")
def articles(entries: list[dict]) -> list[dict]:
    return [e for e in entries if not NOT_ARTICLES & set(e["roles"])]


@pytest.fixture(scope="module")
def warc_records() -> list[dict]:
    records = []
    with (SAMPLES / "archive.warc.gz").open("rb") as stream:
        for record in ArchiveIterator(stream):
            http = record.http_headers
            records.append(
                {
                    "type": record.rec_type,
                    "uri": record.rec_headers.get_header("WARC-Target-URI"),
                    "status": http.get_statuscode() if http and record.rec_type == "response" else None,
                    "body": record.content_stream().read(),
                }
            )
    return records


def decode_page(data: bytes) -> str:
    """Decode like a browser would from the bytes alone: BOM, then the declared charset, then UTF-8."""
    if data.startswith(b"\x1f\x8b"):
        data = gzip.decompress(data)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    declared = re.search(rb"charset=[\"']?([\w-]+)", data[:2048])
    return data.decode(declared.group(1).decode() if declared else "utf-8", errors="replace")


def page_text(data: bytes) -> str:
    """Markup stripped, entities resolved, whitespace collapsed: enough to look for sentences."""
    text = re.sub(r"<[^>]+>", " ", decode_page(data))
    return " ".join(html.unescape(text).split())


def squash(text: str) -> str:
    return " ".join(text.split())


def page_bytes(entry: dict, warc_records: list[dict]) -> bytes:
    if entry["path"] == "archive.warc.gz":
        return next(r["body"] for r in warc_records if r["type"] == "response" and r["uri"] == entry["url"])
    return (SAMPLES / entry["path"]).read_bytes()


def test_enough_distinct_articles(articles: list[dict]) -> None:
    assert len(articles) >= 44
    assert len({a["canonical_url"] for a in articles}) >= 40


def test_every_path_exists(entries: list[dict]) -> None:
    for entry in entries:
        for sighting in entry["sightings"]:
            assert (SAMPLES / sighting["path"]).is_file(), sighting
        assert entry["path"] is None or (SAMPLES / entry["path"]).is_file(), entry["id"]


def test_pages_hold_their_manifest_text(entries: list[dict], warc_records: list[dict]) -> None:
    for entry in entries:
        if entry["path"] is None:
            continue
        text = page_text(page_bytes(entry, warc_records))
        assert entry["title"] in text, entry["id"]
        for sentence in entry["boilerplate_sentences"]:
            assert sentence in text, (entry["id"], sentence)
        if entry["first_paragraph"]:
            assert entry["first_paragraph"] in text, entry["id"]
            assert entry["last_paragraph"] in text, entry["id"]
            body = text[text.index(entry["first_paragraph"]) : text.index(entry["last_paragraph"])]
            assert not any(sentence in body for sentence in entry["boilerplate_sentences"]), entry["id"]


def test_sources_file_covers_every_kind(entries: list[dict]) -> None:
    sources = tomllib.loads((SAMPLES / "sources.sample.toml").read_text(encoding="utf-8"))["source"]
    kinds = {s["kind"] for s in sources}
    assert {"rss", "atom", "sitemap", "page", "warc", "directory"} <= kinds
    names = {s["name"] for s in sources}
    assert len(names) == len(sources)
    assert {name for e in entries for name in e["source"]} <= names
    for source in sources:
        if source["kind"] in ("warc", "directory"):
            assert (SAMPLES / source["path"]).exists(), source["name"]
        else:
            assert source["url"].startswith("${SAMPLE_SITE}/") and source["allow_private_network"] is True
            assert (SAMPLES / "site" / source["url"].removeprefix("${SAMPLE_SITE}/")).is_file()


def test_feed_links_use_the_placeholder_and_resolve(entries: list[dict]) -> None:
    broken = {e["url"] for e in entries if "broken-feed-item" in e["roles"] and e["url"]}
    for name in ("rss.xml", "atom.xml", "sitemap.xml", "sitemap-news.xml", "index.html"):
        text = (SAMPLES / "site" / name).read_text(encoding="utf-8")
        assert PLACEHOLDER in text, name
        for link in re.findall(r"\{\{SITE\}\}/[^\s<\"?]*", text):
            target = SAMPLES / "site" / link.removeprefix(PLACEHOLDER + "/")
            assert link in broken or target.is_file() or link.endswith("/"), (name, link)
    assert "localhost" not in (SAMPLES / "site" / "rss.xml").read_text(encoding="utf-8")


def test_broken_feed_items_are_in_the_rss(entries: list[dict]) -> None:
    rss = (SAMPLES / "site" / "rss.xml").read_text(encoding="utf-8")
    items = re.findall(r"<item>.*?</item>", rss, flags=re.S)
    assert sum("<link>" not in item for item in items) == 1
    broken = [e for e in entries if "broken-feed-item" in e["roles"]]
    assert len(broken) == 2
    dead = next(e["url"] for e in broken if e["url"])
    assert dead in rss and not (SAMPLES / "site" / dead.removeprefix(PLACEHOLDER + "/")).exists()


def test_robots_disallows_private_and_the_listing_links_there() -> None:
    robots = (SAMPLES / "site" / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /private/" in robots
    assert 'href="/private/' in (SAMPLES / "site" / "index.html").read_text(encoding="utf-8")


def test_warc_holds_the_expected_records(entries: list[dict], warc_records: list[dict]) -> None:
    assert warc_records[0]["type"] == "warcinfo"
    ok = {r["uri"] for r in warc_records if r["type"] == "response" and r["status"] == "200"}
    requests = {r["uri"] for r in warc_records if r["type"] == "request"}
    expected = {s["url"] for e in entries for s in e["sightings"] if s["source"] == "ccnews-sample"}
    assert expected == ok and ok <= requests
    assert any(r["status"] == "301" for r in warc_records)


def test_seed_article_verbatim(entries: list[dict]) -> None:
    seed_text = (SAMPLES / "content" / "seed-article.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in seed_text.splitlines() if line.strip()]
    title, lead, body = lines[0], lines[2], lines[6:]
    seed = next(e for e in entries if "seed" in e["roles"])
    assert (seed["title"], seed["lead"], seed["published"][:10]) == (title, lead, "2016-11-28")
    assert (seed["first_paragraph"], seed["last_paragraph"]) == (body[0], "Agencies contributed to this report.")
    text = page_text((SAMPLES / seed["path"]).read_bytes())
    position = 0
    for line in [title, lead, *body]:
        position = text.index(squash(line), position)


def test_roles_cover_the_scenarios(entries: list[dict], articles: list[dict]) -> None:
    roles = Counter(role for e in entries for role in e["roles"])
    assert roles["seed"] == 1 and roles["malformed"] == 1 and roles["non-article"] == 1
    assert roles["syndicated:aleppo-rout"] >= 3 and roles["syndicated:el-fasher"] >= 4
    assert roles["hard-negative:aleppo-rout"] == 1 and roles["broken-feed-item"] == 2
    assert roles["exact-duplicate"] >= 2
    by_id = {e["id"]: e for e in entries}
    for entry in entries:
        for role in entry["roles"]:
            if role.startswith("update-of:"):
                original = by_id[role.split(":", 1)[1]]
                assert original["canonical_url"] == entry["canonical_url"]
                assert entry["modified"] > original["modified"]
    for entry in entries:
        if "exact-duplicate" in entry["roles"]:
            assert len({s["source"] for s in entry["sightings"]}) == 2
    languages = Counter(a["language"] for a in articles)
    assert languages["fr"] >= 2 and languages["ar"] >= 2
    assert any(not a["declared_language"] for a in articles)
    countries = {a["country"] for a in articles}
    assert {"SY", "IQ", "YE", "UA", "SD", "ML", "BF", "CD", "MM", "PS", "SO", "LY", "LB"} <= countries


def test_charsets_and_compression(entries: list[dict]) -> None:
    by_encoding = {e["encoding"]: e for e in entries if e.get("encoding")}
    cp1252 = (SAMPLES / by_encoding["windows-1252"]["path"]).read_bytes()
    assert b'<meta charset="windows-1252">' in cp1252 and b"\x97" in cp1252
    assert (SAMPLES / by_encoding["iso-8859-1"]["path"]).read_bytes().find(b"\xe9") > 0
    assert (SAMPLES / by_encoding["utf-8-sig"]["path"]).read_bytes().startswith(b"\xef\xbb\xbf")
    index = json.loads((SAMPLES / "directory" / "index.json").read_text(encoding="utf-8"))
    for name in index:
        data = (SAMPLES / "directory" / name).read_bytes()
        assert not name.endswith(".gz") or gzip.decompress(data).lstrip(b"\xef\xbb\xbf").startswith(b"<!DOCTYPE")


def test_samples_stay_small() -> None:
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert total < 3 * 1024 * 1024


def test_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    # The generator writes next to the checkout it sits in: give it a scratch checkout of its own.
    out = tmp_path / "flows" / "samples"
    shutil.copytree(SAMPLES / "content", out / "content")
    (tmp_path / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "build_samples.py", tmp_path / "tools" / "build_samples.py")
    subprocess.run([sys.executable, str(tmp_path / "tools" / "build_samples.py")], check=True, cwd=tmp_path)
    generated = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    for relative in generated:
        if relative.parts[0] in ("content", "__pycache__"):
            continue
        assert (out / relative).read_bytes() == (SAMPLES / relative).read_bytes(), relative
    committed = {p.relative_to(SAMPLES) for p in (SAMPLES / "site").rglob("*") if p.is_file()}
    assert committed <= set(generated)
