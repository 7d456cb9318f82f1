"""Readable one-block renderings of incident, mention and dead-letter records for ``tail``."""

from __future__ import annotations

from typing import Any

import orjson

from worker.settings import Topics

_PRECISION = {1: "day", 2: "week", 3: "month"}


def format_record(topic: str, topics: Topics, key: bytes | None, value: bytes | None) -> str:
    if value is None:
        return f"[{topic}] {_text(key)} deleted"
    try:
        record = orjson.loads(value)
    except orjson.JSONDecodeError:
        return f"[{topic}] {len(value)} bytes, not JSON"
    if topic == topics.incidents:
        return format_incident(record)
    if topic == topics.mentions:
        return format_mention(record)
    return f"[{topic}] {_text(key)} {len(value)} bytes"


def _text(key: bytes | None) -> str:
    return key.decode("utf-8", "replace") if key else "-"


def _figure(casualties: dict[str, Any] | None) -> str:
    if not casualties or casualties.get("best") is None:
        return "unknown"
    best, low, high = casualties["best"], casualties.get("low"), casualties.get("high")
    if low is not None and high is not None and (low, high) != (best, best):
        return f"{best} ({low}-{high})"
    return str(best)


def format_incident(r: dict[str, Any]) -> str:
    date = r.get("date") or {}
    when = date.get("start") or "date unknown"
    if date.get("end") and date.get("end") != date.get("start"):
        when = f"{when}..{date['end']}"
    precision = _PRECISION.get(date.get("time_precision") or 0)
    if precision:
        when = f"{when} ({precision})"
    loc = r.get("location") or {}
    place = ", ".join(p for p in (loc.get("name"), loc.get("admin1"), loc.get("country_code")) if p)
    if loc.get("lat") is not None and loc.get("lon") is not None:
        place += f" ({loc['lat']:.3f}, {loc['lon']:.3f})"
    actors = r.get("actors") or []
    perpetrators = sorted({a["canonical"] for a in actors if a.get("role") == "perpetrator"})
    targets = sorted({a["canonical"] for a in actors if a.get("role") == "target"})
    who = f"{', '.join(perpetrators) or '?'} -> {', '.join(targets) or '?'}"
    outlets = sorted({s.get("outlet") or "?" for s in r.get("sources") or []})
    tag = " reference-only" if r.get("reference_only") else ""
    kind = f"{r['event_type']}/{r['sub_event_type']}"
    weapons = f"   weapons: {', '.join(r['weapons'])}" if r.get("weapons") else ""
    killed, injured = _figure(r.get("fatalities")), _figure(r.get("injured"))
    sources = f"{r.get('num_sources')} ({', '.join(outlets)})"
    lines = [
        f"* {r['incident_id']} v{r['version']}{tag}  {kind}  {when}",
        f"  where: {place or 'unknown'}",
        f"  who:   {who}{weapons}",
        f"  killed: {killed}  injured: {injured}  sources: {sources}"
        f"  confidence: {r.get('confidence')}",
        f"  {r.get('summary', '')}",
    ]
    return "\n".join(lines)


def format_mention(r: dict[str, Any]) -> str:
    target = r.get("incident_id") or "-"
    version = f" v{r['incident_version']}" if r.get("incident_version") else ""
    score = r.get("score") or {}
    total = f" score {score['total']:.2f}" if score.get("total") is not None else ""
    outcome = f"{r['decision']}{total} ({r.get('reason', '')})"
    return f"  mention {r['article_id']} -> {target}{version}: {outcome}"
