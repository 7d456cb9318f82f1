"""Newswire clean-up: title, body and dateline out of raw text, boilerplate dropped.

The cleaned body is a concatenation of pieces of the original text, and ``CleanText``
keeps where each piece came from, so offsets found in the cleaned text map back to the
article exactly (evidence spans highlight the article as received).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Whole lines that are site furniture, not news.
# Boilerplate lines: what they start with (tried once, at the start of the line) and what
# they contain anywhere (tried at every position: kept short, it is the costlier half).
_BOILERPLATE_START = re.compile(
    r"|".join(
        (
            r"you must enter the characters",
            r"message:\s*\*?\s*a friend wanted you",
            r"please (?:read our comment|enable javascript|note|log in|sign in|share)",
            r"\W*(?:related|see also|also|read more|more|latest news|top trending|more local news"
            r"|related (?:links|content|stories|coverage)|recommended|trending|watch|photos|video"
            r"|advertisement|enlarge|print|email|e-mail|share|tweet|comments?|loading)\W*:?",
            r"copyright\b",
            r"\(?source:",
            r"(?:share this|like this|scroll down for|having trouble viewing|on a mobile device)",
            r"(?:free apps|get the latest from)\b",
            r"text size\b",
            r"page \d+ of \d+",
            r"(?:by\s+)?breaking news staff$",
            r"(?:photo|image|file photo|caption)(?:\s+by\b|:|\s*\()",
            r"refresh \S+ and our app",
            r"\S+@\S+\.\w+$",
            r"twitter:\s*@",
            r"(?:update|updated|posted|published|last updated)\s*:?\s*$",
        )
    ),
    re.IGNORECASE,
)
_BOILERPLATE_ANYWHERE = re.compile(
    r"|".join(
        (
            r"comment policy",
            r"\bcan be reached at\b",
            r"©|all rights reserved|this material may not be published",
            r"\b(?:follow|like) (?:us|\w+ on) (?:on )?(?:twitter|facebook|instagram)",
            r"\bjoin the conversation\b",
            r"\bsign up for\b.*\bnewsletter",
            r"\bnotification(?:s)? (?:has been saved|are only sent|problem)",
            r"there was a problem saving",
            r"\bpending comments?\b",
            r"\b(?:iphone|android)\s*\|",
            r"\|\s*(?:twitter|facebook|email|google)\b",
            r"\((?:photo|image)s?\s*(?:by|:|courtesy)[^)]*\)\s*$",
            r"\bfrom wikipedia, the free encyclopedia\b",
        )
    ),
    re.IGNORECASE,
)
# A word every _BOILERPLATE_ANYWHERE pattern needs: most lines have none, and a substring test
# is far cheaper than the pattern.
_ANYWHERE_WORDS = (
    "comment policy",
    "reached at",
    "©",
    "rights reserved",
    "may not be published",
    "twitter",
    "facebook",
    "instagram",
    "conversation",
    "newsletter",
    "notification",
    "problem saving",
    "pending comment",
    "|",
    "photo",
    "image",
    "wikipedia",
)
_SHORT_NAV = re.compile(r"^[\W\d_]*(?:\w+[\W_]*){0,3}$")  # "Twitter", "Share this story"
_SENTENCE_END = re.compile(r"[.!?\"”’')]\s*$")
_SLUG = re.compile(r"^\s*[A-Z][A-Z0-9 -]{2,20}:\s+(?=\S)")  # "SUGHED: "
_BYLINE = re.compile(
    r"\s*\bBY\s+[A-Z][A-ZÀ-Ý'’.-]+(?:\s+[A-Z][A-ZÀ-Ý'’.-]+){0,3}\s*$"
    r"|^\s*By\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:,\s*[\w .]+)?\s*$"
)
_POSTED = re.compile(
    r"\s*\b(?:Posted|Updated|Last Updated|Published|Created)\s*:?\s+"
    r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)[a-z]*,?\s+)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?"
)
# "DETROIT -", "WASHINGTON (AP) —", "SAN DIEGO (CBS 8) -", "GUATEMALA CITY, 4 FEB 90 (ACAN-EFE)
# -- [TEXT]", and "EUTAW, Ala. (AP) Authorities say": after a source in brackets the dash is
# sometimes left out.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'’-]{2,40}?(?:,\s*[A-Z][A-Za-z.]{1,15}(?:\s[A-Z][a-z]+){0,2})?)"
    r"(?:,\s*\d{1,2}\s+[A-Z]{3}\s+\d{2,4})?"
    r"\s*(?:(?:\((?:AP|Reuters|AFP|UPI|CNN|[A-Z][A-Za-z0-9 /&.-]{1,20})\)\s*)?(?:-{1,2}|—|–)"
    r"|\((?:AP|Reuters|AFP|UPI|CNN|[A-Z][A-Z0-9 /&.-]{1,20})\)(?=\s+[A-Z][a-z]))"
    r"\s*(?:\[TEXT\]\s*)?"
)
# "BLACKFOOT, Idaho -" or "HOUSTON -" on a line of its own, the story on the next.
_DATELINE_LINE = re.compile(
    r"(?P<place>[A-Z][A-Z .'’-]{2,40}?(?:,\s*[A-Z][A-Za-z.]{1,15})?)"
    r"\s*(?:\([^)]{1,30}\)\s*)?(?:-{1,2}|—|–)"
)
# How many kept paragraphs (headline furniture, a photo caption, a summary) may stand before
# the one a dateline opens.
_DATELINE_PARAGRAPHS = 5
_MIXED_CASE_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2},\s+(?:[A-Z][a-z.]{1,12}|[A-Z]{2}\b))"
    r"\s*(?:\([A-Z][A-Za-z0-9 /&.-]{1,20}\)\s*)?(?:-{1,2}|—|–)\s*"
)
_TEXT_MARKER = re.compile(r"\[TEXT\]\s*")
_LEADING_DASH = re.compile(r"^\s*(?:—|–|-{1,2})\s+")


@dataclass(frozen=True, slots=True)
class Piece:
    clean_start: int
    original_start: int  # -1: the title given apart from the text
    length: int


@dataclass(frozen=True, slots=True)
class CleanText:
    title: str | None
    text: str  # title (if any), a blank line, then the cleaned body
    body_start: int  # where the body begins in ``text``
    pieces: tuple[Piece, ...]
    dateline: str | None  # the place named in a dateline, as written

    def to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """Offsets in the article's text for ``text[start:end]``; None for the detached title."""
        starts = [p.clean_start for p in self.pieces]
        index = bisect.bisect_right(starts, start) - 1
        if index < 0:
            return None
        piece = self.pieces[index]
        if piece.original_start < 0 or start >= piece.clean_start + piece.length:
            return None
        last = bisect.bisect_right(starts, max(start, end - 1)) - 1
        end_piece = self.pieces[last]
        if end_piece.original_start < 0:
            return None
        original_end = (
            end_piece.original_start
            + min(end, end_piece.clean_start + end_piece.length)
            - end_piece.clean_start
        )
        return piece.original_start + start - piece.clean_start, original_end


