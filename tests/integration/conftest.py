from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.integration.harness import (
    BOOTSTRAP,
    IN_CI,
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
