"""Metadata helpers: titles, bylines, datelines, dates, languages, and the article fields built from them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.parse import parse_html
from extractors.parse.dates import date_from_url, parse_date
from extractors.parse.language import detect_language, normalise_language
from extractors.parse.metadata import clean_title, find_dateline, split_authors

FIXTURES = Path(__file__).parent / "fixtures" / "parse"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Syrian rebels routed as regime militias storm through Aleppo | Levant Ledger", "Syrian rebels routed as "
         "regime militias storm through Aleppo"),
        ("Levant Ledger - Aleppo enclave split in two", "Aleppo enclave split in two"),
        ("Aleppo enclave split in two | World | Levant Ledger", "Aleppo enclave split in two"),
        ("Syria - the long war", "Syria - the long war"),
    ],
)  # fmt: skip
def test_clean_title(raw: str, expected: str) -> None:
    assert clean_title(raw, {"levantledger"}) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By JANE DOE, Associated Press | Updated 3 May 2019, 10:02", ["JANE DOE", "Associated Press"]),
        ("Written by Rachael Link, MS, RD on November 14, 2019", ["Rachael Link"]),
        ("Bruce Y. Lee", ["Bruce Y. Lee"]),
        ("Par Jean-Pierre Lokana, 13 juin 2023 à 10h30", ["Jean-Pierre Lokana"]),
        ("Analysis by Chris Cillizza, CNN", ["Chris Cillizza", "CNN"]),
        ("GREG BEACHAM, AP Sports Writer", ["GREG BEACHAM"]),
        ("https://example.org/authors/42", []),
        ("Levant Ledger Staff", ["Levant Ledger Staff"]),
        ("Mara Ilic (mil), Tomas Berg (tbe)", ["Mara Ilic", "Tomas Berg"]),
        ("River Herald (", ["River Herald"]),
        ("Veröffentlicht von Jonas Keller", ["Jonas Keller"]),
        ("Publié par Claire Dumas", ["Claire Dumas"]),
        ("Anna von Berg", ["Anna von Berg"]),
    ],
)
def test_split_authors(raw: str, expected: list[str]) -> None:
    assert split_authors(raw) == expected


@pytest.mark.parametrize(
    ("first_paragraph", "expected"),
    [
        ("ALEPPO, Syria (AP) — Rebels retreated on Monday.", "ALEPPO, Syria"),
        ("BEIRUT (Reuters) - Israeli jets struck targets.", "BEIRUT"),
        ("KHAN YOUNIS, Gaza Strip — Residents were ordered south.", "KHAN YOUNIS, Gaza Strip"),
        ("Kadugli, Sudan (AFP) — Eight civilians were killed.", "Kadugli, Sudan"),
        ("(Reuters) — The attorney general is investigating.", None),
        ("Syrian regime forces took control of the north.", None),
        ("A UN convoy - the first in months - arrived.", None),
    ],
)
def test_find_dateline(first_paragraph: str, expected: str | None) -> None:
    assert find_dateline(first_paragraph) == expected


def test_parse_date_keeps_offset() -> None:
    parsed = parse_date("2016-11-28T15:47:00+03:00")
    assert parsed is not None
    assert parsed.utc == datetime(2016, 11, 28, 12, 47, tzinfo=UTC) and parsed.offset_minutes == 180
    naive = parse_date("2016-11-28 15:47:00")
    assert naive is not None and naive.utc.tzinfo is UTC and naive.offset_minutes is None
    rfc = parse_date("Mon, 28 Nov 2016 15:47:00 -0500")
    assert rfc is not None and rfc.offset_minutes == -300
    assert parse_date("28 November, 2016") is not None
    assert parse_date("2099-01-01T00:00:00Z") is None  # implausible: in the future
    assert parse_date("not a date") is None


def test_date_from_url() -> None:
    found = date_from_url("https://x.example/news/2016/11/28/aleppo")
    assert found is not None and found.utc.date().isoformat() == "2016-11-28"
    assert date_from_url("https://x.example/news/story-20161128-aleppo") is None
    assert date_from_url("https://x.example/2016/13/40/x") is None


def test_languages() -> None:
    assert normalise_language("en-GB") == "en" and normalise_language("pt_BR") == "pt"
    assert normalise_language("und") is None and normalise_language("English please") is None
    assert detect_language("Les forces du régime ont repris le contrôle de plusieurs quartiers.") == "fr"
    assert detect_language("حلب") is None  # too little text to tell


def test_article_fields_from_fixture() -> None:
    article = parse_html((FIXTURES / "boilerplate_article.html").read_bytes(), "https://news.example/x?utm=1")
    assert article.title == "Shelling hits market in Idlib, killing nine"
    assert article.authors == ("Rana Haddad", "Tom Okafor")
    assert article.published_at == datetime(2019, 5, 6, 13, 20, tzinfo=UTC)
    assert article.published_offset_minutes == 180
    assert article.language == "en" and article.section == "Middle East"
    assert article.dateline == "IDLIB, Syria"
    assert article.lead == "Rescuers searched the rubble of a vegetable market after an afternoon barrage."
    assert article.canonical_url == "https://news.example/world/2019/05/06/idlib-market-shelling?ref=rss"
    assert article.structured is not None and '"article:section":"Middle East"' in article.structured
    assert article.raw_sha256 and article.is_article


def _byline_page(jsonld_author: str, byline: str) -> bytes:
    paragraphs = "".join(
        f"<p>Paragraph {i}: the regional council said the ferry would run twice a day from next week, "
        f"after the storm damage to the northern pier had been repaired.</p>"
        for i in range(4)
    )
    return (
        '<html><head><meta property="og:site_name" content="Harbour Times">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry returns", '
        f'"author": {{"@type": "Organization", "name": "{jsonld_author}"}}}}</script></head>'
        f'<body><article><h1>Ferry returns</h1><div class="byline">{byline}</div>{paragraphs}</article></body></html>'
    ).encode()


@pytest.mark.parametrize(
    ("jsonld_author", "byline", "expected"),
    [
        ("Harbour Times", "By Lena Okafor", ("Lena Okafor",)),  # the site as author: the signed byline wins
        ("Harbour Times", "dpa", ("Harbour Times",)),  # an agency code is no better than the site
        ("Lena Okafor", "By Tom Reyes", ("Lena Okafor",)),  # a named JSON-LD author is trusted first
    ],
)
def test_site_name_author_gives_way_to_a_signed_byline(
    jsonld_author: str, byline: str, expected: tuple[str, ...]
) -> None:
    article = parse_html(_byline_page(jsonld_author, byline), "https://harbourtimes.example/2024/ferry")
    assert article.authors == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06.10.2023", datetime(2023, 10, 6, tzinfo=UTC)),  # dotted dates are day first, never month first
        ("3.11.2021", datetime(2021, 11, 3, tzinfo=UTC)),
        ("6. 10. 2023, 14:30 Uhr", datetime(2023, 10, 6, 14, 30, tzinfo=UTC)),
        ("31.02.2020", None),
        ("Mo., 14.03.2022 - 09:05", datetime(2022, 3, 14, 9, 5, tzinfo=UTC)),  # a weekday before the date
        ("14.03.2022, 09:05:41", datetime(2022, 3, 14, 9, 5, 41, tzinfo=UTC)),
    ],
)
def test_dotted_dates_are_day_first(text: str, expected: datetime | None) -> None:
    parsed = parse_date(text)
    assert (parsed.utc if parsed else None) == expected


def test_date_printed_above_the_headline_is_found() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i}: the harbour office said the ferry timetable would change from the first of the "
        f"month, with two extra crossings on weekdays.</p>"
        for i in range(4)
    )
    page = f'<html><body><div class="kicker">19.11.2021</div><h1>Ferry timetable changes</h1>{paragraphs}</body></html>'
    article = parse_html(page.encode(), "https://harbour.example/ferry-timetable")
    assert article.published_at == datetime(2021, 11, 19, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected", "offset"),
    [
        ("2021-7-9T08:15:00", datetime(2021, 7, 9, 8, 15, tzinfo=UTC), None),  # unpadded ISO fields
        ("2021/07/09", datetime(2021, 7, 9, tzinfo=UTC), None),
        ("2021-07-09 08:15:00 GMT", datetime(2021, 7, 9, 8, 15, tzinfo=UTC), 0),  # the page names UTC
        ("2021-07-09T08:15:00 UTC", datetime(2021, 7, 9, 8, 15, tzinfo=UTC), 0),
        ("1625818500", datetime(2021, 7, 9, 8, 15, tzinfo=UTC), None),  # Unix seconds: an instant, no offset
        ("PT15M", None, None),  # a schema.org duration is no date
        ("P1DT2H", None, None),
    ],
)
def test_machine_dates_read_without_the_fuzzy_parser(text: str, expected: datetime | None, offset: int | None) -> None:
    parsed = parse_date(text, fuzzy=False)
    assert (parsed.utc if parsed else None) == expected
    assert (parsed.offset_minutes if parsed else None) == offset
