"""Figures: every quantity of people or things affected, what it counts, its scope and who claims it.

A number only becomes a figure when the sentence says what happened to what it counts: "100 rebels had
surrendered", "killing 12", "took control of ten neighbourhoods", "the toll rose to 45", "3.000 morts". A number
next to anything else ("four largest cities", "two sides", "12 rockets") is left alone, which is what keeps
ages, dates and unrelated counts out; so is a projection ("could be displaced").

Categories: people - ``killed``, ``injured``, ``casualties``, ``missing``, ``displaced``, ``refugees``,
``homeless``, ``detained``, ``abducted``, ``surrendered``, ``besieged``, ``evacuated``, ``released``; places and
buildings - ``areas_captured`` (neighbourhoods, villages, positions, buildings taken), ``buildings_destroyed``
(destroyed or damaged), ``attacked`` (struck). ``subject`` is what is counted (``civilians``, ``children``,
``rebels``, ``soldiers``, ``fighters``, ``people``, ``buildings``, ``neighbourhoods``, ...), None for nouns
outside the vocabulary. Scope is ``cumulative`` for totals ("since the conflict began in 2011", "so far this
year", "the war has displaced", stocks such as "remain displaced"), else ``event``.

Attribution comes from ``transforms.claims``. When two claimants give different values for the same category
and scope in one report, or the sentence reports the claim as denied or unverified, the figures are kept side
by side and marked disputed: nothing is averaged away.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import cast

from records import ActorMention, Figure, FigureCategory, FigureScope, Sentence
from transforms.claims import (
    REPORTER,
    UNNAMED,
    Attribution,
    Referent,
    attribute,
    find_attributions,
    hedge,
    is_rebutted,
)
from transforms.gazetteer import fold_case
from transforms.numbers import NumberSpan, find_numbers
from transforms.victims import (
    Victim,
    counts_the_shot,
    find_victims,
    held_by_armed_group,
    released_by_armed_group,
    shot_by_attacker,
)

__all__ = ["extract_figures"]

_PERSON = "person"
_BUILDING = "building"
_AREA = "area"

# Counted nouns: word -> (subject, kind, category the noun itself names, whether that category is certain).
_NOUNS: dict[str, tuple[str, str, str | None, bool]] = {}


def _nouns(words: str, subject: str, kind: str = _PERSON, category: str | None = None, strong: bool = False) -> None:
    for word in words.split(","):
        _NOUNS[word.strip()] = (subject, kind, category, strong)


_nouns(
    "people,persons,person,individuals,residents,inhabitants,villagers,locals,others,personnes,habitants,"
    "villageois,worshippers,pilgrims,passengers,shoppers,family members,members,fidèles,autres,suspects,"
    "fishermen,farmers,herders,shepherds,traders,miners,drivers,teachers,tourists,foreigners,citizens,"
    "civilians and soldiers,agriculteurs,éleveurs,pêcheurs,commerçants,orpailleurs,"
    "palestinians,israelis,syrians,iraqis,afghans,ukrainians,russians,yemenis,kurds,libyans,sudanese,somalis,"
    "rohingya,nigerians,malians,congolese,ethiopians,tigrayans,lebanese,americans,palestiniens,israéliens,"
    "syriens,ukrainiens,maliens,congolais,soudanais",
    "people",
)
_nouns("civilians,civilian,civils,civiles", "civilians")
_nouns("families,familles", "families")
_nouns(
    "children,child,kids,minors,boys,girls,babies,infants,schoolchildren,schoolgirls,schoolboys,enfants,enfant,"
    "mineurs,écolières,écoliers,lycéennes,girl,boy,baby,infant,toddler",
    "children",
)
_nouns("women,woman,femmes,femme", "women")
_nouns("men,man,hommes,homme", "men")
_nouns("rebels,rebel,insurgents,insurgent,rebelles,rebelle,insurgés", "rebels")
_nouns("fighters,fighter,combatants,militiamen,gunmen,combattants,miliciens,paramilitaries", "fighters")
_nouns(
    "militants,militant,jihadists,jihadist,extremists,terrorists,islamists,djihadistes,jihadistes,"
    "terroristes,islamistes,assaillants,attackers",
    "militants",
)
_nouns(
    "soldiers,soldier,troops,servicemen,personnel,service members,conscripts,soldats,soldat,militaires,"
    "troupes,marines,paratroopers,peacekeepers,casques bleus",
    "soldiers",
)
_nouns("police officers,policemen,policeman,police,officers,gendarmes,policiers,guards,security guards", "police")
_nouns("protesters,protestors,demonstrators,manifestants", "protesters")
_nouns("journalists,journalistes", "journalists")
_nouns(
    "aid workers,humanitarian workers,health workers,doctors,medics,nurses,paramedics,rescuers,"
    "humanitaires,médecins,secouristes,workers,employees,staff",
    "aid workers",
)
_nouns("students,pupils,étudiants,élèves", "students")
_nouns("migrants,asylum seekers,migrants", "migrants")
_nouns("refugees,réfugiés", "people", category="refugees")
_nouns(
    "displaced,déplacés,internally displaced people,displaced people,displaced persons", "people", category="displaced"
)
_nouns("detainees,prisoners,détenus,prisonniers", "people", category="detained")
_nouns("hostages,otages,captives", "people", category="abducted")
# "Victims" names no harm by itself: "four victims were taken to the hospital", "one of the victims recovered".
_nouns("victims", "people")
_nouns("victimes", "people", category="killed")
_nouns(
    "dead,deaths,fatalities,bodies,corpses,lives,morts,tués,décès,corps,cadavres,killed",
    "people",
    category="killed",
    strong=True,
)
_nouns("wounded,injured,injuries,blessés,blessées", "people", category="injured", strong=True)
_nouns("casualties,victims of the attack", "people", category="casualties", strong=True)
_nouns("missing,disparus", "people", category="missing", strong=True)
_nouns("homeless,sans-abri", "people", category="homeless", strong=True)
_nouns(
    "buildings,building,houses,house,homes,depots,warehouses,structures,apartments,apartment blocks,shops,"
    "shelters,bâtiments,maisons,immeubles,habitations,logements,édifices,residential buildings,homes and buildings",
    "buildings",
    _BUILDING,
)
_nouns("schools,écoles", "schools", _BUILDING)
_nouns("hospitals,clinics,health facilities,hôpitaux,centres de santé", "hospitals", _BUILDING)
_nouns("mosques,churches,mosquées,églises", "places of worship", _BUILDING)
_nouns(
    "neighbourhoods,neighborhoods,districts,quarters,quartiers,neighbourhood,neighborhood,district",
    "neighbourhoods",
    _AREA,
)
_nouns("villages,towns,hamlets,localities,cities,localités,villes,village,town", "villages", _AREA)
_nouns(
    "areas,positions,hills,bases,checkpoints,outposts,square kilometres,square kilometers,square miles,km2,"
    "kilomètres carrés,hectares,settlements,territories",
    "areas",
    _AREA,
)

_ADJECTIVAL = frozenset({"rebel", "civilian", "militant", "jihadist", "police", "child", "rebelle", "house"})


def _wordset(words: str) -> frozenset[str]:
    """Word lists read better as prose than as hundreds of quoted literals."""
    return frozenset(words.split())


_STOP = _wordset(
    """a an the of in on at to by for from with and or but as than that which who whom whose were was are is be
    been being have has had will would could may might can must should do did does not no also still now all
    including among amongst inside near around across into onto after before during since while when where
    according said say says told reported claimed its their his her our this these those there here it they
    them he she we remain remained remains lay lie lying live lived living need needed stay stayed took take
    went came return returned arrive arrived managed continue continued face faced risk lost suffered got
    de du des la le les et ou dans sur à au aux par pour avec selon ont été sont a qui dont en avaient avait
    mainly mostly many most some more other another least about over up just overnight yesterday today tonight
    respectively elsewhere nationwide so too either both"""
)
_SUPERLATIVE = _wordset("largest biggest main major key top leading greatest principal only")
_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
_QUOTES = frozenset('"“”«»')
_LEAD = re.compile(r"\s+(?:of\s+(?:the|its|their|our|his|her|these|those)\s+|of\s+|d['’]|de\s+|des\s+)?", re.I)
_PRONOUN_PARTITIVE = re.compile(r"\s+(?:of\s+(?:them|whom|those)|d['’]entre\s+(?:eux|elles))\b", re.IGNORECASE)

# Cues: what happened to what is counted, per kind of thing counted.
_CUES: list[tuple[str, dict[str, str]]] = [
    (
        r"lost\s+their\s+lives|shot\s+and\s+killed|shot\s+to\s+death|fatally\s+(?:shot|wounded|injured)|"
        r"gunned\s+down|succumbed|"
        r"killed|kill|kills|killing|lost(?!\s+their\s+homes)|died|die|dies|dying|dead|death|"
        r"deaths|slain|"
        r"martyred|martyrs|(?:death\s+)?toll|bilan|"
        r"slaughtered|massacred|executed|perished|shot\s+dead|claimed\s+the\s+lives\s+of|"
        r"lives|fatalities|suffocated|beheaded|(?:hacked|beaten|bludgeoned|stabbed|lynched)\s+to\s+death|"
        r"burned\s+to\s+death|drowned|gassed|"
        r"neutrali[sz]ed|tués|tuées|tué|tuée|morts|mort|ont\s+péri|périssent|décédés|"
        r"trouvé\s+la\s+mort|exécutés|neutralisés|neutralisé|victimes",
        {_PERSON: "killed"},
    ),
    (
        r"wounded|wounding|injured|injuring|injures?|hurt|hurting|injuries|hospitali[sz]ed|assaulted|assaulting|"
        r"thrashed|beaten\s+up|beat\s+up|beaten|"
        r"shot(?!\s+(?:dead|down|and\s+killed|to\s+death))|blessés|blessées|blessé|blessant",
        {_PERSON: "injured"},
    ),
    (r"casualties", {_PERSON: "casualties"}),
    (r"missing|unaccounted\s+for|disappeared|disparus", {_PERSON: "missing"}),
    (
        r"refugees|fled\s+(?:the\s+country|abroad|across)|fleeing\s+(?:the\s+country|abroad|across)|"
        r"crossed\s+into|crossed\s+the\s+border|réfugiés|réfugiées",
        {_PERSON: "refugees"},
    ),
    (
        r"displaced|displacing|displace|fled|flee|fleeing|uprooted|forced\s+from\s+their\s+homes|sought\s+refuge|"
        r"taken\s+refuge|driven\s+from\s+their\s+homes|déplacés|déplacées|déplacé|ont\s+fui|fuient|fuir|fui|exode",
        {_PERSON: "displaced"},
    ),
    (
        r"homeless|lost\s+their\s+homes|without\s+(?:shelter|a\s+roof)|sans-abri|sans\s+abri",
        {_PERSON: "homeless"},
    ),
    (
        r"detained|detaining|detain|arrested|arresting|arrest|arrests|jailed|imprisoned|rounded\s+up|held(?!\s+(?:by|hostage|captive))|"
        r"taken\s+prisoner|prisoner|arrêtés|arrêtées|arrêté|arrêtée|interpellés|interpellées|"
        r"interpellé|détenus|emprisonnés|faits\s+prisonniers|capturés|capturé",
        {_PERSON: "detained"},
    ),
    (
        r"abducted|abducting|kidnapped|kidnapping|taken\s+hostage|hostage|captive|enlevés|enlevées|enlevé|enlevée|kidnappés|"
        r"pris\s+en\s+otage",
        {_PERSON: "abducted"},
    ),
    (
        r"surrendered|surrendering|surrender|defected|laid\s+down\s+(?:their\s+)?arms|turned\s+themselves\s+in|"
        r"gave\s+themselves\s+up|se\s+sont\s+rendus|rendus|déposé\s+les\s+armes|reddition|"
        r"(?:handed\s+over|gave\s+up|laid\s+down)\s+their\s+(?:weapons|arms|guns)",
        {_PERSON: "surrendered"},
    ),
    (
        r"besieged|trapped|under\s+siege|encircled|assiégés|assiégées|piégés|pris\s+au\s+piège|encerclés",
        {_PERSON: "besieged"},
    ),
    (
        r"evacuated|evacuating|evacuation|bus(?:s)?ed\s+out|évacués|évacuées|évacué|évacuée|évacuation",
        {_PERSON: "evacuated"},
    ),
    (r"released|freed|set\s+free|libérés|libérées|libéré|libérée|relâchés", {_PERSON: "released"}),
    (
        r"captured|capturing|capture|seized|seizing|seize",
        {_PERSON: "detained", _AREA: "areas_captured", _BUILDING: "areas_captured"},
    ),
    (
        r"took\s+control|taken\s+control|take\s+control|taking\s+control|gained\s+control|control\s+of|took|"
        r"taken|taking|overran|overrun|retook|retaken|recaptured|regained|fell|fallen|stormed|liberated|"
        r"pris\s+le\s+contrôle|pris|repris|conquis|reconquis|tombés|tombées|contrôle\s+de",
        {_AREA: "areas_captured", _BUILDING: "areas_captured"},
    ),
    (
        r"destroyed|destroying|damaged|damaging|razed|flattened|levelled|leveled|demolished|burned|burnt|torched|"
        r"reduced\s+to\s+rubble|set\s+(?:ablaze|alight|on\s+fire)|burned\s+down|burnt\s+down|"
        r"détruits|détruites|détruit|endommagés|endommagées|rasés|rasées|incendiés|"
        r"incendiées|incendiée",
        {_BUILDING: "buildings_destroyed", _AREA: "buildings_destroyed"},
    ),
    (r"hit|struck|targeted|bombed|shelled|attacked|ciblés|frappés|bombardés", {_BUILDING: "attacked"}),
]
_CUE_RES = [(re.compile(rf"(?:{pattern})(?![\w-])", re.IGNORECASE), kinds) for pattern, kinds in _CUES]
# Any cue as a whole word, matched against fold_case(text) (the cues are lowercase): scanning a clause for cues
# is the hot loop of this module, and a case-sensitive pattern with one shared lookbehind is several times faster.
_ANY_CUE = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{pattern})" for pattern, _ in _CUES) + r")(?![\w-])")
_LINK = (
    r"have|has|had|were|was|are|is|been|being|be|reportedly|also|later|now|all|allegedly|thought|believed|said|"
    r"feared|reported|estimated|to|made|who|which|that|since|already|so|far|ont|a|été|sont|auraient|aurait|"
    r"seraient|serait|se|y|left|recently|initially|subsequently|either|both|got|get|then|remain|remained|"
    r"remains|still|confirmed|presumed|officially|may|might|could|would|will|must|avaient|avait|aient|soient|"
    r"étaient|among|parmi|figurent|figure|the|les|reported|sustained|sustains|suffered|suffers|received|receives|"
    r"critically|seriously|severely|grievously|badly|slightly|gravely|serious|severe|critical|minor|grievous|"
    r"multiple|bullet|gunshot|splinter"
)
# _AFTER_ADJACENT, _TOLL_BEFORE and _NUMBER_OF_BEFORE are lowercase, matched against fold_case(sentence).
# An apposition between the count and its verb is passed over: "four labourers - Roe, Doe and Poe - were hurt".
_AFTER_ADJACENT = re.compile(
    rf"^(?:\s*,[^,.;]{{0,80}},|\s+[-–—]\s[^.;]{{0,120}}?\s[-–—])?(?:\s*(?:{_LINK})\b)*\s*(?=\S)"
)
_PROJECTION = re.compile(
    r"\b(?:could|may|might|would|will|pourrai(?:en)?t|risquent\s+de)\s+(?:soon\s+|still\s+|also\s+|likely\s+)?"
    r"(?!have\b|avoir\b)\w+"
    r"|\b(?:could|may|might|would|will|threatens?\s+to|risks?|pourrai(?:en)?t|risquent\s+de)\s+$",
    re.IGNORECASE,
)
_BEFORE_ADJACENT = re.compile(
    r"(?:\s+(?:to|at|of|has|had|have|risen|rose|climbed|jumped|increased|stood|stands|reached|hit|now|further|"
    r"another|a|an|some|nearly|à|de|s['’]élève|s['’]élevait|est|passé|grimpé|atteint|more\s+than|least|at))*\s*$",
    re.IGNORECASE,
)
_TOLL_BEFORE = re.compile(
    r"\b(?:(?P<casualty>casualty|injury)\s+)?(?:(?P<total>total|tally)|toll|bilan)\b[^.;\d]{0,80}?"
    r"(?:\b(?:to|at|of|reached|hit|passed|topped|exceeded|atteint|de)|\bà|\best\s+de)\s+$"
)
_INCLUDING = re.compile(
    r"\b(?:including|among\s+them|of\s+whom|dont|y\s+compris|parmi\s+(?:eux|elles|lesquels|lesquelles))\s+$",
    re.IGNORECASE,
)
_COORDINATED = re.compile(
    r"^\s*(?:,|,?\s+(?:and|or|et|ou|as\s+well\s+as|plus)|\s+(?:were|was|are|is|figurent|figure)\s+(?:among|parmi)"
    r"(?:\s+(?:the|les))?)\s*$",
    re.IGNORECASE,
)
_NUMBER_OF_BEFORE = re.compile(
    r"\b(?:number|nombre)\s+(?:of|de|d['’])\s*(?P<what>[^.;\d]{1,60}?)\s+(?:has\s+|had\s+|a\s+)?(?:reached|risen\s+to|"
    r"rose\s+to|climbed\s+to|stands\s+at|stood\s+at|is|was|to|at|atteint|dépasse|s['’]élève\s+à)\s+$"
)
# The counted phrase is the subject of its own verb ("a further 30 people were questioned"): cues before it
# belong to another clause.
_OWN_PREDICATE = re.compile(r"\s+(?:were|was|are|is|have|has|had)(?:\s+been)?\s+(?!among\b)[a-z]+", re.IGNORECASE)
# A short time frame keeps a displacement or detention figure to this event ("fled in the past three days").
_EVENT_FRAME = re.compile(
    r"\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:hours?|days?|week|weeks)\b|\bovernight\b"
    r"|\bsince\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)\b"
    r"|\b(?:on|last)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\blast\s+week\b",
    re.IGNORECASE,
)
# These two and _CUMULATIVE are matched against fold_case(text): see transforms.gazetteer.fold_case.
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|these|those|les|ses|leurs|ces)|['’]s)\s+$")
_WINDOW_BREAK = re.compile(r"[;:]|\bthat\b|\bque\b|\bqu['’]|,\s+(?:while|whereas|but)\b")
_SEGMENT_BREAK = re.compile(r"[,;:](?=\s)|\s[—–-]\s")
_MONTH = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|janvier|février|"
    r"mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)
_CUMULATIVE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+)?)?"
    r"(?:[\w'’-]+\s+){0,2}(?:\w+-)?(?:war|conflict|uprising|revolution|crisis|insurgency|fighting|offensive|invasion|"
    r"siege|coup|takeover)"
    rf"|\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:(?:\d{{1,2}}\s+)?(?:{_MONTH})(?:\s+\d{{1,2}})?,?\s+)?(?:19|20)\d\d\b"
    rf"|\bsince\s+(?:{_MONTH})\b"
    r"|\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year|\b(?:so\s+far\s+)?this\s+year\b"
    r"|\bto\s+date\b|\bin\s+(?:total|all)\b|\boverall\b|\bcumulative\b|\bin\s+(?:19|20)\d\d\b"
    r"|\b(?:war|conflict|insurgency|crisis|violence|fighting|clashes|unrest|rebellion)\b[^.;]{0,60}?"
    r"\b(?:has|have)\s+(?:also\s+|now\s+|so\s+far\s+|already\s+)?"
    r"(?:killed|displaced|left|claimed|forced|uprooted|driven|injured|wounded|made)"
    r"|\b(?:in|during|by|over\s+the\s+course\s+of|throughout)\s+(?:the|syria['’]s|its)\s+(?:[\w-]+\s+){0,2}"
    r"(?:war|conflict|civil\s+war|insurgency)\b"
    r"|\b(?:over|in)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|decade)"
    r"|\bdepuis\s+(?:le\s+)?(?:début\s+(?:du|de\s+la)\s+)?(?:conflit|guerre|soulèvement|révolution|offensive)"
    rf"|\bdepuis\s+(?:(?:{_MONTH})\s+)?(?:19|20)\d\d\b|\bdepuis\s+(?:le\s+mois\s+de\s+)?(?:{_MONTH})\b"
    r"|\b(?:le|la)\s+(?:conflit|guerre)\s+a\s+(?:fait|déplacé|tué)"
)
# Displacement and detention are stocks: "have fled", "remain displaced", "are being held" count everyone so far.
_STOCK = re.compile(
    r"\b(?:have|has)\s+(?:now\s+|so\s+far\s+|also\s+)?(?:been\s+)?(?:displaced|fled|crossed|forced|uprooted|"
    r"driven|registered)|\bremain(?:s|ed)?\s+(?:internally\s+)?displaced|\b(?:are|sont)\s+(?:internally\s+)?"
    r"(?:displaced|déplacés)|\b(?:are|were)\s+(?:being\s+)?held\b|\bin\s+detention\b",
    re.IGNORECASE,
)
_STOCK_CATEGORIES = frozenset({"displaced", "refugees", "detained"})


@dataclass(frozen=True, slots=True)
class _Counted:
    """What a number counts: the subject (None when the noun is not in the vocabulary), its kind, the category
    the noun itself names, and where the counted phrase ends."""

    subject: str | None
    kind: str
    noun_category: str | None
    strong: bool
    end: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A number with what it counts; ``category`` is None until a cue or a neighbour settles it."""

    number: NumberSpan
    category: str | None
    subject: str | None
    end: int
    refers_back: bool = False
    provisional: bool = False


