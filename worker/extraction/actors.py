"""Actors named in a sentence: known armed groups (with their aliases), state forces named by
demonym or capital, and generic participants (gunmen, police, civilians, protesters)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from worker.domain import ActorType

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

# canonical name, type, country, aliases (case-insensitive unless all upper-case and short)
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
            "Islamic State of Iraq and Syria",
            "Islamic State of Iraq and the Levant",
            "Islamic State group",
            "IS group",
            "ISIS fighters",
            "Islamic State's",
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
            "Al-Qaeda",
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
        ("al-Shabaab", "al-Shabab", "al Shabaab", "al Shabab", "Shabaab", "Shabab"),
    ),
    ("Boko Haram", R, "NG", ("Boko Haram", "ISWAP", "Islamic State West Africa Province")),
    ("Hezbollah", P, "LB", ("Hezbollah", "Hizbollah", "Hizballah", "Hizbullah")),
    ("Hamas", R, "PS", ("Hamas", "Izz ad-Din al-Qassam Brigades", "Qassam Brigades")),
    ("Islamic Jihad", R, "PS", ("Islamic Jihad", "Palestinian Islamic Jihad")),
    ("Houthis", R, "YE", ("Houthis", "Houthi", "Ansar Allah", "Ansarallah", "Houthi rebels")),
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
            "HTS",
            "Nusra Front",
            "al-Nusra Front",
            "Jabhat al-Nusra",
            "Jabhat Fateh al-Sham",
        ),
    ),
    ("Free Syrian Army", R, "SY", ("Free Syrian Army", "FSA")),
    ("Lashkar-e-Taiba", R, "PK", ("Lashkar-e-Taiba", "Lashkar-e-Toiba", "LeT")),
    ("Jaish-e-Mohammed", R, "PK", ("Jaish-e-Mohammed", "Jaish-e-Muhammad", "JeM")),
    ("Wagner Group", X, "RU", ("Wagner Group", "Wagner")),
    ("FARC", R, "CO", ("FARC", "Revolutionary Armed Forces of Colombia")),
    ("ELN", R, "CO", ("ELN", "National Liberation Army")),
    ("EPL", R, "CO", ("EPL", "Popular Liberation Army")),
    ("M-19", R, "CO", ("M-19", "April 19 Movement")),
    (
        "Medellin Cartel",
        P,
        "CO",
        (
            "Medellin Cartel",
            "Medellin drug cartel",
            "Extraditables",
            "The Extraditables",
            "drug traffickers",
            "narcoterrorists",
            "narco-terrorists",
        ),
    ),
    (
        "FMLN",
        R,
        "SV",
        ("FMLN", "Farabundo Marti National Liberation Front", "Farabundo Marti Liberation Front"),
    ),
    ("Shining Path", R, "PE", ("Shining Path", "Sendero Luminoso")),
    ("MRTA", R, "PE", ("MRTA", "Tupac Amaru Revolutionary Movement")),
    ("URNG", R, "GT", ("URNG", "Guatemalan National Revolutionary Unity")),
    ("FPMR", R, "CL", ("FPMR", "Manuel Rodriguez Patriotic Front")),
    ("Contras", R, "NI", ("Contras", "Contra", "Nicaraguan Resistance")),
    ("Zapatista Army of National Liberation", R, "MX", ("EZLN", "Zapatistas")),
    ("Fulani Militia", ID, "NG", ("Fulani militia", "Fulani herdsmen", "herdsmen")),
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
    "government": ("", ""),
    "federal": ("", ""),
    "state": ("", ""),
    "local": ("", ""),
}
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
    r"security forces|armed forces|government forces|government troops|forces|troops|soldiers|"
    r"army|military|navy|air force|police(?:\s+officers?)?|policemen|policeman|officers|"
    r"guards|national guard|paramilitar(?:y|ies)|paramilitary forces|militiamen|militias?|"
    r"special forces|marines|commandos|units|gendarmes|army patrol|military patrol|patrol"
)
_ADJECTIVAL = (
    r"(?!\s+(?:redoubts?|leaders?|groups?|organi[sz]ations?|attacks?|cells?|networks?|"
    r"strongholds?|positions?|camps?|targets?|hideouts?|bases?|propaganda|threats?|acts?|"
    r"activit(?:y|ies)|commanders?|movements?|forces|factions?|attack|violence|plots?))"
)
_ARMED = (
    r"(?:rebel|insurgent|militant|guerrilla|jihadist|terrorist|extremist|separatist)"
    + _ADJECTIVAL
    + r"|rebels|insurgents|militants|guerrillas|guerrilla column|jihadists|terrorists|"
    r"extremists|separatists|fighters|gunm[ae]n|attackers?|shooters?|assailants?|"
    r"suspects?|bombers?|urban guerrillas|terrorist commandos?|hitmen|gang members?|robbers?"
)
_PEOPLE = (
    r"civilians?|people|residents|villagers|students|children|worshippers|pilgrims|"
    r"passengers|women|men|teens|teenagers|boys?|girls?|bystanders|victims?|peasants|"
    r"journalists?|farmers|workers|shoppers|family|families|man|woman|teen|teenager|toddler|child|"
    r"person|customers?|parade|military parade|parliament|shrine|mosque|church|school|market"
)
_PROTEST = r"protesters|protestors|demonstrators|marchers|activists|strikers"
_RIOT = r"rioters|mob|looters"

_DEMONYM_ALT = "|".join(
    sorted((re.escape(d) for d in DEMONYMS if DEMONYMS[d][0]), key=len, reverse=True)
)
_GENERIC = re.compile(
    rf"\b(?:(?P<dem>{_DEMONYM_ALT})\s+(?:\w+\s+)?)?"
    rf"(?:(?P<forces>{_FORCES})|(?P<armed>{_ARMED})|(?P<protest>{_PROTEST})|(?P<riot>{_RIOT})|"
    rf"(?P<people>{_PEOPLE}))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ActorMention:
    name: str
    canonical: str
    actor_type: ActorType | None
    country_code: str | None
    start: int
    end: int
    known: bool  # a named organisation, not a generic noun


def _alias_pattern() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    index: dict[str, int] = {}
    folded: list[str] = []
    exact: list[str] = []
    for i, (_, _, _, aliases) in enumerate(KNOWN_ACTORS):
        for alias in aliases:
            key = alias.lower().replace("’", "'")
            index[key] = i
            (exact if alias.isupper() and len(alias) <= 4 else folded).append(re.escape(alias))
    folded.sort(key=len, reverse=True)
    exact.sort(key=len, reverse=True)
    return (
        re.compile(rf"(?<![\w-])(?:the\s+)?({'|'.join(folded)})(?:['’]s)?(?![\w-])", re.IGNORECASE),
        re.compile(rf"(?<![\w-])({'|'.join(exact)})(?![\w-])"),
        index,
    )


_FOLDED, _EXACT, _INDEX = _alias_pattern()
_COUNTRY = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(k) for k in sorted(COUNTRY_ACTORS, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)


def find_actors(sentence: str, *, upper_case_text: bool = False) -> list[ActorMention]:
    """Actor mentions in one sentence, in order, without overlaps (named groups first)."""
    found: list[ActorMention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: ActorMention) -> None:
        if any(mention.start < b and a < mention.end for a, b in taken):
            return
        taken.append((mention.start, mention.end))
        found.append(mention)

    patterns = (_FOLDED,) if upper_case_text else (_FOLDED, _EXACT)
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            alias = match.group(1)
            entry = KNOWN_ACTORS[_INDEX[alias.lower().replace("’", "'")]]
            canonical, known_type, country, _ = entry
            add(
                ActorMention(
                    alias, canonical, known_type, country, match.start(1), match.end(1), True
                )
            )
    for match in _GENERIC.finditer(sentence):
        dem = match.group("dem")
        country, country_name = DEMONYMS.get(dem.lower(), ("", "")) if dem else ("", "")
        word = match.group(0)
        if match.group("forces"):
            actor_type: ActorType = ActorType.STATE_FORCES
            noun = match.group("forces").lower()
            police = "police" in noun or "officer" in noun
            canonical = (
                f"{'Police' if police else 'Military'} Forces of {country_name}"
                if country_name
                else ("Police Forces" if police else "State Forces")
            )
            if noun in ("militia", "militias", "militiamen"):
                actor_type, canonical = ActorType.POLITICAL_MILITIA, "Militia"
        elif match.group("armed"):
            noun = match.group("armed").lower()
            actor_type = (
                ActorType.REBEL_GROUP
                if re.match(r"rebel|insurgent|guerrilla|jihadist|separatist|militant|urban", noun)
                else ActorType.POLITICAL_MILITIA
            )
            canonical = (
                "Rebels" if actor_type is ActorType.REBEL_GROUP else "Unidentified Armed Group"
            )
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
        add(
            ActorMention(
                word, canonical, actor_type, country or None, match.start(), match.end(), False
            )
        )
    for match in _COUNTRY.finditer(sentence):
        before = sentence[max(0, match.start() - 12) : match.start()].lower()
        if re.search(
            r"\b(?:in|into|of|from|across|to|at|near|over|inside|outside|and|by|"
            r"with|against|on)\s+(?:the\s+)?$",
            before,
        ):
            continue  # a place here, not the state acting
        code, name = COUNTRY_ACTORS[match.group(1).lower()]
        add(
            ActorMention(
                match.group(1),
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
