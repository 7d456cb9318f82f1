from __future__ import annotations

from worker.geo.names import display_ascii, is_latin, name_key


def test_transliterations_of_albu_kamal_share_one_key() -> None:
    keys = {name_key(n) for n in ("Ālbū Kamāl", "Albu Kamal", "Al-Bukamal", "ALBU-KAMAL")}
    assert keys == {"albukamal"}


def test_punctuation_and_case_fold_away() -> None:
    assert name_key("U.S.") == "us"
    assert name_key("St. John's") == "stjohns"
    assert name_key("Łódź") == "lodz"


def test_other_scripts_are_not_latin() -> None:
    assert not is_latin("البو كمال")
    assert is_latin("Ḩalab")
    assert name_key("البو كمال") != "albukamal"


def test_display_ascii_drops_diacritics() -> None:
    assert display_ascii("Khūzestān  Province") == "Khuzestan Province"
