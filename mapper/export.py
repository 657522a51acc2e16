"""Write the outputs of a run: ``control.geojson``, ``events.csv``, ``map.html`` (atomically)."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import orjson

__all__ = ["write_atomic", "AtomicFile", "safe_filename", "output_path", "UnsafePathError", "control_geojson",
           "ControlGeojsonWriter", "events_csv", "EventsCsvWriter", "event_cells", "EVENT_FIELDS", "safe_cell",
           "unsafe_cell", "remove_leftovers"]

EVENT_FIELDS = ["article", "place", "place_id", "party", "actor", "action", "date", "date_precision", "quote",
                "confidence", "lat", "lon", "hedge", "date_phrase", "date_start", "extent"]

MAX_NAME_BYTES = 200  # file systems allow 255 bytes per name; leave room for a suffix and temp prefix


class UnsafePathError(ValueError):
    """An output path that would land outside the chosen output folder."""


def output_path(folder: str | Path, name: str) -> Path:
    """``folder / name``, refusing any name that would escape ``folder``.

    ``name`` must be a single plain file name: no folder separators, not ``.``/``..``, not
    absolute, no NUL or control characters.  Use :func:`safe_filename` to turn arbitrary text
    (an article title) into such a name.

    Raises
    ------
    UnsafePathError
    """
    if not isinstance(name, str) or not name or name in (".", ".."):
        raise UnsafePathError(f"not a file name: {name!r}")
    if "/" in name or "\\" in name or os.sep in name or (os.altsep and os.altsep in name):
        raise UnsafePathError(f"file name contains a folder separator: {name!r}")
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in name):
        raise UnsafePathError(f"file name contains control characters: {name!r}")
    if len(name.encode("utf-8")) > 255:
        raise UnsafePathError(f"file name is longer than 255 bytes: {name[:40]!r}...")
    base = Path(folder)
    path = base / name
    # Belt and braces: whatever the name, the result's parent is the folder itself.
    if path.parent != base or os.path.isabs(name) or Path(name).drive:
        raise UnsafePathError(f"file name leaves the output folder: {name!r}")
    return path


_UNSAFE_NAME_CHARS = re.compile(r"[^\w\-. ]+")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\.|$)", re.IGNORECASE)


def safe_filename(text: str, suffix: str = "", default: str = "article") -> str:
    """A file name made from arbitrary text (an article title, a url) that is safe to write.

    Letters of any script, digits, ``-``, ``_``, ``.`` are kept; everything else (slashes,
    ``..``, control characters, quotes) becomes ``-``; the name is cut to fit file-system
    limits; an empty result becomes ``default``.

    Examples
    --------
    >>> safe_filename("../../etc/passwd", ".html")
    'etc-passwd.html'
    >>> safe_filename("Militants seize Rawa & Anah", ".geojson")
    'Militants-seize-Rawa-Anah.geojson'
    """
    name = unicodedata.normalize("NFC", str(text))
    name = _UNSAFE_NAME_CHARS.sub("-", name).replace(" ", "-")
    name = re.sub(r"-{2,}", "-", re.sub(r"\.{2,}", ".", name)).strip("-._ ")
    if _WINDOWS_RESERVED.match(name):
        name = "_" + name
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    while len(name.encode("utf-8")) > budget:
        name = name[:-1]
    name = name.rstrip("-._ ") or default
    return name + suffix


def write_atomic(path: str | Path, data: str | bytes | Iterable[str], *, root: str | Path | None = None) -> None:
    """Write ``path`` all at once or not at all: never a half-written or missing file.

    The data goes to a temporary file in the same folder, which is flushed and fsync-ed
    and then renamed over ``path`` with :func:`os.replace` (atomic on POSIX and Windows).
    If anything fails before the rename (an exception from ``data``, a full disk, an
    interrupt), the old file is left as it was and the temporary file is removed.
    :class:`AtomicFile` does the same for a file written piece by piece.

    Parameters
    ----------
    path : str or Path
    data : str, bytes, or an iterable of str chunks (written as they come: big outputs
        need not be held in memory)
    root : str or Path, optional
        The output folder: ``path`` must be a file directly inside it (see :func:`output_path`).
    """
    with AtomicFile(path, root=root) as fh:
        if isinstance(data, bytes | str):
            fh.write(data)
        else:
            for chunk in data:
                fh.write(chunk)


class AtomicFile:
    """A file written piece by piece that appears all at once, or not at all.

    Writes go to a temporary file beside ``path``; :meth:`commit` flushes, fsyncs and renames
    it over ``path``; :meth:`discard` removes it, leaving any old ``path`` as it was.  As a
    context manager it commits on a clean exit and discards on an exception (an interrupt
    included).  ``mapper run`` streams ``events.csv`` into one while articles are read.

    Parameters
    ----------
    path : str or Path
    root : str or Path, optional
        The output folder: ``path`` must be a file directly inside it (see :func:`output_path`).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with AtomicFile(Path(folder) / "out.txt") as fh:
    ...     fh.write("a line\n")
    >>> (Path(folder) / "out.txt").read_text()
    'a line\n'
    """

    def __init__(self, path: str | Path, *, root: str | Path | None = None):
        path = Path(path)
        if root is not None:
            if path.parent != Path(root):
                raise UnsafePathError(f"{path} is not a file directly inside the output folder {root}")
            path = output_path(root, path.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._mode = os.stat(path).st_mode & 0o777  # a rewrite keeps the file's permissions
        except OSError:
            self._mode = 0o644
        self.path = path
        # (the process id in the name lets a later run tell a killed run's leftover from a live one's: remove_leftovers)
        fd, self._tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:100]}.{os.getpid()}.", suffix=".tmp")
        self._fh = os.fdopen(fd, "wb")
        self._done = False

    def write(self, data: str | bytes) -> None:
        """Append ``data`` (text is written as UTF-8)."""
        self._fh.write(data.encode("utf-8") if isinstance(data, str) else data)

    def commit(self) -> None:
        """Make the file written so far ``path`` (durably); later calls do nothing."""
        if self._done:
            return
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            os.chmod(self._tmp, self._mode)
            os.replace(self._tmp, self.path)
        except BaseException:
            self.discard()
            raise
        self._done = True
        _fsync_folder(self.path.parent)

    def discard(self) -> None:
        """Drop what was written, leaving ``path`` as it was; later calls do nothing."""
        if self._done:
            return
        self._done = True
        self._fh.close()
        Path(self._tmp).unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


# What a run leaves in its output folder while it works: "<.name>.<pid>.<random>.tmp" files, ".mapper-spill-<pid>-..."
# folders (and, from before the process id was in the name, the same without it).
_LEFTOVER = re.compile(r"^\.(?:(?:events\.csv|control\.geojson|map\.html)\.(?:(?P<pid>\d+)\.)?[\w-]+\.tmp|"
                       r"mapper-spill-(?:(?P<spill_pid>\d+)-)?[\w-]+)$")
LEFTOVER_AGE_S = 24 * 3600  # a leftover with no process id in its name is a killed run's once this old


def remove_leftovers(folder: str | Path) -> list[str]:
    """Remove what killed runs left in an output folder; returns the names removed.

    A temporary file or spill folder whose process is gone is removed; one of a process still running (another
    run writing there now) is left alone, as is anything that is not the tool's.
    """
    import shutil
    import time

    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _LEFTOVER.match(entry.name)
        if m is None:
            continue
        pid = m.group("pid") or m.group("spill_pid")
        if pid is not None:
            if _alive(int(pid)):
                continue
        else:
            try:
                if time.time() - entry.stat(follow_symlinks=False).st_mtime < LEFTOVER_AGE_S:
                    continue
            except OSError:
                continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(entry.name)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    """True when a process with this id runs (or may: one of another user's)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    return True


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (best effort: not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def control_geojson(intervals) -> str:
    """RFC 7946 FeatureCollection: one Point per (place, interval of unchanged control)."""
    buf = io.StringIO()
    writer = ControlGeojsonWriter(buf)
    writer.write(intervals)
    writer.close()
    return buf.getvalue()


class ControlGeojsonWriter:
    """Writes :func:`control_geojson` to a file a few intervals at a time (``mapper run``: a place at a time).

    One feature per line, as GDAL writes GeoJSON: the file stays readable and easy to diff or
    split line by line, and each feature is encoded by ``json``'s C encoder (an indented
    encoding is done in Python, several times slower).

    Parameters
    ----------
    fh : file-like
        Anything with ``write(str)``.

    Attributes
    ----------
    features : int
        Features written so far (intervals without coordinates have none).
    """

    def __init__(self, fh):
        self._fh = fh
        self.features = 0
        fh.write('{"type":"FeatureCollection","features":[')

    def write(self, intervals) -> None:
        """Add a feature for each interval with coordinates."""
        for iv in intervals:
            if iv.lat is None or iv.lon is None:
                continue
            feature = {"type": "Feature",
                       "geometry": {"type": "Point", "coordinates": [round(iv.lon, 6), round(iv.lat, 6)]},
                       "properties": iv.to_properties()}
            text = orjson.dumps(feature).decode("utf-8")
            self._fh.write(("\n" if self.features == 0 else ",\n") + text)
            self.features += 1

    def close(self) -> None:
        """End the collection (the file itself is the caller's to close)."""
        self._fh.write("\n]}\n" if self.features else "]}\n")


# A cell starting like a formula is run by spreadsheets (CSV injection): quotes come from articles.
_FORMULA_FIRST = "=+-@\t\r"  # the first characters of a formula
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")


def safe_cell(value) -> str | float | int:
    """A CSV cell a spreadsheet will not run: text that starts like a formula (``=``, ``+``, ``-``, ``@``, a tab)
    gets a ``'`` in front (numbers such as ``-3.5`` stay numbers); None is an empty cell.

    Every CSV the tool writes goes through it (``events.csv``, ``export --format csv``, the tables' ``--csv``,
    ``correct export``); :func:`unsafe_cell` reads such a cell back.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(1)"), safe_cell("-3.5"), safe_cell(None)
    ("'=HYPERLINK(1)", '-3.5', '')
    """
    if value is None:
        return ""
    if isinstance(value, str) and value and value[0] in _FORMULA_FIRST and not _NUMBER.match(value):
        return "'" + value
    return value


def unsafe_cell(value: str) -> str:
    """The text :func:`safe_cell` was given (its ``'`` before a formula character taken off)."""
    return value[1:] if len(value) > 1 and value[0] == "'" and value[1] in _FORMULA_FIRST else value



def events_csv(rows) -> str:
    """CSV (UTF-8 with BOM so spreadsheets detect the encoding) of events plus their article id.

    Text cells that a spreadsheet would run as a formula (``=...``, ``+...``, ``@...``) are
    prefixed with ``'``.  :class:`EventsCsvWriter` writes the same text row by row.
    """
    buf = io.StringIO()
    writer = EventsCsvWriter(buf)
    for row in rows:
        writer.write(row)
    writer.flush()
    return buf.getvalue()


class EventsCsvWriter:
    """Writes :func:`events_csv` to a file as rows come, so no batch of rows is held.

    Parameters
    ----------
    fh : file-like
        Anything with ``write(str)`` (an :class:`AtomicFile`, a text file opened with
        ``newline=""``): gets the BOM and header at once, then the rows a few hundred at a
        time; :meth:`flush` writes the rest.

    Attributes
    ----------
    rows : int
        Rows written so far.
    """

    ROWS_PER_WRITE = 64  # a write per row cost more than the row (a million rows in a big batch)

    def __init__(self, fh):
        self._fh = fh
        self._buf = io.StringIO()
        self._writer = csv.writer(self._buf)
        self._pending = 0
        self._buf.write("\ufeff")
        self._writer.writerow(EVENT_FIELDS)
        self.flush()
        self.rows = 0

    def write(self, row: dict) -> None:
        """Write one event (``article`` plus the fields of :meth:`mapper.claims.Claim.to_dict`)."""
        self.write_cells(event_cells(row))

    def write_cells(self, cells: list) -> None:
        """Write one event given as its :func:`event_cells` (e.g. made in a worker process)."""
        self._writer.writerow(cells)
        self.rows += 1
        self._pending += 1
        if self._pending >= self.ROWS_PER_WRITE:
            self.flush()

    def flush(self) -> None:
        """Hand the rows written so far to the file."""
        text = self._buf.getvalue()
        if text:
            self._fh.write(text)
            self._buf.seek(0)
            self._buf.truncate()
        self._pending = 0


def event_cells(row: dict) -> list:
    """The ``events.csv`` cells of one event row, in column order."""
    return [safe_cell(row.get(k)) for k in EVENT_FIELDS]
