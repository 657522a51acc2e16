"""A reference chronology of the war's control changes, to date articles that write no date.

A wire story that says "militants seized the dam on Thursday" and prints no date can still be
dated when it is known on which Thursday the dam fell.  ``chronology.csv`` lists such changes
(day, place, its gazetteer id, party, action, source), read from public timelines of the war (see
``DATA_SOURCES.md``; ``scripts/build_chronology.py`` resolves the names to gazetteer ids);
:class:`mapper.pipeline.EventPool` weighs an undated article's day-dated claims against them exactly as
it weighs them against the dated articles of its batch.

The chronology only ever *dates articles*: its rows never become claims, never reach a map,
and never replace a date a page or a feed gives.  A date found through it is ``inferred``.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["ChronologyEntry", "CHRONOLOGY_FILE", "load_chronology", "chronology_facts"]

CHRONOLOGY_FILE = Path(__file__).with_name("chronology.csv")
ENV_VAR = "TERRITORY_MAPPER_CHRONOLOGY"
OFF = ("off", "none", "0", "no")
CHANGES = ("captured", "recaptured")  # the actions of a row: a side took the place, or took it back


@dataclass(frozen=True)
class ChronologyEntry:
    """One known control change: on ``day``, ``party`` took ``place`` (or took it back)."""

    day: dt.date
    place: str
    place_id: str
    party: str
    action: str
    source: str


def load_chronology(path: str | Path | None = None, parties: tuple[str, ...] | None = None
                    ) -> tuple[ChronologyEntry, ...]:
    """The rows of a chronology file (``chronology.csv`` by default).

    Parameters
    ----------
    path : str or Path, optional
    parties : tuple of str, optional
        The party ids a row may name (those of ``parties.toml``); others are an error.

    Raises
    ------
    ValueError
        A row with a bad date, an unknown action or party, or an empty place, naming the file and line.
    """
    path = Path(path) if path is not None else CHRONOLOGY_FILE
    entries = []
    with open(path, newline="", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            try:
                entries.append(_entry(row, parties))
            except (ValueError, TypeError, AttributeError) as exc:
                raise ValueError(f"{path}:{line}: {exc}") from None
    return tuple(entries)


def _entry(row: dict, parties: tuple[str, ...] | None) -> ChronologyEntry:
    day = dt.date.fromisoformat(row["date"].strip())
    place, party, action = row["place"].strip(), row["party"].strip(), row["action"].strip()
    place_id = row["place_id"].strip()
    if not place or not place_id:
        raise ValueError("no place or no place id")
    if action not in CHANGES:
        raise ValueError(f"action {action!r} is not one of {', '.join(CHANGES)}")
    if parties is not None and party not in parties:
        raise ValueError(f"party {party!r} is not one of {', '.join(parties)}")
    return ChronologyEntry(day, place, place_id, party, action, (row.get("source") or "").strip())


def chronology_facts() -> tuple:
    """The chronology in use as :class:`mapper.pipeline.EventPool` facts: ``(place id, party, day)``.

    The bundled ``chronology.csv``, unless ``$TERRITORY_MAPPER_CHRONOLOGY`` names another file
    (same columns) or is ``off`` (no chronology: undated articles are weighed against their batch only).
    """
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen.lower() in OFF:
        return ()
    return _facts(chosen or str(CHRONOLOGY_FILE))


@lru_cache(maxsize=4)
def _facts(path: str) -> tuple:
    return tuple((e.place_id, e.party, e.day) for e in load_chronology(path))
