"""The metric catalogue: names, units, label sets, documentation, and what observe counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import CollectorRegistry

from worker.codec.errors import Reason
from worker.domain import (
    Casualties,
    Decision,
    Incident,
    IncidentDate,
    Location,
    Mention,
)
from worker.metrics import Metrics
from worker.streaming import observe

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")

UNIT_SUFFIXES = (
    "_total",
    "_seconds",
    "_bytes",
    "_ratio",
    "_messages",
    "_records",
    "_incidents",
    "_partitions",
    "_info",
)
UNITLESS = {"incident_worker_ready"}  # 0 or 1, like ``up``
# Every label the worker may use; anything else (an id, a URL, free text) would explode.
ALLOWED_LABELS = {
    "reason",
    "role",
    "decision",
    "stage",
    "topic",
    "partition",
    "event_type",
    "sub_event_type",
    "country_code",
    "field",
    "version",
    "model",
}


@pytest.fixture
def metrics() -> Metrics:
    return Metrics(CollectorRegistry())


def exported(metrics: Metrics) -> dict[str, Any]:
    """Exposition name -> metric family, for the worker's own metrics."""
    names = {}
    for family in metrics.registry.collect():
        if not family.name.startswith("incident_worker_"):
            continue
        suffix = {"counter": "_total", "info": "_info"}.get(family.type, "")
        names[family.name + suffix] = family
    return names


def sample(metrics: Metrics, name: str, **labels: str) -> float | None:
    return metrics.registry.get_sample_value(name, labels)


def test_names_carry_a_unit(metrics: Metrics) -> None:
    for name in exported(metrics):
        assert name in UNITLESS or name.endswith(UNIT_SUFFIXES), name


def test_label_sets_are_small_and_fixed(metrics: Metrics) -> None:
    for name, family in exported(metrics).items():
        labels = {key for s in family.samples for key in s.labels if key != "le"}
        labels |= set(getattr(family, "_labelnames", ()))
        assert labels <= ALLOWED_LABELS, (name, labels - ALLOWED_LABELS)
        assert len(labels) <= 2, name


def test_every_metric_is_documented_and_every_documented_one_exists(metrics: Metrics) -> None:
    names = set(exported(metrics))
    # The first column of the catalogue's tables.
    documented = set(re.findall(r"^\| `(incident_worker_[a-z_]+)`", DOC, re.MULTILINE))
    assert names - documented == set(), "missing from docs/metrics.md"
    assert documented - names == set(), "documented but not exported"


def test_a_fresh_registry_per_instance() -> None:
    # Two workers' metrics in one process (tests) never collide on the global registry.
    first, second = Metrics(CollectorRegistry()), Metrics(CollectorRegistry())
    first.articles_consumed.inc()
    assert sample(second, "incident_worker_articles_consumed_total") == 0


def test_known_label_values_start_at_zero(metrics: Metrics) -> None:
    for reason in Reason:
        assert sample(metrics, "incident_worker_dead_letters_total", reason=reason.value) == 0
    for decision in Decision:
        assert sample(metrics, "incident_worker_mentions_total", decision=decision.value) == 0
    for field in ("location", "date", "casualties"):
        assert sample(metrics, "incident_worker_incidents_with_field_total", field=field) == 0
    for stage in ("decode", "extract", "dedup", "publish"):
        count = sample(metrics, "incident_worker_stage_duration_seconds_count", stage=stage)
        assert count == 0


def test_process_metrics_are_exported(metrics: Metrics) -> None:
    names = {family.name for family in metrics.registry.collect()}
    if Path("/proc/self/stat").exists():
        assert {"process_resident_memory_bytes", "process_start_time_seconds"} <= names


def incident(version: int = 1, **changes: Any) -> Incident:
    fields: dict[str, Any] = {
        "incident_id": "inc-1",
        "version": version,
        "event_type": "violence_against_civilians",
        "sub_event_type": "attack",
        "summary": "A shooting in Dayton",
        "date": IncidentDate(start=date(2019, 1, 1), end=date(2019, 1, 1), time_precision=1),
        "location": Location(name="Dayton", country_code="US", lat=39.76, lon=-84.19),
        "actors": (),
        "weapons": (),
        "fatalities": Casualties(best=1),
        "injured": Casualties(),
        "perpetrators_killed": Casualties(),
        "sources": (),
        "num_articles": 1,
        "num_sources": 1,
        "confidence": 0.8,
        "first_reported_at": None,
        "updated_at": None,
    }
    fields.update(changes)
    return Incident(**fields)


