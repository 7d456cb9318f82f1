from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

from tests.unit.dedup.builders import CHICAGO, EVANSTON, INDIANAPOLIS, KABUL, SPRINGFIELD
from worker.dedup import minhash
from worker.dedup.config import DedupConfig
from worker.dedup.scoring import (
    body_score,
    casualty_score,
    date_score,
    explain,
    geo_score,
    score,
    type_score,
    with_body,
)
from worker.dedup.summary import IncidentSummary, summarise
from worker.domain import IncidentDate, Location

CONFIG = DedupConfig()


def summary(
    *,
    sub: str = "attack",
    event: str = "violence_against_civilians",
    day: date | None = date(2017, 3, 6),
    precision: int = 1,
    location: Location | None = CHICAGO,
    keywords: tuple[str, ...] = ("john smith", "halsted street"),
    killed: int | None = 1,
    injured: int | None = None,
    region: str = "north_america",
) -> IncidentSummary:
    return summarise(
        incident_id="inc_x",
        region=region,
        event_type=event,
        sub_event_type=sub,
        date_value=IncidentDate(
            start=day, end=day if precision == 1 else None, time_precision=precision
        ),
        location=location,
        actors=(),
        keyword_signature=minhash.signature(keywords),
        keyword_count=len(keywords),
        fatalities=killed,
        injured=injured,
        reference_only=False,
        expires=0,
    )


def test_type_compatibility() -> None:
    attack = summary()
    assert type_score(attack, summary()) == 1.0
    assert type_score(attack, summary(sub="abduction_forced_disappearance")) == 0.7
    bomb = summary(sub="suicide_bomb", event="explosions_remote_violence")
    assert type_score(attack, bomb) == 0.4
    assert type_score(attack, summary(sub="armed_clash", event="battles")) == 0.6
    assert type_score(attack, summary(sub="peaceful_protest", event="protests")) == 0.0


def test_date_score_falls_with_distance_and_widens_with_vagueness() -> None:
    base = summary()
    assert date_score(base, summary(), CONFIG) == 1.0
    next_day = date_score(base, summary(day=date(2017, 3, 7)), CONFIG)
    next_week = date_score(base, summary(day=date(2017, 3, 13)), CONFIG)
    assert next_day is not None and next_week is not None
    assert 1.0 > next_day > next_week > 0.0
    assert date_score(base, summary(day=date(2017, 4, 20)), CONFIG) == 0.0
    # "in March" covers the sixth: no distance at all.
    month = summary(day=date(2017, 3, 1), precision=3)
    assert date_score(base, month, CONFIG) == 1.0
    assert date_score(base, summary(day=None), CONFIG) is None


def test_geo_score_by_distance_and_precision() -> None:
    chicago = summary()
    assert geo_score(chicago, summary(), CONFIG) == 1.0
    evanston = geo_score(chicago, summary(location=EVANSTON), CONFIG)  # about 21 km
    assert evanston is not None and 0.3 < evanston < 0.7
    assert geo_score(chicago, summary(location=KABUL), CONFIG) == 0.0
    illinois = Location(name="Illinois", admin1="Illinois", country_code="US", geo_precision=3)
    assert geo_score(chicago, summary(location=illinois), CONFIG) == 0.6
    assert geo_score(chicago, summary(location=None), CONFIG) is None


def test_far_places_in_one_state_keep_a_little_geo_credit() -> None:
    springfield = SPRINGFIELD
    # About 280 km from Chicago, as far as Indianapolis, but in the same state: one report
    # may name the county seat, the other the town.
    assert geo_score(summary(), summary(location=springfield), CONFIG) == (
        CONFIG.geo_same_admin1_far
    )
    assert geo_score(summary(), summary(location=INDIANAPOLIS), CONFIG) == 0.0
    # Near places still score by distance, above the floor.
    evanston = geo_score(summary(), summary(location=EVANSTON), CONFIG)
    assert evanston is not None and evanston > CONFIG.geo_same_admin1_far
    off = replace(CONFIG, geo_same_admin1_far=0.0)
    assert geo_score(summary(), summary(location=springfield), off) == 0.0


