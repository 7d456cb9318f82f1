"""Folding of place names into lookup keys.

Transliterations of the same place differ in diacritics, hyphens, apostrophes and spacing
("Ālbū Kamāl", "Albu Kamal", "Al-Bukamal"), so a key keeps only lower-case ASCII letters and
digits: all of those fold to ``albukamal``.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into ASCII + combining marks.
_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "ð": "d",
        "þ": "th",
        "ħ": "h",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


# Combining marks (the blocks NFKD moves diacritics of Latin letters into).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def ascii_fold(text: str) -> str:
    """``text`` without diacritics; characters with no ASCII form are kept as they are."""
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_SPECIAL)))


def name_key(text: str) -> str:
    """The lookup key of a surface form; empty when the form has no Latin letters or digits."""
    return _NON_ALNUM.sub("", ascii_fold(text).lower())


def is_latin(text: str) -> bool:
    """True when the folded form is plain ASCII (names in other scripts are not indexed)."""
    return ascii_fold(text).isascii()


def display_ascii(text: str) -> str:
    """A readable ASCII form of a name: diacritics dropped, spacing normalised."""
    return _SPACES.sub(" ", ascii_fold(text)).strip()
