#!/usr/bin/env python3
"""Print where ``mapper extract --json`` spends its time: cProfile of one process, grouped by stage.

Runs the pipeline in this process (``--jobs 1``) over a JSON lines corpus, writing each record
as ``mapper extract --json`` does (its ``json_line``), under cProfile.  Prints the cumulative time of each
stage and of the functions inside it that matter, as a share of the total, then the
functions with the most time of their own.  cProfile slows Python-heavy code more than
regular expressions, so read the shares, not the seconds.

Usage: python benchmarks/profile_extract.py CORPUS.jsonl [--top 20]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats

# (label, file suffix, function name, caller to restrict to ("!name": all but that one) or None);
# indented labels are parts of the stage above them.
STAGES = [
    ("read (JSON lines, chrome, ids)", "mapper/articles.py", "read_inputs", None),
    ("publication date", "mapper/dates/publication.py", "publication_date", None),
    ("place mentions", "mapper/places.py", "find_mentions", None),
    ("  automaton scan (text_fold + iter)", "gazetteer/index.py", "occurrences", None),
    ("  loose pass (capitalised words)", "mapper/places.py", "_loose_candidates", None),
    ("  ranking candidates", "gazetteer/core.py", "rank", None),
    ("  context checks (kind, org, list)", "mapper/places.py", "_kind_hint", None),
    ("claims: reading (once per article)", "mapper/claims/engine.py", "read_claims", None),
    ("  triggers (sentences with places)", "mapper/claims/engine.py", "_triggers", None),
    ("  party terms", "mapper/claims/engine.py", "_party_terms", None),
    ("  sentence split", "mapper/claims/engine.py", "split_sentences", None),
    ("  time words of claims (read_time)", "mapper/dates/relative.py", "read_time", None),
    ("claims: dating (each candidate date)", "mapper/claims/engine.py", "date_claims", None),
    ("  dates of claims (TimeWords.resolve)", "mapper/dates/relative.py", "resolve", None),
    ("redating candidates (dates + dating)", "mapper/pipeline.py", "redate_candidates", None),
    ("  candidate dates", "mapper/dates/publication.py", "date_article", "redate_candidates"),
    ("written dates scan (all callers)", "mapper/dates/formats.py", "_scan_dates", None),
    ("record (Extracted.to_record)", "mapper/pipeline.py", "to_record", None),
    ("  toponym dicts (Mention.to_dict)", "mapper/places.py", "to_dict", None),
    ("record and JSON line (json_line)", "mapper/cli/extract.py", "json_line", None),
]


def run(corpus: str) -> None:
    from gazetteer import load
    from mapper.cli.extract import json_line
    from mapper.pipeline import extract

    gaz = load()
    for _ in extract([corpus], gaz, finish=json_line):
        pass


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)
    profile = cProfile.Profile()
    profile.runcall(run, args.corpus)
    stats = pstats.Stats(profile)
    total = stats.total_tt
    print(f"total {total:.1f} s under cProfile ({args.corpus})\n")
    print(f"{'stage':42s} {'seconds':>8s} {'share':>6s}")
    for label, suffix, name, caller in STAGES:
        cum = 0.0
        for (path, _, func), (_, _, _, ct, callers) in stats.stats.items():
            if func != name or not path.replace("\\", "/").endswith(suffix):
                continue
            if caller is None:
                cum += ct
            elif caller.startswith("!"):
                cum += sum(c[3] for (_, _, f), c in callers.items() if f != caller[1:])
            else:
                cum += sum(c[3] for (_, _, f), c in callers.items() if f == caller)
        print(f"{label:42s} {cum:8.2f} {cum / total:6.1%}")
    print(f"\nfunctions with the most time of their own (top {args.top}):")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:args.top]
    for (path, line, func), (_, nc, tt, _ct, _) in rows:
        where = "/".join(path.replace("\\", "/").split("/")[-2:])
        print(f"  {tt:7.2f} s {tt / total:6.1%}  {nc:9d} calls  {where}:{line}({func})")


if __name__ == "__main__":
    main()
