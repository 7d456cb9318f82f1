from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.unit.dedup.builders import CHICAGO, KABUL, actor, report
from worker.codec.records import encode
from worker.dedup.config import DedupConfig
from worker.dedup.engine import DedupEngine, MemoryStore, incident_id_for
from worker.domain import Decision, Delivery, IncidentDate, MentionRole, Report

SMITH = ("shoot", "police", "chicago", "john smith", "halsted street", "wound", "gunman", "car")
JONES = ("shoot", "police", "chicago", "mary jones", "cicero avenue", "party", "teen", "porch")


@pytest.fixture
def engine() -> DedupEngine:
    return DedupEngine(MemoryStore(), DedupConfig())


def test_first_report_creates_an_incident(engine: DedupEngine) -> None:
    first = report("a1", keywords=SMITH)
    result = engine.handle(first)
    assert result.mention.decision is Decision.NEW
    assert result.incident is not None
    assert result.incident.incident_id == incident_id_for(first.mention_id)
    assert result.incident.version == 1
    assert result.mention.incident_id == result.incident.incident_id
    assert result.mention.reason.startswith("new incident")


def test_second_report_of_the_same_shooting_merges(engine: DedupEngine) -> None:
    created = engine.handle(report("a1", keywords=SMITH)).incident
    result = engine.handle(report("a2", day=date(2017, 3, 6), keywords=(*SMITH, "vigil")))
    assert created is not None and result.incident is not None
    assert result.mention.decision is Decision.MERGED
    assert result.incident.incident_id == created.incident_id
    assert result.incident.version == 2
    assert result.incident.num_articles == 2
    assert result.incident.num_sources == 2
    assert result.mention.score is not None and result.mention.score.total >= 0.6
    assert "same incident" in result.mention.reason


def test_another_shooting_in_the_same_city_the_next_week_is_new(engine: DedupEngine) -> None:
    engine.handle(report("a1", keywords=SMITH))
    result = engine.handle(report("b1", day=date(2017, 3, 13), keywords=JONES))
    assert result.mention.decision is Decision.NEW


def test_another_shooting_in_the_same_city_the_same_day_with_other_facts_is_new(
    engine: DedupEngine,
) -> None:
    engine.handle(report("a1", keywords=SMITH, killed=1, injured=0))
    result = engine.handle(report("b1", keywords=JONES, killed=0, injured=4))
    assert result.mention.decision is Decision.NEW


def test_a_second_bombing_in_the_same_capital_is_new(engine: DedupEngine) -> None:
    bombing = {
        "location": KABUL,
        "event_type": "explosions_remote_violence",
        "sub_event_type": "suicide_bomb",
    }
    common = ("kabul", "suicide bomber", "blast")
    first = (*common, "ministry of defence", "checkpoint", "soldier", "car", "morning", "gate")
    second = (*common, "shiite mosque", "worshipper", "friday prayer", "vest", "imam", "dasht")
    taliban, islamic_state = actor("Taliban"), actor("Islamic State")
    engine.handle(
        report("k1", day=date(2017, 6, 1), killed=12, keywords=first, actors=(taliban,), **bombing)
    )
    result = engine.handle(
        report(
            "k2",
            day=date(2017, 6, 3),
            killed=40,
            keywords=second,
            actors=(islamic_state,),
            **bombing,
        )
    )
    assert result.mention.decision is Decision.NEW


def test_casualty_revision_keeps_both_reports(engine: DedupEngine) -> None:
    engine.handle(report("a1", keywords=SMITH, killed=2))
    result = engine.handle(report("a2", day=date(2017, 3, 7), keywords=SMITH, killed=3))
    assert result.mention.decision is Decision.MERGED
    assert result.incident is not None
    fatalities = result.incident.fatalities
    assert fatalities.best == 3
    assert fatalities.conservative == 2
    assert [(r.article_id, r.best) for r in fatalities.reports] == [("a1", 2), ("a2", 3)]


