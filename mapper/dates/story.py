"""What a story's own words say about when it was written.

The dates it names (placed in a year when they give none), whether it counts days from its own
("yesterday", "on Sunday"), and the publication dates it allows when nothing on the page states
one: the story was written after the latest date it names, on a day that makes its weekday words
true (:func:`inferred_candidates`).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .. import fastre
from .formats import (
    _DATELINE_CUE,
    WEEKDAYS,
    DateMention,
    _cue_text,
    _name_key,
    _number_runs,
    _occurrences,
    _weekday_words,
    _year_words,
    find_dates,
)
from .lexicon import LEXICON

__all__ = ["inferred_candidates", "weekday_constraints", "weekday_fit", "speech_weekdays"]


STALE_DAYS = 183  # a page dated this long after every event its story names is a re-render, not the story


def _year_for(mention: DateMention, weekday_hints: set[int], years: list[int],
              written: set[int] = frozenset()) -> int | None:
    """Choose a year for a yearless date: one whose weekday the story names, nearest the likely years.

    A likely year that is also written in the text wins outright (weekday words may be event days).
    """
    if not years:
        return None
    pivot = round(sorted(years)[len(years) // 2])
    if pivot in written and mention.on_year(pivot) and mention.weekday is None:
        return pivot
    options = [y for y in range(pivot - 6, pivot + 7) if mention.on_year(y)]
    if mention.weekday is not None:
        options = [y for y in options if mention.on_year(y).weekday() == mention.weekday] or options
    elif weekday_hints:
        hinted = [y for y in options if mention.on_year(y).weekday() in weekday_hints]
        options = hinted or options
    return min(options, key=lambda y: abs(y - pivot)) if options else None


def _story_dates(text: str, spans, year: int) -> list[dt.date]:
    """The dates the story mentions as past, yearless ones placed in ``year``: not the days it looks ahead to
    ("a deadline of 5 July", "elections due on 30 April", "will meet on June 3").

    Yearless dates that run across a new year ("launched on 17 October ... declared on 24 January") are read
    as one stretch ending in ``year``: the months after the widest gap between them go to the year before.
    """
    mentions = _past_mentions(text, tuple(spans))
    first_of_run = _run_start(tuple((m.month, m.day) for m in mentions if not m.year))
    return [d for m in mentions
            if (d := m.date or m.on_year(year - 1 if first_of_run and (m.month, m.day) >= first_of_run else year))]


WRAP_GAP_DAYS = 120  # yearless dates this far apart inside a year, but close across its end, span the new year


@lru_cache(maxsize=256)
def _run_start(days: tuple) -> tuple | None:
    """The (month, day) that opens a stretch of yearless dates across a new year, or None.

    The dates are read on a circle of the year: when the widest gap between two of them lies inside the year
    (and is wider than :data:`WRAP_GAP_DAYS` and than the gap across the year's end), the stretch begins
    after it ("17 October" before "18 January" and "24 January").
    """
    if len(set(days)) < 2:
        return None
    ordinal = sorted({(month, day): (month - 1) * 31 + day for month, day in days}.items(), key=lambda kv: kv[1])
    wrap = ordinal[0][1] + 372 - ordinal[-1][1]
    widest, start = max(((b[1] - a[1], b[0]) for a, b in zip(ordinal, ordinal[1:])), default=(0, None))
    return start if widest > max(wrap, WRAP_GAP_DAYS) else None


@lru_cache(maxsize=64)  # an undated story is read in several years (the batch weighs them)
def _past_mentions(text: str, spans: tuple) -> tuple:
    """The date mentions of :func:`_story_dates`, before any year is given to them."""
    return tuple(m for s, e in spans for m in find_dates(text, s, e)
                 if not _AHEAD.search(text, max(s, m.start - 40), m.start))


# Words before a date that make it a day still to come.
_AHEAD = fastre.compile(r"\b(?:next|deadline|due|scheduled|will|would|expected|planned|set\s+for|until|ahead\s+of|"
                    r"before\s+the|upcoming|coming|elections?|vote|referendum)\b[^.;]*$", re.IGNORECASE)


def _story_dates_except(text: str, spans, year: int, skip) -> list[dt.date]:
    """Dates the story mentions (yearless ones in ``year``), leaving out the dateline itself."""
    out = []
    for s, e in spans:
        for m in find_dates(text, s, e):
            if skip and m.start < skip[1] and skip[0] < m.end:
                continue
            # Other header dates ("UPDATED: ...") restate the dateline, not the story.
            if _DATELINE_CUE.search(text[max(0, m.start - 25):m.start]):
                continue
            d = m.date or m.on_year(year)
            if d:
                out.append(d)
    return out


def _too_early(candidate: dt.date, story: list[dt.date]) -> bool:
    """True when the story names several dates after ``candidate``: stories report the past."""
    later = [d for d in story if d > candidate + dt.timedelta(days=2)]
    return len(later) >= 2 and any(d.year == candidate.year for d in later)


def _stale(candidate: dt.date, story: list[dt.date]) -> bool:
    """True when ``candidate`` is more than ``STALE_DAYS`` after the latest date the story names up to it."""
    near = [d for d in story if d <= candidate + dt.timedelta(days=2)]
    return bool(near) and (candidate - max(near)).days > STALE_DAYS


_DAY_BEFORE = fastre.compile(r"\b(?:yesterday|last\s+night)\b", re.IGNORECASE)


def _tells_days_from_its_own(text: str, spans) -> bool:
    """True when the story counts days from its own day: "yesterday", "last night", or a weekday named
    alone ("on Sunday"), not as part of a written date ("Sunday, December 27").

    Such a story was written within days of what it reports, so a date months after everything it
    names is a page's, not the story's; a retrospective, which names its days by date, may be that late.
    ("Today" is left out: "Today Fallujah is under government control" means nowadays.)
    """
    if any(_DAY_BEFORE.search(text, s, e) for s, e in spans):
        return True
    for s, e in spans:
        words = [m.start() for m in _weekday_words(text, s, e)]
        if words:
            dates = [(m.start, m.end) for m in find_dates(text, s, e)]
            if any(not any(a <= w < b for a, b in dates) for w in words):
                return True
    return False


INFER_WEEKS = 8  # how far past the latest date a story names its publication may lie
_SINCE_WEEKDAY = fastre.compile(r"\bsince\s+$", re.IGNORECASE)
_NEWSROOM_RELATIVE = fastre.compile(r"\b(yesterday|last\s+night|today)\b", re.IGNORECASE)


def _names_newsroom_day(span_text: str) -> bool:
    """True if the text says "yesterday", "today" or "last night" in its own voice.

    A quotation's "yesterday" ("'the attack began at dawn yesterday,' the ministry said") counts from the day
    the speaker spoke, not from the newsroom's: it says nothing of how the story names its days.
    """
    cue_text = _cue_text(span_text)
    if cue_text is None:
        return any(not _quoted(span_text, m.start()) for m in _NEWSROOM_RELATIVE.finditer(span_text))
    return any(_NEWSROOM_RELATIVE.match(span_text, pos) and not _quoted(span_text, pos)
               for pos in _newsroom_starts(span_text, cue_text))


def _quoted(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a quotation opened in its paragraph ("...", “...”)."""
    start = text.rfind("\n\n", 0, pos) + 1
    before = text[start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _newsroom_starts(span_text: str, cue_text: str):
    """Where a match of ``_NEWSROOM_RELATIVE`` can start: at its word, or at the "last" before "night"."""
    yield from _occurrences(cue_text, "yesterday")
    yield from _occurrences(cue_text, "today")
    for night in _occurrences(cue_text, "night"):
        last = len(span_text[:night].rstrip()) - len("last")  # rstrip() strips what \s matches
        if last >= 0:
            yield last


def weekday_constraints(text: str, body) -> list[tuple[int, int]]:
    """(weekday, least days back from publication) for each weekday the story names (see :func:`_constraints`)."""
    return list(_constraints(text, tuple(body)))


@lru_cache(maxsize=64)
def _constraints(text: str, body: tuple) -> tuple[tuple[int, int], ...]:
    """(weekday, least days back from publication) for each weekday the story names.

    A weekday is at most six days back.  "since Friday" means Friday is already past (at least
    one day back).  A story that also says "yesterday" or "today" uses weekday names only for
    days further back: British rewrites of wire copy turn the wire's "Saturday" into
    "yesterday", so "Friday" there is at least two days back.
    """
    newsroom = any(_names_newsroom_day(text[s:e]) for s, e in body)
    out = []
    for s, e in body:
        for m in _weekday_words(text, s, e):
            least = 1 if _SINCE_WEEKDAY.search(text[max(s, m.start() - 7):m.start()]) else 0
            if newsroom:
                least = 2
            out.append((WEEKDAYS[_name_key(m.group(1))], least))
    return tuple(out)


def speech_weekdays(text: str, body) -> tuple[int, ...]:
    """The weekdays the story names as days something was said ("officials said on Friday"): the day of
    writing or just before it, so on or after the days of the changes the story reports."""
    return _speech_weekdays(text, tuple(body))


@lru_cache(maxsize=64)
def _speech_weekdays(text: str, body: tuple) -> tuple[int, ...]:
    out = []
    for s, e in body:
        for m in _weekday_words(text, s, e):
            if _SPEECH_BEFORE.search(text, max(s, m.start() - 40), m.start()):
                out.append(WEEKDAYS[_name_key(m.group(1))])
    return tuple(out)


_SPEECH_BEFORE = fastre.compile(
    r"\b(?:" + "|".join(map(re.escape, LEXICON.speech_before_weekday())) + r")\b(?:\s+[\w-]+){0,2}?\s+(?:on\s+)?$",
    re.IGNORECASE)


def inferred_candidates(text: str, body, year: int | None) -> list[dt.date]:
    """Publication dates the story itself allows, most likely first.

    The story was written after the latest date it names (the anchor) and within
    ``INFER_WEEKS`` weeks of it.  Days on which the most weekday mentions make sense (a named
    weekday lies 0-6 days back, see :func:`weekday_constraints`) come first; among those, the days
    that put the most named weekdays on or after the anchor, then the smallest sum of the days
    since the anchor and the days back to the named weekdays, then the earliest day.  Callers with
    other evidence (e.g. the rest of a batch) choose among the candidates; without it, the first
    one is the inferred date.
    """
    if not year:
        return []
    story = _story_dates(text, body, year)
    if not story:
        return []
    anchor = max(story)
    named = set(story)
    constraints = weekday_constraints(text, body)
    if not constraints:
        return [anchor]
    # A latest date written beside its weekday ("on Thursday (October 20)") may be the day of writing itself.
    same_day = any(m.on_year(year) == anchor and anchor.weekday() == wd for m, wd in _pins(text, body))
    offsets = range(0 if same_day else 1, 7 * INFER_WEEKS + 1)
    if anchor > dt.date.max - dt.timedelta(days=offsets[-1]):
        raise OverflowError("date value out of range")  # as adding the days would
    # A day's score is its weekday's; the weeks hold every weekday, so the best score is the best weekday's.
    score = [_weekday_score(weekday, constraints) for weekday in range(7)]
    best = min(met for met, _ in score)
    ranked = []
    for offset in offsets:
        weekday = (anchor.weekday() + offset) % 7
        met, days_back = score[weekday]
        if met == best:
            # The named weekdays are the latest news: those that fall on or after the latest date written come
            # first ("the offensive launched on June 9", a Monday, "on Monday", "on Sunday": a week later).
            # Then days from that date to publication count as much as days back to the weekdays ("7 August",
            # a Thursday, and "on Thursday": Friday 8th, not the next Thursday).
            gaps = [(weekday - wd) % 7 for wd, _ in constraints]
            # (a weekday that is a date the story writes, "on Monday (October 17)", is never out of place)
            not_before = sum(gap <= offset or anchor + dt.timedelta(days=offset - gap) in named for gap in gaps)
            ranked.append((-not_before, offset + days_back, offset))
    return [anchor + dt.timedelta(days=key[-1]) for key in sorted(ranked)]


def _weekday_score(weekday: int, constraints: list[tuple[int, int]]) -> tuple[int, int]:
    """(minus the weekday mentions a publication on ``weekday`` satisfies, total days back to them)."""
    gaps = [(weekday - wd) % 7 for wd, _ in constraints]
    met = sum(gap >= least for gap, (_, least) in zip(gaps, constraints))
    return -met, sum(gaps)


def cut_spans(spans, cuts) -> list[tuple[int, int]]:
    """``spans`` less the spans ``cuts`` (in any order)."""
    out = []
    for s, e in spans:
        for cs, ce in sorted(cuts):
            if s < ce and cs < e:
                if cs > s:
                    out.append((s, cs))
                s = max(s, ce)
        if s < e:
            out.append((s, e))
    return out


def _span_years(span_text: str) -> tuple[int, ...]:
    """The year words of a piece of text, read as a text of its own (its ends are word ends)."""
    return _year_words(span_text, _number_runs(span_text, 0, len(span_text)))


_WEEKDAY_BEFORE = fastre.compile(r"\W{0,3}$")  # "Thursday (October 20", "Sunday, Aug. 10"


def _pins(text: str, spans) -> tuple[tuple[DateMention, int], ...]:
    """The yearless dates the story writes beside a weekday, with that weekday."""
    return _pins_of(text, tuple(spans))


@lru_cache(maxsize=64)
def _pins_of(text: str, spans: tuple) -> tuple[tuple[DateMention, int], ...]:
    pins: list[tuple[DateMention, int]] = []
    for s, e in spans:
        for m in find_dates(text, s, e):
            if m.year:
                continue
            weekday = m.weekday
            if weekday is None:
                before = [w for w in _weekday_words(text, max(s, m.start - 14), m.start)
                          if _WEEKDAY_BEFORE.fullmatch(text, w.end(), m.start)]
                if before:
                    weekday = WEEKDAYS[_name_key(before[-1].group(1))]
            if weekday is not None:
                pins.append((m, weekday))
    return tuple(pins)
PIN_REACH = 6  # years either side of the likely year in which a weekday pins a yearless date


def pinned_year(text: str, spans, near: int | None) -> int | None:
    """The year in which the yearless dates the story writes beside a weekday fall on that weekday.

    "on Thursday (October 20)", "on Sunday, Aug. 10": each such date is on its weekday in one year
    out of about seven.  The year nearest ``near`` (the likely year) that fits the most of them is
    returned; None when the story writes no weekday beside a yearless date or ``near`` is unknown.
    """
    if near is None:
        return None
    pins = _pins(text, spans)
    if not pins:
        return None
    best, best_key = None, None
    for year in range(near - PIN_REACH, near + PIN_REACH + 1):
        fits = sum(1 for m, wd in pins if (d := m.on_year(year)) and d.weekday() == wd)
        key = (fits, -abs(year - near))
        if fits and (best_key is None or key > best_key):
            best, best_key = year, key
    return best


def weekday_fit(weekday: int, constraints: list[tuple[int, int]]) -> tuple[int, int]:
    """(how many of the story's weekday words a publication on ``weekday`` makes true, total days back to them)."""
    met, back = _weekday_score(weekday, constraints)
    return -met, back
