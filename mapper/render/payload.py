"""The compact data a map page carries: one JSON object the page's own script reads.

The page grows with *changes of control*, not with places x days: each interval of unchanged
control is one short array, dates are day numbers from the first day, and every quote, source
and place name is stored once and referred to by index.

Safety rule: **every string in the payload is already HTML-escaped** (``html.escape`` with
quotes), so the page's script may put any of them into markup or a quoted attribute as is.
URLs are kept only when they are ``http``/``https``.  Numbers are the only other values.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

from .advances import MAX_ADVANCE_KM, find_advances, is_capture
from .basemap import Basemap
from .zones import ZONE_KM, zone_cells

__all__ = ["ArticleInfo", "build_payload", "safe_color", "esc", "PAYLOAD_VERSION", "UNKNOWN_COLOR"]

PAYLOAD_VERSION = 1
UNKNOWN_COLOR = "#8c8c8c"
_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$")
# Zoom level at which a label appears: countries always, big cities early, villages late.
LABEL_ZOOM = {"country": 0, "province": 7}
CITY_LABEL_IMPORTANCE = 0.6  # gazetteer cities and towns labelled even when no article names them
MAX_CLAIMS_PER_INTERVAL = 12  # the popup lists this many supporting claims, strongest first


@dataclass(frozen=True)
class ArticleInfo:
    """What a popup says about a source article."""

    source: str
    title: str | None = None
    published: dt.date | None = None


def esc(value) -> str:
    """HTML-escape a value for text or a quoted attribute (None -> empty)."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_color(value: str | None) -> str:
    """A colour from the party config if it is a plain hex or named colour, else grey.

    The config is user-editable and the colour reaches CSS: anything else could break out.
    """
    return value if isinstance(value, str) and _COLOR.match(value) else UNKNOWN_COLOR


def safe_url(value: str | None) -> str:
    """The URL if it is http(s), else ``""`` (no ``javascript:`` link from hostile input)."""
    if not value:
        return ""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return ""
    return esc(value.strip()) if parts.scheme in ("http", "https") and parts.netloc else ""


def _label_zoom(importance: float) -> int:
    return 6 if importance >= 0.9 else 7 if importance >= CITY_LABEL_IMPORTANCE else 8


class _Table:
    """Strings stored once, referred to by index."""

    def __init__(self):
        self.index: dict = {}
        self.rows: list = []

    def add(self, key, row) -> int:
        if key not in self.index:
            self.index[key] = len(self.rows)
            self.rows.append(row)
        return self.index[key]


def _party_table(intervals, parties: dict) -> tuple[list, dict]:
    """Parties in config order (states such as ``contested`` last), then unknown ids."""
    ordered = [p for p in parties.values() if not p.state] + [p for p in parties.values() if p.state]
    rows, index = [], {}
    for p in ordered:
        index[p.id] = len(rows)
        rows.append([esc(p.id), esc(p.name), safe_color(p.color), 1 if p.state else 0])
    for iv in intervals:
        if iv.party not in index:
            index[iv.party] = len(rows)
            rows.append([esc(iv.party), esc(iv.party), UNKNOWN_COLOR, 0])
    return rows, index


def _date_range(intervals) -> tuple[dt.date, dt.date]:
    days = [iv.valid_from for iv in intervals] + [iv.valid_to for iv in intervals if iv.valid_to]
    days += [iv.first_reported for iv in intervals if iv.first_reported]
    if not days:
        today = dt.date.today()
        return today, today
    return min(days), max(days)


