"""Writes docs/reliability.md from the figures the last run of the reliability tests recorded
(var/reports/reliability.json): ``python -m tests.integration.report``, or ``make reliability``,
which runs those tests first."""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "var" / "reports" / "reliability.json"
OUTPUT = ROOT / "docs" / "reliability.md"

FAULTS = {
    "test_sigkill_mid_stream_then_restart": "worker killed with SIGKILL at 30% of the stream, "
    "restarted",
    "test_one_of_two_workers_killed_the_other_takes_over": "two workers in the group, one killed "
    "with SIGKILL; the survivor finishes",
    "test_broker_down_for_30_seconds": "the broker stopped for 30 s mid-stream, restarted; the "
    "worker recovers alone",
    "test_incidents_topic_unwritable_for_a_while": "the incident topic refuses every write for "
    "25 s (min.insync.replicas above the replica count); memory must stay bounded",
}
COLUMNS = [
    ("messages_pushed", "messages pushed"),
    ("distinct_articles", "distinct articles"),
    ("invalid_messages", "invalid messages"),
    ("articles_with_mentions", "articles with mentions"),
    ("mentions", "mentions"),
    ("dead_letters", "dead letters"),
    ("incidents", "incidents"),
    ("seconds", "seconds"),
    ("outcome", "result"),
]

EXTRA = {
    "outage_seconds": "broker down for {} s",
    "rss_before_mb": "worker RSS {} MiB before",
    "rss_peak_during_mb": "{} MiB at most while writes were refused",
}


def render(report: dict[str, Any]) -> str:
    figures: list[dict[str, Any]] = report["figures"]
    outcomes: dict[str, str] = report["outcomes"]
    faults = [f for f in figures if f["test"] in FAULTS or "messages_pushed" in f]
    fuzz = [f for f in figures if "hostile_payloads" in f]
    lines = [
        "# Reliability",
        "",
        "Figures from the last run of the fault, fuzz, dead-letter-limit and security tests "
        "against the real local broker (`make reliability`, which runs them and writes this "
        "file; `make test` runs the same tests). Do not edit by hand.",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}.",
        "",
        "## Faults",
        "",
        "Each test pushes the same synthetic corpus (articles with known content, some sent "
        "twice, some invalid) onto a one-partition articles topic, runs a fault-free reference "
        "worker on it with its own group and output topics, interrupts the worker under test, "
        "and requires: every distinct article has its mentions, every invalid message exactly "
        "one dead letter, a re-sent record is identical to the first, and the mentions and the "
        "incidents equal the reference's field for field.",
        "",
        "| fault | " + " | ".join(title for _, title in COLUMNS) + " |",
        "|---|" + "---|" * len(COLUMNS),
    ]
    for f in faults:
        cells = [str(f.get(key, "")) for key, _ in COLUMNS]
        lines.append(f"| {FAULTS.get(f['test'], f['test'])} | " + " | ".join(cells) + " |")
    for f in faults:
        extra = {
            k: v for k, v in f.items() if k not in dict(COLUMNS) and k not in ("test", "outcome")
        }
        if extra:
            details = ", ".join(
                EXTRA.get(k, k.replace("_", " ") + " {}").format(v) for k, v in extra.items()
            )
            lines.append(f"\n{FAULTS.get(f['test'], f['test'])}: {details}.")
    lines += ["", "## Hostile input", ""]
    for f in fuzz:
        lines.append(
            f"{f['hostile_payloads']} hostile payloads ({f.get('ten_mb_bodies', 0)} of them "
            f"10 MB bodies) interleaved with {f['good_articles']} good articles through the real "
            f"topic in {f['seconds']} s: {f.get('outcome', 'unknown')}. Every hostile payload "
            "must reach the dead-letter topic with the reason expected for it (or, when it is "
            "valid but useless, a mention saying why it was skipped), every good article must "
            "be processed, and the worker must stay up. Outcomes by expected reason:"
        )
        lines.append("")
        lines.append("| expected outcome | payloads |")
        lines.append("|---|---|")
        for reason, count in f.get("by_expected_outcome", {}).items():
            lines.append(f"| {reason} | {count} |")
    lines += ["", "## Every reliability and security test of the run", ""]
    lines.append("| test | result |")
    lines.append("|---|---|")
    for name, outcome in outcomes.items():
        lines.append(f"| `{name}` | {outcome} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    if not SOURCE.exists():
        print(f"{SOURCE} is missing: run the reliability tests first", file=sys.stderr)
        return 1
    report = json.loads(SOURCE.read_text())
    OUTPUT.write_text(render(report))
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
