"""Joint disambiguation of the toponyms of one article.

Each distinct toponym (one sense per article) gets the candidate with the best score: a prior
(kind of place, population, whether its own name matched) plus context from the other
toponyms' current choices: the same country, the same admin1, nearness (spatial minimality).
Choices are refined over a few rounds, since a choice is context for the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import cos, log10, radians, sqrt

from worker.geo.place import Place


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    primary: bool  # matched on the place's own name, not an alternate name
    typed: bool = False  # the name says what kind of area it is ("County", "Parish")
    capital: bool = False  # the capital of its country
    preferred: bool = False  # the sense news means by this bare name ("Washington")


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
    country: float = 2.0  # plus log10(population)
    continent: float = 9.5
    admin1: float = 1.0  # plus log10(population)
    area_population: float = 1.0
    admin2: float = 6.5  # named with its kind: "Cook County"
    admin2_untyped: float = 3.0  # named bare: "Albany" (a shire as much as a town)
    alternate_name: float = 1.5
    hint: float = 2.5
    same_country: float = 2.5
    same_admin1: float = 2.0
    contains: float = 1.5
    near_50km: float = 2.5
    near_200km: float = 1.0
    near_500km: float = 0.4
    admin1_shadowed: float = 3.0
    shadowing_population: int = 100_000
    capital: float = 1.0
    preferred: float = 3.0
    neighbour: float = 1.0
    rounds: int = 3
    live_candidates: int = 12
    live_gap: float = 6.0
    gap_penalty: float = 0.5
    support_cap: float = 30.0


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
        score = w.country + log10(place.population + 1) * w.area_population
    elif place.kind == "admin1":
        score = (
            w.admin1_shadowed
            if _shadowed(place, others, w)
            else w.admin1 + log10(place.population + 1) * w.area_population
        )
    elif place.kind == "admin2":
        score = w.admin2 if candidate.typed else w.admin2_untyped
    else:
        score = log10(place.population + 1)
    if not candidate.primary:
        score -= w.alternate_name
    if candidate.capital:
        score += w.capital
    if candidate.preferred:
        score += w.preferred
    return score


_FAR_KM = 1e9
_KM_PER_DEGREE = 111.195


def _approx_km(a: Place, b: Place) -> float:
    """Distance for the nearness bands only (up to 500 km): an equirectangular
    approximation, within a few percent there and several times cheaper than haversine."""
    dlat = a.lat - b.lat
    if dlat > 4.6 or dlat < -4.6:
        return _FAR_KM
    dlon = abs(a.lon - b.lon)
    if dlon > 180:
        dlon = 360 - dlon
    x = dlon * cos(radians((a.lat + b.lat) / 2))
    return _KM_PER_DEGREE * sqrt(x * x + dlat * dlat)


def _nearness(km: float, w: Weights) -> float:
    if km < 50:
        return w.near_50km
    if km < 200:
        return w.near_200km
    if km < 500:
        return w.near_500km
    return 0.0


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


def _context_score(
    place: Place,
    ctx: _Context,
    country_hint: str | None,
    w: Weights,
    neighbours: Mapping[str, frozenset[str]],
) -> float:
    score = 0.0
    cc = place.country_code
    if cc is None:
        return score
    if country_hint is not None and cc == country_hint:
        score += w.hint
    if ctx.countries[cc]:
        score += w.same_country * min(1.0, ctx.countries[cc])
    elif any(n in ctx.countries for n in neighbours.get(cc, ())):
        score += w.neighbour
    if place.admin1_code is not None and ctx.admin1s[(cc, place.admin1_code)]:
        score += w.same_admin1 * min(1.0, ctx.admin1s[(cc, place.admin1_code)])
    if place.kind == "country":
        if any(p.country_code == cc for p in ctx.points):
            score += w.contains
    elif place.kind == "admin1":
        if any(p.country_code == cc and p.admin1_code == place.admin1_code for p in ctx.points):
            score += w.contains
    elif ctx.points:
        score += _nearness(min(_approx_km(place, p) for p in ctx.points), w)
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
    if (
        not inside
        and group.within_admin1 is not None
        and not any(
            c.place.kind == "admin1" and c.place.country_code == group.within_cc
            for c in group.candidates
        )
    ):
        # "Shelby, N.Y." where the gazetteer knows only Shelby, Michigan: the town is one it
        # lacks, and the written state is right where a namesake elsewhere would be wrong
        # (but "the Indiana, Ill., border" names two states).
        return []
    return inside or group.candidates


def _compat(a: Place, b: Place, w: Weights) -> float:
    """How well two places of the same country go together in one article."""
    score = w.same_country
    a_point, b_point = a.kind in ("city", "admin2"), b.kind in ("city", "admin2")
    same_admin1 = a.admin1_code is not None and a.admin1_code == b.admin1_code
    if same_admin1:
        score += w.same_admin1
    if a_point and b_point:
        score += _nearness(_approx_km(a, b), w)
    elif (
        (a_point and b.kind == "admin1" and same_admin1)
        or (b_point and a.kind == "admin1" and same_admin1)
        or (a.kind == "country" and b.kind != "country")
        or (b.kind == "country" and a.kind != "country")
    ):
        score += w.contains
    return score


_Live = dict[str, list[tuple[Place, float]]]


def _live(cands: Sequence[Candidate], priors: Sequence[float], w: Weights) -> _Live:
    """A group's plausible candidates by country, each with its shortfall from the best."""
    if not cands:
        return {}
    top = max(priors)
    ranked = sorted(range(len(cands)), key=lambda k: -priors[k])[: w.live_candidates]
    live: _Live = {}
    for k in ranked:
        gap = top - priors[k]
        cc = cands[k].place.country_code
        if gap <= w.live_gap and cc is not None:
            live.setdefault(cc, []).append((cands[k].place, w.gap_penalty * gap))
    return live


