from __future__ import annotations

from pathlib import Path

import pytest

from worker.geo import Gazetteer


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """Built once per test session from the installed package data (about 10 s)."""
    cache: Path = tmp_path_factory.mktemp("geo-cache")
    return Gazetteer.load(cache)
