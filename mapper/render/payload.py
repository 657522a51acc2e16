"""The compact data a map page carries: one JSON object the page's own script reads.

The page grows with *changes of control*, not with places x days: each interval of unchanged
control is one short array, dates are day numbers from the first day, and every quote, source
and place name is stored once and referred to by index.

Safety rule: **every string in the payload is already HTML-escaped** (``html.escape`` with
quotes), so the page's script may put any of them into markup or a quoted attribute as is.
URLs are kept only when they are ``http``/``https``.  Numbers are the only other values.

Evidence cap: a popup lists at most :data:`EVIDENCE_LIMIT` supporting claims of an interval
(:func:`pick_evidence`: analysts' pins first, then one claim per source, most confident and most
recent first) and says how many more ``events.csv`` holds.  The interval's row then ends with
two more numbers: the claims left out and the interval's sources in all.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from urllib.parse import urlsplit

from .advances import MAX_ADVANCE_KM, find_advances, is_capture
from .basemap import Basemap
from .zones import ZONE_KM, zone_cells

__all__ = ["ArticleInfo", "build_payload", "PayloadBuilder", "safe_color", "esc", "pick_evidence", "trim_evidence",
           "PAYLOAD_VERSION", "UNKNOWN_COLOR", "EVIDENCE_LIMIT", "STALE_DAYS", "UNDATED_LIMIT"]

PAYLOAD_VERSION = 1
UNKNOWN_COLOR = "#8c8c8c"
_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$")
# Zoom level at which a label appears: countries always, big cities early, villages late.
LABEL_ZOOM = {"country": 0, "province": 7}
CITY_LABEL_IMPORTANCE = 0.6  # gazetteer cities and towns labelled even when no article names them
# Supporting claims a popup lists per interval.  Five quotes with their sources fill about two
# heights of the popup (360 px) and are enough to see whether independent sources agree; past
# that a reader scrolls by, and every claim is in events.csv anyway.  The cap also bounds the
# page: it grows with the intervals, not with the claims (1M claims at 100k articles).
EVIDENCE_LIMIT = 5
# A control nobody has reported for this many days is drawn faded, and said to be "not reported since"
# in its popup, and left out of the legend's counts: fronts in this war moved within weeks, and a
# control last reported a season ago is a memory, not a report.
STALE_DAYS = 90
# Claims no date could be found for are listed apart ("not placed in time"), the most confident first, at most
# this many on the page; the count says how many there are, and events.csv has them all.
UNDATED_LIMIT = 300
# The map's days start this long before the first report: news of the days just before it belongs on the slider,
# a state said to go back months ("held since January") does not stretch it (it starts before the first day).
LOOKBACK_DAYS = 30


@dataclass(frozen=True)
class ArticleInfo:
    """What a popup says about a source article."""

    source: str
    title: str | None = None
    published: dt.date | None = None


def esc(value) -> str:
    """HTML-escape a value for text or a quoted attribute (None -> empty)."""
    return html.escape("" if value is None else str(value), quote=True)


# Actions, hedges and date precisions: a few words, escaped for every claim of a big map.
_esc_word = lru_cache(maxsize=1024)(esc)


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


def _evidence_rank(claims: list) -> list[int]:
    """Positions of ``claims``, most telling first.

    Analysts' pins first, then each source's best claim before any source's second one, so a
    short list shows as many independent sources as it can; within that, the most confident
    and then the most recent claim first.  Ties keep the timeline's order.
    """
    def strength(i: int):
        rec = claims[i]
        day = rec.claim.date.toordinal() if rec.claim.date else 0
        return (0 if rec.pinned else 1, -rec.claim.confidence, -day)

    by_strength = sorted(range(len(claims)), key=strength)
    nth_of_source: dict[int, int] = {}
    seen: dict[str, int] = {}
    for i in by_strength:
        nth_of_source[i] = seen.get(claims[i].article, 0)
        seen[claims[i].article] = nth_of_source[i] + 1
    return sorted(by_strength, key=lambda i: (0 if claims[i].pinned else 1, nth_of_source[i]))


def pick_evidence(claims: list, limit: int = EVIDENCE_LIMIT) -> list:
    """The supporting claims a popup lists: at most ``limit``, in their original order.

    The first claim is always kept: it is the one that opened the interval (or the analyst's
    pin, which the timeline puts first), and :func:`mapper.render.advances.is_capture` reads
    it.  The others are the best of :func:`_evidence_rank`.  Picking again from the picked
    claims gives them back unchanged, so claims trimmed early (:func:`trim_evidence`) give
    the same popup as the full list.

    Parameters
    ----------
    claims : list of ClaimRecord
        An interval's ``claims``.
    limit : int
        At most this many are returned (at least 1).

    Returns
    -------
    list of ClaimRecord
    """
    limit = max(1, limit)
    if len(claims) <= limit:
        return list(claims)
    rest = claims[1:]
    keep = sorted(_evidence_rank(rest)[:limit - 1])
    return [claims[0]] + [rest[i] for i in keep]


def trim_evidence(interval, limit: int = EVIDENCE_LIMIT) -> None:
    """Keep in ``interval.claims`` only what the map shows (:func:`pick_evidence`), counting the rest.

    For big batches: an interval of a city can gather thousands of claims, and the map lists
    ``limit`` of them.

    Parameters
    ----------
    interval : Interval
        Changed in place: ``claims`` trimmed, the dropped ones added to ``omitted``.
    limit : int
        As for :func:`pick_evidence`.
    """
    kept = pick_evidence(interval.claims, limit)
    interval.omitted += len(interval.claims) - len(kept)
    interval.claims = kept


class _Shared(dict):
    """One object per distinct value: a big map repeats the same days, confidences and words in
    hundreds of thousands of rows, and each row would otherwise hold copies of its own.

    Keep one per type: ``1`` and ``1.0`` are one key, and would come back as each other.
    """

    def __call__(self, value):
        return self.setdefault(value, value)


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


def build_payload(intervals, *, parties: dict, basemap: Basemap | None = None, gazetteer=None,
                  articles: dict | None = None, zone_km: float = ZONE_KM, advance_km: float = MAX_ADVANCE_KM,
                  title: str | None = None, evidence_limit: int = EVIDENCE_LIMIT,
                  stale_days: int = STALE_DAYS, undated=()) -> dict:
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
    articles : mapping, optional
        Article id -> :class:`ArticleInfo`, so popups name the source rather than a hash
        (anything with ``get``: only the articles of the listed claims are looked up).
    zone_km, advance_km : float
        Reach of an estimated zone; longest advance arrow.
    title : str, optional
        Title shown above the time controls.
    evidence_limit : int
        Supporting claims listed per interval (:data:`EVIDENCE_LIMIT`, see :func:`pick_evidence`).
    stale_days : int
        Days without a report after which a place's control is drawn faded (:data:`STALE_DAYS`; 0: never).
    undated : iterable of ClaimRecord
        Claims no date could be found for, listed apart (see :meth:`PayloadBuilder.add_undated`).

    Returns
    -------
    dict
        JSON-ready; see ``mapper/render/templates/territory.js`` for how it is read.

    See Also
    --------
    PayloadBuilder : the same, fed one place at a time.
    """
    builder = PayloadBuilder(parties=parties, basemap=basemap, gazetteer=gazetteer, articles=articles,
                             evidence_limit=evidence_limit)
    builder.add(intervals)
    builder.add_undated(undated)
    return builder.finish(zone_km=zone_km, advance_km=advance_km, title=title, stale_days=stale_days)


