"""The benchmark's input: real GVA local-news articles as the worker receives them.

Read in place from ``<data-dir>/gva/articles_clean.jsonl`` (never copied), in publication
order so that reports of one incident arrive close together, as they would on a live stream.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import orjson

from worker.codec import InvalidMessage, decode_article
from worker.extraction import clean_input

ARTICLES_FILE = Path("gva") / "articles_clean.jsonl"


@dataclass(frozen=True, slots=True)
class BenchArticle:
    key: bytes  # the article id, as ``python -m worker produce`` keys JSON lines
    value: bytes  # the JSON message the worker decodes
    # The text the worker hands to spaCy (cleaned, title first); None for an article the
    # worker dead-letters (a few real ones carry control characters).
    model_text: str | None


def load_articles(data_dir: Path, count: int) -> list[BenchArticle]:
    path = data_dir / ARTICLES_FILE
    rows = []
    with path.open("rb") as lines:
        for line in lines:
            if line.strip():
                row = orjson.loads(line)
                rows.append(row)
    rows.sort(key=lambda r: (str(r.get("date") or ""), str(r["doc_id"])))
    if count > len(rows):
        raise ValueError(f"{path} holds {len(rows)} articles, {count} were asked for")
    return [_article(row) for row in rows[:count]]


def first_day(articles: Sequence[BenchArticle]) -> date:
    """The earliest publication day among the articles (2017-01-01 when none has one)."""
    days = []
    for article in articles:
        published = orjson.loads(article.value).get("published_at")
        if published:
            days.append(date.fromisoformat(published[:10]))
    return min(days, default=date(2017, 1, 1))


def within_year(articles: Sequence[BenchArticle]) -> int:
    """How many articles were published in the year from :func:`first_day`."""
    start = first_day(articles)
    count = 0
    for article in articles:
        published = orjson.loads(article.value).get("published_at")
        if published and (date.fromisoformat(published[:10]) - start).days < 365:
            count += 1
    return count


def _article(row: dict[str, object]) -> BenchArticle:
    message: dict[str, object] = {"id": str(row["doc_id"]), "text": row["text"]}
    for name in ("url", "title"):
        if row.get(name):
            message[name] = row[name]
    if row.get("date"):
        message["published_at"] = f"{row['date']}T12:00:00Z"
    value = orjson.dumps(message)
    key = str(row["doc_id"]).encode("utf-8")
    try:
        article = decode_article(value, max_bytes=len(value) + 1)
    except InvalidMessage:
        return BenchArticle(key=key, value=value, model_text=None)
    # What Extractor._prepare gives the model.
    return BenchArticle(key=key, value=value, model_text=clean_input(article).text)
