"""Reader for CASE 2021 task 2 (``case2021_task2/test.jsonl``) and its mapping onto the taxonomy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# CASE label -> taxonomy sub-event type. DIPLO, ATTRIB, ORG_CRIME, NATURAL_DISASTER and
# MAN_MADE_DISASTER have no counterpart in the taxonomy and are left out of the scores.
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
    "OTHER": "other",
}


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
