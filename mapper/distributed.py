"""The extraction pipeline on a Dask cluster: ``mapper run --engine dask [--scheduler ADDRESS]``.

The inputs are cut into partitions (whole files, grouped up to a size; big JSON lines files
into line ranges).  Each partition is one task: it reads its articles, runs
:func:`mapper.pipeline.extract_article` on each and writes the results as Parquet into
``DIR/parquet/``:

* ``articles/part-NNNNN.parquet``: one row per article (id, source, title, publication date
  and how it was found, counts of toponyms and events);
* ``claims/part-NNNNN.parquet``: one row per control claim, as GeoParquet (a point at the
  place), with the article id and publication date.

Batch dating (:class:`mapper.pipeline.EventPool`) makes an undated article's date depend on
the articles before it in input order.  So each task also returns, for the articles whose
date is written, the events the pool needs, and for the articles whose date is inferred,
the events on each other date their story allows (:func:`mapper.pipeline.redate_candidates`).
The client walks the partitions in input order with the same :class:`~mapper.pipeline.EventPool`
the local pipeline uses, picks each inferred article's date, and a second task per partition
writes those articles (``part-NNNNN-redated.parquet``).  :func:`read_parquet` reads everything
back in input order, so the timeline and the files written from it are the same as a run on
one machine.

Workers need the same territory-mapper version (checked: the gazetteer and party vocabulary
are fingerprinted) and must see the input files and the output folder at the same paths
(a shared file system).  The user's gazetteer files are sent to them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import logging
import os
import tempfile
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from gazetteer import Gazetteer, load

from . import __version__
from .articles import Article, ReadError
from .claims import Claim, date_claims
from .partitions import Partition, iter_partitions, partition_inputs, read_partition, read_stream
from .pipeline import (
    DATED_FROM,
    YEAR_SAMPLE,
    EventPool,
    Extracted,
    Undated,
    batch_year,
    extract_with_candidates,
)

__all__ = ["extract_dask", "read_parquet", "partition_inputs", "iter_partitions", "read_partition", "read_stream",
           "Partition", "PARQUET_DIR", "fingerprint"]

log = logging.getLogger(__name__)

PARQUET_DIR = "parquet"
MIN_PARTITION = 64 * 1024  # bytes of input per task, at least...
MAX_PARTITION = 16 * 1024 * 1024  # ...and at most (a task holds its partition's results until it writes them)


# -- the gazetteer on the workers ----------------------------------------------------------
def fingerprint(gaz: Gazetteer) -> str:
    """A hash of the gazetteer's entries, the party vocabulary and the mapper version.

    Two processes with the same fingerprint extract the same results from the same text.
    """
    from importlib import resources

    h = hashlib.sha1(__version__.encode())
    h.update(resources.files("mapper").joinpath("parties.toml").read_bytes())
    for p in sorted(gaz, key=lambda p: p.id):
        h.update(repr((p.id, p.name, p.kind, p.lat, p.lon, p.country, p.admin1, p.importance, p.names)).encode())
    return h.hexdigest()


def _gazetteer_files(gazetteer_files) -> tuple[tuple[str, bytes], ...]:
    """(suffix, content) of every user file the client's gazetteer was loaded with, in load order."""
    from gazetteer import core

    files = [*core._user_files(), *map(Path, gazetteer_files)]
    return tuple((p.suffix, p.read_bytes()) for p in files)


_WORKER_GAZ: dict[str, Gazetteer] = {}


def _worker_gazetteer(files: tuple, expected: str) -> Gazetteer:
    gaz = _WORKER_GAZ.get(expected)
    if gaz is None:
        paths = []
        if files:
            folder = Path(tempfile.mkdtemp(prefix="mapper-gazetteer-"))
            for i, (suffix, data) in enumerate(files):
                path = folder / f"{i:04d}{suffix}"
                path.write_bytes(data)
                paths.append(path)
        gaz = load(user_files=paths, include_user_dir=False)
        got = fingerprint(gaz)
        if got != expected:
            raise RuntimeError(f"this worker's gazetteer or party vocabulary differs from the client's "
                               f"({got[:12]} != {expected[:12]}): install the same territory-mapper version")
        _WORKER_GAZ[expected] = gaz
    return gaz


# -- tasks ---------------------------------------------------------------------------------
class _Event(typing.NamedTuple):
    """The parts of a claim :class:`~mapper.pipeline.EventPool` weighs."""

    place_id: str
    party: str
    action: str
    date: dt.date | None
    date_start: dt.date | None
    date_precision: str
    date_phrase: str | None


