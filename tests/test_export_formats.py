"""`mapper export`: every format reads back with geopandas/pyogrio/pandas with the same rows."""

import json
import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from click.testing import CliRunner

from mapper.api import ACLED_FIELDS, acled_actors, acled_rows, export, interval_rows, place_rows
from mapper.cli.main import cli
from mapper.corrections import Correction
from mapper.export import unsafe_cell
from mapper.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "mapper" / "samples"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    import gazetteer

    path = tmp_path_factory.mktemp("export") / "store.sqlite"
    with Store(path) as st:
        st.ingest([str(SAMPLES)], gazetteer.load(include_user_dir=False))
        # A rejection and a pin, so the exports show the corrected picture.
        first = st.claim_rows()[0]
        st.add_correction(Correction("reject", article=first["article"], place_id=first["place_id"],
                                     action=first["action"], date=pd.Timestamp(first["date"]).date()))
        st.add_correction(Correction("pin", place_id="gn:90150", place="Tikrit", party="government",
                                     date=pd.Timestamp("2014-06-28").date(), note="analyst note", lat=34.61581,
                                     lon=43.67861, kind="city"))
    with Store(path, create=False) as st:
        yield st


def _day(value):
    """An ISO date from whatever a reader gives: Timestamp, date, 'YYYY-MM-DD', 'YYYY/MM/DD ...' or null."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value[:10].replace("/", "-") or None
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def _num(value):
    return None if value is None or pd.isna(value) else round(float(value), 6)


def event_key(row):
    return (row["event_id_cnty"], _day(row["event_date"]), _num(row["latitude"]), _num(row["longitude"]),
            row["notes"], row["action"], _num(row["confidence"]), _num(row["time_precision"]),
            _num(row["geo_precision"]), row["location"], row["actor1"])


def frame_keys(frame, key):
    return [key(row) for row in frame.to_dict("records")]


@pytest.fixture(scope="module")
def expected(store):
    return [event_key(r) for r in acled_rows(store)]


def test_events_leave_out_rejected_claims(store, expected):
    rejected = {r["claim_id"] for r in store.claim_rows() if r["rejected"]}
    assert len(rejected) == 1 and not rejected & {k[0] for k in expected}
    assert len(expected) == len(store.claim_rows()) - 1


def test_acled_columns(store):
    rows = acled_rows(store)
    assert list(rows[0]) == ACLED_FIELDS
    assert ACLED_FIELDS[:7] == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                                "event_type", "sub_event_type"]
    for r in rows:
        assert r["time_precision"] in (1, 2, 3) and r["geo_precision"] in (1, 2, 3)
        assert r["country"] == "Iraq" and r["notes"] and r["source"]
        if r["action"] == "captured" and r["party"] == "isis":
            assert (r["event_type"], r["sub_event_type"]) == ("Battles", "Non-state actor overtakes territory")
    mosul = next(r for r in rows if r["location"] == "Mosul" and r["action"] == "captured")
    assert mosul["actor1"] == "Islamic State (ISIS)" and mosul["admin1"] == "Nineveh"


def test_acled_actors_follow_the_claim_and_every_dated_row_has_a_whole_year(store):
    from mapper.claims import default_parties

    names = {pid: p.name for pid, p in default_parties().parties.items()}
    rows = acled_rows(store)
    for r in rows:
        if r["action"] in ("captured", "recaptured", "held"):
            assert r["actor1"] == names[r["party"]], r  # never an actor the claim contradicts
        assert r["actor2"] != r["actor1"] or r["actor1"] is None
        assert (r["year"] is None) == (r["event_date"] is None) == (r["event_date_basis"] == "unknown")
        assert r["year"] is None or (isinstance(r["year"], int) and r["event_date"].startswith(str(r["year"])))
        if r["event_date_basis"] == "on or before publication":
            assert r["event_date"] == r["published"] and r["time_precision"] == 3
    assert sum(r["actor2"] is not None for r in rows) > len(rows) / 3


@pytest.mark.parametrize("row, actors", [
    ({"action": "recaptured", "party": "government", "actor": "government",
      "quote": "Troops retook the town from ISIS on Monday."}, ("government", "isis")),
    ({"action": "held", "party": "isis", "actor": "government",
      "quote": "Soldiers shelled the militant-held town."}, ("isis", "government")),
    ({"action": "withdrew", "party": "isis", "actor": "kurdish",
      "quote": "Peshmerga pulled out and militants moved in."}, ("kurdish", "isis")),
    ({"action": "contested", "party": "contested", "actor": None,
      "quote": "Clashes between soldiers and Daesh fighters went on."}, ("government", "isis")),
    ({"action": "captured", "party": "isis", "actor": None, "quote": "The town fell on Tuesday."}, ("isis", None)),
])
def test_acled_actors(row, actors):
    assert acled_actors(row) == actors


def test_geopackage_reads_back_with_pyogrio(store, expected, tmp_path):
    path = tmp_path / "out.gpkg"
    assert export(store, path) == ["events", "control", "places"]
    assert [name for name, _ in pyogrio.list_layers(path)] == ["events", "control", "places"]
    events = pyogrio.read_dataframe(path, layer="events")
    assert events.crs.to_epsg() == 4326
    assert frame_keys(events, event_key) == expected
    assert pyogrio.read_info(path, layer="events")["dtypes"][ACLED_FIELDS.index("event_date")].startswith("datetime")
    control = pyogrio.read_dataframe(path, layer="control")
    want = interval_rows(store)
    assert [(r["place_id"], _day(r["valid_from"]), _day(r["valid_to"]), r["party"]) for r in control.to_dict("records")
            ] == [(r["place_id"], r["valid_from"], r["valid_to"], r["party"]) for r in want]
    tikrit = control[(control.place == "Tikrit") & control.valid_to.isna()]
    assert list(tikrit.party) == ["government"] and list(tikrit.sources) == ["analyst:2"]
    places = pyogrio.read_dataframe(path, layer="places")
    assert list(places.place_id) == [r["place_id"] for r in place_rows(store)]
    assert all(p.geom_type == "Point" for p in places.geometry)


def test_geojson_reads_back_and_follows_rfc7946(store, expected, tmp_path):
    path = tmp_path / "events.geojson"
    export(store, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    lon, lat = doc["features"][0]["geometry"]["coordinates"]
    assert 38 <= lon <= 49 and 29 <= lat <= 38
    back = gpd.read_file(path)
    assert back.crs.to_epsg() == 4326
    assert frame_keys(back, event_key) == expected


def test_csv_reads_back_with_pandas_and_pyogrio(store, expected, tmp_path):
    path = tmp_path / "events.csv"
    export(store, path, "csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets detect UTF-8
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    assert list(frame.columns) == ACLED_FIELDS  # the BOM is not part of the first name
    # (a cell that starts like a formula, "- **Mosul** - overrun", has a "'" in front: unsafe_cell reads it back)
    frame = frame.astype(object).where(frame.notna(), None).map(lambda v: unsafe_cell(v) if isinstance(v, str) else v)
    assert frame_keys(frame, event_key) == expected
    assert any(str(v).startswith("'-") for v in pd.read_csv(path, keep_default_na=False)["notes"])
    # QGIS reads it through GDAL's CSV driver, points from the latitude/longitude columns.
    points = pyogrio.read_dataframe(path, X_POSSIBLE_NAMES="longitude", Y_POSSIBLE_NAMES="latitude",
                                    KEEP_GEOM_COLUMNS="NO")
    assert len(points) == len(expected)
    assert [(_num(p.x), _num(p.y)) for p in points.geometry] == [(k[3], k[2]) for k in expected]


def test_parquet_reads_back_with_geopandas_and_pandas(store, expected, tmp_path):
    path = tmp_path / "events.parquet"
    export(store, path)
    back = gpd.read_parquet(path)
    assert back.crs.to_epsg() == 4326
    assert frame_keys(back, event_key) == expected
    plain = pd.read_parquet(path)  # pandas alone: the geometry is WKB
    assert len(plain) == len(expected) and str(plain["event_date"].dtype).startswith("datetime64")


@pytest.mark.parametrize("fmt", ["geojson", "csv", "parquet"])
def test_single_layer_formats_hold_control_and_places_too(store, tmp_path, fmt):
    for layer, want in (("control", interval_rows(store)), ("places", place_rows(store))):
        path = tmp_path / f"{layer}.{fmt}"
        export(store, path, fmt, [layer])
        read = {"csv": pd.read_csv, "parquet": gpd.read_parquet, "geojson": gpd.read_file}[fmt]
        back = read(path)
        assert list(back.place_id) == [r["place_id"] for r in want], (fmt, layer)


def test_filters_apply_to_the_export(store, tmp_path):
    path = tmp_path / "nineveh.gpkg"
    from mapper.api import Filters

    export(store, path, filters=Filters(admin1=("Ninawa",), since=pd.Timestamp("2014-06-01").date()))
    events = pyogrio.read_dataframe(path, layer="events")
    assert len(events) and set(events.admin1) == {"Nineveh"}
    assert events.event_date.min() >= pd.Timestamp("2014-06-01")


def test_bad_export_arguments(store, tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        export(store, tmp_path / "x.shp")
    with pytest.raises(ValueError, match="holds one"):
        export(store, tmp_path / "x.csv", layers=["events", "control"])
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_cli_export(store, tmp_path):
    db = store.path
    result = invoke("export", "--store", db, "--format", "gpkg")
    assert result.exit_code == 0, result.output
    default = db.parent / "export" / "territory.gpkg"
    assert default.exists() and str(default) in result.stderr
    out = tmp_path / "june.csv"
    result = invoke("export", "--store", db, "-o", out, "--since", "2014-06-01", "--until", "2014-06-30")
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    assert len(frame) and frame.event_date.between("2014-06-01", "2014-06-30").all()
    assert invoke("export", "--store", db).exit_code == 2  # no format, no file
    assert invoke("export", "--store", db, "-o", tmp_path / "x.txt").exit_code == 2
    assert invoke("export", "--store", db, "--format", "csv", "--layer", "events", "--layer", "places"
                  ).exit_code == 2
