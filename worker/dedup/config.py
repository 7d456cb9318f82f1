"""Tunable thresholds of deduplication. Every field is settable as ``DEDUP_<FIELD>``.

Defaults were tuned on the GVA dev split and the ECB+ train/dev topics (see
``docs/evaluation.md``, section "dedup"); nothing here was fitted on a test split.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DedupConfig:
    # Incidents leave the match index this many days after their event date (stream time): the
    # state stays flat on an endless stream. Follow-ups later than that (an arrest a month on)
    # start a new incident; raise it to keep them together at the cost of memory.
    window_days: int = 30
    # A candidate whose best score reaches this merges into that incident.
    merge_threshold: float = 0.92
    # Jaccard estimate over body shingles above which two articles are one wire text.
    syndication_threshold: float = 0.8
    # A report that matches two known incidents this well shows they are one: the others are
    # folded into the best (1.0 or more: never).
    absorb_threshold: float = 0.98
    # When other incidents share the best match's place and dates, merging also needs this much
    # text evidence (0: never required).
    ambiguity_text_min: float = 0.0
    # A match whose places are both known and too far apart (place component 0) needs this much
    # text to count at all (0: no such rule).
    place_conflict_text_min: float = 0.45
    # Between such places the keyword text counts in full only when it rests on this many
    # shared keywords (estimated), in proportion below (0: always in full).
    bridge_shared_keywords: int = 4
    # A back-reference links to a known incident from this score on.
    reference_threshold: float = 0.92

    # The score is logistic(score_bias + sum of weight_<c> * component c), each component in
    # [0, 1]; a component one side cannot give (no date, no place...) counts as missing_<c>.
    score_bias: float = -11.7
    weight_type: float = 0.1
    weight_date: float = 4.8
    weight_geo: float = 5.3
    weight_actors: float = 0.3
    weight_casualties: float = 5.25
    weight_text: float = 13.5
    missing_date: float = 0.5
    missing_geo: float = 0.1
    missing_actors: float = 1.0
    missing_casualties: float = 0.75
    missing_text: float = 0.0
    # Types no report of one incident would give (a protest and an air strike) take this much
    # off the logistic score's argument, or rule the match out with the veto. Extracted types are
    # noisy (one report's shooting is another's explosion), so by default only the penalty.
    veto_incompatible_types: bool = False
    incompatible_type_penalty: float = 2.0

    # The date component falls linearly to 0 at this many days apart (day-precise dates; a
    # week-precise date adds 3 days, a month-precise one 7).
    date_tolerance_days: int = 7
    # The place component falls linearly to 0 at this distance (km), by the coarser precision.
    geo_tolerance_km_place: float = 40.0
    geo_tolerance_km_area: float = 120.0
    # Two precise places beyond that distance but in one first-level division (state) still
    # give this much (0: none).
    geo_same_admin1_far: float = 0.2
    # Body-text similarity (estimated Jaccard of 5-word shingles) between the article and a
    # source of a top-ranked incident is text evidence from body_floor, full at body_saturation.
    body_floor: float = 0.02
    body_saturation: float = 0.06
    # Only incidents scoring at least this on keywords are re-scored with article bodies.
    rescore_floor: float = 0.3
    # An incident keeps the body signatures of at most this many sources (for wire copies).
    max_text_signatures: int = 64
    # How many MinHash values of an incident's keywords also index it (0: by time and place only).
    text_index_bands: int = 4
    # How many of the best-scored nearby incidents are re-scored with article bodies and
    # checked for a wire copy of the article.
    syndication_candidates: int = 5
