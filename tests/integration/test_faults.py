"""Crashes, broker outages, a lost group member and an unwritable output topic lose nothing.

Each test pushes a corpus of about three thousand articles with known content, runs a fault-free
reference worker on the same articles topic (its own group and output topics), interrupts the
worker under test, and then requires the same mentions and the same incidents, field for field,
from both, with every article accounted for exactly once.
"""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from tests.integration.conftest import Record, StartWorker
from tests.integration.faults import (
    Corpus,
    PrivateBroker,
    assert_same_outcome,
    complete,
    corpus,
    figures,
    output_names,
    progress,
    read_outcome,
    rss_bytes,
    wait_for,
)
from tests.integration.harness import BOOTSTRAP, Names, consume, produce_stamped

pytestmark = pytest.mark.slow


# One articles partition: candidates reach deduplication in offset order in every run, so
# "the same incidents as a fault-free run" is well defined, whatever dedup decides.
ORDERED = {"ARTICLE_PARTITIONS": "1"}


def under_test(names: Names) -> dict[str, str]:
    return {
        "TOPIC_INCIDENTS": names.incidents,
        "TOPIC_MENTIONS": names.mentions,
        "TOPIC_DEAD_LETTERS": names.dead_letters,
    }


def finish_and_compare(names: Names, data: Corpus, record: Record) -> None:
    faulty_topics = under_test(names)
    reference_topics = output_names(names, "ref")
    faulty = read_outcome(faulty_topics, until=complete(faulty_topics, data))
    expected = read_outcome(reference_topics, until=complete(reference_topics, data))
    record(**figures(faulty, data))
    assert_same_outcome(faulty, expected, data)


def test_sigkill_mid_stream_then_restart(
    start_worker: StartWorker, names: Names, record_figures: Record
) -> None:
    data = corpus()
    start_worker(data="ref", **ORDERED, **output_names(names, "ref"))  # creates the articles topic
    produce_stamped(names.articles, data.messages)
    worker = start_worker(**ORDERED)
    consume([names.mentions], progress(under_test(names), 0.3, data), timeout=600)
    worker.kill()
    restarted = start_worker(**ORDERED)
    # The local copy of a killed worker is discarded: its state comes back from the
    # changelog, read in bulk before Faust starts.
    log = restarted.log_path.read_text(errors="replace")
    bulk = re.search(r"restored (\d+) changelog records", log)
    assert bulk is not None and int(bulk.group(1)) > 0, restarted.log_tail()
    finish_and_compare(names, data, record_figures)


def test_one_of_two_workers_killed_the_other_takes_over(
    start_worker: StartWorker, names: Names, record_figures: Record
) -> None:
    data = corpus()
    start_worker(data="ref", **ORDERED, **output_names(names, "ref"))
    produce_stamped(names.articles, data.messages)
    doomed = start_worker(data="first", **ORDERED)
    survivor = start_worker(data="second", **ORDERED)
    consume([names.mentions], progress(under_test(names), 0.3, data), timeout=600)
    doomed.kill()
    finish_and_compare(names, data, record_figures)
    assert survivor.alive()


def test_broker_down_for_30_seconds(
    start_worker: StartWorker, names: Names, tmp_path: Path, record_figures: Record
) -> None:
    data = corpus()
    broker = PrivateBroker(tmp_path / "broker")
    broker.up()
    try:
        private = {"KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap, **ORDERED}
        worker = start_worker(**private)
        produce_stamped(names.articles, data.messages, bootstrap=broker.bootstrap)
        consume(
            [names.mentions],
            progress(under_test(names), 0.3, data),
            timeout=600,
            bootstrap=broker.bootstrap,
        )
        broker.down()
        time.sleep(30)
        assert worker.alive(), worker.log_tail()
        broker.up()
        topics = under_test(names)
        faulty = read_outcome(topics, broker.bootstrap, until=complete(topics, data))
        assert worker.alive(), "the worker needed help to recover"
        # The fault-free reference reads the very same stored messages: a fresh group on the
        # same topic, once the broker is back for good.
        reference = output_names(names, "ref")
        start_worker(data="ref", **private, **reference)
        expected = read_outcome(reference, broker.bootstrap, until=complete(reference, data))
        record_figures(outage_seconds=30, **figures(faulty, data))
        assert_same_outcome(faulty, expected, data)
    finally:
        broker.down()


async def _set_topic_config(topic: str, name: str, value: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        await admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, {name: value})])
    finally:
        await admin.close()


def test_incidents_topic_unwritable_for_a_while(
    start_worker: StartWorker, names: Names, record_figures: Record
) -> None:
    data = corpus()
    start_worker(data="ref", **ORDERED, **output_names(names, "ref"))
    produce_stamped(names.articles, data.messages)
    worker = start_worker(**ORDERED)
    consume([names.mentions], progress(under_test(names), 0.2, data), timeout=600)
    assert worker.proc is not None
    before = rss_bytes(worker.proc.pid)
    # One broker cannot satisfy two in-sync replicas: every write to the topic is refused
    # with a retriable error until the setting is restored.
    asyncio.run(_set_topic_config(names.incidents, "min.insync.replicas", "2"))
    peak = before
    deadline = time.monotonic() + 25
    while time.monotonic() < deadline:
        peak = max(peak, rss_bytes(worker.proc.pid))
        time.sleep(0.5)
    assert worker.alive(), worker.log_tail()
    asyncio.run(_set_topic_config(names.incidents, "min.insync.replicas", "1"))
    finish_and_compare(names, data, record_figures)
    assert worker.alive()
    # Blocked output must not pile up in memory: the worker stops reading instead.
    record_figures(rss_before_mb=before // 2**20, rss_peak_during_mb=peak // 2**20)
    assert peak - before < 200 * 1024 * 1024, (before, peak)
    assert wait_for(worker.alive, 1)
