"""Kafka client options from settings, and explicit topic creation.

Topics are created here with the partition counts the app declares, never by Faust or the
broker: a table's changelog whose partition count differs from its source topic's crashes
the agent in a restart loop, so a mismatch is refused up front with a clear message.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from dataclasses import dataclass, field
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.conn import create_conn
from aiokafka.errors import (
    AuthenticationFailedError,
    KafkaError,
    SaslAuthenticationFailed,
    TopicAlreadyExistsError,
    UnsupportedSaslMechanismError,
)

from worker.settings import KafkaSecurity, Settings

log = logging.getLogger(__name__)

# Articles and dead letters may carry messages up to this size; larger ones are dead-lettered
# by the worker (Settings.max_message_bytes is the processing limit, usually much smaller).
TRANSPORT_MAX_BYTES = 16 * 1024 * 1024
TABLE_NAME = "dedup-state"
_TOPIC_ALREADY_EXISTS = 36


class TopicMismatch(RuntimeError):
    """An existing topic does not have the partition count the worker declares."""


class KafkaUnavailable(RuntimeError):
    """The cluster could not be reached or refused the worker's credentials."""


@dataclass(frozen=True, slots=True)
class TopicSpec:
    name: str
    partitions: int
    config: dict[str, str] = field(default_factory=dict)
    # Internal topics must match exactly; for user-facing ones more partitions are tolerated.
    exact: bool = True


def ssl_context(security: KafkaSecurity) -> ssl.SSLContext | None:
    if not security.protocol.endswith("SSL"):
        return None
    context = ssl.create_default_context(cafile=security.ssl_cafile)
    if security.ssl_certfile:
        context.load_cert_chain(security.ssl_certfile, security.ssl_keyfile)
    context.check_hostname = security.ssl_check_hostname
    return context


def client_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for aiokafka clients (admin, producer, consumer)."""
    security = settings.security
    options: dict[str, Any] = {
        "bootstrap_servers": settings.bootstrap_servers,
        "security_protocol": security.protocol,
    }
    context = ssl_context(security)
    if context is not None:
        options["ssl_context"] = context
    if security.protocol.startswith("SASL"):
        options["sasl_mechanism"] = security.sasl_mechanism
        options["sasl_plain_username"] = security.sasl_username
        options["sasl_plain_password"] = security.sasl_password
    return options


def changelog_topic_name(settings: Settings) -> str:
    return f"{settings.app_id}-{TABLE_NAME}-changelog"


def leader_topic_name(settings: Settings) -> str:
    return f"{settings.app_id}-__assignor-__leader"


def topic_specs(settings: Settings) -> list[TopicSpec]:
    t = settings.topics
    big = {"max.message.bytes": str(TRANSPORT_MAX_BYTES + 65536)}
    n = settings.incident_partitions
    # The broker stamps articles on arrival: time-based retention then counts from when an
    # article arrived, not from a producer's (possibly years-old) publication time, which
    # would roll and delete a backfill's segments before they are read.
    arrival = {"message.timestamp.type": "LogAppendTime"}
    return [
        TopicSpec(t.articles, settings.article_partitions, {**big, **arrival}, exact=False),
        TopicSpec(t.dead_letters, settings.dead_letter_partitions, dict(big), exact=False),
        TopicSpec(t.candidates, n),
        TopicSpec(t.incidents, n, {"cleanup.policy": "compact"}, exact=False),
        TopicSpec(t.mentions, n, exact=False),
        TopicSpec(changelog_topic_name(settings), n, {"cleanup.policy": "compact"}),
        TopicSpec(leader_topic_name(settings), 1, {"cleanup.policy": "compact"}),
    ]


async def check_credentials(settings: Settings) -> None:
    """Authenticate once against a bootstrap broker; a refusal is final, so say so and stop.

    Kafka clients retry a failed authentication like an unreachable broker, so wrong
    credentials would otherwise become a retry storm with a vague "unable to bootstrap".
    """
    security = settings.security
    if not security.protocol.startswith("SASL"):
        return
    options = client_options(settings)
    options.pop("bootstrap_servers")
    for address in settings.bootstrap_servers.split(","):
        host, _, port = address.strip().rpartition(":")
        try:
            conn = await create_conn(host, int(port), request_timeout_ms=15000, **options)
        except (
            SaslAuthenticationFailed,
            AuthenticationFailedError,
            UnsupportedSaslMechanismError,
        ) as exc:
            raise KafkaUnavailable(
                f"authentication failed at {address} as {security.sasl_username!r} with "
                f"{security.sasl_mechanism} ({type(exc).__name__}); check KAFKA_SASL_USERNAME, "
                "KAFKA_SASL_PASSWORD and KAFKA_SASL_MECHANISM"
            ) from None
        except (TimeoutError, OSError, KafkaError):
            continue  # unreachable: the next address, or the admin client, will report it
        conn.close()
        return


async def ensure_topics(settings: Settings, specs: list[TopicSpec] | None = None) -> list[str]:
    """Create missing topics; verify the partition counts of existing ones. Returns created."""
    await check_credentials(settings)
    specs = specs if specs is not None else topic_specs(settings)
    admin = AIOKafkaAdminClient(**client_options(settings), request_timeout_ms=15000)
    try:
        await admin.start()
    except KafkaError as exc:
        await admin.close()
        raise KafkaUnavailable(
            f"cannot reach Kafka at {settings.bootstrap_servers} "
            f"({settings.security.protocol}): {type(exc).__name__}: {exc}"
        ) from None
    created: list[str] = []
    try:
        existing = await _partition_counts(admin, [s.name for s in specs])
        missing = [s for s in specs if s.name not in existing]
        if missing:
            new = [
                NewTopic(s.name, s.partitions, settings.replication_factor, topic_configs=s.config)
                for s in missing
            ]
            try:
                response = await admin.create_topics(new)
            except TopicAlreadyExistsError:
                response = None  # another worker created them meanwhile; verified below
            for topic, code, message in getattr(response, "topic_errors", ()):
                if code not in (0, _TOPIC_ALREADY_EXISTS):
                    raise TopicMismatch(
                        f"cannot create topic {topic!r}: error {code} {message or ''}"
                    )
            created = [s.name for s in missing]
            # New topics take a moment to appear in metadata with their leaders.
            deadline = time.monotonic() + 30
            while True:
                existing = await _partition_counts(admin, [s.name for s in specs])
                if all(s.name in existing for s in specs) or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.25)
        for spec in specs:
            have = existing.get(spec.name)
            if have is None:
                raise TopicMismatch(f"topic {spec.name!r} could not be created")
            if have != spec.partitions and (spec.exact or have < spec.partitions):
                raise TopicMismatch(
                    f"topic {spec.name!r} has {have} partitions, the worker declares "
                    f"{spec.partitions}; set the matching *_PARTITIONS setting "
                    "or recreate the topic"
                )
    finally:
        await admin.close()
    if created:
        log.info("created topics: %s", ", ".join(created))
    return created


async def partition_counts(settings: Settings, names: list[str]) -> dict[str, int]:
    """Partition count of each existing topic among ``names``."""
    admin = AIOKafkaAdminClient(**client_options(settings), request_timeout_ms=15000)
    await admin.start()
    try:
        return await _partition_counts(admin, names)
    finally:
        await admin.close()


async def _partition_counts(admin: AIOKafkaAdminClient, names: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for description in await admin.describe_topics(names):
        partitions = description.get("partitions") or []
        if (
            description.get("error_code", 0) == 0
            and partitions
            and all(p.get("error_code", 0) == 0 for p in partitions)
        ):
            counts[description["topic"]] = len(partitions)
    return counts
