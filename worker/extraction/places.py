"""Toponym resolution as extraction needs it, behind one small protocol.

The geocoding layer (``worker.geo``) owns the gazetteer; this module adapts it to the one
call extraction makes: given an article's toponyms (in order) and a country hint, return a
``Location`` for each that is a known place.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from worker.domain import Location
from worker.extraction.gazetteer_adapter import GazetteerResolver


class PlaceResolver(Protocol):
    def resolve(self, names: Sequence[str], country_hint: str | None) -> list[Location | None]:
        """One entry per name: its Location, or None when the name is not a known place."""
        ...

    def country_code(self, name: str) -> str | None:
        """ISO code when ``name`` names a country (or a demonym of one)."""
        ...


class NoPlaces:
    """A resolver that knows nothing: locations stay as written, without coordinates."""

    def resolve(self, names: Sequence[str], country_hint: str | None) -> list[Location | None]:
        return [None for _ in names]

    def country_code(self, name: str) -> str | None:
        return None


def load_place_resolver(cache_dir: Path | None) -> PlaceResolver:
    return GazetteerResolver.load(cache_dir)
