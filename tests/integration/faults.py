"""A corpus with known content for fault tests, and the comparison with a fault-free run.

Every report of one incident shares a message key, so it lands on one partition and keeps its
order whatever happens to the worker; incidents are in distinct cities within a few weeks, so
no two of them compete for the same reports. Under those conditions a correct worker produces
the same incidents however its processing is interrupted, which is what the tests check.
"""

from __future__ import annotations

import os
import random
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from tests.integration.harness import (
    ROOT,
    Names,
    Record,
    consume,
    free_port,
    latest_incidents,
    mentions_by_article,
)

CITIES = [
    ("Akron", "Ohio"),
    ("Albany", "New York"),
    ("Albuquerque", "New Mexico"),
    ("Allentown", "Pennsylvania"),
    ("Amarillo", "Texas"),
    ("Anchorage", "Alaska"),
    ("Ann Arbor", "Michigan"),
    ("Arlington", "Texas"),
    ("Asheville", "North Carolina"),
    ("Athens", "Georgia"),
    ("Atlanta", "Georgia"),
    ("Augusta", "Georgia"),
    ("Aurora", "Colorado"),
    ("Austin", "Texas"),
    ("Bakersfield", "California"),
    ("Baltimore", "Maryland"),
    ("Baton Rouge", "Louisiana"),
    ("Beaumont", "Texas"),
    ("Billings", "Montana"),
    ("Birmingham", "Alabama"),
    ("Boise", "Idaho"),
    ("Boston", "Massachusetts"),
    ("Bridgeport", "Connecticut"),
    ("Buffalo", "New York"),
    ("Burlington", "Vermont"),
    ("Cedar Rapids", "Iowa"),
    ("Charleston", "South Carolina"),
    ("Charlotte", "North Carolina"),
    ("Chattanooga", "Tennessee"),
    ("Cheyenne", "Wyoming"),
    ("Chicago", "Illinois"),
    ("Cincinnati", "Ohio"),
    ("Cleveland", "Ohio"),
    ("Columbia", "South Carolina"),
    ("Columbus", "Ohio"),
    ("Corpus Christi", "Texas"),
    ("Dallas", "Texas"),
    ("Davenport", "Iowa"),
    ("Dayton", "Ohio"),
    ("Denver", "Colorado"),
    ("Des Moines", "Iowa"),
    ("Detroit", "Michigan"),
    ("Durham", "North Carolina"),
    ("El Paso", "Texas"),
    ("Erie", "Pennsylvania"),
    ("Eugene", "Oregon"),
    ("Evansville", "Indiana"),
    ("Fargo", "North Dakota"),
    ("Fayetteville", "Arkansas"),
    ("Flint", "Michigan"),
    ("Fort Wayne", "Indiana"),
    ("Fort Worth", "Texas"),
    ("Fresno", "California"),
    ("Gainesville", "Florida"),
    ("Grand Rapids", "Michigan"),
    ("Green Bay", "Wisconsin"),
    ("Greensboro", "North Carolina"),
    ("Hartford", "Connecticut"),
    ("Honolulu", "Hawaii"),
    ("Houston", "Texas"),
    ("Huntsville", "Alabama"),
    ("Indianapolis", "Indiana"),
    ("Jackson", "Mississippi"),
    ("Jacksonville", "Florida"),
    ("Kansas City", "Missouri"),
    ("Knoxville", "Tennessee"),
    ("Lafayette", "Louisiana"),
    ("Lansing", "Michigan"),
    ("Las Vegas", "Nevada"),
    ("Lexington", "Kentucky"),
    ("Lincoln", "Nebraska"),
    ("Little Rock", "Arkansas"),
    ("Louisville", "Kentucky"),
    ("Lubbock", "Texas"),
    ("Macon", "Georgia"),
    ("Madison", "Wisconsin"),
    ("Memphis", "Tennessee"),
    ("Miami", "Florida"),
    ("Milwaukee", "Wisconsin"),
    ("Minneapolis", "Minnesota"),
    ("Montgomery", "Alabama"),
    ("Nashville", "Tennessee"),
    ("New Haven", "Connecticut"),
    ("New Orleans", "Louisiana"),
    ("Newark", "New Jersey"),
    ("Norfolk", "Virginia"),
    ("Oakland", "California"),
    ("Oklahoma City", "Oklahoma"),
    ("Omaha", "Nebraska"),
    ("Orlando", "Florida"),
    ("Peoria", "Illinois"),
    ("Philadelphia", "Pennsylvania"),
    ("Phoenix", "Arizona"),
    ("Pittsburgh", "Pennsylvania"),
    ("Portland", "Oregon"),
    ("Providence", "Rhode Island"),
    ("Raleigh", "North Carolina"),
    ("Reno", "Nevada"),
    ("Richmond", "Virginia"),
    ("Rochester", "New York"),
    ("Rockford", "Illinois"),
    ("Sacramento", "California"),
    ("Saint Louis", "Missouri"),
    ("Salem", "Oregon"),
    ("Salt Lake City", "Utah"),
    ("San Antonio", "Texas"),
    ("San Diego", "California"),
    ("Savannah", "Georgia"),
    ("Seattle", "Washington"),
    ("Shreveport", "Louisiana"),
    ("Sioux Falls", "South Dakota"),
    ("South Bend", "Indiana"),
    ("Spokane", "Washington"),
    ("Springfield", "Illinois"),
    ("Stockton", "California"),
    ("Syracuse", "New York"),
    ("Tacoma", "Washington"),
    ("Tallahassee", "Florida"),
    ("Tampa", "Florida"),
    ("Toledo", "Ohio"),
    ("Topeka", "Kansas"),
    ("Tucson", "Arizona"),
    ("Tulsa", "Oklahoma"),
    ("Waco", "Texas"),
    ("Wichita", "Kansas"),
    ("Wilmington", "Delaware"),
    ("Winston-Salem", "North Carolina"),
    ("Worcester", "Massachusetts"),
    ("Yonkers", "New York"),
    ("Youngstown", "Ohio"),
]
NUMBERS = ["no", "one", "two", "three", "four", "five", "six"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
STREETS = ["Oak", "Main", "Elm", "Pine", "Cedar", "Maple", "Walnut", "Lincoln", "Park", "Lake"]
OUTLETS = [f"outlet{i}.example" for i in range(8)]
OPENINGS = [
    "{K} people were killed and {W} wounded in a shooting in {city}, {state}, on {day} night, "
    "police said.",
    "Police in {city}, {state}, said {k} people died and {w} were injured when a gunman opened "
    "fire on {day} night.",
    "A shooting on {day} night in {city}, {state}, left {k} people dead and {w} others hurt, "
    "according to police.",
]
DETAILS = [
    "Officers called to the {block} found the victims shortly after {hour} p.m.",
    "The shooting happened in the {block} at about {hour} p.m., officers said.",
    "Witnesses told officers they heard several shots near the {block} around {hour} p.m.",
]
ENDINGS = [
    "Police said the gunman fled in a car. No arrests had been made.",
    "Investigators asked anyone with information to call the police department.",
    "Detectives were still looking for a suspect late {day}, a spokesman said.",
]


@dataclass(frozen=True)
class Corpus:
    messages: list[tuple[bytes, bytes, int]]  # key, value, timestamp in ms
    article_ids: set[str]
    invalid: int


def _report(rng: random.Random, facts: dict[str, Any], variant: int) -> str:
    values = {**facts, "K": facts["k"].capitalize(), "W": facts["w"]}
    opening = OPENINGS[variant % len(OPENINGS)].format(**values)
    detail = DETAILS[rng.randrange(len(DETAILS))].format(**values)
    ending = ENDINGS[rng.randrange(len(ENDINGS))].format(**values)
    return f"{opening}\n\n{detail} {ending}"


def corpus(articles: int = 3000, *, invalid: int = 20, seed: int = 11) -> Corpus:
    """About ``articles`` reports of distinct incidents, with wire copies and redeliveries."""
    rng = random.Random(seed)
    messages: list[tuple[bytes, bytes, int]] = []
    ids: set[str] = set()
    start = datetime(2019, 3, 1, tzinfo=UTC)
    per_incident = max(2, round(articles / len(CITIES)))
    for n, (city, state) in enumerate(CITIES):
        day = start + timedelta(days=rng.randrange(20))
        facts = {
            "city": city,
            "state": state,
            "day": WEEKDAYS[day.weekday()],
            "k": NUMBERS[rng.randint(1, 3)],
            "w": NUMBERS[rng.randint(1, 6)],
            "block": f"{rng.randint(1, 40) * 100} block of {rng.choice(STREETS)} Street",
            "hour": rng.randint(7, 11),
        }
        key = f"incident-{n:03d}".encode()
        previous: dict[str, Any] | None = None
        for r in range(per_incident):
            published = day + timedelta(days=1, hours=6 + r)
            article: dict[str, Any]
            if previous is not None and r % 7 == 3:
                # A wire copy: the same text under another outlet and URL.
                outlet = OUTLETS[(r + n + 3) % len(OUTLETS)]
                article = {
                    **previous,
                    "id": f"a{n:03d}-{r:02d}",
                    "outlet": outlet,
                    "url": f"https://{outlet}/copy/{n}/{r}",
                }
            else:
                outlet = OUTLETS[(r + n) % len(OUTLETS)]
                article = {
                    "id": f"a{n:03d}-{r:02d}",
                    "outlet": outlet,
                    "url": f"https://{outlet}/news/{n}/{r}",
                    "published_at": published.isoformat().replace("+00:00", "Z"),
                    "title": f"Shooting in {city}",
                    "text": _report(rng, facts, r),
                }
            stamp = int(published.timestamp() * 1000)
            value = orjson.dumps(article)
            messages.append((key, value, stamp))
            ids.add(article["id"])
            if r % 11 == 5:
                messages.append((key, value, stamp + 1000))  # the same article, delivered again
            previous = article
    step = max(1, len(messages) // (invalid + 1))
    for i in range(invalid):
        broken = b'{"id": "broken-%d", "text": "cut off' % i
        messages.insert((i + 1) * step, (b"broken", broken, messages[0][2]))
    return Corpus(messages, ids, invalid)


def output_names(names: Names, suffix: str) -> dict[str, str]:
    """Output topics and group of a second, independent run on the same articles topic."""
    return {
        "WORKER_APP_ID": f"{names.prefix}-{suffix}",
        "TOPIC_INCIDENTS": f"{names.prefix}-{suffix}-incidents",
        "TOPIC_MENTIONS": f"{names.prefix}-{suffix}-mentions",
        "TOPIC_DEAD_LETTERS": f"{names.prefix}-{suffix}-dlq",
        "TOPIC_CANDIDATES": f"{names.prefix}-{suffix}-candidates",
    }


@dataclass
class Outcome:
    incidents: dict[str, dict[str, Any]]
    mentions: dict[str, dict[str, Any]]  # mention_id -> record
    duplicates_differing: list[str]  # mention ids published twice with different content
    mentioned_articles: set[str]
    dead_letters: int


def read_outcome(
    topics: dict[str, str], bootstrap: str | None = None, *, until: Any = None, timeout: float = 600
) -> Outcome:
    incidents_topic, mentions_topic, dlq_topic = (
        topics["TOPIC_INCIDENTS"],
        topics["TOPIC_MENTIONS"],
        topics["TOPIC_DEAD_LETTERS"],
    )
    records = consume(
        [incidents_topic, mentions_topic, dlq_topic],
        until or (lambda r: True),
        timeout=timeout,
        bootstrap=bootstrap,
    )
    mentions: dict[str, dict[str, Any]] = {}
    differing: list[str] = []
    for record in records:
        if record.topic != mentions_topic:
            continue
        mention = record.json()
        known = mentions.get(mention["mention_id"])
        if known is not None and known != mention:
            differing.append(mention["mention_id"])
        mentions[mention["mention_id"]] = mention
    return Outcome(
        incidents=latest_incidents(records, incidents_topic),
        mentions=mentions,
        duplicates_differing=differing,
        mentioned_articles=set(mentions_by_article(records, mentions_topic)),
        dead_letters=len(
            {
                (r.partition, r.headers.get("x-source-offset"))
                for r in records
                if r.topic == dlq_topic
            }
        ),
    )


def complete(topics: dict[str, str], expected: Corpus):
    mentions_topic, dlq_topic = topics["TOPIC_MENTIONS"], topics["TOPIC_DEAD_LETTERS"]

    def done(records: Sequence[Record]) -> bool:
        mentioned = set(mentions_by_article(records, mentions_topic))
        dead = sum(1 for r in records if r.topic == dlq_topic)
        return mentioned >= expected.article_ids and dead >= expected.invalid

    return done


def figures(faulty: Outcome, expected: Corpus) -> dict[str, int]:
    return {
        "messages_pushed": len(expected.messages),
        "distinct_articles": len(expected.article_ids),
        "invalid_messages": expected.invalid,
        "articles_with_mentions": len(faulty.mentioned_articles),
        "mentions": len(faulty.mentions),
        "dead_letters": faulty.dead_letters,
        "incidents": len(faulty.incidents),
    }


def assert_same_outcome(faulty: Outcome, reference: Outcome, expected: Corpus) -> None:
    # Accounting: every article has its mentions, every invalid message one dead letter.
    assert faulty.mentioned_articles == expected.article_ids, _missing(faulty, expected)
    assert reference.mentioned_articles == expected.article_ids, _missing(reference, expected)
    assert faulty.dead_letters == reference.dead_letters == expected.invalid
    # A replay may re-send a record, never a different one.
    assert faulty.duplicates_differing == []
    # The same mentions and the same incidents, field for field, as without faults.
    assert faulty.mentions.keys() == reference.mentions.keys()
    assert faulty.mentions == reference.mentions, _differences(faulty.mentions, reference.mentions)
    assert faulty.incidents.keys() == reference.incidents.keys()
    assert faulty.incidents == reference.incidents, _differences(
        faulty.incidents, reference.incidents
    )


def _missing(outcome: Outcome, expected: Corpus) -> str:
    lost = sorted(expected.article_ids - outcome.mentioned_articles)
    extra = sorted(outcome.mentioned_articles - expected.article_ids)
    return f"{len(lost)} articles without mentions {lost[:10]}, unexpected {extra[:10]}"


def _differences(faulty: dict[str, dict[str, Any]], reference: dict[str, dict[str, Any]]) -> str:
    lines = []
    for key in sorted(faulty.keys() & reference.keys()):
        a, b = faulty[key], reference[key]
        if a != b:
            fields = sorted(f for f in a.keys() | b.keys() if a.get(f) != b.get(f))
            first = fields[0]
            lines.append(f"{key}: {fields}; {first}: {a.get(first)!r} != {b.get(first)!r}")
    return f"{len(lines)} differ:\n" + "\n".join(lines[:5])


def progress(topics: dict[str, str], share: float, expected: Corpus):
    mentions_topic = topics["TOPIC_MENTIONS"]
    target = int(len(expected.article_ids) * share)

    def reached(records: Sequence[Record]) -> bool:
        return len(mentions_by_article(records, mentions_topic)) >= target

    return reached


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


class PrivateBroker:
    """A second single-node broker for tests that must stop it without disturbing others."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.env = {
            **os.environ,
            "KAFKA_HOME": str(home),
            "KAFKA_LIBS": str(ROOT / "var" / "kafka" / "libs"),
            "KAFKA_PORT": str(self.port),
            "KAFKA_CONTROLLER_PORT": str(free_port()),
            "KAFKA_SASL_PORT": str(free_port()),
            "KAFKA_HEAP_OPTS": "-Xms128m -Xmx512m",
        }

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _run(self, command: str) -> None:
        subprocess.run(
            [str(ROOT / "deploy" / "local" / "kafka.sh"), command],
            env=self.env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )

    def up(self) -> None:
        self._run("up")

    def down(self) -> None:
        self._run("down")


def wait_for(predicate: Any, timeout: float, interval: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
