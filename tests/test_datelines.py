"""Datelines in Cyrillic, Arabic and accented capitals, and datelines with a date after the place."""

from __future__ import annotations

import pytest

from extractors.parse.metadata import find_dateline


@pytest.mark.parametrize(
    ("first_paragraph", "expected"),
    [
        ("ДОНЕЦК, 14 февраля. /ТАСС/. Два человека пострадали при обстреле.", "ДОНЕЦК"),
        ("ОДЕСА, 2 квітня (Укрінформ) — Уночі ворожі дрони атакували порт.", "ОДЕСА"),
        ("ХЕРСОН — Унаслідок обстрілу пошкоджено дві багатоповерхівки.", "ХЕРСОН"),
        ("NIAMEY, 9 août (AFP) - Six soldats ont été tués dans l'ouest du pays.", "NIAMEY"),
        ("GOMA, 9 avril 2024 (Reuters) - Les combats ont repris au nord de la ville.", "GOMA"),
        ("WASHINGTON, Nov 28 (Reuters) - The Pentagon said on Monday...", "WASHINGTON"),
        ("حلب (سوريا) — قُتل ثلاثة مدنيين بقصف على حي سكني.", "حلب, سوريا"),
        ("الخرطوم، ١٤ نيسان (رويترز) - قال شهود إن الاشتباكات تجددت.", "الخرطوم"),
        ("وأضاف المسؤول — الذي طلب عدم ذكر اسمه — أن الطريق مقطوع.", None),  # no capitals: a dash is not enough
        ("في المقابل، قال المتحدث - إن القوات انسحبت.", None),
        ("Le 3 mars, des combats ont éclaté - selon des témoins.", None),
        ("Жители покинули район. Потом начался обстрел.", None),
        ("ВСУ: противник обстрелял позиции.", None),
        ("BAMAKO, le gouvernement - a annoncé lundi un couvre-feu.", None),
    ],
)
def test_datelines_in_other_scripts_and_with_dates(first_paragraph: str, expected: str | None) -> None:
    assert find_dateline(first_paragraph) == expected
