"""`mapper run` on the bundled samples: control.geojson and events.csv as other tools read them."""

import csv
import datetime as dt
import io
import json
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

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


def test_a_place_the_gazetteer_lacks_is_listed_and_counted_not_drawn(tmp_path):
    (tmp_path / "villages.txt").write_text(
        "Villages taken\n\nERBIL, Aug 17, 2014 (Wire) - Kurdish fighters took the village of Tal Marqab on Sunday "
        "and retook Zumar.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "villages.txt"), "-o", str(out), "--offline"])
    assert result.exit_code == 0, result.output
    assert "1 interval(s) of places the gazetteer lacks" in result.stderr
    rows = {r["place"]: r for r in csv.DictReader(io.StringIO((out / "events.csv").read_text(encoding="utf-8-sig")))}
    assert rows["Tal Marqab"]["place_id"].startswith("unplaced:") and rows["Tal Marqab"]["lat"] == ""
    assert rows["Zumar"]["lat"]
    features = json.loads((out / "control.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["place"] for f in features] == ["Zumar"]


def test_campaign_course_on_samples(run_dir):
    """The samples tell the known course: Mosul lost on 10 June, the Mosul Dam taken and retaken in August."""
    gdf = gpd.read_file(run_dir / "control.geojson")
    mosul = gdf[gdf.place == "Mosul"].sort_values("valid_from")
    assert mosul.iloc[0].party == "isis" and str(mosul.iloc[0].valid_from)[:10] == "2014-06-10"
    dam = list(gdf[gdf.place == "Mosul Dam"].sort_values("valid_from").party)
    assert dam[:1] == ["isis"] and dam[-1] in ("kurdish", "government")


# -- streaming: what `mapper run` holds ------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_items(gaz):
    from mapper.pipeline import extract

    return list(extract([str(SAMPLES)], gaz))


class _Discard:
    """A file that forgets what is written to it (so the test measures the run, not the CSV)."""

    def write(self, text: str) -> None:
        pass


def test_streamed_collection_gives_what_the_in_memory_one_gives(gaz, sample_items, tmp_path):
    from mapper.export import control_geojson, events_csv
    from mapper.render.assets import script_json
    from mapper.render.collect import collect, collect_streamed

    items = sample_items + [_pin("gn:99072", "government", dt.date(2014, 6, 12))]  # a pin in Mosul, shown first
    batch = collect([], gaz, items=items)
    events, geojson = io.StringIO(), io.StringIO()
    with collect_streamed([], events, gaz, items=items, spill_dir=tmp_path) as streamed:
        assert events.getvalue() == events_csv(batch.rows)
        assert streamed.events == len(batch.rows) and streamed.read == batch.read
        page = streamed.draw(geojson, gaz, zone_km=0)
    assert list(tmp_path.iterdir()) == []  # the spill is gone
    assert geojson.getvalue() == control_geojson(batch.intervals)
    assert streamed.intervals == len(batch.intervals)
    # As text: 1 and 1.0 are equal in Python, not on the page.
    assert script_json(page.payload) == script_json(batch.map(gaz, zone_km=0).payload)
    assert "".join(page.html_chunks()).count("Analyst pins Mosul") == 1


def test_workers_prepare_the_claims_as_this_process_would(gaz, tmp_path):
    """With --jobs the workers make each article's CSV cells and packed claims; the files are the same."""
    from mapper.render.collect import collect_streamed

    samples = str(Path(__file__).resolve().parents[1] / "mapper" / "samples")
    texts = {}
    for jobs in (1, 2):
        events, geojson = io.StringIO(), io.StringIO()
        folder = tmp_path / f"j{jobs}"
        folder.mkdir()
        with collect_streamed([samples], events, gaz, jobs=jobs, spill_dir=folder) as got:
            got.draw(geojson, gaz, zone_km=0)
        texts[jobs] = (events.getvalue(), geojson.getvalue())
    assert texts[1] == texts[2] and texts[1][0].count("\n") > 50


def _pin(place_id: str, party: str, day: dt.date):
    """An analyst's pin as the store yields it: an article of its own."""
    from mapper.claims import Claim
    from mapper.pipeline import Extracted

    claim = Claim("Mosul", place_id, party, None, "held", day, "day", "Analyst pins Mosul", 1.0, 36.34, 43.13)
    return Extracted(SimpleNamespace(id="analyst:1", source="corrections", title="pin"), day, "pin", (), (claim,))


def test_places_are_merged_one_at_a_time_from_their_own_claims(gaz, sample_items, tmp_path, monkeypatch):
    import mapper.timeline
    from mapper.render.collect import collect_streamed

    merged = []

    def place_timeline(records):
        merged.append({r.claim.place_id for r in records})
        return real(records)

    def build_timeline(records):
        raise AssertionError("mapper run merged the whole batch at once")

    real = mapper.timeline.place_timeline
    monkeypatch.setattr(mapper.timeline, "place_timeline", place_timeline)
    monkeypatch.setattr(mapper.timeline, "build_timeline", build_timeline)
    with collect_streamed([], _Discard(), gaz, items=sample_items, spill_dir=tmp_path) as got:
        places = {iv.place_id for intervals in got.places() for iv in intervals}
    assert all(len(ids) == 1 for ids in merged) and len(merged) == len(places)


def _articles(count: int, places: int = 20):
    """``count`` extracted articles of 5 long claims each, made up as they are asked for."""
    from mapper.claims import Claim
    from mapper.pipeline import Extracted

    for i in range(count):
        published = dt.date(2014, 6, 1) + dt.timedelta(days=i % 60)
        article = SimpleNamespace(id=f"{i:016x}", source=f"https://example.org/{i}", title=f"Report {i}")
        events = tuple(Claim(f"P{k}", f"test:P{k}", "isis", "isis", "held", published, "day",
                             f"Report {i} says militants hold P{k}. " + "Detail. " * 40, 0.8, 34.0, 43.0)
                       for k in ((i + j) % places for j in range(5)))
        yield Extracted(article, published, "test", (), events)


def test_reading_holds_no_more_claims_as_the_batch_grows(monkeypatch, tmp_path):
    """Peak memory while reading stays put when the batch grows 4x (it would grow 4x in memory)."""
    import mapper.render.spill
    from mapper.render.collect import collect_streamed

    monkeypatch.setattr(mapper.render.spill, "SPILL_BATCH", 200)

    def peak_while_reading(count: int) -> int:
        peaks = []

        def items():
            yield from _articles(count)
            peaks.append(tracemalloc.get_traced_memory()[1])

        tracemalloc.start()
        try:
            with collect_streamed([], _Discard(), {}, items=items(), spill_dir=tmp_path) as got:
                assert got.events == 5 * count
        finally:
            tracemalloc.stop()
        return peaks[0]

    peak_while_reading(10)  # imports and caches first, so they weigh on neither figure
    small, large = peak_while_reading(500), peak_while_reading(2_000)
    quotes_4x = 2_000 * 5 * 350
    assert large < small * 1.5 and large < quotes_4x / 5, (small, large)  # in memory: 4x, over quotes_4x


def test_a_run_that_reads_nothing_leaves_the_previous_outputs(tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["run", str(SAMPLES), "-o", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # a mistyped input folder: an error, and the good map, timeline and events stay as they were
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "artciles"), "-o", str(out)])
    assert result.exit_code == 1 and "left as they were" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_run_removes_what_killed_runs_left_and_nothing_else(tmp_path):
    import os
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has ended
    (out / f".events.csv.{pid}.k2j4.tmp").write_text("half a file")
    (out / f".mapper-spill-{pid}-x9z").mkdir()
    (out / f".mapper-spill-{pid}-x9z" / "place.pickle").write_bytes(b"\x80")
    live = out / f".map.html.{os.getpid()}.abc.tmp"  # a run of a process still alive: left alone
    live.write_text("being written")
    (out / ".notes.txt").write_text("the user's")
    result = CliRunner().invoke(cli, ["run", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert names == {"map.html", "control.geojson", "events.csv", live.name, ".notes.txt"}
    assert f"removed .events.csv.{pid}.k2j4.tmp" in result.output


def test_a_run_that_fails_while_drawing_the_map_leaves_all_three_outputs(tmp_path, monkeypatch):
    from mapper.render.folium_map import TerritoryMap

    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["run", str(SAMPLES), "-o", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(self):
        yield "<!DOCTYPE html>"
        raise OSError("No space left on device")

    monkeypatch.setattr(TerritoryMap, "html_chunks", broken)
    result = CliRunner().invoke(cli, ["run", str(SAMPLES / "01_mosul-falls.txt"), "-o", str(out)])
    assert result.exit_code != 0
    # the old map, timeline and events stay together: none is replaced until all three are written
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
