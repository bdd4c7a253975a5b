"""The gazetteer place matching resolves names against, and the phrase matcher places and actors share.

The data files in ``transforms/data``, each with its own job:

* ``gazetteer.tsv.gz`` — countries and cities from GeoNames (CC BY 4.0), built by ``tools/build_gazetteer.py``;
* ``places.toml`` — curated regions (provinces, areas like the Gaza Strip) with representative coordinates,
  demonyms ("Syrian" hints at Syria) and the words that mark a person's name ("President", "Mohammed");
* ``districts.toml`` — neighbourhoods the gazetteer lacks, each linked to its city, so analysts can add one
  without rebuilding anything;
* ``place_stopwords.tsv.gz`` — per language, the words of running text that are place names (as written or
  declined, see :mod:`transforms.place_forms`) but far more often ordinary words ("Мира", "للحرب"), from word
  frequencies, so they never count as a place on their own;
* ``localities.tsv.gz`` — the small-place tier: every GeoNames place of 500 people or more, every first- and
  second-level division (districts), each with the codes of the divisions it lies in (:class:`LocalityIndex`).

Matching is one Aho-Corasick pass (pyahocorasick, C) over a normalised copy of the text, not a loop over names:
that is what keeps enrichment faster than parsing the HTML it came from. Names and text are normalised alike
(:func:`fold`, :func:`matching_text`): lowercase, no accents, every other character a space, so "Ḩalab",
"Halab" and "halab" meet, and "Russia's" holds the word "russia".

:func:`fold_case` is the other normalised copy enrichers share: the text as ``re.IGNORECASE`` sees it, so hot
regular expressions can run case-sensitively (see its docstring).
"""

from __future__ import annotations

import functools
import gzip
import re
import tomllib
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

import ahocorasick
import numpy as np

from records import PlacePrecision
from transforms.script_fold import fold_word

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "Locality",
    "LocalityIndex",
    "NameSense",
    "PhraseIndex",
    "fold",
    "fold_case",
    "load_gazetteer",
    "load_localities",
    "matching_text",
]

