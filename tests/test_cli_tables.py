"""`mapper events`, `places` and `timeline`: the contract's fields, filters, formats, and CLI hygiene."""

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli.main import cli
from mapper.cli.options import plain_table

SAMPLES = Path(__file__).resolve().parents[1] / "mapper" / "samples"
# The fields of `events` in docs/interface.md, and their JSON types (an article of unknown date gives
# its undated claims a null date).
EVENT_FIELDS = {"place": str, "place_id": str, "party": str, "actor": (str, type(None)), "action": str,
                "date": (str, type(None)), "date_precision": str, "quote": str, "confidence": float, "article": str}
ACTIONS = {"captured", "recaptured", "withdrew", "contested", "held", "threatened", "besieged"}


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def lines(result):
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("tables") / "store.sqlite"
    result = CliRunner().invoke(cli, ["ingest", str(SAMPLES), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


# -- events ------------------------------------------------------------------------------------------------
def test_events_json_follows_the_interface(db):
    events = lines(invoke("events", "--store", db, "--json"))
    assert len(events) > 50
    for e in events:
        for name, kind in EVENT_FIELDS.items():
            assert isinstance(e[name], kind), (name, e)
        assert e["action"] in ACTIONS and e["date_precision"] in {"day", "range", "month"}
        assert 0 < e["confidence"] <= 1 and (e["date"] is None or dt.date.fromisoformat(e["date"]))
        assert e["party"] in {"isis", "government", "kurdish", "contested"}


def test_events_json_are_the_events_extract_prints(db):
    """Every claim in the store, with exactly the fields `mapper extract --json` gives it, plus `article`."""
    extracted = lines(invoke("extract", SAMPLES, "--json"))
    expected = [{**e, "article": rec["id"]} for rec in extracted for e in rec["events"]]
    got = lines(invoke("events", "--store", db, "--json"))
    assert [{k: e[k] for k in expected[0]} for e in got] == expected
    assert len({e["claim_id"] for e in got}) == len(got)


def test_events_filters(db):
    every = lines(invoke("events", "--store", db, "--json"))
    tikrit = lines(invoke("events", "--store", db, "--json", "--place", "Tekrit"))  # another spelling
    assert tikrit and {e["place"] for e in tikrit} == {"Tikrit"}
    assert len(tikrit) == sum(e["place"] == "Tikrit" for e in every)
    two = lines(invoke("events", "--store", db, "--json", "--place", "Tikrit", "--place", "gn:99072"))
    assert {e["place"] for e in two} == {"Tikrit", "Mosul"}
    kurds = lines(invoke("events", "--store", db, "--json", "--party", "kurdish"))
    assert kurds and {e["party"] for e in kurds} == {"kurdish"}
    # any word parties.toml lists for a party names it
    for word in ("peshmerga", "Kurdish Peshmerga", "Kurds"):
        assert lines(invoke("events", "--store", db, "--json", "--party", word)) == kurds
    unknown = invoke("events", "--store", db, "--json", "--party", "kurdis")
    assert unknown.exit_code == 2 and "unknown party 'kurdis' (did you mean: kurdish?)" in unknown.stderr
    assert invoke("places", "--store", db, "--party", "xyz").exit_code == 2
    june = lines(invoke("events", "--store", db, "--json", "--since", "2014-06-10", "--until", "2014-06-15"))
    assert june and all("2014-06-10" <= e["date"] <= "2014-06-15" for e in june)
    assert len(june) == sum("2014-06-10" <= (e["date"] or "") <= "2014-06-15" for e in every)
    salahuddin = lines(invoke("events", "--store", db, "--json", "--admin1", "Salahuddin"))
    assert salahuddin and {e["admin1"] for e in salahuddin} == {"Saladin"}
    assert lines(invoke("events", "--store", db, "--json", "--admin1", "Atlantis")) == []


def test_events_csv_and_plain(db):
    result = invoke("events", "--store", db, "--csv", "--party", "isis")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["party"] for r in rows} == {"isis"}
    assert {"claim_id", "article", "quote", "rejected", "admin1"} <= set(rows[0])
    plain = invoke("events", "--store", db, "--place", "Mosul Dam").stdout.splitlines()
    assert plain[0].split()[:3] == ["claim_id", "date", "place"] and len(plain) > 1
    assert all("Mosul Dam" in line for line in plain[1:])


def test_a_reversed_date_range_is_a_usage_error(db):
    result = invoke("events", "--store", db, "--since", "2014-07-01", "--until", "2014-06-01")
    assert result.exit_code == 2 and "after --until" in result.stderr
    assert invoke("events", "--store", db, "--since", "June 1").exit_code == 2


def test_a_missing_store_is_named(tmp_path):
    for command in ("events", "places", "timeline", "export"):
        result = invoke(command, "--store", tmp_path / "none.sqlite")
        assert result.exit_code == 2 and "none.sqlite: no such store" in result.stderr, command
    assert not (tmp_path / "none.sqlite").exists()


# -- places and timeline ----------------------------------------------------------------------------------
def test_places_table(db):
    places = lines(invoke("places", "--store", db, "--json"))
    names = [p["place"] for p in places]
    assert names == sorted(names) and "Iraq" not in names
    mosul = next(p for p in places if p["place"] == "Mosul")
    assert mosul["party"] == "isis" and mosul["since"] == "2014-06-10" and mosul["admin1"] == "Nineveh"
    assert mosul["mentions"] >= mosul["articles"] > 1 and mosul["claims"] > 1
    held = lines(invoke("places", "--store", db, "--json", "--party", "isis"))
    assert held and {p["party"] for p in held} == {"isis"}
    anbar = lines(invoke("places", "--store", db, "--json", "--admin1", "Al Anbar"))
    assert anbar and {p["admin1"] for p in anbar} == {"Anbar"}


def test_places_party_is_the_control_at_the_end_of_the_range(db):
    """The Mosul Dam was taken by ISIS early in August (then fought over) and retaken later that month."""
    early = lines(invoke("places", "--store", db, "--json", "--place", "Mosul Dam", "--until", "2014-08-10"))
    late = lines(invoke("places", "--store", db, "--json", "--place", "Mosul Dam"))
    assert early[0]["party"] in {"isis", "contested"} and late[0]["party"] in {"kurdish", "government"}


def test_timeline_on_a_day(db):
    day = dt.date(2014, 6, 20)
    every = lines(invoke("timeline", "--store", db, "--json"))
    on = lines(invoke("timeline", "--store", db, "--json", "--on", day))
    assert on and len(on) < len(every)
    for iv in on:
        assert dt.date.fromisoformat(iv["valid_from"]) <= day
        assert iv["valid_to"] is None or day <= dt.date.fromisoformat(iv["valid_to"])
    assert len({iv["place_id"] for iv in on}) == len(on)  # one interval per place on a day
    covering = [iv for iv in every if iv["valid_from"] <= day.isoformat() and
                (iv["valid_to"] is None or iv["valid_to"] >= day.isoformat())]
    assert on == covering


def test_timeline_range_keeps_overlapping_intervals(db):
    rows = lines(invoke("timeline", "--store", db, "--json", "--since", "2014-08-01", "--until", "2014-08-31"))
    assert rows
    for iv in rows:
        assert iv["valid_from"] <= "2014-08-31" and (iv["valid_to"] is None or iv["valid_to"] >= "2014-08-01")


def test_timeline_plain_and_csv(db):
    plain = invoke("timeline", "--store", db, "--on", "2014-06-20")
    assert plain.exit_code == 0 and plain.stdout.splitlines()[0].startswith("place")
    rows = list(csv.DictReader(io.StringIO(invoke("timeline", "--store", db, "--csv").stdout)))
    assert rows and rows[0]["pinned"] in {"true", "false"}


# -- CLI hygiene --------------------------------------------------------------------------------------------
def _commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("path", [p for p, _ in _commands(cli) if p[0] != "gazetteer"], ids=" ".join)
def test_every_command_has_an_example_in_its_help(path):
    result = invoke(*path, "--help")
    assert result.exit_code == 0 and "Example" in result.stdout, path


def test_progress_stays_off_when_stderr_is_not_a_terminal(tmp_path):
    result = invoke("ingest", SAMPLES, "--store", tmp_path / "s.sqlite")
    assert result.exit_code == 0
    assert "Ingesting" not in result.stderr and result.stdout == ""


def test_plain_table_fits_the_width():
    rows = [{"a": "short", "quote": "word " * 80}, {"a": "x" * 30, "quote": "q"}]
    text = plain_table(rows, ["a", "quote"], width=60)
    assert all(len(line) <= 60 for line in text.splitlines())
    assert "…" in text and text.splitlines()[0].startswith("a")
    assert plain_table([], ["a"]) == "(no rows)\n"


def test_no_csv_the_tool_writes_has_a_cell_a_spreadsheet_would_run(tmp_path):
    # Article text is hostile: a title, a quote or a note that starts like a formula must reach every CSV as text.
    feed = tmp_path / "feed.jsonl"
    record = {"title": '=HYPERLINK("http://example.invalid","open")', "published": "2014-06-21",
              "text": "+Militants seized Rawa on Saturday, officials said."}
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "s.sqlite"
    assert invoke("ingest", feed, "--store", db).exit_code == 0
    pinned = invoke("correct", "pin", "Rawa", "isis", "--on", "2014-06-22", "--note", "@SUM(1)", "--store", db)
    assert pinned.exit_code == 0
    outputs = {name: invoke(*args, "--store", db).stdout for name, args in {
        "events": ("events", "--csv"), "places": ("places", "--csv"), "timeline": ("timeline", "--csv")}.items()}
    assert invoke("export", "--format", "csv", "-o", tmp_path / "ev.csv", "--store", db).exit_code == 0
    outputs["export"] = (tmp_path / "ev.csv").read_text(encoding="utf-8-sig")
    assert invoke("correct", "export", tmp_path / "c.csv", "--store", db).exit_code == 0
    outputs["corrections"] = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    cells = {name: [cell for row in csv.reader(io.StringIO(text)) for cell in row] for name, text in outputs.items()}
    assert any("HYPERLINK" in c for c in cells["events"]) and any("@SUM(1)" in c for c in cells["corrections"])
    for name, values in cells.items():
        bad = [c for c in values if c and (c[0] in "=+@\t\r"
                                           or c[0] == "-" and not c.lstrip("-").replace(".", "").isdigit())]
        assert not bad, (name, bad)
    # and a corrections CSV written so reads back as it was
    assert invoke("correct", "import", tmp_path / "c.csv", "--store", tmp_path / "t.sqlite").exit_code == 0
    listed = invoke("correct", "list", "--store", tmp_path / "t.sqlite").stdout
    assert "@SUM(1)" in listed and "'@SUM(1)" not in listed


def test_a_damaged_or_empty_store_is_one_clear_line_and_exit_2(tmp_path):
    import shutil
    import sqlite3

    good = tmp_path / "good.sqlite"
    assert invoke("ingest", SAMPLES / "01_mosul-falls.txt", "--store", good).exit_code == 0
    conn = sqlite3.connect(good)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(good.read_bytes())
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(bytes(data[:4096]) + b"\x5a" * (len(data) - 4096))  # every page after the first garbled
    dropped = tmp_path / "dropped.sqlite"
    shutil.copy(good, dropped)
    conn = sqlite3.connect(dropped)
    conn.execute("DROP TABLE claims")
    conn.commit()
    conn.close()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    for store in (damaged, dropped, empty):
        for args in (("events",), ("places",), ("timeline",), ("export", "--format", "csv", "-o", tmp_path / "x.csv"),
                     ("run", "-o", tmp_path / "out")):
            result = invoke(*args, "--store", store)
            assert result.exit_code == 2, (store.name, args, result.output)
            assert "Traceback" not in result.output and result.output.count("Error:") == 1, result.output
    assert empty.read_bytes() == b""  # a read never turns an empty file into a store
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())  # no output, no leftover
    assert not (tmp_path / "x.csv").exists()
    # a good store is read without being changed
    before = good.read_bytes()
    assert invoke("events", "--store", good, "--json").exit_code == 0 and good.read_bytes() == before
