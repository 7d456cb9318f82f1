"""Helpers for tests against a real Kafka broker: a worker subprocess, producing, consuming.

Every test gets its own topic names and consumer group, so tests never see each other's data.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

ROOT = Path(__file__).resolve().parents[2]
BOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
MAX_BYTES = 32 * 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _broker_answers(bootstrap: str) -> bool:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000)
    try:
        await admin.start()
        await admin.describe_cluster()
        return True
    except Exception:
        return False
    finally:
        await admin.close()


async def _partition_counts(topics: Sequence[str], bootstrap: str = BOOTSTRAP) -> dict[str, int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10000)
    await admin.start()
    try:
        counts = {}
        for d in await admin.describe_topics(list(topics)):
            if d.get("error_code", 0) == 0 and d.get("partitions"):
                counts[d["topic"]] = len(d["partitions"])
        return counts
    finally:
        await admin.close()


def broker_answers(bootstrap: str = BOOTSTRAP) -> bool:
    return asyncio.run(_broker_answers(bootstrap))


@dataclass
class Names:
    """Unique topic names and group for one test."""

    prefix: str = field(default_factory=lambda: f"t{uuid.uuid4().hex[:10]}")

    @property
    def articles(self) -> str:
        return f"{self.prefix}-articles"

    @property
    def incidents(self) -> str:
        return f"{self.prefix}-incidents"

    @property
    def mentions(self) -> str:
        return f"{self.prefix}-mentions"

    @property
    def dead_letters(self) -> str:
        return f"{self.prefix}-dlq"

    @property
    def candidates(self) -> str:
        return f"{self.prefix}-candidates"

    @property
    def app_id(self) -> str:
        return f"{self.prefix}-worker"


def worker_env(names: Names, data_dir: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TOPIC_", "DEDUP_", "KAFKA_"))}
    env.update(
        {
            "KAFKA_BOOTSTRAP_SERVERS": BOOTSTRAP,
            "WORKER_APP_ID": names.app_id,
            "TOPIC_ARTICLES": names.articles,
            "TOPIC_INCIDENTS": names.incidents,
            "TOPIC_MENTIONS": names.mentions,
            "TOPIC_DEAD_LETTERS": names.dead_letters,
            "TOPIC_CANDIDATES": names.candidates,
            "ARTICLE_PARTITIONS": "4",
            "INCIDENT_PARTITIONS": "4",
            "WORKER_DATA_DIR": str(data_dir),
            # One gazetteer index for every test worker: it is built once, then only read.
            "GEO_CACHE_DIR": str(ROOT / "var" / "cache" / "geo"),
            "WEB_PORT": str(free_port()),
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


class WorkerProcess:
    """``python -m worker run`` as a child process, its output in a log file."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = env
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def port(self) -> int:
        return int(self.env["WEB_PORT"])

    def start(self) -> WorkerProcess:
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "worker", "run"],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        log.close()
        return self

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def get(self, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.port}{path}", timeout=timeout
            ) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def wait_ready(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"worker exited with {self.proc.returncode}:\n{self.log_tail()}"
                )
            try:
                status, _ = self.get("/ready", timeout=2.0)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"worker not ready within {timeout}s:\n{self.log_tail()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return self.proc.returncode

    def kill(self) -> int:
        return self.stop(signal.SIGKILL)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


@dataclass(frozen=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: dict[str, bytes]
    timestamp: int

    def json(self) -> Any:
        assert self.value is not None
        return orjson.loads(self.value)


async def _produce(
    messages: Sequence[tuple[str, bytes | None, bytes, dict[str, Any]]], bootstrap: str = BOOTSTRAP
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=MAX_BYTES)
    await producer.start()
    try:
        futures = [
            await producer.send(topic, value=value, key=key, **options)
            for topic, key, value, options in messages
        ]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


def produce(
    topic: str, values: Sequence[bytes | tuple[bytes | None, bytes]], **options: Any
) -> None:
    messages = []
    for item in values:
        key, value = item if isinstance(item, tuple) else (None, item)
        messages.append((topic, key, value, options))
    asyncio.run(_produce(messages))


def produce_stamped(
    topic: str, messages: Sequence[tuple[bytes, bytes, int]], bootstrap: str = BOOTSTRAP
) -> None:
    """(key, value, timestamp in ms) messages, in order."""
    batch = [(topic, key, value, {"timestamp_ms": stamp}) for key, value, stamp in messages]
    asyncio.run(_produce(batch, bootstrap))


async def _consume(
    topics: Sequence[str], until: Callable[[list[Record]], bool], timeout: float, bootstrap: str
) -> list[Record]:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=None,
        enable_auto_commit=False,
        max_partition_fetch_bytes=MAX_BYTES,
        fetch_max_bytes=MAX_BYTES,
    )
    deadline = time.monotonic() + timeout
    counts: dict[str, int] = {}
    while time.monotonic() < deadline:
        counts = await _partition_counts(topics, bootstrap)
        if set(counts) == set(topics):
            break
        await asyncio.sleep(0.5)
    assert set(counts) == set(topics), f"topics missing: {set(topics) - set(counts)}"
    partitions = [TopicPartition(t, p) for t in topics for p in range(counts[t])]
    await consumer.start()
    records: list[Record] = []
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        while time.monotonic() < deadline:
            records.extend(_records(await consumer.getmany(timeout_ms=500)))
            if until(records):
                # Partitions are fetched independently: read each to its end offset, so the
                # snapshot is complete, not just enough to satisfy the condition.
                ends = await consumer.end_offsets(partitions)
                while time.monotonic() < deadline:
                    positions = {tp: await consumer.position(tp) for tp in ends}
                    if all(positions[tp] >= end for tp, end in ends.items()):
                        break
                    records.extend(_records(await consumer.getmany(timeout_ms=500)))
                break
    finally:
        await consumer.stop()
    return records


def _records(batches: dict[TopicPartition, list[Any]]) -> list[Record]:
    return [
        Record(
            tp.topic,
            tp.partition,
            m.offset,
            m.key,
            m.value,
            {k: bytes(v) for k, v in (m.headers or ())},
            m.timestamp,
        )
        for tp, items in batches.items()
        for m in items
    ]


def consume(
    topics: Sequence[str],
    until: Callable[[list[Record]], bool],
    timeout: float = 120.0,
    bootstrap: str | None = None,
) -> list[Record]:
    """Every record of the topics from the beginning, until the predicate holds or time is up."""
    return asyncio.run(_consume(topics, until, timeout, bootstrap or BOOTSTRAP))


def mentions_by_article(records: Sequence[Record], topic: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        if record.topic == topic:
            mention = record.json()
            found.setdefault(mention["article_id"], []).append(mention)
    return found


def latest_incidents(records: Sequence[Record], topic: str) -> dict[str, dict[str, Any]]:
    latest: dict[str, dict[str, Any]] = {}
    for record in records:
        if record.topic == topic and record.value is None and record.key is not None:
            latest.pop(record.key.decode("utf-8"), None)  # absorbed into another incident
        elif record.topic == topic and record.value is not None:
            incident = record.json()
            known = latest.get(incident["incident_id"])
            if known is None or incident["version"] >= known["version"]:
                latest[incident["incident_id"]] = incident
    return latest
