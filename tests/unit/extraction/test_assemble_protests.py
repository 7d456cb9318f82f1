"""Which sub-event type wins when an incident is told over several sentences."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.extraction.rules_nlp import rules_nlp
from worker.domain import Article, Location, MentionRole
from worker.extraction.assemble import assemble
from worker.extraction.cleaning import clean_article
from worker.extraction.places import Toponym


def _main_type(body: str) -> str:
    clean = clean_article(body, "")
    doc = rules_nlp()(clean.text)
    found = assemble(doc, clean, Article("a", body), [], anchor=date(2020, 3, 2))
    return next(c.sub_event_type for c in found if c.role is MentionRole.MAIN)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Violence by the demonstrators makes a riot, whatever the police do next.
        (
            "Demonstrators threw stones at police. Officers fired tear gas.",
            "violent_demonstration",
        ),
        # A mob is no demonstration: dispersing it does not make it a protest.
        (
            "A mob lynched a thief in the market. Police fired tear gas to disperse the crowd.",
            "mob_violence",
        ),
    ],
)
def test_violence_by_the_crowd_outranks_an_intervention(body: str, expected: str) -> None:
    assert _main_type(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Students marched on Monday. Police charged with batons and detained ten.",
        "Protesters gathered outside parliament. Police arrested 30 of them.",
    ],
)
def test_arrests_right_after_a_protest_are_an_intervention(body: str) -> None:
    assert _main_type(body) == "protest_with_intervention"


@pytest.mark.parametrize(
    "body",
    [
        "Protesters gathered outside parliament. No one was arrested.",
        "Supporters of the opposition rallied in the capital on Friday. "
        "Separately, police arrested two suspected militants in the north.",
    ],
)
def test_no_arrests_or_arrests_of_armed_men_leave_the_protest_peaceful(body: str) -> None:
    assert _main_type(body) == "peaceful_protest"


def test_a_superlatives_time_frame_is_no_back_reference() -> None:
    body = (
        "The capital saw its worst violence in weeks after stone-throwing protesters clashed "
        "with police across the city. Demonstrators returned to the main square on Monday."
    )
    assert _main_type(body) == "violent_demonstration"


@pytest.mark.parametrize(
    "body",
    [
        "Al-Shabaab militants have taken control of a strategic village. The militants seized "
        "the area following the withdrawal of Puntland forces.",
        "Government forces withdrew on Sunday from the border crossing. The crossing was "
        "handed over to the rebels without resistance.",
    ],
)
def test_a_place_left_by_one_side_changes_hands_without_fighting(body: str) -> None:
    assert _main_type(body) == "non_violent_transfer_of_territory"


def test_a_place_taken_in_a_fight_is_not_handed_over() -> None:
    body = (
        "Al-Shabaab militants have taken control of a strategic village after heavy clashes "
        "with soldiers. The army withdrew to a nearby base."
    )
    assert _main_type(body) == "non_state_actor_overtakes_territory"


def _toponyms(text: str, names: dict[str, int]) -> list[Toponym]:
    found = []
    for name, geonames_id in names.items():
        start = text.index(name)
        place = Location(name=name, country_code="NG", geonames_id=geonames_id, geo_precision=1)
        found.append(Toponym(start, start + len(name), place))
    return found


def test_the_act_told_again_with_other_places_is_the_same_incident() -> None:
    body = (
        "Gunmen attacked villagers in Kano on Friday night.\n\n"
        "The attacks, mostly with grenades, happened in Yola and Bauchi, police said."
    )
    clean = clean_article(body, "")
    doc = rules_nlp()(clean.text)
    toponyms = _toponyms(clean.text, {"Kano": 1, "Yola": 2, "Bauchi": 3})
    found = assemble(doc, clean, Article("a", body), toponyms, anchor=date(2020, 3, 2))
    main = next(c for c in found if c.role is MentionRole.MAIN)
    assert main.sub_event_type == "grenade"
