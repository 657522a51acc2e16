#!/usr/bin/env python3
"""Build mapper/dates/chronology.csv (the reference chronology) from a table of control changes.

The input is a CSV written while reading public timelines of the war (Wikipedia's "Timeline of
the War in Iraq" pages for 2014 to 2017 and the battle articles they link, wire "key dates"
lists): one row per change with the columns ``date, place, party, action`` and ``source_url``
(``precision`` optional: rows not precise to the day are left out).  The source pages themselves
are not kept in the repository; only the facts (day, place, party) are.

Each place name is resolved against the bundled gazetteer, among Iraqi places and without fuzzy
matching; names it does not know are listed on stderr and left out (a wrong town would date
articles wrongly).  Rows are de-duplicated and sorted by day.

The table read (facts and source urls only) is kept as ``scripts/data/control_changes_read.csv``, the
default input: rows whose place the gazetteer does not know yet are kept there, and a rebuild after the
gazetteer grows picks them up.

Usage:
  .venv/bin/python scripts/build_chronology.py [INPUT.csv] [--output PATH]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from gazetteer import load  # noqa: E402
from mapper.claims import load_parties  # noqa: E402
from mapper.dates.chronology import CHANGES, CHRONOLOGY_FILE  # noqa: E402
from mapper.places import quarter_city  # noqa: E402

ACTIONS = {"captured": "captured", "recaptured": "recaptured", "declared": "recaptured"}
FIELDS = ["date", "place", "place_id", "party", "action", "source"]


# Levels of a name match trusted here: a phonetic variant ("Nasr" for Nasiriyah) would date articles by
# another town's day.
TRUSTED_LEVELS = ("exact", "alternate", "normalized")
# Kinds of entry a row of control changes can name without saying so ("Qadesiya" is a district of
# Tikrit, not Qadisiyah province; "Dijla village" is not the Tigris).
NOT_BY_NAME_ALONE = ("province", "river", "country")


# "East Mosul", "western Anbar": a side of a place is reported as a change of the place itself (a partial one).
SIDE = re.compile(r"^(?:east|west|north|south|eastern|western|northern|southern|central)\s+", re.IGNORECASE)


def iraqi_place(gaz, name: str):
    """The best Iraqi gazetteer entry named ``name`` (exact, alternate or normalized match; a side of a
    place, "East Mosul", as the place), or None."""
    # (the side first: the claims read "eastern Mosul" as Mosul, so the change is dated as Mosul's)
    place = _iraqi_place(gaz, SIDE.sub("", name)) if SIDE.match(name) else None
    return place or _iraqi_place(gaz, name)


def _iraqi_place(gaz, name: str):
    for match in gaz.resolve(name, limit=8, fuzzy=False):
        place = match.place
        if place.country != "IQ" or match.level not in TRUSTED_LEVELS:
            continue
        if place.kind in NOT_BY_NAME_ALONE and not any(w in name.lower() for w in ("province", "governorate")):
            continue
        city = quarter_city(place.name)
        if city and city.lower() not in name.lower():
            continue  # a quarter's bare name ("Qadesiya") may be any town's: only "Qadisiyah (Mosul)" is Mosul's
        return place
    return None


def build(rows, gaz, parties) -> tuple[list[dict], list[str]]:
    out, unknown, seen = [], [], set()
    for row in rows:
        if (row.get("precision") or "day").strip() != "day":
            continue
        day = dt.date.fromisoformat(row["date"].strip())
        party, action = row["party"].strip(), ACTIONS.get(row["action"].strip())
        if party not in parties or action not in CHANGES:
            unknown.append(f"{row['place']}: party {party!r} / action {row['action']!r}")
            continue
        place = iraqi_place(gaz, row["place"].strip())
        if place is None:
            unknown.append(row["place"].strip())
            continue
        key = (day, place.id, party)
        if key in seen:
            continue
        seen.add(key)
        out.append({"date": day.isoformat(), "place": row["place"].strip(), "place_id": place.id,
                    "party": party, "action": action, "source": (row.get("source_url") or "").strip()})
    out.sort(key=lambda r: (r["date"], r["place"]))
    return out, unknown


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", type=Path, nargs="?", default=REPO_ROOT / "scripts" / "data" / "control_changes_read.csv")
    ap.add_argument("--output", type=Path, default=CHRONOLOGY_FILE)
    args = ap.parse_args(argv)
    with open(args.input, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    gaz = load(include_user_dir=False)
    out, unknown = build(rows, gaz, set(load_parties().parties))
    with open(args.output, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    print(f"{len(out)} rows written to {args.output}; {len(unknown)} left out", file=sys.stderr)
    for name in sorted(set(unknown)):
        print(f"  not resolved: {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
