"""Hostile and broken input: the parser answers with a ParseError subclass or a flagged article, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.errors import BinaryDocumentError, EmptyDocumentError, NotHtmlError, ParseError
from extractors.parse import decode_html, parse_html
from tests.guards import cpu_guard

FIXTURES = Path(__file__).parent / "fixtures" / "parse"
URL = "https://news.example/world/2019/05/06/story"
PROSE = b"Shelling resumed along the front line on Monday, officials said, as families fled south. "


@pytest.mark.parametrize(
    ("content", "content_type", "error"),
    [
        (b"", None, EmptyDocumentError),
        (b"  \n\t  ", None, EmptyDocumentError),
        (bytes(range(256)) * 8, None, BinaryDocumentError),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, None, BinaryDocumentError),
        (b"%PDF-1.7\n" + b"x" * 64, None, BinaryDocumentError),
        (b"<html><body><p>fine</p></body></html>", "image/jpeg", BinaryDocumentError),
        (b'{"headline": "not a page"}', "application/json", NotHtmlError),
        (b'{"headline": "not a page"}', None, NotHtmlError),
        (b"plain text with no markup whatsoever", None, NotHtmlError),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><item/></channel></rss>', None, NotHtmlError),
    ],
)
def test_bad_documents_raise_typed_errors(content: bytes, content_type: str | None, error: type) -> None:
    with pytest.raises(error) as caught:
        parse_html(content, URL, source="test", content_type=content_type)
    assert isinstance(caught.value, ParseError)
    assert caught.value.source == "test" and caught.value.url == URL


def test_no_body_tag() -> None:
    article = parse_html(b"<title>Front line</title><p>" + PROSE * 4, URL)
    assert article.is_article and article.title == "Front line"
    assert article.body.startswith("Shelling resumed")


def test_truncated_page_keeps_what_arrived() -> None:
    article = parse_html(b"<html><body><div class='article'><p>" + PROSE * 5 + b"</p><p>Cut mid-sen", URL)
    assert article.body.startswith("Shelling resumed") and article.is_article


def test_nested_tables_1000_deep() -> None:
    page = b"<html><body>" + b"<table><tr><td>" * 1000 + b"<p>" + PROSE * 3 + b"</p>"
    page += b"</td></tr></table>" * 1000 + b"</body></html>"
    article = parse_html(page, URL)
    assert "Shelling resumed" in article.body


def test_5mb_of_divs_is_bounded() -> None:
    page = b"<html><body>" + b"<div>x</div>" * (5 * 1024 * 1024 // 12) + b"</body></html>"
    with cpu_guard(120.0):
        article = parse_html(page, URL)
    assert not article.is_article and article.not_article_reason == "no-body-text"


def test_wrong_charset_declared_utf8_bytes_win() -> None:
    text = "<html><head><meta charset='iso-8859-1'></head><body><p>Alep — déplacés, 3 000 réfugiés.</p></body></html>"
    assert "Alep — déplacés" in decode_html(text.encode("utf-8"))
    assert "Alep — déplacés" in decode_html(text.encode("utf-8"), "text/html; charset=ISO-8859-1")


def test_declared_windows_1252_and_bom_and_header() -> None:
    body = "<html><head><meta charset='windows-1252'></head><body><p>Djibo — la faim gagne</p></body></html>"
    assert "Djibo — la faim" in decode_html(body.encode("cp1252"))
    assert "Djibo — la faim" in decode_html(b"\xef\xbb\xbf" + body.replace("windows-1252", "utf-8").encode())
    assert "Djibo — la faim" in decode_html(body.encode("utf-16"))
    assert "Djibo — la faim" in decode_html(body.encode("cp1252"), "text/html; charset=windows-1252")


def test_mostly_utf8_with_bad_bytes_stays_utf8() -> None:
    page = "<html><head><meta charset='utf-8'></head><body><p>KADUGLI, Sudan — shells</p>".encode()
    page += b"\x00\xff\xfe junk</body></html>"
    assert "KADUGLI, Sudan — shells" in decode_html(page)


def test_malformed_jsonld_is_repaired_or_ignored() -> None:
    article = parse_html((FIXTURES / "malformed_jsonld.html").read_bytes(), URL)
    assert article.title == "Convoy reaches besieged town"
    assert article.authors == ("Ana Ruiz", "Li Wei")
    assert article.published_at is not None and article.published_at.isoformat() == "2021-03-04T14:15:00+00:00"
    assert article.published_offset_minutes == -300
    assert article.section == "World" and article.language == "en"


def test_lying_jsonld_is_cross_checked() -> None:
    article = parse_html((FIXTURES / "lying_jsonld.html").read_bytes(), URL)
    # The visible headline matches the <title>, the template headline does not.
    assert article.title == "Des milliers de déplacés fuient les combats au nord du pays"
    # A date in 2099 is implausible; the meta tag's date is used instead.
    assert article.published_at is not None and article.published_at.year == 2022
    # An author "name" that is a URL is no author; a two-word articleBody does not replace the real body.
    assert article.authors == ()
    assert article.body.startswith("Des milliers de civils") and article.language == "fr"


def test_listing_page_is_flagged_not_dropped() -> None:
    article = parse_html((FIXTURES / "listing.html").read_bytes(), URL)
    assert not article.is_article and article.not_article_reason == "listing-page"


def test_boilerplate_is_removed() -> None:
    article = parse_html((FIXTURES / "boilerplate_article.html").read_bytes(), URL)
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("IDLIB, Syria (Reuters) — Artillery shells")
    assert paragraphs[-1].startswith("A war monitor said")
    assert "Rescuers overwhelmed" in paragraphs  # a subheading inside the article stays
    for furniture in ("cookies", "Share on", "Airstrikes hit hospital", "Sign up", "Advertisement", "propaganda",
                      "Photo: AFP", "All rights reserved", "Rescuers searched the rubble"):  # fmt: skip
        assert furniture not in article.body, furniture


def test_complete_jsonld_body_replaces_a_script_rendered_dom() -> None:
    page = b"""<html><head><title>Convoy hit</title><script type="application/ld+json">{"@type": "NewsArticle",
    "headline": "Convoy hit", "articleBody": "First paragraph of the real story, rendered by script on the client,
    long enough to count as prose.\\nSecond paragraph with more detail about the attack and the claims made."}
    </script></head><body><div id="app"><p>Loading the article, please wait while we fetch it...</p></div></body>
    </html>"""
    article = parse_html(page, URL)
    assert article.body.startswith("First paragraph of the real story") and "Loading" not in article.body
