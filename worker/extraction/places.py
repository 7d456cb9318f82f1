"""The places an article names, resolved through the gazetteer.

The geocoding layer (``worker.geo``) owns the gazetteer; ``PlaceResolver`` is the one call
extraction makes of it: every toponym of an article (with offsets into its text) resolved
jointly, so that they disambiguate each other. ``find_toponyms`` collects them: NER's places,
"the city of X", the dateline's place, and names NER misses that the words around call a
place ("Memphis police", "in Chubbuck", a headline's "Pelzer triple homicide", the town in
the outlet's name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from worker.domain import Location
from worker.geo import ToponymLabel, ToponymMention, haversine_km


@dataclass(frozen=True, slots=True)
class Resolved:
    location: Location
    population: int = 0


class PlaceResolver(Protocol):
    def resolve_mentions(
        self,
        mentions: Sequence[ToponymMention],
        *,
        text: str | None,
        country_hint: str | None = None,
    ) -> list[Resolved | None]:
        """One entry per mention (offsets into ``text``), chosen jointly; None if unknown."""
        ...

    def country_code(self, name: str) -> str | None:
        """ISO code when ``name`` names a country (or a demonym of one)."""
        ...

    def known(self, name: str) -> bool:
        """Whether ``name`` can name a place at all (a cheap, cached lookup)."""
        ...

    def alternatives(self, name: str) -> list[Resolved]:
        """Every place ``name`` can name, the likeliest without context first."""
        ...


class NoPlaces:
    """A resolver that knows nothing: locations stay as written, without coordinates."""

    def resolve_mentions(
        self,
        mentions: Sequence[ToponymMention],
        *,
        text: str | None,
        country_hint: str | None = None,
    ) -> list[Resolved | None]:
        return [None for _ in mentions]

    def country_code(self, name: str) -> str | None:
        return None

    def known(self, name: str) -> bool:
        return False

    def alternatives(self, name: str) -> list[Resolved]:
        return []


def load_place_resolver(cache_dir: Path | None) -> PlaceResolver:
    from worker.extraction.gazetteer_adapter import GazetteerPlaces

    return GazetteerPlaces.load(cache_dir)


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place named in the article: offsets into the parsed text and what it resolved to."""

    start: int
    end: int
    location: Location
    # The NER label (GPE, LOC, FAC), MAYBE (a PERSON/ORG/NORP standing where a place would),
    # DATELINE (the dateline's place; the cleaned text no longer holds it, offsets are its
    # end), or the cue that found a name NER missed: POLICE, LOCATIVE, TITLE, RESIDENT, OUTLET.
    kind: str = "GPE"
    population: int = 0


# -- places NER misses -----------------------------------------------------------------------

_INSTITUTION = r"(?:Police|Sheriff|Sheriff's|Department|Metropolitan|Metro|Fire|The)\b"
_WORD = rf"(?!{_INSTITUTION})[A-Z][a-z][\w'’-]*\.?"
_NAME = rf"{_WORD}(?:[ -]+{_WORD}){{0,3}}"
_POLICE_NAME = re.compile(
    rf"(?<![\w'’-])(?P<name>{_NAME})(?:['’]s)?(?:[ -]+[A-Z][a-z]+)? (?:Metro(?:politan)? )?"
    r"(?:Police|police|PD\b|Sheriff|sheriff|Fire\s+(?:Department|Rescue))"
)
_LOCATIVE_NAME = re.compile(
    rf"\b(?:[Ii]n|[Nn]ear|[Oo]utside|(?:north|south|east|west|northeast|northwest|southeast|"
    rf"southwest|downtown)(?:ern)?)\s+(?:the\s+)?(?:(?:city|town|village|township|borough)\s+of\s+)?"
    rf"(?P<name>{_NAME})"
)
_HEAD_WORDS = (
    r"(?:shooting|shootout|homicide|murder|man|woman|teen|boy|girl|police|officer|standoff|"
    r"killing|killer|slaying|slayings|death|resident|home|apartment|couple|family|mother|"
    r"father|student|toddler|child|drive-by|double|triple|quadruple|fatal|deadly|gunman|"
    r"shooter|stabbing|gunfire|bar|club|party|gang|crash|robbery|standoff|teenager|infant)s?"
)
_TITLE_NAME = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME})\s+(?i:{_HEAD_WORDS})\b")
_RESIDENT_NAME = re.compile(
    rf"\b(?:[Aa]n?|[Tt]wo|[Tt]hree)\s+(?:\d+-year-old\s+)?(?P<name>{_NAME})\s+"
    r"(?:man|woman|men|women|teen|teenager|boy|girl|resident|residents|couple|family|mother|"
    r"father|student|toddler|child|infant|native)\b"
)
_OUTLET_SEPARATOR = re.compile(r"\s[-|–—]\s")
_OUTLET_WORDS = re.compile(
    r"\b(?:News|Weather|Sports|Channel|TV|Radio|Times|Post|Tribune|Herald|Journal|Gazette)\b"
    r"|\.com\b|\b[KW][A-Z]{2,3}\b"
)
_ANY_NAME = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME})")


