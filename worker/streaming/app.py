"""The Faust application: topics, the dedup table, the two agents and the web views.

Stage one (``extract``) reads raw article bytes in batches, decodes them itself, runs the
language model off the event loop and sends one report per incident candidate to the internal
candidates topic, keyed by dedup region. Stage two (``deduplicate``) reads those reports one at a
time, so that Faust writes table changes to the changelog partition of the report being
processed, and publishes incidents and mentions.

Delivery is at least once: an input offset is committed only once the broker has every
output of its message (the agents report it finished to the input guard, which holds Faust's
commit back from anything acknowledged otherwise). Outputs are keyed and idempotent, so a
replay after a crash re-sends identical records.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import shutil
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import faust
from faust.types import StreamT
from mode.types.signals import BaseSignalT

from worker import __version__
from worker.codec import InvalidMessage, dead_letter_headers, decode_report, encode
from worker.dead_letters import DeadLetterLimit
from worker.dedup.blocking import blocking_key
from worker.dedup.engine import DedupEngine
from worker.domain import Decision, Delivery, Incident, Mention
from worker.extraction import Extractor
from worker.metrics import Metrics
from worker.pipeline import DeadLetter, decode, extract_batch, route
from worker.settings import Settings
from worker.streaming import observe
from worker.streaming.kafka import TABLE_NAME, TRANSPORT_MAX_BYTES, ssl_context
from worker.streaming.offsets import InputGuard, InputHole
from worker.streaming.restore import restore_table
from worker.streaming.state import TableStore

log = logging.getLogger(__name__)

# A partition whose commit waits this long on a message the consumer dropped is read again.
INPUT_STALL_SECONDS = 30.0


def broker_credentials(settings: Settings) -> Any:
    security = settings.security
    if security.protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=security.sasl_username,
            password=security.sasl_password,
            mechanism=security.sasl_mechanism,
            ssl_context=ssl_context(security),
        )
    context = ssl_context(security)
    return context  # None for PLAINTEXT


def delivery_of(message: Any) -> Delivery:
    timestamp = message.timestamp
    return Delivery(
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
        timestamp=datetime.fromtimestamp(timestamp, UTC) if timestamp else None,
    )


def headers_of(message: Any) -> list[tuple[str, bytes]]:
    headers = message.headers
    if not headers:
        return []
    items = headers.items() if isinstance(headers, dict) else headers
    return [(str(name), bytes(value or b"")) for name, value in items]


class Outbox:
    """The outputs of one event. Faust acks the event when the agent's loop body ends, so the
    body first waits until the broker has every output: a failed send then stops the worker
    with the event unacknowledged, and it is processed again after the restart."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._pending: list[tuple[str, Awaitable[Any]]] = []

    async def send(
        self,
        topic: faust.types.TopicT,
        key: bytes | None,
        value: bytes | None,
        headers: list[tuple[str, bytes]] | None = None,
    ) -> None:
        future = await topic.send(key=key, value=value, headers=headers)
        self._pending.append((topic.get_topic_name(), future))

    async def delivered(self) -> None:
        for topic, future in self._pending:
            try:
                await future
            except Exception:
                self._metrics.producer_errors.labels(topic=topic).inc()
                log.exception("delivery to %s failed; stopping so the input is read again", topic)
                raise
        self._pending.clear()


