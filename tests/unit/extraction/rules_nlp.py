"""A blank English pipeline with the worker's own components: the rules without a model."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

import worker.extraction.components  # noqa: F401  (registers the factories)


@functools.cache
def rules_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("paragraph_sentences")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("incident_facts")
    return nlp
