#!/usr/bin/env python3
"""Time and peak memory of ``mapper extract`` on one long single-line article (issue 21).

A text file of ``--mb`` megabytes with no line break at all is built from the synthetic articles of
``generate_corpus.py`` (their paragraphs joined by spaces: what a scraper that flattens a whole page,
or a feed that drops line ends, hands over), and ``mapper extract FILE --json --date ...`` is run on it
in a process of its own.  For each size it prints wall seconds, MB/s and the peak resident memory of
that process; with ``--base REV`` the same for an earlier revision, run in turn (as in
:mod:`bench_compare`), medians of ``--runs``.  Reading in linear time shows as a flat MB/s across sizes.

Usage: python benchmarks/bench_long.py [--mb 1,5,30] [--runs 1] [--base REV]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_compare import unpack  # noqa: E402
from bench_jobs import REPO, mapper_command  # noqa: E402
from generate_corpus import Vocabulary, article  # noqa: E402


def write_long_text(path: Path, megabytes: float, seed: int = 7) -> int:
    """A single-line text of about ``megabytes`` MB of article prose in ``path``; its size in bytes."""
    voc = Vocabulary()
    target = int(megabytes * 1_000_000)
    written, i = 0, 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < target:
            record = article(voc, i, seed, no_iraq=0.0, undated_share=0.0)
            i += 1
            if record["text"].startswith("<"):
                continue
            piece = " ".join(record["text"].split()) + " "
            fh.write(piece)
            written += len(piece.encode("utf-8"))
    return written


def run_once(cmd: list[str], code: Path | None, home: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one run of ``cmd`` (the child's own figures)."""
    env = {**os.environ, "TERRITORY_MAPPER_HOME": str(home)}
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH", "")]))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode(errors='replace')[-2000:]}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KB on Linux


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", default="1,5,30", help="sizes of the text, in MB (comma-separated)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--base", help="an earlier revision to run in turn with this checkout")
    args = parser.parse_args(argv)
    assert resource  # (Linux: os.wait4 gives the child's peak memory)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sides = {"this": (REPO, tmp / "home-this")}
        if args.base:
            (tmp / "base").mkdir()
            unpack(args.base, tmp / "base")
            sides = {"base": (tmp / "base", tmp / "home-base"), **sides}
        for size in (float(x) for x in args.mb.split(",")):
            text = tmp / f"long-{size:g}mb.txt"
            nbytes = write_long_text(text, size)
            cmd = [*mapper_command(), "extract", "--json", "--date", "2014-06-20", str(text)]
            figures: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
            for _ in range(args.runs):
                for name, (code, home) in sides.items():
                    figures[name].append(run_once(cmd, code, home))
            for name, runs in figures.items():
                seconds = statistics.median(r[0] for r in runs)
                peak = statistics.median(r[1] for r in runs)
                label = args.base if name == "base" else "checkout"
                print(json.dumps({"mb": round(nbytes / 1e6, 1), "side": label, "seconds": round(seconds, 2),
                                  "mb_per_s": round(nbytes / 1e6 / seconds, 2), "peak_rss_mb": round(peak)}))


if __name__ == "__main__":
    main()
