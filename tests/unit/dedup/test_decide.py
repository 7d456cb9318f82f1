from __future__ import annotations

from tests.unit.dedup.builders import report
from worker.dedup.config import DedupConfig
from worker.dedup.decide import Repeat, best_match, decide
from worker.dedup.scoring import Match
from worker.domain import Decision, ScoreBreakdown

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
