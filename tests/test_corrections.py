"""Corrections without code: pins win in the timeline and show in the map, rejections remove claims,
aliases reach the gazetteer, and all of it survives a CSV round trip."""

import datetime as dt
import html
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.api import interval_rows
from mapper.claims import Claim
from mapper.cli.main import cli
from mapper.corrections import (
    Correction,
    CorrectionsFormatError,
    apply,
    claim_id,
    pin_record,
    read_csv,
    rejector,
    write_csv,
)
from mapper.render import control_map
from mapper.store import Store
from mapper.timeline import ClaimRecord, build_timeline

SAMPLES = Path(__file__).resolve().parents[1] / "mapper" / "samples"
D = dt.date
NOTE = 'Army retook it: <script>alert("x")</script> & AP photos'

UNKNOWN_TOWN = """Town falls

BAGHDAD, June 22, 2014 - Sunni insurgents captured the town of Zorkabad on Saturday after the army
withdrew, residents said.
"""


def rec(party, action, day, article="a1", confidence=0.8, hedge=None, place="Tikrit"):
    claim = Claim(place, f"id:{place}", party, party, action, day, "day", f"{place} {action} by {party}",
                  confidence, 34.6, 43.7, hedge)
    return ClaimRecord(claim, article, day, "city")


def pin(n, party, day, note="analyst says so", place="Tikrit"):
    return pin_record(Correction("pin", id=n, place_id=f"id:{place}", place=place, party=party, date=day, note=note,
                                 lat=34.6, lon=43.7, kind="city"))


def spans(intervals):
    return [(i.party, i.valid_from, i.valid_to) for i in intervals]


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


# -- the timeline ------------------------------------------------------------------------------------------
def test_pin_is_a_claim_record_of_an_analyst():
    r = pin(3, "government", D(2014, 6, 28), NOTE)
    assert r.article == "analyst:3" and r.pinned and r.claim.quote == NOTE and r.claim.confidence == 1.0
    assert not rec("isis", "captured", D(2014, 6, 11)).pinned


def test_pin_wins_over_a_conflicting_claim_of_its_day():
    claims = [rec("isis", "captured", D(2014, 6, 11)), rec("isis", "held", D(2014, 6, 28), "a2", confidence=0.9)]
    assert spans(build_timeline(claims)) == [("isis", D(2014, 6, 11), None)]
    got = build_timeline([*claims, pin(1, "government", D(2014, 6, 28))])
    assert spans(got) == [("isis", D(2014, 6, 11), D(2014, 6, 27)), ("government", D(2014, 6, 28), None)]
    assert "a2" in got[1].conflicting and got[1].confidence == 1.0


def test_pin_starts_control_where_a_held_claim_could_not():
    # Without the pin, a `held` claim for another party never changes control (rule 2).
    claims = [rec("isis", "captured", D(2014, 6, 11)), rec("government", "held", D(2014, 7, 20), "a2")]
    assert spans(build_timeline(claims))[-1][0] == "isis"
    got = build_timeline([*claims, pin(1, "government", D(2014, 7, 20))])
    assert spans(got)[-1] == ("government", D(2014, 7, 20), None)


def test_pinned_interval_never_turns_contested():
    claims = [rec("isis", "captured", D(2014, 6, 22)), rec("government", "held", D(2014, 6, 23), "a2", 0.9)]
    assert build_timeline(claims)[0].party == "contested"
    got = build_timeline([*claims, pin(1, "isis", D(2014, 6, 22))])
    assert spans(got) == [("isis", D(2014, 6, 22), None)] and "a2" in got[0].conflicting


def test_pin_confirming_control_leads_the_evidence():
    claims = [rec("isis", "captured", D(2014, 6, 10), f"a{i}") for i in range(12)]
    got = build_timeline([*claims, pin(7, "isis", D(2014, 6, 30), NOTE)])
    assert len(got) == 1 and got[0].claims[0].article == "analyst:7"  # so a popup listing 8 claims shows it


