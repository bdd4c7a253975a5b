"""Event types: ACLED's taxonomy chosen sentence by sentence by rules a reader can check.

The words (:mod:`transforms.event_rules`) say what kind of act a sentence reports; who takes part decides the
event, as ACLED's codebook does: two armed sides (or an armed victim of an unnamed attacker) make a battle,
armed against unarmed or unknown victims is violence against civilians, a crowd makes a protest or a riot,
and a weapon that takes away the target's ability to respond (bombs, shells, air strikes) makes an explosion
whatever the target. The first rule in precedence order whose words appear and whose conditions hold wins.
Generic actors ("gunmen", "troops", "villagers") come from the actor dictionary, so this works without a
named group.

Some sentences yield nothing: background dated before the report ("in March 2011", "since the war began"),
denials and attributions ("denied", "claimed responsibility"), and disasters, ordinary crime and diplomacy
unless an armed group takes part. A sentence that opens with its date ("On 3 March 2021, ...") is a report
of an event, not background. A trigger right after a modal or "to" ("will soon capture", "offensive to
recapture") does not count. Territory changes look at who gained the ground: state forces of the article's
country regain territory; rebels, militias and foreign forces overtake it.

Triggers are phrases found in one pass over the article (the phrase index places and actors use). Events of
one type and sub-type at one place are one event, with the first sentence as evidence and the actors of all
its sentences.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from records import ActorMention, Event, PlaceMention, Sentence
from records.vocab import Language
from transforms.event_rules import KILLING, MARKERS, RULES, SUPERSEDES, TERRITORY_LOST, Rule
from transforms.event_words import EventWords, load_event_words
from transforms.gazetteer import PhraseIndex, fold, fold_case
from transforms.script_match import find_phrases, phrase_key

__all__ = ["classify_events"]

_STATE = "state forces"
_ARMED_TYPES = frozenset(
    {"state forces", "rebel group", "political militia", "identity militia", "external/other forces"}
)
_CIVILIANS = "civilians"
_CROWDS = frozenset({"protesters", "rioters"})
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTH_WORD = re.compile(_MONTH + "$")
_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?,?$")
# what a year used as an adjective qualifies: the next word, after any capitalised ones ("2008 Mumbai attacks")
_QUALIFIED = re.compile(r"\s+(?:[A-Z][\w-]*\s+){0,2}")
_ATTRIBUTIVE = re.compile(r"(?:the|a|an|its|their|his|her|this|that|these|those|\w+ly)$")
# where the clause a year dates begins: "retook the town, cutting a highway closed since 2012"; "lawyers
# protested against brutality that has grown since 2017"; not an apposition's comma ("bombings in Tartus,
# northwest of Damascus in 2016")
_CLAUSE_START = re.compile(
    r"[;:(]|\s[-–—]\s|,\s+(?=\w+ing\b)|\b(?:that|which|who|whom|whose|while|whereas|but|after|before)\b"
)
# "On 3 March 2021, ...", "Around 12 June (as reported), ...", "On Tuesday, ...": the report dates its event.
_OPENING_DATE = re.compile(
    r"\W*(?:(?:on|around|about|by|late on|early on|on or about|on or around|in the (?:early hours|night|"
    r"morning|evening) of|between|overnight on|from)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"|" + _MONTH + r"\s+\d{1,2}\b|"
    r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4})"
    r"|\W*on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
)
_DATING_WORDS = frozenset({"in", "since", "during", "early", "late", "mid", "until", "till", "before"})
_SUPPORTERS = re.compile(r"(?:backed|supported|aided|assisted) by\s+$|\bwith\s+$")
_HEDGES = frozenset({"will", "would", "could", "might", "may", "can", "to", "if", "threatened", "planned"})
_SPEECH = frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "reported",
        "confirmed",
        "added",
        "stated",
        "informed",
        "claimed",
        "announced",
        "spokesman",
        "spokesperson",
        "sources",
        "source",
        "officials",
        "official",
        "statement",
    }
)
_SAID_BY = re.compile(r"\b(?:confirmed|reported|announced|said|declared|pronounced)\b[\w\s]{0,12}\bby\s+(?:the\s+)?$")
_CLAUSE_END = re.compile(r"[,;]|\b(?:was|were|has been|have been)\b")
_NEXT_WORD = re.compile(r"\s+(?:the\s+(?:town|village|city|district)\s+of\s+)?(\w+)")
# "вошли в Торецк", "просунулися біля Вугледара", "repris Boulkessi": a short preposition or article may come first
_NEXT_WORD_AFTER_PREPOSITION = re.compile(r"\s+(?:\w{1,4}['’\s]+)?(\w+)")
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "commander",
        "general",
        "gen",
        "colonel",
        "col",
        "major",
        "captain",
        "chief",
        "leader",
        "president",
        "minister",
        "sheikh",
        "mullah",
        "emir",
        "imam",
        "father",
        "lieutenant",
    }
)
_ALLIED = re.compile(
    r"(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s+(?:together with|alongside|backed by|supported by|with)\s+)"
    r"(?:the\s+|their\s+|allied\s+)?"
)
_LOCALITY = frozenset({"station", "stations", "outpost", "limits", "jurisdiction", "thana", "chowki", "ps"})
_PASSIVE = frozenset({"was", "were", "been", "being", "is", "are", "got", "get"})
_PROTEST_RULES = frozenset({"protest", "protest-crowd"})
_CROWD_SIGNS = _PROTEST_RULES | {"crowd-control"}
# demonstrations (every rule that needs a crowd) and agreements: no disaster or diplomatic word makes them
# something else ("blocked the road to the summit", "the truce collapsed")
_UNDETERRED = _CROWD_SIGNS | {
    "agreement",
    "violent-demo",
    "crowd-clash",
    "crowd-violence",
    "protest-intervention",
    "protest-arrests",
    "protest-force",
    "crowd-gathered",
    "crowd-present",
}
# rules whose act is the event even when the sentence tells the actors "entered" a place to commit it
_ABUSES = frozenset({"sexual", "abduction"})
# "a non-violent demonstration", "non violent protest": the negated word is no trigger
_NEGATED = re.compile(r"(?<!\w)non[-\s]$", re.IGNORECASE)
_STRONG = frozenset(
    {
        "killed",
        "shot dead",
        "gunned down",
        "murdered",
        "beheaded",
        "hacked to death",
        "executed",
        "massacred",
        "opened fire",
        "shot and killed",
        "shot to death",
        "lynched",
        "burned alive",
        "tortured",
        "stabbed",
    }
)
_GROUND = re.compile(
    r"\W*(?:\S+\s+){0,8}?(?:town|towns|village|villages|city|cities|district|districts|area|areas|region|"
    r"territory|territories|base|bases|post|posts|position|positions|hill|hills|hilltop|airport|airbase|"
    r"checkpoint|checkpoints|neighbou?rhoods?|province|county|outpost|outposts|camp|control|ground|"
    r"countryside|border|crossing|road|highway|bridge|dam|oilfield|suburbs?|capital|stronghold|strongholds|"
    r"headquarters|island|port|valley|front|frontline|locality|localities|settlement|settlements)\b"
)
_TERRITORY_LOST = frozenset(TERRITORY_LOST)
# Gaining ground without force words: with the other side withdrawing, a non-violent transfer.
_PEACEFUL_GAIN = frozenset(
    {
        "entered",
        "entering",
        "entered into",
        "moved into",
        "took over",
        "taken over",
        "takes over",
        "taking over",
        "take over",
        "took control",
        "taken control",
        "take control",
        "taking control",
        "takes control",
        "established control",
        "established full control",
        "extended control",
        "imposed control",
        "advanced",
        "advancing",
        "advance",
        "pushed",
        "pushing",
        "marched into",
        "secured",
        "securing",
        "gained control",
        "abandoned",
        "withdrew from",
        "retreated from",
        "pulled out from",
    }
)
_KILLING = frozenset(KILLING)
_NON_EVENT_MARKERS = ("disaster", "crime", "diplomacy")
_ENGLISH = EventWords(
    triggers={rule.name: rule.triggers for rule in RULES},
    markers=MARKERS,
    killing=_KILLING,
    territory_lost=_TERRITORY_LOST,
    peaceful_gain=_PEACEFUL_GAIN,
    strong=_STRONG,
    passive=_PASSIVE,
    agent=frozenset({"by"}),
    hedges=_HEDGES,
    speech=_SPEECH,
    purpose=frozenset({"to"}),
    suffered=frozenset(),
    according=("according to", "told"),
    allied=_ALLIED,
    dating=_DATING_WORDS,
    ground=_GROUND,
    clause_end=_CLAUSE_END,
    folds=False,
    clause_start=_CLAUSE_START,
)


def _words_of(language: Language | None) -> EventWords:
    """The event words of ``language``; English (and an unknown language) read with the English rules."""
    return (load_event_words(language) if language else None) or _ENGLISH


@dataclass(frozen=True, slots=True)
class _Owners:
    """What one phrase signals: the rules it triggers and the markers it sets (split once, not per hit)."""

    rules: tuple[str, ...]
    markers: frozenset[str]


@functools.cache
def _trigger_index(words: EventWords) -> PhraseIndex[_Owners]:
    """Every trigger phrase of a language mapped to the rules and markers it belongs to (rules in
    precedence order)."""
    rules: dict[str, list[str]] = {}
    markers: dict[str, set[str]] = {}
    for rule in RULES:
        for phrase in words.triggers.get(rule.name, ()):
            rules.setdefault(fold(phrase_key(phrase)), []).append(rule.name)
    for marker, phrases in words.markers.items():
        for phrase in phrases:
            markers.setdefault(fold(phrase_key(phrase)), set()).add(marker)
    return PhraseIndex(
        (phrase, _Owners(tuple(dict.fromkeys(rules.get(phrase, ()))), frozenset(markers.get(phrase, ()))))
        for phrase in {**rules, **markers}
    )


_RULES_BY_NAME = {rule.name: rule for rule in RULES}
_RULE_ORDER = {rule.name: position for position, rule in enumerate(RULES)}


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
    """What one sentence holds: the first unhedged trigger of each rule (offset, phrase), the markers found,
    and whether it dates itself before the report."""

    triggers: dict[str, tuple[int, str]] = field(default_factory=dict)
    markers: set[str] = field(default_factory=set)
    dated: list[tuple[int, int]] = field(default_factory=list)
    denied_from: int | None = None
    references: list[tuple[int, int]] = field(default_factory=list)


def _hedged(text: str, start: int, rule_names: Sequence[str], vocabulary: EventWords) -> bool:
    """A trigger right after a modal or "to" foresees or intends ("will soon capture", "offensive to retake");
    "gathered to protest" still reports a protest."""
    words = text[max(0, start - 20) : start].lower().split()
    if not words:
        return False
    last = words[-1] if words[-1] != "soon" or len(words) < 2 else words[-2]
    last = vocabulary.key(last)
    if last in vocabulary.purpose and all(name in _PROTEST_RULES for name in rule_names):
        return False
    return last in vocabulary.hedges


def _read(
    text: str, sentences: Sequence[Sentence], names: Sequence[tuple[int, int]], vocabulary: EventWords
) -> list[_Reading]:
    readings = [_Reading() for _ in sentences]
    starts = [s.start for s in sentences]
    for year in _YEAR.finditer(text):
        slot = bisect.bisect_right(starts, year.start()) - 1
        if slot >= 0 and year.start() < sentences[slot].end:
            readings[slot].dated.extend(_dated_spans(text, year, sentences[slot], vocabulary))
    for sentence, reading in zip(sentences, readings, strict=True):
        if reading.dated and not vocabulary.folds and _OPENING_DATE.match(fold_case(sentence.text)):
            reading.dated.clear()
    hits = []
    for start, end, owners in find_phrases(_trigger_index(vocabulary), text, overlapping=True):
        slot = bisect.bisect_right(starts, start) - 1
        if slot < 0 or start >= sentences[slot].end:
            continue
        reading = readings[slot]
        if owners.markers:
            reading.markers |= owners.markers
            if "denial" in owners.markers and (reading.denied_from is None or start < reading.denied_from):
                reading.denied_from = start
            if "reference" in owners.markers:
                reading.references.append((start, _clause_end(text, end, sentences[slot].end, vocabulary)))
        if not owners.rules or (text[start].isupper() and _inside(names, start)):
            continue  # part of a name: "Free Syrian Army", "Riot police", "Storm Corps"
        if _NEGATED.search(text, max(0, start - 5), start):
            continue
        hits.append((slot, start, end, owners.rules))
    for slot, start, end, rule_names in _outermost(hits):
        reading = readings[slot]
        if reading.denied_from is not None and start > reading.denied_from:
            continue  # what a denial or an attribution is about: "denied capturing", "blamed for the attack"
        if any(low < start < high for low, high in reading.references):
            continue  # an earlier act the sentence refers to: "arrested for involvement in the blast"
        if any(low <= start < high for low, high in reading.dated):
            continue  # told as background: "clashes in 2014", "since the 2011 uprising", "a 2017 chemical attack"
        if rule_names and not _hedged(text, start, rule_names, vocabulary):
            for name in rule_names:
                known = reading.triggers.get(name)
                if known is None or start < known[0]:
                    reading.triggers[name] = (start, text[start:end].lower())
    return readings


def _inside(spans: Sequence[tuple[int, int]], at: int) -> bool:
    index = bisect.bisect_right(spans, (at, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= at < spans[index][1]


def _clause_end(text: str, at: int, limit: int, vocabulary: EventWords) -> int:
    """Where the clause that starts at ``at`` ends: the next comma, semicolon or "was/were", else 80
    characters on, within the sentence."""
    match = vocabulary.clause_end.search(text, at, min(limit, at + 80))
    return match.start() if match else min(limit, at + 80)


def _outermost(
    hits: list[tuple[int, int, int, tuple[str, ...]]],
) -> list[tuple[int, int, int, tuple[str, ...]]]:
    """Trigger hits not inside or overlapping an earlier, longer trigger: "petrol bombs" is a riot weapon, not
    a bomb; "smoke grenades" disperse a crowd; the assault of "sexual assault on women" is not an "assault
    on" a position."""
    hits.sort(key=lambda hit: (hit[1], -hit[2]))
    outer: list[tuple[int, int, int, tuple[str, ...]]] = []
    for hit in hits:
        if not outer or hit[1] >= outer[-1][2]:
            outer.append(hit)
    return outer


