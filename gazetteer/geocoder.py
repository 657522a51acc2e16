"""A geopy geocoder backed by the offline Iraq gazetteer.

>>> from gazetteer.geocoder import IraqGazetteer
>>> IraqGazetteer().geocode("Telafer").address
'Tal Afar, Nineveh, Iraq'

Works wherever geopy geocoders do, e.g. ``geopandas.tools.geocode(names, provider=IraqGazetteer)``.
"""

from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from .core import Gazetteer, load
from .model import Match

__all__ = ["IraqGazetteer"]

# Reverse geocoding names the settlement a point lies in: a quarter of a city (kind "district": the Old
# City of Mosul, Baghdad's Dora) answers only when it is this much nearer than any other place.
QUARTER_KM = 3.0

_COUNTRY_NAMES = {"IQ": "Iraq", "SY": "Syria", "JO": "Jordan", "SA": "Saudi Arabia", "KW": "Kuwait",
                  "IR": "Iran", "TR": "Turkey"}


class IraqGazetteer(Geocoder):
    """geopy geocoder over :class:`gazetteer.Gazetteer`; never touches the network.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :func:`gazetteer.load`.
    min_score : float, default 0.5
        Matches scoring below this are not returned.
    **kwargs
        Passed to :class:`geopy.geocoders.base.Geocoder` (accepted for compatibility).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, min_score: float = 0.5, **kwargs):
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or load()
        self.min_score = min_score

    def _location(self, match: Match) -> Location:
        place = match.place
        parts = [place.name]
        if place.admin1 and place.admin1 != place.name:
            parts.append(place.admin1)
        if place.kind != "country":
            parts.append(_COUNTRY_NAMES.get(place.country, place.country))
        raw = {**match.to_dict(), "level": match.level, "names": list(place.names)}
        return Location(", ".join(parts), Point(place.lat, place.lon), raw)

    def geocode(self, query, *, exactly_one=True, limit=None, kind=None, timeout=None):
        """Resolve a place name.

        Parameters
        ----------
        query : str
            The name as written.
        exactly_one : bool, default True
            Return one :class:`geopy.location.Location` (or None) instead of a list.
        limit : int, optional
            Maximum number of results when ``exactly_one`` is False (default 5).
        kind : str, optional
            Prefer places of this kind (``crossing``, ``dam``...).
        timeout : ignored
            Accepted for geopy compatibility; nothing goes over the network.

        Returns
        -------
        Location, list of Location, or None
        """
        if isinstance(query, dict):
            query = " ".join(str(v) for v in query.values())
        matches = [m for m in self.gazetteer.resolve(str(query), limit=limit or 5, kind=kind)
                   if m.score >= self.min_score]
        if not matches:
            return None
        if exactly_one:
            return self._location(matches[0])
        return [self._location(m) for m in matches]

    def reverse(self, query, *, exactly_one=True, limit=None, max_km=50.0, timeout=None):
        """The gazetteer places nearest to a point.

        Parameters
        ----------
        query : str, tuple or geopy.point.Point
            ``"lat, lon"``, ``(lat, lon)`` or a Point.
        exactly_one : bool, default True
            Return the nearest place only.
        limit : int, optional
            Number of places when ``exactly_one`` is False (default 5).
        max_km : float, default 50
            Places farther than this are not returned.

        Returns
        -------
        Location, list of Location, or None
        """
        point = Point(query)
        wanted = 1 if exactly_one else (limit or 5)
        hits = self.gazetteer.nearest(point.latitude, point.longitude, limit=wanted + 5)
        hits = sorted(hits, key=lambda hit: hit[1] + (QUARTER_KM if hit[0].kind == "district" else 0.0))[:wanted]
        locations = []
        for place, km in hits:
            if km > max_km:
                continue
            score = max(0.0, 1.0 - km / max_km)
            locations.append(self._location(Match(place=place, score=score, level="reverse", matched=place.name)))
        if not locations:
            return None
        return locations[0] if exactly_one else locations
