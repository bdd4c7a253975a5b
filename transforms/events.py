"""Event types: ACLED's taxonomy chosen sentence by sentence by rules a reader can check.

Each sentence is read once. Sentences that tell background ("since the war began in 2011"), deny ("denied the
report") or only allege or foresee ("will soon capture", "accused of bombing") yield nothing. In the others
the first rule of :data:`RULES` whose trigger words appear decides the event type: specific weapons before
fighting, fighting before violence against civilians, unrest before strategic developments — the precedence
ACLED coders use. Territory changes look at who gained it: state forces of the article's country regain
territory; rebels, militias and foreign forces overtake it.

Events of one type and sub-type at one place are one event, with the first sentence as evidence and the
actors of all its sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from transforms.records import ActorMention, Event, PlaceMention, Sentence

__all__ = ["RULES", "Rule", "classify_events"]

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

_STATE = "state forces"
_ARMED_TYPES = frozenset(
    {"state forces", "rebel group", "political militia", "identity militia", "external/other forces"}
)


@dataclass(frozen=True, slots=True)
class Rule:
    """A trigger pattern and the event it signals; ``needs`` lists conditions on the sentence.

    ``needs``: ``"armed"`` an armed actor in the sentence, ``"two-armed"`` two different armed actors,
    ``"civilians"`` civilians named as victims, ``"crowd"`` protesters or rioters, ``"force"`` security
    force action against a crowd.
    """

    name: str
    event_type: str
    sub_event_type: str
    trigger: re.Pattern[str]
    needs: tuple[str, ...] = ()


def _words(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


_TERRITORY = _words(
    r"took control",
    r"taken control",
    r"take control",
    r"taking control",
    r"seized?",
    r"seizing",
    r"(?:re)?captured?",
    r"(?:re)?capturing",
    r"retook",
    r"retaken",
    r"regained",
    r"overran",
    r"overrun",
    r"stormed",
    r"storm(?:s|ing)? (?:through|into)",
    r"gained (?:significant )?ground",
    r"advanced (?:into|on)",
    r"fell to",
    r"routed",
    r"took over",
    r"entered",
    r"drove out",
    r"driven out",
    r"expelled",
)
_LOSER_VERBS = _words(r"routed", r"fell to", r"driven out", r"lost")

RULES: tuple[Rule, ...] = (
    Rule(
        "chemical",
        EXPLOSIONS,
        "Chemical weapon",
        _words(
            r"chlorine", r"sarin", r"chemical (?:attack|weapons?|agent)", r"gas attacks?", r"nerve agent", r"toxic gas"
        ),
    ),
    Rule(
        "suicide",
        EXPLOSIONS,
        "Suicide bomb",
        _words(r"suicide (?:bomber|bombing|attack|car bomb|vest)s?", r"blew (?:himself|herself) up", r"SVBIED"),
    ),
    Rule(
        "air",
        EXPLOSIONS,
        "Air/drone strike",
        _words(
            r"air ?strikes?",
            r"air raids?",
            r"drone (?:strike|attack)s?",
            r"warplanes?",
            r"war planes?",
            r"barrel bombs?",
            r"bombed from the air",
            r"helicopter gunships?",
            r"kamikaze drones?",
            r"shahed drones?",
            r"drones? (?:hit|struck|targeted)",
        ),
    ),
    Rule(
        "ied",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        _words(
            r"IEDs?",
            r"roadside bombs?",
            r"land ?mines?",
            r"car bombs?",
            r"explosive devices?",
            r"improvised explosive",
            r"bomb (?:exploded|went off|blast)",
            r"booby.trap(?:ped)?",
        ),
    ),
    Rule("grenade", EXPLOSIONS, "Grenade", _words(r"grenades?")),
    Rule(
        "shelling",
        EXPLOSIONS,
        "Shelling/artillery/missile attack",
        _words(
            r"shell(?:ed|ing|s)",
            r"artillery",
            r"mortars?",
            r"rockets?",
            r"missiles?",
            r"(?:heavy )?bombardment",
            r"shelling",
        ),
    ),
    Rule(
        "nonviolent-transfer",
        STRATEGIC,
        "Non-violent transfer of territory",
        _words(
            r"(?:surrendered|handed over|ceded) (?:\w+ ){0,5}to",
            r"withdrew without a fight",
            r"without (?:a fight|resistance|fighting)",
        ),
    ),
    Rule("territory", BATTLES, "Government regains territory", _TERRITORY, ("armed",)),
    Rule(
        "clash",
        BATTLES,
        "Armed clash",
        _words(
            r"clash(?:ed|es)?",
            r"fighting (?:between|with|against)",
            r"fought",
            r"gun ?battles?",
            r"firefights?",
            r"exchange of fire",
            r"exchanged fire",
            r"ambush(?:ed)?",
            r"battles?",
            r"attacked (?:an? |the )?(?:army|military|police|rebel|base|checkpoint|position|post|convoy)\w*",
            r"repelled",
            r"repulsed",
            r"offensive",
        ),
        ("armed",),
    ),
    Rule(
        "abduction",
        VIOLENCE,
        "Abduction/forced disappearance",
        _words(r"abduct(?:ed|ion|s)?", r"kidnap(?:ped|ping|s)?", r"taken hostage", r"forcibly disappeared"),
    ),
    Rule("sexual", VIOLENCE, "Sexual violence", _words(r"rap(?:ed|e)", r"sexual violence", r"sexually assaulted")),
    Rule(
        "protest-force",
        PROTESTS,
        "Excessive force against protesters",
        _words(r"(?:opened fire|fired live (?:ammunition|rounds)|shot dead|killed|killing)"),
        ("crowd", "force"),
    ),
    Rule(
        "violent-demo",
        RIOTS,
        "Violent demonstration",
        _words(
            r"threw (?:stones|rocks|petrol bombs|molotov)",
            r"hurled (?:stones|rocks)",
            r"torched",
            r"set (?:fire|ablaze)",
            r"burn(?:ed|ing|t) tyres",
            r"vandali[sz]ed",
            r"rioting",
            r"rioters",
            r"clashed with (?:police|security forces)",
        ),
        ("crowd",),
    ),
    Rule("mob", RIOTS, "Mob violence", _words(r"mob", r"lynch(?:ed|ing)", r"vigilantes?")),
    Rule(
        "protest-intervention",
        PROTESTS,
        "Protest with intervention",
        _words(
            r"dispers(?:ed|e)", r"tear ?gas", r"water cannons?", r"arrested", r"detained", r"beat", r"rubber bullets"
        ),
        ("crowd", "force"),
    ),
    Rule(
        "protest",
        PROTESTS,
        "Peaceful protest",
        _words(
            r"protest(?:ed|ers|ors|s)?",
            r"demonstrat(?:ed|ion|ions|ors)",
            r"rall(?:y|ies|ied)",
            r"marched",
            r"sit-ins?",
            r"general strike",
            r"went on strike",
            r"vigil",
        ),
    ),
    Rule(
        "civilians",
        VIOLENCE,
        "Attack",
        _words(
            r"killed",
            r"shot dead",
            r"shot",
            r"executed",
            r"massacred?",
            r"stabbed",
            r"beaten",
            r"attacked",
            r"tortured",
            r"opened fire on",
            r"gunned down",
            r"murdered",
            r"burned alive",
        ),
        ("civilians",),
    ),
    Rule(
        "agreement",
        STRATEGIC,
        "Agreement",
        _words(
            r"cease-?fire",
            r"truce",
            r"peace (?:deal|agreement|accord)",
            r"signed an? (?:agreement|deal)",
            r"prisoner (?:exchange|swap)",
            r"reached an? (?:agreement|deal)",
        ),
    ),
    Rule(
        "arrests",
        STRATEGIC,
        "Arrests",
        _words(r"arrested", r"detained", r"rounded up", r"arrests?", r"detention of"),
        ("armed",),
    ),
    Rule(
        "looting",
        STRATEGIC,
        "Looting/property destruction",
        _words(
            r"looted",
            r"looting",
            r"pillag(?:ed|ing)",
            r"ransacked",
            r"torched",
            r"burn(?:ed|t) down",
            r"demolished",
            r"razed",
        ),
    ),
    Rule(
        "disrupted",
        STRATEGIC,
        "Disrupted weapons use",
        _words(r"defused", r"intercepted", r"shot down", r"weapons cache", r"dismantled an? (?:IED|bomb)"),
    ),
    Rule(
        "base",
        STRATEGIC,
        "Headquarters or base established",
        _words(r"(?:established|set up) (?:a |an )?(?:new )?(?:base|headquarters|outpost)"),
    ),
    Rule(
        "group-change",
        STRATEGIC,
        "Change to group/activity",
        _words(
            r"merged",
            r"announced the formation",
            r"defected",
            r"joined forces",
            r"dissolved",
            r"changed its name",
            r"pledged allegiance",
            r"recruit(?:ed|ing|ment)",
        ),
    ),
)

_BACKGROUND = _words(
    r"since",
    r"began",
    r"anniversary",
    r"years? ago",
    r"last year",
    r"in (?:19|20)\d\d",
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) (?:19|20)\d\d",
)
_DENIAL = _words(
    r"denied",
    r"denies",
    r"deny",
    r"no sign of",
    r"false reports?",
    r"accused of",
    r"allegedly",
    r"alleged",
    r"said to have",
)
_HEDGE = re.compile(
    r"\b(?:will|would|could|might|may|can|to|of|soon|threatened to|plans? to|vowed to|if)\s+$", re.IGNORECASE
)
_CIVILIAN_VICTIMS = frozenset({"civilians"})
_CROWDS = frozenset({"protesters", "rioters"})


def _hedged(text: str, start: int) -> bool:
    """A trigger right after a modal, "to" or "accused of" foresees or alleges, it does not report."""
    return bool(_HEDGE.search(text[max(0, start - 25) : start]))


def _first_trigger(rule: Rule, text: str) -> re.Match[str] | None:
    return next((m for m in rule.trigger.finditer(text) if not _hedged(text, m.start())), None)


def _territory_sub_type(sentence: Sentence, trigger: re.Match[str], armed: Sequence[ActorMention]) -> str:
    """Who gained the ground decides: the actor before the verb, or the other side when the verb is a loss."""
    at = sentence.start + trigger.start()
    before = [a for a in armed if a.start < at]
    after = [a for a in armed if a.start >= at]
    if _LOSER_VERBS.fullmatch(trigger.group()):
        loser = before[-1] if before else None
        gainers = [
            a
            for a in (after if trigger.group().lower() == "fell to" else armed)
            if loser is None or a.actor_id != loser.actor_id
        ]
        winner = gainers[0] if gainers else None
    else:
        winner = before[-1] if before else (after[0] if after else None)
    if winner is not None and winner.actor_type == _STATE:
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _meets(rule: Rule, armed: Sequence[ActorMention], kinds: frozenset[str]) -> bool:
    for need in rule.needs:
        if need == "armed" and not armed:
            return False
        if need == "civilians" and not kinds & _CIVILIAN_VICTIMS:
            return False
        if need == "crowd" and not kinds & _CROWDS:
            return False
        if need == "force" and not any(a.actor_type == _STATE for a in armed) and "police" not in kinds:
            return False
    return True


def _classify(sentence: Sentence, actors: Sequence[ActorMention]) -> tuple[Rule, str] | None:
    text = sentence.text
    if _BACKGROUND.search(text) or _DENIAL.search(text):
        return None
    armed = [a for a in actors if a.actor_type in _ARMED_TYPES]
    kinds = frozenset(a.actor_type for a in actors)
    for rule in RULES:
        if not _meets(rule, armed, kinds):
            continue
        trigger = _first_trigger(rule, text)
        if trigger is None:
            continue
        if rule.name == "territory":
            return rule, _territory_sub_type(sentence, trigger, armed)
        return rule, rule.sub_event_type
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
    fighting = sorted((a for a in actors if not a.is_reporting_source), key=lambda a: a.start)
    events: dict[tuple[str, str, str | None], Event] = {}
    for sentence in sentences:
        in_sentence = [a for a in fighting if sentence.start <= a.start < sentence.end]
        chosen = _classify(sentence, in_sentence)
        if chosen is None:
            continue
        rule, sub_event_type = chosen
        place = _place_of(sentence, places, primary)
        key = (rule.event_type, sub_event_type, place.name if place else None)
        actor_ids = tuple(dict.fromkeys(a.actor_id for a in in_sentence))
        if key in events:
            known = events[key]
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
        else:
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
    return tuple(events.values())
