"""The compact per-incident facts matching needs, kept in memory for every indexed incident.

A summary is derived from the stored incident (and stored beside it, so that a rebuild reads
a few hundred bytes per incident instead of the whole record). The candidate side of a match
is summarised the same way, so scoring compares like with like.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import orjson

from worker.dedup import minhash
from worker.domain import Actor, IncidentDate, Location

# Days an open-ended imprecise date is taken to cover: a week, or a month.
_SPAN_DAYS = {2: 6, 3: 30}


def date_span(value: IncidentDate) -> tuple[int, int] | None:
    """Inclusive (first, last) day ordinals of a date, an open end closed by its precision."""
    if value.start is None:
        return None
    start = value.start.toordinal()
    if value.end is not None:
        return start, max(start, value.end.toordinal())
    return start, start + _SPAN_DAYS.get(value.time_precision or 1, 0)


def place_key(location: Location | None) -> str | None:
    if location is None:
        return None
    if location.geonames_id is not None:
        return f"g{location.geonames_id}"
    if location.name:
        return sys.intern(location.name.strip().lower())
    return None


def _intern(value: str | None) -> str | None:
    return None if value is None else sys.intern(value)


class IncidentSummary:
    """What matching compares, for one incident or one candidate."""

    __slots__ = (
        "actors",
        "admin1",
        "country",
        "end",
        "event_type",
        "expires",
        "fatalities",
        "geo_precision",
        "incident_id",
        "injured",
        "keyword_count",
        "keywords",
        "lat",
        "lon",
        "place",
        "reference_only",
        "region",
        "reported",
        "start",
        "sub_event_type",
        "time_precision",
    )

    def __init__(
        self,
        *,
        incident_id: str,
        region: str,
        event_type: str,
        sub_event_type: str,
        start: int | None,
        end: int | None,
        time_precision: int,
        lat: float | None,
        lon: float | None,
        geo_precision: int | None,
        country: str | None,
        admin1: str | None,
        place: str | None,
        actors: tuple[str, ...],
        keywords: bytes,
        keyword_count: int,
        fatalities: int | None,
        injured: int | None,
        reference_only: bool,
        expires: int,
        reported: int | None = None,
    ) -> None:
        self.incident_id = incident_id
        self.region = sys.intern(region)
        self.event_type = sys.intern(event_type)
        self.sub_event_type = sys.intern(sub_event_type)
        self.start = start
        self.end = start if end == start else end  # one int object for a one-day span
        self.time_precision = time_precision
        self.lat = lat
        self.lon = lon
        self.geo_precision = geo_precision
        self.country = _intern(country)
        self.admin1 = _intern(admin1)
        self.place = place
        self.actors = actors
        self.keywords = keywords
        self.keyword_count = keyword_count
        self.fatalities = fatalities
        self.injured = injured
        self.reference_only = reference_only
        self.expires = expires  # day ordinal after which the incident leaves the index
        self.reported = reported  # day ordinal of the first report: files an undated incident

    @property
    def precise_place(self) -> bool:
        """Coordinates of the place itself or of its district, not just of a region or country."""
        return self.lat is not None and self.lon is not None and self.geo_precision != 3

    def encode(self) -> bytes:
        # An exact-size copy: orjson's own bytes sit in a block of at least 4 KiB.
        return memoryview(
            orjson.dumps(
                [
                    self.incident_id,
                    self.region,
                    self.event_type,
                    self.sub_event_type,
                    self.start,
                    self.end,
                    self.time_precision,
                    self.lat,
                    self.lon,
                    self.geo_precision,
                    self.country,
                    self.admin1,
                    self.place,
                    list(self.actors),
                    self.keywords.hex(),
                    self.keyword_count,
                    self.fatalities,
                    self.injured,
                    self.reference_only,
                    self.expires,
                    self.reported,
                ]
            )
        ).tobytes()

    @classmethod
    def decode(cls, value: bytes) -> IncidentSummary:
        f: list[Any] = orjson.loads(value)
        return cls(
            incident_id=f[0],
            region=f[1],
            event_type=f[2],
            sub_event_type=f[3],
            start=f[4],
            end=f[5],
            time_precision=f[6],
            lat=f[7],
            lon=f[8],
            geo_precision=f[9],
            country=f[10],
            admin1=f[11],
            place=None if f[12] is None else sys.intern(f[12]),
            actors=tuple(sys.intern(a) for a in f[13]),
            keywords=bytes.fromhex(f[14]),
            keyword_count=f[15],
            fatalities=f[16],
            injured=f[17],
            reference_only=f[18],
            expires=f[19],
            reported=f[20] if len(f) > 20 else None,
        )


def actor_names(actors: Iterable[Actor]) -> tuple[str, ...]:
    """Distinct canonical actor names, lower-cased and sorted."""
    return tuple(sorted({sys.intern(a.canonical.strip().lower()) for a in actors if a.canonical}))


def summarise(
    *,
    incident_id: str,
    region: str,
    event_type: str,
    sub_event_type: str,
    date_value: IncidentDate,
    location: Location | None,
    actors: tuple[str, ...],
    keyword_signature: tuple[int, ...],
    keyword_count: int,
    fatalities: int | None,
    injured: int | None,
    reference_only: bool,
    expires: int,
    reported: int | None = None,
) -> IncidentSummary:
    span = date_span(date_value)
    return IncidentSummary(
        incident_id=incident_id,
        region=region,
        event_type=event_type,
        sub_event_type=sub_event_type,
        start=None if span is None else span[0],
        end=None if span is None else span[1],
        time_precision=date_value.time_precision or 1,
        lat=None if location is None else location.lat,
        lon=None if location is None else location.lon,
        geo_precision=None if location is None else location.geo_precision,
        country=None
        if location is None or not location.country_code
        else location.country_code.upper(),
        admin1=None if location is None or not location.admin1 else location.admin1.strip().lower(),
        place=place_key(location),
        actors=actors,
        keywords=minhash.pack(keyword_signature),
        keyword_count=keyword_count,
        fatalities=fatalities,
        injured=injured,
        reference_only=reference_only,
        expires=expires,
        reported=reported,
    )
