"""Quantities written in words or digits, read the way the taxonomy's casualty rules ask.

``QUANTITY`` is a regular-expression fragment (no groups of its own) for one quantity phrase
as news writes it before a noun: "at least 20", "two dozen", "twenty-five", "1,200", "dozens",
"two or three". It deliberately does not match "a"/"an" alone (the article, not a count) nor two
numbers side by side ("12 3"), which in news text are a date, an address or a phone number.
"""

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
ORDINALS: dict[str, int] = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
# "double homicide", "triple shooting": the count is in the adjective.
MULTIPLES: dict[str, int] = {
    "double": 2,
    "triple": 3,
    "quadruple": 4,
    "quintuple": 5,
    "sextuple": 6,
}
# "at least 20" = 20; "more than 20" = 20 (a floor); "up to 20" = 20 (a ceiling).
_LOWER_BOUND = re.compile(
    r"^(?:at least|more than|over|upwards of|in excess of|no fewer than|no less than|"
    r"at minimum|a minimum of)\s+"
)
_UPPER_BOUND = re.compile(r"^(?:up to|as many as|nearly|almost|fewer than|less than|under)\s+")
_APPROX = re.compile(r"^(?:about|around|approximately|some|roughly|an estimated|estimated)\s+")
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_RANGE = re.compile(r"^(.+?)\s+(?:to|or)\s+(.+)$|^(\d+)\s*[-–]\s*(\d+)$")
_SPLIT = re.compile(r"[\s-]+")

_SMALL = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TEN_WORDS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# One number in words: "twenty-five", "one hundred and twelve", "two dozen", "a dozen".
_TWO_DIGITS = rf"(?:(?:{_TEN_WORDS})(?:[\s-](?:{_SMALL}))?|{_SMALL})"
_SCALE_TAIL = rf"(?:[\s-](?:hundred|thousand)(?:\s+and\s+{_TWO_DIGITS})?|[\s-]dozen)"
_WORDS = rf"(?:{_TWO_DIGITS}{_SCALE_TAIL}?|an?\s+(?:hundred|thousand|dozen))"
_DIGIT_NUMBER = r"\d{1,3}(?:,\d{3})+|\d{1,4}(?!,\d)"
_ONE_NUMBER = (
    rf"(?:{_DIGIT_NUMBER}|{_WORDS}|both|zero|none|no\s+one|nobody|no|dozens|tens|hundreds|"
    r"thousands)"
)

NUMBER_WORD = _ONE_NUMBER
# A whole quantity phrase: optional bound, one number, or a range "two or three".
QUANTITY = (
    r"(?:(?:at least|more than|over|upwards of|in excess of|no fewer than|no less than|up to|"
    r"as many as|nearly|almost|about|around|approximately|roughly|an estimated|some)\s+)?"
    r"(?:a\s+(?:couple|pair)\s+of|half\s+a\s+dozen|a\s+half[\s-]dozen|"
    rf"\d+[-–]\d+|{_ONE_NUMBER}(?:\s+(?:to|or)\s+{_ONE_NUMBER})?)(?![\w-]|,\d|\.\d)"
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
            if seen:
                return None  # "58 two", "12 3": two numbers side by side are no quantity
            current += int(word.replace(",", ""))
        elif seen and words[0][0].isdigit() and word not in _SCALES:
            return None
        elif word == "half":
            current = current or 1
            current = -current  # "half a dozen": halve at the dozen below
        elif word in _UNITS:
            value = _UNITS[word]
            if word == "dozen":
                current = 6 if current < 0 else (current or 1) * 12
            elif word in ("a", "an") and seen:
                continue
            else:
                current += value
        elif word in _TENS:
            if current % 100:
                return None
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
    if current < 0:
        return None
    return total + current if seen else None


def _number(phrase: str) -> int | None:
    words = [w for w in _SPLIT.split(phrase) if w]
    if words and words[-1] in _VAGUE_WITH_NUMBER and len(words) > 1:
        words[-1] = words[-1][:-1]  # "two dozens" reads as "two dozen"
    return _words_to_int(words)


def parse_quantity(text: str) -> Quantity | None:
    """The number a casualty phrase gives, or None when it is vague ("scores of", "several")."""
    phrase = text.lower().strip().replace("\u2013", "-")
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
        floor = _VAGUE_WITH_NUMBER[phrase]
        return Quantity(floor, low=floor)
    if re.fullmatch(r"(?:a\s+)?(?:couple|pair)(?:\s+of)?", phrase):
        return Quantity(2)
    ranged = _RANGE.match(phrase)
    if ranged:
        first, second = ranged.group(1, 2) if ranged.group(1) else ranged.group(3, 4)
        a, b = _number(first), _number(second)
        if a is not None and b is not None:
            if a >= b:
                return None  # "58 - 2" is no range: a channel name and a count, or a score
            # "two or three dead": the conservative figure is the lower one.
            return Quantity(a, low=a, high=b)
    value = _number(phrase)
    if value is None:
        return None
    if bound == "low":
        return Quantity(value, low=value)
    if bound == "high":
        return Quantity(value, high=value)
    return Quantity(value)
