"""From sentence facts to incident candidates: typing, clustering, main vs reference.

Every trigger that survives the metaphor and irrealis filters becomes a mention with the
date, place, actors and casualty figures of its own stretch of sentence. Mentions are then
clustered into incidents: the first factual violent (or protest) mention of the article
opens the main incident; a mention with a back-reference cue ("a week after the ...
attack", "last June") or a date well before the main one opens a reference incident;
later mentions join the compatible incident whose date and place they do not contradict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Doc

from worker.domain import (
    EVENT_TYPE_OF,
    Actor,
    ActorRole,
    ActorType,
    Article,
    CasualtyFigure,
    IncidentCandidate,
    IncidentDate,
    Location,
    MentionRole,
    Span,
)
from worker.extraction.actors import (
    ActorMention,
    assign_roles,
    attributions,
    continues_with_claim,
)
from worker.extraction.casualties import CasualtyMention, combine_casualties
from worker.extraction.cleaning import CleanText
from worker.extraction.components import SentenceFacts
from worker.extraction.dates import DateMention, find_dates
from worker.extraction.incident_date import choose_date
from worker.extraction.incident_place import choose_place
from worker.extraction.places import Toponym
from worker.extraction.triggers import (
    GENERIC,
    VIOLENT_TYPES,
    tells_only_the_toll,
    type_segment,
)

# Most specific first: when one stretch of text carries several triggers, the first wins.
# Violence by the crowd makes the event a riot whatever the police then do: an intervention
# only sets apart a protest that stayed peaceful.
TYPE_PRIORITY: tuple[str, ...] = (
    "chemical_weapon",
    "suicide_bomb",
    "air_drone_strike",
    "shelling_artillery_missile_attack",
    "grenade",
    "remote_explosive_landmine_ied",
    "sexual_violence",
    "abduction_forced_disappearance",
    "excessive_force_against_protesters",
    "violent_demonstration",
    "mob_violence",
    "protest_with_intervention",
    "government_regains_territory",
    "non_state_actor_overtakes_territory",
    "armed_clash",
    "attack",
    "peaceful_protest",
    "disrupted_weapons_use",
    "agreement",
    "arrests",
    "headquarters_or_base_established",
    "looting_property_destruction",
    "non_violent_transfer_of_territory",
    "change_to_group_activity",
    "other",
    GENERIC,
)
_RANK = {t: i for i, t in enumerate(TYPE_PRIORITY)}
_FAMILY = {
    "chemical_weapon": "remote",
    "suicide_bomb": "bomb",
    "air_drone_strike": "remote",
    "shelling_artillery_missile_attack": "remote",
    "grenade": "bomb",
    "remote_explosive_landmine_ied": "bomb",
    "sexual_violence": "attack",
    "abduction_forced_disappearance": "abduction",
    "armed_clash": "attack",
    "attack": "attack",
    "government_regains_territory": "territory",
    "non_state_actor_overtakes_territory": "territory",
    # A side moving out and a place handed over are one event told in two sentences.
    "change_to_group_activity": "handover",
    "non_violent_transfer_of_territory": "handover",
    "peaceful_protest": "protest",
    "protest_with_intervention": "protest",
    "excessive_force_against_protesters": "protest",
    "violent_demonstration": "protest",
    "mob_violence": "protest",
}
_REFERENCE_CUE = re.compile(
    r"\b(?:(?:a|one|two|three|several|\d+)\s+(?:days?|weeks?|months?|years?)\s+after|"
    r"(?<!\bin\s)(?:days|weeks|months|years)\s+after|after\s+the|since\s+the|following\s+the|"
    r"in\s+the\s+wake\s+of|anniversary|last\s+year|last\s+month|a\s+year\s+ago|"
    r"earlier\s+this\s+(?:year|month)|previous|in\s+the\s+first\s+ever|the\s+second\s+against|"
    r"recalled|reminiscent|similar\s+to|deadliest\s+since|in\s+(?:19|20)\d\d|"
    r"responsible\s+for\s+the|blame\s+for\s+the)\b",
    re.IGNORECASE,
)
# "The worst violence in weeks after protesters clashed with police": a superlative's time
# frame, not an act dated weeks after another.
_SEGMENT_SPLIT = re.compile(
    r",?\s+(?:(?:a|one|two|three|several|\d+)\s+(?:days?|weeks?|months?|years?)\s+after|"
    r"(?<!\bin\s)(?:days|weeks)\s+after|after\s+the|since\s+the|following\s+the|"
    r"in\s+the\s+first\s+ever|"
    r"responsible\s+for\s+the|blame\s+for\s+the|(?:who|which)\s+(?:carried\s+out|were\s+behind))\b"
    r"|;\s+|\.\s+(?=[A-Z])|,\s+(?=last\s+(?:year|month|june|july))",
    re.IGNORECASE,
)
_WEAPONS = re.compile(
    r"\b(?P<w>ballistic missiles?|cruise missiles?|missiles?|rockets?|mortars?|artillery|"
    r"car bombs?|roadside bombs?|IEDs?|improvised explosive devices?|landmines?|grenades?|"
    r"suicide vests?|explosive belts?|drones?|barrel bombs?|AK-47s?|assault rifles?|rifles?|"
    r"shotguns?|handguns?|pistols?|revolvers?|guns?|firearms?|knives|knife|machetes?|"
    r"dynamite|explosives?)\b",
    re.IGNORECASE,
)
_WEAPON_NAMES = {
    "ied": "IED",
    "improvised explosive device": "IED",
    "ak-47": "rifle",
    "assault rifle": "rifle",
    "knive": "knife",
    "gun": "firearm",
    "handgun": "handgun",
}
_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "being",
        "are",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "them",
        "his",
        "her",
        "their",
        "who",
        "whom",
        "which",
        "said",
        "says",
        "say",
        "after",
        "before",
        "into",
        "over",
        "about",
        "than",
        "then",
        "there",
        "when",
        "where",
        "while",
        "also",
        "not",
        "no",
        "but",
        "up",
        "out",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "more",
        "most",
        "some",
        "other",
        "would",
        "could",
        "will",
        "can",
        "may",
        "might",
        "just",
        "very",
    ]
)
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_WITHDRAWAL = re.compile(
    r"\b(?:withdr[ae]w\w*|withdrawn|withdrawals?|pull(?:ed|ing|s)?\s+(?:\S+\s+){0,2}?"
    r"(?:out|back)|retreat(?:ed|s|ing)?|abandon(?:ed|s|ing)?|evacuat(?:ed|ion))\b",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(r"\W*(?:the|these|this)\s+", re.IGNORECASE)
_SEIZURES = frozenset({"government_regains_territory", "non_state_actor_overtakes_territory"})
_GROUP_CLAIM = re.compile(
    r"\b(?:the\s+(?:group|militants|organi[sz]ation|jihadists)|it|they)\s+(?:\w+\s+)?"
    r"claimed\s+(?:credit|responsibility)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Mention:
    kind: str
    weapons: list[str]
    sentence: int
    start: int  # doc offsets of the stretch of text this mention covers
    end: int
    trigger_start: int
    date: IncidentDate | None
    date_explicit: bool
    places: list[Location]
    casualties: list[CasualtyMention]
    actors: list[Actor]
    reference_cue: bool
    orphan: bool = False  # casualty figures with no trigger of their own
    withdrawal: bool = False  # a side pulling out of a place
    fought: bool = False  # words of fighting in its stretch, whatever type won
    anaphor: bool = False  # opens a sentence with "The attacks ...": the act already told


@dataclass(slots=True)
class _Cluster:
    mentions: list[_Mention] = field(default_factory=list)
    reference: bool = False

    @property
    def kind(self) -> str:
        kinds = [m.kind for m in self.mentions if not m.orphan] or [GENERIC]
        return min(kinds, key=lambda k: _RANK.get(k, 99))

    @property
    def date(self) -> IncidentDate | None:
        explicit = [m.date for m in self.mentions if m.date is not None and m.date_explicit]
        dated = explicit or [m.date for m in self.mentions if m.date is not None]
        return min(dated, key=lambda d: d.time_precision or 9) if dated else None

    @property
    def place(self) -> Location | None:
        places = [p for m in self.mentions for p in m.places]
        return min(places, key=lambda p: p.geo_precision or 9) if places else None


def _family(kind: str) -> str:
    return _FAMILY.get(kind, kind)


def _compatible_kind(a: str, b: str) -> bool:
    if GENERIC in (a, b):
        return True
    fa, fb = _family(a), _family(b)
    return fa == fb or {fa, fb} <= {"remote", "bomb", "attack"}


def _segments(text: str) -> list[tuple[int, int, bool]]:
    """Stretches of one sentence split at back-reference cues; flag: starts with a cue."""
    bounds: list[tuple[int, int, bool]] = []
    last, cue = 0, False
    for match in _SEGMENT_SPLIT.finditer(text):
        bounds.append((last, match.start(), cue))
        last = match.start()
        cue = bool(_REFERENCE_CUE.search(match.group(0)))
    bounds.append((last, len(text), cue))
    return [b for b in bounds if b[1] > b[0]]


_CAUSE = re.compile(r",?\s+(?:after|following)\s+the\b", re.IGNORECASE)


def _acts(sentence: SentenceFacts) -> list[tuple[int, int, bool]]:
    """_segments, except that a stretch telling only the toll takes its cause along:
    "soldiers were killed after the vehicle hit a mine" is one act, not a reference."""
    merged: list[tuple[int, int, bool]] = []
    for start, end, cue in _segments(sentence.text):
        if merged and cue and _CAUSE.match(sentence.text, start):
            before = merged[-1]
            told = [t for t in sentence.triggers if before[0] <= t.start < before[1]]
            if tells_only_the_toll(told):
                merged[-1] = (before[0], end, before[2])
                continue
        merged.append((start, end, cue))
    return merged


def _casualties(
    mentions: Sequence[CasualtyMention],
) -> tuple[CasualtyFigure | None, CasualtyFigure | None, CasualtyFigure | None]:
    return combine_casualties(mentions)


def _weapons(text: str, triggers: Sequence[str | None]) -> list[str]:
    found: list[str] = [w for w in triggers if w and w != "firearm"]
    for match in _WEAPONS.finditer(text):
        word = match.group("w").lower()
        word = re.sub(r"s$", "", word) if not word.endswith("ss") else word
        name = _WEAPON_NAMES.get(word, word)
        if name not in found:
            found.append(name)
    return found


def _place_after_trigger(
    toponyms: Sequence[Toponym], start: int, end: int, *, trigger_end: int, text: str, offset: int
) -> list[Location]:
    inside = [t for t in toponyms if start <= t.start < end]
    if not inside:
        return []

    def rank(t: Toponym) -> tuple[int, int, int]:
        before = text[max(0, t.start - offset - 20) : t.start - offset].lower()
        prep = bool(
            re.search(
                r"\b(?:in|at|near|into|outside|on|of|from)\s+(?:the\s+)?(?:\w+\s+){0,3}$", before
            )
        )
        specific = t.location.geo_precision == 1 or t.location.lat is not None
        return (-int(prep), -int(specific), abs(t.start - trigger_end))

    best = min(inside, key=rank)
    prep_rank, specific_rank, _ = rank(best)
    if prep_rank == 0 and specific_rank == 0:
        return []  # "supported by the U.S.": a country named in passing is not the scene
    return [best.location]


def _without_dated(sentence: SentenceFacts) -> SentenceFacts:
    """A figure dated apart ("was fatally shot in July") below the lead is of an earlier
    incident; the lead dates the article's own ("killed his friend in February")."""
    if not any(c.dated for c in sentence.casualties):
        return sentence
    return replace(sentence, casualties=tuple(c for c in sentence.casualties if not c.dated))


