"""Merge claims from many articles into per-place intervals of unchanged control.

Rules (applied per place, claims in order of the date they refer to):

1. A claim that changes control (``captured``, ``recaptured``, ``withdrew``, ``contested``)
   starts a new interval for its party and closes the previous one the day before.
2. A ``held`` claim confirms the current interval when it names the same party; with no
   interval yet it starts one (the place was held by then).
3. Claims for different parties within ``CONFLICT_DAYS`` of an interval's start conflict
   (except an unhedged recapture, which is news): they are kept as conflicting sources, and
   the interval becomes ``contested`` once the conflicting confidence outweighs the support.
   A ``held`` claim for another party never starts an interval; it is a conflicting source.
4. ``threatened`` claims never change control.
5. Confidence of an interval: ``1 - prod(1 - c)`` over its supporting claims, one (the
   best) per article, so more independent sources raise it.
6. Each interval keeps ``valid_from`` (when the change happened) and ``first_reported``
   (the earliest publication date of a supporting article), so a map can show control
   "as known on" a date.
7. An analyst's pin (a record whose article id starts with ``analyst:``, see
   :mod:`mapper.corrections`) is the truth on its day: it comes first among the claims of
   that day, starts an interval for its party unless that party already holds the place,
   and claims for other parties on the same day are only conflicting sources.  A pinned
   interval never turns ``contested``; later changes of control still apply.
8. A claim about part of a place (``extent`` ``"partial"``: "parts of Ramadi", "eastern Mosul")
   counts for its party like any other; an interval whose supporting claims are all partial
   has ``extent`` ``"partial"`` (its party holds part of the place), and one claim of the whole
   place makes it whole.
9. A ``besieged`` claim is a state, as ``held`` is: the defenders hold the place, under siege.
10. Each interval keeps the days it was reported on (``reported_on``: each supporting article's
    publication date, else the claim's date) and so ``last_reported``: a map can tell a control
    reported last week from one nobody has written about for a year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["Interval", "ClaimRecord", "build_timeline", "place_timeline", "on_timeline", "undated_claim",
           "CONFLICT_DAYS",
           "ANALYST_PREFIX"]

CONFLICT_DAYS = 2
CHANGING = {"captured", "recaptured", "withdrew", "contested"}
STATES = {"held", "besieged"}  # claims of a state: they confirm an interval, never change control (rules 2, 3, 9)
# Article ids of analysts' pins; real article ids are hex hashes, so they never collide.
ANALYST_PREFIX = "analyst:"


@dataclass(frozen=True)
class ClaimRecord:
    """A claim with the article it came from (the unit the timeline merges)."""

    claim: object  # mapper.claims.Claim
    article: str
    published: dt.date | None
    kind: str = ""

    @property
    def pinned(self) -> bool:
        """True for an analyst's pin, which wins over conflicting claims (rule 7)."""
        return self.article.startswith(ANALYST_PREFIX)


@dataclass
class Interval:
    """A stretch of unchanged control of one place."""

    place: str
    place_id: str
    kind: str
    lat: float | None
    lon: float | None
    party: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    sources: dict = field(default_factory=dict)  # article -> best confidence
    conflicting: dict = field(default_factory=dict)
    first_reported: dt.date | None = None
    claims: list = field(default_factory=list)
    pinned_on: dt.date | None = None  # the latest analyst's pin that started or confirmed this interval
    # Supporting claims dropped from ``claims`` to save memory (mapper.render.payload.trim_evidence);
    # they still count in ``sources``, ``confidence`` and ``claim_count``.
    omitted: int = 0
    whole: bool = False  # some supporting claim is about the whole place (rule 8)
    reported_on: set = field(default_factory=set)  # days a supporting article reported it (rule 10)

    @property
    def claim_count(self) -> int:
        """How many claims support the interval, those dropped from ``claims`` included."""
        return len(self.claims) + self.omitted

    @property
    def extent(self) -> str | None:
        """``"partial"`` when every claim supporting the interval is about part of the place (rule 8), else None."""
        return None if self.whole or not self.claims else "partial"

    @property
    def confidence(self) -> float:
        miss = 1.0
        for c in self.sources.values():
            miss *= 1.0 - c
        return round(1.0 - miss, 3)

    def support(self, rec: ClaimRecord) -> None:
        c = rec.claim
        self.sources[rec.article] = max(self.sources.get(rec.article, 0.0), c.confidence)
        self.claims.append(rec)
        if getattr(c, "extent", None) != "partial":
            self.whole = True
        if rec.published and (self.first_reported is None or rec.published < self.first_reported):
            self.first_reported = rec.published
        if rec.published or c.date:
            self.reported_on.add(rec.published or c.date)

    @property
    def last_reported(self) -> dt.date | None:
        """The latest day a supporting article reported this control (rule 10), or None."""
        return max(self.reported_on, default=None)

    def to_properties(self) -> dict:
        return {
            "place": self.place,
            "place_id": self.place_id,
            "kind": self.kind,
            "party": self.party,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "sources": sorted(self.sources),
            "conflicting_sources": sorted(self.conflicting),
            "confidence": self.confidence,
            "first_reported": self.first_reported.isoformat() if self.first_reported else None,
            "last_reported": self.last_reported.isoformat() if self.last_reported else None,
            "extent": self.extent,
        }


