"""The reference chronology: its data, and how it dates articles that write no date."""

import datetime as dt
import json

import pytest

from mapper.claims import load_parties
from mapper.dates.chronology import CHRONOLOGY_FILE, chronology_facts, load_chronology
from mapper.pipeline import EventPool, Extracted, extract

# A made-up dispatch with no date anywhere: the weekday is all it gives.
NO_DATE = ("Dam lost to the militants\n\nIslamic State fighters seized the Mosul Dam on Thursday after "
           "Kurdish guards pulled back, local officials said.\n")
HEADER = "date,place,place_id,party,action,source\n"


def _chronology(tmp_path, monkeypatch, rows: str):
    path = tmp_path / "chronology.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    monkeypatch.setenv("TERRITORY_MAPPER_CHRONOLOGY", str(path))
    return path


def _only(items) -> Extracted:
    [x] = [x for x in items if isinstance(x, Extracted)]
    return x


def _dated(tmp_path, monkeypatch, gaz, rows: str, story: str) -> Extracted:
    """``story`` extracted alone, with ``rows`` as the chronology."""
    _chronology(tmp_path, monkeypatch, rows)
    (tmp_path / "s.txt").write_text(story, encoding="utf-8")
    return _only(extract([str(tmp_path / "s.txt")], gaz))


def test_bundled_rows_name_known_places_and_parties(gaz):
    entries = load_chronology()
    assert len(entries) >= 100
    parties = set(load_parties().parties)
    for e in entries:
        assert e.place_id in gaz, f"{e.place} ({e.place_id}) is not in the gazetteer"
        assert gaz.get(e.place_id).country == "IQ"
        assert e.party in parties
        assert dt.date(2013, 12, 1) <= e.day <= dt.date(2017, 12, 31)


def test_a_bad_row_is_named_by_file_and_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "2014-08-07,Mosul Dam,cur:mosul-dam,isis,captured,x\n"
                    "2014-13-07,Mosul Dam,cur:mosul-dam,isis,captured,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"c\.csv:3"):
        load_chronology(path)
    path.write_text(HEADER + "2014-08-07,Mosul Dam,cur:mosul-dam,isis,bombed,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="action 'bombed'"):
        load_chronology(path)


def test_an_undated_story_is_dated_by_the_chronology(tmp_path, monkeypatch, gaz):
    _chronology(tmp_path, monkeypatch, "2014-08-07,Mosul Dam,cur:mosul-dam,isis,captured,x\n")
    (tmp_path / "story.txt").write_text(NO_DATE, encoding="utf-8")
    got = _only(extract([str(tmp_path / "story.txt")], gaz))
    # Thursday 7 August 2014 is the fall; the story is of that day or of the days after it.
    assert got.published_from == "inferred"
    assert dt.date(2014, 8, 7) <= got.published <= dt.date(2014, 8, 13)
    [dam] = [c for c in got.events if c.place == "Mosul Dam" and c.action == "captured"]
    assert dam.date == dt.date(2014, 8, 7)


def test_without_a_chronology_the_story_stays_undated(tmp_path, monkeypatch, gaz):
    monkeypatch.setenv("TERRITORY_MAPPER_CHRONOLOGY", "off")
    assert chronology_facts() == ()
    (tmp_path / "story.txt").write_text(NO_DATE, encoding="utf-8")
    got = _only(extract([str(tmp_path / "story.txt")], gaz))
    assert (got.published, got.published_from) == (None, "unknown")


def test_the_chronology_never_replaces_a_feed_date(tmp_path, monkeypatch, gaz):
    _chronology(tmp_path, monkeypatch, "2014-08-07,Mosul Dam,cur:mosul-dam,isis,captured,x\n")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "title": "Dam", "published": "2014-09-30",
                                "text": NO_DATE}) + "\n", encoding="utf-8")
    got = _only(extract([str(feed)], gaz))
    assert got.published == dt.date(2014, 9, 30)
    assert got.published_from != "inferred"


def test_a_chronology_of_another_party_or_place_dates_nothing(tmp_path, monkeypatch, gaz):
    _chronology(tmp_path, monkeypatch, "2014-08-17,Mosul Dam,cur:mosul-dam,kurdish,recaptured,x\n"
                                       "2014-08-07,Zumar,cur:zumar,isis,captured,x\n")
    (tmp_path / "story.txt").write_text(NO_DATE, encoding="utf-8")
    got = _only(extract([str(tmp_path / "story.txt")], gaz))
    assert got.published is None