def test_text_bridges_far_apart_places_only_on_several_shared_keywords() -> None:
    indianapolis = INDIANAPOLIS
    # One shared name out of a few: enough next door, not across a state line.
    few = ("john smith", "cicero avenue", "porch")
    near = score(summary(), summary(location=EVANSTON, keywords=few), CONFIG)
    far = score(summary(), summary(location=indianapolis, keywords=few), CONFIG)
    assert far.score.geo == 0.0 and near.score.geo is not None and near.score.geo > 0.0
    assert near.score.text is not None and far.score.text is not None
    assert far.score.text < 0.5 * near.score.text
    # Many shared names and streets: the misplaced report still joins on its text.
    names = tuple(f"name {i}" for i in range(12))
    wide = summary(keywords=names)
    far_named = score(wide, summary(location=indianapolis, keywords=names), CONFIG)
    near_named = score(wide, summary(location=EVANSTON, keywords=names), CONFIG)
    assert far_named.score.text == near_named.score.text == 1.0
    # The rule can be switched off.
    off = replace(CONFIG, bridge_shared_keywords=0)
    unscaled = score(summary(), summary(location=indianapolis, keywords=few), off)
    assert unscaled.score.text == near.score.text


def test_casualty_consistency() -> None:
    two = summary(killed=2)
    assert casualty_score(two, summary(killed=2)) == 1.0
    assert casualty_score(two, summary(killed=3)) == 0.75
    assert casualty_score(summary(killed=None), summary(killed=None)) is None


def test_score_explains_itself_and_rules_out_other_regions() -> None:
    match = score(summary(), summary(), CONFIG)
    assert match.veto is None
    assert match.total > CONFIG.merge_threshold
    assert explain(match.score).startswith(f"score {match.total:.2f}, type 1.00")
    elsewhere = score(summary(), summary(region="europe"), CONFIG)
    assert elsewhere.veto == "another region" and elsewhere.total == 0.0
    vetoing = replace(CONFIG, veto_incompatible_types=True)
    protest = score(summary(), summary(sub="peaceful_protest", event="protests"), vetoing)
    assert protest.veto == "types incompatible"


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_incompatible_types_cost_the_penalty_instead_of_a_veto() -> None:
    same = score(summary(), summary(), CONFIG)
    protest = score(summary(), summary(sub="peaceful_protest", event="protests"), CONFIG)
    assert protest.veto is None and protest.score.type == 0.0
    # Everything else alike: the extractor may have typed one report wrongly.
    assert protest.total >= CONFIG.merge_threshold and same.total >= protest.total

    # On weaker evidence the penalty shows in full on the logistic scale.
    def near(sub: str, event: str) -> IncidentSummary:
        return summary(
            sub=sub, event=event, day=date(2017, 3, 9), location=EVANSTON, keywords=("mary jones",)
        )

    attack = score(summary(), near("attack", "violence_against_civilians"), CONFIG)
    riot = score(summary(), near("peaceful_protest", "protests"), CONFIG)
    assert 0.01 < riot.total < attack.total < 0.99
    penalty = CONFIG.incompatible_type_penalty + CONFIG.weight_type
    assert abs((_logit(attack.total) - _logit(riot.total)) - penalty) < 0.01
    # A protest on the same day and street, with other details, stays another incident.
    other = summary(
        sub="peaceful_protest", event="protests", keywords=("mary jones", "cicero avenue")
    )
    assert score(summary(), other, CONFIG).total < CONFIG.merge_threshold
    # A compatible pair (a shooting and an armed clash) pays no penalty.
    clash = score(summary(), near("armed_clash", "battles"), CONFIG)
    assert riot.total < clash.total < attack.total


def test_same_place_and_day_is_not_enough_without_shared_details() -> None:
    other = summary(keywords=("mary jones", "cicero avenue", "porch"), killed=0, injured=4)
    match = score(summary(), other, CONFIG)
    assert match.total < CONFIG.merge_threshold


def test_shared_body_text_raises_the_text_component() -> None:
    other = summary(keywords=("mary jones",))
    match = score(summary(), other, CONFIG)
    assert body_score(0.0, CONFIG) == 0.0 and body_score(0.5, CONFIG) == 1.0
    boosted = with_body(match, 0.5, CONFIG)
    assert boosted.score.text == 1.0
    assert boosted.total > match.total
    assert with_body(match, 0.0, CONFIG) == match
    assert replace(boosted.score, total=0.0, text=None) == replace(
        match.score, total=0.0, text=None
    )
