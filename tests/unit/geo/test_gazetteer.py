"""The gazetteer on the real package data (the seed article's places and classic traps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from worker.geo import Gazetteer, Place, ToponymMention, to_location

pytestmark = pytest.mark.slow

ALBU_KAMAL = 174448


def _mentions(text: str, *names: str) -> list[ToponymMention]:
    found = []
    for name in names:
        start = text.index(name)
        found.append(ToponymMention(name, start, start + len(name), "GPE"))
    return sorted(found, key=lambda m: m.start)


def _one(gazetteer: Gazetteer, text: str, name: str, *context: str) -> Place:
    mentions = _mentions(text, name, *context)
    places = gazetteer.resolve_all(mentions, text=text)
    place = places[[m.text for m in mentions].index(name)]
    assert place is not None
    return place


@pytest.mark.parametrize("spelling", ["Albu Kamal", "Abu Kamal", "Al-Bukamal", "Ālbū Kamāl"])
def test_spellings_of_albu_kamal(gazetteer: Gazetteer, spelling: str) -> None:
    places = gazetteer.lookup(spelling)
    assert places[0].geonames_id == ALBU_KAMAL
    assert places[0].country_code == "SY"
    assert places[0].admin1 == "Deir ez-Zor"


def test_seed_article_places(gazetteer: Gazetteer) -> None:
    text = (
        "Tehran fired missiles into the eastern Syrian city of Albu Kamal, after the attack in "
        "Ahvaz. Hajin lies north of Albu Kamal; the SDF drove ISIS from Raqqa. Iran and Syria."
    )
    names = ("Tehran", "Albu Kamal", "Ahvaz", "Hajin", "Raqqa", "Iran", "Syria")
    mentions = _mentions(text, *names)
    got = {
        m.text: p for m, p in zip(mentions, gazetteer.resolve_all(mentions, text=text), strict=True)
    }
    assert {n: (p.country_code, p.kind) for n, p in got.items() if p} == {
        "Tehran": ("IR", "city"),
        "Albu Kamal": ("SY", "city"),
        "Ahvaz": ("IR", "city"),
        "Hajin": ("SY", "city"),
        "Raqqa": ("SY", "city"),
        "Iran": ("IR", "country"),
        "Syria": ("SY", "country"),
    }
    assert got["Ahvaz"].admin1 == "Khuzestan"
    assert got["Ahvaz"].lat == pytest.approx(31.32, abs=0.05)
    assert got["Tehran"].geonames_id == 112931
    assert got["Hajin"].admin1 == "Deir ez-Zor"


def test_tripoli_follows_the_country_of_the_article(gazetteer: Gazetteer) -> None:
    lebanon = "Clashes in Tripoli left three dead, Lebanon's army said."
    libya = "Clashes in Tripoli left three dead, Libya's unity government said."
    assert _one(gazetteer, lebanon, "Tripoli", "Lebanon").country_code == "LB"
    assert _one(gazetteer, libya, "Tripoli", "Libya").country_code == "LY"


def test_city_state_pairs(gazetteer: Gazetteer) -> None:
    text = "A shooting in Paris, Texas, and another in Springfield, Ill."
    mentions = _mentions(text, "Paris", "Texas", "Springfield")
    paris, texas, springfield = gazetteer.resolve_all(mentions, text=text)
    assert paris is not None and (paris.country_code, paris.admin1_code) == ("US", "TX")
    assert texas is not None and texas.kind == "admin1"
    assert springfield is not None and springfield.admin1_code == "IL"


def test_a_town_written_with_a_state_it_is_not_known_in_stays_unknown(
    gazetteer: Gazetteer,
) -> None:
    # The gazetteer knows Shelby, Michigan and Elmo, Texas, not the towns of New York and
    # Missouri the articles mean.
    text = "A student was killed in Shelby, N.Y., and a boy was shot in Elmo, Missouri."
    shelby, elmo, missouri = gazetteer.resolve_all(
        _mentions(text, "Shelby", "Elmo", "Missouri"), text=text
    )
    assert shelby is None and elmo is None
    assert missouri is not None and missouri.kind == "admin1"


def test_city_with_postal_code(gazetteer: Gazetteer) -> None:
    text = "Police in Athens, GA said the suspect fled."
    athens = gazetteer.resolve_all(_mentions(text, "Athens"), text=text)[0]
    assert athens is not None and (athens.country_code, athens.admin1_code) == ("US", "GA")


def test_city_state_in_one_mention(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve_all([ToponymMention("Portland, Maine", 0, 15, "GPE")])[0]
    assert place is not None and place.admin1_code == "ME"


def test_county(gazetteer: Gazetteer) -> None:
    text = "Deputies in Cook County, Illinois, arrested two men."
    cook = _one(gazetteer, text, "Cook County", "Illinois")
    assert (cook.kind, cook.admin1, cook.geonames_id) == ("admin2", "Illinois", 4888671)
    assert cook.lat == pytest.approx(41.8, abs=0.5)
    assert to_location(cook, text="Cook County").geo_precision == 2


def test_countries_and_news_aliases(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("U.S.")[0].geonames_id == 6252001
    assert gazetteer.lookup("United States")[0].country_code == "US"
    assert gazetteer.lookup("Syria")[0].kind == "country"
    assert gazetteer.country_code_for("Iran") == "IR"
    assert gazetteer.country_code_for("Britain") == "GB"
    location = to_location(gazetteer.lookup("Syria")[0], text="Syria")
    assert (location.country_code, location.geo_precision, location.admin1) == ("SY", 3, None)


def test_demonyms(gazetteer: Gazetteer) -> None:
    assert gazetteer.country_for_demonym("Iranian") == "IR"
    assert gazetteer.country_for_demonym("Syrian") == "SY"
    assert gazetteer.country_for_demonym("French") == "FR"
    assert gazetteer.country_for_demonym("Saudi") == "SA"
    assert gazetteer.country_for_demonym("Tuesday") is None


def test_us_state_abbreviations(gazetteer: Gazetteer) -> None:
    assert [p.name for p in gazetteer.lookup("Calif.")] == ["California"]
    assert [p.name for p in gazetteer.lookup("N.C.")] == ["North Carolina"]
    assert gazetteer.lookup("Kan.")[0].admin1_code == "KS"


def test_common_words_need_an_ner_label(gazetteer: Gazetteer) -> None:
    text = "Police said Hope and Mobile were in March."
    unlabeled = [
        ToponymMention(w, text.index(w), text.index(w) + len(w))
        for w in ("Police", "Hope", "Mobile", "March")
    ]
    assert gazetteer.resolve_all(unlabeled, text=text) == [None, None, None, None]
    mobile = ToponymMention("Mobile", text.index("Mobile"), text.index("Mobile") + 6, "GPE")
    place = gazetteer.resolve_all([mobile], text=text)[0]
    assert place is not None and (place.country_code, place.admin1_code) == ("US", "AL")


def test_short_tokens_are_never_places(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve_all([ToponymMention("Of", 0, 2, "GPE")]) == [None]


def test_to_location_of_a_city(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Albu Kamal")[0]
    location = to_location(place, text="Albu Kamal")
    assert location.geonames_id == ALBU_KAMAL
    assert location.geo_precision == 1
    assert location.admin1 == "Deir ez-Zor"
    assert location.text == "Albu Kamal"
    assert (location.lat, location.lon) == pytest.approx((34.45226, 40.91854))


def test_unknown_name(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Qwzxplk") == []
    assert gazetteer.resolve_all([ToponymMention("Qwzxplk", 0, 7, "GPE")]) == [None]


def test_demonym_mentions_resolve_to_their_country_or_state(gazetteer: Gazetteer) -> None:
    text = "Canadian troops and Ohioans joined European monitors."
    mentions = _mentions(text, "Canadian", "Ohioans", "European")
    canadian, ohioans, european = gazetteer.resolve_all(mentions, text=text)
    assert canadian is not None and (canadian.kind, canadian.country_code) == ("country", "CA")
    assert ohioans is not None and (ohioans.kind, ohioans.admin1_code) == ("admin1", "OH")
    assert european is not None and (european.kind, european.name) == ("continent", "Europe")


def test_state_abbreviation_with_period_outside_the_span(gazetteer: Gazetteer) -> None:
    text = "He lives in Topeka, Kan. now."
    start = text.index("Kan")
    place = gazetteer.resolve_all([ToponymMention("Kan", start, start + 3, "GPE")], text=text)[0]
    assert place is not None and place.admin1_code == "KS"


def test_unknown_street_falls_back_to_the_article_focus_only_when_asked(
    gazetteer: Gazetteer,
) -> None:
    text = "A crash on Qwzxplk Boulevard in Ahvaz. Ahvaz police said Ahvaz roads were shut."
    mentions = _mentions(text, "Qwzxplk Boulevard", "Ahvaz")
    assert gazetteer.resolve_all(mentions, text=text)[0] is None
    street = gazetteer.resolve_all(mentions, text=text, fallback_to_focus=True)[0]
    assert street is not None and street.geonames_id == 144448


def test_names_containing_a_known_place(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Greater Tehran")[0].country_code == "IR"
    assert gazetteer.lookup("Port of Houston")[0].admin1_code == "TX"


def test_washington_alone_is_the_capital(gazetteer: Gazetteer) -> None:
    text = "Officials in Washington and Tehran traded threats."
    place = _one(gazetteer, text, "Washington", "Tehran")
    assert (place.kind, place.admin1_code) == ("city", "DC")


def test_canadian_province_abbreviations(gazetteer: Gazetteer) -> None:
    text = "Flooding hit London, Ont. and Richmond, B.C. on Monday."
    london, richmond = gazetteer.resolve_all(_mentions(text, "London", "Richmond"), text=text)
    assert london is not None and (london.country_code, london.admin1) == ("CA", "Ontario")
    assert richmond is not None and richmond.admin1 == "British Columbia"


def test_west_virginia_with_a_space(gazetteer: Gazetteer) -> None:
    text = "Charleston, W. Va. police said."
    place = gazetteer.resolve_all(_mentions(text, "Charleston"), text=text)[0]
    assert place is not None and place.admin1_code == "WV"


def test_a_second_load_reuses_the_cached_index(gazetteer: Gazetteer, geo_cache_dir: Path) -> None:
    again = Gazetteer.load(geo_cache_dir)
    assert len(list(geo_cache_dir.glob("geo-cities-*.sqlite3"))) == 1
    assert again.lookup("Ahvaz")[0].geonames_id == gazetteer.lookup("Ahvaz")[0].geonames_id


@pytest.mark.parametrize(
    ("compound", "country"), [("U.S.-backed", "US"), ("Iran-led", "IR"), ("Syrian-Iraqi", "SY")]
)
def test_hyphenated_compounds_name_their_first_place(
    gazetteer: Gazetteer, compound: str, country: str
) -> None:
    place = gazetteer.resolve_all([ToponymMention(compound, 0, len(compound), "GPE")])[0]
    assert place is not None and (place.kind, place.country_code) == ("country", country)


def test_hyphenated_place_names_stay_whole(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Winston-Salem")[0].admin1_code == "NC"


def test_facilities_are_not_towns_of_the_same_name(gazetteer: Gazetteer) -> None:
    mentions = [
        ToponymMention("the White House", 0, 15, "FAC"),
        ToponymMention("the Pentagon", 20, 32, "FAC"),
        ToponymMention("Baghdad International Airport", 40, 69, "FAC"),
        ToponymMention("Qwzxplk Mall", 80, 92, "FAC"),
    ]
    white_house, pentagon, airport, mall = gazetteer.resolve_all(mentions)
    assert white_house is not None and (white_house.admin1_code, white_house.kind) == ("DC", "city")
    assert pentagon is not None and (pentagon.name, pentagon.admin1_code) == ("Arlington", "VA")
    assert airport is not None and (airport.name, airport.country_code) == ("Baghdad", "IQ")
    assert mall is None


def test_washington_state_is_the_state(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve_all([ToponymMention("Washington state", 0, 16, "GPE")])[0]
    assert place is not None and (place.kind, place.admin1_code) == ("admin1", "WA")


def test_macro_regions_stay_unresolved_rather_than_becoming_towns(gazetteer: Gazetteer) -> None:
    mentions = [ToponymMention("the Middle East", 0, 15, "LOC"), ToponymMention("Gulf", 20, 24)]
    assert gazetteer.resolve_all(mentions) == [None, None]


def test_fallback_prefers_a_place_named_inside_the_unknown_name(gazetteer: Gazetteer) -> None:
    text = "Hajin was shelled twice, Hajin residents said. Police closed Ahvaz Qwzxplk Road."
    mentions = _mentions(text, "Hajin", "Ahvaz Qwzxplk Road")
    hajin, road = gazetteer.resolve_all(mentions, text=text, fallback_to_focus=True)
    assert hajin is not None and hajin.country_code == "SY"
    # Ahvaz itself is not a resolved mention of this article, so the focus (Hajin) wins...
    assert road == hajin
    mentions = _mentions(text + " Ahvaz", "Hajin", "Ahvaz Qwzxplk Road")
    mentions.append(ToponymMention("Ahvaz", len(text) + 1, len(text) + 6, "GPE"))
    _, road, ahvaz = gazetteer.resolve_all(mentions, text=text + " Ahvaz", fallback_to_focus=True)
    # ...but once Ahvaz is, the road is there.
    assert ahvaz is not None and road == ahvaz


def test_a_country_is_not_a_town_that_once_bore_its_name(gazetteer: Gazetteer) -> None:
    # Goodyear, Arizona lists "Egypt" among its alternate names; near Glendale it still
    # must not take the country's name.
    text = "Pilgrims from Egypt toured Phoenix and Glendale, Arizona."
    assert _one(gazetteer, text, "Egypt", "Phoenix", "Glendale", "Arizona").kind == "country"
    assert all(p.population > 1_000_000 for p in gazetteer.lookup("Egypt")[:1])
    assert "Goodyear" not in {p.name for p in gazetteer.lookup("Egypt")}


def test_short_forms_of_a_towns_own_name_stay_candidates(gazetteer: Gazetteer) -> None:
    # "St. Albans" is an alternate name of Saint Albans, West Virginia, and St Albans in
    # England is bigger: a form of the town's own name is not dropped like a former name.
    assert "WV" in {p.admin1_code for p in gazetteer.lookup("St. Albans")}


@pytest.mark.parametrize(
    ("word", "kind", "country", "name"),
    [
        ("Ontarians", "admin1", "CA", "Ontario"),
        ("Dagestani", "admin1", "RU", "Dagestan"),
        ("Bavarian", "admin1", "DE", "Bavaria"),
        ("Parisian", "city", "FR", "Paris"),
        ("Berliner", "city", "DE", "Berlin"),
        ("Chicagoans", "city", "US", "Chicago"),
    ],
)
def test_words_for_the_people_of_a_place(
    gazetteer: Gazetteer, word: str, kind: str, country: str, name: str
) -> None:
    place = gazetteer.lookup(word)[0]
    assert (place.kind, place.country_code, place.name) == (kind, country, name)


def test_a_residents_word_follows_the_article(gazetteer: Gazetteer) -> None:
    text = "A Londoner was hurt on Highway 401 near Woodstock, Ontario."
    londoner = _one(gazetteer, text, "Londoner", "Woodstock", "Ontario")
    assert (londoner.country_code, londoner.admin1) == ("CA", "Ontario")


@pytest.mark.parametrize("word", ["Republicans", "Titans", "Hunters", "Jacobite"])
def test_words_that_only_look_like_residents_are_no_places(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.lookup(word) == []


def test_a_known_demonym_is_not_read_as_a_residents_word(gazetteer: Gazetteer) -> None:
    # "Georgian" is the country's demonym; the US state must not join its candidates.
    text = "The Georgian president met officials in Atlanta and Savannah."
    assert _one(gazetteer, text, "Georgian", "Atlanta", "Savannah").country_code == "GE"


def test_kuwaits_point_lies_in_kuwait(gazetteer: Gazetteer) -> None:
    kuwait = gazetteer.lookup("Kuwait")[0]
    assert kuwait.kind == "country"
    assert 47.5 < kuwait.lon < 48.5


def test_names_listed_before_counties_are_counties(gazetteer: Gazetteer) -> None:
    text = "Jobless rates rose in Butler, Warren and Clark counties, Ohio officials said."
    mentions = _mentions(text, "Butler", "Warren", "Clark", "Ohio")
    places = gazetteer.resolve_all(mentions, text=text)
    assert [(p.kind, p.admin1) for p in places[:3] if p is not None] == [("admin2", "Ohio")] * 3


def test_a_state_before_counties_stays_the_state(gazetteer: Gazetteer) -> None:
    text = "A grant buys radios for 10 Kentucky counties."
    kentucky = _one(gazetteer, text, "Kentucky")
    assert kentucky.kind == "admin1"


@pytest.mark.parametrize(
    ("word", "kind", "country"),
    [
        ("Serbs", "country", "RS"),
        ("Spaniards", "country", "ES"),
        ("Frenchmen", "country", "FR"),
        ("Sinhalese", "country", "LK"),
        ("Abkhaz", "admin1", "GE"),
        ("Uighurs", "admin1", "CN"),
        ("Catalan", "admin1", "ES"),
    ],
)
def test_nouns_and_peoples_for_a_country_or_area(
    gazetteer: Gazetteer, word: str, kind: str, country: str
) -> None:
    text = f"{word} protested on Sunday."
    place = _one(gazetteer, text, word)
    assert (place.kind, place.country_code) == (kind, country)


def test_a_river_named_after_a_county_lies_near_the_article(gazetteer: Gazetteer) -> None:
    text = "A barge ran aground on the Kanawha River in Charleston, West Virginia."
    river = _one(gazetteer, text, "Kanawha River", "Charleston", "West Virginia")
    assert (river.country_code, river.admin1) == ("US", "West Virginia")


def test_a_river_far_from_every_other_place_stays_unknown(gazetteer: Gazetteer) -> None:
    text = "Kayakers paddled the Kanawha River."
    assert gazetteer.resolve_all(_mentions(text, "Kanawha River"), text=text) == [None]


def test_a_creek_does_not_pull_the_towns_of_the_article(gazetteer: Gazetteer) -> None:
    text = "Flooding along Anthony Creek closed roads near Lewisburg and in Greenbrier County."
    lewisburg = _one(gazetteer, text, "Lewisburg", "Anthony Creek", "Greenbrier County")
    assert lewisburg.admin1 == "West Virginia"


def test_st_is_saint_not_an_alternate_name(gazetteer: Gazetteer) -> None:
    # GeoNames names the Russian city "Saint Petersburg"; "St. Petersburg" is the same name,
    # so Florida's smaller St. Petersburg gets no edge from spelling when both countries
    # are in the article.
    text = "Russian painters from St. Petersburg showed work in New York and Moscow."
    place = _one(gazetteer, text, "St. Petersburg", "Russian", "New York", "Moscow")
    assert place.country_code == "RU"