_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


_CAPS_LOCATIVE = re.compile(
    r"\b(?:IN|NEAR|OUTSIDE|AT|FROM|TOWARDS?|INTO)\s+(?:THE\s+)?(?:(?:NORTHERN|SOUTHERN|EASTERN|"
    r"WESTERN|CENTRAL|NORTHEASTERN|NORTHWESTERN|SOUTHEASTERN|SOUTHWESTERN)\s+)?"
    r"(?:(?:CITY|TOWN|VILLAGE|PORT|HAMLET|MUNICIPALITY|DEPARTMENT|PROVINCE|DISTRICT|REGION|"
    r"STATE|CANTON|SETTLEMENT|NEIGHBORHOOD|JURISDICTION|AREA)\s+OF\s+)?"
    r"(?P<name>[A-Z][A-Z'’-]*\.?(?: [A-Z][A-Z'’-]*\.?){0,3})"
)


def is_upper_case(text: str) -> bool:
    head = text[:400]
    return len(_UPPER.findall(head)) > 1.5 * len(_LOWER.findall(head))


def outlet_start(text: str, body_start: int) -> int:
    """Where the outlet's name begins in a headline ("Teen shot - WMC Action News 5 - Memphis,
    Tennessee"): the places named there are the outlet's, not the incident's."""
    title = text[:body_start]
    for separator in _OUTLET_SEPARATOR.finditer(title):
        if _OUTLET_WORDS.search(title, separator.end()):
            return separator.start()
    return body_start


def cue_toponyms(
    text: str, body_start: int, taken: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str, str]]:
    """Capitalised names NER did not tag as places but the words around call a place:
    "Memphis police", "in Chubbuck", a headline's "Pelzer triple homicide", and the place in
    the outlet's name. (start, end, name, cue), cue one of POLICE, LOCATIVE, TITLE, OUTLET;
    spans overlapping ``taken`` are left out. Whether the name is a known place is the
    gazetteer's call."""
    found: list[tuple[int, int, str, str]] = []
    busy = list(taken)

    def add(match: re.Match[str], cue: str) -> None:
        start, end = match.span("name")
        if any(s < end and start < e for s, e in busy):
            return
        busy.append((start, end))
        found.append((start, end, match.group("name"), cue))

    if is_upper_case(text):
        # Wire text in capitals: any word looks like a name, so only places after "in",
        # "near", "the town of"... are looked for, and they may replace what NER tagged
        # ("LA" of "LA PAZ").
        for match in _CAPS_LOCATIVE.finditer(text):
            found.append((match.start("name"), match.end("name"), match.group("name"), "CAPS"))
        return found
    outlet = outlet_start(text, body_start)
    for match in _ANY_NAME.finditer(text, outlet, body_start):
        add(match, "OUTLET")
    for match in _POLICE_NAME.finditer(text):
        add(match, "POLICE")
    for match in _LOCATIVE_NAME.finditer(text):
        add(match, "LOCATIVE")
    for match in _TITLE_NAME.finditer(text, 0, outlet):
        add(match, "TITLE")
    for match in _RESIDENT_NAME.finditer(text, body_start):
        add(match, "RESIDENT")
    return found


