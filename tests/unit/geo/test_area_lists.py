"""Names in a list that ends in "counties" or "parishes"."""

from __future__ import annotations

import pytest

from worker.geo import ToponymMention
from worker.geo.gazetteer import _listed_area_word


def _word(text: str, name: str) -> str | None:
    start = text.index(name)
    return _listed_area_word(text, ToponymMention(name, start, start + len(name), "GPE"))


@pytest.mark.parametrize("name", ["Butler", "Clark", "Hamilton", "Warren"])
def test_every_name_of_a_county_list(name: str) -> None:
    assert _word("in Butler, Clark, Hamilton or Warren counties.", name) == "County"


def test_parishes() -> None:
    assert _word("Rapides and Avoyelles parishes", "Rapides") == "Parish"
    assert _word("Rapides and Avoyelles parishes", "Avoyelles") == "Parish"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("10 Kentucky counties", "Kentucky"),
        ("the four metro Athens counties", "Athens"),
        ("Dallas, Texas, is big", "Dallas"),
    ],
)
def test_a_name_that_only_describes_the_counties(text: str, name: str) -> None:
    assert _word(text, name) is None
