"""Toponyms resolved by the real gazetteer: context decides between places of one name."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from worker.extraction.gazetteer_adapter import GazetteerPlaces
from worker.extraction.places import Toponym, find_toponyms

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def places() -> GazetteerPlaces:
    return GazetteerPlaces.load(None)  # the city index in memory


def _resolve(
    places: GazetteerPlaces, text: str, ents: Sequence[tuple[str, str]], dateline: str | None = None
) -> dict[str, Toponym]:
    spans = [(text.index(words), text.index(words) + len(words), label) for words, label in ents]
    toponyms = find_toponyms(text, spans, body_start=0, dateline=dateline, places=places)
    return {text[t.start : t.end] if t.kind != "DATELINE" else "DATELINE": t for t in toponyms}


def test_tripoli_by_context(places: GazetteerPlaces) -> None:
    lebanon = "Clashes in Tripoli left three dead, Lebanese officials said in Beirut."
    found = _resolve(places, lebanon, [("Tripoli", "GPE"), ("Beirut", "GPE")])
    assert found["Tripoli"].location.country_code == "LB"
    libya = "Militias shelled Tripoli overnight; the fighting reached Misrata and Benghazi."
    found = _resolve(places, libya, [("Tripoli", "GPE"), ("Misrata", "GPE"), ("Benghazi", "GPE")])
    assert found["Tripoli"].location.country_code == "LY"


def test_city_and_state_abbreviation(places: GazetteerPlaces) -> None:
    text = "A man was shot in Paris, Tex., on Friday."
    found = _resolve(places, text, [("Paris", "GPE")])
    assert (found["Paris"].location.admin1, found["Paris"].location.country_code) == (
        "Texas",
        "US",
    )


def test_dateline_place_is_resolved_with_its_state(places: GazetteerPlaces) -> None:
    found = _resolve(places, "A boy was shot at a home.", [], dateline="PUYALLUP, Wash.")
    assert (found["DATELINE"].location.name, found["DATELINE"].location.admin1) == (
        "Puyallup",
        "Washington",
    )


def test_small_town_with_police_cue(places: GazetteerPlaces) -> None:
    text = "Tifton Police are waiting on autopsy results, Georgia officials said."
    found = _resolve(places, text, [("Georgia", "GPE")])
    assert found["Tifton"].kind == "POLICE"
    assert (found["Tifton"].location.admin1, found["Tifton"].location.geo_precision) == (
        "Georgia",
        1,
    )


def test_a_city_part_named_by_its_direction_resolves_to_the_city(places: GazetteerPlaces) -> None:
    text = "A man was shot in Southwest Philadelphia on Sunday night."
    found = _resolve(places, text, [("Southwest Philadelphia", "GPE")])
    assert (found["Philadelphia"].location.name, found["Philadelphia"].location.admin1) == (
        "Philadelphia",
        "Pennsylvania",
    )


def test_a_postal_code_is_first_of_all_its_state(places: GazetteerPlaces) -> None:
    (first, *_) = places.alternatives("MN")
    assert (first.location.name, first.location.geo_precision) == ("Minnesota", 2)
