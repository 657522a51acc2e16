"""Dates: an article's publication date, and the dates its claims refer to.

Publication date
    Candidates come from metadata (JSON ``published``, HTML meta tags) and from the header
    lines (datelines such as ``BAGHDAD, June 22 (Agencies)``, ``POSTED: Thursday, June 12,
    2014 - 6:44am``, ``23 June 2014, 10:27``).  Pages carry misleading dates (crawl dates,
    copyright years, comment dates), so each candidate is checked against the story: a
    story does not describe events weeks after its publication, nor is a page dated months
    after every event the story mentions.  With no consistent candidate the date is
    inferred from the story (the weekday it names after the latest date it mentions), or
    reported unknown.

Relative dates
    :func:`resolve_when` turns "yesterday", "late last night", "on Saturday", "since Friday",
    "earlier this month", "since January", "on June 10" into a date (or range) relative to
    the publication date, with a precision of ``day``, ``range`` or ``month``.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from dateutil import parser as dateutil_parser

from . import fastre
from .fastre import is_word_char

__all__ = ["DateMention", "find_dates", "publication_date", "resolve_when", "read_time", "TimeWords", "When",
           "parse_date", "month_end", "MONTHS", "WEEKDAYS"]

MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")], start=1) for name in names}
WEEKDAYS = {name: i for i, names in enumerate(
    [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"),
     ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]) for name in names}

_MONTH_RE = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_WEEKDAY_RE = r"(?:(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+(?:the\s+)?)?"  # noqa: E501
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:19|20)\d\d)"

_DATE_PATTERNS = [
    # "2014-06-22", "2014-06-22T18:03:00Z"
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?:\b|(?=T\d))"),
    re.compile(rf"\b{_WEEKDAY_RE}{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE},?\s+{_YEAR_RE}\b", re.IGNORECASE),
    re.compile(rf"\b{_WEEKDAY_RE}{_MONTH_RE}\s+{_DAY_RE},?\s+{_YEAR_RE}\b", re.IGNORECASE),
    re.compile(rf"\b{_WEEKDAY_RE}{_MONTH_RE}\s+{_DAY_RE}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?!\s*(?:%|percent|km|miles|people))",
               re.IGNORECASE),
    re.compile(rf"\b{_WEEKDAY_RE}{_DAY_RE}\s+{_MONTH_RE}\b(?!,?\s+(?:19|20)\d\d)", re.IGNORECASE),
    # "22/06/2014", "22.06.2014", "06/22/2014": read only when the day is the number over 12 (or both are equal)
    re.compile(r"\b(?P<num1>[0-3]?\d)(?P<sep>[/.])(?P<num2>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b"),
]
_NEEDS_YEAR = ["(?P<year>" in p.pattern for p in _DATE_PATTERNS]  # patterns that only match a written year
_DATELINE_CUE = re.compile(r"\b(posted|published|updated|last\s+updated|date)\b", re.IGNORECASE)
# A byline's date is the story's too: "Written by Bill Roggio on August 11, 2014", "By Jane Doe on June 12".
_BYLINE_CUE = re.compile(r"\b(?:written|filed)\b|^\s*(?-i:By\s+[A-Z])", re.IGNORECASE | re.MULTILINE)
_UPDATED_CUE = re.compile(r"\b(updated|modified)\b", re.IGNORECASE)

# Cue words.  A pattern that finds nothing in most texts is not run on a text that lacks every
# word its matches contain.  Substring tests on str.lower() stand in for re.IGNORECASE, except
# for letters the regex engine folds differently: it matches "ſ" to s, and "ı" and "İ" to i
# ("İ".lower() is "i" and U+0307).  Texts with any of those always run the pattern, and month and
# weekday names are looked up with them folded as the regex folds them (_name_key).
_FOLD_AS_REGEX = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0307": None})  # long s, dotless i, dot above
_FOLDS_DIFFERENTLY = tuple(map(chr, _FOLD_AS_REGEX))


def _cue_text(text: str) -> str | None:
    """``text`` lower-cased for :func:`_may_contain`, or None where cue tests cannot be trusted."""
    lowered = text.lower()
    return None if _has_any(lowered, _FOLDS_DIFFERENTLY) else lowered


def _may_contain(cue_text: str | None, cues: tuple[str, ...]) -> bool:
    """False only if the text whose :func:`_cue_text` is ``cue_text`` contains none of ``cues``."""
    return cue_text is None or _has_any(cue_text, cues)


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    """True if one of ``words`` occurs in ``text``."""
    for word in words:
        if word in text:
            return True
    return False


def _occurrences(text: str, word: str):
    """The offsets at which ``word`` occurs in ``text``."""
    pos = text.find(word)
    while pos >= 0:
        yield pos
        pos = text.find(word, pos + 1)


@dataclass(frozen=True)
class DateMention:
    """A calendar date written in text (year may be missing)."""

    start: int
    end: int
    year: int | None
    month: int
    day: int
    weekday: int | None = None

    def on_year(self, year: int) -> dt.date | None:
        """The date in ``year``, or None if it does not exist (31 February)."""
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None

    @property
    def date(self) -> dt.date | None:
        """The full date when the year is written, else None."""
        return self.on_year(self.year) if self.year else None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every calendar date written in ``text[start:end]``, in text order, non-overlapping.

    Handles ``2014-06-22``, ``22 June 2014``, ``Sunday, June 22, 2014``, ``June 22`` and
    ``22 June`` (with an optional weekday).  Impossible dates (31 February) are dropped.
    """
    end = len(text) if end is None else end
    if len(text) > 2000:
        # Articles are scanned many times (header, each paragraph, candidates): scan once, then filter.
        return [m for m in _written(text).dates if start <= m.start and m.end <= end]
    return _scan_dates(text, start, end)


