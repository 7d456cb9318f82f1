"""Which of an article's dates is the main incident's (``incident_date.choose_date``)."""

from __future__ import annotations

from datetime import date

from tests.unit.extraction.rules_nlp import rules_nlp
from worker.domain import IncidentDate
from worker.extraction.components import SentenceFacts
from worker.extraction.incident_date import choose_date

FRIDAY = date(2015, 3, 13)


def _choose(title: str, body: str, published: date = FRIDAY) -> IncidentDate | None:
    text = f"{title}\n\n{body}"
    facts: list[SentenceFacts] = rules_nlp()(text)._.incident_facts
    body_start = len(title) + 2
    return choose_date(facts, published, body_start=body_start, scenes=[(body_start, len(text))])


def test_follow_up_takes_the_shooting_date_not_the_court_date() -> None:
    when = _choose(
        "Man sentenced in 2013 killing",
        "A Macon man was sentenced Friday to 15 years in prison. Prosecutors said he shot "
        "and killed his neighbor on June 15, 2013, after an argument.",
    )
    assert when is not None and (when.start, when.time_precision) == (date(2013, 6, 15), 1)


def test_a_coming_hearing_is_not_the_incident() -> None:
    when = _choose(
        "Two wounded in shooting",
        "Two men were shot Wednesday night outside a bar. The suspect will be arraigned Monday.",
    )
    assert when is not None and when.start == date(2015, 3, 11)


def test_undated_fresh_report_gets_the_publication_range() -> None:
    when = _choose("Man shot on Elm Street", "A man was shot on Elm Street, police said.")
    assert when == IncidentDate(date(2015, 3, 12), FRIDAY, 2, None)


def test_undated_follow_up_gets_no_date() -> None:
    assert (
        _choose(
            "Jury convicts man in shooting",
            "A jury found the man guilty of murder in the shooting of his cousin.",
        )
        is None
    )


def test_no_anchor_no_relative_date() -> None:
    text = "Man shot\n\nA man was shot Monday."
    facts: list[SentenceFacts] = rules_nlp()(text)._.incident_facts
    assert choose_date(facts, None, body_start=10, scenes=[]) is None
