"""Places as the domain's ``Location``."""

from __future__ import annotations

from worker.domain import Location
from worker.geo.place import Place

# geo_precision codes of the taxonomy: 1 the place itself, 2 a district or region (with its
# coordinates), 3 only a larger region or the country.
_PRECISION = {"city": 1, "admin2": 2, "admin1": 2, "country": 3, "continent": 3}


def to_location(place: Place, *, text: str | None) -> Location:
    return Location(
        name=place.name,
        admin1=place.admin1,
        country_code=place.country_code,
        lat=place.lat,
        lon=place.lon,
        geonames_id=place.geonames_id,
        geo_precision=_PRECISION[place.kind],
        text=text,
    )
