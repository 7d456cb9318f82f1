"""Incident triggers: the words that report a violent act, a protest or a strategic event.

``find_triggers`` finds them in one sentence and drops what is not an incident: metaphors
("a blistering attack on the budget"), negated acts ("no shots were fired"), hypothetical,
threatened or future acts ("threatened to attack", "plans to bomb", "could strike"), accidents
and disasters ("killed in a plane crash"), and arrests with no link to a conflict.

Some triggers carry their sub-event type; others carry a provisional kind that
``type_segment`` settles from the rest of the stretch of sentence: who acted (a state force
retaking a town vs. a militia seizing one), what with (warplanes, artillery), against whom
(soldiers: a battle; civilians: an attack) and whether demonstrators are involved.

Patterns match the lower-cased sentence (same offsets), which keeps them cheap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from worker.domain import ActorRole, ActorType
from worker.extraction.actors import is_lone_attacker

if TYPE_CHECKING:
    from worker.domain import Actor
    from worker.extraction.actors import ActorMention

GENERIC = "generic"  # "attack", "strikes": typed from the sentence's other cues
TERRITORY = "territory"  # "captured the town": typed by who took it
RETAKE = "retake"  # "recaptured", "drove ... out of": usually state forces, typed by who
PROPERTY = "property"  # looting, arson, vandalism: riot, mob or property destruction
RIOT = "riot"  # stone-throwing, molotov cocktails: riot or mob
CAPTURE = "capture"  # "captured five militants": arrests by the state, abduction otherwise

_WEAPON_NOUN = (
    r"(?:weapons?|arms|ammunitions?|ammo|munitions?|explosives?|(?:improvised )?explosive "
    r"devices?|ieds?|bombs?|(?:land|ground|anti-\w+) ?mines|landmines?|mines|grenades?|"
    r"grenade launchers?|rockets?|missiles?|mortars?|shells|projectiles|firearms?|guns?|"
    r"rifles?|pistols?|revolvers?|kalashnikovs?|ak-47s?|machine ?guns?|cartridges|bullets|"
    r"detonators?|dynamite|tnt|suicide (?:vests?|belts?)|drones?|caches?|stash(?:es)?|"
    r"arsenals?|stockpiles?)"
)
# A weapon noun that names a place or a programme, not the weapon: "rocket-launching site".
_WEAPON_END = (
    r"\b(?![\w-]*[\s-]+(?:launching|sites?|bases?|facilit\w*|factor\w*|programs?|tests?|"
    r"attacks?|strikes?|fire|barrage|plants?|production|research)\b)"
)
_DISRUPT_VERB = (
    r"(?:seized|seizing|seize|seizes|found|finding|discovered|discovering|uncovered|unearthed|"
    r"recovered|confiscated|impounded|defused|defusing|defuse|dismantled|deactivated|"
    r"neutrali[sz]ed|cleared|clearing|destroyed|intercepted|intercepting|shot down|downed|"
    r"removed|detonated in a controlled)"
)
_PLACE_NOUN = (
    r"(?:towns?|city|cities|villages?|district|districts|areas?|regions?|provinces?|bases?|"
    r"camps?|posts?|outposts?|positions?|checkpoints?|hills?|hilltops?|heights|airports?|"
    r"air ?bases?|ports?|border|crossings?|highways?|roads?|bridges?|oil ?fields?|fields|"
    r"neighbo(?:u)?rhoods?|territor(?:y|ies)|capital|strongholds?|headquarters|garrisons?|"
    r"barracks|valleys?|mountains?|islands?|settlements?|localit(?:y|ies)|sites?|castle|"
    r"municipalit(?:y|ies)|county|counties|suburbs?|outskirts|front ?lines?|centers?|"
    r"centres?|compounds?|facilit(?:y|ies)|points?|sectors?|zones?|junctions?|dams?|"
    r"refiner(?:y|ies)|hub|port city|quarters?|mosul|aleppo|raqqa|palmyra)"
)
_QUANT = (
    r"(?:the|a|an|two|three|four|five|six|seven|eight|nine|ten|several|many|more|dozens of|"
    r"\d+|key|strategic|strategically|located|situated|main|entire|whole|most of|parts? of|"
    r"large parts of|new|"
    r"rebel-held|government-held|militant-held|last|remaining|northern|southern|eastern|"
    r"western|central|nearby|another|other|its|their|further|fresh|control of|control over|"
    r"of|on \w+day|early|late|overnight|\w+day)"
)
_PLACE_OBJECT = rf"(?=\s+(?:{_QUANT}\s+){{0,4}}(?:\S+\s+){{0,3}}?{_PLACE_NOUN}\b)"

# (pattern, kind, weapon). Order matters: at one position the earlier pattern wins, so
# specific phrases come before the words they contain.
_PATTERNS: tuple[tuple[str, str, str | None], ...] = (
    # weapons found, seized, defused or intercepted: the weapon words are not an attack
    (
        rf"{_DISRUPT_VERB}\s+(?:\d[\d,.]*\d\s+|[\w'’-]+\s+){{0,10}}?{_WEAPON_NOUN}{_WEAPON_END}|"
        rf"{_WEAPON_NOUN}(?:\s+[\w'’-]+){{0,6}}?\s+(?:were|was|have been|has been|had been|"
        rf"being|been|are|is)\s+(?:\w+\s+)?(?:{_DISRUPT_VERB}|identified|spotted|detected)"
        r"\b|"
        rf"{_WEAPON_NOUN}(?:\s+[\w'’-]+){{0,2}}?\s+(?:seized|confiscated|recovered|found|"
        r"discovered|defused)\b(?! (?:in|at|on) (?:the|a) (?:attack|shooting|bombing))|"
        rf"(?:weapons?|arms|ammunition|explosives?) (?:caches?|stash(?:es)?|depots?|hauls?|dumps?)|"
        rf"(?:caches?|stash(?:es)?|hauls?|seizure) of (?:\S+\s+){{0,3}}?{_WEAPON_NOUN}\b|"
        r"bomb disposal|bomb squad|controlled (?:explosion|detonation)|"
        r"(?:foiled|thwarted|averted) (?:\S+\s+){0,3}?(?:attacks?|bombings?|plots?|attempts? to "
        r"(?:attack|bomb|blow))",
        "disrupted_weapons_use",
        None,
    ),
    (
        r"chemical (?:weapons? )?(?:attacks?|strikes?|agents?|munitions|shells|bombs?)|"
        r"chemical weapons?(?! (?:facilit|site|program|stock|convention|inspector|watchdog|"
        r"production|depot|plant|research|arsenal))|sarin|chlorine(?: gas)?|mustard gas|"
        r"nerve (?:agent|gas)|toxic gas|poison(?:ous)? gas|gas attacks?|"
        r"poisonous (?:substances?|chemicals?)",
        "chemical_weapon",
        "chemical weapon",
    ),
    (
        r"suicide[- ](?:car |truck |vehicle |motorcycle )?(?:bomb(?:ings?|ers?|s)?|attacks?|"
        r"attackers?|blasts?|vests?|belts?|explosions?|missions?|operations?|squads?|"
        r"explosives?)|blew (?:himself|herself|themselves) up|self-detonat\w*|"
        r"detonated (?:his|her|their|an?) (?:explosive |suicide )?(?:vests?|belts?)|"
        r"explosives?[- ]laden (?:vests?|belts?)|(?:explosive|suicide) (?:vests?|belts?)|"
        r"suicide (?:\S+\s+){0,2}?(?:vehicle-borne|vbieds?|car bombs?|truck bombs?)|svbieds?",
        "suicide_bomb",
        "suicide vest",
    ),
    (
        r"car bomb(?:s|ing|ings|er)?|vehicle-borne(?: improvised explosive devices?)?|vbieds?|"
        r"truck bomb(?:s|ing|ings)?|booby-trapped (?:car|vehicle|truck)s?",
        "remote_explosive_landmine_ied",
        "car bomb",
    ),
    (
        r"air ?-?strikes?|air raids?|air attacks?|drone (?:strikes?|attacks?)|"
        r"aerial (?:bombardments?|attacks?|bombings?|strikes?)|bombing raids?|barrel bombs?|"
        r"(?:warplanes?|war planes?|fighter jets?|fighter planes?|jets|jet fighters|aircraft|"
        r"helicopter gunships?|gunships?|helicopters?|drones?|planes?|air force|air forces|"
        r"bombers)\s+(?:\S+\s+){0,3}?(?:bombed|pounded|struck|hit|targeted|attacked|fired|strafed|"
        r"shelled|raided|bombarded|carried out|launched|destroyed|dropped|hammered|blasted|"
        r"rocketed|killed|conducted)",
        "air_drone_strike",
        None,
    ),
    (
        r"ballistic missiles?|cruise missiles?",
        "shelling_artillery_missile_attack",
        "ballistic missile",
    ),
    (
        r"(?:missiles?|rockets?|mortars?)(?: (?:strikes?|attacks?|barrages?|fire|rounds?|shells?|"
        r"salvos?|launched|fired|hit|struck|landed|slammed|rained))?(?![\w-])"
        r"(?!\s+(?:bases?|warehouses?|depots?|stores|storage|sites?|factor(?:y|ies)|"
        r"facilit(?:y|ies)|programs?|programmes?|brigade|units?|launchers?)\b)|"
        r"shell(?:ed|ing|s)(?! (?:casings?|company|companies|corporation|oil|game))|artillery|"
        r"katyushas?|(?:missile|rocket|artillery|mortar) barrages?|barrages? of (?:rockets|"
        r"missiles|shells|artillery|mortars?|fire)|bombarded|bombardments?|"
        r"tank (?:fire|shells?|rounds?|attacks?)|tanks? (?:fired|shelled|attacked|opened fire)|"
        r"(?:fired|launched|firing|launching) (?:\S+\s+){0,2}?projectiles|"
        r"rocket[- ]propelled grenades?|rpgs?",
        "shelling_artillery_missile_attack",
        None,
    ),
    (
        r"(?:hand |stun )?grenades?(?! launchers?)",
        "grenade",
        "grenade",
    ),
    (
        r"roadside bombs?|improvised explosive devices?|ieds?|land ?mines?|"
        r"(?:ground|anti-personnel|anti-tank|anti-vehicle) mines?|(?:hit|struck|stepped on) an? "
        r"(?:\w+ )?mine|mine (?:blast|explosion)s?|booby[- ]trap(?:ped|s)?|explosive devices?|"
        r"sticky bombs?|magnetic bombs?|(?:pipe|parcel|nail|letter|time|mail) bombs?|"
        r"bomb(?:ing|ings|s)?|bombed|explosions?|blasts?|exploded|detonated|detonations?|"
        r"dynamite[ds]?|dynamiting|(?:planted|placed|detonated|set off) (?:\S+\s+)?explosives",
        "remote_explosive_landmine_ied",
        None,
    ),
    (
        r"rap(?:e|ed|es|ing)|gang-?rap\w*|sexual(?:ly)? (?:assault(?:ed|s)?|violence|abuse[ds]?|"
        r"harass\w*|exploit\w*)|molest\w*|groped",
        "sexual_violence",
        None,
    ),
    (
        r"kidnap(?:ped|ping|pings|s)?|abduct(?:ed|ion|ions|s|ing)?|taken hostage|"
        r"took (?:\w+ )?hostages?|hostage[- ]taking|held hostage|hostages?|taken captive|"
        r"went missing|disappeared|(?:en)?forced(?:ly)? disappear\w*|"
        r"(?:whisked|dragged|carried|bundled) (?:\w+ )?away|(?:have |had )?(?:taken|took|picked up)"
        r" (?:away )?(?:at least |some |about |more than )?(?:\w+ )?(?:people|persons|civilians|"
        r"youths|students|activists|villagers|residents)\b",
        "abduction_forced_disappearance",
        None,
    ),
    (
        r"clash(?:es|ed|ing)?|fighting|fought|fire ?fights?|gun ?battles?|gunfights?|"
        r"shoot-?outs?|exchanged? (?:of )?(?:gun)?fire|exchanges? of (?:gun)?fire|"
        r"exchanging (?:gun)?fire|trad(?:ed|ing) (?:gun)?fire|returned fire|battled?|battles|"
        r"battling|skirmish(?:es|ed)?|ambush(?:ed|es)?|infighting|heavy fighting",
        "armed_clash",
        None,
    ),
    (
        r"recaptur(?:e|ed|es|ing)|retook|retaken|retake|retaking|re-?took|re-?captured|"
        r"regain(?:ed|s|ing)? (?:full |complete |total )?control|"
        rf"regain(?:ed|ing){_PLACE_OBJECT}|"
        r"liberat(?:ed|ing|ion of)|wrest(?:ed)?(?: back)? control|recovered control|"
        rf"recover(?:ed|ing){_PLACE_OBJECT}|freed{_PLACE_OBJECT}|"
        r"(?:drove|driven|pushed|pushing|drive|push|forced|expelled|ousted|flushed|cleared|"
        r"purged)\s+(?:\S+\s+){0,5}?out of|cleared (?:\S+\s+){0,4}?of (?:\S+\s+){0,2}?"
        r"(?:militants|terrorists|rebels|insurgents|fighters|jihadists)|pushed back|"
        r"(?:cleared|flushed|dislodged|routed) (?:\S+\s+){1,4}?from|"
        rf"(?:took|taken|taking|take|takes) back(?: control)?{_PLACE_OBJECT}|"
        r"(?:took|taken|taking|take|takes) back control",
        RETAKE,
        None,
    ),
    (
        r"(?:seized|seize|seizing|seizes|took|taken|take|taking|takes|gained|assumed|grabbed|"
        r"wrested) (?:the )?(?:full |complete |total |effective )?control|"
        r"(?:captured?|capturing|seized|seizing|seize|overran|overrun|overrunning|occupied|"
        r"took over|taken over|taking over|controlling|conquered|advanc(?:ed|ing) (?:deep )?"
        r"in(?:to)?|stormed and "
        rf"(?:took|seized|captured))(?:\s+on\s+\w+day)?{_PLACE_OBJECT}|"
        r"overran|overrun|fell to|fallen to|falls to",
        TERRITORY,
        None,
    ),
    (
        r"loot(?:ed|ing|ers)?|ransack(?:ed|ing)?|vandali[sz](?:ed|ing|m)|torch(?:ed|ing)|"
        r"set (?:\S+\s+){0,4}?(?:ablaze|alight|on fire|afire)|set fire|burn(?:ed|t|ing) down|"
        r"destroy(?:ed|ing)|demolish(?:ed|ing)|razed|arson|plunder(?:ed|ing)?|smashed|"
        r"made away with|broke into|broken into|pull(?:ed)? down|burned|burnt|stole|stolen|"
        r"steal(?:ing|s)?",
        PROPERTY,
        None,
    ),
    (
        r"riot(?:s|ers|ing|ed)?(?! (?:police|gear|squads?|control|units?|officers?|shields?|act|"
        r"troops|forces|vans?|helmets|policemen))|stone[- ]pelt\w*|pelted|(?:hurl|throw|threw|"
        r"hurled|hurling|throwing|pelting)\w* (?:\S+\s+){0,2}?(?:stones|rocks|objects|"
        r"projectiles|bottles|petrol bombs|firebombs|bricks|fireworks)|stone[- ]throwing|"
        r"rock[- ]throwing|molotov cocktails?|petrol bombs?|firebombs?|"
        r"(?:threw|throws|throwing|hurled|hurls|hurling) "
        r"(?:(?!\S*(?:grenade|bomb|explosive|device|ied))\S+\s+){0,3}?"
        r"(?:into (?:a |the )?(?:fire|flames|blaze)|"
        r"at (?:the )?(?:police|officers|security forces|riot police|troops|soldiers))|"
        r"street violence|violent (?:protests?|demonstrations?)|"
        r"(?:fire|fired|firing|set off|setting off|launched) (?:\S+\s+)?(?:firecrackers|fireworks)|"
        r"(?:stones|rocks|objects|projectiles|bottles|bricks|petrol bombs|molotov cocktails)"
        r"(?:\s+\S+){0,2}?\s+(?:were|was|being|had been) (?:thrown|hurled)",
        RIOT,
        None,
    ),
    (
        r"(?:fired|fire|firing|used|using|lobbed|deployed|sprayed)\s+(?:\S+\s+){0,3}?(?:tear ?gas|"
        r"teargas|water cannons?|rubber bullets|stun grenades)|"
        # "police dispersed the crowd": a gathering broken up, whatever it was called
        r"(?:dispers(?:ed|ing|es|e)|broke up|break(?:ing|s)? up|broken up)\s+(?:\S+\s+){0,3}?"
        r"(?:crowds?|gatherings?|protests?|protesters|protestors|demonstrations?|demonstrators|"
        r"rall(?:y|ies)|sit-ins?|march(?:es|ers)?|assembl(?:y|ies)|students|activists|"
        r"supporters|mourners|worshippers)",
        "protest_with_intervention",
        None,
    ),
    (
        r"(?<!flash )mobs?|lynch(?:ed|ing|ings)?|vigilant(?:e|es|ism)|angry crowds?|"
        r"(?:villagers|residents|locals|youths|a crowd|crowds) (?:\S+\s+){0,2}?(?:beat|lynched|"
        r"stoned|hacked|burned|set upon|attacked|killed)",
        "mob_violence",
        None,
    ),
    (
        r"protest(?:s|ed|ing)?|protesters?|protestors?|demonstrations?|demonstrators?|"
        r"demonstrat(?:ed|ing|e)(?= (?:against|outside|in front|near|at|in|on|for|over|to demand|"
        r"to protest|peacefully))|rall(?:y|ies|ied|ying)(?! (?:point|car|driver|racing|cry))|"
        r"march(?:ed|es|ers|ing)(?= (?:against|through|to|in|on|toward|towards|outside|from|for|"
        r"along|peacefully))|(?:a|the|protest|peace|silent|mass) march(?! \d)|sit-ins?|"
        r"picket(?:ed|ing|s|ers)?|hunger strikes?|general strike|(?:went|go|going|are|were) on "
        r"strike|strik(?:e|ing) (?:workers|teachers|doctors|nurses|miners|drivers)|walkouts?|"
        r"(?:took|take|taking|takes) to the streets|boycott(?:ed|ing|s)?|"
        r"gather(?:ed|ing) (?:\S+\s+){0,6}?to "
        r"(?:protest|demand|denounce|condemn)|"
        # "tens of thousands of opponents of the coup gathered": a crowd that is not at a
        # funeral, a service or a match is a demonstration
        r"(?:thousands|hundreds|dozens|scores) of (?:(?!\S*(?:flee|fled|displac|kill|shell|attack|"
        r"bomb|clash|wound|injur|dead|died|mourn))\S+\s+){0,8}?(?:gathered|assembled|converged)"
        r"(?!(?:\s+\S+){0,3}?\s+(?:for|at|to) (?:the |a |an )?(?:\w+ )?(?:funerals?|prayers?|"
        r"burial|festival|celebrat\w+|concerts?|mass|weddings?|match|game|ceremony|service|"
        r"memorial|mourn|pray|celebrate|watch|attend|bury|welcome|greet|mosques?|church(?:es)?|"
        r"temples?|stadium))",
        "peaceful_protest",
        None,
    ),
    (
        r"shot|shootings?|shoot|gunm[ae]n|gunfire|gunshots?|opened fire|open(?:ing)? fire|"
        r"fired (?:shots|at|on|into|upon)|fired (?:their|his|her) (?:guns|weapons|rifles|pistols)|"
        r"shots (?:were )?fired|stabb(?:ed|ing|ings)|knifed|"
        r"hacked|slashed|massacre(?:d|s)?|murder(?:ed|s|ing)?|homicides?|killings?|killed|kills?|"
        r"slain|slaying|slew|beheaded|decapitated|executed|executions?|assassinat(?:ed|ion|ions)|"
        r"gunned down|(?:hacked|beaten|bludgeoned|clubbed|stoned|burned|burnt|tortured) to death|"
        r"burned alive|rammed|ran over|mowed down|bludgeoned|strangled|tortur(?:e|ed|ing)|"
        r"maimed|mutilated|beat(?:en|ing)? (?:up|severely)|beat (?:\S+\s+){0,3}?to death|"
        r"(?:took|taken|taking|claimed|claiming) "
        r"(?:the )?li(?:fe|ves) of",
        "attack",
        "firearm",
    ),
    (
        r"captured?(?! by)|capturing|seized(?! by)|seizing",
        CAPTURE,
        None,
    ),
    (
        r"arrest(?:ed|s|ing)?|detain(?:ed|ing|s)?|detention of|apprehended|taken into custody|"
        r"in custody|nabbed|rounded up|jailed|imprisoned|intercepted|remanded|locked up|"
        r"incarcerated|held (?:incommunicado|over|in connection with|for questioning|on "
        r"suspicion)|picked up by (?:the )?(?:police|security|soldiers|"
        r"troops|army|agents)",
        "arrests",
        None,
    ),
    (
        r"cease-?fires?(?! violations?| breach)|truce|armistice|peace (?:deal|agreement|accord|"
        r"talks|treaty|pact|"
        r"negotiations)|(?:signed|sign|signing|reached|reach|struck|strike|brokered|agreed|"
        r"concluded|inked)\s+(?:\S+\s+){0,4}?(?:deals?|agreements?|accords?|treaty|pact|"
        r"memorandum|truce|cease-?fire)|agreed (?:to|on|upon|a|an)|prisoners? (?:exchange|swap|"
        r"release)|(?:exchange|swap) of (?:prisoners|detainees|bodies|captives)|"
        r"exchang(?:ed|e|ing) (?:\S+\s+){0,2}?(?:prisoners|detainees|captives|bodies)|"
        r"(?:under|as part of) (?:a|the) (?:\w+ )?deal|"
        r"in exchange for|surrender(?:ed|s|ing)?|laid down (?:their |his |its )?(?:arms|weapons)|"
        r"(?:held|hold|holding|began|begin|started|resumed|opened) (?:\S+\s+){0,2}?talks|"
        r"evacuation (?:deal|agreement)|(?:as a result of|under) the deal|"
        r"released (?:\S+\s+){0,3}?(?:prisoners|detainees|hostages|captives)",
        "agreement",
        None,
    ),
    (
        r"(?:set up|sets up|setting up|established|establishing|establishes|opened|opening|built|"
        r"building|constructed|constructing|erected|installed)\s+(?:\S+\s+){0,4}?(?:bases?|"
        r"headquarters|hq|posts?|outposts?|observation points?|checkpoints?|camps?|garrisons?|"
        r"barracks|airstrips?)|(?:bases?|headquarters|outposts?|checkpoints?|camps?)\s+"
        r"(?:\S+\s+){0,3}?(?:have been|has been|were|was|had been) (?:set up|established|built|"
        r"opened|erected|installed)",
        "headquarters_or_base_established",
        None,
    ),
    (
        r"hand(?:ed|ing|s)? (?:over |back )?(?:\S+\s+){0,2}?control|handed over|handover|"
        r"transferred control|without (?:any )?(?:resistance|a fight|a shot being fired)|"
        r"not encountered any resistance|unopposed|"
        rf"(?:leaving|left|ceding|ceded|handing|surrender(?:ed|ing)) (?:it|them|control|the "
        rf"(?:\S+\s+){{0,2}}?{_PLACE_NOUN}) to (?:the )?(?!\d)[a-z][\w'’-]*|"
        r"(?:leaving|left) (?:it |them )?(?:\w+ )?in the "
        r"hands of",
        "non_violent_transfer_of_territory",
        None,
    ),
    (
        r"(?:deployed|deploying|deploys|redeploy\w*|relocat\w+|dispatched|dispatching|sent|"
        r"sending|moving|"
        r"moved|massing|massed|amassed|amassing|mobili[sz](?:ed|ing|es)|reinforc\w+|forwarded|"
        r"rushed|brought in)\s+"
        r"(?:\S+\s+){0,3}?(?:troops|forces|soldiers|reinforcements|units|fighters|militiamen|"
        r"tanks|armou?red vehicles|military equipment|convoys?|warships|personnel)|"
        r"(?:troops|forces|soldiers|fighters|units|militiamen)\s+(?:\S+\s+){0,3}?(?:deployed|"
        r"redeployed|dispatched|mobili[sz]ed|reinforced|massed|withdr(?:ew|awn)|pulled out|"
        r"retreated|relocated|redeploying|moved)|defect(?:ed|ions?|ing|ors)|"
        r"pledged allegiance|(?:formed|forming|founded|created) (?:a |an |the )?(?:new )?"
        r"(?:armed |rebel |militant |jihadist |political |military )?(?:group|faction|alliance|"
        r"coalition|militia|movement|brigade|front|force|command|organi[sz]ation)|"
        r"(?:were|was|been) formed|disband(?:ed|ing|s)?|splinter(?:ed)?|broke away|"
        r"merg(?:ed|er|ing)|to form (?:a |an )?(?:new )?(?:\w+ )?(?:group|alliance|coalition|"
        r"front|faction|movement)|"
        r"withdr(?:ew|awn|awal|awing)|pulled out|pull(?:ed|ing)? back|retreated|"
        r"pull(?:ed|ing|s)? (?:\S+\s+){1,3}?out (?:of|from)|"
        r"joined (?:\S+\s+){0,3}?(?:offensive|fight|battle|ranks)|"
        r"fortif(?:y|ied|ying) (?:their |its )?positions|reinforc(?:ed|ing) (?:their |its )?"
        r"presence|mobili[sz](?:ed|ing)|entered (?:\S+\s+){0,4}?(?:airspace|identification "
        r"zone|territorial waters)",
        "change_to_group_activity",
        None,
    ),
    (
        r"(?:thousands|hundreds|tens of thousands|\d[\d,]*|families|residents|villagers|"
        r"civilians|people)\s+(?:\S+\s+){0,3}?(?:fled|have fled|fleeing|displaced|were "
        r"displaced|forced to flee|expelled)|mass graves?|mass expulsions?|"
        r"(?:network of )?tunnels? (?:\S+\s+){0,3}?(?:found|discovered|uncovered)|"
        r"(?:found|discovered|uncovered|unearthed) (?:an? |the )?(?:\w+ )?"
        r"(?:network of |series of )?tunnels?",
        "other",
        None,
    ),
    (
        r"attack(?:s|ed|ing|ers?)?|assault(?:s|ed|ing)?|strikes?|struck|raids?|raided|"
        r"launched (?:an?|their|its) (?:\w+ )?offensive|onslaught|retaliat(?:ed|e)|stormed|"
        r"storming|blitz\w*",
        GENERIC,
        None,
    ),
)


# ---------------------------------------------------------------------------- matching
# One alternation of every pattern is slow: the engine tries all of them at every position.
# Triggers start at a word, so the scan visits word starts only and, at each, tries only
# the branches that can begin with that word's first character.
def _split_top(pattern: str) -> list[str]:
    """Top-level alternatives of a pattern (outside groups and character classes)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _group_end(pattern: str, start: int) -> int:
    """Index just past the group that opens at ``start``."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced group in {pattern!r}")


_ANY_START = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _first_chars(branch: str) -> frozenset[str]:
    """Characters a match of ``branch`` can begin with (all, when unsure)."""
    s = branch
    while s.startswith(("(?<!", "(?<=", "(?=", "(?!")):
        s = s[_group_end(s, 0) :]
    if not s:
        return _ANY_START
    optional = False
    if s.startswith("(?:"):
        end = _group_end(s, 0)
        chars = frozenset().union(*(_first_chars(b) for b in _split_top(s[3 : end - 1])))
        optional = s[end : end + 1] in ("?", "*")
        rest = s[end + 1 :]
    elif s.startswith("\\d"):
        chars, rest = frozenset("0123456789"), s[2:]
        optional = s[2:3] in ("?", "*")
        rest = s[3:] if optional else rest
    elif s[0].isalnum():
        chars, rest = frozenset(s[0]), s[2:]
        optional = s[1:2] in ("?", "*")
    else:
        return _ANY_START
    return chars | _first_chars(rest) if optional else chars


def _dispatch() -> dict[str, re.Pattern[str]]:
    starts = [
        [(branch, _first_chars(branch)) for branch in _split_top(pattern)]
        for pattern, _, _ in _PATTERNS
    ]
    by_char: dict[str, re.Pattern[str]] = {}
    for char in _ANY_START:
        groups = []
        for i, branches in enumerate(starts):
            fitting = [branch for branch, chars in branches if char in chars]
            if fitting:
                groups.append(f"(?P<t{i}>(?:{'|'.join(fitting)})(?!\\w))")
        if groups:
            by_char[char] = re.compile("|".join(groups))
    return by_char


_BY_CHAR = _dispatch()
_WORD_START = re.compile(r"(?<![\w-])[a-z0-9]")


def _matches(lower: str) -> list[re.Match[str]]:
    """Non-overlapping trigger matches, left to right, as one alternation would find them."""
    found: list[re.Match[str]] = []
    resume = 0
    for word in _WORD_START.finditer(lower):
        at = word.start()
        if at < resume:
            continue
        pattern = _BY_CHAR.get(lower[at])
        match = pattern.match(lower, at) if pattern is not None else None
        if match is not None:
            found.append(match)
            resume = match.end()
    return found


VIOLENT_TYPES = frozenset(
    {
        "chemical_weapon",
        "suicide_bomb",
        "air_drone_strike",
        "shelling_artillery_missile_attack",
        "remote_explosive_landmine_ied",
        "grenade",
        "sexual_violence",
        "abduction_forced_disappearance",
        "armed_clash",
        "attack",
        "government_regains_territory",
        "non_state_actor_overtakes_territory",
        "violent_demonstration",
        "mob_violence",
        GENERIC,
    }
)
PROTEST_TYPES = frozenset({"peaceful_protest", "violent_demonstration", "mob_violence"})
_WEAPON_KINDS = frozenset(
    {
        "chemical_weapon",
        "suicide_bomb",
        "shelling_artillery_missile_attack",
        "remote_explosive_landmine_ied",
        "grenade",
    }
)

# ---------------------------------------------------------------------------- filters
_NEGATION = re.compile(
    r"\b(?:no|not|never|n't|without|false|nor|neither|prevented|averted|avoid(?:ed)?|"
    r"rule[sd]? out|denied reports? of|no reports? of)\b(?P<rest>(?:\s+\S+){0,4})\s*$"
)
# After a negation, words that negate something else than the act: "no group has claimed
# the attack", "it was not immediately clear who carried out the shooting".
_NEGATION_OF_OTHER = re.compile(
    r"\b(?:claim\w*|responsib\w*|clear|known|only|identified|immediately|one|hurt|injur\w*|"
    r"casualt\w*|first|longer|since|yet|the first|just|for|of|about|in|into|behind|after|"
    r"from|regarding|related|connected|linked|over)\b"
)
_IRREALIS = re.compile(
    r"(?<![\w-])(?:would|could|might|(?<!in )(?<!since )(?<!early )(?<!late )(?<!mid-)"
    r"(?<!of )may(?!\s+\d)|will|shall|should|must|'ll|going to|"
    r"plan(?:s|ned|ning)? to|plot(?:s|ted|ting)? to|intend(?:s|ed)? to|"
    r"threat(?:en|ens|ened|ening)?(?: to)?|"
    r"vow(?:s|ed)? to|warn(?:s|ed|ing)? (?:of|that|against)|if|unless|fear(?:s|ed)? (?:of )?|"
    r"risk of|potential|possible|possibility of|prepare[sd]? to|preparing to|aim(?:s|ed)? to|"
    r"try(?:ing)? to|tried to|attempt(?:s|ed)? to|seek(?:s|ing)? to|call(?:s|ed|ing)? for|"
    r"urge[sd]? |demand(?:s|ed)?|prevent|in case of|ready to|readiness to|want(?:s|ed)? to|"
    r"capable of|able to|push to|order(?:s|ed)? to|pledge[sd]? to|promise[sd]? to|"
    r"allegations? of|ask(?:s|ed|ing)? (?:\w+ )?to|propos(?:e|es|ed|al|ing) to|"
    r"expected to|scheduled to|set to|likely to|about to|in order to|so as to|bid to|"
    r"designed to|meant to|in preparation (?:of|for)|in anticipation of|ahead of|"
    r"anniversary of|memorial|commemorat\w+|remember(?:ing|ed)?|mock|simulated|hypothetical|"
    r"planning|plotting|preparing|can|cannot|can't|allow(?:s|ed|ing)?|authori[sz](?:e|es|ed|ing)|"
    r"suggest(?:s|ed|ing)?(?: that)?|once (?:a|an|the))\b(?:\s+\S+){0,3}\s*$"
)
_IRREALIS_NEAR = re.compile(r"\b(?:tasked with|expected|anticipated)(?:\s+\S+)?\s*$")
_DEFINITE = re.compile(
    r"(?<![\w-])(?:the|this|that|these|those|\w+['’]s|last (?:week|month|year)['’]s)\s+"
    r"(?:[\w-]+\s+){0,2}$"
)
# "stop the bombings", "an end to violence": acts asked to end, not reported.
_DIRECTIVE = re.compile(
    r"\b(?:stop|cease|halt|end|ending|an end to|ban|banning|prohibit\w*|eradicate|reject\w*|"
    r"renounc\w*|curb|combat|combating|counter|deter|avoid)(?: the| all| any| further| more)?"
    r"\s*$"
)
# "Stop the assassinations, arrests and torture": every act listed is a demand.
_DIRECTIVE_SENTENCE = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:immediately\s+)?(?:stop|cease|halt|end|ban|put an end to)\b"
)
# "marched to protest the killing": the march is the protest, not a plan.
_PROTEST_PURPOSE = re.compile(
    r"\b(?:streets|shutdown|strike|sit-ins?|marched|rallied|gathered|assembled|came out|"
    r"turned out|walked out|blocked \w+|demonstrated|converged|vigils?|boycott\w*|held (?:\w+ )?"
    r"(?:rall(?:y|ies)|marches|march|sit-ins?|meetings?|demonstrations?))\b(?:\s+\S+){0,4}\s+to\s*$"
)
_DIPLOMATIC_REACTION = re.compile(
    r"\b(?:sanctions?|embargo|expel\w*|summon\w*|recall(?:ed|s)? (?:its |their )?ambassadors?)"
    r"\b[^.;]{0,100}\b(?:in response to|in retaliation for|over|for|after)\s+"
    r"(?:\S+\s+){0,5}$"
)
_NAME_LIKE = re.compile(r"lynch|battle|mobs?|strikes?|rally|march|riots?|raids?|shot")
_STILL_HAPPENING_TO = re.compile(
    r"\b(?:led|due|prior|close|next|according|similar|response|linked|related|near|up|"
    r"return(?:ed)?|back|fell|fallen|falls|subjected|exposed|continu(?:e|es|ed|ing)|began|"
    r"begun|started|went on|managed|proceeded|used)\s+to\s*$"
)
_IRREALIS_WIDE = re.compile(
    r"(?<![\w-])(?:would|could|might|(?<!in )(?<!since )(?<!early )(?<!late )(?<!mid-)"
    r"(?<!of )may(?!\s+\d)|will|shall|should|must|'ll|going to|"
    r"plan(?:s|ned|ning)? to|threat(?:en|ens|ened|ening)? to|vow(?:s|ed)? to|fear(?:s|ed)?|"
    r"warn(?:s|ed|ing)?|if|"
    r"unless|prepare[sd]? to|ready to|call(?:s|ed|ing)? for|urge[sd]?)\b(?:\s+\S+){0,3}\s*$"
)
# "a blistering attack on the budget", "panic attack", "shot to fame".
_METAPHOR_BEFORE = re.compile(
    r"\b(?:verbal|blistering|scathing|stinging|withering|rhetorical|vitriolic|fierce verbal|"
    r"cyber|ransomware|hacking|phishing|heart|panic|asthma|anxiety|charm|box[- ]office|photo|"
    r"film|movie|music|video|mug|booster|flu|vaccine|penalty|three-point|jump|slap|tee|chaser|"
    r"lightning|social|ticking|demographic|economic|population|price|court|custody|uphill|"
    r"electoral|trade|brain|sun|bee|insect|dog|snake|shark|bear|missile and nuclear|"
    r"nuclear and|nuclear|gas and|bull|fake)\s*$"
)
# Before words that prose outside violence uses too ("attack", "strike", "shot", "battle"):
# "a personal attack", "his best shot", "a long battle", "tear gas attack" is still gas.
_METAPHOR_BEFORE_LOOSE = re.compile(
    r"\b(?:political|personal|media|legal|sharp|written|sustained political|big|long|best|"
    r"parting|opening|cheap|free|election|data|labou?r|car|rally|tear|pepper)\s*$"
)
_MEANS_TO = re.compile(
    r"\b(?:used|using|fired|firing|deployed|lobbed|sprayed|with)\b(?:\s+\S+){0,5}\s+to\s*$"
)
# "lodged a protest", "resigned in protest": a complaint, not a demonstration.
_PROTEST_METAPHOR_BEFORE = re.compile(
    r"\b(?:lodged an?|filed an?|formal|diplomatic|official|in|a strong|strong|letter of|"
    r"note of)\s*$"
)
_CAMPAIGN_RALLY_BEFORE = re.compile(
    r"\b(?:(?:campaign|election|electoral|presidential|inauguration)|(?:president|prime minister|"
    r"premier|candidate|governor|chief minister|minister)\s+(?:\S+\s+){0,3}?\S+['’]s)\s*$"
)
_METAPHOR_AFTER = re.compile(
    r"^\s*(?:on|against|of)\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+|a\s+)?(?:\S+\s+)?"
    r"(?:budget|policy|policies|plan|bill|law|proposal|reform|record|reputation|credibility|"
    r"critics?|press|media|opponents?|rival|candidate|campaign|"
    r"decision|idea|ruling|report|economy|deal|tax|taxes|agenda|legislation|"
    r"stance|comments?|remarks?|leadership|election|vote|market|markets|prices?|shares|stocks|"
    r"dollar|currency|rates?|inflation|title|championship|goal|basket|freedom|democracy|"
    r"growth|popularity|interest|support|hope|anger|joy|colou?r)\b"
    r"|^\s*(?:against|on)\s+(?:the\s+)?(?:\w+\s+)?(?:terrorism|terror|crime|corruption|poverty|"
    r"drugs?|drug trafficking|narco\w*|trafficking|impunity|disease|virus|covid|pandemic|cancer|"
    r"wildfires?|fires?|inflation|climate|hunger|illiteracy|violence|insecurity)\b"
    r"|^\s*(?:to fame|up the charts|down the bill|the bill|prices?|a deal|out of|past|through "
    r"the roof|a pose|a chord|the ball|hoops|baskets|pool|a video|a film|a movie|footage|"
    r"from the past|casings?|threats?|scares?|hoax\w*|(?:and \w+ )?(?:tests?|testing|"
    r"programs?|programmes?|development|technology|defen[cs]e systems?|shield|launches and)|"
    r"the (?:bill|deal|proposal|plan|idea|project|motion|mood|momentum|legislation)|"
    r"(?:a |the )?(?:search )?warrants?|time\b)"
    r"|^\s*(?:a\s+)?(?:deal|agreement)\s+(?:on|with)\s+(?:trade|tariffs|budget)"
    r"|^\s*(?:on\s+|against\s+)?(?:the\s+|an?\s+|its\s+|their\s+|his\s+|her\s+)?(?:\S+\s+)"
    r"{0,2}?(?:websites?|web ?sites?|web ?pages?|servers?|computer (?:systems?|networks?)|"
    r"e-?mail accounts?|databases?)\b"
    r"|^\s*(?:the\s+|their\s+|our\s+|his\s+|her\s+)?(?:\w+\s+)?(?:feelings|hopes?|dreams?|"
    r"confidence|trust|morale|credibility|will|spirit|future|career|chances|relationship)\b"
    r"|^\s*by (?:an? |the )?(?:\w+ )?(?:car|vehicle|truck|train|bus|lightning|carrier|ship|"
    r"boat|tree|motorist|driver)s?\b",
)
# "fighting deportation", "fire fighting"; "executed a plan".
_FIGHT_METAPHOR_AFTER = re.compile(
    r"^\s*(?:deportation|extradition|eviction|the charges|charges|a lawsuit|lawsuits|cancer|"
    r"illness|for (?:his|her|their) li(?:fe|ves)|back tears|tears|fires?|the fire|the blaze|"
    r"flames|terrorism|terror|crime|corruption|poverty|drug trafficking|narco\w*|impunity|"
    r"inflation|hunger|illiteracy|the virus|the pandemic|the disease)\b"
)
_EXECUTE_METAPHOR_AFTER = re.compile(
    r"^\s*(?:a |the |his |her |their )?(?:search |arrest )?(?:plan|strategy|order|orders|trade|"
    r"contract|command|maneuver|manoeuvre|move|play|transaction|warrant|search)s?\b"
)
_NON_VIOLENT_CONTEXT = re.compile(
    r"\b(?:shares|stocks|markets|stock market|prices?|investors|earnings|nasdaq|dow|s&p|economy|"
    r"team|season|game|match|coach|playoffs?|tournament|league|goal|scored|film|movie|album|"
    r"photographer|photo shoot|filming|camera|election campaign|poll|polls|senator|congress|"
    r"parliament debate|budget)\b"
)
# Words that prose outside violence uses too: "the team's attack", "the film bombed".
_LOOSE_WORD = re.compile(
    r"attack\w*|assault\w*|strikes?|struck|raids?|raided|shot|shoot\w*|kill\w*|bomb\w*|"
    r"blasts?|explo\w*|clash\w*|battl\w*|fight\w*|fought|hit|massacre\w*|murder\w*|"
    r"executed|onslaught|stormed|storming|blitz\w*"
)
_STRONG_VIOLENCE = re.compile(
    r"\b(?:killed|dead|died|wounded|injured|gunm[ae]n|gunfire|bomb|police|militants?|troops|"
    r"soldiers|forces|weapon|rifle|pistol|handgun|gun|bullet|explosion|blast|victims?|"
    r"shot|shooting|fatal(?:ly)?|hospital)\b"
)
# Accidents and disasters kill and explode too; they are not incidents.
_DISASTER = re.compile(
    r"\b(?:accident(?:al(?:ly)?|s)?|crash(?:ed|es)?|collision|collided|derail\w*|capsiz\w*|"
    r"sank|sinking|shipwreck|earthquakes?|quakes?|tremors?|floods?|flooding|landslides?|"
    r"mudslides?|tsunami|volcan\w*|eruption|cyclones?|hurricanes?|typhoons?|tornado(?:es)?|"
    r"storms?|blizzard|avalanche|lightning|heat ?waves?|droughts?|wildfires?|bushfires?|"
    r"forest fires?|fire broke out|blaze|leak(?:ed|s|age)?|gas (?:cylinder|explosion|tank|"
    r"pipeline|line)s?|propane|methane|boiler|transformer|cylinders?|fireworks?|"
    r"ammonium nitrate|solvents?|factory|warehouse|refinery|coal mine|mine shaft|reactor|"
    r"short circuit|electrocut\w*|collaps\w*|stampede|drown\w*|overdose|poisoning|epidemic|"
    r"pandemic|outbreak|covid(?:-19)?|coronavirus|virus|infections?|rainfall|rains|plant|"
    r"industrial|chemicals|toxic|cyanide|flames|fire ?fight(?:ers|ing)|firemen|"
    r"(?:a|the|house|building|huge|massive|large|major|deadly|factory|warehouse) fire|"
    r"fires? (?:broke|raged|swept|burn\w*|engulf\w*|spread|destroyed|gutted))\b"
)
_VIOLENT_CUE = re.compile(
    r"\b(?:attack\w*|bomb(?:er|ers|ing|ings)?|bombed|militants?|insurgents?|rebels?|"
    r"terroris\w*|gunm[ae]n|shoot\w*|shot|gunfire|suicide|jihad\w*|troops|soldiers|armed|"
    r"assailants?|ieds?|grenades?|rockets?|missiles?|shell(?:ed|ing)|arson\w*|deliberate\w*|"
    r"sabotage\w*|planted|firearms?|guns?|rifles?|pistols?|handguns?|stabb\w*|murder\w*|"
    r"homicide|police said the (?:man|woman|suspect)|open(?:ed)? fire|fired (?:at|on|into|shots)|"
    r"set fire|set (?:\w+ )?ablaze|torch(?:ed|ing)|arson\w*|munitions|chemical weapons?|chlorine|"
    r"hunting|hunters?|"
    r"sarin)\b"
)
_DISASTER_PRONE = frozenset(
    {
        "attack",
        GENERIC,
        "remote_explosive_landmine_ied",
        "shelling_artillery_missile_attack",
        "chemical_weapon",
        "armed_clash",
        PROPERTY,
        TERRITORY,
        RETAKE,
        "change_to_group_activity",
        "other",
    }
)


# Damage only people do: looting is never an accident.
_HUMAN_DAMAGE = re.compile(r"loot|ransack|vandali|torch|arson|plunder|stole|steal")


def is_disaster_text(text: str) -> bool:
    """An article about an accident or a disaster, with nothing that points to violence."""
    lower = text.lower()
    return bool(_DISASTER.search(lower)) and not _VIOLENT_CUE.search(lower)


# Arrests count when they belong to a conflict, not to ordinary crime.
_CONFLICT_LINK = re.compile(
    r"\b(?:terror\w*|militants?|militan\w*|rebels?|insurgen\w*|jihad\w*|extremis\w*|"
    r"islamist\w*|separatis\w*|guerrill\w*|activists?|protest\w*|demonstrat\w*|opposition|"
    r"dissidents?|journalists?|politic\w*|coup|plot\w*|bomb\w*|attack\w*|shoot\w*|shot|"
    r"kill\w*|murder\w*|assassinat\w*|kidnap\w*|gunm[ae]n|armed|weapons?|arms|explosives?|"
    r"militia\w*|fighters?|soldiers?|army|military|commanders?|spy|spies|espionage|treason|"
    r"sedition|unrest|riot\w*|clash\w*|violence|insurgency|cells?|affiliat\w*|supporters|"
    r"ringleaders?|organi[sz]ers?|leaders?|members of (?:a|an|the) (?:\w+ )?(?:group|"
    r"organi[sz]ation|movement|party|cell|network)|suspected (?:members|militants|terrorists)|"
    r"blasphem\w*|insult\w*|defam\w*|critici[sz]\w*|sedition|dissent\w*|"
    r"posts? on (?:social media|facebook|twitter)|"
    # political life: who a state arrests for it is ACLED's arrests, not ordinary crime
    r"part(?:y|ies)|mps?|lawmakers?|parliamentarians?|politicians?|candidates?|campaigners?|"
    r"elections?|electoral|students?|lawyers?|bloggers?|writers?|poets?|rights defenders|"
    r"human rights|critics?|regime|curfew|incit\w*|subversi\w*|sabotage|unlawful assembly|"
    r"outlawed|banned (?:group|organi[sz]ation|party|movement)|charges?|charged|"
    r"palestinians?|clerics?|imams?|maoists?|naxal\w*|brotherhood|daesh|isis|isil|al-qaeda|"
    r"al-shabaa?b|taliban|boko haram|pkk|hamas|hezbollah|links? to|ties to|membership|"
    r"movement|marche[sd]|marchers|marching|rall(?:y|ies|ied)|sit-ins?|"
    r"to (?:march|protest|rally|demonstrate))\b"
)
_ORDINARY_CRIME = re.compile(
    r"\b(?:drugs?|narcotics?|cocaine|heroin|cannabis|marijuana|smuggl\w*|traffick\w*|"
    r"robber(?:y|ies)|robbed|theft|thie(?:f|ves)|burglar\w*|fraud\w*|counterfeit\w*|brib\w*|"
    r"poach\w*|contraband|launder\w*|scam\w*|cyber\w*|gang)\b"
)
_STRONG_CONFLICT = re.compile(
    r"\b(?:terror\w*|militants?|rebels?|insurgen\w*|jihad\w*|extremis\w*|islamist\w*|"
    r"separatis\w*|guerrill\w*|activists?|protest\w*|opposition|journalists?|coup|bomb\w*|"
    r"militia\w*|army|military|soldiers?)\b"
)
_MILITARY_CONTEXT = re.compile(
    r"\b(?:troops|forces|soldiers|army|military|militants?|rebels?|fighters|militia\w*|"
    r"insurgents?|guerrill\w*|armed|units|battalions?|brigades?|regiments?|defen[cs]e|"
    r"coalition|peacekeep\w*|nato|jihadists?|group|airspace|navy|warships?|factions?|"
    r"frontlines?|front lines?|positions|terror\w*|sects?)\b"
)
_LABOUR = re.compile(
    r"\b(?:workers|teachers|doctors|nurses|miners|drivers|union|unions|employees|staff|wages?|"
    r"pay|salar(?:y|ies)|pensions?|labou?r|students)\b"
)
_THEFT = re.compile(r"stole|stolen|steal(?:ing|s)?|made away with|broke into|broken into")
_REFERENCE_LINK = re.compile(
    r"\b(?:(?:related|linked|connected|tied) to|in connection with)\s+(?:an?\s+|the\s+)?"
    r"(?:\S+\s+)?$"
)
# Things, not people: an attack on them with no one hurt is destruction of property.
_PROPERTY_OBJECT = re.compile(
    r"\s+(?:on|against)\s+(?:the\s+|their\s+|its\s+|his\s+|her\s+)?(?:[\w'’-]+\s+)?(?:propert(?:y|ies)|"
    r"buildings|shops|stores|businesses|homes|houses|offices|establishments|premises|vehicles|"
    r"cars|farms|crops)\b"
)
_CAMPAIGN_AFTER = re.compile(r"^\s*(?:campaigns?|operations?\b(?! against)|strategy)")


@dataclass(frozen=True, slots=True)
class TriggerMention:
    sub_event_type: str  # a taxonomy sub-event type, or GENERIC/TERRITORY/... (see above)
    weapon: str | None
    start: int  # offsets within the sentence
    end: int
    text: str


def _clause_before(sentence: str, start: int) -> str:
    head = sentence[max(0, start - 80) : start]
    cut = max(
        head.rfind(","),
        head.rfind(";"),
        head.rfind(":"),
        head.rfind("—"),
        head.rfind(" but "),
        head.rfind(" and "),
        head.rfind("\u201c"),
        head.rfind('"'),
    )
    return head[cut + 1 :] if cut >= 0 else head


def _is_metaphor(lower: str, start: int, end: int, kind: str) -> bool:
    before = lower[max(0, start - 30) : start]
    after = lower[end : end + 50]
    word = lower[start:end]
    if _METAPHOR_BEFORE.search(before):
        return True
    if kind in ("peaceful_protest", "protest_with_intervention", RIOT):
        # Demonstrators protest against a law, prices, an election or violence: what a
        # protest is against is no sign of a figure of speech.
        if re.match(r"(?:ed|s|ing)?\s+(?:his|her|their|its|my|our) innocence", lower[end:]):
            return True  # "protested his innocence"
    elif _METAPHOR_AFTER.match(after):
        return True
    if _LOOSE_WORD.fullmatch(word) and _METAPHOR_BEFORE_LOOSE.search(before):
        return True
    if kind == "peaceful_protest" and _PROTEST_METAPHOR_BEFORE.search(before):
        return word.startswith("protest") or not before.rstrip().endswith(" in")
    if word.startswith("rall") and re.match(r"\s*(?:around|behind|round|to support)\b", after):
        return True  # "neighbours rallied around the family"
    if word.startswith("rall") and _CAMPAIGN_RALLY_BEFORE.search(before):
        return True  # "before President Kenyatta's rally": a campaign event, not a protest
    if word.startswith(("fight", "battl", "combat")) and (
        before.rstrip().endswith("fire") or _FIGHT_METAPHOR_AFTER.match(after)
    ):
        return True
    if word.startswith("execut") and _EXECUTE_METAPHOR_AFTER.match(after):
        return True
    if word in ("shoot", "shoots") and re.search(
        r"\b(?:video|film|photo|fashion|movie|music video|commercial)\s*$", before
    ):
        return True  # "a photo shoot"
    if word.startswith("shoot") and re.match(
        r"\s+(?:a |the |his |her |their |some )?(?:video|film|footage|photos?|pictures?|"
        r"movie|documentary|commercial)",
        after,
    ):
        return True  # "shooting a film"
    if word in ("shot", "shooting") and re.search(
        r"\b(?:video|film|footage|photos?|pictures?|scenes?|movie|documentary|commercial)\s+"
        r"(?:was|were|is|are|had been|has been|being)\s+(?:\w+\s+)?$",
        before,
    ):
        return True  # "the video was shot in May"
    if kind in (
        GENERIC,
        "remote_explosive_landmine_ied",
        "shelling_artillery_missile_attack",
    ) and _CAMPAIGN_AFTER.match(after):
        return True  # "a bombing campaign": an ongoing effort, not one act
    # Market, sport and campaign prose uses violent verbs loosely; accept a trigger there
    # only when the sentence also carries unmistakable violence.
    if word == "shot" and re.search(r"\b(?:was|were|been|being|got)\s+$", before):
        return False  # "five teenagers were shot after a basketball tournament"
    if _PROPERTY_OBJECT.match(after):
        return False  # "attacks on shops hurt the economy": the shops were attacked
    return (
        kind in ("attack", GENERIC, "remote_explosive_landmine_ied", "armed_clash")
        and bool(_LOOSE_WORD.fullmatch(word))
        and bool(_NON_VIOLENT_CONTEXT.search(lower))
        and not _STRONG_VIOLENCE.search(lower[:start] + " " + lower[end:])
    )


def _negated(clause: str) -> bool:
    match = _NEGATION.search(clause)
    return match is not None and not _NEGATION_OF_OTHER.search(match.group("rest"))


def is_irrealis(sentence: str, start: int, *, purpose: bool = True) -> bool:
    """Negated, hypothetical, threatened or future: the act is not reported as having happened.

    ``purpose``: whether "to attack" (an aim) counts; "marched to protest" is a protest.
    """
    lower = sentence.lower()
    clause = _clause_before(lower, start)
    tail = clause[-60:]
    # "what may have prompted the shooting", "were able to repel the attack": "the shooting"
    # presupposes that it happened, whatever the clause says about something else.
    definite = bool(_DEFINITE.search(tail)) and not _IRREALIS_NEAR.search(tail)
    if not definite and (
        _negated(tail)
        or _IRREALIS_WIDE.search(tail)
        or _IRREALIS.search(tail)
        or _IRREALIS_NEAR.search(tail)
    ):
        return True
    if _DIRECTIVE.search(tail) or _REFERENCE_LINK.search(tail):
        return True  # "stop the bombings"; "a firearm linked to a murder": another act
    # "to attack", "to retake": purpose or intention, not an act.
    return (
        purpose and bool(re.search(r"\bto\s*$", clause)) and not _STILL_HAPPENING_TO.search(clause)
    )


# "some bombings and shootings", "the constant raids", "most of the murders": acts in general.
_GENERIC_QUANTIFIER = re.compile(
    r"\b(?:some|many|constant|frequent|repeated|continuous|continued|continuing|numerous|such|"
    r"any|more|further|indiscriminate|countless|daily|occasional|sporadic|most of the|all the|"
    r"wave of|series of|campaign of|acts of|kind of|type of|types of)\s+(?:[\w-]+\s+)?$"
)
_PLURAL_ACT = re.compile(
    r"(?:attacks|bombings|shootings|killings|kidnappings|abductions|raids|murders|"
    r"assassinations|massacres|arrests|clashes|explosions|bombs|protests|demonstrations|"
    r"disappearances|executions|rapes|lootings|riots)"
)
_SPECIFIC = re.compile(
    r"\d|\b(?:yesterday|today|tonight|last night|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|january|february|march|april|june|july|august|september|october|"
    r"november|december)\b"
)
# "the report that he was wounded is absolutely unfounded"
_DENIED_REPORT = re.compile(
    r"\b(?:reports?|rumou?rs?|claims?|allegations?|news|versions?|stories)\s+that\b.*\b(?:is|are|"
    r"was|were)\s+(?:\w+\s+)?(?:false|unfounded|untrue|baseless|groundless|lies|a lie|"
    r"fabricat\w*|inaccurate)\b"
)


def _generic_act(lower: str, start: int, end: int) -> bool:
    """A plural act named in general, with no day or number to pin it down."""
    if not _PLURAL_ACT.fullmatch(lower[start:end]):
        return False
    if _SPECIFIC.search(lower):
        return False
    before = lower[max(0, start - 40) : start]
    listed = bool(re.search(r",\s*$", before)) or bool(
        re.match(
            r"\s*(?:,|and|or)\s+(?:\w+\s+)?(?:extortion|terrorism|narcoterrorism|"
            r"violence|crimes?|repression|threats|intimidation|torture|persecution|"
            r"harassment|\w+ings|\w+tions)\b",
            lower[end : end + 40],
        )
    )
    return bool(_GENERIC_QUANTIFIER.search(before)) or listed


_ONGOING_BEFORE = re.compile(r"\b(?:has|have|had) been\s+$")
# Months or years of it, not "since Monday": a few days of shelling can still be one event.
_ONGOING_SPAN = re.compile(
    r"\bsince (?:(?:early|late|mid-?)\s*)?(?:the (?:start|end|beginning|middle) of|last (?:month|"
    r"year)|\d{4}|january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b|\bfor (?:the (?:past|last) )?(?:\w+ )?(?:months|years)\b"
)


def _ongoing_campaign(lower: str, start: int, end: int) -> bool:
    """ "The coalition has been bombing the rebels since March": a campaign, not one act."""
    return (
        lower.endswith("ing", start, end)
        and bool(_ONGOING_BEFORE.search(lower, max(0, start - 20), start))
        and bool(_ONGOING_SPAN.search(lower, end))
    )


def find_triggers(sentence: str, *, disaster_context: bool = False) -> list[TriggerMention]:
    """Trigger words that report an act that happened, in sentence order.

    ``disaster_context``: the article is about an accident or a disaster (see
    ``is_disaster_text``), so "the explosion" here is that accident too.
    """
    lower = sentence.lower()
    if len(lower) != len(sentence):  # a character whose lower case is longer: keep offsets
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in sentence)
    question = sentence.rstrip().endswith("?")
    directive = bool(_DIRECTIVE_SENTENCE.match(lower))
    denied_report = _DENIED_REPORT.search(lower)
    found: list[TriggerMention] = []
    disaster: bool | None = None
    for match in _matches(lower):
        group = match.lastgroup
        if group is None:
            continue
        _, kind, weapon = _PATTERNS[int(group[1:])]
        start, end = match.span()
        if question or _is_metaphor(lower, start, end, kind):
            continue
        if _generic_act(lower, start, end) or _ongoing_campaign(lower, start, end):
            continue
        if denied_report and start > denied_report.start() and end < denied_report.end():
            continue
        if _NAME_LIKE.fullmatch(lower[start:end]) and _is_name(sentence, start):
            continue  # "Greg Lynch", "Battle Creek"
        purpose = kind != "peaceful_protest" or not _PROTEST_PURPOSE.search(lower, 0, start)
        if kind == "protest_with_intervention" and _MEANS_TO.search(lower, 0, start):
            purpose = False  # "used batons to break up the sit-in": the means were used
        if is_irrealis(lower, start, purpose=purpose) or directive:
            continue
        if kind in _DISASTER_PRONE and not _HUMAN_DAMAGE.match(lower, start):
            if disaster is None:
                disaster = (disaster_context or bool(_DISASTER.search(lower))) and not (
                    _VIOLENT_CUE.search(lower)
                )
            if disaster:
                continue
        if kind == TERRITORY and not _takes_a_place(sentence, lower, end):
            continue
        if kind != "protest_with_intervention" and _DIPLOMATIC_REACTION.search(lower, 0, start):
            continue  # "sanctions in response to its chemical attack": news of the sanctions
        if kind == CAPTURE:
            captured = _capture_kind(sentence, lower, start, end)
            if captured is None:
                continue
            kind = captured
        if kind in ("arrests", CAPTURE) and not _linked_to_conflict(lower):
            continue
        if _THEFT.fullmatch(lower, start, end) and not _linked_to_conflict(lower):
            continue  # "recovered stolen property": a burglary, not looting
        if kind == "change_to_group_activity" and not _MILITARY_CONTEXT.search(lower):
            continue
        if kind == GENERIC and match.group(0).startswith("strik") and _LABOUR.search(lower):
            kind = "peaceful_protest"  # a labour strike
        found.append(TriggerMention(kind, weapon, start, end, sentence[start:end]))
    return found


def _is_name(sentence: str, start: int) -> bool:
    """A capitalised word inside a sentence in ordinary case: a name, not the verb."""
    word = sentence[start:].split(maxsplit=1)[0]
    if not word[0].isupper() or not word[1:].islower():
        return False
    head = sentence[:start].rstrip()
    letters = [c for c in sentence if c.isalpha()]
    upper_text = sum(c.isupper() for c in letters) > 0.6 * len(letters)
    words = [w for w in sentence.split() if w[:1].isalpha()]
    title_case = sum(w[0].isupper() for w in words) > 0.6 * len(words)  # a headline
    return bool(head) and head[-1] not in '.!?:"“' and not upper_text and not title_case


def _takes_a_place(sentence: str, lower: str, end: int) -> bool:
    """ "took control of Palmyra", not "took control of the fire fighting"."""
    if not lower.endswith("control", 0, end):
        return True  # the pattern itself required a place noun
    after = lower[end : end + 70]
    if re.match(rf"\s+(?:\S+\s+){{0,3}}?(?:of|over)\s+(?:\S+\s+){{0,7}}?{_PLACE_NOUN}\b", after):
        return True
    upper_text = sum(c.isupper() for c in sentence) > 0.6 * sum(c.isalpha() for c in sentence)
    return not upper_text and bool(
        re.match(r"\s+(?:\S+\s+){0,3}?(?:of|over)\s+(?:the\s+)?[A-Z]", sentence[end : end + 60])
    )


def _capture_kind(sentence: str, lower: str, start: int, end: int) -> str | None:
    """ "captured Palmyra" takes a place; "captured five militants" takes people."""
    if _PERSON_OBJECT.match(lower[end : end + 60]):
        return CAPTURE
    upper_text = sum(c.isupper() for c in sentence) > 0.6 * sum(c.isalpha() for c in sentence)
    if not upper_text and re.match(
        r"\s+(?:the\s+)?(?!(?:in|at|on|by|near|from|after|during|while|with|to|for|outside|"
        r"inside|when|as|and|but|or)\s)(?:\w+\s+)?[A-Z][\w'’-]+",
        sentence[end:],
    ):
        return TERRITORY
    return CAPTURE if lower.startswith("captur", start) else None  # "seized" alone: nothing


def _linked_to_conflict(lower: str) -> bool:
    if not _CONFLICT_LINK.search(lower):
        return False
    return not _ORDINARY_CRIME.search(lower) or bool(_STRONG_CONFLICT.search(lower))


# ---------------------------------------------------------------------------- typing
_RANKING: tuple[str, ...] = (
    "chemical_weapon",
    "suicide_bomb",
    "air_drone_strike",
    "shelling_artillery_missile_attack",
    "grenade",
    "remote_explosive_landmine_ied",
    "sexual_violence",
    "abduction_forced_disappearance",
    TERRITORY,
    RETAKE,
    "government_regains_territory",
    "non_state_actor_overtakes_territory",
    "excessive_force_against_protesters",
    "protest_with_intervention",
    "violent_demonstration",
    RIOT,
    "mob_violence",
    "armed_clash",
    "attack",
    GENERIC,
    "non_violent_transfer_of_territory",
    "peaceful_protest",
    "disrupted_weapons_use",
    "agreement",
    CAPTURE,
    "arrests",
    "headquarters_or_base_established",
    PROPERTY,
    "looting_property_destruction",
    "change_to_group_activity",
    "other",
)
_RANK = {kind: i for i, kind in enumerate(_RANKING)}

_AIRCRAFT = re.compile(
    r"\b(?:air ?strikes?|air raids?|warplanes?|war planes?|fighter jets?|jets|aircraft|"
    r"helicopters?|gunships?|drones?|air force|bombers|planes?|airplanes?|aerial)\b"
)
_MISSILE = re.compile(r"\b(?:missiles?|rockets?|mortars?|artillery|shell(?:s|ing|ed))\b")
_SELF_KILLED = re.compile(r"\b(?:killing|blowing up|killed) (?:themselves|himself|herself)\b")
_MILITARY_TARGET = re.compile(
    r"\b(?:soldiers?|troops|security (?:forces?|personnel|force members)|"
    r"(?:army|military|police|security|border|government) (?:bases?|posts?|checkpoints?|"
    r"convoys?|patrols?|positions?|outposts?|stations?|units?|vehicles?|headquarters|"
    r"barracks|camps?|trainees|recruits|personnel|forces)|checkpoints?|"
    r"outposts?|barracks|garrisons?|convoys?|patrols?|positions|military base|bases?|"
    r"policemen|gendarmes|peacekeepers?|militiamen|servicemen|paramilitar\w*|guards?men|"
    r"national guard|marines|commandos|government forces|pro-government forces|"
    r"(?:security|police|army) force members|frontlines?|front lines?)\b"
)
_ARMED_TARGET = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|terrorists?|jihadists?|guerrillas?|fighters|"
    r"extremists|separatists|gunmen|militiamen|militias?)\b"
)
_DEMONSTRATOR_VIOLENCE = re.compile(
    r"\b(?:turned violent|violent (?:protests?|demonstrations?|clashes)|street violence|"
    r"escalating violence|clash(?:ed|es)? with (?:the )?(?:police|security forces|riot police|"
    r"troops|soldiers|officers)|(?:protesters|demonstrators|rioters) clash\w*|"
    r"stone[- ](?:throwing|pelting)|rock[- ]throwing|pelted|(?:threw|throwing|hurled|hurling)"
    r" (?:\S+\s+){0,2}?(?:stones|rocks|objects|projectiles|bottles|petrol bombs|firebombs|"
    r"bricks|fireworks|molotov)|molotov|petrol bombs?|torch(?:ed|ing)|set (?:\S+\s+){0,3}?"
    r"(?:ablaze|alight|on fire)|set fire|(?:lit|light|lighting) (?:\S+\s+)?fires?|burn(?:ed|t|"
    r"ing) (?:tyres|tires|cars|vehicles|buildings)|vandali[sz]\w*|loot\w*|smash\w*|"
    r"damag(?:ed|ing)|stormed|storming|broke into|pull(?:ed|ing)? down|tore down|ransack\w*|"
    r"plunder\w*|destroyed|fought (?:with )?(?:the )?police|"
    r"(?:blocked|blocking|block|barricaded|shut down|shutting down) (?:\S+\s+){0,3}?(?:roads?|"
    r"highways?|streets|railways?|railroads?|traffic|thoroughfares|bridges?|junctions?|"
    r"government offices)|barricades?|rioting|riots?(?! police)|attack(?:ed|ing) (?:\S+\s+){0,2}?"
    r"(?:police|policemen|officers|security|soldiers|troops|vehicles|buildings|offices|shops|"
    r"stores|stations?)|(?:injur|wound)(?:ed|ing) (?:\S+\s+)?(?:police ?(?:men|officers)|"
    r"officers|security (?:personnel|officers))|(?:policemen|police officers|officers|"
    r"security personnel) (?:were |had been |have been )?(?:injured|wounded|hurt)|"
    r"scuffl\w* with (?:\S+\s+){0,2}?(?:police|officers|security)|rampag\w*|"
    r"violence (?:broke out|erupted|flared)|(?:broke|breaking|shattered|smashing) (?:\S+\s+){0,2}?"
    r"windows|burn(?:ed|t|ing) (?:(?!by\s)\S+\s+){0,2}?(?:tyres|tires|cars|vehicles|buses|"
    r"buildings|shops|offices|police|stations?|houses|homes|properties)|"
    r"(?:stones|rocks|objects|projectiles|bottles|bricks)(?:\s+\S+){0,2}?\s+"
    r"(?:were|was|being|had been) (?:thrown|hurled)|turn(?:ed|s|ing)? (?:\w+ )?violent|"
    r"(?:fire|fired|firing|set off|"
    r"setting off) (?:\S+\s+)?(?:firecrackers|fireworks))\b"
)
_FORCE_ON_PROTESTERS = re.compile(
    r"\b(?:live (?:ammunition|rounds|bullets|fire)|opened fire (?:on|at)|fired (?:on|at|into) "
    r"(?:the )?(?:\w+ )?(?:protesters|demonstrators|crowds?|marchers)|shot (?:dead|and killed)|"
    r"(?:protesters?|demonstrators?|marchers|students|people) (?:were |was |have been |had been "
    r")?(?:killed|shot|injured|wounded|beaten|died)|(?:killing|injuring|wounding) (?:\S+\s+){0,2}"
    r"?(?:protesters?|demonstrators?|people|students)|(?:killed|shot|wounded|injured|beat) "
    r"(?:\S+\s+){0,3}?(?:protesters?|demonstrators?|marchers)|(?:serious )?injuries|"
    r"injured|wounded|"
    r"beat(?:en|ing)?|hits?|clubbed|excessive force|violent(?:ly)? (?:crackdown|suppress\w*)|"
    r"suppress(?:ed|ing)|crushed|fatal)\b"
)
_INTERVENTION = re.compile(
    r"\b(?:tear ?gas|teargas|water cannons?|dispers(?:e|ed|ing|al)|arrest(?:ed|s|ing)?|"
    r"detain(?:ed|ing)?|rubber bullets|stun grenades|broke up|break up|breaking up|blocked|"
    r"cordon(?:ed)?|kettl\w*|pepper spray|chased?|banned|prevented|removed|evicted|"
    r"riot police|apprehend\w*|rounded up|round(?:ing)? up|into custody|"
    r"(?:took|taken) (?:\S+\s+){0,2}?away|(?:dragged|whisked|bundled) (?:\S+\s+){0,2}?"
    r"(?:away|off|into)|forcibly (?:removed|dispersed|evicted|cleared)|"
    r"baton[- ]charg\w*|lathi[- ]?charg\w*|batons?|warning shots|(?:fired|firing|shots?|shot)"
    r" (?:\S+\s+){0,2}?in(?:to)? the air|sound grenades|flash-?bangs?|tasers?|stun guns?|"
    r"intervened|foiled|thwarted|obstructed|barred|confiscat\w*|surrounded|encircled|"
    r"pushed back|cracked down|clamped down|crackdown on|cleared (?:\S+\s+){0,3}?(?:squares?|"
    r"streets?|camps?|sit-ins?|protesters|demonstrators|crowds?)|(?:stopped|halted) "
    r"(?:\S+\s+){0,3}?(?:march\w*|rall(?:y|ies)|protest\w*|demonstrat\w*|convoy))\b"
)
_STATE_WORDS = re.compile(
    r"\b(?:police|policemen|security forces|troops|soldiers|army|military|government forces|"
    r"officers|riot police|authorities|paramilitar\w*|gendarmes|government|regime|israeli)\b"
)
_NON_VIOLENT_TRANSFER_CUE = re.compile(
    r"\b(?:without (?:any )?(?:resistance|a fight|fighting)|not encountered any resistance|"
    r"unopposed|deserted|abandoned|vacated|(?:following|after) (?:the )?(?:\w+ ){0,3}?"
    r"(?:withdrawal|pull-?out|retreat|departure)|(?:withdr(?:ew|awn)|pulled out|retreated) "
    r"(?:from|of)|in the hands of|(?:after|when|as|once) (?:the )?(?:\w+ ){0,3}?(?:forces|"
    r"troops|army|soldiers|militants|fighters|rebels) (?:had )?(?:left|withdrew|pulled out|"
    r"retreated|evacuated|fled)|peacefully|without bloodshed|without (?:a |any )?(?:shots?|"
    r"bullets?) (?:being )?fired|(?:under|as part of|in line with) (?:an?|the) (?:\S+\s+){0,3}?"
    r"(?:deal|agreement|accord|truce|ceasefire|cease-fire|reconciliation))\b"
)
_PASSIVE_GAP = re.compile(r"\b(?:was|were|been|being)\b")
_PROTESTER_NOUN = re.compile(r"protesters|protestors|demonstrators|marchers|rioters|strikers")
_PERSON_OBJECT = re.compile(
    r"^\s+(?:(?:the|a|an|at least|about|some|more than|over|\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|dozens of|several|many|suspected|alleged|top|senior|alive)\s+){0,3}"
    r"(?:\w+\s+)?(?:people|persons|men|women|civilians|soldiers|militants|rebels|fighters|"
    r"insurgents|members|suspects|commanders?|leaders?|him|her|them|terrorists|guerrillas|"
    r"jihadists|officers|policemen|hostages|prisoners|alive|passengers|villagers|residents|"
    r"students|workers|children|girls|boys|farmers|travell?ers|worshippers|journalists|"
    r"aid workers|tourists|foreigners|nationals|crew)\b"
)


def _mentions_of(mentions: Sequence[ActorMention], start: int, end: int) -> list[ActorMention]:
    return [m for m in mentions if start <= m.start < end]


def _actor_of(
    trigger: TriggerMention, sentence: str, seg_start: int, mentions: Sequence[ActorMention]
) -> ActorMention | None:
    """Who did it: the agent after "by", else the nearest actor before the trigger."""
    after = [m for m in mentions if m.start >= trigger.end]
    lower = sentence.lower()
    for m in after:
        gap = lower[trigger.end : m.start]
        if len(gap) < 40 and re.search(r"\bby\s+(?:the\s+)?(?:\S+\s+){0,2}$", gap):
            return m
    if re.match(r"\s*(?:to|by)\b", lower[trigger.end : trigger.end + 4]) and after:
        return after[0]  # "fell to the Taliban"
    before = [m for m in mentions if seg_start <= m.start < trigger.start]
    before = [m for m in before if m.actor_type is not ActorType.CIVILIANS] or before
    if before and _PASSIVE_GAP.search(lower[before[-1].end : trigger.start]):
        return None  # "the terrorists were pushed back": the losing side, not the agent
    return before[-1] if before else None


def _is_state(mention: ActorMention | None) -> bool | None:
    if mention is None or mention.actor_type is None:
        return None
    return mention.actor_type in (ActorType.STATE_FORCES, ActorType.EXTERNAL_OTHER_FORCES)


def _armed_non_state(actor_type: ActorType | None) -> bool:
    return actor_type in (
        ActorType.REBEL_GROUP,
        ActorType.POLITICAL_MILITIA,
        ActorType.IDENTITY_MILITIA,
    )


def type_segment(
    sentence: str,
    seg_start: int,
    seg_end: int,
    triggers: Sequence[TriggerMention],
    *,
    mentions: Sequence[ActorMention],
    actors: Sequence[Actor],
) -> str:
    """The sub-event type of one stretch of sentence from its triggers and actors."""
    lower = sentence.lower()
    text = lower[seg_start:seg_end]
    local = _mentions_of(mentions, seg_start, seg_end)
    main = _foreground(lower, seg_start, triggers)
    kinds: list[str] = []
    for trigger in main:
        kind = trigger.sub_event_type
        if kind in (TERRITORY, RETAKE):
            kind = _territory_kind(
                kind, trigger, lower, seg_start=seg_start, text=text, local=local
            )
        elif kind == CAPTURE:
            who = _actor_of(trigger, sentence, seg_start, local)
            kind = "abduction_forced_disappearance" if _is_state(who) is False else "arrests"
        kinds.append(kind)
    if "arrests" in kinds or "disrupted_weapons_use" in kinds:
        # "arrested five militants in a raid": the raid is how the arrests were made.
        pairs = [
            (k, t)
            for k, t in zip(kinds, main, strict=True)
            if not (k == GENERIC and t.text.lower().startswith("raid"))
        ]
        if pairs:
            kinds, main = [k for k, _ in pairs], [t for _, t in pairs]
    if "arrests" in kinds:
        # "the mastermind of the bombing was taken into custody": the bombing is past.
        kept = [
            (k, t)
            for k, t in zip(kinds, main, strict=True)
            if k == "arrests" or not _SUSPECT_OF.search(lower, max(0, t.start - 60), t.start)
        ]
        if kept:
            kinds, main = [k for k, _ in kept], [t for _, t in kept]
    if "change_to_group_activity" in kinds:
        # "deployed troops to the town to back militias fighting the Taliban": the fighting
        # says who the militias are; the news is the deployment.
        moves = [t for k, t in zip(kinds, main, strict=True) if k == "change_to_group_activity"]
        kept = [
            (k, t)
            for k, t in zip(kinds, main, strict=True)
            if not _describes_a_fighter(lower, t)
            and not (k == "armed_clash" and _told_as_setting(lower, moves, t))
        ]
        if kept:
            kinds, main = [k for k, _ in kept], [t for _, t in kept]
    if "disrupted_weapons_use" in kinds and not _ACT_OF_VIOLENCE.search(text):
        # "an arms cache containing hand grenades": weapons found, none used.
        return "disrupted_weapons_use"
    if any(t.text.lower().startswith("mass grave") for t in main):
        return "other"  # the grave found is the news; the killing it holds is long past
    heard = [_HEARD.match(lower, t.end) is not None for t in main]
    if any(heard) and not all(heard):
        # "explosions and gunfire heard inside the base": a sound of the act told elsewhere
        kinds = [k for k, h in zip(kinds, heard, strict=True) if not h]
    territory = [k for k in kinds if k in _TERRITORY_TYPES]
    kind = territory[0] if territory else min(kinds, key=lambda k: _RANK.get(k, 99))
    protesters = any(
        m.actor_type is ActorType.PROTESTERS and _PROTESTER_NOUN.search(m.name.lower())
        for m in local
    )
    protest = protesters or any(
        k in ("peaceful_protest", "protest_with_intervention", RIOT) for k in kinds
    )
    mob = "mob_violence" in kinds
    aerial = kind in _WEAPON_KINDS or kind in (GENERIC, "attack", PROPERTY, "armed_clash")
    if aerial and kind not in ("chemical_weapon", "suicide_bomb", "grenade") and _by_air(text):
        return "air_drone_strike"
    if kind == "remote_explosive_landmine_ied" and _SELF_KILLED.search(text):
        return "suicide_bomb"
    if kind == "remote_explosive_landmine_ied" and _state_bombed(main, lower, seg_start, local):
        return "air_drone_strike"
    if (
        kind in (GENERIC, "attack")
        and PROPERTY in kinds
        and not _CASUALTY.search(text)
        and all(
            k != "attack" or _ACTOR_NOUN.fullmatch(t.text.lower())
            for k, t in zip(kinds, main, strict=False)
        )
    ):
        kind = PROPERTY  # "xenophobic attacks ... shops were looted": no one hurt
    if (
        kind == GENERIC
        and all(
            _PROPERTY_OBJECT.match(lower, t.end)
            for k, t in zip(kinds, main, strict=False)
            if k == GENERIC
        )
        and not _CASUALTY.search(text)
        and not _MISSILE.search(text)
    ):
        kind = PROPERTY  # "attacks on properties of its members": destruction, no one hurt
    if kind == GENERIC:
        kind = "shelling_artillery_missile_attack" if _MISSILE.search(text) else "attack"
    if mob and kind in ("attack", "armed_clash", PROPERTY, RIOT, "violent_demonstration"):
        return "mob_violence"
    if (
        kind == "arrests"
        and not protest
        and (_PROTEST_WORD.search(lower, 0, seg_start) or _PROTEST_ATTEMPT.search(text))
    ):
        # "rallied against the results; police detained dozens of them", "arrested as they
        # tried to march": people held at a protest, or to stop one
        return "protest_with_intervention"
    if protest and kind in _PROTEST_OVERRIDES:
        return _protest_kind(
            text,
            kind,
            lower,
            main,
            actors,
            grievance_cut=_without_background(text, lower, seg_start, main),
        )
    if kind == "change_to_group_activity" and _left_to_another_side(main, lower):
        return "non_violent_transfer_of_territory"
    if kind == RIOT:
        return "violent_demonstration"
    if kind == PROPERTY:
        return "looting_property_destruction"
    if kind in ("attack", "armed_clash"):
        return _clash_or_attack(kind, text, local, actors)
    return kind


_WITHDRAWAL = re.compile(
    r"(?:\S+\s+)*?(?:withdr\w+|pulled out|pull(?:ed|ing)? back|retreated|pull\w* .*out \w+)"
)
# What the side left behind became: another side's, with no fight.
_TAKEN_OVER_AFTER = re.compile(
    r"\b(?:hand(?:ed|ing|s)? (?:\S+\s+){0,3}?(?:over|back)|handover|without (?:any )?"
    r"(?:resistance|a fight|fighting)|unopposed|in the hands of|(?:took|taken|taking|takes) "
    r"(?:over|control)|under (?:\S+\s+){0,2}?control|moved in|entered (?:it|the "
    r"(?:\S+\s+){0,2}?(?:town|city|area|base|village|district|camp))|"
    r"allow(?:ed|ing|s)? (?:\S+\s+){1,3}?to (?:enter|take|seize|move in))\b"
)


def _left_to_another_side(main: Sequence[TriggerMention], lower: str) -> bool:
    """ "Forces withdrew from the crossing, allowing Daesh to seize it without resistance": a
    withdrawal that hands a place over is a transfer of territory, not a move of troops."""
    return any(
        _WITHDRAWAL.fullmatch(t.text.lower()) and _TAKEN_OVER_AFTER.search(lower, t.end)
        for t in main
    )


_PROTEST_WORD = re.compile(
    r"\b(?:protest(?:s|ed|ing)?|protesters|protestors|demonstrat(?:ions?|ors|ed|ing)|"
    r"rall(?:y|ies|ied)|marche[sd]|marchers|sit-ins?)\b"
)
_PROTEST_ATTEMPT = re.compile(
    r"\b(?:tried|trying|attempted|attempting|sought|seeking)\s+to\s+(?:march|protest|rally|"
    r"demonstrate|gather|stage|hold (?:an? )?(?:\w+ )?(?:protest|rally|demonstration|march|"
    r"sit-in|vigil))\b"
)
_FIGHTER_BEFORE = re.compile(
    r"\b(?:forces|troops|soldiers|fighters|militias|militiamen|militants|rebels|groups|units|"
    r"factions|coalition|army|who|which|that)\s+(?:(?:are|were|is|was|had|have|has|been|"
    r"currently|still|now|already)\s+){0,3}$"
)


_SETTING = re.compile(r"\b(?:as|where|while|amid|during|since)\b")


def _told_as_setting(lower: str, moves: Sequence[TriggerMention], trigger: TriggerMention) -> bool:
    """ "sent troops to Idlib as fighting continued", "moved its fighters to the city, where
    battles have raged for weeks": the fighting is the setting of the move."""
    return any(
        m.end <= trigger.start and _SETTING.search(lower, m.end, trigger.start) for m in moves
    )


