"""A real Prometheus scrapes a running worker while articles flow.

Prometheus is Debian's package, started by deploy/local/prometheus.sh with the committed config
and rules (only the target and a 1 s interval changed). Through its HTTP API: every PromQL
expression of the Grafana dashboard and of the alert rules evaluates, and the throughput and
lag series move as they must when a burst of articles is worked off.

``PROMETHEUS_SCREENSHOT=file.png`` also saves the Prometheus graph page of the throughput after
the run (``make prometheus-screenshot``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.integration.conftest import StartWorker
from tests.integration.harness import IN_CI, ROOT, Names, WorkerProcess, free_port, produce
from tests.integration.synthetic import synthetic_articles

SCRIPT = ROOT / "deploy" / "local" / "prometheus.sh"
DASHBOARD = ROOT / "deploy" / "grafana" / "dashboards" / "incident-worker.json"
ALERTS = ROOT / "deploy" / "prometheus" / "alerts.yml"
JOB = "incident-worker"
THROUGHPUT = "sum(rate(incident_worker_articles_consumed_total[30s]))"

# Grafana's variables, expanded as Grafana would for a short time range.
GRAFANA_VARIABLES = {
    "$__rate_interval": "30s",
    "$__interval": "2s",
    "$__range": "10m",
    "$instance": ".*",
}

# The worker samples lag every 5 s; the burst must outlast a few samples whatever the machine's
# speed, so its size follows the measured throughput.
WARM_UP_ARTICLES = 60
BURST_SECONDS = 20
MIN_BURST = 600
MAX_BURST = 3000


@dataclass
class Prometheus:
    url: str
    env: dict[str, str]
    home: Path

    def api(self, path: str, **params: str) -> Any:
        """``data`` of an API answer; an error answer fails the test with Prometheus's message."""
        query = urllib.parse.urlencode(params)
        try:
            with urllib.request.urlopen(f"{self.url}/api/v1/{path}?{query}", timeout=30) as r:
                body = json.load(r)
        except urllib.error.HTTPError as exc:
            body = json.load(exc)
        assert body["status"] == "success", f"{path} {params}: {body}"
        return body["data"]

    def query(self, expr: str) -> list[dict[str, Any]]:
        data = self.api("query", query=expr)
        assert data["resultType"] == "vector", (expr, data)
        return list(data["result"])

    def value(self, expr: str) -> float | None:
        """The single value of an expression that yields one series, None when it yields none."""
        result = self.query(expr)
        assert len(result) <= 1, (expr, result)
        return float(result[0]["value"][1]) if result else None

    def wait_for(
        self, what: str, expr: str, ok: Callable[[float | None], bool], timeout: float
    ) -> float | None:
        deadline = time.monotonic() + timeout
        seen: float | None = None
        while time.monotonic() < deadline:
            seen = self.value(expr)
            if ok(seen):
                return seen
            time.sleep(1.0)
        raise AssertionError(f"{what}: {expr} was {seen} after {timeout}s\n{self.log_tail()}")

    def log_tail(self) -> str:
        log = self.home / "prometheus.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-20:]) if log.exists() else ""


StartPrometheus = Callable[[WorkerProcess], Prometheus]


@pytest.fixture
def start_prometheus(tmp_path: Path) -> Iterator[StartPrometheus]:
    if shutil.which("prometheus") is None or shutil.which("promtool") is None:
        message = "Debian's prometheus is not installed; `make prometheus` installs it"
        if IN_CI:
            pytest.fail(f"CI=true and {message}")
        pytest.skip(message)
    started: list[Prometheus] = []

    def start(worker: WorkerProcess) -> Prometheus:
        port = free_port()
        home = tmp_path / "prometheus"
        env = {
            **os.environ,
            "PROMETHEUS_HOME": str(home),
            "PROMETHEUS_PORT": str(port),
            "PROMETHEUS_SCRAPE_INTERVAL": "1s",
            "PROMETHEUS_TARGET": f"127.0.0.1:{worker.port}",
        }
        prometheus = Prometheus(f"http://127.0.0.1:{port}", env, home)
        started.append(prometheus)
        subprocess.run([str(SCRIPT), "up"], env=env, check=True, timeout=120)
        return prometheus

    yield start
    for prometheus in started:
        subprocess.run([str(SCRIPT), "down"], env=prometheus.env, check=False, timeout=60)


def worker_total(worker: WorkerProcess, family_name: str) -> float:
    """A counter summed over its labels, from the worker itself (no scrape interval between)."""
    _, body = worker.get("/metrics")
    for family in text_string_to_metric_families(body.decode()):
        if family.name == family_name:
            return sum(s.value for s in family.samples if s.name.endswith("_total"))
    raise AssertionError(f"{family_name}_total is not exported")


