#!/usr/bin/env python3
"""Generate a synthetic JSON lines corpus of war dispatches from the gazetteer and the party vocabulary.

Each article has a dateline, several claims in varied phrasings and spellings, and filler
sentences. Deterministic for a given seed.

Usage: python benchmarks/generate_corpus.py N OUT.jsonl [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random

from gazetteer import load
from mapper.claims import default_parties

TEMPLATES = [
    "{actor} captured {place} on {weekday}, residents said.",
    "{place} fell to {actor} late last night after government forces withdrew.",
    "The {actor} seized the towns of {place} and {place2} {when}.",
    "Troops withdrew from {place} {when}, officials said.",
    "Security forces retook {place} on {weekday} after heavy fighting.",
    "Fighters were advancing on {place}, threatening the provincial capital.",
    "Clashes in {place} continued for a third day, witnesses said.",
    "The militant-held town of {place} was hit by airstrikes.",
]
FILLER = [
    "Thousands of families fled toward the north, aid agencies reported.",
    "The prime minister called for national unity in a televised address.",
    "Prices of fuel and bread rose sharply in local markets.",
    "Officials said reinforcements had been sent from the capital.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def spellings(place) -> list[str]:
    latin = [n for n in (place.name, *place.names) if n.isascii() and n[:1].isupper() and len(n) > 3]
    return latin or [place.name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    gaz = load(include_user_dir=False)
    towns = [p for p in gaz if p.in_scope and p.kind in ("city", "town") and p.importance >= 0.4]
    actors = [t for t in default_parties().parties["isis"].terms[:8]]
    start = dt.date(2014, 6, 1)
    with open(args.out, "w", encoding="utf-8") as fh:
        for i in range(args.n):
            day = start + dt.timedelta(days=rng.randrange(120))
            city = rng.choice(spellings(rng.choice(towns))).upper()
            body = [f"{city}, {day.strftime('%B')} {day.day} (Wire) -"]
            for _ in range(rng.randint(4, 9)):
                if rng.random() < 0.6:
                    p1, p2 = rng.sample(towns, 2)
                    body.append(rng.choice(TEMPLATES).format(
                        actor=rng.choice(actors), place=rng.choice(spellings(p1)), place2=rng.choice(spellings(p2)),
                        weekday=rng.choice(WEEKDAYS), when=rng.choice(["on Saturday", "yesterday", "today", ""])))
                else:
                    body.append(rng.choice(FILLER))
            record = {"url": f"https://example.org/{i}", "title": f"Dispatch {i}",
                      "published": day.isoformat() if rng.random() < 0.5 else None, "text": " ".join(body)}
            fh.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
