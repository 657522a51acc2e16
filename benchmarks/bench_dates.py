#!/usr/bin/env python3
"""Print the CPU time per article of the date stages of extraction, on a JSON lines corpus.

Stages, timed in pipeline order with ``time.process_time`` (the machine may be busy, so CPU
time, not wall time), each run starting with empty date caches:

- ``batch_year``: the batch's likely year, from the first 200 articles;
- ``publication_date``: every article, with that year as the hint;
- ``article_candidates``: the articles whose date is inferred (re-dating), right after their date;
- ``resolve_when``: every call claim extraction makes, recorded once and replayed.

Usage: python benchmarks/bench_dates.py CORPUS.jsonl [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

from gazetteer import load
from mapper import claims, dates
from mapper.articles import read_inputs
from mapper.pipeline import EventPool, batch_year
from mapper.places import find_mentions


def _clear_caches() -> None:
    """Empty the memo caches that would make later runs cheaper than the first."""
    for module in (dates, claims):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def _record_resolve_when_calls(articles, gaz, year_hint) -> list[tuple]:
    """The (clause, published) arguments of every resolve_when call claim extraction makes."""
    calls = []
    original = claims.resolve_when

    def recording(text, published):
        calls.append((text, published))
        return original(text, published)

    claims.resolve_when = recording
    try:
        for article in articles:
            published, how = dates.publication_date(article, year_hint=year_hint)
            mentions = tuple(find_mentions(article.text, gaz, article.body_spans()))
            claims.find_claims(article, mentions, published)
            if how == "inferred":
                for day in dates.article_candidates(article, year_hint)[:EventPool.CANDIDATES]:
                    if day != published:
                        claims.find_claims(article, mentions, day)
    finally:
        claims.resolve_when = original
    return calls


def _one_run(articles, calls) -> dict[str, float]:
    """CPU seconds of each stage over the corpus."""
    _clear_caches()
    clock = time.process_time
    cpu = dict.fromkeys(["batch_year", "publication_date", "article_candidates", "resolve_when"], 0.0)
    t = clock()
    year_hint = batch_year(articles[:200])
    cpu["batch_year"] = clock() - t
    for article in articles:  # in pipeline order: the candidates of an article come right after its date
        t = clock()
        _, how = dates.publication_date(article, year_hint=year_hint)
        cpu["publication_date"] += clock() - t
        if how == "inferred":
            t = clock()
            dates.article_candidates(article, year_hint)
            cpu["article_candidates"] += clock() - t
    t = clock()
    for text, published in calls:
        dates.resolve_when(text, published)
    cpu["resolve_when"] = clock() - t
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    articles = list(read_inputs([args.corpus]))
    year_hint = batch_year(articles[:200])
    calls = _record_resolve_when_calls(articles, load(), year_hint)
    runs = [_one_run(articles, calls) for _ in range(args.runs)]
    n = len(articles)
    print(f"{n} articles, {len(calls)} resolve_when calls; CPU ms per article, median of {args.runs} runs")
    for stage in runs[0]:
        print(f"  {stage:<20} {statistics.median(r[stage] for r in runs) / n * 1e3:8.4f}")
    print(f"  {'all date stages':<20} {statistics.median(sum(r.values()) for r in runs) / n * 1e3:8.4f}")


if __name__ == "__main__":
    main()
