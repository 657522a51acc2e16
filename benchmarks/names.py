#!/usr/bin/env python3
"""Write the gazetteer's place names as JSON, for the comparison scripts that should not load the gazetteer.

The file maps each place's canonical name to every name it is known by (the canonical name
first), which is what flashgeotext's ``LookupData`` takes and what ``scan_floor.py`` loads
into pyahocorasick.  Places sharing a canonical name are merged.

Usage: python benchmarks/names.py OUT.json [--iraq-only]
"""

from __future__ import annotations

import argparse
import json


def gazetteer_names(iraq_only: bool = False) -> dict[str, list[str]]:
    """Canonical name -> all names (canonical first, no duplicates) of the bundled gazetteer's places.

    Parameters
    ----------
    iraq_only : bool, default False
        Keep only the places inside the mapped area (``in_scope``).

    Returns
    -------
    dict of str to list of str
    """
    from gazetteer import load

    out: dict[str, list[str]] = {}
    for place in load(include_user_dir=False):
        if iraq_only and not place.in_scope:
            continue
        names = out.setdefault(place.name, [place.name])
        names.extend(n for n in place.names if n and n not in names)
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--iraq-only", action="store_true", help="Only places inside the mapped area.")
    args = parser.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(gazetteer_names(args.iraq_only), fh, ensure_ascii=False)


if __name__ == "__main__":
    main()
