"""Casualty figures in one sentence: who was killed or injured, and how many.

Regular expressions over the sentence text (case-folded), so they run without a parser and
cost microseconds. Each figure keeps its character offsets within the sentence so the
assembler can attach it to the nearest incident trigger.

Four kinds of figure: killed, injured, perpetrators killed (an attacker killed by police or by
his own hand) and shot (hit, outcome not told in the same phrase: "four people were shot").
A victim told without a number ("a man was shot and killed", "Smith was pronounced dead")
is a figure of one marked ``singular``. Figures of a tally ("the city's 30th homicide this
year", "436 people were murdered since 2010") are not figures of the incident and are dropped;
those of an act dated back ("killed one of his friends in February") are marked ``dated``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from worker.domain import CasualtyFigure
from worker.extraction.numbers import MULTIPLES, ORDINALS, QUANTITY, Quantity, parse_quantity


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
    singular: bool = False  # one victim told without a number: "a man was shot and killed"
    additional: bool = False  # on top of victims told before: "another man", "a second victim"
    # The figure counts the attacker too: "five dead, including the gunman".
    with_perpetrator: bool = False
    self_inflicted: bool = False  # "shot himself", "took his own life"
    by_another: bool = False  # the victim is the object of someone's act: "killed his wife"
    beside_death: bool = False  # one victim hurt, told beside one killed in the same sentence
    others: bool = False  # "five others had been shot": victims besides those told dead
    toll: bool = False  # a count of the dead ("five found dead"), not of those someone killed
    by_police: bool = False  # "shot and killed by police": most often the attacker
    # Told with a past date of its own ("killed his friend in February"): the article's
    # incident only in its headline or lead, an earlier one further down.
    dated: bool = False


_Q = rf"(?P<q>{QUANTITY})"
# A number that measures something else: "two years", "3 p.m.", "400 block", "9 mm".
_NOT_A_COUNT = (
    r"(?!\s*-?\s*(?:years?|yrs?|months?|weeks?|days?|hours?|minutes?|seconds?|times|rounds|"
    r"shots|bullets|casings|blocks?|feet|foot|ft|yards?|miles?|percent|per\s*cent|%|"
    r"[ap]\.?m\b|o'clock|caliber|calibre|mm\b|gauge|th\b|st\b|nd\b|rd\b|:|/))"
)
_PLURAL_VICTIM = (
    r"(?:people|persons|civilians|men|women|children|kids|students|soldiers|police\s+officers|"
    r"officers|policemen|deputies|troopers|adults|babies|infants|toddlers|sons|daughters|"
    r"brothers|sisters|friends|neighbors|residents|drivers|customers|clerks|employees|troops|"
    r"members|fighters|militants|worshippers|pilgrims|protesters|demonstrators|others|victims|"
    r"more|teens|teenagers|boys|girls|passengers|bystanders|guards|workers|individuals|relatives|"
    r"citizens|villagers|classmates|grandchildren|juveniles|males|females|youths|siblings|cousins|patrons|partygoers|"
    r"family\s+members|(?:\d+|[a-z]+)-year-olds|of\s+them|of\s+the\s+(?:\w+\s+)?victims|"
    r"of\s+those(?:\s+(?:men|women|people|victims|shot|wounded|injured|hurt))?|of\s+whom|of\s+(?:the|his|her|their)\s+(?:\w+\s+){0,2}?(?:people|men|women|children|"
    r"teens|kids|sons|daughters|victims|\w+s))"
)
_SINGULAR_VICTIM = (
    r"(?:man|woman|boy|girl|teen|teenager|child|toddler|baby|infant|person|victim|adult|"
    r"student|father|mother|son|daughter|husband|wife|brother|sister|girlfriend|boyfriend|"
    r"fianc[ée]e?|partner|grandmother|grandfather|grandson|granddaughter|uncle|aunt|nephew|"
    r"niece|cousin|stepfather|stepson|stepdaughter|stepmother|roommate|neighbor|friend|"
    r"officer|deputy|trooper|clerk|cashier|driver|customer|employee|worker|resident|homeowner|"
    r"bystander|passenger|guard|owner|manager|pedestrian|motorist|male|female|juvenile|youth|"
    r"(?:\d+|[a-z]+)-(?:year|month|week|day)-old(?:\s+(?:man|woman|boy|girl|teen|child|male|"
    r"female|son|daughter|baby))?)"
)
_AGED = r"(?:\d+|[a-z]+)-(?:year|month|week|day)-old"
_PERP = (
    r"(?:gunman|gunmen|attacker|attackers|assailant|assailants|shooter|shooters|bomber|bombers|"
    r"suspect|suspects|hijackers?|robbers?|burglars?|intruders?|carjackers?|home\s+invaders?|"
    r"perpetrators?)"
)
_VICTIM = rf"(?:{_PLURAL_VICTIM}|{_SINGULAR_VICTIM}s?)"
# Up to three modifier words between the number and the victim noun ("six Iranian
# civilians", "two other people"); never a verb or a clause word.
_MOD = (
    r"(?!(?:were|was|are|is|and|or|but|who|whom|whose|which|that|where|when|while|after|before|"
    r"as|because|if|said|says|in|at|on|had|have|has|been|to|by|the|a|an|his|her|their|its|this|"
    r"these|those|left|leaving|from|with|for|of|killed|shot|wounded|injured|died|dead)\b)"
    r"[a-z'.-]+\s+"
)
# "dozens of people"; never "one of five people", where the five are the total.
_OF = r"(?:\s+of(?!\s+(?:the\s+)?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|dozen)))?"
_NP = rf"(?:{_OF}\s+(?:{_MOD}){{0,3}}?{_VICTIM}\b)"
_APPOSITION = (
    r"(?:\s*,\s*(?!and\b|but\b|who\b|which\b|police\b|authorities\b)[^,;:]{1,60},"
    r"|\s+(?:between\s+)?(?:the\s+)?ages?\s+(?:of\s+)?\d+(?:\s*(?:,|and|to|-)\s*\d+)*,?)?"
)
_BE = (
    r"(?:\s+(?P<be>were|was|are|is|have\s+been|has\s+been|had\s+been|being|got|get|been|"
    r"remain|remained|remains|have|had|has))?"
)
_ADV = (
    r"(?:\s+(?:reportedly|reported|confirmed|believed\s+to\s+have\s+been|also|later|all|"
    r"allegedly|initially|each|both|apparently|then|eventually|subsequently|ultimately|"
    r"instantly|immediately|still|now|since|each\s+been|all\s+been|both\s+been))?"
)
_KILLED_PRED = (
    r"(?:killed|dead|died|die|slain|murdered|executed|perished|shot\s+dead|shot\s+to\s+death|"
    r"stabbed\s+to\s+death|beaten\s+to\s+death|shot(?:\s+and|,)\s+killed(?!\s+or\b)|"
    r"fatally\s+(?:shot|wounded|injured|stabbed|struck|hit)|gunned\s+down|"
    r"lost\s+(?:their|his|her)\s+lives?|pronounced\s+dead|declared\s+dead|"
    r"found\s+(?:shot\s+)?(?:dead|slain|murdered)|found\s+(?:shot|stabbed|beaten)\s+to\s+death|"
    r"struck\s+and\s+killed|succumbed)"
)
_INJURED_PRED = (
    r"(?:(?:critically|seriously|severely|gravely|badly|slightly|mortally|non-fatally)\s+)?"
    r"(?:injured|wounded|hurt|hospitali[sz]ed|grazed|shot\s+and\s+(?:wounded|injured)|"
    r"(?:suffered|sustained|suffering|sustaining|treated\s+for)\s+(?:\S+\s+){0,3}?"
    r"(?:injuries|injury|wounds?)|treated\s+and\s+released|"
    r"in\s+(?:critical|serious|stable|fair|good|grave|guarded)(?:\s+but\s+stable)?\s+condition)"
)
_HIT_PRED = (
    r"(?:shot(?!\s+(?:dead|to\s+death|and\s+killed|fatally))|"
    r"(?:struck|hit)\s+by\s+(?:gunfire|bullets|(?:a\s+)?(?:stray\s+)?bullets?|shotgun\s+pellets)|"
    r"(?:taken|rushed|transported|driven|flown|airlifted|sent)\s+to\s+(?:\S+\s+){0,4}?"
    r"(?:hospitals?|medical\s+cent(?:er|re)s?|trauma\s+cent(?:er|re)s?))"
)
# After a bare number with no victim noun ("killing two", "wounded three."), only a clause
# boundary may follow: "killed 90,280 deer" is no casualty figure.
_BARE_END = (
    r"(?=\s*(?:[,.;:!?)\"']|$|\s*(?:and|in|at|on|inside|outside|near|during|before|after|"
    r"when|while|including|with|as|early|late|last|this|overnight|sunday|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|yesterday|today|tonight|police|officials|"
    r"authorities)\b))"
)
_KILLING = (
    r"(?:killing|killed|kills|(?<!to\s)kill|murdering|murdered|slaying|slew|shot\s+and\s+killed|"
    r"shooting\s+and\s+killing|fatally\s+(?:shot|shooting|wounded|wounding|injuring|injured|"
    r"stabbing|stabbed)|gunned\s+down|gunning\s+down|shot\s+dead|shooting\s+dead|"
    r"claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|took\s+the\s+lives\s+of|"
    r"taking\s+the\s+lives\s+of|(?:deaths|killings|murders|slayings|shooting\s+deaths)\s+of)"
)
_INJURING = (
    r"(?:injuring|wounding|injured|wounded|injures|wounds|hurting|hurt|shooting\s+and\s+"
    r"(?:wounding|injuring))"
)
_SHOOTING = r"(?:shot|shooting|shoots|shot\s+at\s+least|opened\s+fire\s+on)"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_OWNER = r"(?:(?:his|her|their)\s+)?"  # "killed his two sons"
_KILLING_COUNT = _c(rf"\b{_KILLING}\s+{_OWNER}{_Q}{_NOT_A_COUNT}(?:{_NP}|{_BARE_END})")
_COUNTED: tuple[tuple[CasualtyKind, re.Pattern[str]], ...] = (
    # "12 dead and 42 wounded", "six civilians were killed", "two of them died"
    (
        CasualtyKind.KILLED,
        _c(rf"\b{_Q}{_NOT_A_COUNT}{_NP}?{_APPOSITION}{_BE}{_ADV}\s+{_KILLED_PRED}\b"),
    ),
    (
        CasualtyKind.INJURED,
        _c(rf"\b{_Q}{_NOT_A_COUNT}{_NP}?{_APPOSITION}{_BE}{_ADV}\s+{_INJURED_PRED}\b"),
    ),
    (CasualtyKind.SHOT, _c(rf"\b{_Q}{_NOT_A_COUNT}{_NP}?{_APPOSITION}{_BE}{_ADV}\s+{_HIT_PRED}")),
    # "killing 12 people", "the blast killed at least 20", "claimed the lives of 3"
    (CasualtyKind.KILLED, _KILLING_COUNT),
    (CasualtyKind.INJURED, _c(rf"\b{_INJURING}\s+{_OWNER}{_Q}{_NOT_A_COUNT}(?:{_NP}|{_BARE_END})")),
    (CasualtyKind.SHOT, _c(rf"\b{_SHOOTING}\s+{_OWNER}{_Q}{_NOT_A_COUNT}(?:{_NP}|{_BARE_END})")),
    # "left 12 people dead", "leaving two wounded"
    (CasualtyKind.KILLED, _c(rf"\b(?:left|leaving|leaves)\s+{_Q}{_NOT_A_COUNT}{_NP}?\s+dead\b")),
    (
        CasualtyKind.INJURED,
        _c(
            rf"\b(?:left|leaving|leaves)\s+{_Q}{_NOT_A_COUNT}{_NP}?\s+"
            r"(?:\w+\s+)?(?:injured|wounded|hurt|hospitali[sz]ed)\b"
        ),
    ),
    (
        CasualtyKind.KILLED,
        _c(
            r"\b(?:death\s+toll\s+(?:\S+\s+){0,3}?(?:to|at|of|reached|hit|is|was)|"
            rf"(?:toll|fatalities)\s+(?:rose|rises|climbed|stands|stood)\s+(?:to|at))\s+{_Q}"
        ),
    ),
    # "one of five people shot outside the bar": the group is the total
    (
        CasualtyKind.SHOT,
        _c(
            rf"\bof\s+(?:the\s+)?{_Q}{_NOT_A_COUNT}\s+(?:{_MOD}){{0,2}}?{_VICTIM}\s+"
            r"(?:shot|wounded|injured|hurt)\b"
        ),
    ),
    # "put three women in the hospital", "sending four victims to the hospital": hit, some of
    # whom may have died there
    (
        CasualtyKind.SHOT,
        _c(
            rf"\b(?:put|putting|puts|sent|sending|landed)\s+{_Q}{_NOT_A_COUNT}{_NP}?\s+"
            r"(?:in|into|to)\s+(?:the\s+|a\s+)?hospitals?\b"
        ),
    ),
    # "three gunshot victims", "the four victims were"
    (
        CasualtyKind.SHOT,
        _c(
            rf"\b(?:the|all|of\s+the)\s+{_Q}{_NOT_A_COUNT}\s+(?:\w+\s+)?"
            r"(?:shooting\s+|gunshot\s+)?victims\b"
        ),
    ),
    (CasualtyKind.SHOT, _c(rf"\b{_Q}{_NOT_A_COUNT}\s+(?:shooting|gunshot)\s+victims\b")),
)
# "four people were shot, one fatally" / "two of them fatally"
_FATALLY = _c(
    rf"\bshot\b[^.;]{{0,60}}?,\s*(?:including\s+)?{_Q}(?:\s+of\s+them|\s+\w+)?\s+"
    r"(?:fatally|critically|seriously)"
)
# "Four men coming from a repast were shot, one fatally": the total sits further back.
_SHOT_TOTAL = _c(
    rf"\b{_Q}{_NOT_A_COUNT}\s+(?:[a-z'-]+,?\s+){{0,14}}?(?:were|have\s+been|had\s+been)\s+shot,"
    r"\s*(?:including\s+)?(?:one|two|three|\d+)(?:\s+of\s+them)?\s+fatally"
)
# "double homicide", "triple shooting", "quadruple murder"
_MULTIPLE = _c(
    rf"\b(?P<m>{'|'.join(MULTIPLES)})[\s-]+(?P<what>homicides?|murders?|killings?|slayings?|"
    r"fatal\s+shootings?|shootings?)\b"
)
# "murder-suicide", "double murder-suicide": the victims told by the adjective, and the killer
_MURDER_SUICIDE = _c(
    rf"\b(?:(?P<m>{'|'.join(MULTIPLES)})[\s-]+)?(?:murders?|homicides?|killings?)[\s-]+suicides?\b"
)
# "a second victim died", "the third person shot"
_ORDINAL = _c(
    rf"\b(?:a|the)\s+(?P<o>{'|'.join(ORDINALS)})\s+(?:\w+\s+)?(?:victim|person|man|woman|boy|"
    r"girl|teen|child|officer|suspect)\b(?P<rest>[^.;]{0,40})"
)
_PERP_KILLED = _c(
    rf"\b(?:(?P<q>{QUANTITY})\s+)?(?:of\s+the\s+)?(?:\w+\s+)?{_PERP}(?:,[^,]{{1,60}},|,?\s+who)?"
    r"\s+(?:(?:were|was|is|are|has\s+been|had\s+been|have\s+been)"
    rf"{_ADV}\s+{_KILLED_PRED}"
    # "the gunman then shot and killed a man": without "was", only dying is his own fate
    rf"|(?:also|later|then){_ADV}\s+(?:died|dies|succumbed|perished|lost\s+his\s+life))"
    rf"|\b(?:killed|shot\s+and\s+killed|fatally\s+shot|shot\s+dead|killing|fatally\s+shooting)"
    rf"\s+(?:the|a|an|one|both|two|all)\s+(?:\w+\s+)?{_PERP}\b"
    rf"|\b{_PERP}\s+(?:\S+\s+){{0,3}}?(?:killed|shot)\s+(?:himself|herself|themselves)"
    r"|\b(?:turn(?:ed|ing|s)?\s+(?:the|a|his|her)\s+(?:gun|weapon|rifle|handgun|shotgun|pistol)\s+on\s+"
    r"(?:himself|herself|themselves)|took\s+(?:his|her|their)\s+own\s+li(?:fe|ves)|"
    r"(?:killed|killing|kills)\s+(?:himself|herself|themselves)|committed\s+suicide|"
    r"blew\s+(?:himself|herself)\s+up)"
    r"|\b(?:then|before|after|and)\s+(?:(?!accidentally)\w+\s+)?shoot(?:ing)?\s+"
    r"(?:himself|herself)\b(?!\s+in\s+the)"
    r"|\b(?:then|before|and)\s+shot\s+(?:himself|herself)\b(?!\s+in\s+the)"
    r"|\b(?:died|dead)\s+(?:\w+\s+){0,3}?(?:of|from)\s+(?:an?\s+)?(?:apparent\s+)?"
    r"self-inflicted"
)
_SHOT_SELF = _c(
    r"\b(?:sho(?:t|ots?|oting)|wound(?:s|ed|ing)?)\s+(?:himself|herself|self|(?:his|her)\s+own\s+\w+)"
    r"\b"
)
# Words only a survivor's injury takes: a victim told this way is not the one who died.
_SURVIVED = _c(
    r"expected\s+to\s+(?:survive|recover)|(?:good|stable|fair)\s+condition|treated\s+and\s+released|"
    r"recovering|non-life|released\s+from"
)
_PLAIN_GUNSHOT = _c(r"(?:suffer|sustain)\w*\s+(?:from\s+)?(?:multiple\s+|a\s+)?gunshot\s+wounds?")
_OTHERS = _c(r"\bother")
# A count of these never includes the adult who killed them and himself.
_NOT_THE_KILLER = _c(
    r"\b(?:others?|children|kids|sons|daughters|boys|girls|babies|toddlers|grandchildren|"
    r"victims)\b"
)
_SELF = _c(r"himself|herself|themselves|\bself\b|own\s+li|suicide|self-inflicted")
_WITH_PERP = _c(
    rf"\b(?:including|includes|among\s+them|counting)\s+(?:the\s+|a\s+)?(?:\w+\s+)?{_PERP}\b"
)
# One victim, no number: "a 5-year-old girl died", "Smith was pronounced dead".
_NOT_SINGULAR_BEFORE = _c(
    r"(?:\b(?:no|not|nobody|none|anyone|anybody|no\s+one|never|nearly|almost|could\s+have|"
    r"would\s+have|might\s+have|may\s+have|if|whether|to\s+be|feared|suspects?|gunman|gunmen|"
    r"shooter|attacker|assailant|robber|intruder|burglar|dog|deer|animal|car|vehicle|house|"
    r"home|window|building)\s+(?:\w+\s+)?$)"
)
# Before a victim told as the object ("the gunman then killed her", "went to her house and
# killed her"), the subject is whoever acted: only a negation or a modal voids the act.
_NOT_ACTED_BEFORE = _c(
    r"(?:\b(?:no|not|nobody|none|no\s+one|never|nearly|almost|could\s+have|would\s+have|"
    r"might\s+have|may\s+have|if|whether|to\s+be|feared)\s+(?:\w+\s+)?$)"
)
_SINGULAR_KILLED = _c(
    r"\b(?:was|has\s+(?:since\s+)?been|had\s+been|is|got)\s+(?:(?:reportedly|later|also|"
    r"then|apparently|allegedly|eventually|subsequently|instantly|accidentally|"
    r"unintentionally|tragically)\s+)?"
    r"(?:killed|dead|slain|murdered|shot\s+dead|shot\s+to\s+death|stabbed\s+to\s+death|"
    r"shot\s+and\s+killed|fatally\s+(?:shot|wounded|injured|struck|hit)|gunned\s+down|"
    r"(?:pronounced|declared)\s+(?:clinically\s+|brain\s+)?dead|found\s+(?:shot\s+)?(?:dead|slain)|struck\s+and\s+killed)\b"
    r"|\b(?:he|she|who|victim|man|woman|boy|girl|teen|teenager|child|toddler|baby|infant|"
    r"person|student|officer|[a-z]+-year-old)\s+(?:\w+\s+)?(?:died|dies|has\s+died|succumbed)\b"
    rf"|\b(?:killing|killed|kills|shot\s+and\s+killed|shoots\s+and\s+kills|"
    rf"fatally\s+shot|fatally\s+shoots|fatally\s+shooting|shot\s+dead|"
    rf"(?:fatally|mortally)\s+(?:wounding|wounded|injuring|injured)|claimed\s+the\s+life\s+of|took\s+the\s+life\s+of|taking\s+the\s+life\s+of|"
    rf"(?:fatal\s+shootings?|shooting\s+deaths?|deaths?|killings?|murders?|slayings?|homicide)"
    rf"\s+of)\s+"
    rf"(?:(?:a|an|the|his|her|their|one|another)\s+(?:{_MOD}){{0,3}}?{_SINGULAR_VICTIM}|{_AGED})\b"
    r"|\blost\s+(?:his|her)\s+life\b|\b(?:died|dies)\b"
    # "a drive-by shooting that took her life"; "took her own life" is the killer's
    r"|\b(?:that|which)\s+(?:took|claimed)\s+(?:his|her)\s+life\b"
    r"|\b(?:killed|shot\s+and\s+killed|fatally\s+shot|fatally\s+shooting|shot\s+dead|"
    r"killing|fatally\s+wounding|fatally\s+wounded)\s+(?:him|her)\b"
    # A headline drops the article: "Shooting kills teen girl", "Gunman slays deputy".
    rf"|\b(?:kills|slays)\s+(?:{_MOD}){{0,2}}?{_SINGULAR_VICTIM}\b(?!-|\s+and\b|\s*,)"
)
_SINGULAR_INJURED = _c(
    r"\b(?:was|has\s+been|had\s+been|is|got|remains|remained)\s+(?:(?:reportedly|later|also|"
    r"then|apparently|still|listed|now)\s+)?"
    r"(?:(?:critically|seriously|severely|gravely|badly|slightly)\s+)?"
    r"(?:injured|wounded|hurt|grazed|hospitali[sz]ed|treated\s+and\s+released|"
    r"in\s+(?:critical|serious|stable|fair|good|grave|guarded)(?:\s+but\s+stable)?\s+condition|"
    r"recovering|expected\s+to\s+(?:survive|recover)|nursing\s+(?:a\s+)?(?:gunshot\s+)?wounds?)\b"
    r"|\bnon-life[\s-]threatening\b"
    r"|\b(?:and|while|with)\s+(?:another|one\s+other)(?:\s+\w+)?\s+(?:(?:was|is)\s+)?"
    r"(?:\w+\s+)?(?:injured|wounded|hurt)\b"
    r"|\b(?:remains?|remained|is|was|were|lies|lay)\s+(?:still\s+)?(?:in|at)\s+(?:the\s+|a\s+)?"
    r"(?:hospital|intensive\s+care)\b"
    r"|\b(?:he|she|victim|man|woman|boy|girl|teen|child|[a-z]+-year-old)\s+(?:\w+\s+)?"
    r"(?:suffered|sustained)\s+(?:a\s+|an\s+)?(?:\S+\s+){0,3}?(?:injuries|injury|wounds?)\b"
    rf"|(?<!fatally\s)(?<!mortally\s)\b(?:wounding|injuring|wounded|injured)\s+"
    rf"(?:a|an|the|his|her|one|another)\s+"
    rf"(?:{_MOD}){{0,3}}?{_SINGULAR_VICTIM}\b"
)
_SINGULAR_SHOT = _c(
    r"\b(?:was|has\s+been|had\s+been|is|got)\s+(?:(?:reportedly|also|then|apparently|"
    r"allegedly|accidentally|reportedly)\s+)?(?:shot|struck\s+by\s+(?:a\s+)?(?:stray\s+)?"
    r"(?:bullets?|gunfire)|hit\s+by\s+(?:a\s+)?(?:stray\s+)?(?:bullets?|gunfire))\b"
    r"(?!\s+(?:dead|to\s+death|and\s+killed|fatally|at\b))"
    rf"|\b(?:shot|shooting|shoots)\s+(?:a|an|his|her|their|one|another)\s+"
    rf"(?:{_MOD}){{0,3}}?{_SINGULAR_VICTIM}\b"
    r"|\b(?:shot|shooting|wounded|wounding)\s+(?:him|her)\b(?!self)"
    r"|\bwounding\s+of\s+(?:a|an|the|his|her|one|another)\b"
    r"|\bshooting\s+of\s+(?:a|an|the|his|her|one)\s+"
    rf"(?:{_MOD}){{0,3}}?{_SINGULAR_VICTIM}\b"
    # Headline and reduced relative: "13-year-old boy shot in the head", "teen wounded".
    rf"|\b{_SINGULAR_VICTIM}\s+(?:(?:accidentally|critically|seriously|fatally)\s+)?"
    r"(?:shot|wounded|injured|hurt)\b(?!\s+(?:and\s+killed|dead|to\s+death|by\s+police|his|her|"
    r"their|a|an|the|him|them|at|into|himself|herself|one|two|three|\d))"
)
# Headline and reduced relative: "Teen killed in Riviera Beach shooting", "a 16-year-old boy
# shot and killed late Friday".
_HEADLINE_KILLED = _c(
    rf"\b{_SINGULAR_VICTIM}\s+(?:shot\s+and\s+killed|killed|shot\s+dead|slain|found\s+dead|"
    r"gunned\s+down|shot\s+to\s+death|fatally\s+shot)\b"
    r"(?!\s+(?:his|her|their|a|an|the|him|them|\d|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|dozens?)\b)"
)
_MONTH_OR_DAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|"
    r"Christmas|Easter|Thanksgiving|New\s+Year)\b"
)
# A named victim as object, read on the original case: "killing Lewis", "killed 22-year-old
# Dashwan Smith", "claimed the life of Mr. Valentine", "wounding Smith".
_NAMED_OBJECT = (
    rf"\s+(?:(?:\d+|[a-z]+)-year-old\s+)?(?!{_MONTH_OR_DAY})(?:(?:Mr|Mrs|Ms|Dr|Officer|Deputy|"
    r"Sgt|Cpl|Trooper)\.?\s+)?[A-Z][a-z'’]+\b"
    r"(?!(?:\s+[A-Z][a-z'’]+)?(?:\s+and\s+[A-Z][a-z'’]+)?\s+(?:Street|St|Avenue|Ave|Road|Rd|"
    r"Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Park|Highway|streets|avenues|roads)\b)"
)
_NAMED_KILLED = _c(
    r"\b(?:killing|killed|shot\s+and\s+killed|fatally\s+(?:shot|shooting|wounded|wounding)|"
    r"shot\s+dead|claimed\s+the\s+life\s+of|took\s+the\s+life\s+of|murdered|murdering|"
    r"(?:shooting\s+)?deaths?\s+of|killings?\s+of|murders?\s+of|slayings?\s+of)"
    rf"{_NAMED_OBJECT}"
)
_NAMED_HIT = _c(rf"(?<!the\s)(?<!a\s)\b(?:shot|shooting|striking|struck){_NAMED_OBJECT}")
_NAMED_INJURED = _c(
    rf"(?<!fatally\s)(?<!mortally\s)\b(?:wounding|wounded|injuring|injured){_NAMED_OBJECT}"
)
_FATAL_EVENT = _c(
    r"(?<!non-)(?<!non)(?<!non\s)\b(?:fatal|deadly|fatally)\s+(?:\w+\s+)?(?:shooting|stabbing|shootout)\b|"
    r"\bshooting\s+deaths?\b|\bmurder-suicide\b"
)
_KIN = (
    r"(?:wife|husband|son|daughter|sons|daughters|mother|father|brother|sister|girlfriend|"
    r"boyfriend|fianc[ée]e?|partner|grandmother|grandfather|grandson|granddaughter|uncle|aunt|"
    r"nephew|niece|cousin|stepfather|stepson|stepdaughter|stepmother|mom|dad|child|children|"
    r"baby|friend|roommate|neighbor|ex-wife|ex-husband|ex-girlfriend|ex-boyfriend|grandchild|"
    r"grandchildren|grandsons|granddaughters|stepchildren|stepsons|stepdaughters|parents|kids|"
    r"brothers|sisters|cousins|friends|babies)"
)
# "The shooting left 18-year-old Anthony Ray dead": one named or described victim.
_LEFT_DEAD = _c(
    r"\bleft\s+(?!(?:scores|several|some|many|numerous|multiple|countless|few|a\s+few|"
    r"a\s+number|dozens|hundreds|thousands|tens|more|most|all|both)\b)(?:[^\s,;]+\s+){1,5}?dead\b"
)
# "Father and two children found dead", "a mother and her three sons were killed".
_GROUP_KILLED = _c(
    rf"\b{_SINGULAR_VICTIM}\s+and\s+(?:his\s+|her\s+|their\s+|the\s+)?{_Q}\s+"
    rf"(?:{_MOD}){{0,2}}?(?:{_PLURAL_VICTIM}|{_KIN})\s+(?:were\s+|are\s+|have\s+been\s+)?"
    r"(?:(?:all|both)\s+)?(?:found\s+(?:shot\s+)?dead|killed|dead|died|slain|shot\s+dead|"
    r"shot\s+to\s+death|shot\s+and\s+killed)\b"
)
# "A mother and son were found fatally shot", "three children and two adults were found dead",
# "Woman, boyfriend killed": victims told together as the subject of one death.
_ONE_OF_THEM = (
    rf"(?:(?:a|an|the|his|her|their|one)\s+)?(?:{_AGED}\s+)?(?:{_MOD}){{0,2}}?"
    rf"{_SINGULAR_VICTIM}(?!-)"
)
_SOME_OF_THEM = (
    rf"(?:(?:his|her|their)\s+)?(?P<q>{QUANTITY})\s+(?:{_MOD}){{0,2}}?(?:{_PLURAL_VICTIM}|{_KIN})"
)
_COUPLE = rf"(?:a|an|the)\s+(?:{_MOD}){{0,2}}?couple"
_MEMBER = rf"(?:{_SOME_OF_THEM.replace('(?P<q>', '(?:')}|{_COUPLE}|{_ONE_OF_THEM})\b"
_BARE = rf"(?:{_AGED}\s+)?{_SINGULAR_VICTIM}"
_TOGETHER_DEAD = (
    r"\s+(?:(?:were|are|have\s+been|had\s+been)\s+)?(?:(?:both|all|reportedly|later|each)\s+)?"
    r"(?:found\s+(?:shot\s+)?(?:dead|slain|murdered)|found\s+fatally\s+shot|killed|dead|died|"
    r"slain|shot\s+dead|shot\s+to\s+death|shot\s+and\s+killed|fatally\s+shot|pronounced\s+dead|"
    r"gunned\s+down|murdered)\b"
)
# "two children, ages 3 and 5, and their mother"
_AGES = r"\s*,\s*ages?\s+\d+(?:\s*(?:,|and|to)\s*\d+)*"
_TOGETHER_KILLED = _c(
    rf"\b(?P<members>{_MEMBER}(?:{_AGES})?(?:\s*,\s*{_MEMBER}(?:{_AGES})?){{0,3}}(?:\s*,)?"
    rf"\s+and\s+{_MEMBER}"
    rf"|{_BARE}(?:\s*,\s*{_BARE})+){_TOGETHER_DEAD}"
)
# "Man kills woman, her son, himself", "Neighbor killed man, grandmother, 2-month-old baby",
# "killed his wife, his son and his mother": several victims as the object of one killing.
_KILLED_LIST = _c(
    r"\b(?:kills|killed|killing|shoots\s+and\s+kills|shot\s+and\s+killed)\s+"
    rf"(?P<members>{_MEMBER}(?:\s*,\s*{_MEMBER})*(?:(?P<closed>\s*,?\s+and\s+){_MEMBER})?)"
    r"(?P<self>\s*,\s*(?:and\s+)?(?:himself|herself|self)\b)?"
)
_DETERMINER = _c(r"\b(?:a|an|the|his|her|their|one)\s")
_BARE_MEMBER = _c(rf"{_BARE}|{QUANTITY}\s+(?:{_PLURAL_VICTIM}|{_KIN})")
_MEMBER_PARTS = (
    (_c(_SOME_OF_THEM), None),
    (_c(_COUPLE), 2),
    (_c(_ONE_OF_THEM), 1),
)


def _together(members: str) -> int | None:
    """How many victims "a mother and her two sons" names; None when a part has no number."""
    total = 0
    members = re.sub(_AGES, "", members)
    for part in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", members):
        for pattern, fixed in _MEMBER_PARTS:
            told = pattern.fullmatch(part)
            if told:
                q = parse_quantity(told.group("q")) if fixed is None else Quantity(fixed)
                if q is None:
                    return None
                total += q.best
                break
        else:
            return None
    return total


# "killed Veondus Dennis and Antwan Wheeler", "shot and killed his wife, 34, and her mother":
# after the first victim, the name's rest and age, then each further listed victim.
_NAME_REST = _c(r"(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.))*(?:,\s*\d{1,3}(?=,|\s+and\b))?")
_NEXT_VICTIM = _c(
    r"(?P<sep>,\s*(?:and\s+)?|\s+and\s+)(?:(?P<kin>(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?"
    rf"{_KIN}\b|(?:a|an|another|one\s+other)\s+(?:{_MOD}){{0,2}}?{_SINGULAR_VICTIM}\b)|"
    rf"(?:(?:his|her|their)\s+)?(?P<q>{QUANTITY})\s+(?:{_MOD}){{0,2}}?(?:{_PLURAL_VICTIM}|{_KIN})\b|"
    # "killed an 18-year-old, 19-year-old and ...": two ages are two people, no apposition
    rf"(?P<aged>{_AGED})\b(?!\s+[A-Z])|"
    rf"(?:{_AGED}\s+)?(?!{_MONTH_OR_DAY}|Police|Officers?|Authorities|Investigators|Deputies|"
    r"Sheriff)[A-Z][a-z][\w'’-]*)"
)
_NAME = (
    r"(?:[A-Z][a-z][\w'’-]*|[A-Z]\.)(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.))*(?:,\s*\d{1,3}(?=,|\s+and\b))?"
)
# "Ronald Williams, 33, and Kendra Hill, 28, were killed": a list of named victims as subject.
_NAMED_SUBJECTS = _c(
    rf"\b(?P<names>{_NAME}(?:,\s*{_NAME})*,?\s+and\s+{_NAME}),?\s+"
    r"(?:were|have\s+been|had\s+been|both|all|each)\s+(?:\w+\s+)?"
    r"(?P<pred>(?:shot\s+and\s+)?killed|shot\s+to\s+death|pronounced\s+dead|died|dead|"
    r"(?:shot\s+and\s+)?(?:wounded|injured)|suffered|shot|hospitali[sz]ed|taken\s+to|treated)\b"
)
_ENDS_WITH_NAME = _c(r"\b[A-Z][\w'’-]*$")
_OBJECT_VERB = _c(
    r"(?:(?:fatally|mortally)\s+)?(?:shot\s+and\s+|shoots\s+and\s+|shooting\s+and\s+)?"
    r"(?:killing|killed|kills|shot|shoots|shooting|wounding|wounded|injuring|injured)\s"
)
_BY_ANOTHER = _c(rf"{_OBJECT_VERB.pattern}|\b(?:murders?|killings?|slayings?)\s+of\s")
_NEW_SUBJECT = _c(
    r"(?:\b(?:and|while|with|but|whereas)\s+(?:a|an|another|the\s+other|his|her|their|one|two|"
    r"[a-z]+-year-old)\b|;|\ba\s+(?:second|third)\b)"
)
_ALSO = _c(r"\balso\b")
_INCLUDING = _c(r"\bincluding\b")
# "he was shot and killed by police", "police shot and killed Zawahri", "officers fired on the
# suspect, killing him"
_POLICE = (
    r"(?:police|officers?|deputies|deputy|troopers?|agents?|swat|cops?|law\s+enforcement|"
    r"policemen|policeman)"
)
_BY_POLICE = _c(rf"\s+(?:\w+\s+)?by\s+(?:an?\s+|the\s+)?(?:\w+\s+){{0,2}}?{_POLICE}\b")
_POLICE_BEFORE = _c(
    rf"\b{_POLICE}\s+(?:\w+ly\s+|then\s+|later\s+|returned\s+fire,?\s+(?:and\s+)?|"
    r"fired\s+(?:on|at)\s+(?:the\s+)?\w+,\s+|opened\s+fire,?\s+)?$"
)
# "killed four classmates and himself", "killed two people and then himself"
_KILLING_VERB = _c(r"\b(?:killed|killing|kills)\b")
_AND_HIMSELF = _c(r"\b(?:and|then)\s+(?:then\s+)?(?:himself|herself)\b")
# A shot into oneself, no death told: "and shot himself", "after shooting herself".
_SHOT_ONESELF = _c(
    r"^(?:(?:then|before|after|and)\s+)?(?:(?!fatally|mortally)\w+\s+)?"
    r"(?:shot|shoots|shooting)\s+(?:himself|herself)$"
)
# "shot another teen, killing him": a pronoun points back to a victim already told.
_PRONOUN_OBJECT = _c(r"\s(?:him|her)$")
_ADDITIONAL = _c(r"\b(?:another|a\s+second|a\s+third|the\s+other|also|as\s+well)\b")
# A figure of a tally, not of the incident: "the 30th homicide this year", "last year 436".
_TALLY = _c(
    r"\b(?:this|so\s+far\s+this|each|every|per|a|the\s+past|the\s+previous)\s+"
    r"(?:year|decade)\b|\blast\s+decade\b|\bso\s+far\b|\byear[\s-]to[\s-]date\b|"
    r"\bsince\s+(?:january|jan\.|the\s+start|the\s+beginning|(?:19|20)\d\d)\b|\bannually\b|"
    r"\bnationwide\b|\bstatewide\b|\bacross\s+the\s+(?:country|nation|state)\b|"
    r"\bhomicides\b|\bpercent\b|\bper\s+cent\b|\b(?:in|over)\s+the\s+(?:past|last)\s+"
    r"(?:\w+\s+)?(?:years|months|decades)\b|\bsince\s+\d{4}\b|\b(?:19|20)\d\d\s+(?:and|to)\b|"
    r"\bsince\s+(?:last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|aug|sept?|oct|nov|dec)\b|\bthrough\s+the\s+end\s+of\b|\bof\s+(?:19|20)\d\d\b|"
    r"\bstat(?:istic)?s\b|\bthe\s+number\s+of\b|"
    r"\bin\s+(?:(?!are\b|is\b|were\b|was\b|investigating\b)\w+\s+){0,3}?shootings\b|\bthe\s+most\s+in\b|\bgun\s+violence\b|\bholiday\b|"
    r"\b(?:years|months|decades)\s+ago\b|\ba\s+(?:year|decade)\s+ago\b"
)
# A past date of the act itself, no tally: "shot and killed one of his friends in February",
# "a gunfight left a bystander dead ... last year". A follow-up report dates its own incident
# so; a later sentence dates an earlier one ("Walker was fatally shot in July").
_DATED_APART = _c(
    r"\blast\s+year\b|\b(?:in|for)\s+(?:19|20)\d\d\b|\bin\s+(?:january|february|march|april|"
    r"june|july|august|september|october|november|december)\b(?!\s+\d)"
)
# Not counted among the dead (ACLED counts people killed, not pregnancies lost).
_UNBORN = _c(r"\bunborn\b|\bfet(?:us|al)\b|\bfoetus\b|\bmiscarriage\b")
# A full stop with no space after it, between a word and a capital: "to rest.Kwame El-Amin".
_GLUED = _c(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
# Cheap gate: a sentence with none of these stems carries no casualty figure.
_GATE = _c(
    r"kill|dead|\bdie|death|fatal|slain|slay|murder|shot|shoot|wound|injur|hurt|hospital|"
    r"condition|\blives\b|\blife\b|toll|victim|gunfire|bullet|suicide|homicide|execut|perish|graz|"
    r"succumb|gunned|himself|herself|themselves|own\s+li|surviv"
)
# Second gate: the counted patterns need a number somewhere in the sentence.
_ANY_NUMBER = _c(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?|tens|both|"
    r"no|none|nobody|zero|couple|pair)\b"
)
_PERP_GATE = _c(
    r"gunm[ae]n|attacker|assailant|shooter|bomber|suspect|hijack|robber|burglar|intruder|"
    r"carjack|invader|perpetrator|himself|herself|themselves|suicide|own\s+li|self-inflicted"
)
_NEGATED = _c(r"\b(?:no|not|nobody|none|no\s+one|neither|nor)\b[^,;.]{0,25}$")


def _listed(sentence: str, end: int) -> int:
    """How many victims a list starting with the one that ends at ``end`` names.

    "A, B and C" names three; "his brother, Suhayb Hassan" or "Winslow, Goodyear said" name
    one (a comma without a closing "and" is an apposition, not a list).
    """
    if sentence.isupper():
        return 1  # all capitals: every word looks like a name
    items, pos, closed = 0, end, False
    named = _ENDS_WITH_NAME.search(sentence, 0, end) is not None
    while items < 10:
        pos = _NAME_REST.match(sentence, pos).end()  # type: ignore[union-attr]
        item = _NEXT_VICTIM.match(sentence, pos)
        if item is None or (closed and "and" not in item.group("sep")):
            break
        counted = item.group("q") is not None
        aged = item.group("aged") is not None
        if "and" not in item.group("sep") and not (named or counted or aged or item.group("kin")):
            named, pos = True, item.end()  # "his father, Samir Zawahri": the same person
            continue
        closed = closed or "and" in item.group("sep") or aged
        quantity = parse_quantity(item.group("q")) if counted else None
        named = item.group("kin") is None and not counted
        items, pos = items + (quantity.best if quantity else 1), item.end()
    return 1 + items if closed else 1


def _quantity(match: re.Match[str]) -> Quantity | None:
    text = match.group("q")
    return parse_quantity(text) if text is not None else None


# Digits after these are a date, an address, an age or a route, not a count.
_NOT_COUNT_BEFORE = _c(
    r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\b(?:in|on|since|at|"
    r"no\.|number|route|highway|interstate|i-|age|aged|ages|page|channel|until|from|of\s+the)"
    r"|\bof|[$#]|\b(?:between|ages?(?:\s+of)?)\s+[\d,\s]+(?:and|to|-)|\d\s*-)\s*$"
)
# "Smith, 33, of Lafayette, died": a number between commas after a name is an age.
_SINGULAR_VERB = _c(r"\s+(?:was|is|has)\b")
_AGE_AFTER = _c(r",|\s+of\b|\s+and\s+\w+,\s*\d")


def _plausible(
    quantity: Quantity | None, text: str, has_noun: bool, before: str, after: str
) -> bool:
    if quantity is None or not text[-1:].isdigit():
        return True
    if text == "911" or _NOT_COUNT_BEFORE.search(before):
        return False
    if before.endswith((",", ", ")) and _AGE_AFTER.match(after):
        return False
    if quantity.best > 1 and _SINGULAR_VERB.match(after):
        return False  # "Smith, 24 was shot": an age; a count above one takes "were"
    # A bare four-digit number is a year or an address, not a death toll.
    return has_noun or quantity.best < 1000 or "," in text


def find_casualties(sentence: str) -> list[CasualtyMention]:
    """Every casualty figure in one sentence, in order; overlapping figures keep the first."""
    lowered = sentence.lower().replace("’", "'")
    if not _GATE.search(lowered):
        return []
    tally = _TALLY.search(lowered) is not None
    dated = not tally and _DATED_APART.search(lowered) is not None
    glued = [m.end() for m in _GLUED.finditer(sentence)] if tally or dated else []
    if glued:
        # "He died Thursday at UK Hospital.Rashid met him in 1975": two sentences the splitter
        # left as one; the tally word of one says nothing of the other's figures.
        pieces: list[CasualtyMention] = []
        for start, end in itertools.pairwise([0, *glued, len(sentence)]):
            pieces += [
                replace(m, start=m.start + start, end=m.end + start)
                for m in find_casualties(sentence[start:end])
            ]
        return pieces
    found: list[CasualtyMention] = []
    taken: list[tuple[int, int]] = []
    with_perp = _WITH_PERP.search(lowered) is not None

    def add(
        kind: CasualtyKind,
        quantity: Quantity | None,
        start: int,
        end: int,
        *,
        singular: bool = False,
        additional: bool = False,
        by_another: bool = False,
        toll: bool = False,
    ) -> None:
        for a, b in taken:
            if start < b and a < end:
                return
        if kind is CasualtyKind.KILLED and _UNBORN.search(lowered, start, end):
            return  # "the death of an unborn baby": the mother's wound, no death of its own
        taken.append((start, end))
        found.append(
            CasualtyMention(
                kind,
                quantity,
                start,
                end,
                sentence[start:end],
                singular=singular,
                additional=additional,
                with_perpetrator=with_perp and kind is CasualtyKind.KILLED,
                self_inflicted=kind is CasualtyKind.PERPETRATORS_KILLED
                and _SELF.search(lowered, start, end) is not None,
                by_another=by_another,
                toll=toll,
                others=_OTHERS.search(lowered, start, end) is not None
                or (kind is CasualtyKind.SHOT and _ALSO.search(lowered, start, end) is not None),
            )
        )

    if tally:
        return []
    perp_told = _PERP_GATE.search(lowered) is not None
    for match in _PERP_KILLED.finditer(lowered) if perp_told else ():
        if _NEGATED.search(lowered[max(0, match.start() - 30) : match.start()]):
            continue
        q = _quantity(match) if match.groupdict().get("q") else None
        add(CasualtyKind.PERPETRATORS_KILLED, q or Quantity(1), match.start(), match.end())
    for match in _SHOT_SELF.finditer(lowered):
        if lowered[max(0, match.start() - 10) : match.start()].endswith(("fatally ", "mortally ")):
            add(CasualtyKind.PERPETRATORS_KILLED, Quantity(1), match.start() - 8, match.end())
            continue
        add(CasualtyKind.SHOT, Quantity(1), match.start(), match.end(), singular=True)
    for match in _MURDER_SUICIDE.finditer(lowered):
        # At least one victim and the killer; a toll told beside it counts him (with_perp).
        victims = MULTIPLES[match.group("m")] if match.group("m") else 1
        add(CasualtyKind.PERPETRATORS_KILLED, Quantity(1), match.start(), match.end())
        found.append(
            CasualtyMention(
                CasualtyKind.KILLED,
                Quantity(victims),
                match.start(),
                match.end(),
                sentence[match.start() : match.end()],
                singular=victims == 1,
                by_another=True,
            )
        )
    fatally = "fatally" in lowered
    for match in _SHOT_TOTAL.finditer(lowered) if fatally else ():
        add(
            CasualtyKind.SHOT,
            _quantity(match),
            match.start("q"),
            match.start("q") + len(match.group("q")),
        )
    graded = fatally or "critically" in lowered or "seriously" in lowered
    for match in _FATALLY.finditer(lowered) if graded else ():
        q = _quantity(match)
        if q is None:
            continue
        fatal = match.group(0).endswith("fatally")
        kind = CasualtyKind.KILLED if fatal else CasualtyKind.INJURED
        add(kind, q, match.start("q"), match.end())
    for match in _MULTIPLE.finditer(lowered):
        n = MULTIPLES[match.group("m")]
        what = match.group("what")
        kind = CasualtyKind.SHOT if what.startswith("shooting") else CasualtyKind.KILLED
        add(kind, Quantity(n), match.start(), match.end())
    counted = _COUNTED if _ANY_NUMBER.search(lowered) else ()
    for match in _GROUP_KILLED.finditer(lowered) if counted else ():
        q = _quantity(match)
        if q is not None:
            add(CasualtyKind.KILLED, Quantity(q.best + 1), match.start(), match.end(), toll=True)
    for match in _TOGETHER_KILLED.finditer(lowered):
        if _NEGATED.search(lowered[max(0, match.start() - 30) : match.start()]):
            continue
        together = _together(match.group("members"))
        if together is not None and together > 1:
            # "two children and an adult male found dead" may count the killer; children never
            parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", match.group("members"))
            toll = any(_NOT_THE_KILLER.search(part) is None for part in parts)
            add(CasualtyKind.KILLED, Quantity(together), match.start(), match.end(), toll=toll)
    for match in _KILLED_LIST.finditer(lowered):
        members = match.group("members")
        objects = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", members)
        headline = _DETERMINER.search(members) is None and all(
            _BARE_MEMBER.fullmatch(part) for part in objects
        )
        # "his wife, a 34-year-old teacher" is one woman: a list closes with "and" or the
        # killer himself, or is a headline's bare nouns
        if not match.group("self") and (
            len(objects) < 2 or not (match.group("closed") or headline)
        ):
            continue
        if _NOT_ACTED_BEFORE.search(lowered, max(0, match.start() - 40), match.start()):
            continue
        together = _together(members)
        if together is None:
            continue
        end = match.end("members")
        add(CasualtyKind.KILLED, Quantity(together), match.start(), end, by_another=True)
        if match.group("self"):
            add(CasualtyKind.PERPETRATORS_KILLED, Quantity(1), end, match.end())
    for kind, pattern in counted:
        for match in pattern.finditer(lowered):
            qtext = match.group("q")
            if qtext is None:
                continue
            if _NEGATED.search(lowered[max(0, match.start() - 30) : match.start()]):
                continue
            quantity = parse_quantity(qtext)
            if quantity is not None and quantity.best == 0 and kind is CasualtyKind.SHOT:
                continue
            has_noun = match.end("q") < match.end() and bool(
                re.match(r"\s+[a-z]", lowered[match.end("q") : match.end("q") + 2])
            )
            before = lowered[max(0, match.start("q") - 16) : match.start("q")]
            after = lowered[match.end("q") : match.end("q") + 12]
            if not _plausible(quantity, qtext, has_noun, before, after):
                continue
            collective = before.endswith(("family of ", "total of ", "group of "))
            singular_verb = match.groupdict().get("be") in ("is", "was", "has", "has been")
            if singular_verb and quantity and quantity.best > 1 and not collective:
                continue  # "Teen who shot 4, including 2 agents, is killed": not the four
            told = kind
            if kind is CasualtyKind.INJURED and _PLAIN_GUNSHOT.search(match.group(0)):
                told = CasualtyKind.SHOT  # "four women suffering from gunshot wounds": hit
            toll = told is CasualtyKind.KILLED and pattern is not _KILLING_COUNT
            if toll and dated:
                continue  # "In 2013, 415 people were killed": a year's toll, no one act's
            add(
                told,
                quantity,
                match.start("q"),
                match.end(),
                toll=toll and _NOT_THE_KILLER.search(match.group(0)) is None,
            )
    if _KILLING_VERB.search(lowered):
        for match in _AND_HIMSELF.finditer(lowered):
            verbs = list(_KILLING_VERB.finditer(lowered, 0, match.start()))
            if verbs and not _NOT_ACTED_BEFORE.search(lowered, 0, verbs[-1].start()):
                add(CasualtyKind.PERPETRATORS_KILLED, Quantity(1), match.start(), match.end())
    for match in _ORDINAL.finditer(lowered):
        rest = match.group("rest")
        n = ORDINALS[match.group("o")]
        if re.search(r"\b(?:died|dead|killed|fatally|succumbed)\b", rest):
            add(CasualtyKind.KILLED, Quantity(n, low=n), match.start(), match.end())
        elif re.search(r"\b(?:shot|wounded|injured|hurt|struck|hit)\b", rest):
            add(CasualtyKind.SHOT, Quantity(n, low=n), match.start(), match.end())
    for kind, pattern in (
        (CasualtyKind.KILLED, _SINGULAR_KILLED),
        (CasualtyKind.KILLED, _HEADLINE_KILLED),
        (CasualtyKind.KILLED, _LEFT_DEAD),
        (CasualtyKind.INJURED, _SINGULAR_INJURED),
        (CasualtyKind.SHOT, _SINGULAR_SHOT),
    ):
        for match in pattern.finditer(lowered):
            before = lowered[max(0, match.start() - 40) : match.start()]
            acted = _OBJECT_VERB.match(match.group(0)) is not None
            not_told = _NOT_ACTED_BEFORE if acted else _NOT_SINGULAR_BEFORE
            if not_told.search(before) or _NEGATED.search(before):
                continue
            additional = (
                _ADDITIONAL.search(before[-25:]) is not None
                or _ALSO.search(match.group(0)) is not None
            ) and _PRONOUN_OBJECT.search(match.group(0)) is None
            # Only a victim that is the object ("killed his wife", "death of a man") may open
            # a list; "a man was shot and killed, and three others were hurt" is no list.
            has_object = acted or " of " in match.group(0)
            listed = _listed(sentence, match.end()) if has_object else 1
            by_another = _BY_ANOTHER.match(match.group(0)) is not None
            add(
                kind,
                Quantity(listed),
                match.start(),
                match.end(),
                singular=listed == 1,
                additional=additional,
                by_another=by_another,
            )
    for kind, pattern in (
        (CasualtyKind.KILLED, _NAMED_KILLED),
        (CasualtyKind.INJURED, _NAMED_INJURED),
        (CasualtyKind.SHOT, _NAMED_HIT),
    ):
        for match in pattern.finditer(sentence):
            if _NEGATED.search(lowered[max(0, match.start() - 30) : match.start()]):
                continue
            listed = _listed(sentence, match.end())
            add(
                kind,
                Quantity(listed),
                match.start(),
                match.end(),
                singular=listed == 1,
                # "the death of Daylen" tells no one's act; "killing Lewis" does
                by_another=_BY_ANOTHER.match(lowered, match.start()) is not None,
            )
    if not sentence.isupper():
        for match in _NAMED_SUBJECTS.finditer(sentence):
            names = re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("names"))
            n = sum(1 for name in names if name[:1].isupper())
            pred = match.group("pred")
            kind = (
                CasualtyKind.KILLED
                if pred.startswith(
                    ("shot and k", "killed", "shot to", "pronounced", "died", "dead")
                )
                else CasualtyKind.SHOT
                if pred.startswith(("shot", "taken"))
                else CasualtyKind.INJURED
            )
            add(kind, Quantity(n), match.start(), match.end(), toll=True)
    for match in _FATAL_EVENT.finditer(lowered):
        add(CasualtyKind.KILLED, Quantity(1), match.start(), match.end(), singular=True)
    found.sort(key=lambda m: m.start)
    if dated:
        found = [replace(m, dated=True) for m in found]
    found = [
        replace(m, by_police=True)
        if m.kind is CasualtyKind.KILLED
        and m.singular
        and (
            _BY_POLICE.match(lowered, m.end)
            or (m.by_another and _POLICE_BEFORE.search(lowered, max(0, m.start - 40), m.start))
        )
        else m
        for m in found
    ]
    suicides = [
        m.start
        for m in found
        if m.kind is CasualtyKind.PERPETRATORS_KILLED
        and m.self_inflicted
        and _MURDER_SUICIDE.search(m.text.lower()) is None
        and _INCLUDING.search(lowered, max(0, m.start - 40), m.start) is None
    ]
    if suicides:
        # "left seven people dead before the gunman killed himself": a toll told before the
        # killer's own death is of his victims ("... then himself, leaving three dead" is not).
        found = [
            replace(m, toll=False)
            if m.kind is CasualtyKind.KILLED and m.toll and m.end <= max(suicides)
            else m
            for m in found
        ]
    deaths = [m for m in found if m.singular and m.kind is CasualtyKind.KILLED]
    if deaths:
        # "A man was killed and a woman wounded": in one sentence, two different victims;
        # "died after he shot himself" or "was shot and later pronounced dead" is one.
        found = [
            replace(m, beside_death=True)
            if m.singular
            and m.kind in (CasualtyKind.INJURED, CasualtyKind.SHOT)
            and _SELF.search(m.text.lower()) is None
            and any(_new_subject(lowered, m, d) for d in deaths)
            else m
            for m in found
        ]
    return found


def _new_subject(lowered: str, a: CasualtyMention, b: CasualtyMention) -> bool:
    first, second = (a, b) if a.start < b.start else (b, a)
    return _NEW_SUBJECT.search(lowered, first.end, second.start + 1) is not None


def _count(
    mentions: Sequence[CasualtyMention], kind: CasualtyKind
) -> tuple[int, CasualtyMention] | None:
    """The figure for one kind: the largest number told, or one per victim told singly."""
    numbered = [m for m in mentions if m.kind is kind and m.quantity is not None]
    if not numbered:
        return None
    best = max(numbered, key=lambda m: (m.quantity.best if m.quantity else 0, not m.singular))
    value = best.quantity.best if best.quantity else 0
    singles = [m for m in numbered if m.singular]
    if singles:
        # One more victim at most: a page often repeats its sentences, "also" and all.
        # "A man was shot ... another man was also shot": the second adds one; "also" alone
        # ("one died; a woman was also hurt") adds to another kind, not to this one.
        told = any(not m.additional for m in singles) + any(m.additional for m in singles)
        value = max(value, told)
    return value, best


def _as_figure(value: int, mention: CasualtyMention) -> CasualtyFigure:
    q = mention.quantity
    exact = q is not None and q.best == value
    return CasualtyFigure(
        best=value,
        low=q.low if exact and q else None,
        high=q.high if exact and q else None,
        text=mention.text,
    )


def combine_casualties(
    mentions: Sequence[CasualtyMention],
) -> tuple[CasualtyFigure | None, CasualtyFigure | None, CasualtyFigure | None]:
    """Killed, injured and perpetrators killed of one incident, from all its figures.

    Each kind takes its largest figure (a later, partial figure such as "one of them died"
    never lowers a total). Those shot count the killed and the injured together, so the
    injured are at least the shot minus the killed; a toll "including the gunman" is split
    into victims and perpetrators.
    """
    killed = _count(mentions, CasualtyKind.KILLED)
    injured = _count(mentions, CasualtyKind.INJURED)
    shot = _count(mentions, CasualtyKind.SHOT)
    perps = _count(mentions, CasualtyKind.PERPETRATORS_KILLED)
    killed_n = killed[0] if killed else 0
    perps_n = perps[0] if perps else 0
    if (
        perps is not None
        and killed is not None
        and killed_n == 1
        and all(m.self_inflicted for m in mentions if m.kind is CasualtyKind.PERPETRATORS_KILLED)
        and all(
            m.singular and not m.by_another and not m.additional
            for m in mentions
            if m.kind is CasualtyKind.KILLED
        )
    ):
        # "A 16-year-old girl fatally shot herself ... She died at the scene": one death, the
        # person who fired; no one else was killed.
        perps, perps_n = None, 0
    murder_suicide = any(
        m.kind is CasualtyKind.PERPETRATORS_KILLED and _MURDER_SUICIDE.search(m.text.lower())
        for m in mentions
    )
    # A killer who took his own life lies among those found dead ("two children and an adult
    # male were found dead ... he died of a self-inflicted wound"); a lone death is his victim.
    suicide = murder_suicide or (
        killed_n > 1
        and any(m.kind is CasualtyKind.PERPETRATORS_KILLED and m.self_inflicted for m in mentions)
    )
    if killed is not None and (killed[1].with_perpetrator or (suicide and killed[1].toll)):
        # "five dead, including the gunman"; in a murder-suicide "five found dead" counts the
        # killer too, while "killed his wife and two children" does not.
        perps_n = max(perps_n, 1)
        if perps is None:
            perps = (perps_n, killed[1])
        # Victims told as those he killed are all victims: "the man and the boy were found
        # dead" counts the killer, "kills woman, her son, himself" does not.
        apart = _count(
            [m for m in mentions if m.by_another and not m.with_perpetrator], CasualtyKind.KILLED
        )
        killed_n = max(killed_n - perps_n, apart[0] if apart else 0)
        killed = (killed_n, killed[1])
    if killed is None and all(
        _SHOT_ONESELF.search(m.text.lower())
        for m in mentions
        if m.kind is CasualtyKind.PERPETRATORS_KILLED
    ):
        # "a boy got hold of a loaded gun and shot himself": with no death told anywhere, a
        # shot into oneself is a wound, not a suicide.
        shot_self = [m for m in mentions if m.kind is CasualtyKind.PERPETRATORS_KILLED]
        if shot_self and shot is None and injured is None:
            shot = (1, replace(shot_self[0], kind=CasualtyKind.SHOT))
        perps, perps_n = None, 0
    if (
        killed is not None
        and killed_n > 1
        and perps_n == 0
        and not killed[1].with_perpetrator
        and not killed[1].by_police
        and any(m.by_police for m in mentions)
    ):
        # "Five are dead after a gunman rampaged ... police shot and killed Zawahri": a toll of
        # several and one killed by the police, the gunman they stopped.
        perps_n = 1
        perps = (1, next(m for m in mentions if m.by_police))
    lone_death = killed_n == 1 and all(
        m.singular and not m.additional for m in mentions if m.kind is CasualtyKind.KILLED
    )
    if lone_death and all(
        m.singular
        and not m.additional
        and not m.beside_death
        and not m.by_another
        and _SURVIVED.search(m.text.lower()) is None
        for m in mentions
        if m.kind in (CasualtyKind.INJURED, CasualtyKind.SHOT)
    ):
        # "Pinkerton was critically injured ... the 2-year-old has died": one victim, told
        # wounded in one sentence and dead in another.
        injured = shot = None
    injured_n = injured[0] if injured else 0
    if shot is not None:
        # Those shot count the dead too, unless told as the others: "five others were shot".
        hurt = shot[0] if shot[1].others else shot[0] - killed_n
        if hurt > injured_n:
            injured = (hurt, shot[1])
    return (
        _as_figure(*killed) if killed else None,
        _as_figure(*injured) if injured else None,
        _as_figure(perps_n, perps[1]) if perps else None,
    )
