"""Part 5: the dedup state at 10k-1M incidents. In process: decision time per report and the
match index's memory. Through the broker: a worker restoring 1M incidents from the table
changelog with an empty data directory, then restarting with its RocksDB state intact."""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import re
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rocksdict import BlockBasedIndexType, BlockBasedOptions, Cache, Options, Rdict

from worker.bench.articles import BenchArticle
from worker.bench.cluster import partition_for, start_bulk_producer, write_records
from worker.bench.context import RunContext, create_topics
from worker.bench.machine import process_memory_bytes
from worker.bench.stats import Quantiles, quantiles
from worker.bench.stream import Run, measure_run
from worker.bench.synthetic import (
    AGAIN,
    CHUNK,
    CONFIG,
    NEW,
    Chunk,
    Reservoir,
    generate,
    queries,
)
from worker.dedup.engine import DedupEngine, MemoryStore
from worker.dedup.journal import Batch
from worker.dedup.stored import STREAM_DAY, IncidentStore
from worker.domain import Report
from worker.settings import Settings
from worker.streaming.kafka import changelog_topic_name
from worker.streaming.state import prefixed_items

PARTITIONS = 8
SEED = 7
_REBUILT = r"match index rebuilt in ([\d.]+)s"
_MODEL = r"model \S+ loaded in ([\d.]+)s"
_START_TIMEOUT = 300.0
_BULK = r"restored (\d+) changelog records into \d+ table partitions in ([\d.]+)s"
_REMAINING = "incident_worker_table_recovery_remaining_records"
_INDEXED = "incident_worker_match_index_incidents"


# What Faust's RocksDB store (the worker's table) sets for reads: a block-based table with a
# bloom filter of 3 bits per key and a 2 GiB block cache. Without the filter, every key the
# engine looks for and does not find (a new report's mention, article and URL) costs a search
# of each level, which grows with the state.
_BLOOM_BITS_PER_KEY = 3
_BLOCK_CACHE_BYTES = 2 * 1024**3


def _options() -> Options:
    options = Options(raw_mode=True)
    table = BlockBasedOptions()
    table.set_bloom_filter(_BLOOM_BITS_PER_KEY, True)
    table.set_block_cache(Cache(_BLOCK_CACHE_BYTES))
    table.set_index_type(BlockBasedIndexType.binary_search())
    options.set_block_based_table_factory(table)
    return options


class RocksStore:
    """The engine's store on RocksDB (as the worker's table is), so that the state of a
    million incidents stays on disk rather than in this process's memory."""

    def __init__(self, path: Path) -> None:
        self.db = Rdict(str(path), _options())

    def get(self, key: str) -> bytes | None:
        value = self.db.get(key.encode("utf-8"))
        assert value is None or isinstance(value, bytes)
        return value

    def put(self, key: str, value: bytes) -> None:
        self.db[key.encode("utf-8")] = value

    def delete(self, key: str) -> None:
        del self.db[key.encode("utf-8")]

    def items(self, prefix: str = "") -> Iterator[tuple[str, bytes]]:
        return prefixed_items(self.db, prefix.encode("utf-8"))

    def close(self) -> None:
        self.db.close()


def _rss() -> int:
    return process_memory_bytes(os.getpid()).get("VmRSS", 0)


@dataclass
class StateSize:
    reports: int
    incidents: int
    rebuild_seconds: float  # engine.rebuild() over the RocksDB store, in process
    index_bytes_per_incident: float  # resident memory the rebuilt index added, per incident
    decisions: Quantiles  # seconds per report, every report
    cpu: Quantiles  # CPU seconds per report, every report
    new: Quantiles  # reports of incidents not stored
    again: Quantiles | None  # another outlet's report of a stored incident (a merge, mostly)
    throughput_new: float  # reports of new incidents per second (1 / mean)
    nearby_p50: float = 0.0


