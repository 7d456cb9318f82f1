"""Where the main incident happened, from what the article says about each place it names.

Never just the first place named: every place gets its evidence (dateline, headline, "in X"
beside the report, a street address in X, X's police speaking, "City, ST", the outlet's own
town as a weak prior, the state most of the article is about) and a linear score whose
weights were fitted on the GVA dev split (a conditional logit: one softmax over the places
of each article); the best-scored place wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from math import cos, log1p, radians, sqrt

from worker.domain import Location
from worker.extraction.places import Toponym, outlet_start

_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside|to)\s+(?:the\s+)?(?:(?:city|town|village|borough|township)"
    r"\s+of\s+)?(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|downtown|"
    r"rural|northern|southern|eastern|western|central)\s+)?$",
    re.IGNORECASE,
)
_ADDRESS_BEFORE = re.compile(
    r"(?:\bblock\s+of\b|\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|"
    r"highway|hwy|parkway|pkwy|court|ct|circle|cir|way|place|pl|terrace|pike|route)\b\.?)"
    r"[^.;\n]{0,30}?(?:\b(?:in|near)\s+(?:the\s+)?|,\s*)$",
    re.IGNORECASE,
)
_POLICE_AFTER = re.compile(
    r"^(?:\s+County)?(?:['’]s)?\s+(?:city\s+)?(?:police|pd\b|sheriff|fire|officers?|"
    r"authorities|detectives?|homicide|investigators|deputies|coroner|medical\s+examiner)",
    re.IGNORECASE,
)
_POLICE_BEFORE = re.compile(
    r"\b(?:police|sheriff['’]s\s+(?:office|deputies)|authorities|officers|deputies|detectives|"
    r"coroner|officials)\s+(?:in|of|from)\s+(?:the\s+)?(?:city\s+of\s+)?$",
    re.IGNORECASE,
)
_RESIDENT = re.compile(
    r"^\s+(?:man|woman|men|women|resident|residents|teen|teenager|boy|girl|native|couple|"
    r"family|mother|father|mom|dad|student|child|toddler)\b",
    re.IGNORECASE,
)
_RESIDENT_BEFORE = re.compile(
    r"\b(?:resident|residents|native|man|woman|boy|girl|teen|teenager|student|both)\s+"
    r"(?:of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PART_OF_CITY = re.compile(
    r"^\s+(?:neighborhood|neighbourhood|section|community|subdivision|district|apartments?|"
    r"complex|park)\b",
    re.IGNORECASE,
)
_ELSEWHERE = re.compile(
    r"^(?:\s+County)?\s+(?:hospital|medical|regional|memorial|trauma|jail|court|courthouse|"
    r"high\s+school|university|college|airport|funeral|cemetery|church)\b",
    re.IGNORECASE,
)
_TITLE_HEAD = re.compile(
    r"^\s+(?:shooting|police|man|woman|teen|boy|girl|home|homicide|murder|standoff)", re.I
)
_ACT_BEFORE = re.compile(
    r"\b(?:shot|shooting|shootings|shootout|gunfire|killed|slain|slaying|murder(?:ed)?|homicide|"
    r"wounded|stabbed|happened|occurred|took\s+place|opened\s+fire|died|dead|attack(?:ed)?)\b"
    r"[^.;!?]{0,60}?\b(?:in|at|near|outside|on)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,6}?$",
    re.IGNORECASE,
)
_NEAR_BEFORE = re.compile(
    r"\b(?:near|outside(?:\s+of)?|(?:north|south|east|west|northeast|northwest|southeast|"
    r"southwest)\s+of|miles\s+(?:from|of)|just\s+(?:outside|off)|(?:in|at|near)\s+(?:the\s+)?"
    r"(?:suburban|nearby))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CITY_STATE = re.compile(r"^,\s*(?:[A-Z][a-z]{1,4}\.(?:\s?[A-Z][a-z]?\.)?|[A-Z]{2}\b)")


@dataclass(slots=True)
class PlaceEvidence:
    """What the article says about one place, over all its mentions."""

    location: Location
    first: int  # offset of its first mention
    population: int = 0
    count: int = 0  # mentions in the headline and body (not dateline, not outlet)
    dateline: bool = False
    title: bool = False
    title_locative: bool = False
    scene: bool = False  # inside a stretch of text that reports the main incident
    scene_locative: bool = False  # ... right after "in", "at", "near" or an address
    locative: bool = False  # after "in", "at", "near" anywhere
    address: bool = False  # "the 400 block of Main Street in X"
    police: bool = False  # "X police said", "police in X"
    city_state: bool = False  # "X, Ind."
    lead: bool = False  # in the first paragraph of the body
    resident: bool = False  # "a Dayton man", "a resident of Dayton"
    part_of_city: bool = False  # "the South Shore neighborhood"
    elsewhere: bool = False  # "taken to a Dayton hospital"
    outlet: bool = False  # named in the outlet's name in the headline
    ner: bool = False  # tagged as a place by NER at least once (not only found by a cue)
    focus_state: bool = False  # in the admin1 the article is mostly about
    foreign: bool = False  # in another country than the one the article is mostly about
    area_with_city: bool = False  # a county or state, and a town in it is named as a scene
    inside_larger: bool = False  # a town within the core of a much larger city named too
    encloses_scene: bool = False  # a big city whose core holds a place named as the scene
    holds_big_part: bool = False  # a city whose core holds a city-sized place named too
    near: bool = False  # "near X", "outside X", "north of X": somewhere around X
    far_namesake: bool = False  # a small town far from all else named, beside a big city
    act_locative: bool = False  # "was shot in X", "the shooting happened at X"
    neighbourhood_of_focus: bool = False  # "the X neighborhood" where a town of its state leads
    state_support: int = 0  # other places of its admin1 the article names (at most 3)
    first_locative: bool = False  # the first place of the body named after "in", "at"...
    title_first: bool = False  # the first place of the headline
    kinds: set[str] = field(default_factory=set)

    @property
    def strong(self) -> bool:
        return self.dateline or self.scene_locative or self.title_locative or self.address


def _identity(location: Location) -> tuple[object, ...]:
    if location.geonames_id is not None:
        return ("id", location.geonames_id)
    return ("name", (location.name or "").lower())


def _km(a: Location, b: Location) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return 1e9
    x = (a.lon - b.lon) * cos(radians((a.lat + b.lat) / 2))
    return 111.2 * sqrt(x * x + (a.lat - b.lat) ** 2)


# "Madisonville" of a Cincinnati article resolved to Madisonville, Texas; "Southside" of a
# Chicago one to Southside, Alabama: a small town far from every other place the article
# names, while it names a big city, is a part of that city (or a hamlet) the gazetteer knows
# only by a namesake elsewhere.
_NAMESAKE_POPULATION = 50_000
_BIG_CITY = 100_000
_NAMESAKE_KM = 300.0


def _core_km(population: int) -> float:
    """How far from a big city's point its own neighbourhoods reach (GeoNames lists them as
    populated places): about 20 km for Chicago, 11 km for Indianapolis."""
    return 0.012 * sqrt(population)


_SENTENCE = re.compile(r"[^.!?\n]{40,}")


def _repeated_elsewhere(
    text: str, start: int, scenes: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Sentences of the body that the page holds twice or more, no copy of them reporting
    the main incident: teasers of other stories and site blurbs ("Decatur police say a
    78-year-old woman..." under a Mobile report)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for match in _SENTENCE.finditer(text, start):
        key = " ".join(match.group(0).split()).lower()
        seen.setdefault(key, []).append(match.span())
    return [
        span
        for spans in seen.values()
        if len(spans) > 1
        and not any(
            a < scene_end and scene_start < b for a, b in spans for scene_start, scene_end in scenes
        )
        for span in spans
    ]


def place_evidence(
    text: str,
    toponyms: Sequence[Toponym],
    *,
    body_start: int,
    scenes: Sequence[tuple[int, int]],
) -> list[PlaceEvidence]:
    """Evidence for every place the article names (one entry per distinct place)."""
    lead_end = text.find("\n\n", body_start)
    if lead_end < 0 or lead_end - body_start < 120:
        lead_end = body_start + 400
    outlet = outlet_start(text, body_start)
    repeated = _repeated_elsewhere(text, body_start, scenes)
    toponyms = [t for t in toponyms if not any(s <= t.start < end for s, end in repeated)]
    found: dict[tuple[object, ...], PlaceEvidence] = {}
    for t in toponyms:
        loc = t.location
        e = found.get(_identity(loc))
        if e is None:
            e = found[_identity(loc)] = PlaceEvidence(loc, t.start, t.population)
        e.kinds.add(t.kind)
        if t.kind == "DATELINE":
            e.dateline = True
            continue
        if t.kind == "OUTLET" or outlet <= t.start < body_start:
            e.outlet = True
            continue
        e.count += 1
        e.ner = e.ner or t.kind in ("GPE", "LOC")
        before = text[max(0, t.start - 60) : t.start]
        after = text[t.end : t.end + 40]
        locative = bool(_LOCATIVE_BEFORE.search(before))
        address = bool(_ADDRESS_BEFORE.search(before))
        e.act_locative = e.act_locative or (
            (locative or address) and bool(_ACT_BEFORE.search(text, max(0, t.start - 90), t.start))
        )
        e.locative = e.locative or locative
        e.address = e.address or address
        e.police = e.police or bool(_POLICE_AFTER.match(after) or _POLICE_BEFORE.search(before))
        e.city_state = e.city_state or bool(_CITY_STATE.match(after)) or "," in (loc.text or "")
        e.resident = e.resident or bool(_RESIDENT.match(after) or _RESIDENT_BEFORE.search(before))
        e.part_of_city = e.part_of_city or bool(_PART_OF_CITY.match(after))
        e.elsewhere = e.elsewhere or bool(_ELSEWHERE.match(after))
        if t.start < body_start:
            e.title = True
            e.title_locative = e.title_locative or locative or bool(_TITLE_HEAD.match(after))
        elif t.start < lead_end:
            e.lead = True
        if any(s <= t.start < end for s, end in scenes):
            e.scene = True
            e.scene_locative = e.scene_locative or locative or address
        if _NEAR_BEFORE.search(before):
            e.near = True
    evidence = list(found.values())
    body_locatives = [
        t
        for t in toponyms
        if body_start <= t.start and _LOCATIVE_BEFORE.search(text[max(0, t.start - 60) : t.start])
    ]
    in_title = [t for t in toponyms if t.start < outlet and t.kind != "DATELINE"]
    for first, flag in ((body_locatives, "first_locative"), (in_title, "title_first")):
        if first:
            setattr(found[_identity(min(first, key=lambda t: t.start).location)], flag, True)
    _context(evidence)
    return evidence


def _far_namesake(e: PlaceEvidence, evidence: Sequence[PlaceEvidence], country: str | None) -> bool:
    """A small town far from every other place the article names, in an article that names a
    big city of the country it is about (a dateline or "X, Ind." says where a town is; a bare
    name may be a namesake)."""
    loc = e.location
    if (
        loc.geo_precision != 1
        or e.population >= _NAMESAKE_POPULATION
        or loc.lat is None
        or e.dateline
        or e.city_state
    ):
        return False
    return any(
        t is not e
        and t.location.geo_precision == 1
        and t.population >= _BIG_CITY
        and t.location.country_code == country
        for t in evidence
    ) and not any(
        o is not e and o.location.geo_precision in (1, 2) and _km(o.location, loc) < _NAMESAKE_KM
        for o in evidence
    )


def _vote_weight(e: PlaceEvidence) -> float:
    return 3.0 * e.dateline + 1.0 * e.outlet + min(e.count, 3) + 1.0 * e.police


def _context(evidence: Sequence[PlaceEvidence]) -> None:
    """Features of each place relative to the others the article names."""
    countries: dict[str | None, float] = {}
    for e in evidence:
        if e.location.country_code is not None:
            code = e.location.country_code
            countries[code] = countries.get(code, 0.0) + _vote_weight(e)
    focus_country = max(countries, key=countries.__getitem__) if countries else None
    states: dict[tuple[str | None, str | None], float] = {}
    for e in evidence:
        e.far_namesake = _far_namesake(e, evidence, focus_country)
        loc = e.location
        # A likely namesake elsewhere says nothing of the state the article is about.
        if loc.country_code is not None and loc.admin1 and not e.far_namesake:
            key = (loc.country_code, loc.admin1)
            states[key] = states.get(key, 0.0) + _vote_weight(e)
    focus_state = max(states, key=states.__getitem__) if states else None
    towns = [e for e in evidence if e.location.geo_precision == 1 and e.location.lat is not None]
    leading = [t for t in towns if t.dateline or t.police or t.outlet]
    for e in evidence:
        loc = e.location
        e.focus_state = focus_state is not None and (loc.country_code, loc.admin1) == focus_state
        e.foreign = loc.country_code is not None and loc.country_code != focus_country
        e.state_support = min(
            3,
            sum(
                1
                for o in evidence
                if o is not e
                and loc.admin1 is not None
                and (o.location.country_code, o.location.admin1) == (loc.country_code, loc.admin1)
            ),
        )
        precision = loc.geo_precision or 0
        if precision in (2, 3):
            e.area_with_city = any(
                t.strong
                and t.location.country_code == loc.country_code
                and (precision == 3 or t.location.admin1 == loc.admin1)
                and (loc.admin1 is None or t.location.admin1 == loc.admin1 or precision == 3)
                and (precision == 3 or loc.lat is None or _km(t.location, loc) < 60)
                for t in towns
            )
        if e.part_of_city:
            e.neighbourhood_of_focus = any(
                t is not e
                and t.location.admin1 == loc.admin1
                and t.location.country_code == loc.country_code
                and t.population > e.population
                for t in leading
            )
        if precision == 1:
            e.inside_larger = any(
                t is not e
                and t.population >= max(4 * e.population, 200_000)
                and _km(t.location, loc) < _core_km(t.population)
                for t in towns
            )
            # "shot in Portage Park" with "Chicago police": the neighbourhood is in Chicago,
            # and the city is the place a city-level record wants.
            e.encloses_scene = any(
                t is not e
                and e.population >= max(4 * t.population, 200_000)
                and (t.scene_locative or t.title_locative or t.act_locative)
                and _km(t.location, loc) < _core_km(e.population)
                for t in towns
            )
            # New York City and Brooklyn: a city-sized part of a bigger city, named, is the
            # more precise of the two and still a city.
            e.holds_big_part = any(
                t is not e
                and t.count > 0
                and 400_000 <= t.population <= e.population / 2
                and _km(t.location, loc) < _core_km(e.population)
                for t in towns
            )


# Weights of a conditional logit (one softmax over the places of each article) fitted on the
# GVA dev split (features dumped per article, softmax fitted by gradient ascent), rounded.
_WEIGHTS: dict[str, float] = {
    "dateline": 0.95,
    "title": 0.15,
    "title_locative": 0.1,
    "title_first": 0.1,
    "scene": 0.3,
    "first_locative": 0.25,
    "act_locative": 0.45,
    "address": 0.35,
    "police": 1.15,
    "city_state": 0.25,
    "lead": 0.2,
    "resident": 0.2,
    "near": 0.15,
    "part_of_city": -0.25,
    "neighbourhood_of_focus": -0.25,
    "elsewhere": -0.3,
    "focus_state": 1.05,
    "foreign": -0.4,
    "area_with_city": -0.3,
    "inside_larger": -0.8,
    "encloses_scene": 1.0,  # these two set by hand on GVA dev after the fit
    "holds_big_part": -0.5,
    "far_namesake": -2.0,  # set by hand on GVA dev: at -2 it never outranks the big city
}
_PRECISION_WEIGHTS = {1: 1.25, 2: -1.05, 3: -0.1}
_UNRESOLVED = -0.25  # a name the gazetteer does not know, kept as written


def place_score(e: PlaceEvidence) -> float:
    """How likely the place is the scene of the main incident: a linear score over the
    evidence, larger is likelier."""
    loc = e.location
    located = loc.lat is not None or loc.admin1 is not None
    score = _PRECISION_WEIGHTS.get(loc.geo_precision or 0, _UNRESOLVED) if located else _UNRESOLVED
    for name, weight in _WEIGHTS.items():
        if getattr(e, name):
            score += weight
    if e.count == 0:  # named only in the dateline, or only in the outlet's name
        score += 0.4 * e.dateline - 0.15 * e.outlet
    score += 0.25 * e.state_support / 3 - 0.3 * (e.state_support == 0)
    return score + 0.3 * min(e.count, 5) / 5 + 0.55 * log1p(e.count)


def choose_place(
    text: str,
    toponyms: Sequence[Toponym],
    *,
    body_start: int,
    scenes: Sequence[tuple[int, int]],
) -> Location | None:
    """The place where the main incident happened, from all the article says of each place
    (never just the first place named)."""
    evidence = place_evidence(text, toponyms, body_start=body_start, scenes=scenes)
    if not evidence:
        return None
    best = max(evidence, key=lambda e: (place_score(e), -e.first))
    return best.location
