"""Advances: arrows from where a party came from to what it took, only where the reports support one.

An arrow is a claim, so the map draws one only on evidence:

* **a sequence of captures**: the same side took the origin first, on an earlier day within
  :data:`ADVANCE_DAYS` days, no more than :data:`MAX_ADVANCE_KM` away, and still held it the day
  before it took the target ("took Rawa on 21 June ... Anah on 23 June").  Captures reported for the
  same day are not linked: nothing says which came first.  The origin is the nearest such place.
* **a border crossing** taken with no such origin: drawn from across the border (the side came from
  the neighbouring country), :data:`BORDER_ORIGIN_KM` into it.

Governorates, districts and regions are areas and neither start nor end an arrow.  A place merely
held the day before is no origin (a city 150 km away says nothing about where a
column came from), and a capture with no evidence is drawn without an arrow.  Arrows never run
backwards in time: an origin's capture is always strictly earlier than its target's.  Each
:class:`Advance` says what it rests on (``basis``, ``origin_date``) and the map's tooltip shows it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

__all__ = ["Advance", "find_advances", "CAPTURE_ACTIONS", "MAX_ADVANCE_KM", "ADVANCE_DAYS", "BORDER_ORIGIN_KM"]

CAPTURE_ACTIONS = {"captured", "recaptured", "withdrew"}
#: Captures of one side this close (km) and this near in time (days) read as one advance: a column in
#: this war rarely moved farther between two reported captures (Rawa to Anah 8 km, Tikrit to Baiji
#: 40 km, al-Qaim to Rawa 75 km); anything farther apart is two fronts.
MAX_ADVANCE_KM = 80.0
ADVANCE_DAYS = 10
#: Areas, not points: a governorate "taken" is no column's destination (its point is a centroid).
AREA_KINDS = frozenset({"province", "district", "region", "country", "river"})
#: How far across the border the origin of a cross-border advance is drawn.
BORDER_ORIGIN_KM = 30.0
_EARTH_KM = 6371.0088


@dataclass(frozen=True)
class Advance:
    """One arrow: ``party`` moved from the origin to ``place_id`` on ``date``.

    ``basis`` is what the arrow rests on: ``"sequence"`` (the party took ``origin_id`` on
    ``origin_date``, earlier) or ``"border"`` (a crossing, reached from ``origin_country``;
    ``origin_id`` and ``origin_date`` None).
    """

    party: str
    date: dt.date
    place_id: str
    lat: float
    lon: float
    origin_id: str | None
    origin_lat: float
    origin_lon: float
    km: float
    origin_country: str | None = None
    origin_date: dt.date | None = None
    basis: str = "sequence"


@dataclass
class _Taken:
    place_id: str
    lat: float
    lon: float
    start: int  # ordinal day of the capture
    end: float  # last ordinal day held; +inf while current
    kind: str | None


def is_capture(iv) -> bool:
    """True when the interval starts with a party taking the place (not a state like ``contested``)."""
    return bool(iv.claims) and iv.claims[0].claim.action in CAPTURE_ACTIONS


def _km(lat, lon, lats, lons):
    """Great-circle distances (km) from one point to arrays of points."""
    p1, p2 = math.radians(lat), np.radians(lats)
    h = (np.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2)
    return 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def find_advances(intervals, parties=None, border_origin=None, max_km: float = MAX_ADVANCE_KM,
                  capture=is_capture, max_days: int = ADVANCE_DAYS) -> list[Advance]:
    """The advances the intervals support, in time order.

    Parameters
    ----------
    intervals : list of Interval
        From :func:`mapper.timeline.build_timeline`.
    parties : dict, optional
        Party id -> Party; parties marked ``state`` (``contested``) never advance.
    border_origin : callable, optional
        ``(place_id, lat, lon) -> (lat, lon, country) | None``: the point across the border
        a crossing is reached from (see :func:`mapper.render.basemap.Basemap.across_border`).
    max_km : float
        Farthest apart two captures of a sequence may be.
    capture : callable
        ``interval -> bool``: does the interval start with a capture (:func:`is_capture` by default;
        the map's payload passes what it noted of each interval, whose claims it no longer holds).
    max_days : int
        Most days between two captures of a sequence.

    Returns
    -------
    list of Advance
        Sorted by date, then party, then target.
    """
    states = {pid for pid, p in (parties or {}).items() if getattr(p, "state", False)} | {"contested"}
    taken: dict[str, list[_Taken]] = defaultdict(list)
    for iv in intervals:
        if (iv.lat is None or iv.lon is None or iv.party in states or getattr(iv, "kind", None) in AREA_KINDS
                or not capture(iv)):
            continue
        end = iv.valid_to.toordinal() if iv.valid_to else math.inf
        taken[iv.party].append(_Taken(iv.place_id, iv.lat, iv.lon, iv.valid_from.toordinal(), end,
                                      getattr(iv, "kind", None)))
    out: list[Advance] = []
    for party, rows in taken.items():
        rows.sort(key=lambda r: (r.start, r.place_id))
        out += _party_advances(party, rows, border_origin, max_km, max_days)
    out.sort(key=lambda a: (a.date, a.party, a.place_id))
    return out


def _party_advances(party: str, rows: list[_Taken], border_origin, max_km: float, max_days: int) -> list[Advance]:
    """Each capture of one party linked to the nearest earlier capture of the sequence, if any."""
    start = np.array([r.start for r in rows], dtype=float)
    end = np.array([r.end for r in rows], dtype=float)
    dist = _km_matrix(np.array([r.lat for r in rows]), np.array([r.lon for r in rows]),
                      np.array([r.lat for r in rows]), np.array([r.lon for r in rows]))
    ids = np.array([r.place_id for r in rows], dtype=object)
    out = []
    for k, target in enumerate(rows):
        eve = target.start - 1
        # Taken strictly earlier, recently enough, still held the day before, another place, near.
        ok = ((start < target.start) & (start >= target.start - max_days) & (end >= eve)
              & (ids != target.place_id) & (dist[k] <= max_km))
        if ok.any():
            j = int(np.flatnonzero(ok)[np.argmin(dist[k][ok])])  # the first of the nearest
            origin = rows[j]
            out.append(Advance(party, dt.date.fromordinal(target.start), target.place_id, target.lat, target.lon,
                               origin.place_id, origin.lat, origin.lon, round(float(dist[k, j]), 1),
                               origin_date=dt.date.fromordinal(origin.start)))
        elif target.kind == "crossing" and border_origin is not None:
            across = border_origin(target.place_id, target.lat, target.lon)
            if across is not None:
                lat, lon, country = across
                km = float(_km(target.lat, target.lon, np.array([lat]), np.array([lon]))[0])
                out.append(Advance(party, dt.date.fromordinal(target.start), target.place_id, target.lat,
                                   target.lon, None, lat, lon, round(km, 1), country, basis="border"))
    return out


def _km_matrix(lats, lons, to_lats, to_lons) -> np.ndarray:
    """Great-circle distances (km) from each point (rows) to each other point (columns).

    Element by element the same arithmetic as :func:`_km`, so the same numbers.
    """
    p1, p2 = np.radians(lats)[:, None], np.radians(to_lats)[None, :]
    h = (np.sin((p2 - p1) / 2) ** 2
         + np.cos(p1) * np.cos(p2) * np.sin(np.radians(to_lons[None, :] - lons[:, None]) / 2) ** 2)
    return 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
