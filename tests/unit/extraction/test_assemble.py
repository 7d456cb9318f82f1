from __future__ import annotations

from datetime import date

import spacy
from spacy.language import Language

import worker.extraction.components  # noqa: F401  (registers the factories)
from worker.domain import Article, IncidentCandidate, MentionRole
from worker.extraction.assemble import assemble
from worker.extraction.cleaning import clean_article


def _nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("paragraph_sentences")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("incident_facts")
    return nlp


def _main(body: str, published: date) -> IncidentCandidate:
    clean = clean_article(body, "")
    doc = _nlp()(clean.text)
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
