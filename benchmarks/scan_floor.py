#!/usr/bin/env python3
"""The plain-scan floor: find the gazetteer's names in a JSON lines corpus with pyahocorasick, nothing else.

No extraction logic: each record's ``text`` is lower-cased and run through one automaton
holding every (lower-cased) name of the gazetteer; hits are counted, not judged.  This is
the fastest a geoparser written around the same automaton could read the corpus, and the
yardstick ``bench_scale.py`` holds ``mapper extract`` to.

Prints ``articles hits seconds`` on stdout (seconds after start-up: the caller times the
whole process).

Usage: python benchmarks/scan_floor.py CORPUS.jsonl --names NAMES.json
"""

from __future__ import annotations

import argparse
import json
import time

import ahocorasick

MIN_LENGTH = 3  # as the gazetteer's own scanner: no two-letter names


def build(names: dict[str, list[str]]) -> ahocorasick.Automaton:
    """One automaton over every lower-cased name (value: the canonical name)."""
    automaton = ahocorasick.Automaton()
    for canonical, variants in names.items():
        for name in variants:
            folded = name.lower()
            if len(folded) >= MIN_LENGTH:
                automaton.add_word(folded, canonical)
    automaton.make_automaton()
    return automaton


def scan(path: str, automaton: ahocorasick.Automaton) -> tuple[int, int]:
    """(articles, hits) over a JSON lines corpus."""
    articles = hits = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            text = json.loads(line).get("text") or ""
            articles += 1
            for _ in automaton.iter(text.lower()):
                hits += 1
    return articles, hits


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--names", required=True, help="JSON from benchmarks/names.py")
    args = parser.parse_args(argv)
    t = time.perf_counter()
    with open(args.names, encoding="utf-8") as fh:
        automaton = build(json.load(fh))
    articles, hits = scan(args.corpus, automaton)
    print(articles, hits, f"{time.perf_counter() - t:.3f}")


if __name__ == "__main__":
    main()
