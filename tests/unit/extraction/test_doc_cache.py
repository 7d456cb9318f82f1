"""The evaluation doc cache gives the extractions a fresh parse gives, and parses once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from worker.domain import Article
from worker.extraction import load_extractor

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "samples" / "seed-article.txt"
pytestmark = pytest.mark.slow


def test_cached_docs_give_the_same_extractions(tmp_path: Path) -> None:
    extractor = load_extractor(geo_cache_dir=ROOT / "var" / "cache" / "geo")
    articles = [
        Article(
            "seed", SEED.read_text(encoding="utf-8"), published_at=datetime(2018, 10, 1, tzinfo=UTC)
        ),
        Article("short", "Two men were shot dead in Dayton, Ohio, on Sunday, police said."),
    ]
    fresh = extractor.extract_many(articles)
    extractor.cache_docs(tmp_path)
    first = extractor.extract_many(articles)
    stored = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.spacy")}
    again = extractor.extract_many(articles)
    assert len(stored) == 2
    # nothing parsed or written the second time
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.spacy")} == stored
    assert fresh == first == again
    assert fresh[0].candidates and fresh[1].candidates
