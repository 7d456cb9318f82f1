from __future__ import annotations

import pytest

from worker.extraction.triggers import find_triggers


def _kinds(sentence: str) -> list[str]:
    return [t.sub_event_type for t in find_triggers(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The senator launched a blistering attack on the budget.",
        "Shares were hammered after the earnings report.",
        "The group threatened to attack the embassy.",
        "Police said no shots were fired.",
        "If the talks fail, rebels will attack the capital.",
        "The push to retake Hajin is part of the third phase of the campaign.",
        "The video was allegedly shot moments before the fighters arrived.",
    ],
)
def test_metaphors_negations_and_irrealis_are_not_incidents(sentence: str) -> None:
    assert _kinds(sentence) == []


def test_missile_barrage_is_shelling() -> None:
    assert _kinds("Units fired six ballistic missiles into the city of Albu Kamal") == [
        "shelling_artillery_missile_attack"
    ]


def test_street_shooting_is_an_attack() -> None:
    assert _kinds("Four people were shot on Sunday.") == ["attack"]


def test_car_bomb_and_airstrike() -> None:
    assert _kinds("A car bomb exploded near the market.")[0] == "remote_explosive_landmine_ied"
    assert _kinds("An airstrike hit the village.") == ["air_drone_strike"]
