"""Claim dates: the time a clause names, relative to its article's publication date.

:func:`resolve_when` turns "yesterday", "late last night", "on Saturday", "since Friday",
"earlier this month", "since January", "on June 10" into a date (or range) relative to the
publication date, with a precision of ``day``, ``range`` or ``month``.  The phrases are the
lexicon's ``[[relative]]`` rules (``lexicon/en.toml``); each ``kind`` has one canonical reading
here (:func:`_relative_when`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import fastre
from .formats import MONTHS, WEEKDAYS, DateMention, _cue_text, _name_key, find_dates
from .lexicon import LEXICON

__all__ = ["When", "TimeWords", "resolve_when", "read_time", "find_later", "time_after", "month_end"]


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


# The relative phrases, in the order they are tried, from the lexicon: (pattern, kind).
_REL_PATTERNS: list[tuple[re.Pattern, str]] = [(rule.pattern, rule.kind) for rule in LEXICON.relative]
_WORD_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
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


_REL_CUE_FILTER = fastre.CueFilter(rule.cues for rule in LEXICON.relative)


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
_YEAR_PART_MONTHS = {"early": (1, 4), "mid": (6, 7), "late": (9, 12)}  # "early/mid/late 2013"; mid: the middle two


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
        first_month, last_month = _YEAR_PART_MONTHS.get(part, (1, 12))
        first = dt.date(year, first_month, 1)
        last = month_end(dt.date(year, last_month, 1))
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


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # each lasts three months


def _season_when(groups: dict, published: dt.date, phrase: str) -> When | None:
    """The months of "the summer of 2014" (or of the last summer begun by publication), a range."""
    month = _SEASON_START[groups["season"].lower()]
    if groups.get("year"):
        year = int(groups["year"])
    else:
        year = published.year if dt.date(published.year, month, 1) <= published else published.year - 1
    first = dt.date(year, month, 1)
    last = month_end(dt.date(year + (month + 2) // 13, (month + 1) % 12 + 1, 1))
    if groups.get("last") and not groups.get("year") and last >= published:
        # "last summer" said in July: the summer before this one
        first, last = first.replace(year=first.year - 1), month_end(last.replace(day=1, year=last.year - 1))
    if first > published:
        return None  # a plan ("by the summer of 2017"), not an event
    if (groups.get("prep") or groups.get("since") or "").lower() == "since":
        return When(published, "range", first, phrase)
    return When(min(last, published), "range", first, phrase)


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` months before ``day`` (the month's last day if it has none)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, month_end(dt.date(year, month, 1)).day))


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
    if kind == "few_days_ago":
        # "a few days ago", "several days earlier": two days to a week back
        return When(published - dt.timedelta(days=2), "range", published - dt.timedelta(days=7), phrase)
    if kind == "years_ago":
        # "two years ago": about then, give or take half a year
        n = groups["n"].lower()
        middle = _months_before(published, 12 * (_WORD_NUMBERS.get(n) or int(n)))
        return When(min(published, _months_before(middle, -6)), "range", _months_before(middle, 6), phrase)
    if kind == "months_ago":
        # "two months ago": about then, give or take half a month
        n = groups["n"].lower()
        middle = _months_before(published, _WORD_NUMBERS.get(n) or int(n))
        return When(min(published, middle + dt.timedelta(days=15)), "range", middle - dt.timedelta(days=15), phrase)
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
    if kind == "season":
        return _season_when(groups, published, phrase)
    if kind == "last_year":
        return _year_when({**groups, "year": str(published.year - 1)}, published, phrase)
    raise ValueError(f"unknown kind of relative date: {kind}")