_BARE = "bare"
_UNKNOWN = "unknown"


def _counted(sentence: str, number: NumberSpan) -> _Counted | None:
    """The counted phrase after ``number``, or None when the number counts something else ("four largest cities").

    A number standing alone ("killing 12", "23 of them were damaged") is ``_BARE``; an unknown noun
    ("14 ammunition depots", "eight fishermen") is ``_UNKNOWN`` and needs a cue right next to it.
    """
    position = number.end
    partitive = _PRONOUN_PARTITIVE.match(sentence, position)
    if partitive:
        return _Counted(None, _BARE, None, False, partitive.end())
    tail = sentence[position : position + 80]
    lead = _LEAD.match(tail)
    offset = lead.end() if lead else 0
    tokens: list[tuple[str, int]] = []
    for match in _TOKEN.finditer(tail, offset):
        token = match.group(0)
        opening = token in "“«" or (token == '"' and tail[match.end() : match.end() + 1].isalnum())
        if token in _QUOTES and opening:
            continue  # '31 "terrorists"': the quoted noun is still the counted noun
        tokens.append((token, position + match.start()))
        if len(tokens) == 6:
            break
    unknown_end: int | None = None
    for index, (token, start) in enumerate(tokens[:4]):
        lowered = token.lower().replace("’", "'")
        if lowered.startswith("d'"):
            lowered, start = lowered[2:], start + 2
        following = tokens[index + 1][0].lower() if index + 1 < len(tokens) else ""
        pair = f"{lowered} {following}"
        if pair in _NOUNS:
            subject, kind, category, strong = _NOUNS[pair]
            return _Counted(subject, kind, category, strong, tokens[index + 1][1] + len(tokens[index + 1][0]))
        if lowered in _NOUNS:
            if following in _NOUNS and following not in _STOP and not _ANY_CUE.fullmatch(fold_case(following)):
                continue
            if (
                lowered in _ADJECTIVAL
                and following.isalpha()
                and following not in _STOP
                and not _ANY_CUE.fullmatch(fold_case(following))
            ):
                return None
            subject, kind, category, strong = _NOUNS[lowered]
            return _Counted(subject, kind, category, strong, start + len(token))
        if lowered in _SUPERLATIVE:
            return None
        if lowered in _STOP or _ANY_CUE.fullmatch(fold_case(lowered)) or not re.match(r"\w", lowered):
            break
        unknown_end = start + len(token)
    if unknown_end is None:
        return _Counted(None, _BARE, None, False, number.end)
    return _Counted(None, _UNKNOWN, None, False, unknown_end)


