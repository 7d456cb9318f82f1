"""Rules the code base keeps: no pickle, no eval, one place that reads the environment."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "worker"


def sources() -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))]


def test_no_pickle_anywhere():
    offenders = [p for p, text in sources() if re.search(r"\b(c?pickle|marshal|shelve)\b", text)]
    assert offenders == []


def test_untrusted_text_is_never_evaluated():
    offenders = [p for p, text in sources() if re.search(r"(?<![.\w])(eval|exec)\(", text)]
    assert offenders == []


def test_only_settings_and_the_entry_point_read_the_environment():
    # Settings, and the entry points that hand the environment to it (the worker, the benchmark).
    readers = {p.relative_to(PACKAGE).as_posix() for p, text in sources() if "os.environ" in text}
    assert readers <= {"settings.py", "cli.py", "bench/cli.py"}, readers