def test_pool_with_chronology_holds_its_facts(tmp_path, monkeypatch):
    _chronology(tmp_path, monkeypatch, "2014-08-07,Mosul Dam,cur:mosul-dam,isis,captured,x\n")
    pool = EventPool.with_chronology()
    assert pool._days == {("cur:mosul-dam", "isis"): [dt.date(2014, 8, 7)]}


def test_bundled_file_is_the_default():
    assert CHRONOLOGY_FILE.name == "chronology.csv" and CHRONOLOGY_FILE.exists()


@pytest.mark.parametrize("rows, story, day", [
    # Sunday 17 August 2014.  Read on the Monday, "this morning" would be a second day for the same change:
    # the day that fits both tellings (the Sunday itself) must not lose to it.
    ("2014-08-17,Telskuf,cur:telskuf,kurdish,recaptured,x\n",
     "Peshmerga advance\n\nKurdish fighters took Telskuf early on Sunday, a commander said. "
     "\"We attacked at dawn and took Telskuf this morning,\" he told reporters.\n", dt.date(2014, 8, 17)),
    # a fight for a place agrees with the day it changed hands, whoever took it
    ("2014-11-23,Jalawla,cur:jalawla,kurdish,recaptured,x\n",
     "Town contested\n\nHeavy clashes broke out in Jalawla on Sunday between Kurdish fighters and "
     "the militants.\n", dt.date(2014, 11, 23)),
])
def test_an_undated_story_takes_the_day_its_changes_agree_on(tmp_path, monkeypatch, gaz, rows, story, day):
    got = _dated(tmp_path, monkeypatch, gaz, rows, story)
    assert (got.published, got.published_from) == (day, "inferred")


def test_between_two_years_the_batch_year_wins(tmp_path, monkeypatch, gaz):
    # The same change on a Sunday of 2014 and of 2015: the batch's dated story is of 2015.
    _chronology(tmp_path, monkeypatch, "2014-01-05,Ramadi,gn:98717,isis,captured,x\n"
                                       "2015-05-17,Ramadi,gn:98717,isis,captured,x\n")
    (tmp_path / "a.txt").write_text("Posted: 20 May 2015\n\nFamilies fled toward Baghdad.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("City lost\n\nMilitants seized Ramadi on Sunday after a week of "
                                    "suicide attacks.\n", encoding="utf-8")
    got = {x.article.source.rsplit("/", 1)[-1]: x for x in extract([str(tmp_path)], gaz)
           if isinstance(x, Extracted)}
    assert got["b.txt"].published == dt.date(2015, 5, 17)


def test_a_day_something_was_said_is_the_day_of_writing():
    from mapper.dates import speech_weekdays

    text = "Militants seized Rawa on Sunday, officials said on Friday. Families fled on Wednesday."
    assert speech_weekdays(text, [(0, len(text))]) == (4,)
    text = "The general told reporters Friday that Rawa fell."
    assert speech_weekdays(text, [(0, len(text))]) == (4,)


def test_a_story_with_no_time_words_takes_the_day_of_its_lead_change(tmp_path, monkeypatch, gaz):
    got = _dated(tmp_path, monkeypatch, gaz, "2016-05-26,Garma,cur:garma,government,recaptured,x\n",
                 "Iraqi Troops Retake Garma\n\nIraqi forces retook the town of Garma from the militants after "
                 "weeks of fighting.\n")
    assert (got.published, got.published_from) == (dt.date(2016, 5, 26), "inferred")
    # Deeper in the story, a change is no news of the day.
    (tmp_path / "s.txt").write_text("Families return\n\n" + "Families came back to their homes. " * 12
                                    + "Iraqi forces retook the town of Garma.\n", encoding="utf-8")
    assert _only(extract([str(tmp_path / "s.txt")], gaz)).published is None


def test_the_committed_chronology_is_what_the_build_script_makes(gaz):
    import csv
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("build_chronology", root / "scripts" / "build_chronology.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    with open(root / "scripts" / "data" / "control_changes_read.csv", newline="", encoding="utf-8") as fh:
        rows, _unknown = script.build(list(csv.DictReader(fh)), gaz, set(load_parties().parties))
    with open(CHRONOLOGY_FILE, newline="", encoding="utf-8") as fh:
        assert rows == list(csv.DictReader(fh))
