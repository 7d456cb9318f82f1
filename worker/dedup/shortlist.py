"""Which nearby incidents a decision can depend on, found without scoring each one in full.

In a large state most nearby incidents are far off in place, time or words: they only count
towards a reason's "N incident(s) nearby", yet full scoring builds and rounds a breakdown for
every one. What the decision reads (:func:`worker.dedup.decide.decide` and the engine's second
stage) is the matches at or above the lowest threshold (re-scoring floor, merge, reference,
absorb), the best match not ruled out (named in a no-match reason however low it is), and the
matches that share a place and dates (rivals of the best). An estimate of every incident's
total, the scoring formula without the breakdown, picks a superset of those; only they are
scored in full, so every verdict and reason is the one full scoring gives.

The estimate differs from the exact total by float rounding only, so each estimated total is
widened by ``_SLACK`` before it is rounded as the score rounds it; where rounding or a
discontinuity of the formula could go either way, the incident is scored in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import asin, cos, exp, radians, sin, sqrt

from worker.dedup.config import DedupConfig
from worker.dedup.scoring import DATE_SLACK, EARTH_RADIUS_KM, MAX_DATE_SLACK, type_score
from worker.dedup.summary import IncidentSummary

# Far above the float error of the estimate (a few ulps of numbers below 100).
_SLACK = 1e-9
# Rounded components (4 decimals) are compared with 0.0 or a threshold: this close to the
# rounding boundary the estimate does not say which side the rounded value falls on.
_EDGE = 1e-6
_HALF_STEP = 5e-5  # the most rounding to 4 decimals moves a value
# A north-south distance this much beyond the tolerance is surely beyond it on the haversine.
_FAR = 1.0 + 1e-6


def shortlist(
    candidate: IncidentSummary,
    nearby: Sequence[IncidentSummary],
    similarities: Sequence[float | None],
    config: DedupConfig,
) -> list[int]:
    """Indices (ascending) into ``nearby`` of the incidents to score in full: every one whose
    match the decision could read. ``similarities`` are the keyword Jaccard estimates."""
    c = candidate
    floor = min(
        config.rescore_floor,
        config.merge_threshold,
        config.reference_threshold,
        config.absorb_threshold,
    )
    conflict_text = config.place_conflict_text_min
    weight_type, weight_date, weight_geo = config.weight_type, config.weight_date, config.weight_geo
    weight_actors, weight_casualties = config.weight_actors, config.weight_casualties
    weight_text, bias, penalty = (
        config.weight_text,
        config.score_bias,
        config.incompatible_type_penalty,
    )
    missing_date, missing_geo = config.missing_date, config.missing_geo
    missing_actors, missing_casualties = config.missing_actors, config.missing_casualties
    missing_text = config.missing_text
    veto_types = config.veto_incompatible_types
    same_admin1_far = config.geo_same_admin1_far
    date_tolerance = config.date_tolerance_days
    place_km, area_km = config.geo_tolerance_km_place, config.geo_tolerance_km_area
    bridge = config.bridge_shared_keywords

    dated = c.start is not None and c.end is not None
    precise = c.precise_place
    if precise:
        assert c.lat is not None and c.lon is not None
        lat1 = radians(c.lat)
        cos1 = cos(lat1)
    actors = set(c.actors)
    kinds: dict[tuple[str, str], float] = {}

    chosen: list[int] = []
    # The incident surely not ruled out with the best lower bound: (rounded total, its id).
    best_sure: tuple[float, str] | None = None
    # (upper rounded total, index) of the incidents that may be viable, to compare with it.
    maybe: list[tuple[float, int]] = []
    for i, b in enumerate(nearby):
        if b.region != c.region:
            continue  # vetoed: a match the decision never reads
        key = (b.sub_event_type, b.event_type)
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = type_score(c, b)
        if kind == 0.0 and veto_types:
            continue

        when: float | None = None
        if dated and b.start is not None and b.end is not None:
            assert c.start is not None and c.end is not None
            # Days between the spans (0 when they overlap), as scoring.date_gap.
            gap = (c.start if c.start > b.start else b.start) - (c.end if c.end < b.end else b.end)
            coarser = c.time_precision if c.time_precision > b.time_precision else b.time_precision
            tolerance = date_tolerance + DATE_SLACK.get(coarser, MAX_DATE_SLACK)
            when = 1.0 if gap <= 0 else 0.0 if gap > tolerance else 1.0 - gap / (tolerance + 1)

        unsure = False  # the estimate cannot tell a discontinuity of the formula apart
        where: float | None
        if c.place is not None and c.place == b.place and c.country == b.country:
            where = 1.0
        elif precise and b.lat is not None and b.lon is not None and b.geo_precision != 3:
            area = c.geo_precision == 2 or b.geo_precision == 2
            limit = area_km if area else place_km
            lat2 = radians(b.lat)
            dp = lat2 - lat1
            near = 0.0
            # The distance is at least the north-south one: most incidents far off are told
            # without the haversine.
            if EARTH_RADIUS_KM * (dp if dp > 0 else -dp) < limit * _FAR:
                dl = radians(b.lon - c.lon)  # type: ignore[operator]
                h = sin(dp / 2) ** 2 + cos1 * cos(lat2) * sin(dl / 2) ** 2
                ratio = 2 * EARTH_RADIUS_KM * asin(sqrt(h) if h < 1.0 else 1.0) / limit
                if ratio < 1.0:
                    near = 1.0 - ratio
                # Exactly 0.0 switches the text's bridging support on.
                unsure = -_SLACK < 1.0 - ratio < _SLACK
            if c.admin1 is not None and c.admin1 == b.admin1 and c.country == b.country:
                where = near if near > same_admin1_far else same_admin1_far
            else:
                where = near
        elif c.country is None or b.country is None:
            where = None
        elif c.country != b.country:
            where = 0.0
        elif c.admin1 is not None and b.admin1 is not None:
            where = 0.6 if c.admin1 == b.admin1 else 0.0
        else:
            where = 0.4

        who: float | None = None
        if actors and b.actors:
            theirs = set(b.actors)
            who = len(actors & theirs) / len(actors | theirs)

        toll: float | None = None
        parts = 0
        total_parts = 0.0
        if c.fatalities is not None and b.fatalities is not None:
            x, y = c.fatalities, b.fatalities
            total_parts += (x + 1) / (y + 1) if x < y else (y + 1) / (x + 1)
            parts += 1
        if c.injured is not None and b.injured is not None:
            x, y = c.injured, b.injured
            total_parts += (x + 1) / (y + 1) if x < y else (y + 1) / (x + 1)
            parts += 1
        if parts:
            toll = total_parts / parts

        jaccard = similarities[i]
        words: float | None = None
        if jaccard is not None:
            words = sqrt(jaccard)
            if where == 0.0 and bridge > 0:
                shared = jaccard * (c.keyword_count + b.keyword_count) / (1.0 + jaccard)
                if shared < bridge:
                    words *= shared / bridge

        z = (
            bias
            - (penalty if kind == 0.0 else 0.0)
            + weight_type * kind
            + weight_date * (missing_date if when is None else when)
            + weight_geo * (missing_geo if where is None else where)
            + weight_actors * (missing_actors if who is None else who)
            + weight_casualties * (missing_casualties if toll is None else toll)
            + weight_text * (missing_text if words is None else words)
        )
        # The logistic's slope is at most 1/4: _SLACK on the total covers it on the argument.
        total = 1.0 / (1.0 + exp(-(50.0 if z > 50.0 else -50.0 if z < -50.0 else z)))
        low = round(total - _SLACK, 4)
        high = round(total + _SLACK, 4)

        # decide.place_conflict on the rounded components: no place in common and little text.
        text = 0.0 if words is None else words
        text_margin = _HALF_STEP + _EDGE
        surely_apart = (
            where is not None and where < _HALF_STEP - _EDGE and text < conflict_text - text_margin
        )
        surely_viable = (
            where is None or where > _HALF_STEP + _EDGE or text > conflict_text + text_margin
        )
        # decide._same_place_and_time, on the rounded components.
        rival = (when is None or when > 0.5 - text_margin) and (
            where is not None and where > 0.5 - text_margin
        )

        if unsure or high >= floor or rival:
            chosen.append(i)
            continue
        if surely_apart:
            continue
        maybe.append((high, i))
        if surely_viable and (
            best_sure is None
            or low > best_sure[0]
            or (low == best_sure[0] and b.incident_id < best_sure[1])
        ):
            best_sure = (low, b.incident_id)

    # The best match not ruled out scores at least as much as ``best_sure`` (ties going to the
    # smaller incident id): nothing that surely scores less can be it.
    for high, i in maybe:
        if (
            best_sure is None
            or high > best_sure[0]
            or (high == best_sure[0] and nearby[i].incident_id <= best_sure[1])
        ):
            chosen.append(i)
    chosen.sort()
    return chosen
