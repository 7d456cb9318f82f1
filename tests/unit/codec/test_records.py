from datetime import UTC, date, datetime

import orjson
import pytest

from worker.codec import (
    InvalidMessage,
    Reason,
    decode_incident,
    decode_mention,
    decode_report,
    encode,
)
from worker.codec.records import dead_letter_headers
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

WHEN = datetime(2018, 10, 1, 12, tzinfo=UTC)
PLACE = Location("Albu Kamal", "Deir ez-Zor", "SY", 34.45226, 40.91854, 174448, 1, "Albu Kamal")
ACTOR = Actor(
    "IRGC", "Islamic Revolutionary Guard Corps", ActorType.STATE_FORCES, ActorRole.PERPETRATOR, "IR"
)


def candidate() -> IncidentCandidate:
    return IncidentCandidate(
        article_id="a1",
        index=0,
        role=MentionRole.MAIN,
        event_type="explosions_remote_violence",
        sub_event_type="shelling_artillery_missile_attack",
        summary="IRGC fired six ballistic missiles into Albu Kamal",
        evidence=(Span("Units from Iran's ...", 120, 260),),
        date=IncidentDate(date(2018, 10, 1), date(2018, 10, 1), 1, "Monday"),
        location=PLACE,
        actors=(ACTOR,),
        weapons=("ballistic missile",),
        fatalities=CasualtyFigure(None),
        confidence=0.8,
        confidence_reason="typed by 'fired missiles'",
        keywords=("albu kamal", "missile"),
    )


def test_report_round_trips():
    report = Report(
        candidate(),
        SourceRef("a1", "u", "o", WHEN, WHEN),
        (1, 2, 3),
        Delivery("articles", 1, 7, WHEN),
        3,
    )
    assert decode_report(encode(report)) == report


def test_incident_round_trips_and_uses_schema_names():
    casualties = Casualties(
        24, 24, 25, 24, (CasualtyReport("a1", "o", WHEN, 24, 24, None, "two dozen"),)
    )
    incident = Incident(
        incident_id="i-1",
        version=2,
        event_type="battles",
        sub_event_type="armed_clash",
        summary="s",
        date=IncidentDate(date(2018, 9, 22), date(2018, 9, 22), 1),
        location=PLACE,
        actors=(ACTOR,),
        weapons=(),
        fatalities=casualties,
        injured=Casualties(),
        perpetrators_killed=Casualties(),
        sources=(SourceRef("a1", None, "o", WHEN),),
        num_articles=1,
        num_sources=1,
        confidence=0.5,
        first_reported_at=WHEN,
        updated_at=WHEN,
    )
    raw = encode(incident)
    parsed = orjson.loads(raw)
    assert parsed["date"]["time_precision"] == 1
    assert parsed["location"]["country_code"] == "SY"
    assert parsed["first_reported_at"] == "2018-10-01T12:00:00Z"
    assert decode_incident(raw) == incident


def test_mention_round_trips():
    mention = Mention(
        mention_id="articles/0/1#0",
        article_id="a1",
        decision=Decision.MERGED,
        reason="same strike",
        incident_id="i-1",
        incident_version=2,
        candidate_index=0,
        role=MentionRole.MAIN,
        score=ScoreBreakdown(0.9, 1.0, 1.0, 0.9, None, None, 0.4),
        evidence=(Span("x", 0, 1),),
        source=Delivery("articles", 0, 1, WHEN),
        created_at=WHEN,
    )
    assert decode_mention(encode(mention)) == mention


def test_malformed_report_is_an_invalid_candidate():
    with pytest.raises(InvalidMessage) as caught:
        decode_report(b'{"candidate": {}}')
    assert caught.value.reason is Reason.INVALID_CANDIDATE


def test_dead_letter_headers_name_the_source():
    headers = dict(
        dead_letter_headers("invalid_json", "e" * 5000, Delivery("articles", 2, 9, WHEN))
    )
    assert headers["x-dead-letter-reason"] == b"invalid_json"
    assert (
        headers["x-source-topic"],
        headers["x-source-partition"],
        headers["x-source-offset"],
    ) == (b"articles", b"2", b"9")
    assert len(headers["x-dead-letter-error"]) == 1000
