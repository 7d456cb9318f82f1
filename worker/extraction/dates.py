"""Date expressions in news text and their resolution against the publication date.

"Monday" is the most recent Monday on or before publication; "Sept. 22" takes the
publication year unless that puts it after publication; "last June" is June of the year
before publication; "2 DAYS AGO" counts back from publication. Without an anchor only
fully explicit dates resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from worker.domain import IncidentDate

_MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "several": 0, "a": 1, "one": 1}

_EXPRESSIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    (
        "numeric",
        re.compile(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>(?:19|20)?\d\d)\b"),
    ),
    (
        "month_day",
        re.compile(
            rf"\b{_MONTH}\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
            r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
            r"(?:,?\s+(?P<year>(?:19|20)?\d\d)\b)?"
        ),
    ),
    ("last_month_name", re.compile(rf"\blast\s+{_MONTH}(?!\s*\d)")),
    ("month_year", re.compile(rf"\b(?:in\s+)?{_MONTH}\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b")),
    ("in_month", re.compile(rf"\b(?:in|early|late|mid-?)\s+{_MONTH}(?!\s*\d)")),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?:early|late|on|last|this|past)\s+)?{_WEEKDAY}(?:['’]s)?"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b"
        ),
    ),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night|overnight)\b")),
    (
        "today",
        re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today)\b"),
    ),
    ("days_ago", re.compile(r"\b(?P<n>\d+|two|three|four|five|six|a|one)\s+days?\s+ago\b")),
    ("week_ago", re.compile(r"\b(?:(?:a|one)\s+week\s+ago|last\s+week)\b")),
)


@dataclass(frozen=True, slots=True)
class DateMention:
    kind: str
    start: int
    end: int
    text: str
    resolved: IncidentDate | None


def _year(raw: str | None, anchor: date | None) -> int | None:
    if raw is None:
        return None
    value = int(raw)
    if value < 100:
        value += 1900 if value >= 50 else 2000
    return value


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(kind: str, match: re.Match[str], anchor: date | None) -> IncidentDate | None:
    text = match.group(0)
    groups = match.groupdict()
    if kind in ("iso", "numeric"):
        year = _year(groups["y"], anchor)
        exact = _day(year, int(groups["m"]), int(groups["d"])) if year else None
        return IncidentDate(exact, exact, 1, text) if exact else None
    if kind in ("month_day", "day_month"):
        month = _MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"])
        year = _year(groups.get("year"), anchor)
        if year is None:
            if anchor is None:
                return None
            year = anchor.year
            candidate = _day(year, month, day)
            if candidate is not None and candidate > anchor + timedelta(days=2):
                year -= 1
        exact = _day(year, month, day)
        return IncidentDate(exact, exact, 1, text) if exact else None
    if kind == "month_year":
        month = _MONTHS[groups["month"].lower()]
        year = int(groups["year"])
        return _month(year, month, text)
    if anchor is None:
        return None
    if kind == "last_month_name":
        return _month(anchor.year - 1, _MONTHS[groups["month"].lower()], text)
    if kind == "in_month":
        month = _MONTHS[groups["month"].lower()]
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return _month(year, month, text)
    if kind == "weekday":
        weekday = _WEEKDAYS[groups["weekday"].lower()]
        back = (anchor.weekday() - weekday) % 7
        if text.lower().startswith("last") and back == 0:
            back = 7
        exact = anchor - timedelta(days=back)
        return IncidentDate(exact, exact, 1, text)
    if kind == "yesterday":
        exact = anchor - timedelta(days=1)
        return IncidentDate(exact, exact, 1, text)
    if kind == "today":
        return IncidentDate(anchor, anchor, 1, text)
    if kind == "days_ago":
        raw = groups["n"].lower()
        n = int(raw) if raw.isdigit() else _NUMBERS[raw]
        exact = anchor - timedelta(days=n)
        return IncidentDate(exact, exact, 1, text)
    if kind == "week_ago":
        return IncidentDate(anchor - timedelta(days=10), anchor - timedelta(days=4), 2, text)
    return None


def _month(year: int, month: int, text: str) -> IncidentDate:
    start = date(year, month, 1)
    end = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
    return IncidentDate(start, end, 3, text)


def find_dates(text: str, anchor: date | None) -> list[DateMention]:
    """Date expressions in ``text`` (offsets into it), resolved against ``anchor``."""
    lowered = text.lower()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _EXPRESSIONS:
        for match in pattern.finditer(lowered):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            if kind == "in_month" and groups_is_may_verb(match, lowered):
                continue
            taken.append((start, end))
            resolved = _resolve(kind, match, anchor)
            if resolved is not None:
                resolved = replace(resolved, text=text[start:end])
            found.append(DateMention(kind, start, end, text[start:end], resolved))
    found.sort(key=lambda m: m.start)
    return found


def groups_is_may_verb(match: re.Match[str], lowered: str) -> bool:
    """'in may' is usually the month, but 'may' alone is a modal verb; only 'may' is ambiguous."""
    return (
        match.group("month") == "may"
        and not lowered[match.end() :]
        .lstrip()
        .startswith(("1", "2", "3", "4", "5", "6", "7", "8", "9", ",", "."))
        and lowered[match.start() : match.start() + 2] != "in"
    )


_DATELINE_DATE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'-]{1,40}?),\s+(?P<day>\d{1,2})\s+(?P<month>[A-Z]{3})\s+(?P<year>\d{2,4})\b"  # noqa: E501
)


def dateline_date(text: str) -> date | None:
    """A wire dateline such as 'GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) --'."""
    match = _DATELINE_DATE.match(text)
    if not match:
        return None
    month = _MONTHS.get(match.group("month").lower())
    year = _year(match.group("year"), None)
    if month is None or year is None:
        return None
    return _day(year, month, int(match.group("day")))
