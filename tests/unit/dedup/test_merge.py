from __future__ import annotations

from datetime import UTC, date, datetime

from tests.unit.dedup.builders import CHICAGO, report
from worker.dedup.merge import (
    absorb,
    better_date,
    better_location,
    merge,
    new_incident,
    summarise_casualties,
    union_weapons,
)
from worker.domain import CasualtyReport, IncidentDate, Location


def _figure(article: str, outlet: str, day: int, best: int) -> CasualtyReport:
    return CasualtyReport(
        article_id=article,
        outlet=outlet,
        published_at=datetime(2017, 3, day, tzinfo=UTC),
        best=best,
    )


def test_best_is_the_latest_figure_and_conservative_the_lowest() -> None:
    figures = summarise_casualties((_figure("a", "x", 1, 2), _figure("b", "y", 2, 3)))
    assert (figures.best, figures.conservative, figures.low, figures.high) == (3, 2, 2, 3)


def test_a_later_lower_figure_is_a_correction_unless_the_higher_one_was_confirmed() -> None:
    corrected = summarise_casualties((_figure("a", "x", 1, 5), _figure("b", "y", 2, 4)))
    assert corrected.best == 4
    confirmed = summarise_casualties(
        (_figure("a", "x", 1, 5), _figure("b", "y", 2, 5), _figure("c", "z", 3, 4))
    )
    assert confirmed.best == 5
    assert confirmed.conservative == 4
    assert len(confirmed.reports) == 3


def test_the_more_precise_date_and_place_win() -> None:
    month = IncidentDate(start=date(2017, 3, 1), end=date(2017, 3, 31), time_precision=3)
    day = IncidentDate(start=date(2017, 3, 6), end=date(2017, 3, 6), time_precision=1)
    assert better_date(month, day) == day
    assert better_date(day, month) == day
    assert better_date(IncidentDate(), month) == month
    state = Location(name="Illinois", country_code="US", geo_precision=3)
    assert better_location(state, CHICAGO) == CHICAGO
    assert better_location(CHICAGO, state) == CHICAGO
    assert better_location(None, state) == state


def test_merge_appends_the_source_and_counts_outlets() -> None:
    first = report("a1", outlet="Tribune", killed=2)
    incident = new_incident("inc_1", first, reference_only=False)
    same_outlet = merge(incident, report("a2", outlet="Tribune", killed=2), back_reference=False)
    assert (same_outlet.version, same_outlet.num_articles, same_outlet.num_sources) == (2, 2, 1)
    other = merge(same_outlet, report("a3", outlet="Sun-Times", killed=3), back_reference=False)
    assert (other.num_articles, other.num_sources) == (3, 2)
    assert other.fatalities.best == 3
    assert other.fatalities.conservative == 2
    assert [r.article_id for r in other.fatalities.reports] == ["a1", "a2", "a3"]
    assert incident.confidence < same_outlet.confidence < other.confidence < 1.0
    assert other.first_reported_at == incident.first_reported_at


def test_a_back_reference_never_moves_the_date_or_place() -> None:
    incident = new_incident("inc_1", report("a1", day=date(2017, 3, 6)), reference_only=False)
    later = report("r1", day=date(2017, 3, 20), location=None)
    merged = merge(incident, later, back_reference=True)
    assert merged.date == incident.date
    assert merged.location == incident.location
    assert merged.num_articles == 2


def test_a_main_report_promotes_a_reference_only_incident() -> None:
    vague = report(
        "r1",
        date_value=IncidentDate(start=date(2017, 3, 1), end=date(2017, 3, 31), time_precision=3),
    )
    incident = new_incident("inc_1", vague, reference_only=True)
    promoted = merge(incident, report("a1"), back_reference=False)
    assert not promoted.reference_only
    assert promoted.date.time_precision == 1


def test_weapons_are_unioned_case_insensitively() -> None:
    assert union_weapons(("Rifle", "knife"), ("rifle", "handgun")) == ("Rifle", "knife", "handgun")


def test_absorbing_pools_sources_and_figures_without_repeats() -> None:
    first = merge(
        new_incident("inc_a", report("a1", outlet="x", killed=2), reference_only=False),
        report("a2", outlet="y", killed=2),
        back_reference=False,
    )
    other = merge(
        new_incident("inc_b", report("b1", outlet="z", killed=3), reference_only=False),
        report("a2", outlet="y", killed=2),  # the same article reached both fragments
        back_reference=False,
    )
    folded = absorb(first, other)
    assert folded.incident_id == "inc_a"
    assert folded.version == first.version + 1
    assert [s.article_id for s in folded.sources] == ["a1", "a2", "b1"]
    assert (folded.num_articles, folded.num_sources) == (3, 3)
    assert sorted(r.article_id for r in folded.fatalities.reports) == ["a1", "a2", "b1"]
    assert folded.fatalities.conservative == 2
