"""The per-language labelled sets are valid against the vocabularies, and the bench scores by its stated rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.bench_enrich_lang import (
    AREA_KM,
    DATA,
    LANGUAGES,
    LabelledFigure,
    LabelledPlace,
    claimant_matches,
    distance_km,
    folded,
    load_items,
    value_matches,
)
from records.vocab import EventType, FigureCategory, values_of

ROW_KEYS = {"id", "language", "text", "figures", "places", "event_type"}


def _rows(language: str) -> list[dict]:
    path: Path = DATA / f"{language}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_row_is_valid_against_the_schema_and_vocabularies(language: str) -> None:
    rows = _rows(language)
    assert len(rows) >= (20 if language == "en" else 50)
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert ROW_KEYS <= set(row) <= ROW_KEYS | {"actors"}, row["id"]
        assert row["language"] == language and row["id"].startswith(f"{language}-")
        assert row["text"].strip(), row["id"]
        assert row["event_type"] is None or row["event_type"] in values_of(EventType), row["id"]
        for figure in row["figures"]:
            assert figure["category"] in values_of(FigureCategory), row["id"]
            assert isinstance(figure["value"], int) and figure["value"] > 0, row["id"]
            claimant = figure["claimant"]
            assert claimant is None or claimant in row["text"], row["id"]
        for place in row["places"]:
            assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180, row["id"]
            assert place.get("kind") in (None, *AREA_KM), row["id"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_set_has_negatives_and_loads(language: str) -> None:
    items = load_items(language)
    assert any(not item.figures for item in items)
    assert any(item.event_type is None for item in items)


def test_folding_drops_case_diacritics_arabic_marks_and_punctuation() -> None:
    assert folded("l'État-major") == folded("L’ETAT MAJOR")
    assert folded("Міноборони,") == "міноборони"
    assert folded("وزارةُ الصحةِ") == folded("وزارة الصحة")
    assert folded("Фёдоров") == folded("федоров")


def test_claimant_contains_either_way_after_folding() -> None:
    assert claimant_matches("le ministère de la Défense du Niger", "ministère de la défense")
    assert claimant_matches("OCHA", "l'OCHA, dans son rapport")
    assert not claimant_matches("la Croix-Rouge", "le HCR")
    assert not claimant_matches("la police", None)
    assert not claimant_matches("la police", "unknown")
    assert claimant_matches(None, "unknown")
    assert claimant_matches(None, "reporter")
    assert not claimant_matches("la police", "reporter")
    assert not claimant_matches(None, "the army")


def test_distance_and_area_radius() -> None:
    kharkiv, kyiv = (49.99, 36.23), (50.45, 30.52)
    assert distance_km(kharkiv, kharkiv) == 0
    assert 400 < distance_km(kharkiv, kyiv) < 420
    assert LabelledPlace("Харків", *kharkiv).radius_km == 25
    assert LabelledPlace("Україна", 48.38, 31.17, "country").radius_km == AREA_KM["country"]


def test_a_figure_matches_its_labelled_value_through_any_hedge() -> None:
    label = LabelledFigure("killed", 400, None)
    assert value_matches(label, 400, None) and value_matches(label, 300, 500)
    assert value_matches(label, None, 400)  # "до 400": an upper bound alone prints its number as value_high
    assert not value_matches(label, None, 300) and not value_matches(label, None, None)
