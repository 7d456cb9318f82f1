"""Incident triggers: the words that report a violent act, a protest or a strategic event.

Each pattern maps to a taxonomy sub-event type (or ``GENERIC`` for words such as "attack" or
"strikes" whose type the rest of the sentence decides). ``find_triggers`` drops metaphors,
negated, hypothetical, threatened and future acts: they are not incidents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GENERIC = "generic"  # "attack", "strikes": typed from the sentence's other cues

_W = r"(?:[\w'’.-]+\s+)"  # one word and its space

# (pattern, sub_event_type, weapon). Order matters: earlier, more specific patterns win
# where matches overlap.
_PATTERNS: tuple[tuple[str, str, str | None], ...] = (
    (
        r"chemical (?:weapons? )?(?:attack|strike|weapons?|agents?|munitions)|sarin|chlorine gas|"
        r"mustard gas|nerve agent|toxic gas|poison gas|gas attack",
        "chemical_weapon",
        "chemical weapon",
    ),
    (
        r"suicide (?:car |truck )?(?:bomb(?:ing|er|ers|s)?|attack(?:er|ers|s)?|blast|vest)|"
        r"blew (?:himself|herself|themselves) up|detonated (?:his|her|their) (?:explosive )?"
        r"(?:vest|belt)|explosives?-laden (?:vest|belt)|suicide",
        "suicide_bomb",
        "suicide vest",
    ),
    (
        r"car bomb(?:s|ing|ings)?|vehicle-borne|truck bomb",
        "remote_explosive_landmine_ied",
        "car bomb",
    ),
    (
        r"air ?strikes?|air raids?|drone (?:strikes?|attacks?)|aerial (?:bombardment|attacks?|bombing)|"  # noqa: E501
        r"bombing raids?|barrel bombs?|(?:warplanes?|war planes?|fighter jets?|jets|aircraft|"
        r"helicopter gunships?|helicopters?|drones?|planes?|air force)\s+(?:\S+\s+){0,2}?"
        r"(?:bombed|pounded|struck|hit|targeted|attacked|fired|strafed|shelled|raided|bombarded|"
        r"carried out|launched)",
        "air_drone_strike",
        None,
    ),
    (
        r"ballistic missiles?|cruise missiles?",
        "shelling_artillery_missile_attack",
        "ballistic missile",
    ),
    (
        r"(?:missiles?|rockets?|mortars?)(?: (?:strikes?|attacks?|barrage|fire|rounds?|shells?|salvos?))?|"  # noqa: E501
        r"shell(?:ed|ing|s)|artillery|katyushas?|barrage|bombarded|bombardment",
        "shelling_artillery_missile_attack",
        None,
    ),
    (r"grenades?", "grenade", "grenade"),
    (
        r"roadside bombs?|improvised explosive devices?|\bieds?\b|land ?mines?|booby[- ]trap(?:ped|s)?|"  # noqa: E501
        r"explosive devices?|(?:pipe|parcel|nail|letter|time) bombs?|bomb(?:ing|ings|s)?|"
        r"bombed|explosions?|blasts?|exploded|detonated|dynamite",
        "remote_explosive_landmine_ied",
        None,
    ),
    (
        r"rap(?:e|ed|es|ing)|sexual(?:ly)? (?:assault(?:ed)?|violence|abuse(?:d)?)|sexually assaulted",  # noqa: E501
        "sexual_violence",
        None,
    ),
    (
        r"kidnap(?:ped|ping|pings|pers|s)?|abduct(?:ed|ion|ions|s|ing)?|taken hostage|hostages?|"
        r"taken captive|went missing|disappeared|forced disappearance",
        "abduction_forced_disappearance",
        None,
    ),
    (
        r"clash(?:es|ed)?|fighting|fought|firefights?|gun ?battles?|gunfights?|shoot-?outs?|"
        r"exchanged? (?:of )?(?:gun)?fire|exchanging fire|ambush(?:ed|es)?|battled?|battling|"
        r"skirmish(?:es)?|heavy fighting|combat",
        "armed_clash",
        None,
    ),
    (
        r"recaptured?|retook|retaken|retake|regained control|regain control|liberated|"
        r"recovered control",
        "government_regains_territory",
        None,
    ),
    (
        r"seized control|took control|taken control|overran|overrun|captured the (?:town|city|village|"  # noqa: E501
        r"district|base)|fell to|seized the (?:town|city|village|district|base)",
        "non_state_actor_overtakes_territory",
        None,
    ),
    (
        r"riot(?:s|ers|ing|ed)?|stone[- ]pelting|pelted|hurled (?:stones|rocks)|threw (?:stones|rocks)|"  # noqa: E501
        r"molotov cocktails?|torched|set ablaze|set (?:on )?fire|vandali[sz]ed",
        "violent_demonstration",
        None,
    ),
    (r"\bmobs?\b|lynch(?:ed|ing|ings)?|vigilantes?", "mob_violence", None),
    (
        r"protest(?:s|ed|ers|ing|or|ors)?|demonstrat(?:ion|ions|ors|ed|ing|e)|rall(?:y|ies|ied)|"
        r"march(?:ed|es|ers)|sit-ins?|picket(?:ed|ing|s)?|hunger strike|general strike|"
        r"went on strike|on strike|strik(?:e|ing) workers",
        "peaceful_protest",
        None,
    ),
    (
        r"shot|shootings?|shoot|gunm[ae]n|gunfire|opened fire|fired (?:shots|at|on|into)|shots fired|"  # noqa: E501
        r"stabb(?:ed|ing|ings)|stabbed to death|massacre(?:d|s)?|murder(?:ed|s)?|homicides?|"
        r"killings?|killed|kills?|slain|slaying|beheaded|executed|assassinat(?:ed|ion)|gunned down|"
        r"hacked to death|beaten to death|lynched|rammed|bludgeoned|strangled|torture(?:d)?",
        "attack",
        "firearm",
    ),
    (
        r"arrest(?:ed|s|ing)?|detained|apprehended|taken into custody|in custody|nabbed|"
        r"rounded up|captured",
        "arrests",
        None,
    ),
    (
        r"cease-?fires?|truce|peace (?:deal|agreement|accord|talks|treaty)|agreements?|signed an? |"
        r"prisoner (?:exchange|swap)|swap of prisoners|accord|negotiations?",
        "agreement",
        None,
    ),
    (
        r"defused|defusing|intercepted|intercept|foiled|thwarted|weapons caches?|arms caches?|"
        r"(?:seized|recovered|confiscated|found) (?:\S+\s+){0,3}(?:weapons|arms|explosives|ammunition|"  # noqa: E501
        r"rifles|grenades|bombs|ammo)|bomb disposal|bomb squad",
        "disrupted_weapons_use",
        None,
    ),
    (
        r"(?:set up|established|opened|build|built) (?:\S+\s+){0,2}(?:base|headquarters|camp|"
        r"outpost|office)",
        "headquarters_or_base_established",
        None,
    ),
    (
        r"loot(?:ed|ing|ers)?|ransack(?:ed)?|burn(?:ed|t) down|destroy(?:ed)?|demolish(?:ed)?|"
        r"arson|plunder(?:ed)?",
        "looting_property_destruction",
        None,
    ),
    (
        r"withdr(?:ew|awn|awal)|pulled out|handed over|hand over|handover|took over",
        "non_violent_transfer_of_territory",
        None,
    ),
    (
        r"formed|formation|split|merged|merger|pledged allegiance|disband(?:ed)?|dissolved|"
        r"relocated|new (?:group|faction|alliance|militia)|announced|joined|recruit(?:ed|ing|s)?",
        "change_to_group_activity",
        None,
    ),
    (
        r"attack(?:s|ed|ing|ers?)?|assault(?:s|ed)?|strikes?|struck|raids?|raided|"
        r"offensive|violence|onslaught|retaliat(?:ed|e|ion)|ambush",
        GENERIC,
        None,
    ),
)
_TRIGGER = re.compile(
    "|".join(f"(?P<t{i}>\\b(?:{p})\\b)" for i, (p, _, _) in enumerate(_PATTERNS)), re.IGNORECASE
)

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

# What makes a trigger not an incident.
_NEGATION = re.compile(
    r"\b(?:no|not|never|n't|without|denied|denies|deny|denying|false|nor|neither|"
    r"prevented|averted|avoid(?:ed)?|rule[sd]? out)\b(?:\s+\S+){0,4}\s*$",
    re.IGNORECASE,
)
_IRREALIS = re.compile(
    r"\b(?:would|could|might|may|will|shall|should|must|'ll|going to|plan(?:s|ned|ning)? to|"
    r"plot(?:s|ted|ting)? to|intend(?:s|ed)? to|threat(?:en|ens|ened|ening)?(?: to)?|vow(?:s|ed)? to|"  # noqa: E501
    r"warn(?:s|ed|ing)? (?:of|that)|if|unless|fear(?:s|ed)? (?:of )?|risk of|potential|possible|"
    r"prepare[sd]? to|aim(?:s|ed)? to|try(?:ing)? to|tried to|attempt(?:s|ed)? to|seek(?:s|ing)? to|"  # noqa: E501
    r"call(?:s|ed)? for|urge[sd]? |demand(?:s|ed)?|prevent|in case of|ready to|want(?:s|ed)? to|"
    r"capable of|able to|push to|order(?:s|ed)? to|pledge[sd]? to|promise[sd]? to|"
    r"allegations? of|"
    r"anniversary of|memorial|commemorat\w+|remember(?:ing|ed)?)\b(?:\s+\S+){0,3}\s*$",
    re.IGNORECASE,
)
# "a blistering attack on the budget", "shares were hammered", "shot to fame".
_METAPHOR_BEFORE = re.compile(
    r"\b(?:verbal|blistering|scathing|stinging|withering|rhetorical|political|personal|cyber|"
    r"heart|panic|asthma|anxiety|charm|media|legal|sharp|fierce verbal|written|vitriolic|"
    r"sustained political|ransomware|hacking|phishing|box[- ]office|photo|film|movie|music|"
    r"video|labou?r|mug|big|long|booster|flu|vaccine|best|parting|opening|cheap|free|penalty|"
    r"three-point|jump|slap|tee|chaser|lightning|union|teachers'?|doctors'?|nurses'?)\s*$",
    re.IGNORECASE,
)
_METAPHOR_AFTER = re.compile(
    r"^\s*(?:on|against|of)\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+|a\s+)?(?:\S+\s+)?"
    r"(?:budget|policy|policies|plan|bill|law|proposal|reform|record|reputation|credibility|"
    r"critics?|press|media|opponents?|rival|candidate|campaign|administration's|government's|"
    r"decision|idea|ruling|report|judge|court|economy|deal|tax|taxes|agenda|legislation|"
    r"stance|comments?|remarks?|leadership|election|vote|market|markets|prices?|shares|stocks|"
    r"dollar|currency|rates?|inflation|title|championship|goal|basket|record)\b"
    r"|^\s*(?:to fame|up the charts|down the bill|the bill|prices?|a deal|out of|past|through "
    r"the roof|a pose|a chord|the ball|hoops|baskets|pool|a video|a film|a movie|footage|scenes?)"
    r"|^\s*(?:a\s+)?(?:deal|agreement)\s+(?:on|with)\s+(?:trade|tariffs|budget)",
    re.IGNORECASE,
)
_NON_VIOLENT_CONTEXT = re.compile(
    r"\b(?:shares|stocks|markets?|prices?|investors|earnings|nasdaq|dow|s&p|economy|"
    r"team|season|game|match|coach|playoffs?|tournament|league|goal|scored|film|movie|album|"
    r"photographer|photo shoot|filming|camera|election campaign|poll|polls|senator|congress|"
    r"parliament debate|budget)\b",
    re.IGNORECASE,
)
_STRONG_VIOLENCE = re.compile(
    r"\b(?:killed|dead|died|wounded|injured|gunm[ae]n|gunfire|bomb|police|militants?|troops|"
    r"soldiers|forces|weapon|rifle|pistol|handgun|gun|bullet|explosion|blast|victims?|"
    r"shot|shooting|fatal(?:ly)?|hospital)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TriggerMention:
    sub_event_type: str  # a taxonomy sub-event type or GENERIC
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


def _is_metaphor(sentence: str, start: int, end: int, kind: str) -> bool:
    before = sentence[max(0, start - 30) : start]
    after = sentence[end : end + 50]
    if _METAPHOR_BEFORE.search(before):
        return True
    if _METAPHOR_AFTER.match(after):
        return True
    word = sentence[start:end].lower()
    if (word.startswith("shoot") or word == "shot") and re.search(
        r"\b(?:video|film|footage|photos?|movie|scenes?|documentary|pictures?)\b"
        r"(?:\s+\S+){0,3}\s*$",
        before + " ",
        re.IGNORECASE,
    ):
        return True
    # Market, sport and campaign prose uses violent verbs loosely; accept a trigger there
    # only when the sentence also carries unmistakable violence.
    return (
        kind in ("attack", GENERIC, "remote_explosive_landmine_ied", "armed_clash")
        and bool(_NON_VIOLENT_CONTEXT.search(sentence))
        and not _STRONG_VIOLENCE.search(sentence[:start] + " " + sentence[end:])
    )


def is_irrealis(sentence: str, start: int) -> bool:
    """Negated, hypothetical, threatened or future: the act is not reported as having happened."""
    clause = _clause_before(sentence, start)
    if _NEGATION.search(clause) or _IRREALIS.search(clause):
        return True
    # "to attack", "to retake": purpose or intention, not an act.
    return bool(re.search(r"\bto\s*$", clause)) and not re.search(
        r"\b(?:led|due|prior|close|next|according|similar|response|linked|related|near)\s+to\s*$",
        clause,
        re.IGNORECASE,
    )


def find_triggers(sentence: str) -> list[TriggerMention]:
    """Trigger words that report an act that happened, in sentence order."""
    found: list[TriggerMention] = []
    for match in _TRIGGER.finditer(sentence):
        group = match.lastgroup
        if group is None:
            continue
        index = int(group[1:])
        _, kind, weapon = _PATTERNS[index]
        start, end = match.span()
        if _is_metaphor(sentence, start, end, kind) or is_irrealis(sentence, start):
            continue
        found.append(TriggerMention(kind, weapon, start, end, match.group(0)))
    return found
