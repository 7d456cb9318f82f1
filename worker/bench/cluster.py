"""The benchmark's own Kafka traffic: pushing articles (all at once or paced), collecting the
worker's outputs with their broker timestamps, writing a table changelog, cleaning up.

The worker's processing code never sees this module; it is the load generator and the
stopwatch, so it talks to aiokafka directly where it needs timestamps and partitions.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.partitioner import murmur2

_MAX_BYTES = 32 * 1024 * 1024


async def broker_answers(bootstrap: str) -> bool:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000)
    try:
        await admin.start()
        await admin.describe_cluster()
        return True
    except Exception:  # any failure to connect means "no broker here"
        return False
    finally:
        await admin.close()


@functools.lru_cache(maxsize=4096)
def partition_for(key: bytes, partitions: int) -> int:
    """The partition the Java client and aiokafka's default partitioner give a keyed record."""
    return int(murmur2(key) & 0x7FFFFFFF) % partitions


def _producer(bootstrap: str, **options: Any) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        max_request_size=_MAX_BYTES,
        **options,
    )


async def produce_all(
    bootstrap: str, topic: str, messages: Sequence[tuple[bytes, bytes]]
) -> dict[bytes, int]:
    """Send every (key, value) as fast as the client batches them; returns each key's Kafka
    timestamp (ms) once the broker has acknowledged them all."""
    producer = _producer(bootstrap, linger_ms=20)
    await producer.start()
    try:
        futures = [await producer.send(topic, value=v, key=k) for k, v in messages]
        results = await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return {k: int(r.timestamp) for (k, _), r in zip(messages, results, strict=True)}


async def produce_paced(
    bootstrap: str, topic: str, messages: Sequence[tuple[bytes, bytes]], per_second: float
) -> dict[bytes, int]:
    """One message every 1/per_second seconds, each stamped with the time it was handed to the
    client (its Kafka timestamp); waits for the broker's acknowledgements at the end."""
    producer = _producer(bootstrap, linger_ms=0)
    await producer.start()
    stamps: dict[bytes, int] = {}
    futures = []
    try:
        started = time.monotonic()
        for n, (key, value) in enumerate(messages):
            delay = started + n / per_second - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            stamp = int(time.time() * 1000)
            stamps[key] = stamp
            futures.append(await producer.send(topic, value=value, key=key, timestamp_ms=stamp))
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return stamps


@dataclass
class Outputs:
    """What the worker published, per article: output record timestamps (ms)."""

    last_ms: dict[str, int] = field(default_factory=dict)  # article id -> last output of it
    first_ms: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    incidents: int = 0
    dead_letters: int = 0
    latest_ms: int = 0  # the newest output of any kind
    decisions: dict[str, int] = field(default_factory=dict)

    def note(self, article_id: str, stamp: int) -> None:
        if stamp > self.last_ms.get(article_id, 0):
            self.last_ms[article_id] = stamp
        if article_id not in self.first_ms or stamp < self.first_ms[article_id]:
            self.first_ms[article_id] = stamp
        self.latest_ms = max(self.latest_ms, stamp)


async def collect_outputs(
    bootstrap: str,
    *,
    mentions: str,
    incidents: str,
    dead_letters: str,
    partitions: dict[str, int],
    expected: set[str],
    timeout: float,
) -> Outputs:
    """Read the output topics from the beginning until every expected article has an outcome
    (a mention or a dead letter) and every partition is read to its end (``partitions``: the
    partition count of each topic); raises TimeoutError
    with how far it got otherwise."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=None,
        enable_auto_commit=False,
        max_partition_fetch_bytes=_MAX_BYTES,
        fetch_max_bytes=_MAX_BYTES,
    )
    await consumer.start()
    outputs = Outputs()
    deadline = time.monotonic() + timeout
    try:
        assigned = [
            TopicPartition(t, p)
            for t in (mentions, incidents, dead_letters)
            for p in range(partitions[t])
        ]
        consumer.assign(assigned)
        await consumer.seek_to_beginning(*assigned)
        while True:
            batches = await consumer.getmany(timeout_ms=500, max_records=5000)
            for tp, records in batches.items():
                for record in records:
                    _note(outputs, tp.topic, record, mentions, incidents)
            if expected <= outputs.last_ms.keys():
                ends = await consumer.end_offsets(assigned)
                positions = {tp: await consumer.position(tp) for tp in ends}
                if all(positions[tp] >= end for tp, end in ends.items()):
                    return outputs
            if time.monotonic() > deadline:
                missing = len(expected - outputs.last_ms.keys())
                raise TimeoutError(
                    f"{missing} of {len(expected)} articles had no outcome after {timeout:.0f} s"
                )
    finally:
        await consumer.stop()


def _note(outputs: Outputs, topic: str, record: Any, mentions: str, incidents: str) -> None:
    stamp = int(record.timestamp)
    if topic == incidents:
        outputs.incidents += 1
        outputs.latest_ms = max(outputs.latest_ms, stamp)
        return
    key = record.key.decode("utf-8") if record.key else ""
    if topic == mentions:
        outputs.mentions += 1
        decision = str(orjson.loads(record.value).get("decision"))
        outputs.decisions[decision] = outputs.decisions.get(decision, 0) + 1
    else:
        outputs.dead_letters += 1
    outputs.note(key, stamp)


async def write_records(
    bootstrap: str,
    topic: str,
    records: Iterable[tuple[int, bytes, bytes]],
    *,
    producer: AIOKafkaProducer | None = None,
) -> int:
    """Write (partition, key, value) records in client-built batches, one open batch per
    partition: the cheapest way to put millions of records on a topic from Python."""
    own = producer is None
    if producer is None:
        producer = await start_bulk_producer(bootstrap)
    open_batches: dict[int, Any] = {}
    pending = []
    written = 0
    try:
        for partition, key, value in records:
            batch = open_batches.get(partition)
            if batch is None:
                batch = open_batches[partition] = producer.create_batch()
            if batch.append(key=key, value=value, timestamp=None) is None:
                pending.append(await producer.send_batch(batch, topic, partition=partition))
                batch = open_batches[partition] = producer.create_batch()
                if batch.append(key=key, value=value, timestamp=None) is None:
                    raise ValueError(f"record {key!r} does not fit in an empty batch")
                if len(pending) >= 64:
                    await asyncio.gather(*pending)
                    pending.clear()
            written += 1
        for partition, batch in open_batches.items():
            if batch.record_count():
                pending.append(await producer.send_batch(batch, topic, partition=partition))
        await asyncio.gather(*pending)
    finally:
        if own:
            await producer.stop()
    return written


async def start_bulk_producer(bootstrap: str) -> AIOKafkaProducer:
    producer = _producer(bootstrap, max_batch_size=512 * 1024, linger_ms=50)
    await producer.start()
    return producer


async def delete_topics(bootstrap: str, prefix: str) -> list[str]:
    """Delete every topic whose name starts with ``prefix`` (the run's own, and nothing else)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=30000)
    await admin.start()
    try:
        names = [t for t in await admin.list_topics() if t.startswith(prefix)]
        if names:
            await admin.delete_topics(names)
        return names
    finally:
        await admin.close()