def _sort_key(rec: ClaimRecord):
    # Every field takes part, so the merge does not depend on the order claims arrive in.
    c = rec.claim
    # Pins come first on their day (rule 7); for every other record this slot is the same.
    return (c.date or rec.published or dt.date.max, 0 if rec.pinned else 1, 0 if c.action not in STATES else 1,
            rec.article, c.party, c.action, -c.confidence, c.quote, c.hedge or "", rec.published or dt.date.min)


def _weight(sources: dict) -> float:
    return sum(sources.values())


def on_timeline(claim) -> bool:
    """True when the timeline uses ``claim``: it names a party and a date and is no mere threat (rule 4)."""
    return claim.action != "threatened" and claim.date is not None and claim.party is not None


def undated_claim(claim) -> bool:
    """True when ``claim`` would be on the timeline but for its date: no date could be found for it.

    Such claims are no interval of control; a map lists them apart ("not placed in time"), never drops them.
    """
    return claim.action != "threatened" and claim.date is None and claim.party is not None


def build_timeline(records: list[ClaimRecord]) -> list[Interval]:
    """Per-place intervals of unchanged control from claims of many articles.

    The result does not depend on the order of ``records`` (they are sorted first).  Places
    are merged one at a time, by place id: :func:`place_timeline` of each place's records.
    """
    by_place: dict[str, list[ClaimRecord]] = {}
    for rec in records:
        if on_timeline(rec.claim):
            by_place.setdefault(rec.claim.place_id, []).append(rec)
    out: list[Interval] = []
    for place_id in sorted(by_place):
        out.extend(place_timeline(by_place[place_id]))
    return out


def place_timeline(records: list[ClaimRecord]) -> list[Interval]:
    """The intervals of one place, in time order, from the records about it.

    Parameters
    ----------
    records : list of ClaimRecord
        Claims about one place, in any order, each passing :func:`on_timeline`.

    Returns
    -------
    list of Interval
        What :func:`build_timeline` gives for this place: the same whether the place's
        records come from one batch in memory or from a spill file, one place at a time.
    """
    current: Interval | None = None
    intervals: list[Interval] = []
    for rec in sorted(records, key=_sort_key):
        c = rec.claim
        if rec.pinned:
            current = _pin(current, rec, intervals)
            continue
        if current is None:
            current = Interval(c.place, c.place_id, rec.kind, c.lat, c.lon, c.party, c.date)
            current.support(rec)
            intervals.append(current)
            continue
        if c.party == current.party:
            current.support(rec)
            continue
        close = (c.date - current.valid_from).days <= CONFLICT_DAYS
        news = c.action == "recaptured" and not c.hedge
        if current.pinned_on == c.date or c.action in STATES or (close and not news):
            current.conflicting[rec.article] = max(current.conflicting.get(rec.article, 0.0), c.confidence)
            if (close and current.party != "contested" and current.pinned_on is None
                    and _weight(current.conflicting) >= _weight(current.sources)):
                # Conflicting accounts of the same days: the place is contested.
                current.party = "contested"
            continue
        current.valid_to = c.date - dt.timedelta(days=1)
        if current.valid_to < current.valid_from:
            current.valid_to = current.valid_from
        current = Interval(c.place, c.place_id, rec.kind, c.lat, c.lon, c.party, c.date)
        current.support(rec)
        intervals.append(current)
    return intervals


def _pin(current: Interval | None, rec: ClaimRecord, intervals: list[Interval]) -> Interval:
    """Apply an analyst's pin (rule 7); returns the interval current after it."""
    c = rec.claim
    if current is not None and current.pinned_on == c.date and current.party != c.party:
        # Two pins for one place and day disagree: the first in sort order stands, the other is recorded.
        current.conflicting[rec.article] = c.confidence
        return current
    if current is None or current.party != c.party:
        if current is not None:
            current.valid_to = max(current.valid_from, c.date - dt.timedelta(days=1))
        current = Interval(c.place, c.place_id, rec.kind, c.lat, c.lon, c.party, c.date)
        intervals.append(current)
    current.support(rec)
    # The pin leads the evidence, so a popup that lists the first few claims always shows it.
    current.claims.insert(0, current.claims.pop())
    current.pinned_on = c.date
    return current