# -- toponyms of an article -----------------------------------------------------------------

_TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MAYBE_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_CITY_OF = re.compile(
    r"\b(?i:city|town|village|province|district|county|state|department|municipality)"
    r" (?i:of)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
_INSTITUTION_TAIL = re.compile(
    r"\s+(?:Police|Sheriff|Sheriff['’]s|Fire|Metropolitan|Metro|PD|Department|Office|Court)\b.*$",
    re.DOTALL,
)
_LOCATIVE = re.compile(r"\b(?:in|at|near|into|of|outside|from)\s+(?:the\s+)?$", re.IGNORECASE)
_EVENT_AFTER = re.compile(r"\s+(?:attack|bombing|shooting|massacre|blast|strike)", re.IGNORECASE)

_Found = tuple[int, int, str, ToponymLabel | None]  # start, end, name, label (None: no NER place)


def find_toponyms(
    text: str,
    entities: Sequence[tuple[int, int, str]],
    *,
    body_start: int,
    dateline: str | None,
    places: PlaceResolver,
) -> list[Toponym]:
    """Every place the article names (``entities``: NER spans as start, end, label),
    resolved together in one gazetteer call; the dateline's place last, as its own toponym."""
    found = _named_places(text, entities)
    cues: dict[int, str] = {}
    upper = is_upper_case(text)
    in_text = body_dateline(text, 0) if dateline is None else None
    if in_text is not None:  # "RHINE, Georgia (41NBC/WMGT) – ..." left in the body
        start, end = in_text
        found = [f for f in found if not (f[0] < end and start < f[1])]
        found.append((start, end, text[start:end], "GPE"))
        cues[start] = "DATELINE"
    ner_places = [(s, e) for s, e, _, label in found if label in ("GPE", "LOC") and not upper]
    for start, end, name, cue in cue_toponyms(text, body_start, ner_places):
        known = _known_run(places, name, _anchor(cue, in_title=start < body_start))
        if known is None:
            continue
        start, end = start + known[0], start + known[0] + len(known[1])  # noqa: PLW2901
        found = [f for f in found if not (f[0] < end and start < f[1])]
        found.append((start, end, known[1], None))
        cues[start] = cue
    found = [_without_direction(places, f) for f in found]
    found.sort(key=lambda f: f[0])
    # NER tags one town GPE here and FAC there ("the Belle Glade night club"): the
    # gazetteer keeps one sense per name, and a FAC sense is only a landmark's.
    towns = {name.lower() for _, _, name, label in found if label in ("GPE", "LOC")}
    found = [
        (s, e, name, "GPE" if label == "FAC" and name.lower() in towns else label)
        for s, e, name, label in found
    ]
    if dateline:
        found.append((len(text), len(text), _NEAR_DATELINE.sub("", dateline), "GPE"))
    mentions = [ToponymMention(name, s, e, label) for s, e, name, label in found]
    datelines = {len(text)} | {s for s, cue in cues.items() if cue == "DATELINE"}
    resolved = places.resolve_mentions(mentions, text=text)
    resolved = _within_focus(places, found, resolved, datelines=datelines)
    # A town the gazetteer lacks: the name is still knowledge, coordinates not, and
    # "Bokoshe, Okla." still says the state, for every mention of Bokoshe.
    written: dict[str, tuple[str | None, str | None]] = {}
    counties = {
        place.location.name.lower(): (place.location.country_code, place.location.admin1)
        for place in resolved
        if place is not None and place.location.name and _is_county(place.location)
    }
    for (_, end, name, label), place in zip(found, resolved, strict=True):
        if place is None and label == "GPE" and name[:1].isupper():
            state = _written_state(
                places, name, text[end : end + 30], upper=upper, counties=counties
            )
            town = name.split(",")[0].strip().lower()
            if state[1] is not None or town not in written:
                written[town] = state
    toponyms: list[Toponym] = []
    for (start, end, name, label), place in zip(found, resolved, strict=True):
        kind = "DATELINE" if start == len(text) else cues.get(start, label or "MAYBE")
        if place is None:
            town = name.split(",")[0].strip()
            country, admin1 = written.get(town.lower(), (None, None))
            if name[:1].isupper() and (label == "GPE" or admin1 is not None):
                location = Location(
                    name=town,
                    admin1=admin1,
                    country_code=country,
                    # "Tyrone, Mo.": a place named with its state is a town or a county
                    # even when the gazetteer lacks it.
                    geo_precision=(2 if _AREA_WORD.search(town) else 1) if admin1 else None,
                    text=name,
                )
                toponyms.append(Toponym(start, end, location, kind))
            continue
        if label is None and place.location.geo_precision != 1 and start not in cues:
            continue  # a person or group that shares a country's name is not a place
        if upper and len(name) <= 2 and place.location.geo_precision != 3:
            continue  # "LA", "UP", "MR" in capitals are words, not Los Angeles
        toponyms.append(Toponym(start, end, place.location, kind, place.population))
    return toponyms


_AREA_WORD = re.compile(r"\b(?:County|Parish|Borough|Township)$", re.IGNORECASE)
_STATE_AFTER = re.compile(
    r"^\s*,\s*(?P<state>[A-Z][a-z]*\.(?:\s?[A-Z][a-z]*\.)?|[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z]{2}\b)"
)


_COUNTY_AFTER = re.compile(
    r"^\s*,\s*(?P<county>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2} (?:County|Parish))\b"
)


def _written_state(
    places: PlaceResolver,
    name: str,
    after: str,
    *,
    upper: bool = False,
    counties: Mapping[str, tuple[str | None, str | None]] | None = None,
) -> tuple[str | None, str | None]:
    """The country and admin1 written after a town's name ("Bokoshe, Okla.", "RHINE,
    Georgia", "Felton, MN"), when they name a first-level area, or the county's ("SNOWVILLE,
    Box Elder County"; one the article names elsewhere first). In text all in capitals a
    two-letter word is a word ("LIMA, IN THE..."), not a postal code."""
    tail = name.partition(",")[2]
    written = f", {tail.strip()}" if tail.strip() else after
    county = _COUNTY_AFTER.match(written)
    if county is not None:
        known = (counties or {}).get(county.group("county").lower())
        if known is not None:
            return known
        for area in places.alternatives(county.group("county")):
            if _is_county(area.location) and area.location.admin1 is not None:
                return area.location.country_code, area.location.admin1
        return None, None
    match = _STATE_AFTER.match(written)
    if match is None or (upper and len(match.group("state")) == 2):
        return None, None
    for area in places.alternatives(match.group("state")):
        loc = area.location
        if loc.geo_precision == 2 and loc.admin1 is not None and loc.name == loc.admin1:
            return loc.country_code, loc.admin1
    return None, None


_DIRECTION = re.compile(
    r"^(?:(?:North|South)(?:east|west)|NE|NW|SE|SW|[NS]\.[EW]\.|NORTHEAST|NORTHWEST|SOUTHEAST|"
    r"SOUTHWEST|North|South|East|West|NORTH|SOUTH|EAST|WEST)\s+"
)
# "west Shreveport" tagged whole: a direction in lower case is never part of a town's name.
_LOWER_DIRECTION = re.compile(
    r"^(?:(?:north|south)(?:east|west)?|east|west|(?:north|south)?(?:east|west)ern|"
    r"(?:north|south)ern|central|downtown)\s+(?=[A-Z])"
)
_CITY_SIZED = 100_000


def _without_direction(places: PlaceResolver, found: _Found) -> _Found:
    """ "Southwest Philadelphia", "NW Harris County": a part of a city or county named by its
    direction stands for the city or county when the whole name is no place ("North
    Charleston" is one; "West Flournoy" is a street, so only cities and counties count)."""
    start, end, name, label = found
    lower = _LOWER_DIRECTION.match(name)
    if lower is not None:
        return start + lower.end(), end, name[lower.end() :], label
    match = _DIRECTION.match(name)
    if match is None or places.known(name):
        return found
    rest = name[match.end() :]
    if not any(
        a.population >= _CITY_SIZED or _is_county(a.location) for a in places.alternatives(rest)
    ):
        return found
    return start + match.end(), end, rest, label


_BODY_DATELINE = re.compile(
    r"(?:NEAR\s+)?(?P<place>[A-Z][A-Z.'’ -]{2,30}?(?:,\s*[A-Z][A-Za-z. ]{1,14}?)?)\s*"
    r"(?:\([^)\n]{1,30}\)\s*)?(?:-{1,2}|—|–|\|)\s"
)
# "NEAR DALLAS, Ore. –": the dateline names the town the incident is near.
_NEAR_DATELINE = re.compile(r"^NEAR\s+")


def _within_focus(
    places: PlaceResolver,
    found: Sequence[_Found],
    resolved: list[Resolved | None],
    *,
    datelines: set[int],
) -> list[Resolved | None]:
    """A town resolved outside the admin1 the article is plainly about (its dateline, its
    states and most of its towns) takes the namesake inside it when there is one: local news
    names local places."""
    # One vote per place, not per mention: a town named five times is still one town.
    weights: dict[tuple[str | None, str, str | None], float] = {}
    for (start, _, _, _), r in zip(found, resolved, strict=True):
        if r is None or r.location.admin1 is None or (r.location.geo_precision or 3) > 2:
            continue
        place = (r.location.country_code, r.location.admin1, r.location.name)
        weight = 3.0 if start in datelines else 2.0 if r.location.geo_precision == 2 else 1.0
        weights[place] = max(weights.get(place, 0.0), weight)
    votes: dict[tuple[str | None, str], float] = {}
    for (country, admin1, _), weight in weights.items():
        votes[country, admin1] = votes.get((country, admin1), 0.0) + weight
    if not votes:
        return resolved
    focus = max(votes, key=votes.__getitem__)
    if votes[focus] < 0.6 * sum(votes.values()) or votes[focus] < 2:
        return resolved
    out = list(resolved)
    for i, ((_, _, name, _), r) in enumerate(zip(found, resolved, strict=True)):
        if r is None or not (r.location.geo_precision == 1 or _is_county(r.location)):
            continue
        if (r.location.country_code, r.location.admin1) == focus:
            continue
        inside = [
            a
            for a in places.alternatives(name.split(",")[0])
            if (a.location.country_code, a.location.admin1) == focus
            and a.location.geo_precision == r.location.geo_precision
        ]
        if inside:
            out[i] = inside[0]
        elif _far_small_namesake(r, resolved, focus):
            written = name.split(",")[0].strip()
            out[i] = Resolved(
                Location(name=written, country_code=focus[0], geo_precision=1, text=name)
            )
    return out


# A town the gazetteer knows only elsewhere: "Roxbury" of a Boston article is Roxbury,
# Wisconsin, "Madisonville" of a Cincinnati one is in Texas. A small town that far from every
# place of the article's state is a part of a city (or a hamlet) the gazetteer lacks.
_NAMESAKE_POPULATION = 50_000
_NAMESAKE_KM = 300.0


def _far_small_namesake(
    r: Resolved, resolved: Sequence[Resolved | None], focus: tuple[str | None, str]
) -> bool:
    loc = r.location
    if loc.geo_precision != 1 or r.population >= _NAMESAKE_POPULATION or loc.lat is None:
        return False
    anchors = [
        o.location
        for o in resolved
        if o is not None
        and (o.location.country_code, o.location.admin1) == focus
        and o.location.geo_precision == 1
        and o.location.lat is not None
        and o.location.lon is not None
    ]
    return bool(anchors) and all(
        haversine_km(loc.lat, loc.lon or 0.0, a.lat or 0.0, a.lon or 0.0) > _NAMESAKE_KM
        for a in anchors
    )


def _is_county(location: Location) -> bool:
    """A county (or parish...) of an admin1, not the admin1 itself."""
    return location.geo_precision == 2 and location.name != location.admin1


_RAW_WIRE_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'-]{1,40}?)(?:\s*\((?P<country>[A-Z][A-Za-z .'-]{1,30})\))?,"
    r"\s+\d{1,2}\s+[A-Z]{3}\s+\d{2,4}\b"
)


