"""Geocoding: GeoNames places by name, chosen in the context of the article.

gazetteer = Gazetteer.load(cache_dir)          # once per process
places = gazetteer.resolve_all(mentions, country_hint="SY", text=article_text)
location = to_location(places[0], text=mentions[0].text)
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
