"""Tunable thresholds of deduplication. Every field is settable as ``DEDUP_<FIELD>``."""

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
