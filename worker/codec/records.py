"""JSON encoding of the records the worker writes: incidents, mentions, reports, dead letters.

Encoding is orjson's native dataclass support (field names are the schema's names); decoding
rebuilds the dataclasses by hand so that a malformed record fails loudly.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import orjson

from worker.codec.articles import parse_timestamp
from worker.codec.errors import InvalidMessage, Reason
from worker.domain import (
    Actor,
    ActorRole,
    ActorType,
    Casualties,
    CasualtyFigure,
    CasualtyReport,
    Decision,
    Delivery,
    Incident,
    IncidentCandidate,
    IncidentDate,
    Location,
    Mention,
    MentionRole,
    Report,
    ScoreBreakdown,
    SourceRef,
    Span,
)

_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NAIVE_UTC


def encode(record: Incident | Mention | Report) -> bytes:
    return orjson.dumps(record, option=_OPTIONS)


def to_jsonable(record: Any) -> Any:
    """The plain-JSON form (dicts, lists, strings) of any domain record."""
    return orjson.loads(orjson.dumps(record, option=_OPTIONS))


def decode_incident(value: bytes | str | dict[str, Any]) -> Incident:
    return incident_from_dict(_object(value))


def decode_mention(value: bytes | str | dict[str, Any]) -> Mention:
    return mention_from_dict(_object(value))


def decode_report(value: bytes | str | dict[str, Any] | None) -> Report:
    if value is None:
        raise InvalidMessage(Reason.INVALID_CANDIDATE, "the message has no value")
    try:
        return report_from_dict(_object(value))
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidMessage(Reason.INVALID_CANDIDATE, str(exc)[:200]) from None


def _object(value: bytes | str | dict[str, Any]) -> dict[str, Any]:
    obj = value if isinstance(value, dict) else orjson.loads(value)
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    return obj


def _datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    parsed = parse_timestamp(str(value))
    if parsed is None:
        raise ValueError(f"bad timestamp {value!r}")
    return parsed


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _spans(items: Sequence[dict[str, Any]] | None) -> tuple[Span, ...]:
    return tuple(
        Span(text=s["text"], start=int(s["start"]), end=int(s["end"])) for s in items or ()
    )


def date_from_dict(obj: dict[str, Any] | None) -> IncidentDate:
    if obj is None:
        return IncidentDate()
    return IncidentDate(
        start=_date(obj.get("start")),
        end=_date(obj.get("end")),
        time_precision=_opt_int(obj.get("time_precision")),
        text=obj.get("text"),
    )


def location_from_dict(obj: dict[str, Any] | None) -> Location | None:
    if obj is None:
        return None
    return Location(
        name=obj.get("name"),
        admin1=obj.get("admin1"),
        country_code=obj.get("country_code"),
        lat=_opt_float(obj.get("lat")),
        lon=_opt_float(obj.get("lon")),
        geonames_id=_opt_int(obj.get("geonames_id")),
        geo_precision=_opt_int(obj.get("geo_precision")),
        text=obj.get("text"),
    )


def actor_from_dict(obj: dict[str, Any]) -> Actor:
    actor_type = obj.get("actor_type")
    return Actor(
        name=obj["name"],
        canonical=obj["canonical"],
        actor_type=ActorType(actor_type) if actor_type is not None else None,
        role=ActorRole(obj["role"]),
        country_code=obj.get("country_code"),
        claimed=bool(obj.get("claimed", False)),
    )


def figure_from_dict(obj: dict[str, Any] | None) -> CasualtyFigure | None:
    if obj is None:
        return None
    return CasualtyFigure(
        best=_opt_int(obj.get("best")),
        low=_opt_int(obj.get("low")),
        high=_opt_int(obj.get("high")),
        text=obj.get("text"),
    )


def casualties_from_dict(obj: dict[str, Any] | None) -> Casualties:
    if obj is None:
        return Casualties()
    reports = tuple(
        CasualtyReport(
            article_id=r["article_id"],
            outlet=r.get("outlet"),
            published_at=_datetime(r.get("published_at")),
            best=_opt_int(r.get("best")),
            low=_opt_int(r.get("low")),
            high=_opt_int(r.get("high")),
            text=r.get("text"),
        )
        for r in obj.get("reports") or ()
    )
    return Casualties(
        best=_opt_int(obj.get("best")),
        low=_opt_int(obj.get("low")),
        high=_opt_int(obj.get("high")),
        conservative=_opt_int(obj.get("conservative")),
        reports=reports,
    )


def source_from_dict(obj: dict[str, Any]) -> SourceRef:
    return SourceRef(
        article_id=obj["article_id"],
        url=obj.get("url"),
        outlet=obj.get("outlet"),
        published_at=_datetime(obj.get("published_at")),
        received_at=_datetime(obj.get("received_at")),
        syndicated_of=obj.get("syndicated_of"),
    )


def delivery_from_dict(obj: dict[str, Any] | None) -> Delivery | None:
    if obj is None:
        return None
    return Delivery(
        topic=obj["topic"],
        partition=int(obj["partition"]),
        offset=int(obj["offset"]),
        timestamp=_datetime(obj.get("timestamp")),
    )


def incident_from_dict(obj: dict[str, Any]) -> Incident:
    return Incident(
        incident_id=obj["incident_id"],
        version=int(obj["version"]),
        event_type=obj["event_type"],
        sub_event_type=obj["sub_event_type"],
        summary=obj.get("summary") or "",
        date=date_from_dict(obj.get("date")),
        location=location_from_dict(obj.get("location")),
        actors=tuple(actor_from_dict(a) for a in obj.get("actors") or ()),
        weapons=tuple(obj.get("weapons") or ()),
        fatalities=casualties_from_dict(obj.get("fatalities")),
        injured=casualties_from_dict(obj.get("injured")),
        perpetrators_killed=casualties_from_dict(obj.get("perpetrators_killed")),
        sources=tuple(source_from_dict(s) for s in obj.get("sources") or ()),
        num_articles=int(obj["num_articles"]),
        num_sources=int(obj["num_sources"]),
        confidence=float(obj["confidence"]),
        first_reported_at=_datetime(obj.get("first_reported_at")),
        updated_at=_datetime(obj.get("updated_at")),
        reference_only=bool(obj.get("reference_only", False)),
        confidence_reason=obj.get("confidence_reason") or "",
    )


def candidate_from_dict(obj: dict[str, Any]) -> IncidentCandidate:
    return IncidentCandidate(
        article_id=obj["article_id"],
        index=int(obj["index"]),
        role=MentionRole(obj["role"]),
        event_type=obj["event_type"],
        sub_event_type=obj["sub_event_type"],
        summary=obj.get("summary") or "",
        evidence=_spans(obj.get("evidence")),
        date=date_from_dict(obj.get("date")),
        location=location_from_dict(obj.get("location")),
        actors=tuple(actor_from_dict(a) for a in obj.get("actors") or ()),
        weapons=tuple(obj.get("weapons") or ()),
        fatalities=figure_from_dict(obj.get("fatalities")),
        injured=figure_from_dict(obj.get("injured")),
        perpetrators_killed=figure_from_dict(obj.get("perpetrators_killed")),
        confidence=float(obj.get("confidence", 0.0)),
        confidence_reason=obj.get("confidence_reason") or "",
        keywords=tuple(obj.get("keywords") or ()),
    )


def report_from_dict(obj: dict[str, Any]) -> Report:
    return Report(
        candidate=candidate_from_dict(obj["candidate"]),
        source=source_from_dict(obj["source"]),
        text_signature=tuple(int(v) for v in obj.get("text_signature") or ()),
        delivery=delivery_from_dict(obj.get("delivery")),
        num_candidates=int(obj.get("num_candidates", 1)),
    )


def score_from_dict(obj: dict[str, Any] | None) -> ScoreBreakdown | None:
    if obj is None:
        return None
    return ScoreBreakdown(
        total=float(obj["total"]),
        **{
            k: _opt_float(obj.get(k))
            for k in ("type", "date", "geo", "actors", "casualties", "text")
        },
    )


def mention_from_dict(obj: dict[str, Any]) -> Mention:
    role = obj.get("role")
    return Mention(
        mention_id=obj["mention_id"],
        article_id=obj["article_id"],
        decision=Decision(obj["decision"]),
        reason=obj.get("reason") or "",
        incident_id=obj.get("incident_id"),
        incident_version=_opt_int(obj.get("incident_version")),
        candidate_index=_opt_int(obj.get("candidate_index")),
        role=MentionRole(role) if role is not None else None,
        score=score_from_dict(obj.get("score")),
        matched_incident_id=obj.get("matched_incident_id"),
        evidence=_spans(obj.get("evidence")),
        url=obj.get("url"),
        outlet=obj.get("outlet"),
        published_at=_datetime(obj.get("published_at")),
        source=delivery_from_dict(obj.get("source")),
        created_at=_datetime(obj.get("created_at")),
    )


def dead_letter_headers(reason: str, detail: str, delivery: Delivery) -> list[tuple[str, bytes]]:
    """Headers of a dead letter; its value is the original message bytes, untouched."""
    headers = [
        ("x-dead-letter-reason", reason),
        ("x-dead-letter-error", detail[:1000]),
        ("x-source-topic", delivery.topic),
        ("x-source-partition", str(delivery.partition)),
        ("x-source-offset", str(delivery.offset)),
    ]
    if delivery.timestamp is not None:
        headers.append(("x-source-timestamp", delivery.timestamp.isoformat()))
    return [(name, value.encode("utf-8", "replace")) for name, value in headers]
