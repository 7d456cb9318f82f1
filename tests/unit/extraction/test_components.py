from __future__ import annotations

from datetime import date

import pytest

from tests.unit.extraction.rules_nlp import rules_nlp
from worker.domain import Article, Location, MentionRole
from worker.extraction.assemble import Toponym, assemble, build_mentions, cluster_mentions
from worker.extraction.cleaning import clean_article
from worker.extraction.components import SentenceFacts, sentence_spans


def test_incident_facts_per_sentence() -> None:
    doc = rules_nlp()("Title line\n\nGunmen killed 12 people in Kabul. The market was busy.")
    facts: list[SentenceFacts] = doc._.incident_facts
    assert [f.text for f in facts] == [
        "Title line\n\n",
        "Gunmen killed 12 people in Kabul.",
        "The market was busy.",
    ]
    assert [(t.text, t.sub_event_type) for t in facts[1].triggers] == [
        ("Gunmen", "attack"),
        ("killed", "attack"),
    ]
    assert [
        (c.kind.value, c.quantity.best if c.quantity else None) for c in facts[1].casualties
    ] == [("killed", 12)]
    assert next((a.canonical, a.actor_type) for a in facts[1].actors) == (
        "Unidentified Armed Group",
        "political_militia",
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "One sentence without a stop",
        "Title line\n\nGunmen killed 12 people.  Two  more died.\n\n  Police said so. ",
        "  Leading space. Trailing space!   ",
    ],
)
def test_sentence_spans_are_those_of_doc_sents(text: str) -> None:
    doc = rules_nlp()(text)
    assert sentence_spans(doc) == [(s.start_char, s.end_char) for s in doc.sents]


def test_location_is_where_the_act_happened_not_the_first_place_named() -> None:
    text = "Officials in Iran said missiles hit the city of Albu Kamal on Monday."
    doc = rules_nlp()(text)
    iran = Location(name="Iran", country_code="IR", geo_precision=3)
    albu_kamal = Location(
        name="Albu Kamal", country_code="SY", lat=34.45, lon=40.92, geo_precision=1
    )
    toponyms = [
        Toponym(text.index("Iran"), text.index("Iran") + 4, iran),
        Toponym(text.index("Albu"), text.index("Albu") + 10, albu_kamal),
    ]
    mentions = build_mentions(doc._.incident_facts, toponyms, None, 0)
    (cluster,) = cluster_mentions(mentions)
    assert cluster.place == albu_kamal


def test_back_reference_is_a_separate_incident() -> None:
    text = (
        "Rebels shelled the town on Monday, a week after the Sept. 22 attack that left "
        "two dozen people dead."
    )
    doc = rules_nlp()(text)
    mentions = build_mentions(doc._.incident_facts, [], date(2018, 10, 1), 0)
    clusters = cluster_mentions(mentions)
    assert [(c.kind, c.reference) for c in clusters] == [
        ("shelling_artillery_missile_attack", False),
        ("attack", True),
    ]
    assert clusters[1].date is not None and clusters[1].date.start == date(2018, 9, 22)


def _roles(body: str, published: date) -> list[tuple[str, MentionRole]]:
    clean = clean_article(body, "")
    doc = rules_nlp()(clean.text)
    article = Article("a", body)
    found = assemble(doc, clean, article, [], anchor=published)
    return [(c.sub_event_type, c.role) for c in found]


def test_a_report_told_only_after_a_cue_still_has_its_main_incident() -> None:
    body = "After the shooting the boy was taken to a hospital, where he was pronounced dead."
    assert _roles(body, date(2015, 12, 10)) == [("attack", MentionRole.MAIN)]


def test_an_anniversary_piece_reports_no_new_incident() -> None:
    body = "Families gathered on Sunday, a year after the Sept. 22 attack that killed 24 people."
    roles = _roles(body, date(2019, 9, 23))
    assert roles and all(role is MentionRole.REFERENCE for _, role in roles)