class _Written(NamedTuple):
    """What a text writes out: its dates, and its year words ("2014") in text order."""

    dates: tuple[DateMention, ...]
    years: tuple[int, ...]


@lru_cache(maxsize=8)  # the article being read, which its publication date reads several times
def _written(text: str) -> _Written:
    """The dates and years of the whole ``text``, from one scan of its numbers."""
    runs = _number_runs(text, 0, len(text))
    return _Written(tuple(_scan_dates(text, 0, len(text), runs)), _year_words(text, runs))


# Finding dates fast.  Running the five patterns with ``finditer`` makes the regex engine try
# them at every position of a 4 KB article.  Instead, every written date has a day or year
# number, a run of one, two or four digits at the start of a word, and the matches that
# contain that run can only start at the run itself or at one of the three words before it
# (weekday, "the", month).  ``_scan_dates`` tries each pattern only at those positions, which
# gives the same matches as ``finditer``: see ``_finditer_at``.
_DIGIT_RUN = re.compile(r"\d\d*")  # not \d+: a pattern that starts with a class is scanned faster
# For bytes.translate: "1" for the Latin-1 characters \d matches, "0" for the others.
_DIGIT_MASK = bytes(ord("1") if _DIGIT_RUN.match(chr(byte)) else ord("0") for byte in range(256))
# The (up to) three words before a position, read in the reversed text; non-words between them
# may be as long as they like ("June      22").
_THREE_WORDS_BACK = re.compile(r"\W*(\w+)(?:\W*(\w+)(?:\W*(\w+))?)?")
# Which candidate starts each pattern can use: the digit run itself, or the n-th word before it.
_ISO, _DAY_FIRST, _MONTH_FIRST = "iso", "day_first", "month_first"
_PATTERN_FORM = [_ISO, _DAY_FIRST, _MONTH_FIRST, _MONTH_FIRST, _DAY_FIRST, _DAY_FIRST]


def _number_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the runs of one, two or four digits in ``text[start:end]`` that start a word.

    Days and years are such runs; numbers of three or five digits and more, or digits inside words, are not.
    """
    return [(run_start, run_end) for run_start, run_end in _digit_runs(text, start, end)
            if run_end - run_start in (1, 2, 4) and (run_start == 0 or not is_word_char(text[run_start - 1]))]


def _digit_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the runs of digits in ``text[start:end]``, as ``_DIGIT_RUN.finditer`` finds them.

    A text in Latin-1 (as many English ones are) is scanned as bytes: finding the runs in a mask
    of its digits is several times faster than the regex engine's scan.
    """
    try:
        mask = text[start:end].encode("latin-1").translate(_DIGIT_MASK)
    except UnicodeEncodeError:  # other scripts have other digits ("٣")
        return [m.span() for m in _DIGIT_RUN.finditer(text, start, end)]
    runs = []
    run_start = mask.find(b"1")
    while run_start >= 0:
        run_end = mask.find(b"0", run_start)
        run_end = len(mask) if run_end < 0 else run_end
        runs.append((start + run_start, start + run_end))
        run_start = mask.find(b"1", run_end)
    return runs


def _year_words(text: str, runs: list[tuple[int, int]]) -> tuple[int, ...]:
    """The years ``\\b((?:19|20)\\d\\d)\\b`` finds in ``text``, from its number runs."""
    return tuple(int(text[s:e]) for s, e in runs
                 if e - s == 4 and text[s:s + 2] in ("19", "20") and (e == len(text) or not is_word_char(text[e])))


def _candidate_starts(text: str, start: int, end: int, runs: list[tuple[int, int]]) -> dict[str, list[int]]:
    """Every position in ``text[start:end]`` where a date of each form could start, sorted.

    ``runs`` are the window's :func:`_number_runs`: a day is a one- or two-digit run, an ISO
    date starts with a four-digit run.  A day written after its month ("June 3") has the month
    as the word just before it; a weekday comes right before the day or before "the".
    """
    starts = {_ISO: set(), _DAY_FIRST: set(), _MONTH_FIRST: set()}
    reversed_window = text[start:end][::-1]
    for run_start, run_end in runs:
        if run_end - run_start == 4:
            starts[_ISO].add(run_start)
            continue
        starts[_DAY_FIRST].add(run_start)  # "3 June"
        back = _THREE_WORDS_BACK.match(reversed_window, end - run_start)
        if not back:
            continue
        # Word starts before the run, nearest first: a word ending at reversed offset e starts at end - e.
        words = [end - back.end(i) for i in (1, 2, 3) if back.group(i)]
        starts[_DAY_FIRST].update(w for w in words[:2] if text[w] in _WEEKDAY_INITIALS)  # "Wed [the] 3 June"
        if _starts_with_month(text, words[0]):
            starts[_MONTH_FIRST].update(words)  # "June 3", "Wed June 3", "Wed the June 3"
    return {form: sorted(positions) for form, positions in starts.items()}