def wait_total(worker: WorkerProcess, family_name: str, count: int, timeout: float) -> float:
    """Seconds until the worker's counter reaches ``count``."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if worker_total(worker, family_name) >= count:
            return time.monotonic() - started
        assert worker.alive(), worker.log_tail()
        time.sleep(0.2)
    seen = worker_total(worker, family_name)
    raise AssertionError(f"{family_name}: {seen} of {count} after {timeout}s")


def exported_names(worker: WorkerProcess) -> set[str]:
    """Every series name the worker declares, with the suffixes each type adds."""
    suffixes = {
        "counter": ("_total", "_created"),
        "histogram": ("_bucket", "_sum", "_count", "_created"),
        "info": ("_info",),
        "gauge": ("",),
    }
    _, body = worker.get("/metrics")
    names = set()
    for family in text_string_to_metric_families(body.decode()):
        names.update(family.name + suffix for suffix in suffixes.get(family.type, ("",)))
        names.update(sample.name for sample in family.samples)
    return names


def dashboard_queries() -> list[tuple[str, str]]:
    """(panel title, PromQL) of every target of every panel, rows included, with Grafana's
    variables expanded."""
    dashboard = json.loads(DASHBOARD.read_text())
    found: list[tuple[str, str]] = []

    def walk(panels: list[dict[str, Any]]) -> None:
        for panel in panels:
            for target in panel.get("targets", []):
                found.append((panel["title"], expand(target["expr"])))
            walk(panel.get("panels", []))

    walk(dashboard["panels"])
    for variable in dashboard["templating"]["list"]:
        query = variable["query"]["query"] if isinstance(variable["query"], dict) else ""
        # label_values(selector, label) is Grafana's; the selector in it is PromQL.
        match = re.fullmatch(r"label_values\((.+),\s*\w+\)", query)
        assert match, f"variable {variable['name']}: {query!r}"
        found.append((f"variable {variable['name']}", expand(match.group(1))))
    return found


def expand(expr: str) -> str:
    for name in sorted(GRAFANA_VARIABLES, key=len, reverse=True):
        expr = expr.replace(name, GRAFANA_VARIABLES[name])
    assert "$" not in expr, f"a Grafana variable the test does not know: {expr}"
    return expr


def metric_names(expr: str) -> set[str]:
    return set(re.findall(r"\b((?:incident_worker|process)_[a-z_]+)\b", expr))


def outward_address() -> str | None:
    """This machine's address on its default route, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("203.0.113.1", 9))
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


def check_endpoints(worker: WorkerProcess) -> None:
    status, body = worker.get("/health")
    assert (status, json.loads(body)) == (200, {"status": "alive"})
    status, body = worker.get("/ready")
    assert (status, json.loads(body)) == (200, {"ready": True})
    url = f"http://127.0.0.1:{worker.port}/metrics"
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    # Loopback only unless WEB_HOST says otherwise.
    address = outward_address()
    if address is not None:
        with pytest.raises(OSError):
            socket.create_connection((address, worker.port), timeout=5).close()