def test_a_syndicated_copy_is_not_an_independent_source(engine: DedupEngine) -> None:
    wire = "Police said a man was shot on Halsted Street late Monday and died at a hospital. " * 4
    created = engine.handle(report("ap1", keywords=SMITH, body=wire, outlet="AP")).incident
    copy = report("copy1", keywords=SMITH, body=wire, outlet="Daily Herald")
    result = engine.handle(copy)
    assert created is not None
    assert result.mention.decision is Decision.SYNDICATED
    assert result.incident is None
    assert result.mention.incident_id == created.incident_id
    assert result.mention.incident_version == 1
    assert "wire copy" in result.mention.reason
    # The next independent report counts one more outlet, not two.
    merged = engine.handle(report("a3", keywords=SMITH, outlet="Tribune")).incident
    assert merged is not None and merged.num_sources == 2 and merged.version == 2


def test_a_redelivered_article_is_a_duplicate(engine: DedupEngine) -> None:
    first = report("a1", keywords=SMITH, offset=10)
    created = engine.handle(first).incident
    again = replace(
        first, delivery=replace(first.delivery or Delivery("articles", 0, 0), offset=99)
    )
    result = engine.handle(again)
    assert created is not None
    assert again.mention_id != first.mention_id
    assert result.mention.decision is Decision.DUPLICATE_ARTICLE
    assert result.incident is None
    assert result.mention.incident_id == created.incident_id
    assert result.mention.matched_incident_id == created.incident_id


def test_the_same_url_under_another_id_is_a_duplicate(engine: DedupEngine) -> None:
    engine.handle(report("a1", keywords=SMITH, url="https://www.tribune.example/story/1"))
    result = engine.handle(
        report("a1-recrawl", keywords=SMITH, url="http://tribune.example/story/1/")
    )
    assert result.mention.decision is Decision.DUPLICATE_ARTICLE
    assert result.incident is None


def test_a_replay_resends_the_same_mention_and_incident_and_makes_no_new_version(
    engine: DedupEngine,
) -> None:
    engine.handle(report("a1", keywords=SMITH))
    second = report("a2", keywords=SMITH)
    merged = engine.handle(second)
    replayed = engine.handle(second)
    assert replayed.mention == merged.mention
    # The incident's state again (a crash between storing and publishing must not lose it),
    # not a new version of it.
    assert merged.incident is not None
    assert replayed.incident == merged.incident
    nxt = engine.handle(report("a3", keywords=SMITH)).incident
    assert nxt is not None and nxt.version == merged.incident.version + 1


def test_a_back_reference_links_to_the_known_incident_and_keeps_its_date(
    engine: DedupEngine,
) -> None:
    created = engine.handle(report("a1", keywords=SMITH)).incident
    later = date(2017, 3, 20)
    reference = report(
        "r1",
        day=later,
        role=MentionRole.REFERENCE,
        keywords=SMITH,
        killed=1,
        date_value=IncidentDate(start=date(2017, 3, 1), end=date(2017, 3, 31), time_precision=3),
    )
    result = engine.handle(reference)
    assert created is not None and result.incident is not None
    assert result.mention.decision is Decision.BACK_REFERENCE
    assert result.incident.incident_id == created.incident_id
    assert result.incident.date == created.date
    assert result.incident.num_articles == 2
    assert not result.incident.reference_only


def test_a_back_reference_to_an_unknown_incident_creates_a_reference_only_one(
    engine: DedupEngine,
) -> None:
    result = engine.handle(report("r1", role=MentionRole.REFERENCE, keywords=SMITH))
    assert result.mention.decision is Decision.REFERENCE_NEW
    assert result.incident is not None and result.incident.reference_only
    # The incident's own first report then makes it a full incident.
    main = engine.handle(report("a1", keywords=SMITH))
    assert main.mention.decision is Decision.MERGED
    assert main.incident is not None and not main.incident.reference_only


