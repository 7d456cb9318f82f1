"""A disk cache of parsed spaCy docs, for evaluation runs that change only the rules.

The language model is the only expensive step: a doc is stored after NER and sentence
splitting (``DocBin``: tokens, entities, sentence starts) under the hash of the model and the
text, and the rule components run again on every use. The worker never uses it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

# Components whose output the cache holds; everything after them reruns.
RULE_COMPONENTS = ("incident_facts",)


class DocCache:
    def __init__(self, directory: Path, nlp: Language) -> None:
        self.directory = directory
        self.nlp = nlp
        # tok2vec's own output (doc.tensor) is not stored, so it does not change the key.
        stored = [name for name in nlp.pipe_names if name != "tok2vec"]
        model = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}-{','.join(stored)}"
        self._salt = model.encode()

    def _path(self, text: str) -> Path:
        digest = hashlib.sha256(self._salt + b"\0" + text.encode("utf-8")).hexdigest()
        return self.directory / digest[:2] / f"{digest}.spacy"

    def pipe(
        self, texts: Iterable[tuple[str, int]], *, batch_size: int
    ) -> Iterator[tuple[Doc, int]]:
        """``nlp.pipe(texts, as_tuples=True)``, parsing only the texts not cached yet."""
        items = list(texts)
        missing = [(text, i) for text, i in items if not self._path(text).exists()]
        rules = [n for n in RULE_COMPONENTS if n in self.nlp.pipe_names]
        with self.nlp.select_pipes(disable=rules):
            for doc, _ in self.nlp.pipe(missing, as_tuples=True, batch_size=batch_size):
                path = self._path(doc.text)
                path.parent.mkdir(parents=True, exist_ok=True)
                blob = DocBin(docs=[doc], store_user_data=False).to_bytes()
                partial = path.with_suffix(f".{os.getpid()}.tmp")  # concurrent runs share it
                partial.write_bytes(blob)
                partial.replace(path)
        for text, i in items:
            (doc,) = DocBin().from_bytes(self._path(text).read_bytes()).get_docs(self.nlp.vocab)
            for name in rules:
                doc = self.nlp.get_pipe(name)(doc)
            yield doc, i
