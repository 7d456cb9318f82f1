"""The key candidates are re-partitioned by: every report of one incident must meet its match.

The key is the coarse region (see :mod:`worker.dedup.regions`) of the candidate's country.
A report goes to exactly one partition, so a candidate without a located country needs a guess
that puts it where its incident most likely is:

1. the country its actors are tied to (the "Iranian Revolutionary Guard" gives Iran's region);
2. the outlet's home, by the country-code domain of its URL (``.co.uk`` -> Europe);
3. for a generic domain (``.com``, ``.org``...), North America, where most English-language
   local news on generic domains comes from (a US local paper whose place the geocoder missed
   still meets the incident its neighbours reported);
4. otherwise ``unknown``: those reports can match each other, never a located incident.

The cost of the guess: an unlocated report from an international ``.com`` outlet lands in North
America and becomes an incident of its own there (it would have anyway in ``unknown``).
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from worker.dedup.regions import UNKNOWN_REGION, region_of
from worker.domain import IncidentCandidate, Report, SourceRef

GENERIC_DOMAINS = frozenset({"com", "net", "org", "info", "news", "us", "gov", "edu", "mil"})
GENERIC_DOMAIN_REGION = "north_america"
# Country-code domains whose code is not the ISO 3166 one.
_DOMAIN_COUNTRY = {"uk": "GB", "su": "RU"}
# Country-code domains sold worldwide as vanity names: they say nothing about the outlet.
_VANITY_DOMAINS = frozenset({"co", "io", "tv", "me", "ai", "ly", "fm", "cc", "ws", "to", "gg"})


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


def outlet_region(source: SourceRef) -> str:
    """The region of an outlet by its domain: country code, generic (North America), unknown."""
    host = urlsplit(source.url).hostname if source.url else None
    if not host or "." not in host:
        return UNKNOWN_REGION
    suffix = host.rsplit(".", 1)[1].lower()
    if suffix in GENERIC_DOMAINS:
        return GENERIC_DOMAIN_REGION
    if len(suffix) == 2 and suffix.isalpha() and suffix not in _VANITY_DOMAINS:
        return region_of(_DOMAIN_COUNTRY.get(suffix, suffix.upper()))
    return UNKNOWN_REGION


def blocking_key(report: Report) -> str:
    """The Kafka key a report is re-partitioned by."""
    region = candidate_region(report.candidate)
    if region != UNKNOWN_REGION:
        return region
    return outlet_region(report.source)
