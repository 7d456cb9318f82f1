"""Geocoding accuracy on GeoWebNews and LGL: the share of gold toponyms resolved within 161 km
(100 miles) of the gold coordinates.

Every gold toponym of an article is passed to ``Gazetteer.resolve_all`` together (the
article's context), as an NER-labelled mention. Only toponyms with gold coordinates count.
LGL is the development set the resolver was tuned on; GeoWebNews is held out (no rule was
tuned on it), so its figure is the one to quote.

    python -m worker.evaluation.geo --data-dir ../shared/data [--cache-dir DIR] [--output F]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from worker.evaluation.report import write_section
from worker.geo import Gazetteer, Place, ToponymMention, haversine_km

ACCURACY_KM = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    text: str
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold toponym not resolved within 161 km: for reading the development set's errors."""

    article: str
    text: str
    outcome: str  # "unresolved" or "wrong"
    km: float | None
    picked: str
    context: str

    def row(self) -> str:
        km = "" if self.km is None else f"{self.km:.0f}"
        context = " ".join(self.context.split())
        return "\t".join([self.article, self.outcome, self.text, km, self.picked, context])


_CONTEXT_CHARS = 80


def _articles(path: Path) -> Iterator[tuple[str, str, list[GoldToponym]]]:
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh):
            record = json.loads(line)
            gold = []
            for t in record["toponyms"]:
                text = t.get("phrase") or t.get("name") or ""
                lat, lon = t.get("lat"), t.get("lon")
                gold.append(
                    GoldToponym(
                        text,
                        int(t["start"]),
                        int(t["end"]),
                        float(lat) if lat not in (None, "") else None,
                        float(lon) if lon not in (None, "") else None,
                    )
                )
            gold.sort(key=lambda g: (g.start, g.end))
            yield str(record.get("id", number)), str(record["text"]), gold


