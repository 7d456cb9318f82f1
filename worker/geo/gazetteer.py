"""The gazetteer: names -> GeoNames places, and the choice among them in an article's context."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from pathlib import Path

from worker.geo import city_index
from worker.geo.aliases import (
    CA_POSTAL_CODES,
    CA_PROVINCE_ABBREVIATIONS,
    COMMON_WORDS,
    LANDMARKS,
    MACRO_REGIONS,
    MIN_KEY_LENGTH,
    PREFERRED_SENSES,
    STANDALONE_STATE_ABBREVIATIONS,
    US_STATE_ABBREVIATIONS,
)
from worker.geo.areas import AreaTables, load_areas
from worker.geo.city_index import CityIndex
from worker.geo.distance import haversine_km
from worker.geo.names import name_key
from worker.geo.place import Place, ToponymMention
from worker.geo.resolution import DEFAULT_WEIGHTS, Candidate, Group, Weights, prior, resolve_groups

_KIND_ORDER = {"continent": 0, "country": 1, "admin1": 2, "admin2": 3, "city": 4}
_CACHE_LIMIT = 50_000

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_AREA_SUFFIX = re.compile(
    r"\s+(?:province|governorate|region|state|district|prefecture|oblast|city|township|twp\.?)$",
    re.I,
)
_CONTAINING = (
    re.compile(
        r"^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Greater|Downtown"
        r"|Upper|Lower|Metro|Metropolitan|Suburban|Inner|Outer|Rural|Urban)\s+(.+)$"
    ),
    re.compile(
        r"^(?:Port|University|City|Town|Province|State|County|District|Region|Governorate"
        r"|Republic|Kingdom|Emirate|Municipality|Outskirts|Suburbs|Centre|Center)\s+of\s+"
        r"(?:the\s+)?(.+)$"
    ),
    re.compile(
        r"^(.+?)\s+(?:Valley|Area|Metro|Metropolitan Area|Metro Area|Region|Harbor|Harbour"
        r"|International Airport|Airport|University|Borough|Village|Downtown|Suburbs"
        r"|Outskirts|Countryside|Municipality|Metroplex|Urban Area)$"
    ),
)
# Natural features and parks named after a town or county they lie in or run through
# ("Kanawha River", "Lake Cumberland"): tried last, and only for a town or county.
_FEATURE = (
    re.compile(r"^(.+?)\s+(?:River|Creek|Lake|Reservoir|Falls|Park|State Park|National Park)$"),
    re.compile(r"^(?:Lake|River|Mount|Mt\.?)\s+(.+)$"),
)
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|at|az|ash)[-\s]", re.I)
_STATE_AFTER_COMMA = re.compile(r"\s*,\s*([A-Z][A-Za-z.]{0,5}(?:\s?[A-Z][a-z]*\.)?)")
_PAIR_GAP = re.compile(r"\s*,\s*$")
_TYPED_AREA = re.compile(r"(?:county|parish|borough|district|shire|municipality|province)$")


def _sort_key(c: Candidate) -> tuple[int, int, int, int]:
    return (
        _KIND_ORDER[c.place.kind],
        0 if c.primary else 1,
        -c.place.population,
        c.place.geonames_id,
    )


_ABBREVIATED = re.compile(
    r"^(?:sainte|saint|ste|st)(?=[a-z])|^(?:mount|mt)(?=[a-z])|^(?:fort|ft)(?=[a-z])"
)
_ABBREVIATIONS = {
    "saint": "st",
    "sainte": "st",
    "ste": "st",
    "st": "st",
    "mount": "mt",
    "mt": "mt",
    "fort": "ft",
    "ft": "ft",
}


def _abbreviated(key: str) -> str:
    """A key with a leading Saint, Mount or Fort written the short way: "St. Petersburg" and
    "Saint Petersburg" are one name, not an alternate one."""
    return _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group(0)], key)


def _related(key: str, name: str) -> bool:
    """Whether a name is a form of a place's own name ("St. Albans" of Saint Albans,
    "Hillsboro" of Hillsborough) rather than a former or foreign one ("Egypt" of Goodyear)."""
    own = name_key(name)
    if key in own or own in key:
        return True
    match = SequenceMatcher(None, key, own, autojunk=False).find_longest_match()
    return match.size >= 5


def _without_shadowed_aliases(key: str, found: list[Candidate]) -> list[Candidate]:
    """Drops towns that carry the name only as a former or foreign name when a bigger place
    bears it as its own: "Egypt" is not Goodyear, Arizona, "Kaliningrad" not Korolev."""
    own = max(
        (
            c.place.population
            for c in found
            if c.place.kind == "country" or (c.primary and c.place.kind == "city")
        ),
        default=0,
    )
    return [
        c
        for c in found
        if c.primary
        or c.place.kind != "city"
        or c.place.population >= own
        or _related(key, c.place.name)
    ]


def _clean(text: str) -> str:
    return _POSSESSIVE.sub("", _LEADING.sub("", text.strip().strip('.,;:!?"()[]'))).strip()


_STATE_WORD = re.compile(r"^(.+?)\s+(?:state|State|STATE)$")
_HYPHEN_LOWER = re.compile(r"^(.+?)-[a-z]+$")
_HYPHEN_PAIR = re.compile(r"^([A-Z][\w.]+)-[A-Z][\w.]+$")


def _hyphen_head(name: str) -> str | None:
    """The first part of a hyphenated compound of places or a place and a participle."""
    match = _HYPHEN_LOWER.match(name) or _HYPHEN_PAIR.match(name)
    if match is None or _ARABIC_ARTICLE.match(name):
        return None
    head = match.group(1)
    return head if len(name_key(head)) >= 2 else None


_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*\.?")


def _named_inside(text: str, resolved: Mapping[str, Place | None]) -> Place | None:
    """A place of the article named inside an unknown name: "Dublin Center Drive" in an
    article about Dublin, Ohio. Longest match first."""
    words = _WORD.findall(text)
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            place = resolved.get(name_key(" ".join(words[start : start + size])))
            if place is not None:
                return place
    return None


# Endings of words for the people of a place, each with what the place's name may end in
# instead: Ossetian -> Ossetia, Gazan -> Gaza, Ontarian -> Ontario, Londoner -> London.
_RESIDENT_SUFFIXES = (
    ("ite", ("",)),
    ("er", ("",)),
    ("ian", ("ia", "", "y")),
    ("an", ("a", "", "o")),
    ("ese", ("",)),
    ("i", ("",)),
)
_RESIDENT_TOWN_POPULATION = 100_000
_FEATURE_NEAR_KM = 100.0


_NAME_IN_LIST = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
_AREA_LIST_TAIL = re.compile(
    rf"(?:\s*,\s*(?:and\s+|or\s+|&\s+)?{_NAME_IN_LIST}"
    rf"|\s+(?:and|or|&)\s+{_NAME_IN_LIST})*\s*,?\s+(counties|parishes)\b"
)
_AREA_WORDS = {"counties": "County", "parishes": "Parish"}
_LIST_BEFORE = re.compile(rf"{_NAME_IN_LIST}\s*(?:,|,?\s+and|,?\s+or|&)\s*$")


def _listed_area_word(text: str | None, mention: ToponymMention) -> str | None:
    """ "County" for a name in a list that ends in "counties" ("Douglas, Sarpy and
    Lancaster counties"), "Parish" for "parishes"; None otherwise."""
    if text is None or mention.end <= 0:
        return None
    match = _AREA_LIST_TAIL.match(text, mention.end)
    if match is None:
        return None
    # A lone name before "counties" describes them ("Kentucky counties"); a list names them.
    lone = not text[mention.end : match.start(1)].strip(" ,")
    if lone and not _LIST_BEFORE.search(text, max(0, mention.start - 80), mention.start):
        return None
    return _AREA_WORDS[match.group(1)]


def _supported(place: Place | None, others: Sequence[Place | None]) -> bool:
    """Whether another town or county of the article lies near ``place``."""
    if place is None:
        return False
    return any(
        o is not None
        and o.kind in ("city", "admin2")
        and haversine_km(place.lat, place.lon, o.lat, o.lon) <= _FEATURE_NEAR_KM
        for o in others
    )


def _focus(groups: Sequence[Group], picks: Sequence[Place | None]) -> Place | None:
    """The article's main place: the most mentioned of its most specific kind."""
    for kinds in (("city", "admin2"), ("admin1",), ("country",)):
        best: Place | None = None
        best_count = 0
        for group, pick in zip(groups, picks, strict=True):
            if pick is not None and pick.kind in kinds and group.count > best_count:
                best, best_count = pick, group.count
        if best is not None:
            return best
    return None


# Where news writes a town with its state ("Elmo, Missouri") as a rule.
_TOWN_STATE_COUNTRIES = frozenset({"US"})


class Gazetteer:
    """GeoNames places by name. Load once per process; lookups are cached."""

    def __init__(
        self, areas: AreaTables, cities: CityIndex, weights: Weights = DEFAULT_WEIGHTS
    ) -> None:
        self._weights = weights
        self._areas = areas
        self._cities = cities
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        us = {code: place for (cc, code), place in areas.admin1.items() if cc == "US"}
        ca = {place.name: place for (cc, _), place in areas.admin1.items() if cc == "CA"}
        # Abbreviations as written (periods kept, spaces dropped) and two-letter postal codes.
        self._abbreviations: dict[str, Place] = {
            form: us[code] for form, code in US_STATE_ABBREVIATIONS.items() if code in us
        } | {form: ca[name] for form, name in CA_PROVINCE_ABBREVIATIONS.items() if name in ca}
        self._postal: dict[str, Place] = us | {
            code: ca[name] for code, name in CA_POSTAL_CODES.items() if name in ca
        }

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Gazetteer:
        """Loads from package data. With ``cache_dir`` the city index is kept there as a
        SQLite file (built on first use, about 10 s); without it, it is built in memory."""
        conn: sqlite3.Connection = (
            city_index.open_or_build(cache_dir)
            if cache_dir is not None
            else city_index.build_in_memory()
        )
        return cls(load_areas(), CityIndex(conn))

    # -- lookup ---------------------------------------------------------------------------

    def _by_key(self, key: str) -> tuple[Candidate, ...]:
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        typed = _TYPED_AREA.search(key) is not None
        found = [Candidate(n.place, n.primary, typed) for n in self._areas.by_key.get(key, ())]
        preferred = PREFERRED_SENSES.get(key)
        for row in self._cities.by_key(key):
            place = Place(
                row.geonames_id,
                row.name,
                self._areas.admin1_name(row.country_code, row.admin1_code),
                row.admin1_code,
                row.country_code,
                row.lat,
                row.lon,
                row.population,
                "city",
            )
            capital = self._areas.capitals.get(row.country_code) == name_key(row.name)
            own = row.primary or _abbreviated(key) == _abbreviated(name_key(row.name))
            found.append(
                Candidate(place, own, capital=capital, preferred=row.geonames_id == preferred)
            )
        result = tuple(sorted(_without_shadowed_aliases(key, found), key=_sort_key))
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = result
        return result

    def _state(self, written: str) -> Place | None:
        """A US state or Canadian province written as an abbreviation: "Kan.", "W. Va.",
        "Calif" (but not "Kan", a word without its period)."""
        compact = written.replace(" ", "")
        found = self._abbreviations.get(compact)
        if found is None and f"{compact}." in STANDALONE_STATE_ABBREVIATIONS:
            found = self._abbreviations.get(f"{compact}.")
        return found

    def region(self, word: str) -> Place | None:
        """The US state or Canadian province that an abbreviation ("Minn.") or a two-letter
        postal code ("MN") stands for, written after a town's name."""
        return self._region_code(word.strip())

    def _region_code(self, word: str) -> Place | None:
        """A state or province after "City, ": abbreviated, or a two-letter postal code."""
        found = self._abbreviations.get(word.replace(" ", ""))
        if found is None and len(word) == 2 and word.isupper():
            found = self._postal.get(word)
        return found

    def _candidates(self, text: str, *, residents: bool = True) -> tuple[Candidate, ...]:
        state = self._state(text.strip())
        if state is not None:
            return (Candidate(state, True),)
        name = _clean(text)
        if name_key(name) in MACRO_REGIONS:
            return ()
        landmark = self._landmark(name)
        if landmark is not None:
            return (landmark,)
        found = self._by_key(name_key(name))
        if found:
            return found
        state_word = _STATE_WORD.match(name)
        if state_word is not None:
            # "Washington state" is the state, whatever "Washington" alone means.
            areas = tuple(
                c for c in self._by_key(name_key(state_word.group(1))) if c.place.kind == "admin1"
            )
            if areas:
                return areas
        # Spelling variants tried only when the form as written is unknown.
        variants = [
            _AREA_SUFFIX.sub("", name),
            _ARABIC_ARTICLE.sub("", name),
            re.sub(r"\s+Co\.?$", " County", name),
            re.sub(r"^(?:St\.?|Ste\.?)\s", "Saint ", name),
            re.sub(r"^Saint\s", "St. ", name),
            re.sub(r"^Ft\.?\s", "Fort ", name),
            re.sub(r"^Mt\.?\s", "Mount ", name),
            re.sub(r"^W\.?\s", "West ", name),
            re.sub(r"^E\.?\s", "East ", name),
            re.sub(r"^N\.?\s", "North ", name),
            re.sub(r"^S\.?\s", "South ", name),
            name[:-1] if name.endswith("h") else name + "h",
            name + " County",
        ]
        for variant in variants:
            if variant != name:
                found = self._by_key(name_key(variant))
                if found:
                    return found
        # "U.S.-backed", "Iran-led", "Syrian-Iraqi": the place before the hyphen.
        head = _hyphen_head(name)
        if head is not None:
            found = self._candidates(head, residents=residents)
            if found:
                return found
        return (
            self._inside_name(name)
            or (self._residents_of(name) if residents else ())
            or self._feature_of(name)
        )

    def _feature_of(self, name: str) -> tuple[Candidate, ...]:
        for pattern in _FEATURE:
            match = pattern.match(name)
            if match is None:
                continue
            key = name_key(match.group(1))
            if len(key) >= 4 and key not in COMMON_WORDS:
                found = tuple(c for c in self._by_key(key) if c.place.kind in ("city", "admin2"))
                if found:
                    return found
        return ()

    def _residents_of(self, name: str) -> tuple[Candidate, ...]:
        """The place a word for its people names: "Ontarians", "Gazans", "Londoner",
        "Dagestani", "South Ossetian". Only for words the gazetteer does not know, and only
        when the stem is a country, a first-level area or a town of some size."""
        demonym_of = self._demonym_place(name)
        if demonym_of is not None:
            return (Candidate(demonym_of, True),)
        word = name[:-1] if name.endswith("s") and len(name) > 5 else name
        for suffix, endings in _RESIDENT_SUFFIXES:
            if not word.endswith(suffix) or not word[:1].isupper():
                continue
            stem = word[: -len(suffix)]
            for ending in endings:
                key = name_key(stem + ending)
                if len(key) < 4 or key in COMMON_WORDS:
                    continue
                cc = self._areas.demonyms.get(key)
                if cc is not None and cc in self._areas.countries:
                    return (Candidate(self._areas.countries[cc], True),)
                found = self._by_key(key)
                if any(
                    c.place.kind in ("country", "admin1")
                    or (c.primary and c.place.population >= _RESIDENT_TOWN_POPULATION)
                    for c in found
                ):
                    return found
        return ()

    def _inside_name(self, name: str) -> tuple[Candidate, ...]:
        """A known place inside a name: "South Los Angeles", "Port of Houston", "Santa Clara
        Valley" are there or thereabouts."""
        for pattern in _CONTAINING:
            match = pattern.match(name)
            if match is not None:
                inner = match.group(1)
                key = name_key(inner)
                if len(key) >= 4 and key not in COMMON_WORDS:
                    found = self._by_key(key)
                    if found:
                        return found
        return ()

    def _facility(self, text: str) -> tuple[Candidate, ...]:
        """A building, airport or street (NER label FAC) is never itself a town of the same
        name ("White House", Tennessee): only a landmark we know or a town in its name."""
        name = _clean(text)
        landmark = self._landmark(name)
        if landmark is not None:
            return (landmark,)
        return self._inside_name(name)

    def _landmark(self, name: str) -> Candidate | None:
        known = LANDMARKS.get(name_key(name))
        if known is None:
            return None
        town, cc, admin1 = known
        cities = [
            c
            for c in self._by_key(name_key(town))
            if c.place.country_code == cc
            and c.place.kind == "city"
            and admin1 in (None, c.place.admin1_code)
        ]
        return max(cities, key=lambda c: prior(c, self._weights), default=None)

    def lookup(self, name: str) -> list[Place]:
        """Every place the surface form can name, the likeliest without context first."""
        candidates = self._candidates(name)
        ranked = sorted(candidates, key=lambda c: -prior(c, self._weights, candidates))
        return [c.place for c in ranked]

    def country_code_for(self, name: str) -> str | None:
        """ISO code of a country named (or described by a demonym) as ``name``."""
        for candidate in self._by_key(name_key(_clean(name))):
            if candidate.place.kind == "country":
                return candidate.place.country_code
        return self.country_for_demonym(name)

    def country_for_demonym(self, demonym: str) -> str | None:
        """ "Iranian" (or "Iranians") -> "IR"; None when the word is no known demonym."""
        key = name_key(_clean(demonym))
        found = self._areas.demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self._areas.demonyms.get(key[:-1])
        return found

    def _demonym_place(self, word: str) -> Place | None:
        """The country (or US state: "Ohioans") a demonym stands for."""
        head = _hyphen_head(_clean(word))
        if head is not None and self._by_key(name_key(_clean(word))) == ():
            word = head
        cc = self.country_for_demonym(word)
        if cc is not None:
            return self._areas.countries.get(cc)
        key = name_key(_clean(word))
        return self._areas.other_demonyms.get(key) or self._areas.other_demonyms.get(
            key[:-1] if key.endswith("s") else key
        )

    def country(self, code: str) -> Place | None:
        return self._areas.countries.get(code)

    # -- resolution -----------------------------------------------------------------------

    def _guarded(self, mention: ToponymMention) -> bool:
        """True for words that must not become places without an NER label."""
        if self._state(mention.text.strip()) is not None:
            return False
        name = _clean(mention.text)
        key = name_key(name)
        if len(key) < MIN_KEY_LENGTH and not (name.isupper() and len(key) == 2):
            return True
        if mention.label is not None:
            return False
        return not name[:1].isupper() or (key in COMMON_WORDS and not name.isupper())

    def _state_after(self, mention: ToponymMention, text: str | None) -> Place | None:
        """The US state written right after a mention: "Paris, Tex." or "Paris, TX"."""
        if text is None:
            return None
        match = _STATE_AFTER_COMMA.match(text, mention.end)
        if match is None:
            return None
        return self._region_code(match.group(1))

    def resolve_all(
        self,
        mentions: Sequence[ToponymMention],
        *,
        country_hint: str | None = None,
        text: str | None = None,
        fallback_to_focus: bool = False,
    ) -> list[Place | None]:
        """The place of every mention (None where nothing fits), chosen jointly: one sense
        per toponym per article, consistent with the other toponyms. ``text`` (the article
        the offsets point into) lets "City, ST" abbreviations constrain the city. With
        ``fallback_to_focus``, a toponym the gazetteer does not know (a street, a building,
        a park) gets the article's focus: its most mentioned town, else admin1, else
        country."""
        group_of: list[int | None] = []
        groups: list[Group] = []
        index: dict[str, int] = {}
        features: set[int] = set()
        for mention in mentions:
            if self._guarded(mention):
                group_of.append(None)
                continue
            name = _clean(mention.text)
            raw = mention.text.strip()
            parts = [p.strip() for p in raw.split(",")] if "," in name else [raw]
            area_word = _listed_area_word(text, mention) if mention.label != "FAC" else None
            if area_word is not None and self._candidates(f"{parts[0]} {area_word}"):
                # "Butler, Warren and Clark counties": each name is a county.
                parts = [f"{parts[0]} {area_word}", *parts[1:]]
            key = name_key(parts[0])
            if key not in index:
                # "Canadian" is the country far more often than the town in Texas.
                demonym_of = self._demonym_place(parts[0])
                candidates = list(
                    self._facility(parts[0])
                    if mention.label == "FAC"
                    else self._candidates(parts[0], residents=demonym_of is None)
                )
                # "Kan" tagged without its period is still the state.
                if text is not None and text.startswith(".", mention.end):
                    state = self._state(f"{mention.text.strip()}.")
                    if state is not None:
                        candidates = [Candidate(state, True)]
                if demonym_of is not None:
                    candidates = [Candidate(demonym_of, True), *candidates]
                if candidates and mention.label != "FAC":
                    feature = self._feature_of(_clean(parts[0]))
                    if feature and tuple(candidates) == feature:
                        features.add(len(groups))
                index[key] = len(groups)
                groups.append(Group(candidates, count=0))
            g = groups[index[key]]
            g.count += 1
            if len(parts) > 1 and g.within_cc is None:
                self._constrain(g, parts[1])
            group_of.append(index[key])
        self._pair_constraints(mentions, group_of, groups, text)
        picks = self._resolve_features_last(groups, features, country_hint)
        result = [picks[g] if g is not None else None for g in group_of]
        if fallback_to_focus:
            focus = _focus(groups, picks)
            by_key = {k: picks[g] for k, g in index.items() if picks[g] is not None}
            result = [
                (_named_inside(m.text, by_key) or focus)
                if place is None and g is not None
                else place
                for m, place, g in zip(mentions, result, group_of, strict=True)
            ]
        return result

    def _resolve_features_last(
        self, groups: list[Group], features: set[int], country_hint: str | None
    ) -> list[Place | None]:
        """Rivers and lakes known only by the town in their name ("Kanawha River") are
        resolved after, and without influence on, the other toponyms, and placed only where
        another toponym of the article shares their admin1; otherwise they stay unknown."""
        main = [Group([], count=g.count) if i in features else g for i, g in enumerate(groups)]
        picks = resolve_groups(
            main, country_hint=country_hint, w=self._weights, neighbours=self._areas.neighbours
        )
        if not features:
            return picks
        fixed = [Group([], count=g.count, fixed=picks[i]) for i, g in enumerate(groups)]
        for i in features:
            alone = [*fixed[:i], groups[i], *fixed[i + 1 :]]
            pick = resolve_groups(
                alone, country_hint=country_hint, w=self._weights, neighbours=self._areas.neighbours
            )[i]
            picks[i] = (
                pick if _supported(pick, [p for k, p in enumerate(picks) if k != i]) else None
            )
        return picks

    def _constrain(self, group: Group, container: str) -> None:
        region = self._region_code(container)
        if region is not None:
            group.within_cc, group.within_admin1 = region.country_code, region.admin1_code
            return
        areas = [
            c.place for c in self._candidates(container) if c.place.kind in ("country", "admin1")
        ]
        for area in areas:
            if any(self._inside(c.place, area) for c in group.candidates):
                group.within_cc = area.country_code
                group.within_admin1 = area.admin1_code if area.kind == "admin1" else None
                return
        if (
            len(areas) == 1
            and areas[0].kind == "admin1"
            and areas[0].country_code in _TOWN_STATE_COUNTRIES
            and all(c.place.kind in ("city", "admin2") for c in group.candidates)
        ):
            # "Elmo, Missouri" with only Elmo, Texas known: the town is one the gazetteer
            # lacks, in the state written (resolution leaves it unknown, the state kept).
            group.within_cc, group.within_admin1 = areas[0].country_code, areas[0].admin1_code

    @staticmethod
    def _inside(place: Place, area: Place) -> bool:
        if place.kind not in ("city", "admin2") or place.country_code != area.country_code:
            return False
        return area.kind == "country" or place.admin1_code == area.admin1_code

    def _pair_constraints(
        self,
        mentions: Sequence[ToponymMention],
        group_of: Sequence[int | None],
        groups: list[Group],
        text: str | None,
    ) -> None:
        for i, mention in enumerate(mentions):
            g = group_of[i]
            if g is None or groups[g].within_cc is not None:
                continue
            state = self._state_after(mention, text)
            if state is not None:
                groups[g].within_cc = state.country_code
                groups[g].within_admin1 = state.admin1_code
                continue
            if i + 1 < len(mentions) and group_of[i + 1] is not None:
                nxt = mentions[i + 1]
                gap = (
                    text[mention.end : nxt.start]
                    if text is not None
                    else " " * (nxt.start - mention.end)
                )
                if 1 <= len(gap) <= 3 and (text is None or _PAIR_GAP.match(gap)):
                    self._constrain(groups[g], _clean(nxt.text))

    def resolve(
        self, name: str, *, context: Sequence[str] = (), country_hint: str | None = None
    ) -> Place | None:
        """One toponym in the context of other toponyms of the same article."""
        mentions = [ToponymMention(name, 0, len(name), "GPE")]
        mentions += [ToponymMention(c, -1, -1, "GPE") for c in context]
        return self.resolve_all(mentions, country_hint=country_hint)[0]
