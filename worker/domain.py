"""Domain types shared by every layer.

Plain frozen dataclasses with no behaviour that touches I/O. Missing knowledge is ``None``,
never a guess. Codes (event types, actor types, precisions) follow
``docs/taxonomy.md`` (the ACLED codebook).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

# event_type -> its sub-event types, exactly as in the taxonomy.
TAXONOMY: dict[str, tuple[str, ...]] = {
    "battles": (
        "armed_clash",
        "government_regains_territory",
        "non_state_actor_overtakes_territory",
    ),
    "explosions_remote_violence": (
        "chemical_weapon",
        "air_drone_strike",
        "suicide_bomb",
        "shelling_artillery_missile_attack",
        "remote_explosive_landmine_ied",
        "grenade",
    ),
    "violence_against_civilians": (
        "sexual_violence",
        "attack",
        "abduction_forced_disappearance",
    ),
    "protests": (
        "peaceful_protest",
        "protest_with_intervention",
        "excessive_force_against_protesters",
    ),
    "riots": ("violent_demonstration", "mob_violence"),
    "strategic_developments": (
        "agreement",
        "arrests",
        "change_to_group_activity",
        "disrupted_weapons_use",
        "headquarters_or_base_established",
        "looting_property_destruction",
        "non_violent_transfer_of_territory",
        "other",
    ),
}

EVENT_TYPE_OF: dict[str, str] = {sub: event for event, subs in TAXONOMY.items() for sub in subs}


class ActorType(StrEnum):
    """ACLED "inter" codes 1-8."""

    STATE_FORCES = "state_forces"
    REBEL_GROUP = "rebel_group"
    POLITICAL_MILITIA = "political_militia"
    IDENTITY_MILITIA = "identity_militia"
    RIOTERS = "rioters"
    PROTESTERS = "protesters"
    CIVILIANS = "civilians"
    EXTERNAL_OTHER_FORCES = "external_other_forces"


class ActorRole(StrEnum):
    PERPETRATOR = "perpetrator"
    TARGET = "target"
    OTHER = "other"


class MentionRole(StrEnum):
    """Whether a candidate is the article's own news or a reference to an earlier incident."""

    MAIN = "main"
    REFERENCE = "reference"


class Decision(StrEnum):
    """What became of one (article, candidate) pair; every article ends with at least one."""

    NEW = "new"  # a new incident was created
    MERGED = "merged"  # an independent report merged into an existing incident
    SYNDICATED = "syndicated"  # a wire copy of a report already merged: a source, not independent
    DUPLICATE_ARTICLE = "duplicate_article"  # the same article (id or URL) seen before
    BACK_REFERENCE = "back_reference"  # a reference linked to an earlier, known incident
    REFERENCE_NEW = "reference_new"  # a reference to an incident not yet known: reference-only
    NO_INCIDENT = "no_incident"  # the article reports no incident
    SKIPPED = "skipped"  # the article was not processed (e.g. not English); reason given


@dataclass(frozen=True, slots=True)
class Delivery:
    """Where a message was read from. Replays of one delivery are recognised by it."""

    topic: str
    partition: int
    offset: int
    timestamp: datetime | None = None  # the broker/producer timestamp of the message

    @property
    def key(self) -> str:
        return f"{self.topic}/{self.partition}/{self.offset}"


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None
    language: str | None = None
    delivery: Delivery | None = None
    # Raw newswire text: its first line is the headline (with slug and byline), not body.
    raw_text: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the article's ``text`` with character offsets into that original text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class IncidentDate:
    start: date | None = None
    end: date | None = None
    time_precision: int | None = None  # 1 day, 2 week or range of days, 3 month
    text: str | None = None  # the words it was resolved from


@dataclass(frozen=True, slots=True)
class Location:
    name: str | None = None
    admin1: str | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    geo_precision: int | None = None  # 1 place itself, 2 near it / district, 3 region or country
    text: str | None = None  # the words it was resolved from


