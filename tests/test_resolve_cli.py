import json

from click.testing import CliRunner

from mapper.cli.main import cli

FIELDS = {"id", "name", "kind", "lat", "lon", "country", "admin1", "score", "alternatives"}


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_resolve_json():
    result = run("resolve", "Telafer", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert FIELDS <= set(record)
    assert record["name"] == "Tal Afar"
    assert record["country"] == "IQ"
    assert record["admin1"] == "Nineveh"
    assert 0 < record["score"] <= 1
    assert abs(record["lat"] - 36.379) < 0.1 and abs(record["lon"] - 42.448) < 0.1
    assert isinstance(record["alternatives"], list)
    for alt in record["alternatives"]:
        assert FIELDS - {"alternatives"} <= set(alt)
        assert alt["score"] <= record["score"]


def test_resolve_limit():
    record = json.loads(run("resolve", "Kirkuk", "--json", "--limit", "2").output)
    assert record["kind"] == "city"
    assert len(record["alternatives"]) == 1
    assert record["alternatives"][0]["kind"] == "province"


def test_resolve_text():
    result = run("resolve", "Rawah")
    assert result.exit_code == 0
    assert result.output.startswith("Rawa (")


def test_resolve_miss_json():
    result = run("resolve", "Xqzvbnm Plkjh", "--json")
    assert result.exit_code == 1
    record = json.loads(result.output)
    assert record["query"] == "Xqzvbnm Plkjh"
    assert record["match"] is None
    assert isinstance(record["suggestions"], list)


def test_resolve_miss_suggests():
    # Too far from "Tikrit" for a fuzzy match (ratio < 80) but close enough for a suggestion.
    result = run("resolve", "Tikritzzzzz", "--json")
    assert result.exit_code == 1, result.output
    record = json.loads(result.output)
    assert record["match"] is None
    assert "Tikrit" in record["suggestions"]
    text = run("resolve", "Tikritzzzzz")
    assert text.exit_code == 1
    assert "did you mean" in text.output and "Tikrit" in text.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert "0.1.0" in result.output


def test_help():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("resolve", "extract", "gazetteer"):
        assert command in result.output