def _dated_spans(text: str, year: re.Match[str], sentence: Sentence, vocabulary: EventWords) -> list[tuple[int, int]]:
    """What a year puts in the background: after "in", "since" or a bare month ("in March 2011", "since
    2014"), its own clause and the rest of the sentence, so "protesters took to the streets in 2011" and "in
    2011, protesters took to the streets" are background while "retook the town on Thursday, cutting a
    highway closed since 2012" reports the retaking; as an adjective ("a deadly 2017 chemical attack"), the
    words it qualifies. A full date ("3 March 2021", "March 3, 2021") dates the event itself."""
    words = text[max(0, year.start() - 30) : year.start()].lower().split()
    if not words:
        return []
    if not vocabulary.folds and _MONTH_WORD.match(words[-1]):
        if len(words) > 1 and _DAY.match(words[-2]):
            return []
    elif vocabulary.key(words[-1]) not in vocabulary.dating:
        if vocabulary.folds or not _ATTRIBUTIVE.match(words[-1]):
            return []  # "2000 protesters", "about 2010 people": a count
        qualified = _QUALIFIED.match(text, year.end(), sentence.end)
        return [(year.start(), qualified.end() + 1)] if qualified else []
    clauses = [m.end() for m in vocabulary.clause_start.finditer(text, sentence.start, year.start())]
    return [(clauses[-1] if clauses else sentence.start, sentence.end)]


