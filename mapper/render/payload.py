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


def _label_zoom(importance: float, reported: bool = False) -> int:
    """Zoom at which a place's label appears: big cities first, then places the articles name."""
    if importance >= 0.9:
        return 5
    if reported:
        return 6 if importance >= CITY_LABEL_IMPORTANCE else 7
    return 7


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
    builder = _Builder(intervals, parties, basemap, gazetteer, articles or {})
    builder.add_places()
    iv_rows = builder.interval_rows()
    first, last = builder.first, builder.last
    if title is None:
        title = (f"Territorial control in Iraq, {_long_date(first)} \u2013 {_long_date(last)}" if builder.mapped
                 else "Territorial control in Iraq")
    return {
        "v": PAYLOAD_VERSION,
        "title": esc(title),
        "t0": first.isoformat(),
        "days": (last - first).days + 1,
        "parties": builder.party_rows,
        "places": builder.places.rows,
        "iv": iv_rows,
        "claims": builder.claims,
        "quotes": builder.quotes.rows,
        "sources": builder.sources.rows,
        "crossings": builder.crossings,
        "adv": builder.advance_rows(advance_km),
        "zones": builder.zone_rows(zone_km),
        "zoneKm": zone_km,
        "labels": builder.label_rows(),
        "bounds": builder.basemap.bounds,
    }


class _Builder:
    """Builds the payload's tables; every string goes through :func:`esc` on its way in."""

    def __init__(self, intervals, parties, basemap, gazetteer, articles):
        self.basemap = basemap or Basemap({"type": "FeatureCollection", "features": []})
        self.gazetteer = gazetteer
        self.articles = articles
        self.parties = parties
        self.party_rows, self.party_index = _party_table(intervals, parties)
        self.mapped = [iv for iv in intervals if iv.lat is not None and iv.lon is not None]
        self.first, self.last = _date_range(self.mapped)
        self.places, self.quotes, self.sources = _Table(), _Table(), _Table()
        self.place_of: dict[str, int] = {}
        self.crossings: list = []
        self.claims: list = []

    def day(self, d: dt.date | None) -> int | None:
        """Days since the first day of the data (None stays None)."""
        return None if d is None else (d - self.first).days

    def _gazetteer_place(self, pid):
        return self.gazetteer.get(pid) if self.gazetteer is not None and pid in self.gazetteer else None

    def add_place(self, pid, name, kind, lat, lon) -> int:
        """Row: name, kind, lat, lon, governorate, zoom at which its label appears."""
        gp = self._gazetteer_place(pid)
        kind = kind or (gp.kind if gp else "")
        idx = self.places.add(pid, [esc(name), esc(kind), round(lat, 4), round(lon, 4), esc(gp.admin1 if gp else ""),
                                    _label_zoom(gp.importance if gp else 0.0, reported=kind != "crossing")])
        if pid not in self.place_of and kind == "crossing":
            self.crossings.append([idx, esc(self.basemap.neighbour_of(lat, lon) or "")])
        self.place_of[pid] = idx
        return idx

    def add_places(self) -> None:
        """Every mapped place, then every Iraqi border crossing of the gazetteer (even unreported)."""
        for iv in sorted(self.mapped, key=lambda i: (i.place_id, i.valid_from)):
            if iv.place_id not in self.place_of:
                self.add_place(iv.place_id, iv.place, iv.kind, iv.lat, iv.lon)
        if self.gazetteer is not None:
            for p in sorted(self.gazetteer, key=lambda p: p.id):
                if p.kind == "crossing" and p.country == "IQ" and p.id not in self.place_of:
                    self.add_place(p.id, p.name, p.kind, p.lat, p.lon)

    def source(self, article_id: str) -> int:
        """Row: label (file name or URL), title, link (http(s) only), publication day."""
        if article_id in self.sources.index:
            return self.sources.index[article_id]
        info = self.articles.get(article_id)
        if info is None:
            return self.sources.add(article_id, [esc(article_id), "", "", None])
        url = safe_url(info.source)
        label = info.source if url else PurePath(info.source).name or info.source
        return self.sources.add(article_id, [esc(label), esc(info.title or ""), url, self.day(info.published)])

    def claim(self, rec) -> int:
        """Row: quote, source, action, day, confidence, hedge, date precision, party."""
        c = rec.claim
        self.claims.append([self.quotes.add(c.quote, esc(c.quote)), self.source(rec.article), esc(c.action),
                            self.day(c.date), round(c.confidence, 2), esc(c.hedge or ""),
                            esc(c.date_precision or ""), self.party_index.get(c.party, -1)])
        return len(self.claims) - 1

    def interval_rows(self) -> list:
        """Row: place, party, from, to, confidence, first reported, claims, disputing sources, capture."""
        rows = []
        for iv in sorted(self.mapped, key=lambda i: (self.place_of[i.place_id], i.valid_from)):
            # Every supporting claim, in date order (quotes shared between claims are stored once).
            ordered = sorted(iv.claims, key=lambda r: (r.claim.date or self.first, r.article))
            ids = [self.claim(rec) for rec in ordered]
            rows.append([self.place_of[iv.place_id], self.party_index[iv.party], self.day(iv.valid_from),
                         self.day(iv.valid_to), round(iv.confidence, 2), self.day(iv.first_reported), ids,
                         sorted(self.source(a) for a in iv.conflicting), 1 if is_capture(iv) else 0])
        return rows

    def advance_rows(self, max_km: float) -> list:
        """Row: party, target place, day, origin place (-1 if none), origin lat, lon, km, neighbour."""
        border = self.basemap.across_border if self.basemap.iraq is not None else None
        return [[self.party_index[a.party], self.place_of[a.place_id], self.day(a.date),
                 self.place_of.get(a.origin_id, -1) if a.origin_id else -1, a.origin_lat, a.origin_lon, a.km,
                 esc(a.origin_country or "")]
                for a in find_advances(self.mapped, self.parties, border_origin=border, max_km=max_km)]

    def zone_rows(self, km: float) -> list:
        """Row: place, polygons (flat rings); empty when ``km`` is 0."""
        if not km or km <= 0:
            return []
        pts = [(row[2], row[3]) for row in self.places.rows]
        cells = zone_cells(pts, clip=self.basemap.iraq, km=km)
        return [[idx, _rings(cell)] for idx, cell in enumerate(cells) if cell is not None]

    def label_rows(self) -> list:
        """Row: name, lat, lon, zoom it appears at, kind; countries, governorates and unreported cities."""
        rows = [[esc(lb.name), lb.lat, lb.lon, LABEL_ZOOM.get(lb.kind, 8), lb.kind] for lb in self.basemap.labels()]
        if self.gazetteer is not None:
            for p in self.gazetteer:
                if (p.country == "IQ" and p.kind in ("city", "town") and p.importance >= CITY_LABEL_IMPORTANCE
                        and p.id not in self.place_of):
                    rows.append([esc(p.name), round(p.lat, 4), round(p.lon, 4), _label_zoom(p.importance), "city"])
        return rows


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