def wire_dateline_place(raw_text: str) -> str | None:
    """The place of a wire dateline at the head of the raw text, with its country when
    given: 'PANAMA CITY (PANAMA), 16 NOV 89 (ACAN-EFE) --' -> 'PANAMA CITY, PANAMA'."""
    match = _RAW_WIRE_DATELINE.match(raw_text)
    if match is None:
        return None
    country = match.group("country")
    return f"{match.group('place')}, {country}" if country else match.group("place")


def body_dateline(text: str, body_start: int) -> tuple[int, int] | None:
    """A dateline that cleaning left in the headline or one of the first paragraphs
    ("OLIVEHURST (CBS13) –", "RHINE, Georgia (41NBC/WMGT) –"): the span of its place."""
    start = body_start
    for _ in range(3):
        match = _BODY_DATELINE.match(text, start)
        if match is not None and len(match.group("place").split(",")[0].strip()) >= 3:
            return match.start("place"), match.start("place") + len(match.group("place").rstrip())
        start = text.find("\n\n", start)
        if start < 0:
            return None
        start += 2
    return None


def _named_places(text: str, entities: Sequence[tuple[int, int, str]]) -> list[_Found]:
    """NER's places, PERSON/ORG/NORP names standing where a place would, "city of X"."""
    found: list[_Found] = []
    for start, end, ner_label in entities:
        label: ToponymLabel | None
        if ner_label in _TOPONYM_LABELS:
            label = ner_label  # type: ignore[assignment]
        elif ner_label in _MAYBE_PLACE_LABELS and _place_like(text, start, end):
            label = None
        else:
            continue
        span = _trimmed(text, start, end)
        if span is not None:
            found.append((*span, label))
    taken = [(s, e) for s, e, _, _ in found]
    for match in _CITY_OF.finditer(text):
        if not any(s < match.end(1) and match.start(1) < e for s, e in taken):
            found.append((match.start(1), match.end(1), match.group(1), "GPE"))
    return found


