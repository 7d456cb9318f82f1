"""The article the product started from must yield the incidents of seed-expected.md."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from worker.domain import ActorRole, ActorType, Article, Extraction, MentionRole
from worker.extraction import load_extractor

ROOT = Path(__file__).resolve().parents[3]
# The bundled copy of ../shared/reference/seed-article.txt, so the test runs in any clone.
SEED = ROOT / "samples" / "seed-article.txt"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    text = SEED.read_text(encoding="utf-8")
    article = Article("seed", text, published_at=datetime(2018, 10, 1, 12, tzinfo=UTC))
    return load_extractor(geo_cache_dir=ROOT / "var" / "cache" / "geo").extract(article)


def test_three_incidents_main_first(extraction: Extraction) -> None:
    assert extraction.language == "en"
    assert [c.role for c in extraction.candidates] == [
        MentionRole.MAIN,
        MentionRole.REFERENCE,
        MentionRole.REFERENCE,
    ]
    assert [c.index for c in extraction.candidates] == [0, 1, 2]


def test_main_albu_kamal_missile_strike(extraction: Extraction) -> None:
    main = extraction.candidates[0]
    assert (main.event_type, main.sub_event_type) == (
        "explosions_remote_violence",
        "shelling_artillery_missile_attack",
    )
    assert "ballistic missile" in main.weapons
    perps = [a for a in main.actors if a.role is ActorRole.PERPETRATOR]
    assert [(a.canonical, a.country_code, a.actor_type) for a in perps] == [
        ("Islamic Revolutionary Guard Corps", "IR", ActorType.STATE_FORCES)
    ]
    assert "Islamic State" in [a.canonical for a in main.actors if a.role is ActorRole.TARGET]
    loc = main.location
    assert loc is not None and loc.country_code == "SY" and loc.geo_precision == 1
    assert loc.lat is not None and loc.lon is not None
    assert abs(loc.lat - 34.45) < 0.05 and abs(loc.lon - 40.92) < 0.05
    assert (main.date.start, main.date.time_precision) == (date(2018, 10, 1), 1)
    assert main.fatalities is None and main.injured is None
    assert 0.0 <= main.confidence <= 1.0 and main.confidence_reason


def test_ahvaz_reference(extraction: Extraction) -> None:
    ahvaz = extraction.candidates[1]
    assert ahvaz.sub_event_type == "attack"
    assert ahvaz.location is not None and ahvaz.location.country_code == "IR"
    assert ahvaz.location.lat is not None and abs(ahvaz.location.lat - 31.32) < 0.05
    assert (ahvaz.date.start, ahvaz.date.time_precision) == (date(2018, 9, 22), 1)
    assert ahvaz.fatalities is not None and ahvaz.fatalities.best == 24
    isis = [a for a in ahvaz.actors if a.canonical == "Islamic State"]
    assert isis and isis[0].role is ActorRole.PERPETRATOR and isis[0].claimed
    assert "Islamic Revolutionary Guard Corps" in [
        a.canonical for a in ahvaz.actors if a.role is ActorRole.TARGET
    ]


def test_tehran_june_2017_reference(extraction: Extraction) -> None:
    tehran = extraction.candidates[2]
    assert tehran.sub_event_type == "attack"
    assert tehran.location is not None
    assert (tehran.location.name, tehran.location.country_code, tehran.location.geo_precision) == (
        "Tehran",
        "IR",
        1,
    )
    assert (tehran.date.start, tehran.date.end, tehran.date.time_precision) == (
        date(2017, 6, 1),
        date(2017, 6, 30),
        3,
    )
    assert tehran.fatalities is not None and tehran.fatalities.best == 12
    assert tehran.injured is not None and tehran.injured.best == 42
    assert [a.canonical for a in tehran.actors if a.role is ActorRole.PERPETRATOR] == [
        "Islamic State"
    ]


def test_evidence_offsets_point_into_the_article(extraction: Extraction) -> None:
    text = extraction.article.text
    for candidate in extraction.candidates:
        assert candidate.evidence
        for span in candidate.evidence:
            assert text[span.start : span.end] == span.text
    assert "comment policy" not in " ".join(
        s.text for c in extraction.candidates for s in c.evidence
    )


def test_extract_many_matches_extract(extraction: Extraction) -> None:
    extractor = load_extractor(geo_cache_dir=ROOT / "var" / "cache" / "geo")
    other = Article(
        "es", "El ejército negó hoy que los guerrilleros atacaran la finca presidencial."
    )
    many = extractor.extract_many([extraction.article, other], batch_size=2)
    assert many[0].candidates == extraction.candidates
    assert (many[1].skip_reason, many[1].language, many[1].candidates) == ("not_english", "es", ())
