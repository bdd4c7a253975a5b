"""Figures: every quantity of people or things affected, what it counts, its scope and who claims it.

A number only becomes a figure when the sentence says what happened to what it counts: "100 rebels had
surrendered", "killing 12", "took control of ten neighbourhoods", "the toll rose to 45", "3.000 morts". A number
next to anything else ("four largest cities", "two sides", "12 rockets") is left alone, which is what keeps
ages, dates and unrelated counts out. Attribution comes from ``transforms.claims``; when two claimants give
different values for the same category in one report, both figures are kept and marked disputed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from transforms.claims import REPORTER, UNNAMED, Attribution, Referent, attribute, find_attributions, hedge
from transforms.numbers import NumberSpan, find_numbers
from transforms.records import ActorMention, Figure, Sentence

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
    "villageois,worshippers,pilgrims,passengers,shoppers,family members,families,members,fidèles,"
    "palestinians,israelis,syrians,iraqis,afghans,ukrainians,russians,yemenis,kurds,libyans,sudanese,somalis,"
    "rohingya,nigerians,malians,congolese,ethiopians,tigrayans,lebanese,americans,palestiniens,israéliens,"
    "syriens,ukrainiens,maliens,congolais,soudanais",
    "people",
)
_nouns("civilians,civilian,civils,civiles", "civilians")
_nouns("children,child,kids,minors,boys,girls,babies,infants,schoolchildren,enfants,enfant,mineurs", "children")
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
_nouns("detainees,prisoners,captives,détenus,prisonniers", "people", category="detained")
_nouns("hostages,otages", "people", category="abducted")
_nouns("victims,victimes", "people", category="killed")
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
    "buildings,building,houses,house,homes,structures,apartments,apartment blocks,shops,shelters,bâtiments,"
    "maisons,immeubles,habitations,logements,édifices,residential buildings,homes and buildings",
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
    de du des la le les et ou dans sur à au aux par pour avec selon ont ont été sont été a qui dont en
    mainly mostly many most some more other another least about over up just"""
)
_SUPERLATIVE = _wordset("largest biggest main major key top leading first last greatest principal only")
_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")

