"""Actors, their canonical names and types, and their roles in an act."""

from __future__ import annotations

import pytest

from worker.domain import ActorRole, ActorType
from worker.extraction.actors import assign_roles, attributions, find_actors
from worker.extraction.triggers import find_triggers


def _canonicals(sentence: str, *, upper: bool = False) -> list[str]:
    return [m.canonical for m in find_actors(sentence, upper_case_text=upper)]


def _roles(sentence: str) -> dict[str, tuple[ActorRole, bool]]:
    mentions = find_actors(sentence)
    roles: dict[str, tuple[ActorRole, bool]] = {}
    for trigger in find_triggers(sentence):
        for actor in assign_roles(sentence, trigger, mentions):
            roles.setdefault(actor.canonical, (actor.role, actor.claimed))
    return roles


@pytest.mark.parametrize(
    "sentence",
    [
        "ISIS fighters attacked the town.",
        "IS claimed the bombing.",
        "The ISIL militants withdrew.",
        "Daesh attacked the village.",
        "The Islamic State attacked the village.",
        "The Islamic State's fighters attacked the village.",
    ],
)
def test_islamic_state_aliases_are_one_actor(sentence: str) -> None:
    assert _canonicals(sentence)[0] == "Islamic State"


def test_irgc() -> None:
    (irgc,) = find_actors("The IRGC fired missiles.")
    assert (irgc.canonical, irgc.actor_type, irgc.country_code) == (
        "Islamic Revolutionary Guard Corps",
        ActorType.STATE_FORCES,
        "IR",
    )


def test_acronyms_that_are_words_need_their_case() -> None:
    assert _canonicals("This is the place.") == []
    assert _canonicals("THE ATTACK IS OVER, POLICE SAID.", upper=True) == ["Police Forces"]
    assert _canonicals("MEMBERS OF THE FMLN ATTACKED THE POST.", upper=True) == ["FMLN"]
    assert _canonicals("THE ARMY OF NATIONAL LIBERATION (ELN) ATTACKED.", upper=True) == [
        "ELN",
        "ELN",
    ]


def test_demonym_gives_the_country() -> None:
    (forces,) = find_actors("Iranian forces fired missiles.")
    assert (forces.canonical, forces.country_code) == ("Military Forces of Iran", "IR")


def test_country_lookup_is_pluggable() -> None:
    def lookup(word: str) -> tuple[str, str] | None:
        return ("MZ", "Mozambique") if word == "mozambican" else None

    (troops,) = find_actors("Mozambican troops entered the town.", countries=lookup)
    assert (troops.canonical, troops.country_code) == ("Military Forces of Mozambique", "MZ")


def test_generic_perpetrators() -> None:
    assert _canonicals("Unidentified gunmen killed two farmers.")[0] == "Unidentified Armed Group"
    assert _canonicals("Paid assassins killed the judge.")[0] == "Unidentified Armed Group"
    assert _canonicals("Drug traffickers bombed the office.")[0] == "Drug Traffickers"


def test_perpetrator_and_target() -> None:
    roles = _roles("Gunmen shot dead three villagers.")
    assert roles["Unidentified Armed Group"] == (ActorRole.PERPETRATOR, False)
    assert roles["Civilians"][0] is ActorRole.TARGET


def test_a_man_who_opens_fire_is_the_perpetrator() -> None:
    assert _roles("A man opened fire at a party.")["Civilians"][0] is ActorRole.PERPETRATOR
    assert _roles("A man was shot on Main Street.")["Civilians"][0] is ActorRole.TARGET


def test_passive_agent_is_the_perpetrator() -> None:
    roles = _roles("Two soldiers were killed by Boko Haram militants.")
    assert roles["Boko Haram"][0] is ActorRole.PERPETRATOR


def test_claimed_responsibility_is_kept_as_a_claim() -> None:
    roles = _roles("The Islamic State claimed responsibility for the attack.")
    assert roles["Islamic State"] == (ActorRole.PERPETRATOR, True)


def test_blame_and_denial_are_claims() -> None:
    assert _roles("Officials blamed the Taliban for the bombing.")["Taliban"] == (
        ActorRole.PERPETRATOR,
        True,
    )
    assert _roles("The Taliban denied carrying out the attack.")["Taliban"] == (
        ActorRole.PERPETRATOR,
        True,
    )


def test_attribution_without_a_trigger() -> None:
    sentence = "WE ARE ALMOST SURE THAT THIS WAS DONE BY THE FMLN."
    (fmln,) = attributions(sentence, find_actors(sentence, upper_case_text=True))
    assert (fmln.canonical, fmln.role, fmln.claimed) == ("FMLN", ActorRole.PERPETRATOR, True)


def test_gazetteer_demonyms_fill_the_gaps_of_the_table() -> None:
    from worker.extraction.actors import gazetteer_countries

    asked: list[str] = []

    def country_code(word: str) -> str | None:
        asked.append(word)
        return "MZ" if word.lower() == "mozambican" else None

    lookup = gazetteer_countries(country_code)
    assert lookup("Mozambican") == ("MZ", "Mozambique")
    assert lookup("Iranian") == ("IR", "Iran")  # the built-in table answers first
    assert lookup("the") is None and lookup("Mozambican") == ("MZ", "Mozambique")
    assert asked == ["Mozambican"]  # cached; words that are never demonyms are not asked
    (troops,) = find_actors("Mozambican troops entered the town.", countries=lookup)
    assert (troops.canonical, troops.country_code) == ("Military Forces of Mozambique", "MZ")
