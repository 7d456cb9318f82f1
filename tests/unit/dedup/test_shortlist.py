from __future__ import annotations

import random

import pytest

from worker.dedup import minhash
from worker.dedup.config import DedupConfig
from worker.dedup.decide import decide
from worker.dedup.scoring import Match, score
from worker.dedup.shortlist import shortlist
from worker.dedup.summary import IncidentSummary
from worker.domain import IncidentCandidate, IncidentDate, MentionRole

# Sub-event types with their event types: same, same event type, compatible, incompatible.
_TYPES = (
    ("attack", "violence_against_civilians"),
    ("abduction_forced_disappearance", "violence_against_civilians"),
    ("armed_clash", "battles"),
    ("arrests", "strategic_developments"),
    ("peaceful_protest", "protests"),
)
_WORDS = [f"w{i}" for i in range(60)]
_PLACES = (
    # (place, country, admin1, lat, lon)
    ("chicago", "US", "illinois", 41.85, -87.65),
    ("evanston", "US", "illinois", 42.04, -87.69),
    ("springfield", "US", "illinois", 39.80, -89.64),
    ("indianapolis", "US", "indiana", 39.77, -86.16),
    ("gary", "US", "indiana", 41.59, -87.35),
)


def _summary(rng: random.Random, serial: int, base_day: int) -> IncidentSummary:
    sub, event = rng.choice(_TYPES)
    start: int | None = None
    end: int | None = None
    precision = rng.choice((1, 1, 1, 2, 3))
    if rng.random() < 0.9:
        start = base_day + rng.randint(-12, 12)
        end = start + rng.choice((0, 0, 0, 1, 6))
    place, country, admin1, lat, lon = rng.choice(_PLACES)
    where = rng.random()
    lat_value: float | None = lat + rng.uniform(-0.4, 0.4)
    lon_value: float | None = lon + rng.uniform(-0.4, 0.4)
    precision_geo: int | None = rng.choice((1, 1, 2, 3))
    place_value: str | None = place if rng.random() < 0.7 else None
    admin1_value: str | None = admin1
    country_value: str | None = country
    if where < 0.1:
        lat_value = lon_value = precision_geo = None
    elif where < 0.15:
        lat_value = lon_value = precision_geo = place_value = admin1_value = None
    elif where < 0.18:
        lat_value = lon_value = precision_geo = place_value = admin1_value = country_value = None
    words = rng.sample(_WORDS[:20] if rng.random() < 0.6 else _WORDS, rng.randint(0, 12))
    keywords = minhash.signature(words)
    return IncidentSummary(
        incident_id=f"inc_{serial:04d}",
        region="europe" if rng.random() < 0.03 else "north_america",
        event_type=event,
        sub_event_type=sub,
        start=start,
        end=end,
        time_precision=precision,
        lat=lat_value,
        lon=lon_value,
        geo_precision=precision_geo,
        country=country_value,
        admin1=admin1_value,
        place=place_value,
        actors=tuple(sorted(rng.sample(("police", "gang", "army", "students"), rng.randint(0, 2)))),
        keywords=minhash.pack(keywords),
        keyword_count=minhash.cardinality(keywords),
        fatalities=rng.choice((None, 0, 1, 1, 2, 5)),
        injured=rng.choice((None, None, 0, 1, 3)),
        reference_only=False,
        expires=0,
    )


def _candidate(role: MentionRole) -> IncidentCandidate:
    return IncidentCandidate(
        article_id="a",
        index=0,
        role=role,
        event_type="violence_against_civilians",
        sub_event_type="attack",
        summary="",
        evidence=(),
        date=IncidentDate(start=None, end=None),
        location=None,
    )


CONFIGS = {
    "default": DedupConfig(),
    "ambiguity": DedupConfig(ambiguity_text_min=0.3),
    "veto types": DedupConfig(veto_incompatible_types=True),
    "no place conflict": DedupConfig(place_conflict_text_min=0.0, bridge_shared_keywords=0),
    "low thresholds": DedupConfig(merge_threshold=0.5, absorb_threshold=0.6, rescore_floor=0.1),
}


def _sorted(matches: list[Match]) -> list[Match]:
    return sorted(matches, key=lambda m: (-m.total, m.incident_id))


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_the_shortlist_decides_as_every_match_does(name: str) -> None:
    config = CONFIGS[name]
    floor = min(
        config.rescore_floor,
        config.merge_threshold,
        config.reference_threshold,
        config.absorb_threshold,
    )
    rng = random.Random(20240611)
    left_out = 0
    for trial in range(150):
        base_day = 736_000
        candidate = _summary(rng, 9999, base_day)
        candidate.incident_id = ""
        candidate.region = "north_america"
        nearby = [_summary(rng, n, base_day) for n in rng.sample(range(1000), rng.randint(0, 40))]
        similarities = minhash.packed_similarities(
            candidate.keywords, [other.keywords for other in nearby]
        )
        every = _sorted(
            [
                score(candidate, other, config, jaccard=j, jaccard_known=True)
                for other, j in zip(nearby, similarities, strict=True)
            ]
        )
        chosen = shortlist(candidate, nearby, similarities, config)
        assert chosen == sorted(set(chosen))
        some = _sorted(
            [
                score(candidate, nearby[i], config, jaccard=similarities[i], jaccard_known=True)
                for i in chosen
            ]
        )
        left_out += len(every) - len(some)
        # Never drops an incident that full scoring puts at or above a threshold.
        kept = {m.incident_id for m in some}
        assert {m.incident_id for m in every if m.veto is None and m.total >= floor} <= kept
        for role in MentionRole:
            full = decide(_candidate(role), every, config)
            short = decide(_candidate(role), some, config, nearby=len(every))
            assert short == full, (name, trial, role)
        # The matches the engine's second stage re-scores are the same, in the same order.
        assert [m for m in every if m.total >= floor] == [m for m in some if m.total >= floor]
    assert left_out > 500  # it does leave most incidents out


def test_a_tie_below_every_threshold_goes_to_the_smaller_id() -> None:
    candidate = _summary(random.Random(3), 0, 736_000)
    twins = []
    for serial in (7, 3, 5):
        other = _summary(random.Random(11), serial, 736_000)  # the same incident, three ids
        other.region = candidate.region
        twins.append(other)
    config = DedupConfig()
    similarities = minhash.packed_similarities(candidate.keywords, [t.keywords for t in twins])
    every = [
        score(candidate, t, config, jaccard=j, jaccard_known=True)
        for t, j in zip(twins, similarities, strict=True)
    ]
    assert len({m.total for m in every}) == 1 and every[0].total < config.rescore_floor
    chosen = shortlist(candidate, twins, similarities, config)
    verdict = decide(_candidate(MentionRole.MAIN), [every[i] for i in chosen], config, nearby=3)
    assert verdict == decide(_candidate(MentionRole.MAIN), every, config)
    assert verdict.match is not None and verdict.match.incident_id == "inc_0003"
    assert "3 incident(s) nearby" in verdict.reason
