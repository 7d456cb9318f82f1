from __future__ import annotations

from worker.domain import Article
from worker.extraction import clean_input
from worker.extraction.cleaning import clean_article
from worker.extraction.language import detect_language

RAW = (
    "SUGHED: Iranian forces retaliate against ISIS BY CARLO MUÑOZ\n"
    "Tehran retaliated against the Islamic State in Syria Monday with a missile barrage.\n"
    "Related: Iran blames the U.S.\n"
    "• Carlo Muñoz can be reached at cmunoz@washingtontimes.com.\n"
    "Please read our comment policy before commenting."
)


def test_slug_byline_and_footer_are_dropped() -> None:
    clean = clean_article(RAW, None)
    assert clean.title == "Iranian forces retaliate against ISIS"
    body = clean.text[clean.body_start :]
    assert body.strip() == (
        "Tehran retaliated against the Islamic State in Syria Monday with a missile barrage."
    )


def test_offsets_map_back_to_the_original_text() -> None:
    clean = clean_article(RAW, None)
    start = clean.text.index("missile barrage")
    mapped = clean.to_original(start, start + len("missile barrage"))
    assert mapped is not None
    assert RAW[mapped[0] : mapped[1]] == "missile barrage"


def test_site_boilerplate_is_dropped_and_posted_line_kept_apart() -> None:
    raw = (
        "You must enter the characters with black color that stand out from the other characters\n"
        "\n"
        "Teen shot Posted: Tuesday, January 28, 2014 8:18 PM EST Updated: Friday, "
        "February 28, 2014 8:27 PM EST\n\n"
        "A 17-year-old was shot in Hermitage Tuesday evening, police said.\n\n"
        "Twitter\n\nShare this: Facebook\n\nCopyright 2014 WSMV. All rights reserved."
    )
    clean = clean_article(raw, "Teen shot")
    body = clean.text[clean.body_start :]
    assert body.strip() == "A 17-year-old was shot in Hermitage Tuesday evening, police said."


def test_dateline_is_read_and_removed() -> None:
    clean = clean_article("DETROIT - A man was shot on the east side Monday night.", "Man shot")
    assert clean.dateline == "DETROIT"
    assert clean.text[clean.body_start :].startswith("A man was shot")


def test_a_dateline_on_a_line_of_its_own_is_read_not_dropped_as_furniture() -> None:
    clean = clean_article(
        "BLACKFOOT, Idaho -\n\nEastern Idaho authorities say a boy shot his brother.", "Boy shot"
    )
    assert clean.dateline == "BLACKFOOT, Idaho"
    assert clean.text[clean.body_start :].startswith("Eastern Idaho authorities")


def test_a_dateline_with_a_source_and_no_dash_is_read() -> None:
    clean = clean_article("EUTAW, Ala. (AP) Authorities say a boy has been shot.", "Boy shot")
    assert clean.dateline == "EUTAW, Ala."
    assert clean.text[clean.body_start :].startswith("Authorities say")
    clean = clean_article("SAN DIEGO (CBS 8) - Officials identified three people.", "Three dead")
    assert clean.dateline == "SAN DIEGO"


def test_a_dateline_after_a_summary_and_a_caption_is_read() -> None:
    raw = (
        "Miami police are trying to piece together what led to a shooting. (Source: CBS4)\n\n"
        "South Florida Crime Crime Coverage\n\n"
        "MIAMI (CBSMiami) – Drugs may have been at the center of a shooting over the weekend "
        "which left two women dead."
    )
    clean = clean_article(raw, "Two women dead")
    assert clean.dateline == "MIAMI"
    assert "Drugs may have been" in clean.text


def test_a_dateline_may_name_the_county_after_the_town() -> None:
    raw = "SNOWVILLE, Box Elder County — A 4-year-old boy was shot in the foot on Sunday."
    clean = clean_article(raw, "Boy shot")
    assert clean.dateline == "SNOWVILLE, Box Elder County"
    assert clean.text[clean.body_start :].startswith("A 4-year-old boy")


def test_a_mixed_case_dateline_may_end_in_a_postal_code_and_a_station() -> None:
    raw = "Felton, MN (WDAY TV) - The Clay County Sheriff's Office is investigating."
    clean = clean_article(raw, "Girl shot")
    assert clean.dateline == "Felton, MN"
    assert clean.text[clean.body_start :].startswith("The Clay County")


def test_a_capitalised_heading_without_a_dash_is_no_dateline() -> None:
    clean = clean_article("LIVE IN SOUTHWEST HARRIS COUNTY,\n\nThe mother grieves.", "Boy shot")
    assert clean.dateline is None


def test_language_detection() -> None:
    assert detect_language("The army denied today that the guerrillas attacked the farm") == "en"
    assert detect_language("El ejército negó hoy que los guerrilleros atacaran la finca") == "es"
    assert detect_language("Die Armee hat bestätigt, dass der Angriff in der Nacht war") == "de"


def test_a_long_article_is_analysed_up_to_a_line_end_before_the_limit() -> None:
    lead = "Two men were shot dead in Dayton on Sunday, police said."
    text = (
        lead
        + "\n\n"
        + "\n\n".join(f"Neighbour {i} said it was a sad day for the town." for i in range(40))
    )
    clean = clean_input(Article("a", text, title="Shooting"), max_chars=300)
    assert clean.text.startswith("Shooting\n\n" + lead)
    assert len(clean.text) <= len("Shooting\n\n") + 300
    assert clean.text.rstrip().endswith("town.")  # no line is cut in the middle
    assert (
        clean_input(Article("a", lead, title="Shooting"), max_chars=300)
        .text.rstrip()
        .endswith(lead)
    )


def test_one_long_line_is_cut_at_a_word() -> None:
    text = "word " * 100
    clean = clean_input(Article("a", text, title=""), max_chars=52)
    assert clean.text.strip().split() == ["word"] * 10
