from __future__ import annotations

from pathlib import Path

import pytest

from worker.geo import Gazetteer


@pytest.fixture(scope="session")
def geo_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("geo-cache")


@pytest.fixture(scope="session")
def gazetteer(geo_cache_dir: Path) -> Gazetteer:
    """Built once per test session from the installed package data (10-20 s)."""
    return Gazetteer.load(geo_cache_dir)
