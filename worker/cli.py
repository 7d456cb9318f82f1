"""``python -m worker`` / ``incident-worker``: run, produce, tail, process, topics."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from worker.settings import Settings, SettingsError

if TYPE_CHECKING:
    from worker.streaming.app import WorkerApp

log = logging.getLogger("worker")

EXIT_CONFIG = 2
EXIT_KAFKA = 3
EXIT_REREAD = 75  # EX_TEMPFAIL: input was dropped by the consumer; a restart reads it again
MAX_REREADS = 5
EXIT_FAILED = 1
# After an agent failed, Faust's shutdown normally ends the process within a second or two;
# past this the watchdog ends it (nothing is lost: the failed input was never committed).
STOP_GRACE_SECONDS = 30.0
REREADS_ENV = "WORKER_REREADS"  # restarts so far in this lineage, set by the worker itself


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(),
        format="[%(asctime)s] %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def read_articles(
    paths: Sequence[str], fmt: str = "auto"
) -> Iterator[tuple[bytes | None, bytes, str, int]]:
    """(key, value, origin, line) per article: a JSONL line, or a whole text file."""
    for path in paths:
        if path == "-":
            stream_fmt = "jsonl" if fmt == "auto" else fmt
            data = sys.stdin.buffer.read()
            yield from _split(data, stream_fmt, "<stdin>")
            continue
        file = Path(path)
        kind = fmt
        if kind == "auto":
            kind = "jsonl" if file.suffix in {".jsonl", ".ndjson", ".json"} else "text"
        yield from _split(file.read_bytes(), kind, str(file))


def _split(data: bytes, fmt: str, origin: str) -> Iterator[tuple[bytes | None, bytes, str, int]]:
    if fmt == "text":
        yield None, data, origin, 0
        return
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        key: bytes | None = None
        try:
            parsed = orjson.loads(line)
            if isinstance(parsed, dict) and isinstance(parsed.get("id"), str | int):
                key = str(parsed["id"]).encode("utf-8")
        except orjson.JSONDecodeError:
            pass  # sent as is: the worker dead-letters it with its reason
        yield key, line, origin, number


# -- commands ----------------------------------------------------------------------------


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    import faust
    from prometheus_client import CollectorRegistry

    from worker.extraction import load_extractor
    from worker.metrics import Metrics
    from worker.streaming.app import WorkerApp
    from worker.streaming.kafka import KafkaUnavailable, TopicMismatch, ensure_topics

    try:
        created = asyncio.run(ensure_topics(settings))
    except (KafkaUnavailable, TopicMismatch) as exc:
        log.error("%s", exc)
        return EXIT_KAFKA
    if created:
        log.info("created %d topics", len(created))

    metrics = Metrics(CollectorRegistry())
    started = time.perf_counter()
    extractor = load_extractor(
        settings.spacy_model,
        geo_cache_dir=settings.gazetteer_cache,
        max_chars=settings.extract_max_chars,
    )
    metrics.model_load_seconds.set(time.perf_counter() - started)
    log.info("model %s loaded in %.1fs", settings.spacy_model, time.perf_counter() - started)
    # The model and the gazetteer live as long as the process: a full collection walking
    # their ~180k objects took 0.3 s, a pause in the middle of a batch.
    gc.freeze()

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    worker_app = WorkerApp(settings, metrics, extractor)
    worker_app.prepare_local_state()
    asyncio.run(worker_app.restore_state())
    worker = faust.Worker(worker_app.app, loglevel=settings.log_level, override_logging=False)
    threading.Thread(
        target=_watchdog, args=(worker_app, STOP_GRACE_SECONDS), name="watchdog", daemon=True
    ).start()
    try:
        worker.execute_from_commandline()
    except BaseException:  # SystemExit, or the CancelledError Faust re-raises after a crash
        if worker_app.input_hole is None:
            raise
    finally:
        worker_app.stopped()
        worker_app.close()
    if worker_app.input_hole is not None:
        return _read_again(str(worker_app.input_hole))
    return 0


def _watchdog(worker_app: WorkerApp, grace: float) -> None:
    """End the process if it outlives a failure by ``grace`` seconds: a worker whose agent
    has stopped must not linger, looking alive while it reads nothing."""
    worker_app.failed.wait()
    time.sleep(grace)
    log.critical(
        "the worker did not stop within %.0fs of its failure (%r); exiting",
        grace,
        worker_app.failure,
    )
    code = EXIT_FAILED
    if worker_app.input_hole is not None:
        code = _read_again(str(worker_app.input_hole))  # returns only when out of restarts
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _read_again(reason: str) -> int:
    """Start this worker afresh (same command line, same process id): the consumer dropped
    input messages, and the committed offsets, held before them, make a new process read them.
    After MAX_REREADS in one lineage, exit with EXIT_REREAD and leave it to the supervisor."""
    rereads = int(os.environ.get(REREADS_ENV, "0"))
    if rereads >= MAX_REREADS:
        log.error("input dropped again after %d restarts (%s); exiting", rereads, reason)
        return EXIT_REREAD
    os.environ[REREADS_ENV] = str(rereads + 1)
    log.warning("restarting to read dropped input again (%s)", reason)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


def cmd_produce(settings: Settings, args: argparse.Namespace) -> int:
    from worker.codec.articles import parse_timestamp
    from worker.streaming.client import Outgoing, produce

    topic = args.topic or settings.topics.articles
    headers: tuple[tuple[str, bytes], ...] = ()
    if args.published_at:
        published = parse_timestamp(args.published_at)
        if published is None:
            print(f"--published-at {args.published_at!r} is not RFC 3339", file=sys.stderr)
            return EXIT_CONFIG
        headers = (("published_at", published.isoformat().encode("utf-8")),)
    messages = [
        Outgoing(key, value, headers=headers)
        for key, value, _, _ in read_articles(args.files, args.format)
    ]
    sent = asyncio.run(produce(settings, topic, messages))
    print(f"sent {sent} articles to {topic}", file=sys.stderr)
    return 0


def cmd_tail(settings: Settings, args: argparse.Namespace) -> int:
    from worker.streaming.client import follow
    from worker.tail_format import format_record

    topics = [settings.topics.incidents]
    if args.mentions:
        topics.append(settings.topics.mentions)
    if args.dead_letters:
        topics.append(settings.topics.dead_letters)

    def show(topic: str, key: bytes | None, value: bytes | None) -> None:
        if args.json:
            print(value.decode("utf-8", "replace") if value else "null", flush=True)
        else:
            print(format_record(topic, settings.topics, key, value), flush=True)

    asyncio.run(
        follow(
            settings,
            topics,
            show,
            from_beginning=not args.latest,
            max_records=args.max_records,
            idle_timeout=args.idle_timeout,
        )
    )
    return 0


def cmd_process(settings: Settings, args: argparse.Namespace) -> int:
    from worker.codec import encode, to_jsonable
    from worker.dedup.engine import DedupEngine, MemoryStore
    from worker.domain import Delivery, Incident, Mention
    from worker.extraction import load_extractor
    from worker.pipeline import Absorbed, DeadLetter, LocalPipeline

    extractor = load_extractor(
        settings.spacy_model,
        geo_cache_dir=settings.gazetteer_cache,
        max_chars=settings.extract_max_chars,
    )
    engine = DedupEngine(MemoryStore(), settings.dedup)
    pipeline = LocalPipeline(
        extractor,
        engine,
        max_bytes=settings.max_message_bytes,
        batch_size=settings.extract_batch_size,
    )
    messages = (
        (value, Delivery(topic=origin, partition=0, offset=line))
        for _, value, origin, line in read_articles(args.input, args.format)
    )
    latest: dict[str, Incident] = {}
    counts: Counter[str] = Counter()
    with contextlib.ExitStack() as stack:
        mentions_out = (
            stack.enter_context(open(args.mentions, "w", encoding="utf-8"))
            if args.mentions
            else None
        )
        for output in pipeline.run(messages):
            if isinstance(output, Incident):
                latest[output.incident_id] = output
                counts["incident versions"] += 1
            elif isinstance(output, Absorbed):
                latest.pop(output.incident_id, None)
                counts["absorbed"] += 1
            elif isinstance(output, Mention):
                counts[output.decision.value] += 1
                if mentions_out is not None:
                    mentions_out.write(encode(output).decode("utf-8") + "\n")
            elif isinstance(output, DeadLetter):
                counts[f"dead letter: {output.reason}"] += 1
                where = f"{output.delivery.topic}:{output.delivery.offset}"
                print(f"dead letter {where}: {output.reason} ({output.detail})", file=sys.stderr)
    with open(args.output, "wb") as out:
        for incident in latest.values():
            out.write(orjson.dumps(to_jsonable(incident)) + b"\n")
    summary = ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
    print(f"{len(latest)} incidents written to {args.output} ({summary})", file=sys.stderr)
    return 0


def cmd_topics(settings: Settings, args: argparse.Namespace) -> int:
    from worker.streaming.kafka import KafkaUnavailable, TopicMismatch, ensure_topics, topic_specs

    try:
        created = asyncio.run(ensure_topics(settings))
    except (KafkaUnavailable, TopicMismatch) as exc:
        log.error("%s", exc)
        return EXIT_KAFKA
    for spec in topic_specs(settings):
        state = "created" if spec.name in created else "exists"
        print(f"{spec.name}\t{spec.partitions} partitions\t{state}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="incident-worker",
        description="Turn news articles on Kafka into deduplicated, versioned incident records. "
        "Configuration comes from environment variables (see README.md).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("run", help="run the stream worker")

    p = sub.add_parser(
        "produce", help="push articles (JSONL lines or whole text files) onto the articles topic"
    )
    p.add_argument("files", nargs="+", help="JSONL or text files; - reads standard input")
    p.add_argument("--topic", help="topic to send to (default: the articles topic)")
    p.add_argument(
        "--format",
        choices=["auto", "jsonl", "text"],
        default="auto",
        help="auto: .jsonl/.ndjson/.json files are JSON lines, anything else one article",
    )
    p.add_argument(
        "--published-at",
        help="RFC 3339 publication time for articles that carry none (a published_at header)",
    )

    t = sub.add_parser("tail", help="print incident records as they arrive")
    t.add_argument("--mentions", action="store_true", help="also print mention records")
    t.add_argument("--dead-letters", action="store_true", help="also print dead letters")
    t.add_argument("--latest", action="store_true", help="only records that arrive from now on")
    t.add_argument("--json", action="store_true", help="print raw JSON records")
    t.add_argument("--max-records", type=int, help="stop after this many records")
    t.add_argument(
        "--idle-timeout", type=float, help="stop after this many seconds without a record"
    )

    pr = sub.add_parser("process", help="extract and deduplicate files without a broker")
    pr.add_argument("--input", nargs="+", required=True, help="JSONL or text files")
    pr.add_argument("--output", required=True, help="incidents, final state, one JSON per line")
    pr.add_argument("--mentions", help="also write every mention record here")
    pr.add_argument("--format", choices=["auto", "jsonl", "text"], default="auto")

    sub.add_parser("topics", help="create the topics with the declared partition counts")
    return parser


COMMANDS = {
    "run": cmd_run,
    "produce": cmd_produce,
    "tail": cmd_tail,
    "process": cmd_process,
    "topics": cmd_topics,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env(os.environ)
    except SettingsError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    _configure_logging(settings.log_level)
    try:
        return COMMANDS[args.command](settings, args)
    except KeyboardInterrupt:
        return 130
