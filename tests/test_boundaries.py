"""Checks on the committed gazetteer/data/boundaries.geojson (built by scripts/build_boundaries.py)."""
import json
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

GEOJSON = Path(__file__).resolve().parent.parent / "gazetteer" / "data" / "boundaries.geojson"

PROVINCES = {
    "Anbar", "Babil", "Baghdad", "Basra", "Dhi Qar", "Diyala", "Dohuk", "Erbil", "Karbala",
    "Kirkuk", "Maysan", "Muthanna", "Najaf", "Nineveh", "Qadisiyah", "Saladin",
    "Sulaymaniyah", "Wasit",
}
COUNTRIES = {"IQ", "SY", "JO", "SA", "KW", "IR", "TR"}


@pytest.fixture(scope="module")
def gdf():
    return gpd.read_file(GEOJSON, engine="pyogrio")


def feature(gdf, **props):
    mask = True
    for key, value in props.items():
        mask = mask & (gdf[key] == value)
    rows = gdf[mask]
    assert len(rows) == 1, f"expected exactly one feature for {props}, got {len(rows)}"
    return rows.iloc[0]


def contains(gdf, lat, lon, **props):
    return feature(gdf, **props).geometry.contains(Point(lon, lat))


def test_file_size_under_400kb():
    assert GEOJSON.stat().st_size < 400_000


def test_rfc7946_structure():
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    for f in data["features"]:
        assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert set(f["properties"]) >= {"id", "name", "kind", "country", "aliases", "lat", "lon"}


def test_crs_is_wgs84(gdf):
    assert gdf.crs is not None and gdf.crs.to_epsg() == 4326


def test_provinces(gdf):
    prov = gdf[gdf["kind"] == "province"]
    names = set(prov["name"])
    assert len(prov) in (18, 19)
    assert names - {"Halabja"} == PROVINCES
    assert (prov["country"] == "IQ").all()
    assert prov["id"].is_unique
    assert prov["id"].str.startswith("IQ-").all()
    assert feature(gdf, name="Nineveh")["id"] == "IQ-NI"
    assert feature(gdf, name="Kirkuk")["id"] == "IQ-KI"


def test_countries(gdf):
    ctry = gdf[gdf["kind"] == "country"]
    assert set(ctry["id"]) == COUNTRIES
    assert len(ctry) == 7
    assert (ctry["id"] == ctry["country"]).all()


def test_kinds(gdf):
    assert set(gdf["kind"]) == {"province", "country"}


def test_geometries_valid_and_nonempty(gdf):
    assert gdf.geometry.is_valid.all()
    assert not gdf.geometry.is_empty.any()
    assert set(gdf.geometry.geom_type) <= {"Polygon", "MultiPolygon"}


def test_exterior_rings_counter_clockwise(gdf):
    for geom in gdf.geometry:
        for poly in getattr(geom, "geoms", [geom]):
            assert poly.exterior.is_ccw
            assert all(not ring.is_ccw for ring in poly.interiors)


def test_lonlat_order(gdf):
    minx, miny, maxx, maxy = gdf[gdf["kind"] == "province"].total_bounds
    assert 38 < minx < maxx < 49  # longitudes of Iraq
    assert 29 < miny < maxy < 38  # latitudes of Iraq


def test_representative_points_inside(gdf):
    for _, row in gdf.iterrows():
        assert row.geometry.contains(Point(row["lon"], row["lat"])), row["name"]


def test_aliases(gdf):
    aliases = {row["name"]: list(row["aliases"]) for _, row in gdf.iterrows()}
    assert "Ninawa" in aliases["Nineveh"]
    assert "Arbil" in aliases["Erbil"] and "Irbil" in aliases["Erbil"]
    assert "Salahuddin" in aliases["Saladin"]
    assert "Al Anbar" in aliases["Anbar"]
    # city names must not be governorate aliases
    all_aliases = {a for values in aliases.values() for a in values}
    assert not all_aliases & {"Mosul", "Ramadi", "Diwaniyah", "Hilla", "Kut", "Nasiriyah"}


def test_baghdad(gdf):
    assert contains(gdf, 33.34, 44.40, name="Baghdad", kind="province")
    assert contains(gdf, 33.34, 44.40, id="IQ", kind="country")


def test_mosul_in_nineveh(gdf):
    assert contains(gdf, 36.34, 43.13, name="Nineveh", kind="province")
    assert not contains(gdf, 36.34, 43.13, name="Erbil", kind="province")


def test_amman_in_jordan(gdf):
    assert contains(gdf, 31.95, 35.93, id="JO", kind="country")
    assert not contains(gdf, 31.95, 35.93, id="IQ", kind="country")


def test_provinces_do_not_overlap(gdf):
    prov = gdf[gdf["kind"] == "province"].reset_index(drop=True)
    for i in range(len(prov)):
        for j in range(i + 1, len(prov)):
            inter = prov.geometry[i].intersection(prov.geometry[j]).area
            assert inter < 1e-6, (prov["name"][i], prov["name"][j], inter)
