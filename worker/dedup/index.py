"""The in-memory match index: which incidents a candidate must be scored against.

Incidents are bucketed by (region, week, geographic key). A geographic key is a 1-degree cell
for incidents placed precisely, the first-level division and the country for incidents placed
only roughly, so that a candidate looks at a handful of buckets whatever the stored volume.
The index is derived state: :meth:`MatchIndex.add` of every stored summary rebuilds it.

Bucket keys are the hashes of their tuples: a collision only means a few extra incidents are
scored (and rejected by their region or place), never a different decision.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from worker.dedup.scoring import DATE_SLACK, MAX_DATE_SLACK
from worker.dedup.summary import IncidentSummary

CELL_DEGREES = 0.25
UNDATED_WEEK = -1
MAX_INDEXED_WEEKS = 8  # a longer span is indexed by its first weeks only
UNDATED_REACH_DAYS = 28  # an undated report may tell of an incident this long before it
_KM_PER_DEGREE = 111.2


_TEXT_FOLD = 0x3FFF


def _shares_band(a: IncidentSummary, b: IncidentSummary, bands: int) -> bool:
    """Whether two keyword signatures agree on one of their first ``bands`` values."""
    left, right = a.keywords, b.keywords
    limit = min(bands * 2, len(left), len(right))
    return any(left[i : i + 2] == right[i : i + 2] for i in range(0, limit, 2))


class _BandTest:
    """:func:`_shares_band` against one candidate, for many incidents: the candidate's first
    values as one integer, the incident's XOR-ed in, and a test for a zero 16-bit lane."""

    __slots__ = ("_bands", "_candidate", "_high", "_mine", "_ones", "_width")

    def __init__(self, candidate: IncidentSummary, bands: int) -> None:
        self._candidate = candidate
        self._bands = bands
        self._width = min(bands * 2, len(candidate.keywords)) & ~1
        lanes = self._width // 2
        self._ones = sum(1 << (16 * lane) for lane in range(lanes))
        self._high = self._ones << 15
        self._mine = int.from_bytes(candidate.keywords[: self._width], "little")

    def __call__(self, summary: IncidentSummary) -> bool:
        theirs = summary.keywords
        width = self._width
        if len(theirs) < width or not width:
            return _shares_band(self._candidate, summary, self._bands)
        x = self._mine ^ int.from_bytes(theirs[:width], "little")
        return ((x - self._ones) & ~x & self._high) != 0


def _anchor(region: str, place: tuple[object, ...]) -> int:
    return hash((region, *place))


def _key(anchor: int, week: int) -> int:
    """A bucket key from a (region, place) hash and a week: cheap, and a rare collision only
    means a few more incidents are scored (and rejected)."""
    return hash((anchor, week))


def week_of(day: int) -> int:
    return day // 7


def period_of(day: int) -> int:
    """Four-week periods: the time unit of the text-band keys (a fallback, so coarse)."""
    return day // 28


def _periods(summary: IncidentSummary) -> range:
    if summary.start is None or summary.end is None:
        period = UNDATED_WEEK if summary.reported is None else period_of(summary.reported)
        return range(period, period + 1)
    first = period_of(summary.start)
    return range(first, min(period_of(summary.end), first + 1) + 1)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)


def _weeks(summary: IncidentSummary) -> range:
    """The weeks an incident is filed under: those of its date span, for an undated one the
    week of its first report, else the undated pseudo-week."""
    if summary.start is None or summary.end is None:
        week = UNDATED_WEEK if summary.reported is None else week_of(summary.reported)
        return range(week, week + 1)
    first = week_of(summary.start)
    return range(first, min(week_of(summary.end), first + MAX_INDEXED_WEEKS - 1) + 1)


