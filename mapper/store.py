"""The embedded store: articles, their place mentions and claims, and the analyst's corrections, in SQLite.

An analyst follows a war day after day: ``mapper ingest`` adds today's articles, ``mapper correct``
fixes a wrong call, and ``mapper run --store`` redraws.  The store makes that cheap and safe:

* **Idempotent**: articles are keyed by :attr:`mapper.articles.Article.id` (a hash of the
  normalised text), so the same story twice, in one batch or two, is stored once and extracted once.
* **Transactional**: each article goes in with its mentions and claims in one transaction, in
  WAL mode, so a crash leaves the store as it was before the article being written.  Each
  article row records how many mentions and claims it has, so :meth:`Store.check` can prove
  that nothing is missing.
* **Complete**: the article text is kept (so an alias can re-read the articles it affects) and every
  claim field is kept (so :meth:`Store.extracted` rebuilds the ``Extracted`` objects, and with them
  the same ClaimRecords, that a run from files would make).

Undated articles are dated against the events of the store as well as of the batch (see
:class:`mapper.pipeline.EventPool`): the store is the batch an analyst works with.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
import statistics
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import __version__
from .articles import Article, ReadError, read_inputs
from .claims import Claim
from .corrections import Correction, alias_file, claim_id, pin_record, rejector
from .dates import WRITTEN_SOURCES
from .pipeline import EventPool, Extracted, extract_stream, extract_with_candidates
from .places import Mention
from .timeline import ClaimRecord

_WRITTEN_SQL = ", ".join(f"'{source}'" for source in WRITTEN_SOURCES)  # constants, not user input

__all__ = ["Store", "StoreError", "IngestReport", "DEFAULT_STORE", "SCHEMA_VERSION", "extracted_from"]

DEFAULT_STORE = Path("output") / "store.sqlite"
SCHEMA_VERSION = 3

_SCHEMA = """
CREATE TABLE schema_version (
    version INTEGER NOT NULL,
    applied TEXT NOT NULL,
    mapper_version TEXT NOT NULL
);
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,               -- ingest order
    id TEXT NOT NULL UNIQUE,               -- Article.id: hash of the normalised text
    source TEXT NOT NULL,
    title TEXT,
    format TEXT NOT NULL,
    text TEXT NOT NULL,
    metadata_dates TEXT NOT NULL,          -- JSON list
    chrome TEXT NOT NULL,                  -- JSON list of [start, end]
    published TEXT,
    published_from TEXT NOT NULL,
    n_mentions INTEGER NOT NULL,           -- so a check can prove none are missing
    n_claims INTEGER NOT NULL,
    ingested TEXT NOT NULL,
    batch_dated INTEGER NOT NULL DEFAULT 0 -- dated against the other articles (version 3): dated again at each ingest
);
CREATE TABLE mentions (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    surface TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    place_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    lat REAL, lon REAL, country TEXT, in_scope INTEGER NOT NULL, admin1 TEXT, score REAL NOT NULL,
    PRIMARY KEY (article, seq)
);
CREATE INDEX mentions_place ON mentions(place_id);
CREATE TABLE claims (
    claim_id TEXT NOT NULL UNIQUE,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    place TEXT NOT NULL, place_id TEXT NOT NULL, party TEXT, actor TEXT, action TEXT NOT NULL,
    date TEXT, date_precision TEXT NOT NULL, quote TEXT NOT NULL, confidence REAL NOT NULL,
    lat REAL, lon REAL, hedge TEXT, date_phrase TEXT, date_start TEXT,
    quote_start INTEGER, mention_start INTEGER,
    kind TEXT NOT NULL, admin1 TEXT, country TEXT,   -- of the place, from the gazetteer at ingest
    extent TEXT,                                     -- 'partial' or NULL (added in schema version 2)
    PRIMARY KEY (article, seq)
);
CREATE INDEX claims_place ON claims(place_id, date);
CREATE INDEX claims_date ON claims(date);
CREATE TABLE meta (                    -- (version 3)
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a pin's article id is analyst:<id>
    type TEXT NOT NULL CHECK (type IN ('pin', 'reject', 'alias')),
    place_id TEXT, place TEXT, party TEXT, date TEXT, article TEXT, action TEXT, alias TEXT,
    note TEXT NOT NULL DEFAULT '', lat REAL, lon REAL, kind TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
"""

# The statements that take a store from the version before to each version.  Claims stored before a
# column existed keep NULL in it: ingest their articles into a new store to read them again.
_MIGRATIONS = {
    2: ["ALTER TABLE claims ADD COLUMN extent TEXT"],  # Claim.extent ("parts of Ramadi")
    # Articles stored before it are taken as dated on their own: they are not dated again.
    3: ["ALTER TABLE articles ADD COLUMN batch_dated INTEGER NOT NULL DEFAULT 0",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"],
}

# Claim.to_dict's keys, in its order (``confidence`` is then replaced by its rounded value, in place).
_CLAIM_DICT_FIELDS = ("place", "place_id", "party", "actor", "action", "date", "date_precision", "quote", "confidence",
                      "lat", "lon", "hedge", "date_phrase", "date_start", "extent")
_CORRECTION_FIELDS = ("type", "place_id", "place", "party", "date", "article", "action", "alias", "note", "lat",
                      "lon", "kind", "created")


@dataclass(frozen=True)
class _ClaimKey:
    """What a rejection looks at in a claim (cheaper than rebuilding the Claim)."""

    place_id: str
    party: str | None
    action: str
    date: dt.date | None


def _retry_locked(step, seconds: float = 30.0):
    """Run ``step`` again while another process holds the lock.

    Switching to WAL, and starting a transaction while another process does, can fail with
    "database is locked" at once, without SQLite's busy handler waiting: wait here instead.
    """
    import random
    import time

    deadline = time.monotonic() + seconds
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01 + random.random() * 0.05)


def _read_only_media(exc: Exception) -> bool:
    """True when SQLite could not open a file for reading because it may not write beside it (read-only media)."""
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


class StoreError(Exception):
    """A store that cannot be used: the message names the file and the problem."""


@dataclass
class IngestReport:
    """What an ingest did: new articles and claims, articles already stored, unreadable inputs."""

    added: int = 0
    claims: int = 0
    duplicates: int = 0
    errors: list[ReadError] = field(default_factory=list)
    redated: int = 0  # stored articles whose batch date changed when dated against the whole store


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    """An embedded SQLite store of articles, mentions, claims and corrections.

    Parameters
    ----------
    path : str or Path
        The store file (``output/store.sqlite`` by default in the CLI).
    create : bool, default True
        Create the file (and its folder) when missing; otherwise a missing or empty file is an error.
    read_only : bool, default False
        Only read: the file is opened read-only (on read-only media, without locks), never created, written
        or upgraded.  The table commands and ``run --store`` read this way.

    Raises
    ------
    StoreError
        The file is missing (with ``create=False``), is not a territory-mapper store, or was
        written by a newer version.

    Examples
    --------
    >>> from mapper.store import Store
    >>> with Store("output/store.sqlite") as store:            # doctest: +SKIP
    ...     report = store.ingest(["mapper/samples"])
    ...     records = store.records()                          # ClaimRecords, corrections applied
    """

    def __init__(self, path: str | Path = DEFAULT_STORE, create: bool = True, read_only: bool = False):
        self.path = Path(path)
        create = create and not read_only
        self.create = create
        self.read_only = read_only
        if not self.path.exists():
            if not create:
                raise StoreError(f"{self.path}: no such store (mapper ingest creates one)")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a store file")
        if not create and self.path.stat().st_size == 0:
            # (a read must not turn an empty file into an empty store and answer "no rows")
            raise StoreError(f"{self.path}: an empty file, not a store (mapper ingest creates one)")
        self.conn = self._connect(read_only=read_only)
        try:
            self._prepare()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            if read_only and _read_only_media(exc):
                # a store on read-only media (a CD, a mount with ro): read without locks or a journal
                self.conn = self._connect(read_only=True, immutable=True)
                try:
                    self._prepare()
                    return
                except sqlite3.DatabaseError as exc2:
                    self.conn.close()
                    exc = exc2
            elif not read_only and _read_only_media(exc):
                raise StoreError(f"{self.path}: cannot be written ({exc}): a read-only file, folder or medium; "
                                 "the reading commands (events, places, timeline, export, run) still read it") from None
            raise StoreError(f"{self.path}: not a territory-mapper store, or damaged ({exc})") from None

    def _connect(self, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
        """A connection in autocommit mode (transactions are opened explicitly: see _transaction); a reader's is
        read-only, so reading never changes the file (nor needs to be allowed to)."""
        if read_only:
            uri = self.path.resolve().as_uri() + ("?immutable=1" if immutable else "?mode=ro")
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
        else:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        conn.row_factory = sqlite3.Row
        return conn

    # -- set-up ------------------------------------------------------------------------------------
    def _prepare(self) -> None:
        c = self.conn
        c.execute("PRAGMA busy_timeout = 30000")
        c.execute("PRAGMA foreign_keys = ON")
        if not self._tables() and not self.create:
            raise StoreError(f"{self.path}: an SQLite file with no tables, not a store (mapper ingest creates one)")
        if not self._tables():
            # WAL: readers (mapper events) work while an ingest writes; a crash loses only the open transaction.
            _retry_locked(lambda: c.execute("PRAGMA journal_mode = WAL"))
            with self._transaction():
                # Checked again under the write lock: another process may have created the store meanwhile.
                if not self._tables():
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            c.execute(statement)
                    c.execute("INSERT INTO schema_version VALUES (?, ?, ?)", (SCHEMA_VERSION, _now(), __version__))
        if "schema_version" not in self._tables():
            raise StoreError(f"{self.path}: not a territory-mapper store (an SQLite file without its tables)")
        version = c.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        if version is None:
            raise StoreError(f"{self.path}: not a territory-mapper store (no schema version)")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema version {version} is newer than this mapper "
                             f"({__version__}) reads (version {SCHEMA_VERSION}); upgrade territory-mapper")
        if version < SCHEMA_VERSION:
            if self.read_only:
                raise StoreError(f"{self.path}: store schema version {version} is older than this mapper's "
                                 f"({SCHEMA_VERSION}); a writing command (mapper ingest) upgrades it")
            self._migrate(version)
        if not self.read_only:
            # synchronous=NORMAL is safe in WAL mode: a crash of the process never loses a commit.
            c.execute("PRAGMA synchronous = NORMAL")

    def _migrate(self, version: int) -> None:
        """Bring a store of an older schema ``version`` up to date, one step per version, each in a transaction."""
        for step in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction() as c:
                # Checked again under the write lock: another process may have migrated the store meanwhile.
                if c.execute("SELECT max(version) FROM schema_version").fetchone()[0] >= step:
                    continue
                for statement in _MIGRATIONS[step]:
                    c.execute(statement)
                c.execute("INSERT INTO schema_version VALUES (?, ?, ?)", (step, _now(), __version__))

    def _tables(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    @contextmanager
    def _transaction(self):
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (one writer at a time)."""
        _retry_locked(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the file."""
        return self.conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, mentions, claims, corrections."""
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # fixed table names, never input
                for t in ("articles", "mentions", "claims", "corrections")}

    # -- writing -------------------------------------------------------------------------------------
    def article_ids(self) -> set[str]:
        """Ids of every stored article."""
        return {r[0] for r in self.conn.execute("SELECT id FROM articles")}

    def _insert(self, item: Extracted, gaz) -> None:
        """Insert one extracted article with its mentions and claims (inside a transaction)."""
        a = item.article
        self.conn.execute(
            "INSERT INTO articles (id, source, title, format, text, metadata_dates, chrome, published, "
            "published_from, n_mentions, n_claims, ingested, batch_dated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (a.id, a.source, a.title, a.format, a.text, json.dumps(list(a.metadata_dates), ensure_ascii=False),
             json.dumps([list(s) for s in a.chrome]), _iso(item.published), item.published_from,
             len(item.mentions), len(item.events), _now(), int(item.batch_dated)))
        self.conn.executemany(
            'INSERT INTO mentions (article, seq, surface, start, "end", place_id, name, kind, lat, lon, country, '
            "in_scope, admin1, score) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(a.id, i, m.surface, m.start, m.end, m.id, m.name, m.kind, m.lat, m.lon, m.country, int(m.in_scope),
              m.admin1, m.score) for i, m in enumerate(item.mentions)])
        self._insert_claims(a.id, item.events, gaz)

    def _insert_claims(self, article_id: str, events, gaz) -> None:
        rows = []
        for i, c in enumerate(events):
            place = gaz.get(c.place_id) if c.place_id in gaz else None
            rows.append((claim_id(article_id, c), article_id, i, c.place, c.place_id, c.party, c.actor, c.action,
                         _iso(c.date), c.date_precision, c.quote, c.confidence, c.lat, c.lon, c.hedge, c.date_phrase,
                         _iso(c.date_start), c.quote_start, c.mention_start, place.kind if place else "",
                         place.admin1 if place else None, place.country if place else None, c.extent))
        self.conn.executemany(
            "INSERT INTO claims (claim_id, article, seq, place, place_id, party, actor, action, date, date_precision, "
            "quote, confidence, lat, lon, hedge, date_phrase, date_start, quote_start, mention_start, kind, admin1, "
            "country, extent) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)

    def add(self, item: Extracted, gaz) -> bool:
        """Store one extracted article in its own transaction; False when it is already stored."""
        with self._transaction():
            if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (item.article.id,)).fetchone():
                return False
            self._insert(item, gaz)
        return True

    def ingest_iter(self, inputs: Iterable[str], gaz=None, date_override: dt.date | None = None,
                    report: IngestReport | None = None) -> Iterator[Extracted | ReadError]:
        """Extract the articles of ``inputs`` that the store lacks and store each one; yields each as it is done.

        Articles already stored (or seen earlier in the batch) are counted in ``report.duplicates``
        and not extracted again.  Each new article is committed with its mentions and claims
        before it is yielded.

        Parameters
        ----------
        inputs : iterable of str
            Files and folders, as for ``mapper extract``.
        gaz : Gazetteer, optional
            Default: :meth:`gazetteer` (the bundled one, the user's files and the store's aliases).
        date_override : date, optional
            Publication date of every input.
        report : IngestReport, optional
            Updated as the ingest goes.
        """
        gaz = gaz or self.gazetteer()
        report = report if report is not None else IngestReport()
        for item in self._extract_new(inputs, gaz, date_override, report):
            if isinstance(item, ReadError):
                report.errors.append(item)
            elif self.add(item, gaz):
                report.added += 1
                report.claims += len(item.events)
            else:  # another process stored it meanwhile
                report.duplicates += 1
            yield item
        report.redated = self.date_against_store(gaz)

    # The last article seq the batch-dated articles were dated against (meta key): past it, they are again.
    _DATED_THROUGH = "batch_dated_through_seq"

    def date_against_store(self, gaz=None, force: bool = False) -> int:
        """Date every batch-dated article again against all the store holds; returns how many changed.

        An article whose date was weighed against its batch (:attr:`Extracted.batch_dated`) was weighed
        against the articles read before it, or in the same first stretch of input.  Once an ingest has
        stored its articles, each is weighed again against every article of the store whose date is
        its own, with the store's year: so the dates depend on what the store holds, not on the order
        it came in, and an ingest killed and run again ends as one never interrupted.  Done after an
        ingest that stored any article, or one killed before this step ended (``force``: always).
        Each article in its own transaction; its mentions are kept, its claims replaced.
        """
        last = self.conn.execute("SELECT max(seq) FROM articles").fetchone()[0] or 0
        done = self.conn.execute("SELECT value FROM meta WHERE key = ?", (self._DATED_THROUGH,)).fetchone()
        if not force and done is not None and int(done[0]) >= last:
            return 0
        gaz = gaz or self.gazetteer()
        year, pool = self._stored_year(), self._stored_pool()
        changed = 0
        ids = [r[0] for r in self.conn.execute("SELECT id FROM articles WHERE batch_dated = 1 ORDER BY seq")]
        for article_id in ids:
            row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is not None and self._date_again(row, gaz, year, pool):
                changed += 1
        with self._transaction():
            self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                              (self._DATED_THROUGH, str(last)))
        return changed

    def _date_again(self, row, gaz, year: int | None, pool: EventPool) -> bool:
        """Date one stored batch-dated article against ``pool``; True when its date or claims changed."""
        result, candidates = extract_with_candidates(_article(row), gaz, year, None)
        if isinstance(result, ReadError):
            return False  # (it was read once: it reads again unless the code changed; left as stored)
        if result.published_from == "inferred" or candidates:
            result = pool.redate(result, gaz, year, candidates)
        stored = [_claim(r) for r in self.conn.execute("SELECT * FROM claims WHERE article = ? ORDER BY seq",
                                                       (row["id"],))]
        if (_iso(result.published), result.published_from) == (row["published"], row["published_from"]) \
                and list(result.events) == stored:
            return False
        with self._transaction():
            self.conn.execute("UPDATE articles SET published = ?, published_from = ?, n_claims = ? WHERE id = ?",
                              (_iso(result.published), result.published_from, len(result.events), row["id"]))
            self.conn.execute("DELETE FROM claims WHERE article = ?", (row["id"],))
            self._insert_claims(row["id"], result.events, gaz)
        return True

    def ingest(self, inputs: Iterable[str], gaz=None, date_override: dt.date | None = None) -> IngestReport:
        """Ingest every input (see :meth:`ingest_iter`) and return the report."""
        report = IngestReport()
        for _ in self.ingest_iter(inputs, gaz, date_override, report):
            pass
        return report

    def _extract_new(self, inputs, gaz, date_override, report) -> Iterator[Extracted | ReadError]:
        """:func:`mapper.pipeline.extract` for the articles the store lacks, dated with the store's help.

        The same stages in the same order, with two differences: known articles are skipped
        before extraction, and the year hint and the event pool also draw on the stored articles.
        """
        known = self.article_ids()
        yield from extract_stream(self._fresh(read_inputs(inputs), known, report), gaz, date_override,
                                  year_fallback=self._stored_year(), pool=self._stored_pool())

    @staticmethod
    def _fresh(stream, known: set[str], report: IngestReport):
        for item in stream:
            if isinstance(item, Article):
                if item.id in known:
                    report.duplicates += 1
                    continue
                known.add(item.id)
            yield item

    def _stored_year(self) -> int | None:
        """The median publication year of stored articles whose date is written (metadata or dateline) and
        their own (not weighed against a batch: a day written without its year took the batch's)."""
        years = [int(r[0][:4]) for r in self.conn.execute(
            "SELECT published FROM articles "
            f"WHERE published IS NOT NULL AND published_from IN ({_WRITTEN_SQL}) AND published_from != 'override' "
            "AND batch_dated = 0")]
        return round(statistics.median(years)) if years else None

    def _stored_pool(self) -> EventPool:
        """An event pool holding the day-dated events of the stored articles with a written date."""
        pool = EventPool.with_chronology()
        rows = self.conn.execute(
            "SELECT a.id, a.published, a.published_from, c.* FROM claims c JOIN articles a ON a.id = c.article "
            f"WHERE a.published_from IN ({_WRITTEN_SQL}) AND a.batch_dated = 0 AND c.date_phrase IS NOT NULL "
            "ORDER BY a.seq, c.seq")
        for _, group in itertools.groupby(rows, key=lambda r: r["article"]):
            group = list(group)
            first = group[0]
            # The pool reads only an extraction's date, how it was found and its events, so the
            # article (and its text) need not be loaded.
            pool.add(Extracted(None, _date(first["published"]), first["published_from"], (),
                               tuple(_claim(r) for r in group)))
        return pool

    # -- reading --------------------------------------------------------------------------------------
    def extracted(self, corrected: bool = True) -> Iterator[Extracted]:
        """Every stored article as the ``Extracted`` of its ingest, in ingest order.

        With ``corrected`` (the default) rejected claims are left out and each pin follows as an
        ``Extracted`` of its own whose article id is ``analyst:<id>`` (its one event is the pin),
        so code written for :func:`mapper.pipeline.extract` draws the corrected picture unchanged.
        """
        corrections = self.corrections() if corrected else []
        rejected = rejector(corrections)
        articles = self.conn.execute("SELECT * FROM articles ORDER BY seq")
        # Separate cursors walked in step: the whole store never has to sit in memory.
        mentions = itertools.groupby(self.conn.execute(
            "SELECT m.* FROM mentions m JOIN articles a ON a.id = m.article ORDER BY a.seq, m.seq"),
            key=lambda r: r["article"])
        claims = itertools.groupby(self.conn.execute(
            "SELECT c.* FROM claims c JOIN articles a ON a.id = c.article ORDER BY a.seq, c.seq"),
            key=lambda r: r["article"])
        next_mentions, next_claims = next(mentions, (None, ())), next(claims, (None, ()))
        for row in articles:
            found_m, found_c = (), ()
            if next_mentions[0] == row["id"]:
                found_m, next_mentions = tuple(_mention(r) for r in next_mentions[1]), next(mentions, (None, ()))
            if next_claims[0] == row["id"]:
                found_c, next_claims = tuple(_claim(r) for r in next_claims[1]), next(claims, (None, ()))
            events = tuple(c for c in found_c if not rejected(row["id"], c))
            yield Extracted(_article(row), _date(row["published"]), row["published_from"], found_m, events)
        for pin in corrections:
            if pin.type == "pin":
                yield _pin_extracted(pin)

    def records(self, corrected: bool = True) -> list[ClaimRecord]:
        """ClaimRecords of every stored claim, in ingest order (with ``corrected``: rejections dropped, pins added)."""
        corrections = self.corrections() if corrected else []
        rejected = rejector(corrections)
        out = []
        for r in self.conn.execute("SELECT c.*, a.published FROM claims c JOIN articles a ON a.id = c.article "
                                   "ORDER BY a.seq, c.seq"):
            claim = _claim(r)
            if not rejected(r["article"], claim):
                out.append(ClaimRecord(claim, r["article"], _date(r["published"]), r["kind"]))
        return out + [pin_record(c) for c in corrections if c.type == "pin"]

    def claim_rows(self, include_rejected: bool = True) -> list[dict]:
        """Every stored claim as a dict: the ``events`` fields plus ``article``, ``claim_id``,
        ``rejected``, the place's ``kind``, ``admin1`` and ``country``, and the article's ``source``,
        ``title`` and ``published``; in ingest order."""
        rejected_by = rejector(self.corrections())
        out = []
        for r in self.conn.execute(
                "SELECT c.*, a.source, a.title, a.published FROM claims c JOIN articles a ON a.id = c.article "
                "ORDER BY a.seq, c.seq"):
            rejected = rejected_by(r["article"], _ClaimKey(r["place_id"], r["party"], r["action"], _date(r["date"])))
            if rejected and not include_rejected:
                continue
            # The fields of Claim.to_dict, straight from the row (the dates are stored as ISO text).
            out.append({"article": r["article"], **{f: r[f] for f in _CLAIM_DICT_FIELDS},
                        "confidence": round(r["confidence"], 3), "claim_id": r["claim_id"], "rejected": rejected,
                        "kind": r["kind"], "admin1": r["admin1"], "country": r["country"], "source": r["source"],
                        "title": r["title"], "published": r["published"]})
        return out

    def mention_rows(self) -> list[dict]:
        """Every stored place mention: the ``toponyms`` fields plus ``article`` and its ``published`` date."""
        # Dicts straight from the rows, keys as Mention.to_dict gives them: tens of thousands of
        # dataclasses.asdict calls would take seconds.
        return [{"article": r["article"], "surface": r["surface"], "start": r["start"], "end": r["end"],
                 "id": r["place_id"], "name": r["name"], "kind": r["kind"], "lat": r["lat"], "lon": r["lon"],
                 "country": r["country"], "in_scope": bool(r["in_scope"]), "admin1": r["admin1"],
                 "score": round(r["score"], 3), "published": r["published"]}
                for r in self.conn.execute("SELECT m.*, a.published FROM mentions m JOIN articles a "
                                           "ON a.id = m.article ORDER BY a.seq, m.seq")]

    def find_claim(self, prefix: str) -> sqlite3.Row:
        """The claim whose id is (or starts with) ``prefix``.

        Raises
        ------
        KeyError
            With the reason: no claim, or several, have that prefix.
        """
        prefix = prefix.strip().lower()
        if len(prefix) < 4:
            raise KeyError(f"claim id {prefix!r} is too short (give at least 4 characters)")
        rows = self.conn.execute("SELECT * FROM claims WHERE claim_id LIKE ? || '%' LIMIT 3", (prefix,)).fetchall()
        if not rows:
            raise KeyError(f"no claim {prefix!r} in {self.path} (mapper events lists them)")
        if len(rows) > 1:
            raise KeyError(f"claim id {prefix!r} is ambiguous ({', '.join(r['claim_id'] for r in rows)}, ...)")
        return rows[0]

    def check(self) -> list[str]:
        """Consistency problems (an empty list when the store is sound).

        Checks SQLite's integrity, foreign keys, and that every article has exactly the
        mentions and claims its ingest counted, so a half-written article would show.
        """
        problems = []
        integrity = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity: {integrity}")
        for r in self.conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"orphan row {r[1]} in {r[0]}")
        for table, column in (("mentions", "n_mentions"), ("claims", "n_claims")):
            for r in self.conn.execute(
                    f"SELECT a.id, a.{column}, count(t.article) FROM articles a LEFT JOIN {table} t "  # fixed names
                    f"ON t.article = a.id GROUP BY a.id HAVING count(t.article) != a.{column}"):
                problems.append(f"article {r[0]}: {r[2]} {table} stored, {r[1]} expected")
        return problems

    # -- corrections ------------------------------------------------------------------------------------
    def corrections(self) -> list[Correction]:
        """Every correction, oldest first."""
        return [_correction(r) for r in self.conn.execute("SELECT * FROM corrections ORDER BY id")]

    def add_correction(self, correction: Correction) -> tuple[Correction, bool]:
        """Store a correction; returns it with its id, and whether it is new.

        The same correction twice is stored once.  A pin for a place and day that already has
        one replaces it (the newest call wins), keeping its id.
        """
        with self._transaction():
            return self._add_correction(correction)

    def _add_correction(self, correction: Correction) -> tuple[Correction, bool]:
        for old in self.corrections():
            same_pin = correction.type == "pin" == old.type and (old.place_id, old.date) == (correction.place_id,
                                                                                              correction.date)
            if same_pin and (old.party, old.note) != (correction.party, correction.note):
                new = replace(correction, id=old.id, created=correction.created or _now())
                self.conn.execute("DELETE FROM corrections WHERE id = ?", (old.id,))
                self._insert_correction(new)
                return new, True
            if same_pin or old.key() == correction.key():
                return old, False
        new = replace(correction, created=correction.created or _now())
        return replace(new, id=self._insert_correction(new)), True

    def _insert_correction(self, c: Correction) -> int:
        values = [getattr(c, f) for f in _CORRECTION_FIELDS]
        values[_CORRECTION_FIELDS.index("date")] = _iso(c.date)
        if c.id is not None:
            cur = self.conn.execute(f"INSERT INTO corrections (id, {', '.join(_CORRECTION_FIELDS)}) "  # fixed names
                                    f"VALUES (?, {', '.join('?' * len(values))})", [c.id, *values])
        else:
            cur = self.conn.execute(f"INSERT INTO corrections ({', '.join(_CORRECTION_FIELDS)}) "  # fixed names
                                    f"VALUES ({', '.join('?' * len(values))})", values)
        return cur.lastrowid

    def remove_correction(self, correction_id: int) -> Correction:
        """Delete a correction by id and return it; KeyError when there is none."""
        with self._transaction():
            row = self.conn.execute("SELECT * FROM corrections WHERE id = ?", (correction_id,)).fetchone()
            if row is None:
                raise KeyError(f"no correction {correction_id} in {self.path} (mapper correct list shows them)")
            self.conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))
        return _correction(row)

    def import_corrections(self, corrections: Iterable[Correction], replace_all: bool = False) -> int:
        """Add corrections (all in one transaction); with ``replace_all`` they replace the stored ones.

        Returns how many were new.  Replacing keeps the ids of the file, so ``analyst:<id>`` labels
        stay what the file says.
        """
        new = 0
        with self._transaction():
            if replace_all:
                self.conn.execute("DELETE FROM corrections")
                for c in corrections:
                    self._insert_correction(replace(c, created=c.created or _now()))
                    new += 1
                return new
            for c in corrections:
                new += self._add_correction(replace(c, id=None))[1]
        return new

    def alias_file(self) -> Path | None:
        """The store's aliases as a gazetteer alias CSV beside the store (None when there are none)."""
        return alias_file(self.corrections(), self.path.with_name(self.path.name + ".aliases"))

    def gazetteer(self, user_files: Iterable[str | Path] = ()):
        """The gazetteer with the user's files, ``user_files`` and the store's aliases."""
        from gazetteer import load

        aliases = self.alias_file()
        return load(user_files=[*user_files, *([aliases] if aliases else [])])

    def containing(self, names: Iterable[str]) -> list[str]:
        """Ids of the stored articles in which one of ``names`` occurs, as the place scanner would find it."""
        from gazetteer import Gazetteer, Place

        # A gazetteer of just these names scans text exactly as the real one does.
        probe = Gazetteer([Place(id=f"probe:{i}", name=n, kind="town", lat=0.0, lon=0.0, country="IQ")
                           for i, n in enumerate(names)])
        return [r["id"] for r in self.conn.execute("SELECT id, text FROM articles ORDER BY seq")
                if probe.scan(r["text"])]

    def reextract(self, article_ids: Iterable[str], gaz=None) -> Iterator[str]:
        """Read the given stored articles again with ``gaz``; yields each id once it is committed.

        Used when an alias is added or removed (see :meth:`containing`): the place mentions and
        claims are found again, the publication date found at ingest is kept.  One transaction
        per article, like an ingest.
        """
        from .claims import find_claims
        from .places import find_mentions

        gaz = gaz or self.gazetteer()
        for article_id in list(article_ids):
            row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                continue
            article, published = _article(row), _date(row["published"])
            mentions = tuple(find_mentions(article.text, gaz, article.body_spans()))
            events = tuple(find_claims(article, mentions, published))
            with self._transaction():
                self.conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
                self._insert(Extracted(article, published, row["published_from"], mentions, events), gaz)
            yield article_id

    def count_matching(self, rejection: Correction) -> int:
        """How many stored claims a rejection removes."""
        return self.conn.execute(
            "SELECT count(*) FROM claims WHERE article = ? AND place_id = ? AND action = ? AND date IS ? "
            "AND (? IS NULL OR party = ?)",
            (rejection.article, rejection.place_id, rejection.action, _iso(rejection.date), rejection.party,
             rejection.party)).fetchone()[0]


