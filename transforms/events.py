"""Event types: ACLED's taxonomy chosen sentence by sentence by rules a reader can check.

A sentence that tells background ("since the war began", "in March 2011"), denies ("denied the report") or
alleges ("accused of", "said to have") yields nothing, and a trigger right after a modal or "to" ("will soon
capture", "offensive to recapture") does not count. Otherwise the first rule of :data:`RULES` whose trigger
words appear and whose conditions hold decides the event: specific weapons before fighting, fighting before
violence against civilians, unrest before strategic developments — the precedence ACLED coders use.
Territory changes look at who gained it: state forces of the article's country regain territory; rebels,
militias and foreign forces overtake it.

Triggers are phrases found in one pass over the article (the phrase index places and actors use). Events of
one type and sub-type at one place are one event, with the first sentence as evidence and the actors of all
its sentences.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from records import ActorMention, Event, EventType, PlaceMention, Sentence
from transforms.gazetteer import PhraseIndex, matching_text

__all__ = ["RULES", "Rule", "classify_events"]

BATTLES: EventType = "Battles"
EXPLOSIONS: EventType = "Explosions/Remote violence"
VIOLENCE: EventType = "Violence against civilians"
PROTESTS: EventType = "Protests"
RIOTS: EventType = "Riots"
STRATEGIC: EventType = "Strategic developments"

_STATE = "state forces"
_ARMED_TYPES = frozenset(
    {"state forces", "rebel group", "political militia", "identity militia", "external/other forces"}
)


@dataclass(frozen=True, slots=True)
class Rule:
    """Trigger phrases (whole words, any case) and the event they signal when the rule's ``needs`` hold.

    ``needs``: ``armed`` an armed actor in the sentence; ``two-armed`` two different armed actors;
    ``civilians`` civilians named; ``crowd`` protesters or rioters named; ``force`` state forces or police
    acting; ``recipient`` an armed actor named after the trigger ("surrendered areas to Kurdish rebels").
    """

    name: str
    event_type: EventType
    sub_event_type: str
    triggers: tuple[str, ...]
    needs: tuple[str, ...] = ()


def _forms(*stems: str) -> tuple[str, ...]:
    """Phrases with ``{a|b}`` alternatives expanded: ``"air{strike|strikes}"`` -> airstrike, airstrikes."""
    out: list[str] = []
    for stem in stems:
        match = re.search(r"\{([^}]*)\}", stem)
        if match is None:
            out.append(stem)
            continue
        for option in match.group(1).split("|"):
            out.extend(_forms(stem[: match.start()] + option + stem[match.end() :]))
    return tuple(out)


TERRITORY_GAINED = _forms(
    "took control",
    "taken control",
    "take control",
    "taking control",
    "{seized|seize|seizes|seizing}",
    "{captured|capture|captures|capturing|recaptured|recapture|recaptures|recapturing}",
    "{retook|retaken|regained|overran|overrun|stormed}",
    "storm {through|into}",
    "storming {through|into}",
    "gained {significant |}ground",
    "advanced {into|on}",
    "took over",
    "{drove|driven} out",
)
TERRITORY_LOST = _forms("routed", "fell to", "lost control", "were driven out", "withdrew from")

RULES: tuple[Rule, ...] = (
    Rule(
        "chemical",
        EXPLOSIONS,
        "Chemical weapon",
        _forms(
            "chlorine",
            "sarin",
            "chemical {attack|attacks|weapon|weapons|agent}",
            "gas {attack|attacks}",
            "nerve agent",
            "toxic gas",
        ),
    ),
    Rule(
        "suicide",
        EXPLOSIONS,
        "Suicide bomb",
        _forms(
            "suicide {bomber|bombers|bombing|bombings|attack|attacks|car bomb|vest}",
            "blew {himself|herself|themselves} up",
            "SVBIED",
        ),
    ),
    Rule(
        "nonviolent-transfer",
        STRATEGIC,
        "Non-violent transfer of territory",
        _forms("surrendered", "handed over", "ceded", "without a fight", "without resistance"),
        ("recipient",),
    ),
    Rule("territory", BATTLES, "Government regains territory", TERRITORY_GAINED + TERRITORY_LOST, ("armed",)),
    Rule(
        "air",
        EXPLOSIONS,
        "Air/drone strike",
        _forms(
            "air{strike|strikes|raid|raids}",
            "air {strike|strikes|raid|raids}",
            "drone {strike|strikes|attack|attacks}",
            "war{plane|planes}",
            "war {plane|planes}",
            "barrel {bomb|bombs}",
            "helicopter {gunship|gunships}",
            "kamikaze {drone|drones}",
            "{drone|drones|jets|aircraft|planes} {hit|struck|targeted|bombed}",
            "bombed from the air",
        ),
    ),
    Rule(
        "ied",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        _forms(
            "IED",
            "IEDs",
            "roadside {bomb|bombs}",
            "{landmine|landmines|land mine|land mines}",
            "car {bomb|bombs}",
            "explosive {device|devices}",
            "improvised explosive",
            "bomb {exploded|went off}",
            "booby trap",
            "booby trapped",
        ),
    ),
    Rule("grenade", EXPLOSIONS, "Grenade", _forms("{grenade|grenades}")),
    Rule(
        "shelling",
        EXPLOSIONS,
        "Shelling/artillery/missile attack",
        _forms(
            "{shelled|shelling|shells}",
            "artillery",
            "{mortar|mortars}",
            "{rocket|rockets}",
            "{missile|missiles}",
            "bombardment",
            "bombarded",
            "bombs {fell|rained|rain}",
        ),
    ),
    Rule(
        "clash",
        BATTLES,
        "Armed clash",
        _forms(
            "{clash|clashes|clashed}",
            "fighting",
            "fought",
            "{fierce|heavy} fighting",
            "{gun battle|gun battles|gunbattle|gunbattles|firefight|firefights}",
            "exchange of fire",
            "exchanged fire",
            "{ambush|ambushed}",
            "{battle|battles}",
            "{repelled|repulsed}",
            "attacked {a|an|the} {army|military|police|security} {checkpoint|base|post|position|positions|"
            "patrol|convoy|camp|barracks|station}",
            "attacked {a|an|the} {checkpoint|military camp|military base|army base|barracks|police station}",
        ),
        ("armed",),
    ),
    Rule(
        "abduction",
        VIOLENCE,
        "Abduction/forced disappearance",
        _forms(
            "{abducted|abduction|abductions|abducting}",
            "{kidnapped|kidnapping|kidnappings}",
            "taken hostage",
            "forcibly disappeared",
        ),
    ),
    Rule("sexual", VIOLENCE, "Sexual violence", _forms("{raped|rape}", "sexual violence", "sexually assaulted")),
    Rule(
        "protest-force",
        PROTESTS,
        "Excessive force against protesters",
        _forms("opened fire", "fired live {ammunition|rounds}", "live ammunition", "shot dead", "killed", "killing"),
        ("crowd", "force"),
    ),
    Rule(
        "violent-demo",
        RIOTS,
        "Violent demonstration",
        _forms(
            "{threw|hurled|throwing} {stones|rocks|petrol bombs|molotov cocktails}",
            "torched",
            "set fire",
            "set ablaze",
            "{burned|burning|burnt} tyres",
            "{vandalised|vandalized}",
            "rioting",
            "rioters",
            "clashed with {police|security forces}",
        ),
        ("crowd",),
    ),
    Rule("mob", RIOTS, "Mob violence", _forms("mob", "{lynched|lynching}", "{vigilante|vigilantes}")),
    Rule(
        "protest-intervention",
        PROTESTS,
        "Protest with intervention",
        _forms(
            "{dispersed|disperse}",
            "tear gas",
            "teargas",
            "water {cannon|cannons}",
            "arrested",
            "detained",
            "rubber bullets",
        ),
        ("crowd", "force"),
    ),
    Rule(
        "protest",
        PROTESTS,
        "Peaceful protest",
        _forms(
            "{protested|demonstrated|rallied|marched}",
            "took to the streets",
            "staged a {protest|demonstration|rally|sit in}",
            "general strike",
            "went on strike",
        ),
    ),
    Rule(
        "protest-crowd",
        PROTESTS,
        "Peaceful protest",
        _forms("{protest|protests|demonstration|demonstrations|rally|rallies|vigil|sit in}"),
        ("crowd",),
    ),
    Rule(
        "civilians",
        VIOLENCE,
        "Attack",
        _forms(
            "killed",
            "{shot|shot dead|gunned down}",
            "executed",
            "{massacred|massacre}",
            "stabbed",
            "beaten",
            "attacked",
            "tortured",
            "opened fire on",
            "murdered",
            "burned alive",
        ),
        ("civilians",),
    ),
    Rule(
        "agreement",
        STRATEGIC,
        "Agreement",
        _forms(
            "{ceasefire|cease fire|truce}",
            "peace {deal|agreement|accord}",
            "signed {an agreement|a deal}",
            "prisoner {exchange|swap}",
            "reached {an agreement|a deal}",
        ),
    ),
    Rule(
        "arrests",
        STRATEGIC,
        "Arrests",
        _forms("arrested", "detained", "rounded up", "{arrest|arrests}", "detention of"),
        ("armed",),
    ),
    Rule(
        "looting",
        STRATEGIC,
        "Looting/property destruction",
        _forms(
            "{looted|looting|pillaged|pillaging|ransacked|torched|demolished|razed}",
            "{burned|burnt} down",
            "set fire to",
        ),
    ),
    Rule(
        "disrupted",
        STRATEGIC,
        "Disrupted weapons use",
        _forms("defused", "intercepted", "shot down", "weapons cache", "dismantled {an IED|a bomb}"),
    ),
    Rule(
        "base",
        STRATEGIC,
        "Headquarters or base established",
        _forms("{established|set up} {a|an|a new} {base|headquarters|outpost}"),
    ),
    Rule(
        "group-change",
        STRATEGIC,
        "Change to group/activity",
        _forms(
            "merged",
            "announced the formation",
            "defected",
            "joined forces",
            "dissolved",
            "changed its name",
            "pledged allegiance",
        ),
    ),
)
# At one place, the later sub-type says more than the earlier one and replaces it (ACLED codes one event).
SUPERSEDES = {
    "Armed clash": "Government regains territory|Non-state actor overtakes territory",
    "Peaceful protest": "Protest with intervention|Excessive force against protesters",
    "Protest with intervention": "Excessive force against protesters",
}

_SKIP = "skip"
SKIP_PHRASES = _forms(
    "since",
    "began",
    "anniversary",
    "{year|years} ago",
    "last year",
    "denied",
    "denies",
    "deny",
    "no sign of",
    "false {report|reports}",
    "accused of",
    "allegedly",
    "alleged",
    "said to have",
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_DATING_WORDS = frozenset({"in", "since", "during", "early", "late", "mid", *_MONTHS})
_SUPPORTERS = re.compile(r"(?:backed|supported|aided|assisted) by\s+$|\bwith\s+$")
_HEDGES = frozenset({"will", "would", "could", "might", "may", "can", "to", "if"})
_CIVILIANS = "civilians"
_CROWDS = frozenset({"protesters", "rioters"})


@functools.cache
def _trigger_index() -> PhraseIndex[tuple[str, ...]]:
    """Every trigger phrase mapped to the rules (or the skip marker) it belongs to."""
    owners: dict[str, list[str]] = {}
    for rule in RULES:
        for phrase in rule.triggers:
            owners.setdefault(phrase.lower(), []).append(rule.name)
    for phrase in SKIP_PHRASES:
        owners.setdefault(phrase.lower(), []).append(_SKIP)
    return PhraseIndex((phrase, tuple(names)) for phrase, names in owners.items())


_RULES_BY_NAME = {rule.name: rule for rule in RULES}


def _text_of(sentences: Sequence[Sentence]) -> str:
    """The article text rebuilt from its sentences, offsets kept (what lies between sentences is blanked)."""
    parts: list[str] = []
    position = 0
    for sentence in sentences:
        parts.append(" " * (sentence.start - position))
        parts.append(sentence.text)
        position = sentence.end
    return "".join(parts)


@dataclass(slots=True)
class _Reading:
    """What one sentence holds: the first unhedged trigger of each rule (offset, phrase), and whether to skip."""

    triggers: dict[str, tuple[int, str]]
    skip: bool = False


def _hedged(text: str, start: int) -> bool:
    """A trigger right after a modal or "to" foresees or intends ("will soon capture", "offensive to retake")."""
    words = text[max(0, start - 20) : start].split()
    return bool(words) and (words[-1].lower() in _HEDGES or (len(words) > 1 and words[-1].lower() == "soon"))


def _read(text: str, sentences: Sequence[Sentence]) -> list[_Reading]:
    readings = [_Reading({}) for _ in sentences]
    starts = [s.start for s in sentences]
    for start, end, owners in _trigger_index().find_all(matching_text(text)):
        slot = bisect.bisect_right(starts, start) - 1
        if slot < 0 or start >= sentences[slot].end:
            continue
        reading = readings[slot]
        if _SKIP in owners:
            reading.skip = True
        elif not _hedged(text, start):
            for name in owners:
                known = reading.triggers.get(name)
                if known is None or start < known[0]:
                    reading.triggers[name] = (start, text[start:end].lower())
    for year in _YEAR.finditer(text):
        if _is_dated(text, year.start()):
            slot = bisect.bisect_right(starts, year.start()) - 1
            if slot >= 0:
                readings[slot].skip = True
    return readings


def _is_dated(text: str, at: int) -> bool:
    """A year after "in", "since" or a month ("in March 2011") dates what the sentence tells: background."""
    words = text[max(0, at - 25) : at].split()
    return bool(words) and words[-1].lower() in _DATING_WORDS


def _territory_sub_type(at: int, phrase: str, actors: Sequence[ActorMention], text: str) -> str | None:
    """Who gained the ground decides: the actor right before the verb (passing over supporters, "backed by
    ATMIS"), or the other side when the verb is a loss. None when the gainer is not armed ("protesters
    stormed the consulate")."""
    before = [a for a in actors if a.start < at]
    after = [a for a in actors if a.start >= at]
    if phrase in TERRITORY_LOST:
        loser = before[-1] if before else None
        pool = after if phrase == "fell to" else actors
        gainers = [a for a in pool if loser is None or a.actor_id != loser.actor_id]
        winner = gainers[0] if gainers else None
    else:
        leading = [a for a in before if not _SUPPORTERS.search(text, max(0, a.start - 16), a.start)]
        winner = leading[-1] if leading else (after[0] if after else None)
    if winner is None or winner.actor_type not in _ARMED_TYPES:
        return None
    if winner.actor_type == _STATE:
        return "Government regains territory"
    return "Non-state actor overtakes territory"


_RULE_ORDER = {rule.name: position for position, rule in enumerate(RULES)}


def _meets(need: str, at: int, actors: Sequence[ActorMention], everyone: frozenset[str]) -> bool:
    """Whether a rule's condition holds; crowds and the forces facing them count article-wide, because a
    protest report names the protesters in one sentence and the tear gas in the next."""
    if need == "armed":
        return any(a.actor_type in _ARMED_TYPES for a in actors)
    if need == "civilians":
        return any(a.actor_type == _CIVILIANS for a in actors)
    if need == "crowd":
        return bool(everyone & _CROWDS)
    if need == "force":
        return _STATE in everyone
    return any(a.start > at and a.actor_type in _ARMED_TYPES for a in actors)  # "recipient"


def _classify(
    reading: _Reading, actors: Sequence[ActorMention], everyone: frozenset[str], text: str
) -> tuple[Rule, str] | None:
    for name in sorted(reading.triggers, key=_RULE_ORDER.__getitem__):
        rule = _RULES_BY_NAME[name]
        at, phrase = reading.triggers[name]
        if not all(_meets(need, at, actors, everyone) for need in rule.needs):
            continue
        if rule.name != "territory":
            return rule, rule.sub_event_type
        sub_type = _territory_sub_type(at, phrase, actors, text)
        if sub_type is not None:
            return rule, sub_type
    return None


def _place_of(sentence: Sentence, places: Sequence[PlaceMention], primary: PlaceMention | None) -> PlaceMention | None:
    """The most specific place named in the sentence, else the article's primary location."""
    inside = [p for p in places if sentence.start <= p.start < sentence.end and p.precision != "country"]
    if not inside:
        return primary
    if primary is not None and any(p.name == primary.name or p.within == primary.name for p in inside):
        return primary
    return inside[0]


def classify_events(
    sentences: Sequence[Sentence],
    actors: Sequence[ActorMention],
    places: Sequence[PlaceMention],
    primary: PlaceMention | None,
) -> tuple[Event, ...]:
    """ACLED-style events of a report, each with its evidence sentence and the rule that chose it.

    Args:
        sentences: ``split_sentences(text)``.
        actors: ``find_actors(text, ...)``; reporting sources are ignored.
        places: mentions from ``resolve_places``; an event is placed at its sentence's place.
        primary: the article's primary location, used when a sentence names none.

    Returns:
        One event per (type, sub-type, place), in the order of their first evidence sentence.
    """
    if not sentences:
        return ()
    text = _text_of(sentences)
    readings = _read(text, sentences)
    fighting = sorted((a for a in actors if not a.is_reporting_source), key=lambda a: a.start)
    starts = [a.start for a in fighting]
    everyone = frozenset(a.actor_type for a in fighting)
    events: dict[tuple[str, str, str | None], Event] = {}
    for sentence, reading in zip(sentences, readings, strict=True):
        if reading.skip or not reading.triggers:
            continue
        in_sentence = fighting[bisect.bisect_left(starts, sentence.start) : bisect.bisect_left(starts, sentence.end)]
        chosen = _classify(reading, in_sentence, everyone, text)
        if chosen is None:
            continue
        rule, sub_event_type = chosen
        place = _place_of(sentence, places, primary)
        key = (rule.event_type, sub_event_type, place.name if place else None)
        actor_ids = tuple(dict.fromkeys(a.actor_id for a in in_sentence))
        known = events.get(key)
        if known is None:
            events[key] = Event(
                rule.event_type,
                sub_event_type,
                sentence.text,
                sentence.start,
                sentence.end,
                actor_ids,
                place,
                rule.name,
            )
        else:
            merged = tuple(dict.fromkeys((*known.actor_ids, *actor_ids)))
            events[key] = Event(
                known.event_type,
                known.sub_event_type,
                known.evidence,
                known.start,
                known.end,
                merged,
                known.place,
                known.rule,
            )
    return _superseded(events)


def _superseded(events: dict[tuple[str, str, str | None], Event]) -> tuple[Event, ...]:
    """Drop events a more telling sub-type at the same place replaces, keeping their actors."""
    kept = dict(events)
    for (event_type, sub_type, place), event in events.items():
        stronger = [
            key for key in kept if key[0] == event_type and key[2] == place and key[1] in SUPERSEDES.get(sub_type, "")
        ]
        if stronger and (event_type, sub_type, place) in kept:
            del kept[(event_type, sub_type, place)]
            winner = kept[stronger[0]]
            actor_ids = tuple(dict.fromkeys((*event.actor_ids, *winner.actor_ids)))
            kept[stronger[0]] = Event(
                winner.event_type,
                winner.sub_event_type,
                winner.evidence,
                winner.start,
                winner.end,
                actor_ids,
                winner.place,
                winner.rule,
            )
    return tuple(sorted(kept.values(), key=lambda e: e.start))
