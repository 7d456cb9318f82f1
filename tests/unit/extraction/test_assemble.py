from __future__ import annotations

from datetime import date

from tests.unit.extraction.rules_nlp import rules_nlp
from worker.domain import Article, IncidentCandidate, MentionRole
from worker.extraction.assemble import assemble
from worker.extraction.cleaning import clean_article


def _main(body: str, published: date) -> IncidentCandidate:
    clean = clean_article(body, "")
    doc = rules_nlp()(clean.text)
    found = assemble(doc, clean, Article("a", body), [], anchor=published)
    return next(c for c in found if c.role is MentionRole.MAIN)


def _toll(candidate: IncidentCandidate) -> tuple[int | None, int | None]:
    killed = candidate.fatalities.best if candidate.fatalities else None
    injured = candidate.injured.best if candidate.injured else None
    return killed, injured


def test_an_incident_dated_apart_keeps_its_figures() -> None:
    body = (
        "Four men were shot and wounded on Tuesday night outside a bar, police said.\n\n"
        "On Aug. 5, a man was shot and killed on the same block."
    )
    assert _toll(_main(body, date(2013, 8, 14))) == (None, 4)


def test_a_follow_up_takes_the_figures_of_the_shooting_it_reports() -> None:
    body = (
        "Police arrested a man on Friday in connection with a nightclub shooting.\n\n"
        "On July 21, three people were injured and one victim was pronounced dead."
    )
    assert _toll(_main(body, date(2015, 7, 31))) == (1, 3)


def test_a_lead_dating_its_act_back_gives_the_figures_of_a_follow_up() -> None:
    body = (
        "No charges will be filed against a boy who accidentally shot and killed one of his "
        "friends in February, prosecutors said Friday.\n\n"
        "The shooting happened at a home on 11th Street."
    )
    assert _toll(_main(body, date(2014, 5, 2))) == (1, None)


def test_an_act_dated_back_below_the_lead_is_an_earlier_incident() -> None:
    body = (
        "Two men were shot and wounded outside a nightclub early Sunday, police said.\n\n"
        "A security worker at the club was fatally shot in July."
    )
    assert _toll(_main(body, date(2014, 9, 8))) == (None, 2)
