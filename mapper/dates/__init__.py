"""Dates: an article's publication date, and the dates its claims refer to.

The stage is split as its knowledge is:

``lexicon/*.toml``
    the words, per language: month and weekday names, date labels, page furniture, relative
    phrases with tested examples (:mod:`.lexicon` loads them).
:mod:`.formats`
    absolute dates in story prose ("22 June 2014", "June 22") and metadata values.
:mod:`.lines`
    dates on a page's own lines and in its url, in every form and language of the lexicon.
:mod:`.story`
    what the story's words say about when it was written (inference).
:mod:`.publication`
    the candidate sources of a publication date and the arbiter that chooses among them,
    with the reason for every verdict (``mapper explain``).
:mod:`.chronology`
    a reference chronology of the war's control changes (``chronology.csv``), against which
    articles that write no date are weighed as against their batch.
:mod:`.relative`
    a claim's date from the time words of its clause, relative to the publication date.
"""

from .chronology import ChronologyEntry, chronology_facts, load_chronology
from .formats import MONTHS, WEEKDAYS, DateMention, find_dates, parse_date
from .lexicon import LEXICON
from .publication import (
    RANKS,
    WRITTEN_SOURCES,
    Candidate,
    Dating,
    Verdict,
    article_candidates,
    date_article,
    publication_date,
)
from .relative import TimeWords, When, find_later, month_end, read_time, resolve_when, time_after
from .story import inferred_candidates, speech_weekdays, weekday_constraints, weekday_fit

__all__ = ["DateMention", "find_dates", "publication_date", "date_article", "Dating", "Candidate", "Verdict",
           "WRITTEN_SOURCES", "RANKS", "resolve_when", "read_time", "TimeWords", "When", "find_later",
           "time_after", "parse_date", "month_end", "MONTHS", "WEEKDAYS", "LEXICON", "article_candidates",
           "inferred_candidates", "speech_weekdays", "weekday_constraints", "weekday_fit", "ChronologyEntry",
           "chronology_facts", "load_chronology"]
