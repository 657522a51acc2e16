"""Dates on a page's own lines and in its url, in every form and language the lexicon knows.

The story scanner (:mod:`.formats`) reads English prose fast; the publication-date sources read
a few short lines (headers, bylines, labelled stamps, footers) and one url, and need every form
pages write: "lundi 16 juin 2014", "Mar 9,2015", "Sunday 08/05/2016", "22-01-2016",
"2014/10/02", "Fri Jan 6, 2017 11:06:57", "Güncelleme Tarihi: 3 Mart 2015", "February 22-24, 2017",
and url paths such as ``/2014/06/14/``, ``/news/2014/aug/10/``, ``-20140626-``, ``/24112014-amp``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import fastre
from .lexicon import LEXICON

__all__ = ["LineDate", "read_line_dates", "UrlDate", "read_url_dates"]

_MONTHS = LEXICON.months()
_WEEKDAYS = LEXICON.weekdays()


def _alternation(names) -> str:
    return fastre.word_trie(names)  # (a longer name before its prefix: "June" before "Jun")


_MONTH = rf"(?P<month>{_alternation(_MONTHS)})\.?"
_WEEKDAY = rf"(?:(?P<weekday>{_alternation(_WEEKDAYS)})\.?\s*[,.]?\s*)?"
# A month name may be glued to the word before it by a lost line break ("DeskMarch 2, 2016").
_WORD_START = r"(?:(?<![^\W\d_])|(?<=[a-z])(?=[A-Z]))"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_DAY2 = r"(?:\s*[-–]\s*(?P<day2>[0-3]?\d)(?!\d))?"  # the end of a range: "February 22-24, 2017"

_LINE_FORMS = [
    # "2014-06-22", "2014/10/02", "2014.06.22 15:10"
    ("ymd", rf"(?<!\d){_WEEKDAY}(?P<year>(?:19|20)\d\d)\s?(?P<sep>[-/.])\s?(?P<num1>[01]?\d)\s?(?P=sep)\s?"
            r"(?P<num2>[0-3]?\d)(?!\d)"),
    # "22-01-2016", "Sunday 08/05/2016", "09 . 07 . 2017": which number is the day is decided later
    ("dmy", rf"(?<![\d/.-]){_WEEKDAY}(?P<num1>[0-3]?\d)\s?(?P<sep>[-/.])\s?(?P<num2>[0-3]?\d)\s?(?P=sep)\s?{_YEAR}"),
    # "16 juin 2014", "14th AUGUST 2014", "16 de junio de 2014", "16. Juni 2014", "17 June" (no year)
    ("day_month", rf"{_WORD_START}{_WEEKDAY}{_DAY}\s*(?:de\s+|of\s+)?{_MONTH}(?![^\W\d_])"
                  rf"(?:\s*,?\s*(?:de\s+)?{_YEAR})?"),
    # "June 24, 2014", "Mar 9,2015", "Feb. 24(ANI)", "Fri Jan 6, 2017 11:06:57", "February 22-24, 2017"
    ("month_day", rf"{_WORD_START}{_WEEKDAY}{_MONTH}\s*{_DAY}(?!\d){_DAY2}(?:\s*,?\s*{_YEAR})?"),
]
_LINE_PATTERN = fastre.compile("|".join(f"(?P<{name}>{body.replace('(?P<', f'(?P<{name}_')})"
                                    .replace(f"(?P={'sep'})", f"(?P={name}_sep)") for name, body in _LINE_FORMS),
                           re.IGNORECASE)


@dataclass(frozen=True)
class LineDate:
    """A date read on a page line.

    ``readings`` are the calendar days it may be, most likely first: one, or two for a
    numeric date whose day and month could be either ("08/05/2016").  ``year`` is None when
    the line writes none ("Baghdad, June 11:"); the readings then use year 2000 as a stand-in.
    """

    start: int
    end: int
    year: int | None
    readings: tuple[tuple[int, int], ...]  # (month, day)
    weekday: int | None
    form: str

    def on_year(self, year: int) -> list[dt.date]:
        """The readings that exist in ``year`` (and fall on the weekday written, if any)."""
        out = []
        for month, day in self.readings:
            try:
                d = dt.date(year, month, day)
            except ValueError:
                continue
            if self.weekday is None or d.weekday() == self.weekday:
                out.append(d)
        return out


def _group(m: re.Match, form: str, name: str) -> str | None:
    return m.group(f"{form}_{name}")


def _numeric_readings(first: int, second: int, sep: str) -> tuple[tuple[int, int], ...]:
    """(month, day) readings of "first sep second": day first where the numbers allow both.

    Most of the world writes the day first (dots and dashes almost always; slashes too outside
    the United States); a weekday or the story decides between two readings later.
    """
    readings = []
    if 1 <= second <= 12 and 1 <= first <= 31:
        readings.append((second, first))
    if 1 <= first <= 12 and 1 <= second <= 31 and first != second:
        readings.append((first, second))
    return tuple(readings)


_DIGIT_RUN = fastre.compile(r"\d+")
_REACH_BACK = 34  # a date starts at most this far before its first number ("Wednesday, 14 September")
_REACH_ON = 40  # and ends at most this far after it ("June 22-24 , 2014", "14 septiembre de 2016")


_LETTER_RUN = fastre.compile(r"[A-Z][a-z]+|[^\W\d_]+")  # "DeskMarch": two words
_MONTH_KEYS = frozenset(_MONTHS)


_NAME_KEYS = frozenset(_MONTHS) | frozenset(_WEEKDAYS)


def _matches(line: str):
    """``_LINE_PATTERN.finditer(line)``, tried only where a date can start near a number of the line.

    Every date has a number; it starts at that number, or at a month or weekday name at most
    ``_REACH_BACK`` characters before it.  Matching at those few positions finds what a scan of the
    whole line would, for a fraction of its cost.
    """
    pos = 0
    for run in _DIGIT_RUN.finditer(line):
        if run.end() <= pos:
            continue
        start = max(pos, run.start() - _REACH_BACK)
        end = min(len(line), run.end() + _REACH_ON)
        starts = [start + w.start() for w in _LETTER_RUN.finditer(line[start:run.start()])
                  if w.group().lower() in _NAME_KEYS]
        for p in [*starts, run.start()]:
            m = _LINE_PATTERN.match(line, p, end)
            if m is not None:
                yield m
                pos = m.end()
                break


def read_line_dates(line: str) -> list[LineDate]:
    """Every date written on ``line``, in order."""
    found = []
    for m in _matches(line):
        form = m.lastgroup
        weekday_word = _group(m, form, "weekday")
        weekday = _WEEKDAYS.get(weekday_word.lower()) if weekday_word else None
        year_word = _group(m, form, "year")
        year = int(year_word) if year_word else None
        if form == "ymd":
            readings = ((int(_group(m, form, "num1")), int(_group(m, form, "num2"))),)
        elif form == "dmy":
            readings = _numeric_readings(int(_group(m, form, "num1")), int(_group(m, form, "num2")),
                                         _group(m, form, "sep"))
        else:
            month = _MONTHS.get(_group(m, form, "month").lower().rstrip("."))
            day_end = _group(m, form, "day2") if form == "month_day" else None
            readings = ((month, int(day_end or _group(m, form, "day"))),) if month else ()
        readings = tuple((mo, d) for mo, d in readings if 1 <= mo <= 12 and 1 <= d <= 31 and _exists(mo, d))
        if readings:
            found.append(LineDate(m.start(), m.end(), year, readings, weekday, form))
    return found


def _exists(month: int, day: int) -> bool:
    try:
        dt.date(2000, month, day)  # a leap year: 29 February exists
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class UrlDate:
    """A date read in a url: ``strong`` for a path that spells it out (``/2014/06/14/``), weak for a
    number that may embed one (``/24112014-amp``, ``/1140612/``), which needs the story's agreement."""

    date: dt.date
    evidence: str
    strong: bool


