"""Reader for CASE 2021 task 2 (``case2021_task2/test.jsonl``) and its mapping onto the taxonomy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# CASE label -> taxonomy sub-event type. The CASE labels are ACLED's sub-event types under
# other names, so the mapping is one to one.
CASE_TO_TAXONOMY: dict[str, str] = {
    "AIR_STRIKE": "air_drone_strike",
    "ARMED_CLASH": "armed_clash",
    "SUIC_BOMB": "suicide_bomb",
    "PEACE_PROTEST": "peaceful_protest",
    "VIOL_DEMONSTR": "violent_demonstration",
    "GRENADE": "grenade",
    "GOV_REGAINS_TERIT": "government_regains_territory",
    "CHEM_WEAP": "chemical_weapon",
    "ART_MISS_ATTACK": "shelling_artillery_missile_attack",
    "REM_EXPLOS": "remote_explosive_landmine_ied",
    "ARREST": "arrests",
    "AGREEMENT": "agreement",
    "CHANGE_TO_GROUP_ACT": "change_to_group_activity",
    "ATTACK": "attack",
    "NON_STATE_ACTOR_OVERTAKES_TER": "non_state_actor_overtakes_territory",
    "FORCE_AGAINST_PROTEST": "excessive_force_against_protesters",
    "SEX_VIOL": "sexual_violence",
    "PROTEST_WITH_INTER": "protest_with_intervention",
    "HQ_ESTABLISHED": "headquarters_or_base_established",
    "PROPERTY_DISTRUCT": "looting_property_destruction",
    "NON_VIOL_TERRIT_TRANSFER": "non_violent_transfer_of_territory",
    "ABDUCT_DISSAP": "abduction_forced_disappearance",
    "MOB_VIOL": "mob_violence",
    "DISR_WEAP": "disrupted_weapons_use",
    "OTHER": "other",  # displacement, mass graves: ACLED's strategic development "other"
}
# Labels outside the taxonomy whose snippets report no incident of ours: disasters (an
# earthquake, a factory explosion), diplomacy (sanctions, expelled diplomats) and ordinary
# crime (smuggling, robbery, counterfeiting). The right output for them is no incident.
CASE_NO_INCIDENT: frozenset[str] = frozenset(
    {"NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ORG_CRIME"}
)
# ATTRIB (a claim of responsibility) is outside the taxonomy too, but its snippets name the
# attack claimed ("IS claimed the car bomb that killed eight"): an incident is a fair output,
# so ATTRIB is scored neither way.
CASE_UNSCORED: frozenset[str] = frozenset({"ATTRIB"})


@dataclass(frozen=True, slots=True)
class CaseExample:
    id: str
    text: str
    label: str

    @property
    def half(self) -> str:
        """Deterministic split of the only (test) file: odd ids tune, even ids report."""
        return "tune" if int(self.id) % 2 == 1 else "report"


def read_case(data_dir: Path) -> Iterator[CaseExample]:
    with (data_dir / "case2021_task2" / "test.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            yield CaseExample(str(row["id"]), row["text"], row["label"])