def _describes_a_fighter(lower: str, trigger: TriggerMention) -> bool:
    """ "militias fighting against the Islamic State", "troops who had been battling rebels":
    the participle describes who they are, not a clash the text reports."""
    return trigger.text.lower() in ("fighting", "battling") and bool(
        _FIGHTER_BEFORE.search(lower, max(0, trigger.start - 60), trigger.start)
    )


_HEARD = re.compile(r"(?:\s+and\s+\w+)?\s+(?:(?:were|was|could be|being|had been)\s+)?heard\b")
_TERRITORY_TYPES = frozenset(
    {
        "government_regains_territory",
        "non_state_actor_overtakes_territory",
        "non_violent_transfer_of_territory",
    }
)
_PROTEST_OVERRIDES = frozenset(
    {
        "peaceful_protest",
        "protest_with_intervention",
        "attack",
        "armed_clash",
        PROPERTY,
        RIOT,
        "arrests",
        "abduction_forced_disappearance",
        "sexual_violence",
    }
)
# A clause that gives the background of the act before it: "agreed a ceasefire after the
# worst fighting in decades", "fled because of Boko Haram attacks".
_BACKGROUND = re.compile(
    r"(?:\b(?:after|following|amid|despite|because of|due to|as a result of|in the wake of|"
    r"in response to|in retaliation for|in revenge for|in the face of|in anticipation of|"
    r"ahead of|scene of|site of|undeterred by|to protest|protesting|in protest (?:at|against|over)|"
    r"to demand|demanding|to denounce|denouncing|to condemn|condemning|"
    r"over (?:rumou?rs|allegations|accusations|suspicions?|claims) of|"
    r"rumou?rs of|accused of|accusing \w+ of|blamed for|blaming \w+ for|"
    r"(?:over|against) the (?:\S+\s+){0,2}?(?:arrests?|detentions?|jailing|imprisonment|"
    r"killings?|deaths?|shootings?|murders?))|, while|; "
    r"while|, whereas)\b"
)
# Words that only tell an outcome: the act that caused it may follow ("killed after the
# vehicle hit a mine").
_OUTCOME = re.compile(r"(?:killed|kills?|killings?|dead|died|slain|wounded|injured)$")


