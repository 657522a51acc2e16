#!/usr/bin/env python3
"""Print the CPU time per article of the date stages of extraction, on a JSON lines corpus.

Stages, timed in pipeline order with ``time.process_time`` (the machine may be busy, so CPU
time, not wall time), each run starting with empty date caches:

- ``batch_year``: the batch's likely year, from the first 200 articles;
- ``publication_date``: every article, with that year as the hint;
- ``alternatives``: the articles whose date is inferred (the days a batch weighs), right after their date;
- ``read_time``: every clause claim extraction reads time words from, recorded once and replayed.

Usage: python benchmarks/bench_dates.py CORPUS.jsonl [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

from gazetteer import load
from mapper import dates
from mapper.articles import read_inputs
from mapper.claims import engine as claims
from mapper.pipeline import batch_year
from mapper.places import find_mentions


def _clear_caches() -> None:
    """Empty the memo caches that would make later runs cheaper than the first."""
    from mapper.dates import formats, lines, publication, relative, story

    for module in (dates, formats, lines, publication, relative, story, claims):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def _record_read_time_calls(articles, gaz, year_hint) -> list[str]:
    """The clause of every read_time call claim extraction makes."""
    calls = []
    original = claims.read_time

    def recording(text):
        calls.append(text)
        return original(text)

    claims.read_time = recording
    try:
        for article in articles:
            published, how = dates.publication_date(article, year_hint=year_hint)
            mentions = tuple(find_mentions(article.text, gaz, article.body_spans()))
            claims.find_claims(article, mentions, published)
            if how == "inferred":
                for day in dates.date_article(article, year_hint).alternatives:
                    claims.find_claims(article, mentions, day)
    finally:
        claims.read_time = original
    return calls


def _one_run(articles, calls) -> dict[str, float]:
    """CPU seconds of each stage over the corpus."""
    _clear_caches()
    clock = time.process_time
    cpu = dict.fromkeys(["batch_year", "publication_date", "alternatives", "read_time"], 0.0)
    t = clock()
    year_hint = batch_year(articles[:200])
    cpu["batch_year"] = clock() - t
    for article in articles:  # in pipeline order: the candidates of an article come right after its date
        t = clock()
        _, how = dates.publication_date(article, year_hint=year_hint)
        cpu["publication_date"] += clock() - t
        if how == "inferred":
            t = clock()
            dates.date_article(article, year_hint)
            cpu["alternatives"] += clock() - t
    t = clock()
    for text in calls:
        dates.read_time(text)
    cpu["read_time"] = clock() - t
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    articles = list(read_inputs([args.corpus]))
    year_hint = batch_year(articles[:200])
    calls = _record_read_time_calls(articles, load(), year_hint)
    runs = [_one_run(articles, calls) for _ in range(args.runs)]
    n = len(articles)
    print(f"{n} articles, {len(calls)} read_time calls; CPU ms per article, median of {args.runs} runs")
    for stage in runs[0]:
        print(f"  {stage:<20} {statistics.median(r[stage] for r in runs) / n * 1e3:8.4f}")
    print(f"  {'all date stages':<20} {statistics.median(sum(r.values()) for r in runs) / n * 1e3:8.4f}")


if __name__ == "__main__":
    main()
