import json

import pytest
from click.testing import CliRunner

import gazetteer
from gazetteer import GazetteerFormatError
from gazetteer.sources import read_geonames_dump
from mapper.cli.main import cli


def row(gid, name, ascii_, alternates, lat, lon, fclass, fcode, cc="IQ", pop="0"):
    cols = [str(gid), name, ascii_, alternates, str(lat), str(lon), fclass, fcode, cc, "", "01", "", "", "",
            str(pop), "", "250", "Asia/Baghdad", "2014-06-01"]
    assert len(cols) == 19
    return "\t".join(cols)


GOOD = [
    row(9900001, "Qaryat Importiyah", "Qaryat Importiyah", "Qaryat Importiya,Importiyah", 34.4101, 42.1102,
        "P", "PPL", pop="4500"),
    row(9900002, "Muhafazat Testiyah", "Muhafazat Testiyah", "Testiyah Governorate", 33.5, 43.5, "A", "ADM1"),
    row(9900003, "Markaz Hudud Testabad", "Markaz Hudud Testabad", "", 32.1, 39.2, "S", "PSTB"),
    row(9900004, "Khirbat Mahjurah", "Khirbat Mahjurah", "", 34.2, 42.2, "P", "PPLQ"),
    row(9900005, "Jabal Ignored", "Jabal Ignored", "", 34.3, 42.3, "T", "MT"),
    row(9900006, "Madinat Bigtest", "Madinat Bigtest", "", 33.0, 44.0, "P", "PPLA", pop="250000"),
    row(9900007, "Syrian Testville", "Syrian Testville", "", 35.0, 39.0, "P", "PPL", cc="SY", pop="3000"),
]


@pytest.fixture
def dump(tmp_path):
    path = tmp_path / "XX.txt"
    path.write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    return path


def test_read_dump(dump):
    places = {p.id: p for p in read_geonames_dump(dump)}
    assert set(places) == {"gn:9900001", "gn:9900002", "gn:9900003", "gn:9900006", "gn:9900007"}
    town = places["gn:9900001"]
    assert town.kind == "town" and town.population == 4500
    assert (town.lat, town.lon) == (34.4101, 42.1102)
    assert "Qaryat Importiya" in town.names and "Importiyah" in town.names
    assert town.name not in town.names
    assert places["gn:9900002"].kind == "province"
    assert places["gn:9900003"].kind == "crossing"
    assert places["gn:9900006"].kind == "city"
    assert "gn:9900004" not in places  # PPLQ: abandoned


def test_read_dump_country_filter(dump):
    ids = {p.id for p in read_geonames_dump(dump, {"IQ"})}
    assert "gn:9900007" not in ids and "gn:9900001" in ids


@pytest.mark.parametrize(
    "bad, words",
    [
        ("\t".join(GOOD[0].split("\t")[:18]), "19"),
        (GOOD[0].replace("9900001", "99x0001", 1), "geonameid"),
        (row(9900010, "Bad Lat", "Bad Lat", "", "thirty", 42.0, "P", "PPL"), "latitude"),
        (row(9900011, "Out Of Range", "Out Of Range", "", 134.0, 42.0, "P", "PPL"), "range"),
    ],
)
def test_malformed_dump(tmp_path, bad, words):
    path = tmp_path / "bad.txt"
    path.write_text("\n".join([GOOD[0], GOOD[1], bad, GOOD[2]]) + "\n", encoding="utf-8")
    with pytest.raises(GazetteerFormatError) as err:
        list(read_geonames_dump(path))
    assert err.value.line == 3
    assert "bad.txt:3" in str(err.value)
    assert words in str(err.value)


def test_cli_import_and_resolve(tmp_path, monkeypatch, dump):
    monkeypatch.setenv("TERRITORY_MAPPER_HOME", str(tmp_path))
    runner = CliRunner()
    result = runner.invoke(cli, ["gazetteer", "import", str(dump)])
    assert result.exit_code == 0, result.output
    target = tmp_path / "gazetteer" / "XX.tsv"
    assert target.is_file()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 5  # header + kept rows
    assert not list((tmp_path / "gazetteer").glob("*.tmp"))

    # The user folder is now part of the file list: a fresh load() sees the import.
    gaz = gazetteer.load()
    assert "gn:9900001" in gaz

    result = runner.invoke(cli, ["resolve", "Qaryat Importiya", "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["id"] == "gn:9900001"
    assert record["name"] == "Qaryat Importiyah"
    assert (record["lat"], record["lon"]) == (34.4101, 42.1102)


def test_cli_import_named_and_country(tmp_path, monkeypatch, dump):
    monkeypatch.setenv("TERRITORY_MAPPER_HOME", str(tmp_path))
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(dump), "--name", "mine", "--country", "SY"])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "gazetteer" / "mine.tsv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "Syrian Testville" in lines[1]


@pytest.mark.parametrize("name", ["../../x", "/abs/path", "sub/dir", "..", ".hidden"])
def test_cli_import_name_stays_inside_the_gazetteer_folder(tmp_path, monkeypatch, dump, name):
    monkeypatch.setenv("TERRITORY_MAPPER_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(dump), "--name", name])
    assert result.exit_code == 2 and "is not a table name" in result.output
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != dump]
    assert written == []


def test_cli_import_malformed(tmp_path, monkeypatch):
    monkeypatch.setenv("TERRITORY_MAPPER_HOME", str(tmp_path))
    bad = tmp_path / "bad.txt"
    bad.write_text(GOOD[0] + "\n" + "\t".join(GOOD[1].split("\t")[:18]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(bad)])
    assert result.exit_code == 1
    assert "bad.txt:2" in result.output
    assert not (tmp_path / "gazetteer" / "bad.tsv").exists()


def test_cli_import_not_utf8(tmp_path, monkeypatch):
    monkeypatch.setenv("TERRITORY_MAPPER_HOME", str(tmp_path))
    bad = tmp_path / "latin.txt"
    bad.write_bytes(GOOD[0].replace("Qaryat Importiyah", "Qary\xe2t").encode("latin-1") + b"\n")
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(bad)])
    assert result.exit_code == 1
    assert "UTF-8" in result.output
