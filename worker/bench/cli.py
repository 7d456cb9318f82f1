"""``python -m worker.bench``: run every part, print the table, write docs/benchmarks.md."""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TypeVar

from worker.bench import report
from worker.bench.articles import (
    ARTICLES_FILE,
    BenchArticle,
    first_day,
    load_articles,
    within_year,
)
from worker.bench.cluster import broker_answers, delete_topics
from worker.bench.context import RunContext
from worker.bench.machine import describe, load_average
from worker.bench.report import Section, check
from worker.bench.stats import ratio
from worker.bench.stream import Latency, Run, latency, one_worker, two_workers
from worker.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BOOTSTRAP = "127.0.0.1:9092"
_T = TypeVar("_T")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m worker.bench",
        description="Throughput, latency, scale-out and state-size figures of the worker, "
        "on real articles and the real broker (KAFKA_BOOTSTRAP_SERVERS, else a local broker "
        "started for the run).",
    )
    p.add_argument("--data-dir", default="../shared/data", help="holds gva/articles_clean.jsonl")
    p.add_argument("--output", default="docs/benchmarks.md", help="the Markdown report")
    p.add_argument("--articles", type=int, default=1000, help="articles for parts 1, 2 and 4")
    p.add_argument(
        "--breakdown-articles",
        type=int,
        default=200,
        help="articles for the per-component times and the full-pipeline comparison",
    )
    p.add_argument("--latency-seconds", type=float, default=60.0, help="length of the paced run")
    p.add_argument(
        "--latency-rate",
        type=float,
        help="articles/s of the paced run (default: half the end-to-end rate of part 2)",
    )
    p.add_argument(
        "--state-sizes",
        default="10000,100000,1000000",
        help="synthetic incidents in the dedup state, comma-separated",
    )
    p.add_argument(
        "--restore-size",
        type=int,
        help="incidents written to the changelog and restored (default: the largest state "
        "size; 0 skips the restore)",
    )
    p.add_argument(
        "--restore-timeout",
        type=float,
        default=300.0,
        help="seconds a restoring worker gets before its rate is extrapolated instead",
    )
    p.add_argument("--queries", type=int, default=3000, help="timed decisions per state size")
    p.add_argument(
        "--parts", default="1,2,3,4,5", help="which parts to run (1 spaCy ... 5 state size)"
    )
    p.add_argument("--keep", action="store_true", help="keep the run's topics and logs")
    return p


async def _part(
    sections: list[Section], title: str, body: Callable[[Section], Awaitable[_T]]
) -> _T | None:
    """Run one part into its own section: time and load around it, a failure recorded and
    the run carried on (the other parts' figures are still worth having)."""
    section = Section(title)
    sections.append(section)
    section.load_before = load_average()
    print(f"\n== {title} (load {section.load_before[0]:.2f})", flush=True)
    started = time.perf_counter()
    value: _T | None = None
    try:
        value = await body(section)
    except Exception as exc:  # recorded in the report; the next part still runs
        section.error = f"{type(exc).__name__}: {str(exc)[:2000]}"
        print(f"   FAILED: {section.error}", file=sys.stderr, flush=True)
    section.seconds = time.perf_counter() - started
    section.load_after = load_average()
    print(f"   took {section.seconds:.0f} s", flush=True)
    gc.collect()
    return value


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _mib(value: float) -> float:
    return value / 2**20


