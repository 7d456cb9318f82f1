"""Casualty figures read off hand-built newswire sentences; how an incident's figures combine."""

from __future__ import annotations

import pytest

from worker.extraction.casualties import CasualtyKind, combine_casualties, find_casualties


def _figures(sentence: str) -> list[tuple[str, int | None]]:
    return [
        (m.kind.value, m.quantity.best if m.quantity else None) for m in find_casualties(sentence)
    ]


def _combined(*sentences: str) -> tuple[int | None, int | None, int | None]:
    mentions = [m for s in sentences for m in find_casualties(s)]
    killed, injured, perps = combine_casualties(mentions)
    return (
        killed.best if killed else None,
        injured.best if injured else None,
        perps.best if perps else None,
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen killed two dozen villagers.", [("killed", 24)]),
        ("At least 20 people were killed in the attack.", [("killed", 20)]),
        ("More than 100 people were wounded.", [("injured", 100)]),
        ("Dozens of people were injured.", [("injured", 12)]),
        ("Hundreds of people were hurt.", [("injured", 100)]),
        ("Two or three people died.", [("killed", 2)]),
        ("Half a dozen officers were injured.", [("injured", 6)]),
        ("2 dead, 3 hurt in shooting", [("killed", 2), ("injured", 3)]),
        ("Two men were wounded.", [("injured", 2)]),
        ("Three others were taken to the hospital.", [("shot", 3)]),
        ("The gunman opened fire, killing four and wounding six.", [("killed", 4), ("injured", 6)]),
        ("Police found three men shot to death in a car.", [("killed", 3)]),
        ("The shooting left one man dead and three more injured.", [("killed", 1), ("injured", 3)]),
    ],
)
def test_counted_figures(sentence: str, expected: list[tuple[str, int | None]]) -> None:
    assert _figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Scores of civilians were killed.",
        "Several people were wounded.",
        "Some residents were hurt.",
        "Many people died.",
    ],
)
def test_vague_figures_give_no_number(sentence: str) -> None:
    assert all(m.quantity is None or m.singular for m in find_casualties(sentence))
    assert all(not (m.quantity and m.quantity.best > 1) for m in find_casualties(sentence))


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("A man was shot and killed Sunday night.", "killed"),
        ("Smith was pronounced dead at the scene.", "killed"),
        ("He was flown to a hospital where he was pronounced clinically dead.", "killed"),
        ("He has since been declared clinically dead, deputies said.", "killed"),
        ("She was the victim of a drive-by shooting that took her life.", "killed"),
        ("He died at the hospital two days later.", "killed"),
        ("Police said the shooting claimed the life of 47-year-old Michael Matthews.", "killed"),
        ("A gunman opened fire, killing Lewis.", "killed"),
        ("A 17-year-old was critically injured.", "injured"),
        ("The woman is in stable condition.", "injured"),
        ("A man was shot in the leg.", "shot"),
    ],
)
def test_one_victim_without_a_number(sentence: str, kind: str) -> None:
    mentions = find_casualties(sentence)
    assert [(m.kind.value, m.quantity.best if m.quantity else None) for m in mentions] == [
        (kind, 1)
    ]
    assert mentions[0].singular


@pytest.mark.parametrize(
    "sentence",
    [
        "It was the city's 30th homicide this year.",
        "Through the end of October 436 people were murdered in Chicago.",
        "In 2013, 415 people were killed in the city.",
        "Anyone with information is asked to call (323) 344-5731.",
        "The shooting happened at 3:45 p.m. in the 1100 block of Main Street.",
        "Hunters killed 90,280 deer through the first three days of the season.",
        "The man planned to kill hundreds.",
        "No one was charged with the killing of the 9 year olds last year.",
    ],
)
def test_numbers_that_are_no_casualty_figure(sentence: str) -> None:
    assert [m for m in find_casualties(sentence) if m.quantity and m.quantity.best > 1] == []


