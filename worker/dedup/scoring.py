"""How alike a reported candidate and a known incident are, component by component.

Each component is in [0, 1]; ``None`` means one side cannot tell (no date, no place, no
figures). Another region rules a match out (a veto); so can incompatible types when so
configured, otherwise they lower the score. The total is a logistic function of the weighted
components, a missing one counting as ``missing_component``.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from worker.dedup import minhash
from worker.dedup.config import DedupConfig
from worker.dedup.summary import IncidentSummary
from worker.domain import ScoreBreakdown

# Extra days of tolerance for a week- or month-precise date (on top of its own span).
DATE_SLACK = {1: 0, 2: 3, 3: 7}
MAX_DATE_SLACK = max(DATE_SLACK.values())
EARTH_RADIUS_KM = 6371.0

# Pairs of sub-event types that reports of one incident plausibly disagree on, and how much.
# Same sub-event type is 1.0, same event type 0.7; anything not listed is incompatible.
_COMPATIBLE: dict[frozenset[str], float] = {
    frozenset(pair): value
    for pair, value in (
        (("attack", "armed_clash"), 0.6),
        (("attack", "mob_violence"), 0.4),
        (("attack", "excessive_force_against_protesters"), 0.4),
        (("attack", "suicide_bomb"), 0.4),
        (("attack", "remote_explosive_landmine_ied"), 0.4),
        (("attack", "grenade"), 0.4),
        (("attack", "arrests"), 0.3),
        (("armed_clash", "arrests"), 0.3),
        (("armed_clash", "air_drone_strike"), 0.4),
        (("armed_clash", "shelling_artillery_missile_attack"), 0.4),
        (("armed_clash", "government_regains_territory"), 0.5),
        (("armed_clash", "non_state_actor_overtakes_territory"), 0.5),
        (("suicide_bomb", "arrests"), 0.3),
        (("remote_explosive_landmine_ied", "arrests"), 0.3),
        (("remote_explosive_landmine_ied", "disrupted_weapons_use"), 0.4),
        (("air_drone_strike", "disrupted_weapons_use"), 0.3),
        (("shelling_artillery_missile_attack", "disrupted_weapons_use"), 0.3),
        (("peaceful_protest", "violent_demonstration"), 0.6),
        (("protest_with_intervention", "violent_demonstration"), 0.6),
        (("excessive_force_against_protesters", "violent_demonstration"), 0.6),
        (("violent_demonstration", "looting_property_destruction"), 0.4),
        (("mob_violence", "looting_property_destruction"), 0.4),
    )
}


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate scored against one incident."""

    incident_id: str
    score: ScoreBreakdown
    veto: str | None = None  # why the pair can never match; the total is then 0

    @property
    def total(self) -> float:
        return self.score.total


def type_score(a: IncidentSummary, b: IncidentSummary) -> float:
    if a.sub_event_type == b.sub_event_type:
        return 1.0
    if a.event_type == b.event_type:
        return 0.7
    return _COMPATIBLE.get(frozenset((a.sub_event_type, b.sub_event_type)), 0.0)


