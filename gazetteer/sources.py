"""Readers of the gazetteer's sources; each returns plain :class:`~gazetteer.model.Place` rows.

* the derived GeoNames table committed in ``data/geonames.tsv`` (see ``scripts/build_gazetteer.py``),
* the curated tables ``data/curated_*.csv`` (written by hand, one coordinate source per row),
* the boundaries ``data/boundaries.geojson`` (governorates and countries),
* user files: entry/alias CSVs and full GeoNames country dumps (``IQ.txt``).
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import KINDS, Place

__all__ = [
    "GazetteerFormatError",
    "read_places_tsv",
    "write_places_tsv",
    "read_entries_csv",
    "read_aliases_csv",
    "read_wikimap_csv",
    "read_boundaries",
    "read_geonames_dump",
    "importance_from_population",
    "slug",
]

TSV_FIELDS = ("id", "name", "kind", "lat", "lon", "country", "admin1", "population", "importance", "names", "source")


class GazetteerFormatError(ValueError):
    """A gazetteer source file is malformed; the message names the file and line."""

    def __init__(self, path, line: int | None, problem: str):
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


def slug(text: str) -> str:
    """A lower-case ASCII identifier for a name (``"Mosul Dam"`` -> ``"mosul-dam"``)."""
    from .names import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "place"


def importance_from_population(population: int) -> float:
    """Map a population to 0..1 on a log scale (7 million and more -> 1)."""
    if population <= 0:
        return 0.2
    return round(min(1.0, max(0.2, math.log10(population) / 6.85)), 3)


def _split_names(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(n.strip() for n in value.split("|") if n.strip())


def _float(value, path, line, what) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise GazetteerFormatError(path, line, f"{what} {value!r} is not a number") from None
    if math.isnan(number):
        raise GazetteerFormatError(path, line, f"{what} is NaN")
    return number


def _check_point(lat: float, lon: float, path, line) -> None:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GazetteerFormatError(path, line, f"coordinate {lat},{lon} is out of range")


def read_places_tsv(path: str | Path) -> list[Place]:
    """Read the derived tab-separated table written by :func:`write_places_tsv`."""
    places = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for line, row in enumerate(reader, start=2):
            lat = _float(row["lat"], path, line, "lat")
            lon = _float(row["lon"], path, line, "lon")
            places.append(
                Place(
                    id=row["id"],
                    name=row["name"],
                    kind=row["kind"],
                    lat=lat,
                    lon=lon,
                    country=row["country"],
                    admin1=row["admin1"] or None,
                    population=int(row["population"] or 0),
                    importance=float(row["importance"] or 0.3),
                    names=_split_names(row["names"]),
                    source=row["source"],
                )
            )
    return places


def write_places_tsv(places: Iterable[Place], path: str | Path) -> int:
    """Write places as the derived tab-separated table; returns the row count."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(TSV_FIELDS) + "\n")
        for p in places:
            names = "|".join(n.replace("|", " ").replace("\t", " ") for n in p.names)
            row = (p.id, p.name, p.kind, f"{p.lat:.5f}", f"{p.lon:.5f}", p.country, p.admin1 or "",
                   str(p.population), f"{p.importance:.3f}", names, p.source)
            fh.write("\t".join(str(v).replace("\t", " ").replace("\n", " ") for v in row) + "\n")
            count += 1
    return count


