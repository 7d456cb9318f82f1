"""Worker processes under test: ``python -m worker run`` on the run's own topics, watched
through its web port (/ready, /metrics), its log and /proc."""

from __future__ import annotations

import asyncio
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from worker.bench.machine import process_cpu_seconds, process_memory_bytes
from worker.bench.stats import metric, parse_metrics


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Names:
    """Topic names and consumer group of one part of a run, all under one prefix."""

    prefix: str

    @property
    def app_id(self) -> str:
        return f"{self.prefix}-worker"

    def topic(self, kind: str) -> str:
        return f"{self.prefix}-{kind}"

    def env(self) -> dict[str, str]:
        return {
            "WORKER_APP_ID": self.app_id,
            "TOPIC_ARTICLES": self.topic("articles"),
            "TOPIC_INCIDENTS": self.topic("incidents"),
            "TOPIC_MENTIONS": self.topic("mentions"),
            "TOPIC_DEAD_LETTERS": self.topic("dlq"),
            "TOPIC_CANDIDATES": self.topic("candidates"),
        }


class WorkerProcess:
    """One worker; ``env`` is its whole environment (the settings it reads at start-up)."""

    def __init__(self, env: Mapping[str, str], log_path: Path, root: Path) -> None:
        self.env = dict(env)
        self.log_path = log_path
        self.root = root
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    @property
    def port(self) -> int:
        return int(self.env["WEB_PORT"])

    def start(self) -> WorkerProcess:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.started_at = time.monotonic()
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "worker", "run"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.root,
            )
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _get(self, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
        url = f"http://127.0.0.1:{self.port}{path}"
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                return int(response.status), response.read()
        except urllib.error.HTTPError as exc:
            return int(exc.code), exc.read()

    def ready(self) -> bool:
        try:
            return self._get("/ready", timeout=2.0)[0] == 200
        except OSError:
            return False

    def metrics(self) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
        status, body = self._get("/metrics", timeout=10.0)
        if status != 200:
            raise RuntimeError(f"/metrics answered {status}")
        return parse_metrics(body.decode("utf-8"))

    def metric(self, name: str, **labels: str) -> float | None:
        try:
            return metric(self.metrics(), name, **labels)
        except (OSError, RuntimeError):
            return None

    def check_alive(self) -> None:
        if not self.alive():
            raise RuntimeError(f"worker exited:\n{self.log_tail()}")

    async def wait_ready(self, timeout: float) -> float:
        """Seconds from start until /ready answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            if await asyncio.to_thread(self.ready):
                return time.monotonic() - self.started_at
            await asyncio.sleep(0.25)
        raise TimeoutError(f"worker not ready within {timeout:.0f} s:\n{self.log_tail()}")

    async def wait_log(self, pattern: str, timeout: float) -> tuple[re.Match[str], float]:
        """The first log line matching ``pattern`` and the seconds from start to seeing it."""
        compiled = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            found = compiled.search(self.log_text())
            if found:
                return found, time.monotonic() - self.started_at
            await asyncio.sleep(0.25)
        raise TimeoutError(f"no log line {pattern!r} within {timeout:.0f} s:\n{self.log_tail()}")

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def cpu_seconds(self) -> float | None:
        return process_cpu_seconds(self.pid)

    def memory(self) -> dict[str, int]:
        return process_memory_bytes(self.pid)

    def stop(self, timeout: float = 60.0) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return self.proc.returncode


async def first_consume(workers: list[WorkerProcess], timeout: float, every: float = 0.25) -> float:
    """time.time() at which the first of ``workers`` had consumed an article, to within
    ``every`` seconds: the middle of the last poll that saw none and the first that saw some.
    Polling stops there, so it costs the workers nothing while they work."""
    deadline = time.monotonic() + timeout
    before = time.time()
    while time.monotonic() < deadline:
        for worker in workers:
            worker.check_alive()
        counts = await asyncio.gather(
            *(
                asyncio.to_thread(w.metric, "incident_worker_articles_consumed_total")
                for w in workers
            )
        )
        now = time.time()
        if any(c for c in counts):
            return (before + now) / 2
        before = now
        await asyncio.sleep(every)
    raise TimeoutError(f"no worker consumed an article within {timeout:.0f} s")


def stage_seconds(worker: WorkerProcess) -> dict[str, tuple[float, float]]:
    """(sum of seconds, observations) per processing stage, from the worker's histogram."""
    try:
        samples = worker.metrics()
    except (OSError, RuntimeError):
        return {}
    stages: dict[str, tuple[float, float]] = {}
    for (name, labels), value in samples.items():
        if name not in (
            "incident_worker_stage_duration_seconds_sum",
            "incident_worker_stage_duration_seconds_count",
        ):
            continue
        stage = dict(labels).get("stage", "?")
        total, count = stages.get(stage, (0.0, 0.0))
        if name.endswith("_sum"):
            total = value
        else:
            count = value
        stages[stage] = (total, count)
    return stages