def tells_only_the_toll(triggers: Sequence[TriggerMention]) -> bool:
    """ "Three soldiers were killed": the words give the outcome; the act is told elsewhere."""
    return bool(triggers) and all(_OUTCOME.match(t.text.lower()) for t in triggers)


def _without_background(
    text: str, lower: str, seg_start: int, main: Sequence[TriggerMention]
) -> str:
    """The stretch up to its first background clause: "went on strike to protest the arrest
    of a colleague" is a strike, the arrest its grievance."""
    if not main:
        return text
    cue = _BACKGROUND.search(lower, main[0].end, seg_start + len(text))
    kept = text[: cue.start() - seg_start] if cue is not None else text
    demand = _GRIEVANCE.search(lower, seg_start, main[0].start)
    if demand is None:
        return kept
    # "They demanded the release of demonstrators detained at the rally": the demand, up to
    # the end of its clause, is grievance; what follows may still tell of an intervention.
    stop = _CLAUSE_END.search(lower, demand.end(), seg_start + len(kept))
    tail = kept[stop.end() - seg_start :] if stop is not None else ""
    return kept[: demand.start() - seg_start] + " " + tail


_CLAUSE_END = re.compile(r"[,;]")
_GRIEVANCE = re.compile(
    r"\b(?:demand(?:ed|ing|s)?|call(?:ed|ing|s)? for|condemn(?:ed|ing|s)?|denounc(?:ed|ing|es)?)\b"
)


