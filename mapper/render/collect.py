"""From articles to what a map needs: claims with their articles, and the control timeline.

``mapper run`` and notebooks share this, so a notebook shows exactly what the command writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .payload import ArticleInfo

__all__ = ["Collected", "collect"]


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

    def map(self, gazetteer=None, **options):
        """The layered map of these intervals (see :func:`mapper.render.control_map`)."""
        from .folium_map import control_map

        return control_map(self.intervals, gazetteer, articles=self.articles, **options)


def collect(inputs: Iterable[str], gazetteer=None, date_override: dt.date | None = None, on_error=None,
            jobs: int = 1, gazetteer_files: tuple = (), items: Iterable | None = None) -> Collected:
    """Extract every article of ``inputs`` and build the control timeline.

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
    """
    from gazetteer import load
    from mapper.articles import ReadError
    from mapper.pipeline import extract
    from mapper.timeline import ClaimRecord, build_timeline

    gaz = gazetteer if gazetteer is not None else load()
    out = Collected()
    if items is None:
        items = extract(inputs, gaz, date_override, jobs=jobs, gazetteer_files=gazetteer_files)
    for item in items:
        if isinstance(item, ReadError):
            out.failures.append(item)
            if on_error is not None:
                on_error(item)
            continue
        out.read += 1
        a = item.article
        out.articles[a.id] = ArticleInfo(a.source, a.title, item.published)
        for claim in item.events:
            kind = gaz.get(claim.place_id).kind if claim.place_id in gaz else ""
            out.records.append(ClaimRecord(claim, a.id, item.published, kind))
            out.rows.append({"article": a.id, **claim.to_dict()})
    out.intervals = build_timeline(out.records)
    return out
