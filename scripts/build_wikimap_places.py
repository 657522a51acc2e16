#!/usr/bin/env python3
"""Regenerate ``gazetteer/data/wikimap_places.csv`` from a saved copy of Wikipedia's conflict-map module.

Wikipedia's "Module:Iraqi insurgency detailed map" (and the Iraqi marks of "Module:Syrian and
Iraqi insurgency detailed map") is a Lua table of map marks, one per village, neighbourhood,
base or site the war's reporting named, each with a label and a coordinate::

    { lat = "36.358", long = "43.247", mark = m.gov, marksize = "8", label = "[[Gogjali]]", ... },

The module text is not kept in the repository: save a copy (a public mirror of the wiki page,
the raw Lua, or a Markdown export of it) and pass its path.  Only names and coordinates (facts)
are taken; see DATA_SOURCES.md.

What it keeps:

* marks inside Iraq (point-in-polygon against ``gazetteer/data/boundaries.geojson``), with the
  governorate they fall in;
* named marks only: generic labels ("Military base", "Fuel Depot") are dropped;
* not the names a reader would take for something else: common English words, first names,
  one-word names of three letters or fewer (``SKIP_NAMES``), which in running text would make
  false toponyms;
* not the places the gazetteer has already: a mark whose name (or a variant) is the name of an
  Iraqi place of the committed GeoNames or curated tables within 8 km is left to that entry; its row
  (``duplicate_of`` naming the entry) is kept only when it brings spellings the entry lacks, and the
  loader adds those spellings to the entry.
  A mark sharing a name with an Iraqi place farther away (Husaybah near Ramadi, Mahmudiyah near
  Rabia) is kept with a low importance, so the existing place still answers the bare name.

Spellings reporters use beyond the module's label ("Kukjali" for Gogjali) are curated in
``SPELLINGS``.

Usage: python scripts/build_wikimap_places.py MODULE_TEXT [MORE_MODULE_TEXT ...] [--output PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from pathlib import Path

from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.names import fold, key  # noqa: E402
from gazetteer.sources import read_entries_csv, read_places_tsv  # noqa: E402

DATA = ROOT / "gazetteer" / "data"
OUTPUT = DATA / "wikimap_places.csv"
FIELDS = ("name", "variants", "kind", "lat", "lon", "admin1", "importance", "source", "module_label", "duplicate_of")
SOURCE = "WM"
# Importance of a new place, and of one whose name an Iraqi place elsewhere has already: both below
# the committed tables (GeoNames villages 0.2, curated rows 0.3 and up), so a bare name keeps its
# answer, and below 0.3, so in running text the place needs a cue ("the village of X", "in X").
IMPORTANCE = 0.25
IMPORTANCE_SHARED_NAME = 0.15
MERGE_KM = 8.0

# Spellings of the press and of other maps for marks the module labels one way (compiled for the project).
SPELLINGS = {
    "Gogjali": "Kukjali|Kokjali|Gogjeli|Kukyeli|Gugjali|Gojali|Kokjaly|Gogchali",
    "Tawajinat": "Tawajina|Tawajna|Tawajinah|Tuwajina",
    "Naweran": "Nawaran|Nawran|Nuweran",
    "Shihah": "Shiha",
    "Mahmudiyah": "Mahmudiya|Mahmoudiyah|Mahmoudiya",
    "As-Saudiyah": "Saudiyah|Saudiya|al-Saudiyah",
    "Ghazlani Training Camp": "Ghazlani base|Ghazlani military base|Ghazlani camp|al-Ghazlani base|Ghazlani",
    "Mosul International Airport": "Mosul airport|Mosul airfield|Mosul air base|Mosul airbase",
    "Qayyarah Airfield West": "Qayyarah air base|Qayyarah airbase|Qayyara air base|Qayyarah West|Q-West|"
                              "Qayyarah airfield|Qayyara airfield|Qayyarah West airfield",
    "Tikrit University": "University of Tikrit",
    "Al-Muhallabiyah": "Mahalabiya|Muhallabiya|Mahlabiya|al-Mahalabiya|Muhalabiya",
    "Albu Shajal": "Al-Bu Shajal|Albusha'al|Bu Shajal",
    "Abu Tayban": "Abu Taiban|Abu Tiban",
    "Husaiybah": "Husseiba|Hussaibiyah|Husaiba",
    "Juwaybah": "Jweiba|Juwaiba|Jwaiba",
    "Sajjariyah": "Sjariya|Sijariya|Sajariya",
    "Albu Jwari": "Albu Juwari|Albu Jawari",
    "Albu Ajil": "Albu Ajeel",
    "Tikrit Air Academy (Camp Speicher)": "Speicher base",
    "Al-Karmah": "Garma|Karma|al-Garma",
    "Saqlawiyah": "Saqlawiya|Saqlawiyya",
    "Halabisa": "Halabsa",
    "Sudayrah": "Sudayra",
    "Anbar University": "University of Anbar",
}

# Labels that describe rather than name (dropped), and names that are words or names too (skipped).
_GENERIC_LABEL = re.compile(
    r"^(military base|fuel depot|gas depot|cement plant|tile plant|thermal station|munitions storage|"
    r"shia militia base.*|pkk building|\d+(st|nd|rd|th) brigade|brigade \d+|isil .*|fortified isil .*|"
    r"gypsum plant|former iranian refugees camp)$", re.I)
SKIP_NAMES = {
    # English words and first names
    "amina", "aziz", "bare", "diana", "fatimah", "hatin", "jamilah", "juba", "juma", "kalak", "kamal", "kanan",
    "khalid", "mufti", "noor", "saad", "sabah", "said", "samir", "sayid", "shahid", "tamur", "yassin", "idriss",
    "bashir", "riyadh", "nasr", "salam", "edale", "asteria", "hamal", "minkar", "samra", "sewra",
    # cities abroad the module names by a Wikipedia link; Jordan's Ruwayshid (H-5) air base, which the
    # simplified border puts on the Iraqi side
    "karaj", "hamedan", "derik", "ruwayshid air base",
}


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# A mark: a brace-delimited table with lat and long (numbers, quoted or not).
_MARK = re.compile(r"\{[^{}]*?\blat\s*=\s*\"?\s*(-?[\d.]+)\s*\"?\s*,\s*long\s*=\s*\"?\s*(-?[\d.]+)\s*\"?([^{}]*)\}")
_FIELD = re.compile(r"\b(mark|label|link)\s*=\s*(\"(?:[^\"\\]|\\.)*\"|[\w.]+)")
# A wiki link [[Target|Shown]] or [[Target]]; and the Markdown export's [`Shown`](url "wikilink").
_WIKILINK = re.compile(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")
_MD_LINK = re.compile(r"\[`?([^\]]*?)`?\]\([^)]*\)")


def _clean(text: str) -> str:
    text = text.replace("`", " ").replace("\\", "")
    return " ".join(text.split()).strip(" ,-")


def parse_marks(text: str) -> list[dict]:
    """Every mark of a module text: {lat, lon, mark, label, link} (label and link as written)."""
    marks = []
    for m in _MARK.finditer(text):
        fields = {k: v.strip('"') for k, v in _FIELD.findall(m.group(3))}
        if "label" not in fields:
            continue
        marks.append({"lat": float(m.group(1)), "lon": float(m.group(2)), "mark": fields.get("mark", ""),
                      "label": fields["label"], "link": fields.get("link", "")})
    return marks


def names_of(label: str, link: str) -> tuple[str, list[str]]:
    """The name a mark shows and its other forms: the link target, bracketed and slashed alternatives."""
    shown, extra = label, []
    wiki = _WIKILINK.search(label)
    if wiki:
        target, display = wiki.group(1), wiki.group(2)
        shown = display or target
        extra.append(target)
        extra.append(label[wiki.end():])  # "[[Bakhdida]] (Qaraqosh)"
    else:
        md = _MD_LINK.search(label)
        if md:
            shown = md.group(1)
            extra.append(label[md.end():])
    shown, extra = _clean(shown), [_clean(e) for e in extra]
    if link:
        extra.append(_clean(link.split("#")[0]))
    forms = []
    for text in [shown, *extra]:
        text = text.strip("() ")
        if not text:
            continue
        # "Sheikh Yunus (Şêx Yunis)", "Tubiyah/Twiba", "Alsafrah, Kirkuk", "Merki, Iraq"
        for part in re.split(r"\s*[/()]\s*", text):
            part = part.split(",")[0].strip(" ()")
            if part:
                forms.append(part)
    name = forms[0] if forms else shown
    variants = list(dict.fromkeys(f for f in forms[1:] if fold(f) != fold(name)))
    return name, variants


def kind_of(mark: str, name: str) -> str:
    low, where = name.lower(), mark.lower()
    if "dam" in low.split() or "bsicon" in where:
        return "dam"
    if where.endswith("_air"):
        return "airport" if "airport" in low else "airbase"
    if where.endswith("_oil"):
        return "refinery" if "refinery" in low else "oilfield"
    if where.endswith("_base"):
        if re.search(r"universit|faculty|prison|hospital|college", low):
            return "district"
        return "airbase"
    if where.endswith("_hill"):
        return "region"
    if where.endswith("_industry"):
        return "district"
    if re.search(r"universit", low):
        return "district"
    return "village"


def _skippable(name: str) -> str | None:
    """Why a name is not kept (None if it is)."""
    if _GENERIC_LABEL.match(name):
        return "generic label"
    words = key(name).split()
    if fold(name) in SKIP_NAMES or key(name) in SKIP_NAMES:
        return "word or first name"
    if len(words) == 1 and len(words[0]) <= 3:
        return "three letters or fewer"
    return None


def _load_areas():
    data = json.loads((DATA / "boundaries.geojson").read_text(encoding="utf-8"))
    iraq, provinces, abroad = None, [], []
    for feature in data["features"]:
        props = feature["properties"]
        if props.get("kind") == "country" and props.get("id") == "IQ":
            iraq = shape(feature["geometry"])
        elif props.get("kind") == "country":
            abroad.append(shape(feature["geometry"]))
        elif props.get("kind") == "province":
            provinces.append((props["name"], shape(feature["geometry"])))
    return iraq, provinces, abroad


def _existing_iraqi_places():
    places = []
    for tsv in sorted(DATA.glob("*.tsv")):
        places += read_places_tsv(tsv)
    for path in sorted(DATA.glob("curated_*.csv")):
        places += read_entries_csv(path)
    by_key: dict[str, list] = {}
    for place in places:
        if place.country != "IQ":
            continue
        for n in (place.name, *place.names):
            by_key.setdefault(key(n), []).append(place)
    return by_key


def build_rows(texts: list[str]) -> tuple[list[dict], dict[str, int]]:
    iraq, provinces, abroad = _load_areas()
    existing = _existing_iraqi_places()
    rows, skipped, kept_keys = [], {}, {}

    def skip(reason):
        skipped[reason] = skipped.get(reason, 0) + 1

    for text in texts:
        for mark in parse_marks(text):
            name, variants = names_of(mark["label"], mark["link"])
            reason = _skippable(name)
            if reason:
                skip(reason)
                continue
            point = Point(mark["lon"], mark["lat"])
            # Inside Iraq and in no neighbour's polygon (the simplified borders overlap a little).
            if iraq is None or not iraq.covers(point) or any(g.covers(point) for g in abroad):
                skip("outside Iraq")
                continue
            variants = [v for v in variants if not _skippable(v)]
            variants += [s for s in SPELLINGS.get(name, "").split("|") if s]
            variants = list(dict.fromkeys(v for v in variants if fold(v) != fold(name)))
            keys = {key(n) for n in (name, *variants)}
            near = [p for k in keys for p in existing.get(k, ())
                    if km_between(mark["lat"], mark["lon"], p.lat, p.lon) <= MERGE_KM]
            duplicate_of = ""
            if near:
                # The gazetteer has the place: keep the row only for the spellings it lacks.
                twin_keys = {key(n) for n in (near[0].name, *near[0].names)}
                variants = [v for v in variants if key(v) not in twin_keys]
                if not variants:
                    skip("in the gazetteer already")
                    continue
                duplicate_of = near[0].name
            twin = next((r for k in keys for r in kept_keys.get(k, ())
                         if km_between(mark["lat"], mark["lon"], r["lat"], r["lon"]) <= MERGE_KM), None)
            if twin is not None:
                skip("repeated mark")
                continue
            shared = bool(duplicate_of) or any(existing.get(k) for k in keys)
            row = {
                "name": name,
                "variants": "|".join(variants),
                "kind": kind_of(mark["mark"], name),
                "lat": mark["lat"],
                "lon": mark["lon"],
                "admin1": next((pname for pname, geom in provinces if geom.covers(point)), ""),
                "importance": IMPORTANCE_SHARED_NAME if shared else IMPORTANCE,
                "source": SOURCE,
                "module_label": _clean(mark["label"]),
                "duplicate_of": duplicate_of,
            }
            rows.append(row)
            for k in keys:
                kept_keys.setdefault(k, []).append(row)
    rows.sort(key=lambda r: (r["admin1"], fold(r["name"])))
    return rows, skipped


def write_rows(rows: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "lat": f"{row['lat']:.4f}", "lon": f"{row['lon']:.4f}",
                             "importance": f"{row['importance']:.2f}"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("module", nargs="+", type=Path, help="saved text of the map module(s)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in args.module]
    rows, skipped = build_rows(texts)
    write_rows(rows, args.output)
    print(f"{len(rows)} places written to {args.output}")
    for reason, count in sorted(skipped.items()):
        print(f"  skipped ({reason}): {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
