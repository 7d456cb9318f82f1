"""Part 1: the bare spaCy pipeline the worker uses, and what the full pipeline would cost."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

_WARM_UP = 8


@dataclass
class PipelineSpeed:
    articles: int
    seconds: float  # wall time of nlp.pipe over the articles
    cpu_seconds: float  # CPU time of this process over the same (all threads)
    components: dict[str, float] = field(default_factory=dict)  # seconds per component

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def per_cpu_second(self) -> float:
        return self.articles / self.cpu_seconds if self.cpu_seconds > 0 else 0.0


def warm_up(nlp: Language, texts: Sequence[str], batch_size: int) -> None:
    """First calls allocate and compile; they are not what a running worker pays."""
    for _ in nlp.pipe(texts[:_WARM_UP], batch_size=batch_size):
        pass


def pipe_speed(nlp: Language, texts: Sequence[str], batch_size: int) -> PipelineSpeed:
    """``nlp.pipe`` exactly as Extractor.extract_many calls it (same batch size)."""
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return PipelineSpeed(
        articles=len(texts),
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu,
    )


class _Clock:
    def __init__(self) -> None:
        self.seconds = 0.0


def _timed(items: Iterator[Doc], clock: _Clock) -> Iterator[Doc]:
    """Adds to ``clock`` the time spent producing each item, upstream stages included."""
    while True:
        started = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            clock.seconds += time.perf_counter() - started
            return
        clock.seconds += time.perf_counter() - started
        yield item


def _stage(proc: Any, docs: Iterator[Doc], batch_size: int) -> Iterator[Doc]:
    if hasattr(proc, "pipe"):
        return iter(proc.pipe(docs, batch_size=batch_size))
    return (proc(doc) for doc in docs)


def component_seconds(nlp: Language, texts: Sequence[str], batch_size: int) -> dict[str, float]:
    """Seconds spent in each component (and in tokenizing) over ``texts``: the same chain of
    streamed batches as ``nlp.pipe``, each stage's own time being its cumulative time minus
    that of the stage before it."""
    clocks: list[tuple[str, _Clock]] = [("tokenizer", _Clock())]
    docs: Iterator[Doc] = _timed((nlp.make_doc(t) for t in texts), clocks[0][1])
    for name, proc in nlp.pipeline:
        clock = _Clock()
        clocks.append((name, clock))
        docs = _timed(_stage(proc, docs, batch_size), clock)
    for _ in docs:
        pass
    own: dict[str, float] = {}
    upstream = 0.0
    for name, clock in clocks:
        own[name] = max(0.0, clock.seconds - upstream)
        upstream = clock.seconds
    return own
