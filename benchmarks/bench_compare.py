#!/usr/bin/env python3
"""Extract throughput of this checkout against an earlier revision, in the same run (medians).

The revision's files (``git archive REV``) are unpacked in a temporary folder and run with the same
interpreter and installed packages, its own code first on ``PYTHONPATH``; the input is the dev texts
repeated to ``--records`` JSON lines records (as in :mod:`bench_jobs`).  The two are run in turn,
``--runs`` times each (base, this, base, this, ...), so that a slow spell of the machine weighs on
both; each run has its own cache home, warmed by one run first, so both start as a user's second run.
Prints each side's median and best wall seconds and the change in percent.  Skipped (exit 0) when the
dev texts are absent.

Usage: python benchmarks/bench_compare.py [--base REV] [--records 3000] [--runs 5] [--jobs 1]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_jobs import DEV, REPO, mapper_command, write_corpus  # noqa: E402


def unpack(rev: str, folder: Path) -> None:
    """The tracked files of ``rev`` in ``folder``."""
    archive = subprocess.run(["git", "archive", rev], cwd=REPO, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")


def timed(cmd: list[str], code: Path | None, home: Path) -> float:
    env = {**os.environ, "TERRITORY_MAPPER_HOME": str(home)}
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH", "")]))
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True, cwd=REPO)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD~1", help="the revision to compare with (default HEAD~1)")
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--dev", type=Path, default=DEV)
    args = parser.parse_args()
    if not args.dev.is_dir():
        print(f"skipped: no dev texts in {args.dev}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base_code = tmp / "base"
        base_code.mkdir()
        unpack(args.base, base_code)
        corpus = tmp / "corpus.jsonl"
        size = write_corpus(args.dev, args.records, corpus)
        cmd = [*mapper_command(), "extract", "--json", "-j", str(args.jobs), str(corpus)]
        sides = {"base": (base_code, tmp / "home-base"), "this": (REPO, tmp / "home-this")}
        for code, home in sides.values():  # warm each side's gazetteer cache
            timed(cmd, code, home)
        times: dict[str, list[float]] = {name: [] for name in sides}
        for _ in range(args.runs):
            for name, (code, home) in sides.items():
                times[name].append(timed(cmd, code, home))
    base, this = statistics.median(times["base"]), statistics.median(times["this"])
    print(f"{args.records} records, {size / 1e6:.1f} MB, -j {args.jobs}, {args.runs} runs each")
    for name in sides:
        label = args.base if name == "base" else "checkout"
        runs = ", ".join(f"{t:.2f}" for t in times[name])
        print(f"{name:5} ({label}): median {statistics.median(times[name]):.2f} s, best {min(times[name]):.2f} s"
              f"  (runs: {runs})")
    print(f"change: {100 * (this - base) / base:+.1f}% (negative: faster)")


if __name__ == "__main__":
    main()
