"""Every metric the worker exports, declared in one place (catalogue: docs/metrics.md).

Metrics live on a registry passed in, so tests use a fresh ``CollectorRegistry``. Label sets are
small and fixed: reasons and decisions are enumerations, types come from the taxonomy, countries
are ISO codes, topics and partitions are the worker's own.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info, ProcessCollector

from worker.codec.errors import Reason
from worker.domain import Decision, MentionRole

NAMESPACE = "incident_worker"

# Extraction of one batch of ~500-word articles takes tens of milliseconds to seconds.
_STAGE_BUCKETS = (
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
)
# From a second (an idle worker) to many minutes (a backlog being worked off).
_LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0)
_CONFIDENCE_BUCKETS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)

STAGES = ("decode", "extract", "dedup", "publish")
# What the streaming layer reports for an article without incidents: the language check, an
# empty body ("skipped"), or no incident found.
SKIP_REASONS = ("not_english", "empty", "no_incident")
INCIDENT_FIELDS = ("location", "date", "casualties")


class Metrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        ns = NAMESPACE

        # Throughput and outcomes. Counters get their ``_total`` suffix from the client.
        self.articles_consumed = Counter(
            f"{ns}_articles_consumed", "Messages read from the articles topic.", registry=registry
        )
        self.articles_skipped = Counter(
            f"{ns}_articles_skipped",
            "Articles read but not turned into incidents, by reason "
            "(not_english, skipped: empty body, no_incident).",
            ["reason"],
            registry=registry,
        )
        self.dead_letters = Counter(
            f"{ns}_dead_letters",
            "Messages sent to the dead-letter topic, by reason code.",
            ["reason"],
            registry=registry,
        )
        self.candidates = Counter(
            f"{ns}_candidates",
            "Incident candidates extracted, by role (main, reference).",
            ["role"],
            registry=registry,
        )
        self.mentions = Counter(
            f"{ns}_mentions",
            "Mention records published, by decision.",
            ["decision"],
            registry=registry,
        )
        self.incidents_created = Counter(
            f"{ns}_incidents_created", "Incidents published with version 1.", registry=registry
        )
        self.incidents_updated = Counter(
            f"{ns}_incidents_updated", "Incident versions above 1 published.", registry=registry
        )
        self.incidents_published = Counter(
            f"{ns}_incidents_published",
            "Incident records written to the incidents topic (created plus updated).",
            registry=registry,
        )
        self.incidents_absorbed = Counter(
            f"{ns}_incidents_absorbed",
            "Incidents a later report showed to be part of another: deleted (tombstone).",
            registry=registry,
        )
        self.incidents_evicted = Counter(
            f"{ns}_incidents_evicted",
            "Incidents that left the match index (window passed).",
            registry=registry,
        )

        # Latency
        self.stage_seconds = Histogram(
            f"{ns}_stage_duration_seconds",
            "Time per processing stage (decode, extract, dedup, publish) per batch or message.",
            ["stage"],
            buckets=_STAGE_BUCKETS,
            registry=registry,
        )
        self.end_to_end_seconds = Histogram(
            f"{ns}_end_to_end_latency_seconds",
            "From the article message's Kafka timestamp to the publication of its mention of an "
            "incident.",
            buckets=_LATENCY_BUCKETS,
            registry=registry,
        )

        # Kafka health
        self.consumer_lag = Gauge(
            f"{ns}_consumer_lag_messages",
            "End offset minus committed offset, per assigned partition of an input topic.",
            ["topic", "partition"],
            registry=registry,
        )
        self.recovery_records_behind = Gauge(
            f"{ns}_table_recovery_remaining_records",
            "Changelog records still to read before table recovery completes.",
            registry=registry,
        )
        self.rebalances = Counter(
            f"{ns}_rebalances",
            "Partition assignments this process received (one per consumer group rebalance).",
            registry=registry,
        )
        self.producer_errors = Counter(
            f"{ns}_producer_errors",
            "Failed sends to Kafka, by topic.",
            ["topic"],
            registry=registry,
        )
        self.assigned_partitions = Gauge(
            f"{ns}_assigned_partitions",
            "Partitions assigned to this process (input, changelog and internal topics).",
            registry=registry,
        )

        # State
        self.index_incidents = Gauge(
            f"{ns}_match_index_incidents",
            "Incidents in the in-memory match index.",
            registry=registry,
        )
        self.store_bytes = Gauge(
            f"{ns}_state_store_bytes", "Size on disk of the local table stores.", registry=registry
        )
        self.index_oldest_event = Gauge(
            f"{ns}_match_index_oldest_event_timestamp_seconds",
            "Event date (Unix time, start of day UTC) of the oldest dated incident in the match "
            "index; 0 when there is none.",
            registry=registry,
        )

        # Quality signals
        self.incidents_by_type = Counter(
            f"{ns}_incidents_by_type",
            "Incidents created, by taxonomy event and sub-event type.",
            ["event_type", "sub_event_type"],
            registry=registry,
        )
        self.incidents_by_country = Counter(
            f"{ns}_incidents_by_country",
            "Incidents created, by ISO country code (unknown when not located).",
            ["country_code"],
            registry=registry,
        )
        self.incidents_with_field = Counter(
            f"{ns}_incidents_with_field",
            "Incidents created that carry a location (coordinates), a date or a casualty figure.",
            ["field"],
            registry=registry,
        )
        self.extraction_confidence = Histogram(
            f"{ns}_extraction_confidence_ratio",
            "Confidence (0 to 1) of extracted candidates.",
            buckets=_CONFIDENCE_BUCKETS,
            registry=registry,
        )

        # Process
        self.model_load_seconds = Gauge(
            f"{ns}_model_load_seconds",
            "Time to load the language model and gazetteer at start-up.",
            registry=registry,
        )
        self.build_info = Info(f"{ns}_build", "Version and language model.", registry=registry)
        self.ready = Gauge(
            f"{ns}_ready",
            "1 when partitions are assigned and table recovery is done.",
            registry=registry,
        )
        # CPU, resident memory, open files, start time: process_* on Linux.
        ProcessCollector(registry=registry)

        # Label values known up front are exported as zeros, so that rate() and ratios work
        # before the first occurrence, and a dashboard shows 0 rather than "no data".
        for stage in STAGES:
            self.stage_seconds.labels(stage=stage)
        for reason in Reason:
            self.dead_letters.labels(reason=reason.value)
        for skip in SKIP_REASONS:
            self.articles_skipped.labels(reason=skip)
        for decision in Decision:
            self.mentions.labels(decision=decision.value)
        for role in MentionRole:
            self.candidates.labels(role=role.value)
        for field in INCIDENT_FIELDS:
            self.incidents_with_field.labels(field=field)
