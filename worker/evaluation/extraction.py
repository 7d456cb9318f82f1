"""`make eval`: measure extraction against the gold-labelled public data, read in place.

python -m worker.evaluation.extraction --data-dir ../shared/data --output docs/evaluation.md
"""

from __future__ import annotations

import argparse
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from worker.domain import EVENT_TYPE_OF, Article, Extraction, IncidentCandidate, MentionRole
from worker.evaluation.case2021 import CASE_NO_INCIDENT, CASE_TO_TAXONOMY, read_case
from worker.evaluation.gva import GvaExample, read_gva
from worker.evaluation.muc4 import MUC_TO_TAXONOMY, MucExample, read_muc
from worker.evaluation.report import write_section
from worker.extraction import Extractor, build_nlp, load_extractor
from worker.extraction.places import load_place_resolver

_US_STATES_ABBR = re.compile(r"[^a-z0-9]+")


def key(text: str | None) -> str:
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return _US_STATES_ABBR.sub("", folded)


def main_candidate(extraction: Extraction) -> IncidentCandidate | None:
    for candidate in extraction.candidates:
        if candidate.role is MentionRole.MAIN:
            return candidate
    return extraction.candidates[0] if extraction.candidates else None


# ---------------------------------------------------------------------------- GVA
@dataclass(slots=True)
class GvaScores:
    n: int = 0
    with_incident: int = 0
    killed_exact: int = 0
    killed_abs: int = 0
    injured_exact: int = 0
    injured_abs: int = 0
    city: int = 0
    state: int = 0
    date_1d: int = 0
    date_given: int = 0
    killed_stated: int = 0  # gold killed figure appears in the text (cap estimate)
    examples: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        n = max(self.n, 1)
        return (
            f"| {name} | {self.n} | {self.with_incident / n:.3f} | {self.killed_exact / n:.3f} | "
            f"{self.killed_abs / n:.2f} | {self.injured_exact / n:.3f} | {self.injured_abs / n:.2f} | "  # noqa: E501
            f"{self.city / n:.3f} | {self.state / n:.3f} | {self.date_1d / n:.3f} |"
        )


_SAINT = re.compile(r"^(?:st|saint|ste|sainte)\b\.?\s*")
_FORT = re.compile(r"^ft\b\.?\s*")
_MOUNT = re.compile(r"^mt\b\.?\s*")
_PLACE_TYPE = re.compile(r"\s+(?:township|twp\.?|village|borough|town)$")
_CITY_WORD = re.compile(r"(?:\S+\s+){2,}city$")
_GOLD_PART = re.compile(r"^(?P<head>.*?)\s*\((?P<part>[^)]*)\)$")


def place_key(name: str | None) -> str:
    """The key of a US place name for city matching: only its part before a comma ("Puyallup,
    Wash." as written), "St."/"Saint", "Ft."/"Fort", "Mt."/"Mount" spelled out, a trailing
    "Township"/"Twp."/"Village"/"Borough"/"Town" of a longer name dropped, and "City" after two
    words ("New York City", not "Kansas City")."""
    if not name:
        return ""
    text = name.split(",")[0].strip().lower()
    text = _SAINT.sub("saint ", text)
    text = _FORT.sub("fort ", text)
    text = _MOUNT.sub("mount ", text)
    if " " in text:
        text = _PLACE_TYPE.sub("", text)
    if _CITY_WORD.match(text):
        text = text.removesuffix("city")
    return key(text)


def gold_city_keys(gold_city: str) -> set[str]:
    """GVA writes "Chicago", "Cook County", "Brown (county)" (a county) and "Pittsburgh
    (Homewood)" (a city and the part of it): the city, the part, or the county count."""
    match = _GOLD_PART.match(gold_city.strip())
    if match is None:
        return {place_key(gold_city)}
    head, part = match.group("head"), match.group("part")
    if part.lower() == "county":
        bare = re.sub(r"\s+county$", "", head, flags=re.IGNORECASE)
        return {key(f"{bare} {kind}") for kind in ("County", "Parish")}
    return {place_key(head), place_key(part)}


def city_match(candidate: IncidentCandidate | None, gold_city: str) -> bool:
    """The main incident's place, by its resolved name or as written, names the gold
    city_or_county (see ``place_key`` and ``gold_city_keys``). A city never matches a county
    of the same name, nor a county the city lies in (the gazetteer gives no county of a city)."""
    if candidate is None or candidate.location is None:
        return False
    loc = candidate.location
    names = {place_key(loc.name), place_key(loc.text)} - {""}
    return bool(names & gold_city_keys(gold_city))


_STATE_ALIASES = {"washingtondc": "districtofcolumbia"}


