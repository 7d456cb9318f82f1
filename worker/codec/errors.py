"""The one error a bad message raises, with a stable reason code."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a message was dead-lettered. Codes are stable: dashboards and alerts use them."""

    TOO_LARGE = "too_large"
    EMPTY_MESSAGE = "empty_message"
    NOT_UTF8 = "not_utf8"
    INVALID_JSON = "invalid_json"
    NOT_AN_OBJECT = "not_an_object"
    MISSING_TEXT = "missing_text"
    EMPTY_TEXT = "empty_text"
    INVALID_FIELD = "invalid_field"
    BINARY = "binary"
    HTML = "html"
    INVALID_CANDIDATE = "invalid_candidate"
    # Extraction raised on this one article; the dead-letter limit stops a systematic failure.
    EXTRACTION_FAILED = "extraction_failed"


class InvalidMessage(Exception):
    """A message that can never be processed: dead-lettered, never retried."""

    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail
