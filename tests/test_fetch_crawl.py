"""Crawling web sources against a real loopback server: discovery per kind, incremental re-runs, quarantine."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest

from extractors.crawl import CrawlResult, CrawlState, crawl_source
from extractors.errors import UnusableSourceError
from extractors.fetch import FetchSettings
from records import Politeness, SourceConfig, SourceKind
from tests.fault_server import FaultServer, article_html, rss

FAST = Politeness(min_delay_seconds=0.0, max_attempts=3, timeout_seconds=5.0)
SETTINGS = FetchSettings(backoff_base_seconds=0.01, backoff_max_seconds=0.05)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        running.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        for number in range(6):
            running.add(f"/news/2016/11/story-{number}.html", article_html(f"Story {number}"))
        yield running


def web_source(server: FaultServer, kind: SourceKind, path: str, **extra: object) -> SourceConfig:
    return SourceConfig(
        name=f"{kind}-{path.strip('/').replace('/', '-')}",
        kind=kind,
        url=server.url(path),
        allow_private_network=True,
        politeness=FAST,
        **extra,  # type: ignore[arg-type]
    )


def rerun(source: SourceConfig, first: CrawlResult) -> CrawlResult:
    state = CrawlState(
        validators={validator.url: validator for validator in first.validators},
        known_urls=frozenset(document.url for document in first.documents),
        cursor=first.cursor,
    )
    return crawl_source(source, state, SETTINGS)


def test_rss_feed_loads_items_and_quarantines_broken_ones(server: FaultServer) -> None:
    items = [(f"/news/2016/11/story-{n}.html", f"Story {n}") for n in range(3)]
    items += [(None, "No link at all"), ("/missing.html", "Gone")]
    server.add("/feed.xml", rss(server.base, items), "application/rss+xml")
    source = web_source(server, SourceKind.RSS, "/feed.xml")

    result = crawl_source(source, CrawlState(), SETTINGS)

    assert result.candidates_found == 4
    assert sorted(d.url for d in result.documents) == [server.url(f"/news/2016/11/story-{n}.html") for n in range(3)]
    assert all(d.content == article_html(f"Story {d.url[-6]}") for d in result.documents)
    reasons = {(q.stage, q.reason) for q in result.quarantined}
    assert reasons == {("discover", "malformed-feed-item"), ("fetch", "http-404")}
    first = result.documents[0].candidate
    assert first is not None and first.title == "Story 0" and first.guid == "item-0"
    assert result.cursor is not None and result.cursor.year == 2016
    assert [v.url for v in result.validators] == [source.url]


def test_unchanged_feed_costs_one_conditional_request(server: FaultServer) -> None:
    server.add("/feed.xml", rss(server.base, [("/news/2016/11/story-1.html", "One")]), "application/rss+xml")
    source = web_source(server, SourceKind.RSS, "/feed.xml")
    first = crawl_source(source, CrawlState(), SETTINGS)
    server.clear_log()

    second = rerun(source, first)

    feed_requests = server.requested("/feed.xml")
    assert len(feed_requests) == 1 and "if-none-match" in feed_requests[0].headers
    assert second.not_modified and second.documents == ()
    assert [a.status for a in second.attempts if a.url == source.url] == [304]
    assert second.attempts[-1].conditional_hit
    assert [entry.path for entry in server.log if entry.path.startswith("/news/")] == []


def test_changed_feed_fetches_only_new_articles(server: FaultServer) -> None:
    server.add("/feed.xml", rss(server.base, [("/news/2016/11/story-1.html", "One")]), "application/rss+xml")
    source = web_source(server, SourceKind.RSS, "/feed.xml")
    first = crawl_source(source, CrawlState(), SETTINGS)
    server.add(
        "/feed.xml", rss(server.base, [("/news/2016/11/story-1.html", "One"), ("/news/2016/11/story-2.html", "Two")])
    )
    server.clear_log()

    second = rerun(source, first)

    assert [d.url for d in second.documents] == [server.url("/news/2016/11/story-2.html")]
    assert server.requested("/news/2016/11/story-1.html") == []


def test_atom_feed(server: FaultServer) -> None:
    atom = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
        "<entry><title>Story 4</title><id>urn:4</id><updated>2016-11-28T10:00:00+02:00</updated>"
        "<link rel='alternate' href='/news/2016/11/story-4.html'/></entry></feed>"
    )
    server.add("/atom.xml", atom, "application/atom+xml")

    result = crawl_source(web_source(server, SourceKind.ATOM, "/atom.xml"), CrawlState(), SETTINGS)

    (document,) = result.documents
    assert document.url == server.url("/news/2016/11/story-4.html")  # relative link resolved against the feed
    assert document.candidate is not None and document.candidate.published_at is not None
    assert document.candidate.published_at.hour == 8  # UTC


def test_sitemap_index_with_google_news_and_gzipped_children(server: FaultServer) -> None:
    news = (
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
        f"<url><loc>{server.url('/news/2016/11/story-0.html')}</loc><news:news><news:publication_date>"
        "2016-11-28T12:00:00Z</news:publication_date><news:title>Aleppo</news:title></news:news></url>"
        "<url><lastmod>2016-11-28</lastmod></url></urlset>"
    )
    plain = (
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<url><loc>{server.url('/news/2016/11/story-1.html')}</loc><lastmod>2016-11-27</lastmod></url></urlset>"
    )
    server.add("/news-sitemap.xml", news, "application/xml")
    server.add("/old.xml.gz", gzip.compress(plain.encode()), "application/x-gzip")
    index = (
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        "<sitemap><loc>/news-sitemap.xml</loc></sitemap><sitemap><loc>/old.xml.gz</loc></sitemap>"
        "<sitemap><loc>/gone.xml</loc></sitemap></sitemapindex>"
    )
    server.add("/sitemap.xml", index, "application/xml")
    source = web_source(server, SourceKind.SITEMAP, "/sitemap.xml")

    result = crawl_source(source, CrawlState(), SETTINGS)

    titles = {d.url: d.candidate.title for d in result.documents if d.candidate}
    assert titles == {
        server.url("/news/2016/11/story-0.html"): "Aleppo",
        server.url("/news/2016/11/story-1.html"): None,
    }
    assert {q.reason for q in result.quarantined} == {"malformed-sitemap-entry", "http-404"}
    # The index is not remembered (its children may change while it stays byte-identical); its children are.
    assert {v.url for v in result.validators} == {server.url("/news-sitemap.xml"), server.url("/old.xml.gz")}

    server.clear_log()
    second = rerun(source, result)
    assert second.documents == ()
    assert [e.status for e in server.requested("/news-sitemap.xml")] == [304]


LISTING = b"""<html><head><title>World</title></head><body>
<nav><a href="/">Home</a><a href="/world/">World</a><a href="/about">About</a><a href="/tag/syria">Syria</a></nav>
<main>
  <div class="teaser"><a href="/news/2016/11/story-2.html">Rebels lose ground</a></div>
  <div class="teaser"><a href="/news/2016/11/story-3.html#comments">Thousands flee</a></div>
  <div class="promo"><a href="/news/2016/11/story-5.html">Promoted</a></div>