def read_entries_csv(path: str | Path, prefix: str = "cur", source: str = "curated") -> list[Place]:
    """Read a curated or user entry table.

    Columns: ``name, kind, lat, lon, country, admin1, aliases, importance`` (``aliases``
    separated by ``|``; ``admin1``, ``aliases`` and ``importance`` optional; other columns,
    such as ``coord_source`` and ``note``, are kept out of the index).

    Raises
    ------
    GazetteerFormatError
        Naming the file and line of a missing column, unknown kind or bad coordinate.
    """
    places = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"name", "kind", "lat", "lon"} - set(reader.fieldnames or ())
        if missing:
            raise GazetteerFormatError(path, 1, f"missing column(s): {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            name = (row.get("name") or "").strip()
            if not name:
                raise GazetteerFormatError(path, line, "empty name")
            kind = (row.get("kind") or "").strip().lower()
            if kind not in KINDS:
                raise GazetteerFormatError(path, line, f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
            lat = _float(row.get("lat"), path, line, "lat")
            lon = _float(row.get("lon"), path, line, "lon")
            _check_point(lat, lon, path, line)
            importance = row.get("importance") or "0.5"
            places.append(
                Place(
                    id=f"{prefix}:{slug(name)}",
                    name=name,
                    kind=kind,
                    lat=lat,
                    lon=lon,
                    country=(row.get("country") or "IQ").strip().upper(),
                    admin1=(row.get("admin1") or "").strip() or None,
                    population=int(float(row.get("population") or 0)),
                    importance=_float(importance, path, line, "importance"),
                    names=_split_names(row.get("aliases")),
                    source=source,
                )
            )
    return places


def read_wikimap_csv(path: str | Path) -> list[tuple[Place, str]]:
    """Read ``data/wikimap_places.csv`` (see ``scripts/build_wikimap_places.py``).

    Columns: ``name, variants, kind, lat, lon, admin1, importance, source`` and the informational
    ``module_label, duplicate_of``.  Returns each place with the name of the entry it duplicates
    ("" for a new place): the loader adds a duplicate's spellings to that entry.
    """
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"name", "variants", "kind", "lat", "lon"} - set(reader.fieldnames or ())
        if missing:
            raise GazetteerFormatError(path, 1, f"missing column(s): {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            name = (row.get("name") or "").strip()
            kind = (row.get("kind") or "").strip().lower()
            if not name:
                raise GazetteerFormatError(path, line, "empty name")
            if kind not in KINDS:
                raise GazetteerFormatError(path, line, f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
            lat = _float(row.get("lat"), path, line, "lat")
            lon = _float(row.get("lon"), path, line, "lon")
            _check_point(lat, lon, path, line)
            place = Place(
                id=f"wm:{slug(name)}",
                name=name,
                kind=kind,
                lat=lat,
                lon=lon,
                country="IQ",
                admin1=(row.get("admin1") or "").strip() or None,
                importance=_float(row.get("importance") or "0.25", path, line, "importance"),
                names=_split_names(row.get("variants")),
                source="wikimap",
            )
            rows.append((place, (row.get("duplicate_of") or "").strip()))
    return rows


def read_aliases_csv(path: str | Path) -> list[tuple[str, str]]:
    """Read a user alias table: columns ``alias`` and ``place`` (a place id or canonical name)."""
    pairs = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not {"alias", "place"} <= set(reader.fieldnames or ()):
            raise GazetteerFormatError(path, 1, "an alias file needs the columns 'alias' and 'place'")
        for line, row in enumerate(reader, start=2):
            alias, place = (row.get("alias") or "").strip(), (row.get("place") or "").strip()
            if not alias or not place:
                raise GazetteerFormatError(path, line, "empty alias or place")
            pairs.append((alias, place))
    return pairs


def read_boundaries(path: str | Path) -> tuple[list[Place], dict[str, dict]]:
    """Read the boundaries GeoJSON.

    Returns
    -------
    places : list of Place
        One per governorate (kind ``province``) and country (kind ``country``).
    geometries : dict
        GeoJSON geometry mappings keyed by place id, for point-in-polygon lookups.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    places, geometries = [], {}
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        pid = f"adm:{props['id']}"
        aliases = props.get("aliases") or []
        if isinstance(aliases, str):
            aliases = _split_names(aliases)
        kind = props.get("kind", "province")
        places.append(
            Place(
                id=pid,
                name=props["name"],
                kind=kind,
                lat=float(props["lat"]),
                lon=float(props["lon"]),
                country=props.get("country", ""),
                admin1=props["name"] if kind == "province" else None,
                importance=0.9 if kind == "country" else 0.75,
                names=tuple(aliases),
                source="boundaries",
            )
        )
        geometries[pid] = feature["geometry"]
    return places, geometries


# GeoNames feature codes worth a place on a conflict map, and the kind each becomes.
_FEATURE_KINDS = {
    ("A", "ADM1"): "province",
    ("A", "ADM2"): "district",
    ("A", "PCLI"): "country",
    ("H", "STM"): "river",
    ("H", "DAM"): "dam",
    ("S", "DAM"): "dam",
    ("S", "AIRB"): "airbase",
    ("S", "AIRF"): "airbase",
    ("S", "AIRP"): "airport",
    ("S", "PSTB"): "crossing",
    ("S", "OILR"): "refinery",
    ("L", "OILF"): "oilfield",
    ("P", "PPLX"): "district",
}
_SKIPPED_POPULATED = {"PPLQ", "PPLH", "PPLW"}  # abandoned, historical, destroyed


def kind_from_population(population: int) -> str:
    """City, town or village by population."""
    if population >= 100_000:
        return "city"
    if population >= 2_000 or population == 0:
        return "town"
    return "village"


def read_geonames_dump(path: str | Path, countries: set[str] | None = None) -> Iterator[Place]:
    """Read a GeoNames country dump (the 19-column ``IQ.txt`` format).

    Populated places, governorates, districts, streams, dams, airports, border posts,
    refineries and oilfields are kept; other features are skipped.

    Parameters
    ----------
    path : str or Path
        The tab-separated dump (UTF-8, no header).
    countries : set of str, optional
        Keep only rows of these ISO codes.

    Raises
    ------
    GazetteerFormatError
        On the first malformed line (wrong column count, bad id or coordinate).
    """
    with open(path, encoding="utf-8", newline="") as fh:
        for line_no, raw in enumerate(fh, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 19:
                raise GazetteerFormatError(path, line_no, f"expected 19 tab-separated columns, found {len(cols)}")
            gid, name, asciiname, alternates, lat, lon, fclass, fcode, cc = cols[:9]
            if not gid.isdigit():
                raise GazetteerFormatError(path, line_no, f"geonameid {gid!r} is not a number")
            if countries and cc not in countries:
                continue
            kind = _FEATURE_KINDS.get((fclass, fcode))
            if kind is None:
                if fclass != "P" or fcode in _SKIPPED_POPULATED:
                    continue
            latf = _float(lat, path, line_no, "latitude")
            lonf = _float(lon, path, line_no, "longitude")
            _check_point(latf, lonf, path, line_no)
            try:
                population = int(cols[14] or 0)
            except ValueError:
                raise GazetteerFormatError(path, line_no, f"population {cols[14]!r} is not a number") from None
            names = tuple(dict.fromkeys(n for n in [asciiname, *alternates.split(",")] if n and n != name))
            yield Place(
                id=f"gn:{gid}",
                name=name,
                kind=kind or kind_from_population(population),
                lat=latf,
                lon=lonf,
                country=cc,
                admin1=None,
                population=population,
                importance=importance_from_population(population),
                names=names,
                source="geonames-dump",
            )