class Bench:
    def __init__(self, args: argparse.Namespace, ctx: RunContext, articles: list[BenchArticle]):
        self.args = args
        self.ctx = ctx
        self.articles = articles
        self.measured = articles[: args.articles]
        self.spacy_rate: float | None = None
        self.spacy_cpu_per_article: float | None = None
        self.one: Run | None = None
        self.peaks: list[tuple[str, int]] = []
        self.idle_rss = 0

    # -- part 1 ---------------------------------------------------------------------------

    async def spacy(self, s: Section) -> None:
        from worker.bench.nlp_speed import component_seconds, pipe_speed, warm_up
        from worker.extraction import build_nlp

        batch = self.ctx.batch_size
        texts = [a.model_text for a in self.measured if a.model_text is not None]
        nlp = build_nlp()
        s.notes.append(
            f"Pipeline: `worker.extraction.build_nlp()` = {', '.join(nlp.pipe_names)}; "
            f"`nlp.pipe(texts, batch_size={batch})` over the cleaned texts the worker gives "
            "the model (decoding and cleaning done beforehand, outside the timing); "
            f"{len(self.measured) - len(texts)} of the {len(self.measured)} articles are "
            "dead-lettered by the worker (control characters) and not parsed here either."
        )
        warm_up(nlp, texts, batch)
        speed = await asyncio.to_thread(pipe_speed, nlp, texts, batch)
        self.spacy_rate = speed.per_second
        self.spacy_cpu_per_article = speed.cpu_seconds / speed.articles
        s.add("articles", speed.articles, digits=0)
        s.add("bare spaCy, worker pipeline", speed.per_second, "articles/s")
        s.add("  per CPU-second", speed.per_cpu_second, "articles/s")
        mean_chars = sum(len(t) for t in texts) / len(texts)
        s.add("  mean text length", mean_chars, "characters", digits=0)

        sample = texts[: self.args.breakdown_articles]
        parts = await asyncio.to_thread(component_seconds, nlp, sample, batch)
        total = sum(parts.values())
        for name, seconds in parts.items():
            s.add(f"  {name}", _ms(seconds / len(sample)), "ms/article", digits=1)
        worker_rate = len(sample) / total if total else None
        for name, proc in nlp.pipeline:
            if hasattr(proc, "listening_components") and not proc.listening_components:
                s.notes.append(
                    f"`{name}` has no listener in this pipeline (ner and senter embed their "
                    f"own): its {_ms(parts.get(name, 0.0) / len(sample)):.1f} ms/article "
                    "are computed and not used."
                )
        del nlp
        gc.collect()

        full = build_nlp(exclude=())
        warm_up(full, sample, batch)
        full_speed = await asyncio.to_thread(pipe_speed, full, sample, batch)
        s.add(
            f"full pipeline ({', '.join(full.pipe_names)})",
            full_speed.per_second,
            "articles/s",
        )
        s.add(f"worker pipeline on the same {len(sample)} articles", worker_rate, "articles/s")
        s.add(
            "worker pipeline speed-up over the full one",
            ratio(worker_rate, full_speed.per_second),
            "x",
        )
        s.notes.append(
            "Per-component times and the full-pipeline comparison use the first "
            f"{len(sample)} articles. What the excluded components (tagger, parser, "
            "attribute_ruler, lemmatizer) would add to accuracy: docs/evaluation.md."
        )
        del full

    # -- part 2 ---------------------------------------------------------------------------

    async def end_to_end(self, s: Section) -> None:
        run = await one_worker(self.ctx, self.measured)
        self.one = run
        self.peaks.append(("end to end, one worker", max(run.peak_rss)))
        s.add("articles", run.articles, digits=0)
        s.add("first consume -> last output", run.seconds, "s", digits=1)
        s.add("end to end, one worker", run.per_second, "articles/s")
        rel = ratio(run.per_second, self.spacy_rate)
        s.add("ratio to bare spaCy", rel, target=">= 0.90", passed=check(rel, at_least=0.9))
        s.add("worker CPU per article", _ms(run.cpu_per_article), "ms", digits=1)
        if self.spacy_cpu_per_article:
            s.add("bare spaCy CPU per article", _ms(self.spacy_cpu_per_article), "ms", digits=1)
            s.add(
                "ratio by CPU time (spaCy CPU / worker CPU per article)",
                ratio(self.spacy_cpu_per_article, run.cpu_per_article),
            )
        for stage, (total, count) in sorted(run.stages.items()):
            s.add(
                f"  stage {stage}: time per article ({count:.0f} observations)",
                _ms(total / run.articles),
                "ms",
                digits=1,
            )
        s.add("mentions published", run.outputs_mentions, digits=0)
        s.add("incident versions published", run.outputs_incidents, digits=0)
        s.add("dead letters", run.dead_letters, digits=0)
        s.add("peak RSS of the worker", _mib(max(run.peak_rss)), "MiB", digits=0)
        decisions = ", ".join(f"{k} {v}" for k, v in sorted(run.decisions.items()))
        s.notes.append(
            f"{run.articles} articles pushed to a fresh 8-partition topic first, then one "
            "worker started on a fresh group. Timed from the first consumed article (its "
            "/metrics counter, polled every 0.25 s until it moves) to the broker timestamp of "
            "the last incident or mention; model load and start-up are outside."
        )
        s.notes.append(
            "Stage times come from the worker's own histogram "
            "(incident_worker_stage_duration_seconds): extract = decoding aside, spaCy and "
            "rules on the worker thread; publish = sending and awaiting outputs on the event "
            f"loop; dedup = DedupEngine.handle. Mentions by decision: {decisions}."
        )

    # -- part 3 ---------------------------------------------------------------------------

    async def latency(self, s: Section) -> None:
        per_second = self.args.latency_rate
        if per_second is None:
            if self.one is None:
                raise RuntimeError("needs part 2's rate, or --latency-rate")
            per_second = self.one.per_second / 2
        result: Latency = await latency(
            self.ctx, self.articles, per_second, self.args.latency_seconds
        )
        self.peaks.append(("latency run", result.peak_rss))
        self.idle_rss = result.idle_rss
        q = result.quantiles
        s.add("paced rate", result.per_second, "articles/s")
        s.add("articles", q.count, digits=0)
        s.add("latency p50", q.p50, "s", digits=3)
        s.add("latency p95", q.p95, "s", digits=3)
        s.add(
            "latency p99", q.p99, "s", digits=3, target="<= 1 s", passed=check(q.p99, at_most=1.0)
        )
        s.add("latency max", q.max, "s", digits=3)
        f = result.first_output
        s.add("first output of an article p50", f.p50, "s", digits=3)
        s.add("first output of an article p99", f.p99, "s", digits=3)
        s.notes.append(
            "One ready worker on fresh topics, 16 warm-up articles, then articles sent one at "
            "a time at the rate above. Latency: the article's Kafka timestamp (set by the "
            "producer when it sent it) to the broker timestamp of the last output of that "
            "article (its mentions, or its dead letter); the first output is usually the "
            "incident record."
        )

    # -- part 4 ---------------------------------------------------------------------------

    async def scale_out(self, s: Section) -> None:
        run = await two_workers(self.ctx, self.measured)
        for n, peak in enumerate(run.peak_rss):
            self.peaks.append((f"scale-out worker {n + 1}", peak))
        s.add("articles", run.articles, digits=0)
        s.add("two workers, one group", run.per_second, "articles/s")
        one = self.one.per_second if self.one else None
        rel = ratio(run.per_second, one)
        s.add("ratio to one worker", rel, "x", target=">= 1.7x", passed=check(rel, at_least=1.7))
        s.add("CPU per article, both workers", _ms(run.cpu_per_article), "ms", digits=1)
        for n, consumed in enumerate(run.consumed):
            s.add(f"  worker {n + 1} consumed", consumed, "articles", digits=0)
        for stage, (total, _) in sorted(run.stages.items()):
            s.add(f"  stage {stage}: time per article", _ms(total / run.articles), "ms", digits=1)
        s.notes.append(
            "Two workers started on fresh topics (8 article partitions, 8 internal), settled "
            "into one group (both /ready for 3 s), then the articles pushed; timed from the "
            "first consumed article to the last output. Every report of one region goes to "
            "one candidates partition, so US articles are deduplicated by one of the two."
        )

    # -- part 5 ---------------------------------------------------------------------------

    async def state(self, s: Section) -> None:
        from worker.bench.state import run_state

        sizes = [int(x) for x in self.args.state_sizes.split(",") if x.strip()]
        restore = self.args.restore_size
        if restore is None:
            restore = max(sizes)
        result = await run_state(
            self.ctx,
            sizes,
            query_count=self.args.queries,
            restore_size=restore or None,
            restore_limit=self.args.restore_timeout,
            year_start=first_day(self.measured),
            articles=self.measured,
        )
        empty = result.empty
        assert empty is not None
        s.add("empty state: decision p50 (new incidents)", _ms(empty.new.p50), "ms", digits=3)
        s.add("empty state: decision p99 (new incidents)", _ms(empty.new.p99), "ms", digits=3)
        s.add("empty state: CPU time p99", _ms(empty.cpu.p99), "ms", digits=3)
        s.add("empty state: new-incident decisions/s", empty.throughput_new, digits=0)
        for size in result.sizes:
            label = f"{size.incidents:,} incidents"
            last = size is result.sizes[-1]
            s.add(f"{label}: decision p50", _ms(size.decisions.p50), "ms", digits=3)
            s.add(
                f"{label}: decision p99",
                _ms(size.decisions.p99),
                "ms",
                digits=3,
                target="<= 2 ms",
                passed=check(_ms(size.decisions.p99), at_most=2.0),
            )
            s.add(f"{label}:   CPU time p99", _ms(size.cpu.p99), "ms", digits=3)
            s.add(f"{label}:   new incident p50", _ms(size.new.p50), "ms", digits=3)
            s.add(f"{label}:   new incident p99", _ms(size.new.p99), "ms", digits=3)
            if size.again is not None:
                s.add(
                    f"{label}:   report of a stored incident p50",
                    _ms(size.again.p50),
                    "ms",
                    digits=3,
                )
                s.add(
                    f"{label}:   report of a stored incident p99",
                    _ms(size.again.p99),
                    "ms",
                    digits=3,
                )
            rel = ratio(size.throughput_new, empty.throughput_new)
            s.add(f"{label}: new-incident decisions/s", size.throughput_new, digits=0)
            s.add(
                f"{label}: dedup alone, new-incident throughput / empty state",
                rel,
                target=">= 0.90" if last else "",
                passed=check(rel, at_least=0.9) if last else None,
            )
            s.add(f"{label}: nearby incidents per report (p50)", size.nearby_p50, digits=0)
            s.add(
                f"{label}: match index memory per incident",
                size.index_bytes_per_incident,
                "bytes",
                digits=0,
            )
            s.add(f"{label}: index rebuild in process", size.rebuild_seconds, "s", digits=1)
        s.add(
            "stored bytes per incident (keys + values, all records)",
            result.store_bytes_per_incident,
            "bytes",
            digits=0,
        )
        s.add("stored records per incident", result.records_per_incident, digits=2)
        s.add("making the state (real engine, 2 processes)", result.generate_seconds, "s", digits=0)
        for label, r in (
            ("restore, empty data dir", result.restore),
            ("restart, RocksDB intact", result.restart),
        ):
            if r is None:
                continue
            self.peaks.append((label, r.peak_rss))
            first = r is result.restore
            if first:
                s.add("changelog records written", r.records, digits=0)
                s.add("changelog size", r.changelog_bytes / 2**30, "GiB")
                s.add("writing the changelog", r.write_seconds, "s", digits=0)
            if r.finished:
                s.add(
                    f"{label}: start -> index rebuilt",
                    r.rebuilt_seconds,
                    "s",
                    digits=1,
                    target="<= 60 s" if first else "",
                    passed=check(r.rebuilt_seconds, at_most=60.0) if first else None,
                )
            else:
                s.add(
                    f"{label}: start -> recovery done, projected",
                    r.projected_seconds,
                    "s",
                    digits=0,
                    target="<= 60 s" if first else "",
                    passed=False,
                )
                s.add(f"{label}: records still to restore at the limit", r.remaining, digits=0)
                s.notes.append(
                    f"{label}: not done within --restore-timeout "
                    f"({self.args.restore_timeout:.0f} s); the projection extends the "
                    "recovery rate measured so far (the index rebuild comes on top)."
                )
            s.add(f"{label}: start -> /ready", r.ready_seconds, "s", digits=1)
            s.add(f"{label}:   model load (logged)", r.model_seconds, "s", digits=1)
            s.add(f"{label}:   index rebuild (logged)", r.rebuild_seconds, "s", digits=1)
            s.add(f"{label}:   changelog records read in bulk", r.bulk_records, digits=0)
            s.add(f"{label}:   bulk read", r.bulk_seconds, "s", digits=1)
            s.add(f"{label}:   changelog records/s restored", r.records_per_second, digits=0)
            s.add(f"{label}:   worker CPU after model load", r.cpu_seconds, "s", digits=1)
            if r.finished:
                s.add(f"{label}: incidents indexed", r.indexed, digits=0)
            s.add(f"{label}: RSS after", _mib(r.rss), "MiB", digits=0)
            s.add(
                f"{label}: RocksDB on disk per incident",
                r.store_bytes / max(1, r.incidents),
                "bytes",
                digits=0,
            )
        run = result.with_state
        if run is not None and result.restore is not None:
            label = f"{result.restore.incidents:,} incidents"
            s.add(f"{label}: end to end, one worker", run.per_second, "articles/s")
            rel = ratio(run.per_second, self.one.per_second if self.one else None)
            s.add(
                f"{label}: end-to-end throughput / part 2 (empty state)",
                rel,
                target=">= 0.90",
                passed=check(rel, at_least=0.9),
            )
            dedup = run.stages.get("dedup")
            if dedup is not None:
                s.add(
                    f"{label}:   stage dedup: time per article",
                    _ms(dedup[0] / run.articles),
                    "ms",
                    digits=1,
                )
            s.add(f"{label}:   worker CPU per article", _ms(run.cpu_per_article), "ms", digits=1)
            s.notes.append(
                f"End to end with the state: the {run.articles} articles of part 2 pushed to a "
                "worker started a third time on the restored data directory, once it has "
                "indexed the state; timed as in part 2, from the first consumed article to the "
                "last output. The synthetic year starts on the first article's publication day: "
                f"{within_year(self.measured):,} of the {run.articles} articles fall in it, among "
                "the stored incidents' dates; the later ones meet none of them."
            )
        if result.restore is not None and result.restore.finished and self.idle_rss:
            grown = result.restore.rss - self.idle_rss
            s.add(
                "worker memory per restored incident (RSS over an idle worker)",
                grown / max(1, result.restore.incidents),
                "bytes",
                digits=0,
            )
        s.notes.append(
            "State: synthetic reports (worker.dedup.bench.synthetic_report: a year, every "
            "listed country) through the real DedupEngine, in chunks of 5,000 on fresh engines "
            "(so each is an empty-state decision), every store write captured: the exact keys "
            "and values the engine stores (incident, summary, mention, article and URL keys, "
            "stream days). Window 1200 days, so nothing is evicted, not even while the bench "
            "articles (published 2013 to 2015) pass through the worker holding the state."
        )
        s.notes.append(
            "Decision time: DedupEngine.handle over that state on RocksDB (rocksdict, as the "
            "worker's table), writes kept aside; half the reports are another outlet's report "
            "of a stored incident (a uniform sample, each once), half of new incidents. The "
            "throughput target compares the new-incident reports with the same reports on an "
            "empty engine (like for like: a merge costs more than a new incident at any size). "
            "Index memory: resident memory the rebuilt match index added."
        )
        s.notes.append(
            "Restore: the records written to a fresh `<app_id>-dedup-state-changelog` topic, "
            "each in the partition of its report's region (where the worker would have "
            "written it), then a worker started with an empty data directory and timed until "
            "it logs `match index rebuilt in ...` (the worker rebuilds the index as soon as its "
            "table is recovered); then stopped and started again on the same data directory."
        )


