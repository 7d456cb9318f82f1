"""Toponyms of an article (``places.find_toponyms``) and the incident's place
(``incident_place.choose_place``), on hand-built text with a small fake gazetteer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from worker.domain import Location
from worker.extraction.incident_place import (
    PlaceEvidence,
    choose_place,
    place_evidence,
    place_score,
)
from worker.extraction.places import Resolved, Toponym, find_toponyms, outlet_start
from worker.geo import ToponymMention


def _town(name: str, state: str, lat: float, lon: float, population: int) -> Resolved:
    location = Location(name, state, "US", lat, lon, abs(hash(name)) % 10**6, 1, name)
    return Resolved(location, population)


_PLACES = {
    "memphis": _town("Memphis", "Tennessee", 35.15, -90.05, 650_000),
    "chubbuck": _town("Chubbuck", "Idaho", 42.92, -112.47, 14_000),
    "pocatello": _town("Pocatello", "Idaho", 42.87, -112.45, 56_000),
    "bellflower": _town("Bellflower", "California", 33.88, -118.12, 77_000),
    "chicago": _town("Chicago", "Illinois", 41.85, -87.65, 2_700_000),
    "south shore": _town("South Shore", "Illinois", 41.76, -87.58, 51_000),
    "aurora": _town("Aurora", "Illinois", 41.76, -88.32, 200_000),
    "new york city": _town("New York City", "New York", 40.71, -74.01, 8_800_000),
    "brooklyn": _town("Brooklyn", "New York", 40.65, -73.95, 2_700_000),
    "philadelphia": _town("Philadelphia", "Pennsylvania", 39.95, -75.16, 1_500_000),
    "north philadelphia": _town("North Philadelphia", "Pennsylvania", 39.99, -75.15, 200_000),
    "flournoy": _town("Flournoy", "California", 39.92, -122.30, 100),
    "dayton": _town("Dayton", "Ohio", 39.76, -84.19, 140_000),
    "trotwood": _town("Trotwood", "Ohio", 39.80, -84.31, 24_000),
    "boston": _town("Boston", "Massachusetts", 42.36, -71.06, 620_000),
    "roxbury": _town("Roxbury", "Wisconsin", 43.25, -89.97, 1_900),
    "madisonville": _town("Madisonville", "Texas", 30.95, -95.91, 4_600),
    "cincinnati": _town("Cincinnati", "Ohio", 39.16, -84.46, 310_000),
    "denver": _town("Denver", "Colorado", 39.74, -104.98, 730_000),
    "mobile": _town("Mobile", "Alabama", 30.69, -88.04, 190_000),
    "whitehaven": _town("White Haven", "Pennsylvania", 41.06, -75.77, 1_100),
    "warsaw": Resolved(
        Location("Warsaw", "Masovia", "PL", 52.23, 21.01, 756135, 1, "Warsaw"), 1_700_000
    ),
    "decatur": _town("Decatur", "Alabama", 34.61, -86.98, 55_000),
    "ohio": Resolved(Location("Ohio", "Ohio", "US", 40.2, -82.7, 5165418, 2, "Ohio"), 11_000_000),
}


class FakePlaces:
    """Knows a handful of US places by name; no context, no ambiguity."""

    def resolve_mentions(
        self,
        mentions: Sequence[ToponymMention],
        *,
        text: str | None,
        country_hint: str | None = None,
    ) -> list[Resolved | None]:
        return [_PLACES.get(m.text.split(",")[0].strip().lower()) for m in mentions]

    def country_code(self, name: str) -> str | None:
        return None

    def known(self, name: str) -> bool:
        return name.lower() in _PLACES

    def alternatives(self, name: str) -> list[Resolved]:
        found = _PLACES.get(name.lower())
        return [found] if found is not None else []


def _toponyms(
    text: str,
    ents: Sequence[tuple[str, str]] = (),
    *,
    body_start: int = 0,
    dateline: str | None = None,
) -> list[Toponym]:
    spans = [(text.index(words), text.index(words) + len(words), label) for words, label in ents]
    return find_toponyms(text, spans, body_start=body_start, dateline=dateline, places=FakePlaces())


def test_names_ner_missed_are_found_by_the_words_around_them() -> None:
    text = "Teen shot\n\nMemphis police said the boy was shot at a home in Chubbuck on Friday."
    found = {(text[t.start : t.end], t.kind) for t in _toponyms(text, body_start=11)}
    assert found == {("Memphis", "POLICE"), ("Chubbuck", "LOCATIVE")}


def test_headline_in_title_case_yields_the_town_inside_a_longer_name() -> None:
    title = "1 Dead, 3 Hurt In Bellflower Barbershop Shooting"
    (toponym,) = _toponyms(f"{title}\n\nOne man died.", body_start=len(title) + 2)
    assert toponym.location.name == "Bellflower" and toponym.kind == "LOCATIVE"


def test_headline_town_may_stand_before_the_building_the_shooting_was_in() -> None:
    title = "1 Dead, 3 Hurt Bellflower Barbershop Shooting"
    (toponym,) = _toponyms(f"{title}\n\nOne man died.", body_start=len(title) + 2)
    assert toponym.location.name == "Bellflower" and toponym.kind == "TITLE"


def test_outlet_name_in_the_headline_is_marked_as_the_outlet() -> None:
    title = "Five shot in apartment complex - WMC Action News 5 - Memphis, Tennessee"
    assert outlet_start(title, len(title)) == title.index(" - WMC")
    toponyms = _toponyms(f"{title}\n\nFive people were shot.", body_start=len(title) + 2)
    assert [(t.location.name, t.kind) for t in toponyms] == [("Memphis", "OUTLET")]


def test_body_place_after_in_must_be_whole() -> None:
    text = "Shooting\n\nThree men were shot in Memphis Heights apartments."
    assert _toponyms(text, body_start=10) == []


def _place(
    title: str,
    body: str,
    ents: Sequence[tuple[str, str]],
    dateline: str | None = None,
    scene: str | None = None,
) -> str | None:
    text = f"{title}\n\n{body}"
    body_start = len(title) + 2
    toponyms = _toponyms(text, ents, body_start=body_start, dateline=dateline)
    start = text.index(scene) if scene else body_start
    scenes = [(start, start + len(scene) if scene else len(text))]
    place = choose_place(text, toponyms, body_start=body_start, scenes=scenes)
    return place.name if place else None


def test_the_scene_not_the_first_place_named() -> None:
    body = (
        "A Dayton man was shot and killed early Sunday in Trotwood. Trotwood police are "
        "looking for a gunman who fled toward Dayton."
    )
    ents = [("Dayton", "GPE"), ("Trotwood", "GPE")]
    assert _place("Man killed in shooting", body, ents) == "Trotwood"


def test_dateline_beats_a_town_named_in_passing() -> None:
    body = (
        "A 10-year-old girl was accidentally shot at a home, deputies said. "
        "Her family moved from Dayton."
    )
    assert _place("Girl shot", body, [("Dayton", "GPE")], dateline="CHUBBUCK, Idaho") == "Chubbuck"


def test_body_scene_beats_a_dateline_never_named_again() -> None:
    body = "A girl was shot at a home on the 600 block of Canal Street in Chubbuck on Friday."
    assert _place("Girl shot", body, [], dateline="POCATELLO, Idaho") == "Chubbuck"


def test_a_neighbourhood_of_a_named_big_city_gives_the_city() -> None:
    body = (
        "Six people were wounded in a shooting at a laundromat in South Shore on Monday, "
        "Chicago police said."
    )
    assert _place("Six wounded", body, [("South Shore", "GPE")]) == "Chicago"


def test_dateline_left_in_the_body_counts_as_a_dateline() -> None:
    body = "CHUBBUCK, Idaho (KPVI) – A girl was accidentally shot. Her family moved from Dayton."
    assert _place("Girl shot", body, [("Dayton", "GPE")]) == "Chubbuck"


def test_capitals_wire_text_finds_places_after_in() -> None:
    text = "MAN SHOT\n\nA MAN WAS SHOT IN CHUBBUCK TODAY, POLICE SAID."
    assert [(t.location.name, t.kind) for t in _toponyms(text, body_start=10)] == [
        ("Chubbuck", "CAPS")
    ]


def test_a_town_is_preferred_to_its_state() -> None:
    body = "A man was shot in Trotwood, Ohio, on Sunday."
    assert _place("Ohio shooting", body, [("Trotwood", "GPE"), ("Ohio", "GPE")]) == "Trotwood"


def test_dateline_left_in_the_body_may_end_in_a_bar() -> None:
    title = "Man sentenced"
    text = f"{title}\n\nPOCATELLO (AP) | A Chubbuck man was sentenced on Monday."
    (dateline,) = [t for t in _toponyms(text, body_start=len(title) + 2) if t.kind == "DATELINE"]
    assert dateline.location.name == "Pocatello"


def test_dateline_near_a_town_names_the_town() -> None:
    text = "A boy, 2, shot himself in the leg at a home on Thursday."
    (dateline,) = _toponyms(text, dateline="NEAR POCATELLO, Idaho")
    assert (dateline.kind, dateline.location.name) == ("DATELINE", "Pocatello")


def test_a_big_city_holding_the_scene_gets_credit_for_it() -> None:
    body = (
        "Six people were wounded at a laundromat in South Shore on Monday; it was the third "
        "mass shooting in Chicago this year. Another man was shot in Aurora on Sunday."
    )
    text = f"Six wounded\n\n{body}"
    ents = [("South Shore", "GPE"), ("Chicago", "GPE"), ("Aurora", "GPE")]
    toponyms = _toponyms(text, ents, body_start=13)
    evidence = {
        e.location.name: e for e in place_evidence(text, toponyms, body_start=13, scenes=[])
    }
    assert evidence["Chicago"].encloses_scene  # South Shore is within its core
    assert not evidence["South Shore"].encloses_scene
    assert not evidence["Aurora"].encloses_scene


def test_a_far_town_named_as_the_scene_gives_the_big_city_no_credit() -> None:
    body = "A man was shot in Aurora on Sunday, a week after a shooting that shook Chicago."
    text = f"Man shot\n\n{body}"
    toponyms = _toponyms(text, [("Aurora", "GPE"), ("Chicago", "GPE")], body_start=10)
    evidence = {
        e.location.name: e for e in place_evidence(text, toponyms, body_start=10, scenes=[])
    }
    assert not evidence["Chicago"].encloses_scene


def test_a_borough_named_beats_its_city_named_only_in_the_dateline() -> None:
    body = "Parents were charged after their baby was struck by a bullet in Brooklyn on Sunday."
    place = _place("Baby struck", body, [("Brooklyn", "GPE")], dateline="NEW YORK CITY")
    assert place == "Brooklyn"


def test_a_city_named_by_its_direction_is_the_city() -> None:
    text = (
        "Four were shot in Southwest Philadelphia near West Flournoy Street in North Philadelphia."
    )
    ents = [
        ("Southwest Philadelphia", "GPE"),
        ("West Flournoy", "GPE"),
        ("North Philadelphia", "GPE"),
    ]
    found = {(text[t.start : t.end], t.location.name) for t in _toponyms(text, ents)}
    assert found == {
        ("Philadelphia", "Philadelphia"),  # no place is called "Southwest Philadelphia"
        ("West Flournoy", "West Flournoy"),  # a street, kept as written: Flournoy is a hamlet
        ("North Philadelphia", "North Philadelphia"),  # a place of its own
    }


class _HomewoodPlaces(FakePlaces):
    """Resolves Homewood to Alabama's, though Pennsylvania has one too."""

    def __init__(self) -> None:
        self.homewood = {
            "Alabama": _town("Homewood", "Alabama", 33.47, -86.80, 25_000),
            "Pennsylvania": _town("Homewood", "Pennsylvania", 40.46, -79.90, 9_000),
        }
        self.pittsburgh = _town("Pittsburgh", "Pennsylvania", 40.44, -80.00, 300_000)

    def resolve_mentions(
        self,
        mentions: Sequence[ToponymMention],
        *,
        text: str | None,
        country_hint: str | None = None,
    ) -> list[Resolved | None]:
        names = {"homewood": self.homewood["Alabama"], "pittsburgh": self.pittsburgh}
        return [names.get(m.text.split(",")[0].strip().lower()) for m in mentions]

    def known(self, name: str) -> bool:
        return name.lower() in ("homewood", "pittsburgh")

    def alternatives(self, name: str) -> list[Resolved]:
        return list(self.homewood.values()) if name.lower() == "homewood" else []


