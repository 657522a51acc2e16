"""The extraction pipeline: read -> date -> find places -> claims, one article at a time."""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import itertools
import os
import re
import statistics
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from gazetteer import Gazetteer, load

from .articles import Article, ReadError, input_files, read_inputs
from .claims import date_claims, read_claims
from .claims.lexicon import DAY_OR_MONTH
from .dates import (
    WRITTEN_SOURCES,
    chronology_facts,
    date_article,
    publication_date,
    speech_weekdays,
    weekday_constraints,
    weekday_fit,
)
from .gcpolicy import collect_less, collecting_less
from .partitions import Partition, iter_partitions, read_partition
from .places import Mention, find_mentions

__all__ = ["Extracted", "extract", "events_only", "extract_stream", "extract_article", "batch_year", "EventPool",
           "redate_candidates", "extract_with_candidates"]

YEAR_SAMPLE = 200  # articles read ahead to learn the batch's likely year
DATED_FROM = WRITTEN_SOURCES  # publication dates written in or for the article


@dataclass(frozen=True)
class Extracted:
    """One article's extraction: its date, place mentions and control events."""

    article: Article
    published: dt.date | None
    published_from: str
    mentions: tuple[Mention, ...]
    events: tuple = field(default=())
    # True when the date was weighed against the other articles of the batch (an inferred date, a day
    # written without its year, no date at all): a store dates these again against all it holds.
    batch_dated: bool = False

    def to_record(self, lists: bool = True) -> dict:
        """The ``mapper extract --json`` record of this article (see docs/interface.md); without its
        ``toponyms`` and ``events`` when not ``lists``."""
        a = self.article
        record = {
            "id": a.id,
            "source": a.source,
            "title": a.title,
            "published": self.published.isoformat() if self.published else None,
            "published_from": self.published_from,
        }
        if lists:
            record["toponyms"] = [m.to_dict() for m in self.mentions]
            record["events"] = [e.to_dict() for e in self.events]
        return record


def events_only(extracted: Extracted) -> Extracted:
    """An article's result without its text and place mentions: what a timeline needs.

    A ``finish`` for :func:`extract`: workers then send back a small part of what they read.
    """
    return Extracted(replace(extracted.article, text="", chrome=()), extracted.published, extracted.published_from,
                     (), extracted.events)


def batch_year(articles: Iterable[Article]) -> int | None:
    """The median year of the articles whose date is written out in metadata or a dateline."""
    return _median_year(_written_year(article) for article in articles)


def _written_year(article: Article) -> int | None:
    """The year of the article's publication date when it is written out (one article of :func:`batch_year`)."""
    try:
        date, how = publication_date(article)
    except Exception:  # noqa: BLE001 - the article's own extraction will report it
        return None
    if date and how in WRITTEN_SOURCES and how != "override" and _has_written_year(article, date):
        return date.year
    return None


def _median_year(years: Iterable[int | None]) -> int | None:
    years = [year for year in years if year is not None]
    return round(statistics.median(years)) if years else None


def _has_written_year(article: Article, date: dt.date) -> bool:
    year = str(date.year)
    return year in article.text[:2000] or year in article.source or any(year in d for d in article.metadata_dates)


def extract_article(article: Article, gaz: Gazetteer, year_hint: int | None = None,
                    date_override: dt.date | None = None) -> Extracted:
    """Run every stage on one article."""
    return _extract_read(article, gaz, year_hint, date_override)[0]


def _extract_read(article: Article, gaz: Gazetteer, year_hint: int | None, date_override: dt.date | None):
    """:func:`extract_article`, and the article's undated claims (for :func:`redate_candidates`)."""
    published, how = publication_date(article, year_hint=year_hint, override=date_override)
    mentions = tuple(find_mentions(article.text, gaz, article.body_spans()))
    readings = read_claims(article, mentions)
    return Extracted(article, published, how, mentions, tuple(date_claims(readings, published))), readings


