"""The gazetteer's plain data: places and the matches a lookup returns."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Place", "Match", "KINDS", "IN_SCOPE_COUNTRY"]

#: The kinds of place the gazetteer knows (``oilfield`` and ``airport`` extend the interface list).
KINDS = (
    "city",
    "town",
    "village",
    "province",
    "district",
    "crossing",
    "dam",
    "refinery",
    "oilfield",
    "airbase",
    "airport",
    "river",
    "region",
    "country",
)

#: The mapped area: places in this country (and Iraq's side of its border crossings) are in scope.
IN_SCOPE_COUNTRY = "IQ"


@dataclass(frozen=True)
class Place:
    """One gazetteer entry.

    Attributes
    ----------
    id : str
        Stable identifier: ``gn:<geonameid>`` for GeoNames rows, ``cur:<slug>`` for the
        curated table, ``adm:<code>`` for boundaries, ``user:<slug>`` for user entries.
    name : str
        Canonical English name.
    kind : str
        One of :data:`KINDS`.
    lat, lon : float
        WGS84 point (a representative point for areas and lines).
    country : str
        ISO 3166-1 alpha-2 code.
    admin1 : str or None
        Iraqi governorate (or the first-level division abroad), where known.
    population : int
        Population where known, else 0.
    importance : float
        0..1, how prominent the place is; breaks ties between equally good name matches.
    names : tuple of str
        Alternate names and spellings (all scripts).
    source : str
        Where the entry came from (``geonames``, ``curated``, ``boundaries``, ``user``...).
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str
    admin1: str | None = None
    population: int = 0
    importance: float = 0.3
    names: tuple[str, ...] = ()
    source: str = ""

    @property
    def in_scope(self) -> bool:
        """True for places inside the mapped area (Iraq, incl. its border crossings)."""
        return self.country == IN_SCOPE_COUNTRY

    def to_dict(self) -> dict:
        """The interface fields of this place (``id``, ``name``, ``kind``, ``lat``, ...)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
        }


@dataclass(frozen=True)
class Match:
    """A candidate answer to a name lookup.

    Attributes
    ----------
    place : Place
        The gazetteer entry.
    score : float
        0..1; higher is better.  Exact names score highest, then alternate names,
        normalised keys, phonetic variants and fuzzy matches.
    level : str
        ``exact``, ``alternate``, ``normalized``, ``variant`` or ``fuzzy``.
    matched : str
        The gazetteer name that matched the query.
    """

    place: Place
    score: float
    level: str
    matched: str = field(default="")

    def to_dict(self) -> dict:
        """Place fields plus ``score`` (rounded), as the ``resolve --json`` interface prints."""
        out = self.place.to_dict()
        out["score"] = round(self.score, 4)
        return out
