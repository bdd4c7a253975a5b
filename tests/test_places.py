"""Places: the seed article's locations and the disambiguation traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.gazetteer import LocalityIndex, load_gazetteer, matching_text
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


def _small(mentions) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {m.text: m for m in mentions if m.precision in ("village", "district")}


@pytest.mark.parametrize(
    "text",
    [
        "Security forces clashed with insurgents at Konta (Khammam, Telangana) early on Sunday.",
        "Security forces clashed with insurgents at Konta in the Khammam district early on Sunday.",
        "Insurgents burned a bus in Konta, Khammam, according to officials.",
        "According to officials, the bus was set on fire near Konta village of Khammam District.",
    ],
)
def test_village_down_the_hierarchy(text: str) -> None:
    konta = _small(_places(text)[0])["Konta"]
    assert konta.precision == "village" and konta.country == "IN"  # type: ignore[attr-defined]
    assert konta.district == "Khammam" and konta.province == "Telangana"  # type: ignore[attr-defined]
    assert konta.latitude == pytest.approx(17.8, abs=0.1)  # type: ignore[attr-defined]


def test_district_with_its_province() -> None:
    mentions, primary = _places("A roadside bomb struck a police vehicle in Andar district, Ghazni, on Tuesday.")
    andar = _small(mentions)["Andar"]
    assert andar.precision == "district" and andar.district == "Andar" and andar.province == "Ghazni"  # type: ignore[attr-defined]
    assert primary is not None and primary.name in ("Andar", "Ghazni")


def test_named_province_picks_the_village_among_namesakes() -> None:
    # Kabare is a town in South Kivu (DR Congo) and a village in Indonesia
    kabare = next(m for m in _places("Shelling hit Kabare (Sud-Kivu) overnight.")[0] if m.text == "Kabare")
    assert kabare.country == "CD" and kabare.province == "South Kivu"  # divisions go by their English name


def test_small_place_needs_the_article_country() -> None:
    text = "Two teachers from Sathupalli were abducted on their way home."
    assert "Sathupalli" not in _small(_places(text)[0])
    found = _small(_places(text, "IN")[0])["Sathupalli"]
    assert found.precision == "village" and found.district == "Khammam"  # type: ignore[attr-defined]


def test_surnames_streets_and_words_are_not_villages() -> None:
    text = (
        "Deputy Mark Adams said the suspect, identified as Jenkins, fled along Verona Drive in Texas before "
        "officers stopped him. Adams said Jenkins had no permit. Hope and Victoria, his neighbours, were unhurt."
    )
    mentions, _ = _places(text, "US")
    assert _small(mentions) == {}
    assert {m.name for m in mentions} == {"Texas"}


def test_cities_carry_their_district_and_province() -> None:
    aleppo = next(m for m in _places("Shelling resumed in Aleppo on Friday.", "SY")[0] if m.name == "Aleppo")
    assert aleppo.precision == "city" and aleppo.province is not None and "Aleppo" in aleppo.province


def test_locality_index_tells_long_names_apart() -> None:
    """Names longer than the searched prefix, a missing name, a name of two places, and divisions by code."""
    rows = (
        b"kind\tgeonameid\tname\tcountry\tadmin1\tadmin2\tlatitude\tlongitude\tpopulation\n"
        b"admin1\t1\tNorthland\tXX\tXX.01\t\t1.0\t1.0\t0\n"
        b"district\t2\tRiverside\tXX\tXX.01\tXX.01.07\t1.5\t1.5\t0\n"
        b"village\t3\tSaint Bartholomew East\tXX\tXX.01\tXX.01.07\t2.0\t2.0\t900\n"
        b"village\t4\tSaint Bartholomew West\tXX\tXX.01\tXX.01.07\t3.0\t3.0\t800\n"
        b"village\t5\tRiverside\tXX\tXX.01\tXX.01.07\t1.5\t1.5\t700\n"
    )
    names = b"key\trows\nnorthland\t0\nriverside\t1,4\nsaint bartholomew east\t2\nsaint bartholomew west\t3\n"
    index = LocalityIndex(rows, names)
    east, west, missing, both = index.find(
        ["saint bartholomew east", "saint bartholomew west", "saint bartholomew", "riverside"]
    )
    assert [p.geonameid for p in east] == [3] and [p.geonameid for p in west] == [4] and missing == ()
    assert sorted(p.kind for p in both) == ["district", "village"]
    assert index.named("nowhere") == ()
    district = index.division("XX.01.07")
    assert district is not None and district.name == "Riverside"
    province = index.division("XX.01")
    assert province is not None and province.kind == "admin1"
    assert index.division("XX.02") is None


def test_a_village_abroad_needs_more_than_a_kind_word() -> None:
    # Sathupalli is a village in India only; a report known to be about Syria does not go there
    text = "Shelling hit the village of Sathupalli near the front line."
    assert "Sathupalli" in _small(_places(text)[0])
    assert "Sathupalli" not in _small(_places(text, "SY")[0])


def test_transliterations_reach_geonames_spelling() -> None:
    # GeoNames writes "Khanapuram Haveli"; a report may double a vowel
    mentions, _ = _places("Police raided Khaanapuram Haveli in Khammam District on Monday.")
    assert "Khaanapuram Haveli" in _small(mentions)


def _in_language(text: str, language: str):  # type: ignore[no-untyped-def]
    return resolve_places(text, split_sentences(text), load_gazetteer(), language=language)


@pytest.mark.parametrize(
    ("text", "language", "country", "latitude"),
    [
        ("Двое мирных жителей погибли при обстреле Херсона.", "ru", "UA", 46.6),
        ("Ночью беспилотники атаковали окрестности Запорожья.", "ru", "UA", 47.8),
        ("Вибухи пролунали вночі у Львові, повідомив мер.", "uk", "UA", 49.8),
        ("Ракета влучила в житловий будинок в Одесі.", "uk", "UA", 46.5),
        ("ودمرت غارة جوية منزلاً بالموصل فجر اليوم.", "ar", "IQ", 36.3),
        ("ووصلت قافلة مساعدات إلى حمص وبالرقة انقطعت الكهرباء.", "ar", "SY", 34.7),
        ("Des tirs ont visé un camp de déplacés près de Kidal.", "fr", "ML", 18.4),
    ],
)
def test_inflected_and_prefixed_names_in_other_languages(
    text: str, language: str, country: str, latitude: float
) -> None:
    mentions, primary = _in_language(text, language)
    assert primary is not None and primary.country == country
    assert primary.latitude == pytest.approx(latitude, abs=0.3)


def test_odesa_in_a_ukrainian_report_is_not_in_texas() -> None:
    mentions, _ = _in_language("Поліція Одеси затримала підозрюваного.", "uk")
    assert [m.country for m in mentions] == ["UA"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Мир наступит не скоро, заявил дипломат.", "ru"),
        ("قالت الحكومة في بيان إن الحرب مستمرة منذ عامين.", "ar"),
        ("Sur le terrain, la situation reste tendue.", "fr"),
    ],
)
def test_common_words_are_not_places(text: str, language: str) -> None:
    mentions, _ = _in_language(text, language)
    assert mentions == ()


@pytest.mark.parametrize(
    ("text", "language", "country", "latitude"),
    [
        # a country's name is not a word, whatever town shares it
        ("La guerrilla liberó a dos rehenes en el sur de Colombia.", "es", "CO", None),
        # a region named for its oblast, in Ukrainian and in Russian, and the other language's oblast adjective
        ("Ворожий дрон атакував село на Полтавщині вночі.", "uk", "UA", 49.6),
        ("На Харківщині тривають бої, повідомив голова ОВА.", "uk", "UA", 50.0),
        ("Сегодня утром на Сумщине сбиты два беспилотника.", "ru", "UA", 50.9),
        ("Удари по Брянській області тривали всю ніч.", "uk", "RU", 53.2),
        ("Руководитель Николаевской ОВА сообщил о двух погибших.", "ru", "UA", 47.0),
        # a sentence opened by a preposition and the name of a locality
        ("En Cité Soleil, los vecinos huyeron del tiroteo.", "es", "HT", 18.6),
        # a possessive's short form, declined
        ("Бої точаться під Часовим Яром, заявили в бригаді.", "uk", "UA", 48.6),
    ],
)
def test_region_and_declined_names_in_other_languages(
    text: str, language: str, country: str, latitude: float | None
) -> None:
    _, primary = _in_language(text, language)
    assert primary is not None and primary.country == country
    if latitude is not None:
        assert primary.latitude == pytest.approx(latitude, abs=0.6)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La Defensoría del Pueblo pidió una investigación.", "es"),  # "Pueblo" is no alias of Puebla
        ("La Fiscalía General de Nicaragua abrió una investigación.", "es"),
        ("Le ministère de la Santé du Burkina a publié un bilan.", "fr"),
        ("Українські прикордонники затримали порушника.", "uk"),  # an adjective, not the town Ukrainsk
    ],
)
def test_names_inside_longer_names_and_adjectives_are_not_places(text: str, language: str) -> None:
    mentions, _ = _in_language(text, language)
    assert mentions == ()


@pytest.mark.parametrize(
    "text",
    [
        "Maoists blew up a rest house at Sonarwa village in Kharagpur sub-division of Munger District.",
        "Cadres killed a guard at Goghaldiha village in Kharagpur Police Station of Munger District.",
    ],
)
def test_a_unit_word_between_a_place_and_its_district(text: str) -> None:
    # Kharagpur is a West Bengal city of 200,000 and a Bihar town in Munger district: the district decides
    kharagpur = next(m for m in _places(text, "IN")[0] if m.text == "Kharagpur")
    assert kharagpur.province == "Bihar" and kharagpur.district == "Munger"
    assert kharagpur.latitude == pytest.approx(25.12, abs=0.05)


def test_a_police_station_is_named_for_its_town() -> None:
    text = "Maoists set fire to a house under Rafiganj Police Station late on Monday."
    assert _small(_places(text, "IN")[0])["Rafiganj"].district == "Aurangabad"  # type: ignore[attr-defined]
    assert "Rafiganj" not in _small(_places("Rafiganj said no more.", "IN")[0])


def test_a_district_word_reads_every_district_of_the_name() -> None:
    # GeoNames calls one Aurangabad "Aurangabad District" in full (Maharashtra) and the other plain (Bihar)
    text = "Maoists blew up a tower at Rafiganj Police Station in Aurangabad District."
    rafiganj = _small(_places(text, "IN")[0])["Rafiganj"]
    assert rafiganj.precision == "village" and rafiganj.province == "Bihar"  # type: ignore[attr-defined]


def test_a_province_named_by_its_own_name_is_not_a_city_alias() -> None:
    # GeoNames gives Bihar Sharif the alternate name "Bihar"
    mentions, _ = _places("Bihar Police arrested two cadres on Monday.", "IN")
    assert [(m.name, m.precision) for m in mentions] == [("Bihar", "admin1")]


def test_a_district_abroad_needs_an_unknown_country() -> None:
    # Forest County (Pennsylvania, Wisconsin) is no reading for an Indian report's forest department
    text = "Cadres burned a Forest department rest house near the border."
    assert _places(text, "IN")[0] == ()


@pytest.mark.parametrize(
    ("text", "country"),
    [("Fierce clashes overnight. Khan Sheikhoun.", "SY"), ("Boko Haram attacks killed five in Madagali.", "NG")],
)
def test_the_only_town_so_named_when_the_country_is_unknown(text: str, country: str) -> None:
    town = _small(_places(text)[0])
    assert [m.country for m in town.values()] == [country]  # type: ignore[attr-defined]


def test_the_only_town_needs_its_own_segment_or_a_preposition() -> None:
    # Madagali is a Nigerian town; a word at the head of a clause is more often a name
    assert _small(_places("Madagali said the attack was repelled.")[0]) == {}
    assert _small(_places("Fierce clashes overnight. Khan Sheikhoun.", "IN")[0]) == {}


def test_a_city_the_text_puts_in_another_province_is_dropped() -> None:
    # Sultanpur is a city in Uttar Pradesh; this Sultanpur is a village of Telangana the gazetteer lacks
    text = "Maoists killed a former cadre near Sultanpur village in the Warangal District."
    assert "Sultanpur" not in {m.text for m in _places(text, "IN")[0]}
    assert "Sultanpur" in {m.text for m in _places("Maoists killed a former cadre near Sultanpur.", "IN")[0]}


def test_a_city_abroad_is_not_the_last_word_of_a_name() -> None:
    # Sabha (Libya) and Patra (Greece) are cities; here they end a parliament's and a constable's names
    text = "Maoists attacked during the Lok Sabha elections. A constable, Hariram Patra, was injured."
    assert _places(text, "IN")[0] == ()
    assert [m.country for m in _places("Fighting resumed in Sabha overnight.", "IN")[0]] == ["LY"]