class EventPool:
    """Day-dated control events of the articles whose publication date is written.

    Used to date the others: an undated wire story that reports "the fall since Friday of
    Qaim" belongs to the week in which the rest of the batch says Qaim fell.
    """

    def __init__(self):
        # Sorted days of each (place id, party): a date range is looked up by bisection, not by a scan
        # of every day (the lists grow with the batch; undated articles are weighed against them).
        self._days: dict[tuple[str, str], list[dt.date]] = {}
        # Any side's changes of each place: fighting for a place ("clashes in Jalawla on Sunday") agrees with
        # the day it changed hands, whoever took it.
        self._place_days: dict[str, list[dt.date]] = {}

    @classmethod
    def with_chronology(cls) -> EventPool:
        """A pool that knows the reference chronology's changes already (:mod:`mapper.dates.chronology`):
        an undated story of a well-known day is dated even when nothing else in its batch tells of it."""
        pool = cls()
        pool.add_facts(chronology_facts())
        return pool

    def add(self, extracted: Extracted) -> None:
        self.add_facts(self.facts(extracted))

    @staticmethod
    def facts(extracted: Extracted) -> tuple:
        """What the pool keeps of an article: (place id, party, day) of its changes dated by their words."""
        if extracted.published_from not in DATED_FROM:
            return ()
        return tuple((c.place_id, c.party, c.date) for c in extracted.events
                     if c.date_phrase and c.date_precision == "day" and c.action != "threatened")

    def add_facts(self, facts: tuple) -> None:
        for place_id, party, day in facts:
            for days in (self._days.setdefault((place_id, party), []), self._place_days.setdefault(place_id, [])):
                i = bisect.bisect_left(days, day)
                if i == len(days) or days[i] != day:
                    days.insert(i, day)

    def _days_of(self, place_id: str, party: str) -> Sequence[dt.date]:
        """The pool's days for a change of ``place_id`` by ``party`` (by anyone, for a fight: ``contested``)."""
        if party == CONTESTED:
            return self._place_days.get(place_id, ())
        return self._days.get((place_id, party), ())

    def agreement(self, events, slack: int = 0) -> int:
        """How many of ``events`` (dated by their words) fall on a day the pool gives the same change, or
        within ``slack`` days of one."""
        # Changes, not readings: "took Telskuf on Sunday ... we have taken Telskuf this morning" is one.
        return len({(c.place_id, c.party) for c, _ in self.matches(events, slack)})

    def matches(self, events, slack: int = 0) -> Iterator[tuple]:
        """``(event, day)`` for each of ``events`` the pool agrees with (see :meth:`agreement`): the
        evidence of a date found through the pool (``mapper explain``)."""
        margin = dt.timedelta(days=slack)
        for c in events:
            days = self._days_of(c.place_id, c.party)
            if not days or not c.date_phrase or c.action == "threatened":
                continue
            i = bisect.bisect_left(days, (c.date_start or c.date) - margin)
            if i < len(days) and days[i] <= c.date + margin:
                yield c, days[i]

    def _date_by_lead(self, extracted: Extracted, undated: Undated, year_hint: int | None) -> Extracted:
        """An article with no time words at all, dated to the day the pool gives the change its lead reports
        ("Iraqi forces retake Hit": the day Hit was retaken); most of the pool's agreeing changes win, then
        the batch's year, then the latest day.  Undated when the pool knows none of them."""
        day = _lead_day(self, undated.lead, year_hint)
        if day is None:
            return extracted
        return Extracted(extracted.article, day, "inferred", extracted.mentions,
                         tuple(date_claims(undated.readings, day)))

    def redate(self, extracted: Extracted, gaz: Gazetteer, year_hint: int | None,
               candidates: tuple | None = None) -> Extracted:
        """The extraction again on the candidate date the pool agrees with most, if any agrees.

        Parameters
        ----------
        extracted : Extracted
        gaz : Gazetteer
        year_hint : int or None
        candidates : tuple of (datetime.date, tuple of Claim), optional
            The article's :func:`redate_candidates`, when a worker has computed them already.
        """
        if isinstance(candidates, Undated):
            return self.date_undated(extracted, candidates, year_hint)
        if not self._days:
            return extracted
        if candidates is None:
            candidates = redate_candidates(extracted, year_hint)
        best, best_hits = extracted, self.agreement(extracted.events)
        for day, events in candidates:
            hits = self.agreement(events)
            if hits > best_hits:
                best = Extracted(extracted.article, day, "inferred", extracted.mentions, events)
                best_hits = hits
        if best is extracted and _other_years_of(extracted.published, candidates):
            best = self._nearest_year(extracted, candidates)
        return best

    def _nearest_year(self, extracted: Extracted, candidates: tuple) -> Extracted:
        """A day the page writes without its year, put in the year in which the pool's changes of the story's
        places lie nearest to it (within :data:`YEAR_BY_CHANGES_DAYS`), when no claim agrees with a day:
        "From AINA June 26" about fighting at Qaraqosh is June 2014, weeks before Qaraqosh fell."""
        best, nearest = extracted, self._distance(extracted.events, extracted.published)
        for day, events in candidates:
            distance = self._distance(events, day)
            if distance is not None and distance <= YEAR_BY_CHANGES_DAYS and (nearest is None or distance < nearest):
                best, nearest = Extracted(extracted.article, day, "inferred", extracted.mentions, events), distance
        return best

    def _distance(self, events, day: dt.date) -> int | None:
        """Days from ``day`` to the nearest change the pool knows of a place of ``events`` (any side's)."""
        nearest = None
        for place_id in {c.place_id for c in events if c.action != "threatened"}:
            days = self._place_days.get(place_id, ())
            i = bisect.bisect_left(days, day)
            for known in days[max(0, i - 1):i + 1]:
                gap = abs((known - day).days)
                nearest = gap if nearest is None else min(nearest, gap)
        return nearest

    def date_undated(self, extracted: Extracted, undated: Undated, year_hint: int | None = None) -> Extracted:
        """An article no date could be found for, dated by the batch (the ``batch`` source of a publication date).

        Its claims' time words ("Ramadi fell on Sunday") are read on each day up to a week after a day the
        pool gives the same change of the same place; the day that puts the most of them on the pool's days
        wins.  Among equals: a day in the batch's year (``year_hint``); the one its weekday words fit (a
        named weekday lies 0-6 days back); one on which no day something was *said* ("officials said on
        Friday") falls before the changes it reports; the one that puts its changes nearest the pool's
        days; the one that puts the weekdays it names closest together; the earliest (most stories name
        their own day).  A fight for a place ("clashes in Jalawla on Sunday") agrees with the days the
        place changed hands, whoever took it.
        The article stays undated when nothing in the pool agrees.
        """
        if extracted.published is not None or not self._days:
            return extracted
        if undated.lead:
            return self._date_by_lead(extracted, undated, year_hint)
        readings, constraints = undated.readings, undated.constraints
        days: set[dt.date] = set()
        for r in readings:
            if _dated_by_day(r) and r.action != "threatened":
                for day in self._days_of(r.mention.id, r.party):
                    days.update(day + dt.timedelta(days=k) for k in range(7 + UNDATED_SLACK_DAYS))
        if not days:
            return extracted
        best, best_key = None, None
        # Only claims with time words can agree with a day: the rest are dated once, on the day chosen.
        timed = tuple(r for r in readings if r.time.says_anything() or r.time_after.says_anything())
        for day in sorted(days):
            events = tuple(date_claims(timed, day))
            agreed = list(self.matches(events, UNDATED_SLACK_DAYS))
            hits = len({(c.place_id, c.party) for c, _ in agreed})  # as agreement(): changes, not readings
            if hits < UNDATED_MIN_AGREEMENT:
                continue
            met, back = weekday_fit(day.weekday(), constraints)
            first = min((c.date for c in events if c.date_phrase and c.date_precision == "day"), default=day)
            said_before = sum(1 for weekday in undated.said if _last(day, weekday) < first)
            named = [_last(day, weekday) for weekday, _ in constraints]
            span = (max(named) - min(named)).days if named else 0
            year_off = abs(day.year - year_hint) if year_hint else 0
            off = sum(abs((c.date - d).days) for c, d in agreed)
            key = (hits, -year_off, met, -said_before, -off, -span, -back)
            if best_key is None or key > best_key:
                best, best_key = day, key
        if best is None:
            return extracted
        return Extracted(extracted.article, best, "inferred", extracted.mentions, tuple(date_claims(readings, best)))


