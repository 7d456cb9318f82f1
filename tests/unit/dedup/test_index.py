from __future__ import annotations

import random
from datetime import date

from tests.unit.dedup.builders import CHICAGO, EVANSTON, KABUL
from tests.unit.dedup.test_scoring import summary
from worker.dedup import minhash
from worker.dedup.index import MatchIndex, _BandTest, _shares_band
from worker.dedup.summary import IncidentSummary


def _named(s: IncidentSummary, incident_id: str, expires: int = 0) -> IncidentSummary:
    s.incident_id = incident_id
    s.expires = expires
    return s


def test_nearby_finds_close_incidents_once_and_not_far_ones() -> None:
    index = MatchIndex(place_km=40, area_km=120, date_tolerance_days=7)
    index.add(_named(summary(), "chicago"))
    index.add(_named(summary(location=EVANSTON, day=date(2017, 3, 8)), "evanston"))
    index.add(_named(summary(day=date(2017, 6, 1)), "june"))
    index.add(_named(summary(location=KABUL, region="south_central_asia"), "kabul"))
    found = [s.incident_id for s in index.nearby(summary(), None)]
    assert sorted(found) == ["chicago", "evanston"]


def test_an_undated_candidate_without_a_publication_day_looks_at_every_week() -> None:
    index = MatchIndex(place_km=40, area_km=120, date_tolerance_days=7)
    index.add(_named(summary(day=date(2017, 1, 5)), "january"))
    index.add(_named(summary(day=date(2017, 9, 5)), "september"))
    assert len(index.nearby(summary(day=None), None)) == 2
    assert [
        s.incident_id for s in index.nearby(summary(day=None), date(2017, 9, 20).toordinal())
    ] == ["september"]


def test_shared_keywords_find_an_incident_placed_elsewhere() -> None:
    words = ("nehemiah griego", "south valley", "quintuple")
    with_text = MatchIndex(place_km=40, area_km=120, date_tolerance_days=7, text_bands=16)
    without = MatchIndex(place_km=40, area_km=120, date_tolerance_days=7)
    for index in (with_text, without):
        index.add(_named(summary(keywords=words), "griego"))
    misplaced = summary(keywords=words, location=KABUL)  # the geocoder picked the wrong place
    assert [s.incident_id for s in with_text.nearby(misplaced, None)] == ["griego"]
    assert without.nearby(misplaced, None) == []


def test_expiry_and_removal() -> None:
    index = MatchIndex(place_km=40, area_km=120, date_tolerance_days=7)
    index.add(_named(summary(), "old", expires=10))
    index.add(_named(summary(), "new", expires=20))
    assert index.expired("north_america", 15) == ["old"]
    index.remove("old")
    assert "old" not in index and len(index) == 1
    assert [s.incident_id for s in index.nearby(summary(), None)] == ["new"]
    assert CHICAGO.country_code == "US"


def test_a_summary_survives_its_encoding_whole() -> None:
    """The index is rebuilt from encoded summaries: a field lost there (the report day of an
    undated incident) would make a restarted worker look in other weeks than before."""
    undated = summary(day=None)
    undated.reported = 17_500
    for original in (undated, summary()):
        decoded = IncidentSummary.decode(original.encode())
        assert {n: getattr(decoded, n) for n in IncidentSummary.__slots__} == {
            n: getattr(original, n) for n in IncidentSummary.__slots__
        }
    assert IncidentSummary.decode(undated.encode()).reported == 17_500


def test_the_band_test_agrees_with_comparing_band_by_band() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        # Few distinct values, so that bands agree often; short and empty signatures too.
        left = tuple(rng.randrange(4) for _ in range(rng.choice((0, 1, 3, 4, 64))))
        right = tuple(rng.randrange(4) for _ in range(rng.choice((0, 1, 3, 4, 64))))
        a, b = summary(), summary()
        a.keywords, b.keywords = minhash.pack(left), minhash.pack(right)
        for bands in (0, 1, 2, 4, 6):
            assert _BandTest(a, bands)(b) == _shares_band(a, b, bands)
