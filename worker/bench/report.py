"""The figures of a run, printed as a table and written as docs/benchmarks.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Everything from this line on in an existing report is written by people (analysis of a run,
# profiles) and kept when the figures above it are regenerated.
NOTES_MARKER = "<!-- Written by hand below this line; make bench keeps it. -->"


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    value: float | None
    unit: str = ""
    target: str = ""  # e.g. ">= 0.90"; empty when the figure is informative only
    passed: bool | None = None  # None: no target, or not measurable
    digits: int = 2


@dataclass
class Section:
    title: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0  # wall time the part took
    load_before: tuple[float, float, float] | None = None
    load_after: tuple[float, float, float] | None = None
    error: str | None = None

    def add(
        self,
        label: str,
        value: float | None,
        unit: str = "",
        *,
        target: str = "",
        passed: bool | None = None,
        digits: int = 2,
    ) -> None:
        self.figures.append(Figure(label, value, unit, target, passed, digits))


def check(
    value: float | None, *, at_least: float | None = None, at_most: float | None = None
) -> bool | None:
    if value is None:
        return None
    if at_least is not None and value < at_least:
        return False
    return not (at_most is not None and value > at_most)


def format_value(figure: Figure) -> str:
    if figure.value is None:
        return "n/a"
    value = figure.value
    text = f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:.{figure.digits}f}"
    return f"{text} {figure.unit}".strip()


def verdict(figure: Figure) -> str:
    if not figure.target:
        return ""
    if figure.passed is None:
        return "not measured"
    return "met" if figure.passed else "MISSED"


def _load(load: tuple[float, float, float] | None) -> str:
    return "n/a" if load is None else " / ".join(f"{x:.2f}" for x in load)


def text_table(sections: Sequence[Section]) -> str:
    """The console table: one line per figure, grouped by part."""
    rows: list[tuple[str, str, str, str]] = []
    for section in sections:
        head = f"{section.title}  ({section.seconds:.0f} s, load {_load(section.load_before)})"
        rows.append((head, "", "", ""))
        if section.error:
            rows.append((f"  FAILED: {section.error}", "", "", ""))
        for f in section.figures:
            rows.append((f"  {f.label}", format_value(f), f.target, verdict(f)))
    width = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for r in rows:
        if not r[1] and not r[2]:
            lines.append(r[0])
            continue
        lines.append(f"{r[0]:<{width[0]}}  {r[1]:>{width[1]}}  {r[2]:<{width[2]}}  {r[3]}".rstrip())
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(
    *,
    title: str,
    intro: Sequence[str],
    machine: Sequence[tuple[str, str]],
    sections: Sequence[Section],
    closing: Sequence[str],
) -> str:
    out = [f"# {title}", ""]
    out.extend(intro)
    out += ["", "## Machine", "", "| | |", "|---|---|"]
    out.extend(f"| {_cell(k)} | {_cell(v)} |" for k, v in machine)

    targets = [(s, f) for s in sections for f in s.figures if f.target]
    if targets:
        out += [
            "",
            "## Targets",
            "",
            "| part | figure | measured | target | |",
            "|---|---|---:|---|---|",
        ]
        for s, f in targets:
            out.append(
                f"| {_cell(s.title)} | {_cell(f.label)} | {_cell(format_value(f))} "
                f"| {_cell(f.target)} | {verdict(f)} |"
            )

    for s in sections:
        out += ["", f"## {s.title}", ""]
        out.append(
            f"Took {s.seconds:.0f} s; load average (1/5/15 min) {_load(s.load_before)} before, "
            f"{_load(s.load_after)} after."
        )
        if s.error:
            out += ["", f"**Failed:** {s.error}"]
        if s.figures:
            out += ["", "| figure | value | target | |", "|---|---:|---|---|"]
            out.extend(
                f"| {_cell(f.label)} | {_cell(format_value(f))} | {_cell(f.target)} "
                f"| {verdict(f)} |"
                for f in s.figures
            )
        if s.notes:
            out.append("")
            out.extend(f"- {note}" for note in s.notes)
    if closing:
        out += [""]
        out.extend(closing)
    return "\n".join(out) + "\n"


def keep_notes(generated: str, existing: Path) -> str:
    """The new figures followed by the hand-written part of ``existing``, if it has one."""
    try:
        old = existing.read_text(encoding="utf-8")
    except OSError:
        return generated
    at = old.find(NOTES_MARKER)
    if at < 0:
        return generated
    return generated.rstrip("\n") + "\n\n" + old[at:]