def test_an_age_is_not_a_count() -> None:
    assert _figures("Jillian Johnson, 33, of Lafayette, died at the hospital.") == [("killed", 1)]
    assert _figures("Calvin Williams, 24 was shot in the chest.") == [("shot", 1)]
    assert _figures("Five men between the ages of 21 and 58 were shot.") == [("shot", 5)]


def test_no_one_injured_is_zero() -> None:
    assert _figures("No one else was injured.") == []
    assert _figures("No one was injured.") == [("injured", 0)]


def test_four_shot_one_fatally() -> None:
    assert _figures("Four people were shot, one fatally, on Sunday.") == [
        ("shot", 4),
        ("killed", 1),
    ]
    assert _combined("Four people were shot, one fatally, on Sunday.") == (1, 3, None)


def test_shot_total_far_from_its_verb() -> None:
    sentence = "Four men coming from a funeral were shot, one fatally, on Friday."
    assert _combined(sentence) == (1, 3, None)


def test_killed_and_injured_separate() -> None:
    assert _combined("One man was killed and three others were injured.") == (1, 3, None)
    assert _combined("The attack ended with 12 dead and 42 wounded.") == (12, 42, None)


def test_shot_then_died_is_killed_not_injured() -> None:
    assert _combined("A man was shot on Elm Street.", "He died at the hospital.") == (1, None, None)


def test_second_victim_raises_the_toll() -> None:
    assert _combined("A man was shot and killed.", "A second victim died Monday.") == (
        2,
        None,
        None,
    )


def test_attackers_killed_count_apart() -> None:
    assert _combined("The gunman killed three people before turning the gun on himself.") == (
        3,
        None,
        1,
    )
    assert _combined("Police shot and killed the suspect.") == (None, None, 1)
    mentions = find_casualties("The gunman then shot himself.")
    assert [m.kind for m in mentions] == [CasualtyKind.PERPETRATORS_KILLED]


def test_toll_including_the_gunman_is_split() -> None:
    assert _combined("Five people are dead, including the gunman.") == (4, None, 1)


def test_murder_suicide_is_one_victim_and_the_killer() -> None:
    assert _combined("Police are investigating an apparent murder-suicide.") == (1, None, 1)


def test_a_tally_word_of_a_sentence_glued_on_keeps_out_of_the_figures() -> None:
    glued = "He died Thursday at UK Hospital.Rashid met him in 1975 at the park."
    assert _figures(glued) == [("killed", 1)]
    assert not any(m.dated for m in find_casualties(glued))
    assert all(
        m.dated for m in find_casualties("He died at the hospital where he was born in 1975.")
    )
    assert _figures("He died at the hospital, his 30th patient this year.") == []


def test_a_double_murder_suicide_is_two_victims_and_the_killer() -> None:
    assert _combined("Police investigate an apparent double murder-suicide.") == (2, None, 1)


def test_victims_he_killed_are_not_split_from_a_toll_counting_him() -> None:
    assert _combined(
        "Police found both the man and the boy dead.",
        "Man kills woman, her son, himself",
    ) == (2, None, 1)


def test_accidental_self_shooting_is_an_injury() -> None:
    mentions = find_casualties("A 10-year-old boy accidentally shot himself in the leg.")
    assert [m.kind for m in mentions] == [CasualtyKind.SHOT]
    assert _combined("A 10-year-old boy accidentally shot himself in the leg.") == (None, 1, None)


def test_multiple_in_the_adjective() -> None:
    assert _figures("Police are investigating a double homicide.") == [("killed", 2)]
    assert _figures("Man sentenced in quadruple shooting") == [("shot", 4)]


def test_headline_and_body_keep_the_largest_total() -> None:
    assert _combined("3 killed, 2 hurt in shooting", "One of the victims died at the scene.") == (
        3,
        2,
        None,
    )


def test_listed_victims_are_counted() -> None:
    assert _figures("Thomas shot and killed Veondus Dennis and Antwan Wheeler on May 10.") == [
        ("killed", 2)
    ]
    assert _figures("Police say he killed his wife, 34, and her mother at the house.") == [
        ("killed", 2)
    ]
    assert _figures("Ronald Williams, 33, and Kendra Hill, 28, were killed.") == [("killed", 2)]


