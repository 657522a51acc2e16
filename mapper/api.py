"""The Python API for notebooks: a corpus or a store in, tables and GeoDataFrames out.

A *source* is a :class:`Corpus` (articles extracted in memory from files) or a
:class:`mapper.store.Store`; both offer ``records()``, ``claim_rows()``, ``mention_rows()``,
``corrections()`` and ``gazetteer()``.  Every function here also takes a path: a ``.sqlite``
file is opened as a store, anything else is read as article files or folders.

>>> import mapper
>>> store = mapper.load_store("output/store.sqlite")              # doctest: +SKIP
>>> mapper.timeline_frame(store, on="2014-06-20").plot(column="party")  # doctest: +SKIP

The ``*_rows`` functions return plain dicts (what ``mapper events/places/timeline`` print);
the ``*_frame`` functions return GeoDataFrames in EPSG:4326 with real date columns.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .corrections import Correction, apply, claim_id, rejector, resolve_place
from .timeline import ANALYST_PREFIX, ClaimRecord, Interval, build_timeline

__all__ = ["Corpus", "Filters", "load_corpus", "load_store", "as_source", "event_rows", "interval_rows",
           "place_rows", "acled_rows", "claims_frame", "places_frame", "timeline_frame", "events_frame",
           "intervals", "control_map", "EXPORT_FORMATS", "LAYERS", "export"]

SQLITE_SUFFIXES = {".sqlite", ".sqlite3", ".db"}
DATE_COLUMNS = ("date", "date_start", "published", "valid_from", "valid_to", "first_reported", "since",
                "event_date")


# -- sources ---------------------------------------------------------------------------------------------
class Corpus:
    """Articles extracted in memory from files: the store's reading interface without a store.

    Parameters
    ----------
    extracted : iterable of Extracted
        Results of :func:`mapper.pipeline.extract` (read errors are kept apart in ``errors``).
    gaz : Gazetteer
        The gazetteer the articles were read with.
    corrections : iterable of Correction, optional
        Applied by :meth:`records` (e.g. ``store.corrections()``, or ``mapper.corrections.read_csv(path)``).
    """

    def __init__(self, extracted: Iterable, gaz, corrections: Iterable[Correction] = ()):
        from .articles import ReadError

        items = list(extracted)
        self.extracted = [x for x in items if not isinstance(x, ReadError)]
        self.errors = [x for x in items if isinstance(x, ReadError)]
        self._gaz = gaz
        self._corrections = list(corrections)

    def __repr__(self) -> str:
        return f"Corpus({len(self.extracted)} articles, {len(self.errors)} unreadable)"

    def gazetteer(self):
        """The gazetteer of this corpus."""
        return self._gaz

    def corrections(self) -> list[Correction]:
        """The corrections applied to this corpus."""
        return list(self._corrections)

    def _kind(self, place_id: str) -> str:
        return self._gaz.get(place_id).kind if place_id in self._gaz else ""

    def records(self, corrected: bool = True) -> list[ClaimRecord]:
        """ClaimRecords of every claim (with ``corrected``: rejections dropped, pins added)."""
        recs = [ClaimRecord(c, x.article.id, x.published, self._kind(c.place_id))
                for x in self.extracted for c in x.events]
        return apply(recs, self._corrections) if corrected else recs

    def claim_rows(self, include_rejected: bool = True) -> list[dict]:
        """Every claim as a dict, with the same fields as :meth:`mapper.store.Store.claim_rows`."""
        rejected_by = rejector(self._corrections)
        out = []
        for x in self.extracted:
            for c in x.events:
                rejected = rejected_by(x.article.id, c)
                if rejected and not include_rejected:
                    continue
                place = self._gaz.get(c.place_id) if c.place_id in self._gaz else None
                out.append({"article": x.article.id, **c.to_dict(), "claim_id": claim_id(x.article.id, c),
                            "rejected": rejected, "kind": place.kind if place else "",
                            "admin1": place.admin1 if place else None, "country": place.country if place else None,
                            "source": x.article.source, "title": x.article.title,
                            "published": x.published.isoformat() if x.published else None})
        return out

    def mention_rows(self) -> list[dict]:
        """Every place mention: the ``toponyms`` fields plus ``article`` and its ``published`` date."""
        return [{"article": x.article.id, **m.to_dict(), "published": x.published.isoformat() if x.published else None}
                for x in self.extracted for m in x.mentions]


def load_corpus(*inputs: str | Path, gazetteer=None, date: dt.date | str | None = None,
                corrections: Iterable[Correction] = ()) -> Corpus:
    """Read and extract article files or folders into a :class:`Corpus`.

    Parameters
    ----------
    *inputs : str or Path
        Files or folders of ``.txt``, ``.md``, ``.html``/``.htm`` and ``.jsonl`` articles.
    gazetteer : Gazetteer, optional
        Default: :func:`gazetteer.load`.
    date : date or str, optional
        Publication date of every input (as ``--date``).
    corrections : iterable of Correction, optional
        Applied to :meth:`Corpus.records`.
    """
    from gazetteer import load

    from .pipeline import extract

    gaz = gazetteer or load()
    day = dt.date.fromisoformat(date) if isinstance(date, str) else date
    return Corpus(extract([str(i) for i in inputs], gaz, day), gaz, corrections)


def load_store(path: str | Path | None = None, create: bool = False):
    """Open a store (default ``output/store.sqlite``); see :class:`mapper.store.Store`."""
    from .store import DEFAULT_STORE, Store

    return Store(path or DEFAULT_STORE, create=create)


def as_source(source):
    """A store or corpus from ``source``: itself, a ``.sqlite`` path (a store), or article paths (a corpus)."""
    if hasattr(source, "records") and hasattr(source, "claim_rows"):
        return source
    paths = [source] if isinstance(source, str | Path) else list(source)
    if len(paths) == 1 and Path(paths[0]).suffix.lower() in SQLITE_SUFFIXES:
        return load_store(paths[0])
    return load_corpus(*paths)


# -- filters -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """Row filters shared by the tables and exports (an empty field filters nothing).

    Attributes
    ----------
    parties : tuple of str
        Party ids or any word ``parties.toml`` lists for one ("peshmerga"), of a claim or of the control an
        interval or place shows.
    places : tuple of str
        Place ids or names (resolved with the gazetteer: ``Telafer`` finds Tal Afar).
    admin1 : tuple of str
        Governorates, by any name the gazetteer knows (``Salahuddin`` finds Saladin).
    since, until : date, optional
        Inclusive date range (a claim's date; an interval overlapping the range).
    """

    parties: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None

    def matcher(self, gaz) -> _Match:
        """The filters with places and governorates resolved against ``gaz``.

        ``gaz`` may be a function returning the gazetteer: it is called only when a place or
        governorate filter needs it (loading a gazetteer takes a moment).
        """
        if callable(gaz) and (self.places or self.admin1):
            gaz = gaz()
        place_ids = set()
        for value in self.places:
            place_ids.add(value)
            # A lookup, not a correction: phonetic variants are welcome here.
            place = resolve_place(value, gaz, levels=("exact", "alternate", "normalized", "variant"))
            if place is not None:
                place_ids.add(place.id)
        names = set()
        for value in self.admin1:
            names.add(value.casefold())
            match = gaz.best(value, kind="province")
            if match is not None and match.place.kind == "province":
                names.add(match.place.name.casefold())
        from .claims import default_parties

        config = default_parties()
        parties = frozenset(config.party_named(p) or p for p in self.parties)
        return _Match(self, frozenset(place_ids), frozenset(names), parties)


@dataclass(frozen=True)
class _Match:
    filters: Filters
    place_ids: frozenset
    admin1: frozenset
    parties: frozenset = frozenset()

    def place(self, place_id: str, admin1: str | None, party: str | None = None) -> bool:
        f = self.filters
        return ((not f.places or place_id in self.place_ids)
                and (not f.admin1 or (admin1 or "").casefold() in self.admin1)
                and (not f.parties or party in self.parties))

    def day(self, day: dt.date | None) -> bool:
        f = self.filters
        if day is None:
            return f.since is None and f.until is None
        return (f.since is None or day >= f.since) and (f.until is None or day <= f.until)

    def span(self, start: dt.date, end: dt.date | None) -> bool:
        f = self.filters
        return (f.until is None or start <= f.until) and (f.since is None or end is None or end >= f.since)


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


# -- rows ----------------------------------------------------------------------------------------------------------
def event_rows(source, filters: Filters | None = None, include_rejected: bool = True) -> list[dict]:
    """Claims as dicts: the ``events`` fields of docs/interface.md plus ``article``, ``claim_id``,
    ``rejected``, ``kind``, ``admin1``, ``country``, ``source``, ``title`` and ``published``."""
    source = as_source(source)
    match = (filters or Filters()).matcher(source.gazetteer)
    return [r for r in source.claim_rows(include_rejected)
            if match.place(r["place_id"], r["admin1"], r["party"]) and match.day(_date(r["date"]))]


def intervals(source) -> list[Interval]:
    """The control timeline of a source, corrections applied."""
    return build_timeline(as_source(source).records())


def _is_pinned(iv: Interval) -> bool:
    return any(a.startswith(ANALYST_PREFIX) for a in iv.sources)


def interval_rows(source, filters: Filters | None = None, on: dt.date | str | None = None,
                  timeline: list[Interval] | None = None) -> list[dict]:
    """Intervals of unchanged control as dicts (the ``control.geojson`` properties plus ``lat``, ``lon``,
    ``admin1`` and ``pinned``); with ``on``, only the intervals in force that day.

    ``timeline`` is the source's :func:`intervals`, when the caller has them already.
    """
    source = as_source(source)
    gaz = source.gazetteer()
    match = (filters or Filters()).matcher(gaz)
    day = _date(on)
    out = []
    for iv in sorted(timeline if timeline is not None else intervals(source),
                     key=lambda i: (i.place, i.place_id, i.valid_from)):
        admin1 = gaz.get(iv.place_id).admin1 if iv.place_id in gaz else None
        if not (match.place(iv.place_id, admin1, iv.party) and match.span(iv.valid_from, iv.valid_to)):
            continue
        if day is not None and not (iv.valid_from <= day and (iv.valid_to is None or day <= iv.valid_to)):
            continue
        out.append({**iv.to_properties(), "admin1": admin1, "lat": iv.lat, "lon": iv.lon, "pinned": _is_pinned(iv)})
    return out


def _control_on(ivs: list[Interval], day: dt.date | None) -> dict[str, Interval]:
    """The interval of each place in force on ``day`` (None: the latest)."""
    out = {}
    for iv in sorted(ivs, key=lambda i: i.valid_from):
        if day is None or (iv.valid_from <= day and (iv.valid_to is None or day <= iv.valid_to)):
            out[iv.place_id] = iv
    return out


def place_rows(source, filters: Filters | None = None, timeline: list[Interval] | None = None) -> list[dict]:
    """Places in the mapped area that articles name or make claims about, one dict each, by name.

    Fields: ``place_id``, ``place``, ``kind``, ``admin1``, ``lat``, ``lon``, ``mentions``,
    ``articles`` (naming it), ``claims`` (not rejected), and the control in force at the end of the
    range (``until``, else the latest): ``party``, ``since``, ``confidence``, ``pinned``.  The
    date range counts mentions by publication date and claims by their date.  ``timeline`` is the
    source's :func:`intervals`, when the caller has them already.
    """
    source = as_source(source)
    gaz = source.gazetteer()
    f = filters or Filters()
    match = f.matcher(gaz)
    control = _control_on(timeline if timeline is not None else intervals(source), f.until)
    mentions: dict[str, int] = defaultdict(int)
    articles: dict[str, set] = defaultdict(set)
    for m in source.mention_rows():
        if m["in_scope"] and match.day(_date(m["published"])):
            mentions[m["id"]] += 1
            articles[m["id"]].add(m["article"])
    claims: dict[str, int] = defaultdict(int)
    for c in source.claim_rows(include_rejected=False):
        if match.day(_date(c["date"])):
            claims[c["place_id"]] += 1
    out = []
    for place_id in set(mentions) | set(claims) | set(control):
        place = gaz.get(place_id) if place_id in gaz else None
        if place is not None and place.kind == "country":
            continue  # the mapped area itself, not a place in it
        iv = control.get(place_id)
        party = iv.party if iv else None
        admin1 = place.admin1 if place else None
        if not match.place(place_id, admin1, party) or not (mentions[place_id] or claims[place_id] or iv):
            continue
        out.append({"place_id": place_id, "place": place.name if place else iv.place, "kind": place.kind if place
                    else iv.kind, "admin1": admin1, "lat": place.lat if place else iv.lat,
                    "lon": place.lon if place else iv.lon, "mentions": mentions[place_id],
                    "articles": len(articles[place_id]), "claims": claims[place_id], "party": party,
                    "since": iv.valid_from.isoformat() if iv else None, "confidence": iv.confidence if iv else None,
                    "pinned": _is_pinned(iv) if iv else False})
    return sorted(out, key=lambda r: (r["place"], r["place_id"]))


# -- conflict-event (ACLED-like) rows ------------------------------------------------------------------------------
ACLED_FIELDS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                "sub_event_type", "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
                "geo_precision", "source", "notes", "place_id", "party", "action", "confidence", "hedge", "article",
                "title", "published", "event_date_basis"]
# ACLED's time_precision: 1 = the day, 2 = within a week or so, 3 = within the month.
TIME_PRECISION = {"day": 1, "range": 2, "month": 3}
# ACLED's geo_precision: 1 = the town itself, 2 = part of a region near it, 3 = a governorate or larger.
GEO_PRECISION = {"district": 2, "province": 3, "region": 3, "country": 3, "river": 3}
COUNTRY_NAMES = {"IQ": "Iraq", "SY": "Syria", "JO": "Jordan", "SA": "Saudi Arabia", "KW": "Kuwait", "IR": "Iran",
                 "TR": "Turkey"}


def _event_type(action: str, party: str | None) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) of a claim, in ACLED's vocabulary."""
    if action in ("captured", "recaptured"):
        sub = "Government regains territory" if party == "government" else "Non-state actor overtakes territory"
        return "Political violence", "Battles", sub
    if action == "contested":
        return "Political violence", "Battles", "Armed clash"
    if action == "withdrew":
        return "Strategic developments", "Strategic developments", "Non-violent transfer of territory"
    return "Strategic developments", "Strategic developments", "Other"


def acled_rows(source, filters: Filters | None = None) -> list[dict]:
    """Claims (rejections dropped) as conflict-event rows with ACLED-like columns (:data:`ACLED_FIELDS`).

    ``event_date`` is ISO (YYYY-MM-DD): the claim's date, else, for a claim the text does not date, its
    article's publication date as a bound ("on or before", ``time_precision`` 3, ``event_date_basis``
    says which); empty only when neither is known.  ``year`` is a whole number.  ``actor1`` and
    ``actor2`` are party display names (see :func:`acled_actors`): the side that took, holds or acted,
    and the other side where the claim or its sentence names one.  ``notes`` is the supporting sentence,
    ``source`` the article's file or URL; the last columns are territory-mapper's own.
    """
    from .claims import default_parties

    config = default_parties()
    out = []
    for r in event_rows(source, filters, include_rejected=False):
        disorder, event_type, sub = _event_type(r["action"], r["party"])
        first, second = acled_actors(r, config)
        day, basis = (r["date"], "claim") if r["date"] else (r["published"], "on or before publication") \
            if r["published"] else (None, "unknown")
        precision = TIME_PRECISION.get(r["date_precision"], 3) if basis == "claim" else 3
        out.append({"event_id_cnty": r["claim_id"], "event_date": day,
                    "year": int(day[:4]) if day else None,
                    "time_precision": precision, "disorder_type": disorder,
                    "event_type": event_type, "sub_event_type": sub,
                    "actor1": _actor_name(first, config), "actor2": _actor_name(second, config),
                    "country": COUNTRY_NAMES.get(r["country"], r["country"]), "admin1": r["admin1"],
                    "location": r["place"], "latitude": r["lat"], "longitude": r["lon"],
                    "geo_precision": GEO_PRECISION.get(r["kind"], 1), "source": r["source"], "notes": r["quote"],
                    "place_id": r["place_id"], "party": r["party"], "action": r["action"],
                    "confidence": r["confidence"], "hedge": r["hedge"], "article": r["article"], "title": r["title"],
                    "published": r["published"], "event_date_basis": basis})
    return out


def acled_actors(row: dict, config=None) -> tuple[str | None, str | None]:
    """(actor1, actor2) party ids of a claim row, so that no actor contradicts the claim's party.

    The side the place goes to or stays with is ``actor1`` for a capture, recapture or holding; the
    withdrawing side for a withdrawal (``actor2`` then is who moved in, if the text says); the besieger
    of a siege; the side that acted for a clash or threat.  ``actor2`` is the other side the claim
    names (its actor), else the first other party its sentence names ("retook the town from ISIS"),
    else None.
    """
    from .claims import OTHER, default_parties, parties_named

    config = config or default_parties()

    def real(party):
        return party in config.parties and not config.parties[party].state

    action, party, actor = row["action"], row["party"], row["actor"]
    if action in ("captured", "recaptured", "held"):
        first, other = party, actor
    elif action in ("withdrew", "besieged"):
        first, other = actor, party
    else:
        first, other = (actor, party) if real(actor) or actor == OTHER else (party, None)
    first = first if real(first) or first == OTHER else None
    second = other if real(other) and other != first else None
    named = parties_named(row["quote"] or "", config) if first is None or second is None else []
    if first is None and named and action not in ("captured", "recaptured", "held"):
        first = named[0]  # "clashes between troops and militants in X": the sides in the order named
    if second is None:
        second = next((p for p in named if p != first), None)
    return first, second


def _actor_name(party: str | None, config) -> str | None:
    from .claims import OTHER

    if party is None:
        return None
    # forces of no party (the party config's [others]: US or Turkish troops)
    return "Other forces" if party == OTHER else config.parties[party].name


# -- GeoDataFrames -------------------------------------------------------------------------------------------------
def _frame(rows: list[dict], columns: list[str] | None = None, lat: str = "lat", lon: str = "lon"):
    """A GeoDataFrame of points (EPSG:4326) with real dates; rows without coordinates get no geometry."""
    import geopandas as gpd
    import pandas as pd

    df = pd.DataFrame(rows, columns=columns or (list(rows[0]) if rows else None))
    for col in DATE_COLUMNS:
        if col in df.columns:
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce")
    if df.empty:
        return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries([], index=df.index, dtype="geometry", crs=4326), crs=4326)
    x, y = pd.to_numeric(df[lon], errors="coerce"), pd.to_numeric(df[lat], errors="coerce")
    points = gpd.points_from_xy(x, y, crs=4326)
    points[(x.isna() | y.isna()).to_numpy()] = None  # no coordinates: no geometry, not POINT (NaN NaN)
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(points, index=df.index), crs=4326)


