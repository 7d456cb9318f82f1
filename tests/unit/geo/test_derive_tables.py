"""The checks the table derivation applies to its sources."""

from __future__ import annotations

from worker.geo.derive_tables import _plausible

KUWAIT_TOWNS = [(29.37, 47.98), (29.34, 47.66), (29.08, 48.08), (28.63, 48.36)] * 3


def test_a_country_point_outside_its_towns_is_implausible() -> None:
    assert not _plausible((29.5, 45.75), KUWAIT_TOWNS)
    assert _plausible((29.5, 47.75), KUWAIT_TOWNS)


def test_a_territory_with_few_settlements_keeps_its_point() -> None:
    assert _plausible((-51.75, -59.0), [(-51.69, -57.86)])
