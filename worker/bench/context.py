"""What every part of a run shares: the broker, a scratch directory, unique topic names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from worker.bench.workers import Names, WorkerProcess, free_port
from worker.settings import Settings
from worker.streaming.kafka import ensure_topics

# Variables of the caller's shell that would point the worker elsewhere than the run's topics.
_FOREIGN = ("TOPIC_", "DEDUP_", "KAFKA_", "WORKER_", "WEB_", "ARTICLE_", "INCIDENT_", "GEO_")


@dataclass(frozen=True)
class RunContext:
    root: Path  # the repository: workers run from here
    bootstrap: str
    work_dir: Path  # scratch: worker data directories and logs, deleted after the run
    geo_cache: Path  # the gazetteer index shared by every worker (built once)
    prefix: str  # every topic and group of the run starts with it
    base_env: Mapping[str, str]
    batch_size: int  # EXTRACT_BATCH_SIZE the workers use

    def names(self, part: str) -> Names:
        return Names(f"{self.prefix}-{part}")

    def worker_env(self, names: Names, data: str, **overrides: str) -> dict[str, str]:
        env = {k: v for k, v in self.base_env.items() if not k.startswith(_FOREIGN)}
        env.update(names.env())
        env.update(
            {
                "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
                "WORKER_DATA_DIR": str(self.work_dir / data),
                "GEO_CACHE_DIR": str(self.geo_cache),
                "WEB_PORT": str(free_port()),
                "EXTRACT_BATCH_SIZE": str(self.batch_size),
                "LOG_LEVEL": "INFO",
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(overrides)
        return env

    def worker(self, env: Mapping[str, str], name: str) -> WorkerProcess:
        return WorkerProcess(env, self.work_dir / "logs" / f"{name}.log", self.root)


async def create_topics(env: Mapping[str, str]) -> Settings:
    """The worker's own topic creation, with the partition counts its settings declare."""
    settings = Settings.from_env(env)
    await ensure_topics(settings)
    return settings
