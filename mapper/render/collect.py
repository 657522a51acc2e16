"""From articles to what a map needs: claims with their articles, and the control timeline.

``mapper run`` and notebooks share this, so a notebook shows exactly what the command writes.
Two ways through the same reading loop (:func:`_read`):

* :func:`collect` keeps everything in memory (:class:`Collected`): every claim, every
  ``events.csv`` row, every article, the full evidence of each interval.  For notebooks and
  batches that fit in memory.
* :func:`collect_streamed` (``mapper run``) holds no batch of claims: rows go to ``events.csv``
  as articles arrive, claims and articles go to a :class:`~mapper.render.spill.ClaimSpill` on
  disk; then :meth:`Streamed.draw` merges the timeline one place at a time, writes the place's
  ``control.geojson`` features and adds its intervals to the map's payload (only the claims
  each popup lists, see :func:`mapper.render.payload.pick_evidence`), and lets them go.

  Memory then holds at most :data:`~mapper.render.spill.SPILL_BATCH` claims while reading and
  one place's claims while merging.  What grows with the batch is the map's payload (its
  size, a few times that of the page): it grows with the intervals, each listing at most
  ``evidence_limit`` claims, not with the claims.

Both give the same ``control.geojson``, ``events.csv`` and map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mapper.gcpolicy import collecting_less
from mapper.timeline import ClaimRecord, on_timeline, undated_claim

from .advances import MAX_ADVANCE_KM
from .payload import EVIDENCE_LIMIT, STALE_DAYS, ArticleInfo, trim_evidence
from .zones import ZONE_KM

__all__ = ["Collected", "Streamed", "Prepared", "collect", "collect_streamed", "prepare"]


@dataclass
class Collected:
    """The result of reading a batch of articles.

    Attributes
    ----------
    records : list of ClaimRecord
        Every control claim with its article (the timeline's input).
    rows : list of dict
        Every claim as an ``events.csv`` row (``article`` plus the event fields).
    intervals : list of Interval
        :func:`mapper.timeline.build_timeline` of ``records``.
    articles : dict
        Article id -> :class:`ArticleInfo` (source, title, publication date).
    failures : list of ReadError
        Inputs that could not be read.
    read : int
        Articles read (an article given twice counts twice).
    """

    records: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    intervals: list = field(default_factory=list)
    articles: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    read: int = 0

    @property
    def undated(self) -> list:
        """The claims no date could be found for (:func:`mapper.timeline.undated_claim`): listed, not placed in time."""
        return [rec for rec in self.records if undated_claim(rec.claim)]

    def map(self, gazetteer=None, **options):
        """The layered map of these intervals (see :func:`mapper.render.control_map`), undated claims listed."""
        from .folium_map import control_map

        return control_map(self.intervals, gazetteer, articles=self.articles, undated=self.undated, **options)

    def add_article(self, article_id: str, info: ArticleInfo) -> None:
        """Keep an article read (a later one with the same id replaces it)."""
        self.articles[article_id] = info

    def add_claim(self, rec: ClaimRecord, row: dict) -> None:
        """Keep a claim read, as a timeline record and as an ``events.csv`` row."""
        self.records.append(rec)
        self.rows.append(row)


@dataclass
class Streamed:
    """A batch read by :func:`collect_streamed`: counts, and the spill the timeline is merged from.

    Attributes
    ----------
    articles : SpilledArticles
        Article id -> :class:`ArticleInfo`, on disk (``get`` only).
    failures : list of ReadError
        Inputs that could not be read.
    read : int
        Articles read (an article given twice counts twice).
    events : int
        Claims read (rows of ``events.csv``).
    intervals : int
        Intervals drawn so far by :meth:`draw`.
    unplaced : int
        Of those, the intervals of places with no point (named by the text, not in the gazetteer): their
        claims are rows of ``events.csv`` and of the tables; neither ``control.geojson`` nor the map draws them.
    undated : list of str
        The sources of the articles no publication date could be found for (their claims are kept,
        undated unless their own words date them).
    undated_claims : list of ClaimRecord
        The claims no date could be found for: the map lists them apart, not placed in time.
    """

    articles: object
    failures: list
    read: int
    events: int
    spill: object = field(repr=False)
    evidence_limit: int = EVIDENCE_LIMIT
    intervals: int = 0
    unplaced: int = 0
    undated: list = field(default_factory=list)
    undated_claims: list = field(default_factory=list)

    def places(self) -> Iterator[list]:
        """The intervals of each place in turn, by place id, as :func:`mapper.timeline.build_timeline` has them.

        Each interval keeps in ``claims`` only what its popup lists (``omitted`` counts the rest).
        """
        from mapper.timeline import place_timeline

        for records in self.spill.places():
            intervals = place_timeline(records)
            for interval in intervals:
                trim_evidence(interval, self.evidence_limit)
            yield intervals

    def draw(self, geojson, gazetteer=None, *, parties: dict | None = None, offline: bool = True,
             tiles: bool = True, zone_km: float = ZONE_KM, advance_km: float = MAX_ADVANCE_KM,
             title: str | None = None, stale_days: int = STALE_DAYS):
        """Write ``control.geojson`` to ``geojson`` and build the map, one place at a time.

        Parameters
        ----------
        geojson : file-like
            Receives ``control.geojson`` (anything with ``write(str)``).
        gazetteer, parties, offline, tiles, zone_km, advance_km, title, stale_days
            As for :func:`mapper.render.control_map`.

        Returns
        -------
        TerritoryMap
            The same page :meth:`Collected.map` gives; write it with ``html_chunks()``.
        """
        from mapper.claims import default_parties
        from mapper.export import ControlGeojsonWriter

        from .basemap import Basemap
        from .folium_map import payload_map
        from .payload import PayloadBuilder

        basemap = Basemap.from_gazetteer(gazetteer)
        builder = PayloadBuilder(parties=parties if parties is not None else default_parties().parties,
                                 basemap=basemap, gazetteer=gazetteer, articles=self.articles,
                                 evidence_limit=self.evidence_limit)
        with collecting_less():  # millions of intervals and claims, next to no cycles
            features = ControlGeojsonWriter(geojson)
            for intervals in self.places():
                features.write(intervals)
                builder.add(intervals)
                self.intervals += len(intervals)
                self.unplaced += sum(1 for interval in intervals if interval.lat is None)
            features.close()
            builder.add_undated(self.undated_claims)
            payload = builder.finish(zone_km=zone_km, advance_km=advance_km, title=title, stale_days=stale_days)
            return payload_map(payload, basemap, offline=offline, tiles=tiles)


@dataclass(frozen=True)
class Prepared:
    """An article's claims made ready for :func:`collect_streamed` (see :func:`prepare`).

    Attributes
    ----------
    article : str
        The article id.
    info : ArticleInfo
    claims : tuple of (str, list, tuple or None, Claim or None)
        Per claim: its place id, its ``events.csv`` cells, for a claim the timeline uses the claim packed
        for the spill (:func:`mapper.render.spill.pack_claim`), and for an undated one the claim itself
        (:func:`mapper.timeline.undated_claim`: the map lists it).
    """

    article: str
    info: ArticleInfo
    claims: tuple


def prepare(extracted) -> Prepared:
    """The work on an article's claims that needs nothing but the article: done in the workers.

    A ``finish`` for :func:`mapper.pipeline.extract`; this process then only writes the cells
    and hands the packed claims to the spill.
    """
    from mapper.export import event_cells

    from .spill import pack_claim

    a = extracted.article
    claims = tuple((c.place_id, event_cells({"article": a.id, **c.to_dict()}),
                    pack_claim(c, a.id, extracted.published) if on_timeline(c) else None,
                    c if undated_claim(c) else None)
                   for c in extracted.events)
    return Prepared(a.id, ArticleInfo(a.source, a.title, extracted.published), claims)


def _articles(items: Iterable, failures: list, on_error=None) -> Iterator:
    """The items that are not read errors; those go to ``failures`` (and ``on_error``) as they come."""
    from mapper.articles import ReadError

    for item in items:
        if isinstance(item, ReadError):
            failures.append(item)
            if on_error is not None:
                on_error(item)
        else:
            yield item


def _read_prepared(items: Iterable, gaz, spill, csv_writer, on_error=None,
                   undated: list | None = None, undated_claims: list | None = None) -> tuple[int, list]:
    """:func:`_read` for :func:`collect_streamed`: cells to the CSV file, packed claims to the spill.

    The sources of articles no date could be found for go to ``undated`` (their claims are kept, undated),
    the claims no date could be found for to ``undated_claims`` (as ClaimRecords).
    """
    failures: list = []
    read = 0
    for item in _articles(items, failures, on_error):
        read += 1
        item = item if isinstance(item, Prepared) else prepare(item)  # a store's or a Dask cluster's
        if item.info.published is None and undated is not None:
            undated.append(item.info.source)
        spill.add_article(item.article, item.info)
        for place_id, cells, packed, dateless in item.claims:
            csv_writer.write_cells(cells)
            # The timeline passes over the others: they need not be kept.
            if packed is not None:
                spill.add_packed(place_id, packed, gaz.get(place_id).kind if place_id in gaz else "")
            elif dateless is not None and undated_claims is not None:
                kind = gaz.get(place_id).kind if place_id in gaz else ""
                undated_claims.append(ClaimRecord(dateless, item.article, item.info.published, kind))
    return read, failures


def _extracted(inputs, gaz, date_override, jobs, gazetteer_files, items, finish=None) -> Iterable:
    """``items`` when given (a store, a Dask cluster), else the extraction of ``inputs``, finished by ``finish``."""
    if items is not None:
        return items
    from mapper.pipeline import events_only, extract

    # Only the events and the article's name are used here: workers need not send the text back.
    return extract(inputs, gaz, date_override, jobs=jobs, gazetteer_files=gazetteer_files,
                   finish=finish or events_only)


def _read(items: Iterable, gaz, sink, on_error=None) -> tuple[int, list]:
    """Give every article and claim of ``items`` to ``sink``; returns (articles read, failures).

    ``sink`` has ``add_article(id, ArticleInfo)`` and ``add_claim(ClaimRecord, row)``, ``row``
    being the claim's ``events.csv`` row.
    """
    failures: list = []
    read = 0
    for item in _articles(items, failures, on_error):
        read += 1
        a = item.article
        sink.add_article(a.id, ArticleInfo(a.source, a.title, item.published))
        for claim in item.events:
            kind = gaz.get(claim.place_id).kind if claim.place_id in gaz else ""
            sink.add_claim(ClaimRecord(claim, a.id, item.published, kind), {"article": a.id, **claim.to_dict()})
    return read, failures


def collect(inputs: Iterable[str], gazetteer=None, date_override: dt.date | None = None, on_error=None,
            jobs: int = 1, gazetteer_files: tuple = (), items: Iterable | None = None) -> Collected:
    """Extract every article of ``inputs`` and build the control timeline, all in memory.

    Parameters
    ----------
    inputs : iterable of str
        Files or folders (as for ``mapper run``).
    gazetteer : Gazetteer, optional
        The bundled gazetteer by default.
    date_override : date, optional
        Publication date of every input.
    on_error : callable, optional
        Called with each ReadError as it happens (the CLI prints it).
    jobs : int, default 1
        Worker processes for extraction (see :func:`mapper.pipeline.extract`).
    gazetteer_files : tuple of path
        Extra gazetteer files ``gazetteer`` was loaded with (for the workers).
    items : iterable of Extracted or ReadError, optional
        Already extracted articles (e.g. from a store) to use instead of reading ``inputs``.

    Returns
    -------
    Collected

    See Also
    --------
    collect_streamed : the same for batches too big to hold.
    """
    from gazetteer import load
    from mapper.timeline import build_timeline

    gaz = gazetteer if gazetteer is not None else load()
    out = Collected()
    items = _extracted(inputs, gaz, date_override, jobs, gazetteer_files, items)
    out.read, out.failures = _read(items, gaz, out, on_error)
    out.intervals = build_timeline(out.records)
    return out


@contextmanager
def collect_streamed(inputs: Iterable[str], events, gazetteer=None, date_override: dt.date | None = None,
                     on_error=None, jobs: int = 1, gazetteer_files: tuple = (), items: Iterable | None = None,
                     spill_dir: str | Path | None = None,
                     evidence_limit: int = EVIDENCE_LIMIT) -> Iterator[Streamed]:
    """:func:`collect` for batches of any size: rows written as they come, claims spilled to disk.

    A context manager: the spill (claims and articles on disk) lasts until the block ends,
    since the map looks articles up in it.

    Parameters
    ----------
    inputs, gazetteer, date_override, on_error, jobs, gazetteer_files, items
        As for :func:`collect`.
    events : file-like
        Receives ``events.csv`` (anything with ``write(str)``, e.g. an
        :class:`mapper.export.AtomicFile`): the same text :func:`mapper.export.events_csv`
        makes of :attr:`Collected.rows`.
    spill_dir : str or Path, optional
        Folder for the temporary spill folder (the system's temporary folder by default).
    evidence_limit : int
        Supporting claims each popup lists (see :func:`mapper.render.payload.pick_evidence`).

    Yields
    ------
    Streamed
        Read; :meth:`Streamed.draw` (inside the block) gives the same ``control.geojson`` and
        map as :func:`collect`.

    Examples
    --------
    >>> with AtomicFile(out / "events.csv") as csv_file, collect_streamed([corpus], csv_file) as got:  # doctest: +SKIP
    ...     with AtomicFile(out / "control.geojson") as geojson_file:
    ...         page = got.draw(geojson_file, gaz)
    >>> write_atomic(out / "map.html", page.html_chunks())  # doctest: +SKIP
    """
    from gazetteer import load
    from mapper.export import EventsCsvWriter

    from .spill import ClaimSpill

    gaz = gazetteer if gazetteer is not None else load()
    with ClaimSpill(spill_dir) as spill:
        csv_writer = EventsCsvWriter(events)
        items = _extracted(inputs, gaz, date_override, jobs, gazetteer_files, items, finish=prepare)
        undated: list = []
        undated_claims: list = []
        read, failures = _read_prepared(items, gaz, spill, csv_writer, on_error, undated, undated_claims)
        csv_writer.flush()
        yield Streamed(spill.articles, failures, read, csv_writer.rows, spill, evidence_limit, undated=undated,
                       undated_claims=undated_claims)