async def _run(args: argparse.Namespace, root: Path, bootstrap: str, external: bool) -> int:
    started_broker = False
    if not await broker_answers(bootstrap):
        if external:
            print(f"no Kafka broker answers at {bootstrap}", file=sys.stderr)
            return 3
        print("starting the local Kafka broker (deploy/local/kafka.sh up)", flush=True)
        subprocess.run([str(root / "deploy" / "local" / "kafka.sh"), "up"], check=True)
        started_broker = True
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    work_dir = root / "var" / prefix
    work_dir.mkdir(parents=True, exist_ok=True)
    total_started = time.perf_counter()
    sections: list[Section] = []
    kafka_home = Path(os.environ.get("KAFKA_HOME", root / "var" / "kafka"))
    machine = describe(root, kafka_home, bootstrap, local_broker=not external)
    for name, value in machine:
        print(f"{name}: {value}")
    try:
        from worker.extraction.places import load_place_resolver

        settings = Settings.from_env(os.environ)
        geo_cache = root / "var" / "cache" / "geo"
        load_place_resolver(geo_cache)  # built once here, so no worker's start pays for it
        data_dir = Path(args.data_dir)
        articles = load_articles(data_dir, args.articles + 16)
        ctx = RunContext(
            root=root,
            bootstrap=bootstrap,
            work_dir=work_dir,
            geo_cache=geo_cache,
            prefix=prefix,
            base_env=dict(os.environ),
            batch_size=settings.extract_batch_size,
        )
        bench = Bench(args, ctx, articles)
        parts = {p.strip() for p in args.parts.split(",")}
        if "1" in parts:
            await _part(sections, "1. Bare spaCy", bench.spacy)
        if "2" in parts:
            await _part(sections, "2. End to end, one worker", bench.end_to_end)
        if "3" in parts:
            await _part(sections, "3. Latency at half the maximum rate", bench.latency)
        if "4" in parts:
            await _part(sections, "4. Scale-out, two workers", bench.scale_out)
        if "5" in parts:
            await _part(sections, "5. Dedup state size and restore", bench.state)
        peaks = Section("6. Peak RSS of the worker (VmHWM)")
        peaks.load_before = peaks.load_after = load_average()
        for label, peak in bench.peaks:
            peaks.add(label, _mib(peak), "MiB", digits=0)
        sections.append(peaks)
    finally:
        if not args.keep:
            try:
                deleted = await delete_topics(bootstrap, prefix)
                print(f"deleted {len(deleted)} topics of this run", flush=True)
            except Exception as exc:  # cleanup must not hide the run's own outcome
                print(f"could not delete the run's topics: {exc!r}", file=sys.stderr)
            shutil.rmtree(work_dir, ignore_errors=True)
        if started_broker:
            subprocess.run([str(root / "deploy" / "local" / "kafka.sh"), "down"], check=False)
    total = time.perf_counter() - total_started
    print()
    print(report.text_table(sections))
    print(f"\nwhole run: {total:.0f} s")
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    generated = report.markdown(
        title="Benchmarks",
        intro=_intro(args, total, data_dir),
        machine=machine,
        sections=sections,
        closing=[],
    )
    output.write_text(report.keep_notes(generated, output))
    print(f"wrote {output}")
    return 1 if any(s.error for s in sections) else 0


def _intro(args: argparse.Namespace, total: float, data_dir: Path) -> Sequence[str]:
    return [
        f"Written by `make bench` (`python -m worker.bench`) on {time.strftime('%Y-%m-%d %H:%M')}; "
        f"the whole run took {total / 60:.1f} minutes. Articles: the first {args.articles} of "
        f"`{data_dir / ARTICLES_FILE}` in publication order (real US local news). Timings "
        "depend on what else the machine runs: see the load averages per part, and compare "
        "runs only on a quiet machine.",
        "",
        "Run it with `make bench` after `make test`'s set-up (it starts the local broker when "
        "none answers and `KAFKA_BOOTSTRAP_SERVERS` is unset, and stops it again). Every part "
        "uses its own fresh topics and consumer group, deleted at the end. "
        "`.venv/bin/python -m worker.bench --help` lists the sizes; `--restore-timeout 1800` "
        "lets a slow restore of the largest state finish instead of being extrapolated.",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    external = bool(os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "").strip())
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "").strip() or DEFAULT_BOOTSTRAP
    return asyncio.run(_run(args, ROOT, bootstrap, external))
