"""Hostile payloads through the real articles topic: the worker never crashes, every bad payload
is dead-lettered with the reason its kind calls for, and every good article is processed.

Hypothesis chooses each payload's kind and the randomness that shapes it (where JSON is cut,
which types are wrong, which bytes are invalid, how deep the nesting goes); the payload is
built from those draws, so ten thousand of them stay within Hypothesis's data limits.
"""

from __future__ import annotations

import asyncio
import random
import string
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.integration.conftest import add_figures
from tests.integration.harness import (
    BOOTSTRAP,
    MAX_BYTES,
    Names,
    WorkerProcess,
    produce,
    worker_env,
)

pytestmark = pytest.mark.slow

EXAMPLES = 50
PER_EXAMPLE = 200  # hostile payloads per example: 10,000 in all
GOOD_PER_EXAMPLE = 2
TEN_MB = 10 * 1024 * 1024

FOREIGN = [
    "Un grupo de hombres armados atacó el martes una comisaría en el norte del país y mató a "
    "tres policías, según informaron las autoridades locales, que abrieron una investigación.",
    "Des hommes armés ont attaqué mardi un poste de police dans le nord du pays, tuant trois "
    "policiers, selon les autorités locales qui ont ouvert une enquête sur cette attaque.",
    "Bewaffnete Männer haben am Dienstag eine Polizeistation im Norden des Landes angegriffen "
    "und drei Polizisten getötet, wie die örtlichen Behörden mitteilten.",
    "Uomini armati hanno attaccato martedì una stazione di polizia nel nord del paese, "
    "uccidendo tre agenti, secondo quanto riferito dalle autorità locali.",
    "Homens armados atacaram na terça-feira uma delegacia no norte do país e mataram três "
    "policiais, segundo informaram as autoridades locais, que abriram uma investigação.",
]
CITIES = [
    "Dayton, Ohio",
    "Tulsa, Oklahoma",
    "Fresno, California",
    "Macon, Georgia",
    "Erie, Pennsylvania",
]


@dataclass(frozen=True)
class Payload:
    key: str
    value: bytes
    dead_letter: frozenset[str] = frozenset()  # acceptable reasons; empty: must be processed
    skipped: bool = False  # processed, and skipped as not English


def article(key: str, text: str, **extra: object) -> bytes:
    return orjson.dumps({"id": key, "text": text, **extra})


def good_text(rng: random.Random) -> str:
    city = rng.choice(CITIES)
    killed, wounded = rng.randint(1, 4), rng.randint(1, 6)
    return (
        f"{killed} people were killed and {wounded} wounded in a shooting in {city}, on Monday "
        f"night, police said. Officers found the victims near a store shortly after 10 p.m."
    )


