"""The scoring on hand-built candidates: no gazetteer needed."""

from __future__ import annotations

from worker.geo import Place
from worker.geo.resolution import Candidate, Group, resolve_groups

TRIPOLI_LY = Place(2210247, "Tripoli", "Tripoli", "34", "LY", 32.88, 13.19, 1_302_947, "city")
TRIPOLI_LB = Place(266826, "Tripoli", "Liban-Nord", "09", "LB", 34.43, 35.84, 229_398, "city")
LEBANON = Place(272103, "Lebanon", None, None, "LB", 33.83, 35.83, 6_848_925, "country")
SPRINGFIELD_IL = Place(
    4250542, "Springfield", "Illinois", "IL", "US", 39.8, -89.64, 116_250, "city"
)
SPRINGFIELD_MO = Place(
    4409896, "Springfield", "Missouri", "MO", "US", 37.22, -93.3, 166_810, "city"
)
CHATHAM_IL = Place(4235193, "Chatham", "Illinois", "IL", "US", 39.68, -89.7, 11_500, "city")
CHATHAM_GB = Place(2653305, "Chatham", "England", "ENG", "GB", 51.38, 0.53, 76_792, "city")


def _group(*places: Place) -> Group:
    return Group([Candidate(p, True) for p in places])


def test_without_context_the_bigger_place_wins() -> None:
    assert resolve_groups([_group(TRIPOLI_LY, TRIPOLI_LB)]) == [TRIPOLI_LY]


def test_a_country_mentioned_in_the_article_pulls_the_city_into_it() -> None:
    picks = resolve_groups([_group(TRIPOLI_LY, TRIPOLI_LB), _group(LEBANON)])
    assert picks == [TRIPOLI_LB, LEBANON]


def test_country_hint_decides_when_nothing_else_does() -> None:
    assert resolve_groups([_group(TRIPOLI_LY, TRIPOLI_LB)], country_hint="LB") == [TRIPOLI_LB]


def test_nearby_places_pull_each_other() -> None:
    picks = resolve_groups([_group(SPRINGFIELD_MO, SPRINGFIELD_IL), _group(CHATHAM_GB, CHATHAM_IL)])
    assert picks == [SPRINGFIELD_IL, CHATHAM_IL]


def test_a_city_state_constraint_overrides_population() -> None:
    group = _group(TRIPOLI_LY, TRIPOLI_LB)
    group.within_cc = "LB"
    assert resolve_groups([group]) == [TRIPOLI_LB]


def test_a_written_state_without_a_namesake_in_it_leaves_the_town_unknown() -> None:
    # "Chatham, Mo.": the gazetteer's Chathams are elsewhere, and none of them is the town.
    group = _group(CHATHAM_IL, CHATHAM_GB)
    group.within_cc, group.within_admin1 = "US", "MO"
    assert resolve_groups([group]) == [None]


def test_a_state_named_before_another_state_stays_the_state() -> None:
    # "near the Indiana, Ill., border"
    indiana = Place(4921868, "Indiana", "Indiana", "IN", "US", 40.0, -86.0, 6_500_000, "admin1")
    group = _group(indiana)
    group.within_cc, group.within_admin1 = "US", "IL"
    assert resolve_groups([group]) == [indiana]


def test_group_without_candidates_resolves_to_none() -> None:
    assert resolve_groups([Group([])]) == [None]


def _town(gid: int, admin1: str, lat: float, lon: float, name: str = "Town") -> Place:
    return Place(gid, name, admin1, admin1, "US", lat, lon, 5_000, "city")


def test_sharing_an_admin1_counts_past_the_shared_country() -> None:
    # A local US article: every candidate shares the country with a dozen toponyms, so only
    # agreement on the state (three toponyms in B against one in A) can decide.
    ambiguous = _group(_town(1, "AA", 30.0, -90.0, "Clarke"), _town(2, "BB", 40.0, -80.0, "Clarke"))
    in_a = _group(_town(10, "AA", 33.0, -93.0))
    in_b = [_group(_town(20 + k, "BB", 43.0 + k, -77.0 + 3 * k)) for k in range(3)]
    elsewhere = [_group(_town(30 + k, f"Z{k}", 45.0, -120.0 + 4 * k)) for k in range(8)]
    picks = resolve_groups([ambiguous, in_a, *in_b, *elsewhere])
    # Later rounds count a shared state once, so they tie; a tie keeps the first choice.
    assert picks[0] is not None and picks[0].admin1_code == "BB"
