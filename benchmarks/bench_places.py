#!/usr/bin/env python3
"""Print the CPU time :func:`mapper.places.find_mentions` takes per article of a corpus.

Each run is a fresh process that reads the corpus, then finds the mentions of every article
once, as an extraction does: the caches start cold, as they would.  CPU time (not wall time)
is reported, so other jobs on the machine disturb the figure less; the median of the runs is
the headline.

Usage: python benchmarks/bench_places.py CORPUS [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

ONE_RUN = """
import json, sys, time
from gazetteer import load
from mapper.articles import read_inputs
from mapper.places import find_mentions
gaz = load(include_user_dir=False)
gaz.best("Mosul")  # the lazy imports of a first lookup are not the scanner's cost
articles = [(a.text, a.body_spans()) for a in read_inputs([sys.argv[1]])]
t = time.process_time()
found = sum(len(find_mentions(text, gaz, spans)) for text, spans in articles)
print(json.dumps({"cpu": time.process_time() - t, "articles": len(articles), "mentions": found}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="a JSON-lines corpus, a folder or a file mapper can read")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", ONE_RUN, args.corpus], capture_output=True, text=True,
                             check=True).stdout
        runs.append(json.loads(out))
    per_article = [r["cpu"] / r["articles"] * 1e3 for r in runs]
    print(f"{runs[0]['articles']} articles, {runs[0]['mentions']} mentions")
    runs_text = ", ".join(f"{x:.3f}" for x in per_article)
    print(f"find_mentions CPU ms/article: median {statistics.median(per_article):.3f} (runs: {runs_text})")


if __name__ == "__main__":
    main()