@dataclass
class Restore:
    incidents: int
    records: int
    changelog_bytes: int
    write_seconds: float
    finished: bool  # the index was rebuilt within the time limit
    ready_seconds: float | None  # start -> /ready 200
    rebuilt_seconds: float | None  # start -> "match index rebuilt" logged
    rebuild_seconds: float | None  # the rebuild itself, as the worker logged it
    model_seconds: float  # model load, as the worker logged it
    cpu_seconds: float  # the worker's CPU from model loaded to rebuilt (or to the limit)
    records_per_second: float | None  # changelog records restored per second
    bulk_records: int | None  # read in bulk before Faust started (as the worker logged it)
    bulk_seconds: float | None
    projected_seconds: float | None  # start -> recovery done at that rate, when unfinished
    remaining: float | None  # records still to restore at the limit
    indexed: float | None  # incident_worker_match_index_incidents after the rebuild
    rss: int
    peak_rss: int
    store_bytes: int  # RocksDB on disk


@dataclass
class StateResult:
    empty: StateSize | None = None
    sizes: list[StateSize] = field(default_factory=list)
    generate_seconds: float = 0.0
    store_bytes_per_incident: float = 0.0  # key + value bytes, every kind of record
    records_per_incident: float = 0.0
    restore: Restore | None = None
    restart: Restore | None = None
    with_state: Run | None = None  # the bench articles through a worker holding the state


def _time_decisions(
    engine: DedupEngine, reports: Sequence[tuple[str, Report]]
) -> tuple[dict[str, list[float]], list[float]]:
    """Wall seconds per decision by kind of report, and CPU seconds of this thread per
    decision (which a busy machine's preemptions do not inflate)."""
    gc.collect()
    timings: dict[str, list[float]] = {}
    cpu: list[float] = []
    for kind, report in reports:
        started, thread = time.perf_counter(), time.thread_time()
        engine.handle(report)
        cpu.append(time.thread_time() - thread)
        timings.setdefault(kind, []).append(time.perf_counter() - started)
    return timings, cpu


