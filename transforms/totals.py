"""Incident totals: one count per category for an article, each naming the figures it sums.

A report describes the same casualties several times: in the headline, in the lead, again with names, again in
a quote. Adding every mention up would count each person two or three times; keeping only the mentions would
leave an analyst to do the reading. The rule, per category of people (``killed``, ``injured``, ``detained``,
``abducted``, ``displaced``...), over the event-scope figures (cumulative tolls "since the war began" describe
another quantity and are left out):

1. **Within a sentence, disjoint parties add up.** "3 soldiers and 2 civilians were killed" is 5. A part of
   another figure ("12 killed, including three children", ``Figure.subset``) is not added. Counts that refer
   back to people already introduced ("he died", "the victim", a name; ``Figure.refers_back``) add up only
   when the sentence introduces nobody new ("Jane Roe and John Roe were killed" is 2; "a man was shot; the
   victim died" is 1), or when the new count says it is of others ("abducted him and four others" is 5).
2. **Across sentences, the largest all-inclusive figure wins**, or the number of distinct people named with
   the category when that is larger ("Roe was pronounced dead. Doe died." is 2). Later sentences restate or
   detail the same incident, so the total is the sentence sum with the largest lower bound (its upper bound
   breaks ties). When claimants disagree this keeps the largest claim; the disagreement stays visible in the
   mentions. A running total in a sentence ("..., bringing the toll to 15") stands for that sentence alone.
3. **The shot include the dead.** "Four men were shot" counts everyone hit; when the article also counts deaths
   ("one of them fatally", "Ward was pronounced dead"), those are among the four, so the injured total is
   the shot less the killed (3), and it names the mentions of both. This applies only when every injured
   mention it sums is a harm that may prove fatal ("were shot", "shot two men"), never to "were wounded".
4. **Zero is a total too.** "No one was hurt" gives ``injured`` 0 when nothing else counts the injured; "no
   casualties were reported" gives 0 for ``killed`` and ``injured`` alike, because "casualties" is the word
   for both (it stays its own category and is never added into either).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from records import Figure, IncidentTotal
from transforms.victims import counts_the_shot

__all__ = ["PEOPLE_CATEGORIES", "incident_totals"]

PEOPLE_CATEGORIES = (
    "killed", "injured", "casualties", "missing", "detained", "abducted", "surrendered", "released",
    "displaced", "refugees", "homeless", "besieged", "evacuated",
)  # fmt: skip
_BOTH_HARMS = ("killed", "injured")


@dataclass(frozen=True, slots=True)
class _Sum:
    low: int
    high: int | None
    mentions: tuple[int, ...]


_TOLL = re.compile(r"\b(?:toll|total|tally|bilan)\b[^.;,]{0,30}$", re.IGNORECASE)


def _is_toll(figure: Figure) -> bool:
    """ "bringing the toll to 15": a running total includes whatever else its sentence counts."""
    position = figure.sentence.find(figure.text)
    return position > 0 and _TOLL.search(figure.sentence, 0, position) is not None


_OTHERS = re.compile(r"\bothers?\b", re.IGNORECASE)


def _sentence_sum(figures: Sequence[Figure], indexes: list[int]) -> _Sum:
    """Disjoint parties of one sentence added up; references back only when nobody new is introduced."""
    tolls = [i for i in indexes if _is_toll(figures[i])]
    if tolls:
        indexes = [max(tolls, key=lambda i: figures[i].value_low or 0)]
    counted = [i for i in indexes if not figures[i].subset]
    fresh = [i for i in counted if not figures[i].refers_back]
    # "abducted him and four others", "Roe and two other farmers", "one man was dead and the other was pronounced
    # dead": "other" sets the people apart from each other.
    others = any(_OTHERS.search(figures[i].text) for i in counted)
    summed = counted if others else (fresh or counted)
    low = sum(figures[i].value_low or 0 for i in summed)
    highs = [figures[i].value_high for i in summed]
    high = None if any(value is None for value in highs) else sum(value for value in highs if value is not None)
    return _Sum(low, high, tuple(summed))


_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){0,4}(?P<surname>[A-Z][\w'’-]+)$")
_NOT_NAMES = frozenset({"He", "She", "The", "This", "That", "His", "Her", "Both"})


def _shot(figure: Figure) -> bool:
    """Whether the figure counts people shot or stabbed, dead or alive, rather than the wounded."""
    position = figure.sentence.find(figure.text)
    return position >= 0 and counts_the_shot(figure.sentence, position, position + len(figure.text))


def _survivors(figures: Sequence[Figure], injured: IncidentTotal, killed: IncidentTotal) -> IncidentTotal:
    """The shot less the killed, when every injured mention counts people shot and the dead can be among them."""
    shot, dead = injured.value_low or 0, killed.value_low or 0
    if not dead or dead > shot or not all(_shot(figures[i]) for i in injured.mentions):
        return injured
    high = None if injured.value_high is None else max(injured.value_high - dead, 0)
    mentions = tuple(sorted({*injured.mentions, *killed.mentions}))
    return IncidentTotal("injured", shot - dead, high, injured.subject, mentions, injured.place)


def _named(figures: Sequence[Figure], indexes: list[int]) -> _Sum:
    """Distinct people named in different sentences ("Roe was pronounced dead. Doe died.") add up."""
    surnames: dict[str, int] = {}
    for index in indexes:
        figure = figures[index]
        name = _NAME.match(figure.text)
        if figure.refers_back and figure.value_low == 1 and name and figure.text.split()[0] not in _NOT_NAMES:
            surnames.setdefault(name.group("surname"), index)
    return _Sum(len(surnames), len(surnames), tuple(surnames.values()))


def _subject(figures: Sequence[Figure], mentions: tuple[int, ...]) -> str | None:
    subjects = {figures[i].subject for i in mentions}
    return subjects.pop() if len(subjects) == 1 else "people"


def incident_totals(figures: Sequence[Figure], place: str | None = None) -> tuple[IncidentTotal, ...]:
    """The article's incident total per category of people, in ``PEOPLE_CATEGORIES`` order.

    Args:
        figures: the article's figures, in text order (``extract_figures``).
        place: the name of the article's primary place, carried on every total.

    Returns:
        One total per category some event-scope figure counts, each with the indexes of the figures it sums.
    """
    by_category: dict[str, dict[str, list[int]]] = {}
    for index, figure in enumerate(figures):
        if figure.scope != "event" or figure.share is not None or figure.category not in PEOPLE_CATEGORIES:
            continue
        by_category.setdefault(figure.category, {}).setdefault(figure.sentence, []).append(index)
    totals: dict[str, IncidentTotal] = {}
    for category, sentences in by_category.items():
        sums = [_sentence_sum(figures, indexes) for indexes in sentences.values()]
        named = _named(figures, [i for indexes in sentences.values() for i in indexes])
        best = max(
            [*sums, named] if named.mentions else sums,
            key=lambda s: (s.low, -1 if s.high is None else s.high, -len(s.mentions)),
        )
        if not best.mentions:
            continue
        totals[category] = IncidentTotal(
            category, best.low, best.high, _subject(figures, best.mentions), best.mentions, place
        )
    if "injured" in totals and "killed" in totals:
        totals["injured"] = _survivors(figures, totals["injured"], totals["killed"])
    casualties = totals.get("casualties")
    if casualties is not None and casualties.value_high == 0:
        for category in _BOTH_HARMS:
            totals.setdefault(category, IncidentTotal(category, 0, 0, None, casualties.mentions, place))
    return tuple(totals[category] for category in PEOPLE_CATEGORIES if category in totals)
