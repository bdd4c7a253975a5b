"""How French, Spanish, Arabic, Russian, Ukrainian, German, Italian, Portuguese, Dutch and Polish pages write the
twelve months, as data.

One ``MonthNames`` per language: for each month (January first) the full forms a date uses (Russian and
Ukrainian write the genitive in a date, ``28 ноября``, and the nominative in headers; Arabic outlets write the
Gregorian transliteration ``نوفمبر`` in Egypt and the Gulf, the Syriac-derived ``تشرين الثاني`` in the Levant and
Iraq, the French-derived ``نوفمبر``/``جوان``/``أوت`` in the Maghreb and ``نونبر``/``غشت`` in Morocco), then the
abbreviations, which are only trusted next to a year (``3 mar 2024``). Spellings are folded before matching
(``fold.fold_text``), so hamza, accent and case variants need no entries of their own. English months are
``dates._MONTHS``; extend this table for another language rather than adding a rule.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MONTH_NAMES", "MonthNames"]


@dataclass(frozen=True, slots=True)
class MonthNames:
    """One language's month names: ``full[i]`` and ``abbreviated[i]`` are the forms of month ``i + 1``."""

    language: str
    full: tuple[tuple[str, ...], ...]
    abbreviated: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        if len(self.full) != 12 or len(self.abbreviated) != 12:
            raise ValueError(f"{self.language}: a month table needs twelve entries")


MONTH_NAMES: tuple[MonthNames, ...] = (
    MonthNames(
        "fr",
        full=(
            ("janvier",), ("février",), ("mars",), ("avril",), ("mai",), ("juin",), ("juillet",), ("août",),
            ("septembre",), ("octobre",), ("novembre",), ("décembre",),
        ),
        abbreviated=(
            ("janv",), ("févr", "fév"), (), ("avr",), (), (), ("juil",), (), ("sept",), ("oct",), ("nov",),
            ("déc",),
        ),
    ),
    MonthNames(
        "es",
        full=(
            ("enero",), ("febrero",), ("marzo",), ("abril",), ("mayo",), ("junio",), ("julio",), ("agosto",),
            ("septiembre", "setiembre"), ("octubre",), ("noviembre",), ("diciembre",),
        ),
        abbreviated=(
            ("ene",), ("feb",), ("mar",), ("abr",), ("may",), ("jun",), ("jul",), ("ago",), ("sep", "sept", "set"),
            ("oct",), ("nov",), ("dic",),
        ),
    ),
    MonthNames(
        "ar",
        full=(
            ("يناير", "كانون الثاني", "جانفي"),
            ("فبراير", "شباط", "فيفري"),
            ("مارس", "آذار"),
            ("أبريل", "إبريل", "نيسان", "أفريل"),
            ("مايو", "أيار", "ماي"),
            ("يونيو", "يونيه", "حزيران", "جوان"),
            ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز"),
            ("أغسطس", "آب", "أوت", "غشت"),
            ("سبتمبر", "أيلول", "شتنبر"),
            ("أكتوبر", "تشرين الأول"),
            ("نوفمبر", "تشرين الثاني", "نونبر"),
            ("ديسمبر", "كانون الأول", "دجنبر"),
        ),
        abbreviated=((),) * 12,
    ),
    MonthNames(
        "ru",
        full=(
            ("января", "январь"), ("февраля", "февраль"), ("марта", "март"), ("апреля", "апрель"), ("мая", "май"),
            ("июня", "июнь"), ("июля", "июль"), ("августа", "август"), ("сентября", "сентябрь"),
            ("октября", "октябрь"), ("ноября", "ноябрь"), ("декабря", "декабрь"),
        ),
        abbreviated=(
            ("янв",), ("фев", "февр"), ("мар",), ("апр",), (), ("июн",), ("июл",), ("авг",), ("сен", "сент"),
            ("окт",), ("ноя", "нояб"), ("дек",),
        ),
    ),
    MonthNames(
        "uk",
        full=(
            ("січня", "січень"), ("лютого", "лютий"), ("березня", "березень"), ("квітня", "квітень"),
            ("травня", "травень"), ("червня", "червень"), ("липня", "липень"), ("серпня", "серпень"),
            ("вересня", "вересень"), ("жовтня", "жовтень"), ("листопада", "листопад"), ("грудня", "грудень"),
        ),
        abbreviated=(
            ("січ",), ("лют",), ("бер",), ("квіт",), ("трав",), ("черв",), ("лип",), ("серп",), ("вер",),
            ("жовт",), ("лист",), ("груд",),
        ),
    ),
    MonthNames(
        "de",
        full=(
            ("januar", "jänner"), ("februar", "feber"), ("märz",), ("april",), ("mai",), ("juni",), ("juli",),
            ("august",), ("september",), ("oktober",), ("november",), ("dezember",),
        ),
        abbreviated=(
            ("jan", "jän"), ("feb",), ("mär", "mrz"), ("apr",), (), ("jun",), ("jul",), ("aug",), ("sep", "sept"),
            ("okt",), ("nov",), ("dez",),
        ),
    ),
    MonthNames(
        "it",
        full=(
            ("gennaio",), ("febbraio",), ("marzo",), ("aprile",), ("maggio",), ("giugno",), ("luglio",),
            ("agosto",), ("settembre",), ("ottobre",), ("novembre",), ("dicembre",),
        ),
        abbreviated=(
            ("gen",), ("feb",), ("mar",), ("apr",), ("mag",), ("giu",), ("lug",), ("ago",), ("set",), ("ott",),
            ("nov",), ("dic",),
        ),
    ),
    MonthNames(
        "pt",
        full=(
            ("janeiro",), ("fevereiro",), ("março",), ("abril",), ("maio",), ("junho",), ("julho",), ("agosto",),
            ("setembro",), ("outubro",), ("novembro",), ("dezembro",),
        ),
        abbreviated=(
            ("jan",), ("fev",), ("mar",), ("abr",), (), ("jun",), ("jul",), ("ago",), ("set",), ("out",), ("nov",),
            ("dez",),
        ),
    ),
    MonthNames(
        "nl",
        full=(
            ("januari",), ("februari",), ("maart",), ("april",), ("mei",), ("juni",), ("juli",), ("augustus",),
            ("september",), ("oktober",), ("november",), ("december",),
        ),
        abbreviated=(
            ("jan",), ("feb",), ("mrt",), ("apr",), (), ("jun",), ("jul",), ("aug",), ("sep", "sept"), ("okt",),
            ("nov",), ("dec",),
        ),
    ),
    MonthNames(
        "pl",
        full=(
            ("stycznia", "styczeń"), ("lutego", "luty"), ("marca", "marzec"), ("kwietnia", "kwiecień"), ("maja", "maj"),
            ("czerwca", "czerwiec"), ("lipca", "lipiec"), ("sierpnia", "sierpień"), ("września", "wrzesień"),
            ("października", "październik"), ("listopada", "listopad"), ("grudnia", "grudzień"),
        ),
        abbreviated=(
            ("sty",), ("lut",), ("mar",), ("kwi",), (), ("cze",), ("lip",), ("sie",), ("wrz",), ("paź",), ("lis",),
            ("gru",),
        ),
    ),
)  # fmt: skip
