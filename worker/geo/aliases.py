"""Hand-kept names the GeoNames tables lack: news spellings of countries, AP state
abbreviations, demonyms, and common words that must not become places on their own."""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

# Surface forms newswire uses for countries, by ISO code. Keys fold like any name.
COUNTRY_ALIASES: Final = MappingProxyType(
    {
        "US": ("U.S.", "US", "USA", "U.S.A.", "America", "United States", "the States"),
        "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
        "RU": ("Russia",),
        "KR": ("South Korea", "Korea"),
        "KP": ("North Korea",),
        "IR": ("Iran", "Persia"),
        "SY": ("Syria",),
        "LA": ("Laos",),
        "VN": ("Vietnam", "Viet Nam"),
        "CZ": ("Czech Republic", "Czechia"),
        "CI": ("Ivory Coast", "Cote d'Ivoire"),
        "MM": ("Burma", "Myanmar"),
        "NL": ("Holland", "The Netherlands", "Netherlands"),
        "VA": ("Vatican", "Vatican City", "Holy See"),
        "CD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa", "Zaire"),
        "CG": ("Congo-Brazzaville", "Republic of Congo"),
        "AE": ("UAE", "U.A.E.", "Emirates"),
        "PS": ("Palestine", "Palestinian Territories", "West Bank", "Occupied Territories"),
        "TW": ("Taiwan",),
        "MK": ("Macedonia", "North Macedonia"),
        "BA": ("Bosnia", "Bosnia-Herzegovina"),
        "TL": ("East Timor", "Timor-Leste"),
        "CV": ("Cape Verde",),
        "SZ": ("Swaziland", "Eswatini"),
        "KG": ("Kyrgyzstan",),
        "BO": ("Bolivia",),
        "VE": ("Venezuela",),
        "TZ": ("Tanzania",),
        "MD": ("Moldova",),
        "FM": ("Micronesia",),
        "SA": ("Saudi Arabia", "Saudi"),
        "CN": ("China", "Mainland China", "PRC"),
        "BN": ("Brunei",),
        "TR": ("Turkey", "Turkiye"),
    }
)

# Demonyms countryinfo lacks or spells unusually.
EXTRA_DEMONYMS: Final = MappingProxyType(
    {
        "Saudi": "SA",
        "Argentine": "AR",
        "Argentinian": "AR",
        "Kyrgyz": "KG",
        "Tajik": "TJ",
        "Uzbek": "UZ",
        "Kazakh": "KZ",
        "Nepali": "NP",
        "Scottish": "GB",
        "Welsh": "GB",
        "English": "GB",
        "Persian": "IR",
        "Chechen": "RU",
        "Kosovar": "XK",
        "Ecuadorian": "EC",
        "Cape Verdean": "CV",
        "Djiboutian": "DJ",
        "Slovenian": "SI",
        "Maldivian": "MV",
        "Emirati": "AE",
        "Burmese": "MM",
        "Congolese": "CD",
        "Dominican": "DO",
        "Indian": "IN",
        "Chinese": "CN",
        "French": "FR",
        "American": "US",
        "Americans": "US",
        "Britons": "GB",
        "Briton": "GB",
        "Israelis": "IL",
        "Palestinians": "PS",
        "Iraqis": "IQ",
        "Afghans": "AF",
        "Syrians": "SY",
        "Iranians": "IR",
        "Russians": "RU",
        "Ukrainians": "UA",
        "Turks": "TR",
        "Pakistanis": "PK",
        "Saudis": "SA",
        "Yemenis": "YE",
        "Libyans": "LY",
        "Egyptians": "EG",
        # Nouns for a person, where the adjective is the demonym countryinfo knows.
        "Serb": "RS",
        "Croat": "HR",
        "Spaniard": "ES",
        "Pole": "PL",
        "Brit": "GB",
        "Scot": "GB",
        "Frenchman": "FR",
        "Frenchmen": "FR",
        "Englishman": "GB",
        "Englishmen": "GB",
        "Bosniak": "BA",
        # Peoples that news names for their country.
        "Sinhalese": "LK",
        "Maori": "NZ",
    }
)

# AP style and other abbreviations of US states, with periods as written.
US_STATE_ABBREVIATIONS: Final = MappingProxyType(
    {
        "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA",
        "Colo.": "CO", "Conn.": "CT", "Del.": "DE", "Fla.": "FL", "Ga.": "GA",
        "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS", "Ky.": "KY",
        "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN",
        "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE",
        "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Mex.": "NM",
        "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "N.Dak.": "ND", "Okla.": "OK",
        "Ore.": "OR", "Oreg.": "OR", "Pa.": "PA", "Penn.": "PA", "R.I.": "RI",
        "S.C.": "SC", "S.D.": "SD", "S.Dak.": "SD", "Tenn.": "TN", "Tex.": "TX",
        "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "W.V.": "WV",
        "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY", "D.C.": "DC",
    }
)  # fmt: skip

