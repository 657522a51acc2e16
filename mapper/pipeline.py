"""The extraction pipeline: read -> date -> find places -> claims, one article at a time."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from gazetteer import Gazetteer, load

from .articles import Article, ReadError, read_inputs
from .claims import find_claims
from .dates import publication_date
from .places import Mention, find_mentions

__all__ = ["Extracted", "extract", "extract_article", "batch_year"]

YEAR_SAMPLE = 200  # articles read ahead to learn the batch's likely year


@dataclass(frozen=True)
class Extracted:
    """One article's extraction: its date, place mentions and control events."""

    article: Article
    published: dt.date | None
    published_from: str
    mentions: tuple[Mention, ...]
    events: tuple = field(default=())

    def to_record(self) -> dict:
        """The ``mapper extract --json`` record of this article (see docs/interface.md)."""
        a = self.article
        return {
            "id": a.id,
            "source": a.source,
            "title": a.title,
            "published": self.published.isoformat() if self.published else None,
            "published_from": self.published_from,
            "toponyms": [m.to_dict() for m in self.mentions],
            "events": [e.to_dict() for e in self.events],
        }


def batch_year(articles: Iterable[Article]) -> int | None:
    """The median year of the articles whose date is written out in metadata or a dateline."""
    years = []
    for article in articles:
        date, how = publication_date(article)
        if date and how in ("metadata", "dateline") and _has_written_year(article, date):
            years.append(date.year)
    return round(statistics.median(years)) if years else None


def _has_written_year(article: Article, date: dt.date) -> bool:
    return str(date.year) in article.text[:600] or any(str(date.year) in d for d in article.metadata_dates)


def extract_article(article: Article, gaz: Gazetteer, year_hint: int | None = None,
                    date_override: dt.date | None = None) -> Extracted:
    """Run every stage on one article."""
    published, how = publication_date(article, year_hint=year_hint, override=date_override)
    mentions = tuple(find_mentions(article.text, gaz, article.body_spans()))
    events = tuple(find_claims(article, mentions, published))
    return Extracted(article, published, how, mentions, events)


def extract(inputs: Iterable[str], gaz: Gazetteer | None = None,
            date_override: dt.date | None = None) -> Iterator[Extracted | ReadError]:
    """Extract every article of the inputs, in input order; read errors are yielded, not raised.

    The first articles are read ahead to learn the batch's likely year (for datelines that
    give none); the rest are streamed.
    """
    gaz = gaz or load()
    stream = read_inputs(inputs)
    head = list(itertools.islice(stream, YEAR_SAMPLE))
    year_hint = batch_year(a for a in head if isinstance(a, Article))
    for item in itertools.chain(head, stream):
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            yield extract_article(item, gaz, year_hint, date_override)
        except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
            yield ReadError(item.source, f"extraction failed: {type(exc).__name__}: {exc}")