def test_later_changes_still_apply_after_a_pin():
    got = build_timeline([pin(1, "government", D(2014, 6, 28)), rec("isis", "recaptured", D(2014, 8, 1), "a2")])
    assert spans(got) == [("government", D(2014, 6, 28), D(2014, 7, 31)), ("isis", D(2014, 8, 1), None)]


def test_two_pins_for_one_day_do_not_overlap():
    got = build_timeline([pin(1, "isis", D(2014, 6, 28)), pin(2, "government", D(2014, 6, 28))])
    assert len(got) == 1 and "analyst:2" in got[0].conflicting


def test_merge_with_pins_is_order_independent():
    rng = random.Random(7)
    records = [rec(rng.choice(["isis", "government", "kurdish"]), rng.choice(["captured", "held", "recaptured"]),
                   D(2014, 6, 1) + dt.timedelta(days=rng.randrange(40)), f"a{i}", rng.random())
               for i in range(40)]
    records += [pin(i, rng.choice(["isis", "government"]), D(2014, 6, 1) + dt.timedelta(days=rng.randrange(40)))
                for i in range(1, 6)]
    expected = [(i.party, i.valid_from, i.valid_to, sorted(i.sources)) for i in build_timeline(records)]
    for _ in range(5):
        rng.shuffle(records)
        assert [(i.party, i.valid_from, i.valid_to, sorted(i.sources)) for i in build_timeline(records)] == expected


# -- rejections ----------------------------------------------------------------------------------------------------
def test_claim_id_is_stable_and_tells_claims_apart():
    a = rec("isis", "captured", D(2014, 6, 11)).claim
    assert claim_id("a1", a) == claim_id("a1", a) and len(claim_id("a1", a)) == 12
    others = {claim_id("a2", a), claim_id("a1", rec("government", "captured", D(2014, 6, 11)).claim),
              claim_id("a1", rec("isis", "held", D(2014, 6, 11)).claim),
              claim_id("a1", rec("isis", "captured", D(2014, 6, 12)).claim)}
    assert claim_id("a1", a) not in others and len(others) == 4


def test_rejection_by_key_removes_only_that_claim():
    keep, drop = rec("isis", "captured", D(2014, 6, 11), "a1"), rec("isis", "held", D(2014, 6, 20), "a1")
    other = rec("isis", "held", D(2014, 6, 20), "a2")
    reject = Correction("reject", article="a1", place_id="id:Tikrit", action="held", date=D(2014, 6, 20))
    assert apply([keep, drop, other], [reject]) == [keep, other]
    rejected = rejector([reject])
    assert rejected("a1", drop.claim) and not rejected("a1", keep.claim) and not rejected("a2", other.claim)


def test_rejection_with_a_party_spares_other_parties():
    isis, gov = rec("isis", "held", D(2014, 6, 20)), rec("government", "held", D(2014, 6, 20))
    reject = Correction("reject", article="a1", place_id="id:Tikrit", action="held", date=D(2014, 6, 20),
                        party="government")
    assert apply([isis, gov], [reject]) == [isis]


# -- the store, the map popup, the run ---------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path, gaz):
    with Store(tmp_path / "store.sqlite") as st:
        st.ingest([str(SAMPLES)], gaz)
        yield st


def test_pin_changes_the_timeline_and_shows_escaped_in_the_map_popup(store, gaz):
    before = build_timeline(store.records())
    tikrit = [i for i in before if i.place == "Tikrit"]
    assert tikrit[-1].party != "government"  # ISIS-held, then fought for ("launches push to retake Tikrit")
    place = gaz.get(tikrit[0].place_id)
    c, _ = store.add_correction(Correction("pin", place_id=place.id, place=place.name, party="government",
                                           date=D(2014, 6, 28), note=NOTE, lat=place.lat, lon=place.lon,
                                           kind=place.kind))
    after = build_timeline(store.records())
    current = [i for i in after if i.place == "Tikrit" and i.valid_to is None]
    assert [(i.party, i.valid_from) for i in current] == [("government", D(2014, 6, 28))]
    assert f"analyst:{c.id}" in current[0].sources
    page = control_map(after, gaz).get_root().render()
    assert html.escape(NOTE) in _map_data(page)  # the note, escaped, in Tikrit's popup data
    assert '<script>alert("x")</script>' not in page and f"analyst:{c.id}" in _map_data(page)
    assert html.escape(NOTE) not in _map_data(control_map(before, gaz).get_root().render())


