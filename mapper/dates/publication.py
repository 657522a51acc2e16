"""An article's publication date: candidate sources, one arbiter, and the reasons for its choice.

Each source proposes dates with where it found them:

===========  ====  ==========================================================================
source       rank  what it reads
===========  ====  ==========================================================================
override     0     the date the user gave (``--date``): final
metadata     1     the feed's ``published`` field, HTML meta tags and ``<time>``: never replaced
labelled     2     a line labelled as the page's date ("Posted:", "Date:", "Yayın tarihi") or a
                   byline's ("By AP - Mar 9,2015", "AFP , Monday 9 Mar 2015")
url          3     a date the url spells out (``/2014/06/14/``, ``/2014/jun/26/``, ``2015-05-23``)
header       4     a short line of the header that is a date ("lundi 16 juin 2014")
url          5     a date a number in the url may embed (``/24112014-amp``, ``/1140612/``): only
                   when the story's years agree
dateline     6     the date after the place that opens the story ("KIRKUK, June 16 (Reuters) -")
updated      7     a line labelled as a later edit ("Last updated", "Güncelleme Tarihi")
inferred     8     the story itself: the day after the latest date it names that makes its weekday
                   words true (:mod:`.story`); a batch may move it (:class:`mapper.pipeline.EventPool`)
===========  ====  ==========================================================================

The arbiter takes the best-ranked candidate that no veto drops.  Vetoes judge what a page prints
against what its story says: a line of page furniture (copyright, comments, "published 8 years
ago", photo credits, a crawler's row of daily counters) is no candidate; a date before several dates
its story names is not when it was written; a date months after every date a story told from its own
day names ("yesterday", "on Sunday") is a page's re-render, unless it is a place's dateline or the
story is a retrospective.  A date the user or the feed gives is never replaced: a disagreement with
the page is a warning.  Yearless dates ("Baghdad, June 11:") take the year of a stronger candidate,
of the line after them, of the years the story writes, or of the batch.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from .. import fastre
from .formats import WEEKDAYS, _name_key, _weekday_words, find_dates, parse_date
from .lexicon import LEXICON
from .lines import LineDate, read_line_dates, read_url_dates, url_year_month
from .story import (
    _span_years,
    _stale,
    _story_dates_except,
    _tells_days_from_its_own,
    _too_early,
    _year_for,
    cut_spans,
    inferred_candidates,
    pinned_year,
)

__all__ = ["Candidate", "Verdict", "Dating", "date_article", "publication_date", "article_candidates",
           "WRITTEN_SOURCES", "RANKS"]

RANKS = {"override": 0, "metadata": 1, "labelled": 2, "url": 3, "header": 4, "url-embedded": 5, "dateline": 6,
         "updated": 7, "inferred": 8}
# Sources whose date is written in or for the article (not inferred): they date other articles of a batch.
WRITTEN_SOURCES = ("override", "metadata", "labelled", "url", "header", "dateline", "updated")
HEADER_LINES = 16  # non-empty lines at the top of a page read for its own date
FOOTER_LINES = 10  # and at its bottom, for a labelled stamp only
FIRST_PARAGRAPHS = 4  # lines after the header read for a dateline or a byline
SHORT_LINE_WORDS = 9  # a header line with more words besides its date is a sentence (a photo caption, a lede)
FURNITURE_LINE_WORDS = 15  # a longer line is prose: only a photo credit makes it furniture (a caption)
LONG_LINE = 240  # a longer line is a paragraph: read for a date only at its start (and for a photo credit)
CAPTION_MAX_CHARS = 5000  # a longer line is prose, whatever credit it ends with
DATELINE_REACH = 70  # a dateline's date lies within this many characters of its paragraph's start
ALTERNATIVE_DAYS = 8  # days an inferred date is weighed against in a batch


@dataclass(frozen=True)
class Candidate:
    """A publication date a source proposes, with where and how it was read."""

    date: dt.date
    source: str
    evidence: str
    start: int | None = None  # offset in the article text (None for metadata and url)
    note: str = ""  # how a year or reading was chosen
    guessed_year: bool = False  # the page gives the day; its year is the batch's or the story's (see ``note``)

    @property
    def rank(self) -> int:
        return RANKS[self.source]


@dataclass(frozen=True)
class Verdict:
    """What the arbiter made of a candidate: ``chosen``, ``outranked`` or ``vetoed`` (with the reason)."""

    candidate: Candidate
    status: str
    reason: str = ""


@dataclass(frozen=True)
class Dating:
    """An article's publication date, how it was found, and every candidate's verdict."""

    date: dt.date | None
    how: str  # the winning source, or "unknown"
    verdicts: tuple[Verdict, ...] = ()
    warnings: tuple[str, ...] = ()
    rejected_lines: tuple[tuple[str, str], ...] = field(default=())  # (line, why it is page furniture)
    # other days an inferred date may be (or, for a written day whose year was guessed, the same day in other
    # years), for the batch to weigh
    alternatives: tuple[dt.date, ...] = ()


def publication_date(article, year_hint: int | None = None, override: dt.date | None = None):
    """The publication date of an article and the source it came from.

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
        The date and its source (see the module's table), or ``(None, "unknown")``.
    """
    dating = date_article(article, year_hint, override)
    return dating.date, dating.how


_RECENT: dict = {}  # (article id, ..., year hint, override) -> Dating: an article is dated, then its alternatives read
_RECENT_SIZE = 8


def date_article(article, year_hint: int | None = None, override: dt.date | None = None) -> Dating:
    """Every candidate publication date of ``article`` and the arbiter's verdict on each."""
    key = (article.id, article.source, article.metadata_dates, year_hint, override)
    dating = _RECENT.get(key)
    if dating is None:
        dating = _date_article(article, year_hint, override)
        if len(_RECENT) >= _RECENT_SIZE:
            _RECENT.pop(next(iter(_RECENT)))
        _RECENT[key] = dating
    return dating


def _date_article(article, year_hint: int | None, override: dt.date | None) -> Dating:
    if override:
        return Dating(override, "override", (Verdict(Candidate(override, "override", "--date"), "chosen"),))
    page = _Page(article, year_hint)
    candidates = page.candidates()
    verdicts: list[Verdict] = []
    chosen: Candidate | None = None
    for cand in sorted(candidates, key=lambda c: (c.rank, c.start if c.start is not None else -1)):
        if chosen is not None:
            verdicts.append(Verdict(cand, "outranked", f"{chosen.source} ranks first" if cand.date != chosen.date
                                    else "agrees"))
            continue
        veto = page.veto(cand)
        if veto:
            verdicts.append(Verdict(cand, "vetoed", veto))
            continue
        chosen = cand
        verdicts.append(Verdict(cand, "chosen"))
    if chosen is None:
        for day in page.inferred():
            cand = Candidate(day, "inferred", page.inference_evidence())
            chosen = chosen or cand
            verdicts.append(Verdict(cand, "chosen" if cand is chosen else "outranked", "" if cand is chosen else
                                    "a later day the story allows"))
            if len(verdicts) >= 5:
                break
    warnings = _disagreements(chosen, candidates)
    if chosen is None:
        return Dating(None, "unknown", tuple(verdicts), warnings, tuple(page.rejected))
    if chosen.source == "inferred":
        return Dating(chosen.date, "inferred", tuple(verdicts), warnings, tuple(page.rejected),
                      page.alternatives(chosen))
    how = "url" if chosen.source == "url-embedded" else chosen.source
    # A day the page writes without its year ("BAGHDAD, Nov 23 (Wire) --") is in the year guessed for it only
    # until the batch's events agree better with another.
    other_years = _same_day_other_years(chosen.date) if chosen.guessed_year else ()
    return Dating(chosen.date, how, tuple(verdicts), warnings, tuple(page.rejected), other_years)


YEAR_REACH = 2  # years either side of a guessed year in which the batch may place a yearless day


def _same_day_other_years(day: dt.date) -> tuple[dt.date, ...]:
    """``day`` a year or two either side (a 29 February only in leap years), nearest first."""
    out = []
    for shift in (s for k in range(1, YEAR_REACH + 1) for s in (-k, k)):
        try:
            other = day.replace(year=day.year + shift)
        except ValueError:
            continue
        if dt.date(1990, 1, 1) <= other <= dt.date.today():
            out.append(other)
    return tuple(out)


def article_candidates(article, year_hint: int | None = None) -> list[dt.date]:
    """The publication dates an undated article's story allows, most likely first (the ``inferred`` source).

    The story is the body less the page's own date lines and its furniture, as the arbiter reads it.
    """
    page = _Page(article, year_hint)
    page.candidates()  # finds the page's own date lines, which are no part of the story
    return page.inferred()


def _disagreements(chosen: Candidate | None, candidates: list[Candidate]) -> tuple[str, ...]:
    """A given date (feed, user) that the page contradicts by more than a day: said, never acted on."""
    if chosen is None or chosen.source not in ("metadata", "override"):
        return ()
    out = []
    for cand in candidates:
        if cand.source in ("labelled", "url", "header", "dateline") and abs((cand.date - chosen.date).days) > 1:
            out.append(f"the {chosen.source} date {chosen.date} is kept; the page's {cand.source} says {cand.date} "
                       f"({cand.evidence!r})")
    return tuple(out)


# -- the page's lines ------------------------------------------------------------------------
def _words_re(words) -> str:
    return fastre.word_trie(words, any_space=False)


def _labels(label: re.Pattern, zone: str) -> bool:
    """True when a label of ``label`` in ``zone`` (the words before a date) is the date's: "Posted on", "Updated:",
    "Published by Staff |", not a word of the story's prose ("guards posted to protect the dam pulled out on")."""
    found = [m.end() for m in label.finditer(zone)]
    return bool(found) and _LABEL_TO_DATE.fullmatch(zone, found[-1]) is not None


# What may lie between a label and its date: punctuation, "on", "at", a time, or "by" and a short name.
_LABEL_TO_DATE = fastre.compile(r"[\s:|,.\-–—/()]*(?:(?:on|at)\b[\s:,]*)?"
                                r"|[\s:]*by\s+[^.;:]{1,40}?(?:\s+on|\s+at|,|\s*[|\-–—])[\s:]*"
                                r"|[\s:|,\-–—]*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?[\s,|\-–—]*(?:on\s+)?",
                                re.IGNORECASE)
_PUBLISHED_LABEL = fastre.compile(rf"(?<!\w)(?:{_words_re(LEXICON.labels('published'))})(?!\w)", re.IGNORECASE)
_UPDATED_LABEL = fastre.compile(rf"(?<!\w)(?:{_words_re(LEXICON.labels('updated'))})(?!\w)", re.IGNORECASE)
_FURNITURE = {kind: fastre.compile(rf"(?:(?<!\w)|(?<=\W))(?:{_words_re(words)})(?!\w)", re.IGNORECASE)
              for kind, words in LEXICON.furniture().items()}
_AGENCY = fastre.compile(rf"^\W*(?:{_words_re(LEXICON.agencies())})\b", re.IGNORECASE)
# A byline: "By Jane Doe", "Written by ... on", "From AINA"; a name after the date ("Feb 24, 2017 - Jo Doe").
_BYLINE = fastre.compile(r"^\W*(?:By|BY|From|FROM)\s+[A-Z]|\b(?:written|filed|posted)\s+by\b", re.IGNORECASE)
_NAME_AFTER = fastre.compile(r"^\s*[-–—|/]+\s*(?:[A-Z][\w.'’-]+\s*){1,4}$")
# What precedes the date of a dateline in its paragraph: "BAGHDAD, ", "RAMADI — ", "London [UK], ".
_DATELINE_PLACE = fastre.compile(r"^\W{0,3}[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:,\s*[A-Z][\w'’.-]+){0,2}"
                             r"\s*(?:[(\[][^)\]\n]{1,30}[)\]])?\s*(?:,|[—–-]{1,2}|:)?\s*$")
# What follows a date that opens a paragraph as its dateline: "11-8-2014 – MAKHMOUR, Iraq —", or an agency or
# place in title case closed by a comma or a dash ("11.8.2014 – Kurdnews, Gwer –"); not a sentence ("– The army").
_PLACE_AFTER = fastre.compile(r"^\s*[—–-]{1,2}\s*(?:[A-Z][A-Z'’.-]+|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}\s*[,—–-])")
# A date after one of these words is an event's time in a sentence ("On June 16, ..."), not a dateline.
_TIME_WORD = fastre.compile(r"\b(?:on|in|since|until|till|by|from|before|after|late|early|between|of|at|as|during|"
                        r"through|to|and|the|a|an|this|that|its|their)\b", re.IGNORECASE)
# What follows a dateline's date: the agency in brackets, a colon or a dash ("June 16 (Reuters) -", "June 11:").
_DATELINE_END = fastre.compile(r"^\s*,?\s*(?:[(\[][^)\]\n]{1,30}[)\]])?\s*(?:[:—–-]|$)")
_TIME_WORD_LAST = fastre.compile(_TIME_WORD.pattern + r"\W*$", re.IGNORECASE)
_WORD = fastre.compile(r"[^\W\d_]{2,}")
_MULTI_DATE_LINE = 3  # a line with this many dates is a list (daily counters, related headlines)
_LINE_YEAR = fastre.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass
class _Line:
    start: int
    text: str
    index: int  # among the lines read (see _Page._lines)
    zone: str = "header"  # "header", "first" (the paragraphs after it) or "footer"


class _Page:
    """One article as the sources read it: its lines, url, story dates and years."""

    def __init__(self, article, year_hint: int | None):
        self.article = article
        self.text = article.text
        self.year_hint = year_hint
        self.spans = article.body_spans()
        self.lines = self._lines()
        self.rejected: list[tuple[str, str]] = []
        self.furniture_spans: list[tuple[int, int]] = []
        self.url = article.source if _looks_like_url(article.source) else ""
        self._story_cache: dict = {}
        self._retrospective: bool | None = None
        self.page_lines: list[tuple[int, int]] = []  # lines read as the page's own dates (or its furniture)
        self._story: list[tuple[int, int]] | None = None
        self._likely_year: tuple[int | None, str] | None = None  # worked out once (likely_year)
        self._inferred: list[dt.date] | None = None

    def _lines(self) -> list[_Line]:
        """The non-empty lines the sources read: the first ``HEADER_LINES`` (then a few paragraphs) and the
        last ``FOOTER_LINES``; the lines between are story only, and are never split."""
        head_count = HEADER_LINES + FIRST_PARAGRAPHS
        head: list[_Line] = []
        head_end = 0
        for s, e in self.spans:
            pos = s
            while pos < e and len(head) < head_count:
                nxt = self.text.find("\n", pos, e)
                nxt = e if nxt < 0 else nxt
                if self.text[pos:nxt].strip():
                    zone = "header" if len(head) < HEADER_LINES else "first"
                    head.append(_Line(pos, self.text[pos:nxt], len(head), zone))
                    head_end = nxt
                pos = nxt + 1
            if len(head) >= head_count:
                break
        tail: list[tuple[int, str]] = []
        for s, e in reversed(self.spans):
            end = e
            while end > max(s, head_end) and len(tail) < FOOTER_LINES:
                prev = self.text.rfind("\n", max(s, head_end), end)
                start = max(s, head_end) if prev < 0 else prev + 1
                if self.text[start:end].strip():
                    tail.append((start, self.text[start:end]))
                end = start - 1
            if len(tail) >= FOOTER_LINES or s <= head_end:
                break
        footer = [_Line(start, text, len(head) + i, "footer") for i, (start, text) in enumerate(reversed(tail))]
        return head + footer

    # -- candidates -------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        out = [Candidate(d, "metadata", raw) for raw in self.article.metadata_dates
               if (d := parse_date(raw)) and d.year >= 1990]
        for u in read_url_dates(self.url):
            out.append(Candidate(u.date, "url" if u.strong else "url-embedded", u.evidence))
        written = [c for c in out if c.source in ("metadata", "url")]
        page = self._line_candidates()
        # Yearless dates are placed once the dates with a year are known.
        with_year = written + [c for c, _ in page if c is not None]
        for cand, pending in page:
            if cand is not None:
                out.append(cand)
            else:
                out.extend(self._place_in_year(*pending, with_year))
        return out

    def _line_candidates(self) -> list[tuple[Candidate | None, tuple]]:
        """(candidate, None) for each date with a year on the page's own lines; (None, pending) for yearless ones."""
        found = []
        for line in self.lines:
            in_header = line.zone == "header"
            text = line.text
            if len(text) > LONG_LINE:
                # A paragraph: its dateline or byline opens it; only a photo credit makes the rest furniture.
                # (a whole page on one line is no caption: its dates are the story's)
                caption = len(text) <= CAPTION_MAX_CHARS and read_line_dates(text) \
                    and _FURNITURE["captions"].search(text)
                if caption:
                    self.rejected.append((text.strip()[:120], f"captions ({caption.group(0).strip()!r})"))
                    self.furniture_spans.append((line.start, line.start + len(text)))
                    self.page_lines.append((line.start, line.start + len(text)))
                    continue
                text = text[:LONG_LINE]
            dates = read_line_dates(text)
            if not dates:
                continue
            # (a whole page on one line is read as its opening only: no credit at its end makes it a caption)
            furniture = self._furniture(line.text if len(line.text) <= CAPTION_MAX_CHARS else text, dates)
            if furniture:
                self.rejected.append((line.text.strip()[:120], furniture))
                self.furniture_spans.append((line.start, line.start + len(line.text)))
                self.page_lines.append((line.start, line.start + len(line.text)))
                continue
            for d in dates:
                source = self._source_of(line, d, in_header)
                if source is None:
                    continue
                # The page's own date is no event of the story (a dateline's paragraph keeps the rest of its text).
                self.page_lines.append((line.start + d.start, line.start + d.end) if source == "dateline"
                                       else (line.start, line.start + len(line.text)))
                evidence = line.text.strip()[:100]
                start = line.start + d.start
                if d.year is None:
                    found.append((None, (d, source, evidence, start, line)))
                    continue
                for i, day in enumerate(d.on_year(d.year)):
                    note = "" if len(d.readings) == 1 else ("day first" if i == 0 else "month first")
                    found.append((Candidate(day, source, evidence, start, note), ()))
        return found

    def _furniture(self, text: str, dates: list[LineDate]) -> str:
        if len(dates) >= _MULTI_DATE_LINE:
            return f"{len(dates)} dates on one line (a list or counters)"
        prose = len(_WORD.findall(text)) > FURNITURE_LINE_WORDS
        for kind, pattern in _FURNITURE.items():
            if prose and kind != "captions":  # a photo credit ends a long caption; the other marks make short lines
                continue
            m = pattern.search(text)
            if m:
                return f"{kind} ({m.group(0).strip()!r})"
        return ""

    def _source_of(self, line: _Line, d: LineDate, in_header: bool) -> str | None:
        """Which source a date on ``line`` belongs to, or None when it is the story's own prose.

        Below the header only a labelled stamp counts ("Güncelleme Tarihi: ..." in a footer).
        """
        before = line.text[:d.start]
        after = line.text[d.end:]
        label_zone = before[-45:]
        if _labels(_UPDATED_LABEL, label_zone) and not _labels(_PUBLISHED_LABEL, label_zone[-20:]):
            return "updated"
        if _labels(_PUBLISHED_LABEL, label_zone) or (in_header and (_BYLINE.search(before) or _AGENCY.search(before)
                                                                     or _NAME_AFTER.match(after))):
            return "labelled"
        if not in_header:
            return None
        if (_DATELINE_PLACE.match(before) and len(before) <= DATELINE_REACH and before.strip()
                and not _TIME_WORD.search(before) and _DATELINE_END.match(after)):
            return "dateline"
        if not before.strip() and _PLACE_AFTER.match(after):
            return "dateline"
        words = _WORD.findall(before + " " + after)
        lower = sum(w.islower() for w in words)
        sentence = line.text.rstrip().endswith((".", "!", "?")) and lower >= 3
        if len(words) <= SHORT_LINE_WORDS and not sentence and not _TIME_WORD_LAST.search(before):
            return "header"
        return None

    def _place_in_year(self, d: LineDate, source: str, evidence: str, start: int, line: _Line,
                       with_year: list[Candidate]) -> list[Candidate]:
        """A yearless date in the year the page or the story gives it."""
        # The line after it may finish it ("17 June" over "12:59 2014").
        following = self.lines[line.index + 1] if line.index + 1 < len(self.lines) else None
        nxt = following.text if following is not None and following.zone != "footer" else ""
        m = _LINE_YEAR.search(nxt) if len(nxt.strip()) <= 20 else None
        if m:
            return [Candidate(day, source, evidence, start, f"year {m.group(1)} from the next line")
                    for day in d.on_year(int(m.group(1)))]
        # The year of a stronger candidate it does not follow (a dateline's day is on or before the page's).
        for other in sorted(with_year, key=lambda c: c.rank):
            for day in d.on_year(other.date.year) + d.on_year(other.date.year - 1):
                if dt.timedelta(0) <= other.date - day <= dt.timedelta(days=300):
                    return [Candidate(day, source, evidence, start, f"year from the {other.source} date")]
        year, how = self.likely_year()
        if how in ("url", "weekday") and d.on_year(year):
            return [Candidate(day, source, evidence, start, f"year {year} from the {how}")
                    for day in d.on_year(year)[:1]]
        head = min(600, len(self.text))
        weekday_hints = {WEEKDAYS[_name_key(m.group(1))] for m in _weekday_words(self.text, 0, head)}
        likely = [self.year_hint] if self.year_hint else self.story_years[-3:]
        year = self.year_hint if self.year_hint and d.weekday is None and d.on_year(self.year_hint) else None
        if year is None:
            year = _year_for(_AsMention(d), weekday_hints, likely or self.story_years, set(self.story_years))
        if year is None:
            return []
        why = "the batch's year" if year == self.year_hint else "a year the story writes"
        return [Candidate(day, source, evidence, start, f"year {year} guessed: {why}", guessed_year=True)
                for day in d.on_year(year)[:1]]

    # -- vetoes -----------------------------------------------------------------------------
    def veto(self, cand: Candidate) -> str:
        """Why ``cand`` cannot be the story's date, or "" when nothing says so."""
        if cand.source in ("metadata", "override"):
            return ""  # given, never replaced
        if cand.date > dt.date.today():
            return "in the future"
        later = sorted({y for y in self.story_years if y > cand.date.year + 1})
        if cand.source == "url-embedded" and later:
            return f"the story names later years ({', '.join(map(str, later))})"
        story = self._story_dates(cand)
        if _too_early(cand.date, story):
            return "the story names several later dates"
        if _stale(cand.date, story) and cand.source not in ("dateline", "url"):
            if self._retrospective is None:
                self._retrospective = not _tells_days_from_its_own(self.text, self.spans)
            if not self._retrospective:
                return "months after every date a story told from its own day names"
        return ""

    def _story_dates(self, cand: Candidate) -> list[dt.date]:
        key = (cand.date.year, cand.start)
        if key not in self._story_cache:
            skip = (cand.start, cand.start + 1) if cand.start is not None else None
            self._story_cache[key] = _story_dates_except(self.text, self._spans_without_furniture(), cand.date.year,
                                                         skip)
        return self._story_cache[key]

    @property
    def story(self) -> list[tuple[int, int]]:
        """The story's spans: the body less the lines that gave the page's own dates or were furniture."""
        if self._story is None:
            self._story = cut_spans(self.spans, self.page_lines)
        return self._story

    @functools.cached_property
    def story_years(self) -> list[int]:
        this_year = dt.date.today().year
        return [y for s, e in self.story for y in _span_years(self.text[s:e]) if 1990 <= y <= this_year]

    def _spans_without_furniture(self) -> list[tuple[int, int]]:
        """The story's spans less the lines found to be page furniture (a photo caption's date is no event)."""
        return cut_spans(self.spans, self.furniture_spans)

    # -- inference --------------------------------------------------------------------------
    def likely_year(self) -> tuple[int | None, str]:
        if self._likely_year is None:
            self._likely_year = self._find_likely_year()
        return self._likely_year

    def _find_likely_year(self) -> tuple[int | None, str]:
        """The year of an undated story, and what gave it: the url, a weekday beside a date, the batch, the story."""
        bound = url_year_month(self.url)
        if bound:
            return bound[0], "url"
        near = self.year_hint or (max(self.story_years) if self.story_years else None)
        pinned = pinned_year(self.text, self.story, near)
        if pinned:
            return pinned, "weekday"
        if self.year_hint:
            return self.year_hint, "batch"
        return (max(self.story_years), "story") if self.story_years else (None, "")

    def inferred(self) -> list[dt.date]:
        if self._inferred is None:
            self._inferred = self._infer()
        return self._inferred

    def _infer(self) -> list[dt.date]:
        """The days the story allows, most likely first (in the url's month when it gives one)."""
        bound = url_year_month(self.url)
        year, _ = self.likely_year()
        days = inferred_candidates(self.text, self.story, year)
        if bound:
            inside = [d for d in days if (d.year, d.month) == bound]
            days = inside + [d for d in days if (d.year, d.month) != bound]
        return days

    def alternatives(self, chosen: Candidate) -> tuple[dt.date, ...]:
        """Other days an inferred date may be: the story's next choices and, when the year is a guess, the
        same days a year or two either side (the batch's events decide among them)."""
        days = [chosen.date] + [d for d in self.inferred()[:ALTERNATIVE_DAYS] if d != chosen.date]
        year, how = self.likely_year()
        if how in ("batch", "story", "") and not self._writes_full_dates() and year:
            for shift in (-1, 1, -2, 2):
                # The story read in that year: its weekdays fall on other days ("on Thursday" after "June 16"
                # is June 19 in 2014, June 18 in 2015).
                days.extend(inferred_candidates(self.text, self.story, year + shift)[:ALTERNATIVE_DAYS // 2])
        return tuple(dict.fromkeys(d for d in days if d != chosen.date and dt.date(1990, 1, 1) <= d <= dt.date.today()))

    def _writes_full_dates(self) -> bool:
        """True when the story writes a date with its year ("Dec. 27, 2015"): its inference needs no year."""
        return any(m.year for s, e in self.story for m in find_dates(self.text, s, e))

    def inference_evidence(self) -> str:
        bound = url_year_month(self.url)
        base = "the day after the latest date the story names that fits its weekday words"
        return base + (f", in {bound[0]}-{bound[1]:02d} (url)" if bound else "")


@dataclass(frozen=True)
class _AsMention:
    """A yearless :class:`LineDate` as :func:`.story._year_for` reads a date mention."""

    line_date: LineDate

    @property
    def weekday(self):
        return self.line_date.weekday

    def on_year(self, year: int):
        days = self.line_date.on_year(year)
        if days:
            return days[0]
        month, day = self.line_date.readings[0]
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None


def _looks_like_url(source: str) -> bool:
    return bool(source) and source.lower().startswith(("http://", "https://", "www."))
