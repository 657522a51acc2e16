"""Claims and articles of a big batch kept on disk, so ``mapper run`` need not hold them all.

Claims go to one file per place in a temporary folder, appended in batches, and come back one
place at a time: the timeline merges a place from its own claims alone (see
:func:`mapper.timeline.place_timeline`).  While reading, memory holds at most
:data:`SPILL_BATCH` claims; while merging, the claims of one place.  Articles (what a popup says
about a source) go to a small SQLite table and are looked up by id when the map needs them.

Why files per place and not one SQLite table: reading claims back grouped by place would take
a sort of the whole table, which SQLite does in temporary files of its own, outside the folder
given (in ``TMPDIR`` or ``/tmp``, often memory); appending to a place's file needs no sort at
all, and pickled tuples of plain values write and read back about three times faster than rows
of 19 columns (200,000 claims: 0.5 s against 1.6 s).

``mapper run`` puts the folder in the output folder: the spill is about the size of
``events.csv``, so it belongs on the disk chosen for the outputs.  Unpickling is safe here: the
files are written and read back by this process only, in a folder only its user may open
(:func:`tempfile.mkdtemp`).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import sqlite3
import tempfile
import typing
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

from mapper.claims import Claim
from mapper.timeline import ClaimRecord

from .payload import ArticleInfo

__all__ = ["ClaimSpill", "SpilledArticles", "SPILL_BATCH", "pack_claim"]

# Claims held before they are appended to their places' files: about 10 MB of claims, and
# few enough appends (one per place per batch) to cost nothing next to extraction.
SPILL_BATCH = 10_000

_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
# Dates are stored as day numbers: plain ints pickle and unpickle several times faster.
_DATE_FIELDS = frozenset(name for name, hint in typing.get_type_hints(Claim).items()
                         if hint is dt.date or dt.date in typing.get_args(hint))
_DATE_POSITIONS = tuple(i for i, name in enumerate(_CLAIM_FIELDS) if name in _DATE_FIELDS)


def _day(value: dt.date | None) -> int | None:
    return None if value is None else value.toordinal()


def _date(value: int | None) -> dt.date | None:
    return None if value is None else dt.date.fromordinal(value)


def pack_claim(claim, article: str, published: dt.date | None) -> tuple:
    """A claim of an article as a tuple of plain values: its fields, then article and published.

    What :meth:`ClaimSpill.add_packed` takes (it adds the place's kind).
    """
    values = [getattr(claim, name) for name in _CLAIM_FIELDS]
    for i in _DATE_POSITIONS:
        values[i] = _day(values[i])
    return (*values, article, _day(published))


_N_FIELDS = len(_CLAIM_FIELDS)


def _unpack(row: tuple) -> ClaimRecord:
    """The ClaimRecord of a packed claim and its kind (an equal one)."""
    values = list(row[:_N_FIELDS])
    for i in _DATE_POSITIONS:
        if values[i] is not None:
            values[i] = _fromordinal(values[i])
    article, published, kind = row[_N_FIELDS:]
    return ClaimRecord(Claim.from_values(values), article, _date(published), kind)


_fromordinal = dt.date.fromordinal


class ClaimSpill:
    """Claim records and article infos of a batch, on disk in a temporary folder.

    Use it as a context manager (the folder is removed on exit): :meth:`add_claim` and
    :meth:`add_article` while reading, then :meth:`places` for the timeline and
    :attr:`articles` for the map.

    Parameters
    ----------
    folder : str or Path, optional
        Where the temporary folder goes (the system's temporary folder by default).
    batch : int, optional
        Claims held in memory before they are written out (:data:`SPILL_BATCH` by default).
    """

    def __init__(self, folder: str | Path | None = None, batch: int | None = None):
        self._tmp = tempfile.TemporaryDirectory(prefix=f".mapper-spill-{os.getpid()}-", dir=folder)
        self.folder = Path(self._tmp.name)
        self._batch = batch or SPILL_BATCH
        self._file_of: dict[str, Path] = {}  # place id -> its file
        self._pending: dict[str, list[tuple]] = {}
        self._pending_count = 0
        self.claims = 0
        self.articles = SpilledArticles(self.folder / "articles.sqlite")

    def __enter__(self) -> ClaimSpill:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Remove the folder and everything in it."""
        self.articles.close()
        self._tmp.cleanup()

    def add_claim(self, rec: ClaimRecord) -> None:
        """Keep ``rec`` for :meth:`places`."""
        self.add_packed(rec.claim.place_id, pack_claim(rec.claim, rec.article, rec.published), rec.kind)

    def add_packed(self, place_id: str, packed: tuple, kind: str) -> None:
        """:meth:`add_claim` of a claim packed already (:func:`pack_claim`, e.g. in a worker process)."""
        self._pending.setdefault(place_id, []).append((*packed, kind))
        self._pending_count += 1
        self.claims += 1
        if self._pending_count >= self._batch:
            self._flush()

    def add_article(self, article_id: str, info: ArticleInfo) -> None:
        """Keep what popups say about an article (a later one with the same id replaces it)."""
        self.articles.add(article_id, info)

    def _flush(self) -> None:
        for place_id, rows in self._pending.items():
            path = self._file_of.get(place_id)
            if path is None:
                # Numbered, not named after the place id: ids are not always safe file names.
                path = self._file_of[place_id] = self.folder / f"{len(self._file_of)}.pickle"
            with open(path, "ab") as fh:
                pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending.clear()
        self._pending_count = 0

    def places(self) -> Iterator[list[ClaimRecord]]:
        """The records of each place, one place at a time, by place id; each in the order added."""
        self._flush()
        for place_id in sorted(self._file_of):
            yield [_unpack(row) for row in _read_batches(self._file_of[place_id])]


def _read_batches(path: Path) -> Iterator[tuple]:
    with open(path, "rb") as fh:
        while True:
            try:
                rows = pickle.load(fh)
            except EOFError:
                return
            yield from rows


class SpilledArticles:
    """Article id -> :class:`ArticleInfo`, in an SQLite file; looked up with :meth:`get`.

    The map's payload asks only for the articles of the claims it lists, so a batch of any
    size keeps none of its articles in memory.
    """

    def __init__(self, path: Path):
        self._db = sqlite3.connect(path)
        # A scratch file: nothing to recover after a crash, so no journal and no syncing.
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, source TEXT, title TEXT, published INTEGER)")
        self._pending: list[tuple] = []  # rows not inserted yet: one statement per 200, not per article

    def add(self, article_id: str, info: ArticleInfo) -> None:
        """Store ``info`` under ``article_id`` (replacing an earlier one)."""
        self._pending.append((article_id, info.source, info.title, _day(info.published)))
        if len(self._pending) >= 200:
            self._insert()

    def _insert(self) -> None:
        self._db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)", self._pending)
        self._pending.clear()

    def get(self, article_id: str, default=None) -> ArticleInfo | None:
        """The info of ``article_id``, or ``default``."""
        if self._pending:
            self._insert()
        row = self._db.execute("SELECT source, title, published FROM articles WHERE id = ?",
                               (article_id,)).fetchone()
        return default if row is None else ArticleInfo(row[0], row[1], _date(row[2]))

    def close(self) -> None:
        self._db.close()