def _territory_sub_type(at: int, phrase: str, scene: _Scene) -> str | None:
    """Who gained the ground decides: the actor right before the verb (passing over supporters, "backed by
    ATMIS"), or the other side when the verb is a loss. None when the gainer is not armed ("protesters
    stormed the consulate")."""
    actors, text = scene.actors, scene.text
    before = [a for a in actors if a.start < at]
    after = [a for a in actors if a.start >= at]
    if scene.words.key(phrase) in scene.words.territory_lost:
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


@dataclass(frozen=True, slots=True)
class _Scene:
    """Who is in one sentence and what the article around it holds, for the rules' conditions."""

    text: str
    sentence: Sentence
    actors: tuple[ActorMention, ...]
    markers: frozenset[str]
    everyone: frozenset[str]
    political: bool
    places: tuple[PlaceMention, ...]
    rules: frozenset[str]
    demonstration: bool
    words: EventWords


def _bystander(text: str, actor: ActorMention, vocabulary: EventWords) -> bool:
    """The actor reports or names a place rather than acts: "police said", "according to the army", "under
    Panki Police Station" (an Indian locality)."""
    after = text[actor.end : actor.end + 30].lower().split()
    before = text[max(0, actor.start - 25) : actor.start].lower()
    said = [vocabulary.key(word.strip(",.;:'\"«»")) for word in after[:2]]
    if said and (said[0] in vocabulary.speech or " ".join(said) in vocabulary.speech):
        return True
    if vocabulary.key(before).rstrip().endswith(vocabulary.according) or (
        not vocabulary.folds and _SAID_BY.search(before)
    ):
        return True
    if not after or after[0].strip(",.") not in _LOCALITY:
        return False
    named = before.rstrip().rsplit(" ", 1)[-1:]  # "the Chintalnar Police station area": a place's name
    proper = bool(named) and text[actor.start - len(named[0]) - 1 : actor.start].strip()[:1].isupper()
    return "under " in before or proper or bool({"area", "limits", "jurisdiction"} & set(after[1:3]))


