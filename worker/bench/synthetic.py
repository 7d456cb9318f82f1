"""Synthetic dedup state: the records the real engine stores for synthetic reports.

Reports come from the dedup engineer's generator (:func:`worker.dedup.bench.synthetic_report`:
incidents spread over a year and every listed country). Each chunk of them goes through a
fresh :class:`DedupEngine` whose store captures every write, so the bytes are exactly what
the engine stores, at the cost of one empty-state decision per report; chunks are independent
so that two processes can make them at once (see :func:`generate`).
"""

from __future__ import annotations

import dataclasses
import functools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from worker.dedup import minhash
from worker.dedup.bench import YEAR_START, synthetic_report
from worker.dedup.blocking import blocking_key
from worker.dedup.config import DedupConfig
from worker.dedup.engine import DedupEngine
from worker.dedup.regions import REGION_OF
from worker.dedup.stored import SUMMARY
from worker.domain import Delivery, Report

# Long enough that nothing of the synthetic year is evicted while the state is built or timed,
# nor while the bench articles (2013 to 2015) pass through a worker holding it.
CONFIG = DedupConfig(window_days=1200)
CHUNK = 5_000
SAMPLE_EVERY = 50  # reports offered to the sample that timing queries report again


@functools.cache
def _inputs(
    seed: int,
) -> tuple[dict[str, tuple[float, float]], list[tuple[tuple[str, ...], tuple[int, ...]]]]:
    """Country centres and a pool of word sets whose signatures stand for the article bodies
    (each report draws its own keywords): shared by every chunk of a run."""
    rng = random.Random(seed)
    centres = {code: (rng.uniform(-45, 65), rng.uniform(-170, 175)) for code in sorted(REGION_OF)}
    vocabulary = [f"word{i}" for i in range(20_000)]
    pool = []
    for _ in range(2000):
        keywords = tuple(rng.sample(vocabulary, 30))
        pool.append((keywords, minhash.signature(keywords)))
    return centres, pool


class CapturingStore:
    """An IncidentStore that remembers each key's latest value and the region (hence the
    changelog partition) of the report whose handling wrote it."""

    def __init__(self) -> None:
        self.data: dict[str, tuple[str, bytes]] = {}
        self.region = ""

    def get(self, key: str) -> bytes | None:
        found = self.data.get(key)
        return None if found is None else found[1]

    def put(self, key: str, value: bytes) -> None:
        self.data[key] = (self.region, value)

    def delete(self, key: str) -> None:
        self.data.pop(key, None)

    def items(self, prefix: str = "") -> Iterator[tuple[str, bytes]]:
        return ((k, v) for k, (_, v) in self.data.items() if k.startswith(prefix))


@dataclass
class Chunk:
    records: list[tuple[str, str, bytes]]  # (region, key, value)
    incidents: int
    samples: list[Report] = field(default_factory=list)


def generate(task: tuple[int, int, int, int]) -> Chunk:
    """Reports ``start``..``stop`` (serial numbers) of run ``seed``, dated over the year from
    the day of ordinal ``first_day``, through a fresh engine."""
    start, stop, seed, first_day = task
    year_start = date.fromordinal(first_day)
    centres, pool = _inputs(seed)
    rng = random.Random(seed * 1_000_003 + start)
    store = CapturingStore()
    engine = DedupEngine(store, CONFIG)
    samples = []
    for serial in range(start, stop):
        report = synthetic_report(rng, centres, serial, pool, year_start)
        store.region = blocking_key(report)
        engine.handle(report)
        if serial % SAMPLE_EVERY == 0:
            samples.append(report)
    records = [(region, key, value) for key, (region, value) in store.data.items()]
    incidents = sum(1 for key in store.data if key.startswith(SUMMARY))
    return Chunk(records, incidents, samples)


NEW = "new"
AGAIN = "again"


class Reservoir:
    """A uniform sample of fixed size from a stream of reports (Algorithm R)."""

    def __init__(self, size: int, seed: int) -> None:
        self.size = size
        self.items: list[Report] = []
        self.seen = 0
        self._rng = random.Random(seed)

    def offer(self, report: Report) -> None:
        self.seen += 1
        if len(self.items) < self.size:
            self.items.append(report)
            return
        slot = self._rng.randrange(self.seen)
        if slot < self.size:
            self.items[slot] = report


def queries(
    samples: list[Report], count: int, seed: int, year_start: date = YEAR_START
) -> list[tuple[str, Report]]:
    """Reports to time decisions with, each with its kind: ``again``, another outlet's report
    of a stored incident (same facts and keywords, another article body; each stored incident
    at most once while samples last), and ``new``, a report of an incident not stored. Half
    and half when there are samples; the ``new`` ones are the same whatever the samples."""
    centres, pool = _inputs(seed)
    rng = random.Random(seed + 1)
    made: list[tuple[str, Report]] = []
    for n in range(count):
        if n % 2 == 0:
            made.append((NEW, synthetic_report(rng, centres, 50_000_000 + n, pool, year_start)))
        elif samples:
            base = samples[(n // 2) % len(samples)]
            made.append((AGAIN, _again(base, n, pool[rng.randrange(len(pool))][1])))
    random.Random(seed + 2).shuffle(made)
    return made


def _again(report: Report, n: int, body: tuple[int, ...]) -> Report:
    article_id = f"query-{n}"
    outlet = f"other{n % 50}"
    return dataclasses.replace(
        report,
        candidate=dataclasses.replace(report.candidate, article_id=article_id),
        source=dataclasses.replace(
            report.source,
            article_id=article_id,
            url=f"https://{outlet}.example/{n}",
            outlet=outlet,
        ),
        text_signature=body,
        delivery=Delivery("bench-query", 0, n, timestamp=report.source.published_at),
    )
