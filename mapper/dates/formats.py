"""Absolute dates written in text: "22 June 2014", "June 22", "Sunday, June 22, 2014", "2014-06-22".

:func:`find_dates` scans a story fast (every written date has a day or year number: patterns are
tried only near digit runs); :func:`parse_date` reads a metadata value.  Month and weekday names
come from the date lexicon (``lexicon/en.toml``).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from dateutil import parser as dateutil_parser

from .. import fastre
from ..fastre import is_word_char
from .lexicon import LEXICON

__all__ = ["DateMention", "find_dates", "parse_date", "MONTHS", "WEEKDAYS"]

# English month and weekday names (and abbreviations), from the lexicon: name -> 1..12, name -> 0..6.
MONTHS = LEXICON.months("en")
WEEKDAYS = LEXICON.weekdays("en")

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
_DATELINE_CUE = fastre.compile(r"\b(posted|published|updated|last\s+updated|date)\b", re.IGNORECASE)

# Cue words.  A pattern that finds nothing in most texts is not run on a text that lacks every
# word its matches contain.  Substring tests on str.lower() stand in for re.IGNORECASE, except
# for letters the regex engine folds differently: it matches "ſ" to s, and "ı" and "İ" to i
# ("İ".lower() is "i" and U+0307).  Texts with any of those always run the pattern, and month and
# weekday names are looked up with them folded as the regex folds them (_name_key).
_FOLD_AS_REGEX = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0307": None})  # long s, dotless i, dot above
_FOLDS_DIFFERENTLY = tuple(map(chr, _FOLD_AS_REGEX))


def _cue_text(text: str) -> str | None:
    """``text`` lower-cased for :func:`_may_contain`, or None where cue tests cannot be trusted."""
    lowered = fastre.lower(text)
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
_DIGIT_RUN = fastre.compile(r"\d\d*")  # not \d+: a pattern that starts with a class is scanned faster
# For bytes.translate: "1" for the Latin-1 characters \d matches, "0" for the others.
_DIGIT_MASK = bytes(ord("1") if _DIGIT_RUN.match(chr(byte)) else ord("0") for byte in range(256))
# The (up to) three words before a position, read in the reversed text; non-words between them
# may be as long as they like ("June      22").
_THREE_WORDS_BACK = fastre.compile(r"\W*(\w+)(?:\W*(\w+)(?:\W*(\w+))?)?")
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
_MONTH_DAY_YEAR = fastre.compile(rf"({'|'.join(_MONTH_NAMES)}) ([1-9]|[12][0-9]|3[01]), ((?:19|20)[0-9][0-9])")


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


_WEEKDAY_WORD = fastre.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
# Every weekday name ends a word with "day"; with re.IGNORECASE, d, a and y match no other letters.
_DAY_ANCHOR = fastre.compile(r"[dD][aA][yY]\b")
_WEEKDAY_STEMS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")  # the names without their "day"


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