@dataclass(frozen=True, slots=True)
class Actor:
    name: str  # as written
    canonical: str
    actor_type: ActorType | None
    role: ActorRole
    country_code: str | None = None
    claimed: bool = False  # responsibility claimed or alleged, not established


@dataclass(frozen=True, slots=True)
class CasualtyFigure:
    """One report's figure for one casualty category."""

    best: int | None
    low: int | None = None
    high: int | None = None
    text: str | None = None  # the words it was read from


@dataclass(frozen=True, slots=True)
class IncidentCandidate:
    """One incident as one article tells it; the output of extraction."""

    article_id: str
    index: int  # position among the article's candidates, 0 = first
    role: MentionRole
    event_type: str
    sub_event_type: str
    summary: str
    evidence: tuple[Span, ...]
    date: IncidentDate
    location: Location | None
    actors: tuple[Actor, ...] = ()
    weapons: tuple[str, ...] = ()
    fatalities: CasualtyFigure | None = None
    injured: CasualtyFigure | None = None
    perpetrators_killed: CasualtyFigure | None = None
    confidence: float = 0.0
    confidence_reason: str = ""
    # Normalised entity names and content lemmas of the evidence, for text similarity.
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction learned from one article."""

    article: Article
    candidates: tuple[IncidentCandidate, ...]
    language: str | None
    skip_reason: str | None = None  # set when the article was not extracted at all
    # MinHash signature of the cleaned body: recognises wire copies across outlets.
    text_signature: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceRef:
    article_id: str
    url: str | None
    outlet: str | None
    published_at: datetime | None
    received_at: datetime | None = None
    syndicated_of: str | None = None  # article_id this is a wire copy of


@dataclass(frozen=True, slots=True)
class Report:
    """One candidate with what deduplication needs of its article: the repartitioned unit."""

    candidate: IncidentCandidate
    source: SourceRef
    text_signature: tuple[int, ...] = ()
    delivery: Delivery | None = None
    num_candidates: int = 1  # how many candidates the article yielded

    @property
    def mention_id(self) -> str:
        """Stable per delivery and candidate: a replay of the same message gives the same id."""
        origin = self.delivery.key if self.delivery is not None else self.source.article_id
        return f"{origin}#{self.candidate.index}"


@dataclass(frozen=True, slots=True)
class CasualtyReport:
    article_id: str
    outlet: str | None
    published_at: datetime | None
    best: int | None
    low: int | None = None
    high: int | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Casualties:
    best: int | None = None
    low: int | None = None
    high: int | None = None
    conservative: int | None = None
    reports: tuple[CasualtyReport, ...] = ()


@dataclass(frozen=True, slots=True)
class Incident:
    """The published state of one real-world incident. ``version`` grows with every change."""

    incident_id: str
    version: int
    event_type: str
    sub_event_type: str
    summary: str
    date: IncidentDate
    location: Location | None
    actors: tuple[Actor, ...]
    weapons: tuple[str, ...]
    fatalities: Casualties
    injured: Casualties
    perpetrators_killed: Casualties
    sources: tuple[SourceRef, ...]
    num_articles: int
    num_sources: int
    confidence: float
    first_reported_at: datetime | None
    updated_at: datetime | None
    reference_only: bool = False  # known only from back-references so far
    confidence_reason: str = ""


@dataclass(frozen=True, slots=True)
class ScoreBreakdown:
    """Why a candidate was (or was not) matched to an incident. Components in [0, 1]."""

    total: float
    type: float | None = None
    date: float | None = None
    geo: float | None = None
    actors: float | None = None
    casualties: float | None = None
    text: float | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One (article, incident) link, or an article's only outcome when it yields none."""

    mention_id: str
    article_id: str
    decision: Decision
    reason: str
    incident_id: str | None = None
    incident_version: int | None = None
    candidate_index: int | None = None
    role: MentionRole | None = None
    score: ScoreBreakdown | None = None
    matched_incident_id: str | None = None  # for duplicates: the article/incident it repeats
    evidence: tuple[Span, ...] = ()
    url: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None
    source: Delivery | None = None
    created_at: datetime | None = None  # the delivery's timestamp: replays give equal records
