from __future__ import annotations

from datetime import date

from worker.extraction.dates import dateline_date, find_dates

PUBLISHED = date(2018, 10, 1)  # a Monday


def _resolved(text: str) -> list[tuple[date | None, date | None, int | None]]:
    out = []
    for mention in find_dates(text, PUBLISHED):
        assert mention.resolved is not None
        out.append((mention.resolved.start, mention.resolved.end, mention.resolved.time_precision))
    return out


def test_weekday_is_most_recent_on_or_before_publication() -> None:
    assert _resolved("retaliated Monday with a missile barrage") == [
        (date(2018, 10, 1), date(2018, 10, 1), 1)
    ]
    assert _resolved("the culprits of Saturday's attack") == [
        (date(2018, 9, 29), date(2018, 9, 29), 1)
    ]
    assert _resolved("shot late Tuesday") == [(date(2018, 9, 25), date(2018, 9, 25), 1)]


def test_month_day_takes_publication_year() -> None:
    assert _resolved("the Sept. 22 attack") == [(date(2018, 9, 22), date(2018, 9, 22), 1)]


def test_month_day_after_publication_is_last_year() -> None:
    assert _resolved("on Dec. 24") == [(date(2017, 12, 24), date(2017, 12, 24), 1)]


def test_last_june_is_the_year_before_with_month_precision() -> None:
    assert _resolved("Last June, fighters launched") == [(date(2017, 6, 1), date(2017, 6, 30), 3)]


def test_yesterday_and_days_ago() -> None:
    assert _resolved("was shot yesterday") == [(date(2018, 9, 30), date(2018, 9, 30), 1)]
    assert _resolved("ATTACKED THE FARM 2 DAYS AGO") == [(date(2018, 9, 29), date(2018, 9, 29), 1)]


def test_no_anchor_leaves_relative_dates_unresolved() -> None:
    (mention,) = find_dates("on Monday", None)
    assert mention.resolved is None


def test_modal_may_is_not_a_month() -> None:
    assert find_dates("police may arrest him", PUBLISHED) == []


def test_wire_dateline() -> None:
    assert dateline_date("GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) -- [TEXT] THE ARMY") == date(
        1990, 2, 4
    )
