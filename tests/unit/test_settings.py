from pathlib import Path

import pytest

from worker.settings import Settings, SettingsError, dedup_env_names


def test_defaults_bind_to_loopback():
    settings = Settings.from_env({})
    assert settings.web_host == "127.0.0.1"
    assert settings.bootstrap_servers == "127.0.0.1:9092"
    assert settings.topics.incidents == "incidents"
    assert settings.security.protocol == "PLAINTEXT"


def test_values_from_environment():
    settings = Settings.from_env(
        {
            "KAFKA_BOOTSTRAP_SERVERS": "k1:9092,k2:9092",
            "TOPIC_ARTICLES": "news",
            "INCIDENT_PARTITIONS": "4",
            "WORKER_DATA_DIR": "/tmp/w",
            "EXTRACT_BATCH_SECONDS": "0.2",
            "DEDUP_WINDOW_DAYS": "10",
        }
    )
    assert settings.bootstrap_servers == "k1:9092,k2:9092"
    assert settings.topics.articles == "news"
    assert settings.incident_partitions == 4
    assert settings.data_dir == Path("/tmp/w")
    assert settings.extract_batch_seconds == 0.2
    assert settings.dedup.window_days == 10


def test_every_dedup_field_has_an_env_name():
    assert "DEDUP_WINDOW_DAYS" in dedup_env_names()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"WEB_PORT": "http"}, "WEB_PORT"),
        ({"INCIDENT_PARTITIONS": "0"}, "incident_partitions"),
        ({"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT"}, "KAFKA_SASL_MECHANISM"),
        (
            {"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": "PLAIN"},
            "USERNAME",
        ),
        ({"KAFKA_SECURITY_PROTOCOL": "TLS"}, "KAFKA_SECURITY_PROTOCOL"),
        ({"DEAD_LETTER_MAX_RATIO": "2"}, "DEAD_LETTER_MAX_RATIO"),
    ],
)
def test_bad_values_are_clear_errors(env: dict[str, str], message: str):
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_password_is_not_in_repr():
    settings = Settings.from_env(
        {
            "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
            "KAFKA_SASL_MECHANISM": "scram-sha-256",
            "KAFKA_SASL_USERNAME": "worker",
            "KAFKA_SASL_PASSWORD": "hunter2-secret",
        }
    )
    assert settings.security.sasl_mechanism == "SCRAM-SHA-256"
    assert "hunter2-secret" not in repr(settings)
