"""Dates written out in French, Spanish, Arabic, Russian, Ukrainian, German, Italian, Portuguese, Dutch, Polish:
``28 novembre 2016``, ``le 3 mars``, ``3 de marzo de 2024``, ``3. März 2024, 14:30 Uhr``, ``28 de novembro de 2016``,
``noviembre 28 de 2016``, ``٢٨ نوفمبر ٢٠١٦``, ``28 تشرين الثاني/نوفمبر``, ``28 ноября 2016 г.``,
``28 листопада 2016 року``, with an optional time (``à 14h30``, ``, 17:40``, ``um 14:30 Uhr``).

The month names are the data of ``month_names``; text and names are folded alike (``fold.fold_text``), so
Arabic-Indic digits, tatweel, hamza and accent variants match. Read here rather than by ``dateparser`` because
it costs tens of milliseconds a call (seconds for the first call in a language) and knows neither Arabic-Indic
digits nor the Levantine months. A date without a year (datelines: ``PARIS, 3 mars (AFP) -``) is only read
when the caller gives a reference moment: it takes the year that puts it on or just before that moment, as a
page leaves the year out only for the current one.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from extractors.parse.fold import fold_text
from extractors.parse.month_names import MONTH_NAMES

__all__ = ["date_in_words"]

_FUTURE_SLACK = timedelta(days=2)  # a page's local date may run ahead of UTC


def _month_table(*, abbreviated: bool) -> dict[str, int]:
    table: dict[str, int] = {}
    for names in MONTH_NAMES:
        for month, forms in enumerate(names.abbreviated if abbreviated else names.full, start=1):
            for form in forms:
                key = fold_text(form)
                if table.setdefault(key, month) != month:
                    raise ValueError(f"{names.language}: {form!r} names two months")
    return table


_FULL = _month_table(abbreviated=False)
_ABBREVIATED = _month_table(abbreviated=True)
_MONTH = {**_ABBREVIATED, **_FULL}


def _alternation(names: dict[str, int]) -> str:
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in sorted(names, key=len, reverse=True))


_NAME = rf"(?:{_alternation(_MONTH)})(?!\w)\.?"
# "28 نوفمبر/تشرين الثاني", "28 تشرين الثاني (نوفمبر)": Arabic pages often give both names.
_SECOND_NAME = rf"(?:\s*/\s*{_NAME}|\s*\(\s*{_NAME}\s*\))?"
# "2016 г.", "2016 года", "2016 року", "2016 р.", "2016م": the year's own word, between it and a time.
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)(?:\s*(?:года|году|року|г|р)\.?|م)?"
_TIME_WORDS = "|".join(
    fold_text(word)
    for word in ("a las", "a la", "à", "às", "um", "alle", "ore", "om", "-", "–", "—", "в", "о", "الساعة")
)
_TIME = (
    rf"(?:[\s,،]*(?:(?:{_TIME_WORDS})\s*){{0,2}}"
    r"(?P<hour>[01]?\d|2[0-3])(?:[:h]|\s*ч\s*)(?P<minute>[0-5]\d)(?!\d|\s*[ap]\.?m\b))?"
)
_DAY_FIRST = re.compile(
    rf"(?<!\d)(?P<day>[0-3]?\d)(?:er|º|°|\.)?\s+(?:de\s+)?(?P<month>{_NAME}){_SECOND_NAME}"
    rf"(?:[\s,،]+(?:del?\s+)?{_YEAR})?{_TIME}"
)
# Spanish in the Americas also writes the month first: "noviembre 28 de 2016", "marzo 3, 2024"; full names only,
# as "Nov 20, 2019" is English (read by ``dates``).
_MONTH_FIRST = re.compile(
    rf"(?<!\w)(?P<month>(?:{_alternation(_FULL)})(?!\w))\s+(?P<day>[0-3]?\d),?\s+(?:de\s+)?{_YEAR}{_TIME}"
)


def _month_number(name: str) -> int:
    return _MONTH[" ".join(name.rstrip(".").split())]


def date_in_words(text: str, *, reference: datetime | None = None) -> datetime | None:
    """The first date written out in one of the languages of ``month_names`` in ``text``, naive (no zone).

    Args:
        text: a line of page text (a byline, a ``<time>``, a dateline, a meta value).
        reference: the moment the page was read; given, a day and month without a year are read too.

    Returns:
        The date (with the time when the text gives one), or None when the text holds no such date.
    """
    folded = fold_text(text)
    for pattern in (_DAY_FIRST, _MONTH_FIRST):
        for match in pattern.finditer(folded):
            moment = _moment(match, reference)
            if moment is not None:
                return moment
    return None


def _moment(match: re.Match[str], reference: datetime | None) -> datetime | None:
    month_name = match.group("month")
    month = _month_number(month_name)
    year_text = match.group("year")
    if year_text is None and (reference is None or " ".join(month_name.rstrip(".").split()) not in _FULL):
        return None
    hour, minute = match.group("hour"), match.group("minute")
    year = int(year_text) if year_text else reference.year if reference else 0
    try:
        moment = datetime(year, month, int(match.group("day")), int(hour or 0), int(minute or 0))
    except ValueError:
        return None
    if year_text is None and reference is not None:
        latest = reference.replace(tzinfo=None) + _FUTURE_SLACK
        if moment > latest:
            try:
                moment = moment.replace(year=year - 1)
            except ValueError:  # 29 February
                return None
    return moment