def _sentence_mention(
    kind: str, index: int, sentence: SentenceFacts, *, orphan: bool = False
) -> _Mention:
    """A mention for a whole sentence with no trigger of its own: its figures, nothing else."""
    return _Mention(
        kind=kind,
        weapons=[],
        sentence=index,
        start=sentence.start,
        end=sentence.end,
        trigger_start=sentence.start,
        date=None,
        date_explicit=False,
        places=[],
        casualties=list(sentence.casualties),
        actors=[],
        reference_cue=False,
        orphan=orphan,
    )


def build_mentions(
    facts: Sequence[SentenceFacts],
    toponyms: Sequence[Toponym],
    anchor: date | None,
    body_start: int,
) -> list[_Mention]:
    mentions: list[_Mention] = []
    last_group: ActorMention | None = None
    # The lead: the first body sentence that is neither the headline again nor page debris.
    titles = {f.text.strip() for f in facts if f.start < body_start}
    lead_sentence = next(
        (
            f
            for f in facts
            if f.start >= body_start and f.text.strip() not in titles and len(f.text.split()) > 3
        ),
        None,
    )
    for index, fact in enumerate(facts):
        sentence = fact if fact is lead_sentence else _without_dated(fact)
        claim = _GROUP_CLAIM.search(sentence.text)
        if claim and last_group is not None:
            for group in sentence.actors:
                if (
                    group.known
                    and group.start < claim.start()
                    and group.actor_type is not ActorType.STATE_FORCES
                ):
                    last_group = group
        known = [
            a for a in sentence.actors if a.known and a.actor_type is not ActorType.STATE_FORCES
        ]
        if sentence.start < body_start:
            continue
        if not sentence.triggers:
            if known:
                last_group = known[-1]
            if (
                _right_after_demonstration(mentions[-1] if mentions else None, index)
                and _arrests_made(sentence.text)
                and not any(a.actor_type in _ARMED_GROUPS for a in sentence.actors)
            ):
                # "Police arrested 30 of them.": arrests with no link to a conflict are no
                # act of their own, yet right after a protest they are its dispersal.
                mentions.append(_sentence_mention("protest_with_intervention", index, sentence))
                continue
            if sentence.casualties:
                mentions.append(_sentence_mention(GENERIC, index, sentence, orphan=True))
            continue
        dates = find_dates(sentence.text, anchor)
        for seg_start, seg_end, cue in _acts(sentence):
            triggers = [t for t in sentence.triggers if seg_start <= t.start < seg_end]
            if not triggers:
                continue
            segment_text = sentence.text[seg_start:seg_end]
            first = min(triggers, key=lambda t: _RANK.get(t.sub_event_type, 99))
            lead = min(t.start for t in triggers)  # a cue before the first act words
            actors: list[Actor] = []
            for trigger in triggers:
                local = [
                    a
                    for a in sentence.actors
                    if seg_start <= a.start < seg_end or a.end <= seg_start
                ]
                actors.extend(assign_roles(sentence.text, trigger, local))
            claim_here = _GROUP_CLAIM.search(segment_text)
            if claim_here and last_group is not None:
                actors.append(
                    Actor(
                        last_group.name,
                        last_group.canonical,
                        last_group.actor_type,
                        ActorRole.PERPETRATOR,
                        last_group.country_code,
                        claimed=True,
                    )
                )
            kind = type_segment(
                sentence.text,
                seg_start,
                seg_end,
                triggers,
                mentions=sentence.actors,
                actors=actors,
            )
            seg_dates = [d for d in dates if seg_start <= d.start < seg_end and d.resolved]
            date_mention: DateMention | None = min(
                seg_dates,
                key=lambda d: (
                    d.kind in ("weekday", "today", "yesterday"),
                    abs(d.start - first.start),
                ),
                default=None,
            )
            casualties = [c for c in sentence.casualties if seg_start <= c.start < seg_end]
            places = _place_after_trigger(
                toponyms,
                sentence.start + seg_start,
                sentence.start + seg_end,
                trigger_end=sentence.start + first.end,
                text=sentence.text,
                offset=sentence.start,
            )
            segment_known = [
                a
                for a in sentence.actors
                if a.known
                and seg_start <= a.start < seg_end
                and a.actor_type is not ActorType.STATE_FORCES
            ]
            if segment_known:
                last_group = segment_known[-1]
            mentions.append(
                _Mention(
                    kind=kind,
                    weapons=_weapons(segment_text, [t.weapon for t in triggers]),
                    sentence=index,
                    start=sentence.start + seg_start,
                    end=sentence.start + seg_end,
                    trigger_start=sentence.start + first.start,
                    date=date_mention.resolved if date_mention else None,
                    date_explicit=bool(date_mention and date_mention.kind not in ("weekday",)),
                    places=places,
                    casualties=casualties,
                    actors=actors,
                    reference_cue=cue
                    or bool(_REFERENCE_CUE.search(segment_text[: lead - seg_start])),
                    withdrawal=kind == "change_to_group_activity"
                    and bool(_WITHDRAWAL.search(segment_text)),
                    fought=any(t.sub_event_type in VIOLENT_TYPES for t in triggers),
                    anaphor=seg_start == 0 and bool(_ANAPHOR.fullmatch(sentence.text, 0, lead)),
                )
            )
    return mentions


