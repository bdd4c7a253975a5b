"""How local-news and incident-report wordings of harm are counted: shot, assaulted, elided, listed, captive.

Every sentence here is written for the test; none comes from a labelled set.
"""

from __future__ import annotations

import pytest

from records import Figure, IncidentTotal
from transforms.figures import extract_figures
from transforms.sentences import split_sentences
from transforms.totals import incident_totals
from transforms.victims import counts_the_shot, find_victims, shot_by_attacker


def _figures(text: str) -> tuple[Figure, ...]:
    return extract_figures(text, split_sentences(text))


def _totals(text: str) -> dict[str, IncidentTotal]:
    return {total.category: total for total in incident_totals(_figures(text))}


def _people(text: str, category: str) -> list[int | None]:
    return [figure.value_low for figure in _figures(text) if figure.category == category]


@pytest.mark.parametrize(
    ("sentence", "category", "value"),
    [
        ("A courier was found shot behind the depot on Dale Road.", "injured", 1),
        ("Detectives are looking for a gunman who shot a cyclist in the arm.", "injured", 1),
        ("Harlan Voss, 52, shot Perry Lund outside the feed store on Friday.", "injured", 1),
        ("The deputy shot him to death after a standoff.", "killed", 1),
        ("A ticket clerk was pistol-whipped during the hold-up.", "injured", 1),
        ("A night guard was beaten up by the intruders.", "injured", 1),
        ("A waiter arrived at the clinic with a gunshot wound, staff said.", "injured", 1),
        ("Medics treated a jogger suffering a gunshot wound near the river.", "injured", 1),
        ("The driver was taken to Mt. Olive hospital in serious condition.", "injured", 1),
        ("The settlers held three shepherds captive overnight.", "abducted", 3),
        ("A man was charged after the fatal shooting of a bouncer outside the club.", "killed", 1),
        ("A hiker was found fatally shot on the trail.", "killed", 1),
        ("Deputies found a teenager shot near the boat ramp on Sunday.", "injured", 1),
        ("The courier's injury was non-life threatening, officers said.", "injured", 1),
        ("She is being treated for non-life-threatening injuries at Mercy General.", "injured", 1),
        ("Rebels set free eleven farm hands after holding them captive for a week.", "abducted", 11),
        ("The militants released 40 others held hostage in the quarry.", "abducted", 40),
        ("Insurgents picked up Tomas Velde from his shop at night.", "abducted", 1),
    ],
)
def test_harm_wordings(sentence: str, category: str, value: int) -> None:
    assert _people(sentence, category) == [value]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officers said the shooting was captured on a doorbell camera.",
        "The robber fired one shot into the ceiling and fled.",
        "The man threatened to shoot a neighbour over the fence.",
        "He said he would kill himself, according to court papers.",
        "Fortunately, neither of the clerks was hurt in the robbery.",
        "He was taken to the county medical center for a psychiatric evaluation.",
        "Around 7:48 p.m., officers closed the road.",
        "He was wanted in several cases, including the killing of a ward member two years ago.",
    ],
)
def test_not_a_count_of_harmed_people(sentence: str) -> None:
    harmed = [figure for figure in _figures(sentence) if figure.category in ("killed", "injured", "detained")]
    assert [figure.value_low for figure in harmed if figure.value_low] == []


def test_the_shot_less_the_dead_is_the_injured_total() -> None:
    totals = _totals("Four men were shot outside a bar on Pine Street, one of them fatally.")
    assert (totals["killed"].value_low, totals["injured"].value_low) == (1, 3)
    named = _totals("Two people were shot on Elm Street. Dana Reyes, 30, was pronounced dead at the scene.")
    assert (named["killed"].value_low, named["injured"].value_low) == (1, 1)


def test_the_wounded_are_not_reduced_by_the_dead() -> None:
    totals = _totals("Two guards were killed and three were wounded when the convoy was ambushed.")
    assert (totals["killed"].value_low, totals["injured"].value_low) == (2, 3)


def test_shot_people_all_said_to_have_died_are_no_injury() -> None:
    assert _people("Two men were shot near the park on Sunday. Both died at the hospital.", "injured") == []
    assert _people("A man and a woman were shot on Friday. The man died.", "injured") == [1, 1]