# The letters re.IGNORECASE matches to the first letters of the weekday names.
_WEEKDAY_INITIALS = frozenset("MTWFSmtwfs\u017f")
_MONTH_STEMS = frozenset(name[:3] for name in MONTHS)


def _starts_with_month(text: str, pos: int) -> bool:
    """True if ``_MONTH_RE`` could match at ``pos``: the word there starts with a month's first three letters.

    Of those letters only s has another letter re.IGNORECASE matches to it ("ſ"), and none is i,
    whose "İ" would lower-case to two characters.
    """
    return text[pos:pos + 3].lower().replace("\u017f", "s") in _MONTH_STEMS


def _finditer_at(pattern: re.Pattern, text: str, starts: list[int], end: int):
    """``pattern.finditer(text, starts[0], end)``, given (sorted) every position a match can start at.

    ``finditer`` yields the leftmost match at or after the end of the previous one; trying the
    candidate positions in order finds the same one, because no other position can match.
    ``match`` sees the whole text before each position (for ``\\b``) and ``end`` as the end of
    the string (for lookaheads), as ``finditer`` does.
    """
    resume = 0
    for pos in starts:
        if pos < resume:
            continue
        m = pattern.match(text, pos, end)
        if m:
            yield m
            resume = m.end()


def _mention(m: re.Match) -> DateMention | None:
    """The date a pattern matched, or None if it is no calendar date (31 February, month 13)."""
    groups = m.groupdict()
    if groups.get("num1"):
        month, day = _numeric_month_day(int(groups["num1"]), int(groups["num2"]))
    else:
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS.get(_name_key(groups["month"]).rstrip("."))
        day = int(groups["day"])
    year = int(groups["year"]) if groups.get("year") else None
    if not month or not (1 <= month <= 12) or not (1 <= day <= 31):
        return None
    try:  # a day that exists in its year, or in 2000 (a leap year) when no year is written
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    weekday = WEEKDAYS.get(_name_key(groups.get("weekday") or "").rstrip(".")) if groups.get("weekday") else None
    return DateMention(m.start(), m.end(), year, month, day, weekday)


def _numeric_month_day(first: int, second: int) -> tuple[int, int]:
    """(month, day) of a numeric date: day first ("22/06") or month first ("06/22"), whichever is over 12.

    "06/07/2014" is the 6th of July in most of the world and June 7th in the United States:
    such a date is no date (month 0), rather than a guess.
    """
    if first > 12 >= second or first == second:
        return second, first
    if second > 12 >= first:
        return first, second
    return 0, 0


def _scan_dates(text: str, start: int, end: int, runs: list[tuple[int, int]] | None = None) -> list[DateMention]:
    """The dates in ``text[start:end]``; ``runs`` are its :func:`_number_runs` when already known."""
    if runs is None:
        runs = _number_runs(text, start, end)
    if not runs:
        return []
    starts = _candidate_starts(text, start, end, runs)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # Earlier patterns win overlaps; a later pattern's match inside an earlier date is dropped.
    for pattern, form, needs_year in zip(_DATE_PATTERNS, _PATTERN_FORM, _NEEDS_YEAR):
        if needs_year and not starts[_ISO]:  # a written year is a four-digit run too
            continue
        for m in _finditer_at(pattern, text, starts[form], end):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            mention = _mention(m)
            if mention is not None:
                found.append(mention)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _name_key(word: str) -> str:
    """A month or weekday name as the name tables spell it, however the regex matched it."""
    key = word.lower()
    return key if key.isascii() else key.translate(_FOLD_AS_REGEX)


