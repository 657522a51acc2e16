"""The Python API for notebooks: `import mapper` is cheap; corpus and store give the same frames."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import folium
import pandas as pd
import pytest

import mapper
from mapper.api import Corpus, Filters, as_source
from mapper.corrections import Correction, write_csv
from mapper.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "mapper" / "samples"


@pytest.fixture(scope="module")
def corpus():
    import gazetteer

    return mapper.load_corpus(SAMPLES, gazetteer=gazetteer.load(include_user_dir=False))


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus):
    path = tmp_path_factory.mktemp("api") / "store.sqlite"
    with Store(path) as st:
        st.ingest([str(SAMPLES)], corpus.gazetteer())
    return path


def test_import_mapper_is_cheap():
    code = ("import sys, mapper; heavy = {'geopandas', 'pandas', 'folium', 'gazetteer', 'mapper.pipeline'}; "
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_names():
    for name in ("extract", "load_store", "load_corpus", "places_frame", "claims_frame", "timeline_frame",
                 "build_timeline", "control_map", "events_frame", "Filters"):
        assert callable(getattr(mapper, name)) and name in dir(mapper)
    assert mapper.build_timeline is __import__("mapper.timeline").timeline.build_timeline
    with pytest.raises(AttributeError):
        mapper.no_such_thing  # noqa: B018


def test_claims_frame(corpus):
    frame = mapper.claims_frame(corpus)
    assert frame.crs.to_epsg() == 4326 and len(frame) == sum(len(x.events) for x in corpus.extracted)
    assert str(frame["date"].dtype).startswith("datetime64")
    row = frame[frame.place == "Mosul"].iloc[0]
    assert (row.geometry.x, row.geometry.y) == (row.lon, row.lat)
    assert {"claim_id", "article", "quote", "party", "admin1", "rejected"} <= set(frame.columns)


def test_corpus_and_store_give_the_same_frames(corpus, store):
    with mapper.load_store(store) as st:
        for make in (mapper.claims_frame, mapper.places_frame, mapper.timeline_frame, mapper.events_frame):
            a, b = make(corpus), make(st)
            pd.testing.assert_frame_equal(pd.DataFrame(a.drop(columns="geometry")),
                                          pd.DataFrame(b.drop(columns="geometry")), check_dtype=False)
            assert list(a.geometry) == list(b.geometry)


def test_timeline_frame_on_a_day(corpus):
    every = mapper.timeline_frame(corpus)
    day = mapper.timeline_frame(corpus, on="2014-06-20")
    assert 0 < len(day) < len(every) and day.place_id.is_unique
    assert (day.valid_from <= pd.Timestamp("2014-06-20")).all()
    assert (day.valid_to.isna() | (day.valid_to >= pd.Timestamp("2014-06-20"))).all()


def test_filters(corpus):
    frame = mapper.claims_frame(corpus, Filters(parties=("isis",), admin1=("Ninawa",),
                                                until=dt.date(2014, 6, 30)))
    assert len(frame) and set(frame.party) == {"isis"} and set(frame.admin1) == {"Nineveh"}
    assert (frame.date <= pd.Timestamp("2014-06-30")).all()
    by_word = mapper.claims_frame(corpus, Filters(parties=("Daesh",), admin1=("Ninawa",), until=dt.date(2014, 6, 30)))
    assert by_word.claim_id.tolist() == frame.claim_id.tolist()  # a party's word names it


def test_places_frame(corpus):
    frame = mapper.places_frame(corpus)
    assert frame.place_id.is_unique and frame.crs.to_epsg() == 4326
    assert frame.set_index("place").loc["Mosul", "party"] == "isis"


def test_corpus_applies_corrections_from_a_csv(tmp_path, corpus):
    csv_path = tmp_path / "corrections.csv"
    write_csv([Correction("pin", id=1, place_id="gn:90150", place="Tikrit", party="kurdish", date=dt.date(2014, 7, 1),
                          note="hypothetical")], csv_path)
    from mapper.corrections import read_csv

    corrected = Corpus(corpus.extracted, corpus.gazetteer(), read_csv(csv_path, corpus.gazetteer()))
    tikrit = mapper.timeline_frame(corrected, filters=Filters(places=("Tikrit",)))
    assert tikrit.sort_values("valid_from").iloc[-1].party == "kurdish"
    assert bool(tikrit.pinned.any())


def test_control_map_from_a_source_or_intervals(corpus):
    assert isinstance(mapper.control_map(corpus), folium.Map)
    intervals = mapper.build_timeline(corpus.records())
    assert isinstance(mapper.control_map(intervals, corpus.gazetteer()), folium.Map)


def test_as_source_opens_a_store_path_and_reads_article_paths(store):
    with as_source(str(store)) as st:
        assert isinstance(st, Store) and st.counts()["articles"] > 20
    one = as_source(SAMPLES / "01_mosul-falls.txt")
    assert isinstance(one, Corpus) and len(one.extracted) == 1
    assert mapper.claims_frame(SAMPLES / "01_mosul-falls.txt").article.nunique() == 1


def test_empty_frames_have_a_geometry(tmp_path):
    with Store(tmp_path / "empty.sqlite") as st:
        frame = mapper.claims_frame(st)
        assert len(frame) == 0 and frame.crs.to_epsg() == 4326
