"""The offline basemap: Iraq, its neighbours and the governorates from the gazetteer's boundaries.

It also answers the geographic questions the other layers ask: the shape of Iraq (to clip the
estimated zones), which neighbour a border crossing faces, and where to put labels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from shapely.geometry import Point, box, shape
from shapely.ops import nearest_points, polylabel

__all__ = ["Basemap", "Label", "MAPPED_COUNTRY"]

MAPPED_COUNTRY = "IQ"
#: Degrees added around Iraq's bounding box: the part of each neighbour that is ever on screen.
VIEW_MARGIN = 3.0
_KM_PER_DEG = 111.195


@dataclass(frozen=True)
class Label:
    """A basemap label: ``rank`` 0 (countries) to 3 (small places) sets the zoom it appears at."""

    name: str
    lat: float
    lon: float
    rank: int
    kind: str


@dataclass
class Basemap:
    """Vector layers and geometry helpers built from :meth:`gazetteer.Gazetteer.boundaries`.

    Parameters
    ----------
    boundaries : dict
        A GeoJSON FeatureCollection of countries and governorates.
    """

    boundaries: dict
    countries: dict = field(init=False)
    provinces: dict = field(init=False)
    iraq: object = field(init=False, default=None)
    _neighbours: list = field(init=False, default_factory=list)

    def __post_init__(self):
        feats = self.boundaries.get("features", [])
        self.countries = {"type": "FeatureCollection",
                          "features": [_slim(f) for f in feats if f["properties"].get("kind") == "country"]}
        self.provinces = {"type": "FeatureCollection",
                          "features": [_slim(f) for f in feats if f["properties"].get("kind") == "province"]}
        for f in self.countries["features"]:
            geom = shape(f["geometry"])
            if f["properties"].get("country") == MAPPED_COUNTRY:
                self.iraq = geom
            else:
                self._neighbours.append((f["properties"]["name"], geom))

    def province_shapes(self) -> dict:
        """Governorate place id ("adm:IQ-AN") -> its shapely geometry, from the boundaries."""
        return {f["properties"].get("id"): shape(f["geometry"]) for f in self.boundaries.get("features", [])
                if f["properties"].get("kind") == "province" and f["properties"].get("id")}

    @classmethod
    def from_gazetteer(cls, gazetteer) -> Basemap:
        """The basemap of a gazetteer (empty when it has no boundaries)."""
        fc = gazetteer.boundaries() if gazetteer is not None else {"type": "FeatureCollection", "features": []}
        return cls(fc)

    @property
    def bounds(self) -> list[list[float]]:
        """``[[south, west], [north, east]]`` of Iraq (Leaflet order), or of the whole region."""
        if self.iraq is not None:
            w, s, e, n = self.iraq.bounds
            return [[s, w], [n, e]]
        return [[29.0, 38.8], [37.4, 48.6]]

    def labels(self) -> list[Label]:
        """Country labels (placed inside the part of the country near Iraq) and governorate labels."""
        out = []
        (s, w), (n, e) = self.bounds
        view = box(w - VIEW_MARGIN, s - VIEW_MARGIN, e + VIEW_MARGIN, n + VIEW_MARGIN)
        for f in self.countries["features"]:
            part = shape(f["geometry"]).intersection(view)
            if part.is_empty:
                continue
            largest = max(getattr(part, "geoms", [part]), key=lambda g: g.area)
            if largest.geom_type != "Polygon":
                continue
            pt = polylabel(largest, tolerance=0.05)
            out.append(Label(f["properties"]["name"], round(pt.y, 3), round(pt.x, 3), 0, "country"))
        for f in self.boundaries.get("features", []):
            p = f["properties"]
            if p.get("kind") != "province" or p.get("lat") is None:
                continue
            out.append(Label(p["name"], round(p["lat"], 3), round(p["lon"], 3), 1, "province"))
        return out

    def across_border(self, place_id: str, lat: float, lon: float, km: float = 30.0):
        """The point ``km`` across the border from a crossing, and the neighbour's name.

        The direction is towards the nearest neighbouring country; when the crossing lies on
        (or, after simplification, slightly inside) that country's outline, it is away from
        Iraq's interior instead.

        Returns
        -------
        tuple of (lat, lon, country name), or None without boundaries
        """
        if not self._neighbours:
            return None
        pt = Point(lon, lat)
        name, geom = min(self._neighbours, key=lambda ng: ng[1].distance(pt))
        target = nearest_points(geom, pt)[0]
        dx, dy = _local_km(lat, target.x - lon, target.y - lat)
        if math.hypot(dx, dy) < 1.0 and self.iraq is not None:
            inner = self.iraq.representative_point()
            dx, dy = _local_km(lat, lon - inner.x, lat - inner.y)
        norm = math.hypot(dx, dy) or 1.0
        dlat = km * dy / norm / _KM_PER_DEG
        dlon = km * dx / norm / (_KM_PER_DEG * math.cos(math.radians(lat)))
        return round(lat + dlat, 4), round(lon + dlon, 4), name

    def neighbour_of(self, lat: float, lon: float) -> str | None:
        """The name of the neighbouring country nearest a point (the other side of a crossing)."""
        if not self._neighbours:
            return None
        pt = Point(lon, lat)
        return min(self._neighbours, key=lambda ng: ng[1].distance(pt))[0]


def _local_km(lat: float, dlon: float, dlat: float) -> tuple[float, float]:
    """Degrees to kilometres east and north near ``lat`` (good enough for a direction)."""
    return dlon * _KM_PER_DEG * math.cos(math.radians(lat)), dlat * _KM_PER_DEG


def _slim(feature: dict) -> dict:
    """A feature with only the properties the page needs (name, kind, country)."""
    p = feature["properties"]
    return {"type": "Feature", "geometry": feature["geometry"],
            "properties": {"name": p.get("name"), "kind": p.get("kind"), "country": p.get("country")}}
