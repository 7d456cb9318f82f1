"""Tunable thresholds of deduplication. Every field is settable as ``DEDUP_<FIELD>``.

Defaults were tuned on the GVA dev split and the ECB+ train/dev topics (see
``docs/evaluation.md``, section "dedup"); nothing here was fitted on a test split.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DedupConfig:
    # Incidents leave the match index this many days after their event date (stream time).
    window_days: int = 30
    # A candidate whose best score reaches this merges into that incident.
    merge_threshold: float = 0.6
    # Jaccard estimate over body shingles above which two articles are one wire text.
    syndication_threshold: float = 0.8
    # A back-reference links to a known incident from this score on.
    reference_threshold: float = 0.55

    # Weights of the score components (a weighted mean over the components both sides have).
    weight_type: float = 0.5
    weight_date: float = 1.0
    weight_geo: float = 1.0
    weight_actors: float = 0.5
    weight_casualties: float = 1.5
    weight_text: float = 4.0
    # Value used for a component one side cannot give (no date, no place, no figures).
    missing_component: float = 0.4

    # Dates further apart than this (days, for day-precise dates) never match; a week-precise
    # date widens it by 7 days, a month-precise one by 31.
    date_tolerance_days: int = 3
    # Places further apart than this (km) never match, by the coarser of the two precisions.
    geo_tolerance_km_place: float = 40.0
    geo_tolerance_km_area: float = 120.0
    # Keyword-set Jaccard at which the text component saturates at 1.0.
    text_saturation: float = 0.6
    # How many of the best-scored nearby incidents are checked for a wire copy of the article.
    syndication_candidates: int = 3