def test_apposition_is_not_a_list() -> None:
    assert _figures(
        "The boy admitted to accidentally shooting his brother, Suhayb, police said."
    ) == [("shot", 1)]
    assert _figures("The gun went off, killing Winslow, Goodyear said.") == [("killed", 1)]


def test_one_victim_wounded_then_dead_is_one_death() -> None:
    assert _combined(
        "Kendal Pinkerton was critically injured in the shooting Tuesday.",
        "The 2-year-old has died.",
    ) == (1, None, None)


def test_survivor_beside_a_death_stays_injured() -> None:
    assert _combined("A man was shot and killed.", "His brother is expected to survive.") == (
        1,
        1,
        None,
    )
    assert _combined("One man was killed and another injured on Elm Street.") == (1, 1, None)


def test_child_who_fatally_shot_himself_is_one_death() -> None:
    assert _combined(
        "A 16-year-old girl fatally shot herself while inspecting the gun.",
        "She died at the scene.",
    ) == (1, None, None)


def test_others_shot_are_besides_the_dead() -> None:
    assert _combined("Spears had been shot and killed.", "Five others had been shot.") == (
        1,
        5,
        None,
    )


def test_gunshot_wounds_are_hits_not_survivals() -> None:
    assert _combined(
        "Officers found four women suffering from gunshot wounds.",
        "Two women died at the scene.",
    ) == (2, 2, None)


def test_a_singular_verb_does_not_take_a_count() -> None:
    assert _figures("Teen who shot 4, including 2 ATF agents, is killed by police") == [
        ("shot", 4),
        ("killed", 1),
    ]
    assert _figures("A family of five was found dead in the house.") == [("killed", 5)]


def test_headlines_without_auxiliary() -> None:
    assert _figures("Teen killed in Riviera Beach shooting") == [("killed", 1)]
    assert _figures("13-year-old boy shot in the head") == [("shot", 1)]


def test_one_of_a_group_shot_gives_the_group() -> None:
    assert _combined(
        "Police say one of five people shot outside the bar early Sunday has died."
    ) == (1, 4, None)


def test_also_adds_a_victim_of_the_same_kind_only() -> None:
    assert _combined("A man was shot in the leg.", "Another man was also shot.") == (None, 2, None)
    assert _combined("One man died at the scene.", "A woman was also injured.") == (1, 1, None)


def test_listed_objects_with_counts_and_ages() -> None:
    assert _figures("She killed her 30-year-old daughter and two young grandchildren.") == [
        ("killed", 3)
    ]
    assert _figures(
        "He killed Elizabeth Flores and 7-year-old Xavier Neff and 2-year-old Sofia."
    ) == [("killed", 3)]


def test_a_group_found_dead() -> None:
    assert _figures("Father and two children found dead inside of home") == [("killed", 3)]
    assert _figures("The shooting left 18-year-old Anthony D. Ray dead.") == [("killed", 1)]


def test_a_victim_then_others_is_no_list() -> None:
    assert _combined(
        "A 29-year-old man was shot and killed, and three other people were injured."
    ) == (1, 3, None)


def test_murder_suicide_toll_counts_the_killer() -> None:
    assert _combined("Five found dead", "Police called it a murder-suicide.") == (4, None, 1)
    assert _combined(
        "Murray murders-suicide",
        "Police say the man fatally shot his fiancee, Jaime Salazar, 34, and their son, Jordan.",
    ) == (2, None, 1)
    assert _combined("Two children found dead", "Police called it a murder-suicide.") == (
        2,
        None,
        1,
    )


def test_killing_himself_counts_the_killer() -> None:
    assert _combined(
        "Investigators said a woman shot and killed her two daughters before killing herself."
    ) == (2, None, 1)


def test_a_non_fatal_shooting_is_no_death() -> None:
    assert _figures("In the most recent non-fatal shooting, a teen was shot in the leg.") == [
        ("shot", 1)
    ]
    assert _figures("The latest nonfatal shooting happened Tuesday.") == []