class WorkerApp:
    """Builds and holds the Faust app with everything its agents share."""

    def __init__(self, settings: Settings, metrics: Metrics, extractor: Extractor) -> None:
        self.settings = settings
        self.metrics = metrics
        self.extractor = extractor
        self.dead_letter_limit = DeadLetterLimit(
            settings.dead_letter_window, settings.dead_letter_max_ratio
        )
        # The model runs on its own thread so the event loop keeps serving heartbeats and /metrics.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
        self._rebuild_pending = True
        self._recovered = False
        self.input_guard = InputGuard((settings.topics.articles, settings.topics.candidates))
        # Set when the worker stopped to read dropped input again (cli.py restarts it).
        self.input_hole: InputHole | None = None
        # Set when an agent or the timer failed and the worker must stop: cli.py makes sure
        # the process ends even if Faust's shutdown does not.
        self.failed = threading.Event()
        self.failure: BaseException | None = None
        self.app = self._build()

    # -- construction --------------------------------------------------------------------

    def _build(self) -> faust.App:
        s = self.settings
        app = faust.App(
            s.app_id,
            broker=[f"kafka://{host.strip()}" for host in s.bootstrap_servers.split(",")],
            broker_credentials=broker_credentials(s),
            store="rocksdb://",
            datadir=str(s.data_dir),
            autodiscover=False,
            processing_guarantee="at_least_once",
            # A failing agent must stop the worker, not restart in place past unacked events.
            agent_supervisor="mode.CrashingSupervisor",
            topic_allow_declare=False,
            topic_partitions=s.incident_partitions,
            topic_replication_factor=s.replication_factor,
            key_serializer="raw",
            value_serializer="raw",
            consumer_auto_offset_reset="earliest",
            broker_commit_interval=1.0,
            producer_acks=-1,
            producer_max_request_size=TRANSPORT_MAX_BYTES + 1024 * 1024,
            consumer_max_fetch_size=TRANSPORT_MAX_BYTES + 1024 * 1024,
            web_enabled=True,
            web_bind=s.web_host,
            web_host=s.web_host,
            web_port=s.web_port,
            web_tables_enabled=False,
            web_router_enabled=False,
            web_graph_enabled=False,
            web_stats_enabled=False,
            web_metrics_enabled=False,
            worker_redirect_stdouts=False,
        )
        t = s.topics
        raw: dict[str, Any] = {"key_type": bytes, "value_type": bytes}
        self.articles = app.topic(t.articles, partitions=s.article_partitions, **raw)
        self.candidates = app.topic(t.candidates, partitions=s.incident_partitions, **raw)
        self.incidents = app.topic(t.incidents, partitions=s.incident_partitions, **raw)
        self.mentions = app.topic(t.mentions, partitions=s.incident_partitions, **raw)
        self.dead_letters = app.topic(t.dead_letters, partitions=s.dead_letter_partitions, **raw)
        self.table = app.Table(
            TABLE_NAME,
            default=None,
            key_type=bytes,
            value_type=bytes,
            partitions=s.incident_partitions,
        )
        self.engine = DedupEngine(TableStore(self.table), s.dedup)

        extract = self._stop_on_error(self._extract_agent)
        deduplicate = self._stop_on_error(self._dedup_agent)
        app.agent(self.articles, name="extract", concurrency=1)(extract)
        app.agent(self.candidates, name="deduplicate", concurrency=1)(deduplicate)
        app.timer(interval=5.0)(self._observe)
        self.table.on_recover(self._on_recovered)
        app.on_partitions_assigned.connect(self._on_assigned)
        app.on_partitions_revoked.connect(self._on_revoked)
        observe.add_views(app, self.metrics.registry, self.is_ready)
        observe.track_recovery(app, self.metrics)
        self.metrics.build_info.info({"version": __version__, "model": s.spacy_model})
        return app

    # -- agents --------------------------------------------------------------------------

    def _stop_on_error(
        self, agent: Callable[[StreamT[bytes]], AsyncIterator[None]]
    ) -> Callable[[StreamT[bytes]], AsyncIterator[None]]:
        """The agent as is, but its failure is recorded before Faust crashes the worker."""

        @functools.wraps(agent)
        async def stopping(stream: StreamT[bytes]) -> AsyncIterator[None]:
            try:
                async for value in agent(stream):
                    yield value
            except Exception as exc:
                self._fail(exc)
                raise

        return stopping

    def _fail(self, exc: BaseException) -> None:
        if self.failure is None:
            self.failure = exc
        self.failed.set()

    async def _extract_agent(self, stream: StreamT[bytes]) -> AsyncIterator[None]:
        s = self.settings
        loop = asyncio.get_running_loop()
        batches = cast("faust.Stream[bytes]", stream).take_events(
            s.extract_batch_size, within=s.extract_batch_seconds
        )
        async for events in batches:
            for event in events:
                await self._check_order(event.message)
            started = time.perf_counter()
            articles = []
            dead: list[tuple[DeadLetter, Any]] = []
            for event in events:
                self.metrics.articles_consumed.inc()
                decoded = decode(
                    event.message.value,
                    delivery_of(event.message),
                    max_bytes=s.max_message_bytes,
                    headers=headers_of(event.message),
                )
                if isinstance(decoded, DeadLetter):
                    dead.append((decoded, event.message))
                else:
                    articles.append(decoded)
            self.metrics.stage_seconds.labels(stage="decode").observe(time.perf_counter() - started)

            started = time.perf_counter()
            results = await loop.run_in_executor(
                self._executor,
                functools.partial(
                    extract_batch, self.extractor, articles, batch_size=s.extract_batch_size
                ),
            )
            self.metrics.stage_seconds.labels(stage="extract").observe(
                time.perf_counter() - started
            )

            by_offset = {(e.message.partition, e.message.offset): e.message for e in events}
            started = time.perf_counter()
            outbox = Outbox(self.metrics)
            for letter, message in dead:
                await self._dead_letter(outbox, letter, message)
            for result in results:
                if isinstance(result, DeadLetter):
                    d = result.delivery
                    await self._dead_letter(outbox, result, by_offset[(d.partition, d.offset)])
                    continue
                self.dead_letter_limit.record(invalid=False)
                routed = route(result)
                if isinstance(routed, Mention):
                    # Skip reasons come from a small fixed set (SKIP_REASONS); no incident is one.
                    reason = routed.reason if routed.decision is Decision.SKIPPED else "no_incident"
                    self.metrics.articles_skipped.labels(reason=reason).inc()
                    await self._publish_mention(outbox, routed)
                    continue
                for report in routed:
                    self.metrics.candidates.labels(role=report.candidate.role.value).inc()
                    self.metrics.extraction_confidence.observe(report.candidate.confidence)
                    key = blocking_key(report).encode("utf-8")
                    await outbox.send(self.candidates, key, encode(report))
            await outbox.delivered()
            self.input_guard.finished(event.message for event in events)
            self.metrics.stage_seconds.labels(stage="publish").observe(
                time.perf_counter() - started
            )
            yield None

    async def _dedup_agent(self, stream: StreamT[bytes]) -> AsyncIterator[None]:
        async for event in stream.events():
            await self._check_order(event.message)
            if self._rebuild_pending:
                self._rebuild()
            outbox = Outbox(self.metrics)
            try:
                report = decode_report(event.message.value)
            except InvalidMessage as exc:
                letter = DeadLetter(
                    exc.reason.value, exc.detail, delivery_of(event.message), event.message.value
                )
                await self._dead_letter(outbox, letter, event.message)
                await outbox.delivered()
                self.input_guard.finished((event.message,))
                yield None
                continue
            started = time.perf_counter()
            result = self.engine.handle(report)
            self.metrics.stage_seconds.labels(stage="dedup").observe(time.perf_counter() - started)
            started = time.perf_counter()
            if result.incident is not None:
                await self._publish_incident(outbox, result.incident)
                for absorbed in result.absorbed:
                    await self._retract(outbox, absorbed, into=result.incident.incident_id)
            await self._publish_mention(outbox, result.mention)
            await outbox.delivered()
            self.input_guard.finished((event.message,))
            self.metrics.stage_seconds.labels(stage="publish").observe(
                time.perf_counter() - started
            )
            if result.evicted:
                self.metrics.incidents_evicted.inc(len(result.evicted))
            yield None

    async def _check_order(self, message: Any) -> None:
        if not await self.input_guard.in_order(message.tp, message.offset):
            self.input_hole = InputHole(
                f"{message.topic}/{message.partition}: messages before offset {message.offset} "
                "were dropped by the consumer"
            )
            raise self.input_hole

    # -- outputs -------------------------------------------------------------------------

    async def _publish_incident(self, outbox: Outbox, incident: Incident) -> None:
        await outbox.send(self.incidents, incident.incident_id.encode("utf-8"), encode(incident))
        observe.incident_published(self.metrics, incident)

    async def _retract(self, outbox: Outbox, incident_id: str, *, into: str) -> None:
        """A tombstone: the incident is part of ``into`` (published just before), not its own."""
        headers = [("x-absorbed-into", into.encode("utf-8"))]
        await outbox.send(self.incidents, incident_id.encode("utf-8"), None, headers)
        self.metrics.incidents_absorbed.inc()

    async def _publish_mention(self, outbox: Outbox, mention: Mention) -> None:
        await outbox.send(self.mentions, mention.article_id.encode("utf-8"), encode(mention))
        observe.mention_published(self.metrics, mention)

    async def _dead_letter(self, outbox: Outbox, letter: DeadLetter, message: Any) -> None:
        headers = headers_of(message) + dead_letter_headers(
            letter.reason, letter.detail, letter.delivery
        )
        await outbox.send(self.dead_letters, message.key, message.value, headers)
        self.metrics.dead_letters.labels(reason=letter.reason).inc()
        log.warning("dead-lettered %s: %s", letter.delivery.key, letter.reason)
        # Raises DeadLetterLimitExceeded when the share of invalid messages is too high: the
        # agent crashes, the worker stops, and the offending offsets stay uncommitted.
        self.dead_letter_limit.record(invalid=True)

    # -- state and health ----------------------------------------------------------------

    async def _on_recovered(self) -> None:
        """The table is recovered: index it now rather than at the next tick of the timer."""
        if self._rebuild_pending:
            self._rebuild()

    def _rebuild(self) -> None:
        started = time.perf_counter()
        # A million summaries are a million new objects: without the collector's passes over
        # them while they are made, the rebuild takes half the time.
        gc.disable()
        try:
            self.engine.rebuild()
        finally:
            gc.enable()
        self._rebuild_pending = False
        # The rebuilt index lives until the next rebuild: kept out of the collector's full
        # passes, which otherwise walk every summary (a pause that grows with the state).
        gc.freeze()
        log.info("match index rebuilt in %.2fs", time.perf_counter() - started)

    def _on_assigned(
        self, sender: Any, /, *args: Any, signal: BaseSignalT[Any], **kwargs: Any
    ) -> None:
        self._rebuild_pending = True
        self.metrics.rebalances.inc()
        self.input_guard.install(self.app.consumer)

    def _on_revoked(
        self, sender: Any, /, *args: Any, signal: BaseSignalT[Any], **kwargs: Any
    ) -> None:
        self._rebuild_pending = True
        self.input_guard.forget()

    def is_ready(self) -> bool:
        return observe.is_ready(self.app)

    async def _observe(self) -> None:
        stall = self.input_guard.stalled(INPUT_STALL_SECONDS)
        if stall is not None:
            log.error("stopping to read dropped input again: %s", stall)
            self.input_hole = InputHole(str(stall))
            self._fail(self.input_hole)
            raise self.input_hole
        ready = self.is_ready()
        if ready and self._rebuild_pending:
            self._rebuild()
        await observe.sample(self.app, self.metrics, self.engine, ready=ready)

    @property
    def _stopped_cleanly(self) -> Path:
        return self.settings.data_dir / "stopped-cleanly"

    def prepare_local_state(self) -> None:
        """Keep the table's local RocksDB copy only if the last run stopped through Faust's own
        shutdown, which flushes the changelog. After a kill the local copy can be ahead of the
        changelog (writes stored, their changelog records lost), and Faust's recovery would
        replay older records over newer local values, leaving, say, an incident without a
        merge whose mention is stored; the state then comes from the changelog alone, which is
        always one consistent prefix."""
        marker = self._stopped_cleanly
        if marker.exists():
            marker.unlink()
            return
        tables = Path(self.app.conf.tabledir)
        if tables.exists():
            shutil.rmtree(tables)
            log.warning(
                "the last run did not stop cleanly: local table copy discarded, the state is "
                "restored from the changelog"
            )

    async def restore_state(self) -> None:
        """Read what the changelog holds beyond the local copy in bulk, before Faust's own
        recovery (which then finds only what other workers write meanwhile). A failure leaves
        the rest to Faust's recovery: each batch written is complete, with its offset."""
        try:
            restored = await restore_table(
                self.settings,
                Path(self.app.conf.tabledir),
                TABLE_NAME,
                processes=self.settings.restore_processes,
            )
        except Exception as exc:  # Kafka or RocksDB: Faust's slower path still gets there
            log.warning("bulk restore failed, Faust's recovery reads the rest: %r", exc)
            return
        if restored.records:
            log.info(
                "restored %d changelog records into %d table partitions in %.1fs (%.0f records/s)",
                restored.records,
                len(restored.partitions),
                restored.seconds,
                restored.rate,
            )

    def stopped(self) -> None:
        """Faust's shutdown has run: the local copy matches the changelog."""
        self._stopped_cleanly.write_text("")

    def close(self) -> None:
        self._executor.shutdown(wait=False)