def _slim(published: dt.date | None, published_from: str, events) -> Extracted:
    """An article reduced to what the pool needs (events with a date phrase, not threats)."""
    kept = tuple(_Event(c.place_id, c.party, c.action, c.date, c.date_start, c.date_precision, c.date_phrase)
                 for c in events if c.date_phrase and c.action != "threatened")
    return Extracted(None, published, published_from, (), kept)


@dataclass
class _Summary:
    """What the client needs of a partition to date its undated articles."""

    index: int
    count: int = 0
    errors: list = field(default_factory=list)  # (seq, ReadError)
    dated: list = field(default_factory=list)  # (seq, slim Extracted)
    inferred: list = field(default_factory=list)  # (seq, slim Extracted, ((day, slim events), ...))


def _extract_partition(part: Partition, out: str, gaz_files: tuple, expected: str, year_hint, date_override):
    """Task: extract a partition, write the articles with a final date; keep the inferred ones."""
    gaz = _worker_gazetteer(gaz_files, expected)
    summary, kept, rows = _Summary(part.index), {}, _Rows()
    for seq, item in enumerate(read_partition(part)):
        summary.count = seq + 1
        result, candidates = extract_with_candidates(item, gaz, year_hint, date_override)
        if isinstance(result, ReadError):
            summary.errors.append((seq, result))
        elif isinstance(candidates, Undated):  # no date: the batch may give one (EventPool.date_undated)
            kept[seq] = (result, candidates)
            summary.inferred.append((seq, _slim(None, "unknown", ()), candidates))
        elif result.published_from == "inferred" or candidates:  # (or a written day whose year was a guess)
            kept[seq] = (result, candidates)
            summary.inferred.append((seq, _slim(result.published, result.published_from, result.events),
                                     tuple((day, _slim(day, "inferred", ev).events) for day, ev in candidates)))
        else:
            if result.published_from in DATED_FROM:
                summary.dated.append((seq, _slim(result.published, result.published_from, result.events)))
            rows.add(part.index, seq, result)
    rows.write(out, f"part-{part.index:05d}")
    return summary, kept


def _summary_of(result):
    return result[0]


def _write_redated(index: int, out: str, result, choices: dict) -> int:
    """Task: write a partition's inferred articles on the dates the client chose."""
    _, kept = result
    rows = _Rows()
    for seq in sorted(kept):
        extracted, candidates = kept[seq]
        day = choices.get(seq)
        if day is not None:
            events = (tuple(date_claims(candidates.readings, day)) if isinstance(candidates, Undated)
                      else next(ev for d, ev in candidates if d == day))
            extracted = Extracted(extracted.article, day, "inferred", extracted.mentions, events)
        rows.add(index, seq, extracted)
    rows.write(out, f"part-{index:05d}-redated")
    return len(kept)


# -- Parquet -------------------------------------------------------------------------------
_ARTICLE_COLUMNS = {"part": "Int64", "seq": "Int64", "article": "string", "source": "string", "title": "string",
                    "format": "string", "published": "string", "published_from": "string", "toponyms": "Int64",
                    "in_scope_toponyms": "Int64", "events": "Int64"}


def _claim_columns() -> dict[str, str]:
    """Parquet column types of the claim fields (dates are written as ISO strings)."""
    out = {}
    for f in fields(Claim):
        kind = str(f.type)
        out[f.name] = ("date" if "date" in kind else "Float64" if "float" in kind else
                       "Int64" if "int" in kind else "string")
    return out


_CLAIM_COLUMNS = _claim_columns()
_CLAIM_PREFIX = {"part": "Int64", "seq": "Int64", "n": "Int64", "article": "string", "published": "string"}


def _iso(value):
    return value.isoformat() if isinstance(value, dt.date) else value


class _Rows:
    """Rows of the articles and claims tables of one partition."""

    def __init__(self):
        self.articles: list[dict] = []
        self.claims: list[dict] = []

    def add(self, part: int, seq: int, x: Extracted) -> None:
        a = x.article
        published = _iso(x.published)
        self.articles.append({
            "part": part, "seq": seq, "article": a.id, "source": a.source, "title": a.title, "format": a.format,
            "published": published, "published_from": x.published_from, "toponyms": len(x.mentions),
            "in_scope_toponyms": sum(1 for m in x.mentions if m.in_scope), "events": len(x.events)})
        for n, c in enumerate(x.events):
            row = {"part": part, "seq": seq, "n": n, "article": a.id, "published": published}
            row.update((name, _iso(getattr(c, name))) for name in _CLAIM_COLUMNS)
            self.claims.append(row)

    def write(self, out: str, name: str) -> None:
        base = Path(out) / PARQUET_DIR
        _write_table(base / "articles" / f"{name}.parquet", self.articles, _ARTICLE_COLUMNS, geo=False)
        _write_table(base / "claims" / f"{name}.parquet", self.claims, {**_CLAIM_PREFIX, **_CLAIM_COLUMNS}, geo=True)