def build_payload(intervals, *, parties: dict, basemap: Basemap | None = None, gazetteer=None,
                  articles: dict | None = None, zone_km: float = ZONE_KM, advance_km: float = MAX_ADVANCE_KM,
                  title: str | None = None) -> dict:
    """The page's data for a list of intervals.

    Parameters
    ----------
    intervals : list of Interval
        From :func:`mapper.timeline.build_timeline`.
    parties : dict
        Party id -> Party (``mapper.claims.default_parties().parties``).
    basemap : Basemap, optional
        For crossings' neighbours, advance origins across borders and zone clipping.
    gazetteer : Gazetteer, optional
        Adds governorates, label importance, and every border crossing (even unreported).
    articles : dict, optional
        Article id -> :class:`ArticleInfo`, so popups name the source rather than a hash.
    zone_km, advance_km : float
        Reach of an estimated zone; longest advance arrow.
    title : str, optional
        Title shown above the time controls.

    Returns
    -------
    dict
        JSON-ready; see ``mapper/render/templates/territory.js`` for how it is read.
    """
    basemap = basemap or Basemap({"type": "FeatureCollection", "features": []})
    articles = articles or {}
    party_rows, party_index = _party_table(intervals, parties)
    mapped = [iv for iv in intervals if iv.lat is not None and iv.lon is not None]
    first, last = _date_range(mapped)

    def day(d):
        return None if d is None else (d - first).days

    places = _Table()
    place_of: dict[str, int] = {}
    crossings: list = []

    def add_place(pid, name, kind, lat, lon):
        gp = gazetteer.get(pid) if gazetteer is not None and pid in gazetteer else None
        zoom = _label_zoom(gp.importance if gp else 0.0)
        idx = places.add(pid, [esc(name), esc(kind or (gp.kind if gp else "")), round(lat, 4), round(lon, 4),
                               esc(gp.admin1 if gp else ""), zoom])
        place_of[pid] = idx
        if (kind or (gp.kind if gp else "")) == "crossing" and not any(c[0] == idx for c in crossings):
            crossings.append([idx, esc(basemap.neighbour_of(lat, lon) or "")])
        return idx

    for iv in sorted(mapped, key=lambda i: (i.place_id, i.valid_from)):
        if iv.place_id not in place_of:
            add_place(iv.place_id, iv.place, iv.kind, iv.lat, iv.lon)
    if gazetteer is not None:
        for p in sorted(gazetteer, key=lambda p: p.id):
            if p.kind == "crossing" and p.country == "IQ" and p.id not in place_of:
                add_place(p.id, p.name, p.kind, p.lat, p.lon)

    quotes, sources, claims = _Table(), _Table(), []

    def source_idx(article_id):
        if article_id in sources.index:
            return sources.index[article_id]
        info = articles.get(article_id)
        if info is None:
            return sources.add(article_id, [esc(article_id), "", "", None])
        label = info.source if safe_url(info.source) else PurePath(info.source).name or info.source
        return sources.add(article_id, [esc(label), esc(info.title or ""), safe_url(info.source),
                                        day(info.published)])

    iv_rows = []
    for iv in sorted(mapped, key=lambda i: (place_of[i.place_id], i.valid_from)):
        ids = []
        ranked = sorted(iv.claims, key=lambda r: -r.claim.confidence)[:MAX_CLAIMS_PER_INTERVAL]
        for rec in sorted(ranked, key=lambda r: (r.claim.date or first, r.article)):
            c = rec.claim
            ids.append(len(claims))
            claims.append([quotes.add(c.quote, esc(c.quote)), source_idx(rec.article), esc(c.action), day(c.date),
                           round(c.confidence, 2), esc(c.hedge or ""), esc(c.date_precision or ""),
                           party_index.get(c.party, -1)])
        iv_rows.append([place_of[iv.place_id], party_index[iv.party], day(iv.valid_from), day(iv.valid_to),
                        round(iv.confidence, 2), day(iv.first_reported), ids,
                        sorted(source_idx(a) for a in iv.conflicting), 1 if is_capture(iv) else 0])

    advances = []
    border = basemap.across_border if basemap.iraq is not None else None
    for a in find_advances(mapped, parties, border_origin=border, max_km=advance_km):
        advances.append([party_index[a.party], place_of[a.place_id], day(a.date),
                         place_of.get(a.origin_id, -1) if a.origin_id else -1,
                         a.origin_lat, a.origin_lon, a.km, esc(a.origin_country or "")])

    zones = []
    if zone_km and zone_km > 0:
        pts = [(row[2], row[3]) for row in places.rows]
        for idx, cell in enumerate(zone_cells(pts, clip=basemap.iraq, km=zone_km)):
            if cell is not None:
                zones.append([idx, _rings(cell)])

    labels = [[esc(lb.name), lb.lat, lb.lon, LABEL_ZOOM.get(lb.kind, 8), lb.kind] for lb in basemap.labels()]
    if gazetteer is not None:
        for p in gazetteer:
            if (p.country == "IQ" and p.kind in ("city", "town") and p.importance >= CITY_LABEL_IMPORTANCE
                    and p.id not in place_of):
                labels.append([esc(p.name), round(p.lat, 4), round(p.lon, 4), _label_zoom(p.importance), "city"])

    if title is None:
        title = f"Territorial control in Iraq, {_long_date(first)} \u2013 {_long_date(last)}" if mapped else \
            "Territorial control in Iraq"
    return {
        "v": PAYLOAD_VERSION,
        "title": esc(title),
        "t0": first.isoformat(),
        "days": (last - first).days + 1,
        "parties": party_rows,
        "places": places.rows,
        "iv": iv_rows,
        "claims": claims,
        "quotes": quotes.rows,
        "sources": sources.rows,
        "crossings": crossings,
        "adv": advances,
        "zones": zones,
        "zoneKm": zone_km,
        "labels": labels,
        "bounds": basemap.bounds,
    }


def _long_date(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _rings(geom) -> list:
    """Polygon/MultiPolygon as a list of polygons, each a list of flat ``[lat, lon, ...]`` rings."""
    polys = getattr(geom, "geoms", [geom])
    out = []
    for poly in polys:
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        rings = []
        for ring in (poly.exterior, *poly.interiors):
            flat = []
            for x, y in list(ring.coords)[:-1]:  # Leaflet closes rings itself
                flat += [round(y, 3), round(x, 3)]
            rings.append(flat)
        out.append(rings)
    return out
