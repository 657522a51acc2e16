import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from gazetteer.core import km_between
from gazetteer.geocoder import IraqGazetteer


@pytest.fixture(scope="module")
def geocoder():
    return IraqGazetteer()


def test_is_geopy_geocoder():
    assert issubclass(IraqGazetteer, Geocoder)


def test_geocode_telafer(geocoder):
    loc = geocoder.geocode("Telafer")
    assert isinstance(loc, Location)
    assert km_between(36.379, 42.448, loc.latitude, loc.longitude) < 10
    assert loc.address.startswith("Tal Afar")
    assert "Iraq" in loc.address
    assert loc.raw["name"] == "Tal Afar"
    assert 0 < loc.raw["score"] <= 1


def test_geocode_many(geocoder):
    locs = geocoder.geocode("Kirkuk", exactly_one=False)
    assert isinstance(locs, list) and len(locs) >= 2
    assert all(isinstance(loc, Location) for loc in locs)
    assert locs[0].raw["kind"] == "city"
    limited = geocoder.geocode("Kirkuk", exactly_one=False, limit=1)
    assert len(limited) == 1


def test_geocode_kind(geocoder):
    assert geocoder.geocode("Qaim", kind="crossing").raw["kind"] == "crossing"


def test_geocode_miss(geocoder):
    assert geocoder.geocode("xqzvbnmplk") is None


def test_reverse_mosul(geocoder):
    loc = geocoder.reverse((36.34, 43.13))
    assert isinstance(loc, Location)
    assert loc.raw["name"] == "Mosul"
    assert geocoder.reverse("36.34, 43.13").raw["name"] == "Mosul"


def test_reverse_far_from_everything(geocoder):
    assert geocoder.reverse((0.0, -30.0)) is None


def test_geopandas_geocode():
    import geopandas as gpd
    from geopandas.tools import geocode

    gdf = geocode(["Rawa", "Anah"], provider=IraqGazetteer)
    assert isinstance(gdf, gpd.GeoDataFrame)
    assert len(gdf) == 2
    assert not gdf.geometry.is_empty.any()
    assert gdf.geometry.notna().all()
    assert km_between(34.482, 41.919, gdf.geometry.iloc[0].y, gdf.geometry.iloc[0].x) < 10
    assert km_between(34.369, 41.982, gdf.geometry.iloc[1].y, gdf.geometry.iloc[1].x) < 10