def _foreground(
    lower: str, seg_start: int, triggers: Sequence[TriggerMention]
) -> list[TriggerMention]:
    """Triggers of the act the stretch reports, without those of background clauses."""
    main: list[TriggerMention] = []
    for trigger in triggers:
        earlier = [t for t in main if not _OUTCOME.match(t.text.lower())]
        if earlier:
            between = lower[earlier[-1].end : trigger.start]
            if _BACKGROUND.search(between):
                continue
        main.append(trigger)
    return main or list(triggers)


_ACTOR_NOUN = re.compile(r"gunm[ae]n")
_SUSPECT_OF = re.compile(
    r"\b(?:mastermind|masterminds|perpetrators?|organi[sz]ers?|planners?|culprits?|suspects?)"
    r"\s+(?:of|in|behind)\s+(?:the\s+|a\s+|an\s+)(?:[\w'’-]+\s+){0,2}$"
)
_ACT_OF_VIOLENCE = re.compile(
    r"\b(?:killed|killing|dead|died|injur\w*|wound\w*|exploded|explosions?|blasts?|hurled|"
    r"shot|shooting|shoot|stabbed|gunfire|opened fire|"
    r"thrown|threw|fired (?:at|on|into)|attack(?:ed|s)?|struck|landed)\b"
)
_CASUALTY = re.compile(
    r"\b(?:killed|killing|dead|died|injur\w*|wound\w*|shot|stabbed|hurt|beaten|raped|"
    r"kidnapped|abducted|casualties|bodies)\b"
)
_AIR_AGENT_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+|an?\s+)?(?:\S+\s+){0,2}$")
_AIR_ACT_AFTER = re.compile(
    r"\s+(?:\S+\s+){0,3}?(?:bombed|bombarded|pounded|struck|hit|targeted|attacked|fired|strafed|"
    r"shelled|raided|dropped|launched|destroyed|killed|hammered|rocketed|carried out|"
    r"conducted|opened fire|fired)\b"
)


