"""The gazetteer's value types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PlaceKind = Literal["continent", "country", "admin1", "admin2", "city"]
ToponymLabel = Literal["GPE", "LOC", "FAC"]


@dataclass(frozen=True, slots=True)
class Place:
    """One GeoNames entry. Areas (countries, admin1, admin2) carry a representative point."""

    geonames_id: int
    name: str
    admin1: str | None  # the admin1 area's name; None for countries and continents
    admin1_code: str | None  # GeoNames admin1 code ("07", "TX")
    country_code: str | None  # ISO 3166-1 alpha-2; None for continents
    lat: float
    lon: float
    population: int
    kind: PlaceKind


@dataclass(frozen=True, slots=True)
class ToponymMention:
    """A toponym as found in an article: its words, character offsets and NER label."""

    text: str
    start: int
    end: int
    label: ToponymLabel | None = None