# Canadian provinces as newswire abbreviates them, and their postal codes, by name.
CA_PROVINCE_ABBREVIATIONS: Final = MappingProxyType(
    {
        "B.C.": "British Columbia", "Alta.": "Alberta", "Sask.": "Saskatchewan",
        "Man.": "Manitoba", "Ont.": "Ontario", "Que.": "Quebec", "N.B.": "New Brunswick",
        "N.S.": "Nova Scotia", "P.E.I.": "Prince Edward Island",
        "Nfld.": "Newfoundland and Labrador", "N.L.": "Newfoundland and Labrador",
    }
)  # fmt: skip
CA_POSTAL_CODES: Final = MappingProxyType(
    {
        "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
        "NL": "Newfoundland and Labrador", "NS": "Nova Scotia",
        "NT": "Northwest Territories", "NU": "Nunavut", "ON": "Ontario",
        "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan", "YT": "Yukon",
    }
)  # fmt: skip

# Abbreviations long and distinctive enough to stand alone (not just after "City, ").
STANDALONE_STATE_ABBREVIATIONS: Final = frozenset(
    {"Ariz.", "Calif.", "Colo.", "Conn.", "Fla.", "Mass.", "Mich.", "Minn.", "Okla.",
     "Tenn.", "Wis.", "Wyo.", "N.Y.", "N.J.", "N.C.", "S.C.", "N.H.", "N.M.", "N.D.",
     "S.D.", "R.I.", "W.Va.", "D.C.", "Penn.", "Nev.", "Neb.", "Ark.", "Ala.",
     "B.C.", "Alta.", "Sask.", "Ont.", "Que.", "P.E.I.", "Nfld."}
)  # fmt: skip

# English words that are also the names of places somewhere. Unless NER called them a place,
# they are words. Keys are folded (lower case, letters only).
_COMMON_WORDS_TEXT = """
    a an and as at be by do for from go he her his i if in is it me my no not of on or our
    she so the to up us we you all any can may march april june july august
    police mobile hope of victory liberty unity independence union progress
    justice freedom peace paradise eden enterprise commerce industry friendship harmony
    government state city county town village capital center centre north south east west
    northern southern eastern western central university college school hospital church
    court prison army navy airport border mission sunday monday tuesday wednesday
    thursday friday saturday today president governor mayor minister said says man woman
    people home house street road river lake mount beach park bay island station
"""
COMMON_WORDS: Final = frozenset(_COMMON_WORDS_TEXT.split())

# Shorter keys ("Of", "Us") are words or codes, never toponyms on their own.
MIN_KEY_LENGTH: Final = 3

# Bare names whose news meaning is one particular place among several big ones: folded
# name -> GeoNames id. "Washington" alone is the capital; the state is "Washington state".
PREFERRED_SENSES: Final = MappingProxyType({"washington": 4140963})

# Irregular demonyms of US states; regular ones (Ohioan, Minnesotan) are derived.
US_STATE_DEMONYMS: Final = MappingProxyType(
    {"Texan": "TX", "Floridian": "FL", "New Yorker": "NY", "Michigander": "MI", "Hoosier": "IN"}
)

# Demonyms of first-level areas elsewhere: form -> (country code, the area's name as
# the gazetteer knows it). Regular ones (Bavarian, Crimean) are derived from the name.
AREA_DEMONYMS: Final = MappingProxyType(
    {
        "Abkhaz": ("GE", "Abkhazia"),
        "Abkhazian": ("GE", "Abkhazia"),
        "Uighur": ("CN", "Xinjiang"),
        "Uyghur": ("CN", "Xinjiang"),
        "Catalan": ("ES", "Catalonia"),
        "Basque": ("ES", "Basque Country"),
        "Flemish": ("BE", "Flanders"),
        "Walloon": ("BE", "Wallonia"),
        "Quebecois": ("CA", "Quebec"),
        "Quebecker": ("CA", "Quebec"),
    }
)

# Continents by other names and their demonyms, keyed by GeoNames continent name.
CONTINENT_ALIASES: Final = MappingProxyType(
    {"Europe": ("European Union", "EU", "E.U."), "Antarctica": ("Antarctic",)}
)
CONTINENT_DEMONYMS: Final = MappingProxyType(
    {"European": "Europe", "African": "Africa", "Asian": "Asia"}
)

# Buildings that stand for their city in the news: folded name -> (town, country, admin1).
LANDMARKS: Final = MappingProxyType(
    {
        "whitehouse": ("Washington", "US", "DC"),
        "capitolhill": ("Washington", "US", "DC"),
        "pentagon": ("Arlington", "US", "VA"),
        "kremlin": ("Moscow", "RU", None),
        "downingstreet": ("London", "GB", None),
        "elyseepalace": ("Paris", "FR", None),
        "elysee": ("Paris", "FR", None),
        "vatican": ("Vatican City", "VA", None),
    }
)

# Regions with no GeoNames entry here: better unresolved than a town or a Baltimore
# neighbourhood of the same name. Folded keys.
MACRO_REGIONS: Final = frozenset(
    {
        "middleeast", "mideast", "neareast", "fareast", "persiangulf", "gulf", "thegulf",
        "arabiangulf", "balkans", "thebalkans", "caucasus", "northcaucasus", "sahel", "maghreb",
        "levant", "hornofafrica", "westafrica", "eastafrica", "southeastasia", "centralasia",
        "southasia", "latinamerica", "centralamerica", "thewest", "scandinavia", "caribbean",
        "mediterranean", "pacific", "atlantic", "arctic", "kurdistan", "darfur", "sinai",
        "westernworld", "midwest", "deepsouth", "newengland", "pacificnorthwest",
    }
)  # fmt: skip
