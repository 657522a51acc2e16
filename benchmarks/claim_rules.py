#!/usr/bin/env python3
"""Print precision per claim rule and what each veto dropped, on a gold set (the dev set by default).

Each article is read with its gold publication date (claims judged apart from dating), every claim
keeps the id of the lexicon rule that fired, and each is matched to the gold claims as
``score.py extract`` matches them (same place within 8 km or by name, same controlling party, date
within a day or inside the gold range).  For each rule: the claims it made, how many match a gold
claim, how many match none (neutral gold claims, e.g. uncertain ones, count as neither), and its
precision.  For each veto: the places it dropped, and how many of them have a gold claim in the
article (a drop there may have cost a true claim).  Last, the gold claims no rule found.

Usage: python benchmarks/claim_rules.py [--gold PATH --texts DIR]

Needs the shared gold files (``../shared/gold``, ``../shared/tools/score.py``); skips when absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def _scorer(shared: Path):
    """The scoring helpers of the shared score.py (its matching rules, used as they are)."""
    spec = importlib.util.spec_from_file_location("score", shared / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "gold" / "dev_gold.json")
    parser.add_argument("--texts", type=Path, default=SHARED / "dev")
    parser.add_argument("--wrong", metavar="RULE", help="also list the claims of RULE that match no gold claim")
    args = parser.parse_args()
    if not args.gold.exists() or not (SHARED / "tools" / "score.py").exists():
        print(f"skipped: no gold set at {args.gold}", file=sys.stderr)
        return
    from gazetteer import load
    from mapper.articles import article_from_text
    from mapper.claims import date_claims, trace_claims
    from mapper.places import find_mentions

    score = _scorer(SHARED)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    gaz = load()
    made, right, wrong = Counter(), Counter(), Counter()
    dropped, dropped_gold = Counter(), Counter()
    missed: list[str] = []
    for name, doc in gold.items():
        text = (args.texts / name).read_text(encoding="utf-8")
        article = article_from_text(text, name)
        published = dt.date.fromisoformat(doc["pub_date"])
        mentions = find_mentions(article.text, gaz, article.body_spans())
        readings, trace = trace_claims(article, mentions)
        neutral: list = []
        gold_claims = score.gold_claims(doc, neutral)
        found = defaultdict(list)  # (rule) -> its dated claims, as score.py's records
        matched = set()
        for reading in readings:
            for claim in date_claims([reading], published):
                if claim.action not in score.CONTROL:
                    continue
                rec = {"place": claim.place, "lat": claim.lat, "lon": claim.lon,
                       "date": claim.date.isoformat() if claim.date else None}
                hit = next((i for i, g in enumerate(gold_claims) if g["party"] == claim.party
                            and score.same_place(rec, g) and score.date_ok(rec, g)), None)
                made[reading.rule] += 1
                if hit is not None:
                    right[reading.rule] += 1
                    matched.add(hit)
                elif not any(n["party"] in (claim.party, None) and score.same_place(rec, n) for n in neutral):
                    wrong[reading.rule] += 1
                    if args.wrong == reading.rule:
                        print(f"wrong {name} {claim.place} {claim.party} {claim.action} {rec['date']}: "
                              f"{claim.quote[:110]!r}")
                found[reading.rule].append(rec)
        gold_places = [g for g in gold_claims]
        for entry in trace:
            if entry.status != "dropped":
                continue
            dropped[entry.detail] += 1
            if any(score.norm(g["place"]) == score.norm(entry.place) for g in gold_places):
                dropped_gold[entry.detail] += 1
        missed += [f"{name} {g['place']} {g['party']}" for i, g in enumerate(gold_claims) if i not in matched]
    print(f"{'rule':<36} {'claims':>6} {'right':>6} {'wrong':>6} {'precision':>9}")
    for rule in sorted(made, key=lambda r: -made[r]):
        precision = right[rule] / max(1, right[rule] + wrong[rule])
        print(f"{rule or '(none)':<36} {made[rule]:>6} {right[rule]:>6} {wrong[rule]:>6} {precision:>9.2f}")
    total_right, total_wrong = sum(right.values()), sum(wrong.values())
    print(f"{'all rules':<36} {sum(made.values()):>6} {total_right:>6} {total_wrong:>6} "
          f"{total_right / max(1, total_right + total_wrong):>9.2f}")
    print(f"\n{'veto':<36} {'dropped':>7} {'at a gold place':>15}")
    for veto in sorted(dropped, key=lambda v: -dropped[v]):
        print(f"{veto:<36} {dropped[veto]:>7} {dropped_gold[veto]:>15}")
    print(f"\ngold claims no rule found: {len(missed)}")


if __name__ == "__main__":
    main()