# Cues: what happened to what is counted. Each maps (kind) -> category.
_CUES: list[tuple[str, dict[str, str]]] = [
    (
        r"killed|kill|kills|killing|lost(?!\s+their\s+homes)|died|die|dies|dying|dead|death|deaths|slain|slaughtered|massacred|executed|"
        r"lost\s+their\s+lives|perished|shot\s+dead|(?:death\s+)?toll|claimed\s+the\s+lives\s+of|lives|"
        r"fatalities|tués|tuées|tué|tuée|morts|mort|ont\s+péri|périssent|décédés|trouvé\s+la\s+mort|exécutés|bilan",
        {_PERSON: "killed"},
    ),
    (r"wounded|wounding|injured|injuring|hurt|injuries|blessés|blessées|blessé|blessant", {_PERSON: "injured"}),
    (r"casualties", {_PERSON: "casualties"}),
    (r"missing|unaccounted\s+for|disappeared|disparus", {_PERSON: "missing"}),
    (
        r"displaced|displacing|displace|fled|flee|fleeing|flight|uprooted|forced\s+from\s+their\s+homes|"
        r"driven\s+from\s+their\s+homes|déplacés|déplacées|déplacé|ont\s+fui|fuient|fuir|fui|exode",
        {_PERSON: "displaced"},
    ),
    (r"homeless|lost\s+their\s+homes|sans-abri|sans\s+abri", {_PERSON: "homeless"}),
    (r"refugees|crossed\s+into|crossed\s+the\s+border|sought\s+refuge|réfugiés|réfugiées", {_PERSON: "refugees"}),
    (
        r"detained|detaining|detain|arrested|arresting|arrest|arrests|jailed|imprisoned|rounded\s+up|"
        r"taken\s+prisoner|held|arrêtés|arrêtées|interpellés|interpellées|détenus|emprisonnés|faits\s+prisonniers",
        {_PERSON: "detained"},
    ),
    (
        r"abducted|abducting|kidnapped|kidnapping|taken\s+hostage|enlevés|enlevées|kidnappés|pris\s+en\s+otage",
        {_PERSON: "abducted"},
    ),
    (
        r"surrendered|surrendering|surrender|defected|laid\s+down\s+(?:their\s+)?arms|turned\s+themselves\s+in|"
        r"gave\s+themselves\s+up|se\s+sont\s+rendus|rendus|déposé\s+les\s+armes|reddition",
        {_PERSON: "surrendered"},
    ),
    (
        r"besieged|trapped|under\s+siege|encircled|assiégés|assiégées|piégés|pris\s+au\s+piège|encerclés",
        {_PERSON: "besieged"},
    ),
    (r"evacuated|evacuating|evacuation|évacués|évacuées|évacuation", {_PERSON: "evacuated"}),
    (r"released|freed|libérés|libérées|relâchés", {_PERSON: "released"}),
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
        r"reduced\s+to\s+rubble|détruits|détruites|détruit|endommagés|endommagées|rasés|rasées|incendiés",
        {_BUILDING: "buildings_destroyed", _AREA: "buildings_destroyed"},
    ),
    (r"hit|struck|targeted|bombed|shelled|attacked|ciblés|frappés|bombardés", {_BUILDING: "attacked"}),
]
_CUE_RES = [(re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE), kinds) for pattern, kinds in _CUES]
_ANY_CUE = re.compile("|".join(rf"(?<![\w-])(?:{pattern})(?![\w-])" for pattern, _ in _CUES), re.IGNORECASE)
_LINK = (
    r"have|has|had|were|was|are|is|been|being|be|reportedly|also|later|now|all|allegedly|thought|believed|said|"
    r"feared|reported|estimated|to|made|who|which|that|since|already|so|far|ont|a|été|sont|auraient|aurait|"
    r"seraient|serait|se|y|left|recently|initially|subsequently|either|both|been|got|get|then|had|remain|"
    r"remained|remains|still|confirmed|presumed|believed|feared|officially|either|were"
)
_AFTER_ADJACENT = re.compile(rf"^(?:\s*,[^,.;]{{0,80}},)?(?:\s*(?:{_LINK})\b)*\s*(?=\S)", re.IGNORECASE)
_BEFORE_ADJACENT = re.compile(
    r"(?:\s+(?:to|at|of|has|had|have|risen|rose|climbed|jumped|increased|stood|stands|reached|hit|now|further|"
    r"another|a|an|some|nearly|à|de|s['’]élève|s['’]élevait|est|passé|grimpé|atteint|more\s+than|least|at))*\s*$",
    re.IGNORECASE,
)
_TOLL_BEFORE = re.compile(
    r"\b(?:(?P<casualty>casualty|injury)\s+)?(?:toll|bilan)\b[^.;\d]{0,80}?"
    r"(?:\b(?:to|at|of|reached|hit|passed|topped|exceeded|atteint|de)|\bà|\best\s+de)\s+$",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|these|those|les|ses|leurs|ces)|['’]s)\s+$", re.I)
_WINDOW_BREAK = re.compile(r"[;:]|\bthat\b|\bque\b|\bqu['’]|,\s+(?:while|whereas|but)\b", re.IGNORECASE)
_CUMULATIVE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+)?)?"
    r"(?:[\w'’-]+\s+){0,2}(?:war|conflict|uprising|revolution|crisis|insurgency|fighting|offensive|invasion|siege)"
    r"|\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\s+)?(?:19|20)\d\d\b"
    r"|\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year|\bso\s+far\s+this\s+year|\bto\s+date\b"
    r"|\bin\s+total\b|\boverall\b|\bcumulative\b"
    r"|\b(?:the|this|syria['’]s|its|a)\s+(?:[\w-]+\s+)?(?:war|conflict|civil\s+war|insurgency|crisis|violence)\s+"
    r"(?:has|have|had)\s+(?:also\s+|now\s+|already\s+)?(?:killed|displaced|left|claimed|forced|uprooted|driven)"
    r"|\b(?:in|during|over\s+the\s+course\s+of|throughout)\s+(?:the|syria['’]s|its)\s+(?:[\w-]+\s+){0,2}"
    r"(?:war|conflict|civil\s+war|insurgency)\b"
    r"|\b(?:over|in)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|decade)"
    r"|\bdepuis\s+(?:le\s+)?(?:début\s+(?:du|de\s+la)\s+)?(?:conflit|guerre|soulèvement|révolution|offensive)"
    r"|\bdepuis\s+(?:(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\s+)?"
    r"(?:19|20)\d\d\b"
    r"|\b(?:le|la)\s+(?:conflit|guerre)\s+a\s+(?:fait|déplacé|tué)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Counted:
    """What a number counts: the subject, its kind and where the counted phrase ends."""

    subject: str
    kind: str
    noun_category: str | None
    strong: bool
    end: int


