"""Every metric the worker exports, declared in one place (catalogue: docs/metrics.md).

Metrics live on a registry passed in, so tests use a fresh ``CollectorRegistry``. Label sets are
small and fixed: reasons and decisions are enumerations, types come from the taxonomy, countries
are ISO codes.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

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
_LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)
_CONFIDENCE_BUCKETS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)

STAGES = ("decode", "extract", "dedup", "publish")


class Metrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        ns = "incident_worker"

        # Throughput and outcomes
        self.articles_consumed = Counter(
            f"{ns}_articles_consumed", "Messages read from the articles topic.", registry=registry
        )
        self.articles_skipped = Counter(
            f"{ns}_articles_skipped",
            "Articles read but not turned into incidents, by reason (not_english, no_incident).",
            ["reason"],
            registry=registry,
        )
        self.dead_letters = Counter(
            f"{ns}_dead_letters",
            "Messages sent to the dead-letter topic, by reason.",
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
            "Incident records written to the incidents topic.",
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
            "From the article's Kafka timestamp to its incident or mention being published.",
            buckets=_LATENCY_BUCKETS,
            registry=registry,
        )

        # Kafka health
        self.consumer_lag = Gauge(
            f"{ns}_consumer_lag_messages",
            "End offset minus committed offset, per assigned topic partition.",
            ["topic", "partition"],
            registry=registry,
        )
        self.recovery_records_behind = Gauge(
            f"{ns}_table_recovery_records_behind",
            "Changelog records still to read before table recovery completes.",
            registry=registry,
        )
        self.rebalances = Counter(
            f"{ns}_rebalances",
            "Consumer group rebalances this process took part in.",
            registry=registry,
        )
        self.producer_errors = Counter(
            f"{ns}_producer_errors", "Failed sends to Kafka.", ["topic"], registry=registry
        )
        self.assigned_partitions = Gauge(
            f"{ns}_assigned_partitions", "Partitions assigned to this process.", registry=registry
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
            "Event date (Unix time) of the oldest incident in the match index; 0 when empty.",
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
            "Incidents created that carry a location, a date or a casualty figure.",
            ["field"],
            registry=registry,
        )
        self.extraction_confidence = Histogram(
            f"{ns}_extraction_confidence",
            "Confidence of extracted candidates.",
            buckets=_CONFIDENCE_BUCKETS,
            registry=registry,
        )

        # Process
        self.model_load_seconds = Gauge(
            f"{ns}_model_load_seconds",
            "Time to load the language model and gazetteer.",
            registry=registry,
        )
        self.build_info = Info(f"{ns}_build", "Version and language model.", registry=registry)
        self.ready = Gauge(
            f"{ns}_ready",
            "1 when partitions are assigned and table recovery is done.",
            registry=registry,
        )

        # Label values known up front are exported as zeros, so rate() works from the start.
        for stage in STAGES:
            self.stage_seconds.labels(stage=stage)