def _contains_boilerplate(line: str) -> bool:
    folded = line.lower()
    return any(word in folded for word in _ANYWHERE_WORDS) and bool(
        _BOILERPLATE_ANYWHERE.search(line)
    )


def _is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    if _BOILERPLATE_START.match(stripped) or _contains_boilerplate(stripped):
        # Long narrative lines that merely mention a share button stay.
        return len(stripped.split()) < 25 or bool(
            re.search(r"comment policy|can be reached at|all rights reserved", stripped, re.I)
        )
    return bool(_SHORT_NAV.match(stripped)) and not _SENTENCE_END.search(stripped)


def clean_article(text: str, title: str | None) -> CleanText:
    """Split raw newswire into title and body pieces, dropping boilerplate lines."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        lines.append((offset, raw.rstrip("\r\n")))
        offset += len(raw)

    kept: list[tuple[int, str]] = []  # (original offset, piece text)
    title_piece: tuple[int, str] | None = None
    dateline: str | None = None
    index = 0
    if title is None:
        while index < len(lines) and not lines[index][1].strip():
            index += 1
        if index < len(lines):
            start, line = lines[index]
            index += 1
            slug = _SLUG.match(line)
            cut_start = slug.end() if slug else len(line) - len(line.lstrip())
            byline = _BYLINE.search(line, cut_start)
            cut_end = byline.start() if byline else len(line.rstrip())
            title_piece = (start + cut_start, line[cut_start:cut_end])

    for start, raw_line in lines[index:]:
        line = raw_line
        posted = _POSTED.search(line)
        while posted:
            # Keep what stands before "Posted: ..." (often the headline repeated).
            head = line[: posted.start()]
            if head.strip() and not kept and title_piece is None:
                title_piece = (start, head.rstrip())
            line = " " * posted.end() + line[posted.end() :]
            posted = _POSTED.search(line)
            if not line.strip():
                break
        line_start = len(line) - len(line.lstrip())
        body = line[line_start:]
        if dateline is None and len(kept) <= _DATELINE_PARAGRAPHS:
            alone = _DATELINE_LINE.fullmatch(body.rstrip())
            if alone:
                dateline = alone.group("place").strip()
                continue
        if _BYLINE.fullmatch(body) or _is_boilerplate(body):
            continue
        if not kept:
            marker = _TEXT_MARKER.search(body)
            match = _DATELINE.match(body) or _MIXED_CASE_DATELINE.match(body)
            if match:
                dateline = match.group("place").strip()
                line_start += match.end()
            elif marker and marker.start() < 80:
                line_start += marker.end()
            dash = _LEADING_DASH.match(line[line_start:])
            if dash:
                line_start += dash.end()
        elif _DATELINE.match(body) and len(body) > 60:
            # A dateline may open the first paragraph after the furniture.
            match = _DATELINE.match(body)
            if match and dateline is None and len(kept) <= _DATELINE_PARAGRAPHS:
                dateline = match.group("place").strip()
                line_start += match.end()
        kept.append((start + line_start, line[line_start:].rstrip()))

    if not kept and title is None and title_piece is not None:
        # A one-line text (a snippet) is all body, not a headline.
        kept, title_piece = [title_piece], None
    pieces: list[Piece] = []
    parts: list[str] = []
    cursor = 0
    clean_title: str | None = None
    if title is not None and title.strip():
        clean_title = title.strip()
        pieces.append(Piece(0, -1, len(clean_title)))
        parts.append(clean_title + "\n\n")
        cursor = len(clean_title) + 2
    elif title_piece is not None and title_piece[1].strip():
        clean_title = title_piece[1]
        pieces.append(Piece(0, title_piece[0], len(clean_title)))
        parts.append(clean_title + "\n\n")
        cursor = len(clean_title) + 2
    body_start = cursor
    for original, piece in kept:
        pieces.append(Piece(cursor, original, len(piece)))
        parts.append(piece + "\n\n")
        cursor += len(piece) + 2
    return CleanText(clean_title, "".join(parts), body_start, tuple(pieces), dateline)
