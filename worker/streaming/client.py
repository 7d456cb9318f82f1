"""Plain Kafka clients for the command line: push articles, follow the incident topic."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from worker.settings import Settings
from worker.streaming.kafka import TRANSPORT_MAX_BYTES, client_options, partition_counts


@dataclass(frozen=True, slots=True)
class Outgoing:
    key: bytes | None
    value: bytes
    timestamp_ms: int | None = None
    headers: tuple[tuple[str, bytes], ...] = ()


async def produce(settings: Settings, topic: str, messages: Iterable[Outgoing]) -> int:
    """Send (key, value) pairs and wait until the broker has acknowledged every one."""
    producer = AIOKafkaProducer(
        **client_options(settings),
        acks="all",
        enable_idempotence=True,
        max_request_size=TRANSPORT_MAX_BYTES + 1024 * 1024,
        linger_ms=5,
    )
    await producer.start()
    sent = 0
    try:
        futures = []
        for m in messages:
            futures.append(
                await producer.send(
                    topic,
                    value=m.value,
                    key=m.key,
                    timestamp_ms=m.timestamp_ms,
                    headers=list(m.headers) or None,
                )
            )
            sent += 1
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return sent


async def follow(
    settings: Settings,
    topics: list[str],
    on_record: Callable[[str, bytes | None, bytes | None], None],
    *,
    from_beginning: bool = True,
    max_records: int | None = None,
    idle_timeout: float | None = None,
) -> int:
    """Read every partition of the topics without joining a group; call on_record for each."""
    consumer = AIOKafkaConsumer(
        **client_options(settings),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
        max_partition_fetch_bytes=TRANSPORT_MAX_BYTES + 1024 * 1024,
    )
    counts = await partition_counts(settings, topics)
    partitions = [TopicPartition(t, p) for t in topics for p in range(counts.get(t, 0))]
    await consumer.start()
    seen = 0
    try:
        if not partitions:
            raise RuntimeError(f"none of the topics {topics} exist yet; start the worker first")
        consumer.assign(partitions)
        if from_beginning:
            await consumer.seek_to_beginning(*partitions)
        else:
            await consumer.seek_to_end(*partitions)
        last = time.monotonic()
        while max_records is None or seen < max_records:
            batches = await consumer.getmany(timeout_ms=500)
            for tp, records in batches.items():
                for record in records:
                    on_record(tp.topic, record.key, record.value)
                    seen += 1
                    last = time.monotonic()
            if idle_timeout is not None and time.monotonic() - last > idle_timeout:
                break
    finally:
        await consumer.stop()
    return seen
