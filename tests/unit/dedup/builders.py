"""Hand-built reports for the dedup tests: a shooting in Chicago unless told otherwise."""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime, timedelta

from worker.dedup.minhash import text_signature
from worker.domain import (
    Actor,
    ActorRole,
    ActorType,
    CasualtyFigure,
    Delivery,
    IncidentCandidate,
    IncidentDate,
    Location,
    MentionRole,
    Report,
    SourceRef,
    Span,
)

CHICAGO = Location(
    name="Chicago",
    admin1="Illinois",
    country_code="US",
    lat=41.85,
    lon=-87.65,
    geonames_id=4887398,
    geo_precision=1,
)
# About 280 km from Chicago: Springfield in the same state, Indianapolis across a state line.
SPRINGFIELD = Location(
    name="Springfield",
    admin1="Illinois",
    country_code="US",
    lat=39.80,
    lon=-89.64,
    geonames_id=4250542,
    geo_precision=1,
)
INDIANAPOLIS = Location(
    name="Indianapolis",
    admin1="Indiana",
    country_code="US",
    lat=39.77,
    lon=-86.16,
    geonames_id=4259418,
    geo_precision=1,
)
EVANSTON = Location(
    name="Evanston",
    admin1="Illinois",
    country_code="US",
    lat=42.04,
    lon=-87.69,
    geonames_id=4891382,
    geo_precision=1,
)
KABUL = Location(
    name="Kabul",
    admin1="Kabul",
    country_code="AF",
    lat=34.53,
    lon=69.17,
    geonames_id=1138958,
    geo_precision=1,
)

SHOOTING_WORDS = (
    "shoot",
    "police",
    "chicago",
    "man",
    "wound",
    "hospital",
    "south side",
    "gunman",
)


def figure(best: int | None) -> CasualtyFigure | None:
    return None if best is None else CasualtyFigure(best=best, text=f"{best} people")


def report(
    article_id: str,
    *,
    day: date = date(2017, 3, 6),
    published: datetime | None = None,
    location: Location | None = CHICAGO,
    sub_event_type: str = "attack",
    event_type: str = "violence_against_civilians",
    killed: int | None = 1,
    injured: int | None = None,
    keywords: tuple[str, ...] = (),
    role: MentionRole = MentionRole.MAIN,
    index: int = 0,
    outlet: str | None = None,
    url: str | None = None,
    body: str | None = None,
    offset: int | None = None,
    actors: tuple[Actor, ...] = (),
    precision: int = 1,
    num_candidates: int = 1,
    date_value: IncidentDate | None = None,
) -> Report:
    published_at = published or datetime.combine(day, datetime.min.time(), UTC) + timedelta(
        hours=20
    )
    candidate = IncidentCandidate(
        article_id=article_id,
        index=index,
        role=role,
        event_type=event_type,
        sub_event_type=sub_event_type,
        summary=f"summary of {article_id}",
        evidence=(Span(text="a man was shot", start=0, end=14),),
        date=date_value or IncidentDate(start=day, end=day, time_precision=precision),
        location=location,
        actors=actors,
        weapons=("firearm",),
        fatalities=figure(killed),
        injured=figure(injured),
        confidence=0.7,
        keywords=keywords or (*SHOOTING_WORDS, f"victim-{article_id}"),
    )
    source = SourceRef(
        article_id=article_id,
        url=url or f"https://{outlet or 'news'}.example/{article_id}",
        outlet=outlet or f"outlet-{article_id}",
        published_at=published_at,
    )
    delivery = Delivery(
        topic="articles",
        partition=0,
        offset=offset if offset is not None else zlib.crc32(article_id.encode()) % 10**6,
        timestamp=published_at + timedelta(minutes=5),
    )
    return Report(
        candidate=candidate,
        source=source,
        text_signature=text_signature(body or _own_body(article_id, candidate.keywords)),
        delivery=delivery,
        num_candidates=num_candidates,
    )


def _own_body(article_id: str, keywords: tuple[str, ...]) -> str:
    """A body no other test article shares a 5-word shingle with."""
    return " ".join(f"{word} in {article_id} story" for word in keywords)


def actor(name: str, role: ActorRole = ActorRole.PERPETRATOR) -> Actor:
    return Actor(name=name, canonical=name, actor_type=ActorType.REBEL_GROUP, role=role)
