"""The key candidates are re-partitioned by: every report of one incident must meet its match.

The key is the coarse region (see :mod:`worker.dedup.regions`) of the candidate's country. A
candidate without a located country falls back on the country its actors are tied to (the
"Iranian Revolutionary Guard" gives Iran's region), and only then on ``unknown``: reports there
can match each other (on date, type, actors and text) but never a located incident, because a
report cannot be sent to every partition. That is the trade-off: an unlocated report of a known
incident becomes its own incident until the extractor or geocoder locates it.
"""

from __future__ import annotations

from collections import Counter

from worker.dedup.regions import UNKNOWN_REGION, region_of
from worker.domain import IncidentCandidate, Report


def candidate_region(candidate: IncidentCandidate) -> str:
    location = candidate.location
    if location is not None and location.country_code:
        return region_of(location.country_code)
    countries = Counter(
        actor.country_code.upper() for actor in candidate.actors if actor.country_code
    )
    if countries:
        # Most frequent, ties broken alphabetically: the same candidate always gives one key.
        code = min(countries.items(), key=lambda item: (-item[1], item[0]))[0]
        return region_of(code)
    return UNKNOWN_REGION


def blocking_key(report: Report) -> str:
    """The Kafka key a report is re-partitioned by."""
    return candidate_region(report.candidate)
