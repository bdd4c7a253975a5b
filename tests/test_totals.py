"""Counts written without numerals, and the incident total per category that counts each person once."""

from __future__ import annotations

import pytest

import transforms.totals
import transforms.victims
from records import Figure, IncidentTotal
from transforms.enrich import enrich_text
from transforms.figures import extract_figures
from transforms.sentences import split_sentences
from transforms.totals import incident_totals
from transforms.victims import find_victims


def _figures(text: str) -> tuple[Figure, ...]:
    return extract_figures(text, split_sentences(text))


def _totals(text: str) -> dict[str, IncidentTotal]:
    return {total.category: total for total in incident_totals(_figures(text))}


def test_exports() -> None:
    assert transforms.victims.__all__ == [
        "Victim",
        "counts_the_shot",
        "find_victims",
        "held_by_armed_group",
        "released_by_armed_group",
        "shot_by_attacker",
    ]
    assert transforms.totals.__all__ == ["PEOPLE_CATEGORIES", "incident_totals"]


@pytest.mark.parametrize(
    ("sentence", "category", "value", "phrase"),
    [
        ("A shopkeeper was shot dead outside his store on Elm Road late on Tuesday.", "killed", 1, "A shopkeeper"),
        ("A border guard was wounded when smugglers opened fire near the crossing.", "injured", 1, "A border guard"),
        ("The body of a herdsman was recovered from a well near the camp.", "killed", 1, "body of a herdsman"),
        ("Marta Quill, 31, of Lakeside was found dead in her car.", "killed", 1, "Marta Quill"),
        (
            "Omar Vance and Lia Torre were abducted while driving to the market.",
            "abducted",
            2,
            "Omar Vance and Lia Torre",
        ),
        ("Gunmen kidnapped a priest from the parish house overnight.", "abducted", 1, "a priest"),
        ("Officers nabbed a courier carrying detonators at the bus stand.", "detained", 1, "a courier"),
        ("A wanted rebel commander was taken into custody at a checkpoint.", "detained", 1, "A wanted rebel commander"),
        ("A married couple was killed when the shell hit their home.", "killed", 2, "A married couple"),
        ("Militants gunned down a teacher near the school gate.", "killed", 1, "a teacher"),
        ("A 19-year-old man succumbed to his injuries at the district hospital.", "killed", 1, "man"),
        ("A cashier is recovering after being shot in the leg during a hold-up.", "injured", 1, "A cashier"),
        ("A 40-year-old was rushed to a hospital with life-threatening injuries.", "injured", 1, "A 40-year-old"),
        ("A taxi driver is in critical condition after a gunfight on Dock Lane.", "injured", 1, "A taxi driver"),
        ("The gunfire on Pine Avenue left a teenager in serious condition.", "injured", 1, "a teenager"),
        ("A drive-by shooting sent a mechanic to the hospital late on Friday.", "injured", 1, "a mechanic"),
        (
            "A fighter of the outlawed group surrendered to the district police chief.",
            "surrendered",
            1,
            "A fighter of the outlawed group",
        ),
    ],
)
def test_counts_without_numerals(sentence: str, category: str, value: int, phrase: str) -> None:
    figures = [figure for figure in _figures(sentence) if figure.category == category]
    assert [(figure.text, figure.value_low, figure.value_high) for figure in figures] == [(phrase, value, value)]


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("No one was hurt in the fire that gutted the depot, officials said.", "injured"),
        ("Nobody was killed in the explosion at the fuel station.", "killed"),
        ("The rocket landed in an empty field and no casualties were reported.", "casualties"),
        ("There were no injuries, the fire brigade said.", "injured"),
    ],
)
def test_explicit_zero(sentence: str, category: str) -> None:
    zeros = [figure for figure in _figures(sentence) if figure.category == category]
    assert [(figure.value_low, figure.value_high) for figure in zeros] == [(0, 0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The convoy was hit by a roadside bomb near the bridge.",
        "A statement was issued by the governor on Friday.",
        "The fighters had been evacuated, not surrendered, the mediator said.",
        "He was never arrested for the 2019 robbery.",
        "A number of houses were damaged by the storm.",
        "Two rifles and a pistol were captured from the hideout.",
        "Detectives executed a search warrant at the house on Friday.",
    ],
)
def test_not_a_count(sentence: str) -> None:
    people = [figure for figure in _figures(sentence) if figure.category not in ("buildings_destroyed", "attacked")]
    assert people == []


