"""Place mentions: find gazetteer names in a text, resolve each to one place, and choose the event location.

Matching is precision-first, because a wrong place on a map is worse than a missing one:

* only capitalised words (or Arabic script, or an "al-"/"el-" prefix) can start a name, so "hit" or "bana"
  never match; acronyms ("DRC") must match exactly;
* the longest name wins ("Gaza Strip" over "Gaza", "Sheikh Khodr" over "Sheikh");
* a name right after a title or given name ("President Jordan", "Michael Jordan") or right before an Arabic
  surname ("Bana al-Abed") is a person; "the Jordan" and "river Jordan" are not the country;
* an ambiguous name goes to the country the article is about: the source's ``country_hint``, the dateline,
  countries, demonyms and big unambiguous cities in the text, then to the most populous candidate;
* a small town (under 100,000 people) is accepted only in a country the article is about, and a district only
  when its city or country is in context.

Every mention carries a ``reason`` that says which of these rules chose it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from records import PlaceMention, Sentence
from transforms.gazetteer import Gazetteer, GazetteerEntry, NameSense, fold, matching_text

__all__ = ["resolve_places"]

MAJOR_POPULATION = 100_000
_CONTEXT_POPULATION = 500_000

_ARABIC_SURNAME = re.compile(r"[ \t]+(?:al|el|bin|ibn|abu)[- ][A-Z]")
_NEXT_WORD = re.compile(r"([ \t]+|-)([\w'’]+)")
# "Arakan Army", "Pushkin Square", "US-led", "Carrefour-Feuilles": the name is part of another name or an adjective
_ORGANISATION_WORDS = frozenset(
    [
        "army",
        "brigade",
        "brigades",
        "front",
        "forces",
        "movement",
        "party",
        "liberation",
        "units",
        "unit",
        "battalion",
        "corps",
        "alliance",
        "council",
        "square",
        "street",
        "avenue",
        "boulevard",
        "road",
    ]
)
_ADJECTIVE_SUFFIXES = frozenset(
    ["led", "backed", "based", "born", "brokered", "linked", "allied", "aligned", "affiliated", "funded"]
)
_NOT_THE_COUNTRY = re.compile(r"(?:\b[Tt]he|\b[Rr]iver)[ \t]+$")


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    text: str
    entries: tuple[GazetteerEntry, ...]
    before_name: bool = False  # another capitalised word follows: "Adan Yabaal", "Paris Hilton"


def _written_as_name(surface: str, sense: NameSense) -> bool:
    """Names are capitalised (or in a script without case); acronyms are all capitals."""
    if sense.acronym:
        return surface.replace(".", "").isupper()
    return not surface.islower()


def _is_person(text: str, start: int, end: int, person_words: frozenset[str]) -> bool:
    """A title or given name right before, or an Arabic surname right after, makes a name a person's."""
    before = text[max(0, start - 30) : start]
    stripped = before.rstrip(" \t")
    if stripped != before and stripped and stripped[-1] not in ".,;:!?\n":
        previous = stripped.rsplit(None, 1)[-1]
        if previous.lower().rstrip(".") in person_words:
            return True
    return bool(_ARABIC_SURNAME.match(text, end))


def _part_of_other_name(text: str, end: int, person_words: frozenset[str]) -> bool:
    """Whether the word after a name makes it part of an organisation, street, compound or person's name."""
    following = _NEXT_WORD.match(text, end)
    if following is None:
        return False
    separator, word = following.groups()
    lowered = word.lower()
    if separator == "-":
        return lowered in _ADJECTIVE_SUFFIXES or word[:1].isupper()
    return word[:1].isupper() and (lowered in _ORGANISATION_WORDS or lowered in person_words)


def _followed_by_name(text: str, end: int) -> bool:
    following = _NEXT_WORD.match(text, end)
    return following is not None and following.group(1) != "-" and following.group(2)[:1].isupper()


def _candidates(text: str, gazetteer: Gazetteer) -> tuple[list[_Candidate], Counter[str]]:
    """Place names written as names and not part of a person's name, and the countries demonyms point to."""
    found: list[_Candidate] = []
    demonyms: Counter[str] = Counter()
    for start, end, sense in gazetteer.index.find(matching_text(text)):
        surface = text[start:end]
        if not _written_as_name(surface, sense):
            continue
        if sense.demonym_of:
            demonyms[sense.demonym_of] += 1
        elif not (
            _is_person(text, start, end, gazetteer.person_words)
            or _part_of_other_name(text, end, gazetteer.person_words)
            or (surface.isupper() and len(surface) <= 5 and not sense.acronym)  # "SANA" is not Sanaa
        ):
            found.append(_Candidate(start, end, surface, sense.entries, _followed_by_name(text, end)))
    return found, demonyms


def _context(
    candidates: Sequence[_Candidate],
    demonyms: Counter[str],
    country_hint: str | None,
    dateline_countries: Sequence[str],
) -> Counter[str]:
    """How strongly the article is about each country: hint and dateline count most, then mentions."""
    weights: Counter[str] = Counter(demonyms)
    if country_hint:
        weights[country_hint.upper()] += 5
    for iso in dateline_countries:
        weights[iso] += 5
    for candidate in candidates:
        countries = {e.country for e in candidate.entries if e.country}
        if len(countries) != 1:
            continue
        entry = candidate.entries[0]
        if entry.precision in ("country", "admin1") or entry.population >= _CONTEXT_POPULATION:
            weights[entry.country or ""] += 2 if entry.precision == "country" else 1
    return weights