def _cue_category(cue: str, kind: str) -> str | None:
    for pattern, kinds in _CUE_RES:
        if pattern.match(cue):
            if kind == _UNKNOWN and _AREA in kinds:
                return None  # "18 weapons caches had been seized": materiel, not territory or people
            if kind in (_BARE, _UNKNOWN):
                return kinds.get(_PERSON) or kinds.get(_BUILDING)
            return kinds.get(kind)
    return None


_PROJECTED = "projected"
_AGENTIVE = frozenset(
    {"killed", "injured", "detained", "abducted", "areas_captured", "buildings_destroyed", "attacked", "released"}
)
_PASSIVE = re.compile(r"\b(?:were|was|are|is|been|being|be|été|sont|étaient|soient|made)\b", re.IGNORECASE)
_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|his|her|their|its|our|le|la|les|un|une|des|at\s+least|more\s+than|some|about|nearly|"
    r"dozens|hundreds|thousands|several|many|it|them|him)\b|l['’]|\d)",
    re.IGNORECASE,
)


_NOT_BEFORE = re.compile(r"\b(?:not|never|n't)\s+(?:\w+\s+)?$")


def _category_after(sentence: str, folded: str, end: int, kind: str, adjacent: bool) -> str | None:
    """Category from a cue after the counted phrase; ``_PROJECTED`` for "could be displaced".

    ``folded`` is ``fold_case(sentence)``, where cues are looked for.
    """
    tail = sentence[end : end + 160]
    folded_tail = folded[end : end + 160]
    if adjacent:
        link = _AFTER_ADJACENT.match(folded_tail)
        link_end = link.end() if link else 0
        cue = _ANY_CUE.match(folded_tail, link_end)
        if cue is None:
            return None
        if _PROJECTION.search(tail[:link_end]):
            return _PROJECTED
        category = _cue_category(cue.group(0), kind)
        return None if _is_agent(tail, link_end, cue, category) else category
    stop = re.search(r"[;.]|\d|,\s+(?:while|whereas|but|and)\b", tail)
    window = tail[: stop.start() if stop else len(tail)]
    for cue in _ANY_CUE.finditer(folded_tail[: len(window)]):
        if _NOT_BEFORE.search(folded_tail, 0, cue.start()):
            return None  # "three children were also inside and were not hurt": spared, not counted
        category = _cue_category(cue.group(0), kind)
        if category and not _is_agent(tail, cue.start(), cue, category):
            return _PROJECTED if _PROJECTION.search(window[: cue.start()]) else category
    return None


