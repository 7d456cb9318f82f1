"""Micro-benchmark of the dedup engine on synthetic state: ``run_benchmark()`` for ``make bench``.

Pre-fills a :class:`MemoryStore` with N incidents spread over a year and every listed country
(written the way the engine writes them, without matching each one), rebuilds the index from
the store, then times ``handle`` per report on a mix of reports of stored incidents and new
ones, against the same reports on an empty engine.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta

import numpy as np

from worker.dedup import minhash
from worker.dedup.config import DedupConfig
from worker.dedup.engine import DedupEngine, MemoryStore, expiry_day, incident_id_for
from worker.dedup.merge import new_incident
from worker.dedup.regions import REGION_OF, region_of
from worker.dedup.stored import INCIDENT, STREAM_DAY, SUMMARY, StoredIncident, article_key
from worker.dedup.summary import actor_names, summarise
from worker.domain import (
    EVENT_TYPE_OF,
    CasualtyFigure,
    Delivery,
    IncidentCandidate,
    IncidentDate,
    Location,
    MentionRole,
    Report,
    SourceRef,
)

YEAR_START = date(2017, 1, 1)
_SUB_EVENTS = sorted(EVENT_TYPE_OF)
_VOCABULARY = [f"word{i}" for i in range(20_000)]
_COUNTRIES = sorted(REGION_OF)


def _signatures(rng: random.Random, count: int) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """A pool of word sets and their signatures: the synthetic reports' article bodies."""
    pool = []
    for _ in range(count):
        keywords = tuple(rng.sample(_VOCABULARY, 30))
        pool.append((keywords, minhash.signature(keywords)))
    return pool


def _centres(rng: random.Random) -> dict[str, tuple[float, float]]:
    return {code: (rng.uniform(-45, 65), rng.uniform(-170, 175)) for code in sorted(REGION_OF)}


def synthetic_report(
    rng: random.Random,
    centres: dict[str, tuple[float, float]],
    serial: int,
    signatures: list[tuple[tuple[str, ...], tuple[int, ...]]],
    year_start: date = YEAR_START,
) -> Report:
    country = _COUNTRIES[rng.randrange(len(_COUNTRIES))]
    lat0, lon0 = centres[country]
    day = year_start + timedelta(days=rng.randrange(365))
    sub = rng.choice(_SUB_EVENTS)
    # The pool gives the article body; the keywords are the incident's own. Two incidents
    # never share a whole set of distinctive words: a shared set would have the text-band index
    # find, and the scores merge, a "new" report into unrelated incidents of a large state.
    _, signature = signatures[rng.randrange(len(signatures))]
    keywords = tuple(rng.sample(_VOCABULARY, 30))
    published = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=rng.randrange(48))
    candidate = IncidentCandidate(
        article_id=f"bench-{serial}",
        index=0,
        role=MentionRole.MAIN,
        event_type=EVENT_TYPE_OF[sub],
        sub_event_type=sub,
        summary=f"synthetic incident {serial}",
        evidence=(),
        date=IncidentDate(start=day, end=day, time_precision=1),
        location=Location(
            name=f"place-{country}-{serial % 500}",
            admin1=f"{country}-{serial % 20}",
            country_code=country,
            lat=lat0 + rng.uniform(-3, 3),
            lon=lon0 + rng.uniform(-3, 3),
            geo_precision=1,
        ),
        fatalities=CasualtyFigure(best=rng.randrange(6)),
        confidence=0.6,
        keywords=keywords,
    )
    source = SourceRef(
        article_id=candidate.article_id,
        url=f"https://outlet{serial % 300}.example/{serial}",
        outlet=f"outlet{serial % 300}",
        published_at=published,
    )
    return Report(
        candidate=candidate,
        source=source,
        text_signature=signature,
        delivery=Delivery("bench", 0, serial, timestamp=published),
    )