def _write_table(path: Path, rows: list[dict], columns: dict[str, str], geo: bool) -> None:
    """Write rows as (Geo)Parquet through a temporary file; nothing for no rows."""
    if not rows:
        return
    import geopandas as gpd
    import pandas as pd
    import shapely

    data = {}
    for name, kind in columns.items():
        values = [r.get(name) for r in rows]
        data[name] = pd.Series(values, dtype="string" if kind == "date" else kind)
    frame = pd.DataFrame(data)
    if geo:
        points = [shapely.Point(r["lon"], r["lat"]) if r.get("lat") is not None and r.get("lon") is not None
                  else None for r in rows]
        frame = gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def _clear(out: str) -> None:
    """Remove the Parquet parts of an earlier run (only the files this module writes)."""
    for table in ("articles", "claims"):
        folder = Path(out) / PARQUET_DIR / table
        if folder.is_dir():
            for p in folder.glob("part-*.parquet"):
                p.unlink()


def read_parquet(out_dir: str | Path, errors: Iterable[tuple[int, int, ReadError]] = ()
                 ) -> Iterator[Extracted | ReadError]:
    """The articles and claims a Dask run wrote to ``DIR/parquet``, in input order.

    Parameters
    ----------
    out_dir : path
        The run's output folder.
    errors : iterable of (partition, seq, ReadError), optional
        Read errors to put back in their places.

    Yields
    ------
    Extracted or ReadError
        Extracted records carry the article's id, source, title and format (not its text),
        the publication date and how it was found, and the events (no toponyms).
    """
    import pyarrow.parquet as pq

    base = Path(out_dir) / PARQUET_DIR
    by_part: dict[int, dict[str, list[Path]]] = {}
    for table in ("articles", "claims"):
        for p in sorted((base / table).glob("part-*.parquet")):
            by_part.setdefault(int(p.stem.split("-")[1]), {}).setdefault(table, []).append(p)
    errs: dict[int, list[tuple[int, ReadError]]] = {}
    for part, seq, err in errors:
        errs.setdefault(part, []).append((seq, err))
    claim_names = list(_CLAIM_COLUMNS)
    for part in sorted(set(by_part) | set(errs)):
        tables = by_part.get(part, {})
        arts = [row for p in tables.get("articles", []) for row in pq.read_table(p).to_pylist()]
        claims: dict[int, list[dict]] = {}
        for p in tables.get("claims", []):
            for row in pq.read_table(p, columns=["seq", "n", *claim_names]).to_pylist():
                claims.setdefault(row["seq"], []).append(row)
        items = [(row["seq"], row) for row in arts] + list(errs.get(part, []))
        for seq, row in sorted(items, key=lambda x: x[0]):
            if isinstance(row, ReadError):
                yield row
                continue
            events = tuple(_claim(c) for c in sorted(claims.get(seq, ()), key=lambda c: c["n"]))
            article = Article(row["article"], row["source"], "", row["title"], row["format"])
            published = dt.date.fromisoformat(row["published"]) if row["published"] else None
            yield Extracted(article, published, row["published_from"], (), events)


def _claim(row: dict) -> Claim:
    kwargs = {}
    for name, kind in _CLAIM_COLUMNS.items():
        value = row[name]
        kwargs[name] = dt.date.fromisoformat(value) if kind == "date" and value else value
    return Claim(**kwargs)


# -- the driver ----------------------------------------------------------------------------
def extract_dask(inputs: Iterable[str], gaz: Gazetteer | None, out_dir: str | Path,
                 date_override: dt.date | None = None, gazetteer_files: tuple = (), scheduler: str | None = None,
                 workers: int | None = None, partition_bytes: int | None = None) -> Iterator[Extracted | ReadError]:
    """Extract every article of the inputs on a Dask cluster; the results in input order.

    The same results as :func:`mapper.pipeline.extract` (events, publication dates, batch
    dating), written as Parquet to ``out_dir/parquet`` and read back from there.

    Parameters
    ----------
    inputs : iterable of str
        Files or folders; workers must see them at the same paths.
    gaz : Gazetteer, optional
        The client's gazetteer (the bundled one with the user's additions by default).
    out_dir : path
        Output folder (on a file system the workers share).
    date_override : datetime.date, optional
        Publication date of every article.
    gazetteer_files : tuple of path
        Extra gazetteer files ``gaz`` was loaded with; their contents are sent to the workers.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); by default a
        ``distributed.LocalCluster`` of ``workers`` processes is started and stopped.
    workers : int, optional
        Worker processes of the local cluster (default: one per core).
    partition_bytes : int, optional
        Input bytes per task (default: about four tasks per worker, 64 KB to 16 MB).

    Returns
    -------
    iterator of Extracted or ReadError
        As :func:`read_parquet`; the cluster does its work as the iteration starts.

    Raises
    ------
    ImportError
        When dask[distributed] or pyarrow is not installed.
    """
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError(f"the Dask engine needs dask[distributed] and pyarrow ({exc}): "
                          "pip install 'territory-mapper[dask]'") from exc
    return _extract_dask(list(inputs), gaz, out_dir, date_override, gazetteer_files, scheduler, workers,
                         partition_bytes)


