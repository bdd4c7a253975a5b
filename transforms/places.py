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
  when its city or country is in context;
* villages and districts (the small-place tier, :class:`~transforms.gazetteer.LocalityIndex`) need the text's
  support: the place lies in a district or province the text also names ("Kamdi (Andar, Ghazni)", "Kamdi in the
  Andar district"), or a word says what it is ("Kamdi village", "the village of Kamdi", "Andar district") in a
  country the article is about. A name that is only a name somewhere else never gets that support, so villages
  called "Hope" or "Victoria" stay out of the output.

Reports in other languages (the article's ``language``) are read the same way, with these additions:

* a name hidden by an Arabic prefix or a Russian or Ukrainian case ending ("بحلب", "под Авдеевкой", "у Києві") is
  looked up by its base forms (:mod:`transforms.place_forms`) where the plain pass found nothing;
* the countries the language is mostly reported from (``places.toml``) are weak context, so a Ukrainian report's
  "Одеса" is in Ukraine and a French wire's "Kidal" is the Malian town;
* the language's stop words (``place_stopwords.tsv.gz``, from word frequencies) are never a place on their own,
  nor through their case forms;
* a Russian or Ukrainian region name or oblast adjective in the other language ("на Харківщині", "Курській
  області") is looked up as the oblast's adjective, in the province tier only;
* in French and Spanish, a name opening or closing a longer capitalised name ("Defensoría del Pueblo", "El Banco
  de la República") is part of it (:mod:`transforms.romance_names`).

Every mention carries a ``reason`` that says which of these rules chose it.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from records import PlaceMention, Sentence
from transforms.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    Locality,
    LocalityIndex,
    NameSense,
    PhraseIndex,
    fold,
    load_localities,
    matching_text,
)
from transforms.place_forms import base_forms, oblast_forms
from transforms.romance_names import closes_longer_name, opens_longer_name

__all__ = ["resolve_places"]

MAJOR_POPULATION = 100_000
_ROMANCE_LANGUAGES = frozenset(["fr", "es"])
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
    after_name: bool = False  # another capitalised word comes before, mid-sentence: "Lok Sabha", "Hariram Patra"


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


_FOLDED_WORD = re.compile(r"\S+")
_BETWEEN_WORDS = re.compile(r"[ \t]+|[ \t]*[-'’ʼ][ \t]*")
_MAX_FORM_WORDS = 3
_MIN_FORM_LENGTH = 3  # a two-letter word is a name only beside another word ("Часов Яр", "أم درمان")


def _form_keys(words: Sequence[str]) -> list[str]:
    """Keys a run of folded words may stand for, written as is excluded: the first word of an Arabic run with
    its prefixes dropped ("بأم درمان"), every word of a Cyrillic run in its nominative ("Кривому Розі")."""
    options = [
        [word, *base_forms(word)] if i == 0 or "\u0400" <= word[0] <= "\u04ff" else [word]
        for i, word in enumerate(words)
    ]
    return [" ".join(combination) for combination in itertools.product(*options)][1:]


def _inflected(
    text: str,
    prepared: str,
    covered: Sequence[tuple[int, int]],
    index: PhraseIndex[NameSense],
    stop_words: frozenset[str],
) -> list[tuple[int, int, NameSense]]:
    """Arabic and Cyrillic names hidden by a prefix or a case ending: runs of up to three words, longest first,
    the first form that is a place name and not a stop word winning. A single word is tried only where the
    plain pass found nothing; a longer run also over words it found ("Часова Яра": "Яра" alone is a village).

    Every Cyrillic word of a run must be capitalised ("Кривому Розі"; a lowercase word is not part of a name
    here, which also bounds the forms tried); the span is the whole words as written ("بحلب", "Харкові").
    """
    words = [m.span() for m in _FOLDED_WORD.finditer(prepared)]
    free = [not any(s < end and start < e for s, e in covered) for start, end in words]

    def longest_at(first: int) -> tuple[int, NameSense] | None:
        for width in range(min(_MAX_FORM_WORDS, len(words) - first), 0, -1):
            run = words[first : first + width]
            if (
                (width == 1 and not free[first])
                or not _may_be_inflected(text, run[0][0])
                or not all(_joined(text, a[1], b[0]) for a, b in itertools.pairwise(run))
            ):
                continue
            if width == 1 and prepared[run[0][0] : run[0][1]] in stop_words:
                continue  # a word frequent as written is no name in any of its forms ("Українські")
            for key in _form_keys([prepared[a:b] for a, b in run]):
                if len(key) < _MIN_FORM_LENGTH or key in stop_words:
                    continue
                sense = index.get(key)
                if sense is not None and sense.entries:
                    return width, sense
        return None

    found: list[tuple[int, int, NameSense]] = []
    i = 0
    while i < len(words):
        hit = longest_at(i) if free[i] and _may_be_inflected(text, words[i][0]) else None
        if hit is None:
            i += 1
            continue
        width, sense = hit
        found.append((words[i][0], words[i + width - 1][1], sense))
        i += width
    return found


def _joined(text: str, end: int, start: int) -> bool:
    """Whether the word at ``start`` continues a name ending at ``end``: after a space it must be capitalised
    (or Arabic), after a hyphen or apostrophe it is the same word ("Куп'янськ", "Ростов-на-Дону")."""
    between = text[end:start]
    if not _BETWEEN_WORDS.fullmatch(between):
        return False
    return between.strip(" \t") != "" or _may_be_inflected(text, start)


def _inside(start: int, end: int, outer_start: int, outer_end: int) -> bool:
    """Whether ``start:end`` lies within and is shorter than ``outer_start:outer_end``."""
    return outer_start <= start and end <= outer_end and end - start < outer_end - outer_start


def _may_be_inflected(text: str, start: int) -> bool:
    """Arabic script (no capitals), or a capitalised Cyrillic word."""
    first = text[start]
    return "\u0600" <= first <= "\u06ff" or ("\u0400" <= first <= "\u04ff" and first.isupper())


def _candidates(text: str, gazetteer: Gazetteer, language: str | None = None) -> tuple[list[_Candidate], Counter[str]]:
    """Place names written as names and not part of a person's name, and the countries demonyms point to.

    One word that the article's language uses far more as a word than as a name ("Мир", "للحرب") is neither.
    """
    found: list[_Candidate] = []
    demonyms: Counter[str] = Counter()
    prepared = matching_text(text)
    stop_words = gazetteer.stop_words.get(language or "", frozenset())
    plain = [hit for hit in gazetteer.index.find(prepared) if prepared[hit[0] : hit[1]] not in stop_words]
    # a declined run wins over plain names strictly inside it, and gives way to any other plain name it overlaps
    inflected = [
        (start, end, sense)
        for start, end, sense in _inflected(text, prepared, [(s, e) for s, e, _ in plain], gazetteer.index, stop_words)
        if not any(s < end and start < e and not _inside(s, e, start, end) for s, e, _ in plain)
    ]
    plain = [hit for hit in plain if not any(_inside(hit[0], hit[1], start, end) for start, end, _ in inflected)]
    for start, end, sense in sorted([*plain, *inflected], key=lambda hit: hit[0]):
        surface = text[start:end]
        if not _written_as_name(surface, sense):
            continue
        if sense.demonym_of:
            demonyms[sense.demonym_of] += 1
        elif not (
            _is_person(text, start, end, gazetteer.person_words)
            or _part_of_other_name(text, end, gazetteer.person_words)
            or (surface.isupper() and len(surface) <= 5 and not sense.acronym)  # "SANA" is not Sanaa
            or (  # "Defensoría del Pueblo", "El Banco de la República"
                language in _ROMANCE_LANGUAGES and (closes_longer_name(text, start) or opens_longer_name(text, end))
            )
        ):
            found.append(
                _Candidate(
                    start, end, surface, sense.entries, _followed_by_name(text, end), _preceded_by_name(text, start)
                )
            )
    return found, demonyms


def _context(
    candidates: Sequence[_Candidate],
    demonyms: Counter[str],
    country_hint: str | None,
    dateline_countries: Sequence[str],
    language_countries: frozenset[str] = frozenset(),
) -> Counter[str]:
    """How strongly the article is about each country: hint and dateline count most, then mentions, then the
    countries the article's language is mostly reported from (one point each)."""
    weights: Counter[str] = Counter(demonyms)
    weights.update(language_countries)
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
    # A city abroad needs to be big, named by its own name, and not the first or last word of a longer name
    if entry.population < MAJOR_POPULATION or candidate.before_name or candidate.after_name:
        return None
    if entry.population < _CONTEXT_POPULATION * 2 and fold(candidate.text) != fold(entry.name):
        return None
    return entry, reason


# A word right after or before a name that says what kind of place it is
_KIND_WORDS = {
    **dict.fromkeys(["village", "villages", "town", "hamlet", "locality", "area", "camp", "settlement"], "village"),
    **dict.fromkeys(
        [
            "district",
            "tehsil",
            "taluka",
            "taluk",
            "subdivision",
            "sub-division",
            "county",
            "department",
            "municipality",
            "territory",
            "mandal",
            "upazila",
            "commune",
            "raion",
            "zone",
        ],
        "district",
    ),
    **dict.fromkeys(["province", "governorate", "state", "region", "oblast", "prefecture"], "admin1"),
    # French and Spanish: "le village de Mbau", "le territoire d'Irumu", "el municipio de El Plateado"
    **dict.fromkeys(["localité", "ville", "pueblo", "vereda", "corregimiento", "localidad", "aldea"], "village"),
    **dict.fromkeys(["territoire", "département", "cercle", "municipio"], "district"),
    **dict.fromkeys(["provincia", "région", "región", "estado", "departamento", "gouvernorat", "wilaya"], "admin1"),
    # after a declined Russian or Ukrainian adjective: "Курской области", "Запорізькій області", "Купянского района"
    **dict.fromkeys(["область", "области", "областью", "області", "обл"], "admin1"),
    # the oblast's (military) administration: "Херсонской ОВА", "Харківської ОДА"
    **dict.fromkeys(["ова", "ода", "вца"], "admin1"),
    **dict.fromkeys(["район", "района", "районе", "району", "районом", "районі"], "district"),
}
# "the village of X", "the district of X"; not "the area of X" ("the Y area of Z": Z is the larger place)
_KIND_BEFORE_OF = frozenset(
    [
        *("village", "town", "hamlet", "district", "province", "governorate", "state", "region"),
        *("ville", "localité", "territoire", "commune", "département", "cercle", "région", "gouvernorat"),
        *("pueblo", "localidad", "municipio", "departamento", "provincia", "región", "estado"),
    ]
)
# "of", "of the" and their French and Spanish forms, right before a name
_OF = re.compile(r"(?:\bof(?:[ \t]+the)?|\bde(?:[ \t]+(?:la|los|las))?|\bdu|\bdel|\bd['’]|\bde[ \t]+l['’])[ \t]*$")
_WORD_AFTER = re.compile(r"[ \t]+([\w-]+)")
# Every uppercase letter of the Basic Multilingual Plane, as a character class: re has no \p{Lu}
_UPPER = "".join(chr(code) for code in range(0x10000) if chr(code).isupper() and chr(code).isalpha())
_PARTICLE = r"(?:al|el|de|del|la|le|du|des|ul|da|do|dos|van)"
_CAPITALISED_WORD = re.compile(
    rf"(?<![\w'’-])(?:(?:al|el|an|ar|as|ash|ad|az)-)?[{re.escape(_UPPER)}][\w'’]*(?:-[\w'’]+)*"
)
_JOINED = re.compile(rf" (?:{_PARTICLE} )?")
_MAX_WORDS = 4
_PREPOSITIONS_OF_PLACE = [
    [word] for word in ("in", "at", "near", "from", "outside", "into", "à", "dans", "en", "desde")
]
_NAME_BEFORE = re.compile(r"(?:^|[^.!?:;\n\"“(][ \t])(?:[A-Z][\w'’-]+|[A-Z]\.)[ \t]+$")
# What joins a name to the division it lies in: "Kamdi, Andar", "Kamdi (Andar", "Kamdi in the Andar", and with a
# word for the smaller unit between: "Kharagpur sub-division of Munger", "Rafiganj Police Station in Aurangabad",
# "Dhangai area of Aurangabad", "village under Rafiganj"
_UNIT_WORDS = (
    r"(?:village|town|mandal|block|tehsil|taluka?|sub-?division|area|circle|police[ \t]+station(?:[ \t]+limits)?)"
)
_ATTACHING = re.compile(
    rf"[ \t]*[,(][ \t]*|[ \t]+(?:{_UNIT_WORDS}[ \t]+)?(?:in|of|under)[ \t]+(?:the[ \t]+)?", re.IGNORECASE
)
# "Dornapal Police Station": the name is a place (Indian and Pakistani police stations are named for their town)
_POLICE_STATION = re.compile(r"[ \t]+(?:police[ \t]+(?:station|outpost|post)|thana)\b", re.IGNORECASE)
_SEGMENT_START = re.compile(r"(?:^|[.;:\n])[ \t]*$")
_SEGMENT_END = re.compile(r"[ \t]*(?:[.;:\n)]|$)")
_FOLLOWED_BY_KIND_OR_INSTITUTION = re.compile(
    rf"[ \t]+(?:Police|Army|Municipal|ОВА|ОДА|ВЦА|{'|'.join(word.capitalize() for word in _KIND_WORDS)})\b"
)


def _preceded_by_name(text: str, start: int) -> bool:
    """A capitalised word (or initial) right before, not opening a sentence: "Dakota Jenkins", "Roy Cooper"; a
    preposition of place opening the text is no name ("En Cité Soleil")."""
    if start == 0 or text[start - 1] not in " \t":
        return False
    before = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and text[before.start() : start].lower().split()[-1:] not in _PREPOSITIONS_OF_PLACE


@dataclass(frozen=True, slots=True)
class _LocalSpan:
    start: int
    end: int
    text: str
    places: tuple[Locality, ...]
    kind_word: str | None  # "village", "district" or "admin1" when the text says so
    located: bool  # right after "in", "at", "near", "from" ("killed in Kamdi"), or before "Police Station"
    key: str  # the folded name, so that a name repeated does not back itself
    alone: bool = False  # a segment of its own, as in a dateline or a list of places: "Attacks. Madagali."


def _kind_word(text: str, start: int, end: int) -> str | None:
    """What the words around a name say it is: "Andar district", "the village of Kamdi", "Kamdi village", "le
    territoire d'Irumu"."""
    last = text[start:end].rsplit(None, 1)[-1].lower()
    if last in _KIND_WORDS and " " in text[start:end]:
        return _KIND_WORDS[last]
    after = _WORD_AFTER.match(text, end)
    if after and (kind := _KIND_WORDS.get(after.group(1).lower())):
        return kind
    before = text[max(0, start - 40) : start].lower()
    of = _OF.search(before)
    words = before[: of.start()].split() if of else []
    return _KIND_WORDS[words[-1]] if words and words[-1] in _KIND_BEFORE_OF else None


_SPELLINGS = [
    (re.compile(r"ou|oo"), "u"),
    (re.compile(r"ee|ie(?=[^ ])"), "i"),
    (re.compile(r"ai|ei|ey"), "ay"),
    (re.compile(r"(?<=[^ ])eh\b|(?<=[^ ])ah\b"), "a"),
    (re.compile(r"([a-z])\1"), r"\1"),
    (re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an) "), ""),
]


@functools.lru_cache(maxsize=65_536)
def _transliteration(key: str) -> str:
    """A folded name respelt the way GeoNames usually writes Arabic and Persian names."""
    for pattern, replacement in _SPELLINGS:
        key = pattern.sub(replacement, key)
    return key


def _runs(text: str) -> list[tuple[int, int, int, int]]:
    """Runs of up to :data:`_MAX_WORDS` capitalised words (with "al", "de"… between them), as ``(group word,
    width, start, end)``: every run from every word of a group of names written together."""
    runs: list[tuple[int, int, int, int]] = []
    group: list[tuple[int, int]] = []
    number = 0

    def flush() -> None:
        nonlocal number
        for first in range(len(group)):
            for last in range(first, min(first + _MAX_WORDS, len(group))):
                runs.append((number + first, last - first + 1, group[first][0], group[last][1]))
        number += len(group)
        group.clear()

    for match in _CAPITALISED_WORD.finditer(text):
        if group and not _JOINED.fullmatch(text, group[-1][1], match.start()):
            flush()
        group.append(match.span())
    flush()
    return runs


def _local_spans(text: str, localities: LocalityIndex, person_words: frozenset[str]) -> list[_LocalSpan]:
    """Capitalised runs of up to four words that name localities, longest first at each start.

    Every run of every start is looked up in one call (the index searches them together), then the longest
    match at each start wins and the next start is after it.
    """
    prepared = matching_text(text)
    runs = _runs(text)
    keys = [prepared[start:end] for _, _, start, end in runs]
    keys = [" ".join(key.split()) if "  " in key else key for key in keys]
    found = localities.find(keys)
    # Names not found as written are tried as GeoNames tends to spell Arabic and Persian names ("Kafr Zaita"
    # is "Kafr Zayta", "Sheikh Miskeen" is "Shaykh Miskin"): the same support rules apply to what they find
    # A hyphenated name not found as written is tried as one word, the way GeoNames writes some ("Pétion-Ville"
    # is "Pétionville")
    missing = [i for i, places in enumerate(found) if not places]
    surfaces = {i: text[runs[i][2] : runs[i][3]] for i in missing}
    variants = [
        fold(surfaces[i].replace("-", "")) if "-" in surfaces[i] else _transliteration(keys[i]) for i in missing
    ]
    for i, places in zip(missing, localities.find(variants), strict=True):
        found[i] = places
    # A declined Cyrillic word ("Харьковской", "Купянского") also reads as the first of its nominatives that is a
    # name: "Запорізькій (області)" is the oblast Запорізька as well as the raion Запорізький
    declined = {i: base_forms(keys[i]) + oblast_forms(keys[i]) for i in range(len(keys)) if " " not in keys[i]}
    nominatives = localities.find([form for forms in declined.values() for form in forms])
    position = 0
    for i, forms in declined.items():
        first = next((places for places in nominatives[position : position + len(forms)] if places), ())
        found[i] = tuple(dict.fromkeys([*found[i], *first]))
        position += len(forms)
    # "Aurangabad District" is every district called Aurangabad, not only the one GeoNames calls so in full (a
    # name found only without its kind word is read as before: "Dantewada" followed by the kind word "District")
    split = [(i, key.rsplit(" ", 1)) for i, key in enumerate(keys) if " " in key and found[i]]
    divisions = [(i, bare, _KIND_WORDS[word]) for i, (bare, word) in split if word in _KIND_WORDS]
    for (i, _, kind), places in zip(divisions, localities.find([bare for _, bare, _ in divisions]), strict=True):
        found[i] = tuple(dict.fromkeys([*found[i], *(place for place in places if place.kind == kind)]))
    longest: dict[int, tuple[int, int, int, str, tuple[Locality, ...]]] = {}
    for (index, width, start, end), key, places in zip(runs, keys, found, strict=True):
        if places:
            longest[index] = (width, start, end, key, places)  # runs of a start come shortest first
    spans: list[_LocalSpan] = []
    reached = 0
    for index in sorted(longest):
        width, start, end, key, places = longest[index]
        if index < reached:
            continue
        reached = index + width
        if _is_person(text, start, end, person_words) or _part_of_other_name(text, end, person_words):
            continue
        located = text[max(0, start - 9) : start].lower().rsplit(None, 1)[-1:] in _PREPOSITIONS_OF_PLACE or bool(
            _POLICE_STATION.match(text, end)
        )
        surface, kind_word = text[start:end], _kind_word(text, start, end)
        # headlines in capitals ("SOUTHEASTERN" is no province); a word of a longer name ("Sara Lane",
        # "Orleans Justice Center", "Roy Cooper") unless what follows is a kind word ("Gaya District")
        inside_name = _preceded_by_name(text, start) or (
            _followed_by_name(text, end) and not _FOLLOWED_BY_KIND_OR_INSTITUTION.match(text, end)
        )
        if not surface.isupper() and not inside_name:
            alone = bool(_SEGMENT_START.search(text, 0, start)) and bool(_SEGMENT_END.match(text, end))
            spans.append(_LocalSpan(start, end, surface, places, kind_word, located, key, alone))
    return spans


def _named_divisions(spans: Sequence[_LocalSpan], mentions: Sequence[PlaceMention]) -> dict[str, set[str]]:
    """Division codes the text names, each with the names naming it (a district names its province too; a city
    of the main gazetteer names its province)."""
    named: dict[str, set[str]] = {}
    for span in spans:
        for place in span.places:
            if place.kind == "district":
                named.setdefault(place.admin2, set()).add(span.key)
                named.setdefault(place.admin1, set()).add(span.key)
            elif place.kind == "admin1":
                named.setdefault(place.admin1, set()).add(span.key)
    for mention in mentions:
        if mention.country and mention.admin1 and mention.precision == "city":
            named.setdefault(f"{mention.country}.{mention.admin1}", set()).add(fold(mention.text))
    return named


def _attached_divisions(text: str, spans: Sequence[_LocalSpan]) -> dict[int, frozenset[str]]:
    """For each span, the division codes named right after it: "Kamdi, Andar", "Kamdi (Andar, Ghazni)",
    "Kamdi in the Andar district of Ghazni" (up to two names down the chain); a district GeoNames lacks names the
    province of the town it is named after ("Warangal District")."""
    attached: dict[int, frozenset[str]] = {}
    for index, span in enumerate(spans):
        codes: set[str] = set()
        previous = span
        for following in spans[index + 1 : index + 3]:
            if not _ATTACHING.fullmatch(text, previous.end, following.start):
                break
            for place in following.places:
                if place.kind in ("district", "admin1"):
                    codes.update(filter(None, (place.admin1, place.admin2)))
                elif following.kind_word in ("district", "admin1"):  # "Warangal District": the town's province
                    codes.add(place.admin1)
            previous = following
        attached[span.start] = frozenset(codes)
    return attached


def _support(place: Locality, span: _LocalSpan, named: dict[str, set[str]], attached: frozenset[str]) -> int:
    """How well the text backs ``place``: 3 when the names right after it are its divisions ("Kamdi (Andar,
    Ghazni)"), 2 when another name in the text is its district, 1 its province.

    The province alone backs a place only where the words say it is one ("in Kamdi", "Kamdi village"): a
    province is named in most reports, and every surname is a village somewhere in it.
    """

    # the name without its kind word is the same name ("Aurangabad District" and the city "Aurangabad" in it)
    own = {span.key, span.key.rsplit(" ", 1)[0] if span.key.rsplit(" ", 1)[-1] in _KIND_WORDS else span.key}

    def elsewhere(code: str) -> bool:
        return bool(code) and bool(named.get(code, set()) - own)

    if place.kind != "admin1" and (place.admin1 in attached or (place.kind == "village" and place.admin2 in attached)):
        return 3
    if place.kind == "village" and place.admin2 and elsewhere(place.admin2):
        return 2
    backed = span.located or span.kind_word is not None
    return 1 if place.kind != "admin1" and backed and elsewhere(place.admin1) else 0


_TOWN_POPULATION = 5_000
_SAME_PLACE_DEGREES = 0.2  # about 20 km: a town and the district named after it are one place


def _only_town(span: _LocalSpan, listed: frozenset[int]) -> Locality | None:
    """The town a name denotes when it denotes only one place on Earth (the town, and perhaps the district named
    after it), that place has 5,000 people or more and the main gazetteer found it here (``listed``: its names
    passed the common-word filter, so "Possession" or "Brass" never get here): "Khan Sheikhoun", "Madagali". A
    report that says nothing of its country ("Khan Sheikhoun." as a whole dateline) is then about that town."""
    town = max(span.places, key=lambda place: place.population)
    alone = all(
        abs(place.latitude - town.latitude) + abs(place.longitude - town.longitude) <= _SAME_PLACE_DEGREES
        for place in span.places
    )
    if town.kind != "village" or town.population < _TOWN_POPULATION or not alone or town.geonameid not in listed:
        return None
    return town


def _choose_locality(
    span: _LocalSpan,
    named: dict[str, set[str]],
    attached: frozenset[str],
    context: Counter[str],
    spoken_in: frozenset[str] = frozenset(),
    listed: frozenset[int] = frozenset(),
) -> tuple[Locality, str] | None:
    """The locality a span denotes and why, or None when the text does not back any.

    A name that is both a province and a place in it ("Ghazni") is the province unless the words say otherwise.
    """

    def score(place: Locality) -> tuple[int, bool, bool, bool, bool, int]:
        return (
            _support(place, span, named, attached),
            place.admin2 in attached,  # "Bahadurpur village under … in Aurangabad District": the one in Aurangabad
            span.kind_word == place.kind,
            place.kind == "admin1" and span.kind_word is None and context[place.country] > 0,
            context[place.country] > 0,
            place.population,
        )

    place = max(span.places, key=score)
    support = _support(place, span, named, attached)
    if support == 3:
        return place, f"{place.kind} followed by its district or province"
    if support == 2:
        return place, "village in a district the text names"
    if support == 1:
        return place, f"{place.kind} in a province the text names"
    same_kind = {p.country for p in span.places if p.kind == place.kind}
    # "the village of X" or "X district" where X is one of one country only: that country, unless the article is
    # known to be about another one (a Syrian report's "town of Minian" is not the Indonesian village, an Indian
    # report's "Forest department" no American county); the language's countries alone (one point each) do not
    # make the article's country known
    unknown_country = not any(weight > (country in spoken_in) for country, weight in context.items())
    if span.kind_word == place.kind and len(same_kind) == 1 and (place.kind == "admin1" or unknown_country):
        return place, f"{place.kind} named as one, only in {place.country}"
    if (
        unknown_country
        and (span.located or span.kind_word == "village" or span.alone)
        and (town := _only_town(span, listed))
    ):
        return town, f"the only town so named ({town.country}), the article's country unknown"
    if context[place.country] <= 0:
        return None
    if span.kind_word == place.kind:
        return place, f"{place.kind} named as one in the article's country {place.country}"
    if place.kind == "admin1" and len(same_kind) == 1:
        return place, f"province of the article's country {place.country}"
    if span.located and len({p.country for p in span.places if context[p.country] > 0}) == 1:
        return place, f"{place.kind} after a preposition of place, in the article's country {place.country}"
    return None


def _division_name(localities: LocalityIndex, code: str) -> str | None:
    division = localities.division(code) if code else None
    return division.name if division else None


def _locality_mention(span: _LocalSpan, place: Locality, reason: str, localities: LocalityIndex) -> PlaceMention:
    return PlaceMention(
        text=span.text,
        start=span.start,
        end=span.end,
        name=place.name,
        geonameid=place.geonameid,
        country=place.country,
        admin1=place.admin1.split(".", 1)[-1] or None,
        latitude=place.latitude,
        longitude=place.longitude,
        precision=place.kind,
        reason=reason,
        district=place.name if place.kind == "district" else _division_name(localities, place.admin2),
        province=_division_name(localities, place.admin1),
    )


def _with_divisions(mention: PlaceMention, span: _LocalSpan | None, localities: LocalityIndex) -> PlaceMention:
    """A city of the main gazetteer with the district and province it lies in; a province is its own."""
    if mention.precision == "admin1":
        return replace(mention, province=mention.name)
    same = next((p for p in span.places if p.geonameid == mention.geonameid), None) if span else None
    if same is None:
        return mention
    return replace(
        mention,
        district=_division_name(localities, same.admin2),
        province=_division_name(localities, same.admin1),
    )


def _in_another_province(mention: PlaceMention, attached: frozenset[str]) -> bool:
    """Whether the text puts a city of the main gazetteer in a district or province of its country that it does not
    lie in: "Sultanpur village in the Warangal District" is no reading of the Uttar Pradesh city (the village is
    not in the gazetteer, so nothing is better than a place 900 km away). Asked only of names the text calls a
    village: the two tiers' province codes disagree where GeoNames redrew provinces ("Timika, Papua")."""
    if mention.precision != "city" or not mention.country or not mention.admin1 or not attached:
        return False
    same_country = all(code.startswith(f"{mention.country}.") for code in attached)
    return same_country and f"{mention.country}.{mention.admin1}" not in attached


def _add_localities(
    text: str,
    mentions: list[PlaceMention],
    context: Counter[str],
    localities: LocalityIndex,
    person_words: frozenset[str],
    spoken_in: frozenset[str] = frozenset(),
    listed: frozenset[int] = frozenset(),
) -> list[PlaceMention]:
    """The main gazetteer's mentions with their divisions, plus the villages and districts the text backs.

    ``listed`` holds the GeoNames ids of the main gazetteer's candidates in the text, chosen or not.

    Where both read the same words, a locality the text backs by its district or province wins over a city of
    the same name elsewhere; otherwise the main gazetteer's reading stands.
    """
    spans = _local_spans(text, localities, person_words)
    named = _named_divisions(spans, mentions)
    attached = _attached_divisions(text, spans)
    local_context = Counter(context)
    # Two division names found in one country only put the article there ("Bihar" and "Gaya district"); one
    # alone does not ("Kerry said" is no Irish county)
    divisions: dict[str, set[str]] = {}
    for span in spans:
        countries = {p.country for p in span.places if p.kind == "admin1" or span.kind_word == p.kind == "district"}
        if len(countries) == 1 and len(span.text) >= 4:
            divisions.setdefault(countries.pop(), set()).add(span.key)
    for country, keys in divisions.items():
        if len(keys) >= 2:
            local_context[country] += 1
    by_start = {m.start: m for m in mentions}
    result: list[PlaceMention] = []
    used: set[int] = set()
    for span in spans:
        overlapping = [m for m in mentions if m.start < span.end and span.start < m.end]
        chosen = _choose_locality(span, named, attached[span.start], local_context, spoken_in, listed)
        same = by_start.get(span.start)
        if same is not None and same.end == span.end:
            # the city's province counts as named only by other names ("Kharagpur sub-division of Munger": the
            # West Bengal city's name does not back its own reading)
            city_province_named = bool(named.get(f"{same.country}.{same.admin1}", set()) - {span.key})
            backed = chosen is not None and (
                (_support(chosen[0], span, named, attached[span.start]) and not city_province_named)
                # "Курской области" is the oblast, not the village Kurskaya; a town named by its own name
                # ("Kandahar province") keeps its reading, as English reports have always been read; a province
                # named by its own name beats a city one of whose aliases it is ("Bihar" is not Bihar Sharif)
                or (
                    chosen[0].kind == "admin1"
                    and fold(same.text) != fold(same.name)
                    and (span.kind_word == "admin1" or fold(chosen[0].name) == span.key)
                )
            )
            if chosen and backed and same.precision == "city" and chosen[0].geonameid != same.geonameid:
                result.append(_locality_mention(span, *chosen, localities))
                used.add(id(same))
            elif span.kind_word == "village" and _in_another_province(same, attached[span.start]):
                used.add(id(same))
            continue
        if chosen is None or any(m.start < span.start or m.end > span.end for m in overlapping):
            continue
        # "Gaya District" read whole rather than the city "Gaya" inside it
        used.update(id(m) for m in overlapping)
        result.append(_locality_mention(span, *chosen, localities))
    spans_at = {s.start: s for s in spans}
    merged = [_with_divisions(m, spans_at.get(m.start), localities) for m in mentions if id(m) not in used]
    return sorted([*merged, *result], key=lambda m: m.start)


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


_PRECISION_RANK = {"neighbourhood": 0, "city": 0, "village": 0, "district": 1, "admin1": 2, "country": 3}


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
    best_rank = min(_PRECISION_RANK.get(m.precision, 3) for m in first.values())
    eligible = [k for k, m in first.items() if _PRECISION_RANK.get(m.precision, 3) == best_rank]
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
    localities: LocalityIndex | None = None,
    language: str | None = None,
) -> tuple[tuple[PlaceMention, ...], PlaceMention | None]:
    """Find and resolve the places named in ``text`` and choose the primary event location.

    Args:
        text: the article body; offsets of the mentions refer to it.
        sentences: ``split_sentences(text)``; the headline and lead weigh more for the primary location.
        gazetteer: ``load_gazetteer()``.
        country_hint: ISO alpha-2 code of the country the source covers, if any.
        dateline: the report's dateline ("ALEPPO, Syria"), whose places count as context and location.
        localities: the small-place tier; ``load_localities()`` when not given.
        language: the article's language ("uk"), whose usual countries are weak context (places.toml).

    Returns:
        Every mention in text order, and the primary location (a mention of the most specific, most
        repeated place; None when no place was found).
    """
    dateline_mentions: list[PlaceMention] = []
    spoken_in = gazetteer.language_countries.get(language or "", frozenset())
    if dateline:
        dateline_candidates, dateline_demonyms = _candidates(dateline, gazetteer, language)
        dateline_context = _context(dateline_candidates, dateline_demonyms, country_hint, (), spoken_in)
        for candidate in dateline_candidates:
            if chosen := _choose(candidate, dateline_context, frozenset()):
                dateline_mentions.append(_mention(candidate, *chosen))
    candidates, demonyms = _candidates(text, gazetteer, language)
    context = _context(
        candidates, demonyms, country_hint, [m.country for m in dateline_mentions if m.country], spoken_in
    )
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
    listed = frozenset(entry.geonameid for c in candidates for entry in c.entries if entry.geonameid is not None)
    mentions = _add_localities(
        text, mentions, context, localities or load_localities(), gazetteer.person_words, spoken_in, listed
    )
    primary = _primary(mentions, sentences, [m.name for m in dateline_mentions])
    return tuple(mentions), primary