def test_a_town_named_often_does_not_outvote_the_dateline_state() -> None:
    text = (
        "Man killed in Homewood shooting\n\nA man was killed at a bar in Homewood. Homewood "
        "residents gathered at the bar on Sunday; Homewood has seen three shootings this year."
    )
    spans = [(m.start(), m.end(), "GPE") for m in re.finditer("Homewood", text)]
    toponyms = find_toponyms(
        text, spans, body_start=33, dateline="PITTSBURGH", places=_HomewoodPlaces()
    )
    assert {t.location.admin1 for t in toponyms} == {"Pennsylvania"}


class _StatePlaces(FakePlaces):
    """Knows no town, only the states."""

    def resolve_mentions(
        self,
        mentions: Sequence[ToponymMention],
        *,
        text: str | None,
        country_hint: str | None = None,
    ) -> list[Resolved | None]:
        return [None for _ in mentions]

    def alternatives(self, name: str) -> list[Resolved]:
        states = {"Okla.": "Oklahoma", "Georgia": "Georgia", "MN": "Minnesota", "IN": "Indiana"}
        if name == "Box Elder County":
            county = Location(name, "Utah", "US", 41.5, -113.1, 2, 2, name)
            return [Resolved(county)]
        if name not in states:
            return []
        state = states[name]
        return [Resolved(Location(state, state, "US", 35.0, -97.0, 1, 2, name), 3_000_000)]


