"""Numbers as reporters write them: values, bounds, qualifiers, shares, and what is never a count."""

from __future__ import annotations

import re

import pytest

import transforms.numbers
from transforms.numbers import NumberSpan, find_numbers, match_at_words


def _only(text: str) -> NumberSpan:
    spans = find_numbers(text)
    assert len(spans) == 1, spans
    return spans[0]


def test_exports() -> None:
    assert transforms.numbers.__all__ == ["NumberSpan", "find_numbers", "match_at_words"]


@pytest.mark.parametrize(
    ("text", "written", "low", "high", "qualifier"),
    [
        ("3,000 buildings", "3,000", 3000, 3000, None),
        ("3.000 morts", "3.000", 3000, 3000, None),
        ("3 000 blessés", "3 000", 3000, 3000, None),
        ("1.5 million refugees", "1.5 million", 1_500_000, 1_500_000, None),
        ("2,5 millions de déplacés", "2,5 millions", 2_500_000, 2_500_000, None),
        ("ten neighbourhoods", "ten", 10, 10, None),
        ("seventeen children", "seventeen", 17, 17, None),
        ("twenty-five soldiers", "twenty-five", 25, 25, None),
        ("two hundred and fifty people", "two hundred and fifty", 250, 250, None),
        ("a dozen rebels", "a dozen", 12, 12, None),
        ("dozens of civilians", "dozens", 24, 99, None),
        ("hundreds of homes", "hundreds", 100, 999, None),
        ("Thousands are thought", "Thousands", 1000, 9999, None),
        ("tens of thousands of people", "tens of thousands", 10_000, 99_999, None),
        ("more than 400,000 people", "more than 400,000", 400_000, None, "more than"),
        ("over 3,000 buildings", "over 3,000", 3000, None, "over"),
        ("at least 23 civilians", "at least 23", 23, None, "at least"),
        ("up to 40 women", "up to 40", None, 40, "up to"),
        ("nearly 40 people", "nearly 40", 40, 40, "nearly"),
        ("some 300 rebels", "some 300", 300, 300, "about"),
        ("about 3,000 families", "about 3,000", 3000, 3000, "about"),
        ("between 20 and 30 people", "between 20 and 30", 20, 30, "between"),
        ("20-30 fighters", "20-30", 20, 30, "between"),
        ("the toll rose from 20 to 30", "30", 30, 30, None),
        ("au moins 25 civils", "au moins 25", 25, None, "at least"),
        ("plus de vingt-cinq soldats", "plus de vingt-cinq", 25, None, "more than"),
        ("quatre-vingt-dix civils", "quatre-vingt-dix", 90, 90, None),
        ("Dix-sept enfants", "Dix-sept", 17, 17, None),
        ("une vingtaine de soldats", "une vingtaine", 20, 20, "about"),
        ("des dizaines de milliers de personnes", "des dizaines de milliers", 10_000, 99_999, None),
    ],
)
def test_values(text: str, written: str, low: int | None, high: int | None, qualifier: str | None) -> None:
    span = _only(text)
    assert (span.text, span.value_low, span.value_high, span.qualifier) == (written, low, high, qualifier)
    assert text[span.start : span.end] == written


@pytest.mark.parametrize(
    ("text", "share", "qualifier"),
    [
        ("displaced over half the country's population", 0.5, "over"),
        ("Half of Syria's pre-war population", 0.5, None),
        ("a third of the population", 1 / 3, None),
        ("20 percent of the population", 0.2, None),
        ("la moitié de la population", 0.5, None),
    ],
)
def test_shares(text: str, share: float, qualifier: str | None) -> None:
    span = _only(text)
    assert span.share == pytest.approx(share)
    assert (span.value_low, span.value_high, span.qualifier) == (None, None, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "Seven-year-old Bana al-Abed",
        "3 min read",
        "28 November, 2016",
        "protests in March 2011",
        "in 2015",
        "at 10:30 on Monday",
        "from 7 pm",
        "the 21st brigade",
        "call +963 11 234 5678",
        "Su-24 jets",
        "COVID-19 cases",
        "a 72-hour truce",
        "$1.5 billion in aid",
        "20 km from the border",
        "aged 9",
        "Âgée de 9 ans",
        "no one was hurt",
    ],
)
def test_not_counts(text: str) -> None:
    assert find_numbers(text) == ()


def test_french_article_is_not_read_in_acronyms() -> None:
    assert [span.text for span in find_numbers("Two UN peacekeepers")] == ["Two"]


def test_match_at_words_only_tries_listed_words() -> None:
    pattern = re.compile(r"killed\s+\d+", re.IGNORECASE)
    text = "Gunmen killed 12 and unkilled 3"
    assert [m.group(0) for m in match_at_words(pattern, text, frozenset({"killed"}))] == ["killed 12"]
    assert list(match_at_words(pattern, "no candidate here", frozenset({"killed"}))) == []
