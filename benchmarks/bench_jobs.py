#!/usr/bin/env python3
"""How much faster ``mapper extract --json -j 2`` is than ``-j 1`` on real-length articles.

The input is the dev texts (``../shared/dev/*.txt``, next to the repository) repeated to
``--records`` JSON lines records (``{"id": "<name>#<i>", "text": <file text>}``) in one file,
written to a temporary folder and deleted afterwards; the texts are read at run time only.
Each job count is run ``--runs`` times, interleaved (``-j 1``, ``-j 2``, ``-j 1``, ...), so
that a slow spell of the machine weighs on both; the medians and the speed-up are printed, and
the outputs of every run must be byte-identical (exit status 1 otherwise).  Skipped (exit 0)
when the dev texts are absent.

Usage: python benchmarks/bench_jobs.py [--records 3000] [--runs 5] [--jobs 1,2] [--dev DIR]
"""

from __future__ import annotations

import argparse
import hashlib
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
REPO = HERE.parent
DEV = REPO.parent / "shared" / "dev"


def mapper_command() -> list[str]:
    exe = Path(sys.executable).with_name("mapper")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "mapper.cli.main"]


def write_corpus(dev: Path, records: int, path: Path) -> int:
    """The dev texts repeated to ``records`` JSON lines records in ``path``; returns its size in bytes."""
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(dev.glob("*.txt"))]
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for i in range(records):
            name, text = texts[i % len(texts)]
            fh.write(json.dumps({"id": f"{name}#{i}", "text": text}, ensure_ascii=False) + "\n")
    return path.stat().st_size


def busy_share(seconds: float = 1.0) -> float | None:
    """The share of the machine's CPU time used (by anything) over ``seconds``; None off Linux."""
    try:
        def sample():
            fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
            return sum(fields), fields[3] + fields[4]  # total, idle + iowait
        total0, idle0 = sample()
        time.sleep(seconds)
        total1, idle1 = sample()
    except (OSError, ValueError, IndexError):
        return None
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def wait_for_quiet(limit: float) -> bool:
    """Wait (up to ``limit`` seconds) until other processes leave the CPUs idle: a busy core slows ``-j 2`` most."""
    deadline = time.monotonic() + limit
    while True:
        share = busy_share()
        if share is None or share < 0.1:
            return True
        if time.monotonic() >= deadline:
            return False


def run(cmd: list[str], out: Path) -> tuple[float, float]:
    """Wall and CPU seconds (the command's and its worker processes') of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(out, "wb") as fh:
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE, cwd=REPO)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, cpu


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", default="1,2", help="job counts, comma-separated (default 1,2)")
    parser.add_argument("--dev", type=Path, default=DEV, help="folder of .txt articles (default ../shared/dev)")
    parser.add_argument("--wait", type=float, default=60.0,
                        help="seconds to wait before each run for other processes to leave the CPUs idle (default 60)")
    args = parser.parse_args(argv)
    if not args.dev.is_dir() or not any(args.dev.glob("*.txt")):
        print(f"bench_jobs: skipped: no dev texts in {args.dev}")
        return 0
    jobs = [int(j) for j in args.jobs.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench_jobs_") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "dev.jsonl"
        size = write_corpus(args.dev, args.records, corpus)
        print(f"{args.records} records, {size / 1e6:.1f} MB; {os.cpu_count()} cores; "
              f"load average {os.getloadavg()[0]:.2f}")
        times: dict[int, list[float]] = {j: [] for j in jobs}
        cpu: dict[int, list[float]] = {j: [] for j in jobs}
        digests: dict[str, list[str]] = {}
        busy = 0
        for r in range(args.runs):
            for j in jobs:
                busy += not wait_for_quiet(args.wait)
                out = tmp / f"out-j{j}-{r}.jsonl"
                wall, cpu_s = run([*mapper_command(), "extract", "--json", str(corpus), "-j", str(j)], out)
                times[j].append(wall)
                cpu[j].append(cpu_s)
                digests.setdefault(digest(out), []).append(f"-j {j} run {r + 1}")
                out.unlink()
        for j in jobs:
            print(f"-j {j}: median {statistics.median(times[j]):.2f} s, best {min(times[j]):.2f} s, "
                  f"CPU {statistics.median(cpu[j]):.2f} s  "
                  f"(runs: {', '.join(f'{t:.2f}' for t in times[j])})")
        if busy:
            print(f"warning: {busy} run(s) started while other processes kept the CPUs busy")
        base = statistics.median(times[jobs[0]])
        for j in jobs[1:]:
            print(f"speed-up -j {j} / -j {jobs[0]}: {base / statistics.median(times[j]):.2f}x "
                  f"(best runs: {min(times[jobs[0]]) / min(times[j]):.2f}x)")
        if len(digests) == 1:
            print(f"outputs identical ({next(iter(digests))[:12]})")
            return 0
        print("OUTPUTS DIFFER:")
        for h, runs in digests.items():
            print(f"  {h[:12]}: {', '.join(runs)}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
