"""Trigger words and the sub-event type of a sentence, on hand-built sentences."""

from __future__ import annotations

import pytest

from worker.extraction.actors import assign_roles, find_actors
from worker.extraction.triggers import find_triggers, type_segment


def _kinds(sentence: str) -> list[str]:
    return [t.sub_event_type for t in find_triggers(sentence)]


def _type(sentence: str) -> str | None:
    """The sub-event type the sentence reports, as assembly types one stretch of text."""
    triggers = find_triggers(sentence)
    if not triggers:
        return None
    mentions = find_actors(sentence)
    actors = [a for t in triggers for a in assign_roles(sentence, t, mentions)]
    return type_segment(sentence, 0, len(sentence), triggers, mentions=mentions, actors=actors)


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        ("A suicide bomber blew himself up at a checkpoint, killing five.", "suicide_bomb"),
        ("Two militants detonated explosives, killing themselves.", "suicide_bomb"),
        ("A drone strike killed three militants on Tuesday.", "air_drone_strike"),
        ("Warplanes pounded rebel positions overnight.", "air_drone_strike"),
        ("Israeli jets fired missiles at targets near Damascus.", "air_drone_strike"),
        ("Rebels fired mortars into the town, wounding four.", "shelling_artillery_missile_attack"),
        ("Artillery shelled the village for hours.", "shelling_artillery_missile_attack"),
        ("A rocket attack hit the base.", "shelling_artillery_missile_attack"),
        ("A roadside bomb struck a bus, killing nine.", "remote_explosive_landmine_ied"),
        ("A car bomb exploded outside the hotel.", "remote_explosive_landmine_ied"),
        (
            "Two children were killed when they stepped on a landmine.",
            "remote_explosive_landmine_ied",
        ),
        ("An IED went off next to a police van.", "remote_explosive_landmine_ied"),
        ("Attackers threw a hand grenade into the bar.", "grenade"),
        ("Government forces used chlorine gas on the district.", "chemical_weapon"),
        ("Gunmen opened fire on worshippers at a mosque, killing 12.", "attack"),
        ("A man was stabbed to death outside a bar.", "attack"),
        ("Soldiers raped several women in the village.", "sexual_violence"),
        ("Gunmen kidnapped 20 students from a school.", "abduction_forced_disappearance"),
        ("Troops clashed with rebels near the border.", "armed_clash"),
        ("Taliban fighters attacked a checkpoint, killing 12 soldiers.", "armed_clash"),
        ("Militants attacked an army base, killing four soldiers.", "armed_clash"),
        ("Security forces killed 20 suspected rebels in the north.", "armed_clash"),
        ("Thousands of demonstrators marched peacefully through the capital.", "peaceful_protest"),
        (
            "Police fired tear gas to disperse protesters in the capital.",
            "protest_with_intervention",
        ),
        ("Police arrested dozens of protesters at the rally.", "protest_with_intervention"),
        (
            "Security forces opened fire on protesters, killing three.",
            "excessive_force_against_protesters",
        ),
        ("Protesters threw stones at police and set tyres on fire.", "violent_demonstration"),
        ("Rioters torched cars and looted shops.", "violent_demonstration"),
        ("An angry mob lynched a man accused of theft.", "mob_violence"),
        ("The army retook the town from the militants on Sunday.", "government_regains_territory"),
        ("Government forces recaptured the village of Kafr Nabl.", "government_regains_territory"),
        ("Militants seized the town of Tal Afar.", "non_state_actor_overtakes_territory"),
        (
            "Rebels captured the district centre after heavy fighting.",
            "non_state_actor_overtakes_territory",
        ),
        (
            "The militants entered the town without any resistance.",
            "non_violent_transfer_of_territory",
        ),
        ("Police arrested five suspected militants in a raid.", "arrests"),
        ("The two sides signed a ceasefire agreement on Friday.", "agreement"),
        ("Over 150 fighters surrendered to government forces.", "agreement"),
        ("Army engineers defused a roadside bomb near the bridge.", "disrupted_weapons_use"),
        ("Police seized 20 rifles and 500 rounds of ammunition.", "disrupted_weapons_use"),
        ("Explosive devices were found in a canal near the zoo.", "disrupted_weapons_use"),
        ("Air defences intercepted two missiles over the city.", "disrupted_weapons_use"),
        (
            "Turkish forces set up a new observation post in Idlib.",
            "headquarters_or_base_established",
        ),
        ("Dozens of shops were looted overnight.", "looting_property_destruction"),
        ("The army deployed troops to the border region.", "change_to_group_activity"),
        ("About 160 soldiers defected from the army.", "change_to_group_activity"),
        ("Some 7,000 people have fled their villages.", "other"),
    ],
)
def test_sub_event_types(sentence: str, sub_event_type: str) -> None:
    assert _type(sentence) == sub_event_type