def _choose(
    candidate: _Candidate, context: Counter[str], cities_named: frozenset[str]
) -> tuple[GazetteerEntry, str] | None:
    """The entry a candidate denotes and why, or None when no entry is plausible enough."""

    def score(entry: GazetteerEntry) -> float:
        return context[entry.country or ""] * 10 + math.log10(entry.population + 10)

    entry = max(candidate.entries, key=score)
    in_context = context[entry.country or ""] > 0
    if entry.source == "districts.toml":
        if entry.within in cities_named or in_context:
            return entry, f"district of {entry.within} ({entry.source})"
        return None
    if len(candidate.entries) > 1 and in_context:
        reason = f"ambiguous name, {entry.country} is the article's country"
    elif len(candidate.entries) > 1:
        reason = f"ambiguous name, most populous ({entry.population:,})"
    else:
        reason = f"{entry.precision} name ({entry.source})"
    if in_context:
        if entry.precision == "city" and entry.population < MAJOR_POPULATION:
            return entry, f"town in the article's country {entry.country}"
        return entry, reason
    if entry.precision in ("country", "admin1"):
        return entry, reason
    # A city abroad needs to be big, named by its own name, and not the first word of a longer name
    if entry.population < MAJOR_POPULATION or candidate.before_name:
        return None
    if entry.population < _CONTEXT_POPULATION * 2 and fold(candidate.text) != fold(entry.name):
        return None
    return entry, reason


def _mention(candidate: _Candidate, entry: GazetteerEntry, reason: str) -> PlaceMention:
    return PlaceMention(
        text=candidate.text,
        start=candidate.start,
        end=candidate.end,
        name=entry.name,
        geonameid=entry.geonameid,
        country=entry.country,
        admin1=entry.admin1,
        latitude=entry.latitude,
        longitude=entry.longitude,
        precision=entry.precision,
        reason=reason,
        within=entry.within,
    )


_PRECISION_RANK = {"neighbourhood": 0, "city": 0, "admin1": 1, "country": 2}


def _primary(
    mentions: Sequence[PlaceMention], sentences: Sequence[Sentence], dateline_places: Sequence[str]
) -> PlaceMention | None:
    """The event location: the most specific place the report keeps coming back to.

    Districts count for their city (the map point is the city's either way), the headline and lead count
    double and the dateline place wins ties, so a passing mention of a capital does not become the location.
    """
    if not mentions:
        return None
    lead_end = sentences[min(2, len(sentences) - 1)].end if sentences else 0
    votes: Counter[str] = Counter()
    first: dict[str, PlaceMention] = {}
    for mention in mentions:
        key = mention.within or mention.name
        votes[key] += 2 if mention.start < lead_end else 1
        first.setdefault(key, mention)
    best_rank = min(_PRECISION_RANK.get(m.precision, 2) for m in mentions)
    eligible = [k for k, m in first.items() if _PRECISION_RANK.get(m.precision, 2) == best_rank]
    winner = max(eligible, key=lambda k: (votes[k] + (3 if k in dateline_places else 0), -first[k].start))
    city = next((m for m in mentions if m.name == winner), None)
    return city or first[winner]


def resolve_places(
    text: str,
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    *,
    country_hint: str | None = None,
    dateline: str | None = None,
) -> tuple[tuple[PlaceMention, ...], PlaceMention | None]:
    """Find and resolve the places named in ``text`` and choose the primary event location.

    Args:
        text: the article body; offsets of the mentions refer to it.
        sentences: ``split_sentences(text)``; the headline and lead weigh more for the primary location.
        gazetteer: ``load_gazetteer()``.
        country_hint: ISO alpha-2 code of the country the source covers, if any.
        dateline: the report's dateline ("ALEPPO, Syria"), whose places count as context and location.

    Returns:
        Every mention in text order, and the primary location (a mention of the most specific, most
        repeated place; None when no place was found).
    """
    dateline_mentions: list[PlaceMention] = []
    if dateline:
        dateline_candidates, dateline_demonyms = _candidates(dateline, gazetteer)
        dateline_context = _context(dateline_candidates, dateline_demonyms, country_hint, ())
        for candidate in dateline_candidates:
            if chosen := _choose(candidate, dateline_context, frozenset()):
                dateline_mentions.append(_mention(candidate, *chosen))
    candidates, demonyms = _candidates(text, gazetteer)
    context = _context(candidates, demonyms, country_hint, [m.country for m in dateline_mentions if m.country])
    cities_named = frozenset(e.name for c in candidates for e in c.entries if e.precision == "city")
    mentions: list[PlaceMention] = []
    choices: dict[tuple[GazetteerEntry, ...], tuple[GazetteerEntry, str] | None] = {}  # Aleppo, Aleppo, …
    for candidate in candidates:
        if (
            candidate.text.lower() == "jordan"
            and candidate.entries[0].precision == "country"
            and _NOT_THE_COUNTRY.search(text, 0, candidate.start)
        ):
            continue
        if candidate.entries not in choices:
            choices[candidate.entries] = _choose(candidate, context, cities_named)
        chosen = choices[candidate.entries]
        if chosen:
            mentions.append(_mention(candidate, *chosen))
    primary = _primary(mentions, sentences, [m.name for m in dateline_mentions])
    return tuple(mentions), primary
