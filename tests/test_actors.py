"""Actors: dictionary loading, local aliases, possessives, acronyms and reporting sources."""

from __future__ import annotations

from transforms.actors import find_actors, load_actor_dictionary


def _ids(text: str, country: str | None = None) -> list[str]:
    return [m.actor_id for m in find_actors(text, load_actor_dictionary(), country_hint=country)]


def test_dictionary_is_versioned_and_iterable() -> None:
    dictionary = load_actor_dictionary()
    assert dictionary.version
    entries = list(dictionary)
    assert len({e.id for e in entries}) == len(entries)
    assert any(e.is_reporting_source and e.id == "src-sohr" for e in entries)
    countries = {e.country for e in entries}
    assert {"SY", "IQ", "YE", "UA", "RU", "SD", "ML", "BF", "NE", "CD", "MM", "IL", "PS", "SO", "LY", "LB"} <= countries


def test_syrian_government_aliases() -> None:
    text = "Regime forces, the Syrian army, pro-Damascus fighters and Assad’s forces advanced."
    assert set(_ids(text, "SY")) == {"sy-government"}


def test_local_aliases_need_the_country() -> None:
    assert _ids("Rebels shelled the town.", "SY") == ["sy-rebels"]
    assert _ids("Rebels shelled the town.", "YE") == ["ye-houthis"]
    assert _ids("Rebels shelled the town.", "FR") == ["rebels"]  # the generic kind, not another country's


def test_generic_actors_where_no_local_one_claims_the_word() -> None:
    mentions = find_actors(
        "Troops and police fought insurgents near the border; gunmen later shot a farmer and two villagers.",
        load_actor_dictionary(),
        country_hint="PH",
    )
    kinds = [(m.text, m.actor_type) for m in mentions]
    assert kinds == [
        ("Troops", "state forces"),
        ("police", "state forces"),
        ("insurgents", "rebel group"),
        ("gunmen", "political militia"),
        ("farmer", "civilians"),
        ("villagers", "civilians"),
    ]
    assert _ids("Troops shelled the town.", "SY") == ["sy-government"]


def test_informer_is_a_civilian_not_the_police() -> None:
    assert _ids("Cadres killed a suspected police informer in the forest.", "IN") == ["rebels", "civilians"]


def test_possessive_claimant_and_external_forces() -> None:
    mentions = find_actors(
        "Russia's defense ministry said rebels surrendered.", load_actor_dictionary(), country_hint="SY"
    )
    russia = mentions[0]
    assert russia.actor_id == "ru-forces" and russia.text == "Russia's defense ministry"
    assert russia.actor_type == "external/other forces"


def test_reporting_sources_are_flagged() -> None:
    mentions = find_actors(
        "The Syrian Observatory for Human Rights, SANA and OCHA said Hizballah fighters died.",
        load_actor_dictionary(),
        country_hint="SY",
    )
    flags = {m.actor_id: m.is_reporting_source for m in mentions}
    assert flags == {"src-sohr": True, "src-sana": True, "src-ocha": True, "lb-hezbollah": False}


def test_acronyms_only_in_capitals() -> None:
    assert _ids("IS fighters attacked.", "IQ") == ["islamic-state"]
    assert _ids("It is what it is, who knows.", "IQ") == []


def test_country_inferred_without_hint() -> None:
    assert "sy-government" in _ids("The Syrian army said regime forces advanced.")
