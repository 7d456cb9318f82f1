"""Casualty figures in one sentence: who was killed or injured, and how many.

Regular expressions over the sentence text (case-folded), so they run without a parser and
cost microseconds. Each figure keeps its character offsets within the sentence so the
assembler can attach it to the nearest incident trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from worker.extraction.numbers import QUANTITY, Quantity, parse_quantity


class CasualtyKind(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    PERPETRATORS_KILLED = "perpetrators_killed"
    SHOT = "shot"  # hit by gunfire, outcome not stated in the same phrase


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    kind: CasualtyKind
    quantity: Quantity | None  # None: a vague figure ("scores of civilians dead")
    start: int
    end: int
    text: str


_Q = rf"(?P<q>{QUANTITY})"
_Q2 = QUANTITY.replace("(?:", "(?:")  # same grammar, unnamed
_VICTIM = (
    r"(?:people|persons|person|civilians|civilian|men|man|women|woman|children|child|kids|"
    r"students|student|soldiers|soldier|police(?:\s+officers)?|officers|officer|policemen|"
    r"policeman|adult|adults|baby|infant|toddler|son|daughter|mother|father|wife|husband|"
    r"brother|sister|grandmother|grandfather|friend|neighbor|resident|driver|customer|clerk|"
    r"troops|members|fighters|militants|worshippers|pilgrims|protesters|"
    r"demonstrators|others|victims|victim|teens|teenagers|teenager|teen|boys|boy|girls|girl|"
    r"adults|residents|passengers|bystanders|guards|workers|individuals|relatives|infants|"
    r"babies|toddlers|citizens|peasants|villagers|guerrillas|rebels|insurgents|servicemen|"
    r"security\s+personnel|personnel|marines|agents|youths|juveniles|males|females|"
    r"family\s+members|(?:\d+|[a-z]+)-year-olds?|of\s+them|of\s+the\s+victims|more|dead|"
    r"deaths|fatalities|casualties|injuries)"
)
# Up to three modifier words between the number and the victim noun ("six Iranian
# civilians", "two other people").
_NP = rf"(?:\s+(?:[a-z0-9'’.-]+\s+){{0,3}}?{_VICTIM})?"
_BE = r"(?:\s+(?:were|was|are|is|have\s+been|has\s+been|had\s+been|being|got|get|been))?"
_ADV = r"(?:\s+(?:reportedly|reported|confirmed|believed|also|later|all|allegedly|initially))?"
_KILL_PARTICIPLE = (
    r"(?:killed|dead|died|slain|murdered|massacred|executed|perished|"
    r"shot\s+dead|shot\s+to\s+death|stabbed\s+to\s+death|beaten\s+to\s+death|"
    r"shot\s+and\s+killed|fatally\s+(?:shot|wounded|injured|stabbed)|gunned\s+down|"
    r"lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|pronounced\s+dead|"
    r"found\s+(?:shot\s+)?(?:dead|to\s+death|slain|murdered))"
)
_INJURE_PARTICIPLE = (
    r"(?:injured|wounded|hurt|hospitali[sz]ed|shot\s+and\s+wounded|shot\s+and\s+injured|"
    r"suffered\s+(?:minor\s+|serious\s+|non-life-threatening\s+|gunshot\s+)?(?:injuries|wounds)|"
    r"treated\s+for\s+(?:\S+\s+){0,2}(?:injuries|wounds))"
)
_PERP = (
    r"(?:gunman|gunmen|attacker|attackers|assailant|assailants|shooter|shooters|bomber|bombers|"
    r"suspect|suspects|hijackers?|militants?\s+who\s+attacked)"
)

_PATTERNS: tuple[tuple[CasualtyKind, re.Pattern[str]], ...] = (
    # "12 dead and 42 wounded", "six civilians were killed", "two dozen people dead"
    (CasualtyKind.KILLED, re.compile(rf"\b{_Q}{_NP}{_BE}{_ADV}\s+{_KILL_PARTICIPLE}\b")),
    (CasualtyKind.INJURED, re.compile(rf"\b{_Q}{_NP}{_BE}{_ADV}\s+{_INJURE_PARTICIPLE}\b")),
    # "killing 12 people", "the blast killed at least 20", "claimed the lives of 3"
    (
        CasualtyKind.KILLED,
        re.compile(
            rf"\b(?:killing|killed|kills|kill|claimed\s+the\s+lives\s+of|"
            rf"claiming\s+the\s+lives\s+of|left|leaving|leaves)\s+{_Q}{_NP}"
            rf"(?(q)(?!\s+(?:injured|wounded|hurt)))"
        ),
    ),
    # "left 12 people dead", "leaving two dozen people dead"
    (CasualtyKind.KILLED, re.compile(rf"\b(?:left|leaving|leaves)\s+{_Q}{_NP}\s+dead\b")),
    (
        CasualtyKind.INJURED,
        re.compile(
            rf"\b(?:injuring|wounding|injured|wounded|injures|wounds|hurting|hurt|"
            rf"left|leaving)\s+{_Q}{_NP}(?:\s+(?:injured|wounded|hurt))?"
        ),
    ),
    (
        CasualtyKind.KILLED,
        re.compile(
            rf"\bdeath\s+toll\s+(?:\S+\s+){{0,3}}?(?:to|at|of|reached|hit)\s+{_Q}"
            r"|\b(?:toll|fatalities)\s+(?:rose|rises|climbed|stands|stood)\s+(?:to|at)\s+"
            rf"(?P<q2>{_Q2})"
        ),
    ),
    # "four people were shot", "two men shot" (outcome unknown here)
    (
        CasualtyKind.SHOT,
        re.compile(rf"\b{_Q}{_NP}{_BE}{_ADV}\s+shot\b(?!\s+(?:dead|to\s+death|and\s+killed))"),
    ),
)
# "Girl dies in accidental shooting", "a 5-year-old boy died", "Teen killed in ..."
_SINGULAR_NOUN = (
    r"(?:man|woman|boy|girl|teen|teenager|child|toddler|baby|infant|person|victim|adult|"
    r"student|father|mother|son|daughter|husband|wife|officer|deputy|trooper|clerk|driver|"
    r"(?:\d+|[a-z]+)-year-old(?:\s+(?:man|woman|boy|girl|teen|child))?)"
)
_SINGULAR_DEATH = re.compile(
    rf"(?:^|\b(?:a|an|one|the|another)\s+)(?:[a-z0-9'-]+\s+){{0,2}}?{_SINGULAR_NOUN}"
    r"(?:,\s*\d+,)?\s+(?:(?:has|later|then|also|reportedly)\s+)?"
    r"(?:died|dies|dead|is\s+dead|was\s+killed|killed|was\s+fatally|fatally\s+shot|"
    r"shot\s+dead|shot\s+and\s+killed|was\s+shot\s+and\s+killed|was\s+shot\s+to\s+death)\b"
)
_SINGULAR_SHOT = re.compile(
    rf"(?:^|\b(?:a|an|one|the|another)\s+)(?:[a-z0-9'-]+\s+){{0,2}}?{_SINGULAR_NOUN}"
    r"(?:,\s*\d+,)?\s+(?:was\s+|is\s+|has\s+been\s+)?(?:shot|wounded|injured|hurt|grazed)\b"
    r"(?!\s+(?:dead|to\s+death|and\s+killed))"
)
# "four people were shot, one fatally" / "two of them fatally"
_FATALLY = re.compile(rf"\bshot\b[^.;]{{0,40}}?,\s*(?P<q>{QUANTITY})(?:\s+of\s+them)?\s+fatally")
_PERP_KILLED = re.compile(
    rf"\b(?:(?P<q>{QUANTITY})\s+)?(?:of\s+the\s+)?(?:\w+\s+)?{_PERP}\s+(?:were|was|is|are|has\s+been|had\s+been|have\s+been){_ADV}\s+"
    rf"(?:{_KILL_PARTICIPLE})"
    rf"|\b{_PERP}\s+(?:\S+\s+){{0,3}}?(?:killed|shot)\s+(?:himself|herself|themselves)"
    rf"|\b(?:turned\s+the\s+gun\s+on\s+(?:himself|herself)|took\s+(?:his|her)\s+own\s+life|"
    rf"killed\s+(?:himself|herself)|blew\s+(?:himself|herself)\s+up|self-inflicted)"
)
_NEGATED = re.compile(r"\b(?:no|not|nobody|none|no\s+one|neither)\b[^,;.]{0,25}$")


def _figure(match: re.Match[str], group: str = "q") -> Quantity | None:
    text = match.groupdict().get(group)
    if text is None:
        return None
    return parse_quantity(text)


def find_casualties(sentence: str) -> list[CasualtyMention]:
    """Every casualty figure in one sentence, in order; overlapping figures keep the first."""
    lowered = sentence.lower().replace("’", "'")
    found: list[CasualtyMention] = []
    taken: list[tuple[int, int]] = []

    def add(kind: CasualtyKind, quantity: Quantity | None, start: int, end: int) -> None:
        for a, b in taken:
            if start < b and a < end:
                return
        taken.append((start, end))
        found.append(CasualtyMention(kind, quantity, start, end, sentence[start:end]))

    for match in _PERP_KILLED.finditer(lowered):
        q = _figure(match)
        add(CasualtyKind.PERPETRATORS_KILLED, q or Quantity(1), match.start(), match.end())
    for match in _SINGULAR_DEATH.finditer(lowered):
        add(CasualtyKind.KILLED, Quantity(1), match.start(), match.end())
    for match in _FATALLY.finditer(lowered):
        q = _figure(match)
        if q is not None:
            add(CasualtyKind.KILLED, q, match.start("q"), match.end())
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(lowered):
            qtext = match.group("q") if match.group("q") else match.groupdict().get("q2")
            if qtext is None:
                continue
            if qtext.strip() in ("no", "none", "zero") and kind is CasualtyKind.SHOT:
                continue
            if _NEGATED.search(lowered[max(0, match.start() - 30) : match.start()]):
                continue
            quantity = parse_quantity(qtext)
            start = match.start("q") if match.group("q") else match.start()
            add(kind, quantity, start, match.end())
    for match in _SINGULAR_SHOT.finditer(lowered):
        add(CasualtyKind.SHOT, Quantity(1), match.start(), match.end())
    found.sort(key=lambda m: m.start)
    return found