def _by_air(text: str) -> bool:
    """Aircraft or drones did it: an airstrike, aircraft that struck, or struck "by" them."""
    for match in _AIRCRAFT.finditer(text):
        if match.group(0).startswith(("air", "aerial")):
            return True
        if _AIR_AGENT_BEFORE.search(text, max(0, match.start() - 30), match.start()):
            return True
        if _AIR_ACT_AFTER.match(text, match.end()):
            return True
    return False


def _state_bombed(
    main: Sequence[TriggerMention], lower: str, seg_start: int, local: Sequence[ActorMention]
) -> bool:
    """ "Israel bombed a missile base", "the army has been bombing rebel hideouts": an army
    bombs from the air; a bomb planted is the work of an armed group."""
    acts = [t for t in main if t.sub_event_type == "remote_explosive_landmine_ied"]
    return bool(acts) and all(
        _STATE_BOMBING.fullmatch(t.text.lower())
        and (t.text.lower() == "bombed" or _PROGRESSIVE.search(lower, 0, t.start))
        and _is_state(_actor_of(t, lower, seg_start, local)) is True
        for t in acts
    )


_STATE_BOMBING = re.compile(r"bombed|bombing")
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been)\s+$")


def _territory_kind(
    kind: str,
    trigger: TriggerMention,
    lower: str,
    *,
    seg_start: int,
    text: str,
    local: Sequence[ActorMention],
) -> str:
    # The withdrawal that let the place change hands often has a clause of its own ("seized
    # the area, following the withdrawal of Puntland forces"), which assembly splits off.
    if _NON_VIOLENT_TRANSFER_CUE.search(text) or _NON_VIOLENT_TRANSFER_CUE.search(lower):
        return "non_violent_transfer_of_territory"
    who = _actor_of(trigger, lower, seg_start, local)
    state = _is_state(who)
    if state is None:
        state = _taken_from_state(trigger, lower, local)
    if state is None:
        state = kind == RETAKE
    return "government_regains_territory" if state else "non_state_actor_overtakes_territory"