def _is_agent(tail: str, link_end: int, cue: re.Match[str], category: str | None) -> bool:
    """True when the counted phrase does the harm ("Four gunmen killed 12 people", "two bombs hit the market")."""
    return category in _AGENTIVE and not _PASSIVE.search(tail[:link_end]) and _OBJECT.match(tail, cue.end()) is not None


def _category_before(
    sentence: str, folded: str, start: int, kind: str, window_start: int, adjacent: bool
) -> str | None:
    """Category from the nearest cue before the number in its clause ("killing 12", "took control of ten")."""
    window = sentence[window_start:start]
    cues = list(_ANY_CUE.finditer(folded[window_start:start]))
    if not cues:
        return None
    cue = cues[-1]  # only the nearest: an earlier cue belongs to an earlier count ("killing 1,200 and taking 240")
    if adjacent and not _BEFORE_ADJACENT.fullmatch(window[cue.end() :]):
        return None
    category = _cue_category(cue.group(0), kind)
    if category and _PROJECTION.search(window[: cue.start()]):
        return _PROJECTED
    return category


def _window_start(folded: str, start: int, attributions: list[Attribution]) -> int:
    """Cues before a number count only from the start of its clause or the reporting verb that governs it."""
    begin = 0
    for match in _WINDOW_BREAK.finditer(folded, 0, start):
        begin = match.end()
    for attribution in attributions:
        if attribution.forward and attribution.forward[0] <= start:
            begin = max(begin, attribution.verb_start)
    return begin


