"""What the worker tells Prometheus and its health endpoints: readiness, lag, state, outcomes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import faust
from aiokafka.errors import KafkaError
from faust.exceptions import ConsumerNotStarted
from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4, CollectorRegistry, generate_latest

from worker.dedup.engine import DedupEngine
from worker.dedup.index import MatchIndex
from worker.domain import Incident, Mention
from worker.metrics import Metrics

log = logging.getLogger(__name__)

# Offsets are asked of the broker on every sample; a broker that does not answer in time leaves
# the previous lag values in place rather than holding up the readiness gauge.
OFFSETS_TIMEOUT_SECONDS = 10.0
# Finding the oldest incident means a pass over the whole match index (see
# oldest_event_timestamp), so it runs at most this often.
OLDEST_EVENT_EVERY_SECONDS = 60.0
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def is_ready(app: faust.App) -> bool:
    """Partitions assigned, table recovery done, no rebalance under way."""
    try:
        assigned = app.consumer.assignment()
    except Exception:
        return False
    recovery = app.tables.recovery  # type: ignore[attr-defined]
    return bool(assigned) and recovery.completed.is_set() and not app.rebalancing


def directory_bytes(path: Path) -> int:
    total = 0
    for p in path.rglob("*"):
        # RocksDB deletes files while it compacts: one gone between listing and stat is skipped.
        with contextlib.suppress(FileNotFoundError):
            if p.is_file():
                total += p.stat().st_size
    return total


def input_topics(app: faust.App) -> set[str]:
    """The topics the agents read: changelog and Faust's internal topics are never committed
    by the consumer group, so their "lag" would be their size."""
    return {name for agent in app.agents.values() for name in agent.channel.topics}


def partition_lag(
    ends: Mapping[Any, int | None],
    committed: Mapping[Any, int | None],
    earliest: Mapping[Any, int],
) -> dict[Any, int]:
    """End offset minus committed offset per partition; a partition nothing was committed for
    is read from its earliest offset (``auto_offset_reset=earliest``)."""
    lag = {}
    for tp, end in ends.items():
        if end is None:
            continue
        done = committed.get(tp)
        if done is None:
            done = earliest.get(tp, 0)
        lag[tp] = max(0, end - done)
    return lag


async def consumer_lag(app: faust.App) -> dict[Any, int]:
    consumer = app.consumer
    sources = input_topics(app)
    partitions = sorted(tp for tp in consumer.assignment() if tp.topic in sources)
    if not partitions:
        return {}
    # Faust's own record of what it committed for the partitions it owns.
    committed: Mapping[Any, int | None] = getattr(consumer, "_committed_offset", {})
    never = [tp for tp in partitions if committed.get(tp) is None]
    # End offsets are asked of the broker: the high-water mark the fetcher caches goes stale
    # exactly when the worker is behind (it stops fetching while its buffers are full). Both
    # requests wait for the consumer thread, so they go together.
    ends, earliest = await asyncio.gather(
        consumer.highwaters(*partitions),
        consumer.earliest_offsets(*never) if never else _no_offsets(),
    )
    return partition_lag(ends, committed, earliest)


async def _no_offsets() -> Mapping[Any, int]:
    return {}


def oldest_event_timestamp(index: MatchIndex, now: float) -> float:
    """Unix time of the oldest event date in the index, 0 when none is dated.

    A full pass over the index, cached per index for OLDEST_EVENT_EVERY_SECONDS (a rebuild
    makes a new index, so a fresh pass), and redone as soon as an index seen empty fills. A
    cheap index-side minimum would replace it.
    """
    size = len(index)
    cached = _oldest_cache.get(index)
    if cached is not None:
        scanned_at, value, scanned_empty = cached
        if now - scanned_at < OLDEST_EVENT_EVERY_SECONDS and not (scanned_empty and size):
            return value
    oldest = min((s.start for s in index.summaries() if s.start is not None), default=None)
    value = 0.0 if oldest is None else float((oldest - _EPOCH_ORDINAL) * 86400)
    _oldest_cache[index] = (now, value, size == 0)
    return value


_oldest_cache: weakref.WeakKeyDictionary[MatchIndex, tuple[float, float, bool]] = (
    weakref.WeakKeyDictionary()
)


def track_recovery(app: faust.App, metrics: Metrics) -> None:
    """Read the records behind at scrape time: Faust starts timers only once the first table
    recovery is done, so a sampled value would stay 0 through the recovery it should show."""

    def records_behind() -> float:
        try:
            recovery = app.tables.recovery  # type: ignore[attr-defined]
            return float(max(0, recovery.active_remaining_total()))
        # Raised from inside Faust while recovery rebuilds its bookkeeping; a failed gauge
        # must never fail the whole scrape.
        except (AttributeError, KeyError, RuntimeError, TypeError):
            return float("nan")

    metrics.recovery_records_behind.set_function(records_behind)


def set_lag(metrics: Metrics, lag: Mapping[Any, int]) -> None:
    # Replaced as a whole: partitions this process no longer owns must not keep a stale value.
    metrics.consumer_lag.clear()
    for tp, value in lag.items():
        metrics.consumer_lag.labels(topic=tp.topic, partition=str(tp.partition)).set(value)


async def sample(app: faust.App, metrics: Metrics, engine: DedupEngine, *, ready: bool) -> None:
    """Gauges read from Faust, the broker and the engine; called by a timer."""
    m = metrics
    m.ready.set(1 if ready else 0)
    try:
        assignment: Iterable[Any] = app.consumer.assignment()
    except ConsumerNotStarted:
        assignment = ()
    m.assigned_partitions.set(len(set(assignment)))
    try:
        lag = await asyncio.wait_for(consumer_lag(app), OFFSETS_TIMEOUT_SECONDS)
    except (TimeoutError, KafkaError, ConsumerNotStarted) as exc:
        log.warning("consumer lag not sampled: %r", exc)
    else:
        set_lag(m, lag)
    m.index_incidents.set(len(engine.index))
    m.index_oldest_event.set(oldest_event_timestamp(engine.index, time.monotonic()))
    m.store_bytes.set(directory_bytes(Path(app.conf.tabledir)))


def incident_published(metrics: Metrics, incident: Incident) -> None:
    m = metrics
    m.incidents_published.inc()
    if incident.version > 1:
        m.incidents_updated.inc()
        return
    m.incidents_created.inc()
    m.incidents_by_type.labels(incident.event_type, incident.sub_event_type).inc()
    country = incident.location.country_code if incident.location else None
    m.incidents_by_country.labels(country or "unknown").inc()
    if incident.location is not None and incident.location.lat is not None:
        m.incidents_with_field.labels("location").inc()
    if incident.date.start is not None:
        m.incidents_with_field.labels("date").inc()
    if incident.fatalities.best is not None or incident.injured.best is not None:
        m.incidents_with_field.labels("casualties").inc()


def mention_published(metrics: Metrics, mention: Mention, now: float | None = None) -> None:
    metrics.mentions.labels(decision=mention.decision.value).inc()
    # End to end means article to incident: outcomes without one (skipped, no incident) leave
    # after extraction alone and would flatter the quantiles.
    if mention.incident_id is not None and mention.created_at is not None:
        now = time.time() if now is None else now
        metrics.end_to_end_seconds.observe(max(0.0, now - mention.created_at.timestamp()))


def add_views(app: faust.App, registry: CollectorRegistry, ready: Callable[[], bool]) -> None:
    """``/metrics``, ``/health`` and ``/ready`` on the worker's web port."""

    # Faust makes each handler the ``get`` method of a View class: plain functions, so that
    # they receive the view (for its response helpers) and the request.
    async def metrics_view(view: Any, request: Any) -> Any:
        body = generate_latest(registry)
        # aiohttp refuses parameters in ``content_type``; the header carries the format version.
        return view.bytes(body, headers={"Content-Type": CONTENT_TYPE_PLAIN_0_0_4})

    async def health_view(view: Any, request: Any) -> Any:
        return view.json({"status": "alive"})

    async def ready_view(view: Any, request: Any) -> Any:
        state = ready()
        return view.json({"ready": state}, status=200 if state else 503)

    app.page("/metrics")(metrics_view)
    app.page("/health")(health_view)
    app.page("/ready")(ready_view)
