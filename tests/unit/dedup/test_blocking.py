from __future__ import annotations

from dataclasses import replace

from tests.unit.dedup.builders import CHICAGO, actor, report
from worker.dedup.blocking import blocking_key
from worker.dedup.regions import REGION_OF, region_of
from worker.domain import Location


def _at(country: str) -> str:
    return blocking_key(report("a", location=replace(CHICAGO, country_code=country)))


def test_neighbouring_theatres_share_a_region() -> None:
    assert _at("SY") == _at("IQ") == _at("TR") == _at("LB") == _at("IL") == _at("PS")
    assert _at("ML") == _at("NE") == _at("BF") == _at("NG") == _at("TD") == _at("CM")
    assert _at("RU") == _at("UA")
    assert _at("AF") == _at("PK")
    assert _at("US") == _at("MX")
    assert _at("CD") == _at("RW") == _at("UG")


def test_every_listed_code_is_two_letters_and_unknown_codes_are_other() -> None:
    assert all(len(code) == 2 for code in REGION_OF)
    assert region_of("QQ") == "other"
    assert region_of(None) == "unknown"
    assert region_of("us") == "north_america"


def test_an_unlocated_report_falls_back_on_actors_then_the_outlet_domain() -> None:
    iranian = replace(actor("IRGC"), country_code="IR")
    assert blocking_key(report("a", location=None, actors=(iranian,))) == "middle_east"
    bbc = report("a", location=None, url="https://www.bbc.co.uk/news/1")
    assert blocking_key(bbc) == "europe"
    local = report("a", location=None, url="https://www.wral.com/news/1")
    assert blocking_key(local) == "north_america"
    vanity = report("a", location=None, url="https://news.example.io/1")
    assert blocking_key(vanity) == "unknown"


def test_a_place_without_a_country_uses_the_fallbacks() -> None:
    nowhere = Location(name="Eastwood", lat=1.0, lon=2.0, geo_precision=1)
    assert blocking_key(report("a", location=nowhere, url="https://x.com.au/1")) == (
        "southeast_asia_oceania"
    )