def test_a_town_the_gazetteer_lacks_keeps_the_state_written_after_it() -> None:
    text = "A boy, 9, was shot at a home in Bokoshe, Okla., on Sunday; his family lives in Bokoshe."
    spans = [(m.start(), m.end(), "GPE") for m in re.finditer("Bokoshe", text)]
    found = find_toponyms(
        text, spans, body_start=0, dateline="RHINE, Georgia", places=_StatePlaces()
    )
    # Every mention of Bokoshe is the one in Oklahoma, and a place named with its state is a
    # town even without coordinates.
    assert [(t.location.name, t.location.admin1, t.location.geo_precision) for t in found] == [
        ("Bokoshe", "Oklahoma", 1),
        ("Bokoshe", "Oklahoma", 1),
        ("RHINE", "Georgia", 1),
    ]


def test_a_name_ner_called_a_person_is_the_town_when_written_with_its_state_elsewhere() -> None:
    text = "The boy was shot in Bokoshe on Sunday, said Sheriff Walker of Bokoshe, Okla."
    first, second = text.index("Bokoshe"), text.rindex("Bokoshe")
    walker = text.index("Walker")
    spans = [
        (first, first + 7, "PERSON"),
        (walker, walker + 6, "PERSON"),
        (second, second + 7, "GPE"),
    ]
    found = find_toponyms(text, spans, body_start=0, dateline=None, places=_StatePlaces())
    assert [(t.start, t.location.admin1) for t in found] == [
        (first, "Oklahoma"),
        (second, "Oklahoma"),
    ]


