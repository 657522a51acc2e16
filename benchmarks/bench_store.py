#!/usr/bin/env python3
"""Print the store's figures on a generated corpus: `mapper ingest` throughput, a second (idempotent)
ingest, and `mapper run --store`, against `mapper run` from the files (each a whole process,
start-up included; medians of several runs).

Usage: python benchmarks/bench_store.py [--articles 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(cmd: list[str], env: dict) -> float:
    """Seconds a command takes (its output discarded; a failure stops the benchmark)."""
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    mapper = str(Path(sys.executable).with_name("mapper"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # An empty user gazetteer folder, so the figures do not depend on the machine's additions.
        env = {**os.environ, "TERRITORY_MAPPER_HOME": str(tmp / "home")}
        corpus = tmp / "corpus.jsonl"
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(args.articles), str(corpus)], check=True)
        ingest, again, run, files = [], [], [], []
        for i in range(args.runs):
            store = tmp / f"store{i}.sqlite"  # a fresh store each time: the first ingest does all the work
            ingest.append(timed([mapper, "ingest", str(corpus), "--store", str(store)], env))
            again.append(timed([mapper, "ingest", str(corpus), "--store", str(store)], env))
            run.append(timed([mapper, "run", "--store", str(store), "-o", str(tmp / f"out{i}")], env))
            files.append(timed([mapper, "run", str(corpus), "-o", str(tmp / f"files{i}")], env))
        with sqlite3.connect(store) as conn:
            articles, claims = conn.execute("SELECT count(*), sum(n_claims) FROM articles").fetchone()
        size_mb = sum(p.stat().st_size for p in tmp.glob(f"{store.name}*") if p.is_file()) / 1e6
    med = statistics.median
    print(f"corpus: {args.articles} articles generated; store: {articles} articles, {claims} claims, "
          f"{size_mb:.1f} MB")
    print(f"ingest (whole process), median of {args.runs}: {med(ingest):.1f} s = "
          f"{args.articles / med(ingest):.0f} articles/s")
    print(f"ingest again (nothing new), median of {args.runs}: {med(again):.1f} s")
    print(f"run --store (map.html, control.geojson, events.csv), median of {args.runs}: {med(run):.1f} s")
    print(f"run from the files (for comparison), median of {args.runs}: {med(files):.1f} s")


if __name__ == "__main__":
    main()
