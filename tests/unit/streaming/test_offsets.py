"""The input guard keeps Faust from committing offsets no agent processed."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
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
        self.assigned = {ARTICLES, OTHER}

    def assignment(self) -> set[TP]:
        return self.assigned

    def ack(self, tp: TP, *offsets: int) -> None:
        for offset in offsets:
            if offset not in self._acked_index[tp]:  # as Consumer.ack: once per offset
                self._acked[tp].append(offset)
                self._acked_index[tp].add(offset)


@dataclass(frozen=True)
class Message:
    tp: TP
    offset: int


def process(guard: InputGuard, consumer: FakeConsumer, tp: TP, *offsets: int) -> None:
    """What a healthy agent does: outputs delivered (finished), then Faust acks."""
    guard.finished(Message(tp, offset) for offset in offsets)
    consumer.ack(tp, *offsets)


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
    guard = InputGuard(["articles"])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 640
    asyncio.run(consumer._add_gap(ARTICLES, 640, 664))
    process(guard, consumer, ARTICLES, *range(665, 700))
    assert consumer._new_offset(ARTICLES) is None
    process(guard, consumer, ARTICLES, *range(640, 665))
    assert consumer._new_offset(ARTICLES) == 700


def test_a_batch_acknowledged_but_never_finished_holds_the_commit() -> None:
    # A failing agent: Faust's take_events acks the batch in hand on its way out, and the
    # commit on the way down would pass it. Only finished offsets count.
    consumer = FakeConsumer()
    guard = InputGuard(["articles"])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 296
    process(guard, consumer, ARTICLES, *range(296, 304))
    consumer.ack(ARTICLES, *range(304, 312))  # abandoned
    assert consumer._new_offset(ARTICLES) == 304
    consumer._committed_offset[ARTICLES] = 304
    consumer.ack(ARTICLES, 312, 313)  # passed through the stream after its agent had gone
    assert consumer._new_offset(ARTICLES) is None
    assert consumer._acked[ARTICLES] == list(range(304, 314))  # kept for when they finish
    # Read again after the restart and finished this time.
    process(guard, consumer, ARTICLES, *range(304, 314))
    assert consumer._new_offset(ARTICLES) == 314


def test_an_unfinished_offset_at_the_commit_is_not_passed_by_faust_off_by_one() -> None:
    consumer = FakeConsumer()
    guard = InputGuard(["articles"])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 304
    consumer.ack(ARTICLES, 304)  # acknowledged, not finished
    process(guard, consumer, ARTICLES, 305, 306)
    assert consumer._new_offset(ARTICLES) is None


def test_finished_offsets_below_the_commit_are_forgotten() -> None:
    consumer = FakeConsumer()
    guard = InputGuard(["articles"])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 0
    process(guard, consumer, ARTICLES, *range(100))
    assert consumer._new_offset(ARTICLES) == 100
    consumer._committed_offset[ARTICLES] = 100
    process(guard, consumer, ARTICLES, 100)
    assert consumer._new_offset(ARTICLES) == 101
    assert guard._done[ARTICLES] == {100}


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


def test_a_partition_revoked_is_not_reported_as_a_stall() -> None:
    # Events of a partition already handed to another worker can still be acknowledged here
    # after the revocation; this worker never commits them, so nothing waits on it.
    now = [0.0]
    consumer = FakeConsumer()
    guard = InputGuard(["articles"], clock=lambda: now[0])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 215
    consumer.ack(ARTICLES, 268)
    assert guard.stalled(30) is None
    consumer.assigned = {OTHER}
    now[0] = 40.0
    assert guard.stalled(30) is None
    consumer.assigned = {ARTICLES, OTHER}  # assigned again: the wait starts afresh
    assert guard.stalled(30) is None
    now[0] = 71.0
    assert guard.stalled(30) is not None


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


def test_after_a_rebalance_messages_finished_but_not_committed_are_no_hole() -> None:
    # The rebalance forgot the acks of 296-303 (finished, not yet committed); the batch the
    # consumer had buffered (304-) comes before 296-303 are fetched again.
    consumer = Earliest(0)
    guard = InputGuard(["articles"])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 296
    assert asyncio.run(guard.in_order(ARTICLES, 296))
    process(guard, consumer, ARTICLES, *range(296, 304))
    guard.forget()
    consumer._acked.pop(ARTICLES)
    consumer._acked_index.pop(ARTICLES)
    assert asyncio.run(guard.in_order(ARTICLES, 304))
    guard.forget()
    assert not asyncio.run(guard.in_order(ARTICLES, 305))  # 304 was never finished


def test_after_a_revocation_the_next_offset_is_learnt_from_the_commit_again() -> None:
    consumer = Earliest(0)
    guard = InputGuard(["articles"])
    guard.install(consumer)
    consumer._committed_offset[ARTICLES] = 10
    assert asyncio.run(guard.in_order(ARTICLES, 10))
    guard.forget()
    consumer._committed_offset[ARTICLES] = 500  # another worker went on meanwhile
    assert asyncio.run(guard.in_order(ARTICLES, 500))
