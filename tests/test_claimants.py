"""Claimants an analyst can read: the named source, the body a spokesperson speaks for, headline attributions."""

from __future__ import annotations

import pytest

from transforms.enrich import enrich_text
from transforms.figures import extract_figures
from transforms.sentences import split_sentences


def _claimants(text: str) -> list[str]:
    return [figure.claimant for figure in extract_figures(text, split_sentences(text))]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "She said she had spoken with Blue Cross rescuers who told her that nine people were killed.",
            "Blue Cross rescuers",
        ),
        ("Omar Tell, who heads the Valley Monitor, said 40 fighters were killed in the clashes.", "the Valley Monitor"),
        (
            "Lena Fisk, a spokeswoman for the Harbour Relief Agency, said 16 people were injured.",
            "the Harbour Relief Agency",
        ),
        ("Four guards were killed near the depot, reports The Evening Courier.", "The Evening Courier"),
        ("Two teachers were abducted from the school, according to police.", "police"),
        ("Eleven rebels killed in overnight raids: defence ministry", "defence ministry"),
        ("At least 20 insurgents killed in northern valley - governor", "governor"),
        ("Port officials: 3 dockers injured as crane collapses", "Port officials"),
    ],
)
def test_the_claimant_is_the_named_source(text: str, claimant: str) -> None:
    assert set(_claimants(text)) == {claimant}


def test_a_spokesperson_resolves_for_later_pronouns_too() -> None:
    text = (
        "Omar Tell, who heads the Valley Monitor, told reporters that 40 fighters were killed. "
        "He said 12 civilians also died."
    )
    assert _claimants(text) == ["the Valley Monitor", "the Valley Monitor"]


def test_a_clause_after_a_colon_is_no_claimant() -> None:
    assert _claimants("The toll rose to 12: a grim milestone for the harbour town.") == ["reporter"]
    assert _claimants("Update: 7 people were hurt when the stand gave way.") == ["reporter"]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Harbour police spokesman Ivo Lind said nine people were injured.", "Harbour police"),
        ("Nine people were injured, an army spokesman said.", "army"),
        (
            "Nine people were injured, said Ivo Lind, spokesman for the Harbour Relief Agency.",
            "the Harbour Relief Agency",
        ),
        ("Nine people were injured, Ivo Lind, a spokesman for the district police, said.", "the district police"),
        ("Valley police spokesman raises death toll to 14 in market blast", "Valley police"),
        ("Valley police spokesman raises death toll in market blast at the bus depot to 14", "Valley police"),
    ],
)
def test_a_spokesperson_resolves_to_the_body_named_with_the_title(text: str, claimant: str) -> None:
    assert set(_claimants(text)) == {claimant}


def test_a_spokesperson_without_a_body_stays_as_written() -> None:
    assert _claimants("A spokesman said nine people were injured.") == ["A spokesman"]


@pytest.mark.parametrize(
    ("text", "claimants"),
    [
        ("PORTVILLE (AP) — Nine people were injured in a blast on Monday.", ["AP"]),
        (
            "PORTVILLE, May 3 (Reuters) - Nine people were injured, police said. Two of them died later.",
            ["police", "Reuters"],
        ),
        ("The Valley Front (VF) - nine fighters were killed.", ["reporter"]),
        ("Nine people were injured in a blast in Portville on Monday.", ["reporter"]),
    ],
)
def test_what_a_wire_report_states_itself_its_agency_states(text: str, claimants: list[str]) -> None:
    assert [figure.claimant for figure in enrich_text(text).figures] == claimants
