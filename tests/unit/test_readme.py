"""The README documents every environment variable the worker reads, and the two commands."""

import re
from pathlib import Path

from worker import settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def documented() -> set[str]:
    return set(re.findall(r"`([A-Z][A-Z0-9_]+)`", README))


def test_every_setting_is_documented():
    names = (
        set(settings._ENV_FIELDS)
        | set(settings._TOPIC_ENV)
        | set(settings._SECURITY_ENV)
        | set(settings.dedup_env_names())
    )
    missing = sorted(names - documented())
    assert not missing, f"undocumented environment variables: {missing}"


def test_no_documented_setting_is_unknown():
    known = (
        set(settings._ENV_FIELDS)
        | set(settings._TOPIC_ENV)
        | set(settings._SECURITY_ENV)
        | set(settings.dedup_env_names())
    )
    broker_script = {
        "KAFKA_PORT",
        "KAFKA_CONTROLLER_PORT",
        "KAFKA_SASL_PORT",
        "KAFKA_HOME",
        "KAFKA_HEAP_OPTS",
        "KAFKA_LOCAL_SASL_USER",
        "KAFKA_LOCAL_SASL_PASSWORD",
    }
    env_like = {n for n in documented() if n.startswith(("KAFKA_", "TOPIC_", "DEDUP_", "WEB_"))}
    assert env_like - known - broker_script == set()


def test_first_screen_gives_the_two_commands():
    first_screen = "\n".join(README.splitlines()[:30])
    assert "make run" in first_screen and "make test" in first_screen
