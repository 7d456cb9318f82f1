"""Pure merge rules: a report folded into an incident gives the incident's next version.

Casualties follow docs/taxonomy.md: every reported figure is kept with its source; ``best`` is
the most recent figure from a report that gives one, never lower than a figure already
confirmed (given by at least two independent outlets); ``conservative`` is the lowest figure
reported. A more precise date or place replaces a vaguer one; back-references never move the
incident's date or place (an article's references are anchored on the article, not the event).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from worker.domain import (
    Actor,
    Casualties,
    CasualtyFigure,
    CasualtyReport,
    Incident,
    IncidentCandidate,
    IncidentDate,
    Location,
    Report,
    SourceRef,
)

MAX_CONFIDENCE = 0.99
# A second article from an outlet already counted adds this share of its confidence.
SAME_OUTLET_WEIGHT = 0.25


def report_time(report: Report) -> datetime | None:
    """When the report became known, from the data only: publication, delivery, receipt."""
    if report.source.published_at is not None:
        return report.source.published_at
    if report.delivery is not None and report.delivery.timestamp is not None:
        return report.delivery.timestamp
    return report.source.received_at


def _instant(value: datetime | None) -> float:
    if value is None:
        return float("-inf")
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def outlet_key(source: SourceRef) -> str:
    """What makes two sources the same outlet: its name, else the URL's host, else the article."""
    if source.outlet:
        return source.outlet.strip().lower()
    if source.url:
        host = urlsplit(source.url).hostname
        if host:
            return host.removeprefix("www.")
    return f"article:{source.article_id}"


def casualty_report(figure: CasualtyFigure | None, source: SourceRef) -> CasualtyReport | None:
    if figure is None or (figure.best is None and figure.low is None and figure.high is None):
        return None
    return CasualtyReport(
        article_id=source.article_id,
        outlet=source.outlet,
        published_at=source.published_at,
        best=figure.best,
        low=figure.low,
        high=figure.high,
        text=figure.text,
    )


def summarise_casualties(reports: tuple[CasualtyReport, ...]) -> Casualties:
    """Best, range and conservative figures from every report kept, in arrival order."""
    if not reports:
        return Casualties()
    lows = [r.low if r.low is not None else r.best for r in reports]
    highs = [r.high if r.high is not None else r.best for r in reports]
    low = min((v for v in lows if v is not None), default=None)
    high = max((v for v in highs if v is not None), default=None)
    figures = [(position, r) for position, r in enumerate(reports) if r.best is not None]
    if not figures:
        return Casualties(low=low, high=high, reports=reports)
    latest = max(figures, key=lambda item: (_instant(item[1].published_at), item[0]))[1]
    outlets_by_figure: dict[int, set[str]] = {}
    for _, r in figures:
        assert r.best is not None
        outlets_by_figure.setdefault(r.best, set()).add(
            (r.outlet or f"article:{r.article_id}").lower()
        )
    confirmed = max(
        (value for value, outlets in outlets_by_figure.items() if len(outlets) >= 2), default=None
    )
    assert latest.best is not None
    best = latest.best if confirmed is None else max(latest.best, confirmed)
    conservative = min(r.best for _, r in figures if r.best is not None)
    return Casualties(best=best, low=low, high=high, conservative=conservative, reports=reports)


def _add_casualties(current: Casualties, report: CasualtyReport | None) -> Casualties:
    if report is None:
        return current
    return summarise_casualties((*current.reports, report))


def union_actors(current: Iterable[Actor], new: Iterable[Actor]) -> tuple[Actor, ...]:
    """One actor per (canonical name, role); a typed entry wins over an untyped one, and a
    responsibility is only 'claimed' while every report calls it claimed."""
    merged: dict[tuple[str, str], Actor] = {}
    for actor in (*current, *new):
        key = (actor.canonical.strip().lower(), actor.role.value)
        known = merged.get(key)
        if known is None:
            merged[key] = actor
            continue
        merged[key] = dataclasses.replace(
            known,
            actor_type=known.actor_type if known.actor_type is not None else actor.actor_type,
            country_code=known.country_code or actor.country_code,
            claimed=known.claimed and actor.claimed,
        )
    return tuple(merged.values())


