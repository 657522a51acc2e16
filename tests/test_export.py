"""Outputs are written atomically and never outside the chosen folder."""

import csv
import io
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapper import export
from mapper.cli.main import cli
from mapper.export import (
    AtomicFile,
    ControlGeojsonWriter,
    EventsCsvWriter,
    UnsafePathError,
    control_geojson,
    events_csv,
    output_path,
    safe_filename,
    write_atomic,
)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_writes_and_replaces(tmp_path):
    target = tmp_path / "sub" / "control.geojson"
    write_atomic(target, "first\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    write_atomic(target, "second — ثانية\n")
    assert target.read_text(encoding="utf-8") == "second — ثانية\n"
    write_atomic(target, (f"chunk {i}\n" for i in range(3)))
    assert target.read_text(encoding="utf-8") == "chunk 0\nchunk 1\nchunk 2\n"
    write_atomic(target, b"\x00bytes")
    assert target.read_bytes() == b"\x00bytes"
    assert leftovers(target.parent) == []


def test_exception_mid_write_keeps_old_file(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("old contents\n", encoding="utf-8")
    seen_temp = []

    def chunks():
        yield "new row 1\n" * 1000
        # Mid-write: the temporary file exists next to the target, the target is untouched.
        seen_temp.extend(leftovers(tmp_path))
        assert target.read_text(encoding="utf-8") == "old contents\n"
        yield "new row 2\n"
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError, match="renderer crashed"):
        write_atomic(target, chunks())
    assert len(seen_temp) == 1 and seen_temp[0].startswith(".events.csv.")
    assert target.read_text(encoding="utf-8") == "old contents\n"
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


@pytest.mark.parametrize("exc", [KeyboardInterrupt, OSError])
def test_interrupt_or_disk_error_keeps_old_file(tmp_path, monkeypatch, exc):
    target = tmp_path / "map.html"
    target.write_text("<html>old</html>", encoding="utf-8")

    def failing_fsync(fd):
        raise exc("no space left on device")

    monkeypatch.setattr(export.os, "fsync", failing_fsync)
    with pytest.raises(exc):
        write_atomic(target, "<html>new</html>")
    assert target.read_text(encoding="utf-8") == "<html>old</html>"
    assert leftovers(tmp_path) == []


def test_failed_rename_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "control.geojson"
    target.write_text("{}", encoding="utf-8")

    def failing_replace(src, dst):
        raise PermissionError("read-only")

    monkeypatch.setattr(export.os, "replace", failing_replace)
    with pytest.raises(PermissionError):
        write_atomic(target, '{"type": "FeatureCollection"}')
    assert target.read_text(encoding="utf-8") == "{}"
    assert leftovers(tmp_path) == []


def test_fsync_before_replace_in_same_folder(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append(("fsync", os.fstat(fd).st_mode))
        return real_fsync(fd)

    def replace(src, dst):
        calls.append(("replace", Path(src).parent, Path(dst)))
        assert Path(src).read_text(encoding="utf-8") == "payload"  # complete before the rename
        return real_replace(src, dst)

    monkeypatch.setattr(export.os, "fsync", fsync)
    monkeypatch.setattr(export.os, "replace", replace)
    write_atomic(tmp_path / "out.txt", "payload")
    kinds = [c[0] for c in calls]
    assert "fsync" in kinds and "replace" in kinds
    first_fsync, replace_at = kinds.index("fsync"), kinds.index("replace")
    assert first_fsync < replace_at
    import stat

    assert stat.S_ISREG(calls[first_fsync][1])  # the file itself was synced, not just the folder
    assert calls[replace_at][1] == tmp_path and calls[replace_at][2] == tmp_path / "out.txt"


def test_atomic_file_appears_on_commit_and_is_dropped_on_error(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("old\n", encoding="utf-8")
    with AtomicFile(target, root=tmp_path) as fh:
        fh.write("new ")
        fh.write(b"rows\n")
        assert target.read_text(encoding="utf-8") == "old\n" and len(leftovers(tmp_path)) == 1
        fh.commit()
        assert target.read_text(encoding="utf-8") == "new rows\n"
        with pytest.raises(ValueError):
            fh.write("too late")  # after a commit the file is closed
    assert target.read_text(encoding="utf-8") == "new rows\n"
    with pytest.raises(KeyboardInterrupt), AtomicFile(target, root=tmp_path) as fh:
        fh.write("half a row")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "new rows\n" and leftovers(tmp_path) == []
    with pytest.raises(UnsafePathError):
        AtomicFile(tmp_path / "sub" / "x.csv", root=tmp_path)


def test_target_is_a_folder(tmp_path):
    (tmp_path / "map.html").mkdir()
    with pytest.raises(OSError):
        write_atomic(tmp_path / "map.html", "x")
    assert (tmp_path / "map.html").is_dir()
    assert leftovers(tmp_path) == []


def test_keeps_permissions_of_existing_file(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("a", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "b")
    assert target.stat().st_mode & 0o777 == 0o600


HOSTILE_NAMES = ["../escape.html", "../../etc/passwd", "/etc/passwd", "sub/map.html", "..", ".", "",
                 "a\x00b.html", "line\nbreak.csv", "x" * 300, "..\\win.html", "a\x1b[31m.csv"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_output_path_refuses_escapes(tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UnsafePathError):
        output_path(out, name)
    with pytest.raises(UnsafePathError):
        write_atomic(out / name, "x", root=out)
    assert list(tmp_path.rglob("*")) == [out]


def test_write_atomic_root_accepts_plain_names(tmp_path):
    write_atomic(tmp_path / "map.html", "ok", root=tmp_path)
    assert (tmp_path / "map.html").read_text(encoding="utf-8") == "ok"
    assert output_path(tmp_path, "control.geojson") == tmp_path / "control.geojson"


@pytest.mark.parametrize("title", ["../../etc/passwd", "/absolute/title", "..", "con", "a/../../b", "\u202egnp.exe",
                                   "Mosul falls: ISIS \"seizes\" city", "الموصل تسقط", "x" * 5000, "\x00\x01"])
def test_safe_filename_from_titles(tmp_path, title):
    name = safe_filename(title, ".html")
    path = output_path(tmp_path, name)
    write_atomic(path, "x", root=tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert name.endswith(".html") and len(name.encode("utf-8")) <= 255
    assert ".." not in name and "/" not in name


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from(["", ".html", ".geojson", ".csv"]))
def test_safe_filename_never_escapes(title, suffix):
    name = safe_filename(title, suffix)
    assert name and name.endswith(suffix) and len(name.encode("utf-8")) <= 255
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "out"
        folder.mkdir()
        write_atomic(output_path(folder, name), "x", root=folder)
        assert [p.name for p in folder.iterdir()] == [name]
        assert [p.name for p in Path(tmp).iterdir()] == ["out"]


def test_csv_cells_that_look_like_formulas_are_quoted():
    rows = [{"article": "a1", "place": "Mosul", "quote": "=HYPERLINK(\"http://evil\",\"x\")", "hedge": "@cmd",
             "date_phrase": "-2+3", "confidence": 0.8, "lat": 36.3, "lon": -43.1, "actor": "- isis",
             "date": "-5", "date_start": "2014-06-10"}]
    out = list(csv.DictReader(io.StringIO(events_csv(rows).lstrip("\ufeff"))))
    assert out[0]["quote"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert out[0]["hedge"] == "'@cmd"
    assert out[0]["date_phrase"] == "'-2+3"
    assert out[0]["actor"] == "'- isis"
    assert out[0]["place"] == "Mosul" and out[0]["date_start"] == "2014-06-10"
    assert out[0]["lon"] == "-43.1" and out[0]["date"] == "-5"  # numbers are left alone


ROWS = [{"article": "a1", "place": "Mosul", "party": "isis", "action": "captured", "quote": 'He said "=1+1", then\n'
          "left, and more.", "confidence": 0.9, "lat": 36.34, "lon": 43.13, "date": "2014-06-10"},
         {"article": "a2", "place": "Tal Afar", "quote": "@once", "hedge": "reportedly", "confidence": 0.5},
         {"article": "a3"}]


def test_events_written_row_by_row_are_the_events_csv():
    buf = io.StringIO()
    writer = EventsCsvWriter(buf)
    for row in ROWS:
        writer.write(row)
    writer.flush()
    assert buf.getvalue() == events_csv(ROWS) and writer.rows == 3
    empty = io.StringIO()
    EventsCsvWriter(empty)
    assert empty.getvalue() == events_csv([])


@pytest.fixture
def samples_intervals():
    """Intervals of three places (one unmapped, one with a name in Arabic script), two of them for Mosul."""
    import datetime as dt

    from mapper.claims import Claim
    from mapper.timeline import ClaimRecord, build_timeline

    def rec(place, party, day, lat=36.34, lon=43.13, article="a1"):
        claim = Claim(place, f"id:{place}", party, party, "captured", dt.date(2014, 6, day), "day",
                      f'{place} "taken"', 0.8, lat, lon)
        return ClaimRecord(claim, article, dt.date(2014, 6, day), "city")

    return build_timeline([rec("Mosul", "isis", 10), rec("Mosul", "government", 28, article="a2"),
                           rec("الموصل", "isis", 11), rec("Nowhere", "isis", 12, lat=None, lon=None)])


def test_control_geojson_has_one_feature_per_line_and_reads_as_the_whole(samples_intervals):
    import json

    def features(intervals):
        return [{"type": "Feature",
                 "geometry": {"type": "Point", "coordinates": [round(iv.lon, 6), round(iv.lat, 6)]},
                 "properties": iv.to_properties()} for iv in intervals if iv.lat is not None]

    for intervals in (samples_intervals, samples_intervals[:1], []):
        text = control_geojson(intervals)
        assert json.loads(text) == {"type": "FeatureCollection", "features": features(intervals)}
        # One feature per line (as GDAL writes GeoJSON), in order.
        lines = text.splitlines()[1:-1]
        assert [json.loads(line.rstrip(",")) for line in lines] == features(intervals)
    buf = io.StringIO()
    writer = ControlGeojsonWriter(buf)
    for iv in samples_intervals:
        writer.write([iv])
    writer.close()
    assert buf.getvalue() == control_geojson(samples_intervals) and writer.features == 3


def test_run_writes_only_inside_output_folder(tmp_path):
    """``mapper run`` writes its fixed file names into -o DIR, whatever the articles' titles say."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text(
        "<html><head><title>../../../escaped</title></head><body><p>Militants seized Tikrit on June 11, 2014, "
        "residents said.</p></body></html>", encoding="utf-8")
    (src / "b.jsonl").write_text('{"url": "../../../escaped2", "title": "/etc/passwd", '
                                 '"text": "Fighters captured Baiji on June 12, 2014."}\n', encoding="utf-8")
    out = tmp_path / "out"
    before = {p for p in tmp_path.rglob("*")}
    result = CliRunner().invoke(cli, ["run", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    created = {p for p in tmp_path.rglob("*")} - before
    assert created == {out, out / "map.html", out / "control.geojson", out / "events.csv"}
    assert leftovers(out) == []
