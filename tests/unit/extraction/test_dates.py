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
    assert dateline_date("PANAMA CITY (PANAMA), 16 NOV 89 (ACAN-EFE) -- [TEXT]") == date(
        1989, 11, 16
    )


def _on(text: str, published: date) -> list[tuple[date | None, date | None, int | None]]:
    out = []
    for mention in find_dates(text, published):
        assert mention.resolved is not None
        out.append((mention.resolved.start, mention.resolved.end, mention.resolved.time_precision))
    return out


WEDNESDAY = date(2015, 3, 11)


def test_the_evening_before_a_morning_paper() -> None:
    assert _on("was shot Tuesday evening", WEDNESDAY) == [(date(2015, 3, 10), date(2015, 3, 10), 1)]
    assert _on("early Sunday", WEDNESDAY) == [(date(2015, 3, 8), date(2015, 3, 8), 1)]
    assert _on("Wednesday morning", WEDNESDAY) == [(WEDNESDAY, WEDNESDAY, 1)]
    assert _on("last Wednesday", WEDNESDAY) == [(date(2015, 3, 4), date(2015, 3, 4), 1)]


def test_relative_days_cross_the_year_boundary() -> None:
    new_year = date(2019, 1, 1)
    assert _on("shot yesterday", new_year) == [(date(2018, 12, 31), date(2018, 12, 31), 1)]
    assert _on("late last night", new_year) == [(date(2018, 12, 31), date(2018, 12, 31), 1)]
    assert _on("on Dec. 30", new_year) == [(date(2018, 12, 30), date(2018, 12, 30), 1)]
    assert _on("this morning", new_year) == [(new_year, new_year, 1)]


def test_last_week_is_the_calendar_week_before_with_week_precision() -> None:
    assert _on("a shooting last week", date(2019, 1, 2)) == [
        (date(2018, 12, 24), date(2018, 12, 30), 2)
    ]
    assert _on("earlier this week", WEDNESDAY) == [(date(2015, 3, 9), WEDNESDAY, 2)]
    assert _on("over the weekend", WEDNESDAY) == [(date(2015, 3, 7), date(2015, 3, 8), 2)]


def test_day_of_the_month_alone() -> None:
    assert _on("the shooting on the 5th", date(2018, 10, 10)) == [
        (date(2018, 10, 5), date(2018, 10, 5), 1)
    ]
    assert _on("the shooting on the 25th", date(2018, 10, 3)) == [
        (date(2018, 9, 25), date(2018, 9, 25), 1)
    ]


def test_month_day_after_publication_is_last_year_across_the_boundary() -> None:
    assert _on("the Sept. 22 attack", date(2019, 1, 4)) == [
        (date(2018, 9, 22), date(2018, 9, 22), 1)
    ]
    assert _on("in late December", date(2019, 1, 4)) == [(date(2018, 12, 1), date(2018, 12, 31), 3)]


def test_future_clauses_resolve_forward_and_are_flagged() -> None:
    (mention,) = find_dates("He will be arraigned Monday in district court.", WEDNESDAY)
    assert mention.future and mention.resolved is not None
    assert mention.resolved.start == date(2015, 3, 16)
    (trial,) = find_dates("The trial is scheduled for Nov. 3.", date(2015, 10, 1))
    assert trial.future and trial.resolved is not None
    assert trial.resolved.start == date(2015, 11, 3)
    (shot,) = find_dates("He was shot Monday.", WEDNESDAY)
    assert not shot.future
    (closed,) = find_dates("The road stays closed through Monday.", WEDNESDAY)
    assert closed.future


def test_a_route_through_a_city_is_not_a_future_cue() -> None:
    saturday = date(2018, 11, 17)
    (march,) = find_dates("Thousands marched through central Paris on Saturday.", saturday)
    assert not march.future and march.resolved is not None
    assert march.resolved.start == saturday
    (shot,) = find_dates("He was shot next to the mosque on Friday.", saturday)
    assert not shot.future and shot.resolved is not None
    assert shot.resolved.start == date(2018, 11, 16)


def test_month_names_need_a_word_boundary() -> None:
    assert find_dates("in separate incidents, marching in decent order", WEDNESDAY) == []
    assert _on("the 12 shots fired", WEDNESDAY) == []
