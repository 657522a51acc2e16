#!/usr/bin/env python3
"""Print the throughput of `mapper extract --json` (a whole process, start-up included) on a generated corpus.

Usage: python benchmarks/bench_extract.py [--articles 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    mapper = Path(sys.executable).with_name("mapper")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(args.articles), str(corpus)], check=True)
        size_mb = corpus.stat().st_size / 1e6
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run([str(mapper), "extract", "--json", str(corpus)], check=True, stdout=subprocess.DEVNULL,
                           env={**os.environ, "TERRITORY_MAPPER_HOME": tmp})
            times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print(f"corpus: {args.articles} articles, {size_mb:.1f} MB")
    print(f"extract (whole process), median of {args.runs}: {med:.1f} s = {args.articles / med:.0f} articles/s, "
          f"{size_mb / med:.2f} MB/s")


if __name__ == "__main__":
    main()