def _places(summary: IncidentSummary) -> list[tuple[object, ...]]:
    """Where an incident is filed: every key a candidate that could match it will look up."""
    keys: list[tuple[object, ...]] = []
    if summary.precise_place:
        assert summary.lat is not None and summary.lon is not None
        keys.append(("cell", *_cell(summary.lat, summary.lon)))
        if summary.country is not None and summary.admin1 is not None:
            keys.append(("admin1", summary.country, summary.admin1))
    elif summary.country is not None:
        keys.append(("rough", summary.country))
    if summary.country is not None:
        keys.append(("country", summary.country))
    if not keys:
        keys.append(("nowhere",))
    return keys


def _lookups(
    candidate: IncidentSummary, place_km: float, area_km: float
) -> list[tuple[object, ...]]:
    """The keys a candidate looks up: the mirror image of :func:`_places`. A place is looked
    for as far as the geographic component can still be positive for it (the area tolerance
    for a district-precise candidate, the place tolerance otherwise)."""
    radius_km = area_km if candidate.geo_precision == 2 else place_km
    if candidate.precise_place:
        assert candidate.lat is not None and candidate.lon is not None
        row, col = _cell(candidate.lat, candidate.lon)
        dlat = math.ceil(radius_km / (_KM_PER_DEGREE * CELL_DEGREES))
        cos_lat = max(0.05, math.cos(math.radians(candidate.lat)))
        dlon = min(180, math.ceil(radius_km / (_KM_PER_DEGREE * CELL_DEGREES * cos_lat)))
        keys: list[tuple[object, ...]] = [
            ("cell", r, c)
            for r in range(row - dlat, row + dlat + 1)
            for c in range(col - dlon, col + dlon + 1)
        ]
        if candidate.country is not None:
            keys.append(("rough", candidate.country))
        return keys
    if candidate.country is not None and candidate.admin1 is not None:
        return [("admin1", candidate.country, candidate.admin1), ("rough", candidate.country)]
    if candidate.country is not None:
        return [("country", candidate.country)]
    return [("nowhere",)]