def _dates_conflict(a: IncidentDate | None, b: IncidentDate | None) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return False
    a_end, b_end = a.end or a.start, b.end or b.start
    slack = timedelta(days=1)
    return a_end + slack < b.start or b_end + slack < a.start


def _places_conflict(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None:
        return False
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return True
    both_specific = (a.geo_precision or 3) == 1 and (b.geo_precision or 3) == 1
    return both_specific and a.geonames_id != b.geonames_id


_DEMONSTRATIONS = frozenset(
    {
        "peaceful_protest",
        "protest_with_intervention",
        "excessive_force_against_protesters",
        "violent_demonstration",
    }
)
_ARMED_GROUPS = frozenset(
    {ActorType.REBEL_GROUP, ActorType.POLITICAL_MILITIA, ActorType.IDENTITY_MILITIA}
)
# Arrests made, in so many words; "no one was arrested" is no intervention.
_ARRESTS_MADE = re.compile(
    r"\b(?:arrested|detained|rounded up|apprehended|(?:taken|took)\s+(?:\S+\s+){0,3}?into\s+"
    r"custody)\b",
    re.IGNORECASE,
)
_NO_ARREST = re.compile(r"\b(?:no(?:\s+one)?|nobody|none|not|never|n't)\b", re.IGNORECASE)


def _arrests_made(text: str) -> bool:
    return any(
        not _NO_ARREST.search(text, 0, match.start()) for match in _ARRESTS_MADE.finditer(text)
    )


def _right_after_demonstration(before: _Mention | None, sentence: int) -> bool:
    return (
        before is not None
        and before.kind in _DEMONSTRATIONS
        and not before.reference_cue
        and sentence - before.sentence <= 1
    )


def _as_interventions(mentions: Sequence[_Mention]) -> list[_Mention]:
    """Arrests told in the sentence right after a demonstration are of its demonstrators:
    "Students marched on Monday. Police detained ten." is a protest with intervention, one
    incident, not a protest and a separate arrest that the protest then hides. Armed groups
    are not demonstrators: "police arrested two militants" stays an arrest."""
    result: list[_Mention] = []
    for mention in mentions:
        if (
            mention.kind == "arrests"
            and not mention.reference_cue
            and _right_after_demonstration(result[-1] if result else None, mention.sentence)
            and not any(a.actor_type in _ARMED_GROUPS for a in mention.actors)
        ):
            result.append(replace(mention, kind="protest_with_intervention"))
        else:
            result.append(mention)
    return result


def _as_handovers(mentions: Sequence[_Mention]) -> list[_Mention]:
    """A place taken as the side holding it pulls out, with no fight told next to it, changed
    hands without fighting: "militants took control of the village following the withdrawal
    of the army" is a transfer of territory, not a battle. The withdrawal may be told as the
    cause ("following the ..."), so its own back-reference cue does not matter."""
    result: list[_Mention] = []
    for i, mention in enumerate(mentions):
        beside = [
            m
            for j, m in enumerate(mentions)
            if j != i and (abs(j - i) == 1 or abs(m.sentence - mention.sentence) <= 1)
        ]
        if (
            mention.kind in _SEIZURES
            and not mention.reference_cue
            and not mention.casualties
            and not mention.fought
            and any(m.withdrawal for m in beside)
            and not any(
                m.fought or (m.kind in VIOLENT_TYPES and m.kind not in _SEIZURES) for m in beside
            )
        ):
            result.append(replace(mention, kind="non_violent_transfer_of_territory"))
        else:
            result.append(mention)
    return result


def cluster_mentions(mentions: Sequence[_Mention]) -> list[_Cluster]:
    mentions = _as_handovers(_as_interventions(mentions))
    violent = [m for m in mentions if m.kind in VIOLENT_TYPES or _family(m.kind) == "protest"]
    # Violence (or a protest) reported as news outranks arrests, deals and moves; violence
    # only referred to ("agreed a ceasefire after the worst fighting") does not.
    factual = any(not m.reference_cue and not m.orphan for m in violent)
    pool = violent if factual else list(mentions)
    clusters: list[_Cluster] = []
    main: _Cluster | None = None
    for mention in pool:
        if mention.orphan and main is None:
            continue
        if main is None and not mention.reference_cue:
            main = _Cluster([mention])
            clusters.append(main)
            continue
        best: _Cluster | None = None
        ordered = sorted(clusters, key=lambda c: max(m.start for m in c.mentions), reverse=True)
        if (
            not mention.reference_cue
            and main is not None
            and (
                (mention.kind == GENERIC and mention.places)
                or _family(mention.kind) == _family(main.kind)
            )
        ):
            ordered.remove(main)
            ordered.insert(0, main)
        for cluster in ordered:
            if not _compatible_kind(cluster.kind, mention.kind):
                continue
            date_clash = mention.date_explicit and _dates_conflict(cluster.date, mention.date)
            # "The attacks happened in three provinces": the act told, now placed in more detail.
            told = mention.anaphor and cluster is main
            if date_clash or (
                not told
                and _places_conflict(cluster.place, mention.places[0] if mention.places else None)
            ):
                continue
            if mention.reference_cue and cluster is main:
                continue
            best = cluster
            break
        if best is None:
            best = _Cluster([mention], reference=True)
            clusters.append(best)
        else:
            best.mentions.append(mention)
    if main is not None:
        main_date = main.date
        for cluster in clusters:
            if cluster is main:
                continue
            cluster_date = cluster.date
            if (
                main_date is not None
                and cluster_date is not None
                and cluster_date.end
                and main_date.start
                and cluster_date.end < main_date.start - timedelta(days=1)
            ):
                cluster.reference = True
    return clusters


def _attributed(facts: Sequence[SentenceFacts], cluster: _Cluster) -> list[Actor]:
    """Claims and accusations in the incident's sentences or in sentences reporting no act."""
    own = {m.sentence for m in cluster.mentions}
    found: list[Actor] = []
    for i, sentence in enumerate(facts):
        if i not in own and sentence.triggers:
            continue
        text = sentence.text
        if i + 1 < len(facts) and continues_with_claim(facts[i + 1].text):
            text += " " + facts[i + 1].text  # a claim split off from its subject
        found += attributions(text, sentence.actors)
    return found


def _merge_actors(actors: Sequence[Actor]) -> tuple[Actor, ...]:
    merged: dict[tuple[str, ActorRole], Actor] = {}
    for actor in actors:
        key = (actor.canonical, actor.role)
        if key not in merged or (actor.claimed and not merged[key].claimed):
            merged[key] = actor
    chosen = list(merged.values())
    perps = {a.canonical for a in chosen if a.role is ActorRole.PERPETRATOR}
    chosen = [
        a
        for a in chosen
        if not (
            a.role is ActorRole.TARGET
            and a.canonical in perps
            and a.actor_type is not ActorType.CIVILIANS
        )
    ]
    specific_states = {
        a.country_code
        for a in chosen
        if a.actor_type is ActorType.STATE_FORCES
        and not a.canonical.startswith(("Military Forces of", "State Forces", "Police"))
    }
    result: list[Actor] = []
    for actor in chosen:
        generic = actor.canonical.startswith(("Military Forces of", "State Forces"))
        if generic and (
            actor.country_code in specific_states
            or (actor.canonical == "State Forces" and specific_states)
        ):
            continue
        result.append(actor)
    return tuple(result)


def _keywords(
    texts: Sequence[str], actors: Sequence[Actor], place: Location | None
) -> tuple[str, ...]:
    words: list[str] = [a.canonical.lower() for a in actors]
    if place is not None and place.name:
        words.append(place.name.lower())
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if word in _STOPWORDS:
                continue
            stem = re.sub(r"(?:ings?|ed|es|s)$", "", word) if len(word) > 5 else word
            words.append(stem)
    seen: dict[str, None] = {}
    for w in words:
        seen.setdefault(w, None)
    return tuple(seen)


def _summary(
    kind: str,
    *,
    place: Location | None,
    when: IncidentDate | None,
    actors: Sequence[Actor],
    killed: CasualtyFigure | None,
    injured: CasualtyFigure | None,
) -> str:
    label = kind.replace("_", " ")
    parts = [label[:1].upper() + label[1:]]
    perps = [a.canonical for a in actors if a.role is ActorRole.PERPETRATOR]
    targets = [a.canonical for a in actors if a.role is ActorRole.TARGET]
    if perps:
        parts.append(f"by {', '.join(perps[:2])}")
    if targets:
        parts.append(f"against {', '.join(targets[:2])}")
    if place is not None and place.name:
        where = place.name + (f", {place.country_code}" if place.country_code else "")
        parts.append(f"in {where}")
    if when is not None and when.start is not None:
        parts.append(
            f"on {when.start.isoformat()}" if when.time_precision == 1 else f"in {when.start:%B %Y}"
        )
    line = " ".join(parts)
    toll = []
    if killed is not None and killed.best is not None:
        toll.append(f"{killed.best} killed")
    if injured is not None and injured.best is not None:
        toll.append(f"{injured.best} injured")
    return line + (f": {', '.join(toll)}" if toll else "")


def _confidence(
    cluster: _Cluster,
    *,
    place: Location | None,
    when: IncidentDate | None,
    actors: Sequence[Actor],
    killed: CasualtyFigure | None,
) -> tuple[float, str]:
    score, reasons = 0.35, []
    if cluster.kind != GENERIC and len(cluster.mentions) > 1:
        score += 0.15
        reasons.append(f"{len(cluster.mentions)} mentions")
    if place is not None and place.lat is not None:
        score += 0.15
        reasons.append("place geocoded")
    elif place is not None:
        score += 0.05
        reasons.append("place named, not geocoded")
    else:
        reasons.append("no place")
    if when is not None and when.text is None:
        score += 0.03
        reasons.append("date assumed from publication (no date in the text)")
    elif when is not None:
        score += 0.15 if when.time_precision == 1 else 0.08
        reasons.append(f"date precision {when.time_precision}")
    else:
        reasons.append("no date")
    if any(a.role is ActorRole.PERPETRATOR for a in actors):
        score += 0.1
        reasons.append("perpetrator named")
    if killed is not None:
        score += 0.1
        reasons.append("casualties stated")
    if cluster.reference:
        score -= 0.1
        reasons.append("back-reference")
    return round(max(0.05, min(0.95, score)), 2), "; ".join(reasons)


def _explicit_date(cluster: _Cluster) -> IncidentDate | None:
    dated = [m.date for m in cluster.mentions if m.date is not None and m.date_explicit]
    return min(dated, key=lambda d: d.time_precision or 9) if dated else None


def _another_incident(main: _Cluster, other: _Cluster) -> bool:
    """Another cluster's figures are of another incident when it is placed elsewhere, or when
    the main incident has figures of its own and the other is dated, in so many words, away
    from it ("four men were shot Tuesday ... a man was killed on the same block in August").
    A main incident with no figures, or with figures only its lead dates back ("a man accused
    of a double murder in 2013 appeared in court Tuesday"), is most often a follow-up (an
    arrest, a trial) whose shooting, dated months back, is the one it reports."""
    if _places_conflict(main.place, other.place):
        return True
    if not any(not c.dated for m in main.mentions for c in m.casualties):
        return False  # figures dated apart in the lead: the main incident is a follow-up
    return _dates_conflict(main.date, _explicit_date(other))


def _main_cluster(clusters: Sequence[_Cluster]) -> _Cluster | None:
    """When every cluster opens with a back-reference cue, the first with no date of its own is
    the article's main incident all the same: crime reports write "after the shooting the boy
    was taken to hospital" of the shooting they report. A dated one ("a year after the Sept. 22
    attack") stays a reference."""
    if any(not c.reference for c in clusters):
        return None
    return next((c for c in clusters if c.date is None), None)


def assemble(
    doc: Doc,
    clean: CleanText,
    article: Article,
    toponyms: Sequence[Toponym],
    *,
    anchor: date | None,
) -> tuple[IncidentCandidate, ...]:
    facts: list[SentenceFacts] = doc._.incident_facts or []
    mentions = build_mentions(facts, toponyms, anchor, clean.body_start)
    if not mentions and clean.body_start > 0:
        mentions = build_mentions(facts, toponyms, anchor, 0)
    clusters = cluster_mentions(mentions)
    title_facts = [f for f in facts if f.start < clean.body_start]
    candidates: list[IncidentCandidate] = []
    main = _main_cluster(clusters)
    for cluster in clusters:
        is_main = cluster is main or not cluster.reference
        if not is_main and not (
            cluster.date or cluster.place or any(m.casualties for m in cluster.mentions)
        ):
            continue
        kind = cluster.kind
        if kind == GENERIC:
            kind = "attack"
        all_cas = [c for m in cluster.mentions for c in m.casualties]
        if is_main:
            # The article is about its main incident: the headline's figures and every figure
            # neither introduced as an earlier event ("a week after the attack that killed 20")
            # nor placed or dated as another incident count for it (a follow-up report dates
            # the shooting months back, yet it is the same incident); tallies ("the 30th
            # homicide this year") never reach here.
            elsewhere = {
                id(m)
                for other in clusters
                if other is not cluster and _another_incident(cluster, other)
                for m in other.mentions
            }
            all_cas += [c for f in title_facts for c in f.casualties]
            all_cas += [
                c
                for m in mentions
                if not m.reference_cue and id(m) not in elsewhere
                for c in m.casualties
            ]
        killed, injured, perps = _casualties(all_cas)
        actors = _merge_actors([a for m in cluster.mentions for a in m.actors])
        if is_main and not any(a.role is ActorRole.PERPETRATOR for a in actors):
            actors = _merge_actors([*actors, *_attributed(facts, cluster)])
        place = cluster.place
        when = cluster.date
        if is_main:
            scenes = [(m.start, m.end) for m in cluster.mentions if not m.orphan]
            place = (
                choose_place(clean.text, toponyms, body_start=clean.body_start, scenes=scenes)
                or place
            )
            others = [(m.start, m.end) for c in clusters if c is not cluster for m in c.mentions]
            when = choose_date(
                facts, anchor, body_start=clean.body_start, scenes=scenes, others=others
            )
        evidence: list[Span] = []
        texts: list[str] = []
        for sent_index in sorted({m.sentence for m in cluster.mentions}):
            sent = facts[sent_index]
            mapped = clean.to_original(sent.start, sent.end)
            texts.append(sent.text)
            if mapped is not None:
                evidence.append(Span(article.text[mapped[0] : mapped[1]], mapped[0], mapped[1]))
        weapons: list[str] = []
        for m in cluster.mentions:
            for w in m.weapons:
                if w not in weapons:
                    weapons.append(w)
        confidence, reason = _confidence(
            cluster, place=place, when=when, actors=actors, killed=killed
        )
        candidates.append(
            IncidentCandidate(
                article_id=article.article_id,
                index=len(candidates),
                role=MentionRole.MAIN if is_main else MentionRole.REFERENCE,
                event_type=EVENT_TYPE_OF[kind],
                sub_event_type=kind,
                summary=_summary(
                    kind, place=place, when=when, actors=actors, killed=killed, injured=injured
                ),
                evidence=tuple(evidence),
                date=when if when is not None else IncidentDate(),
                location=place,
                actors=actors,
                weapons=tuple(weapons),
                fatalities=killed,
                injured=injured,
                perpetrators_killed=perps,
                confidence=confidence,
                confidence_reason=reason,
                keywords=_keywords(texts, actors, place),
            )
        )
    return tuple(candidates)