def test_shot_him_of_someone_reported_dead_is_no_injury() -> None:
    text = "Rebels killed a village headman on Monday. They dragged him out and shot him near the well."
    assert _people(text, "injured") == []
    assert _people("A robber entered the shop and shot him in the leg.", "injured") == [1]


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("One guard was killed and another injured in the blast near the depot.", [1], [1]),
        ("A porter died while another sustained shrapnel injuries.", [1], [1]),
        ("Three constables were killed and two others injured when rebels fired on the patrol.", [3], [2]),
        ("Gunmen killed a forest officer near the dam and injure two rangers.", [1], [2]),
    ],
)
def test_elided_and_coordinated_tolls(sentence: str, killed: list[int], injured: list[int]) -> None:
    assert (_people(sentence, "killed"), _people(sentence, "injured")) == (killed, injured)


def test_each_listed_victim_is_counted() -> None:
    assert _people("Insurgents abducted a ward member and a schoolteacher from Keri.", "abducted") == [1, 1]
    assert _people("Insurgents abducted Omar Lake and Tia Brand from the market.", "abducted") == [2]


def test_sentences_joined_without_a_space_are_split() -> None:
    texts = [sentence.text for sentence in split_sentences("A clerk was shot in Dunmore.The victim is recovering.")]
    assert texts == ["A clerk was shot in Dunmore.", "The victim is recovering."]


def test_shot_helpers_read_the_count_position() -> None:
    sentence = "Police said a gunman shot two brothers and three people were shot later."
    assert shot_by_attacker(sentence, sentence.index("two"))
    assert counts_the_shot(sentence, sentence.index("three"), sentence.index("three") + len("three people"))
    assert not counts_the_shot(sentence, 0, len("Police"))
    assert [victim.provisional for victim in find_victims("A baker was stabbed on Main Street.")] == [True]


def test_others_sets_named_people_apart_from_the_count() -> None:
    assert _totals("Rebels abducted him and four others from the hamlet of Dovi.")["abducted"].value_low == 5
    assert _totals("Mara Quist and two other herders were abducted near the well.")["abducted"].value_low == 3
    assert _totals("A porter was shot. The victim died and two others were hurt.")["injured"].value_low == 2


@pytest.mark.parametrize(
    ("text", "category", "total"),
    [
        # Appositive subjects: the first phrase that counts, a name after "identified as".
        ("The 'supply chief' of the Red Hill group, identified as Toma Ardel, was killed near Varno.", "killed", 1),
        ("A ferry clerk, Ines Kavo, was wounded by shrapnel at the pier.", "injured", 1),
        ("A civilian and 11 policemen were killed in the ambush near Osra.", "killed", 12),
        ("A river guard - Pell Anson - was injured when a mine went off.", "injured", 1),
        # Definite objects of a verb that takes people; a harm to a body part is nobody.
        ("The rebels raided Kesso and later killed the village headman.", "killed", 1),
        ("A gunman fatally shot his brother and then himself, police said.", "killed", 2),
        ("The bodies of three herders were found by the stream.", "killed", 3),
        ("Police charged a neighbour in the killing of Rona Feld and Ezra Feld.", "killed", 2),
        ("Detectives are investigating a homicide on Larch Street.", "killed", 1),
        # Assaults are injuries; the spared are nobody; suspects taken to hospital are not victims.
        ("Militants assaulted five porters at the quarry.", "injured", 5),
        ("Two men were killed and six others critically injured in the blast.", "injured", 6),
        # Armed groups abduct, whatever the verb; arrests stay detentions.
        ("Four road workers were detained by the insurgents at a checkpoint.", "abducted", 4),
        ("The Police detained three suspected insurgents at the checkpoint.", "detained", 3),
    ],
)
def test_newsroom_counts(text: str, category: str, total: int) -> None:
    totals = _totals(text)
    assert category in totals and totals[category].value_low == total


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("All four victims were taken to the hospital for treatment.", "killed"),
        ("Three children were also inside the house and were not hurt.", "injured"),
        ("Both suspects were taken to an area hospital with dog bites.", "injured"),
        ("He injured his foot when he jumped from the porch.", "injured"),
        ("The magistrate released nine traders on bail on Monday.", "abducted"),
        ("The school bus picked up Anil Varo at noon.", "detained"),
        (
            "The constables released four marchers, arrested earlier, for two clerks the crowd had held hostage.",
            "abducted",
        ),
        ("Police found a man shot dead in a parked car.", "injured"),
        ("Tarn was wanted in several cases, including the killing of a ranger in 2009.", "killed"),
    ],
)
def test_newsroom_non_counts(text: str, category: str) -> None:
    assert category not in _totals(text)