def test_a_new_incident_counts_its_type_country_and_fields(metrics: Metrics) -> None:
    observe.incident_published(metrics, incident())
    observe.incident_published(
        metrics, incident(incident_id="inc-2", location=None, date=IncidentDate())
    )
    assert sample(metrics, "incident_worker_incidents_created_total") == 2
    assert sample(metrics, "incident_worker_incidents_published_total") == 2
    by_type = sample(
        metrics,
        "incident_worker_incidents_by_type_total",
        event_type="violence_against_civilians",
        sub_event_type="attack",
    )
    assert by_type == 2
    assert sample(metrics, "incident_worker_incidents_by_country_total", country_code="US") == 1
    by_unknown = sample(
        metrics, "incident_worker_incidents_by_country_total", country_code="unknown"
    )
    assert by_unknown == 1
    assert sample(metrics, "incident_worker_incidents_with_field_total", field="location") == 1
    assert sample(metrics, "incident_worker_incidents_with_field_total", field="date") == 1
    assert sample(metrics, "incident_worker_incidents_with_field_total", field="casualties") == 2


def test_an_update_counts_only_as_an_update(metrics: Metrics) -> None:
    observe.incident_published(metrics, incident(version=3))
    assert sample(metrics, "incident_worker_incidents_updated_total") == 1
    assert sample(metrics, "incident_worker_incidents_created_total") == 0
    assert sample(metrics, "incident_worker_incidents_published_total") == 1
    assert sample(metrics, "incident_worker_incidents_with_field_total", field="date") == 0


def mention(decision: Decision, incident_id: str | None, created_at: datetime | None) -> Mention:
    return Mention(
        mention_id=f"m-{decision.value}",
        article_id="a-1",
        decision=decision,
        reason="",
        incident_id=incident_id,
        created_at=created_at,
    )


def test_end_to_end_latency_is_measured_to_incidents_only(metrics: Metrics) -> None:
    produced = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
    now = produced.timestamp() + 2.0
    observe.mention_published(metrics, mention(Decision.NEW, "inc-1", produced), now=now)
    observe.mention_published(metrics, mention(Decision.NO_INCIDENT, None, produced), now=now)
    observe.mention_published(metrics, mention(Decision.MERGED, "inc-1", None), now=now)
    assert sample(metrics, "incident_worker_mentions_total", decision="new") == 1
    assert sample(metrics, "incident_worker_mentions_total", decision="no_incident") == 1
    assert sample(metrics, "incident_worker_mentions_total", decision="merged") == 1
    assert sample(metrics, "incident_worker_end_to_end_latency_seconds_count") == 1
    assert sample(metrics, "incident_worker_end_to_end_latency_seconds_sum") == pytest.approx(2.0)


@dataclass(frozen=True)
class TP:
    topic: str
    partition: int


def test_lag_is_end_minus_committed_or_earliest() -> None:
    a0, a1, a2, a3 = (TP("articles", p) for p in range(4))
    ends = {a0: 120, a1: 50, a2: None, a3: 10}
    committed = {a0: 100, a1: None, a3: 12}
    earliest = {a1: 20}
    assert observe.partition_lag(ends, committed, earliest) == {a0: 20, a1: 30, a3: 0}


def test_set_lag_replaces_every_partition(metrics: Metrics) -> None:
    observe.set_lag(metrics, {TP("articles", 0): 5, TP("articles", 1): 7})
    observe.set_lag(metrics, {TP("articles", 1): 2})
    name = "incident_worker_consumer_lag_messages"
    assert sample(metrics, name, topic="articles", partition="0") is None
    assert sample(metrics, name, topic="articles", partition="1") == 2


@dataclass
class Summary:
    start: int | None


class StubIndex:
    """What oldest_event_timestamp reads of a MatchIndex."""

    def __init__(self, starts: list[int | None]) -> None:
        self.items = [Summary(s) for s in starts]
        self.passes = 0

    def __len__(self) -> int:
        return len(self.items)

    def summaries(self) -> Any:
        self.passes += 1
        return iter(self.items)


def test_oldest_event_is_the_earliest_dated_start_and_scanned_at_most_once_a_minute() -> None:
    day = date(2019, 1, 2).toordinal()
    index = StubIndex([day + 5, None, day, day + 1])
    expected = datetime(2019, 1, 2, tzinfo=UTC).timestamp()
    assert observe.oldest_event_timestamp(index, now=1000.0) == expected  # type: ignore[arg-type]
    index.items.append(Summary(day - 10))
    assert observe.oldest_event_timestamp(index, now=1030.0) == expected  # type: ignore[arg-type]
    assert index.passes == 1
    refreshed = observe.oldest_event_timestamp(index, now=1061.0)  # type: ignore[arg-type]
    assert refreshed == expected - 10 * 86400
    assert observe.oldest_event_timestamp(StubIndex([None]), now=0.0) == 0.0  # type: ignore[arg-type]


def test_an_index_seen_empty_is_scanned_again_once_it_fills() -> None:
    index = StubIndex([])
    assert observe.oldest_event_timestamp(index, now=0.0) == 0.0  # type: ignore[arg-type]
    index.items.append(Summary(date(1970, 1, 3).toordinal()))
    assert observe.oldest_event_timestamp(index, now=5.0) == 2 * 86400  # type: ignore[arg-type]


def test_directory_bytes_counts_files_below(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 10)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b").write_bytes(b"y" * 5)
    assert observe.directory_bytes(tmp_path) == 15
    assert observe.directory_bytes(tmp_path / "missing") == 0