def test_missile_barrage_is_shelling() -> None:
    assert _kinds("Units fired six ballistic missiles into the city of Albu Kamal") == [
        "shelling_artillery_missile_attack"
    ]


def test_street_shooting_is_an_attack() -> None:
    assert _type("Four people were shot on Sunday.") == "attack"
    assert _type("Two gunmen shot a police officer outside a store.") == "attack"


def test_exchange_of_fire_is_a_clash() -> None:
    assert _type("The suspect exchanged fire with officers before he was killed.") == "armed_clash"


def test_murder_suicide_is_no_suicide_bomb() -> None:
    assert _type("Police said the deaths were a murder-suicide.") == "attack"


def test_riot_police_do_not_make_a_riot() -> None:
    assert _type("Riot police chased demonstrators through the streets.") == (
        "protest_with_intervention"
    )


def test_labour_strike_is_a_protest() -> None:
    assert _type("Teachers went on strike over unpaid wages.") == "peaceful_protest"
    assert _type("The strike by nurses entered its third day.") == "peaceful_protest"


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        # the act the sentence reports, not the background clause after it
        ("The two sides agreed a ceasefire after the worst fighting in decades.", "agreement"),
        ("Some 7,000 people have fled their villages because of Boko Haram attacks.", "other"),
        (
            "Soldiers were killed after their vehicle hit a landmine.",
            "remote_explosive_landmine_ied",
        ),
        # weapons found are weapons found, whatever they are
        (
            "An arms cache containing hand grenades was discovered in the forest.",
            "disrupted_weapons_use",
        ),
        # a shooting rampage is no riot, a party that turned violent no demonstration
        ("The gunman went on a shooting rampage, killing four.", "attack"),
        ("A house party turned violent and two people were shot.", "attack"),
        # aircraft hit by shells are targets, not attackers
        (
            "Shelling of the airport damaged two passenger planes.",
            "shelling_artillery_missile_attack",
        ),
        # rocket-propelled grenades are fired from a launcher
        (
            "Militants fired rocket-propelled grenades at the convoy.",
            "shelling_artillery_missile_attack",
        ),
        # the mastermind of an old bombing arrested
        ("The alleged mastermind of the bombing was taken into custody.", "arrests"),
        ("Soldiers captured two NPA camps in the mountains.", "government_regains_territory"),
        ("Militants seized five passengers from the bus.", "abduction_forced_disappearance"),
        ("Protesters clashed with police outside parliament.", "violent_demonstration"),
        ("Projectiles were thrown at police during the demonstration.", "violent_demonstration"),
        (
            "Dozens were injured as security forces fired rubber bullets and tear gas.",
            ("excessive_force_against_protesters"),
        ),
    ],
)
def test_typing_in_context(sentence: str, sub_event_type: str) -> None:
    assert _type(sentence) == sub_event_type


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        ("Angry protesters ransacked the governor's residence.", "violent_demonstration"),
        ("Students boycotted classes to protest the fee increase.", "peaceful_protest"),
        # the grievance of a protest is no intervention
        ("Lawyers went on strike to protest the arrest of a colleague.", "peaceful_protest"),
        ("Villagers beat two suspected thieves to death.", "mob_violence"),
    ],
)
def test_protest_and_crowd_forms(sentence: str, sub_event_type: str) -> None:
    assert _type(sentence) == sub_event_type


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        # weapons found or cleared, however many and however phrased
        (
            "Soldiers cleared more than 23,000 landmines across the province.",
            "disrupted_weapons_use",
        ),
        ("Rocket bombs have been identified by fishermen on the beach.", "disrupted_weapons_use"),
        # the act a target is accused of is background
        (
            "Jets launched airstrikes on militants it accused of carrying out a chlorine attack.",
            "air_drone_strike",
        ),
        # a missile base is a place; an army bombs from the air, a militant plants a bomb
        ("Israel bombed a missile base north of Damascus.", "air_drone_strike"),
        ("Militants bombed a bus in Quetta.", "remote_explosive_landmine_ied"),
        # a politician's rally is no protest: the activists' arrest is the news
        ("Activists were detained before President Kenyatta's rally.", "arrests"),
    ],
)
def test_wider_phrasings(sentence: str, sub_event_type: str) -> None:
    assert _type(sentence) == sub_event_type


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        # territory: a deserted place taken, an advance into a place
        (
            "The militants seized a strategically located but deserted rocket-launching site.",
            "non_violent_transfer_of_territory",
        ),
        (
            "Rebel fighters advanced into the village on Friday.",
            "non_state_actor_overtakes_territory",
        ),
        # tunnels and mass graves found are the news, not the killing they tell of
        ("Soldiers found a network of tunnels used by the militants.", "other"),
        ("Mass graves contained the bodies of soldiers massacred by the militants.", "other"),
        # throwing things into a fire or at the police is rioting; a grenade stays a grenade
        ("A demonstrator threw a fence into a fire during the protest.", "violent_demonstration"),
        ("Militants threw a grenade at soldiers.", "grenade"),
        # what protesters demand is their grievance, not an intervention
        ("They demanded the release of demonstrators detained at the rally.", "peaceful_protest"),
        # ... but only the demand's own clause: the tear gas after it is this protest's
        (
            "Calling for the release of detained leaders, protesters marched through the city; "
            "police fired tear gas.",
            "protest_with_intervention",
        ),
        # people arrested for organising protests: arrests, whatever the sentence's first word
        (
            "The security service continues to detain people who organise demonstrations.",
            "arrests",
        ),
        # explosions heard are a sound of the attack the sentence tells
        (
            "Militants attacked the army base, with explosions and gunfire heard inside.",
            "armed_clash",
        ),
        (
            "An explosion was heard as the bomb went off near the market.",
            "remote_explosive_landmine_ied",
        ),
    ],
)
def test_acts_told_beside_others(sentence: str, sub_event_type: str) -> None:
    assert _type(sentence) == sub_event_type


