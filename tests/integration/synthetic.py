"""Articles with known content for stream tests: distinct incidents, easy to account for."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import orjson

CITIES = [
    ("Dayton", "Ohio"),
    ("Tulsa", "Oklahoma"),
    ("Fresno", "California"),
    ("Macon", "Georgia"),
    ("Peoria", "Illinois"),
    ("Flint", "Michigan"),
    ("Erie", "Pennsylvania"),
    ("Waco", "Texas"),
    ("Mobile", "Alabama"),
    ("Gary", "Indiana"),
    ("Salem", "Oregon"),
    ("Toledo", "Ohio"),
]
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def shooting_article(i: int, rng: random.Random) -> dict[str, str]:
    city, state = CITIES[i % len(CITIES)]
    published = datetime(2019, 1, 1, 18, tzinfo=UTC) + timedelta(
        days=i * 3, hours=rng.randint(0, 5)
    )
    day = published - timedelta(days=1)
    wounded = rng.randint(1, 5)
    killed = rng.randint(0, 2)
    street = rng.choice(["Oak", "Main", "Elm", "Pine", "Cedar"])
    block = f"{rng.randint(1, 40) * 100} block of {street} Street"
    text = (
        f"{WORDS[wounded].capitalize()} people were wounded and {killed} killed in a shooting "
        f"in {city}, {state}, on {WEEKDAYS[day.weekday()]} night, police said.\n\n"
        f"Officers called to the {block} found the victims shortly after 10 p.m. "
        "Police said a gunman fired several shots from a car and drove away. "
        "No arrests had been made."
    )
    return {
        "id": f"synthetic-{i:05d}",
        "outlet": f"outlet{i % 3}.example",
        "url": f"https://outlet{i % 3}.example/news/{i}",
        "published_at": published.isoformat().replace("+00:00", "Z"),
        "title": f"Shooting in {city}",
        "text": text,
    }


def synthetic_articles(count: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    return [orjson.dumps(shooting_article(i, rng)) for i in range(count)]
