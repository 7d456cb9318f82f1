"""The input guard keeps Faust from committing offsets no agent processed."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from types import MethodType
from typing import Any

from faust.transport.consumer import Consumer
from faust.types import TP
from intervaltree import IntervalTree

from worker.streaming.offsets import InputGuard

ARTICLES = TP("articles", 0)
OTHER = TP("changelog", 0)


class FakeConsumer:
    """The consumer's offset bookkeeping, with Faust's own commit arithmetic bound to it."""

    def __init__(self) -> None:
        self._acked: defaultdict[TP, list[int]] = defaultdict(list)
        self._acked_index: defaultdict[TP, set[int]] = defaultdict(set)
        self._committed_offset: defaultdict[TP, int | None] = defaultdict(lambda: None)
        self._gap: defaultdict[TP, IntervalTree] = defaultdict(IntervalTree)
        self._new_offset = MethodType(Consumer._new_offset, self)
        self._add_gap = MethodType(Consumer._add_gap, self)

    def ack(self, tp: TP, *offsets: int) -> None:
        for offset in offsets:
            self._acked[tp].append(offset)
            self._acked_index[tp].add(offset)


def test_faust_alone_commits_past_a_missing_head_and_a_filled_gap() -> None:
    # The defects themselves: without the guard the commit passes offsets never processed.
    consumer = FakeConsumer()
    consumer._committed_offset[ARTICLES] = 640
    consumer.ack(ARTICLES, *range(641, 650))
    assert consumer._new_offset(ARTICLES) == 650  # 640 was never acked
    other = FakeConsumer()
    other._committed_offset[ARTICLES] = 640
    asyncio.run(other._add_gap(ARTICLES, 640, 664))
    other.ack(ARTICLES, 665)
    assert other._new_offset(ARTICLES) == 666  # 640-664 were never delivered


def test_the_guard_holds_the_commit_at_the_first_unprocessed_offset() -> None:
    consumer = FakeConsumer()
    InputGuard(["articles"]).install(consumer)
    consumer._committed_offset[ARTICLES] = 640
    asyncio.run(consumer._add_gap(ARTICLES, 640, 664))
    consumer.ack(ARTICLES, *range(665, 700))
    assert consumer._new_offset(ARTICLES) is None
    consumer.ack(ARTICLES, *range(640, 665))
    assert consumer._new_offset(ARTICLES) == 700


def test_other_topics_keep_faust_behaviour() -> None:
    consumer = FakeConsumer()
    InputGuard(["articles"]).install(consumer)
    consumer._committed_offset[OTHER] = 10
    asyncio.run(consumer._add_gap(OTHER, 10, 14))  # a compacted changelog has real gaps
    consumer.ack(OTHER, 15)
    assert consumer._new_offset(OTHER) == 16


def test_a_commit_waiting_on_a_dropped_message_is_reported_after_the_delay() -> None:
    now = [0.0]
    consumer = FakeConsumer()
    guard = InputGuard(["articles"], clock=lambda: now[0])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 640
    consumer.ack(ARTICLES, 641)  # in flight: 640 is being processed, later ones are done
    assert guard.stalled(30) is None
    now[0] = 10.0
    assert guard.stalled(30) is None
    now[0] = 31.0
    stall = guard.stalled(30)
    assert stall is not None
    assert (stall.topic, stall.partition, stall.committed, stall.first_processed) == (
        "articles",
        0,
        640,
        641,
    )
    assert "640-640" in str(stall)


def test_a_commit_that_moves_on_is_not_a_stall() -> None:
    now = [0.0]
    consumer = FakeConsumer()
    guard = InputGuard(["articles"], clock=lambda: now[0])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 640
    consumer.ack(ARTICLES, 642)
    assert guard.stalled(30) is None
    now[0] = 20.0
    consumer._committed_offset[ARTICLES] = 641  # progress: the wait starts again
    assert guard.stalled(30) is None
    now[0] = 45.0
    assert guard.stalled(30) is None
    consumer.ack(ARTICLES, 641)
    consumer._committed_offset[ARTICLES] = 643
    now[0] = 100.0
    assert guard.stalled(30) is None


def test_installing_twice_patches_once() -> None:
    consumer: Any = FakeConsumer()
    guard = InputGuard(["articles"])
    guard.install(consumer)
    patched = consumer._new_offset
    guard.install(consumer)
    assert consumer._new_offset is patched


class Earliest(FakeConsumer):
    def __init__(self, earliest: int) -> None:
        super().__init__()
        self.earliest = earliest

    async def earliest_offsets(self, *tps: TP) -> dict[TP, int]:
        return {tp: self.earliest for tp in tps}


def test_messages_must_follow_each_other_without_a_hole() -> None:
    consumer = Earliest(0)
    guard = InputGuard(["articles"])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 640

    def seen(offset: int) -> bool:
        return asyncio.run(guard.in_order(ARTICLES, offset))

    assert not seen(665)  # 640-664 were dropped before the first message
    assert seen(640) and seen(641)
    assert seen(600)  # a message seen again (a re-read after a seek) is fine
    assert seen(642)
    assert not seen(650)  # 643-649 dropped
    assert asyncio.run(guard.in_order(OTHER, 99))  # other topics are not checked


def test_messages_deleted_by_retention_are_not_a_hole() -> None:
    consumer = Earliest(700)
    guard = InputGuard(["articles"])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 640
    assert asyncio.run(guard.in_order(ARTICLES, 700))
    assert asyncio.run(guard.in_order(ARTICLES, 701))


def test_after_a_revocation_the_next_offset_is_learnt_from_the_commit_again() -> None:
    consumer = Earliest(0)
    guard = InputGuard(["articles"])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 10
    assert asyncio.run(guard.in_order(ARTICLES, 10))
    guard.forget()
    consumer._committed_offset[ARTICLES] = 500  # another worker went on meanwhile
    assert asyncio.run(guard.in_order(ARTICLES, 500))