def state_match(candidate: IncidentCandidate | None, gold_state: str) -> bool:
    """The place's admin1 is the gold state (GeoNames calls DC "Washington, D.C.")."""
    if candidate is None or candidate.location is None or not candidate.location.admin1:
        return False
    ours = key(candidate.location.admin1)
    return _STATE_ALIASES.get(ours, ours) == key(gold_state)


def score_gva(examples: Sequence[GvaExample], extractions: Sequence[Extraction]) -> GvaScores:
    s = GvaScores()
    for example, extraction in zip(examples, extractions, strict=True):
        gold = example.gold
        c = main_candidate(extraction)
        s.n += 1
        s.with_incident += c is not None
        killed = injured = 0
        if c is not None:
            killed = (c.fatalities.best or 0 if c.fatalities else 0) + (
                c.perpetrators_killed.best or 0 if c.perpetrators_killed else 0
            )
            injured = c.injured.best or 0 if c.injured else 0
        s.killed_exact += killed == gold.num_killed
        s.killed_abs += abs(killed - gold.num_killed)
        s.injured_exact += injured == gold.num_injured
        s.injured_abs += abs(injured - gold.num_injured)
        s.city += city_match(c, gold.city_or_county)
        s.state += state_match(c, gold.state)
        if c is not None and c.date.start is not None:
            s.date_given += 1
            s.date_1d += abs((c.date.start - gold.date).days) <= 1
        if len(s.examples) < 6 and c is not None and killed != gold.num_killed:
            s.examples.append(
                f"{example.article.article_id[:8]}: gold killed {gold.num_killed}, "
                f"extracted {killed} ({c.fatalities.text if c.fatalities else 'no figure'!r})"
            )
    return s


# ---------------------------------------------------------------------------- CASE
def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float:
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


# ---------------------------------------------------------------------------- MUC-4
_UPPER_WORD = re.compile(r"[A-Z]+")


@dataclass(slots=True)
class MucScores:
    relevant: int = 0
    irrelevant: int = 0
    irrelevant_silent: int = 0
    found: int = 0
    type_ok: int = 0
    country_ok: int = 0
    place_ok: int = 0
    date_ok: int = 0
    perp_gold: int = 0
    perp_ok: int = 0

    def row(self, name: str) -> str:
        r = max(self.relevant, 1)
        return (
            f"| {name} | {self.relevant} | {self.found / r:.3f} | {self.type_ok / r:.3f} | "
            f"{self.country_ok / r:.3f} | {self.place_ok / r:.3f} | {self.date_ok / r:.3f} | "
            f"{self.perp_ok / max(self.perp_gold, 1):.3f} ({self.perp_gold}) | "
            f"{self.irrelevant_silent / max(self.irrelevant, 1):.3f} ({self.irrelevant}) |"
        )


def score_muc(
    examples: Sequence[MucExample],
    extractions: Sequence[Extraction],
    country_code: Callable[[str], str | None],
) -> MucScores:
    s = MucScores()
    for example, extraction in zip(examples, extractions, strict=True):
        c = main_candidate(extraction)
        if not example.templates:
            s.irrelevant += 1
            s.irrelevant_silent += c is None
            continue
        s.relevant += 1
        if c is None:
            continue
        s.found += 1
        t = example.templates[0]
        s.type_ok += c.sub_event_type in MUC_TO_TAXONOMY.get(t.incident_type, frozenset())
        loc = c.location
        if loc is not None and t.country and loc.country_code == country_code(t.country.title()):
            s.country_ok += 1
        if loc is not None and t.places:
            names = {key(loc.name), key(loc.text)}
            s.place_ok += any(key(p) in names for p in t.places)
        elif loc is not None and not t.places and t.country:
            s.place_ok += loc.country_code == country_code(t.country.title())
        if c.date.start is not None and t.dates:
            lo, hi = min(t.dates), max(t.dates)
            s.date_ok += (lo - c.date.start).days <= 1 and (c.date.start - hi).days <= 1
        if t.perpetrators:
            s.perp_gold += 1
            perps = [key(a.name) for a in c.actors if a.role.value == "perpetrator"]
            perps += [key(a.canonical) for a in c.actors if a.role.value == "perpetrator"]
            gold = [key(p) for p in t.perpetrators]
            s.perp_ok += any(p and g and (p in g or g in p) for p in perps for g in gold)
    return s


# ---------------------------------------------------------------------------- runner
def _timed(extractor: Extractor, articles: Sequence[Article]) -> tuple[list[Extraction], float]:
    start = time.perf_counter()
    out = extractor.extract_many(articles, batch_size=32)
    return out, time.perf_counter() - start