class MatchIndex:
    """Summaries of the incidents in the match window, bucketed for lookup, plus their expiry."""

    def __init__(
        self,
        place_km: float,
        date_tolerance_days: int,
        text_bands: int = 0,
        *,
        area_km: float | None = None,
    ) -> None:
        self._place_km = place_km
        self._area_km = place_km if area_km is None else area_km
        self._text_bands = text_bands
        self._date_tolerance = date_tolerance_days
        # A bucket of one incident holds it bare: most buckets do, and a list costs ~90 bytes.
        self._buckets: dict[int, IncidentSummary | list[IncidentSummary]] = {}
        self._by_id: dict[str, IncidentSummary] = {}
        # region -> expiry day -> incident ids expiring that day
        self._expiry: dict[str, dict[int, set[str]]] = {}
        # region -> week -> how many incidents are filed under it (for undated lookups)
        self._weeks: dict[str, dict[int, int]] = {}

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, incident_id: object) -> bool:
        return incident_id in self._by_id

    def get(self, incident_id: str) -> IncidentSummary | None:
        return self._by_id.get(incident_id)

    def summaries(self) -> Iterator[IncidentSummary]:
        return iter(self._by_id.values())

    def _keys(self, summary: IncidentSummary) -> list[int]:
        region = summary.region
        places = [_anchor(region, place) for place in _places(summary)]
        texts = [_anchor(region, place) for place in self._text_keys(summary)]
        keys = [_key(anchor, week) for week in _weeks(summary) for anchor in places]
        keys.extend(_key(anchor, period) for period in _periods(summary) for anchor in texts)
        return keys

    def _text_keys(self, summary: IncidentSummary) -> list[tuple[object, ...]]:
        """The first MinHash values of the keywords: two keyword sets share any one of them
        with probability equal to their Jaccard similarity, so a report whose place or date the
        extractor got wrong still finds the incident it shares distinctive words with. Values
        are folded to 14 bits so that buckets are shared (memory); :func:`_shares_band` weeds
        out the incidents that only share a folded value."""
        if not self._text_bands or not summary.keywords:
            return []
        values = memoryview(summary.keywords).cast("H")
        bands = min(self._text_bands, len(values))
        return [("text", value) for value in {values[band] & _TEXT_FOLD for band in range(bands)}]

    def add(self, summary: IncidentSummary) -> None:
        if summary.incident_id in self._by_id:
            self.remove(summary.incident_id)
        self._by_id[summary.incident_id] = summary
        buckets = self._buckets
        for key in self._keys(summary):
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = summary
            elif isinstance(bucket, list):
                bucket.append(summary)
            elif bucket is not summary:
                buckets[key] = [bucket, summary]
        self._expiry.setdefault(summary.region, {}).setdefault(summary.expires, set()).add(
            summary.incident_id
        )
        weeks = self._weeks.setdefault(summary.region, {})
        for week in _weeks(summary):
            weeks[week] = weeks.get(week, 0) + 1

    def remove(self, incident_id: str) -> IncidentSummary | None:
        summary = self._by_id.pop(incident_id, None)
        if summary is None:
            return None
        buckets = self._buckets
        for key in self._keys(summary):
            bucket = buckets.get(key)
            if bucket is None:
                continue
            if not isinstance(bucket, list):
                if bucket is summary:
                    del buckets[key]
                continue
            rest = [s for s in bucket if s is not summary]
            if len(rest) > 1:
                buckets[key] = rest
            elif rest:
                buckets[key] = rest[0]
            else:
                del buckets[key]
        weeks = self._weeks.get(summary.region, {})
        for week in _weeks(summary):
            left = weeks.get(week, 0) - 1
            if left > 0:
                weeks[week] = left
            else:
                weeks.pop(week, None)
        days = self._expiry.get(summary.region)
        if days is not None:
            ids = days.get(summary.expires)
            if ids is not None:
                ids.discard(incident_id)
                if not ids:
                    del days[summary.expires]
        return summary

    def nearby(self, candidate: IncidentSummary, fallback_day: int | None) -> list[IncidentSummary]:
        """Every indexed incident of the candidate's region that it could match, each once.

        An undated candidate looks at the weeks before ``fallback_day`` (its publication day)
        in which the incident it reports could have happened, and at undated incidents; without
        a publication day either, at every week of its region.
        """
        region = candidate.region
        reach = self._date_tolerance + DATE_SLACK.get(candidate.time_precision, MAX_DATE_SLACK)
        if candidate.start is not None and candidate.end is not None:
            first, last = candidate.start - reach, candidate.end + reach
        elif fallback_day is not None:
            first, last = fallback_day - UNDATED_REACH_DAYS, fallback_day + reach
        else:
            first, last = 0, -1
        if last >= first:
            weeks = list(range(week_of(first), week_of(last) + 1))
            periods = list(range(period_of(first), period_of(last) + 1))
        else:
            weeks = sorted(self._weeks.get(region, {}))
            periods = sorted({period_of(w * 7) if w != UNDATED_WEEK else w for w in weeks})
        seen: set[int] = set()
        found: list[IncidentSummary] = []
        buckets = self._buckets
        places = _lookups(candidate, self._place_km, self._area_km)
        texts = self._text_keys(candidate)
        shares_band = _BandTest(candidate, self._text_bands) if texts else None
        for keys, times, check in ((places, weeks, False), (texts, periods, True)):
            for place in keys:
                anchor = hash((region, *place))  # _anchor and _key, inline: ~100 lookups a call
                for when in times:
                    bucket = buckets.get(hash((anchor, when)))
                    if bucket is None:
                        continue
                    for summary in bucket if isinstance(bucket, list) else (bucket,):
                        marker = id(summary)
                        if marker in seen:
                            continue
                        if check and shares_band is not None and not shares_band(summary):
                            continue
                        seen.add(marker)
                        found.append(summary)
        return found

    def expired(self, region: str, today: int) -> list[str]:
        """Ids of the region's incidents whose expiry day is before ``today``, oldest first."""
        days = self._expiry.get(region)
        if not days:
            return []
        due = sorted(day for day in days if day < today)
        return [incident_id for day in due for incident_id in sorted(days[day])]
