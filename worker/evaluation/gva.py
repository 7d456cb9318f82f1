"""Reader for the Gun Violence Archive news corpus (``gva/articles_clean.jsonl``), read in place."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from worker.domain import Article


@dataclass(frozen=True, slots=True)
class GvaGold:
    date: date
    state: str
    city_or_county: str
    num_killed: int
    num_injured: int


@dataclass(frozen=True, slots=True)
class GvaExample:
    article: Article
    gold: GvaGold
    split: str
    incident_id: str


def read_gva(data_dir: Path) -> Iterator[GvaExample]:
    with (data_dir / "gva" / "articles_clean.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            published = datetime.fromisoformat(row["date"]).replace(tzinfo=UTC)
            article = Article(
                article_id=row["doc_id"],
                text=row["text"],
                title=row.get("title"),
                published_at=published,
            )
            g = row["gold"]
            gold = GvaGold(
                date.fromisoformat(g["date"]),
                g["state"],
                g["city_or_county"],
                int(g["num_killed"]),
                int(g["num_injured"]),
            )
            yield GvaExample(article, gold, row["split"], row["incident_id"])
