"""Quantities written in words or digits, read the way the taxonomy's casualty rules ask."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS: dict[str, int] = {
    "zero": 0,
    "no": 0,
    "none": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "lone": 1,
    "two": 2,
    "both": 2,
    "pair": 2,
    "couple": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "dozen": 12,
}
_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague plurals the taxonomy gives a number to ("dozens" = 12); "scores", "several" have none.
_VAGUE_WITH_NUMBER: dict[str, int] = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1000}
VAGUE_WITHOUT_NUMBER = frozenset(
    {"scores", "several", "some", "many", "numerous", "multiple", "few", "countless"}
)
# "at least 20" = 20; "more than 20" = 20 (a floor); "up to 20" = 20 (a ceiling).
_LOWER_BOUND = re.compile(
    r"^(?:at least|more than|over|upwards of|in excess of|no fewer than|no less than|"
    r"at minimum|a minimum of)\s+"
)
_UPPER_BOUND = re.compile(r"^(?:up to|as many as|nearly|almost|fewer than|less than|under)\s+")
_APPROX = re.compile(r"^(?:about|around|approximately|some|roughly|an estimated|estimated)\s+")
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_RANGE = re.compile(r"^(\S+)\s*(?:-|–|to|or)\s*(\S+)$")

NUMBER_WORD = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|dozens|tens|hundreds|thousands|"
    r"single|lone|both|pair|couple|no|zero|none)"
)
# A whole quantity phrase: optional bound, number words joined by spaces/hyphens/"and".
QUANTITY = (
    r"(?:(?:at least|more than|over|upwards of|in excess of|no fewer than|no less than|up to|"
    r"as many as|nearly|almost|about|around|approximately|roughly|an estimated)\s+)?"
    rf"{NUMBER_WORD}(?:(?:\s+|-|\s+and\s+|\s+of\s+(?=a\s+dozen)){NUMBER_WORD})*(?![\w-])"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    best: int
    low: int | None = None
    high: int | None = None


def _words_to_int(words: list[str]) -> int | None:
    total, current, seen = 0, 0, False
    for word in words:
        if word in ("and", "of"):
            continue
        if _DIGITS.match(word):
            current += int(word.replace(",", ""))
        elif word in _UNITS:
            value = _UNITS[word]
            if word == "dozen":
                current = (current or 1) * 12
            elif word in ("a", "an") and seen:
                continue
            else:
                current += value
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_quantity(text: str) -> Quantity | None:
    """The number a casualty phrase gives, or None when it is vague ("scores of", "several")."""
    phrase = text.lower().strip().replace("\u2013", "-")
    low: int | None = None
    high: int | None = None
    bound = ""
    for pattern, kind in ((_LOWER_BOUND, "low"), (_UPPER_BOUND, "high"), (_APPROX, "approx")):
        match = pattern.match(phrase)
        if match:
            phrase, bound = phrase[match.end() :], kind
            break
    phrase = re.sub(r"\s+of$", "", phrase.strip())
    if phrase in ("no", "none", "zero", "no one", "nobody") or phrase.startswith("no "):
        return Quantity(0)
    if phrase in VAGUE_WITHOUT_NUMBER or phrase.startswith("scores"):
        return None
    if phrase in _VAGUE_WITH_NUMBER:
        value = _VAGUE_WITH_NUMBER[phrase]
        return Quantity(value, low=value)
    ranged = _RANGE.match(phrase)
    if ranged and _DIGITS.match(ranged.group(1)) and _DIGITS.match(ranged.group(2)):
        a, b = int(ranged.group(1).replace(",", "")), int(ranged.group(2).replace(",", ""))
        if a <= b:
            return Quantity(a, low=a, high=b)
    words = [w for w in re.split(r"[\s-]+", phrase) if w]
    if words and words[-1] in _VAGUE_WITH_NUMBER and len(words) > 1:
        words[-1] = words[-1][:-1]  # "two dozens" reads as "two dozen"
    parsed = _words_to_int(words)
    if parsed is None:
        return None
    value = parsed
    if bound == "low":
        low = value
    elif bound == "high":
        high = value
    return Quantity(value, low=low, high=high)