YEAR_BY_CHANGES_DAYS = 120  # a written day's guessed year is replaced only by one with a change this near


def _other_years_of(day: dt.date | None, candidates) -> bool:
    """True when ``candidates`` are ``day`` in other years (a day the page writes without its year)."""
    return day is not None and bool(candidates) and not isinstance(candidates, Undated) and all(
        (d.month, d.day) == (day.month, day.day) and d.year != day.year for d, _ in candidates)


def _lead_day(pool: EventPool, lead, year_hint: int | None) -> dt.date | None:
    """The day the pool gives the most of an article's lead changes (see :meth:`EventPool._date_by_lead`)."""
    votes: dict[dt.date, set] = {}
    for r in lead:
        for day in pool._days_of(r.mention.id, r.party):
            votes.setdefault(day, set()).add((r.mention.id, r.party))
    if not votes:
        return None
    return max(votes, key=lambda d: (len(votes[d]), -abs(d.year - year_hint) if year_hint else 0, d))


def _last(day: dt.date, weekday: int) -> dt.date:
    """The last ``weekday`` on or before ``day``."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


CONTESTED = "contested"  # the party of a claim that a place is fought over (parties.toml's state party)
UNDATED_MIN_AGREEMENT = 1  # changes an article with no date must share with the batch to be dated by it
# Days a change may lie from the batch's day for it and still agree: reports date a town's fall a day or two
# apart ("fell on Friday" when the last positions went on Sunday).
UNDATED_SLACK_DAYS = 2
# The time words that tie a claim to its article's day ("on Sunday", "yesterday"), not to a month or a year.
DAY_WORDS = {"weekday", "since_wd", "yesterday", "last_night", "today", "days_ago", "dom"}


def _dated_by_day(reading) -> bool:
    """True when a claim's words date it by the day of writing ("on Sunday", "yesterday")."""
    return reading.time.relative is not None and reading.time.relative[0] in DAY_WORDS