def parse_date(value: str) -> dt.date | None:
    """Parse a metadata date (ISO 8601 or a common written form); None if unparseable."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    if value.isdigit() and len(value) in (9, 10, 12, 13):
        return _from_timestamp(int(value) / (1000 if len(value) > 10 else 1))
    written = _MONTH_DAY_YEAR.fullmatch(value)
    if written:  # dateutil reads this common form the same way (checked for every day of 1900-2099)
        month, day, year = written.groups()
        try:
            return dt.date(int(year), _MONTH_NAMES.index(month) + 1, int(day))
        except ValueError:  # 30 February
            return None
    return _parse_with_dateutil(value)


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]
_MONTH_DAY_YEAR = re.compile(rf"({'|'.join(_MONTH_NAMES)}) ([1-9]|[12][0-9]|3[01]), ((?:19|20)[0-9][0-9])")


def _from_timestamp(seconds: float) -> dt.date | None:
    """The UTC day of a Unix timestamp ("1403395200", feeds' ``published_at``); None outside 1990 to today."""
    try:
        day = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    return day if dt.date(1990, 1, 1) <= day <= dt.date.today() else None


@lru_cache(maxsize=1024)  # slow (about 0.5 ms), and a batch's articles share publication days
def _parse_with_dateutil(value: str) -> dt.date | None:
    try:
        with warnings.catch_warnings():
            # "3:45 PM ET": the zone does not change the day we keep, and the warning would reach the user.
            warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
            return dateutil_parser.parse(value, fuzzy=True, default=dt.datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


# -- publication date ----------------------------------------------------------------------
_WEEKDAY_WORD = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
# Every weekday name ends a word with "day"; with re.IGNORECASE, d, a and y match no other letters.
_DAY_ANCHOR = re.compile(r"[dD][aA][yY]\b")
_WEEKDAY_STEMS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")  # the names without their "day"
HEADER_LINES = 8
STALE_DAYS = 45  # a page dated this long after every event its story names is a re-render, not the story


def _weekday_words(text: str, start: int = 0, end: int | None = None):
    """``_WEEKDAY_WORD.finditer(text, start, end)``, tried only where a "day" can end a weekday name."""
    end = len(text) if end is None else end
    window = _cue_text(text[start:end])
    if window is None:
        starts = {m.start() - len(stem) for m in _DAY_ANCHOR.finditer(text, start, end) for stem in _WEEKDAY_STEMS}
    else:  # the lower-cased name is in the window
        starts = {start + day - len(stem) for day in _occurrences(window, "day") for stem in _WEEKDAY_STEMS
                  if window.endswith(stem, 0, day)}
    return _finditer_at(_WEEKDAY_WORD, text, sorted(p for p in starts if p >= start), end)


def _header_end(text: str, body_spans) -> int:
    """End offset of the header zone: the first few non-empty lines of the story."""
    pos = body_spans[0][0] if body_spans else 0
    lines = 0
    while pos < len(text) and lines < HEADER_LINES:
        nxt = text.find("\n", pos)
        nxt = len(text) if nxt < 0 else nxt
        if text[pos:nxt].strip():
            lines += 1
            # A long paragraph ends the header after its first sentence (the dateline lives there).
            if len(text[pos:nxt]) > 200:
                return min(nxt, pos + 200)
        pos = nxt + 1
    return min(pos, len(text))


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


_EVENT_PREPOSITION = re.compile(
    r"\b(?:on|since|until|till|by|from|before|after|late|early|between|and|to|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _in_story_sentence(text: str, mention: DateMention) -> bool:
    """True for a date a sentence reports ("took Mosul on June 10"), as opposed to a dateline.

    "Posted on June 12, 2014" keeps its cue word and stays a dateline.
    """
    line_start = text.rfind("\n", 0, mention.start) + 1
    before = text[max(line_start, mention.start - 40):mention.start]
    return bool(_EVENT_PREPOSITION.search(before)) and not _DATELINE_CUE.search(before) \
        and not _BYLINE_CUE.search(text, line_start, mention.start)


def _story_dates(text: str, spans, year: int) -> list[dt.date]:
    """The dates the story mentions, yearless ones placed in ``year`` (or the year before)."""
    out = []
    for s, e in spans:
        for m in find_dates(text, s, e):
            d = m.date or m.on_year(year)
            if d:
                out.append(d)
    return out


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


_DAY_BEFORE = re.compile(r"\b(?:yesterday|last\s+night)\b", re.IGNORECASE)


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


def publication_date(article, year_hint: int | None = None, override: dt.date | None = None):
    """The publication date of an article and how it was found.

    Parameters
    ----------
    article : Article
    year_hint : int, optional
        The likely year of undated stories (e.g. the median year of the batch).
    override : datetime.date, optional
        A date given by the user (``--date``).

    Returns
    -------
    (datetime.date or None, str)
        The date and ``override``, ``metadata``, ``dateline``, ``inferred`` or ``unknown``.
    """
    if override:
        return override, "override"
    text = article.text
    spans = article.body_spans()
    header_end = _header_end(text, spans)
    hints_end = min(max(header_end, 600), len(text))
    weekday_hints = {WEEKDAYS[_name_key(m.group(1))] for m in _weekday_words(text, 0, hints_end)}
    this_year = dt.date.today().year
    years = [y for y in _written(text).years if 1990 <= y <= this_year]
    likely_years = [year_hint] if year_hint else years[-3:]

    candidates: list[tuple[dt.date, str, tuple | None]] = []
    for raw in article.metadata_dates:
        d = parse_date(raw)
        if d and d.year >= 1990:
            candidates.append((d, "metadata", None))
    header_mentions = [m for m in find_dates(text, 0, header_end)
                       if not article.in_chrome(m.start, m.end) and not _in_story_sentence(text, m)]
    # "POSTED:" beats "UPDATED:"; otherwise header order.
    header_mentions.sort(key=lambda m: bool(_UPDATED_CUE.search(text[max(0, m.start - 20):m.start])))
    for m in header_mentions:
        d = m.date
        if d is None:
            # The batch's year is the best guess; weekday words in the story are mostly its events' days.
            year = year_hint if year_hint and m.weekday is None and m.on_year(year_hint) else \
                _year_for(m, weekday_hints, likely_years or years, set(years))
            d = m.on_year(year) if year else None
        if d and (m.weekday is None or d.weekday() == m.weekday):
            candidates.append((d, "dateline", (m.start, m.end)))
    retrospective = None  # the story names its days by date only (asked once, and only of a late date)
    for d, how, span in candidates:
        story = _story_dates_except(text, spans, d.year, span)
        if _too_early(d, story):
            continue
        # Long after the story's dates: a place's dateline stands ("RAMADI, October 3"), and so does any
        # date of a retrospective; not a page's date over a story told from its own day.
        if _stale(d, story) and not (span is not None and _after_dateline_place(text, span[0])):
            if retrospective is None:
                retrospective = not _tells_days_from_its_own(text, spans)
            if not retrospective:
                continue
        return d, how
    candidates = article_candidates(article, year_hint)
    if candidates:
        return candidates[0], "inferred"
    return None, "unknown"


# What precedes the date of a dateline on its line: "BAGHDAD, ", "RAMADI — ", "Erbil, Iraq (AP) — ".
_DATELINE_PLACE = re.compile(r"[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3}(?:,\s*[A-Z][a-z]+)?"
                             r"(?:\s*\([A-Z][\w .-]{1,25}\))?\s*(?:,|[—–-]{1,2}|:)\s*")


def _after_dateline_place(text: str, start: int) -> bool:
    """True when the date at ``start`` follows a place in capitals on its line: a dateline, not a page date."""
    line_start = text.rfind("\n", 0, start) + 1
    return _DATELINE_PLACE.fullmatch(text, line_start, start) is not None


INFER_WEEKS = 8  # how far past the latest date a story names its publication may lie
_SINCE_WEEKDAY = re.compile(r"\bsince\s+$", re.IGNORECASE)
_NEWSROOM_RELATIVE = re.compile(r"\b(yesterday|last\s+night|today)\b", re.IGNORECASE)


def _names_newsroom_day(span_text: str) -> bool:
    """True if the text says "yesterday", "today" or "last night"."""
    cue_text = _cue_text(span_text)
    if cue_text is None:
        return bool(_NEWSROOM_RELATIVE.search(span_text))
    return any(_NEWSROOM_RELATIVE.match(span_text, pos) for pos in _newsroom_starts(span_text, cue_text))


def _newsroom_starts(span_text: str, cue_text: str):
    """Where a match of ``_NEWSROOM_RELATIVE`` can start: at its word, or at the "last" before "night"."""
    yield from _occurrences(cue_text, "yesterday")
    yield from _occurrences(cue_text, "today")
    for night in _occurrences(cue_text, "night"):
        last = len(span_text[:night].rstrip()) - len("last")  # rstrip() strips what \s matches
        if last >= 0:
            yield last


def _weekday_constraints(text: str, body) -> list[tuple[int, int]]:
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
    return out


def inferred_candidates(text: str, body, year: int | None) -> list[dt.date]:
    """Publication dates the story itself allows, most likely first.

    The story was written after the latest date it names (the anchor) and within
    ``INFER_WEEKS`` weeks of it.  Days on which the most weekday mentions make sense (a named
    weekday lies 0-6 days back, see :func:`_weekday_constraints`) come first; among those, the
    smallest total distance back to the named weekdays, then the earliest day.  Callers with
    other evidence (e.g. the rest of a batch) choose among the candidates; without it, the first
    one is the inferred date.
    """
    if not year:
        return []
    story = _story_dates(text, body, year)
    if not story:
        return []
    anchor = max(story)
    constraints = _weekday_constraints(text, body)
    if not constraints:
        return [anchor]
    offsets = range(1, 7 * INFER_WEEKS + 1)
    if anchor > dt.date.max - dt.timedelta(days=offsets[-1]):
        raise OverflowError("date value out of range")  # as adding the days would
    # A day's score is its weekday's; the weeks hold every weekday, so the best score is the best weekday's.
    score = [_weekday_score(weekday, constraints) for weekday in range(7)]
    best = min(met for met, _ in score)
    ranked = []
    for offset in offsets:
        met, days_back = score[(anchor.weekday() + offset) % 7]
        if met == best:
            ranked.append((days_back, offset))
    return [anchor + dt.timedelta(days=offset) for _, offset in sorted(ranked)]


def _weekday_score(weekday: int, constraints: list[tuple[int, int]]) -> tuple[int, int]:
    """(minus the weekday mentions a publication on ``weekday`` satisfies, total days back to them)."""
    gaps = [(weekday - wd) % 7 for wd, _ in constraints]
    met = sum(gap >= least for gap, (_, least) in zip(gaps, constraints))
    return -met, sum(gaps)


def _story_spans(article) -> list[tuple[int, int]]:
    """The body spans without the header's own dates (page dates, datelines), which are not events."""
    text = article.text
    spans = article.body_spans()
    header_end = _header_end(text, spans)
    cuts = [(m.start, m.end) for m in find_dates(text, 0, header_end) if not _in_story_sentence(text, m)]
    out = []
    for s, e in spans:
        for cs, ce in cuts:
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


def article_candidates(article, year_hint: int | None = None) -> list[dt.date]:
    """The publication dates an undated article's story allows, most likely first.

    Dates in the header that are not part of a sentence (page dates, rejected datelines) are
    left out, and so are the years they carry.
    """
    story = _story_spans(article)
    this_year = dt.date.today().year
    years = [y for s, e in story for y in _span_years(article.text[s:e]) if 1990 <= y <= this_year]
    return inferred_candidates(article.text, story, year_hint or (max(years) if years else None))


# -- relative dates of claims --------------------------------------------------------------
@dataclass(frozen=True)
class When:
    """The date a claim refers to.

    ``date`` is the best single day (the end of a range); ``start`` the start of a range;
    ``precision`` is ``day``, ``range`` or ``month``; ``phrase`` the words that said so.
    """

    date: dt.date
    precision: str = "day"
    start: dt.date | None = None
    phrase: str = ""


_MONTH_ALTERNATION = "|".join(name.lower() for name in _MONTH_NAMES)
_REL_PATTERNS: list[tuple[re.Pattern, str]] = [
    # A year, with or without its month: "in April 2003", "since 2004", "during the 2003 invasion".
    (re.compile(rf"\b(?P<prep>since|in|during|by|until|from|of)\s+(?:(?P<part>late|early|mid)[\s-]+)?"
                rf"(?:(?P<month>{_MONTH_ALTERNATION})\s+)?(?P<year>(?:19|20)\d\d)\b(?![-/.]\d)", re.I), "year"),
    (re.compile(r"\bthe\s+(?P<year>(?:19|20)\d\d)\s+(?:[\w-]+\s+)?(?:invasion|war|offensive|battles?|uprising|"
                r"occupation|surge|elections?|campaign)\b", re.I), "year"),
    # "in June last year", "since late last year", "last year"
    (re.compile(rf"\b(?:(?P<prep>since|in|during|by|until|from)\s+)?(?:(?P<part>late|early|mid)[\s-]+)?"
                rf"(?:(?P<month>{_MONTH_ALTERNATION})\s+(?:of\s+)?)?last\s+year\b", re.I), "last_year"),
    (re.compile(r"\b(late\s+)?last\s+night\b|\bovernight\b", re.I), "last_night"),
    (re.compile(r"\byesterday\b|\b(?:a|one)\s+day\s+(?:earlier|before)\b|\bthe\s+(?:day\s+before|previous\s+day)\b",
                re.I), "yesterday"),
    (re.compile(r"\b(today|tonight|this\s+(morning|afternoon|evening))\b|\b(?:(?:a\s+few|several|a\s+couple\s+of|"
                r"\d{1,2}|two|three|four|five|six|eight|ten|twelve)\s+)?hours\s+(?:ago|earlier)\b", re.I), "today"),
    (re.compile(r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+days\s+(ago|earlier)\b", re.I),
     "days_ago"),
    (re.compile(r"\b(?P<n>a|one|two|three|four|\d)\s+weeks?\s+ago\b", re.I), "weeks_ago"),
    (re.compile(r"\b(?:(?:at|over|during|since)\s+the|this|last|the\s+past)\s+weekend\b", re.I), "weekend"),
    (re.compile(r"\bsince\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I), "since_wd"),
    (re.compile(r"\b(?:on|late\s+on|early\s+on|by|last)?\s*(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I), "weekday"),  # noqa: E501
    (re.compile(r"\bearlier\s+(?:this|in\s+the)\s+month\b|\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+month\b",
                re.I), "this_month"),
    (re.compile(r"\blast\s+week\b|\bearlier\s+this\s+week\b", re.I), "last_week"),
    (re.compile(r"\blast\s+month\b", re.I), "last_month"),
    (re.compile(r"\bthis\s+week\b|\bearlier\s+in\s+the\s+week\b", re.I), "this_week"),
    # "at the start of the month", "by the end of May": the first or last third of that month
    (re.compile(rf"\b(?:at|by|towards?|until)\s+the\s+(?P<edge>start|beginning|end)\s+of\s+"
                rf"(?:the\s+month|(?P<month>{_MONTH_ALTERNATION}))\b", re.I), "month_edge"),
    # "on the 21st": a day of this month, or of the last if it is still to come
    (re.compile(r"\bthe\s+(?P<dom>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+\w+\s+)?(?:century|anniversary|"
                r"division|brigade|battalion|regiment|floor|time|round|day|week|month|year|birthday|street|army)\b)",
                re.I), "dom"),
    (re.compile(r"\b(?P<prep>since|in|from|earlier\s+this\s+year\s+in)\s+(?:(?P<part>late|early|mid)[\s-]+)?"
                rf"(?P<month>{_MONTH_ALTERNATION})\b(?!\s+\d)", re.I), "month"),
    (re.compile(r"\bearlier\s+this\s+year\b|\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+year\b", re.I),
     "this_year"),
]
_WORD_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10}
# Cue words (see _cue_text) of each relative pattern: most clauses name no time.
_REL_CUES = {
    "year": ("19", "20"),
    "last_year": ("year",),
    "last_night": ("night",),
    "yesterday": ("yesterday", "earlier", "before", "previous"),
    "today": ("today", "tonight", "this", "hours"),
    "days_ago": ("days",),
    "weeks_ago": ("week",),
    "weekend": ("weekend",),
    "since_wd": ("since",),
    "weekday": ("day",),  # every weekday name ends in "day"
    "this_month": ("month",),
    "last_week": ("week",),
    "last_month": ("month",),
    "this_week": ("week",),
    "month_edge": ("start", "beginning", "end"),
    "dom": ("st", "nd", "rd", "th"),
    "month": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"),
    "this_year": ("year",),
}


def resolve_when(text: str, published: dt.date | None) -> When | None:
    """The date a sentence (or clause) refers to, relative to the publication date.

    Explicit dates ("on June 10", "late on June 9", "22 June 2014") win over relative words;
    yearless dates take the publication year (the previous year if that would be later
    than publication).  Returns None when the text names no time or there is no
    publication date to count from.

    Examples
    --------
    >>> import datetime as dt
    >>> resolve_when("militants seized it on Saturday", dt.date(2014, 6, 23)).date
    datetime.date(2014, 6, 21)
    """
    try:
        return _resolve_when(text, published)
    except OverflowError:  # a publication date at the very ends of the calendar
        return None


_REL_CUE_FILTER = fastre.CueFilter(_REL_CUES[kind] for _, kind in _REL_PATTERNS)


def _relative_phrase(text: str) -> tuple[str, re.Match] | None:
    """The kind and match of the first relative-date pattern found in ``text``, if any."""
    cue_text = _cue_text(text)
    for i in range(len(_REL_PATTERNS)) if cue_text is None else _REL_CUE_FILTER.candidates(cue_text):
        pattern, kind = _REL_PATTERNS[i]
        m = pattern.search(text)
        if m:
            return kind, m
    return None


def _resolve_when(text: str, published: dt.date | None) -> When | None:
    return read_time(text).resolve(published)


@dataclass(frozen=True)
class TimeWords:
    """What a clause says about time, before a publication date turns it into days.

    :func:`resolve_when` is ``read_time(text).resolve(published)``: reading the words once
    lets a claim be dated on several candidate publication dates cheaply.
    """

    dates: tuple[tuple[DateMention, str], ...] = ()  # written dates, with their words
    relative: tuple[str, str, tuple] | None = None  # (kind, phrase, named groups) of the first relative phrase
    later: tuple[TimeWords, int, str] | None = None  # (the time before, days after it, phrase): "a day later"

    def says_anything(self) -> bool:
        """True when these words name a time at all."""
        return bool(self.dates or self.relative or self.later)

    def resolve(self, published: dt.date | None) -> When | None:
        """The date these words refer to, counted from ``published`` (see :func:`resolve_when`)."""
        try:
            return self._resolve(published)
        except (OverflowError, ValueError):  # a publication date at the very ends of the calendar (year 0)
            return None

    def _resolve(self, published: dt.date | None) -> When | None:
        if self.later is not None:
            before, days, phrase = self.later
            base = before.resolve(published)
            if base is None or base.precision not in ("day", "range"):
                return None
            return When(base.date + dt.timedelta(days=days), "day", None, phrase)
        for m, words in self.dates:
            year = m.year or (published.year if published else None)
            if year is None:
                continue
            d = m.on_year(year)
            if d and published and not m.year and d > published + dt.timedelta(days=1):
                d = m.on_year(year - 1)
            if d:
                return When(d, "day", None, words)
        if published is None or self.relative is None:
            return None
        kind, phrase, groups = self.relative
        return _relative_when(kind, phrase, dict(groups), published)


_NO_TIME = TimeWords()

# "a day later", "two days later", "the next day", "the following day", "the same day": counted from the
# time said before.
_LATER = fastre.compile(
    r"\b(?:(?P<n>a|one|two|three|four|five|six|\d{1,2})\s+days?\s+later|the\s+(?:next|following)\s+day|"
    r"(?P<same>(?:the|that)\s+same\s+day|later\s+(?:that|the\s+same)\s+day)|"
    # "a day after taking the Walid crossing", "a day after the fall of Mosul": the place that follows
    # changed hands the day before
    r"(?P<earlier>(?P<m>a|one|two|three)\s+days?\s+after)(?=\s+(?:[a-z]+ing|the\s+(?:fall|capture|seizure|loss)\s+of)\b)|"
    r"a\s+day\s+after(?:wards)?(?!\s+(?:the|its|their|his|her|a|an|[a-z]+ing)\b))\b", re.IGNORECASE)


def find_later(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """(start, end, days) of each "a day later" phrase in ``text[start:end]``, in text order.

    ``days`` is negative for "a day after taking X": X is the day before the time said before it.
    """
    found = []
    for m in _LATER.finditer(text, start, len(text) if end is None else end):
        if m.group("same"):
            found.append((m.start(), m.end(), 0))
            continue
        if m.group("earlier"):
            found.append((m.start(), m.end(), -_WORD_NUMBERS[m.group("m").lower()]))
            continue
        n = (m.group("n") or "a").lower()
        found.append((m.start(), m.end(), _WORD_NUMBERS.get(n) or int(n)))
    return found


def time_after(before: TimeWords, days: int, phrase: str) -> TimeWords:
    """The time ``days`` after the time ``before`` says ("a day later" after "on June 21")."""
    return TimeWords(later=(before, days, phrase))


def read_time(text: str) -> TimeWords:
    """The time words of a clause: its written dates and its first relative phrase ("on Saturday")."""
    if not text:
        return _NO_TIME
    dates = tuple((m, text[m.start:m.end]) for m in find_dates(text))
    found = _relative_phrase(text)
    if not dates and found is None:
        return _NO_TIME
    relative = None
    if found is not None:
        kind, m = found
        relative = (kind, m.group(0).strip(), tuple(m.groupdict().items()))
    return TimeWords(dates, relative)


_MONTH_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}  # the days of "early/mid/late June"
_YEAR_PART_START = {"early": 1, "mid": 5, "late": 9}  # the month an "early/mid/late 2013" starts in


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _latest_month(month: int, published: dt.date) -> dt.date:
    """The first day of the last ``month`` that began by publication ("in June" read in May is last June)."""
    return dt.date(published.year if month <= published.month else published.year - 1, month, 1)


def _month_third(first: dt.date, part: str, published: dt.date, phrase: str) -> When:
    """"early/mid/late June": the first, second or last third of the month ``first`` starts, up to publication."""
    start_day, end_day = _MONTH_PART_DAYS[part]
    last = month_end(first)
    end = min(last.replace(day=min(end_day, last.day)), published)
    return When(end, "range", min(first.replace(day=start_day), end), phrase)


def _year_when(groups: dict, published: dt.date, phrase: str) -> When | None:
    """The time a written year names ("in April 2003", "since 2004"), or None for a year after publication."""
    year = int(groups["year"])
    if year > published.year:
        return None  # a plan or a forecast ("by 2020"), not an event
    part = (groups.get("part") or "").lower()
    if groups.get("month"):
        first = dt.date(year, MONTHS[_name_key(groups["month"])], 1)
        if part:
            first = first.replace(day=_MONTH_PART_DAYS[part][0])
        last = month_end(first)
    else:
        first = dt.date(year, _YEAR_PART_START.get(part, 1), 1)
        last = dt.date(year, 4, 30) if part == "early" else dt.date(year, 12, 31)
    if first > published:
        return None
    since = (groups.get("prep") or "").lower() == "since"
    if groups.get("month"):
        if part and since:
            return When(first, "range", first, phrase)  # as "since mid-June" is: dated from its start
        return When(first, "month", first, phrase)  # as "in June" and "since June" are
    if since:
        return When(published, "range", first, phrase)  # it holds still
    return When(min(last, published), "range", first, phrase)


def _relative_when(kind: str, phrase: str, groups: dict, published: dt.date) -> When:
    """The date a relative phrase of ``kind`` (its named ``groups``) means, counted from ``published``."""
    if kind == "today":
        return When(published, "day", None, phrase)
    if kind in ("yesterday", "last_night"):
        return When(published - dt.timedelta(days=1), "day", None, phrase)
    if kind == "days_ago":
        n = groups["n"].lower()
        n = _WORD_NUMBERS.get(n) or int(n)
        return When(published - dt.timedelta(days=n), "day", None, phrase)
    if kind == "weeks_ago":
        # "two weeks ago": about then, give or take half a week.
        n = groups["n"].lower()
        middle = published - dt.timedelta(days=7 * (_WORD_NUMBERS.get(n) or int(n)))
        return When(middle + dt.timedelta(days=3), "range", middle - dt.timedelta(days=3), phrase)
    if kind == "weekend":
        # The last Saturday and Sunday up to publication (a Saturday's "this weekend" is that day).
        if published.weekday() == 5:
            return When(published, "range", published, phrase)
        sunday = published - dt.timedelta(days=(published.weekday() - 6) % 7)
        return When(sunday, "range", sunday - dt.timedelta(days=1), phrase)
    if kind in ("weekday", "since_wd"):
        target = WEEKDAYS[_name_key(groups["wd"])]
        back = (published.weekday() - target) % 7
        day = published - dt.timedelta(days=back)
        if kind == "since_wd":
            return When(published, "range", day, phrase)
        return When(day, "day", None, phrase)
    if kind == "this_month":
        return When(published, "range", published.replace(day=1), phrase)
    if kind == "this_week":
        monday = published - dt.timedelta(days=published.weekday())
        return When(published, "range", monday, phrase)
    if kind == "month_edge":  # "at the start of the month" is its early third, "by the end of May" May's last
        month = MONTHS[_name_key(groups["month"])] if groups.get("month") else published.month
        part = "late" if groups["edge"].lower() == "end" else "early"
        return _month_third(_latest_month(month, published), part, published, phrase)
    if kind == "dom":
        day = int(groups["dom"])
        month_start = published.replace(day=1)
        if day > published.day:  # still to come this month: last month's
            month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
        try:
            return When(month_start.replace(day=day), "day", None, phrase)
        except ValueError:  # "the 31st" of a 30-day month
            return When(published, "range", month_start, phrase)
    if kind == "last_week":
        return When(published - dt.timedelta(days=1), "range", published - dt.timedelta(days=7), phrase)
    if kind == "last_month":
        first = (published.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return When(first, "month", first, phrase)
    if kind == "month":
        first = _latest_month(MONTHS[_name_key(groups["month"])], published)
        part = (groups["part"] or "").lower()
        if not part:
            return When(first, "month", first, phrase)
        if (groups.get("prep") or "").lower() in ("since", "from"):
            start = first.replace(day=_MONTH_PART_DAYS[part][0])
            return When(start, "range", start, phrase)  # "since mid-June": dated from its start
        return _month_third(first, part, published, phrase)
    if kind == "this_year":
        return When(published, "range", published.replace(month=1, day=1), phrase)
    if kind == "year":
        return _year_when(groups, published, phrase)
    if kind == "last_year":
        return _year_when({**groups, "year": str(published.year - 1)}, published, phrase)
    raise ValueError(f"unknown kind of relative date: {kind}")
