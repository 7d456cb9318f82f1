"""Coarse regions: the unit reports are re-partitioned by, so every report of one incident meets.

A region groups neighbouring countries so that the usual cross-border theatres fall inside one
region (Syria-Iraq-Turkey, Israel-Lebanon-Gaza-Egypt, Russia-Ukraine, the Sahel tri-border and
Lake Chad, the African Great Lakes, Afghanistan-Pakistan-Central Asia, US-Mexico). Fewer,
larger regions mean fewer missed cross-border matches but less parallelism: a region's reports
all go to one partition. Borders that still split a region pair (Iran-Afghanistan, Libya-Chad,
Mozambique-Tanzania, Myanmar-Thailand) are the accepted cost.
"""

from __future__ import annotations

UNKNOWN_REGION = "unknown"
OTHER_REGION = "other"

_REGIONS: dict[str, str] = {
    "north_america": (
        "US CA MX GT BZ SV HN NI CR PA CU JM HT DO BS PR TT BB LC VC GD AG DM KN BM GL PM KY "
        "TC VG VI AW CW SX BQ MQ GP BL MF AI MS UM"
    ),
    "south_america": "CO VE EC PE BR BO PY CL AR UY GY SR GF FK GS",
    "europe": (
        "GB IE FR BE NL LU DE CH AT LI MC AD ES PT IT SM VA MT IS NO SE DK FI FO GI IM JE GG "
        "AX SJ PL CZ SK HU SI HR BA RS ME XK MK AL GR BG RO MD UA BY LT LV EE RU GE AM AZ"
    ),
    "middle_east": "TR SY IQ IR IL PS LB JO SA YE OM AE QA BH KW CY EG",
    "north_africa": "LY TN DZ MA EH",
    "west_africa_sahel": "ML NE BF TD NG CM BJ TG GH CI LR SL GN GW SN GM CV MR",
    "east_africa": "SD SS ET ER DJ SO KE UG RW BI TZ CD CF",
    "southern_africa": "CG GA GQ ST AO ZM ZW MW MZ BW NA ZA LS SZ MG MU KM SC RE YT SH",
    "south_central_asia": "AF PK IN BD LK NP BT MV MM KZ UZ TM KG TJ IO",
    "east_asia": "CN HK MO TW JP KR KP MN",
    "southeast_asia_oceania": (
        "TH LA KH VN MY SG ID PH BN TL PG AU NZ FJ SB VU NC PF WS TO KI FM MH PW NR TV GU MP "
        "AS CK NU TK WF PN NF CX CC HM"
    ),
    "antarctica": "AQ BV TF",
}

REGION_OF: dict[str, str] = {
    code: region for region, codes in _REGIONS.items() for code in codes.split()
}

REGIONS: tuple[str, ...] = (*_REGIONS, OTHER_REGION, UNKNOWN_REGION)


def region_of(country_code: str | None) -> str:
    """The region of an ISO 3166-1 alpha-2 code; ``unknown`` without one, ``other`` if unlisted."""
    if not country_code:
        return UNKNOWN_REGION
    return REGION_OF.get(country_code.strip().upper(), OTHER_REGION)
