"""Places: the seed article's locations and the disambiguation traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.gazetteer import load_gazetteer, matching_text
from transforms.places import resolve_places
from transforms.sentences import split_sentences

SEED = Path(__file__).resolve().parents[1] / "flows" / "samples" / "content" / "seed-article.txt"


def _places(text: str, country: str | None = None, dateline: str | None = None):  # type: ignore[no-untyped-def]
    return resolve_places(text, split_sentences(text), load_gazetteer(), country_hint=country, dateline=dateline)


def test_matching_text_keeps_offsets() -> None:
    text = "Ḩalab, Sana’a — Aleppo’s «حلب» İstanbul"
    assert len(matching_text(text)) == len(text)
    assert matching_text("Ḩalab")[:5] == "halab"


def test_seed_article() -> None:
    mentions, primary = _places(SEED.read_text(encoding="utf-8"))
    assert primary is not None and primary.name == "Aleppo" and primary.precision == "city"
    assert primary.latitude == pytest.approx(36.20, abs=0.05) and primary.longitude == pytest.approx(37.16, abs=0.05)
    names = {m.name for m in mentions}
    assert {"Damascus", "Homs", "Hama", "Latakia", "Syria"} <= names
    districts = {m.name: m for m in mentions if m.within}
    assert set(districts) == {"Sakhour", "Haydariya", "Sheikh Khodr", "Sheikh Fares"}
    assert all(
        d.within == "Aleppo" and d.precision == "city" and d.latitude == primary.latitude for d in districts.values()
    )
    assert "Bana" not in names
    assert all(m.latitude is not None for m in mentions)


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Clashes erupted in Tripoli overnight.", "LY", "LY"),
        ("Clashes erupted in Tripoli overnight.", "LB", "LB"),
        ("Clashes erupted in Tripoli, Lebanon, overnight.", None, "LB"),
        ("Clashes erupted in Tripoli overnight as Libyan forces advanced.", None, "LY"),
    ],
)
def test_tripoli_follows_context(text: str, country: str | None, expected: str) -> None:
    mentions, _ = _places(text, country)
    assert next(m for m in mentions if m.text == "Tripoli").country == expected


def test_dateline_decides() -> None:
    mentions, primary = _places("Gunmen attacked a checkpoint in Tripoli.", dateline="TRIPOLI, Lebanon")
    assert primary is not None and primary.country == "LB"


def test_people_and_rivers_are_not_places() -> None:
    text = "Michael Jordan visited. Hama Ali spoke. Pilgrims bathed in the Jordan River. Paris Hilton sang."
    names = {m.name for m in _places(text, "US")[0]}
    assert "Jordan" not in names and "Hama" not in names and "Paris" not in names
    assert "Jordan River" in names


def test_names_inside_other_names() -> None:
    text = "The Arakan Army met on Pushkin Square; SANA reported US-led strikes."
    names = {m.name for m in _places(text)[0]}
    assert not names & {"Rakhine State", "Damascus", "Pushkin", "Sanaa", "United States"}


def test_aliases_and_transliterations() -> None:
    for alias in ("Halab", "Alep", "Aleppo's"):
        mentions, _ = _places(f"Fighting in {alias} continued.", "SY")
        assert [m.name for m in mentions] == ["Aleppo"], alias


def test_small_foreign_town_needs_context() -> None:
    assert _places("Bana said hello.", "SY")[0] == ()
    assert [m.country for m in _places("Gunmen attacked Bana on Monday.", "CM")[0]] == ["CM"]