def _candidate(
    sentence: str, folded: str, number: NumberSpan, attributions: list[Attribution], previous: list[_Candidate]
) -> _Candidate | None:
    """What ``number`` counts and what happened to it, or None when it is not a figure.

    ``folded`` is ``fold_case(sentence)``, computed once per sentence for the case-insensitive patterns.
    """
    if number.qualifier is None and _DETERMINER_BEFORE.search(folded[: number.start]):
        return None
    window_start = _window_start(folded, number.start, attributions)
    if number.share is not None:
        category = _category_before(sentence, folded, number.start, _PERSON, window_start, False) or _category_after(
            sentence, folded, number.end, _PERSON, True
        )
        return _settle(number, category, "people", number.end)
    counted = _counted(sentence, number)
    if _MUNITION_AFTER.match(folded, number.end) or _FIRED_BEFORE.search(folded, 0, number.start):
        return None  # "fired one shot", "two rounds": what was fired, not who was hit
    if counted is None or (counted.kind in (_BARE, _UNKNOWN) and number.text.lower() in ("un", "une")):
        return None
    if counted.strong and counted.noun_category:
        return _Candidate(number, counted.noun_category, counted.subject, counted.end)
    if counted.kind in (_BARE, _UNKNOWN):
        subject = "people" if counted.kind == _BARE else None
        toll = _TOLL_BEFORE.search(folded, window_start, number.start)
        category = (
            _category_after(sentence, folded, counted.end, counted.kind, True)
            or (_toll_category(toll, previous) if toll else None)
            or _number_of_category(folded, window_start, number.start)
            or _category_before(sentence, folded, number.start, counted.kind, window_start, True)
        )
        if category in _BUILDING_CATEGORIES:
            subject = None
        return _settle(number, category, subject, counted.end)
    category = (
        _category_after(sentence, folded, counted.end, counted.kind, True)
        or (
            None
            if _OWN_PREDICATE.match(sentence, counted.end)
            else _category_before(sentence, folded, number.start, counted.kind, window_start, False)
        )
        or counted.noun_category
        or _category_after(sentence, folded, counted.end, counted.kind, False)
    )
    return _settle(number, category, counted.subject, counted.end)