@dataclass(frozen=True)
class Undated:
    """What the pool needs to date an article no date was found for: its claims as read, undated, and
    its weekday words (:func:`mapper.dates.weekday_constraints`)."""

    readings: tuple
    constraints: tuple
    said: tuple = ()  # the weekdays named as days something was said (:func:`mapper.dates.speech_weekdays`)
    lead: tuple = ()  # the changes its headline and first sentence report with no time words (:func:`_lead_changes`)


LEAD_CHARS = 400  # the headline and the first sentence of a story: where its news is


def _lead_changes(article: Article, readings) -> tuple:
    """The changes of control an article with no time words at all reports first ("Iraqi forces retake Hit"):
    the news of the day it was written, when nothing else dates it."""
    body = article.body_spans()
    lead_end = (body[0][0] if body else 0) + LEAD_CHARS
    return tuple(r for r in readings if r.sentence_start < lead_end and r.action in ("captured", "recaptured")
                 and not r.time.says_anything() and not r.time_after.says_anything()
                 and not _NAMES_A_TIME.search(r.quote))


# A year, a month or a weekday: a lead that names one, even one that cannot be read ("31 February"), says
# when its change was; the day of the chronology's change is no guess to make for it.
_NAMES_A_TIME = re.compile(r"\b(?:1[89]|20)\d\d\b|\b" + DAY_OR_MONTH + r"\b")  # case-sensitive: "may" is a verb


def redate_candidates(extracted: Extracted, year_hint: int | None, readings: tuple | None = None) -> tuple:
    """The events an article with an inferred date would report on each other date its story allows.

    Pure (it needs no pool), so workers compute it and the process that holds the
    :class:`EventPool` only weighs the results.  ``readings`` are the article's
    :func:`mapper.claims.read_claims` when known already (they do not depend on the date).

    Returns
    -------
    tuple of (datetime.date, tuple of Claim), or Undated
        Most likely date first, for an ``inferred`` date, or the same day in other years for a day the
        page writes without its year; for an article with no date whose claims name days ("on Sunday"),
        an :class:`Undated` for :meth:`EventPool.date_undated`; else empty.
    """
    if extracted.published_from == "unknown":
        if readings is None:
            readings = read_claims(extracted.article, extracted.mentions)
        article = extracted.article
        body = article.body_spans()
        if not any(map(_dated_by_day, readings)):
            lead = _lead_changes(article, readings)
            return Undated(tuple(readings), (), (), lead) if lead else ()
        return Undated(tuple(readings), tuple(weekday_constraints(article.text, body)),
                       speech_weekdays(article.text, body))
    if extracted.published_from in ("override", "metadata", "url"):
        return ()  # given, or written with its year: never weighed against the batch
    dating = date_article(extracted.article, year_hint)
    if (dating.how, dating.date) != (extracted.published_from, extracted.published):
        return ()
    # (an inferred day's other readings, or a written day's other years when its year was a guess)
    days = [day for day in dating.alternatives if day != extracted.published]
    if days and readings is None:
        readings = read_claims(extracted.article, extracted.mentions)
    return tuple((day, tuple(date_claims(readings, day))) for day in days)