def _measure(
    store: IncidentStore, reports: int, incidents: int, timing: list[tuple[str, Report]]
) -> StateSize:
    gc.collect()
    before = _rss()
    engine = DedupEngine(Batch(store), CONFIG)
    started = time.perf_counter()
    engine.rebuild()
    rebuild = time.perf_counter() - started
    gc.collect()
    grown = _rss() - before
    nearby = sorted(len(engine.nearby_for(r)) for _, r in timing[:500])
    timings, cpu = _time_decisions(engine, timing)
    new = quantiles(timings[NEW])
    again = timings.get(AGAIN)
    del engine
    gc.collect()
    return StateSize(
        reports=reports,
        incidents=incidents,
        rebuild_seconds=rebuild,
        index_bytes_per_incident=grown / incidents if incidents else 0.0,
        decisions=quantiles([t for kind in timings.values() for t in kind]),
        cpu=quantiles(cpu),
        new=new,
        again=quantiles(again) if again else None,
        throughput_new=1.0 / new.mean if new.mean else 0.0,
        nearby_p50=float(nearby[len(nearby) // 2]) if nearby else 0.0,
    )


def _tasks(start: int, stop: int, year_start: date) -> list[tuple[int, int, int, int]]:
    first = year_start.toordinal()
    return [(s, min(stop, s + CHUNK), SEED, first) for s in range(start, stop, CHUNK)]


async def run_state(
    ctx: RunContext,
    sizes: Sequence[int],
    *,
    query_count: int,
    restore_size: int | None,
    restore_limit: float,
    year_start: date,
    articles: Sequence[BenchArticle] = (),
    processes: int = 2,
) -> StateResult:
    """Fill the state up to each size in turn (measuring in process at each), writing the
    records of the first ``restore_size`` reports to a fresh changelog; then the worker
    restores and restarts."""
    result = StateResult()
    names = ctx.names("state")
    env = ctx.worker_env(
        names,
        "state",
        ARTICLE_PARTITIONS=str(PARTITIONS),
        INCIDENT_PARTITIONS=str(PARTITIONS),
        DEDUP_WINDOW_DAYS=str(CONFIG.window_days),
    )
    settings = await create_topics(env)
    changelog = changelog_topic_name(settings)
    store_dir = ctx.work_dir / "state-bench-store"
    shutil.rmtree(store_dir, ignore_errors=True)
    store = RocksStore(store_dir)
    producer = await start_bulk_producer(ctx.bootstrap)
    samples = Reservoir(max(1, query_count // 2), SEED)
    stream_days: dict[str, tuple[str, int]] = {}
    incidents = records = record_bytes = 0
    restore_records = restore_bytes = restore_incidents = 0
    done = 0
    generating = 0.0
    write_seconds = 0.0
    pool = multiprocessing.get_context("spawn").Pool(processes)
    try:
        timing = queries([], query_count, SEED, year_start)  # replaced once samples exist
        result.empty = _measure(MemoryStore(), 0, 0, timing)
        for size in sorted(sizes):
            started = time.perf_counter()
            chunks = pool.imap(generate, _tasks(done, size, year_start))
            while True:
                chunk: Chunk | None = await asyncio.to_thread(next, chunks, None)
                if chunk is None:
                    break
                to_log = restore_size is not None and done < restore_size
                batch = []
                for region, key, value in chunk.records:
                    if key.startswith(STREAM_DAY):
                        day = int(value)
                        if key not in stream_days or stream_days[key][1] < day:
                            stream_days[key] = (region, day)
                        continue
                    store.put(key, value)
                    records += 1
                    record_bytes += len(key) + len(value)
                    if to_log:
                        encoded = key.encode("utf-8")
                        batch.append(
                            (partition_for(region.encode("utf-8"), PARTITIONS), encoded, value)
                        )
                        restore_bytes += len(encoded) + len(value)
                if batch:
                    wrote = time.perf_counter()
                    restore_records += await write_records(
                        ctx.bootstrap, changelog, batch, producer=producer
                    )
                    write_seconds += time.perf_counter() - wrote
                    restore_incidents += chunk.incidents
                incidents += chunk.incidents
                for sample in chunk.samples:
                    samples.offer(sample)
                done = min(size, done + CHUNK)
            generating += time.perf_counter() - started
            timing = queries(samples.items, query_count, SEED, year_start)
            result.sizes.append(_measure(store, size, incidents, timing))
        pool.close()
        # The stream days last: what a compacted changelog keeps of them.
        final = [
            (
                partition_for(region.encode("utf-8"), PARTITIONS),
                key.encode("utf-8"),
                str(day).encode("ascii"),
            )
            for key, (region, day) in sorted(stream_days.items())
        ]
        if restore_size is not None:
            restore_records += await write_records(
                ctx.bootstrap, changelog, final, producer=producer
            )
    finally:
        pool.terminate()
        await producer.stop()
        store.close()
        shutil.rmtree(store_dir, ignore_errors=True)
    result.generate_seconds = generating
    result.store_bytes_per_incident = record_bytes / incidents if incidents else 0.0
    result.records_per_incident = records / incidents if incidents else 0.0
    if restore_size is not None:
        logged = dict(
            incidents=restore_incidents,
            records=restore_records,
            changelog_bytes=restore_bytes,
            write_seconds=write_seconds,
        )
        result.restore = await _restore(ctx, env, "state-restore", restore_limit, **logged)
        if result.restore.finished:  # otherwise RocksDB holds a partial state
            result.restart = await _restore(ctx, env, "state-restart", restore_limit, **logged)
            if articles:
                result.with_state = await _articles_through(ctx, env, settings, articles)
    return result


async def _articles_through(
    ctx: RunContext, env: dict[str, str], settings: Settings, articles: Sequence[BenchArticle]
) -> Run:
    """The bench articles through one worker holding the restored state (as part 2 does on
    an empty one): started on the state's data directory, pushed once it has indexed it."""
    worker = ctx.worker(env, "state-articles").start()
    try:
        await worker.wait_log(_REBUILT, _START_TIMEOUT)
        return await measure_run(ctx, settings, [worker], articles, push_after_ready=True)
    finally:
        worker.stop(timeout=120.0)


async def _restore(
    ctx: RunContext, env: dict[str, str], name: str, limit: float, **logged: Any
) -> Restore:
    """Start a worker on the state's topics and data directory; time it until the restored
    state is indexed, or ``limit`` seconds have passed (then the recovery rate so far gives a
    projection). The first call finds the data directory empty; the second, intact."""
    worker = ctx.worker(env, name).start()
    progress: list[tuple[float, float, float]] = []  # (seconds, records remaining, CPU s)
    ready: float | None = None
    rebuilt: re.Match[str] | None = None
    rebuilt_at: float | None = None
    indexed: float | None = None
    try:
        model, _ = await worker.wait_log(_MODEL, limit)
        cpu_loaded = worker.cpu_seconds() or 0.0
        deadline = worker.started_at + limit
        while time.monotonic() < deadline:
            worker.check_alive()
            elapsed = time.monotonic() - worker.started_at
            if ready is None and await asyncio.to_thread(worker.ready):
                ready = elapsed
            rebuilt = re.search(_REBUILT, worker.log_text())
            if rebuilt is not None:
                rebuilt_at = elapsed
                break
            remaining = await asyncio.to_thread(worker.metric, _REMAINING)
            if remaining is not None and remaining > 0:
                progress.append((elapsed, remaining, worker.cpu_seconds() or 0.0))
            await asyncio.sleep(2.0)
        cpu_used = (worker.cpu_seconds() or 0.0) - cpu_loaded
        while rebuilt is not None and time.monotonic() < deadline + 30:
            # The gauge is sampled every 5 s: the count the worker itself reports.
            indexed = await asyncio.to_thread(worker.metric, _INDEXED)
            if indexed is not None and indexed >= logged["incidents"]:
                break
            await asyncio.sleep(1.0)
        memory = worker.memory()
        store_bytes = _directory_bytes(Path(env["WORKER_DATA_DIR"]))
    finally:
        worker.stop(timeout=120.0)
    rate = projected = None
    bulk = re.search(_BULK, worker.log_text())
    if bulk is not None:
        rate = int(bulk.group(1)) / max(float(bulk.group(2)), 1e-3)
    elif len(progress) >= 2 and progress[-1][0] > progress[0][0]:
        (t0, r0, _), (t1, r1, _) = progress[0], progress[-1]
        rate = (r0 - r1) / (t1 - t0)
        if rebuilt is None and rate > 0:
            projected = t1 + r1 / rate
    return Restore(
        finished=rebuilt is not None,
        ready_seconds=ready,
        rebuilt_seconds=rebuilt_at,
        rebuild_seconds=float(rebuilt.group(1)) if rebuilt is not None else None,
        model_seconds=float(model.group(1)),
        cpu_seconds=cpu_used,
        records_per_second=rate,
        projected_seconds=projected,
        remaining=progress[-1][1] if progress and rebuilt is None else None,
        bulk_records=None if bulk is None else int(bulk.group(1)),
        bulk_seconds=None if bulk is None else float(bulk.group(2)),
        indexed=indexed,
        rss=memory.get("VmRSS", 0),
        peak_rss=memory.get("VmHWM", 0),
        store_bytes=store_bytes,
        **logged,
    )


def _directory_bytes(path: Path) -> int:
    total = 0
    for p in path.rglob("*"):
        try:
            if p.is_file():
                total += p.stat().st_size
        except FileNotFoundError:
            continue
    return total
