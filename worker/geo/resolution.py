"""Joint disambiguation of the toponyms of one article.

Each distinct toponym (one sense per article) gets the candidate with the best score: a prior
(kind of place, population, whether its own name matched) plus context from the other
toponyms' current choices: the same country, the same admin1, nearness (spatial minimality).
Choices are refined over a few rounds, since a choice is context for the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from math import log10

from worker.geo.distance import haversine_km
from worker.geo.place import Place


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    primary: bool  # matched on the place's own name, not an alternate name


@dataclass(slots=True)
class Group:
    """All mentions of one toponym in an article."""

    candidates: list[Candidate]
    count: int = 1
    # Set by a "City, State" pair: the admin1 (or only the country) the place must lie in.
    within_cc: str | None = None
    within_admin1: str | None = None
    fixed: Place | None = None


@dataclass(frozen=True, slots=True)
class Weights:
    country: float = 9.0
    continent: float = 9.5
    admin1: float = 7.5
    admin2: float = 6.5
    alternate_name: float = 1.5
    hint: float = 2.5
    same_country: float = 2.5
    same_admin1: float = 2.0
    contains: float = 1.5
    near_50km: float = 1.5
    near_200km: float = 1.0
    near_500km: float = 0.4
    admin1_shadowed: float = 3.0
    shadowing_population: int = 100_000
    rounds: int = 3


DEFAULT_WEIGHTS = Weights()


def _shadowed(area: Place, candidates: Sequence[Candidate], w: Weights) -> bool:
    """An admin1 area named like a big city inside it: news means the city ("Tehran")."""
    return any(
        c.place.kind == "city"
        and c.place.country_code == area.country_code
        and c.place.admin1_code == area.admin1_code
        and c.place.population >= w.shadowing_population
        for c in candidates
    )


def prior(
    candidate: Candidate, w: Weights = DEFAULT_WEIGHTS, others: Sequence[Candidate] = ()
) -> float:
    place = candidate.place
    if place.kind == "continent":
        score = w.continent
    elif place.kind == "country":
        score = w.country
    elif place.kind == "admin1":
        score = w.admin1_shadowed if _shadowed(place, others, w) else w.admin1
    elif place.kind == "admin2":
        score = w.admin2
    else:
        score = log10(place.population + 1)
    if not candidate.primary:
        score -= w.alternate_name
    return score


@dataclass(slots=True)
class _Context:
    countries: Counter[str]
    admin1s: Counter[tuple[str, str]]
    points: list[Place]  # chosen cities and admin2 areas


def _context(groups: Sequence[Group], picks: Sequence[Place | None], skip: int) -> _Context:
    countries: Counter[str] = Counter()
    admin1s: Counter[tuple[str, str]] = Counter()
    points: list[Place] = []
    for i, (group, pick) in enumerate(zip(groups, picks, strict=True)):
        if i == skip or pick is None or pick.country_code is None:
            continue
        weight = min(group.count, 2)
        countries[pick.country_code] += weight
        if pick.admin1_code is not None:
            admin1s[(pick.country_code, pick.admin1_code)] += weight
        if pick.kind in ("city", "admin2"):
            points.append(pick)
    return _Context(countries, admin1s, points)


def _context_score(place: Place, ctx: _Context, country_hint: str | None, w: Weights) -> float:
    score = 0.0
    cc = place.country_code
    if cc is None:
        return score
    if country_hint is not None and cc == country_hint:
        score += w.hint
    if ctx.countries[cc]:
        score += w.same_country * min(1.0, ctx.countries[cc])
    if place.admin1_code is not None and ctx.admin1s[(cc, place.admin1_code)]:
        score += w.same_admin1 * min(1.0, ctx.admin1s[(cc, place.admin1_code)])
    if place.kind == "country":
        if any(p.country_code == cc for p in ctx.points):
            score += w.contains
    elif place.kind == "admin1":
        if any(p.country_code == cc and p.admin1_code == place.admin1_code for p in ctx.points):
            score += w.contains
    elif ctx.points:
        nearest = min(haversine_km(place.lat, place.lon, p.lat, p.lon) for p in ctx.points)
        if nearest < 50:
            score += w.near_50km
        elif nearest < 200:
            score += w.near_200km
        elif nearest < 500:
            score += w.near_500km
    return score


def _allowed(group: Group) -> list[Candidate]:
    if group.within_cc is None:
        return group.candidates
    inside = [
        c
        for c in group.candidates
        if c.place.country_code == group.within_cc
        and (group.within_admin1 is None or c.place.admin1_code == group.within_admin1)
        and c.place.kind in ("city", "admin2")
    ]
    return inside or group.candidates


def resolve_groups(
    groups: Sequence[Group], *, country_hint: str | None = None, w: Weights = DEFAULT_WEIGHTS
) -> list[Place | None]:
    allowed = [_allowed(g) for g in groups]
    empty = _Context(Counter(), Counter(), [])
    picks: list[Place | None] = []
    for group, cands in zip(groups, allowed, strict=True):
        if group.fixed is not None:
            picks.append(group.fixed)
        elif cands:
            picks.append(
                max(
                    cands,
                    key=lambda c: (
                        prior(c, w, cands) + _context_score(c.place, empty, country_hint, w)
                    ),
                ).place
            )
        else:
            picks.append(None)
    for _ in range(w.rounds):
        changed = False
        for i, (group, cands) in enumerate(zip(groups, allowed, strict=True)):
            if group.fixed is not None or len(cands) < 2:
                continue
            ctx = _context(groups, picks, i)
            best = max(
                cands,
                key=lambda c: prior(c, w, cands) + _context_score(c.place, ctx, country_hint, w),
            ).place
            if best != picks[i]:
                picks[i] = best
                changed = True
        if not changed:
            break
    return picks