</main>
<footer><a href="https://elsewhere.example/news/2016/11/other-site-story">Partner</a>
<a href="/private/internal-story-page-draft">Draft</a></footer></body></html>"""


def test_page_source_with_selector(server: FaultServer) -> None:
    server.add("/world/", LISTING)
    source = web_source(server, SourceKind.PAGE, "/world/", link_selector="div.teaser")

    result = crawl_source(source, CrawlState(), SETTINGS)

    assert [d.url for d in result.documents] == [server.url(f"/news/2016/11/story-{n}.html") for n in (2, 3)]
    assert [d.candidate.title for d in result.documents if d.candidate] == ["Rebels lose ground", "Thousands flee"]


def test_page_source_heuristics_keep_same_site_articles_and_honour_robots(server: FaultServer) -> None:
    server.add("/world/", LISTING)

    result = crawl_source(web_source(server, SourceKind.PAGE, "/world/"), CrawlState(), SETTINGS)

    assert [d.url for d in result.documents] == [server.url(f"/news/2016/11/story-{n}.html") for n in (2, 3, 5)]
    assert [q.reason for q in result.quarantined] == ["robots-disallowed"]
    assert server.requested("/private/internal-story-page-draft") == []


def test_unusable_sources_raise_with_reason_and_attempts(server: FaultServer) -> None:
    server.add("/not-a-feed.xml", "<html><body>hello</body></html>", "text/html")

    with pytest.raises(UnusableSourceError) as missing:
        crawl_source(web_source(server, SourceKind.RSS, "/nothing.xml"), CrawlState(), SETTINGS)
    with pytest.raises(UnusableSourceError) as html:
        crawl_source(web_source(server, SourceKind.RSS, "/not-a-feed.xml"), CrawlState(), SETTINGS)

    assert missing.value.reason == "http-404"
    assert [a.status for a in missing.value.attempts] == [200, 404]  # robots.txt, then the feed
    assert html.value.reason == "not-a-feed"


def test_private_addresses_refused_unless_allowed(server: FaultServer) -> None:
    server.add("/feed.xml", rss(server.base, [("/news/2016/11/story-1.html", "One")]), "application/rss+xml")
    strict = SourceConfig(name="strict", kind=SourceKind.RSS, url=server.url("/feed.xml"), politeness=FAST)

    with pytest.raises(UnusableSourceError) as refused:
        crawl_source(strict, CrawlState(), SETTINGS)

    assert refused.value.reason == "blocked-address"
    assert server.log == []  # refused before any byte was sent


def test_feed_links_with_other_schemes_are_quarantined(server: FaultServer) -> None:
    feed = rss(server.base, [("/news/2016/11/story-1.html", "ok")]).replace(
        b"</channel>",
        b"<item><title>js</title><link>javascript:alert(1)</link></item>"
        b"<item><title>file</title><link>file:///etc/passwd</link></item></channel>",
    )
    server.add("/feed.xml", feed, "application/rss+xml")

    result = crawl_source(web_source(server, SourceKind.RSS, "/feed.xml"), CrawlState(), SETTINGS)

    assert len(result.documents) == 1
    assert [(q.stage, q.reason) for q in result.quarantined] == [("fetch", "bad-scheme")] * 2


@pytest.mark.parametrize("link", ["http://\u2603.example/x", "http://a..b/", "http://-bad-.example/", "http://a b/"])
def test_a_malformed_link_is_quarantined_and_the_source_goes_on(server: FaultServer, link: str) -> None:
    feed = rss(server.base, [("/news/2016/11/story-1.html", "ok"), ("/news/2016/11/story-2.html", "ok too")]).replace(
        b"</channel>", f"<item><title>broken</title><link>{link}</link></item></channel>".encode()
    )
    server.add("/feed.xml", feed, "application/rss+xml")

    result = crawl_source(web_source(server, SourceKind.RSS, "/feed.xml"), CrawlState(), SETTINGS)

    assert len(result.documents) == 2
    assert [q.reason for q in result.quarantined] in (["bad-url"], ["malformed-feed-item"])


def _sitemap_index(*locations: str) -> str:
    entries = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locations)
    return f"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{entries}</sitemapindex>"


def _cyclic_sitemaps(server: FaultServer, children: int) -> list[str]:
    """An index listing itself and ``children`` child indexes, each listing the index, every sibling and a leaf."""
    names = [f"/child-{n}.xml" for n in range(children)]
    server.add("/sitemap.xml", _sitemap_index("/sitemap.xml", *names), "application/xml")
    for number, name in enumerate(names):
        leaf = f"/leaf-{number}.xml"
        server.add(name, _sitemap_index("/sitemap.xml", *names, leaf), "application/xml")
        story = server.url(f"/news/2016/11/story-{number % 6}.html")
        server.add(
            leaf,
            f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>{story}"
            "</loc></url></urlset>",
            "application/xml",
        )
    return ["/sitemap.xml", *names, *(f"/leaf-{n}.xml" for n in range(children))]


def test_a_sitemap_index_listing_itself_costs_each_url_once(server: FaultServer) -> None:
    paths = _cyclic_sitemaps(server, children=8)

    result = crawl_source(web_source(server, SourceKind.SITEMAP, "/sitemap.xml"), CrawlState(), SETTINGS)

    assert {path: server.hits(path) for path in paths} == dict.fromkeys(paths, 1)
    assert len(result.documents) == 6


def test_sitemap_requests_stop_at_the_budget(server: FaultServer) -> None:
    paths = _cyclic_sitemaps(server, children=8)
    budget = FetchSettings(backoff_base_seconds=0.01, backoff_max_seconds=0.05, max_sitemaps=5)

    result = crawl_source(web_source(server, SourceKind.SITEMAP, "/sitemap.xml"), CrawlState(), budget)

    assert sum(server.hits(path) for path in paths) == 5
    assert "sitemap-budget" in {q.reason for q in result.quarantined}