def test_a_small_namesake_far_from_the_articles_state_is_a_place_the_gazetteer_lacks() -> None:
    # Boston's Roxbury is known only as Roxbury, Wisconsin: named, but not placed there.
    body = "A man was shot in Roxbury on Sunday, police said."
    text = f"Man shot in Roxbury\n\n{body}"
    toponyms = _toponyms(text, [("Roxbury", "GPE")], dateline="BOSTON")
    assert {(t.location.name, t.location.admin1, t.location.lat) for t in toponyms} == {
        ("Roxbury", None, None),
        ("Boston", "Massachusetts", 42.36),
    }
    assert _place("Man shot in Roxbury", body, [("Roxbury", "GPE")], dateline="BOSTON") == "Boston"


def test_a_town_neither_located_nor_given_a_state_scores_as_unresolved() -> None:
    named = PlaceEvidence(Location("Roxbury", None, "US", geo_precision=1, text="Roxbury"), 0)
    written = PlaceEvidence(Location("Tyrone", "Missouri", "US", geo_precision=1), 0)
    unknown = PlaceEvidence(Location("Roxbury", text="Roxbury"), 0)
    assert place_score(named) == place_score(unknown) < place_score(written)


def test_a_direction_in_lower_case_is_no_part_of_the_towns_name() -> None:
    # NER tags "west Dayton" whole; Dayton is the place.
    text = "A man was shot last week in west Dayton, police said."
    (dayton,) = _toponyms(text, [("west Dayton", "GPE")])
    assert (text[dayton.start : dayton.end], dayton.location.admin1) == ("Dayton", "Ohio")


def test_a_small_town_far_from_all_else_named_beside_a_big_city_is_not_the_scene() -> None:
    # Cincinnati's Madisonville is known only as Madisonville, Texas: the article has no
    # place of Texas but that one, and it names a big city.
    title = "Man killed in Madisonville shooting"
    body = (
        "A man was shot and killed in Madisonville late Sunday. Two men fled toward "
        "Madisonville Road, and Cincinnati police are looking for them."
    )
    ents = [("Madisonville", "GPE"), ("Cincinnati", "GPE")]
    assert _place(title, body, ents) == "Cincinnati"