def test_an_ongoing_campaign_is_no_single_act() -> None:
    assert _kinds("The coalition has been bombing the rebels since the end of March.") == []
    assert _type("The army has been shelling the town since Monday.") == (
        "shelling_artillery_missile_attack"
    )


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        # a crowd gathered is a demonstration; the force of another day is its background
        (
            "Tens of thousands of opponents of the coup gathered on Sunday, undeterred by the "
            "day when security forces opened fire on protesters.",
            "peaceful_protest",
        ),
        ("Hundreds of farmers gathered outside the parliament.", "peaceful_protest"),
        # a crowd at a match is no demonstration
        ("Hundreds of people gathered at the stadium to watch the final.", None),
    ],
)
def test_crowds_gathered(sentence: str, sub_event_type: str | None) -> None:
    assert _type(sentence) == sub_event_type


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        # attacks on things with no one hurt destroy property, even in economic prose
        (
            "The association said the attacks on properties of its members weighed on the economy.",
            "looting_property_destruction",
        ),
        (
            "Xenophobic attacks on foreign-owned shops continued on Monday.",
            ("looting_property_destruction"),
        ),
        # ... but people hurt make it an attack on them
        ("Gunmen launched attacks on homes in the village, killing four.", "attack"),
    ],
)
def test_attacks_on_property(sentence: str, sub_event_type: str) -> None:
    assert _type(sentence) == sub_event_type


def test_a_terrorist_sect_mobilising_changes_its_activity() -> None:
    assert _type("The terrorist sect is mobilising its members in the north.") == (
        "change_to_group_activity"
    )
    assert _type("The union is mobilising its members in the north.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Thousands protested against rising prices in Nairobi on Monday.",
        "Hundreds of students protested against the new law outside parliament.",
        "Opposition supporters protested against the election results in Kinshasa.",
    ],
)
def test_what_a_protest_is_against_is_no_figure_of_speech(sentence: str) -> None:
    assert "peaceful_protest" in {t.sub_event_type for t in find_triggers(sentence)}


def test_protesting_ones_innocence_is_no_protest() -> None:
    sentence = "The suspect protested his innocence in court on Tuesday."
    assert not [t for t in find_triggers(sentence) if "protest" in t.sub_event_type]
