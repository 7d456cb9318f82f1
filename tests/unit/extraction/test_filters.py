"""What is not an incident: metaphors, negated, hypothetical, threatened or future acts,
accidents and disasters, and arrests for ordinary crime."""

from __future__ import annotations

import pytest

from worker.extraction.triggers import find_triggers, is_irrealis


def _kinds(sentence: str) -> list[str]:
    return [t.sub_event_type for t in find_triggers(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        # metaphors
        "The senator launched a blistering attack on the budget.",
        "Shares were hammered after the earnings report.",
        "The club fired the coach after a string of defeats.",
        "The singer shot to fame with her first album.",
        "He died of a heart attack.",
        "Tech stocks exploded higher as investors piled in.",
        "The country is sitting on a social time bomb.",
        "We will continue to win this battle against terrorism.",
        "Officers executed a search warrant at the home.",
        "The movie bombed at the box office.",
        "A man is suspected of having attacked the campaign website of a candidate.",
        # ordinary theft
        "Police recovered stolen property after a burglary investigation.",
        # negated
        "Police said no shots were fired.",
        "The army denied reports of fighting in the town.",
        # hypothetical, threatened, future
        "The group threatened to attack the embassy.",
        "Militants plan to bomb the bridge.",
        "Rebels could strike the capital at any time.",
        "If the talks fail, rebels will attack the capital.",
        "Officials warned of attacks during the holiday.",
        "The push to retake Hajin is part of the third phase of the campaign.",
        "The government vowed to crush the rebellion.",
        "He called for an end to the killings.",
        "Is this the end of the ceasefire?",
        # not a shooting
        "The video was allegedly shot moments before the fighters arrived.",
        # accidents and disasters
        "Ten people were killed in a plane crash near the airport.",
        "An explosion at a fireworks warehouse killed 15 people.",
        "The earthquake killed more than 500 people.",
        "A chemical leak at the plant killed ten people.",
        "The tanker was struck by a bulk carrier.",
        # ordinary crime
        "Police arrested two men for smuggling drugs across the border.",
        "Police intercepted a suspected human trafficker.",
        # weapons programmes and tests
        "The sanctions target the missile and nuclear programmes.",
    ],
)
def test_not_an_incident(sentence: str) -> None:
    assert _kinds(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # "no one was hurt" does not negate the bombing
        ("A bomb exploded near the market; no one was hurt.", "remote_explosive_landmine_ied"),
        # a denial is about who did it, not whether it happened
        ("The Taliban denied carrying out the attack.", "generic"),
        ("No group has claimed the attack.", "generic"),
        ("It was not immediately clear who carried out the shooting.", "attack"),
        ("Police said the man opened fire before officers arrived.", "attack"),
        # an arrest linked to a conflict is an event
        ("Police arrested two suspected militants in the city.", "arrests"),
    ],
)
def test_still_an_incident(sentence: str, kind: str) -> None:
    assert kind in _kinds(sentence)


def test_threat_and_future_are_irrealis() -> None:
    sentence = "Insurgents threatened to attack polling stations."
    assert is_irrealis(sentence, sentence.index("attack"))
    sentence = "Insurgents attacked polling stations."
    assert not is_irrealis(sentence, sentence.index("attacked"))


def test_disaster_article_makes_its_explosions_accidents() -> None:
    from worker.extraction.triggers import is_disaster_text

    article = "A fire broke out at the chemical plant. Then the explosion shook the town."
    assert is_disaster_text(article)
    assert _kinds("Then the explosion shook the town.")
    assert find_triggers("Then the explosion shook the town.", disaster_context=True) == []
    assert not is_disaster_text("Militants planted a bomb at the plant. The explosion killed two.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Photo by Greg Lynch of the Herald.",
        "The shooting happened near Battle Creek on Sunday.",
        "Neighbours are rallying around the family.",
        "Canada imposed new sanctions in response to the alleged chemical attack.",
        "His brother regained composure and called 911.",
        "The suspect was captured in Memphis on Friday.",
        "The agency for alcohol, tobacco, firearms and explosives joined the probe.",
        "The ceasefire violations continued on Sunday.",
    ],
)
def test_names_and_other_readings(sentence: str) -> None:
    kinds = _kinds(sentence)
    assert not {
        "mob_violence",
        "armed_clash",
        "peaceful_protest",
        "chemical_weapon",
        "government_regains_territory",
        "non_state_actor_overtakes_territory",
        "remote_explosive_landmine_ied",
        "agreement",
    } & set(kinds), kinds


@pytest.mark.parametrize(
    "sentence",
    [
        # acts in general, not one act
        "There are only some bombings and shootings that will not lead to anything.",
        "The enemy expresses itself through kidnappings, extortion and terrorism.",
        "These gangs had participated in most of the murders of the country's leaders.",
        # rhetoric and possibility
        "We continue to battle terrorism.",
        "People of different persuasions can reach agreement.",
        "He suggested that orders be issued to allow shooting at masked men.",
        "The report that the ambassador's daughter was wounded by gunfire is absolutely unfounded.",
        "They want to destroy the hopes of the people.",
    ],
)
def test_generalities_and_rhetoric_are_not_incidents(sentence: str) -> None:
    assert _kinds(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # "the shooting" presupposes a shooting, whatever is said about its motive
        ("Police have not said what may have prompted the shooting.", "attack"),
        ("There is no motive for the shooting.", "attack"),
        ("The guards were able to repel the surprise attack.", "generic"),
        ("He has a life-threatening gunshot wound.", "attack"),
        ("Police said she witnessed the May 3 killing.", "attack"),
        ("Five teenagers were shot after a basketball tournament.", "attack"),
        ("Shots were fired around 4:30 a.m.", "attack"),
        ("A woman described the shooting scene to friends.", "attack"),
        ("Many people were killed in clashes in the capital.", "armed_clash"),
        ("Protesters staged a sit-in outside parliament.", "peaceful_protest"),
    ],
)
def test_real_acts_survive_the_filters(sentence: str, kind: str) -> None:
    assert kind in _kinds(sentence)
