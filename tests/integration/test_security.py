"""SASL credentials, loopback binding, disabled debug views, and secrets kept out of logs.

The local broker (deploy/local/kafka.sh) exposes a SASL_PLAINTEXT listener with a local-only
user for PLAIN and SCRAM; its address and credentials come from the same variables here.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest

from tests.integration.conftest import StartWorker
from tests.integration.harness import (
    IN_CI,
    Names,
    Record,
    WorkerProcess,
    consume,
    mentions_by_article,
    produce,
    worker_env,
)

SASL_BOOTSTRAP = f"127.0.0.1:{os.environ.get('KAFKA_SASL_PORT', '9094')}"
SASL_USER = os.environ.get("KAFKA_LOCAL_SASL_USER", "worker")
SASL_PASSWORD = os.environ.get("KAFKA_LOCAL_SASL_PASSWORD", "local-dev-secret")


def sasl(mechanism: str, password: str) -> dict[str, str]:
    return {
        "KAFKA_BOOTSTRAP_SERVERS": SASL_BOOTSTRAP,
        "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "KAFKA_SASL_MECHANISM": mechanism,
        "KAFKA_SASL_USERNAME": SASL_USER,
        "KAFKA_SASL_PASSWORD": password,
    }


@pytest.fixture
def sasl_listener(kafka: str) -> str:
    import socket

    try:
        socket.create_connection(("127.0.0.1", int(SASL_BOOTSTRAP.rsplit(":", 1)[1])), 3).close()
    except OSError:
        message = f"no SASL listener at {SASL_BOOTSTRAP} (the local broker from kafka.sh has one)"
        if IN_CI:
            pytest.fail(f"CI=true and {message}")
        pytest.skip(message)
    return SASL_BOOTSTRAP


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
def test_right_credentials_work(
    sasl_listener: str, start_worker: StartWorker, names: Names, mechanism: str
) -> None:
    worker = start_worker(**sasl(mechanism, SASL_PASSWORD))
    good = orjson.dumps(
        {
            "id": "over-sasl",
            "published_at": "2019-03-04T10:00:00Z",
            "text": "Two people were shot and wounded in Toledo, Ohio, on Sunday night, "
            "police said.",
        }
    )
    produce(names.articles, [good])

    def processed(records: list[Record]) -> bool:
        return "over-sasl" in mentions_by_article(records, names.mentions)

    consume([names.mentions], processed, timeout=120)
    assert SASL_PASSWORD not in worker.log_path.read_text(errors="replace")


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256"])
def test_wrong_credentials_fail_fast_with_a_clear_error(
    sasl_listener: str, names: Names, tmp_path: Path, mechanism: str
) -> None:
    wrong = "not-the-password-" + names.prefix
    env = worker_env(names, tmp_path / "data", **sasl(mechanism, wrong))
    worker = WorkerProcess(env, tmp_path / "worker.log").start()
    started = time.monotonic()
    assert worker.proc is not None
    worker.proc.wait(timeout=60)
    elapsed = time.monotonic() - started
    log = worker.log_path.read_text(errors="replace")
    assert worker.proc.returncode != 0
    assert elapsed < 30, f"took {elapsed:.0f}s to give up"
    assert "authentication failed" in log.lower()
    assert "KAFKA_SASL_USERNAME" in log  # says what to check
    assert wrong not in log
    # One attempt, not a storm: a handful of connection attempts at most.
    assert log.lower().count("authentication failed") <= 3, log


def listening_addresses(port: int) -> set[str]:
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_web_server_listens_on_loopback_only_without_table_views(
    start_worker: StartWorker,
) -> None:
    worker = start_worker()
    addresses = listening_addresses(worker.port)
    assert addresses == {"0100007F"}, addresses  # 127.0.0.1, nothing else
    for path in ("/table/", "/router/", "/graph/", "/stats/"):
        status, _ = worker.get(path)
        assert status == 404, path
    status, body = worker.get("/health")
    assert status == 200 and orjson.loads(body) == {"status": "alive"}


def test_untrusted_text_stays_out_of_the_log(start_worker: StartWorker, names: Names) -> None:
    worker = start_worker(MAX_MESSAGE_BYTES="4096")
    marker = f"UNTRUSTED-{names.prefix}"
    hostile = [
        f"<html><body>{marker} <script>alert(1)</script></body></html>".encode(),
        orjson.dumps({"text": f"{marker} " * 2000}),  # too large
        orjson.dumps({"text": f"{marker} __import__('os').system('false')", "id": "eval-bait"}),
        b'{"text": "' + marker.encode() + b'", "published_at": "' + marker.encode() + b'"}',
    ]
    produce(names.articles, hostile)

    def handled(records: list[Record]) -> bool:
        dead = sum(1 for r in records if r.topic == names.dead_letters)
        return dead >= 3 and "eval-bait" in mentions_by_article(records, names.mentions)

    consume([names.dead_letters, names.mentions], handled, timeout=120)
    time.sleep(1)
    assert marker not in worker.log_path.read_text(errors="replace")
    assert worker.alive()
