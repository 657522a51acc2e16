#!/usr/bin/env python3
"""Print the gazetteer's cold-start time (fresh process: import, load, one resolve) and warm resolve time.

Usage: python benchmarks/bench_gazetteer.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

NAMES = ["Telafer", "Rawaa", "Beiji", "Qaim", "Kirkuk province", "Turaibil", "Amerli", "Jalula", "Mosul Dam",
         "Fallujah", "Irbil", "Rotba", "Sadr City", "Ana", "Nowhereville"]

COLD = ("import time; t=time.perf_counter(); from gazetteer import load; g=load(include_user_dir=False); "
        "g.best('Telafer'); print(time.perf_counter()-t)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cold = [float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True).stdout)
            for _ in range(args.runs)]
    from gazetteer import load

    gaz = load(include_user_dir=False)
    for name in NAMES:  # warm caches once
        gaz.resolve(name)
    per_call = []
    for _ in range(args.runs):
        t = time.perf_counter()
        for _ in range(20):
            for name in NAMES:
                gaz.resolve(name)
        per_call.append((time.perf_counter() - t) / (20 * len(NAMES)))
    fresh = []
    for name in NAMES:
        t = time.perf_counter()
        gaz.resolve(name + " ")  # a query string not seen before (name caches miss on the new form)
        fresh.append(time.perf_counter() - t)
    print(f"gazetteer entries: {len(gaz)}")
    print(f"cold start (import + load + 1 resolve), median of {args.runs}: {statistics.median(cold) * 1000:.0f} ms")
    print(f"warm resolve, median of {args.runs} x {20 * len(NAMES)} calls: {statistics.median(per_call) * 1e6:.0f} us")
    print(f"warm resolve of unseen query strings, median: {statistics.median(fresh) * 1e6:.0f} us")


if __name__ == "__main__":
    main()