def compare_pipelines(data_dir: Path, limit: int) -> list[str]:
    """Accuracy and speed of spaCy pipeline options on the first GVA dev articles."""
    examples = [e for e in read_gva(data_dir) if e.split == "dev"][:limit]
    places = load_place_resolver(None)
    rows = []
    options = {
        "NER + senter (chosen)": ("parser", "tagger", "attribute_ruler", "lemmatizer", "tok2vec"),
        "NER + senter + tok2vec (nothing reads it)": (
            "parser",
            "tagger",
            "attribute_ruler",
            "lemmatizer",
        ),
        "tagger + lemmatizer + NER + senter": ("parser",),
        "full pipeline (parser)": (),
    }
    for name, exclude in options.items():
        extractor = Extractor(build_nlp(exclude=exclude), places)
        extractor.extract_many([e.article for e in examples[:8]])
        spacy_start = time.perf_counter()
        list(extractor.nlp.pipe((e.article.text for e in examples), batch_size=32))
        spacy_seconds = time.perf_counter() - spacy_start
        out, seconds = _timed(extractor, [e.article for e in examples])
        s = score_gva(examples, out)
        n = max(s.n, 1)
        rows.append(
            f"| {name} | {', '.join(extractor.nlp.pipe_names)} | {len(examples) / seconds:.1f} | "
            f"{len(examples) / spacy_seconds:.1f} | {s.killed_exact / n:.3f} | "
            f"{s.injured_exact / n:.3f} | {s.city / n:.3f} | {s.date_1d / n:.3f} |"
        )
    return rows