def _two_sides(text: str, actors: Sequence[ActorMention], allied: re.Pattern[str]) -> bool:
    """State forces facing a non-state armed group, or two different non-state armed groups. Actors named
    together ("Malian troops and Wagner fighters", "backed by") are one side."""
    sides: list[set[ActorMention]] = []
    previous: ActorMention | None = None
    for actor in (a for a in actors if a.actor_type in _ARMED_TYPES):
        if previous is not None and allied.fullmatch(text, previous.end, actor.start):
            sides[-1].add(actor)
        else:
            sides.append({actor})
        previous = actor
    kinds = [(frozenset(a.actor_type == _STATE for a in side), frozenset(a.actor_id for a in side)) for side in sides]
    return any(
        (states_a != states_b or not ids_a & ids_b)
        for index, (states_a, ids_a) in enumerate(kinds)
        for states_b, ids_b in kinds[index + 1 :]
        if not (states_a == states_b == frozenset({True}))
    )


def _passive(text: str, at: int, vocabulary: EventWords) -> bool:
    words = text[max(0, at - 24) : at].lower().split()
    return any(vocabulary.key(word) in vocabulary.passive for word in words[-2:])


def _agent_first(text: str, vocabulary: EventWords) -> bool:
    """``text`` (what lies between a verb and an actor) starts with "by": the actor is the doer."""
    return vocabulary.key(text.lower()).lstrip().startswith(tuple(vocabulary.agent))