def _support(
    place: Place, i: int, lives: Sequence[_Live], w: Weights, near: Mapping[str, frozenset[str]]
) -> float:
    cc = place.country_code
    if cc is None:
        return 0.0
    # Sharing a country is one fact however many toponyms share it (in a local US article
    # every candidate in the US would otherwise reach the cap alike); sharing an admin1 or
    # lying near another toponym is evidence that adds up.
    shared = neighbour = False
    total = 0.0
    for j, live in enumerate(lives):
        if j == i or not live:
            continue
        entries = live.get(cc)
        if entries:
            best = max(_compat(place, other, w) - penalty for other, penalty in entries)
            if best > 0:
                shared = True
                total += max(0.0, best - w.same_country)
        elif any(n in live for n in near.get(cc, ())):
            neighbour = True
    if shared:
        total += w.same_country
    elif neighbour:
        total += w.neighbour
    return min(total, w.support_cap)


def resolve_groups(
    groups: Sequence[Group],
    *,
    country_hint: str | None = None,
    w: Weights = DEFAULT_WEIGHTS,
    neighbours: Mapping[str, frozenset[str]] | None = None,
) -> list[Place | None]:
    near = neighbours if neighbours is not None else {}
    allowed = [_allowed(g) for g in groups]
    priors = [[prior(c, w, cands) for c in cands] for cands in allowed]
    lives = [
        {g.fixed.country_code: [(g.fixed, 0.0)]}
        if g.fixed is not None and g.fixed.country_code is not None
        else _live(cands, ps, w)
        for g, cands, ps in zip(groups, allowed, priors, strict=True)
    ]
    # First choice: each candidate against the plausible candidates of every other toponym,
    # so that two ambiguous toponyms can pull each other to the right pair (Huntsville and
    # Walker County, both in Texas) instead of locking into the two biggest places.
    picks: list[Place | None] = []
    for i, (group, cands, ps) in enumerate(zip(groups, allowed, priors, strict=True)):
        if group.fixed is not None:
            picks.append(group.fixed)
        elif cands:
            scores = [
                p
                + (w.hint if c.place.country_code == country_hint else 0.0)
                + _support(c.place, i, lives, w, near)
                for c, p in zip(cands, ps, strict=True)
            ]
            picks.append(cands[max(range(len(cands)), key=scores.__getitem__)].place)
        else:
            picks.append(None)
    for _ in range(w.rounds):
        changed = False
        for i, (group, cands, ps) in enumerate(zip(groups, allowed, priors, strict=True)):
            if group.fixed is not None or len(cands) < 2:
                continue
            ctx = _context(groups, picks, i)
            scores = [
                p + _context_score(c.place, ctx, country_hint, w, near)
                for c, p in zip(cands, ps, strict=True)
            ]
            top = max(range(len(cands)), key=scores.__getitem__)
            best = cands[top].place
            current = next((k for k, c in enumerate(cands) if c.place == picks[i]), None)
            # A tie keeps the first choice, which weighed every toponym's plausible senses.
            if current is not None and scores[current] >= scores[top]:
                continue
            if best != picks[i]:
                picks[i] = best
                changed = True
        if not changed:
            break
    return picks
