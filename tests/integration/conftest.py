import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.harness import (
    BOOTSTRAP,
    IN_CI,
    ROOT,
    Names,
    WorkerProcess,
    broker_answers,
    worker_env,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/integration" in str(item.path):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def kafka() -> str:
    if broker_answers():
        return BOOTSTRAP
    message = f"no Kafka broker answers at {BOOTSTRAP}; `make kafka-up` starts one"
    if IN_CI:
        pytest.fail(f"CI=true and {message}: integration tests may not skip in CI")
    pytest.skip(message)


@pytest.fixture
def names(kafka: str) -> Names:
    return Names()


StartWorker = Callable[..., WorkerProcess]


@pytest.fixture
def start_worker(names: Names, tmp_path: Path) -> Iterator[StartWorker]:
    """Start a worker on this test's topics; ``data`` names its state directory.

    Starting again with the same ``data`` reuses the state, as a restarted worker would.
    """
    workers: list[WorkerProcess] = []

    def start(data: str = "data", wait: bool = True, **overrides: str) -> WorkerProcess:
        env = worker_env(names, tmp_path / data, **overrides)
        worker = WorkerProcess(env, tmp_path / f"worker-{len(workers)}.log").start()
        workers.append(worker)
        if wait:
            worker.wait_ready()
        return worker

    yield start
    for worker in workers:
        if worker.alive():
            worker.stop()


Record = Callable[..., None]
_FIGURES: list[dict[str, Any]] = []


@pytest.fixture
def record_figures(request: pytest.FixtureRequest) -> Iterator[Record]:
    """What a reliability test pushed and counted, for docs/reliability.md."""
    started = time.monotonic()
    figures: dict[str, Any] = {"test": request.node.name}

    def record(**values: Any) -> None:
        figures.update(values)

    yield record
    figures["seconds"] = round(time.monotonic() - started, 1)
    _FIGURES.append(figures)


def add_figures(figures: dict[str, Any]) -> None:
    _FIGURES.append(figures)


_OUTCOMES: dict[str, str] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    name = report.nodeid.rsplit("::", 1)[-1]
    if report.when == "call" or report.outcome != "passed":
        _OUTCOMES[name] = report.outcome


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not _FIGURES:
        return
    for figures in _FIGURES:
        figures["outcome"] = _OUTCOMES.get(figures["test"], "unknown")
    path = ROOT / "var" / "reports" / "reliability.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {"figures": _FIGURES, "outcomes": dict(sorted(_OUTCOMES.items()))}
    path.write_text(json.dumps(report, indent=2) + "\n")
