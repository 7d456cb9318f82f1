"""Reader for MUC-4 (``muc4/*.jsonl``): dev = TST1+TST2, test = TST3+TST4."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SPLIT_FILES = {
    "dev": ("dev_tst1.jsonl", "dev_tst2.jsonl"),
    "test": ("test_tst3.jsonl", "test_tst4.jsonl"),
}
# MUC-4 incident types -> taxonomy sub-event types they correspond to.
MUC_TO_TAXONOMY: dict[str, frozenset[str]] = {
    "ATTACK": frozenset(
        {"attack", "armed_clash", "air_drone_strike", "shelling_artillery_missile_attack"}
    ),
    "BOMBING": frozenset(
        {
            "remote_explosive_landmine_ied",
            "suicide_bomb",
            "grenade",
            "air_drone_strike",
            "shelling_artillery_missile_attack",
        }
    ),
    "KIDNAPPING": frozenset({"abduction_forced_disappearance"}),
    "ARSON": frozenset({"looting_property_destruction", "violent_demonstration", "attack"}),
    "ROBBERY": frozenset({"looting_property_destruction", "attack"}),
}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
        start=1,
    )
}


@dataclass(frozen=True, slots=True)
class MucTemplate:
    incident_type: str
    dates: tuple[date, ...]  # gold day(s); a range gives its two ends
    country: str | None
    places: tuple[str, ...]  # place names below the country, most specific last
    perpetrators: tuple[str, ...]  # every alternative name of every perpetrator


@dataclass(frozen=True, slots=True)
class MucExample:
    doc_id: str
    text: str
    split: str
    templates: tuple[MucTemplate, ...]


def _dates(raw: str) -> tuple[date, ...]:
    found: list[date] = []
    for day, month, year in re.findall(r"(\d{1,2}) ([A-Z]{3}) (\d{2})", raw):
        if month in _MONTHS:
            try:
                found.append(date(1900 + int(year), _MONTHS[month], int(day)))
            except ValueError:
                continue
    return tuple(found)


def _location(raw: str) -> tuple[str | None, tuple[str, ...]]:
    first = raw.split(";", maxsplit=1)[0]
    parts = [re.sub(r"\s*\([^)]*\)", "", p).strip() for p in first.split(":")]
    parts = [p.strip('" -') for p in parts if p.strip('" -')]
    if not parts:
        return None, ()
    return parts[0], tuple(parts[1:])


def read_muc(data_dir: Path, split: str) -> Iterator[MucExample]:
    for name in SPLIT_FILES[split]:
        with (data_dir / "muc4" / name).open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                templates = []
                for t in row.get("templates") or []:
                    country, places = _location(t.get("incident_location") or "")
                    perps = tuple(
                        name
                        for group in (t.get("perp_organization") or [])
                        + (t.get("perp_individual") or [])
                        for name in group
                    )
                    templates.append(
                        MucTemplate(
                            t.get("incident_type", ""),
                            _dates(t.get("incident_date") or ""),
                            country,
                            places,
                            perps,
                        )
                    )
                yield MucExample(
                    row["doc_id"], row["text"], name.split("_")[0] and split, tuple(templates)
                )