def test_rejection_changes_the_timeline(store):
    intervals = [r for r in interval_rows(store) if r["place"] == "Mosul"]
    first = intervals[0]
    assert first["party"] == "isis" and len(first["sources"]) > 1
    for row in store.claim_rows():
        if row["place"] == "Mosul" and row["article"] in first["sources"]:
            store.add_correction(Correction("reject", article=row["article"], place_id=row["place_id"],
                                            action=row["action"], date=D.fromisoformat(row["date"])))
    rows = store.claim_rows()
    assert all(r["rejected"] for r in rows if r["place"] == "Mosul" and r["article"] in first["sources"])
    after = [r for r in interval_rows(store) if r["place"] == "Mosul"]
    assert not set(first["sources"]) & {s for r in after for s in r["sources"]}


def test_corrections_apply_on_run_from_the_store(tmp_path):
    db = tmp_path / "s.sqlite"
    assert invoke("ingest", SAMPLES, "--store", db).exit_code == 0
    result = invoke("correct", "pin", "Tekrit", "government", "--on", "2014-06-28", "--note", NOTE, "--store", db)
    assert result.exit_code == 0, result.output
    assert "analyst:1" in result.stderr and "Tikrit" in result.stderr  # the spelling was resolved
    out = tmp_path / "out"
    assert invoke("run", "--store", db, "-o", out).exit_code == 0
    features = json.loads((out / "control.geojson").read_text(encoding="utf-8"))["features"]
    current = [f["properties"] for f in features if f["properties"]["place"] == "Tikrit"
               and f["properties"]["valid_to"] is None]
    assert [(p["party"], p["valid_from"], p["sources"]) for p in current] == [
        ("government", "2014-06-28", ["analyst:1"])]
    assert html.escape(NOTE) in _map_data((out / "map.html").read_text(encoding="utf-8"))


def test_repinning_a_day_replaces_the_pin(store):
    base = dict(place_id="gn:90150", place="Tikrit", date=D(2014, 6, 28), lat=34.6, lon=43.7, kind="city")
    first, new1 = store.add_correction(Correction("pin", party="government", note="one", **base))
    again, new2 = store.add_correction(Correction("pin", party="government", note="one", **base))
    changed, new3 = store.add_correction(Correction("pin", party="kurdish", note="two", **base))
    assert (new1, new2, new3) == (True, False, True)
    assert first.id == again.id == changed.id
    assert [(c.party, c.note) for c in store.corrections()] == [("kurdish", "two")]


# -- aliases ---------------------------------------------------------------------------------------------------
def test_alias_reaches_the_gazetteer_and_rereads_the_articles_that_name_it(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "zork.txt").write_text(UNKNOWN_TOWN, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    assert invoke("ingest", tmp_path / "in", SAMPLES / "01_mosul-falls.txt", "--store", db).exit_code == 0
    assert "Zorkabad" not in invoke("events", "--store", db, "--json").stdout
    result = invoke("correct", "alias", "Zorkabad", "gn:90150", "--store", db)
    assert result.exit_code == 0, result.output
    assert "re-read 1 stored article" in result.stderr
    events = [json.loads(line) for line in invoke("events", "--store", db, "--json").stdout.splitlines()]
    assert [(e["place"], e["party"], e["action"]) for e in events if "Zorkabad" in e["quote"]] == [
        ("Tikrit", "isis", "captured")]
    assert invoke("resolve", "Zorkabad", "--gazetteer", next((tmp_path / "s.sqlite.aliases").glob("*.csv"))
                  ).exit_code == 0
    with Store(db, create=False) as st:
        assert st.check() == []
        alias_id = next(c.id for c in st.corrections() if c.type == "alias")
    # Removing the alias reads the article again without it.
    assert invoke("correct", "remove", alias_id, "--store", db).exit_code == 0
    assert "Zorkabad" not in invoke("events", "--store", db, "--json").stdout


def test_new_articles_are_ingested_with_the_aliases(tmp_path):
    db = tmp_path / "s.sqlite"
    assert invoke("correct", "alias", "Zorkabad", "Tikrit", "--store", db).exit_code == 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "zork.txt").write_text(UNKNOWN_TOWN, encoding="utf-8")
    assert invoke("ingest", tmp_path / "in", "--store", db).exit_code == 0
    rows = [json.loads(line) for line in invoke("events", "--store", db, "--json").stdout.splitlines()]
    assert "Tikrit" in {row["place"] for row in rows}


