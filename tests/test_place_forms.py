"""Base forms of inflected and prefixed words: what a declined or prefixed place name is looked up as."""

from __future__ import annotations

import pytest

from transforms.gazetteer import fold
from transforms.place_forms import base_forms, oblast_forms


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("Запорожья", "Запорожье"),  # genitive of a neuter in -ье
        ("Белгороде", "Белгород"),  # locative
        ("Полтавой", "Полтава"),  # instrumental of a feminine
        ("Луганску", "Луганск"),  # dative
        ("Черкасах", "Черкаси"),  # locative plural, Ukrainian
        ("Житомирі", "Житомир"),  # Ukrainian locative in -і
        ("Львова", "Львів"),  # Ukrainian о/і alternation
        ("Ізюмом", "Ізюм"),
        ("Сирией", "Сирия"),
    ],
)
def test_declined_cyrillic_words_give_their_nominative(word: str, nominative: str) -> None:
    assert fold(nominative) in base_forms(fold(word))


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("بحمص", "حمص"),  # "in Homs"
        ("والرقة", "الرقة"),  # "and al-Raqqa"
        ("وبالرقة", "الرقة"),  # "and in al-Raqqa"
        ("للرقة", "الرقة"),  # "to al-Raqqa": the article's alif drops after ل
        ("فالموصل", "الموصل"),
        ("كإدلب", "إدلب"),
    ],
)
def test_arabic_prefixes_come_off(word: str, name: str) -> None:
    assert fold(name) in base_forms(fold(word))


def test_latin_and_short_words_have_no_other_form() -> None:
    assert base_forms(fold("Alep")) == ()
    assert base_forms(fold("Мир")) == ()
    assert base_forms("في") == ()


def test_the_word_itself_is_not_a_form() -> None:
    assert fold("Ужгород") not in base_forms(fold("Ужгород"))
    assert fold("حمص") not in base_forms(fold("حمص"))


@pytest.mark.parametrize(
    ("word", "adjective"),
    [
        ("Полтавщині", "Полтавська"),  # a region named for its oblast, Ukrainian locative
        ("Вінниччину", "Вінницька"),  # -ччина from a -цька oblast
        ("Брянщиной", "Брянская"),  # Russian instrumental
        ("Донетчины", "Донецкая"),  # Russian -тчина
        ("Новгородчина", "Новгородская"),  # the region name itself, -дчина
        ("Брянській", "Брянская"),  # a Ukrainian oblast adjective read as the Russian one
        ("Житомирской", "Житомирська"),
    ],
)
def test_region_names_and_oblast_adjectives_give_the_oblast(word: str, adjective: str) -> None:
    assert fold(adjective) in oblast_forms(fold(word))
    assert fold(adjective) not in base_forms(fold(word))  # towns are never looked up by these


def test_words_that_only_look_like_region_names_keep_a_stem() -> None:
    # "щина" alone has no stem: a short word is not taken for a region; Latin words have no oblast
    assert oblast_forms(fold("Щина")) == ()
    assert oblast_forms(fold("Kursk")) == ()