def union_weapons(current: Iterable[str], new: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for weapon in (*current, *new):
        key = weapon.strip().lower()
        if key and key not in seen:
            seen[key] = weapon
    return tuple(seen.values())


def _precision(value: int | None, vaguest: int) -> int:
    return vaguest + 1 if value is None else value


def better_date(current: IncidentDate, new: IncidentDate) -> IncidentDate:
    """The new date when it is more precise (lower time_precision) or the current is unknown."""
    if new.start is None:
        return current
    if current.start is None:
        return new
    if _precision(new.time_precision, 3) < _precision(current.time_precision, 3):
        return new
    return current


def better_location(current: Location | None, new: Location | None) -> Location | None:
    """The new place when it is more precise (lower geo_precision) or the current is unknown."""
    if new is None:
        return current
    if current is None:
        return new
    if _precision(new.geo_precision, 3) < _precision(current.geo_precision, 3):
        return new
    if new.lat is not None and current.lat is None:
        return new
    return current


def _counts(sources: tuple[SourceRef, ...]) -> tuple[int, int]:
    return len({s.article_id for s in sources}), len({outlet_key(s) for s in sources})


def _confidence_reason(articles: int, outlets: int, reference_only: bool) -> str:
    known = "known only from back-references; " if reference_only else ""
    return f"{known}{articles} article(s) from {outlets} independent outlet(s)"


def new_incident(incident_id: str, report: Report, *, reference_only: bool) -> Incident:
    candidate = report.candidate
    source = report.source
    when = report_time(report)
    return Incident(
        incident_id=incident_id,
        version=1,
        event_type=candidate.event_type,
        sub_event_type=candidate.sub_event_type,
        summary=candidate.summary,
        date=candidate.date,
        location=candidate.location,
        actors=union_actors((), candidate.actors),
        weapons=union_weapons((), candidate.weapons),
        fatalities=_add_casualties(Casualties(), casualty_report(candidate.fatalities, source)),
        injured=_add_casualties(Casualties(), casualty_report(candidate.injured, source)),
        perpetrators_killed=_add_casualties(
            Casualties(), casualty_report(candidate.perpetrators_killed, source)
        ),
        sources=(source,),
        num_articles=1,
        num_sources=1,
        confidence=round(min(MAX_CONFIDENCE, candidate.confidence), 4),
        first_reported_at=when,
        updated_at=when,
        reference_only=reference_only,
        confidence_reason=_confidence_reason(1, 1, reference_only),
    )


def _combined_confidence(
    incident: Incident, candidate: IncidentCandidate, new_outlet: bool
) -> float:
    """Noisy-or: independent reports that agree make the incident more certain."""
    weight = 1.0 if new_outlet else SAME_OUTLET_WEIGHT
    combined = 1.0 - (1.0 - incident.confidence) * (1.0 - weight * candidate.confidence)
    return round(min(MAX_CONFIDENCE, max(incident.confidence, combined)), 4)


def merge(incident: Incident, report: Report, *, back_reference: bool) -> Incident:
    """The next version of ``incident`` with ``report`` folded in."""
    candidate = report.candidate
    source = report.source
    sources = (*incident.sources, source)
    articles, outlets = _counts(sources)
    new_outlet = outlet_key(source) not in {outlet_key(s) for s in incident.sources}
    promoted = incident.reference_only and not back_reference

    if back_reference:
        date_value, location = incident.date, incident.location
    elif promoted:
        # The first report of the incident itself: its date and place beat any reference's.
        date_value = candidate.date if candidate.date.start is not None else incident.date
        location = candidate.location if candidate.location is not None else incident.location
    else:
        date_value = better_date(incident.date, candidate.date)
        location = better_location(incident.location, candidate.location)

    when = report_time(report)
    updated_at = incident.updated_at
    if when is not None and (updated_at is None or _instant(when) > _instant(updated_at)):
        updated_at = when
    first = incident.first_reported_at
    if first is None or (when is not None and _instant(when) < _instant(first)):
        first = when if when is not None else first
    reference_only = incident.reference_only and back_reference
    return dataclasses.replace(
        incident,
        version=incident.version + 1,
        event_type=candidate.event_type if promoted else incident.event_type,
        sub_event_type=candidate.sub_event_type if promoted else incident.sub_event_type,
        summary=candidate.summary if promoted and candidate.summary else incident.summary,
        date=date_value,
        location=location,
        actors=union_actors(incident.actors, candidate.actors),
        weapons=union_weapons(incident.weapons, candidate.weapons),
        fatalities=_add_casualties(
            incident.fatalities, casualty_report(candidate.fatalities, source)
        ),
        injured=_add_casualties(incident.injured, casualty_report(candidate.injured, source)),
        perpetrators_killed=_add_casualties(
            incident.perpetrators_killed, casualty_report(candidate.perpetrators_killed, source)
        ),
        sources=sources,
        num_articles=articles,
        num_sources=outlets,
        confidence=_combined_confidence(incident, candidate, new_outlet),
        first_reported_at=first,
        updated_at=updated_at,
        reference_only=reference_only,
        confidence_reason=_confidence_reason(articles, outlets, reference_only),
    )


def _merge_casualties(a: Casualties, b: Casualties) -> Casualties:
    known = {(r.article_id, r.best, r.low, r.high) for r in a.reports}
    extra = tuple(r for r in b.reports if (r.article_id, r.best, r.low, r.high) not in known)
    if not extra:
        return a
    ordered = sorted((*a.reports, *extra), key=lambda r: _instant(r.published_at))
    return summarise_casualties(tuple(ordered))


def absorb(target: Incident, other: Incident) -> Incident:
    """``target``'s next version with ``other`` folded in: a later report showed both are one
    incident. Sources, figures and names are pooled; the more precise date and place win."""
    known = {s.article_id for s in target.sources}
    sources = (*target.sources, *(s for s in other.sources if s.article_id not in known))
    articles, outlets = _counts(sources)
    first = min(
        (t for t in (target.first_reported_at, other.first_reported_at) if t is not None),
        key=_instant,
        default=None,
    )
    updated = max(
        (t for t in (target.updated_at, other.updated_at) if t is not None),
        key=_instant,
        default=None,
    )
    reference_only = target.reference_only and other.reference_only
    main, rest = (
        (other, target)
        if target.reference_only and not other.reference_only
        else (
            target,
            other,
        )
    )
    confidence = 1.0 - (1.0 - target.confidence) * (1.0 - other.confidence)
    return dataclasses.replace(
        target,
        version=target.version + 1,
        event_type=main.event_type,
        sub_event_type=main.sub_event_type,
        summary=main.summary or rest.summary,
        date=better_date(main.date, rest.date),
        location=better_location(main.location, rest.location),
        actors=union_actors(target.actors, other.actors),
        weapons=union_weapons(target.weapons, other.weapons),
        fatalities=_merge_casualties(target.fatalities, other.fatalities),
        injured=_merge_casualties(target.injured, other.injured),
        perpetrators_killed=_merge_casualties(
            target.perpetrators_killed, other.perpetrators_killed
        ),
        sources=sources,
        num_articles=articles,
        num_sources=outlets,
        confidence=round(min(MAX_CONFIDENCE, max(target.confidence, confidence)), 4),
        first_reported_at=first,
        updated_at=updated,
        reference_only=reference_only,
        confidence_reason=_confidence_reason(articles, outlets, reference_only),
    )
