"""Bytes on the ``articles`` topic -> :class:`Article`, or one :class:`InvalidMessage`.

Two formats are accepted: a JSON object (``text``, or ``body``/``content``, required) and raw
UTF-8 newswire text. Anything else is dead-lettered with a reason; nothing is guessed.

Publication time, which relative dates ("Monday") resolve against, is the JSON ``published_at``
field, else a ``published_at`` message header, else the message's Kafka timestamp (on topics the
worker creates, when the broker received it): raw text carries no metadata, and for a live feed
its arrival is the best statement of when it appeared.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import orjson

from worker.codec.errors import InvalidMessage, Reason
from worker.domain import Article, Delivery

TEXT_FIELDS = ("text", "body", "content")
MIN_YEAR = 1900
MAX_YEAR = 2100
_FIELD_LIMITS = {
    "id": 256,
    "url": 4096,
    "outlet": 256,
    "source": 256,
    "title": 2000,
    "language": 35,
}

# C0 controls other than tab, newline, vertical tab, form feed and carriage return, plus DEL
# and the C1 block. News text carries none of them; binary and corrupted payloads carry many.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?>")
_HTML_START = re.compile(
    r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE
)


def decode_article(
    value: bytes | None,
    *,
    max_bytes: int,
    delivery: Delivery | None = None,
    headers: Sequence[tuple[str, bytes]] | None = None,
) -> Article:
    article = _decode(value, max_bytes, delivery)
    if article.published_at is None:
        published = _header_time(headers) or (delivery.timestamp if delivery else None)
        if published is not None:
            article = dataclasses.replace(article, published_at=published)
    return article


def _header_time(headers: Sequence[tuple[str, bytes]] | None) -> datetime | None:
    for name, raw in headers or ():
        if name == "published_at":
            try:
                return _parse_published_at(raw.decode("utf-8"))
            except UnicodeDecodeError:
                raise InvalidMessage(
                    Reason.INVALID_FIELD, "published_at header is not UTF-8"
                ) from None
    return None


def _decode(value: bytes | None, max_bytes: int, delivery: Delivery | None) -> Article:
    if value is None or len(value) == 0:
        raise InvalidMessage(Reason.EMPTY_MESSAGE, "the message has no value")
    if len(value) > max_bytes:
        raise InvalidMessage(Reason.TOO_LARGE, f"{len(value)} bytes, limit {max_bytes}")
    try:
        decoded = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidMessage(Reason.NOT_UTF8, f"invalid UTF-8 at byte {exc.start}") from None

    stripped = decoded.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return _from_json(stripped, delivery)
    if stripped.startswith("["):
        try:
            parsed = orjson.loads(stripped)
        except orjson.JSONDecodeError:
            pass  # text that happens to open with a bracket, e.g. "[Reuters] ..."
        else:
            raise InvalidMessage(
                Reason.NOT_AN_OBJECT, f"JSON {type(parsed).__name__}, expected an object"
            )
    text = _check_text(decoded)
    return Article(article_id=_derive_id(None, text), text=text, delivery=delivery, raw_text=True)


def _from_json(raw: str, delivery: Delivery | None) -> Article:
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidMessage(Reason.INVALID_JSON, _short(str(exc))) from None
    if not isinstance(obj, dict):
        raise InvalidMessage(Reason.NOT_AN_OBJECT, f"JSON {type(obj).__name__}, expected an object")

    text_value: Any = None
    for name in TEXT_FIELDS:
        if name in obj and obj[name] is not None:
            text_value = obj[name]
            break
    if text_value is None:
        raise InvalidMessage(Reason.MISSING_TEXT, "no 'text', 'body' or 'content' field")
    if not isinstance(text_value, str):
        raise InvalidMessage(
            Reason.INVALID_FIELD, f"text is {type(text_value).__name__}, expected a string"
        )
    text = _check_text(text_value)

    article_id = _optional_str(obj, "id", allow_int=True)
    url = _optional_str(obj, "url")
    outlet = _optional_str(obj, "outlet") or _optional_str(obj, "source")
    title = _optional_str(obj, "title")
    language = _optional_str(obj, "language")
    published_at = _parse_published_at(obj.get("published_at"))
    if title is not None and _CONTROL.search(title):
        raise InvalidMessage(Reason.INVALID_FIELD, "title contains control characters")
    return Article(
        article_id=article_id or _derive_id(url, text),
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        published_at=published_at,
        language=language.lower() if language else None,
        delivery=delivery,
    )


def _check_text(text: str) -> str:
    if not text.strip():
        raise InvalidMessage(Reason.EMPTY_TEXT, "the article text is empty")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(2, len(text) // 1000):
        raise InvalidMessage(Reason.BINARY, f"{controls} control characters in {len(text)}")
    if _HTML_START.match(text) or _looks_like_markup(text):
        raise InvalidMessage(Reason.HTML, "an HTML page, not article text")
    return text


def _looks_like_markup(text: str) -> bool:
    tags = _TAG.findall(text)
    if len(tags) < 5:
        return False
    return sum(len(t) for t in tags) > 0.1 * len(text)


def _optional_str(obj: dict[str, Any], name: str, *, allow_int: bool = False) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if allow_int and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise InvalidMessage(
            Reason.INVALID_FIELD, f"{name} is {type(value).__name__}, expected a string"
        )
    value = value.strip()
    limit = _FIELD_LIMITS[name]
    if len(value) > limit:
        raise InvalidMessage(
            Reason.INVALID_FIELD, f"{name} is {len(value)} characters, limit {limit}"
        )
    return value or None


def _parse_published_at(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidMessage(Reason.INVALID_FIELD, "published_at must be an RFC 3339 string")
    parsed = parse_timestamp(value)
    if parsed is None:
        raise InvalidMessage(
            Reason.INVALID_FIELD, f"published_at {_short(value)!r} is not RFC 3339"
        )
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise InvalidMessage(
            Reason.INVALID_FIELD, f"published_at year {parsed.year} is out of range"
        )
    return parsed


def parse_timestamp(value: str) -> datetime | None:
    """RFC 3339 (also a bare date, read as midnight UTC); offsets are normalised to UTC."""
    text = value.strip()
    if len(text) > 64:
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _derive_id(url: str | None, text: str) -> str:
    # Content-derived so that a redelivered article keeps its identity.
    basis = url if url else text
    return "a-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def encode_article(article: Article) -> bytes:
    """The JSON form of an article, as ``produce`` writes it."""
    record: dict[str, Any] = {"id": article.article_id, "text": article.text}
    for name in ("title", "url", "outlet", "language"):
        value = getattr(article, name)
        if value is not None:
            record[name] = value
    if article.published_at is not None:
        record["published_at"] = article.published_at
    return orjson.dumps(record, option=orjson.OPT_UTC_Z)