@dataclass(frozen=True, slots=True)
class _MappedInterval:
    """What advances need of a mapped interval, once its row is built (the interval can go)."""

    place_id: str
    kind: str
    lat: float
    lon: float
    party: str
    valid_from: dt.date
    valid_to: dt.date | None
    capture: bool


class PayloadBuilder:
    """:func:`build_payload` fed a few intervals at a time: no interval is kept once added.

    ``mapper run`` adds the intervals of one place after another, so a batch's claims never
    sit in memory together; what is kept is the payload itself.  Call :meth:`add` with the
    intervals of one or more whole places, places in increasing id order across calls, then
    :meth:`finish`.  Every string goes through :func:`esc` on its way in.

    Rows are built as intervals come, before the first day of the data is known: their days
    are held as day ordinals (and parties as ids) until :meth:`finish` makes them day numbers
    (and party indices).

    Parameters
    ----------
    parties, basemap, gazetteer, articles, evidence_limit
        As for :func:`build_payload`.
    """

    def __init__(self, *, parties: dict, basemap: Basemap | None = None, gazetteer=None,
                 articles: dict | None = None, evidence_limit: int = EVIDENCE_LIMIT):
        self.basemap = basemap or Basemap({"type": "FeatureCollection", "features": []})
        self.gazetteer = gazetteer
        self.articles = articles if articles is not None else {}
        self.parties = parties
        self.evidence_limit = evidence_limit
        self.party_rows: list = []
        self.party_index: dict[str, int] = {}
        # Parties in config order (states such as ``contested`` last), then unknown ids as met.
        for p in [p for p in parties.values() if not p.state] + [p for p in parties.values() if p.state]:
            self._add_party(p.id, [esc(p.id), esc(p.name), safe_color(p.color), 1 if p.state else 0])
        self.places, self.quotes, self.sources = _Table(), _Table(), _Table()
        self.place_of: dict[str, int] = {}
        self.crossings: list = []
        self.iv_rows: list = []
        self.reported_rows: list = []  # per interval row: the days it was reported on (timeline rule 10)
        self.undated_rows: list = []  # claims not placed in time: place, party, action, quote, source
        self.undated_count = 0
        self.claims: list = []
        self.mapped: list[_MappedInterval] = []
        self.words, self.days, self.confidences = _Shared(), _Shared(), _Shared()
        self.first: int | None = None  # the data's first and last day (ordinals) so far
        self.first_report: int | None = None  # the first day an article reported a period of control
        self.last: int | None = None
        self._last_place_id: str | None = None

    def _add_party(self, party_id: str, row: list) -> None:
        if party_id not in self.party_index:
            self.party_index[party_id] = len(self.party_rows)
            self.party_rows.append(row)

    def _gazetteer_place(self, pid):
        return self.gazetteer.get(pid) if self.gazetteer is not None and pid in self.gazetteer else None

    def _add_place(self, pid, name, kind, lat, lon) -> int:
        """Row: name, kind, lat, lon, governorate, zoom at which its label appears."""
        gp = self._gazetteer_place(pid)
        kind = kind or (gp.kind if gp else "")
        idx = self.places.add(pid, [esc(name), esc(kind), round(lat, 4), round(lon, 4), esc(gp.admin1 if gp else ""),
                                    _label_zoom(gp.importance if gp else 0.0, reported=kind != "crossing")])
        if pid not in self.place_of and kind == "crossing":
            self.crossings.append([idx, esc(self.basemap.neighbour_of(lat, lon) or "")])
        self.place_of[pid] = idx
        return idx

    def add(self, intervals) -> None:
        """Add the intervals of whole places whose ids follow those of the places added before.

        Raises
        ------
        ValueError
            When a place comes out of order, or again (its rows would be misplaced).
        """
        for iv in intervals:
            self._add_party(iv.party, [esc(iv.party), esc(iv.party), UNKNOWN_COLOR, 0])
        mapped = [iv for iv in intervals if iv.lat is not None and iv.lon is not None]
        for iv in sorted(mapped, key=lambda i: (i.place_id, i.valid_from)):
            if iv.place_id not in self.place_of:
                if self._last_place_id is not None and iv.place_id <= self._last_place_id:
                    raise ValueError(f"place {iv.place_id!r} added after {self._last_place_id!r}: add places in "
                                     "increasing id order, each whole")
                self._last_place_id = iv.place_id
                self._add_place(iv.place_id, iv.place, iv.kind, iv.lat, iv.lon)
            self.iv_rows.append(self._interval_row(iv))
            self.reported_rows.append(sorted(d.toordinal() for d in getattr(iv, "reported_on", ())))
            self._widen_dates(iv)
        # In the order given, as advances were always found (ties between origins go to the first).
        self.mapped += [_MappedInterval(iv.place_id, iv.kind, iv.lat, iv.lon, iv.party, iv.valid_from, iv.valid_to,
                                is_capture(iv)) for iv in mapped]

    def add_undated(self, records, limit: int = UNDATED_LIMIT) -> None:
        """List the claims no date could be found for (ClaimRecords), the most confident first.

        Row: place name, party (an id until :meth:`finish`), action, quote, source.  They are not
        intervals: the page lists them as "not placed in time" so that nothing read is lost from view.
        """
        records = list(records)
        self.undated_count += len(records)
        best = sorted(records, key=lambda r: (-r.claim.confidence, r.claim.place, r.article))[:limit]
        for rec in best:
            c = rec.claim
            self._add_party(c.party, [esc(c.party), esc(c.party), UNKNOWN_COLOR, 0])
            quote = esc(c.quote)
            self.undated_rows.append([esc(c.place), c.party, _esc_word(c.action), self.quotes.add(quote, quote),
                                      self._source(rec.article)])

    def _widen_dates(self, iv) -> None:
        for d in (iv.valid_from, iv.valid_to, iv.first_reported):
            if d:
                day = d.toordinal()
                self.first = day if self.first is None else min(self.first, day)
                self.last = day if self.last is None else max(self.last, day)
        if iv.first_reported:
            day = iv.first_reported.toordinal()
            self.first_report = day if self.first_report is None else min(self.first_report, day)

    def _first_day(self) -> int | None:
        """The map's first day: the reports' span, from :data:`LOOKBACK_DAYS` before the first report.

        A period said to have begun long before ("held since January" in a June story) starts before the
        slider's first day and is drawn from it; its popup keeps its own start.  Without a report date, the
        first day any period starts.
        """
        if self.first_report is None or self.first is None:
            return self.first
        return max(self.first, self.first_report - LOOKBACK_DAYS)

    def _source(self, article_id: str) -> int:
        """Row: label (file name or URL), title, link (http(s) only), publication day."""
        if article_id in self.sources.index:
            return self.sources.index[article_id]
        info = self.articles.get(article_id)
        if info is None:
            return self.sources.add(article_id, [esc(article_id), "", "", None])
        url = safe_url(info.source)
        label = info.source if url else PurePath(info.source).name or info.source
        return self.sources.add(article_id, [esc(label), esc(info.title or ""), url, _ordinal(info.published)])

    def _claim(self, rec) -> int:
        """Row: quote, source, action, day, confidence, hedge, date precision, party."""
        c, words = rec.claim, self.words
        quote = esc(c.quote)  # escaping is one to one: the escaped quote can be its own key
        self.claims.append([self.quotes.add(quote, quote), self._source(rec.article), words(_esc_word(c.action)),
                            _ordinal(c.date), self.confidences(round(c.confidence, 2)), words(_esc_word(c.hedge)),
                            words(_esc_word(c.date_precision)), c.party])
        return len(self.claims) - 1

    def _interval_row(self, iv) -> list:
        """Row: place, party, from, to, confidence, first reported, claims, disputing sources, flags.

        Flags: 1 when the interval starts with a capture, plus 2 when its party holds part of the place only.

        When the claims listed are fewer than those supporting the interval (the evidence cap),
        two more: the number of claims left out, and the number of the interval's sources.
        """
        shown = pick_evidence(iv.claims, self.evidence_limit)
        # Pins first, then date order (quotes shared between claims are stored once).
        ordered = sorted(shown, key=lambda r: (not r.pinned, r.claim.date or dt.date.min, r.article))
        ids = [self._claim(rec) for rec in ordered]
        row = [self.place_of[iv.place_id], iv.party, _ordinal(iv.valid_from), _ordinal(iv.valid_to),
               self.confidences(round(iv.confidence, 2)), _ordinal(iv.first_reported), ids,
               sorted(self._source(a) for a in iv.conflicting),
               (1 if is_capture(iv) else 0) | (2 if iv.extent == "partial" else 0)]
        left_out = iv.claim_count - len(shown)
        if left_out:
            row += [left_out, len(iv.sources)]
        return row

    def finish(self, *, zone_km: float = ZONE_KM, advance_km: float = MAX_ADVANCE_KM,
               title: str | None = None, stale_days: int = STALE_DAYS) -> dict:
        """The payload of everything added (see :func:`build_payload`); call once."""
        today = dt.date.today().toordinal()
        first = self._first_day() if self.first is not None else today
        last = self.last if self.last is not None else today
        self._to_day_numbers(first)
        self._add_unreported_crossings()
        t0, end = dt.date.fromordinal(first), dt.date.fromordinal(last)
        if title is None:
            title = (f"Territorial control in Iraq, {_long_date(t0)} \u2013 {_long_date(end)}" if self.mapped
                     else "Territorial control in Iraq")
        return {
            "v": PAYLOAD_VERSION,
            "title": esc(title),
            "t0": t0.isoformat(),
            "days": last - first + 1,
            "parties": self.party_rows,
            "places": self.places.rows,
            "iv": self.iv_rows,
            "rep": self.reported_rows,
            "undated": self.undated_rows,
            "undatedCount": self.undated_count,
            "staleDays": stale_days,
            "claims": self.claims,
            "quotes": self.quotes.rows,
            "sources": self.sources.rows,
            "crossings": self.crossings,
            "adv": self._advance_rows(advance_km, t0),
            "zones": self._zone_rows(zone_km),
            "areas": self._area_rows(),
            "zoneKm": zone_km,
            "labels": self._label_rows(),
            "bounds": self.basemap.bounds,
        }

    def _to_day_numbers(self, first: int) -> None:
        """Day ordinals -> days since ``first``; party ids -> indices (-1 for a claim's unknown party)."""
        def day(value):
            return None if value is None else self.days(value - first)

        for row in self.iv_rows:
            row[1] = self.party_index[row[1]]
            row[2], row[3], row[5] = day(row[2]), day(row[3]), day(row[5])
        for row in self.claims:
            row[3] = day(row[3])
            row[7] = self.party_index.get(row[7], -1)
        for days in self.reported_rows:
            days[:] = [day(d) for d in days]
        for row in self.undated_rows:
            row[1] = self.party_index[row[1]]
        for row in self.sources.rows:
            row[3] = day(row[3])

    def _add_unreported_crossings(self) -> None:
        """Every Iraqi border crossing of the gazetteer, after the places reported (even unreported)."""
        if self.gazetteer is not None:
            for p in sorted(self.gazetteer, key=lambda p: p.id):
                if p.kind == "crossing" and p.country == "IQ" and p.id not in self.place_of:
                    self._add_place(p.id, p.name, p.kind, p.lat, p.lon)

    def _advance_rows(self, max_km: float, t0: dt.date) -> list:
        """Row: party, target place, day, origin place (-1 if none), origin lat, lon, km, neighbour,
        day the origin was taken (-1 for a border crossing's advance: see :mod:`mapper.render.advances`)."""
        border = self.basemap.across_border if self.basemap.iraq is not None else None
        advances = find_advances(self.mapped, self.parties, border_origin=border, max_km=max_km,
                                 capture=lambda m: m.capture)
        return [[self.party_index[a.party], self.place_of[a.place_id], (a.date - t0).days,
                 self.place_of.get(a.origin_id, -1) if a.origin_id else -1, a.origin_lat, a.origin_lon, a.km,
                 esc(a.origin_country or ""), (a.origin_date - t0).days if a.origin_date else -1]
                for a in advances]

    def _area_rows(self) -> list:
        """Row: place, polygons (flat rings), for each governorate a claim is about: drawn as its area, not a dot."""
        shapes = self.basemap.province_shapes()
        out = []
        for pid, idx in self.place_of.items():
            geom = shapes.get(pid)
            if geom is not None:
                out.append([idx, _rings(geom.simplify(0.01, preserve_topology=True))])
        return sorted(out)

    def _zone_rows(self, km: float) -> list:
        """Row: place, polygons (flat rings); empty when ``km`` is 0."""
        if not km or km <= 0:
            return []
        pts = [(row[2], row[3]) for row in self.places.rows]
        cells = zone_cells(pts, clip=self.basemap.iraq, km=km)
        return [[idx, _rings(cell)] for idx, cell in enumerate(cells) if cell is not None]

    def _label_rows(self) -> list:
        """Row: name, lat, lon, zoom it appears at, kind; countries, governorates and unreported cities."""
        rows = [[esc(lb.name), lb.lat, lb.lon, LABEL_ZOOM.get(lb.kind, 8), lb.kind] for lb in self.basemap.labels()]
        if self.gazetteer is not None:
            for p in self.gazetteer:
                if (p.country == "IQ" and p.kind in ("city", "town") and p.importance >= CITY_LABEL_IMPORTANCE
                        and p.id not in self.place_of):
                    rows.append([esc(p.name), round(p.lat, 4), round(p.lon, 4), _label_zoom(p.importance), "city"])
        return rows


def _ordinal(d: dt.date | None) -> int | None:
    return None if d is None else d.toordinal()


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