def _counted(sentence: str, number: NumberSpan) -> _Counted | None | bool:
    """The counted noun after ``number``; True when the number stands alone; None when it counts something else."""
    position = number.end
    tail = sentence[position : position + 80]
    lead = re.match(r"\s+(?:of\s+(?:the\s+)?|d['’]|de\s+|des\s+)?", tail, re.IGNORECASE)
    offset = lead.end() if lead else 0
    tokens = [(m.group(0), position + offset + m.start()) for m in _TOKEN.finditer(tail[offset:])][:6]
    for index, (token, start) in enumerate(tokens[:4]):
        lowered = token.lower().replace("’", "'")
        if lowered.startswith("d'"):
            lowered, start = lowered[2:], start + 2
        pair = f"{lowered} {tokens[index + 1][0].lower()}" if index + 1 < len(tokens) else ""
        if pair in _NOUNS:
            subject, kind, category, strong = _NOUNS[pair]
            return _Counted(subject, kind, category, strong, tokens[index + 1][1] + len(tokens[index + 1][0]))
        if lowered in _NOUNS:
            following = tokens[index + 1][0].lower() if index + 1 < len(tokens) else ""
            if following in _NOUNS and following not in _STOP:
                continue
            if (
                lowered in _ADJECTIVAL
                and following.isalpha()
                and following not in _STOP
                and not _ANY_CUE.fullmatch(following)
            ):
                return None
            subject, kind, category, strong = _NOUNS[lowered]
            return _Counted(subject, kind, category, strong, start + len(token))
        if lowered in _SUPERLATIVE or not re.match(r"[\w-]", lowered):
            return True if index == 0 and lowered not in _SUPERLATIVE else None
        if lowered in _STOP or _ANY_CUE.fullmatch(lowered):
            return True if index == 0 else None
    return None if tokens else True


def _cue_category(match_text: str, kind: str) -> str | None:
    for pattern, kinds in _CUE_RES:
        if pattern.fullmatch(match_text):
            return kinds.get(kind)
    return None


def _category_after(sentence: str, end: int, kind: str, adjacent: bool) -> str | None:
    tail = sentence[end:]
    if adjacent:
        link = _AFTER_ADJACENT.match(tail)
        rest = tail[link.end() if link else 0 :]
        cue = _ANY_CUE.match(rest)
        return _cue_category(cue.group(0), kind) if cue else None
    stop = re.search(r"[;.]|\d|,\s+(?:while|whereas|but|and)\b", tail)
    window = tail[: stop.start() if stop else len(tail)][:120]
    for cue in _ANY_CUE.finditer(window):
        category = _cue_category(cue.group(0), kind)
        if category:
            return category
    return None


def _category_before(sentence: str, start: int, kind: str, window_start: int, adjacent: bool) -> str | None:
    window = sentence[window_start:start]
    cues = list(_ANY_CUE.finditer(window))
    for cue in reversed(cues):
        if adjacent and not _BEFORE_ADJACENT.fullmatch(window[cue.end() :]):
            return None
        category = _cue_category(cue.group(0), kind)
        if category:
            return category
    return None