DATA_DIR = Path(__file__).with_name("data")
Value = TypeVar("Value")
_ASCII_TABLE = bytes(c if chr(c).isalnum() else 32 for c in range(128)) + bytes(range(128, 256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_PUNCTUATION = re.compile(r"[^0-9a-z\x80-\U0010ffff]")


@functools.cache
def _fold_char(char: str) -> str:
    """A letter without its accents and folded as :mod:`transforms.script_fold` folds it (Arabic hamza forms, ة,
    ى, Ukrainian і, ё), anything else not alphanumeric a space: one character in, one out."""
    if not char.isalnum():
        return " "
    folded = fold_word(char)
    if len(folded) == 1 and folded.isalnum():
        return folded
    base = unicodedata.normalize("NFKD", char)[0]
    return base if base.isalnum() else char


@functools.lru_cache(maxsize=4)
def matching_text(text: str) -> str:
    """``text`` lowercased, accents dropped, every non-alphanumeric character a space; same length as ``text``.

    Most news copy is ASCII but for a few quotes and dashes, so those are folded one by one and the rest goes
    through a byte table; only text in another script pays for a regular expression over every character.
    The last few results are cached: places and actors of one article read the same normalised text.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters ("İ") lower to two; keep one to keep offsets
        lowered = "".join(ch.lower()[0] for ch in text)
    if not lowered.isascii():
        lowered = _NON_ASCII.sub(lambda m: _fold_char(m.group()), lowered)
        if not lowered.isascii():
            return _ASCII_PUNCTUATION.sub(" ", lowered)
    return lowered.encode("ascii").translate(_ASCII_TABLE).decode("ascii")


# Lowercase letters re.IGNORECASE also equates with "i" and "s" beyond what str.lower() gives
_IGNORECASE_EXTRAS = str.maketrans({"ı": "i", "ſ": "s"})


def fold_case(text: str) -> str:
    """``text`` as ``re.IGNORECASE`` compares it with lowercase Latin letters; same length as ``text``.

    Case-insensitive patterns are slow: ``re`` cannot skip to the characters that may start a match, and
    compares every letter through a case table. A pattern written in lowercase (no Greek, no uppercase class)
    and compiled without the flag finds exactly the same spans in this copy as with the flag in ``text``:
    each character lowered singly (what ``re`` does), plus the dotless i and long s that ``re`` equates with
    "i" and "s" (compared with ``re`` for every code point when this was written). Group texts come out
    lowercased, so callers slice ``text`` when they need the original spelling.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters; re keeps one
        lowered = "".join(char.lower()[0] for char in text)
    if "ı" in lowered or "ſ" in lowered:  # rare, and translate() is ten times slower than these two scans
        return lowered.translate(_IGNORECASE_EXTRAS)
    return lowered


def fold(name: str) -> str:
    """The matching key of a name or alias: :func:`matching_text` with runs of spaces collapsed."""
    return " ".join(matching_text(name).split())


class PhraseIndex(Generic[Value]):
    """Whole-word phrase lookup: every key found in a text in one Aho-Corasick pass, leftmost-longest first."""

    def __init__(self, phrases: Iterable[tuple[str, Value]]) -> None:
        self._values: list[Value] = []
        self._automaton = ahocorasick.Automaton()
        for key, value in phrases:
            padded = f" {fold(key)} "
            if padded.strip() and padded not in self._automaton:  # callers group values per key; first wins
                # stored: the key's length + 1, so that in the padded text end - stored is the word's start
                self._automaton.add_word(padded, (len(padded) - 1, len(self._values)))
                self._values.append(value)
        if self._values:
            self._automaton.make_automaton()

    def find(self, prepared: str) -> list[tuple[int, int, Value]]:
        """Non-overlapping ``(start, end, value)`` matches in ``prepared`` (a :func:`matching_text`), leftmost
        first and longest at each start.

        Keys are stored padded with spaces and the text is padded too, so a key only matches whole words.
        Matches are plain tuples: an article has a hundred of them and this is the hot path.
        """
        if not self._values:
            return []
        hits = [(end - length, -length, index) for end, (length, index) in self._automaton.iter(f" {prepared} ")]
        hits.sort()
        matches: list[tuple[int, int, Value]] = []
        reached = -1
        values = self._values
        for start, negative_length, index in hits:
            if start >= reached:
                reached = start - negative_length - 1
                matches.append((start, reached, values[index]))
        return matches

    def get(self, key: str) -> Value | None:
        """The value of ``key`` (a :func:`fold`, looked up whole), or None: for forms derived from a word."""
        found = self._automaton.get(f" {key} ", None) if self._values else None
        return None if found is None else self._values[found[1]]

    def find_all(self, prepared: str) -> list[tuple[int, int, Value]]:
        """Every whole-word ``(start, end, value)`` match in ``prepared``, overlapping ones included."""
        if not self._values:
            return []
        values = self._values
        return [
            (end - length, end - 1, values[index]) for end, (length, index) in self._automaton.iter(f" {prepared} ")
        ]


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place a name can refer to. ``within`` names the city of a district; ``source`` says which file."""

    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    population: int
    precision: PlacePrecision
    source: str
    within: str | None = None


@dataclass(frozen=True, slots=True)
class NameSense:
    """What a matched name can mean: places, or a demonym's country. ``acronym`` names must match in capitals."""

    entries: tuple[GazetteerEntry, ...] = ()
    demonym_of: str | None = None
    acronym: bool = False


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Entries, the phrase index over their names and demonyms, the words that mark a person, the countries
    each language's reports are mostly about, and each language's words that are more often words than names."""

    entries: tuple[GazetteerEntry, ...]
    index: PhraseIndex[NameSense]
    person_words: frozenset[str]
    language_countries: Mapping[str, frozenset[str]]
    stop_words: Mapping[str, frozenset[str]]  # per language, folded words never read as a place on their own


def _read_geonames(path: Path) -> list[tuple[GazetteerEntry, list[str]]]:
    rows: list[tuple[GazetteerEntry, list[str]]] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            kind = cast(PlacePrecision, fields[0])
            geonameid, name, country, admin1, lat, lon, population, keys = fields[1:]
            entry = GazetteerEntry(
                int(geonameid), name, country, admin1 or None, float(lat), float(lon), int(population), kind, "geonames"
            )
            rows.append((entry, keys.split("|")))
    return rows


def _curated(table: dict[str, Any], cities: Mapping[int, GazetteerEntry], source: str) -> GazetteerEntry:
    """A region of places.toml (own coordinates) or a district of districts.toml (its city's coordinates)."""
    city_id = table.get("city_geonameid")
    if city_id is not None:
        city = cities[int(city_id)]
        return GazetteerEntry(
            None,
            str(table["name"]),
            city.country,
            city.admin1,
            city.latitude,
            city.longitude,
            0,
            "city",
            source,
            within=city.name,
        )
    return GazetteerEntry(
        table.get("geonameid"),
        str(table["name"]),
        table.get("country") or None,
        table.get("admin1"),
        float(table["latitude"]),
        float(table["longitude"]),
        int(table.get("population", 0)),
        cast(PlacePrecision, str(table.get("precision", "admin1"))),
        source,
    )


def _toml(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Load the gazetteer files once per process (about 0.3 s) and build the phrase index.

    Returns:
        The shared, immutable gazetteer.
    """
    rows = _read_geonames(DATA_DIR / "gazetteer.tsv.gz")
    places, districts = _toml("places.toml"), _toml("districts.toml")
    cities = {entry.geonameid: entry for entry, _ in rows if entry.geonameid is not None}
    for table, source in [
        *((t, "places.toml") for t in places.get("region", [])),
        *((t, "districts.toml") for t in districts.get("district", [])),
    ]:
        aliases = [str(table["name"]), *map(str, table.get("aliases", []))]
        rows.append((_curated(table, cities, source), list(dict.fromkeys(map(fold, aliases)))))
    senses: dict[str, list[GazetteerEntry]] = {}
    acronyms: dict[str, list[GazetteerEntry]] = {}
    for entry, keys in rows:
        for key in keys:
            target = acronyms if key.isupper() else senses
            target.setdefault(key, []).append(entry)
    demonyms = {fold(word): iso for iso, words in places.get("demonyms", {}).items() for word in words}
    person = places.get("person_context", {})
    return Gazetteer(
        entries=tuple(entry for entry, _ in rows),
        index=PhraseIndex(
            [
                *((key, NameSense(demonym_of=iso)) for key, iso in demonyms.items() if key not in senses),
                *((key, NameSense(tuple(entries))) for key, entries in senses.items()),
                *((key, NameSense(tuple(entries), acronym=True)) for key, entries in acronyms.items()),
            ]
        ),
        person_words=frozenset(fold(w) for w in [*person.get("titles", []), *person.get("given_names", [])]),
        language_countries={
            language: frozenset(codes) for language, codes in places.get("language_countries", {}).items()
        },
        stop_words=_stop_words(DATA_DIR / "place_stopwords.tsv.gz"),
    )


def _stop_words(path: Path) -> dict[str, frozenset[str]]:
    """``place_stopwords.tsv.gz`` (built by ``tools/build_gazetteer.py`` from word frequencies) by language."""
    words: dict[str, set[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            language, word = line.rstrip("\n").split("\t")
            words.setdefault(language, set()).add(word)
    return {language: frozenset(group) for language, group in words.items()}


@dataclass(frozen=True, slots=True)
class Locality:
    """A place of the small-place tier: a ``village`` (any GeoNames place of 500+ people), a ``district``
    (second-level division) or an ``admin1`` division, with the GeoNames codes of the divisions it lies in
    (``admin1`` "IN.40", ``admin2`` "IN.40.541"; a division carries its own code too)."""

    kind: PlacePrecision
    geonameid: int | None
    name: str
    country: str
    admin1: str
    admin2: str
    latitude: float
    longitude: float
    population: int


_PREFIX = 16  # bytes of a name the vectorised search compares; longer names are told apart by the line itself
_SLICE = 32_768
_CACHE_SIZE = 50_000  # names remembered by LocalityIndex.find (a few MiB)


class _Lines:
    """A text file held as one bytes blob, read line by line in place: no object per line, so a few hundred
    thousand lines cost their bytes plus a few integers each."""

    def __init__(self, blob: bytes) -> None:
        ends = np.flatnonzero(np.frombuffer(blob, dtype=np.uint8) == 10).astype(np.int32)
        self._blob = blob
        # array, not numpy: reading one element is three times faster, and that is the lookup's inner loop
        self._starts = array("i", (ends[:-1] + 1).tobytes())  # the first line is the header
        self._ends = array("i", ends[1:].tobytes())

    def __len__(self) -> int:
        return len(self._starts)

    def line(self, number: int) -> str:
        return self._blob[self._starts[number] : self._ends[number]].decode("utf-8")

    def first_field(self, number: int) -> bytes:
        start = int(self._starts[number])
        return self._blob[start : self._blob.index(b"\t", start)]

    def prefixes(self) -> np.ndarray:
        """The first :data:`_PREFIX` bytes of every line's first field, NUL-padded, as one ``S16`` array.

        Built in slices of lines so that the index matrix stays a few MiB.
        """
        codes = np.frombuffer(self._blob, dtype=np.uint8)
        starts = np.frombuffer(self._starts, dtype=np.int32)
        result = np.empty(len(starts), dtype=f"S{_PREFIX}")
        offsets = np.arange(_PREFIX, dtype=np.int32)
        for first in range(0, len(starts), _SLICE):
            window = np.minimum(starts[first : first + _SLICE, None] + offsets, len(codes) - 1)
            matrix = codes[window]
            matrix[np.logical_or.accumulate((matrix == 9) | (matrix == 10), axis=1)] = 0
            result[first : first + _SLICE] = matrix.view(f"S{_PREFIX}").ravel()
        return result


class LocalityIndex:
    """Two hundred and seventy thousand small places, looked up by name without holding them as objects.

    A dictionary or an Aho-Corasick automaton of every village name costs hundreds of MiB and seconds to build;
    this keeps both files as bytes (the rows, and the names sorted by their bytes, each with its row numbers) and
    searches the sorted names with numpy, every candidate of a text in one call. A row becomes a
    :class:`Locality` only when its name is found.
    """

    def __init__(self, rows: bytes, names: bytes) -> None:
        self._rows = _Lines(rows)
        self._names = _Lines(names)
        self._prefixes = self._names.prefixes()
        first_bytes = np.frombuffer(rows, dtype=np.uint8)[np.frombuffer(self._rows._starts, dtype=np.int32)]
        self._divisions = int(np.searchsorted(first_bytes, ord("v")))  # divisions come first, then villages
        self._cache: dict[str, tuple[Locality, ...]] = {}

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - one index per process (load_localities), never freed
    def locality(self, row: int) -> Locality:
        """The locality on row ``row`` of the file; recently read rows are cached (names recur across texts)."""
        kind, geonameid, name, country, admin1, admin2, lat, lon, population = self._rows.line(row).split("\t")
        return Locality(
            cast(PlacePrecision, kind),
            int(geonameid) if geonameid else None,
            name,
            country,
            admin1,
            admin2,
            float(lat),
            float(lon),
            int(population),
        )

    def find(self, keys: Sequence[str]) -> list[tuple[Locality, ...]]:
        """For each key (a :func:`fold`), every locality one of whose names folds to it; () when none.

        Keys seen lately are answered from a bounded cache (names recur across articles: the same counties,
        provinces, capitals); the rest go through one vectorised search, and only those whose first bytes
        match are read further.
        """
        cache = self._cache
        if len(cache) > _CACHE_SIZE:
            cache.clear()
        unknown = [key for key in dict.fromkeys(keys) if key not in cache]
        if unknown:
            wanted = [key.encode("utf-8") for key in unknown]
            queries = np.array([w[:_PREFIX] for w in wanted], dtype=f"S{_PREFIX}")
            positions = np.minimum(np.searchsorted(self._prefixes, queries), len(self._names) - 1)
            hits = set(np.flatnonzero(self._prefixes[positions] == queries).tolist())
            for index, key in enumerate(unknown):
                cache[key] = self._read(wanted[index], int(positions[index])) if index in hits else ()
        return [cache[key] for key in keys]

    def _read(self, key: bytes, position: int) -> tuple[Locality, ...]:
        """The localities of ``key``, whose first bytes the names line at ``position`` shares."""
        while position < len(self._names) and self._names.first_field(position)[:_PREFIX] == key[:_PREFIX]:
            if self._names.first_field(position) == key:
                numbers = self._names.line(position).split("\t", 1)[1]
                return tuple(self.locality(int(n)) for n in numbers.split(","))
            position += 1
        return ()

    def named(self, key: str) -> tuple[Locality, ...]:
        """Every locality one of whose names folds to ``key`` (a :func:`fold`)."""
        return self.find([key])[0]

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one index per process (load_localities), never freed
    def division(self, code: str) -> Locality | None:
        """The division with GeoNames code ``code`` ("IN.40" or "IN.40.541"), if the tier has it."""

        def own_code(row: int) -> str:
            fields = self._rows.line(row).split("\t", 6)
            return fields[5] or fields[4]

        index = bisect_left(range(self._divisions), code, key=own_code)
        return self.locality(index) if index < self._divisions and own_code(index) == code else None


@functools.cache
def load_localities() -> LocalityIndex:
    """Load the small-place tier once per process (see :class:`LocalityIndex` for its memory)."""
    return LocalityIndex(
        gzip.decompress((DATA_DIR / "localities.tsv.gz").read_bytes()),
        gzip.decompress((DATA_DIR / "locality_names.tsv.gz").read_bytes()),
    )