_MUNITION_AFTER = re.compile(r"\s+(?:more\s+|warning\s+|fatal\s+)?(?:shots|rounds|bullets|gunshots|times)\b")
_FIRED_BEFORE = re.compile(r"\b(?:fired|fire|fires|firing|heard|hear|let\s+off)\s+(?:about\s+|some\s+|at\s+least\s+)?$")
_BUILDING_CATEGORIES = frozenset({"areas_captured", "buildings_destroyed", "attacked"})


def _toll_category(toll: re.Match[str], previous: list[_Candidate]) -> str:
    """ "The toll rose to 45" counts the dead; "bringing the total to 1,200" counts what the sentence counted."""
    if toll.group("total"):
        settled = [candidate.category for candidate in previous if candidate.category]
        return settled[-1] if settled else "killed"
    return "casualties" if toll.group("casualty") else "killed"


def _number_of_category(folded: str, window_start: int, start: int) -> str | None:
    """ "The number of people displaced has reached 9 million": the cue inside the phrase names the category."""
    phrase = _NUMBER_OF_BEFORE.search(folded, window_start, start)
    if phrase is None:
        return None
    cue = _ANY_CUE.search(phrase.group("what"))
    return _cue_category(cue.group(0), _PERSON) if cue else None


def _settle(number: NumberSpan, category: str | None, subject: str | None, end: int) -> _Candidate | None:
    """A candidate, unless the figure is a projection ("could be displaced") rather than a count."""
    if category == _PROJECTED:
        return None
    return _Candidate(number, category, subject, end)


