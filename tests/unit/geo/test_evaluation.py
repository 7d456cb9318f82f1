"""The geocoding evaluation on a hand-written, two-article data set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from worker.evaluation.geo import Miss, evaluate_geowebnews, evaluate_lgl, markdown
from worker.geo import Gazetteer

pytestmark = pytest.mark.slow

TEXT = "Missiles hit Albu Kamal in Syria. Qwzxplk Street was closed."


def _toponym(phrase: str, lat: str | None, lon: str | None) -> dict[str, object]:
    start = TEXT.index(phrase)
    return {"phrase": phrase, "start": start, "end": start + len(phrase), "lat": lat, "lon": lon}


def _write(data_dir: Path, folder: str, toponyms: list[dict[str, object]]) -> None:
    (data_dir / folder).mkdir(parents=True)
    record = {"id": "1", "text": TEXT, "toponyms": toponyms}
    (data_dir / folder / "articles.jsonl").write_text(json.dumps(record) + "\n", "utf-8")


def test_counts_within_161_km_unresolved_and_fallback(tmp_path: Path, gazetteer: Gazetteer) -> None:
    toponyms = [
        _toponym("Albu Kamal", "34.45", "40.92"),  # right
        _toponym("Syria", "10.0", "10.0"),  # gold far from Syria's point: wrong
        _toponym("Qwzxplk Street", "34.46", "40.93"),  # unknown; the focus is Albu Kamal
        {"phrase": "Missiles", "start": 0, "end": 8, "lat": None, "lon": None},  # not counted
    ]
    _write(tmp_path, "lgl", toponyms)
    _write(tmp_path, "geowebnews", toponyms)
    lgl = evaluate_lgl(tmp_path, gazetteer)
    assert lgl["toponyms_with_coordinates"] == 3
    assert lgl["within_161km"] == 1
    assert lgl["unresolved"] == 1
    assert lgl["accuracy_161km"] == pytest.approx(1 / 3, abs=1e-4)
    assert lgl["accuracy_161km_focus_fallback"] == pytest.approx(2 / 3, abs=1e-4)
    gwn = evaluate_geowebnews(tmp_path, gazetteer)
    assert gwn["role"] == "test (held out)"
    table = markdown([lgl, gwn])
    assert "| LGL | development (tuned on) | 1 | 3 | 1 | 0.333 | 1 | 0.667 | 0 |" in table
    assert "GeoWebNews" in table


def test_lgl_misses_name_the_unresolved_and_the_wrong(tmp_path: Path, gazetteer: Gazetteer) -> None:
    _write(
        tmp_path,
        "lgl",
        [
            _toponym("Albu Kamal", "34.45", "40.92"),
            _toponym("Syria", "10.0", "10.0"),
            _toponym("Qwzxplk Street", "34.46", "40.93"),
        ],
    )
    misses: list[Miss] = []
    evaluate_lgl(tmp_path, gazetteer, misses=misses)
    assert [(m.text, m.outcome) for m in misses] == [
        ("Syria", "wrong"),
        ("Qwzxplk Street", "unresolved"),
    ]
    assert misses[0].km is not None and misses[0].km > 161
    assert "Syria" in misses[0].picked and "Albu Kamal" in misses[0].context
    assert misses[1].row().split("\t")[:4] == ["1", "unresolved", "Qwzxplk Street", ""]
