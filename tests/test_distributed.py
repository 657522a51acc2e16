"""The Dask engine gives what the local pipeline gives: same articles read, same dates, same files."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.articles import read_inputs
from mapper.cli.main import cli
from mapper.distributed import PARQUET_DIR, extract_dask, partition_inputs, read_partition
from mapper.pipeline import Extracted, extract, extract_article

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "mapper" / "samples"
distributed = pytest.importorskip("distributed")

DATED = """Western towns change hands

RAWA, June 22, 2014 (Wire) - Militants captured the town of Rawa on Saturday after government troops
withdrew, residents said. Insurgents also seized Al-Qaim on Saturday after a day of fighting.
"""
UNDATED = """Militants press on in Anbar

Officials said the militants today captured offices in the Rutba district.

It follows the fall since Friday of the towns of Rawa and Al-Qaim, the officials added.

Militants have held much of the north since they took Mosul on June 10.

Prayers were held in the capital yesterday, and on Friday a senior cleric urged unity.
"""


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Generated articles, an undated story in a partition after the dated one, bad records."""
    base = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate_corpus.py"), "200", str(base / "feed.jsonl"),
                    "--seed", "3"], check=True)
    pair = base / "pair"
    pair.mkdir()
    (pair / "a_dated.txt").write_text(DATED, encoding="utf-8")
    (pair / "b_undated.txt").write_text(UNDATED, encoding="utf-8")
    records = [json.dumps({"text": "Militants seized Tikrit on Wednesday.", "published": "2014-06-12"}), "{not json",
               json.dumps({"title": "no text"}), json.dumps({"url": "u:1", "text": "Kurdish forces took Kirkuk."})]
    (base / "crlf.jsonl").write_bytes("\r\n".join(records).encode() + b"\r\n")
    # The dated story is read before the feed, the undated one after it: in partitions far apart.
    return [str(SAMPLES), str(pair / "a_dated.txt"), str(base / "feed.jsonl"), str(pair / "b_undated.txt"),
            str(base / "crlf.jsonl"), str(base / "missing.txt")]


def _key(x):
    if not isinstance(x, Extracted):
        return ("error", str(x))
    a = x.article
    return (a.id, a.source, a.title, x.published, x.published_from, [c.to_dict() for c in x.events])


def test_line_ranges_read_as_the_whole_file(tmp_path):
    lines = ["\ufeff" + json.dumps({"url": "u:0", "text": "Mosul fell on June 10, 2014."})]
    for i in range(1, 60):
        if i % 17 == 0:
            lines.append("{broken")
        elif i % 13 == 0:
            lines.append("")
        else:  # no url: the reader names the record by its line number
            lines.append(json.dumps({"text": f"Militants took Baiji. Story {i} é ع", "published": f"2014-06-1{i % 9}"}))
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = partition_inputs([str(path)], 400)
    assert len(parts) > 5 and all(p.path == str(path) for p in parts)
    assert [(p.start, p.end) for p in parts][0][0] == 3  # after the BOM
    assert all(a.end == b.start for a, b in zip(parts, parts[1:])) and parts[-1].end == path.stat().st_size
    whole = list(read_inputs([str(path)]))
    assert [x for p in parts for x in read_partition(p)] == whole
    assert any(getattr(x, "line", None) for x in whole)  # a read error kept its line number


@pytest.mark.parametrize("data", [b'{"text": "Mosul."}\r\n{"text": "Rawa."}\r\n' * 40,
                                  '{"text": "Mosul caf\u00e9."}\n'.encode("cp1252") * 40])
def test_files_read_differently_whole_are_not_split(tmp_path, data):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data)
    parts = partition_inputs([str(path)], 100)
    assert len(parts) == 1 and parts[0].files == (str(path),)
    assert list(read_partition(parts[0])) == list(read_inputs([str(path)]))


def test_partitions_keep_input_order(corpus):
    parts = partition_inputs(corpus, 64 * 1024)
    assert sum(1 for p in parts if p.path) > 3  # the generated feed is cut into line ranges
    assert parts[-1].error is not None  # the missing input keeps its place
    assert [x for p in parts for x in read_partition(p)] == list(read_inputs(corpus))


def test_extract_reads_big_json_lines_files_a_line_range_at_a_time(corpus, gaz, monkeypatch):
    import mapper.distributed

    whole = [_key(x) for x in extract(corpus[:3], gaz)]
    monkeypatch.setattr(mapper.distributed, "MAX_PARTITION", 20_000)
    ranges = list(mapper.distributed.iter_partitions(corpus[:3], 20_000))
    assert sum(1 for p in ranges if p.path) > 10
    assert [_key(x) for x in extract(corpus[:3], gaz)] == whole


def test_dask_extraction_matches_local(corpus, cluster, tmp_path, gaz):
    local = list(extract(corpus, gaz))
    by_name = {x.article.source.rsplit("/", 1)[-1]: x for x in local if isinstance(x, Extracted)}
    # Batch dating is exercised: the undated story takes the date of the dated one read long before it...
    undated = by_name["b_undated.txt"]
    assert (undated.published, undated.published_from) == (by_name["a_dated.txt"].published, "inferred")
    # ...which it would not take on its own, even knowing the year.
    [article] = read_inputs([corpus[3]])
    alone = extract_article(article, gaz, year_hint=2014)
    assert alone.published_from == "inferred" and alone.published != undated.published
    parts = partition_inputs(corpus, 32 * 1024)
    where = {f: p.index for p in parts for f in p.files}
    assert where[corpus[3]] - where[corpus[1]] > 5
    got = list(extract_dask(corpus, gaz, tmp_path, scheduler=cluster, partition_bytes=32 * 1024))
    assert [_key(x) for x in got] == [_key(x) for x in local]
    assert list((tmp_path / PARQUET_DIR / "claims").glob("*-redated.parquet"))


def test_mapper_run_on_dask_writes_the_same_files(corpus, cluster, tmp_path):
    import geopandas as gpd

    runner = CliRunner()
    one = runner.invoke(cli, ["run", *corpus, "-o", str(tmp_path / "local")])
    two = runner.invoke(cli, ["run", *corpus, "-o", str(tmp_path / "dask"), "--engine", "dask",
                              "--scheduler", cluster])
    assert one.exit_code == two.exit_code == 1, two.output  # the missing input and the bad records
    for name in ("control.geojson", "events.csv"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    assert (tmp_path / "dask" / "map.html").stat().st_size > 0
    claims = gpd.read_parquet(tmp_path / "dask" / PARQUET_DIR / "claims")
    assert claims.crs.to_epsg() == 4326
    rows = (tmp_path / "local" / "events.csv").read_text(encoding="utf-8-sig").count("\n") - 1
    assert len(claims) == rows > 100
    assert (claims.geometry.x.round(6) == claims["lon"].round(6)).all()


def test_scheduler_needs_the_dask_engine(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(SAMPLES), "-o", str(tmp_path), "--scheduler", "tcp://x:1"])
    assert result.exit_code == 2 and "--engine dask" in result.output