def test_a_namesake_near_another_place_named_is_not_far() -> None:
    text = "Man shot\n\nA man was shot in Trotwood on Sunday, then driven to Dayton and Chicago."
    ents = [("Trotwood", "GPE"), ("Dayton", "GPE"), ("Chicago", "GPE")]
    toponyms = _toponyms(text, ents, body_start=10)
    evidence = {
        e.location.name: e for e in place_evidence(text, toponyms, body_start=10, scenes=[])
    }
    assert not evidence["Trotwood"].far_namesake


def test_suburban_city_is_somewhere_around_it_not_the_scene() -> None:
    text = "Four hurt\n\nFour people were hurt in a shooting at a hotel in suburban Denver."
    toponyms = _toponyms(text, [("Denver", "GPE")], body_start=11)
    (denver,) = place_evidence(text, toponyms, body_start=11, scenes=[])
    assert denver.near
    assert not denver.locative


def test_a_town_the_gazetteer_lacks_keeps_the_postal_code_written_after_it() -> None:
    text = "Felton, MN (WDAY TV) - A girl, 22 months old, was shot at a home in Felton."
    spans = [(m.start(), m.end(), "GPE") for m in re.finditer("Felton", text)]
    found = find_toponyms(text, spans, body_start=0, dateline=None, places=_StatePlaces())
    assert {(t.location.name, t.location.admin1) for t in found} == {("Felton", "Minnesota")}


def test_two_capitals_after_a_town_in_capitals_text_are_a_word_not_a_state() -> None:
    text = "A BOMB EXPLODED IN ZARATE, IN THE NORTH, TODAY, POLICE SAID."
    start = text.index("ZARATE")
    found = find_toponyms(
        text, [(start, start + 6, "GPE")], body_start=0, dateline=None, places=_StatePlaces()
    )
    assert [(t.location.name, t.location.admin1) for t in found] == [("ZARATE", None)]


def test_a_teaser_the_page_repeats_outside_the_report_is_not_evidence() -> None:
    teaser = "Decatur police say a 78-year-old woman lived for weeks with her dead husband. "
    report = "A boy, 6, accidentally shot himself at a home in Mobile on Sunday."
    body = f"{teaser}{report} {teaser}"
    ents = [("Mobile", "GPE"), ("Decatur", "GPE")]
    assert _place("Boy shot", body, ents, scene=report) == "Mobile"


def test_a_sentence_repeated_inside_the_report_still_counts() -> None:
    report = "Decatur police say a boy, 6, accidentally shot himself at a home on Sunday."
    body = f"{report} A neighbour from Mobile heard it. {report}"
    assert _place("Boy shot", body, [("Decatur", "GPE"), ("Mobile", "GPE")], scene=report) == (
        "Decatur"
    )


def test_a_town_the_gazetteer_lacks_takes_the_state_of_the_county_written_after_it() -> None:
    text = "A boy, 4, was shot in the foot at his grandfather's home west of Snowville."
    found = find_toponyms(
        text, [], body_start=0, dateline="SNOWVILLE, Box Elder County", places=_StatePlaces()
    )
    assert [(t.kind, t.location.name, t.location.admin1) for t in found] == [
        ("DATELINE", "SNOWVILLE", "Utah")
    ]


def test_a_far_namesake_named_often_does_not_decide_the_state_of_the_article() -> None:
    # Memphis's Whitehaven is known only as White Haven, Pennsylvania: named three times, it
    # must not make Pennsylvania the state the article is about.
    title = "Two shot in Whitehaven"
    body = (
        "Two men were shot in Whitehaven on Sunday night. A Memphis man was arrested. "
        "Whitehaven neighbours said the shooting woke them; Whitehaven has seen three this year."
    )
    assert _place(title, body, [("Whitehaven", "GPE"), ("Memphis", "GPE")]) == "Memphis"


def test_a_big_city_abroad_makes_no_town_at_home_a_namesake() -> None:
    text = "Boy shot\n\nEuharlee police say a boy was shot in Trotwood; his uncle lives in Warsaw."
    toponyms = _toponyms(text, [("Trotwood", "GPE"), ("Warsaw", "GPE")], body_start=10)
    evidence = {
        e.location.name: e for e in place_evidence(text, toponyms, body_start=10, scenes=[])
    }
    assert not evidence["Trotwood"].far_namesake
