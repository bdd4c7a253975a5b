"""A place name closing a longer capitalised name in French or Spanish copy is part of that name."""

from __future__ import annotations

import pytest

from transforms.romance_names import closes_longer_name, opens_longer_name


def _at(text: str, name: str) -> bool:
    return closes_longer_name(text, text.index(name))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Un informe de la Fiscalía del Ecuador cifra en 12 los detenidos.", "Ecuador"),
        ("Le porte-parole de la Gendarmerie du Tchad a confirmé l'attaque.", "Tchad"),
        ("El club jugó en el estadio Pascual Guerrero anoche.", "Guerrero"),
        ("La Universidad de Antioquia suspendió las clases.", "Antioquia"),
    ],
)
def test_a_name_ending_an_institution_or_a_person_is_part_of_it(text: str, name: str) -> None:
    assert _at(text, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Cerca de Tumaco, dos soldados murieron.", "Tumaco"),  # the capitalised word opens the sentence
        ("Près de Ménaka, un convoi a été attaqué.", "Ménaka"),
        ("Los combates siguen en el Estado de Zulia.", "Zulia"),  # a kind of area
        ("Hubo enfrentamientos en el Norte de Santander.", "Santander"),  # a direction
        ("Les habitants de Gao ont fui.", "Gao"),  # a lowercase word before
        ("El gobernador de Nariño habló.", "Nariño"),
        ("Trois civils tués à Mopti.", "Mopti"),
    ],
)
def test_a_name_in_its_setting_is_a_place(text: str, name: str) -> None:
    assert not _at(text, name)


@pytest.mark.parametrize(
    ("text", "name", "opens"),
    [
        ("El Tolima Fútbol Club ganó el partido.", "El Tolima", True),
        ("La Paz Ciudadana convocó una marcha.", "La Paz", True),
        ("Les combats ont repris à Goma mardi.", "Goma", False),
        ("Enfrentamientos en Cali Norte dejaron tres heridos.", "Cali", False),  # a direction after it
        ("Murieron dos soldados en Tumaco, Nariño.", "Tumaco", False),
    ],
)
def test_a_name_opening_a_longer_name(text: str, name: str, opens: bool) -> None:
    assert opens_longer_name(text, text.index(name) + len(name)) is opens