def _armed_victim(at: int, phrase: str, scene: _Scene) -> bool:
    """An armed actor on the receiving end ("killed two soldiers", "a policeman was shot dead", "an attack on
    an army post"): an unnamed attacker makes the second side of a battle."""
    armed = [a for a in scene.actors if a.actor_type in _ARMED_TYPES]
    if not armed:
        return False
    words = scene.words
    if (
        words.key(phrase) not in words.killing
        and not any(a.actor_type == _CIVILIANS for a in scene.actors)
        and not scene.markers & {"soft-target", "victims"}
    ):
        return True  # an armed group's assault with no one unarmed named is fighting; a killing needs a victim
    end = at + len(phrase)
    if words.key(phrase) in words.suffered or _passive(scene.text, at, words):
        return any(a.end <= at and not _agent_first(scene.text[end : a.start], words) for a in armed)
    return any(
        a.start >= end and not words.agent & set(words.key(scene.text[end : a.start].lower()).split()) for a in armed
    )


def _crowd_acts(at: int, phrase: str, scene: _Scene) -> bool:
    """Protesters or rioters are the doers: named right before an active verb, or after a passive one's
    "by"."""
    crowd = [a for a in scene.actors if a.actor_type in _CROWDS]
    if not crowd:
        return False
    end = at + len(phrase)
    if _passive(scene.text, at, scene.words):
        return any(
            a.start >= end and scene.text[end : a.start].lower().split()[:1] in ([w] for w in scene.words.agent)
            for a in crowd
        )
    doers = [a for a in scene.actors if a.end <= at]
    return bool(doers) and doers[-1].actor_type in _CROWDS


def _ground_follows(at: int, phrase: str, scene: _Scene) -> bool:
    """The object of a seizing verb is ground (a town, a base, a named place), not arms or people."""
    end = at + len(phrase)
    words = scene.words
    if words.key(phrase) in words.territory_lost:
        return True
    if _passive(scene.text, at, words):  # "arms were seized by troops": what was seized comes before the verb
        return bool(words.ground.match(_lowered(scene.text[max(scene.sentence.start, at - 50) : at], words)))
    if words.ground.match(_lowered(scene.text[end : end + 60], words)):
        return True
    if _named_object(end, scene):
        return True
    return any(end <= p.start < end + 40 and p.precision != "country" for p in scene.places)