# -- the CSV -------------------------------------------------------------------------------------------------------
def test_csv_round_trip(tmp_path, gaz):
    corrections = [
        Correction("pin", id=1, place_id="gn:90150", place="Tikrit", party="government", date=D(2014, 6, 28),
                   note='quotes " and, commas\nand a new line', created="2014-07-01T10:00:00+00:00"),
        Correction("reject", id=2, place_id="gn:99072", place="Mosul", party=None, date=D(2014, 6, 10),
                   article="14a324b71bfeb6b2", action="captured", note="wrong day"),
        Correction("alias", id=5, place_id="gn:90150", place="Tikrit", alias="Tekreetville"),
    ]
    path = tmp_path / "corrections.csv"
    write_csv(corrections, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    back = read_csv(path, gaz)
    assert [c.key() for c in back] == [c.key() for c in corrections]
    assert [(c.id, c.note, c.created) for c in back] == [(c.id, c.note, c.created) for c in corrections]
    assert back[0].lat == gaz.get("gn:90150").lat and back[0].kind == "city"  # completed from the gazetteer


@pytest.mark.parametrize("row, problem", [
    ("pin,gn:90150,,government,2014-06-28,,,,note", None),
    ("move,gn:90150,,government,2014-06-28,,,,note", "type 'move'"),
    ("pin,gn:90150,,government,28/06/2014,,,,note", "not YYYY-MM-DD"),
    ("pin,gn:90150,,government,2014-06-28,,,,", "missing note (required for type pin)"),
    ("pin,gn:90150,,martians,2014-06-28,,,,note", "unknown party 'martians'"),
    ("pin,gn:90150,,Peshmerga,2014-06-28,,,,note", None),  # a party's word: read as kurdish
    ("pin,Atlantis City,,isis,2014-06-28,,,,note", "unknown place 'Atlantis City'"),
    ("reject,gn:90150,,,2014-06-28,abc,seized,,", "action 'seized'"),
    ("alias,gn:90150,,,,,,,", "missing alias (required for type alias)"),
])
def test_bad_csv_rows_are_named_by_file_and_line(tmp_path, gaz, row, problem):
    path = tmp_path / "c.csv"
    path.write_text("type,place_id,place,party,date,article,action,alias,note\n"
                    "alias,gn:90150,,,,,,Tekreetville,\n" + row + "\n", encoding="utf-8")
    if problem is None:
        corrections = read_csv(path, gaz)
        assert len(corrections) == 2 and corrections[1].party in ("government", "kurdish")
        return
    with pytest.raises(CorrectionsFormatError) as err:
        read_csv(path, gaz)
    assert str(err.value).startswith(f"{path}:3: ") and problem in str(err.value)


def test_a_file_without_the_columns_is_refused(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CorrectionsFormatError, match="needs the columns"):
        read_csv(path)


def test_cli_export_edit_import(tmp_path):
    db = tmp_path / "s.sqlite"
    assert invoke("ingest", SAMPLES / "01_mosul-falls.txt", "--store", db).exit_code == 0
    assert invoke("correct", "pin", "Mosul", "government", "--on", "2014-06-12", "--note", "n", "--store", db
                  ).exit_code == 0
    assert invoke("correct", "alias", "Mawsil", "Mosul", "--store", db).exit_code == 0
    assert invoke("correct", "export", "--store", db).exit_code == 0
    csv_path = tmp_path / "corrections.csv"  # beside the store
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.startswith("id,type,place_id") and text.count("\n") == 3
    # Import into a second store: the same corrections, and importing twice adds nothing.
    other = tmp_path / "other.sqlite"
    assert "2 new" in invoke("correct", "import", csv_path, "--store", other).stderr
    assert "0 new" in invoke("correct", "import", csv_path, "--store", other).stderr
    # Edit the file (drop the pin) and replace.
    csv_path.write_text("\n".join(line for line in text.splitlines() if ",pin," not in line) + "\n",
                        encoding="utf-8")
    assert invoke("correct", "import", "--replace", "--store", db).exit_code == 0
    listed = [json.loads(line) for line in invoke("correct", "list", "--json", "--store", db).stdout.splitlines()]
    assert [(c["id"], c["type"]) for c in listed] == [(2, "alias")]


def test_cli_reject_by_id_and_by_key(tmp_path):
    db = tmp_path / "s.sqlite"
    assert invoke("ingest", SAMPLES / "01_mosul-falls.txt", "--store", db).exit_code == 0
    events = [json.loads(line) for line in invoke("events", "--store", db, "--json").stdout.splitlines()]
    first, second = events[0], events[1]
    assert invoke("correct", "reject", first["claim_id"][:6], "--store", db).exit_code == 0
    result = invoke("correct", "reject", "--article", second["article"], "--place", second["place"], "--action",
                    second["action"], "--date", second["date"], "--store", db)
    assert result.exit_code == 0 and "warning" not in result.stderr
    after = {e["claim_id"]: e["rejected"] for e in
             (json.loads(line) for line in invoke("events", "--store", db, "--json").stdout.splitlines())}
    assert after[first["claim_id"]] and after[second["claim_id"]]
    assert sum(after.values()) == 2
    hidden = invoke("events", "--store", db, "--json", "--hide-rejected").stdout
    assert first["claim_id"] not in hidden and len(hidden.splitlines()) == len(events) - 2


def test_cli_bad_corrections_are_usage_errors(tmp_path):
    db = tmp_path / "s.sqlite"
    assert invoke("ingest", SAMPLES / "01_mosul-falls.txt", "--store", db).exit_code == 0
    bad_party = invoke("correct", "pin", "Mosul", "martians", "--on", "2014-06-12", "--note", "n", "--store", db)
    assert bad_party.exit_code == 2 and "unknown party 'martians'" in bad_party.stderr
    bad_place = invoke("correct", "pin", "Atlantis City", "isis", "--on", "2014-06-12", "--note", "n", "--store", db)
    assert bad_place.exit_code == 2 and "no place is named 'Atlantis City'" in bad_place.stderr
    # A typo is refused with suggestions, not taken as the phonetically nearest place.
    typo = invoke("correct", "pin", "Mosulk", "isis", "--on", "2014-06-12", "--note", "n", "--store", db)
    assert typo.exit_code == 2 and "did you mean: Mosul" in typo.stderr
    assert invoke("correct", "reject", "--store", db).exit_code == 2
    assert invoke("correct", "reject", "abc", "--article", "x", "--store", db).exit_code == 2
    assert invoke("correct", "reject", "ffffffffffff", "--store", db).exit_code == 2
    assert invoke("correct", "remove", "99", "--store", db).exit_code == 2
    bad_file = tmp_path / "bad.csv"
    bad_file.write_text("type,place_id,party,date,note\npin,gn:99072,isis,June 12,n\n", encoding="utf-8")
    result = invoke("correct", "import", bad_file, "--store", db)
    assert result.exit_code == 1 and f"{bad_file}:2" in result.stderr
    with Store(db, create=False) as st:
        assert st.corrections() == []  # nothing imported


def _map_data(page: str) -> str:
    """The map's embedded data (popups, sources), decoded from its JSON script element."""
    import json
    import re

    found = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', page, re.S)
    return json.dumps(json.loads(found.group(1)), ensure_ascii=False)