def test_incidents_are_evicted_by_stream_time(engine: DedupEngine) -> None:
    store = MemoryStore()
    engine = DedupEngine(store, DedupConfig(window_days=30))
    created = engine.handle(report("a1", keywords=SMITH)).incident
    assert created is not None
    within = engine.handle(report("x1", day=date(2017, 4, 1), keywords=JONES))
    assert within.evicted == ()
    late = engine.handle(report("x2", day=date(2017, 4, 10), keywords=("other", "words")))
    assert late.evicted == (created.incident_id,)
    assert created.incident_id not in engine.index
    assert not any(created.incident_id in key for key in store.data)
    assert not any(value == created.incident_id.encode() for value in store.data.values())
    # A report published later in another region does not move this region's clock.
    assert engine.stream_day("north_america") == date(2017, 4, 10)
    assert engine.stream_day("south_central_asia") is None


def test_stream_time_never_goes_back(engine: DedupEngine) -> None:
    engine.handle(report("a1", day=date(2017, 3, 10), keywords=SMITH))
    engine.handle(report("old", day=date(2017, 1, 1), keywords=JONES))
    assert engine.stream_day("north_america") == date(2017, 3, 10)


def test_two_candidates_of_one_article_about_two_shootings_stay_apart(engine: DedupEngine) -> None:
    engine.handle(report("two", keywords=SMITH, index=0, num_candidates=2, killed=1))
    second = engine.handle(
        report("two", keywords=JONES, index=1, num_candidates=2, killed=0, injured=4)
    )
    assert second.mention.decision is Decision.NEW


def test_a_second_candidate_repeating_the_first_is_a_duplicate_mention(engine: DedupEngine) -> None:
    first = engine.handle(report("two", keywords=SMITH, index=0, num_candidates=2)).incident
    second = engine.handle(report("two", keywords=SMITH, index=1, num_candidates=2))
    assert first is not None
    assert second.mention.decision is Decision.DUPLICATE_ARTICLE
    assert second.mention.incident_id == first.incident_id
    assert second.incident is None


def test_reports_of_different_regions_never_meet(engine: DedupEngine) -> None:
    engine.handle(report("a1", keywords=SMITH))
    elsewhere = replace(CHICAGO, country_code="AF")
    assert (
        engine.handle(report("a2", keywords=SMITH, location=elsewhere)).mention.decision
        is Decision.NEW
    )


