"""The processing steps, free of Kafka: decode, extract, turn extractions into reports or an
article-level mention, deduplicate. The Faust agents and the broker-less ``process`` command
both call these, so a backfill and the stream give the same records.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from worker.codec import InvalidMessage, Reason, decode_article
from worker.dedup.engine import DedupEngine
from worker.domain import (
    Article,
    Decision,
    Delivery,
    Extraction,
    Incident,
    Mention,
    Report,
    SourceRef,
)
from worker.extraction import Extractor

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A message that can never be processed, with its original bytes and why."""

    reason: str
    detail: str
    delivery: Delivery
    value: bytes | None


def decode(
    value: bytes | None,
    delivery: Delivery,
    *,
    max_bytes: int,
    headers: Sequence[tuple[str, bytes]] | None = None,
) -> Article | DeadLetter:
    try:
        return decode_article(value, max_bytes=max_bytes, delivery=delivery, headers=headers)
    except InvalidMessage as exc:
        return DeadLetter(exc.reason.value, exc.detail, delivery, value)


def extract_batch(
    extractor: Extractor, articles: Sequence[Article], *, batch_size: int
) -> list[Extraction | DeadLetter]:
    """Extract a batch; an article whose extraction raises is isolated and dead-lettered.

    A failure on one article must not stop the stream, nor take its batch-mates with it; a
    systematic failure trips the dead-letter limit instead.
    """
    if not articles:
        return []
    try:
        return list(extractor.extract_many(articles, batch_size=batch_size))
    except Exception:
        log.warning("batch extraction failed; retrying %d articles one by one", len(articles))
    results: list[Extraction | DeadLetter] = []
    for article in articles:
        try:
            results.append(extractor.extract(article))
        except Exception as exc:
            log.exception("extraction failed for article %s", article.article_id)
            delivery = article.delivery or Delivery("unknown", -1, -1)
            detail = f"{type(exc).__name__}: {exc}"[:500]
            results.append(DeadLetter(Reason.EXTRACTION_FAILED.value, detail, delivery, None))
    return results


def source_of(article: Article) -> SourceRef:
    return SourceRef(
        article_id=article.article_id,
        url=article.url,
        outlet=article.outlet,
        published_at=article.published_at,
        received_at=article.delivery.timestamp if article.delivery else None,
    )


def route(extraction: Extraction) -> list[Report] | Mention:
    """Reports for deduplication, or the article's only outcome when it yields no incident."""
    article = extraction.article
    if extraction.skip_reason is not None or not extraction.candidates:
        decision = Decision.SKIPPED if extraction.skip_reason is not None else Decision.NO_INCIDENT
        origin = article.delivery.key if article.delivery else article.article_id
        return Mention(
            mention_id=f"{origin}#article",
            article_id=article.article_id,
            decision=decision,
            reason=extraction.skip_reason or "no incident found in the article",
            url=article.url,
            outlet=article.outlet,
            published_at=article.published_at,
            source=article.delivery,
            created_at=article.delivery.timestamp if article.delivery else None,
        )
    source = source_of(article)
    count = len(extraction.candidates)
    return [
        Report(
            candidate=candidate,
            source=source,
            text_signature=extraction.text_signature,
            delivery=article.delivery,
            num_candidates=count,
        )
        for candidate in extraction.candidates
    ]


@dataclass(frozen=True, slots=True)
class Absorbed:
    """An incident a later report showed to be part of another: it is gone, its sources are
    ``into``'s now. On the incident topic this is a tombstone for ``incident_id``."""

    incident_id: str
    into: str


Output = DeadLetter | Mention | Incident | Absorbed


class LocalPipeline:
    """Decode -> extract -> dedup in one process with an embedded store: backfills, evaluation."""

    def __init__(
        self, extractor: Extractor, engine: DedupEngine, *, max_bytes: int, batch_size: int = 32
    ) -> None:
        self.extractor = extractor
        self.engine = engine
        self.max_bytes = max_bytes
        self.batch_size = batch_size

    def run(self, messages: Iterable[tuple[bytes, Delivery]]) -> Iterator[Output]:
        batch: list[Article] = []
        for value, delivery in messages:
            decoded = decode(value, delivery, max_bytes=self.max_bytes)
            if isinstance(decoded, DeadLetter):
                yield from self._flush(batch)
                batch = []
                yield decoded
                continue
            batch.append(decoded)
            if len(batch) >= self.batch_size:
                yield from self._flush(batch)
                batch = []
        yield from self._flush(batch)

    def _flush(self, articles: list[Article]) -> Iterator[Output]:
        for result in extract_batch(self.extractor, articles, batch_size=self.batch_size):
            if isinstance(result, DeadLetter):
                yield result
                continue
            routed = route(result)
            if isinstance(routed, Mention):
                yield routed
                continue
            for report in routed:
                outcome = self.engine.handle(report)
                if outcome.incident is not None:
                    yield outcome.incident
                    for absorbed in outcome.absorbed:
                        yield Absorbed(absorbed, outcome.incident.incident_id)
                yield outcome.mention
