"""The benchmark's pure helpers: percentiles, metric parsing, reports, the synthetic state's
stores. No timing is asserted anywhere: figures depend on the machine."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from worker.bench.articles import BenchArticle, first_day, within_year
from worker.bench.report import (
    NOTES_MARKER,
    Figure,
    Section,
    check,
    format_value,
    keep_notes,
    markdown,
    text_table,
)
from worker.bench.stats import (
    histogram_quantile,
    metric,
    parse_metrics,
    percentile,
    quantiles,
    rate,
    ratio,
)
from worker.bench.synthetic import AGAIN, NEW, CapturingStore, Reservoir, generate, queries
from worker.dedup.engine import MemoryStore
from worker.dedup.journal import Batch
from worker.dedup.stored import INCIDENT, MENTION, SUMMARY

FIRST_DAY = date(2017, 1, 1).toordinal()


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert percentile(values, 0.50) == 50.0
    assert percentile(values, 0.99) == 99.0
    assert percentile(values, 1.0) == 100.0
    assert percentile(values, 0.0) == 1.0
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0  # order of input does not matter


def test_percentile_of_few_values_is_one_of_them() -> None:
    assert percentile([0.2], 0.99) == 0.2
    assert percentile([0.1, 0.9], 0.95) == 0.9
    assert percentile([0.1, 0.9], 0.5) == 0.1


def test_percentile_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        percentile([], 0.5)
    with pytest.raises(ValueError):
        percentile([1.0], 1.5)


def test_quantiles() -> None:
    q = quantiles([1.0, 2.0, 3.0, 4.0])
    assert (q.count, q.p50, q.max, q.mean) == (4, 2.0, 4.0, 2.5)
    assert q.p99 == 4.0


def test_rate_and_ratio_without_time_or_reference() -> None:
    assert rate(10, 2.0) == 5.0
    assert rate(10, 0.0) == 0.0
    assert ratio(9.0, 10.0) == 0.9
    assert ratio(1.0, None) is None
    assert ratio(None, 1.0) is None
    assert ratio(1.0, 0.0) is None


METRICS = """\
# HELP incident_worker_articles_consumed_total Messages read from the articles topic.
# TYPE incident_worker_articles_consumed_total counter
incident_worker_articles_consumed_total 42.0
# HELP incident_worker_stage_duration_seconds Time per stage.
# TYPE incident_worker_stage_duration_seconds histogram
incident_worker_stage_duration_seconds_bucket{le="0.01",stage="dedup"} 3.0
incident_worker_stage_duration_seconds_bucket{le="0.1",stage="dedup"} 9.0
incident_worker_stage_duration_seconds_bucket{le="+Inf",stage="dedup"} 10.0
incident_worker_stage_duration_seconds_sum{stage="dedup"} 0.5
incident_worker_stage_duration_seconds_count{stage="dedup"} 10.0
incident_worker_stage_duration_seconds_sum{stage="extract"} 7.5
"""


def test_parse_metrics_and_pick_samples() -> None:
    samples = parse_metrics(METRICS)
    assert metric(samples, "incident_worker_articles_consumed_total") == 42.0
    assert metric(samples, "incident_worker_stage_duration_seconds_sum", stage="dedup") == 0.5
    # Without a label, the samples of every label set add up.
    assert metric(samples, "incident_worker_stage_duration_seconds_sum") == 8.0
    assert metric(samples, "no_such_metric") is None


def test_histogram_quantile_is_the_upper_bound_of_its_bucket() -> None:
    buckets = [(0.01, 3.0), (0.1, 9.0), (float("inf"), 10.0)]
    assert histogram_quantile(buckets, 0.5) == 0.1
    assert histogram_quantile(buckets, 0.2) == 0.01
    assert histogram_quantile(buckets, 0.99) == float("inf")
    assert histogram_quantile([(0.1, 0.0)], 0.5) is None


def test_check_targets() -> None:
    assert check(0.95, at_least=0.9) is True
    assert check(0.85, at_least=0.9) is False
    assert check(1.2, at_most=1.0) is False
    assert check(None, at_most=1.0) is None


def test_report_renders_figures_targets_and_failures() -> None:
    section = Section("2. End to end")
    section.add("ratio to bare spaCy", 0.8, target=">= 0.90", passed=False)
    section.add("mentions", 12_345, digits=0)
    failed = Section("5. State", error="TimeoutError: no broker")
    assert format_value(Figure("x", None)) == "n/a"
    assert format_value(Figure("x", 12_345.0)) == "12,345"
    assert format_value(Figure("x", 1.23456, "s", digits=3)) == "1.235 s"
    table = text_table([section, failed])
    assert "MISSED" in table and "FAILED: TimeoutError" in table
    doc = markdown(
        title="Benchmarks",
        intro=["intro"],
        machine=[("CPU", "a | b")],
        sections=[section, failed],
        closing=[],
    )
    assert "| CPU | a \\| b |" in doc
    assert "| 2. End to end | ratio to bare spaCy | 0.80 | >= 0.90 | MISSED |" in doc
    assert "**Failed:** TimeoutError: no broker" in doc


def test_batch_keeps_writes_aside() -> None:
    base = MemoryStore()
    base.put("a", b"1")
    base.put("b", b"2")
    overlay = Batch(base)
    overlay.put("a", b"changed")
    overlay.delete("b")
    overlay.put("c", b"3")
    assert overlay.get("a") == b"changed"
    assert overlay.get("b") is None
    assert dict(overlay.items()) == {"a": b"changed", "c": b"3"}
    assert base.data == {"a": b"1", "b": b"2"}


def test_capturing_store_remembers_the_region_of_each_write() -> None:
    store = CapturingStore()
    store.region = "europe"
    store.put("k", b"v")
    store.region = "middle_east"
    store.put("k2", b"w")
    store.delete("missing")
    assert store.get("k") == b"v"
    assert store.data == {"k": ("europe", b"v"), "k2": ("middle_east", b"w")}
    assert dict(store.items()) == {"k": b"v", "k2": b"w"}


def test_generated_state_is_what_the_engine_stores() -> None:
    chunk = generate((0, 40, 3, FIRST_DAY))
    kinds = {key.split(":", 1)[0] + ":" for _, key, _ in chunk.records}
    assert {INCIDENT, SUMMARY, MENTION} <= kinds
    assert chunk.incidents == sum(1 for _, key, _ in chunk.records if key.startswith(SUMMARY))
    assert 0 < chunk.incidents <= 40
    assert all(region for region, _, _ in chunk.records)
    # The same task gives the same bytes: the state is reproducible.
    assert generate((0, 40, 3, FIRST_DAY)).records == chunk.records


def test_synthetic_incidents_are_dated_over_the_year_asked_for() -> None:
    later = date(2013, 3, 1)
    chunk = generate((0, 200, 3, later.toordinal()))
    days = {r.candidate.date.start for r in chunk.samples}
    assert days and all(later <= d < date(2014, 3, 1) for d in days if d is not None)
    made = queries(chunk.samples, 20, 3, later)
    assert all(
        later <= r.candidate.date.start < date(2014, 3, 1)
        for _, r in made
        if r.candidate.date.start
    )


def test_queries_mix_new_incidents_and_reports_of_stored_ones() -> None:
    chunk = generate((0, 200, 3, FIRST_DAY))
    made = queries(chunk.samples, 20, 3)
    kinds = [kind for kind, _ in made]
    assert kinds.count(NEW) == 10 and kinds.count(AGAIN) == 10
    again = [r for kind, r in made if kind == AGAIN]
    stored = {r.candidate.location for r in chunk.samples}
    assert all(r.candidate.location in stored for r in again)
    assert len({r.source.article_id for _, r in made}) == 20
    # Without samples, only the new-incident half: the same reports (the empty-state baseline).
    alone = queries([], 20, 3)
    assert {r.mention_id for _, r in alone} == {r.mention_id for k, r in made if k == NEW}


def test_reservoir_keeps_a_bounded_uniform_sample() -> None:
    chunk = generate((0, 200, 3, FIRST_DAY))
    reservoir = Reservoir(3, seed=1)
    for report in chunk.samples:
        reservoir.offer(report)
    assert len(reservoir.items) == 3
    assert reservoir.seen == len(chunk.samples)


def test_hand_written_notes_survive_a_new_run(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    assert keep_notes("# new figures\n", doc) == "# new figures\n"
    doc.write_text(f"# old figures\n\n{NOTES_MARKER}\n## Analysis\nkept\n")
    kept = keep_notes("# new figures\n", doc)
    assert kept == f"# new figures\n\n{NOTES_MARKER}\n## Analysis\nkept\n"
    doc.write_text("# old figures, no notes\n")
    assert keep_notes("# new figures\n", doc) == "# new figures\n"


def test_first_day_and_the_articles_within_its_year() -> None:
    def article(published: str | None) -> BenchArticle:
        message = {"id": "a", "text": "t"} | ({"published_at": published} if published else {})
        return BenchArticle(key=b"a", value=orjson.dumps(message), model_text="t")

    articles = [
        article("2014-03-01T12:00:00Z"),
        article("2013-05-02T12:00:00Z"),
        article(None),
        article("2014-05-01T12:00:00Z"),
        article("2014-05-02T12:00:00Z"),
    ]
    assert first_day(articles) == date(2013, 5, 2)
    assert within_year(articles) == 3
