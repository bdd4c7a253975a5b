"""Actors and event types in French, Spanish, Arabic, Russian and Ukrainian (issue 18 item 5).

Every sentence here was written for these tests; none is in the benchmark sets.
"""

from __future__ import annotations

import pytest

from records.vocab import Language
from transforms.actors import find_actors, load_actor_dictionary
from transforms.enrich import enrich_text
from transforms.event_words import load_event_words
from transforms.script_match import attached_forms

EXPLOSIONS = "Explosions/Remote violence"


def _ids(text: str, country: str | None = None) -> list[str]:
    return [m.actor_id for m in find_actors(text, load_actor_dictionary(), country_hint=country)]


def _first_event(text: str, language: Language) -> str | None:
    events = enrich_text(text, language=language).events
    return events[0].event_type if events else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les FAMa ont affronté le JNIM au nord de Tombouctou.", {"ml-forces", "jnim"}),
        ("Les forces armées maliennes patrouillaient près de Gao.", {"ml-forces"}),
        ("El Ejército Nacional reportó choques con el ELN en Arauca.", {"state-forces", "rebels"}),
        ("وقصفت قوات الدعم السريع أحياء في الفاشر.", {"sd-rsf"}),
        ("واتهمت مصادر محلية الجيش السوداني بقصف السوق.", {"sd-saf"}),
        ("اشتباكات بين الجيش السودانى وقوات الدعم السريع", {"sd-saf", "sd-rsf"}),  # ى for ي, joined و
        ("Подразделения ВСУ отошли от реки.", {"ua-forces"}),
        ("Позиции российских войск обстреляли ночью.", {"ru-forces"}),
        ("Колонну российскими войсками не заметили.", {"ru-forces"}),
        ("Підрозділи ЗСУ відбили штурм.", {"ua-forces"}),
    ],
)
def test_aliases_in_each_language(text: str, expected: set[str]) -> None:
    assert set(_ids(text)) == expected


def test_generic_kinds_in_each_language() -> None:
    kinds = {
        m.actor_type
        for text in (
            "Des hommes armés ont tué trois civils.",
            "Manifestantes marcharon en Lima.",
            "قتل مسلحون ثلاثة مدنيين.",
            "Боевики атаковали мирных жителей.",
            "Протестувальники зібралися біля ради.",
        )
        for m in find_actors(text, load_actor_dictionary())
    }
    assert {"political militia", "civilians", "protesters"} <= kinds


def test_english_words_stay_english() -> None:
    # French and Spanish aliases are chosen so English copy does not match them: "civil war" names no civilians
    assert _ids("The civil war displaced millions.") == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Une frappe de drone a touché un camion près de Kidal, tuant quatre personnes.", "fr", EXPLOSIONS),
        ("Des soldats burkinabè et des jihadistes se sont affrontés près de Djibo.", "fr", "Battles"),
        ("Des hommes armés ont enlevé neuf villageois près de Beni.", "fr", "Violence against civilians"),
        ("Des centaines d'étudiants ont manifesté à Dakar contre la hausse des prix.", "fr", "Protests"),
        ("Des combats ont repris dans la nuit autour de Kalehe.", "fr", "Battles"),  # no side named
        ("Біля Куп'янська тривають важкі бої.", "uk", "Battles"),
        ("La police a interpellé vingt militants de l'opposition à Conakry.", "fr", "Strategic developments"),
        ("Un coche bomba explotó frente a una estación de policía en Tumaco.", "es", EXPLOSIONS),
        ("Sicarios asesinaron a dos campesinos en una vereda de Tumaco.", "es", "Violence against civilians"),
        ("La guerrilla y el Ejército sostuvieron combates en zona rural de Arauca.", "es", "Battles"),
        ("Cientos de maestros marcharon en Oaxaca para exigir aumentos salariales.", "es", "Protests"),
        ("Una turba saqueó comercios en Puerto Príncipe.", "es", "Riots"),
        ("أسفر قصف مدفعي على حي سكني في كادقلي عن مقتل ثلاثة مدنيين.", "ar", EXPLOSIONS),
        ("اندلعت اشتباكات عنيفة بين الجيش وقوات الدعم السريع في الأبيض.", "ar", "Battles"),
        ("خرج مئات المتظاهرين في البصرة احتجاجا على انقطاع الكهرباء.", "ar", "Protests"),
        ("اختطف مسلحون مجهولون أربعة مزارعين قرب الموصل.", "ar", "Violence against civilians"),
        ("Беспилотник атаковал нефтебазу в Туапсе, пострадали двое рабочих.", "ru", EXPLOSIONS),
        ("Ожесточенные бои идут у Часова Яра между ВСУ и российскими войсками.", "ru", "Battles"),
        ("Сотни жителей вышли на митинг в Улан-Удэ против мобилизации.", "ru", "Protests"),
        ("Вночі ворог обстріляв Нікополь з артилерії, поранено жінку.", "uk", EXPLOSIONS),
        ("Сили оборони відбили штурм російських військ біля Торецька.", "uk", "Battles"),
        ("У Львові студенти вийшли на акцію протесту проти забудови парку.", "uk", "Protests"),
    ],
)
def test_event_types_in_each_language(text: str, language: Language, expected: str) -> None:
    assert _first_event(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le ministre a inauguré une école à Ségou.", "fr"),
        ("El presidente visitó una escuela en Cali.", "es"),
        ("افتتح المحافظ مستشفى جديدا في الحلة.", "ar"),
        ("В Казани открыли новый мост через реку.", "ru"),
        ("У Житомирі відкрили нову бібліотеку.", "uk"),
    ],
)
def test_no_event_without_conflict(text: str, language: Language) -> None:
    assert _first_event(text, language) is None


def test_english_is_read_with_the_english_rules() -> None:
    assert load_event_words("en") is None
    text = "Gunmen attacked a village and killed five civilians."
    assert _first_event(text, "en") == "Violence against civilians"


def test_arabic_joined_prepositions() -> None:
    forms = attached_forms("الجيش")
    assert {"والجيش", "بالجيش", "للجيش"} <= set(forms)
    assert attached_forms("FAMa") == ("FAMa",)
