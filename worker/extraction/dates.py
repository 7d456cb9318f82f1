"""Date expressions in news text and their resolution against the publication date.

"Monday" is the most recent Monday on or before publication (the day itself included: a
Monday paper's "Monday" is that day); "Sept. 22" takes the publication year unless that
puts it after publication; "last June" is June of the year before publication; "2 DAYS
AGO" counts back from publication; "last week" is the calendar week before publication's,
with week precision. A date in a future clause ("will be arraigned Monday", "next
Tuesday") resolves forward and is flagged ``future``. Without an anchor only fully
explicit dates resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

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
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1, "one": 1}
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])"

_EXPRESSIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    (
        "numeric",
        re.compile(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>(?:19|20)?\d\d)\b"),
    ),
    (
        "month_day",
        re.compile(
            rf"\b{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|years?|people|men|"
            r"women|shots|rounds|times|miles|feet|[ap]\.?m\b|:\d))"
            r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"\b{_DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
            r"(?:,?\s+(?P<year>(?:19|20)?\d\d)\b)?"
        ),
    ),
    ("last_month_name", re.compile(rf"\blast\s+{_MONTH}(?!\s*\d)")),
    ("month_year", re.compile(rf"\b(?:in\s+)?{_MONTH}\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b")),
    ("in_month", re.compile(rf"\b(?:in|early|late|mid-?)\s+{_MONTH}(?!\s*\d)")),
    ("day_of_month", re.compile(rf"\bon\s+the\s+{_DAY}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?\w+\s+\d)")),
    (
        "weekday",
        re.compile(
            rf"\b(?P<mod>(?:early|late|on|last|this|past|next|coming)\s+)?{_WEEKDAY}(?:['’]s)?"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b"
        ),
    ),
    ("weekend", re.compile(r"\b(?:(?P<which>last|this|past)\s+|over\s+the\s+)weekend\b")),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night|overnight)\b")),
    (
        "today",
        re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today)\b"),
    ),
    ("days_ago", re.compile(r"\b(?P<n>\d+|two|three|four|five|six|a|one)\s+days?\s+ago\b")),
    ("week_ago", re.compile(r"\b(?P<which>(?:a|one)\s+week\s+ago|last\s+week|this\s+week)\b")),
)
# A clause that speaks of what is still to come: its dates are not the incident's.
_FUTURE = re.compile(
    r"\b(?:(?:will|shall|is\s+(?:scheduled|set|due|expected|slated)|are\s+(?:scheduled|set|due|"
    r"expected|slated)|scheduled|slated|set\s+for|expected\s+to|next(?!\s+to\b)|upcoming)\b"
    r"[^.;,]{0,60}"
    # 'until' and 'through' name a future date only right before it ('closed through Monday'):
    # 'marched through central Paris on Saturday' is a place, and the march is over.
    r"|(?:until|through)\s+)$"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    kind: str
    start: int
    end: int
    text: str
    resolved: IncidentDate | None
    future: bool = False  # said of what is still to come ("will appear in court Monday")


def _year(raw: str | None) -> int | None:
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


def _exact(day: date | None, text: str) -> IncidentDate | None:
    return IncidentDate(day, day, 1, text) if day is not None else None


def _resolve(
    kind: str, match: re.Match[str], anchor: date | None, *, future: bool
) -> IncidentDate | None:
    text = match.group(0)
    groups = match.groupdict()
    if kind in ("iso", "numeric"):
        year = _year(groups["y"])
        return _exact(_day(year, int(groups["m"]), int(groups["d"])) if year else None, text)
    if kind in ("month_day", "day_month"):
        month = _MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"])
        year = _year(groups.get("year"))
        if year is None:
            if anchor is None:
                return None
            year = anchor.year
            candidate = _day(year, month, day)
            # A few days ahead is a coming date of the same year; further is last year's
            # (unless the clause speaks of what is to come).
            ahead = timedelta(days=120 if future else 2)
            if candidate is not None and candidate > anchor + ahead:
                year -= 1
        return _exact(_day(year, month, day), text)
    if kind == "month_year":
        return _month(int(groups["year"]), _MONTHS[groups["month"].lower()], text)
    if anchor is None:
        return None
    if kind == "last_month_name":
        return _month(anchor.year - 1, _MONTHS[groups["month"].lower()], text)
    if kind == "in_month":
        month = _MONTHS[groups["month"].lower()]
        year = anchor.year if month <= anchor.month or future else anchor.year - 1
        return _month(year, month, text)
    if kind == "day_of_month":
        day = int(groups["day"])
        found = _day(anchor.year, anchor.month, day)
        if found is None or found > anchor:
            previous = anchor.replace(day=1) - timedelta(days=1)
            found = _day(previous.year, previous.month, day)
        return _exact(found, text)
    if kind == "weekday":
        return _weekday(groups, anchor, text, future=future)
    if kind == "weekend":
        saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
        if (groups.get("which") or "") == "last" and anchor.weekday() >= 5:
            saturday -= timedelta(days=7)
        return IncidentDate(saturday, min(saturday + timedelta(days=1), anchor), 2, text)
    if kind == "yesterday":
        return _exact(anchor - timedelta(days=1), text)
    if kind == "today":
        return _exact(anchor, text)
    if kind == "days_ago":
        raw = groups["n"].lower()
        return _exact(anchor - timedelta(days=int(raw) if raw.isdigit() else _NUMBERS[raw]), text)
    if kind == "week_ago":
        monday = anchor - timedelta(days=anchor.weekday())
        if groups["which"].startswith("this"):
            return IncidentDate(monday, anchor, 2, text)
        return IncidentDate(monday - timedelta(days=7), monday - timedelta(days=1), 2, text)
    return None


def _weekday(
    groups: dict[str, str | None], anchor: date, text: str, *, future: bool
) -> IncidentDate:
    weekday = _WEEKDAYS[(groups["weekday"] or "").lower()]
    modifier = (groups.get("mod") or "").strip().lower()
    if future or modifier in ("next", "coming"):
        ahead = (weekday - anchor.weekday()) % 7 or 7
        exact = anchor + timedelta(days=ahead)
    else:
        back = (anchor.weekday() - weekday) % 7
        if modifier == "last" and back == 0:
            back = 7
        exact = anchor - timedelta(days=back)
    return IncidentDate(exact, exact, 1, text)


def _month(year: int, month: int, text: str) -> IncidentDate:
    start = date(year, month, 1)
    end = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
    return IncidentDate(start, end, 3, text)


# Cheap test that a sentence may hold a date at all: most sentences hold none.
_MAYBE_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|yesterday|today|tonight|night|overnight|morning|afternoon|"
    r"evening|ago|week|weekend|(?:19|20)\d\d-|\d{1,2}/\d|the\s+\d{1,2}(?:st|nd|rd|th))",
)


def find_dates(text: str, anchor: date | None) -> list[DateMention]:
    """Date expressions in ``text`` (offsets into it), resolved against ``anchor``."""
    return list(_find_dates(text, anchor))


@lru_cache(maxsize=2048)
def _find_dates(text: str, anchor: date | None) -> tuple[DateMention, ...]:
    # Cached: the incident's stretches and the date choice read the same sentences.
    lowered = text.lower()
    if not _MAYBE_DATE.search(lowered):
        return ()
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
            future = bool(_FUTURE.search(lowered[max(0, start - 80) : start])) or (
                kind == "weekday" and (match.group("mod") or "").strip() in ("next", "coming")
            )
            resolved = _resolve(kind, match, anchor, future=future)
            if resolved is not None:
                resolved = replace(resolved, text=text[start:end])
            found.append(DateMention(kind, start, end, text[start:end], resolved, future))
    found.sort(key=lambda m: m.start)
    return tuple(found)


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
    r"^\s*(?P<place>[A-Z][A-Za-z .'-]{1,40}?)(?:\s*\([A-Z][A-Za-z .'-]{1,30}\))?,\s+"
    r"(?P<day>\d{1,2})\s+(?P<month>[A-Z]{3})\s+(?P<year>\d{2,4})\b"
)


def dateline_date(text: str) -> date | None:
    """A wire dateline such as 'GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) --' or 'PANAMA CITY
    (PANAMA), 16 NOV 89 (ACAN-EFE) --'."""
    match = _DATELINE_DATE.match(text)
    if not match:
        return None
    month = _MONTHS.get(match.group("month").lower())
    year = _year(match.group("year"))
    if month is None or year is None:
        return None
    return _day(year, month, int(match.group("day")))
