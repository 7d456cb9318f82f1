"""The pure decision: given a candidate and how it scored against the incidents nearby, what
becomes of it. No store, no clock: the engine gathers the inputs and applies the outcome."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from worker.dedup.config import DedupConfig
from worker.dedup.scoring import Match, explain
from worker.domain import Decision, IncidentCandidate, MentionRole


@dataclass(frozen=True, slots=True)
class Repeat:
    """The article was seen before: the same article (id or URL) or a wire copy of a source."""

    decision: Decision  # DUPLICATE_ARTICLE or SYNDICATED
    incident_id: str
    detail: str
    match: Match | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    decision: Decision
    incident_id: str | None  # the known incident joined or linked; None when one is created
    match: Match | None
    reason: str
    # Other incidents this report shows to be the same one: folded into ``incident_id``.
    absorb: tuple[Match, ...] = ()


def place_conflict(match: Match, config: DedupConfig) -> bool:
    """Both places are known and too far apart to be one, and the text does not bridge them
    (a misplaced report of the incident shares its names; another town's shooting does not)."""
    s = match.score
    text = 0.0 if s.text is None else s.text
    return s.geo == 0.0 and text < config.place_conflict_text_min


def best_match(matches: Sequence[Match], config: DedupConfig | None = None) -> Match | None:
    """The highest total among the matches not ruled out; ties go to the smaller incident id."""
    viable = [
        m for m in matches if m.veto is None and (config is None or not place_conflict(m, config))
    ]
    if not viable:
        return None
    return min(viable, key=lambda m: (-m.total, m.incident_id))


def decide(
    candidate: IncidentCandidate,
    matches: Sequence[Match],
    config: DedupConfig,
    repeat: Repeat | None = None,
    *,
    nearby: int | None = None,
) -> Verdict:
    """``matches`` may leave out incidents that cannot change the verdict (see
    :mod:`worker.dedup.shortlist`); ``nearby`` then says how many were looked at."""
    if repeat is not None:
        return Verdict(repeat.decision, repeat.incident_id, repeat.match, repeat.detail)
    best = best_match(matches, config)
    considered = f"{len(matches) if nearby is None else nearby} incident(s) nearby"
    if candidate.role is MentionRole.REFERENCE:
        threshold = config.reference_threshold
        if best is not None and best.total >= threshold:
            reason = (
                f"back-reference to {best.incident_id}: {explain(best.score)} "
                f">= {threshold:.2f}; its date is kept"
            )
            return Verdict(Decision.BACK_REFERENCE, best.incident_id, best, reason)
        return Verdict(
            Decision.REFERENCE_NEW,
            None,
            best,
            _no_match("reference-only incident", best, threshold, considered),
        )
    threshold = config.merge_threshold
    rivals = _rivals(best, matches)
    if best is not None and best.total >= threshold and rivals and not _told_apart(best, config):
        reason = (
            f"new incident: best match {best.incident_id} has {explain(best.score)}, but "
            f"{len(rivals)} other incident(s) share its place and dates and the text "
            f"({_text(best)}) is below {config.ambiguity_text_min:.2f} ({considered})"
        )
        return Verdict(Decision.NEW, None, best, reason)
    if best is not None and best.total >= threshold:
        reason = f"same incident as {best.incident_id}: {explain(best.score)} >= {threshold:.2f}"
        absorbed = tuple(
            sorted(
                (
                    m
                    for m in matches
                    if m.veto is None
                    and m.incident_id != best.incident_id
                    and m.total >= config.absorb_threshold
                    and not place_conflict(m, config)
                ),
                key=lambda m: m.incident_id,
            )
        )
        if absorbed:
            reason += "; also the same as " + ", ".join(
                f"{m.incident_id} (score {m.total:.2f})" for m in absorbed
            )
            reason += f" >= {config.absorb_threshold:.2f}, folded in"
        return Verdict(Decision.MERGED, best.incident_id, best, reason, absorbed)
    return Verdict(Decision.NEW, None, best, _no_match("new incident", best, threshold, considered))


def _same_place_and_time(match: Match) -> bool:
    s = match.score
    return (s.date is None or s.date >= 0.5) and s.geo is not None and s.geo >= 0.5


def _rivals(best: Match | None, matches: Sequence[Match]) -> list[Match]:
    """Other incidents as close in place and time as the best one: in a city with several
    shootings a week, place and date alone cannot pick between them."""
    if best is None or not _same_place_and_time(best):
        return []
    return [
        m
        for m in matches
        if m.veto is None and m.incident_id != best.incident_id and _same_place_and_time(m)
    ]


def _text(match: Match) -> str:
    return "?" if match.score.text is None else f"{match.score.text:.2f}"


def _told_apart(best: Match, config: DedupConfig) -> bool:
    return best.score.text is not None and best.score.text >= config.ambiguity_text_min


def _no_match(outcome: str, best: Match | None, threshold: float, considered: str) -> str:
    if best is None:
        return f"{outcome}: no compatible incident ({considered})"
    return (
        f"{outcome}: best match {best.incident_id} has {explain(best.score)} < {threshold:.2f} "
        f"({considered})"
    )
