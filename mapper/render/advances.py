"""Advances: arrows from where a party came from to what it took.

For each capture (an interval that starts with a ``captured``, ``recaptured`` or ``withdrew``
claim), the origin is the nearest place the same party held the day before, within
``max_km``.  Captures of the same party on the same day are linked greedily, nearest pair
first (Prim's algorithm seeded with the places already held), so a sweep reads as a chain
(al-Qaim -> Rawa -> Anah) rather than as many long arrows from one distant city.  A border
crossing taken with nothing held nearby is drawn as an advance from across the border.  A
capture with no origin in reach gets no arrow: an arrow is a claim the map should not invent.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

__all__ = ["Advance", "find_advances", "CAPTURE_ACTIONS", "MAX_ADVANCE_KM", "BORDER_ORIGIN_KM"]

CAPTURE_ACTIONS = {"captured", "recaptured", "withdrew"}
#: Farther than this, "where it came from" is a guess: a day's advance in this war rarely exceeded it.
MAX_ADVANCE_KM = 150.0
#: How far across the border the origin of a cross-border advance is drawn.
BORDER_ORIGIN_KM = 30.0
_EARTH_KM = 6371.0088


@dataclass(frozen=True)
class Advance:
    """One arrow: ``party`` moved from the origin to ``place_id`` on ``date``.

    ``origin_id`` is the place the party held the day before (or took the same day, earlier
    in the chain); None when the advance came from across the border (``origin_country``).
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


@dataclass
class _Held:
    place_id: str
    party: str
    lat: float
    lon: float
    start: int
    end: float  # ordinal day; +inf while current


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
                  capture=is_capture) -> list[Advance]:
    """The advances implied by the intervals, in time order.

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
        Longest arrow drawn from a place held the day before.
    capture : callable
        ``interval -> bool``: does the interval start with a capture (:func:`is_capture` by default;
        the map's payload passes what it noted of each interval, whose claims it no longer holds).

    Returns
    -------
    list of Advance
        Sorted by date, then party, then target.
    """
    states = {pid for pid, p in (parties or {}).items() if getattr(p, "state", False)} | {"contested"}
    held: dict[str, list[_Held]] = defaultdict(list)
    captures: dict[tuple[str, dt.date], list] = defaultdict(list)
    for iv in intervals:
        if iv.lat is None or iv.lon is None or iv.party in states:
            continue
        end = iv.valid_to.toordinal() if iv.valid_to else math.inf
        held[iv.party].append(_Held(iv.place_id, iv.party, iv.lat, iv.lon, iv.valid_from.toordinal(), end))
        if capture(iv):
            captures[(iv.party, iv.valid_from)].append(iv)
    arrays = {party: _as_arrays(rows) for party, rows in held.items()}
    out: list[Advance] = []
    for (party, day), targets in sorted(captures.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        out += _link_day(party, day, targets, arrays[party], border_origin, max_km)
    out.sort(key=lambda a: (a.date, a.party, a.place_id))
    return out


def _as_arrays(rows: list[_Held]):
    return (rows, np.array([r.start for r in rows], dtype=float), np.array([r.end for r in rows], dtype=float),
            np.array([r.lat for r in rows]), np.array([r.lon for r in rows]))


def _link_day(party, day, targets, arrays, border_origin, max_km) -> list[Advance]:
    """Prim's algorithm: attach the nearest unlinked target to anything held or already reached."""
    rows, start, end, lats, lons = arrays
    eve = day.toordinal() - 1
    target_ids = {iv.place_id for iv in targets}
    mask = (start <= eve) & (end >= eve)
    sources = [(rows[i].place_id, rows[i].lat, rows[i].lon) for i in np.flatnonzero(mask)
               if rows[i].place_id not in target_ids]
    pending = sorted(targets, key=lambda iv: iv.place_id)
    # Distances from every target to every source, computed once; a target reached becomes a
    # source (a new column).  Rows of targets already linked are left out of the search.
    t_lat = np.array([iv.lat for iv in pending])
    t_lon = np.array([iv.lon for iv in pending])
    dist = _km_matrix(t_lat, t_lon, np.array([s[1] for s in sources]), np.array([s[2] for s in sources]))
    alive = list(range(len(pending)))
    out = []
    while alive:
        best = None  # (km, position in alive, origin)
        if dist.shape[1]:
            nearest = dist[alive].min(axis=1)
            i = int(np.argmin(nearest))  # the first of the nearest, as the targets are in place-id order
            j = int(np.argmin(dist[alive[i]]))
            best = (float(dist[alive[i], j]), i, sources[j], None)
        if best is None or best[0] > max_km:
            # Nothing held in reach: start a new chain, from across the border if a crossing
            # was taken, else at the target nearest what is held (drawn without an arrow).
            best = _border_root([pending[k] for k in alive], border_origin) or (None, best[1] if best else 0,
                                                                                 None, None)
        km, i, origin, country = best
        iv = pending[alive.pop(i)]
        if origin is not None:
            out.append(Advance(party, day, iv.place_id, iv.lat, iv.lon, None if country else origin[0],
                               origin[1], origin[2], round(km, 1), country))
        sources.append((iv.place_id, iv.lat, iv.lon))
        dist = np.hstack([dist, _km_matrix(t_lat, t_lon, np.array([iv.lat]), np.array([iv.lon]))])
    return out


def _km_matrix(lats, lons, to_lats, to_lons) -> np.ndarray:
    """Great-circle distances (km) from each point (rows) to each other point (columns).

    Element by element the same arithmetic as :func:`_km`, so the same numbers.
    """
    p1, p2 = np.radians(lats)[:, None], np.radians(to_lats)[None, :]
    h = (np.sin((p2 - p1) / 2) ** 2
         + np.cos(p1) * np.cos(p2) * np.sin(np.radians(to_lons[None, :] - lons[:, None]) / 2) ** 2)
    return 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _border_root(pending, border_origin):
    """A crossing among the targets, reached from across the border (the chain's root)."""
    if border_origin is None:
        return None
    for i, iv in enumerate(pending):
        if iv.kind != "crossing":
            continue
        across = border_origin(iv.place_id, iv.lat, iv.lon)
        if across is not None:
            lat, lon, country = across
            km = float(_km(iv.lat, iv.lon, np.array([lat]), np.array([lon]))[0])
            return km, i, (None, lat, lon), country
    return None
