from __future__ import annotations

from worker.dedup.vocabulary import distinctive, is_generic


def test_generic_incident_words_go_names_and_details_stay() -> None:
    assert is_generic("shooting") and is_generic("accus") and is_generic("year-old")
    assert is_generic("suicide bomber")
    assert not is_generic("griego") and not is_generic("halsted street")
    assert not is_generic("manchester")


def test_the_place_name_is_left_to_the_geographic_component() -> None:
    assert distinctive(("chicago", "police", "john smith"), "Chicago") == ("john smith",)