def _lowered(text: str, vocabulary: EventWords) -> str:
    """``text`` folded the way the language's ground words are: case only for English."""
    return vocabulary.key(text) if vocabulary.folds else fold_case(text)


def _named_object(end: int, scene: _Scene) -> bool:
    """The verb's object is a proper name that is not an actor or a person's title: "retook Boulkessi"."""
    pattern = _NEXT_WORD_AFTER_PREPOSITION if scene.words.folds else _NEXT_WORD
    match = pattern.match(scene.text, end, scene.sentence.end)
    if match is None or not match.group(1)[:1].isupper() or match.group(1).lower() in _TITLES:
        return False
    return not any(a.start == match.start(1) for a in scene.actors)


def _meets(need: str, at: int, phrase: str, scene: _Scene) -> bool:
    """Whether a rule's condition (see :class:`transforms.event_rules.Rule`) holds in this sentence."""
    actors = scene.actors
    types = {a.actor_type for a in actors}
    if need == "armed":
        return bool(types & _ARMED_TYPES)
    if need == "sides":
        return _two_sides(scene.text, actors, scene.words.allied) or _armed_victim(at, phrase, scene)
    if need == "unarmed":
        return not (_two_sides(scene.text, actors, scene.words.allied) or _armed_victim(at, phrase, scene))
    if need == "party":
        return bool(actors) or "harm" in scene.markers or scene.words.key(phrase) in scene.words.strong
    if need == "civilians":
        return _CIVILIANS in types or "victims" in scene.markers
    if need == "crowd":
        return bool(scene.everyone & _CROWDS) or bool(scene.rules & _CROWD_SIGNS)
    if need == "demonstration":
        return bool(scene.everyone & _CROWDS) or scene.demonstration
    if need == "crowd-here":
        return bool(types & _CROWDS) or bool(scene.rules & _CROWD_SIGNS)
    if need == "no-crowd-here":
        return not types & _CROWDS
    if need == "crowd-agent":
        return _crowd_acts(at, phrase, scene)
    if need == "fired":
        return "went-off" in scene.markers
    if need == "facility":
        return "facility" in scene.markers
    if need == "force":
        return _STATE in scene.everyone
    if need == "used":  # weapons found and nothing said to go off: "recovered two grenades"
        return not {"found", "weapons"} <= scene.markers or "went-off" in scene.markers
    if need == "found":
        return "found" in scene.markers and "weapons" in scene.markers
    if need == "political":
        return scene.political and "crime" not in scene.markers
    if need == "territory":
        return _ground_follows(at, phrase, scene)
    return any(a.start > at and a.actor_type in _ARMED_TYPES for a in actors)  # "recipient"


def _peaceful(phrase: str, vocabulary: EventWords) -> bool:
    return vocabulary.key(phrase) in vocabulary.peaceful_gain


def _handed_over(reading: _Reading, scene: _Scene) -> bool:
    """Ground changed hands because the other side left ("entered the town after the garrison withdrew"),
    with no fighting or casualties told: ACLED's non-violent transfer of territory."""
    fought = {"clash", "attack-armed", "attack", "air", "shelling", "ied", "blast"} & reading.triggers.keys()
    peaceful = "nonviolent-transfer" in reading.triggers or _peaceful(reading.triggers["territory"][1], scene.words)
    return peaceful and "withdrawal" in scene.markers and "harm" not in scene.markers and not fought


def _classify(reading: _Reading, scene: _Scene) -> tuple[Rule, str] | None:
    for name in sorted(reading.triggers, key=_RULE_ORDER.__getitem__):
        rule = _RULES_BY_NAME[name]
        at, phrase = reading.triggers[name]
        if not all(_meets(need, at, phrase, scene) for need in rule.needs):
            continue
        if rule.name == "territory" and _ABUSES & reading.triggers.keys() and _peaceful(phrase, scene.words):
            continue  # "troops entered a village and raped ...": the abuse is the event, not the ground
        if rule.name != "territory":
            return rule, rule.sub_event_type
        sub_type = _territory_sub_type(at, phrase, scene)
        if sub_type is not None and _handed_over(reading, scene):
            return _RULES_BY_NAME["nonviolent-transfer"], "Non-violent transfer of territory"
        if sub_type is not None:
            return rule, sub_type
    return None


