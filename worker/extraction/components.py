"""spaCy components that read incident facts off each sentence.

``incident_facts`` runs the trigger, casualty and actor rules over every sentence and keeps
the result on ``doc._.incident_facts``: one ``SentenceFacts`` per sentence, in order. The
rules are regular expressions over the sentence text, so the component works on any
pipeline that sets sentence boundaries (a parser, ``senter`` or ``sentencizer``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from worker.extraction.actors import ActorMention, CountryLookup, find_actors, static_countries
from worker.extraction.casualties import CasualtyMention, find_casualties
from worker.extraction.triggers import TriggerMention, find_triggers, is_disaster_text


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    start: int  # character offsets of the sentence in the doc
    end: int
    text: str
    triggers: tuple[TriggerMention, ...]
    casualties: tuple[CasualtyMention, ...]
    actors: tuple[ActorMention, ...]


if not Doc.has_extension("incident_facts"):
    Doc.set_extension("incident_facts", default=None)


def is_upper_case_text(text: str) -> bool:
    letters = [c for c in text[:2000] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """``(sent.start_char, sent.end_char)`` of every sentence, read off the token arrays:
    ``doc.sents`` builds a Token object per token, a measurable share of the rules' time."""
    if not len(doc):
        return []
    rows = doc.to_array([SENT_START, IDX, LENGTH]).tolist()
    starts = [i for i, row in enumerate(rows) if row[0] == 1 or i == 0]
    ends = [*starts[1:], len(rows)]
    return [
        (rows[a][1], rows[b - 1][1] + rows[b - 1][2]) for a, b in zip(starts, ends, strict=True)
    ]


class IncidentFacts:
    def __init__(self) -> None:
        # Demonym -> country for actors; the extractor plugs in the gazetteer's.
        self.countries: CountryLookup = static_countries

    def __call__(self, doc: Doc) -> Doc:
        whole = doc.text  # spaCy joins the tokens again on every access
        upper = is_upper_case_text(whole)
        disaster = is_disaster_text(whole)
        facts: list[SentenceFacts] = []
        for start, end in sentence_spans(doc):
            text = whole[start:end]
            facts.append(
                SentenceFacts(
                    start=start,
                    end=end,
                    text=text,
                    triggers=tuple(find_triggers(text, disaster_context=disaster)),
                    casualties=tuple(find_casualties(text)),
                    actors=tuple(
                        find_actors(text, upper_case_text=upper, countries=self.countries)
                    ),
                )
            )
        doc._.incident_facts = facts
        return doc


class ParagraphSentences:
    """A blank line always ends a sentence: titles and paragraphs never run together."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        return doc


@Language.factory("paragraph_sentences")
def make_paragraph_sentences(nlp: Language, name: str) -> ParagraphSentences:
    return ParagraphSentences()


@Language.factory("incident_facts")
def make_incident_facts(nlp: Language, name: str) -> IncidentFacts:
    return IncidentFacts()