def date_gap(a: IncidentSummary, b: IncidentSummary) -> int | None:
    """Days between two date spans, 0 when they overlap; ``None`` if either is unknown."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def date_score(a: IncidentSummary, b: IncidentSummary, config: DedupConfig) -> float | None:
    gap = date_gap(a, b)
    if gap is None:
        return None
    slack = DATE_SLACK.get(max(a.time_precision, b.time_precision), MAX_DATE_SLACK)
    tolerance = config.date_tolerance_days + slack
    if gap > tolerance:
        return 0.0
    return 1.0 - gap / (tolerance + 1)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def geo_score(a: IncidentSummary, b: IncidentSummary, config: DedupConfig) -> float | None:
    if a.place is not None and a.place == b.place and a.country == b.country:
        return 1.0
    if a.precise_place and b.precise_place:
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        area = a.geo_precision == 2 or b.geo_precision == 2
        tolerance = config.geo_tolerance_km_area if area else config.geo_tolerance_km_place
        km = distance_km(a.lat, a.lon, b.lat, b.lon)
        near = max(0.0, 1.0 - km / tolerance)
        if a.admin1 is not None and a.admin1 == b.admin1 and a.country == b.country:
            # One report placed at the county seat or the nearest city, the other at the town:
            # still the same state, which a report of another state's incident never shares.
            return max(near, config.geo_same_admin1_far)
        return near
    if a.country is None or b.country is None:
        return None
    if a.country != b.country:
        return 0.0
    if a.admin1 is not None and b.admin1 is not None:
        return 0.6 if a.admin1 == b.admin1 else 0.0
    return 0.4


def actor_score(a: IncidentSummary, b: IncidentSummary) -> float | None:
    if not a.actors or not b.actors:
        return None
    left, right = set(a.actors), set(b.actors)
    return len(left & right) / len(left | right)


def _figure_agreement(x: int | None, y: int | None) -> float | None:
    if x is None or y is None:
        return None
    return (min(x, y) + 1) / (max(x, y) + 1)


def casualty_score(a: IncidentSummary, b: IncidentSummary) -> float | None:
    parts = [
        s
        for s in (
            _figure_agreement(a.fatalities, b.fatalities),
            _figure_agreement(a.injured, b.injured),
        )
        if s is not None
    ]
    if not parts:
        return None
    return sum(parts) / len(parts)


def text_similarity(a: IncidentSummary, b: IncidentSummary) -> float | None:
    if not a.keywords or not b.keywords:
        return None
    return minhash.packed_similarity(a.keywords, b.keywords)


def text_score(
    a: IncidentSummary, b: IncidentSummary, jaccard: float | None = None, *, known: bool = False
) -> float | None:
    """Square root of the keyword Jaccard: distinctive keywords rarely overlap much even for
    one incident, and the root spreads the low range where the two cases differ. ``jaccard``
    may be given when it was computed for many incidents at once (``known``)."""
    if not known:
        jaccard = text_similarity(a, b)
    if jaccard is None:
        return None
    return math.sqrt(jaccard)


def bridging_support(
    a: IncidentSummary, b: IncidentSummary, text: float, config: DedupConfig
) -> float:
    """How much of the keyword text may bridge two places too far apart to be one (a report
    the geocoder misplaced): in full only when it rests on ``bridge_shared_keywords`` shared
    keywords or more (estimated from the Jaccard and the set sizes), in proportion below. One
    or two shared words (a common surname, the outlet's name) must not join two states."""
    if config.bridge_shared_keywords <= 0:
        return 1.0
    jaccard = text * text
    shared = jaccard * (a.keyword_count + b.keyword_count) / (1.0 + jaccard)
    return min(1.0, shared / config.bridge_shared_keywords)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def body_score(similarity: float, config: DedupConfig) -> float:
    """Shared article text (a police statement quoted by several outlets) on the text scale:
    0 up to ``body_floor``, 1 from ``body_saturation``."""
    span = config.body_saturation - config.body_floor
    if span <= 0:
        return 1.0 if similarity >= config.body_saturation else 0.0
    return max(0.0, min(1.0, (similarity - config.body_floor) / span))


def _total(config: DedupConfig, components: ScoreBreakdown) -> float:
    c = components
    kind = c.type if c.type is not None else 0.0
    z = (
        config.score_bias
        - (config.incompatible_type_penalty if kind == 0.0 else 0.0)
        + config.weight_type * kind
        + config.weight_date * (config.missing_date if c.date is None else c.date)
        + config.weight_geo * (config.missing_geo if c.geo is None else c.geo)
        + config.weight_actors * (config.missing_actors if c.actors is None else c.actors)
        + config.weight_casualties
        * (config.missing_casualties if c.casualties is None else c.casualties)
        + config.weight_text * (config.missing_text if c.text is None else c.text)
    )
    return _logistic(z)


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def best_possible(match: Match, config: DedupConfig) -> float:
    """The total the match would have with full text evidence: a bound for re-scoring."""
    if match.veto is not None:
        return 0.0
    return _total(config, dataclasses.replace(match.score, text=1.0))


def with_body(match: Match, similarity: float, config: DedupConfig) -> Match:
    """The match re-scored once the article bodies were compared: the text component becomes
    the larger of the keyword and the body evidence."""
    if match.veto is not None:
        return match
    body = body_score(similarity, config)
    current = match.score.text
    if current is not None and current >= body:
        return match
    components = dataclasses.replace(match.score, text=round(body, 4))
    return Match(
        match.incident_id,
        dataclasses.replace(components, total=round(_total(config, components), 4)),
    )


def score(
    candidate: IncidentSummary,
    incident: IncidentSummary,
    config: DedupConfig,
    *,
    jaccard: float | None = None,
    jaccard_known: bool = False,
) -> Match:
    """Score a candidate against one incident.

    The total is a logistic function of the weighted components (weights fitted on the dev
    data, see :class:`DedupConfig`), so it reads as a match probability; a component one side
    cannot give counts at its configured ``missing_*`` value. Only another region rules a pair
    out, and types that can never describe one incident when ``veto_incompatible_types`` is set
    (otherwise they cost ``incompatible_type_penalty``: extracted types are noisy).
    """
    if candidate.region != incident.region:
        return Match(incident.incident_id, ScoreBreakdown(total=0.0), veto="another region")
    kind = type_score(candidate, incident)
    if kind == 0.0 and config.veto_incompatible_types:
        breakdown = ScoreBreakdown(total=0.0, type=0.0)
        return Match(incident.incident_id, breakdown, veto="types incompatible")
    when = date_score(candidate, incident, config)
    where = geo_score(candidate, incident, config)
    who = actor_score(candidate, incident)
    toll = casualty_score(candidate, incident)
    words = text_score(candidate, incident, jaccard, known=jaccard_known)
    if where == 0.0 and words is not None:
        words *= bridging_support(candidate, incident, words, config)
    exact = ScoreBreakdown(
        total=0.0, type=kind, date=when, geo=where, actors=who, casualties=toll, text=words
    )
    breakdown = ScoreBreakdown(
        total=round(_total(config, exact), 4),
        type=kind,
        date=_rounded(when),
        geo=_rounded(where),
        actors=_rounded(who),
        casualties=_rounded(toll),
        text=_rounded(words),
    )
    return Match(incident.incident_id, breakdown)


def explain(score_: ScoreBreakdown) -> str:
    """The components of a score in words, for a mention's reason."""
    parts = [f"score {score_.total:.2f}"]
    for name in ("type", "date", "geo", "actors", "casualties", "text"):
        value = getattr(score_, name)
        parts.append(f"{name} {'?' if value is None else f'{value:.2f}'}")
    return ", ".join(parts)