def _stream() -> list[Report]:
    reports: list[Report] = []
    start = date(2017, 3, 1)
    for n in range(40):
        words = SMITH if n % 3 == 0 else JONES if n % 3 == 1 else ("fire", f"street-{n}", "mall")
        reports.append(
            report(
                f"s{n}",
                day=start + timedelta(days=n // 2),
                keywords=(*words, f"w{n % 5}"),
                killed=n % 4,
                offset=n,
                role=MentionRole.REFERENCE if n % 7 == 6 else MentionRole.MAIN,
            )
        )
    return reports


def test_the_same_input_gives_the_same_records() -> None:
    def run() -> list[bytes]:
        engine = DedupEngine(MemoryStore(), DedupConfig(window_days=5))
        out: list[bytes] = []
        for r in _stream():
            result = engine.handle(r)
            out.append(encode(result.mention))
            if result.incident is not None:
                out.append(encode(result.incident))
            out.extend(e.encode() for e in result.evicted)
        return out

    assert run() == run()


def test_rebuild_after_restart_gives_the_same_decisions() -> None:
    reports = _stream()
    straight = DedupEngine(MemoryStore(), DedupConfig(window_days=5))
    expected = [straight.handle(r) for r in reports]

    store = MemoryStore()
    first = DedupEngine(store, DedupConfig(window_days=5))
    got = [first.handle(r) for r in reports[:20]]
    restarted = DedupEngine(store, DedupConfig(window_days=5))
    restarted.rebuild()
    assert len(restarted.index) == len(first.index)
    got += [restarted.handle(r) for r in reports[20:]]
    assert got == expected


def test_actors_are_unioned_and_claims_kept_only_while_all_claim(engine: DedupEngine) -> None:
    claimed = replace(actor("Islamic State"), claimed=True)
    engine.handle(report("k1", location=KABUL, keywords=SMITH, actors=(claimed,)))
    result = engine.handle(
        report(
            "k2", location=KABUL, keywords=SMITH, actors=(actor("Islamic State"), actor("Taliban"))
        )
    )
    assert result.incident is not None
    names = {(a.canonical, a.claimed) for a in result.incident.actors}
    assert names == {("Islamic State", False), ("Taliban", False)}


# Scores that depend on the keywords alone: X and Y share nothing, a report naming both matches
# each of them well enough to show they are one incident.
TEXT_ONLY = DedupConfig(
    score_bias=-10,
    weight_type=0,
    weight_date=0,
    weight_geo=0,
    weight_actors=0,
    weight_casualties=0,
    weight_text=20,
    missing_date=0,
    missing_geo=0,
    missing_actors=0,
    missing_casualties=0,
    missing_text=0,
    merge_threshold=0.9,
    absorb_threshold=0.95,
)
X = tuple(f"alpha{c}" for c in "abcdefgh")
Y = tuple(f"bravo{c}" for c in "abcdefgh")


def test_a_report_matching_two_incidents_folds_one_into_the_other() -> None:
    engine = DedupEngine(MemoryStore(), TEXT_ONLY)
    first = engine.handle(report("a1", keywords=X)).incident
    second = engine.handle(report("b1", keywords=Y)).incident
    assert first is not None and second is not None
    assert first.incident_id != second.incident_id
    both = engine.handle(report("c1", keywords=X + Y))
    assert both.incident is not None and both.mention.decision is Decision.MERGED
    (absorbed,) = both.absorbed
    assert {absorbed, both.incident.incident_id} == {first.incident_id, second.incident_id}
    assert {s.article_id for s in both.incident.sources} == {"a1", "b1", "c1"}
    # A redelivery of that report names the absorbed incident again: its tombstone is re-sent.
    replayed = engine.handle(report("c1", keywords=X + Y))
    assert replayed.absorbed == both.absorbed
    assert replayed.incident == both.incident
    # The absorbed incident is gone: a later report of it joins the survivor.
    again = engine.handle(report("d1", keywords=X + Y))
    assert again.incident is not None
    assert again.incident.incident_id == both.incident.incident_id


class CrashingStore(MemoryStore):
    """Stops taking writes after ``limit`` of them: a worker killed mid-report."""

    def __init__(self) -> None:
        super().__init__()
        self.limit: int | None = None

    def put(self, key: str, value: bytes) -> None:
        self._count()
        super().put(key, value)

    def delete(self, key: str) -> None:
        self._count()
        super().delete(key)

    def _count(self) -> None:
        if self.limit is not None:
            if self.limit == 0:
                raise KeyboardInterrupt("killed")
            self.limit -= 1


@pytest.mark.parametrize("writes_before_the_kill", range(10))
def test_a_report_interrupted_mid_write_ends_as_if_never_interrupted(
    writes_before_the_kill: int,
) -> None:
    reports = [
        report("a1", keywords=SMITH),
        report("a2", keywords=(*SMITH, "vigil")),
        report("b1", day=date(2017, 3, 13), keywords=JONES),
    ]
    straight = DedupEngine(MemoryStore(), DedupConfig())
    expected = [straight.handle(r) for r in reports]

    store = CrashingStore()
    first = DedupEngine(store, DedupConfig())
    first.handle(reports[0])
    store.limit = writes_before_the_kill
    try:
        first.handle(reports[1])
    except KeyboardInterrupt:
        assert writes_before_the_kill < 7  # the report takes 7 writes, journal included
    store.limit = None
    restarted = DedupEngine(store, DedupConfig())
    restarted.rebuild()
    again = [restarted.handle(r) for r in reports[1:]]
    assert again[0].mention == expected[1].mention
    assert again[0].incident is None or again[0].incident == expected[1].incident
    assert again[1].mention == expected[2].mention
    assert not any(key.startswith("j:") for key in store.data)
    assert store.data == straight._store.data  # type: ignore[attr-defined]