_URL_MONTH = rf"(?P<month>{_alternation(LEXICON.months('en'))})"
# "/2014/06/14/", "/2014/jun/26/", "/News/2014/June/5/", "/2015-05-23/", "2016_07_10_archive", "?date=2014-06-14"
_URL_PATH_DATE = fastre.compile(
    rf"(?<![0-9])(?P<year>(?:19|20)\d\d)(?P<sep>[/_-])(?:(?P<mnum>[01]?\d)|{_URL_MONTH})(?P=sep)"
    r"(?P<day>[0-3]?\d)(?![0-9])", re.IGNORECASE)
# "/2014/06/" alone: the year and month, which bound an inferred day
_URL_YEAR_MONTH = fastre.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mnum>[01]?\d)/", re.IGNORECASE)
_URL_DIGITS = fastre.compile(r"\d{6,14}")


def read_url_dates(url: str) -> list[UrlDate]:
    """The dates a url spells out or embeds, strong ones first."""
    if not url:
        return []
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    out: list[UrlDate] = []
    for m in _URL_PATH_DATE.finditer(path):
        month = int(m.group("mnum")) if m.group("mnum") else LEXICON.months("en")[m.group("month").lower()]
        d = _date(int(m.group("year")), month, int(m.group("day")))
        if d:
            # An archive page's date starts the period it lists ("2016_07_10_archive"): a bound, not the day.
            archive = path[m.end():m.end() + 10].lower().lstrip("_-/").startswith("archive")
            out.append(UrlDate(d, m.group(0), not archive))
    if out:
        return out
    for m in _URL_DIGITS.finditer(path):
        for d in _embedded(m.group(0)):
            out.append(UrlDate(d, m.group(0), False))
    return out


def url_year_month(url: str) -> tuple[int, int] | None:
    """The (year, month) a url's path gives without a day ("/2014/06/slug.html"), if any."""
    m = _URL_YEAR_MONTH.search(re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.IGNORECASE))
    if m and 1 <= int(m.group("mnum")) <= 12:
        return int(m.group("year")), int(m.group("mnum"))
    return None


def _embedded(digits: str) -> list[dt.date]:
    """The dates a run of digits in a url may embed, most specific first.

    ``YYYYMMDD`` at either end (timestamps ``20140817041137``, ids ending ``...20151228``),
    ``DDMMYYYY`` with an optional sequence digit (``290620142``), and ``CYYMMDD`` (a century digit 1
    for the 2000s, then ``YYMMDD``: ``1140612``, ``114100100849``) or a bare ``YYMMDD`` of six digits.
    """
    out = []
    n = len(digits)
    if n >= 8:
        out.append(_date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])))
        out.append(_date(int(digits[n - 8:n - 4]), int(digits[n - 4:n - 2]), int(digits[n - 2:])))
    if n in (8, 9):
        out.append(_date(int(digits[4:8]), int(digits[2:4]), int(digits[:2])))
    if n in (7, 12) and digits[0] == "1":
        out.append(_date(2000 + int(digits[1:3]), int(digits[3:5]), int(digits[5:7])))
    if n == 6:
        out.append(_date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:6])))
    seen, unique = set(), []
    for d in out:
        if d and d not in seen:
            seen.add(d)
            unique.append(d)
    return unique


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not 1990 <= year <= dt.date.today().year:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
