"""`mapper run` on the bundled samples: control.geojson and events.csv as other tools read them."""

import csv
import datetime as dt
import json
from pathlib import Path

import geopandas as gpd
import pytest
from click.testing import CliRunner

from mapper.cli.main import cli
from mapper.export import EVENT_FIELDS

SAMPLES = Path(__file__).resolve().parents[1] / "mapper" / "samples"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    result = CliRunner().invoke(cli, ["run", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_control_geojson_is_rfc7946(run_dir):
    doc = json.loads((run_dir / "control.geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc  # RFC 7946: WGS84 only, no crs member
    assert doc["features"]
    for f in doc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point"
        assert 38 <= lon <= 49 and 29 <= lat <= 38  # lon first, inside Iraq and its borders
        p = f["properties"]
        start = dt.date.fromisoformat(p["valid_from"])
        assert p["valid_to"] is None or dt.date.fromisoformat(p["valid_to"]) >= start
        assert 0 < p["confidence"] <= 1 and p["sources"]


def test_control_geojson_reads_back_with_geopandas(run_dir):
    gdf = gpd.read_file(run_dir / "control.geojson")
    assert gdf.crs.to_epsg() == 4326
    assert {"place", "party", "valid_from", "valid_to", "sources", "confidence"} <= set(gdf.columns)
    # Per place, intervals follow each other in time.
    for _, group in gdf.groupby("place_id"):
        starts = list(group.sort_values("valid_from")["valid_from"])
        assert starts == sorted(starts)


def test_events_csv_opens_like_a_spreadsheet_would(run_dir):
    raw = (run_dir / "events.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: spreadsheets detect the encoding
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows and list(rows[0]) == EVENT_FIELDS
    assert all(r["party"] and r["quote"] and r["article"] for r in rows)


def test_campaign_course_on_samples(run_dir):
    """The samples tell the known course: Mosul lost on 10 June, the Mosul Dam taken and retaken in August."""
    gdf = gpd.read_file(run_dir / "control.geojson")
    mosul = gdf[gdf.place == "Mosul"].sort_values("valid_from")
    assert mosul.iloc[0].party == "isis" and str(mosul.iloc[0].valid_from)[:10] == "2014-06-10"
    dam = list(gdf[gdf.place == "Mosul Dam"].sort_values("valid_from").party)
    assert dam[:1] == ["isis"] and dam[-1] in ("kurdish", "government")
