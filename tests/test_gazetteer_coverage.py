"""The wiki-map places (``gazetteer/data/wikimap_places.csv``): small places resolve, and rank below old entries."""

import csv
import importlib.util
from pathlib import Path

import pytest

from gazetteer import load
from gazetteer.core import km_between

ROOT = Path(__file__).resolve().parent.parent
WIKIMAP = ROOT / "gazetteer" / "data" / "wikimap_places.csv"


@pytest.fixture(scope="module")
def gaz():
    return load(include_user_dir=False)


@pytest.mark.parametrize(
    "written, name, lat, lon",
    [
        ("Gogjali", "Gogjali", 36.358, 43.247),
        ("Kukjali", "Gogjali", 36.358, 43.247),
        ("Kukyeli", "Gogjali", 36.358, 43.247),
        ("Tawajna", "Tawajinat", 36.22, 43.30),
        ("Nawaran", "Naweran", 36.539, 43.236),
        ("Abu Tayban", "Abu Tayban", 33.48, 43.115),
        ("Tikrit University", "Tikrit University", 34.677, 43.645),
        ("Ghazlani military base", "Ghazlani Training Camp", 36.303, 43.129),
        ("Mosul airfield", "Mosul International Airport", 36.303, 43.147),
        ("Shiha", "Shihah", 33.438, 43.757),
        ("Husseiba", "Husaybah al-Sharqiya", 33.408, 43.448),
    ],
)
def test_small_places_resolve(gaz, written, name, lat, lon):
    best = gaz.best(written)
    assert best is not None and best.place.name == name
    assert km_between(best.place.lat, best.place.lon, lat, lon) < 2


def test_a_shared_name_keeps_its_old_answer(gaz):
    # Husaybah at al-Qaim and Mahmudiyah south of Baghdad still answer the bare name ...
    assert gaz.best("Husaybah").place.admin1 == "Anbar"
    assert gaz.best("Husaybah").place.lon < 42
    assert gaz.best("Mahmudiyah").place.admin1 != "Nineveh"
    # ... and the village near Rabia is a candidate below it.
    near_rabia = [m for m in gaz.resolve("Mahmudiyah", limit=10) if m.place.admin1 == "Nineveh"]
    assert near_rabia and near_rabia[0].place.source == "wikimap"
    assert near_rabia[0].score < gaz.best("Mahmudiyah").score


def test_new_places_need_context_in_running_text(gaz):
    # Importance under 0.3: mapper.places asks for a cue before taking an obscure village.
    for place in gaz:
        if place.source == "wikimap":
            assert place.importance < 0.3


def test_the_table_keeps_to_iraq_and_skips_words():
    with open(WIKIMAP, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 100
    assert {r["source"] for r in rows} == {"WM"}
    names = {r["name"].lower() for r in rows}
    assert not names & {"khalid", "saad", "kamal", "riyadh", "bashir", "lak", "zab"}
    for row in rows:
        assert 29 < float(row["lat"]) < 37.5 and 38.7 < float(row["lon"]) < 48.7
        assert row["admin1"]


def test_the_builder_reads_a_module_text(tmp_path):
    spec = importlib.util.spec_from_file_location("build_wikimap_places", ROOT / "scripts" / "build_wikimap_places.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    text = """return { marks = {
        { lat = "36.358", long = "43.247", mark = m.gov, marksize = "8", label = "[[Gogjali]]", label_size = "0" },
        { lat = "33.1", long = "44.1", mark = m.gov, label = "[[Kamal]]" },
        { lat = "33.69", long = "36.0", mark = m.gov, label = "[[Somewhere in Syria]]" },
        { lat = "34.9", long = "44.0", mark = m.gov_base, label = "[[Zzyxville Base|Camp Zzyx]] (Zzyx)" },
    } }"""
    rows, skipped = builder.build_rows([text])
    by_name = {r["name"]: r for r in rows}
    assert "Kamal" not in by_name and "Somewhere in Syria" not in by_name
    assert by_name["Camp Zzyx"]["kind"] == "airbase"
    assert "Zzyxville Base" in by_name["Camp Zzyx"]["variants"].split("|")
    assert by_name["Gogjali"]["duplicate_of"] == "Gogjali"  # curated already: only new spellings kept
    assert "Kukjali" in by_name["Gogjali"]["variants"]
    assert skipped.get("outside Iraq") == 1
