"""The worker against a real Kafka broker: articles in, incidents, mentions and dead letters out."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from tests.integration.conftest import StartWorker
from tests.integration.harness import (
    ROOT,
    Names,
    Record,
    consume,
    latest_incidents,
    mentions_by_article,
    produce,
)
from tests.integration.synthetic import synthetic_articles

SEED = (ROOT / "samples" / "seed-article.txt").read_bytes()
SEED_PUBLISHED = datetime(2018, 10, 1, 12, tzinfo=UTC)


def assert_albu_kamal_strike(incident: dict) -> None:
    assert incident["event_type"] == "explosions_remote_violence"
    assert incident["sub_event_type"] == "shelling_artillery_missile_attack"
    location = incident["location"]
    assert location["country_code"] == "SY"
    assert "kam" in location["name"].lower()
    assert abs(location["lat"] - 34.45) < 0.1 and abs(location["lon"] - 40.92) < 0.1
    assert incident["date"]["start"] == "2018-10-01"


def main_incident_of(
    article_id: str, mentions: dict[str, list[dict]], incidents: dict[str, dict]
) -> dict:
    main = [m for m in mentions[article_id] if m["role"] == "main"]
    assert len(main) == 1, mentions[article_id]
    return incidents[main[0]["incident_id"]]


def test_seed_article_as_raw_text_and_as_json(start_worker: StartWorker, names: Names) -> None:
    start_worker()
    # Raw text carries no metadata: its publication time comes as a message header.
    produce(names.articles, [SEED], headers=[("published_at", SEED_PUBLISHED.isoformat().encode())])
    as_json = orjson.dumps(
        {
            "id": "seed-json",
            "outlet": "washingtontimes.com",
            "published_at": "2018-10-01T12:00:00Z",
            "text": SEED.decode("utf-8"),
        }
    )
    produce(names.articles, [as_json])

    def both_mentioned(records: list[Record]) -> bool:
        mentions = mentions_by_article(records, names.mentions)
        return len(mentions) == 2 and all(
            any(m["role"] == "main" for m in found) for found in mentions.values()
        )

    records = consume([names.incidents, names.mentions], both_mentioned, timeout=180)
    mentions = mentions_by_article(records, names.mentions)
    incidents = latest_incidents(records, names.incidents)
    assert set(mentions) >= {"seed-json"}, mentions.keys()
    raw_id = next(a for a in mentions if a != "seed-json")
    raw_incident = main_incident_of(raw_id, mentions, incidents)
    json_incident = main_incident_of("seed-json", mentions, incidents)
    assert_albu_kamal_strike(raw_incident)
    assert_albu_kamal_strike(json_incident)
    # Both are reports of one strike: the second joins the first rather than copying it.
    assert raw_incident["incident_id"] == json_incident["incident_id"]


def test_bad_messages_are_dead_lettered_and_the_next_article_processed(
    start_worker: StartWorker, names: Names
) -> None:
    start_worker(MAX_MESSAGE_BYTES="65536")
    bad = {
        "invalid_json": b'{"text": "Gunmen opened fire',
        "missing_text": b'{"id": "no-text", "title": "A headline only"}',
        "not_utf8": b"Gunmen attacked \xff\xfe a police station",
        "too_large": orjson.dumps({"text": "Police said a man was shot. " * 4000}),
    }
    good = orjson.dumps(
        {
            "id": "good-after-bad",
            "published_at": "2018-10-07T18:00:00Z",
            "text": "Two men were killed and three people wounded when a gunman opened fire "
            "outside a bar in Dayton, Ohio, early Sunday, police said.",
        }
    )
    # One key: one partition, so the good article really comes after the bad ones.
    produce(names.articles, [(b"same-key", value) for value in [*bad.values(), good]])

    def done(records: list[Record]) -> bool:
        dead = [r for r in records if r.topic == names.dead_letters]
        return len(dead) >= len(bad) and "good-after-bad" in mentions_by_article(
            records, names.mentions
        )

    records = consume([names.dead_letters, names.mentions], done, timeout=180)
    dead = [r for r in records if r.topic == names.dead_letters]
    by_reason = {r.headers["x-dead-letter-reason"].decode(): r for r in dead}
    assert set(by_reason) == set(bad)
    for reason, value in bad.items():
        letter = by_reason[reason]
        assert letter.value == value, reason  # the original bytes, untouched
        assert letter.key == b"same-key"
        assert letter.headers["x-source-topic"].decode() == names.articles
        assert int(letter.headers["x-source-offset"]) >= 0
        assert letter.headers["x-dead-letter-error"]
    offsets = sorted(int(r.headers["x-source-offset"]) for r in dead)
    assert len(set(offsets)) == len(bad)
    good_mentions = mentions_by_article(records, names.mentions)["good-after-bad"]
    assert good_mentions and all(m["decision"] != "skipped" for m in good_mentions)


def test_restart_mid_stream_accounts_for_every_article_once(
    start_worker: StartWorker, names: Names
) -> None:
    articles = synthetic_articles(60)
    invalid = [b'{"id": "broken-%d", "text": ' % i for i in range(6)]
    worker = start_worker()
    produce(names.articles, articles[:30] + invalid[:3])

    def progressed(records: list[Record]) -> bool:
        return len({r.key for r in records}) >= 10

    consume([names.mentions], progressed, timeout=180)
    assert worker.stop() == 0, worker.log_tail()
    produce(names.articles, articles[30:] + invalid[3:])
    start_worker()

    expected_ids = {orjson.loads(a)["id"] for a in articles}

    def all_accounted(records: list[Record]) -> bool:
        mentioned = set(mentions_by_article(records, names.mentions))
        dead = [r for r in records if r.topic == names.dead_letters]
        return mentioned >= expected_ids and len(dead) >= len(invalid)

    records = consume([names.mentions, names.dead_letters], all_accounted, timeout=300)
    mentions = [r for r in records if r.topic == names.mentions]
    dead = [r for r in records if r.topic == names.dead_letters]
    mentioned = mentions_by_article(records, names.mentions)
    assert set(mentioned) == expected_ids
    assert len(dead) == len(invalid)
    assert {r.value for r in dead} == set(invalid)
    # None twice: each (article, candidate) outcome was published exactly once.
    mention_ids = [r.json()["mention_id"] for r in mentions]
    assert len(mention_ids) == len(set(mention_ids))
    for found in mentioned.values():
        assert len({m["candidate_index"] for m in found}) == len(found)
