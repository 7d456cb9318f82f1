"""Writes one named section of docs/evaluation.md, leaving the other sections as they are."""

from __future__ import annotations

import re
from pathlib import Path

_TITLE = (
    "# Evaluation\n\nFigures written by `make eval` and `make eval-dedup`; do not edit by hand.\n"
)


def write_section(path: Path, name: str, markdown: str) -> None:
    start, end = f"<!-- section:{name}:start -->", f"<!-- section:{name}:end -->"
    block = f"{start}\n{markdown.rstrip()}\n{end}"
    current = path.read_text(encoding="utf-8") if path.exists() else _TITLE
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: block, current)
    else:
        updated = current.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")
