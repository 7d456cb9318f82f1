"""Adapter from the geocoding layer (``worker.geo.Gazetteer``) to ``PlaceResolver``.

All toponyms of one article go to the gazetteer in one call, so that they disambiguate each
other (Tripoli with Lebanon is in Lebanon; "Paris, Tex." is in Texas).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from worker.extraction.places import Resolved
from worker.geo import Gazetteer, ToponymMention, to_location


class GazetteerPlaces:
    """``PlaceResolver`` over the GeoNames gazetteer; loaded once per process."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> GazetteerPlaces:
        return cls(Gazetteer.load(cache_dir))

    def resolve_mentions(
        self,
        mentions: Sequence[ToponymMention],
        *,
        text: str | None,
        country_hint: str | None = None,
    ) -> list[Resolved | None]:
        places = self.gazetteer.resolve_all(mentions, country_hint=country_hint, text=text)
        return [
            Resolved(to_location(place, text=mention.text), place.population)
            if place is not None
            else None
            for mention, place in zip(mentions, places, strict=True)
        ]

    def country_code(self, name: str) -> str | None:
        return self.gazetteer.country_code_for(name)

    def known(self, name: str) -> bool:
        return bool(self.gazetteer.lookup(name))

    def alternatives(self, name: str) -> list[Resolved]:
        places = list(self.gazetteer.lookup(name))
        # "Felton, MN": a postal code is first of all its state (lookup knows "Minn.", and
        # takes "MN" for towns abroad).
        region = self.gazetteer.region(name) if len(name) == 2 and name.isupper() else None
        if region is not None:
            places = [region, *(p for p in places if p != region)]
        return [Resolved(to_location(place, text=name), place.population) for place in places]
