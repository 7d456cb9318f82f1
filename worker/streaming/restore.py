"""Bulk restore of the dedup table from its changelog, before Faust starts.

Faust's own recovery turns every changelog record into an event and passes it through its
conductor, a queue and per-record bookkeeping: about 7,800 records/s here, over ten minutes
for a state of a million incidents. This reads the changelog with a plain consumer and writes
it into each partition's RocksDB in large write batches, then records the offset reached the
way Faust does (its ``__faust\\0offset__`` key), so Faust's recovery finds only what was
written after.

Every partition is restored, not only those this worker will be given: which ones it gets is
known only once it has joined the group, and Faust keeps a standby copy of the others
anyway (``table_standby_replicas``, 1 by default).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from aiokafka import AIOKafkaConsumer, TopicPartition

from worker.settings import Settings
from worker.streaming.kafka import changelog_topic_name, client_options, partition_counts

log = logging.getLogger(__name__)

OFFSET_KEY = b"__faust\x00offset__"  # faust.stores.rocksdb.Store.offset_key
BATCH_RECORDS = 50_000
FETCH_BYTES = 64 * 1024 * 1024
PARTITION_FETCH_BYTES = 16 * 1024 * 1024
MAX_IDLE_FETCHES = 10  # one-second fetches in a row that bring nothing
MIN_RECORDS_PER_PROCESS = 200_000  # below it, starting a process costs more than it saves


class PartitionDB(Protocol):
    """What a partition's RocksDB offers (a rocksdict ``Rdict``)."""

    def get(self, key: bytes) -> bytes | None: ...
    def write(self, batch: Any) -> None: ...
    def close(self) -> None: ...


@dataclass(slots=True)
class Restored:
    records: int = 0
    partitions: dict[int, tuple[int, int]] = field(default_factory=dict)  # from, to (end)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0


def persisted_offset(db: PartitionDB) -> int | None:
    """The last changelog offset the partition's RocksDB holds, as Faust stores it."""
    value = db.get(OFFSET_KEY)
    return int(value) if value is not None else None


class Writer:
    """Changelog records of one partition into write batches; the offset goes in the batch
    that holds the record, so the database never claims more than it has."""

    def __init__(self, db: PartitionDB, new_batch: Callable[[], Any]) -> None:
        self._db = db
        self._new_batch = new_batch
        self._batch = new_batch()
        self._pending = 0
        self.last: int | None = None

    def add(self, records: Iterable[Any]) -> int:
        batch = self._batch
        n = 0
        last = None
        for record in records:
            if record.value is None:
                batch.delete(record.key)
            else:
                batch.put(record.key, record.value)
            last = record.offset
            n += 1
        if last is not None:
            self.last = last
            self._pending += n
            if self._pending >= BATCH_RECORDS:
                self.flush()
        return n

    def flush(self) -> None:
        if self._pending and self.last is not None:
            self._batch.put(OFFSET_KEY, str(self.last).encode("ascii"))
            self._db.write(self._batch)
            self._batch = self._new_batch()
            self._pending = 0


@dataclass(frozen=True, slots=True)
class Pending:
    """Changelog records of one partition not yet in its RocksDB: offsets ``start``..``end``."""

    partition: int
    start: int
    end: int

    @property
    def size(self) -> int:
        return self.end - self.start


def _consumer(settings: Settings) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        **client_options(settings),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        fetch_max_bytes=FETCH_BYTES,
        max_partition_fetch_bytes=PARTITION_FETCH_BYTES,
        check_crcs=False,  # the broker checked them when it took the records
    )


async def pending(
    settings: Settings,
    open_partition: Callable[[int], PartitionDB],
) -> list[Pending]:
    """What each partition's RocksDB lacks of the changelog as it is now."""
    topic = changelog_topic_name(settings)
    count = (await partition_counts(settings, [topic])).get(topic, 0)
    if not count:
        return []
    consumer = _consumer(settings)
    await consumer.start()
    try:
        tps = [TopicPartition(topic, p) for p in range(count)]
        ends = await consumer.end_offsets(tps)
        begins = await consumer.beginning_offsets(tps)
    finally:
        await consumer.stop()
    found = []
    for tp in tps:
        if ends[tp] <= begins[tp]:
            continue  # empty, or everything in it deleted: nothing to open
        db = open_partition(tp.partition)
        try:
            done = persisted_offset(db)
        finally:
            db.close()
        start = max(begins[tp], done + 1 if done is not None else 0)
        if start < ends[tp]:
            found.append(Pending(tp.partition, start, ends[tp]))
    return found