def test_another_victim_closes_a_list() -> None:
    assert _figures("He opened fire, killing her and another woman.") == [("killed", 2)]


def test_the_subject_of_a_killing_is_not_its_victim() -> None:
    assert _figures("He showed up at her house and killed her.") == [("killed", 1)]
    assert _figures("The gunman then shot and killed a man.") == [("killed", 1)]
    assert _figures("It could have killed her.") == []


def test_a_pronoun_victim_adds_no_one() -> None:
    assert _combined(
        "Police say he accidentally shot another teen, killing him.", "One teen is dead."
    ) == (1, None, None)


def test_a_killer_told_dead_or_dying() -> None:
    assert _figures("The gunman was killed by police.") == [("perpetrators_killed", 1)]
    assert _figures("The suspect later died at the hospital.") == [("perpetrators_killed", 1)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A mother and son were found fatally shot Thursday morning.", 2),
        ("The man and woman were pronounced dead at the scene.", 2),
        ("Woman, boyfriend killed in daytime shooting", 2),
        ("A 21-year-old woman and a 22-year-old man were shot and killed there.", 2),
        ("Two civilians and one police officer were killed Friday.", 3),
        ("A couple and their two young children were found dead inside their home.", 4),
    ],
)
def test_victims_told_together(sentence: str, expected: int) -> None:
    assert _figures(sentence) == [("killed", expected)]


def test_victims_told_together_without_a_number_give_none() -> None:
    assert _figures("A man and his children were found dead.") == []
    assert _figures("It is not known whether a man and a woman were killed.") == []


def test_a_toll_beside_a_suicide_counts_the_killer_once() -> None:
    assert _combined(
        "Two children and an adult male were found dead in the apartment.",
        "The man appeared to have died of a self-inflicted gunshot wound.",
    ) == (2, None, 1)
    assert _combined("The rampage left seven people dead before the gunman killed himself.") == (
        7,
        None,
        1,
    )
    assert _combined(
        "He shot a woman and a child before turning the gun on himself, leaving three dead."
    ) == (2, None, 1)


def test_shot_himself_with_no_death_told_is_a_wound() -> None:
    assert _combined(
        "A two-year-old boy who got his hands on a loaded gun and shot himself is in the hospital."
    ) == (None, 1, None)
    assert _combined("He killed his wife and then shot himself.") == (1, None, 1)
    assert _combined("The gunman shot two men before fatally shooting himself.") == (None, 2, 1)


def test_deaths_of_a_list_count_each() -> None:
    assert _figures(
        "He is accused in the shooting deaths of a mother and her 8-year-old daughter."
    ) == [("killed", 2)]
    assert _figures("He is the suspect in the murders of Walesha Williams and her daughter.") == [
        ("killed", 2)
    ]


def test_the_death_of_a_named_victim_tells_no_killer() -> None:
    assert _combined(
        "The father of a 9-year-old boy who fatally shot himself Monday was charged.",
        "He was arraigned in the death of Daylen Head.",
    ) == (1, None, None)


def test_an_adverb_before_a_lone_death() -> None:
    assert _figures("A two-year-old girl was accidentally shot and killed Monday.") == [
        ("killed", 1)
    ]


def test_found_shot_to_death() -> None:
    assert _figures("Three people were found shot to death inside a car.") == [("killed", 3)]


def test_guilty_to_killing_is_an_act_not_an_intent() -> None:
    assert _figures("A man pleaded guilty to killing 4 in Ohio, trying to kill a 5th.") == [
        ("killed", 4)
    ]
    assert _figures("He planned to kill 5 people.") == []


def test_investigating_shootings_is_no_tally() -> None:
    assert _figures(
        "Police in Rockford are investigating shootings that killed two men and injured two."
    ) == [("killed", 2), ("injured", 2)]
    assert _figures("Eight people were killed in weekend shootings across the city.") == []


