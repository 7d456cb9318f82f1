"""A misconfigured producer stops the worker instead of draining the topic into the DLQ."""

from __future__ import annotations

import time

import orjson

from tests.integration.conftest import StartWorker
from tests.integration.harness import Names, Record, consume, mentions_by_article, produce


def test_worker_stops_when_most_messages_are_invalid_and_resumes_after(
    start_worker: StartWorker, names: Names
) -> None:
    worker = start_worker(DEAD_LETTER_WINDOW="20", DEAD_LETTER_MAX_RATIO="0.5")
    garbage = [b"\x00\x01\x02 not an article %d" % i for i in range(40)]
    produce(names.articles, [(b"one-partition", g) for g in garbage])

    deadline = time.monotonic() + 120
    while worker.alive() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not worker.alive(), f"the worker kept draining invalid messages:\n{worker.log_tail()}"
    assert worker.proc is not None and worker.proc.returncode != 0
    log = worker.log_path.read_text(errors="replace")
    assert "of the last 20 messages were invalid" in log

    # Stopped early: the limit trips once the window holds more than 10 invalid messages.
    stopped = consume([names.dead_letters], lambda r: len(r) >= 11, timeout=30)
    assert 11 <= len(stopped) < len(garbage)

    # Once the producer is fixed (here: the limit lifted), the same messages are read again,
    # nothing was skipped, and the good article behind them is processed.
    good = orjson.dumps({"id": "after-fix", "text": "Police said two men were shot in Toledo."})
    produce(names.articles, [(b"one-partition", good)])
    start_worker(DEAD_LETTER_MAX_RATIO="1")

    def dead_offsets(records: list[Record]) -> set[int]:
        return {int(r.headers["x-source-offset"]) for r in records if r.topic == names.dead_letters}

    # The dead letters and the mention go to different topics: the mention can be read before
    # the last dead letters of the same batch are, so wait for both.
    def done(records: list[Record]) -> bool:
        processed = "after-fix" in mentions_by_article(records, names.mentions)
        return processed and len(dead_offsets(records)) >= len(garbage)

    records = consume([names.dead_letters, names.mentions], done, timeout=180)
    assert "after-fix" in mentions_by_article(records, names.mentions)
    assert dead_offsets(records) == set(range(len(garbage)))