_FROM_GAP = re.compile(r"\s+(?:\S+\s+){0,8}?from\s+(?:the\s+)?(?:\S+\s+){0,2}?$")


def _taken_from_state(
    trigger: TriggerMention, lower: str, local: Sequence[ActorMention]
) -> bool | None:
    """With no taker named, the side the place was taken from tells who took it: "the town
    was captured from the rebels" is a government gain, "from government forces" a loss."""
    for m in local:
        if m.start >= trigger.end and _FROM_GAP.fullmatch(lower, trigger.end, m.start):
            if _is_state(m) is True:
                return False
            if _armed_non_state(m.actor_type):
                return True
    return None


def _violence_by_demonstrators(text: str) -> bool:
    return any(
        not is_irrealis(text, m.start(), purpose=False)
        for m in _DEMONSTRATOR_VIOLENCE.finditer(text)
    )


def _protest_kind(
    text: str,
    kind: str,
    lower: str,
    triggers: Sequence[TriggerMention],
    actors: Sequence[Actor],
    *,
    grievance_cut: str,
) -> str:
    """``grievance_cut``: the text without the clause a protest is about ("to protest the
    arrest of a colleague"), where force and intervention are looked for."""
    peaceful = "peaceful" in text
    clash = any(t.sub_event_type in (RIOT, "armed_clash") for t in triggers)
    state = _STATE_WORDS.search(grievance_cut)
    force = _FORCE_ON_PROTESTERS.search(grievance_cut)
    if force and (state or kind == "attack") and peaceful:
        return "excessive_force_against_protesters"
    if kind in (RIOT, "armed_clash") or clash or _violence_by_demonstrators(text):
        return "violent_demonstration"  # clashes with police, stones: a riot
    armed = any(
        a.role is ActorRole.PERPETRATOR
        and _armed_non_state(a.actor_type)
        and a.canonical != "Unidentified Armed Group"
        for a in actors
    )
    if kind == "attack" and armed:
        return "attack"  # militants on a crowd: an attack on civilians
    if force and (state or kind == "attack"):
        return "excessive_force_against_protesters"
    if _protest_in_relative_clause(lower, triggers):
        return "arrests"
    if _INTERVENTION.search(grievance_cut) or kind in ("arrests", "protest_with_intervention"):
        return "protest_with_intervention"
    return "peaceful_protest"


