"""Reading publication dates as pages write them: ISO 8601, RFC 2822, URL paths and prose ("28 November, 2016").

Results are timezone-aware UTC plus the offset the page used (analysts care about the local day of a report).
A date without an offset is taken as UTC with the offset unknown (None), rather than guessing the publisher's
zone. ``dateparser`` handles the long tail of human formats and languages; it is slow, so it only runs after the
cheap parsers fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import dateparser

from extractors.parse.dates_lang import date_in_words

__all__ = ["ParsedDate", "date_from_url", "parse_date", "parse_written_date"]

_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_URL_COMPACT_DATE = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_DATEPARSER_SETTINGS = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True}
_MAX_TEXT = 80
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_WRITTEN_DMY = re.compile(
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})"
)
_WRITTEN_MDY = re.compile(r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})")
# "06.10.2023", "6. 10. 2023, 14:30 Uhr", "Di., 25.01.2022 - 14:45", "10.12.2022, 07:00:03": every locale that
# separates with dots writes the day first.
_DOTTED_DMY = re.compile(
    r"(?:[^\W\d]{2,10}\.?,?\s+)?(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>(?:19|20)\d{2})"
    r"(?:,?\s+(?:-\s+|um\s+|à\s+|в\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?:Uhr|h))?)?"
)
# "2022-5-3T23:57:00", "2012/05/13": ISO order with unpadded or slashed fields, padded here for ``fromisoformat``.
_LOOSE_ISO = re.compile(r"(?P<year>(?:19|20)\d{2})([-/])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?P<rest>(?:[T ].*)?)")
# "2022-05-04T03:00:00 UTC", "2019-11-18 17:19:53 GMT": a zone name for UTC after an ISO time.
_UTC_NAME = re.compile(r"\s*(?:UTC|GMT)$")
# "PT15M", "P1DT2H": ISO 8601 durations (schema.org ``duration``) are not dates; dateparser fails slowly on them.
_DURATION = re.compile(r"P(?:\d+[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?")
_EPOCH_DIGITS = 10  # a Unix timestamp in seconds, as some CMSs put in date attributes


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A moment in UTC and the UTC offset (minutes) the page wrote it in, None when the page gave none."""

    utc: datetime
    offset_minutes: int | None


def _accept(moment: datetime, now: datetime | None) -> ParsedDate | None:
    offset: int | None = None
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        delta = moment.utcoffset()
        assert delta is not None
        offset = int(delta.total_seconds() // 60)
        moment = moment.astimezone(UTC)
    else:
        moment = moment.replace(tzinfo=UTC)
    latest = (now or datetime.now(UTC)) + timedelta(days=2)
    if not _EARLIEST <= moment <= latest:
        return None
    return ParsedDate(moment, offset)


def parse_date(value: str | None, *, now: datetime | None = None, fuzzy: bool = True) -> ParsedDate | None:
    """Parse one date string as found in metadata or page text.

    Args:
        value: the string; surrounding whitespace is ignored.
        now: the reference "now" for plausibility (dates more than two days ahead are rejected).
        fuzzy: allow the slow natural-language parser for formats the cheap parsers do not know.

    Returns:
        The moment and its original offset, or None when the string is not a plausible date.
    """
    if not value:
        return None
    text = value.strip()
    if not text or len(text) > _MAX_TEXT:
        return None
    iso = _iso_text(text)
    try:
        return _accept(datetime.fromisoformat(iso), now)
    except ValueError:
        pass
    if text.isdigit() and len(text) == _EPOCH_DIGITS:
        return _accept(datetime.fromtimestamp(int(text), UTC).replace(tzinfo=None), now)  # an instant, no offset
    if _DURATION.fullmatch(text):
        return None
    if text[:4].isdigit() and " " in text:
        # "2016-11-28 12:00:00 +0300" and friends: ISO with a space before the offset.
        try:
            return _accept(datetime.fromisoformat(text.replace(" +", "+").replace(" -", "-")), now)
        except ValueError:
            pass
    try:
        return _accept(parsedate_to_datetime(text), now)
    except (ValueError, IndexError):
        pass
    written = _written_date(text) or date_in_words(text)
    if written is not None:
        return _accept(written, now)
    if not fuzzy or not any(c.isdigit() for c in text):
        return None
    parsed = dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
    return _accept(parsed, now) if parsed is not None else None


def _iso_text(text: str) -> str:
    """``text`` rewritten for ``fromisoformat`` when it is ISO order with unpadded or slashed fields or a trailing
    UTC zone name; unchanged otherwise."""
    if _UTC_NAME.search(text) and text[:4].isdigit():
        text = _UTC_NAME.sub("+00:00", text)
    loose = _LOOSE_ISO.fullmatch(text)
    if loose is None:
        return text
    year, month, day = loose.group("year"), loose.group("month"), loose.group("day")
    return f"{year}-{int(month):02d}-{int(day):02d}{loose.group('rest')}"


def parse_written_date(text: str, *, now: datetime | None = None, yearless: bool = False) -> ParsedDate | None:
    """The first date written out in words in one of the languages of ``month_names`` within ``text``.

    Args:
        text: a line of page text: a byline, a ``<time>``, a line under the headline, a dateline.
        now: the moment the page was read: the plausibility limit, and the year of a date written without one.
        yearless: also read a day and month without a year (``3 mars``), for lines where pages print the
            current year's dates that way (datelines, bylines).

    Returns:
        The moment (midnight UTC unless the text gives a time) with an unknown offset, or None.
    """
    reference = (now or datetime.now(UTC)) if yearless else None
    moment = date_in_words(text, reference=reference)
    return _accept(moment, now) if moment is not None else None


def _written_date(text: str) -> datetime | None:
    """English "November 18th, 2019" / "18 NOV 2019" (a date, no time) and dotted "06.10.2023 14:30": the
    commonest prose forms, parsed here because ``dateparser`` costs milliseconds a call (and reads a dotted
    date month first)."""
    dotted = _DOTTED_DMY.fullmatch(text)
    if dotted is not None:
        hour, minute = dotted.group("hour"), dotted.group("minute")
        try:
            return datetime(
                int(dotted.group("year")), int(dotted.group("month")), int(dotted.group("day")),
                int(hour or 0), int(minute or 0), int(dotted.group("second") or 0),
            )  # fmt: skip
        except ValueError:
            return None
    match = _WRITTEN_DMY.fullmatch(text) or _WRITTEN_MDY.fullmatch(text)
    if match is None:
        return None
    month = _MONTHS.get(match.group("month").lower()[:3])
    if month is None:
        return None
    try:
        return datetime(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None


def date_from_url(url: str) -> ParsedDate | None:
    """The date many sites put in article paths (``/2016/11/28/``, ``/20161128/``), at midnight UTC."""
    match = _URL_DATE.search(url) or _URL_COMPACT_DATE.search(url)
    if match is None:
        return None
    year, month, day = (int(group) for group in match.groups())
    try:
        moment = datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None
    parsed = _accept(moment, None)
    return ParsedDate(parsed.utc, None) if parsed else None
