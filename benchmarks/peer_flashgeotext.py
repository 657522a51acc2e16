#!/usr/bin/env python3
"""A peer geoparser on the same corpus: flashgeotext (flashtext keyword matching) over JSON lines.

Fed the gazetteer's names (``--names`` from ``benchmarks/names.py``), or with ``--demo`` its
own default lookup (world cities and countries).  Each record's ``text`` goes through
``GeoText.extract(span_info=True)``; found places are counted.

Prints ``articles places seconds`` on stdout (seconds after start-up: the caller times the
whole process).

Usage: python benchmarks/peer_flashgeotext.py CORPUS.jsonl (--names NAMES.json | --demo)
"""

from __future__ import annotations

import argparse
import json
import time


def geotext(names_file: str | None):
    """A flashgeotext ``GeoText`` with the given names (canonical -> variants), or its demo data."""
    from flashgeotext.geotext import GeoText, GeoTextConfiguration
    from flashgeotext.lookup import LookupData

    if names_file is None:
        return GeoText()
    with open(names_file, encoding="utf-8") as fh:
        names = json.load(fh)
    gt = GeoText(GeoTextConfiguration(use_demo_data=False))
    gt.add(LookupData(name="gazetteer", data=names))
    return gt


def spans(gt, text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every place flashgeotext finds in ``text``."""
    out = []
    for found in gt.extract(input_text=text, span_info=True).values():
        for name, meta in found.items():
            out.extend((s, e, name) for s, e in meta["span_info"])
    return sorted(out)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--names", help="JSON from benchmarks/names.py")
    group.add_argument("--demo", action="store_true", help="flashgeotext's own lookup data")
    args = parser.parse_args(argv)
    t = time.perf_counter()
    gt = geotext(args.names)
    articles = places = 0
    with open(args.corpus, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            articles += 1
            places += len(spans(gt, json.loads(line).get("text") or ""))
    print(articles, places, f"{time.perf_counter() - t:.3f}")


if __name__ == "__main__":
    main()