def _trimmed(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The entity's words without a leading article, a trailing possessive or institution."""
    name = text[start:end]
    lead = re.match(r"(?:the|The|THE)\s+", name)
    if lead:
        start, name = start + lead.end(), name[lead.end() :]
    institution = _INSTITUTION_TAIL.search(name)
    if institution:  # "Palm Beach County Sheriff's Office" is where the sheriff is
        end, name = start + institution.start(), name[: institution.start()]
    tail = re.search(r"['’]s?$", name)
    if tail:
        end, name = end - len(tail.group(0)), name[: tail.start()]
    return (start, end, name) if name.strip() else None


def _place_like(text: str, start: int, end: int) -> bool:
    """A PERSON/ORG/NORP entity that stands where a place would: "in Walker", "Walker
    shooting" (and not "Walker said")."""
    before = text[max(0, start - 20) : start]
    after = text[end : end + 12]
    return bool(_LOCATIVE.search(before) or _EVENT_AFTER.match(after))


def _anchor(cue: str, *, in_title: bool) -> str:
    """Which runs of a cue's capitalised words may name the place: a headline in title case
    runs the town into other words, before and after it ("3 Hurt Bellflower Barbershop
    Shooting"); after "in" in the body the name is whole ("in Harbor Gateway" is not Harbor);
    before "police" it is the last words."""
    if cue == "CAPS":
        return "start"
    if cue == "LOCATIVE":
        return "start" if in_title else "whole"
    return "any" if cue in ("OUTLET", "TITLE") else "end"


def _known_run(places: PlaceResolver, name: str, anchor: str) -> tuple[int, str] | None:
    """The longest run of the name's words that names a known place, and its offset in the
    name. ``anchor`` "end": runs ending at the name's end; "start": runs from its start;
    "whole": the name as it is; "any": any run."""
    words = list(re.finditer(r"[^\s-]+", name))
    for size in range(len(words), 0, -1):
        last_first = len(words) - size
        if anchor == "end":
            firsts: Sequence[int] = (last_first,)
        elif anchor == "start":
            firsts = (0,)
        elif anchor == "whole":
            firsts = (0,) if size == len(words) else ()
        else:
            firsts = range(last_first, -1, -1)
        for first in firsts:
            start, end = words[first].start(), words[first + size - 1].end()
            run = name[start:end].rstrip(".")
            if places.known(run):
                return start, run
    return None
