"""Pure arithmetic of the benchmark: percentiles, rates, Prometheus text. No clocks, no I/O."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from prometheus_client.parser import text_string_to_metric_families


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``share`` of values at or below
    it (so p99 of 100 values is the 99th smallest, never an interpolation between two)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"share {share} is not in [0, 1]")
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered) - 1e-9))
    return ordered[rank - 1]


@dataclass(frozen=True, slots=True)
class Quantiles:
    count: int
    p50: float
    p95: float
    p99: float
    max: float
    mean: float


def quantiles(values: Sequence[float]) -> Quantiles:
    if not values:
        raise ValueError("quantiles of no values")
    return Quantiles(
        count=len(values),
        p50=percentile(values, 0.50),
        p95=percentile(values, 0.95),
        p99=percentile(values, 0.99),
        max=max(values),
        mean=math.fsum(values) / len(values),
    )


def rate(count: float, seconds: float) -> float:
    """Items per second; 0 when no time passed (a part that did nothing)."""
    return count / seconds if seconds > 0 else 0.0


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def parse_metrics(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Prometheus text exposition to {(sample name, sorted labels): value}."""
    samples: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = float(sample.value)
    return samples


def metric(
    samples: Mapping[tuple[str, tuple[tuple[str, str], ...]], float],
    name: str,
    **labels: str,
) -> float | None:
    """The value of one sample, or the sum over label sets that contain ``labels``."""
    wanted = set(labels.items())
    found = [v for (n, ls), v in samples.items() if n == name and wanted <= set(ls)]
    return math.fsum(found) if found else None


def histogram_quantile(buckets: Iterable[tuple[float, float]], share: float) -> float | None:
    """Upper bound of the bucket holding the ``share`` quantile, from cumulative (le, count)
    pairs as Prometheus exports them; None when nothing was observed."""
    ordered = sorted(buckets)
    if not ordered or ordered[-1][1] <= 0:
        return None
    target = share * ordered[-1][1]
    for bound, count in ordered:
        if count >= target:
            return bound
    return ordered[-1][0]