def _evaluate(
    path: Path,
    gazetteer: Gazetteer,
    *,
    name: str,
    role: str,
    errors: int = 0,
    misses: list[Miss] | None = None,
) -> dict[str, Any]:
    total = within = unresolved = within_focus = unresolved_focus = 0
    distances: list[float] = []
    worst: list[tuple[float, str, str]] = []
    elapsed = 0.0
    articles = 0
    for article, text, gold in _articles(path):
        articles += 1
        mentions = [ToponymMention(g.text, g.start, g.end, "GPE") for g in gold]
        started = time.perf_counter()
        places: list[Place | None] = gazetteer.resolve_all(mentions, text=text)
        elapsed += time.perf_counter() - started
        focused = gazetteer.resolve_all(mentions, text=text, fallback_to_focus=True)
        for g, place, fallback in zip(gold, places, focused, strict=True):
            if g.lat is None or g.lon is None:
                continue
            total += 1
            if fallback is None:
                unresolved_focus += 1
            elif haversine_km(g.lat, g.lon, fallback.lat, fallback.lon) <= ACCURACY_KM:
                within_focus += 1
            if place is None:
                unresolved += 1
                if misses is not None:
                    misses.append(_miss(article, text, g, None, None))
                continue
            d = haversine_km(g.lat, g.lon, place.lat, place.lon)
            distances.append(d)
            if d <= ACCURACY_KM:
                within += 1
            elif misses is not None:
                misses.append(_miss(article, text, g, place, d))
            elif errors:
                worst.append(
                    (
                        d,
                        g.text,
                        f"{place.name} ({place.kind}, {place.country_code}, {place.admin1})",
                    )
                )
    distances.sort()
    result: dict[str, Any] = {
        "dataset": name,
        "role": role,
        "articles": articles,
        "toponyms_with_coordinates": total,
        "within_161km": within,
        "accuracy_161km": round(within / total, 4) if total else 0.0,
        "unresolved": unresolved,
        "accuracy_161km_focus_fallback": round(within_focus / total, 4) if total else 0.0,
        "unresolved_focus_fallback": unresolved_focus,
        "median_error_km": round(distances[len(distances) // 2], 1) if distances else None,
        "ms_per_article": round(1000 * elapsed / max(articles, 1), 3),
    }
    if errors:
        result["errors"] = [
            f"{d:.0f} km: {t} -> {p}" for d, t, p in sorted(worst, reverse=True)[:errors]
        ]
    return result


def _miss(article: str, text: str, g: GoldToponym, place: Place | None, km: float | None) -> Miss:
    picked = (
        ""
        if place is None
        else f"{place.name} ({place.kind}, {place.country_code}, {place.admin1})"
    )
    context = text[max(0, g.start - _CONTEXT_CHARS) : g.end + _CONTEXT_CHARS]
    outcome = "unresolved" if place is None else "wrong"
    return Miss(article, g.text, outcome, km, picked, context)


def evaluate_geowebnews(
    data_dir: Path, gazetteer: Gazetteer | None = None, *, errors: int = 0
) -> dict[str, Any]:
    """Held-out test: nothing was tuned on it."""
    gaz = gazetteer if gazetteer is not None else Gazetteer.load()
    return _evaluate(
        data_dir / "geowebnews" / "articles.jsonl",
        gaz,
        name="GeoWebNews",
        role="test (held out)",
        errors=errors,
    )


def evaluate_lgl(
    data_dir: Path,
    gazetteer: Gazetteer | None = None,
    *,
    errors: int = 0,
    misses: list[Miss] | None = None,
) -> dict[str, Any]:
    """Development set: the resolver's weights and rules were tuned on it. ``misses``, when
    given, receives every toponym not resolved within 161 km."""
    gaz = gazetteer if gazetteer is not None else Gazetteer.load()
    return _evaluate(
        data_dir / "lgl" / "articles.jsonl",
        gaz,
        name="LGL",
        role="development (tuned on)",
        errors=errors,
        misses=misses,
    )


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "### Geocoding (gold toponyms in article context, accuracy within 161 km)",
        "",
        "| dataset | role | articles | toponyms with coordinates | within 161 km | accuracy"
        " | unresolved | accuracy with focus fallback | unresolved with fallback"
        " | median error km | ms/article |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['dataset']} | {r['role']} | {r['articles']}"
            f" | {r['toponyms_with_coordinates']} | {r['within_161km']}"
            f" | {r['accuracy_161km']:.3f} | {r['unresolved']}"
            f" | {r['accuracy_161km_focus_fallback']:.3f} | {r['unresolved_focus_fallback']}"
            f" | {r['median_error_km']} | {r['ms_per_article']} |"
        )
    lines += [
        "",
        "Accuracy counts an unresolved toponym as wrong. The focus fallback"
        " (`resolve_all(..., fallback_to_focus=True)`) gives toponyms the gazetteer does not"
        " know (streets, buildings, rivers) the article's most mentioned place.",
        "LGL was used to tune the resolver; GeoWebNews was not looked at while tuning and is"
        " the held-out figure. ms/article: `resolve_all` alone, toponyms given.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="where the city index is kept (built in memory without it)",
    )
    parser.add_argument("--errors", type=int, default=0, help="list the N largest errors")
    parser.add_argument("--only", choices=["lgl", "geowebnews"], default=None)
    parser.add_argument(
        "--lgl-misses",
        type=Path,
        default=None,
        help="write LGL's misses (unresolved or beyond 161 km, with context) to this TSV;"
        " the development set only, GeoWebNews stays unread",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="also write the table as the 'geo' section of this file",
    )
    args = parser.parse_args(argv)
    gazetteer = Gazetteer.load(args.cache_dir)
    results = []
    misses: list[Miss] | None = [] if args.lgl_misses is not None else None
    if args.only in (None, "lgl") or misses is not None:
        results.append(evaluate_lgl(args.data_dir, gazetteer, errors=args.errors, misses=misses))
    if misses is not None and args.lgl_misses is not None:
        header = "article\toutcome\ttoponym\tkm\tpicked\tcontext\n"
        body = "".join(f"{m.row()}\n" for m in misses)
        args.lgl_misses.write_text(header + body, "utf-8")
    if args.only in (None, "geowebnews"):
        results.append(evaluate_geowebnews(args.data_dir, gazetteer, errors=args.errors))
    table = markdown(results)
    print(table)
    if args.output is not None:
        write_section(args.output, "geo", table)
    for r in results:
        for line in r.get("errors", []):
            print(f"{r['dataset']}: {line}")


if __name__ == "__main__":
    main()