def build(kind: str, seed: int, fragment: str, key: str) -> Payload:
    rng = random.Random(seed)
    dead = lambda *reasons: frozenset(reasons)  # noqa: E731
    if kind == "truncated_json":
        whole = article(key, good_text(rng), url=f"https://x.example/{seed}")
        return Payload(key, whole[: rng.randrange(1, len(whole) - 1)], dead("invalid_json"))
    if kind == "garbage_json":
        junk = "".join(rng.choice(string.printable) for _ in range(rng.randint(1, 200)))
        return Payload(key, ("{" + fragment + junk).encode(), dead("invalid_json", "missing_text"))
    if kind == "wrong_types":
        wrong = rng.choice([42, 3.5, True, ["a"], {"b": 1}])
        field_name = rng.choice(
            ["text", "title", "url", "outlet", "published_at", "language", "id"]
        )
        body = {"id": key, "text": good_text(rng), field_name: wrong}
        if field_name == "id" and isinstance(wrong, int) and not isinstance(wrong, bool):
            body[field_name] = [wrong]  # an integer id is valid; a list is not
        return Payload(key, orjson.dumps(body), dead("invalid_field"))
    if kind == "missing_text":
        body = {"id": key, "title": fragment or "headline", "summary": good_text(rng)}
        return Payload(key, orjson.dumps(body), dead("missing_text"))
    if kind == "empty_text":
        blank = "".join(rng.choice(" \t\n\r") for _ in range(rng.randint(0, 50)))
        return Payload(key, article(key, blank), dead("empty_text"))
    if kind == "not_utf8":
        raw = bytearray(good_text(rng).encode())
        raw.insert(rng.randrange(len(raw)), rng.choice([0xFF, 0xFE, 0xC0, 0x80]))
        return Payload(key, bytes(raw), dead("not_utf8"))
    if kind == "binary":
        raw = bytes(rng.randrange(256) for _ in range(rng.randint(1, 2000)))
        return Payload(key, b"\x00" + raw, dead("binary", "not_utf8"))
    if kind == "deep_json":
        depth = rng.randint(1100, 20000)
        return Payload(
            key, b'{"text": "x", "a": ' + b"[" * depth + b"]" * depth + b"}", dead("invalid_json")
        )
    if kind == "huge":
        body = orjson.dumps({"id": key, "text": "Police said. " * (TEN_MB // 13)})
        return Payload(key, body, dead("too_large"))
    if kind == "html":
        title = "".join(c for c in fragment if c.isprintable())  # markup only, nothing binary
        page = (
            f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
            + "".join(f"<p class='c{i}'>{good_text(rng)}</p>" for i in range(rng.randint(1, 9)))
            + "</body></html>"
        )
        as_json = rng.random() < 0.5
        return Payload(key, article(key, page) if as_json else page.encode(), dead("html"))
    if kind == "control_chars":
        text = list(good_text(rng))
        for _ in range(rng.randint(3, 40)):
            text.insert(
                rng.randrange(len(text)), chr(rng.choice([1, 2, 3, 7, 8, 0x1B, 0x7F, 0x90]))
            )
        return Payload(key, article(key, "".join(text)), dead("binary"))
    if kind == "absurd_date":
        stamp = rng.choice(
            [
                "9999-99-99",
                "0000-01-01T00:00:00Z",
                "2018-13-45T25:61:00Z",
                "50000-01-01T00:00:00Z",
                "yesterday",
                "1e308",
                fragment or "soon",
            ]
        )
        return Payload(key, article(key, good_text(rng), published_at=stamp), dead("invalid_field"))
    if kind == "absurd_number_fields":
        value = rng.choice([1e308, -1, 10**30, float("1e-300"), 2**63])
        raw = b'{"id": "%s", "text": "x", "outlet": %s}' % (key.encode(), repr(value).encode())
        return Payload(key, raw, dead("invalid_field", "invalid_json"))
    if kind == "absurd_numbers_in_text":
        n = rng.choice(["999999999999", "1e308", "-5", "0.000001", "two trillion"])
        text = f"Police said {n} people were shot in Tulsa, Oklahoma, on Monday night."
        return Payload(key, article(key, text))
    if kind == "not_english":
        return Payload(key, article(key, rng.choice(FOREIGN)), skipped=True)
    raise AssertionError(kind)


KINDS = [
    "truncated_json",
    "garbage_json",
    "wrong_types",
    "missing_text",
    "empty_text",
    "not_utf8",
    "binary",
    "deep_json",
    "html",
    "control_chars",
    "absurd_date",
    "absurd_number_fields",
    "absurd_numbers_in_text",
    "not_english",
]
payload_draws = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 2**32 - 1), st.text(max_size=20)),
    min_size=PER_EXAMPLE,
    max_size=PER_EXAMPLE,
)