def _toll_before(window: str) -> str | None:
    """ "The toll rose to 45", "put the toll at 12": a bare number that a toll introduces."""
    toll = _TOLL_BEFORE.search(window)
    if toll is None:
        return None
    return "casualties" if toll.group("casualty") else "killed"


def _window_start(sentence: str, start: int, attributions: list[Attribution]) -> int:
    """Cues before a number count only from the start of its clause or the reporting verb that governs it."""
    begin = 0
    for match in _WINDOW_BREAK.finditer(sentence, 0, start):
        begin = match.end()
    for attribution in attributions:
        if attribution.forward and attribution.forward[0] <= start:
            begin = max(begin, attribution.verb_start)
    return begin


def _classify(sentence: str, number: NumberSpan, attributions: list[Attribution]) -> tuple[str, str, int] | None:
    """(category, subject, end of the counted phrase) of a number, or None when it is not a figure."""
    if number.qualifier is None and _DETERMINER_BEFORE.search(sentence[: number.start]):
        return None
    window_start = _window_start(sentence, number.start, attributions)
    if number.share is not None:
        category = _category_before(sentence, number.start, _PERSON, window_start, False) or _category_after(
            sentence, number.end, _PERSON, True
        )
        return (category, "people", number.end) if category else None
    counted = _counted(sentence, number)
    if counted is None or counted is False:
        return None
    if counted is True:
        category = (
            _category_after(sentence, number.end, _PERSON, True)
            or _toll_before(sentence[window_start : number.start])
            or _category_before(sentence, number.start, _PERSON, window_start, True)
        )
        return (category, "people", number.end) if category else None
    if counted.strong and counted.noun_category:
        return counted.noun_category, counted.subject, counted.end
    category = (
        _category_after(sentence, counted.end, counted.kind, True)
        or _category_before(sentence, number.start, counted.kind, window_start, False)
        or counted.noun_category
        or _category_after(sentence, counted.end, counted.kind, False)
    )
    return (category, counted.subject, counted.end) if category else None


def _actor_for(start: int, end: int, actors: Sequence[ActorMention]) -> str | None:
    for actor in actors:
        if actor.start < end and start < actor.end:
            return actor.actor_id
    return None


def _mark_disputed(figures: list[Figure]) -> list[Figure]:
    """Mark figures another claimant contradicts: same category and scope, different values.

    Subjects must agree, except that "people" is compatible with any subject: one side often says "45
    civilians" where the other says "a toll of 12".
    """
    marked: list[Figure] = []
    for figure in figures:
        rival = any(
            other.claimant != figure.claimant
            and (other.category, other.scope) == (figure.category, figure.scope)
            and (other.subject == figure.subject or "people" in (other.subject, figure.subject))
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
    last: Referent | None = None
    for sentence in sentences:
        numbers = find_numbers(sentence.text)
        attributions, last = find_attributions(sentence.text, sentence.start, last)
        if not numbers:
            continue
        cumulative = _CUMULATIVE.search(sentence.text) is not None
        for number in numbers:
            classified = _classify(sentence.text, number, attributions)
            if classified is None:
                continue
            category, subject, end = classified
            figures.append(_figure(text, sentence, number, category, subject, end, attributions, cumulative, actors))
    return tuple(_mark_disputed(figures))


def _figure(
    text: str,
    sentence: Sentence,
    number: NumberSpan,
    category: str,
    subject: str,
    end: int,
    attributions: list[Attribution],
    cumulative: bool,
    actors: Sequence[ActorMention],
) -> Figure:
    claim = attribute(sentence.text, attributions, number.start)
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
    return Figure(
        text=text[start : sentence.start + end],
        start=start,
        end=sentence.start + end,
        category=category,
        value_low=number.value_low,
        value_high=number.value_high,
        qualifier=number.qualifier,
        subject=subject,
        scope="cumulative" if cumulative else "event",
        claimant=claimant,
        verb=verb,
        sentence=sentence.text,
        claimant_actor_id=actor_id,
        disputed=denied,
        share=number.share,
    )
