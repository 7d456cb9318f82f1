"""Which sub-event type wins when an incident is told over several sentences."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.extraction.rules_nlp import rules_nlp
from worker.domain import Article, MentionRole
from worker.extraction.assemble import assemble
from worker.extraction.cleaning import clean_article


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
