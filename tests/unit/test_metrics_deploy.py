"""The dashboard, the Prometheus configs and docker-compose agree with the metric catalogue.

Whether the PromQL evaluates is for a real Prometheus (tests/integration/test_prometheus.py) and
promtool (`make test`); this checks the wiring that neither sees, without a broker.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import CollectorRegistry

from worker.metrics import Metrics

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
DASHBOARD = DEPLOY / "grafana" / "dashboards" / "incident-worker.json"
DATASOURCE = DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml"
PROVIDER = DEPLOY / "grafana" / "provisioning" / "dashboards" / "incident-worker.yml"
COMPOSE = DEPLOY / "docker-compose.yml"
JOB = "incident-worker"


def series_names() -> set[str]:
    """Every series name a worker exports: family names plus the suffixes of their type."""
    suffixes = {
        "counter": ("_total", "_created"),
        "histogram": ("_bucket", "_sum", "_count", "_created"),
        "info": ("_info",),
    }
    names = {"up"}
    for family in Metrics(CollectorRegistry()).registry.collect():
        names.update(family.name + s for s in suffixes.get(family.type, ("",)))
    return names


def metric_names(expr: str) -> set[str]:
    return set(re.findall(r"\b((?:incident_worker|process)_[a-z_]+)\b", expr))


def panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    stack = list(dashboard["panels"])
    while stack:
        panel = stack.pop(0)
        found.append(panel)
        stack.extend(panel.get("panels", []))
    return found


@pytest.fixture(scope="module")
def dashboard() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return loaded


def test_dashboard_uses_the_provisioned_datasource(dashboard: dict[str, Any]) -> None:
    uid = re.search(r"^\s+uid:\s*(\S+)", DATASOURCE.read_text(), re.MULTILINE)
    assert uid is not None
    for panel in panels(dashboard):
        if panel["type"] == "row":
            continue
        assert panel["datasource"]["uid"] == uid.group(1), panel["title"]
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == uid.group(1), panel["title"]


def test_dashboard_queries_name_only_exported_metrics(dashboard: dict[str, Any]) -> None:
    exported = series_names()
    exprs = [t["expr"] for p in panels(dashboard) for t in p.get("targets", [])]
    exprs += [v["definition"] for v in dashboard["templating"]["list"]]
    assert exprs
    for expr in exprs:
        assert metric_names(expr) - exported == set(), expr
        # Every query is scoped to the worker's job, so another job's process_* never mixes in.
        assert f'job="{JOB}"' in expr, expr


def test_dashboard_has_the_panels_the_issue_asks_for(dashboard: dict[str, Any]) -> None:
    by_title = {p["title"]: p for p in panels(dashboard)}
    exprs = {
        title: " ".join(t["expr"] for t in p.get("targets", [])) for title, p in by_title.items()
    }
    assert "incident_worker_articles_consumed_total" in exprs["Throughput"]
    assert "incident_worker_consumer_lag_messages" in exprs["Consumer lag by topic"]
    assert "histogram_quantile" in exprs["End-to-end latency"]
    assert "histogram_quantile" in exprs["Stage latency p95"]
    assert "incident_worker_dead_letters_total" in exprs["Dead letters by reason"]
    assert "event_type" in exprs["Incidents by event type"]
    country = by_title["Incidents by country"]
    assert country["type"] == "table"
    assert country["targets"][0]["format"] == "table"


def test_dashboard_layout_is_valid(dashboard: dict[str, Any]) -> None:
    ids = [p["id"] for p in panels(dashboard)]
    assert len(ids) == len(set(ids))
    for panel in panels(dashboard):
        grid = panel["gridPos"]
        assert grid["x"] >= 0 and grid["x"] + grid["w"] <= 24, panel["title"]
    assert dashboard["uid"] == "incident-worker"


def test_compose_mounts_files_that_exist() -> None:
    compose = COMPOSE.read_text()
    mounts = re.findall(r"-\s+\./([\w./-]+):", compose)
    assert {"prometheus/prometheus.compose.yml", "prometheus/alerts.yml"} <= set(mounts)
    assert {"grafana/provisioning", "grafana/dashboards"} <= set(mounts)
    for mount in mounts:
        assert (DEPLOY / mount).exists(), mount
    # The provider reads the directory compose mounts the dashboards into.
    target = re.search(r"\./grafana/dashboards:(\S+?)(:ro)?$", compose, re.MULTILINE)
    assert target is not None and target.group(1) in PROVIDER.read_text()


def test_both_prometheus_configs_scrape_the_worker_under_one_job() -> None:
    local = (DEPLOY / "prometheus" / "prometheus.yml").read_text()
    compose = (DEPLOY / "prometheus" / "prometheus.compose.yml").read_text()
    for config, target in ((local, "127.0.0.1:6066"), (compose, "worker:6066")):
        assert f"job_name: {JOB}" in config
        assert f'"{target}"' in config
        assert "- alerts.yml" in config


def test_alert_rules_name_only_exported_metrics() -> None:
    rules = (DEPLOY / "prometheus" / "alerts.yml").read_text()
    names = metric_names(rules)
    assert "incident_worker_consumer_lag_messages" in names
    assert names - series_names() == set()