def run(data_dir: Path, output: Path, *, compare: int, doc_cache: Path | None = None) -> str:
    extractor = load_extractor()
    if doc_cache is not None:
        extractor.cache_docs(doc_cache)
    lines: list[str] = ["## Extraction", ""]
    lines.append(
        "Command: `python -m worker.evaluation.extraction --data-dir ../shared/data "
        "--output docs/evaluation.md`. Tuned on dev splits (GVA dev, MUC-4 TST1+TST2, the "
        "odd-id half of CASE); test figures are the headline."
    )
    # GVA
    gva = list(read_gva(data_dir))
    lines += [
        "",
        "### GVA (US shootings, local news)",
        "",
        "| split | articles | >=1 incident | killed exact | killed MAE | injured exact | "
        "injured MAE | city | state | date ±1 day |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    throughput: dict[str, float] = {}
    notes: list[str] = []
    for split in ("dev", "test"):
        examples = [e for e in gva if e.split == split]
        out, seconds = _timed(extractor, [e.article for e in examples])
        throughput[f"GVA {split}"] = len(examples) / seconds
        scores = score_gva(examples, out)
        lines.append(scores.row(split))
        print(scores.row(split), flush=True)
        if split == "test":
            notes = scores.examples
    lines += [
        "",
        "Definitions: the main incident is the first candidate with role `main`. Killed = "
        "fatalities + perpetrators killed (GVA counts killed shooters); a missing figure counts "
        "as 0 (ACLED's convention: no reported deaths = 0). City match: the key (lower-case "
        "ASCII letters and digits) of the main incident's place name, as resolved or as written "
        '(before any comma), equals a key of gold `city_or_county`; "St."/"Saint", "Ft."/'
        '"Fort", "Mt."/"Mount" are spelled out, a trailing "Township", "Twp.", "Village", '
        '"Borough" or "Town" of a longer name and the "City" of "New York City" (not of "Kansas '
        'City") are dropped, on both sides. Gold "X (county)" is X County (or Parish); gold '
        '"City (Part)" accepts the city or the part named. A city never matches a county (no '
        "county of a city is known). "
        'State match: the place\'s admin1 equals gold `state` ("Washington, D.C." is the '
        "District of Columbia). Date: |start - gold| <= 1 day; no date is a miss. A report "
        "with no date expression at all that does not read as a follow-up is dated [D-1, D] "
        "from its publication day D, with precision 2 and a confidence reason saying so "
        "(`worker/extraction/incident_date.py`); its start D-1 is what is scored.",
        "",
        "Killed-count misses on test (first few): " + "; ".join(notes),
    ]
    # CASE
    case = list(read_case(data_dir))
    lines += [
        "",
        "### CASE 2021 task 2 (event typing of short snippets)",
        "",
        "| half | snippets (mapped labels) | sub-event accuracy | event-type accuracy | "
        "macro-F1 (mapped labels) | no-incident labels yielding an incident |",
        "|---|---|---|---|---|---|",
    ]
    for half in ("tune", "report"):
        case_examples = [e for e in case if e.half == half and e.label in CASE_TO_TAXONOMY]
        case_out = extractor.extract_many([Article(f"case-{e.id}", e.text) for e in case_examples])
        gold = [CASE_TO_TAXONOMY[e.label] for e in case_examples]
        pred = []
        for extraction in case_out:
            c = main_candidate(extraction)
            pred.append(c.sub_event_type if c else "none")
        n = max(len(gold), 1)
        acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
        ev = (
            sum(EVENT_TYPE_OF[g] == EVENT_TYPE_OF.get(p) for g, p in zip(gold, pred, strict=True))
            / n
        )
        f1 = macro_f1(gold, pred, sorted(set(gold)))
        # Disasters, diplomacy, ordinary crime: the right answer is no incident.
        outside = [e for e in case if e.half == half and e.label in CASE_NO_INCIDENT]
        outside_out = extractor.extract_many([Article(f"case-{e.id}", e.text) for e in outside])
        wrong = sum(bool(x.candidates) for x in outside_out) / max(len(outside), 1)
        row = (
            f"| {half} | {len(gold)} | {acc:.3f} | {ev:.3f} | {f1:.3f} | "
            f"{wrong:.3f} ({len(outside)}) |"
        )
        lines.append(row)
        print(row, flush=True)
        if half == "report":
            confusions = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
            lines += [
                "",
                "Most frequent confusions on the report half (gold -> predicted): "
                + "; ".join(f"{g} -> {p} ({k})" for (g, p), k in confusions.most_common(6)),
            ]
    lines += [
        "",
        "The file has only a test split: ids are split by parity, odd ids (`tune`) were "
        "used for tuning, even ids (`report`) are the headline. Mapping: every CASE label "
        "maps to the taxonomy sub-event type of the same name (AIR_STRIKE -> "
        "air_drone_strike, ART_MISS_ATTACK -> shelling_artillery_missile_attack, REM_EXPLOS -> "
        "remote_explosive_landmine_ied, FORCE_AGAINST_PROTEST -> "
        "excessive_force_against_protesters, PROPERTY_DISTRUCT -> "
        "looting_property_destruction, OTHER -> other, ...; see "
        "`worker/evaluation/case2021.py`). NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO and "
        "ORG_CRIME have no counterpart: the right answer is no incident, and the last column "
        "is the share of those snippets that wrongly yield one. ATTRIB (a claim of "
        "responsibility, which names the attack claimed) is scored neither way. A snippet "
        "with no candidate counts as wrong.",
    ]
    # MUC-4
    lines += [
        "",
        "### MUC-4 (Latin-American terrorism wire, upper case)",
        "",
        "| split | relevant docs | >=1 incident | type | country | place | date ±1 day | "
        "perpetrator (docs with gold perp) | irrelevant docs with no incident |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for split in ("dev", "test"):
        muc_examples = list(read_muc(data_dir, split))
        muc_out = extractor.extract_many([Article(e.doc_id, e.text) for e in muc_examples])
        muc_scores = score_muc(muc_examples, muc_out, extractor.places.country_code)
        lines.append(muc_scores.row(split))
        print(muc_scores.row(split), flush=True)
    lines += [
        "",
        "Scored on the first gold template of each relevant document against the main "
        "candidate. Type: the sub-event type is one MUC-4 type maps to (ATTACK -> attack, "
        "armed_clash, air or shelling; BOMBING -> the explosive types; KIDNAPPING -> "
        "abduction; ARSON -> property destruction or riots). Upper-case text is true-cased "
        "before spaCy (see below); dates resolve against the dateline.",
    ]
    # GeoWebNews
    lines += ["", "### GeoWebNews (geocoding)", ""]
    try:
        from worker.evaluation.geo import evaluate_geowebnews

        result = evaluate_geowebnews(data_dir)
        lines.append(f"Within 161 km (from `worker.evaluation.geo.evaluate_geowebnews`): {result}")
    except ImportError:
        lines.append("`worker.evaluation.geo.evaluate_geowebnews` is not available yet; no figure.")
    # Throughput
    lines += ["", "### Throughput", ""]
    for name, rate in throughput.items():
        lines.append(f"- `extract_many` on {name}: {rate:.1f} articles/s (one process, batch 32)")
    if compare:
        lines += [
            "",
            f"### spaCy pipeline options (first {compare} GVA dev articles)",
            "",
            "| option | components | articles/s whole extractor | articles/s spaCy alone | "
            "killed exact | injured exact | city | date ±1 day |",
            "|---|---|---|---|---|---|---|---|",
        ]
        lines += compare_pipelines(data_dir, compare)
    markdown = "\n".join(lines)
    write_section(output, "extraction", markdown)
    return markdown


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--output", type=Path, default=Path("docs/evaluation.md"))
    parser.add_argument(
        "--compare-pipelines",
        type=int,
        default=300,
        help="GVA dev articles for the pipeline comparison (0 to skip)",
    )
    parser.add_argument(
        "--doc-cache",
        type=Path,
        default=None,
        help="keep parsed docs here so reruns cost only the rules (throughput is then not spaCy's)",
    )
    args = parser.parse_args(argv)
    print(run(args.data_dir, args.output, compare=args.compare_pipelines, doc_cache=args.doc_cache))


if __name__ == "__main__":
    main()