def _within(places: Sequence[PlaceMention], starts: Sequence[int], sentence: Sentence) -> tuple[PlaceMention, ...]:
    return tuple(places[bisect.bisect_left(starts, sentence.start) : bisect.bisect_left(starts, sentence.end)])


def _not_an_event(reading: _Reading, actors: Sequence[ActorMention], rule: Rule) -> bool:
    """Background never is; disasters, crime and diplomacy are not unless a non-state armed group or a
    crowd takes part (state forces attend disasters and arrest thieves; a mob lynching a thief is a riot),
    or, for disasters and diplomacy, a weapon or an assault is told, or the event is a demonstration or an
    agreement."""
    if "background" in reading.markers:
        return True
    if not reading.markers.intersection(_NON_EVENT_MARKERS):
        return False
    if any(a.actor_type in _ARMED_TYPES | _CROWDS and a.actor_type != _STATE for a in actors):
        return False
    if "crime" in reading.markers:
        return True
    # a disaster next to an assault ("a drone attack set an oil depot on fire") is still an event, and so is
    # a diplomatic word next to a weapon ("rockets hit near the embassy") or a protest ("rallied outside the
    # embassy"); a protest with a fire or a flood of marchers is still a protest, and a truce that "collapsed"
    # or was reached "in talks with" diplomats is still an agreement
    if rule.name in _UNDETERRED:
        return False
    if "disaster" in reading.markers:
        return "assault" not in reading.markers
    return "weapons" not in reading.markers


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
    text: str | None = None,
    language: Language | None = None,
) -> tuple[Event, ...]:
    """ACLED-style events of a report, each with its evidence sentence and the rule that chose it.

    Args:
        sentences: ``split_sentences(text)``.
        actors: ``find_actors(text, ...)``; reporting sources are ignored.
        places: mentions from ``resolve_places``; an event is placed at its sentence's place.
        primary: the article's primary location, used when a sentence names none.
        text: the text the sentences were split from, when the caller has it: its normalised copy is then
            shared with places and actors instead of rebuilt.
        language: the report's language, which chooses the trigger words (``data/events/<code>.toml``);
            English when not given.

    Returns:
        One event per (type, sub-type, place), in the order of their first evidence sentence.
    """
    if not sentences:
        return ()
    text = _text_of(sentences) if text is None else text
    vocabulary = _words_of(language)
    readings = _read(text, sentences, sorted((a.start, a.end) for a in actors), vocabulary)
    fighting = sorted((a for a in actors if not a.is_reporting_source), key=lambda a: a.start)
    starts = [a.start for a in fighting]
    everyone = frozenset(a.actor_type for a in fighting)
    political = bool(everyone & (_CROWDS | (_ARMED_TYPES - {_STATE}))) or any(
        "political" in r.markers for r in readings
    )
    demonstration = any(r.triggers.keys() & _PROTEST_RULES for r in readings)
    place_starts = [p.start for p in places]
    events: dict[tuple[str, str, str | None], Event] = {}
    for sentence, reading in zip(sentences, readings, strict=True):
        if not reading.triggers:
            continue
        in_sentence = tuple(
            a
            for a in fighting[bisect.bisect_left(starts, sentence.start) : bisect.bisect_left(starts, sentence.end)]
            if not _bystander(text, a, vocabulary)
        )
        scene = _Scene(
            text,
            sentence,
            in_sentence,
            frozenset(reading.markers),
            everyone,
            political,
            _within(places, place_starts, sentence),
            frozenset(reading.triggers),
            demonstration,
            vocabulary,
        )
        chosen = _classify(reading, scene)
        if chosen is None or _not_an_event(reading, in_sentence, chosen[0]):
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
    """Drop events a more telling sub-type at the same place replaces, keeping their actors: ACLED codes one
    demonstration by its most violent moment, so a march with scuffles is a violent demonstration."""
    kept = dict(events)
    for (event_type, sub_type, place), event in events.items():
        stronger = [key for key in kept if key[2] == place and key[1] in SUPERSEDES.get(sub_type, "")]
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
