from __future__ import annotations

import pytest

from worker.geo import haversine_km


def test_albu_kamal_to_hajin_is_about_30_km() -> None:
    assert haversine_km(34.45226, 40.91854, 34.69508, 40.83138) == pytest.approx(28.0, abs=1.5)


def test_same_point_is_zero_and_antipodes_half_the_circumference() -> None:
    assert haversine_km(10.0, 20.0, 10.0, 20.0) == 0.0
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(20015.1, abs=1.0)
