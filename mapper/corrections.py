"""An analyst's corrections: pin a place's control on a date, reject a claim, add an alias.

Corrections are kept in the store (:mod:`mapper.store`) and travel as a CSV file with the
columns of :data:`CSV_FIELDS`, one row per correction:

``pin``
    ``place_id``, ``party``, ``date`` and ``note``: the analyst says PARTY holds the place on
    that date.  A pin becomes a :class:`~mapper.timeline.ClaimRecord` whose article id is
    ``analyst:<id>``, whose quote is the note and whose confidence is 1.0, so it reaches the
    map's popups through the normal path and the timeline lets it win (rule 7 of
    :mod:`mapper.timeline`).
``reject``
    ``article``, ``place_id``, ``action`` and ``date`` (and optionally ``party``): claims with
    those fields are dropped before the timeline is built.  Rejecting a claim by its
    :func:`claim_id` stores all five fields.
``alias``
    ``alias`` and ``place_id``: one more name for a gazetteer entry, handed to the gazetteer
    through its user alias CSV mechanism (:func:`alias_file`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .claims import Claim, default_parties
from .export import safe_cell, unsafe_cell
from .timeline import ANALYST_PREFIX, ClaimRecord

__all__ = ["Correction", "CorrectionsFormatError", "TYPES", "CSV_FIELDS", "ACTIONS", "claim_id", "is_rejected",
           "rejector", "apply", "pin_record", "read_csv", "write_csv", "to_csv", "alias_file", "resolve_place",
           "check_party", "party_id", "CERTAIN_LEVELS"]

TYPES = ("pin", "reject", "alias")
ACTIONS = ("captured", "recaptured", "withdrew", "contested", "held", "threatened", "besieged")
CSV_FIELDS = ["id", "type", "place_id", "place", "party", "date", "article", "action", "alias", "note", "created"]
# Fields each type must have (besides ``type``).
REQUIRED = {"pin": ("place_id", "party", "date", "note"), "reject": ("article", "place_id", "action", "date"),
            "alias": ("alias", "place_id")}


class CorrectionsFormatError(ValueError):
    """A corrections CSV row that cannot be used: names the file, the line and the problem."""

    def __init__(self, path, line: int | None, problem: str):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.problem = path, line, problem


@dataclass(frozen=True)
class Correction:
    """One correction (see the module docstring for what each ``type`` uses).

    Attributes
    ----------
    type : str
        ``pin``, ``reject`` or ``alias``.
    id : int or None
        Its number in the store (None until stored); a pin's article id is ``analyst:<id>``.
    place_id, place : str or None
        The gazetteer entry (and its canonical name, for people reading the CSV).
    party : str or None
        Pin: the party holding the place.  Reject: the claim's party, or None for any party.
    date : datetime.date or None
        Pin: the day pinned.  Reject: the claim's date.
    article, action : str or None
        Reject: the claim's article id and action.
    alias : str or None
        Alias: the new name.
    note : str
        Why; a pin's note is the quote shown on the map.
    lat, lon : float or None
        A pin's point (from the gazetteer; not in the CSV).
    kind : str
        A pin's place kind (from the gazetteer; not in the CSV).
    created : str or None
        When it was made (ISO timestamp).
    """

    type: str
    id: int | None = None
    place_id: str | None = None
    place: str | None = None
    party: str | None = None
    date: dt.date | None = None
    article: str | None = None
    action: str | None = None
    alias: str | None = None
    note: str = ""
    lat: float | None = None
    lon: float | None = None
    kind: str = ""
    created: str | None = None

    def key(self) -> tuple:
        """What the correction says, without its id, note or time: equal keys are the same correction."""
        return (self.type, self.place_id, self.party, self.date, self.article, self.action,
                (self.alias or "").casefold() or None)

    def matches(self, article: str, claim) -> bool:
        """True when this is a rejection of ``claim`` (from ``article``)."""
        return (self.type == "reject" and article == self.article and claim.place_id == self.place_id
                and claim.action == self.action and claim.date == self.date
                and (self.party is None or claim.party == self.party))

    def describe(self) -> str:
        """One line for people: what the correction does."""
        if self.type == "pin":
            return f"pin {self.place or self.place_id} ({self.place_id}) to {self.party} on {_iso(self.date)}"
        if self.type == "reject":
            party = f" {self.party}" if self.party else ""
            return (f"reject {self.action}{party} {self.place or self.place_id} ({self.place_id}) on "
                    f"{_iso(self.date)} from article {self.article}")
        return f"alias {self.alias!r} for {self.place or self.place_id} ({self.place_id})"

    def to_row(self) -> dict:
        """The CSV row (strings; empty for missing values)."""
        values = {"id": self.id, "type": self.type, "place_id": self.place_id, "place": self.place,
                  "party": self.party, "date": _iso(self.date), "article": self.article, "action": self.action,
                  "alias": self.alias, "note": self.note, "created": self.created}
        return {k: "" if v is None else str(v) for k, v in values.items()}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# -- claims ------------------------------------------------------------------------------------------
def claim_id(article: str, claim) -> str:
    """A claim's stable id: 12 hex digits of a hash of its article, place, party, action and date.

    An article holds one claim per (place, party, action, date), so the id is unique, and it is
    the same in every store that holds the article: a rejection made in one store applies in another.
    """
    date = claim.date.isoformat() if claim.date else ""
    raw = "|".join((article, claim.place_id, claim.party or "", claim.action, date))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def is_rejected(article: str, claim, rejections: Iterable[Correction]) -> bool:
    """True when one of ``rejections`` removes ``claim`` of ``article``."""
    return any(r.matches(article, claim) for r in rejections)


def rejector(corrections: Iterable[Correction]):
    """A function ``(article, claim) -> bool``: is the claim rejected by one of ``corrections``?

    Rejections are indexed by (article, place, action, date), so checking a whole store is linear.
    """
    index: dict[tuple, list[Correction]] = {}
    for c in corrections:
        if c.type == "reject":
            index.setdefault((c.article, c.place_id, c.action, c.date), []).append(c)

    def rejected(article: str, claim) -> bool:
        found = index.get((article, claim.place_id, claim.action, claim.date))
        return bool(found) and any(r.matches(article, claim) for r in found)

    return rejected


def pin_record(pin: Correction) -> ClaimRecord:
    """The ClaimRecord of a pin: article ``analyst:<id>``, the note as quote, confidence 1.0.

    Its action is ``held`` (the analyst states who holds the place) and its publication date
    is the pinned day, so the interval counts as known from then.
    """
    claim = Claim(place=pin.place or pin.place_id, place_id=pin.place_id, party=pin.party, actor=None,
                  action="held", date=pin.date, date_precision="day", quote=pin.note, confidence=1.0,
                  lat=pin.lat, lon=pin.lon)
    return ClaimRecord(claim, f"{ANALYST_PREFIX}{pin.id}", pin.date, pin.kind)


def apply(records: Iterable[ClaimRecord], corrections: Iterable[Correction]) -> list[ClaimRecord]:
    """Records without the rejected claims, plus one record per pin (aliases act on extraction)."""
    corrections = list(corrections)
    rejections = [c for c in corrections if c.type == "reject"]
    kept = [r for r in records if not is_rejected(r.article, r.claim, rejections)]
    return kept + [pin_record(c) for c in corrections if c.type == "pin"]


# -- validation against the gazetteer and the party config ---------------------------------------------
# Name match levels certain enough for a correction (see gazetteer.core.LEVEL_SCORES): phonetic
# variants and fuzzy matches can land on another town ("Mosulk" is a variant of a village).
CERTAIN_LEVELS = ("exact", "alternate", "normalized")


def resolve_place(value: str, gaz, levels: tuple[str, ...] = CERTAIN_LEVELS):
    """The gazetteer entry named by ``value``: an id (``gn:90150``) or a name, in-scope places first.

    Parameters
    ----------
    value : str
        A place id or a name.
    gaz : Gazetteer
    levels : tuple of str
        Name match levels accepted (default: only the certain ones, as a correction needs).

    Returns
    -------
    gazetteer.Place or None
    """
    if value in gaz:
        return gaz.get(value)
    matches = [m for m in gaz.resolve(value, limit=10, fuzzy="fuzzy" in levels) if m.level in levels]
    in_scope = [m for m in matches if m.place.in_scope]
    best = (in_scope or matches or [None])[0]
    return best.place if best else None


def check_party(party: str) -> str | None:
    """The problem with a party word, or None when the party config knows it (see :func:`party_id`)."""
    try:
        party_id(party)
    except ValueError as exc:
        return str(exc)
    return None


def party_id(party: str) -> str:
    """The id of the party ``party`` names: an id or any word ``parties.toml`` lists ("Peshmerga" -> kurdish).

    Raises ValueError, naming the parties and the likeliest ones, when no party goes by that word.
    """
    return default_parties().resolve_party(party)


def _complete(c: Correction, gaz) -> Correction:
    """Fill a pin's or alias's place name (and a pin's point and kind) from the gazetteer."""
    place = resolve_place(c.place_id, gaz)
    if place is None:
        raise ValueError(f"unknown place {c.place_id!r}")
    return replace(c, place_id=place.id, place=place.name, lat=place.lat if c.type == "pin" else None,
                   lon=place.lon if c.type == "pin" else None, kind=place.kind if c.type == "pin" else "")


# -- CSV ---------------------------------------------------------------------------------------------------
def _parse_row(row: dict) -> Correction:
    """A Correction from a CSV row; raises ValueError naming the problem."""
    values = {k: unsafe_cell((row.get(k) or "").strip()) for k in CSV_FIELDS}
    kind = values["type"].lower()
    if kind not in TYPES:
        raise ValueError(f"type {values['type']!r} is not one of {', '.join(TYPES)}")
    missing = [f for f in REQUIRED[kind] if not values[f]]
    if missing:
        raise ValueError(f"missing {', '.join(missing)} (required for type {kind})")
    try:
        day = dt.date.fromisoformat(values["date"]) if values["date"] else None
    except ValueError:
        raise ValueError(f"date {values['date']!r} is not YYYY-MM-DD") from None
    if values["id"] and not values["id"].isdigit():
        raise ValueError(f"id {values['id']!r} is not a whole number")
    if kind == "reject" and values["action"] not in ACTIONS:
        raise ValueError(f"action {values['action']!r} is not one of {', '.join(ACTIONS)}")
    if values["party"] and kind != "alias":
        values["party"] = party_id(values["party"])
    return Correction(type=kind, id=int(values["id"]) if values["id"] else None,
                      place_id=values["place_id"] or None, place=values["place"] or None,
                      party=values["party"] or None, date=day, article=values["article"] or None,
                      action=values["action"] or None, alias=values["alias"] or None, note=values["note"],
                      created=values["created"] or None)


def read_csv(path: str | Path, gaz=None) -> list[Correction]:
    """Read a corrections CSV; every row is checked, and with ``gaz`` every place too.

    Raises
    ------
    CorrectionsFormatError
        Naming the file, the line and the problem (nothing is returned then).
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if "type" not in (reader.fieldnames or ()):
                raise CorrectionsFormatError(path, 1, f"a corrections file needs the columns {', '.join(CSV_FIELDS)}")
            out = []
            for line, row in enumerate(reader, start=2):
                try:
                    c = _parse_row(row)
                    out.append(_complete(c, gaz) if gaz is not None and c.type != "reject" else c)
                except ValueError as exc:
                    raise CorrectionsFormatError(path, line, str(exc)) from None
    except UnicodeDecodeError as exc:
        raise CorrectionsFormatError(path, None, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise CorrectionsFormatError(path, None, f"cannot read: {exc.strerror or exc}") from None
    return out


def to_csv(corrections: Iterable[Correction]) -> str:
    """The CSV text of corrections (UTF-8 with BOM, so spreadsheets detect the encoding)."""
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for c in corrections:
        writer.writerow({k: safe_cell(v) for k, v in c.to_row().items()})  # (a note "=cmd|..." is not run)
    return buf.getvalue()


def write_csv(corrections: Iterable[Correction], path: str | Path) -> None:
    """Write corrections to ``path`` (atomically: never a half-written file)."""
    from .export import write_atomic

    write_atomic(path, to_csv(corrections))


def alias_file(corrections: Iterable[Correction], folder: str | Path) -> Path | None:
    """Write the aliases as a gazetteer alias CSV (columns ``alias,place``) in ``folder``.

    The file is named after a hash of its content: :func:`gazetteer.load` caches gazetteers by
    file path, so new aliases must come with a new path.  Older alias files there are removed.

    Returns
    -------
    Path or None
        The file, or None when there are no aliases.
    """
    rows = sorted({(c.alias, c.place_id) for c in corrections if c.type == "alias"})
    if not rows:
        return None
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["alias", "place"])
    writer.writerows(rows)
    text = buf.getvalue()
    folder = Path(folder)
    target = folder / f"aliases-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:12]}.csv"
    if not target.exists():
        from .export import write_atomic

        write_atomic(target, text)
    for old in folder.glob("aliases-*.csv"):
        if old != target:
            old.unlink(missing_ok=True)
    return target
