"""Every bundled sample page parses to its manifest truth; the seed article (Aleppo, 28 Nov 2016) field by field."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from extractors.parse import parse_html
from records import Article

SAMPLES = Path(__file__).resolve().parents[1] / "flows" / "samples"
MANIFEST = SAMPLES / "manifest.json"
SITE = "http://127.0.0.1:8000"

pytestmark = pytest.mark.skipif(not MANIFEST.exists(), reason="bundled samples not built")


def _entries() -> list[dict[str, Any]]:
    if not MANIFEST.exists():
        return []
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return [entry for entry in manifest["entries"] if entry.get("path")]


@cache
def _warc_responses() -> dict[str, tuple[bytes, str | None]]:
    responses = {}
    with (SAMPLES / "archive.warc.gz").open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response" and record.http_headers is not None:
                uri = record.rec_headers.get_header("WARC-Target-URI")
                responses[uri] = (record.content_stream().read(), record.http_headers.get_header("Content-Type"))
    return responses


def _parse(entry: dict[str, Any]) -> Article:
    url = entry["url"].replace("{{SITE}}", SITE)
    if entry["path"] == "archive.warc.gz":
        content, content_type = _warc_responses()[entry["url"]]
        return parse_html(content, url, source="samples", content_type=content_type)
    content = (SAMPLES / entry["path"]).read_bytes()
    if entry["path"].endswith(".gz"):
        content = gzip.decompress(content)
    return parse_html(content, url, source="samples")


@pytest.mark.parametrize("entry", _entries(), ids=lambda entry: entry["id"])
def test_sample_page(entry: dict[str, Any]) -> None:
    article = _parse(entry)
    if "non-article" in entry["roles"]:
        assert not article.is_article and article.not_article_reason
        return
    assert article.is_article, article.not_article_reason
    assert article.title == entry["title"]
    assert list(article.authors) == entry["authors"]
    assert article.language == entry["language"]
    assert article.canonical_url == entry["canonical_url"].replace("{{SITE}}", SITE)
    published = datetime.fromisoformat(entry["published"])
    assert article.published_at is not None
    if entry["date_source"] == "text":  # "Posted June 7, 2022 at 4:20 pm": only the local date is certain
        assert article.published_at.date() == published.date()
    else:
        assert article.published_at == published.astimezone(UTC)
        offset = published.utcoffset()
        assert offset is not None and article.published_offset_minutes == offset.total_seconds() // 60
    paragraphs = article.body.split("\n\n")
    assert entry["first_paragraph"] in paragraphs[:2]  # a subheading-free body may open with a kicker line
    assert paragraphs[-1] == entry["last_paragraph"]
    if entry.get("lead"):
        assert article.lead == entry["lead"]
        assert entry["lead"] not in paragraphs
    for sentence in entry["boilerplate_sentences"]:
        assert sentence not in article.body


def test_seed_article() -> None:
    (entry,) = [entry for entry in _entries() if "seed" in entry["roles"]]
    article = _parse(entry)
    assert article.title == "Syrian rebels routed as regime militias storm through Aleppo"
    assert article.published_at is not None and article.published_at.date().isoformat() == "2016-11-28"
    assert article.authors == ("Levant Ledger Staff",)
    assert article.section == "Syria" and article.language == "en"
    assert article.lead is not None and article.lead.startswith("Fears that the Syrian regime will soon capture")
    assert article.body.startswith("Syrian regime forces and their militia allies took control")
    assert "Next stage" in article.body.split("\n\n")  # the subheading inside the article is kept
    assert "Russia's defense ministry" in article.body and "Sheikh Fares" in article.body
    for furniture in ("cookies", "Share this story", "Related stories", "Sign up", "freedom_2011", "Advertisement"):
        assert furniture not in article.body
    assert article.structured is not None and "NewsArticle" in article.structured