def _extract_dask(inputs, gaz, out_dir, date_override, gazetteer_files, scheduler, workers, partition_bytes):
    from distributed import Client, LocalCluster

    gaz = gaz or load(user_files=gazetteer_files)
    out = str(Path(out_dir).resolve())
    Path(out, PARQUET_DIR).mkdir(parents=True, exist_ok=True)
    _clear(out)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        errors = _run(client, inputs, gaz, out, date_override, gazetteer_files, partition_bytes)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    yield from read_parquet(out, errors)


def _run(client, inputs, gaz, out, date_override, gazetteer_files, partition_bytes):
    from distributed import as_completed

    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    if partition_bytes is None:
        total = sum(p.size for p in partition_inputs(inputs, 1 << 62))
        partition_bytes = min(MAX_PARTITION, max(MIN_PARTITION, total // (4 * n_workers) + 1))
    parts = partition_inputs(inputs, partition_bytes)
    log.info("dask: %d partition(s) on %d worker(s)", len(parts), n_workers)
    # The batch's year, from the first articles in input order, as the local pipeline learns it.
    head = list(itertools.islice(itertools.chain.from_iterable(read_partition(p) for p in parts), YEAR_SAMPLE))
    year_hint = batch_year(a for a in head if isinstance(a, Article))
    expected = fingerprint(gaz)
    [files] = client.scatter([_gazetteer_files(gazetteer_files)], broadcast=True)
    first = {p.index: client.submit(_extract_partition, p, out, files, expected, year_hint, date_override)
             for p in parts}
    summaries = {client.submit(_summary_of, f): i for i, f in first.items()}
    done: dict[int, _Summary] = {}
    running, head_pool = EventPool.with_chronology(), None
    offset, next_part, second, errors = 0, 0, [], []
    for fut in as_completed(summaries):
        done[summaries[fut]] = fut.result()
        # Partitions are dated in input order, once the articles before them (and the head) are known.
        while next_part < len(parts) and next_part in done:
            if head_pool is None:
                head_pool = _head_pool(done, len(parts))
                if head_pool is None:
                    break
            s = done[next_part]
            choices = _choose(s, offset, running, head_pool, gaz, year_hint)
            errors += [(s.index, seq, err) for seq, err in s.errors]
            if s.inferred:
                second.append(client.submit(_write_redated, s.index, out, first[s.index], choices))
            offset += s.count
            del first[s.index]  # the worker may drop what it kept once the redating task has it
            next_part += 1
    client.gather(second)
    return errors


def _head_pool(done: dict, n_parts: int) -> EventPool | None:
    """The pool of the first ``YEAR_SAMPLE`` articles (they are dated against each other), once known."""
    pool, seen = EventPool.with_chronology(), 0
    for i in range(n_parts):
        if i not in done:
            return None
        s = done[i]
        for seq, slim in s.dated:
            if seen + seq < YEAR_SAMPLE:
                pool.add(slim)
        seen += s.count
        if seen >= YEAR_SAMPLE:
            break
    return pool


def _choose(s: _Summary, offset: int, running: EventPool, head_pool: EventPool, gaz, year_hint) -> dict:
    """The date :meth:`EventPool.redate` picks for each inferred article of a partition (None: its own)."""
    dated = dict(s.dated)
    inferred = {seq: (slim, candidates) for seq, slim, candidates in s.inferred}
    choices = {}
    for seq in sorted(dated.keys() | inferred.keys()):
        if seq in dated:
            running.add(dated[seq])
            continue
        slim, candidates = inferred[seq]
        pool = head_pool if offset + seq < YEAR_SAMPLE else running
        best = pool.redate(slim, gaz, year_hint, candidates)
        choices[seq] = None if best is slim else best.published
    return choices
