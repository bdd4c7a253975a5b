"""Dates written out in French, Spanish, Arabic, Russian and Ukrainian: the month tables, the reader and where
the parser looks for them on a page (bylines, lines under the headline, datelines)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.parse.dates import parse_date, parse_written_date
from extractors.parse.dates_lang import date_in_words
from extractors.parse.document import parse_document
from extractors.parse.month_names import MONTH_NAMES, MonthNames
from records import RawDocument

READ_AT = datetime(2024, 3, 10, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mis en ligne le mercredi 14 février 2018", datetime(2018, 2, 14)),
        ("Publié le 1er juillet 2019 à 07h45", datetime(2019, 7, 1, 7, 45)),
        ("14 FEVRIER 2018", datetime(2018, 2, 14)),  # capitals and a dropped accent
        ("21 déc. 2022", datetime(2022, 12, 21)),
        ("Actualizado el 9 de septiembre de 2021 a las 18:05", datetime(2021, 9, 9, 18, 5)),
        ("Bogotá, octubre 17 de 2019", datetime(2019, 10, 17)),
        ("jueves 2 de ene. del 2020", datetime(2020, 1, 2)),
        ("الأربعاء ١٤ فبراير ٢٠١٨", datetime(2018, 2, 14)),  # Arabic-Indic digits
        ("۵ مایو 2021", None),  # Persian spelling of May is not Arabic
        ("نُشر في ٧ حزيران ٢٠٢٢ - الساعة ١٣:١٥", datetime(2022, 6, 7, 13, 15)),  # Levantine month, harakat
        ("9 كانون الأول/ديسمبر 2020", datetime(2020, 12, 9)),
        ("9 ديسمبر (كانون الأول) 2020", datetime(2020, 12, 9)),
        ("٣٠ أغســطس ٢٠٢٣م", datetime(2023, 8, 30)),  # tatweel
        ("2 أوت 2021", datetime(2021, 8, 2)),  # Maghreb
        ("14 февраля 2018 г., 11:20", datetime(2018, 2, 14, 11, 20)),
        ("Опубликовано: 5 мая 2015 года", datetime(2015, 5, 5)),
        ("Дата публикации: 31 січня 2023 р. о 08:00", datetime(2023, 1, 31, 8, 0)),
        ("17 квітня 2022 року", datetime(2022, 4, 17)),
        ("30 февраля 2018", None),  # no such day
        ("19 mars", None),  # no year and no reference moment
        ("en 12 meses de 2020", None),
        ("Nov 20, 2019 01:41 PM", None),  # English, month first: left to ``dates``
        ("20 nov 2019 01:41 PM", datetime(2019, 11, 20)),  # a 12-hour time is not read as a 24-hour one
        ("Veröffentlicht am 3. März 2024, 14:30 Uhr", datetime(2024, 3, 3, 14, 30)),
        ("Stand: 06. Juni 2023 um 17:40 Uhr", datetime(2023, 6, 6, 17, 40)),
        ("5. Jänner 2021", datetime(2021, 1, 5)),  # Austrian
        ("12 maggio 2023 alle 09:15", datetime(2023, 5, 12, 9, 15)),
        ("Publicado em 28 de novembro de 2016 às 10h30", datetime(2016, 11, 28, 10, 30)),
        ("3 maart 2024 om 14:30", datetime(2024, 3, 3, 14, 30)),
        ("11 maja 2021", datetime(2021, 5, 11)),
        ("5 out of 2024", None),  # "out" is Portuguese October only as an abbreviation beside a year
    ],
)
def test_dates_in_words(text: str, expected: datetime | None) -> None:
    assert date_in_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mis à jour le 2 mars à 16h10", datetime(2024, 3, 2, 16, 10)),
        ("11 листопада", datetime(2023, 11, 11)),  # after the reference in this year: last year's
        ("11 تشرين الثاني", datetime(2023, 11, 11)),
        ("11 марта", datetime(2024, 3, 11)),  # a day ahead: a page's local date can run ahead of UTC
        ("4 abr", None),  # an abbreviation alone is not trusted
        ("BERLIN, 3. Mai (dpa) -", datetime(2023, 5, 3)),
    ],
)
def test_a_date_without_a_year_takes_the_year_of_the_reference(text: str, expected: datetime | None) -> None:
    assert date_in_words(text, reference=READ_AT) == expected


def test_parse_date_reads_words_and_written_dates_keep_no_offset() -> None:
    parsed = parse_date("28 تشرين الثاني 2016")
    assert parsed is not None
    assert (parsed.utc, parsed.offset_minutes) == (datetime(2016, 11, 28, tzinfo=UTC), None)
    assert parse_written_date("le 12 août", now=READ_AT) is None
    found = parse_written_date("le 12 août", now=READ_AT, yearless=True)
    assert found is not None and found.utc == datetime(2023, 8, 12, tzinfo=UTC)


def test_month_tables_have_twelve_months_and_no_name_for_two() -> None:
    assert {names.language for names in MONTH_NAMES} == {"fr", "es", "ar", "ru", "uk", "de", "it", "pt", "nl", "pl"}
    with pytest.raises(ValueError, match="twelve"):
        MonthNames("xx", full=(("a",),), abbreviated=((),) * 12)


def _page(body: str, lang: str) -> RawDocument:
    html = f'<html lang="{lang}"><head><title>Report</title></head><body><article><h1>Report</h1>{body}</article>'
    return RawDocument(
        source="test",
        url="https://news.example/report",
        final_url="https://news.example/report",
        fetched_at=READ_AT,
        content=html.encode(),
        content_type="text/html; charset=utf-8",
    )


FILLER = {
    "fr": "Les habitants ont quitté le quartier pendant la nuit après plusieurs heures de tirs, selon des témoins.",
    "ru": "Жители покинули район ночью после нескольких часов обстрелов, сообщили очевидцы местным журналистам.",
    "ar": "غادر السكان الحي ليلاً بعد ساعات من إطلاق النار، بحسب شهود عيان تحدثوا إلى مراسلين محليين في المدينة.",
}


@pytest.mark.parametrize(
    ("lang", "top", "first", "expected"),
    [
        ("fr", '<p class="date">Publié le 7 mars à 11h02</p>', FILLER["fr"], datetime(2024, 3, 7, 11, 2, tzinfo=UTC)),
        ("fr", "", f"BAMAKO, 6 mars (AFP) - {FILLER['fr']}", datetime(2024, 3, 6, tzinfo=UTC)),
        ("ru", "", f"МОСКВА, 28 ноября. /ТАСС/. {FILLER['ru']}", datetime(2023, 11, 28, tzinfo=UTC)),
        ("ar", "", f"دمشق، 28 تشرين الثاني (سانا) - {FILLER['ar']}", datetime(2023, 11, 28, tzinfo=UTC)),
        ("fr", "", f"Le 6 mars, dans la soirée, {FILLER['fr']}", None),  # running text: an event's date
        ("ar", '<div class="meta">٢٢ شباط ٢٠٢٤</div>', FILLER["ar"], datetime(2024, 2, 22, tzinfo=UTC)),
    ],
)
def test_dates_printed_on_the_page(lang: str, top: str, first: str, expected: datetime | None) -> None:
    body = f"{top}<p>{first}</p>" + f"<p>{FILLER[lang]}</p>" * 3
    assert parse_document(_page(body, lang)).published_at == expected