def extract(inputs: Iterable[str], gaz: Gazetteer | None = None,
            date_override: dt.date | None = None, jobs: int = 1,
            gazetteer_files: tuple = (), finish: Callable | None = None) -> Iterator:
    """Extract every article of the inputs, in input order; read errors are yielded, not raised.

    The first articles are read ahead to learn the batch's likely year (for datelines that
    give none) and to date the undated ones against the events the dated ones report
    (:class:`EventPool`); the rest are streamed, each undated one checked against the pool so far.

    Parameters
    ----------
    inputs : iterable of str
        Files or folders.
    gaz : Gazetteer, optional
        The bundled gazetteer with the user's additions by default.
    date_override : datetime.date, optional
        Publication date of every article (``--date``).
    jobs : int, default 1
        Worker processes for extraction (0: one per core).  With several, the workers read
        the inputs too, a partition at a time (:mod:`mapper.partitions`); ordering and batch
        dating stay in this process, so the output is the same for any ``jobs``.
    gazetteer_files : tuple of path
        The extra gazetteer files ``gaz`` was loaded with (workers load the same).
    finish : callable, optional
        Applied to each article's final :class:`Extracted` (in the workers when it can be:
        the articles whose date is not inferred), and its result yielded instead, e.g. the
        encoded output record.  A module-level function, so workers can be given it.  When it
        raises, a :class:`ReadError` ("cannot write record") is yielded in its place.

    Yields
    ------
    Extracted (or what ``finish`` returns) or ReadError
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        gaz = gaz or load(user_files=gazetteer_files)
        # read_inputs streams: JSON lines files are read a record at a time.
        yield from extract_stream(read_inputs(inputs), gaz, date_override, 1, gazetteer_files, finish=finish)
        return
    inputs = list(inputs)
    parts = iter_partitions(inputs, _partition_bytes(inputs, jobs))
    # The workers start (fork) while this process reads the head; without a gazetteer given, each loads its
    # own meanwhile (this process needs none unless a task is too small to hand over).
    with _Workers(jobs, gaz, gazetteer_files, date_override, finish) as work:
        head: list = []
        for part in parts:  # the first articles are read here, for the batch's year
            head.extend(read_partition(part))
            if len(head) >= YEAR_SAMPLE:
                break
        head, leftover = head[:YEAR_SAMPLE], head[YEAR_SAMPLE:]
        tasks = itertools.chain(_batched(leftover, BATCH), parts)
        yield from _extract_head_and_tasks(work, head, tasks, gaz, None, None, finish)


def extract_stream(stream: Iterable[Article | ReadError], gaz: Gazetteer, date_override: dt.date | None = None,
                   jobs: int = 1, gazetteer_files: tuple = (), year_fallback: int | None = None,
                   pool: EventPool | None = None, finish: Callable | None = None) -> Iterator:
    """:func:`extract` on articles already read (read errors are passed through, in order).

    Parameters
    ----------
    stream : iterable of Article or ReadError
    gaz : Gazetteer
    date_override, jobs, gazetteer_files, finish
        As for :func:`extract`.
    year_fallback : int, optional
        The likely year when the batch's own articles give none (e.g. a store's).
    pool : EventPool, optional
        Dated events known before this batch (e.g. a store's); filled further as it goes.
    """
    stream = iter(stream)
    with _Workers(jobs or os.cpu_count() or 1, gaz, gazetteer_files, date_override, finish) as work:
        head = list(itertools.islice(stream, YEAR_SAMPLE))
        yield from _extract_head_and_tasks(work, head, _batched(stream, BATCH), gaz, year_fallback, pool, finish)


def _extract_head_and_tasks(work: _Workers, head: list, tasks: Iterable, gaz: Gazetteer, year_fallback,
                            pool: EventPool | None, finish) -> Iterator:
    """Extract ``head`` (articles), then each task (a list of articles, or a Partition to read) in order.

    The head's dated articles all join the pool before its undated ones are dated; after
    that each article joins the pool and is dated in input order.
    """
    year_hint = work.batch_year(head) or year_fallback  # read in the workers too
    work.year_hint = year_hint
    pool = pool if pool is not None else EventPool.with_chronology()
    # The first tasks start while the head is extracted: the workers never wait on this process.
    results = work.run_all(itertools.chain([head], tasks))
    # Only articles with a written date join the pool (an inferred date adds no facts).
    done = next(results)
    for kind, _, extra in done:
        if kind == _FINISHED:
            pool.add_facts(extra)
    for outcome in done:
        yield _settle(*outcome, pool, gaz, year_hint, finish)
    for task_results in results:
        for kind, item, extra in task_results:
            if kind == _FINISHED:
                pool.add_facts(extra)
            yield _settle(kind, item, extra, pool, gaz, year_hint, finish)


# What a worker returns for each input item: (kind, item, extra).
_ERROR = "error"  # item: the ReadError
_FINISHED = "finished"  # item: the final result (finish applied); extra: its EventPool facts
_INFERRED = "inferred"  # item: Extracted with an inferred date; extra: its redate candidates


def _settle(kind, item, extra, pool: EventPool, gaz, year_hint, finish):
    """The final result of one item, once the pool has seen everything before it."""
    if kind != _INFERRED:
        return item
    return _finished(replace(pool.redate(item, gaz, year_hint, extra), batch_dated=True), finish)


def _finished(extracted: Extracted, finish):
    if finish is None:
        return extracted
    try:
        return finish(extracted)
    except Exception as exc:  # noqa: BLE001 - one bad record never stops a batch
        return ReadError(extracted.article.source, f"cannot write record: {exc}")


def _outcome(item, gaz, year_hint, date_override, finish) -> tuple:
    """Extract one item as a worker does: (kind, item, extra), see above."""
    result, candidates = extract_with_candidates(item, gaz, year_hint, date_override)
    if isinstance(result, ReadError):
        return _ERROR, result, None
    if result.published_from == "inferred" or candidates:  # (dated against the batch in this process)
        return _INFERRED, result, candidates
    return _FINISHED, _finished(result, finish), EventPool.facts(result)


BATCH = 512  # articles handed to the workers at a time: memory stays flat however long the input
PARTITION_BYTES = 1 << 20  # input a worker reads and extracts as one task, at most (about 250 news articles)
MIN_PARTITION_BYTES = 1 << 16


def _partition_bytes(inputs: list, jobs: int) -> int:
    """The size of a task: big enough to cost little to hand over, small enough for every worker
    to get several (a small batch in big tasks would leave a worker idle at the end)."""
    total = 0
    for path in input_files(inputs):
        try:
            total += path.stat().st_size if isinstance(path, Path) else 0
        except OSError:
            pass
    return max(MIN_PARTITION_BYTES, min(PARTITION_BYTES, total // (8 * jobs)))


def _batched(iterable, n):
    it = iter(iterable)
    while batch := list(itertools.islice(it, n)):
        yield batch


class _Workers:
    """Extraction in this process (``jobs == 1``) or in a pool of worker processes.

    Each task's results come back as a list of ``(kind, item, extra)`` (see
    :func:`_outcome`), so this process only orders them, keeps the :class:`EventPool` and
    dates the undated articles.
    """

    def __init__(self, jobs, gaz, gazetteer_files, date_override, finish=None):
        self.jobs, self.gaz = jobs, gaz
        self.year_hint = None  # the batch's (batch_year), set before the first task
        self.date_override, self.finish = date_override, finish
        self.files = tuple(str(f) for f in gazetteer_files)
        self.pool = None

    @property
    def args(self) -> tuple:
        return self.year_hint, self.date_override, self.finish

    def batch_year(self, head: list) -> int | None:
        """:func:`batch_year` of the head's articles, worked out by the workers when there are some."""
        if self.date_override is not None:
            return None  # (every article has the date given: no year to guess for any)
        articles = [a for a in head if isinstance(a, Article)]
        if self.pool is None or len(articles) < 2 * self.jobs:
            return batch_year(articles)
        chunk = -(-len(articles) // (4 * self.jobs))
        return _median_year(self.pool.map(_written_year, articles, chunksize=chunk))

    def __enter__(self):
        # The gazetteer and everything else alive now stay alive for the whole batch: leave them out of
        # the garbage collector's passes (which walk every object) and, in forked workers, out of the
        # pages those passes would copy.
        gc.freeze()
        self._collecting_less = collecting_less()
        self._collecting_less.__enter__()
        if self.jobs > 1:
            import multiprocessing

            global _WORKER_GAZ
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            # Forked workers share this process's gazetteer (copy-on-write) instead of loading it again.
            _WORKER_GAZ = self.gaz if method == "fork" else None  # None: each worker loads it
            self.pool = multiprocessing.get_context(method).Pool(
                self.jobs, initializer=_init_worker, initargs=(self.files,))
        return self

    def gazetteer(self) -> Gazetteer:
        """The gazetteer, loaded here only when this process extracts something itself."""
        if self.gaz is None:
            self.gaz = load(user_files=self.files)
        return self.gaz

    def run_all(self, tasks):
        """The results of each task in turn, while the workers already run the next ones."""
        pending = []
        for task in tasks:
            pending.append(self._submit(task))
            if len(pending) > 4 * self.jobs:  # small tasks: keep enough queued that no worker waits
                yield pending.pop(0)()
        for job in pending:
            yield job()

    def _submit(self, task):
        """Start on a task (a list of items, or a Partition); the returned callable waits for its results."""
        if isinstance(task, Partition):
            if self.pool is None:
                return lambda: [_outcome(item, self.gazetteer(), *self.args) for item in read_partition(task)]
            return self.pool.apply_async(_work_partition, (task, *self.args)).get
        if self.pool is None or len(task) < 2 * self.jobs:
            return lambda: [_outcome(item, self.gazetteer(), *self.args) for item in task]
        chunk = max(1, len(task) // (4 * self.jobs))
        return self.pool.map_async(_work, [(item, *self.args) for item in task], chunksize=chunk).get

    def __exit__(self, *exc):
        if self.pool is not None:
            self.pool.close() if exc[0] is None else self.pool.terminate()
            self.pool.join()
        gc.unfreeze()
        self._collecting_less.__exit__(None, None, None)
        return False



_WORKER_GAZ: Gazetteer | None = None


def _init_worker(gazetteer_files: tuple) -> None:
    global _WORKER_GAZ
    collect_less()
    if _WORKER_GAZ is None:
        _WORKER_GAZ = load(user_files=gazetteer_files)


def _work(args):
    item, *rest = args
    return _outcome(item, _WORKER_GAZ, *rest)


def _work_partition(part: Partition, year_hint, date_override, finish) -> list:
    return [_outcome(item, _WORKER_GAZ, year_hint, date_override, finish) for item in read_partition(part)]


def extract_with_candidates(item, gaz, year_hint, date_override) -> tuple:
    """One item extracted as a worker does it, for engines that batch-date elsewhere (Dask).

    Parameters
    ----------
    item : Article or ReadError
    gaz : Gazetteer
    year_hint : int or None
        The batch's likely year (:func:`batch_year`).
    date_override : datetime.date or None

    Returns
    -------
    tuple
        ``(Extracted or ReadError, candidates)``: ``candidates`` are :func:`redate_candidates`
        (empty unless the date was inferred); the article is read for claims once.  An article
        whose extraction fails comes back as a ReadError naming it.
    """
    if isinstance(item, ReadError):
        return item, ()
    try:
        result, readings = _extract_read(item, gaz, year_hint, date_override)
        return result, redate_candidates(result, year_hint, readings)
    except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
        return _failed(item, exc), ()


def _failed(article: Article, exc: Exception) -> ReadError:
    return ReadError(article.source, f"extraction failed: {type(exc).__name__}: {exc}")
