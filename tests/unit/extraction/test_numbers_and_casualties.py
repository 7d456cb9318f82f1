from __future__ import annotations

import pytest

from worker.extraction.casualties import CasualtyKind, find_casualties
from worker.extraction.numbers import Quantity, parse_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two dozen", Quantity(24)),
        ("at least 20", Quantity(20, low=20)),
        ("more than 100", Quantity(100, low=100)),
        ("dozens", Quantity(12, low=12)),
        ("twenty-five", Quantity(25)),
        ("1,200", Quantity(1200)),
        ("up to 30", Quantity(30, high=30)),
        ("no one", Quantity(0)),
    ],
)
def test_parse_quantity(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["scores", "several", "some"])
def test_vague_quantities_give_no_number(text: str) -> None:
    assert parse_quantity(text) is None


def _figures(sentence: str) -> list[tuple[str, int | None]]:
    return [
        (m.kind.value, m.quantity.best if m.quantity else None) for m in find_casualties(sentence)
    ]


def test_dead_and_wounded() -> None:
    assert _figures("The attack ended with 12 dead and 42 wounded.") == [
        ("killed", 12),
        ("injured", 42),
    ]


def test_two_dozen_people_dead() -> None:
    assert _figures("an attack that left two dozen people dead") == [("killed", 24)]


def test_shot_one_fatally() -> None:
    assert _figures("Four people were shot, one fatally, on Sunday.") == [
        ("shot", 4),
        ("killed", 1),
    ]


def test_scores_of_civilians_dead_gives_no_figure() -> None:
    assert _figures("which also left scores of civilians dead") == []


def test_killing_and_wounding() -> None:
    assert _figures("The blast killed at least 20 people and wounded more than 100.") == [
        ("killed", 20),
        ("injured", 100),
    ]


def test_no_one_injured_is_zero() -> None:
    assert _figures("No one was injured.") == [("injured", 0)]


def test_gunman_killed_himself_counts_apart() -> None:
    mentions = find_casualties("The gunman then turned the gun on himself.")
    assert [m.kind for m in mentions] == [CasualtyKind.PERPETRATORS_KILLED]


def test_singular_victim_dies() -> None:
    assert _figures("A 5-year-old girl died after being shot.") == [("killed", 1)]
