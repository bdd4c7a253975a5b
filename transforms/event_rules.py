"""The words of conflict reporting that signal an ACLED event, in the order ACLED's precedence rules apply them.

Each :class:`Rule` lists its trigger phrases in every voice a reporter uses them: active ("gunmen attacked"),
passive ("was attacked", "were shot dead") and nominal ("an attack on", "clashes between", "the ambush").
Conditions (``needs``) name what the sentence's participants must be, because ACLED separates events by who
faces whom, not by the verb: fighting between two armed sides is a battle, the same verb against unarmed
people is violence against civilians, and a crowd makes it a protest or a riot.

:data:`MARKERS` are phrases that are not events themselves but change how a sentence reads: background (no
event), denials and attributions (nothing after them counts), references to an earlier act ("arrested for
involvement in the blast": the blast is not this sentence's event), disasters, ordinary crime and diplomacy
(no event unless an armed group is involved), weapons found rather than used, blasts that say a device went
off, casualties, soft targets (a village, a market, a bus), bases, withdrawals and political context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from records import EventType

__all__ = [
    "BATTLES",
    "EXPLOSIONS",
    "KILLING",
    "MARKERS",
    "PROTESTS",
    "RIOTS",
    "RULES",
    "STRATEGIC",
    "TERRITORY_LOST",
    "VIOLENCE",
    "Rule",
    "forms",
]

BATTLES: EventType = "Battles"
EXPLOSIONS: EventType = "Explosions/Remote violence"
VIOLENCE: EventType = "Violence against civilians"
PROTESTS: EventType = "Protests"
RIOTS: EventType = "Riots"
STRATEGIC: EventType = "Strategic developments"


@dataclass(frozen=True, slots=True)
class Rule:
    """Trigger phrases (whole words, any case) and the event they signal when the rule's ``needs`` hold.

    ``needs`` (all must hold; see ``events._meets``):

    * ``armed`` an armed actor in the sentence; ``sides`` two armed sides, an armed victim ("killed two
      soldiers"), or an armed group assaulting no one unarmed (no civilians, village, market or bus named:
      that is fighting); ``unarmed`` the opposite; ``party`` someone acts or suffers (an actor, a casualty
      word or a strongly violent verb); ``civilians`` civilians named;
    * ``crowd`` protesters or rioters in the article, or a protest word in the sentence; ``crowd-here``
      protesters, rioters or a protest word in the sentence; ``no-crowd-here`` none there; ``demonstration`` protesters,
      rioters or a protest word anywhere in the article; ``crowd-agent`` protesters or rioters do it
      ("protesters stormed", "was attacked by demonstrators"); ``force`` state forces in the article;
    * ``recipient`` an armed actor named after the trigger; ``territory`` the object of the verb is ground
      ("seized the town", not "seized arms"); ``facility`` a base, post or camp named;
    * ``used`` a weapon used, not found ("recovered two grenades"); ``fired`` a word says it went off or
      hit; ``found`` weapons found or made safe;
    * ``political`` an armed group, a crowd or political words in the article (ordinary crime is not an
      ACLED event).
    """

    name: str
    event_type: EventType
    sub_event_type: str
    triggers: tuple[str, ...]
    needs: tuple[str, ...] = ()


def forms(*stems: str) -> tuple[str, ...]:
    """Phrases with ``{a|b}`` alternatives expanded: ``"air{strike|strikes}"`` -> airstrike, airstrikes."""
    out: list[str] = []
    for stem in stems:
        match = re.search(r"\{([^}]*)\}", stem)
        if match is None:
            out.append(stem)
            continue
        for option in match.group(1).split("|"):
            out.extend(forms(stem[: match.start()] + option + stem[match.end() :]))
    return tuple(out)


TERRITORY_GAINED = forms(
    "{took|taken|take|taking|takes|wrested|wrest|gained|regained|seized|seize|seizes|seizing} control",
    "{seized|seize|seizes|seizing}",
    "{captured|capture|captures|capturing|recaptured|recapture|recaptures|recapturing}",
    "{overrun|overruns|overrunning}",
    "{retook|retaken|retake|regained|overran|overrun|liberated|liberation of}",
    "storm {through|into}",
    "storming {through|into}",
    "gained {significant |}ground",
    "advanced {into|on}",
    "{took|taken|take|taking|takes} over",
    "{freed|free|freeing|liberated|liberate|liberating|cleared|clearing|secured|securing}",
    "{established|establish|restored|restore|imposed|extended|regained|gained} {full |}control",
    "{advanced|advancing|advance|pushed|pushing|entered|entering|entered into|marched into|moved into}",
    "{drove|driven} out",
    "{pushed|drove|driven} back",
    "{expelled|ousted|cleared} {the|} {militants|rebels|insurgents|jihadists|fighters} from",
)
TERRITORY_LOST = forms(
    "routed", "fell to", "lost control", "were driven out", "{withdrew|retreated|pulled out} from", "abandoned"
)

KILLING = forms(
    "{killed|kill|kills}",
    "killing",
    "killings",
    "{shot|shot dead|shot and killed|shot to death|gunned down|shooting|shootings|shoot|shoots|guns down}",
    "{executed|execute|executes}",
    "{massacred|massacre|massacres}",
    "{murdered|murder|murders}",
    "hacked to death",
    "{beheaded|beheading|behead|beheads|slit the throat|slit his throat}",
    "lynched",
    "burned alive",
    "{stabbed|stabbing}",
    "{beat|beaten|beating} {up|to death|}",
    "{tortured|torture}",
    "bludgeoned",
)
_ATTACK = forms(
    "{attacked|attack|attacks|attacking}",
    "{assaulted|assault}",
    "{targeted|targeting}",
    "opened fire",
    "open fire",
    "{fired|firing} {at|on|upon|into|indiscriminately}",
    "indiscriminate firing",
    "{stormed|storming|storm|storms}",
    "{injured|wounded|injuring|wounding|injure|injures|wound|wounds}",
    "{came|come|comes|coming} under {attack|fire|gunfire}",
    "under attack",
)

RULES: tuple[Rule, ...] = (
    Rule(
        "chemical",
        EXPLOSIONS,
        "Chemical weapon",
        forms(
            "chlorine {attack|attacks|gas|bombs|barrel bombs}",
            "sarin",
            "chemical {attack|attacks|weapon|weapons|agent|agents|strike|strikes}",
            "{gas|poison gas|toxic gas} {attack|attacks}",
            "nerve agent",
            "mustard gas",
            "{poison|poisonous|toxic|chlorine} gas",
            "{poisonous|toxic} {gas|substance|chemicals} {was|were} used",
        ),
    ),
    Rule(
        "suicide",
        EXPLOSIONS,
        "Suicide bomb",
        forms(
            "suicide {bomb|bombs|bomber|bombers|bombing|bombings|attack|attacks|attacker|attackers|car bomb|vest|"
            "vests|belt|belts|blast|explosion|truck bomb}",
            "{blew|blowing} {himself|herself|themselves} up",
            "detonated {his|her|their} {explosive|explosives|vest|belt}",
            "SVBIED",
            "VBIED",
            "self immolation attack",
        ),
    ),
    Rule(
        "nonviolent-transfer",
        STRATEGIC,
        "Non-violent transfer of territory",
        forms(
            "handed over {control|the town|the city|the area|positions}",
            "ceded",
            "without {a fight|fighting|resistance|a shot|bloodshed|clashes}",
            "took over {without|peacefully}",
        ),
        ("recipient",),
    ),
    Rule(
        "territory", BATTLES, "Government regains territory", TERRITORY_GAINED + TERRITORY_LOST, ("armed", "territory")
    ),
    Rule(
        "air",
        EXPLOSIONS,
        "Air/drone strike",
        forms(
            "air{strike|strikes|raid|raids|stike}",
            "air {strike|strikes|raid|raids|attack|attacks|bombardment|bombing|bombings}",
            "aerial {bombardment|bombing|attack|attacks}",
            "drone {strike|strikes|attack|attacks}",
            "war{plane|planes|jets}",
            "war {plane|planes}",
            "fighter jets",
            "barrel {bomb|bombs}",
            "helicopter {gunship|gunships}",
            "{kamikaze|armed|attack|combat} {drone|drones}",
            "{drone|drones|jets|aircraft|planes|helicopters} {hit|struck|targeted|bombed|pounded|attacked|"
            "destroyed|raided|strafed|shelled}",
            "bombed from the air",
            "pounded from the air",
            "{bombed|bombing|pounded} by {jets|aircraft|planes|warplanes}",
        ),
    ),
    # aircraft and drones named as what hit or fired ("un drone a frappé"): triggers only in the language files
    Rule("air-fired", EXPLOSIONS, "Air/drone strike", (), ("fired",)),
    Rule(
        "ied",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        forms(
            "IED",
            "IEDs",
            "IED blast",
            "{roadside|pressure|car|truck|parcel|sticky|magnetic|time|tiffin|cane|can|pipe|crude|country made|"
            "motorcycle|bicycle} {bomb|bombs}",
            "{landmine|landmines|land mine|land mines|mine blast|mine explosion}",
            "{explosive|explosives} {device|devices}",
            "improvised explosive",
            "{bomb|bombs|device|explosives} {exploded|went off|blast|blasts|explosion|explosions|detonated}",
            "booby {trap|trapped|traps}",
            "{detonated|triggered|set off}",
            "{blew|blown|blowing|blow} up",
            "{bombing|bombings|bomb attack|bomb attacks|bomb blast|bomb blasts}",
            "{bombed}",
        ),
        ("used",),
    ),
    Rule("grenade", EXPLOSIONS, "Grenade", forms("{grenade|grenades}", "RPG", "RPGs"), ("used",)),
    Rule(
        "shelling",
        EXPLOSIONS,
        "Shelling/artillery/missile attack",
        forms(
            "{shelled|shelling|shells|shell}",
            "artillery {fire|strike|strikes|shell|shells|barrage|attack}",
            "{mortar|mortars} {fire|round|rounds|shell|shells|attack|attacks|bomb|bombs|hit|struck|landed}",
            "{fired|launched|lobbed} {mortar|mortars|rockets|rocket|missiles|missile|shells}",
            "{rocket|rockets|missile|missiles} {hit|struck|landed|slammed|attack|attacks|strike|strikes|fire|"
            "barrage|fell}",
            "tank {fire|shell|shells|shelling|attack|attacks|rounds}",
            "tanks {attacked|fired|fired on|shelled|pounded|opened fire}",
            "{missile|rocket} {attack|strike}",
            "bombardment",
            "{bombarded|bombarding|pounded|pounding}",
            "bombs {fell|rained|rain}",
            "cross border firing",
            "ceasefire violation",
            "ceasefire violations",
        ),
        ("used",),
    ),
    Rule(
        "weapon-fired",
        EXPLOSIONS,
        "Shelling/artillery/missile attack",
        forms("{rocket|rockets|missile|missiles|mortar|mortars|artillery|shell|shells|projectile|projectiles}"),
        ("fired",),
    ),
    Rule(
        "bomb-used",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        forms("{bomb|bombs|explosive|explosives|device|devices}"),
        ("fired",),
    ),
    Rule(
        "blast",
        EXPLOSIONS,
        "Remote explosive/landmine/IED",
        forms("{blast|blasts|explosion|explosions|exploded|explode|detonation}"),
        ("used", "party"),
    ),
    Rule(
        "agreement",
        STRATEGIC,
        "Agreement",
        forms(
            "{ceasefire|cease fire|truce}",
            "peace {deal|agreement|accord|talks|treaty}",
            "signed {an agreement|a deal|a peace|an accord}",
            "prisoner {exchange|exchanges|swap|swaps}",
            "{exchange|exchanged|swap|swapped} {prisoners|detainees|bodies}",
            "reached {an agreement|a deal|an accord}",
            "agreed {a|to a} {ceasefire|truce|deal}",
            "{released|freed} {prisoners|detainees|hostages}",
            "{prisoners|detainees|hostages|captives} {were|was|have been|had been} {released|freed|exchanged|swapped}",
            "{peace|ceasefire|truce} {talks|negotiations|plan|process|initiative|deal|pact|roadmap}",
            "{signed|sign|signing|agreed|agree|agreeing|accepted|accept} {a|an|the|to} {deal|agreement|accord|pact|"
            "ceasefire|truce|memorandum|peace|settlement|cessation|humanitarian pause}",
            "{cessation of hostilities|humanitarian pause|humanitarian corridor|de escalation zone|de escalation "
            "agreement|evacuation deal|reconciliation deal|settlement deal}",
        ),
    ),
    Rule(
        "violent-demo",
        RIOTS,
        "Violent demonstration",
        forms(
            "{threw|throw|throws|hurled|hurl|hurls|throwing|hurling|pelted|pelting} {stones|rocks|bricks|"
            "petrol bombs|molotov cocktails|a molotov cocktail|a petrol bomb|"
            "bottles|objects|firebombs}",
            "stone {pelting|throwing}",
            "{torched|set fire|set ablaze|set on fire}",
            "{petrol bomb|petrol bombs|molotov cocktail|molotov cocktails|firebombs|fire bombs}",
            "{burned|burning|burnt} {tyres|tires}",
            "{vandalised|vandalized|vandalising|vandalizing|ransacked}",
            "{rioting|riot|riots|rioted}",
            "{scuffled|scuffles|scuffle|smashed|smashing}",
            "turned violent",
            "violent {protest|protests|protesters|demonstration|demonstrations|demonstrators|clashes}",
            "{descended|degenerated|spiralled|spiraled|escalated} into violence",
            "violence {erupted|broke out|flared}",
            "{outbreak|outbreaks} of violence",
            # ACLED codes road-blocking by demonstrators as a violent demonstration
            "{blocked|blockaded|blocking|barricaded} {the|a|} {road|roads|highway|highways|street|streets|railway|"
            "railways|rail tracks}",
            "broke into",
            "removed the {fences|barricades}",
            "tore down",
        ),
        ("demonstration",),
    ),
    Rule(
        "crowd-clash",
        RIOTS,
        "Violent demonstration",
        forms("{clashed|clashes|clash|clashing|fought|skirmished|brawled}"),
        ("crowd-here",),
    ),
    Rule(
        "crowd-violence",
        RIOTS,
        "Violent demonstration",
        forms(
            "{attacked|attacking|stormed|storming|assaulted|beat|injured|burned|burnt|damaged|looted|blocked}",
            "{rampaged|rampage|went on the rampage|broke windows|smashed windows|set upon}",
        ),
        ("crowd-agent",),
    ),
    Rule(
        "protest-force",
        PROTESTS,
        "Excessive force against protesters",
        forms(
            "opened fire",
            "{fired|firing} {live ammunition|live rounds|on protesters|on demonstrators|into the crowd|on the crowd}",
            "live ammunition",
            "shot dead",
            "killed",
            "killing",
            "{shot|beat|beaten|beating|wounded|injured}",
            "attacked",
            "crackdown",
            "violent dispersal",
            "violently {suppressed|suppress|suppressing|dispersed|disperse|dispersing|broke up|crushed}",
            "excessive force",
        ),
        ("crowd-here", "force"),
    ),
    Rule(
        "mob",
        RIOTS,
        "Mob violence",
        forms(
            "{lynched|lynching|lynch}",
            "mob {attack|attacked|violence|justice}",
            "{vigilante|vigilantes|vigilantism}",
            "communal {clash|clashes|violence|riot|riots}",
            "{sectarian|ethnic} {clashes|riots|violence}",
        ),
    ),
    Rule(
        "clash",
        BATTLES,
        "Armed clash",
        forms(
            "{clash|clashes|clashed|clashing}",
            "{fighting|fought|fight|fights}",
            "{fierce|heavy} fighting",
            "{gun battle|gun battles|gunbattle|gunbattles|gunfight|gunfights|firefight|firefights|shootout|"
            "shoot out|encounter|encounters}",
            "{exchange|exchanges|exchanged|exchanging} {of fire|fire|gunfire|of gunfire}",
            "{fire|gunfire} exchange",
            "{ambush|ambushed|ambushes|ambushing}",
            "{battle|battles|battled|battling}",
            "{repelled|repulsed|foiled} {an|the|a}",
            "counter {attack|attacks|offensive}",
            "{offensive|assault} on",
            "{engaged|engaging} {militants|rebels|insurgents|troops|the enemy}",
            "heavy firing",
            "retaliated",
            "returned fire",
        ),
        ("armed", "no-crowd-here"),
    ),
    # words that only ever name fighting between armed sides ("violents combats", "бої"), so no armed actor
    # need be named: triggers only in the language files (English "fighting" also fights fires and corruption)
    Rule("fighting-words", BATTLES, "Armed clash", (), ("no-crowd-here",)),
    Rule("attack-armed", BATTLES, "Armed clash", _ATTACK + KILLING, ("sides", "no-crowd-here")),
    Rule(
        "abduction",
        VIOLENCE,
        "Abduction/forced disappearance",
        forms(
            "{abducted|abduct|abducts|abduction|abductions|abducting}",
            "{kidnapped|kidnap|kidnaps|kidnapping|kidnappings}",
            "taken hostage",
            "{took|take|taking|held} {him|her|them|} hostage",
            "{forcibly disappeared|enforced disappearance|enforced disappearances|disappeared}",
            "{whisked|carried|dragged|taken} away",
        ),
    ),
    Rule(
        "sexual",
        VIOLENCE,
        "Sexual violence",
        forms("{raped|rape|rapes|gang raped|gang rape}", "sexual {violence|assault|abuse}", "sexually assaulted"),
    ),
    # weapons made for crowds: they say a crowd is there even when the sentence names none ("fired tear gas to
    # disperse anti-government [protesters]")
    Rule(
        "crowd-control",
        PROTESTS,
        "Protest with intervention",
        forms(
            "tear gas",
            "teargas",
            "{lathi charge|lathi charged|lathi charging|baton charge|baton charged|cane charge}",
            "water {cannon|cannons}",
            "rubber bullets",
            "{pepper spray|pepper sprayed|pepper spraying}",
            "{smoke|stun|flash bang|tear gas} {grenade|grenades|canisters}",
        ),
    ),
    Rule(
        "protest-intervention",
        PROTESTS,
        "Protest with intervention",
        forms(
            "{suppressed|suppress|crushed|broke up|breaking up|cracked down|crackdown on}",
            "{riot police|anti riot police}",
        ),
        ("crowd",),
    ),
    Rule(
        "protest-arrests",
        PROTESTS,
        "Protest with intervention",
        forms("{dispersed|disperse|dispersing|arrested|detained|rounded up}"),
        ("crowd", "force"),
    ),
    Rule(
        "protest",
        PROTESTS,
        "Peaceful protest",
        forms(
            "{protested|protesting|demonstrated|demonstrating|rallied|rallying|marched|marching|picketed|picketing|"
            "demonstrate|demonstrates|rally|protest against|protest over}",
            "{took|take|taking} to the streets",
            "{staged|held|hold|holding|organised|organized|launched|began|started|joined} {a|an|the|} "
            "{protest|protests|demonstration|demonstrations|rally|rallies|sit in|sit ins|march|dharna|strike|"
            "vigil|hunger strike|blockade|walkout}",
            "{general|hunger} strike",
            "{went|go|gone|going} on strike",
            "{bandh|hartal|shutdown strike}",
            "{protest|protests} {against|over|in|outside|near|at|demanding}",
            "{demonstration|demonstrations} {against|over|in|outside|near|at|demanding}",
            "{rally|rallies|march} {against|demanding}",
            "{sit in|sit ins|dharna|die in|die ins}",
            "{peaceful|protest|silent|candlelight|candle light} {march|marches|rally|rallies|procession|processions}",
            "{chanting|chanted} slogans",
        ),
    ),
    Rule(
        "protest-crowd",
        PROTESTS,
        "Peaceful protest",
        forms("{protest|protests|demonstration|demonstrations|rally|rallies|vigil|protest march}"),
        ("crowd",),
    ),
    Rule(
        "crowd-gathered",
        PROTESTS,
        "Peaceful protest",
        forms(
            "{participated|took part|joined|gathered|assembled|converged|massed}",
        ),
        ("crowd-here",),
    ),
    Rule(
        "crowd-present",
        PROTESTS,
        "Peaceful protest",
        forms(
            "{protesters|protestors|demonstrators|marchers|strikers|picketers}",
            "{demanding|demanded|demand|chanted|chanting|denounced|denouncing|waved|waving|carried|carrying|holding} ",
            "{placards|banners|slogans|sit in|boycott|boycotted|walkout|walked out}",
        ),
        ("crowd-here",),
    ),
    Rule("attack", VIOLENCE, "Attack", _ATTACK + KILLING, ("unarmed", "party")),
    Rule(
        "arrests",
        STRATEGIC,
        "Arrests",
        forms(
            "{arrested|arrest|arrests|arresting}",
            "{detained|detain|detains|detaining|detention of}",
            "{nabbed|nab|apprehended|apprehend|caught|picked up|rounded up|captured}",
            "held {in custody|captive|incommunicado}",
            "{taken|took} into custody",
            "custody",
        ),
        ("political",),
    ),
    Rule(
        "surrender",
        STRATEGIC,
        "Change to group/activity",
        forms(
            "{surrendered|surrender|surrenders|surrendering}",
            "laid down {arms|their arms|weapons}",
            "{turned|handed} themselves in",
            "gave themselves up",
            "{deserted|defected|defect}",
        ),
        ("armed",),
    ),
    Rule(
        "disrupted",
        STRATEGIC,
        "Disrupted weapons use",
        forms(
            "{defused|defuse|defusing|neutralised|neutralized|dismantled|disarmed|disposed of}",
            "intercepted",
            "shot down",
            "{weapons|arms|ammunition|explosives} {cache|caches|dump|dumps|haul}",
            "{recovered|recover|recovery of|seized|seizure of|confiscated|unearthed|found|discovered|destroyed|"
            "captured}",
            "bomb disposal",
            "{foiled|thwarted|averted|prevented|disrupted} {a|an|the|}",
            "{downed|shot down|intercepted|destroyed} {a|an|the|two|several|} {drone|drones|missile|missiles|"
            "rocket|rockets|projectile|projectiles}",
            "{controlled explosion|safely detonated|detonated safely|bomb squad|sappers|demining}",
            "{busted|destroyed|raided} {a|an|the} {hideout|camp|training camp|bomb factory}",
            "hideout",
        ),
        ("found",),
    ),
    Rule(
        "looting",
        STRATEGIC,
        "Looting/property destruction",
        forms(
            "{looted|looting|loot|loots|pillaged|pillaging|pillage|ransacked|ransack|ransacks|plundered}",
            "{torched|torching|torch|torches|set ablaze|set on fire|set fire|burned down|burnt down|burnt|burned|"
            "gutted}",
            "set {afire|alight|blaze}",
            "{bulldozed|bull dozed|dug up|dug trenches|damaging|wrecked|smashed}",
            "{demolished|razed|destroyed|damaged|vandalised|vandalized|blew up|blown up|blasted}",
            "{uprooted|removed|cut} {railway|rail} {tracks|lines}",
            "{destruction|burning|looting|torching|vandalism|vandalisation|vandalization|demolition|razing} of",
        ),
    ),
    Rule(
        "base",
        STRATEGIC,
        "Headquarters or base established",
        forms(
            "{established|set up|setting up|sets up|establish|establishing|erected|built|created|opened} {a|an|"
            "the|a new|new|another|its|their|a number of|several|two|three} {base|bases|headquarters|outpost|"
            "outposts|post|posts|camp|camps|checkpoint|checkpoints|observation post|military base|military post|"
            "military point|position|barracks|point|points}",
            "{was|were|been|being|is|are} {established|set up|erected|built|created}",
            "{established|set up|erected|created}",
        ),
        ("facility",),
    ),
    Rule(
        "group-change",
        STRATEGIC,
        "Change to group/activity",
        forms(
            "merged",
            "announced the formation",
            "joined forces",
            "dissolved",
            "changed its name",
            "pledged allegiance",
            "{pulled|pull|pulling|pulls} {back|out}",
            "{redeployed|redeployment|deployed|deployment of|dispatched|sent|forwarded} "
            "{more|additional|reinforcements|troops|forces|fighters|military}",
            "reinforcements",
            "{reinforced|reinforcing|reinforce}",
            "{military|troop} {buildup|build up|convoy|convoys|reinforcements}",
            "{withdrew|withdrawn|withdrawal}",
            "{appointed|named|elected|chose|selected} {a new|new|as|its|their} {leader|commander|chief|head|emir|"
            "spokesman}",
            "{recruited|recruiting|recruitment|recruits|mobilised|mobilized|mobilising|mobilizing|conscripted|"
            "conscription}",
            "{formed|founded|launched|created|established|announced} {a|a new|the} {group|militia|brigade|unit|"
            "force|coalition|alliance|front|faction|battalion|wing|operations room|command}",
            "{split|splinter|breakaway} {group|faction}",
            "{arrived|arriving|moved|relocated|redeployed|repositioned} {in|to|into|from|at}",
        ),
        ("armed",),
    ),
)
SUPERSEDES = {
    "Armed clash": "Government regains territory|Non-state actor overtakes territory",
    "Peaceful protest": "Protest with intervention|Excessive force against protesters|Violent demonstration",
    "Protest with intervention": "Excessive force against protesters|Violent demonstration",
    "Excessive force against protesters": "Violent demonstration",
}

# Sentence readings that are not events of their own (see the module docstring).
MARKERS: dict[str, tuple[str, ...]] = {
    "background": forms(
        "since the {war|conflict|uprising|revolution|crisis|start|beginning}",
        "{war|conflict|uprising|revolution|crisis|insurgency} {began|started|erupted|broke out}",
        "anniversary",
        "{year|years|decade|decades} ago",
        "last year",
        "in the past",
        "{history|historically}",
    ),
    "reference": forms(
        "{suspected|believed|alleged} to {be|have}",
        "{suspected|on suspicion|on charges|charged|convicted} of",
        "{involved|involvement} in",
        "{responsible|wanted} for",
        "in connection with",
        "{wanted|accused|convicted} in",
        "used in the",
        "{masterminded|mastermind|masterminds}",
        "links with",
        "linked to",
        "after {days|weeks|months|years} of",
    ),
    "denial": forms(
        "{denied|denies|deny|denying|rejected|dismissed} {the|reports|claims|allegations|responsibility|"
        "involvement|that}",
        "no sign of",
        "false {report|reports|claims}",
        "{accused|accuses|accusing|accusation|accusations|blamed|blames|blaming|blame}",
        "{claimed|claim|claims|claiming} responsibility",
        "{claimed|claims} {the|} {killing|murder|attack|assassination|bombing|kidnapping|abduction}",
        "{took|takes|take|taking|claimed} credit",
        "held responsible",
        "{plans to|planned to|threatened to|threatens to|vowed to|vows to}",
        "{fake|hoax|rumour|rumor|rumours|rumors}",
    ),
    "disaster": forms(
        "{fire|fires|blaze} {broke out|erupted|engulfed|gutted|raged}",
        "{burned|burnt|destroyed|gutted} in a {fire|blaze}",
        "{factory|factories|warehouse|warehouses|refinery|furnace|tanker|fertilizer|fertiliser|petroleum|"
        "chemicals|cooking gas|gas explosion|gas container|gas tank|gas pipeline|gas station|petrol station|"
        "power plant|chemical plant|industrial plant|oil company|oil depot|fuel depot|storage container|"
        "flooded}",
        "{fire broke out|caught fire|catching fire|fire crews|firefighters|firefighter|fire brigade|fire tenders|"
        "fire department|blaze|wildfire|wildfires|bushfire|forest fire}",
        "{earthquake|earthquakes|quake|tremor|tremors|flood|floods|flooding|flash floods|landslide|landslides|"
        "cyclone|hurricane|typhoon|tornado|tsunami|drought|heavy rain|heavy rains|lightning|avalanche|"
        "volcano|eruption|heatwave|mudslide}",
        "{accident|accidents|collision|collided|crash|crashed|derailed|derailment|capsized|sank}",
        "{gas leak|gas cylinder|cylinder blast|cylinder explosion|boiler|short circuit|chemical spill|spill|"
        "spilt|spilled|leak|leaked|factory fire|industrial accident|stampede|collapsed|collapse}",
        "{explosion|blast} at {a|the} {factory|plant|refinery|mine|warehouse|chemical|fireworks}",
        "{fireworks|firecracker|firecrackers}",
    ),
    "crime": forms(
        "{robbery|robberies|robbed|robber|robbers|burglary|burglar|theft|thefts|stole|stolen|thief|thieves}",
        "{drug|drugs|narcotics|heroin|cocaine|methamphetamine|meth|cannabis|marijuana|opium|ganja|brown sugar}",
        "{smuggling|smuggled|smugglers|smuggler|trafficking|traffickers|trafficked}",
        "{fraud|scam|bribe|bribery|corruption|embezzlement|pornography|counterfeit|fake currency}",
        "{poaching|poachers|illegal mining|sand mining}",
        "{domestic dispute|domestic violence|family dispute|land dispute|property dispute|love affair|"
        "personal enmity|personal rivalry|old enmity}",
    ),
    "diplomacy": forms(
        "{sanction|sanctions|diplomat|diplomats|diplomatic|embassy|ambassador|envoy|summit|foreign minister|"
        "foreign ministry|bilateral|talks with|severed ties|severs ties|expels|expelled diplomats}",
    ),
    "found": forms(
        "{recovered|recover|recovering|recovery|seized|seize|seizure|confiscated|unearthed|found|discovered|"
        "captured|destroyed|destroying|depot|depots|foiled|thwarted|averted|downed|shot down|air defence|"
        "air defense|air defences|air defenses|controlled explosion|bomb squad|sappers|demining|"
        "defused|defusing|intercepted|cache|caches|dump|dumps|haul|stockpile|possession|hidden|stashed|"
        "buried|hideout|consignment|supply|supplied|supplier|suppliers|manufacturing|factory|stash|stashes}",
    ),
    "facility": forms(
        "{base|bases|headquarters|outpost|outposts|post|posts|camp|camps|checkpoint|checkpoints|barracks|"
        "point|points|position|positions|office|offices|branch}",
    ),
    "soft-target": forms(
        "{village|villages|community|communities|market|markets|school|schools|college|university|campus|"
        "church|churches|mosque|mosques|temple|temples|bus|buses|house|houses|home|homes|shop|shops|hospital|"
        "hospitals|clinic|wedding|funeral|farm|farms|hamlet|settlement|camp for displaced|displacement camp|"
        "refugee camp|homestead|residence|dormitories|dormitory|restaurant|hotel|cafe|shrine|procession|"
        "passenger|vehicle carrying|railway|railway station|office|company|firm|construction|site|vehicles|"
        "trucks|machinery|machines|guesthouse|building|buildings|tower|towers|property|properties}",
    ),
    "withdrawal": forms(
        "{withdrew|withdrawn|withdrawal|pulled out|pulled back|retreated|evacuated|vacated|handed over|"
        "abandoned|left the|handover|hand over}",
    ),
    "assault": forms(
        "{attack|attacks|attacked|shelled|shelling|bombed|bombing|airstrike|airstrikes|air strike|air strikes|"
        "ambush|ambushed|gunmen|militants|insurgents|rocket|rockets|missile|missiles|mortar|mortars}",
        "drone {attack|attacks|strike|strikes}",
    ),
    "victims": forms(
        "{people|persons|person|man|woman|men|women|boy|boys|girl|girls|youth|youths|youngster|teenager|"
        "teenagers|child|children|family|families|relatives|brothers|couple|elderly|infant|baby|mother|father|"
        "son|daughter|wife|husband|individuals|locals|inhabitants}",
    ),
    "harm": forms(
        "{killed|killing|dead|died|death|deaths|injured|injuring|wounded|wounding|casualties|fatalities|"
        "lives|bodies|body|victims|hurt|maimed|martyred|perished|damaged|destroyed|shot|slain}",
    ),
    "weapons": forms(
        "{arms|weapon|weapons|ammunition|ammunitions|rifle|rifles|pistol|pistols|gun|guns|revolver|explosive|"
        "explosives|detonator|detonators|IED|IEDs|bomb|bombs|grenade|grenades|cartridge|cartridges|rounds|"
        "mine|mines|landmine|landmines|gelatin|gelatine|magazine|magazines|AK 47|AK47|carbine|shells|rocket|"
        "rockets|mortar|mortars|missile|missiles|munitions|wires|cordex|ammonium nitrate|device|devices|"
        "launcher|launchers|drones|drone|package|packages|parcel|firearm|firearms|handgun|handguns|shotgun|"
        "shotguns|projectile|projectiles|bullets}",
    ),
    "went-off": forms(
        "{exploded|explode|explodes|exploding|explosion|explosions|blast|blasts|detonated|detonation|went off|"
        "go off|blew up|blown up|ripped through|hurled|lobbed|threw|thrown|lobbing|hurling|triggered|"
        "struck|hit|fired|launched|landed|pounded|killed|injured|wounded|damaged|attack|attacked|targeted}",
    ),
    "political": forms(
        "{militant|militants|insurgent|insurgents|rebel|rebels|terrorist|terrorists|terror|extremist|"
        "extremists|jihadist|jihadists|maoist|maoists|naxal|naxals|separatist|separatists|guerrilla|guerrillas|"
        "insurgency|opposition|activist|activists|protest|protests|protesters|demonstrators|dissident|"
        "dissidents|journalist|journalists|politician|political|cadre|cadres|sympathiser|sympathisers|"
        "sympathizer|sympathizers|overground worker|overground workers|courier|couriers|linkman|militia|"
        "resistance|junta|regime|dissent|attack|attacks|bombing|plot|plotting|"
        "fighters|armed group|outfit|banned|sedition|anti national|coup|blasphemy|unlawful activities|commander|"
        "commanders|underground|proscribed|links with|linked to|lwe|lwes|squad|dalam|zonal|area committee}",
    ),
}