def test_classmates_and_grandchildren_are_victims() -> None:
    assert _figures("A student killed four classmates at the school.") == [("killed", 4)]
    assert _figures("He killed his 6 grandchildren at the house.") == [("killed", 6)]


def test_killed_others_and_himself() -> None:
    assert _combined("The student killed four classmates and himself in the fall.") == (4, None, 1)
    assert _combined("A gunman killed two people and then himself inside its lobby.") == (
        2,
        None,
        1,
    )
    assert _figures("He nearly killed his wife and himself.") == []


def test_one_killed_by_police_beside_a_toll_is_the_gunman() -> None:
    assert _combined(
        "Five are dead after a gunman rampaged through Santa Monica on Friday.",
        "The spree ended when police shot and killed Zawahri on the scene.",
    ) == (5, None, 1)
    assert _combined(
        "Four people were killed by a man before he was shot and killed by police Sunday night."
    ) == (4, None, 1)
    # a lone death told twice is one person
    assert _combined(
        "A man is dead after a shooting on Elm Street.", "He was shot and killed by police."
    ) == (1, None, None)
    assert _combined("Police said the man killed his wife.") == (1, None, None)


def test_several_victims_as_the_object_of_one_killing() -> None:
    assert _combined("Police: Man kills woman, her son, himself in Las Vegas") == (2, None, 1)
    assert _figures("Neighbor killed man, grandmother, 2-month-old baby, police say") == [
        ("killed", 3)
    ]
    assert _figures("He shot and killed his wife, his son and his mother.") == [("killed", 3)]
    assert _combined("Sheriff: 13-year-old kills 6-year-old brother, self") == (1, None, 1)


def test_an_apposition_or_a_second_verb_is_no_list() -> None:
    assert _figures("He killed his wife, a 34-year-old teacher, on Sunday.") == [("killed", 1)]
    assert [f for f in _figures("Bullet kills man, grazes child in home") if f[0] == "killed"] == []


def test_victims_told_together_with_their_ages() -> None:
    assert _combined(
        "Two children, ages 3 and 5, and their mother have been found dead in an apparent "
        "murder-suicide."
    ) == (2, None, 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "A 13-year-old boy accidentally shot and killed one of his friends in February.",
        "A gunfight left a bystander dead on Bourbon Street last year.",
        "A man accused of a double murder at a house party in 2013 appeared in court.",
    ],
)
def test_an_act_dated_back_keeps_its_figures_marked_dated(sentence: str) -> None:
    killed = [m for m in find_casualties(sentence) if m.kind is CasualtyKind.KILLED]
    assert killed
    assert all(m.dated for m in killed)


def test_a_tally_still_drops_its_figures() -> None:
    assert find_casualties("It was the city's 30th homicide this year.") == []
    assert find_casualties("Five people were killed in shootings across the city.") == []


def test_an_unborn_baby_is_not_counted_among_the_dead() -> None:
    assert _figures("The drive-by shooting resulted in the death of an unborn baby.") == []
    assert _figures("The shooting killed a pregnant woman, police said.") == [("killed", 1)]


def test_two_ages_after_a_killing_are_two_victims() -> None:
    sentence = "The shooting killed an 18-year-old, 19-year-old and left three others hospitalized."
    assert _combined(sentence) == (2, 3, None)
    assert _combined("The gunman killed a 34-year-old, Smith said.") == (1, None, None)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Shooting kills teen girl in Southwest Atlanta", [("killed", 1)]),
        ("Suspect & 2 Victims Shot, Killed In Home Invasion", [("killed", 2)]),
    ],
)
def test_headline_forms_without_article_or_conjunction(
    sentence: str, expected: list[tuple[str, int | None]]
) -> None:
    assert _figures(sentence) == expected


def test_an_attacker_killed_in_a_relative_clause_is_a_perpetrator_killed() -> None:
    sentence = (
        "A 16-year-old male and 20-year-old woman were slain by a home invader, "
        "who was fatally shot by another person."
    )
    assert _combined(sentence) == (2, None, 1)
