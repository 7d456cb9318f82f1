"""Parts 2-4: the worker end to end through the broker, its latency under a paced load, and
two workers in one consumer group."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from worker.bench.articles import BenchArticle
from worker.bench.cluster import collect_outputs, produce_all, produce_paced
from worker.bench.context import RunContext, create_topics
from worker.bench.stats import Quantiles, quantiles, rate
from worker.bench.workers import Names, WorkerProcess, first_consume, stage_seconds
from worker.settings import Settings

PARTITIONS = 8  # the README defaults for articles and for the internal topics
_WARM_UP = 16
_START_TIMEOUT = 300.0


@dataclass
class Run:
    """One measured pass of articles through one or more workers."""

    articles: int
    seconds: float  # first consume to last output
    cpu_seconds: float  # the workers' CPU over the same span
    outputs_mentions: int
    outputs_incidents: int
    dead_letters: int
    decisions: dict[str, int]
    stages: dict[str, tuple[float, float]] = field(default_factory=dict)  # summed over workers
    consumed: list[float] = field(default_factory=list)  # per worker
    peak_rss: list[int] = field(default_factory=list)  # per worker, bytes

    @property
    def per_second(self) -> float:
        return rate(self.articles, self.seconds)

    @property
    def cpu_per_article(self) -> float:
        return self.cpu_seconds / self.articles if self.articles else 0.0


def _messages(articles: Sequence[BenchArticle]) -> list[tuple[bytes, bytes]]:
    return [(a.key, a.value) for a in articles]


def _ids(articles: Sequence[BenchArticle]) -> set[str]:
    return {a.key.decode("utf-8") for a in articles}


def _partitions(settings: Settings) -> dict[str, int]:
    t = settings.topics
    return {
        t.mentions: settings.incident_partitions,
        t.incidents: settings.incident_partitions,
        t.dead_letters: settings.dead_letter_partitions,
    }


def _collect(ctx: RunContext, settings: Settings, ids: set[str], timeout: float) -> asyncio.Task:  # type: ignore[type-arg]
    t = settings.topics
    return asyncio.create_task(
        collect_outputs(
            ctx.bootstrap,
            mentions=t.mentions,
            incidents=t.incidents,
            dead_letters=t.dead_letters,
            partitions=_partitions(settings),
            expected=ids,
            timeout=timeout,
        )
    )


def _env(ctx: RunContext, names: Names, data: str) -> dict[str, str]:
    return ctx.worker_env(
        names, data, ARTICLE_PARTITIONS=str(PARTITIONS), INCIDENT_PARTITIONS=str(PARTITIONS)
    )


def _timeout(articles: int) -> float:
    return 180.0 + 1.5 * articles  # generous: a loaded machine may do one article a second


def _merge_stages(
    per_worker: Sequence[dict[str, tuple[float, float]]],
) -> dict[str, tuple[float, float]]:
    merged: dict[str, tuple[float, float]] = {}
    for stages in per_worker:
        for stage, (total, count) in stages.items():
            t, c = merged.get(stage, (0.0, 0.0))
            merged[stage] = (t + total, c + count)
    return merged


async def measure_run(
    ctx: RunContext,
    settings: Settings,
    workers: list[WorkerProcess],
    articles: Sequence[BenchArticle],
    *,
    push_after_ready: bool,
) -> Run:
    ids = _ids(articles)
    collector = _collect(ctx, settings, ids, _timeout(len(articles)))
    try:
        if push_after_ready:
            await produce_all(ctx.bootstrap, settings.topics.articles, _messages(articles))
        first = await first_consume(workers, timeout=_START_TIMEOUT)
        cpu_first = [w.cpu_seconds() or 0.0 for w in workers]
        outputs = await collector
    finally:
        collector.cancel()
    cpu_end = [w.cpu_seconds() or 0.0 for w in workers]
    return Run(
        articles=len(articles),
        seconds=outputs.latest_ms / 1000 - first,
        cpu_seconds=sum(e - s for s, e in zip(cpu_first, cpu_end, strict=True)),
        outputs_mentions=outputs.mentions,
        outputs_incidents=outputs.incidents,
        dead_letters=outputs.dead_letters,
        decisions=outputs.decisions,
        stages=_merge_stages([stage_seconds(w) for w in workers]),
        consumed=[w.metric("incident_worker_articles_consumed_total") or 0.0 for w in workers],
        peak_rss=[w.memory().get("VmHWM", 0) for w in workers],
    )


async def one_worker(ctx: RunContext, articles: Sequence[BenchArticle]) -> Run:
    """Part 2: the articles are on the topic first; then one worker starts on a fresh group.
    Timed from its first consumed article to the last output published (model load and start
    are outside)."""
    names = ctx.names("e2e")
    env = _env(ctx, names, "e2e")
    settings = await create_topics(env)
    await produce_all(ctx.bootstrap, settings.topics.articles, _messages(articles))
    worker = ctx.worker(env, "e2e").start()
    try:
        return await measure_run(ctx, settings, [worker], articles, push_after_ready=False)
    finally:
        worker.stop()


async def _wait_stable(workers: list[WorkerProcess], settle: float = 3.0) -> None:
    """Until every worker is ready and stays so for ``settle`` seconds: the group has
    finished rebalancing onto all of them."""
    deadline = time.monotonic() + _START_TIMEOUT
    steady_since: float | None = None
    while time.monotonic() < deadline:
        states = await asyncio.gather(*(asyncio.to_thread(w.ready) for w in workers))
        for w in workers:
            w.check_alive()
        if all(states):
            steady_since = steady_since or time.monotonic()
            if time.monotonic() - steady_since >= settle:
                return
        else:
            steady_since = None
        await asyncio.sleep(0.5)
    raise TimeoutError("the workers did not settle into one group")


async def two_workers(ctx: RunContext, articles: Sequence[BenchArticle]) -> Run:
    """Part 4: two workers in one group, started and settled before the articles are pushed
    (pushing first would let the first one ready take every partition, then rebalance)."""
    names = ctx.names("scale")
    env = _env(ctx, names, "scale-0")
    settings = await create_topics(env)
    workers = [
        ctx.worker(env, "scale-0").start(),
        ctx.worker(_env(ctx, names, "scale-1"), "scale-1").start(),
    ]
    try:
        await _wait_stable(workers)
        return await measure_run(ctx, settings, workers, articles, push_after_ready=True)
    finally:
        for w in workers:
            w.stop()


@dataclass
class Latency:
    per_second: float  # the paced rate
    quantiles: Quantiles  # seconds, article produced -> its last output published
    first_output: Quantiles  # seconds, article produced -> its first output
    peak_rss: int
    idle_rss: int  # the worker's resident memory once ready, before any article
    seconds: float


async def latency(
    ctx: RunContext, articles: Sequence[BenchArticle], per_second: float, duration: float
) -> Latency:
    """Part 3: one ready worker, a warm-up, then articles paced at ``per_second`` for about
    ``duration`` seconds; latency from each article's Kafka timestamp to the broker timestamp
    of its last output (mention, incident or dead letter)."""
    count = max(50, min(len(articles) - _WARM_UP, round(per_second * duration)))
    measured, warm = articles[:count], articles[count : count + _WARM_UP]
    names = ctx.names("latency")
    env = _env(ctx, names, "latency")
    settings = await create_topics(env)
    worker = ctx.worker(env, "latency").start()
    try:
        await worker.wait_ready(_START_TIMEOUT)
        idle = worker.memory().get("VmRSS", 0)
        if warm:
            warming = _collect(ctx, settings, _ids(warm), _timeout(len(warm)))
            await produce_all(ctx.bootstrap, settings.topics.articles, _messages(warm))
            await warming
        collector = _collect(ctx, settings, _ids(measured), _timeout(len(measured)) + duration)
        started = time.monotonic()
        stamps = await produce_paced(
            ctx.bootstrap, settings.topics.articles, _messages(measured), per_second
        )
        outputs = await collector
        seconds = time.monotonic() - started
        peak = worker.memory().get("VmHWM", 0)
    finally:
        worker.stop()
    last = [(outputs.last_ms[k.decode()] - stamp) / 1000 for k, stamp in stamps.items()]
    first = [(outputs.first_ms[k.decode()] - stamp) / 1000 for k, stamp in stamps.items()]
    return Latency(per_second, quantiles(last), quantiles(first), peak, idle, seconds)
