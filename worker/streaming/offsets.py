"""Keeps Faust from committing input offsets the agents never processed.

Faust commits what its streams acknowledged, and a stream acknowledges more than the agents
finished. When an agent's loop body raises or is cancelled, Faust's iterators acknowledge the
events in hand on their way out (``take_events`` acks the whole batch in a ``finally``), and a
stream left without its agent acknowledges what still passes through it; the commit that
follows on the way down passes all of them, and the worker started again never reads them.
Two defects of the consumer (faust-streaming 0.15) lose messages after a restart or a
rebalance as well. Messages prefetched before Faust seeks to the committed offset keep
arriving after the seek and move its read position past the messages fetched again, which it
then drops as already read. The jump in offsets that follows is taken for a gap in the log (as
left by compaction or transaction markers) and filled: the dropped offsets count as processed.
And a missing message right at the committed offset does not stop the commit (the off-by-one
of faust-streaming issue 606). Either way the next commit passes messages no agent has seen.

The worker's input topics (articles, candidates) are never compacted nor written in
transactions, so a jump in their offsets is never a real gap. :class:`InputGuard` turns the
gap-filling off for them and commits only offsets the agents reported finished
(:meth:`InputGuard.finished`, once the broker has their outputs), from the committed offset
onwards, so a message dropped or abandoned holds the commit back instead of being lost. The
agents ask :meth:`InputGuard.in_order` before each message, so none is processed ahead of one
dropped before it (the incidents would then differ from those of an uninterrupted run), and
:meth:`InputGuard.stalled` reports a partition whose commit waits on a message that never
comes. Either way the worker stops and starts again (see ``worker.cli``) and reads the dropped
messages from the commit.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stall:
    topic: str
    partition: int
    committed: int
    first_processed: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"{self.topic}/{self.partition}: offsets {self.committed}-{self.first_processed - 1} "
            f"were never delivered to the agent and the commit has waited on them for "
            f"{self.seconds:.0f}s"
        )


class InputHole(RuntimeError):
    """Input messages the consumer dropped: the worker must read them again from the commit."""


class InputGuard:
    def __init__(self, topics: Iterable[str], clock: Callable[[], float] = time.monotonic):
        self._topics = frozenset(topics)
        self._clock = clock
        self._consumer: Any = None
        self._waiting: dict[Any, tuple[int, float]] = {}  # tp -> (committed, since)
        self._next: dict[Any, int] = {}  # tp -> the offset the agent should see next
        self._done: dict[Any, set[int]] = {}  # tp -> offsets finished, not yet committed

    def install(self, consumer: Any) -> None:
        """Patch ``consumer`` (once): no gap-filling, no commit past an unfinished offset."""
        if self._consumer is consumer:
            return
        topics = self._topics
        add_gap = consumer._add_gap
        new_offset = consumer._new_offset

        async def guarded_add_gap(tp: Any, offset_from: int, offset_to: int) -> None:
            if tp.topic in topics:
                log.warning(
                    "%s/%d: offsets %d-%d were skipped by the consumer; the commit waits for "
                    "them instead of passing them",
                    tp.topic,
                    tp.partition,
                    offset_from,
                    offset_to,
                )
                return
            await add_gap(tp, offset_from, offset_to)

        def guarded_new_offset(tp: Any) -> int | None:
            if tp.topic not in topics:
                result: int | None = new_offset(tp)
                return result
            committed = consumer._committed_offset[tp]
            done = self._finished_since(tp, committed)
            acked = consumer._acked[tp]
            # Acknowledged but never finished: an event abandoned by a failing agent, or one
            # that passed through a stream left without its agent. Faust's arithmetic sees
            # only the finished ones, so the commit stops at the first of the others.
            held = [offset for offset in acked if offset not in done]
            if held:
                acked[:] = [offset for offset in acked if offset in done]
            try:
                if not acked or (committed is not None and min(acked) > committed):
                    return None  # the message at the committed offset is not finished yet
                result = new_offset(tp)
            finally:
                if held:
                    acked.extend(held)
                    acked.sort()
            return result

        consumer._add_gap = guarded_add_gap
        consumer._new_offset = guarded_new_offset
        self._consumer = consumer
        self._waiting.clear()

    def finished(self, messages: Iterable[Any]) -> None:
        """The broker has every output of ``messages``: their offsets may be committed."""
        for message in messages:
            tp = message.tp
            if tp.topic in self._topics:
                self._done.setdefault(tp, set()).add(message.offset)

    def _finished_since(self, tp: Any, committed: int | None) -> set[int]:
        done = self._done.setdefault(tp, set())
        if committed is not None and done and min(done) < committed:
            done.difference_update([offset for offset in done if offset < committed])
        return done

    def forget(self) -> None:
        """Partitions revoked: the next offsets are learnt again after the assignment."""
        self._next.clear()

    async def in_order(self, tp: Any, offset: int) -> bool:
        """Whether the message at ``offset`` is the next of its partition (or one seen again).
        False means messages before it were dropped: processing it would put it ahead of them,
        so the worker must stop and read them again. The first message after an assignment is
        checked against the committed offset and the messages finished since (a rebalance
        forgets what was finished and not yet committed, and the consumer fetches it again
        after what it had buffered), unless retention has deleted the messages between them."""
        if tp.topic not in self._topics:
            return True
        expected = self._next.get(tp)
        if expected is None and self._consumer is not None:
            committed = self._consumer._committed_offset.get(tp)
            if committed is not None and offset > committed:
                earliest = (await self._consumer.earliest_offsets(tp)).get(tp)
                if earliest is None or earliest <= committed:
                    expected = committed
                    done = self._finished_since(tp, committed)
                    while expected in done:
                        expected += 1
                else:
                    expected = offset
        if expected is not None and offset > expected:
            log.error(
                "%s/%d: message %d arrived while %d-%d were never delivered",
                tp.topic,
                tp.partition,
                offset,
                expected,
                offset - 1,
            )
            return False
        self._next[tp] = offset + 1 if expected is None else max(expected, offset + 1)
        return True

    def stalled(self, after_seconds: float) -> Stall | None:
        """A partition of this worker whose commit has waited ``after_seconds`` on an offset
        never processed while later offsets were. A partition revoked is another worker's:
        what this one still acknowledged there after the revocation is never committed."""
        consumer = self._consumer
        if consumer is None:
            return None
        now = self._clock()
        assigned = consumer.assignment()
        for tp, acked in list(consumer._acked.items()):
            if tp.topic not in self._topics or tp not in assigned:
                self._waiting.pop(tp, None)
                continue
            committed = consumer._committed_offset.get(tp)
            if committed is None or not acked or min(acked) <= committed:
                self._waiting.pop(tp, None)
                continue
            known = self._waiting.get(tp)
            if known is None or known[0] != committed:
                self._waiting[tp] = (committed, now)
                continue
            if now - known[1] >= after_seconds:
                return Stall(tp.topic, tp.partition, committed, min(acked), now - known[1])
        return None