def test_prometheus_scrapes_the_worker_while_articles_flow(
    start_worker: StartWorker, start_prometheus: StartPrometheus, names: Names
) -> None:
    worker = start_worker()
    check_endpoints(worker)
    prom = start_prometheus(worker)
    articles = f'topic="{names.articles}"'

    # -- scraping works and the gauges are sampled --------------------------------------
    prom.wait_for("target up", f'up{{job="{JOB}"}}', lambda v: v == 1, timeout=60)
    prom.wait_for("ready", "incident_worker_ready", lambda v: v == 1, timeout=60)
    prom.wait_for(
        "lag sampled",
        f"sum(incident_worker_consumer_lag_messages{{{articles}}})",
        lambda v: v == 0,
        timeout=60,
    )
    # Lag is per input partition: the changelog and Faust's internal topics are no input.
    lag_topics = {
        r["metric"]["topic"]
        for r in prom.query("count by (topic) (incident_worker_consumer_lag_messages)")
    }
    assert lag_topics == {names.articles, names.candidates}
    partitions = prom.value(f"count(incident_worker_consumer_lag_messages{{{articles}}})")
    assert partitions == 4

    # -- a warm-up batch measures this machine's throughput -----------------------------
    batch = synthetic_articles(WARM_UP_ARTICLES + MAX_BURST)
    flow_started = time.time()
    produce(names.articles, batch[:WARM_UP_ARTICLES])
    # Timed to the last outcome: articles are counted as read before the model sees them.
    seconds = wait_total(worker, "incident_worker_mentions", WARM_UP_ARTICLES, timeout=180)
    per_second = WARM_UP_ARTICLES / seconds
    burst = int(min(MAX_BURST, max(MIN_BURST, per_second * BURST_SECONDS)))
    total = WARM_UP_ARTICLES + burst

    # -- a burst well above what the worker reads in one lag sample ---------------------
    burst_started = time.time()
    produce(names.articles, batch[WARM_UP_ARTICLES:total])
    wait_total(worker, "incident_worker_articles_consumed", total, timeout=600)
    prom.wait_for(
        "every article counted once",
        "sum(incident_worker_articles_consumed_total)",
        lambda v: v == total,
        timeout=60,
    )
    # Drained: committed offsets catch up with the end offsets within a commit interval.
    for topic in (names.articles, names.candidates):
        prom.wait_for(
            f"lag on {topic} back to 0",
            f'sum(incident_worker_consumer_lag_messages{{topic="{topic}"}})',
            lambda v: v == 0,
            timeout=120,
        )

    window = f"{int(time.time() - burst_started) + 5}s"
    peak_lag = prom.value(
        f"max_over_time(sum(incident_worker_consumer_lag_messages{{{articles}}})[{window}:1s])"
    )
    # Within one sample period the worker reads at most a third of the burst.
    assert peak_lag is not None and burst / 4 <= peak_lag <= total, (peak_lag, burst, per_second)
    peak_rate = prom.value(f"max_over_time({THROUGHPUT}[{window}:1s])")
    assert peak_rate is not None and peak_rate > 1.0, peak_rate
    assert (prom.value("sum(incident_worker_incidents_created_total)") or 0) > 0
    # Every article ends with at least one mention, whatever became of it.
    assert (prom.value("sum(incident_worker_mentions_total)") or 0) >= total
    assert (prom.value("sum(incident_worker_end_to_end_latency_seconds_count)") or 0) > 0
    # State: the synthetic incidents happened in 2019 and later, and some are still indexed.
    prom.wait_for(
        "oldest indexed event",
        "incident_worker_match_index_oldest_event_timestamp_seconds",
        lambda v: v is not None and 1546300800 <= v < time.time(),
        timeout=30,
    )
    assert (prom.value("sum(incident_worker_match_index_incidents)") or 0) > 0
    assert (prom.value("sum(incident_worker_state_store_bytes)") or 0) > 0

    # -- every expression of the alert rules and the dashboard evaluates ----------------
    # The rules as Prometheus loaded them from deploy/prometheus/alerts.yml, once evaluated
    # after the flow.
    declared_alerts = re.findall(r"^\s*- alert: (\w+)", ALERTS.read_text(), re.MULTILINE)
    evaluated_after = time.time()

    def rules() -> list[dict[str, Any]]:
        groups = prom.api("rules", type="alert")["groups"]
        return [rule for group in groups for rule in group["rules"]]

    loaded: list[dict[str, Any]] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        loaded = rules()
        if loaded and all(_timestamp(rule["lastEvaluation"]) > evaluated_after for rule in loaded):
            break
        time.sleep(1.0)
    assert sorted(rule["name"] for rule in loaded) == sorted(declared_alerts)
    for rule in loaded:
        assert rule["health"] == "ok", (rule["name"], rule.get("lastError"))
        prom.query(rule["query"])  # fails the test on an evaluation error

    exported = exported_names(worker) | {"up"}
    start, end = str(flow_started - 30), str(time.time())
    for title, expr in dashboard_queries():
        data = prom.api("query_range", query=expr, start=start, end=end, step="2")
        assert data["resultType"] == "matrix", (title, expr)
        unknown = metric_names(expr) - exported
        assert not unknown, f"{title}: {expr} names what the worker does not export: {unknown}"
    for rule in loaded:
        unknown = metric_names(rule["query"]) - exported
        assert not unknown, f"{rule['name']} names what the worker does not export: {unknown}"

    # The dashboard's main panels have data from this run.
    queries = dict((title, expr) for title, expr in dashboard_queries())
    for title in ("Throughput", "Consumer lag by topic", "End-to-end latency", "Articles / s"):
        data = prom.api("query_range", query=queries[title], start=start, end=end, step="2")
        assert data["result"], f"{title}: {queries[title]} has no data"

    if target := os.environ.get("PROMETHEUS_SCREENSHOT"):
        subprocess.run(
            [str(SCRIPT), "screenshot", target, THROUGHPUT],
            env={**prom.env, "SCREENSHOT_RANGE": f"{int(time.time() - flow_started) + 60}s"},
            check=True,
            timeout=180,
        )


def _timestamp(rfc3339: str) -> float:
    """Prometheus's RFC 3339 timestamps (nanoseconds, Z) as Unix time."""
    match = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)", rfc3339)
    assert match, rfc3339
    whole = datetime.fromisoformat(match.group(1) + match.group(3).replace("Z", "+00:00"))
    return whole.timestamp() + float(match.group(2) or 0)