def test_numbered_subjects_and_their_conjuncts_are_counted() -> None:
    text = (
        "Six couriers of the banned outfit were arrested at a checkpoint near the river crossing. "
        "Three raiders and a village guard were injured in the exchange of fire that followed."
    )
    figures = _figures(text)
    assert [(f.category, f.value_low) for f in figures] == [("detained", 6), ("injured", 3), ("injured", 1)]
    assert _totals(text)["injured"].value_low == 4


def test_relative_clauses_and_aliases_do_not_hide_the_subject() -> None:
    text = "K. Doran alias Redhand, who led the cell that raided the depot, was taken into custody on Sunday."
    detained = [(f.text, f.value_low) for f in _figures(text) if f.category == "detained"]
    assert detained == [("K. Doran alias Redhand", 1)]


def test_shooting_that_proved_fatal_is_not_an_injury() -> None:
    text = (
        "A delivery driver was shot on Maple Street shortly after midnight, the sheriff's office said. "
        "He was taken to Mercy Hospital, where he died an hour later."
    )
    totals = _totals(text)
    assert (totals["killed"].value_low, totals["killed"].value_high) == (1, 1)
    assert "injured" not in totals


def test_a_hospital_stay_that_proved_fatal_is_not_an_injury() -> None:
    text = "A porter was taken to the county hospital on Friday. He died there on Sunday."
    totals = _totals(text)
    assert (totals["killed"].value_low, totals["killed"].value_high) == (1, 1)
    assert "injured" not in totals


def test_restated_casualties_are_counted_once() -> None:
    text = (
        "A farmer was hacked to death by suspected rebels in Kirori village on Sunday. "
        "The victim, Samuel Odei, 52, was killed while returning from his field, police said. "
        "Police said Odei had received threats."
    )
    killed = _totals(text)["killed"]
    assert (killed.value_low, killed.value_high) == (1, 1)
    assert len(killed.mentions) == 1


def test_disjoint_parties_add_up_and_parts_do_not() -> None:
    text = (
        "Three soldiers and two civilians were killed in the ambush, the army said. "
        "Twelve people were wounded, including four children."
    )
    totals = _totals(text)
    assert (totals["killed"].value_low, totals["killed"].subject) == (5, "people")
    assert len(totals["killed"].mentions) == 2
    assert (totals["injured"].value_low, totals["injured"].value_high) == (12, 12)


def test_the_largest_all_inclusive_figure_wins() -> None:
    text = (
        "At least 14 people were killed when gunmen attacked a market in the town. "
        "A local official said nine of the dead were traders. "
        "Hospital staff said one more victim died overnight, bringing the toll to 15."
    )
    killed = _totals(text)["killed"]
    assert killed.value_low == 15


def test_totals_carry_the_figures_they_sum_and_the_place() -> None:
    text = "A policeman was shot dead and two passers-by were injured in Peshawar on Monday."
    enrichment = enrich_text(text)
    assert enrichment.totals
    for total in enrichment.totals:
        summed = [enrichment.figures[index] for index in total.mentions]
        assert all(figure.category == total.category for figure in summed)
        assert total.place == (enrichment.primary_place.name if enrichment.primary_place else None)
    assert {total.category for total in enrichment.totals} >= {"killed"}


def test_cumulative_tolls_stay_out_of_the_incident_total() -> None:
    text = (
        "Two villagers were killed in the raid on Tuesday. "
        "The insurgency has killed more than 3,000 people since 2015, the United Nations says."
    )
    assert _totals(text)["killed"].value_low == 2


def test_zero_casualties_give_zero_killed_and_injured() -> None:
    totals = _totals("The mortar round struck an empty warehouse; no casualties were reported.")
    assert {category: (total.value_low, total.value_high) for category, total in totals.items()} == {
        "killed": (0, 0),
        "injured": (0, 0),
        "casualties": (0, 0),
    }


def test_victims_of_one_sentence_in_order() -> None:
    sentence = "A guard was killed and a nurse was injured when the clinic was stormed."
    assert [(v.category, v.value_low, sentence[v.start : v.end]) for v in find_victims(sentence)] == [
        ("killed", 1, "A guard"),
        ("injured", 1, "a nurse"),
    ]
