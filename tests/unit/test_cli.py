"""The run command's last resorts: the watchdog that ends a failed worker, and the in-place
restart that reads dropped input again."""

from __future__ import annotations

import os
import sys
import threading
from types import SimpleNamespace
from typing import Any

import pytest

from worker import cli
from worker.streaming.offsets import InputHole


class Exited(Exception):
    pass


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    codes: list[Any] = []

    def fake_exit(code: Any) -> None:
        codes.append(code)
        raise Exited

    monkeypatch.setattr(os, "_exit", fake_exit)
    return codes


@pytest.fixture
def execs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []
    monkeypatch.setattr(os, "execv", lambda path, argv: calls.append(argv))
    return calls


def failed_app(
    failure: BaseException | None, input_hole: InputHole | None = None
) -> SimpleNamespace:
    app = SimpleNamespace(failed=threading.Event(), failure=failure, input_hole=input_hole)
    if failure is not None:
        app.failed.set()
    return app


def run_watchdog(app: SimpleNamespace, grace: float = 0.01) -> None:
    with pytest.raises(Exited):
        cli._watchdog(app, grace)  # type: ignore[arg-type]


def test_watchdog_ends_a_worker_that_outlives_its_failure(exits: list[Any]) -> None:
    run_watchdog(failed_app(RuntimeError("20 of the last 20 messages were invalid")))
    assert exits == [cli.EXIT_FAILED]


def test_watchdog_waits_for_a_failure(exits: list[Any]) -> None:
    app = failed_app(None)
    thread = threading.Thread(target=cli._watchdog, args=(app, 0.0), daemon=True)
    thread.start()
    thread.join(0.2)
    assert thread.is_alive() and exits == []


def test_watchdog_restarts_in_place_after_dropped_input(
    exits: list[Any], execs: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cli.REREADS_ENV, raising=False)
    hole = InputHole("articles/0: messages before offset 7 were dropped by the consumer")
    run_watchdog(failed_app(hole, input_hole=hole))
    assert len(execs) == 1 and execs[0][1:] == sys.orig_argv[1:]
    assert os.environ[cli.REREADS_ENV] == "1"


def test_watchdog_gives_up_after_too_many_restarts(
    exits: list[Any], execs: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cli.REREADS_ENV, str(cli.MAX_REREADS))
    hole = InputHole("articles/0: offsets 3-9 were never delivered")
    run_watchdog(failed_app(hole, input_hole=hole))
    assert execs == [] and exits == [cli.EXIT_REREAD]