def _article(row) -> Article:
    return Article(id=row["id"], source=row["source"], text=row["text"], title=row["title"], format=row["format"],
                   metadata_dates=tuple(json.loads(row["metadata_dates"])),
                   chrome=tuple(tuple(s) for s in json.loads(row["chrome"])))


def _mention(row) -> Mention:
    return Mention(surface=row["surface"], start=row["start"], end=row["end"], id=row["place_id"], name=row["name"],
                   kind=row["kind"], lat=row["lat"], lon=row["lon"], country=row["country"],
                   in_scope=bool(row["in_scope"]), admin1=row["admin1"], score=row["score"])


def _claim(row) -> Claim:
    return Claim(place=row["place"], place_id=row["place_id"], party=row["party"], actor=row["actor"],
                 action=row["action"], date=_date(row["date"]), date_precision=row["date_precision"],
                 quote=row["quote"], confidence=row["confidence"], lat=row["lat"], lon=row["lon"], hedge=row["hedge"],
                 date_phrase=row["date_phrase"], date_start=_date(row["date_start"]), quote_start=row["quote_start"],
                 mention_start=row["mention_start"], extent=row["extent"])


def _correction(row) -> Correction:
    values = {f: row[f] for f in _CORRECTION_FIELDS}
    values["date"] = _date(values["date"])
    return Correction(id=row["id"], **values)


def _pin_extracted(pin: Correction) -> Extracted:
    """A pin as an article of its own: id ``analyst:<id>``, the note as text, the pin as its one event."""
    rec = pin_record(pin)
    article = Article(id=rec.article, source=f"analyst correction {pin.id}", text=pin.note,
                      title=f"Analyst: {pin.describe()}", format="analyst")
    return Extracted(article, rec.published, "override", (), (rec.claim,))


def extracted_from(path: str | Path) -> Iterator[Extracted]:
    """The corrected ``Extracted`` items of the store at ``path`` (what ``mapper run --store`` draws).

    Raises
    ------
    StoreError
        When ``path`` is not a store.
    """
    store = Store(path, read_only=True)
    try:
        yield from store.extracted()
    finally:
        store.close()