async def read_pending(
    settings: Settings,
    ranges: Sequence[Pending],
    open_partition: Callable[[int], PartitionDB],
    new_batch: Callable[[], Any],
) -> Restored:
    """Read the ranges from the changelog into their partitions' RocksDB."""
    result = Restored()
    if not ranges:
        return result
    started = time.perf_counter()
    topic = changelog_topic_name(settings)
    consumer = _consumer(settings)
    await consumer.start()
    dbs: dict[int, PartitionDB] = {}
    try:
        writers: dict[TopicPartition, Writer] = {}
        ends: dict[TopicPartition, int] = {}
        for r in ranges:
            tp = TopicPartition(topic, r.partition)
            dbs[r.partition] = db = open_partition(r.partition)
            writers[tp] = Writer(db, new_batch)
            ends[tp] = r.end
            result.partitions[r.partition] = (r.start, r.end)
        consumer.assign(list(writers))
        for r in ranges:
            consumer.seek(TopicPartition(topic, r.partition), r.start)
        remaining = set(writers)
        idle = 0
        while remaining:
            batches = await consumer.getmany(*remaining, timeout_ms=1000)
            idle = 0 if batches else idle + 1
            for tp, records in batches.items():
                writer = writers[tp]
                result.records += writer.add(records)
                if writer.last is not None and writer.last + 1 >= ends[tp]:
                    writer.flush()
                    remaining.discard(tp)
            if remaining and not batches:
                # Compaction can leave the end offset past the last record: done when the
                # consumer's position has reached it.
                for tp in list(remaining):
                    if await consumer.position(tp) >= ends[tp]:
                        writers[tp].flush()
                        remaining.discard(tp)
            if remaining and idle >= MAX_IDLE_FETCHES:
                # Nothing arrives: what is written stands, Faust's recovery reads on.
                log.warning(
                    "bulk restore: no records for %d s from %s; Faust's recovery reads on",
                    idle,
                    sorted(tp.partition for tp in remaining),
                )
                for tp in remaining:
                    writers[tp].flush()
                break
    finally:
        await consumer.stop()
        for db in dbs.values():
            db.close()
    result.seconds = time.perf_counter() - started
    return result


def share(ranges: Sequence[Pending], parts: int) -> list[list[Pending]]:
    """Ranges in ``parts`` groups of about equal record counts (largest first, each to the
    lightest group); empty groups are left out."""
    groups: list[list[Pending]] = [[] for _ in range(max(1, parts))]
    loads = [0] * len(groups)
    for r in sorted(ranges, key=lambda r: (-r.size, r.partition)):
        lightest = loads.index(min(loads))
        groups[lightest].append(r)
        loads[lightest] += r.size
    return [g for g in groups if g]


def _read_in_child(
    settings: Settings, tabledir: Path, table_name: str, ranges: list[Pending]
) -> Restored:
    open_partition, new_batch = faust_partition_opener(tabledir, table_name)
    return asyncio.run(read_pending(settings, ranges, open_partition, new_batch))


async def restore_table(
    settings: Settings,
    tabledir: Path,
    table_name: str,
    *,
    processes: int,
    min_records: int = MIN_RECORDS_PER_PROCESS,
) -> Restored:
    """The worker's restore: plan here, then read the ranges in up to ``processes`` child
    processes at once (each partition has its own RocksDB, so they never share one). Parsing
    the records and writing RocksDB both hold the GIL: more processes, not threads."""
    started = time.perf_counter()
    open_partition, new_batch = faust_partition_opener(tabledir, table_name)
    ranges = await pending(settings, open_partition)
    groups = share(ranges, processes)
    if ranges:
        log.info(
            "restoring %d changelog records into %d table partitions before Faust starts "
            "(the web server starts after)",
            sum(r.size for r in ranges),
            len(ranges),
        )
    if sum(r.size for r in ranges) < min_records * 2 or len(groups) < 2:
        result = await read_pending(settings, ranges, open_partition, new_batch)
    else:
        loop = asyncio.get_running_loop()
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(len(groups), mp_context=context) as pool:
            done = await asyncio.gather(
                *(
                    loop.run_in_executor(pool, _read_in_child, settings, tabledir, table_name, g)
                    for g in groups
                )
            )
        result = Restored()
        for part in done:
            result.records += part.records
            result.partitions.update(part.partitions)
    result.seconds = time.perf_counter() - started
    return result


class _Unlogged:
    """Writes without RocksDB's write-ahead log, flushed to disk on close. A restore cut short
    by a crash loses nothing that matters: after an unclean stop the worker discards the
    local copy and restores again (``WorkerApp.prepare_local_state``)."""

    def __init__(self, db: Any) -> None:
        import rocksdict

        self._db = db
        self._options = rocksdict.WriteOptions()
        self._options.disable_wal = True  # type: ignore[method-assign,assignment]  # a property

    def get(self, key: bytes) -> bytes | None:
        value = self._db.get(key)
        return None if value is None else bytes(value)

    def write(self, batch: Any) -> None:
        self._db.write(batch, self._options)

    def close(self) -> None:
        self._db.flush()
        self._db.close()


def partition_path(tabledir: Path, table_name: str, partition: int) -> Path:
    """Where Faust's RocksDB store keeps a table partition (``Store.partition_path``)."""
    return tabledir / f"{table_name}-{partition}.db"


def faust_partition_opener(
    tabledir: Path, table_name: str
) -> tuple[Callable[[int], PartitionDB], Callable[[], Any]]:
    """Open a partition's RocksDB with the options Faust's store uses, and make its write
    batches. Not through the table's own store: that is a service, and touching it here would
    tie it to this short-lived event loop instead of the worker's."""
    import rocksdict
    from faust.stores.rocksdb import RocksDBOptions

    options = RocksDBOptions(use_rocksdict=True)

    def open_partition(partition: int) -> PartitionDB:
        path = partition_path(tabledir, table_name, partition)
        path.parent.mkdir(parents=True, exist_ok=True)
        return _Unlogged(options.open(path))

    return open_partition, lambda: rocksdict.WriteBatch(raw_mode=True)
