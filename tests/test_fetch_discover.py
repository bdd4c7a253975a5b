"""Discovery on hostile or odd input: XML bombs, external entities, broken sitemaps, listing heuristics."""

from __future__ import annotations

import gzip

import pytest

from extractors.discover import parse_feed, parse_listing, parse_sitemap
from extractors.errors import DiscoveryError
from tests.guards import cpu_guard

LIMIT = 1024 * 1024


def billion_laughs(root: str) -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    return f"<?xml version='1.0'?><!DOCTYPE {root} [{entities}]>".encode()


def test_feed_entity_expansion_is_not_performed() -> None:
    feed = billion_laughs("rss") + (
        b"<rss version='2.0'><channel><title>&lol9;</title>"
        b"<item><title>&lol9;</title><link>https://n.example/a</link></item></channel></rss>"
    )

    with cpu_guard(30.0):  # expanded, 10^9 "lol"s would take minutes and gigabytes; unexpanded, milliseconds
        found = parse_feed(feed, source="s", url="https://n.example/feed")

    assert all(len(c.title or "") < 1000 for c in found.candidates)


def test_feed_external_entities_are_not_resolved() -> None:
    feed = (
        b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
        b"<rss version='2.0'><channel><title>t</title><item><title>&xxe;</title>"
        b"<link>https://n.example/a</link></item></channel></rss>"
    )

    found = parse_feed(feed, source="s", url="https://n.example/feed")

    assert all("root:" not in (c.title or "") for c in found.candidates)


def test_sitemap_with_a_dtd_is_refused() -> None:
    sitemap = billion_laughs("urlset") + b"<urlset><url><loc>&lol9;</loc></url></urlset>"

    with pytest.raises(DiscoveryError) as refused:
        parse_sitemap(sitemap, source="s", url="https://n.example/sitemap.xml", max_decompressed_bytes=LIMIT)

    assert refused.value.reason == "xml-dtd-refused"


def test_gzipped_sitemap_bomb_is_bounded() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (20 * LIMIT) + b"</urlset>")

    with pytest.raises(DiscoveryError) as refused:
        parse_sitemap(bomb, source="s", url="https://n.example/s.xml.gz", max_decompressed_bytes=LIMIT)

    assert refused.value.reason == "decompressed-too-large"


def test_not_xml_sitemap() -> None:
    with pytest.raises(DiscoveryError) as refused:
        parse_sitemap(b"<html>nope", source="s", url="https://n.example/s.xml", max_decompressed_bytes=LIMIT)
    assert refused.value.reason == "malformed-sitemap"


def test_feed_dates_are_utc_and_undated_items_kept() -> None:
    feed = (
        b"<rss version='2.0'><channel><title>t</title>"
        b"<item><title>a</title><link>https://n.example/a</link>"
        b"<pubDate>Mon, 28 Nov 2016 14:30:00 +0300</pubDate></item>"
        b"<item><title>b</title><link>https://n.example/b</link><pubDate>not a date</pubDate></item>"
        b"</channel></rss>"
    )

    dated, undated = parse_feed(feed, source="s", url="https://n.example/feed").candidates

    assert dated.published_at is not None and dated.published_at.isoformat() == "2016-11-28T11:30:00+00:00"
    assert undated.published_at is None


def test_listing_heuristics() -> None:
    page = b"""<html><head><base href="https://www.n.example/"></head><body>
    <a href="world/">World</a><a href="/author/jane">Jane</a><a href="/tag/aleppo">Aleppo</a>
    <a href="/2016/11/28/rebels-lose-eastern-aleppo">Story</a>
    <a href="https://n.example/world/syria/article-12345.html">Other story</a>
    <a href="/world/2016/">2016</a><a href="/world/2016/11/">November</a>
    <a href="/logo.png">Logo</a><a href="https://other.example/2016/11/28/copy-of-story">Elsewhere</a>
    <a href="mailto:desk@n.example">Mail</a></body></html>"""

    found = parse_listing(page, source="s", url="https://www.n.example/world/", link_selector=None)

    assert [c.url for c in found.candidates] == [
        "https://www.n.example/2016/11/28/rebels-lose-eastern-aleppo",
        "https://n.example/world/syria/article-12345.html",
    ]