def _protest_in_relative_clause(lower: str, triggers: Sequence[TriggerMention]) -> bool:
    """ "detained people who organise demonstrations": an arrest, not a protest dispersed."""
    first = next((t for t in triggers if t.sub_event_type == "peaceful_protest"), None)
    arrest = next((t for t in triggers if t.sub_event_type in ("arrests", CAPTURE)), None)
    if first is None or arrest is None or first.start < arrest.start:
        return False
    between = lower[arrest.end : first.start]
    if re.search(r"\b(?:who|that|which)\s+(?:had\s+)?$", between) and re.match(
        r"\w+ed\b", first.text.lower()
    ):
        return False  # "detained supporters who gathered to demand ...": at the protest
    return bool(re.search(r"\b(?:who|that|which|before|ahead of)\b", between))


def _clash_or_attack(
    kind: str, text: str, local: Sequence[ActorMention], actors: Sequence[Actor]
) -> str:
    """Violence between two armed, organised sides is a battle; on unarmed people an attack."""
    if kind == "armed_clash":
        return kind
    perps = [a for a in actors if a.role is ActorRole.PERPETRATOR]
    targets = [a for a in actors if a.role is ActorRole.TARGET]
    armed_perp = any(_armed_non_state(a.actor_type) and not is_lone_attacker(a.name) for a in perps)
    state_perp = any(a.actor_type is ActorType.STATE_FORCES for a in perps)
    # A police officer shot in a street shooting stays an attack; soldiers mean a battle.
    state_target = any(
        a.actor_type is ActorType.STATE_FORCES and not a.canonical.startswith("Police")
        for a in targets
    )
    organised = [
        m for m in local if _armed_non_state(m.actor_type) and not is_lone_attacker(m.name)
    ]
    civilians = any(a.actor_type is ActorType.CIVILIANS for a in targets)
    if (
        (armed_perp or organised)
        and (state_target or _MILITARY_TARGET.search(text))
        and not civilians
    ):
        return "armed_clash"
    armed_target = any(
        _armed_non_state(a.actor_type) and not is_lone_attacker(a.name) for a in targets
    )
    if state_perp and (armed_target or (organised and _ARMED_TARGET.search(text))):
        return "armed_clash"
    return kind