@dataclass(repr=False)
class Collector:
    """Reads the dead-letter and mention topics in the background, by key and article id."""

    names: Names
    dead: dict[str, list[tuple[bytes | None, str]]] = field(default_factory=dict)
    mentions: dict[str, list[dict]] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)
        self._thread.start()

    async def _run(self) -> None:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=BOOTSTRAP,
            group_id=None,
            max_partition_fetch_bytes=MAX_BYTES,
            fetch_max_bytes=MAX_BYTES,
        )
        await consumer.start()
        try:
            tps = [TopicPartition(self.names.dead_letters, 0)] + [
                TopicPartition(self.names.mentions, p) for p in range(4)
            ]
            consumer.assign(tps)
            await consumer.seek_to_beginning(*tps)
            while not self._stop.is_set():
                for tp, records in (await consumer.getmany(timeout_ms=300)).items():
                    with self._lock:
                        for r in records:
                            if tp.topic == self.names.dead_letters:
                                key = (r.key or b"").decode()
                                reason = dict(r.headers)["x-dead-letter-reason"].decode()
                                self.dead.setdefault(key, []).append((r.value, reason))
                            else:
                                m = orjson.loads(r.value)
                                self.mentions.setdefault(m["article_id"], []).append(m)
        finally:
            await consumer.stop()

    def wait_for(self, keys: set[str], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if all(k in self.dead or k in self.mentions for k in keys):
                    return True
            time.sleep(0.2)
        return False

    def __repr__(self) -> str:
        return f"Collector({len(self.dead)} dead letters, {len(self.mentions)} articles mentioned)"

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


@pytest.fixture(scope="module")
def live(
    kafka: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Names, WorkerProcess, Collector]]:
    names = Names()
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    env = worker_env(names, tmp / "data", DEAD_LETTER_MAX_RATIO="1")
    worker = WorkerProcess(env, tmp / "worker.log").start()
    worker.wait_ready()
    collector = Collector(names)
    collector.start()
    started = time.monotonic()
    yield names, worker, collector
    collector.stop()
    worker.stop()
    add_figures(
        {
            "test": "test_hostile_payloads",
            "hostile_payloads": tally["hostile"],
            "good_articles": tally["good"],
            "ten_mb_bodies": tally["huge"],
            "by_expected_outcome": dict(sorted(outcomes.items())),
            "seconds": round(time.monotonic() - started, 1),
        }
    )


counter = iter(range(10**9))
outcomes: dict[str, int] = {}
tally = {"hostile": 0, "good": 0, "huge": 0}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@given(draws=payload_draws, huge=st.booleans())
def test_hostile_payloads(
    live: tuple[Names, WorkerProcess, Collector], draws: list[tuple[str, int, str]], huge: bool
) -> None:
    names, worker, collector = live
    example = next(counter)
    payloads = [
        build(kind, seed, fragment, f"p{example}-{i}")
        for i, (kind, seed, fragment) in enumerate(draws)
    ]
    if huge and tally["huge"] < 3:  # a few 10 MB bodies in all; each crosses the broker twice
        payloads[0] = build("huge", example, "", payloads[0].key)
        tally["huge"] += 1
    rng = random.Random(example)
    for g in range(GOOD_PER_EXAMPLE):
        key = f"good{example}-{g}"
        payloads.insert(rng.randrange(len(payloads)), Payload(key, article(key, good_text(rng))))
    produce(names.articles, [(p.key.encode(), p.value) for p in payloads])

    keys = {p.key for p in payloads}
    assert collector.wait_for(keys, timeout=300), "outcomes missing"
    assert worker.alive(), worker.log_tail()
    with collector._lock:
        for p in payloads:
            dead = collector.dead.get(p.key, [])
            mentions = collector.mentions.get(p.key, [])
            if p.dead_letter:
                assert len(dead) == 1 and not mentions, (p.key, p.value[:200], dead, mentions)
                value, reason = dead[0]
                assert reason in p.dead_letter, (p.value[:200], reason, p.dead_letter)
                assert value == p.value
            else:
                assert not dead, (p.key, p.value[:200], dead)
                assert mentions, p.key
                assert len({m["mention_id"] for m in mentions}) == len(mentions)
                decisions = {m["decision"] for m in mentions}
                if p.skipped:
                    assert decisions == {"skipped"}
                    assert {m["reason"] for m in mentions} == {"not_english"}
                else:
                    assert "skipped" not in decisions
    tally["hostile"] += len(draws)
    tally["good"] += GOOD_PER_EXAMPLE
    with collector._lock:
        for p in payloads:  # the outcomes observed, for docs/reliability.md
            dead = collector.dead.get(p.key)
            observed = (
                f"dead letter: {dead[0][1]}"
                if dead
                else "mention: "
                + "+".join(sorted({m["decision"] for m in collector.mentions[p.key]}))
            )
            outcomes[observed] = outcomes.get(observed, 0) + 1
