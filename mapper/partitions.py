"""Inputs cut into partitions that can be read apart (by worker processes or Dask tasks).

A partition is a group of whole files, or a line range of a big JSON lines file; reading the
partitions one after another gives exactly what :func:`mapper.articles.read_inputs` gives.
"""

from __future__ import annotations

import codecs
import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import articles as _articles
from .articles import Article, ReadError, input_files, read_inputs

__all__ = ["Partition", "partition_inputs", "iter_partitions", "read_partition", "read_stream", "MAX_PARTITION"]

MAX_PARTITION = 16 * 1024 * 1024  # bytes of input a stream reads at a time (read_stream)
_CHUNK = 1 << 22  # bytes read at a time to check and cut a file
_HEAD_BYTES = 64 * 1024  # read to check a JSON lines file as the reader would (encoding, binary data)


@dataclass(frozen=True)
class Partition:
    """A slice of the inputs that one task reads.

    Attributes
    ----------
    index : int
        Position in input order.
    files : tuple of str
        Whole files, read in this order (``read_inputs`` of them).
    path : str or None
        Or one JSON lines file, of which only the lines in ``[start, end)`` (byte offsets
        at line starts) are read; ``first_line`` is the number of the line at ``start``.
    error : ReadError or None
        Or an input that does not exist.
    """

    index: int
    files: tuple[str, ...] = ()
    path: str | None = None
    start: int = 0
    end: int = 0
    first_line: int = 1
    error: ReadError | None = None
    size: int = 0


def partition_inputs(inputs: Iterable[str], partition_bytes: int) -> list[Partition]:
    """Cut the inputs into partitions of about ``partition_bytes``, in input order.

    Files are read in the order :func:`mapper.articles.read_inputs` reads them; small files
    are grouped, and a big JSON lines file is split at line starts when a line range reads
    exactly as the whole file does (strict UTF-8, no carriage returns, no binary data).

    Parameters
    ----------
    inputs : iterable of str
        Files or folders.
    partition_bytes : int
        Target input size of one partition.

    Returns
    -------
    list of Partition
    """
    return list(iter_partitions(inputs, partition_bytes))


def iter_partitions(inputs: Iterable[str], partition_bytes: int) -> Iterator[Partition]:
    """The partitions of :func:`partition_inputs`, one input at a time."""
    index, group, group_size = 0, [], 0
    for item in input_files(inputs):
        if isinstance(item, ReadError):
            ranges, size = None, 0
        else:
            path = str(item)
            try:
                size = os.path.getsize(path)
            except OSError:
                size = 0
            ranges = _line_ranges(path, size, partition_bytes) if size > partition_bytes else None
        if group and (ranges or isinstance(item, ReadError) or group_size + size > partition_bytes):
            yield Partition(index, files=tuple(group), size=group_size)
            index, group, group_size = index + 1, [], 0
        if isinstance(item, ReadError):
            yield Partition(index, error=item)
            index += 1
        elif ranges:
            for start, end, first_line in ranges:
                yield Partition(index, path=path, start=start, end=end, first_line=first_line, size=end - start)
                index += 1
        else:
            group.append(path)
            group_size += size
    if group:
        yield Partition(index, files=tuple(group), size=group_size)


def read_stream(inputs: Iterable[str], chunk_bytes: int | None = None) -> Iterator[Article | ReadError]:
    """What :func:`mapper.articles.read_inputs` yields, reading big JSON lines files a line range at a time.

    Memory is bounded by ``chunk_bytes`` (default :data:`MAX_PARTITION`) instead of growing
    with the size of the file.
    """
    for part in iter_partitions(inputs, chunk_bytes or MAX_PARTITION):
        yield from read_partition(part)


def _line_ranges(path: str, size: int, partition_bytes: int) -> list[tuple[int, int, int]] | None:
    """``(start, end, first_line)`` byte ranges of a JSON lines file, or None to read it whole.

    A range is read on its own (:func:`read_partition`); that gives the same articles as
    reading the whole file only when decoding does not depend on the rest of the file, which
    is checked here: the file must be strict UTF-8 (else the reader falls back to another
    encoding for all of it), without carriage returns (line ends are normalised before the
    lines are split) and pass the reader's binary check on its head.
    """
    if _articles.EXTENSIONS.get(Path(path).suffix.lower()) != "jsonl":
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD_BYTES)
            if not _head_reads_as_text(head, size):
                return None
            fh.seek(0)
            decoder = codecs.getincrementaldecoder("utf-8")("strict")
            start = len(codecs.BOM_UTF8) if head[:3] == codecs.BOM_UTF8 else 0
            first_line, ranges = 1, []
            offset = newlines = 0  # bytes and line ends before the chunk
            # Read in chunks, not mapped: a mapped file's pages count as this process's memory.
            for chunk in iter(functools.partial(fh.read, _CHUNK), b""):
                if b"\r" in chunk:
                    return None
                decoder.decode(chunk)
                while (nl := chunk.find(b"\n", max(0, start + partition_bytes - offset))) >= 0 \
                        and offset + nl + 1 < size:
                    ranges.append((start, offset + nl + 1, first_line))
                    first_line = 1 + newlines + chunk.count(b"\n", 0, nl + 1)
                    start = offset + nl + 1
                newlines += chunk.count(b"\n")
                offset += len(chunk)
            decoder.decode(b"", final=True)
            ranges.append((start, size, first_line))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return ranges if len(ranges) > 1 else None


def _head_reads_as_text(head: bytes, size: int) -> bool:
    """True when the reader's checks on the start of the file pass (they look at 4096 characters)."""
    if len(head) < size:
        cut = head.rfind(b"\n")
        if cut < 0:
            return False
        head = head[:cut + 1]
    try:
        text = _articles.read_text(head)
    except (ValueError, UnicodeDecodeError):
        return False
    return bool(text.strip()) and (len(text) >= 4096 or len(head) >= size)


def read_partition(part: Partition) -> Iterator[Article | ReadError]:
    """The articles (and read errors) of one partition, as :func:`mapper.articles.read_inputs` gives them."""
    if part.error is not None:
        yield part.error
        return
    if part.path is None:
        yield from read_inputs(part.files)
        return
    yield from _articles.read_jsonl_range(part.path, part.start, part.end, part.first_line)
