from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from worker.codec import InvalidMessage, Reason, decode_article, encode_article
from worker.domain import Delivery

ROOT = Path(__file__).resolve().parents[3]
LIMIT = 1_048_576


def decode(value: bytes | None):
    return decode_article(value, max_bytes=LIMIT)


def reason_of(value: bytes | None, max_bytes: int = LIMIT) -> Reason:
    with pytest.raises(InvalidMessage) as caught:
        decode_article(value, max_bytes=max_bytes)
    return caught.value.reason


def test_json_article_with_every_field():
    article = decode(
        orjson.dumps(
            {
                "id": "a1",
                "text": "Gunmen attacked a parade.",
                "url": "https://x.example/a",
                "outlet": "x.example",
                "title": "Attack",
                "published_at": "2018-10-01T14:00:00+02:00",
                "language": "EN",
            }
        )
    )
    assert article.article_id == "a1"
    assert article.text == "Gunmen attacked a parade."
    assert article.published_at == datetime(2018, 10, 1, 12, 0, tzinfo=UTC)
    assert article.language == "en"
    assert (article.url, article.outlet, article.title) == (
        "https://x.example/a",
        "x.example",
        "Attack",
    )


@pytest.mark.parametrize("field", ["body", "content"])
def test_text_aliases(field: str):
    assert decode(orjson.dumps({field: "Two men were shot."})).text == "Two men were shot."


def test_source_is_an_alias_of_outlet_and_integer_ids_are_accepted():
    article = decode(orjson.dumps({"id": 17, "source": "wire", "text": "x y z"}))
    assert (article.article_id, article.outlet) == ("17", "wire")


def test_raw_text_is_an_article_with_a_content_derived_id():
    raw = (ROOT / "samples" / "seed-article.txt").read_bytes()
    first, second = decode(raw), decode(raw)
    assert first.text.startswith("SUGHED: Iranian forces retaliate")
    assert first.title is None and first.published_at is None and first.raw_text
    assert first.article_id == second.article_id and first.article_id.startswith("a-")


def test_same_url_gives_same_id_without_an_explicit_one():
    a = decode(orjson.dumps({"url": "https://x.example/1", "text": "first version"}))
    b = decode(orjson.dumps({"url": "https://x.example/1", "text": "updated version"}))
    assert a.article_id == b.article_id


def test_text_opening_with_a_bracket_is_not_json():
    assert decode(b"[Reuters] Gunmen attacked a convoy on Monday.").text.startswith("[Reuters]")


def test_bare_date_is_midnight_utc():
    article = decode(orjson.dumps({"text": "x", "published_at": "2018-10-01"}))
    assert article.published_at == datetime(2018, 10, 1, tzinfo=UTC)


def test_delivery_is_carried():
    delivery = Delivery("articles", 3, 42)
    assert decode_article(b"Some text.", max_bytes=LIMIT, delivery=delivery).delivery == delivery


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, Reason.EMPTY_MESSAGE),
        (b"", Reason.EMPTY_MESSAGE),
        (b"\xff\xfe broken", Reason.NOT_UTF8),
        (b'{"text": "unterminated', Reason.INVALID_JSON),
        (b'["a"]', Reason.NOT_AN_OBJECT),
        (b'{"title": "no body"}', Reason.MISSING_TEXT),
        (b'{"text": null}', Reason.MISSING_TEXT),
        (b'{"text": ["a"]}', Reason.INVALID_FIELD),
        (b'{"text": "  \\n "}', Reason.EMPTY_TEXT),
        (b"   ", Reason.EMPTY_TEXT),
        (b'{"text": "x", "published_at": "last Tuesday"}', Reason.INVALID_FIELD),
        (b'{"text": "x", "published_at": "0001-01-01T00:00:00Z"}', Reason.INVALID_FIELD),
        (b'{"text": "x", "published_at": 1538395200}', Reason.INVALID_FIELD),
        (b'{"text": "x", "url": 5}', Reason.INVALID_FIELD),
        (b'{"text": "x", "title": "' + b"t" * 3000 + b'"}', Reason.INVALID_FIELD),
        (b"abc\x00def", Reason.BINARY),
        (b'{"text": "abc\\u0000def"}', Reason.BINARY),
        (b"<html><body>hi</body></html>", Reason.HTML),
    ],
)
def test_bad_messages_raise_one_typed_error(value: bytes | None, reason: Reason):
    assert reason_of(value) is reason


def test_oversized_message():
    assert reason_of(b"x" * 101, max_bytes=100) is Reason.TOO_LARGE


def test_markup_heavy_text_is_html_but_a_stray_tag_is_not():
    page = "".join(f"<div class='c{i}'><span>word</span></div>" for i in range(20))
    assert reason_of(page.encode()) is Reason.HTML
    assert decode(b"He wrote <b>stop</b> on the wall, police said.").text


def test_deeply_nested_json_is_invalid_not_a_crash():
    assert (
        reason_of(b'{"text": "x", "a": ' + b"[" * 5000 + b"]" * 5000 + b"}") is Reason.INVALID_JSON
    )


def test_encode_article_round_trips():
    original = decode(
        orjson.dumps(
            {"id": "r1", "text": "body", "title": "t", "published_at": "2018-10-01T12:00:00Z"}
        )
    )
    again = decode(encode_article(original))
    assert again == original


def test_publication_time_falls_back_to_header_then_message_timestamp():
    stamped = Delivery("articles", 0, 1, datetime(2018, 10, 1, 12, tzinfo=UTC))
    from_timestamp = decode_article(b"Raw text.", max_bytes=LIMIT, delivery=stamped)
    assert from_timestamp.published_at == datetime(2018, 10, 1, 12, tzinfo=UTC)
    from_header = decode_article(
        b"Raw text.",
        max_bytes=LIMIT,
        delivery=stamped,
        headers=[("published_at", b"2018-09-30T08:00:00Z")],
    )
    assert from_header.published_at == datetime(2018, 9, 30, 8, tzinfo=UTC)
    explicit = decode_article(
        b'{"text": "x", "published_at": "2018-01-02T00:00:00Z"}', max_bytes=LIMIT, delivery=stamped
    )
    assert explicit.published_at == datetime(2018, 1, 2, tzinfo=UTC)


def test_bad_published_at_header_is_an_invalid_field():
    with pytest.raises(InvalidMessage) as caught:
        decode_article(b"Raw text.", max_bytes=LIMIT, headers=[("published_at", b"soon")])
    assert caught.value.reason is Reason.INVALID_FIELD