def _resolve_neighbours(sentence: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """Settle numbers their own clause leaves open from their neighbours.

    "28 soldiers and 19 rebels had been killed": the first takes the cue of the second. "wounded 18 people,
    including five first responders": the second takes the first's category.
    """
    settled = list(candidates)
    for index in range(len(settled) - 2, -1, -1):
        current, following = settled[index], settled[index + 1]
        between = sentence[current.end : following.number.start]
        if current.category is None and following.category and _COORDINATED.match(between):
            settled[index] = replace(current, category=following.category)
    for index in range(1, len(settled)):
        current = settled[index]
        if current.category is None and _INCLUDING.search(sentence[: current.number.start]):
            settled[index] = replace(current, category=settled[index - 1].category)
    return [candidate for candidate in settled if candidate.category]


def _scopes(sentence: str, folded: str, candidates: list[_Candidate]) -> list[FigureScope]:
    """Scope per figure: cumulative when a marker stands in its comma-delimited segment.

    A marker alone in its segment ("In all, 63 people died") governs the next segment; a stock phrase
    ("have fled", "remain displaced") makes displacement and detention figures cumulative.
    """
    bounds = [0, *(m.end() for m in _SEGMENT_BREAK.finditer(sentence)), len(sentence) + 1]

    def segment(position: int) -> int:
        return next(i for i in range(len(bounds) - 1) if bounds[i] <= position < bounds[i + 1])

    occupied = {segment(candidate.number.start) for candidate in candidates}
    marked: set[int] = set()
    for marker in _CUMULATIVE.finditer(folded):
        first, last = segment(marker.start()), segment(marker.end() - 1)
        marked.update(range(first, last + 1))
        if not occupied & set(range(first, last + 1)):
            marked.add(last + 1)
    scopes: list[FigureScope] = []
    for candidate in candidates:
        index = segment(candidate.number.start)
        stock = (
            candidate.category in _STOCK_CATEGORIES
            and _STOCK.search(sentence, bounds[index], bounds[index + 1] - 1)
            and not _EVENT_FRAME.search(sentence)
        )
        scopes.append("cumulative" if index in marked or stock else "event")
    return scopes


def _actor_for(start: int, end: int, actors: Sequence[ActorMention]) -> str | None:
    for actor in actors:
        if actor.start < end and start < actor.end:
            return actor.actor_id
    return None


def _comparable_subjects(first: str | None, second: str | None) -> bool:
    """Same subject, or "people" against a named one; an unknown noun ("two senior commanders") is a subset."""
    if first is None or second is None:
        return False
    return first == second or "people" in (first, second)


def _mark_disputed(figures: list[Figure]) -> list[Figure]:
    """Mark figures another claimant contradicts: same category and scope, different values.

    Subjects must agree, except that "people" is compatible with any named subject: one side often says "45
    civilians" where the other says "a toll of 12".
    """
    marked: list[Figure] = []
    for figure in figures:
        rival = not figure.refers_back and any(
            not other.refers_back
            and other.claimant != figure.claimant
            and (other.category, other.scope) == (figure.category, figure.scope)
            and _comparable_subjects(other.subject, figure.subject)
            and (other.value_low, other.value_high, other.share) != (figure.value_low, figure.value_high, figure.share)
            for other in figures
        )
        marked.append(replace(figure, disputed=True) if rival and not figure.disputed else figure)
    return marked


def extract_figures(
    text: str, sentences: Sequence[Sentence], actors: Sequence[ActorMention] = ()
) -> tuple[Figure, ...]:
    """Find every figure in ``text`` with its category, subject, scope and claimant.

    Args:
        text: the article body the sentences were split from.
        sentences: ``split_sentences(text)``.
        actors: actor mentions of the same text; a claimant overlapping one gets its ``claimant_actor_id``.

    Returns:
        The figures in text order. Offsets are into ``text``; contested figures are all kept, marked disputed.
    """
    figures: list[Figure] = []
    provisional: set[int] = set()
    attacked: set[int] = set()  # objects of "shot him", "shot Roe": see ``_without_fatal_shootings``
    last: Referent | None = None
    for sentence in sentences:
        numbers = find_numbers(sentence.text)
        attributions, last = find_attributions(sentence.text, sentence.start, last)
        victims = find_victims(sentence.text)
        if not numbers and not victims:
            continue
        folded = fold_case(sentence.text)
        candidates: list[_Candidate] = []
        for number in numbers:
            candidate = _candidate(sentence.text, folded, number, attributions, candidates)
            if candidate is not None:
                candidates.append(candidate)
        candidates = _with_victims(_resolve_neighbours(sentence.text, candidates), victims)
        if any(c.category == "detained" for c in candidates) and held_by_armed_group(folded):
            candidates = [replace(c, category="abducted") if c.category == "detained" else c for c in candidates]
        if any(c.category == "released" for c in candidates) and released_by_armed_group(folded):
            candidates = [replace(c, category="abducted") if c.category == "released" else c for c in candidates]
        if not candidates:
            continue
        rebutted = is_rebutted(sentence.text)
        for index, (candidate, scope) in enumerate(
            zip(candidates, _scopes(sentence.text, folded, candidates), strict=True)
        ):
            figure = _figure(text, sentence, candidate, scope, attributions, actors)
            subset = index > 0 and _INCLUDING.search(sentence.text[: candidate.number.start]) is not None
            figure = replace(figure, disputed=figure.disputed or rebutted, subset=subset)
            if candidate.provisional or (
                figure.category == "injured" and counts_the_shot(sentence.text, candidate.number.start, candidate.end)
            ):
                provisional.add(len(figures))
            if candidate.refers_back and shot_by_attacker(sentence.text, candidate.number.start):
                attacked.add(len(figures))
            figures.append(figure)
    return tuple(_mark_disputed(_without_fatal_shootings(figures, provisional, attacked)))


def _with_victims(candidates: list[_Candidate], victims: list[Victim]) -> list[_Candidate]:
    """Add the counts written without numerals that no numeral figure already covers, in text order."""
    merged = list(candidates)
    for victim in victims:
        if any(victim.start < c.end and c.number.start < victim.end for c in candidates):
            continue
        noun = _NOUNS.get(victim.head)
        subject = noun[0] if noun and noun[1] == _PERSON else "people"
        if noun and noun[1] != _PERSON:
            continue  # "two houses were captured": the figures stage reads buildings and areas itself
        number = NumberSpan("", victim.start, victim.end, victim.value_low, victim.value_high, None)
        merged.append(_Candidate(number, victim.category, subject, victim.end, victim.refers_back, victim.provisional))
    return sorted(merged, key=lambda candidate: candidate.number.start)


def _without_fatal_shootings(figures: list[Figure], provisional: set[int], attacked: set[int]) -> list[Figure]:
    """Drop "was shot" injuries when later sentences say as many people already introduced died ("he died").

    The injuries of one sentence go together: "A man and a woman were shot. The man died." keeps both (the
    incident totals then count the shot less the dead), while "A man was shot. He died." keeps neither. A
    "shot him" is dropped when the report counts any death.
    """
    shot: dict[str, int] = {}
    for index in provisional:
        shot[figures[index].sentence] = shot.get(figures[index].sentence, 0) + (figures[index].value_low or 0)
    any_death = any(other.category == "killed" and (other.value_low or 0) > 0 for other in figures)
    kept: list[Figure] = []
    for index, figure in enumerate(figures):
        later_deaths = sum(
            other.value_low or 0
            for other in figures
            if other.category == "killed" and other.refers_back and other.start > figure.start
        )
        # "They shot him": the attack on someone already introduced, whom a counted death is; "she was shot" is
        # kept, as it is how survivors are written about.
        fatal = later_deaths >= shot.get(figure.sentence, 0) or (index in attacked and any_death)
        if not (index in provisional and fatal):
            kept.append(figure)
    return kept


def _figure(
    text: str,
    sentence: Sentence,
    candidate: _Candidate,
    scope: FigureScope,
    attributions: list[Attribution],
    actors: Sequence[ActorMention],
) -> Figure:
    number = candidate.number
    claim = attribute(attributions, number.start)
    actor_id = None
    verb: str | None
    if claim is not None:
        claimant, verb, denied = claim.claimant, claim.verb, claim.denied
        absolute = claim.claimant_offset + claim.claimant_start
        actor_id = _actor_for(absolute, claim.claimant_offset + claim.claimant_end, actors)
    else:
        verb = hedge(sentence.text, number.start)
        claimant, denied = (UNNAMED if verb else REPORTER), False
    start = sentence.start + number.start
    end = sentence.start + candidate.end
    return Figure(
        refers_back=candidate.refers_back,
        text=text[start:end],
        start=start,
        end=end,
        category=cast(FigureCategory, candidate.category),
        value_low=number.value_low,
        value_high=number.value_high,
        qualifier=number.qualifier,
        subject=candidate.subject,
        scope=scope,
        claimant=claimant,
        verb=verb,
        sentence=sentence.text,
        claimant_actor_id=actor_id,
        disputed=denied,
        share=number.share,
    )
