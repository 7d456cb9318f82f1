"""Bytes <-> domain records. The only place messages are parsed or serialised."""

from worker.codec.articles import decode_article, encode_article
from worker.codec.errors import InvalidMessage, Reason
from worker.codec.records import (
    dead_letter_headers,
    decode_incident,
    decode_mention,
    decode_report,
    encode,
    to_jsonable,
)

__all__ = [
    "InvalidMessage",
    "Reason",
    "dead_letter_headers",
    "decode_article",
    "decode_incident",
    "decode_mention",
    "decode_report",
    "encode",
    "encode_article",
    "to_jsonable",
]
