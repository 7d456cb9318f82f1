"""Every example message of every topic goes through the codec and validates against its schema."""

from pathlib import Path

import jsonschema
import orjson
import pytest

from worker.codec import (
    InvalidMessage,
    Reason,
    decode_article,
    decode_incident,
    decode_mention,
    encode,
)
from worker.codec.records import dead_letter_headers
from worker.domain import Delivery

SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"
EXAMPLES = SCHEMAS / "examples"
LIMIT = 1_048_576


def schema(name: str) -> dict:
    loaded = orjson.loads((SCHEMAS / f"{name}.schema.json").read_bytes())
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


def examples(topic: str) -> list[Path]:
    found = sorted(p for p in (EXAMPLES / topic).iterdir() if p.is_file())
    assert found, f"no examples for {topic}"
    return found


@pytest.mark.parametrize("path", examples("articles"), ids=lambda p: p.name)
def test_article_examples_decode(path: Path):
    raw = path.read_bytes()
    article = decode_article(raw, max_bytes=LIMIT)
    assert article.text.strip()
    if path.suffix == ".json":
        jsonschema.validate(orjson.loads(raw), schema("articles"))


@pytest.mark.parametrize("path", examples("articles-dlq"), ids=lambda p: p.name)
def test_dead_letter_examples_are_refused_with_their_reason(path: Path):
    expected = Reason(path.stem.split("--")[0])
    with pytest.raises(InvalidMessage) as caught:
        decode_article(path.read_bytes(), max_bytes=LIMIT)
    assert caught.value.reason is expected


@pytest.mark.parametrize("reason", list(Reason))
def test_dead_letter_headers_follow_the_schema(reason: Reason):
    headers = dead_letter_headers(reason.value, "detail", Delivery("articles", 0, 12))
    as_json = {name: value.decode("utf-8") for name, value in headers}
    jsonschema.validate(as_json, schema("articles-dlq"))


@pytest.mark.parametrize("path", examples("incidents"), ids=lambda p: p.name)
def test_incident_examples(path: Path):
    raw = orjson.loads(path.read_bytes())
    jsonschema.validate(raw, schema("incidents"))
    incident = decode_incident(raw)
    assert orjson.loads(encode(incident)) == raw


@pytest.mark.parametrize("path", examples("incident-mentions"), ids=lambda p: p.name)
def test_mention_examples(path: Path):
    raw = orjson.loads(path.read_bytes())
    jsonschema.validate(raw, schema("incident-mentions"))
    mention = decode_mention(raw)
    assert orjson.loads(encode(mention)) == raw
