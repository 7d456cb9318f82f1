from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.unit.dedup.builders import CHICAGO, report
from worker.dedup import minhash
from worker.dedup.config import DedupConfig
from worker.dedup.decide import Repeat, best_match, decide, place_conflict
from worker.dedup.scoring import Match, score
from worker.dedup.summary import IncidentSummary, summarise
from worker.domain import Decision, IncidentDate, Location, ScoreBreakdown

CONFIG = DedupConfig(merge_threshold=0.9, absorb_threshold=0.95, reference_threshold=0.9)


def _match(incident_id: str, total: float, veto: str | None = None) -> Match:
    return Match(incident_id, ScoreBreakdown(total=total, type=1.0), veto=veto)


def test_the_best_viable_match_wins_ties_by_id() -> None:
    matches = [_match("b", 0.97), _match("a", 0.97), _match("c", 0.99, veto="another region")]
    best = best_match(matches)
    assert best is not None and best.incident_id == "a"


def test_main_candidates_merge_above_the_threshold_and_are_new_below() -> None:
    candidate = report("x").candidate
    merged = decide(candidate, [_match("a", 0.93)], CONFIG)
    assert (merged.decision, merged.incident_id) == (Decision.MERGED, "a")
    new = decide(candidate, [_match("a", 0.5)], CONFIG)
    assert (new.decision, new.incident_id) == (Decision.NEW, None)
    assert "best match a" in new.reason and "< 0.90" in new.reason
    alone = decide(candidate, [], CONFIG)
    assert alone.decision is Decision.NEW and "no compatible incident" in alone.reason


def test_a_report_matching_two_incidents_strongly_folds_them() -> None:
    candidate = report("x").candidate
    verdict = decide(candidate, [_match("b", 0.99), _match("c", 0.96), _match("a", 0.93)], CONFIG)
    assert verdict.incident_id == "b"
    assert [m.incident_id for m in verdict.absorb] == ["c"]
    assert "folded in" in verdict.reason


def test_a_repeat_decides_before_any_score() -> None:
    candidate = report("x").candidate
    repeat = Repeat(Decision.SYNDICATED, "a", "wire copy")
    verdict = decide(candidate, [_match("b", 0.99)], CONFIG, repeat)
    assert (verdict.decision, verdict.incident_id, verdict.reason) == (
        Decision.SYNDICATED,
        "a",
        "wire copy",
    )


def test_far_apart_places_need_text_to_bridge_them() -> None:
    candidate = report("x").candidate
    far = Match("far", ScoreBreakdown(total=0.97, type=1.0, date=1.0, geo=0.0, text=0.3))
    assert decide(candidate, [far], CONFIG).decision is Decision.NEW
    named = Match("named", ScoreBreakdown(total=0.97, type=1.0, date=1.0, geo=0.0, text=0.8))
    assert decide(candidate, [named], CONFIG).decision is Decision.MERGED


def _placed(location: Location) -> IncidentSummary:
    return summarise(
        incident_id=f"inc_{location.name}",
        region="north_america",
        event_type="violence_against_civilians",
        sub_event_type="attack",
        date_value=IncidentDate(start=date(2017, 3, 6), end=date(2017, 3, 6), time_precision=1),
        location=location,
        actors=(),
        keyword_signature=minhash.signature(("john smith", "cicero avenue", "porch", "mary")),
        keyword_count=4,
        fatalities=1,
        injured=2,
        reference_only=False,
        expires=0,
    )


def test_a_far_place_in_the_same_state_is_no_place_conflict_but_another_state_is() -> None:
    config = DedupConfig()
    candidate = report("x").candidate
    # Same day and toll, a few shared names: enough within one state (one report named the
    # town, the other the county seat), not enough to bridge two states.
    told = _placed(CHICAGO)
    springfield = replace(CHICAGO, name="Springfield", lat=39.80, lon=-89.64, geonames_id=1)
    indianapolis = replace(
        springfield, name="Indianapolis", admin1="Indiana", lat=39.77, lon=-86.16, geonames_id=2
    )
    jaccard = 0.1
    same_state = score(told, _placed(springfield), config, jaccard=jaccard, jaccard_known=True)
    other_state = score(told, _placed(indianapolis), config, jaccard=jaccard, jaccard_known=True)
    assert same_state.score.geo == config.geo_same_admin1_far
    assert other_state.score.geo == 0.0
    assert decide(candidate, [other_state], config).decision is Decision.NEW
    assert not place_conflict(same_state, config)
    assert decide(candidate, [same_state], config).decision is Decision.MERGED
