"""Sub-event types settled by the cues the taxonomy's definitions name: who a place was taken
from, a withdrawal that hands a place over, a protest stopped or broken up, demonstrators'
own violence, arrests of political life."""

from __future__ import annotations

import pytest

from worker.extraction.actors import assign_roles, find_actors
from worker.extraction.triggers import find_triggers, type_segment


def _type(sentence: str, start: int = 0, end: int | None = None) -> str | None:
    """The type of the stretch ``sentence[start:end]``, as assembly types one stretch."""
    stop = len(sentence) if end is None else end
    triggers = [t for t in find_triggers(sentence) if start <= t.start < stop]
    if not triggers:
        return None
    mentions = find_actors(sentence)
    actors = [a for t in triggers for a in assign_roles(sentence, t, mentions)]
    return type_segment(sentence, start, stop, triggers, mentions=mentions, actors=actors)


def _first_clause(sentence: str, cut: str) -> str | None:
    return _type(sentence, 0, sentence.index(cut))


def _last_clause(sentence: str, cut: str) -> str | None:
    return _type(sentence, sentence.index(cut))


# ---------------------------------------------------------------------------- territory
def test_a_place_taken_after_a_withdrawal_told_in_another_clause_is_no_battle() -> None:
    sentence = "The militants seized the area, following the withdrawal of Puntland forces."
    assert _first_clause(sentence, ", following") == "non_violent_transfer_of_territory"


@pytest.mark.parametrize(
    "sentence",
    [
        "Rebels took control of the town after government troops had left.",
        "The fighters took control of the town peacefully on Monday.",
        "Government forces took control of the district under a deal with the rebels.",
        "Rebels took over the town without bloodshed.",
    ],
)
def test_a_place_changing_hands_without_a_fight(sentence: str) -> None:
    assert _type(sentence) == "non_violent_transfer_of_territory"


def test_the_side_a_place_was_taken_from_tells_who_took_it() -> None:
    assert _type("On Monday they took control of the town from the rebels.") == (
        "government_regains_territory"
    )
    assert _type("On Monday they recaptured the town from government forces.") == (
        "non_state_actor_overtakes_territory"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Government forces withdrew from the town of Bardere, and al-Shabaab militants moved in.",
        "Iraqi forces withdrew from the crossing, allowing the militants to seize it.",
        "The coalition withdrew from the base and handed it over to Iraqi forces.",
        "Ethiopian troops left the town of Baidoa, leaving it to al-Shabaab.",
    ],
)
def test_a_withdrawal_that_hands_a_place_over(sentence: str) -> None:
    assert _type(sentence) == "non_violent_transfer_of_territory"


def test_a_withdrawal_alone_is_a_change_of_activity() -> None:
    assert _type("US forces have withdrawn from a key base near the border.") == (
        "change_to_group_activity"
    )


# ---------------------------------------------------------------------------- troop moves
@pytest.mark.parametrize(
    "sentence",
    [
        "Turkey sent more troops to its positions in Idlib as fighting continued nearby.",
        "The militia relocated its fighters to the outskirts of the city, where battles with "
        "the army have raged for weeks.",
        "The army deployed troops to back militias fighting the Taliban in the north.",
    ],
)
def test_fighting_that_sets_the_scene_of_a_troop_move(sentence: str) -> None:
    assert _type(sentence) == "change_to_group_activity"


def test_a_clash_told_beside_a_troop_move_is_still_a_clash() -> None:
    assert _type("Troops deployed to the area clashed with rebels on Monday.") == "armed_clash"


# ---------------------------------------------------------------------------- protests
@pytest.mark.parametrize(
    "sentence",
    [
        "Riot police dispersed a crowd of students outside the education ministry.",
        "Police used force to disperse the crowd outside the ministry.",
        "Police detained 15 opposition supporters who gathered in the central square on "
        "Saturday to demand the release of political prisoners.",
        "Dozens of women were arrested as they tried to march to the presidential palace.",
        "Security forces surrounded the protesters outside the court.",
        "Hundreds of protesters rallied in the capital before police confiscated their banners.",
    ],
)
def test_a_protest_stopped_or_broken_up(sentence: str) -> None:
    assert _type(sentence) == "protest_with_intervention"


def test_arrests_told_after_a_protest_in_the_same_sentence() -> None:
    sentence = "Hundreds rallied in Minsk against the results; police detained dozens of them."
    assert _last_clause(sentence, "; police") == "protest_with_intervention"


def test_people_held_who_organise_protests_are_arrests() -> None:
    sentence = "Security services continue to detain people who organise demonstrations."
    assert _type(sentence) == "arrests"


def test_a_protest_over_an_arrest_is_no_intervention() -> None:
    sentence = (
        "Hundreds of demonstrators gathered outside the court over the arrest of an activist."
    )
    assert _type(sentence) == "peaceful_protest"


@pytest.mark.parametrize(
    "sentence",
    [
        "Several police officers were injured when protesters hurled sticks in Lahore.",
        "Protesters went on the rampage in the city centre after the demonstration.",
        "Demonstrators scuffled with police outside parliament during the protest.",
        "Protesters burned two buses during the demonstration against fuel prices.",
        "Demonstrators attacked a police station during the protest in the town.",
    ],
)
def test_demonstrators_own_violence_makes_a_riot(sentence: str) -> None:
    assert _type(sentence) == "violent_demonstration"


def test_a_tent_burned_by_police_is_no_riot_of_the_protesters() -> None:
    sentence = "The protesters' tents were burned by police, who removed the protest camp."
    assert _type(sentence) == "protest_with_intervention"


# ---------------------------------------------------------------------------- arrests
@pytest.mark.parametrize(
    "sentence",
    [
        "Police have detained 139 suspects on charges of committing various crimes.",
        "Turkish police detained 25 people suspected of links to the Gulen movement.",
        "Police arrested 40 lawmakers in Dhaka on Friday.",
        "Two student leaders were remanded on Monday.",
        "Five men were held over their links to the militants.",
        "In May police arrested an opposition lawmaker in the capital.",
    ],
)
def test_arrests_of_political_life(sentence: str) -> None:
    assert _type(sentence) == "arrests"


def test_arrests_for_ordinary_crime_stay_out() -> None:
    assert _type("Police arrested three men on charges of drug trafficking.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The Nigerian army said it had cleared Boko Haram from Gwoza.",
        "Iraqi troops backed by US airstrikes took back the Mosul airport.",
    ],
)
def test_state_forces_taking_a_place_back(sentence: str) -> None:
    assert _type(sentence) == "government_regains_territory"


def test_diplomats_expelled_from_a_country_take_no_place() -> None:
    assert _type("The government expelled two diplomats from the country on Monday.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Fighters from the Free Syrian Army joined the Turkish offensive against Kurdish forces.",
        "The Wagner group began pulling its forces out of the city after months of fighting.",
    ],
)
def test_joining_an_offensive_or_pulling_out_changes_activity(sentence: str) -> None:
    assert _type(sentence) == "change_to_group_activity"


def test_a_withdrawal_from_a_place_now_under_another_sides_control() -> None:
    sentence = "Ukrainian troops withdrew from the city, which is now under Russian control."
    assert _type(sentence) == "non_violent_transfer_of_territory"
