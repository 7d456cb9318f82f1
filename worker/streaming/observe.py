"""What the worker tells Prometheus and its health endpoints: readiness, lag, state, outcomes."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import faust
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from worker.dedup.engine import DedupEngine
from worker.domain import Incident, Mention
from worker.metrics import Metrics


def is_ready(app: faust.App) -> bool:
    """Partitions assigned, table recovery done, no rebalance under way."""
    try:
        assigned = app.consumer.assignment()
    except Exception:
        return False
    recovery = app.tables.recovery  # type: ignore[attr-defined]
    return bool(assigned) and recovery.completed.is_set() and not app.rebalancing


def directory_bytes(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def sample(app: faust.App, metrics: Metrics, engine: DedupEngine, *, ready: bool) -> None:
    """Gauges read from Faust and the engine; called by a timer."""
    m = metrics
    m.ready.set(1 if ready else 0)
    with contextlib.suppress(Exception):  # the recovery service may not have started yet
        recovery = app.tables.recovery  # type: ignore[attr-defined]
        m.recovery_records_behind.set(recovery.active_remaining_total())
    consumer = app.consumer
    try:
        assignment = consumer.assignment()
    except Exception:
        assignment = set()
    m.assigned_partitions.set(len(assignment))
    # Faust keeps the last committed offset per partition; the high-water mark is cached
    # from fetch responses, so this costs no request.
    committed = getattr(consumer, "_committed_offset", {})
    m.consumer_lag.clear()
    for tp in assignment:
        try:
            end = consumer.highwater(tp)
        except Exception:
            continue
        if end is None:
            continue
        done = committed.get(tp)
        lag = end - (done if done is not None else 0)
        m.consumer_lag.labels(topic=tp.topic, partition=str(tp.partition)).set(max(0, lag))
    m.index_incidents.set(len(engine.index))
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


def mention_published(metrics: Metrics, mention: Mention) -> None:
    metrics.mentions.labels(decision=mention.decision.value).inc()
    if mention.created_at is not None:
        metrics.end_to_end_seconds.observe(max(0.0, time.time() - mention.created_at.timestamp()))


def add_views(app: faust.App, registry: CollectorRegistry, ready: Callable[[], bool]) -> None:
    """``/metrics``, ``/health`` and ``/ready`` on the worker's web port."""

    # Faust makes each handler the ``get`` method of a View class: plain functions, so that
    # they receive the view (for its response helpers) and the request.
    async def metrics_view(view: Any, request: Any) -> Any:
        body = generate_latest(registry)
        return view.bytes(body, content_type=CONTENT_TYPE_LATEST.split(";")[0])

    async def health_view(view: Any, request: Any) -> Any:
        return view.json({"status": "alive"})

    async def ready_view(view: Any, request: Any) -> Any:
        state = ready()
        return view.json({"ready": state}, status=200 if state else 503)

    app.page("/metrics")(metrics_view)
    app.page("/health")(health_view)
    app.page("/ready")(ready_view)