def claims_frame(source, filters: Filters | None = None, include_rejected: bool = True):
    """A GeoDataFrame of claims, one point per claim (fields of :func:`event_rows`)."""
    return _frame(event_rows(source, filters, include_rejected))


def places_frame(source, filters: Filters | None = None, timeline: list[Interval] | None = None):
    """A GeoDataFrame of places, one point per place (fields of :func:`place_rows`)."""
    return _frame(place_rows(source, filters, timeline))


def timeline_frame(source, on: dt.date | str | None = None, filters: Filters | None = None,
                   timeline: list[Interval] | None = None):
    """A GeoDataFrame of control intervals, one point per (place, interval) (fields of :func:`interval_rows`)."""
    return _frame(interval_rows(source, filters, on, timeline))


def events_frame(source, filters: Filters | None = None):
    """A GeoDataFrame of conflict-event rows with ACLED-like columns (see :func:`acled_rows`)."""
    frame = _frame(acled_rows(source, filters), ACLED_FIELDS, lat="latitude", lon="longitude")
    # Whole numbers stay whole when a claim has no date (pandas' nullable integers).
    for col in ("year", "time_precision", "geo_precision"):
        frame[col] = frame[col].astype("Int64")
    return frame


def control_map(source, gazetteer=None):
    """The folium map of a source's control (or of a list of intervals), corrections applied."""
    from .render import control_map as render

    if isinstance(source, list) and all(isinstance(i, Interval) for i in source):
        return render(source, gazetteer)
    source = as_source(source)
    return render(intervals(source), gazetteer or source.gazetteer())