def prefill(store: MemoryStore, count: int, config: DedupConfig, seed: int = 7) -> None:
    """Write ``count`` incidents into ``store`` as the engine would have, without matching."""
    rng = random.Random(seed)
    centres = _centres(rng)
    pool = _signatures(rng, 2000)
    # Every stored incident gets keywords of its own (a random signature is as good as a real
    # one): shared keyword sets would make the text-band index look up hundreds of twins.
    signatures = np.random.default_rng(seed).integers(0, 1 << 32, size=(count, 64), dtype=np.uint64)
    last_day: dict[str, int] = {}
    for serial in range(count):
        report = synthetic_report(rng, centres, serial, pool)
        incident = new_incident(incident_id_for(report.mention_id), report, reference_only=False)
        region = region_of(
            report.candidate.location.country_code if report.candidate.location else None
        )
        own = tuple(int(v) for v in signatures[serial])
        state = StoredIncident(incident=incident, region=region, keywords=own)
        state.owned.append(article_key(report.source.article_id, 0))
        candidate = report.candidate
        summary = summarise(
            incident_id=incident.incident_id,
            region=region,
            event_type=incident.event_type,
            sub_event_type=incident.sub_event_type,
            date_value=incident.date,
            location=incident.location,
            actors=actor_names(incident.actors),
            keyword_signature=state.keywords,
            keyword_count=len(candidate.keywords),
            fatalities=incident.fatalities.best,
            injured=None,
            reference_only=False,
            expires=expiry_day(incident, config.window_days, None),
        )
        store.put(INCIDENT + incident.incident_id, state.encode())
        store.put(SUMMARY + incident.incident_id, summary.encode())
        event_day = report.candidate.date.start
        assert event_day is not None
        last_day[region] = max(last_day.get(region, 0), event_day.toordinal())
    for region, ordinal in last_day.items():
        store.put(STREAM_DAY + region, str(ordinal).encode("ascii"))


def _queries(count: int, seed: int) -> list[Report]:
    rng = random.Random(seed)
    centres = _centres(random.Random(7))
    pool = _signatures(random.Random(seed + 1), 1000)
    return [synthetic_report(rng, centres, 10_000_000 + n, pool) for n in range(count)]


def _time_handle(engine: DedupEngine, reports: list[Report]) -> list[float]:
    timings: list[float] = []
    gc.collect()
    for report in reports:
        started = time.perf_counter()
        engine.handle(report)
        timings.append(time.perf_counter() - started)
    return timings


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_benchmark(
    incidents: int = 1_000_000,
    queries: int = 5_000,
    *,
    memory_sample: int = 100_000,
    seed: int = 11,
) -> dict[str, float]:
    """Figures: decision time p50/p99 (ms) with N stored and with none, throughput ratio,
    index and store bytes per incident, rebuild seconds."""
    # Long enough a window that nothing of the synthetic year is evicted while measuring.
    config = DedupConfig(window_days=800)
    figures: dict[str, float] = {"incidents": float(incidents), "queries": float(queries)}

    # Index memory per incident, traced on a sample (tracing slows the rebuild down).
    sample_store = MemoryStore()
    prefill(sample_store, memory_sample, config)
    sample_engine = DedupEngine(sample_store, config)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    sample_engine.rebuild()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    figures["index_bytes_per_incident"] = (after - before) / memory_sample
    del sample_engine, sample_store

    store = MemoryStore()
    started = time.perf_counter()
    prefill(store, incidents, config)
    figures["prefill_seconds"] = time.perf_counter() - started
    figures["store_bytes_per_incident"] = (
        sum(len(k) + len(v) for k, v in store.items()) / incidents if incidents else 0.0
    )
    engine = DedupEngine(store, config)
    gc.collect()
    started = time.perf_counter()
    engine.rebuild()
    figures["rebuild_seconds"] = time.perf_counter() - started

    reports = _queries(queries, seed)
    # How many stored incidents one report is scored against: the cost that grows with N.
    sizes = sorted(len(engine.nearby_for(report)) for report in reports[:1000])
    figures["scored_per_report_p50"] = float(sizes[len(sizes) // 2])
    figures["scored_per_report_p99"] = float(sizes[int(0.99 * (len(sizes) - 1))])
    # Half the queries repeat a stored incident's facts (a second report of it).
    full = _time_handle(engine, reports)
    empty_engine = DedupEngine(MemoryStore(), config)
    empty = _time_handle(empty_engine, reports)
    figures["p50_ms"] = _percentile(full, 0.50) * 1000
    figures["p99_ms"] = _percentile(full, 0.99) * 1000
    figures["mean_ms"] = statistics.fmean(full) * 1000
    figures["empty_p50_ms"] = _percentile(empty, 0.50) * 1000
    figures["empty_p99_ms"] = _percentile(empty, 0.99) * 1000
    figures["throughput_per_s"] = len(full) / sum(full)
    figures["empty_throughput_per_s"] = len(empty) / sum(empty)
    figures["throughput_ratio"] = figures["throughput_per_s"] / figures["empty_throughput_per_s"]
    return figures


if __name__ == "__main__":
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    for name, value in run_benchmark(count).items():
        print(f"{name}: {value:.4g}")