# -- export ---------------------------------------------------------------------------------------------------------
EXPORT_FORMATS = {"geojson": ".geojson", "gpkg": ".gpkg", "csv": ".csv", "parquet": ".parquet"}
LAYERS = ("events", "control", "places")


def _layer_frame(source, layer: str, filters: Filters | None, timeline: list[Interval] | None = None):
    if layer == "events":
        return events_frame(source, filters)
    frame = (timeline_frame(source, filters=filters, timeline=timeline) if layer == "control"
             else places_frame(source, filters, timeline))
    for col in ("sources", "conflicting_sources"):
        if col in frame.columns:
            # GeoPackage and CSV have no list type: one "; "-separated string in every format.
            frame[col] = frame[col].map(lambda v: "; ".join(v) if isinstance(v, list) else v)
    return frame


def _as_text_dates(frame):
    """Dates as ISO text (GeoJSON and CSV have no date type; readers parse ISO dates)."""
    frame = frame.copy()
    for col in DATE_COLUMNS:
        if col in frame.columns:
            text = frame[col].dt.strftime("%Y-%m-%d")
            frame[col] = text.astype(object).where(text.notna(), None)
    return frame


def export(source, path: str | Path, fmt: str | None = None, layers: Iterable[str] | None = None,
           filters: Filters | None = None, progress=None) -> list[str]:
    """Write layers of a source to a file QGIS and pandas open as they are; returns the layers written.

    Parameters
    ----------
    source
        A store, a corpus, or a path (see :func:`as_source`).
    path : str or Path
        The file to write (replaced atomically).
    fmt : str, optional
        ``geojson``, ``gpkg``, ``csv`` or ``parquet`` (default: from the suffix of ``path``).
    layers : iterable of str, optional
        Of :data:`LAYERS`.  A GeoPackage holds several (default: all); the other formats one
        (default: ``events``).
    filters : Filters, optional
        Applied to every layer.
    progress : callable, optional
        ``progress(layers)`` wraps the iteration over the layers (e.g. a progress bar).

    Notes
    -----
    ``events`` has ACLED-like columns (:data:`ACLED_FIELDS`).  Dates are real dates in GeoPackage
    (DateTime) and Parquet, ISO text in GeoJSON and CSV.  The CSV has ``latitude``/``longitude``
    columns and no geometry column; it starts with a UTF-8 BOM so spreadsheets detect the encoding.
    GeoJSON follows RFC 7946 (WGS84, lon/lat).
    """
    import os
    import tempfile

    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".").lower()
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    layers = list(layers or (LAYERS if fmt == "gpkg" else ("events",)))
    bad = [layer for layer in layers if layer not in LAYERS]
    if bad or (fmt != "gpkg" and len(layers) != 1):
        raise ValueError(f"layers {', '.join(layers)}: {fmt} holds one of {', '.join(LAYERS)}" if not bad
                         else f"unknown layer {bad[0]!r}; expected one of {', '.join(LAYERS)}")
    source = as_source(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=EXPORT_FORMATS[fmt])
    os.close(fd)
    tmp = Path(tmp)
    try:
        tmp.unlink()  # the writers create the file themselves
        # The control and places layers share one timeline (building it reads every claim).
        timeline = intervals(source) if {"control", "places"} <= set(layers) else None
        for layer in (progress or iter)(layers):
            _write_layer(_layer_frame(source, layer, filters, timeline), tmp, fmt, layer)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return layers


def _write_layer(frame, path: Path, fmt: str, layer: str) -> None:
    if fmt == "parquet":
        try:
            frame.to_parquet(path, index=False)
        except ImportError as exc:
            raise RuntimeError(f"parquet export needs pyarrow ({exc})") from None
    elif fmt == "csv":
        import pandas as pd

        from .export import safe_cell

        table = _as_text_dates(frame).drop(columns="geometry")
        # (text cells that would run as a formula in a spreadsheet get a "'": article text is hostile input)
        for col in table.columns:
            if not pd.api.types.is_numeric_dtype(table[col]) and not pd.api.types.is_bool_dtype(table[col]):
                table[col] = table[col].map(lambda v: safe_cell(v) if isinstance(v, str) else v)
        path.write_text("\ufeff" + table.to_csv(index=False), encoding="utf-8", newline="")
    elif fmt == "geojson":
        # RFC7946=YES: WGS84 lon/lat and no legacy "crs" member.
        _as_text_dates(frame).to_file(path, driver="GeoJSON", engine="pyogrio", RFC7946="YES")
    else:
        frame.to_file(path, driver="GPKG", layer=layer, engine="pyogrio")
