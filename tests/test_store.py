"""The embedded store: idempotent, transactional, complete, and the same picture as a run from files."""

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli.main import cli
from mapper.cli.options import DEFAULT_STORE as CLI_DEFAULT_STORE
from mapper.pipeline import extract
from mapper.store import DEFAULT_STORE, SCHEMA_VERSION, Store, StoreError

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "mapper" / "samples"

# Two dispatches of one weekend: one dated by its dateline, one whose date only the batch can tell.
DATED = (Path(__file__).parent / "data" / "batch_dated.txt").read_text(encoding="utf-8")
UNDATED = (Path(__file__).parent / "data" / "batch_undated.txt").read_text(encoding="utf-8")


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def store(tmp_path, gaz):
    with Store(tmp_path / "store.sqlite") as st:
        st.ingest([str(SAMPLES)], gaz)
        yield st


def test_ingest_twice_adds_nothing(tmp_path, gaz):
    with Store(tmp_path / "s.sqlite") as st:
        first = st.ingest([str(SAMPLES)], gaz)
        counts = st.counts()
        second = st.ingest([str(SAMPLES)], gaz)
        assert first.added == counts["articles"] > 20 and first.duplicates == 0
        assert (second.added, second.claims, second.duplicates) == (0, 0, first.added)
        assert st.counts() == counts
        assert st.check() == []


def test_ingest_twice_from_the_command_line(tmp_path):
    db = tmp_path / "s.sqlite"
    first = invoke("ingest", SAMPLES, "--store", db, "--json")
    second = invoke("ingest", SAMPLES, "--store", db, "--json")
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    a, b = json.loads(first.stdout), json.loads(second.stdout)
    assert a["added"] == b["duplicates"] == b["articles"] == a["articles"] > 20
    assert b["added"] == b["claims"] == 0


def test_the_same_story_twice_in_one_batch_is_stored_once(tmp_path, gaz):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DATED, encoding="utf-8")
    # Same words, other spacing and case: the same normalised text, so the same article id.
    (tmp_path / "in" / "b.txt").write_text(DATED.upper().replace(" ", "  "), encoding="utf-8")
    with Store(tmp_path / "s.sqlite") as st:
        report = st.ingest([str(tmp_path / "in")], gaz)
        assert (report.added, report.duplicates) == (1, 1)
        assert st.counts()["articles"] == 1


def test_store_rebuilds_what_extract_found(store, gaz):
    """Every field of every article, mention and claim survives the store (as `mapper extract --json`)."""
    from_files = [x.to_record() for x in extract([str(SAMPLES)], gaz)]
    from_store = [x.to_record() for x in store.extracted()]
    assert from_store == from_files
    # ...and the claims keep their unrounded confidence and their offsets.
    stored = [c for x in store.extracted() for c in x.events]
    found = [c for x in extract([str(SAMPLES)], gaz) for c in x.events]
    assert stored == found


def test_run_from_the_store_draws_what_a_run_from_files_draws(tmp_path):
    db = tmp_path / "s.sqlite"
    assert invoke("ingest", SAMPLES, "--store", db).exit_code == 0
    files, stored = tmp_path / "files", tmp_path / "stored"
    r1 = invoke("run", SAMPLES, "-o", files)
    r2 = invoke("run", "--store", db, "-o", stored)
    assert r1.exit_code == r2.exit_code == 0, r1.output + r2.output
    for name in ("control.geojson", "events.csv"):
        assert (stored / name).read_text(encoding="utf-8") == (files / name).read_text(encoding="utf-8"), name


def test_run_needs_inputs_or_a_store_but_not_both(tmp_path):
    db = tmp_path / "s.sqlite"
    assert invoke("ingest", SAMPLES / "01_mosul-falls.txt", "--store", db).exit_code == 0
    assert invoke("run", "-o", tmp_path / "o").exit_code == 2
    assert invoke("run", SAMPLES, "--store", db, "-o", tmp_path / "o").exit_code == 2
    missing = invoke("run", "--store", tmp_path / "nope.sqlite", "-o", tmp_path / "o")
    assert missing.exit_code == 2 and "nope.sqlite" in missing.stderr and "no such store" in missing.stderr


def test_store_is_dated_like_a_batch(tmp_path, gaz, no_chronology):
    """An undated story ingested on a later day is dated by the events the store already holds."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "dated.txt").write_text(DATED, encoding="utf-8")
    (tmp_path / "b" / "undated.txt").write_text(UNDATED, encoding="utf-8")
    alone = next(x for x in extract([str(tmp_path / "b")], gaz))
    with Store(tmp_path / "s.sqlite") as st:
        st.ingest([str(tmp_path / "a")], gaz)
        st.ingest([str(tmp_path / "b")], gaz)
        got = {x.article.source.rsplit("/", 1)[-1]: x for x in st.extracted()}
    # Alone, the story takes the first date it allows; with the store, the week the store reports.
    assert alone.published != dt.date(2014, 6, 22)
    assert (got["undated.txt"].published, got["undated.txt"].published_from) == (dt.date(2014, 6, 22), "inferred")


def test_unreadable_inputs_are_named_and_the_rest_stored(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(DATED, encoding="utf-8")
    (tmp_path / "in" / "bad.jsonl").write_text('{"text": "fine"}\nnot json\n', encoding="utf-8")
    result = invoke("ingest", tmp_path / "in", "--store", tmp_path / "s.sqlite")
    assert result.exit_code == 1
    assert "bad.jsonl:2" in result.stderr and "invalid JSON" in result.stderr
    with Store(tmp_path / "s.sqlite", create=False) as st:
        assert st.counts()["articles"] == 2


def test_schema_version_table(store):
    rows = store.conn.execute("SELECT version, mapper_version FROM schema_version").fetchall()
    assert [tuple(r)[0] for r in rows] == [SCHEMA_VERSION] and store.schema_version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 'now', '9.9')", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer"):
        Store(path)


@pytest.mark.parametrize("content", [b"this is not a database, just text\n" * 40, None])
def test_a_file_that_is_not_a_store_is_named(tmp_path, content):
    path = tmp_path / "notes.sqlite"
    if content is None:  # an SQLite file, but someone else's
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE birds (name TEXT)")
    else:
        path.write_bytes(content)
    with pytest.raises(StoreError, match="not a territory-mapper store") as err:
        Store(path)
    assert str(path) in str(err.value)
    result = invoke("events", "--store", path)
    assert result.exit_code == 2 and str(path) in result.stderr


def test_a_missing_store_is_not_created_by_readers(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()


def test_a_failure_inside_an_article_leaves_no_trace(tmp_path, gaz, monkeypatch):
    """The article, its mentions and its claims go in together or not at all."""
    with Store(tmp_path / "s.sqlite") as st:
        st.ingest([str(SAMPLES / "01_mosul-falls.txt")], gaz)
        before = st.counts()
        item = next(x for x in extract([str(SAMPLES / "02_tikrit-bayji.txt")], gaz))
        assert item.events, "the article must have claims for the failure to land after its mentions"

        def fail_on_claims(sql, *args):
            if sql.lstrip().startswith("INSERT INTO claims"):
                raise sqlite3.OperationalError("disk I/O error (simulated)")
            return real(sql, *args)

        real = st.conn.executemany

        class Conn:  # sqlite3.Connection attributes are read-only: wrap it
            def __getattr__(self, name):
                return getattr(real.__self__, name)

            executemany = staticmethod(fail_on_claims)

        monkeypatch.setattr(st, "conn", Conn())
        with pytest.raises(sqlite3.OperationalError):
            st.add(item, gaz)
        monkeypatch.undo()
        assert st.counts() == before and st.check() == []
        assert st.add(item, gaz) is True  # and it can be stored afterwards


def test_check_finds_a_half_written_article(store):
    store.conn.execute("PRAGMA foreign_keys = OFF")
    victim = store.conn.execute("SELECT article FROM claims LIMIT 1").fetchone()[0]
    store.conn.execute("DELETE FROM claims WHERE article = ?", (victim,))
    store.conn.execute("INSERT INTO mentions (article, seq, surface, start, \"end\", place_id, name, kind, in_scope, "
                       "score) VALUES ('ghost', 0, 'x', 0, 1, 'p', 'x', 'town', 1, 1.0)")
    problems = store.check()
    assert any(victim in p and "claims" in p for p in problems)
    assert any("orphan" in p and "mentions" in p for p in problems)


def test_sigkill_during_an_ingest_leaves_a_consistent_store(tmp_path):
    """A real process killed mid-ingest: the store opens, every stored article is complete, and a
    second ingest finishes the job without duplicates, with the dates and claims of an ingest never killed."""
    corpus = tmp_path / "corpus.jsonl"
    n = 1500
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate_corpus.py"), str(n), str(corpus)],
                   check=True, cwd=REPO)
    db = tmp_path / "s.sqlite"
    env = {**os.environ, "TERRITORY_MAPPER_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen([sys.executable, "-c", "from mapper.cli.main import cli; cli()", "ingest", str(corpus),
                             "--store", str(db)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        stored, deadline = 0, time.monotonic() + 120
        while stored < 250 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
            if db.exists():
                try:
                    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    pass  # the schema is being created
        assert proc.poll() is None, "the ingest ended before it could be killed: make the corpus bigger"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    with Store(db, create=False) as st:
        assert st.check() == []
        counts = st.counts()
        assert 250 <= counts["articles"] < n
        # No orphans and no article without its claims (check() compares each article's counts).
        assert st.conn.execute("SELECT count(*) FROM claims WHERE article NOT IN (SELECT id FROM articles)"
                               ).fetchone()[0] == 0
        assert counts["claims"] == st.conn.execute("SELECT sum(n_claims) FROM articles").fetchone()[0] > 0
        report = st.ingest([str(corpus)])
        assert report.duplicates == counts["articles"] and report.added + counts["articles"] == n
        assert st.check() == [] and st.counts()["articles"] == n
    # Claim for claim what an ingest never killed stores.
    with Store(tmp_path / "whole.sqlite") as whole:
        whole.ingest([str(corpus)])
    assert _dated_claims(db) == _dated_claims(tmp_path / "whole.sqlite")


def _dated_claims(path) -> tuple:
    """Each article's date and each claim, in a form two stores can be compared by (not ingest order)."""
    with sqlite3.connect(path) as conn:
        articles = conn.execute("SELECT id, published, published_from FROM articles ORDER BY id").fetchall()
        claims = conn.execute("SELECT article, seq, claim_id, place_id, party, action, date, date_start "
                              "FROM claims ORDER BY article, seq").fetchall()
    return articles, claims


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate_corpus.py"), "400", str(corpus),
                    "--undated", "0.3"], check=True, cwd=REPO)
    return corpus


@pytest.mark.parametrize("stop_after", [3, 60, 250])
def test_an_ingest_stopped_and_run_again_ends_as_one_never_stopped(tmp_path, gaz, generated_corpus, stop_after):
    """Stopped after ``stop_after`` articles are committed (as a kill would leave it), then run again: the
    same dates and claims as one uninterrupted ingest, the batch-dated articles included."""
    with Store(tmp_path / "whole.sqlite") as whole:
        whole.ingest([str(generated_corpus)], gaz)
        batch_dated = whole.conn.execute("SELECT count(*) FROM articles WHERE batch_dated = 1 "
                                         "AND published IS NOT NULL").fetchone()[0]
    assert batch_dated >= 20  # the corpus has undated articles the batch dates
    with Store(tmp_path / "resumed.sqlite") as resumed:
        items = resumed.ingest_iter([str(generated_corpus)], gaz)
        for _ in range(stop_after):
            next(items)
        items.close()  # stopped: the rest never read, the store never dated against as a whole
        assert resumed.counts()["articles"] == stop_after
        resumed.ingest([str(generated_corpus)], gaz)
    assert _dated_claims(tmp_path / "resumed.sqlite") == _dated_claims(tmp_path / "whole.sqlite")


def test_batch_dated_articles_are_dated_again_against_the_whole_store(tmp_path, gaz, no_chronology):
    """An undated story ingested before the dated one that dates it: undated at first, dated by the next ingest."""
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "dated.txt").write_text(DATED, encoding="utf-8")
    with Store(tmp_path / "s.sqlite") as st:
        first = st.ingest([str(tmp_path / "undated.txt")], gaz)
        row = st.conn.execute("SELECT published, batch_dated FROM articles").fetchone()
        assert first.redated == 0 and row["batch_dated"] == 1 and row["published"] is None
        second = st.ingest([str(tmp_path / "dated.txt")], gaz)
        assert second.redated == 1
        published = {r["source"].rsplit("/", 1)[-1]: (r["published"], r["published_from"]) for r in
                     st.conn.execute("SELECT source, published, published_from FROM articles")}
        assert published["undated.txt"] == published["dated.txt"][:1] + ("inferred",)
        # Nothing new: the step is not run again.
        assert st.ingest([str(tmp_path / "dated.txt")], gaz).redated == 0
        assert st.date_against_store(gaz, force=True) == 0  # and run anyway, it changes nothing


def test_the_cli_default_store_is_the_library_default():
    assert Path(CLI_DEFAULT_STORE) == DEFAULT_STORE


def test_store_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPPER_STORE", str(tmp_path / "env.sqlite"))
    assert invoke("ingest", SAMPLES / "01_mosul-falls.txt").exit_code == 0
    assert (tmp_path / "env.sqlite").exists()
    assert invoke("events", "--json").stdout.count("\n") > 0


def _open_and_close(path):
    Store(path).close()
    return True


def test_processes_creating_one_store_at_once_all_succeed(tmp_path):
    import multiprocessing

    path = str(tmp_path / "s.sqlite")
    with multiprocessing.get_context("fork").Pool(6) as pool:
        assert all(pool.map(_open_and_close, [path] * 6))
    with Store(path, create=False) as st:
        assert st.schema_version == SCHEMA_VERSION
        assert st.conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1


def test_an_empty_schema_version_is_not_a_store(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM schema_version")
    with pytest.raises(StoreError, match="no schema version"):
        Store(path)


def test_a_version_1_store_is_migrated_when_opened(tmp_path, gaz):
    path = tmp_path / "old.sqlite"
    with Store(path) as st:
        st.ingest([str(SAMPLES)], gaz)
        claims = st.counts()["claims"]
    with sqlite3.connect(path) as conn:  # as version 1 wrote it: no extent column, no batch dating
        conn.execute("ALTER TABLE claims DROP COLUMN extent")
        conn.execute("ALTER TABLE articles DROP COLUMN batch_dated")
        conn.execute("DROP TABLE meta")
        conn.execute("UPDATE schema_version SET version = 1")
    with Store(path) as st:
        assert st.schema_version == SCHEMA_VERSION == 3
        assert "extent" in {r[1] for r in st.conn.execute("PRAGMA table_info(claims)")}
        assert st.counts()["claims"] == claims and all(r.claim.extent is None for r in st.records())
        # Articles stored before version 3 count as dated on their own.
        assert st.conn.execute("SELECT count(*) FROM articles WHERE batch_dated = 0").fetchone()[0] > 0
        st.ingest([str(REPO / "tests" / "data" / "batch_dated.txt")], gaz)
        assert st.check() == []
    with Store(path) as st:  # migrated once
        assert [r[0] for r in st.conn.execute("SELECT version FROM schema_version ORDER BY version")] == [1, 2, 3]


def test_partial_claims_round_trip_through_the_store(tmp_path, gaz):
    src = tmp_path / "a.txt"
    src.write_text("BAGHDAD, June 20, 2014 - Militants seized several neighbourhoods of Samarra on Thursday.\n",
                   encoding="utf-8")
    with Store(tmp_path / "s.sqlite") as st:
        st.ingest([str(src)], gaz)
        (row,) = [r for r in st.claim_rows() if r["place"] == "Samarra"]
        assert row["extent"] == "partial"
        assert [r.claim.extent for r in st.records()] == ["partial"]


def _chattr(flag: str, *paths) -> bool:
    """``chattr`` on the paths; False where the file system or the user may not (the test then skips)."""
    try:
        return subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True).returncode == 0
    except OSError:
        return False


def test_a_store_on_read_only_media_is_read_and_an_ingest_into_it_is_one_line(tmp_path):
    folder = tmp_path / "media"
    folder.mkdir()
    db = folder / "store.sqlite"
    assert invoke("ingest", SAMPLES / "01_mosul-falls.txt", "--store", db).exit_code == 0
    before = db.read_bytes()
    if not _chattr("+i", db, folder):  # nothing in the folder may be written, created or removed
        pytest.skip("chattr +i is not permitted here")
    try:
        events = invoke("events", "--store", db, "--json")
        assert events.exit_code == 0 and events.stdout.count("\n") > 0  # read without locks or a journal
        ingest = invoke("ingest", SAMPLES / "02_tikrit-bayji.txt", "--store", db)
        assert ingest.exit_code == 2, ingest.output
        assert "Traceback" not in ingest.output and ingest.output.count("Error:") == 1
        assert "cannot be written" in ingest.output and "read-only" in ingest.output
    finally:
        _chattr("-i", db, folder)
    assert db.read_bytes() == before


def test_a_full_disk_during_an_ingest_is_one_line_and_keeps_what_was_committed(tmp_path, monkeypatch):
    db = tmp_path / "s.sqlite"
    stored = []
    insert = Store._insert_claims

    def fill_up(self, article_id, events, gaz):
        if len(stored) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        insert(self, article_id, events, gaz)
        stored.append(article_id)

    monkeypatch.setattr(Store, "_insert_claims", fill_up)
    result = invoke("ingest", SAMPLES, "--store", db)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.output.count("Error:") == 1
    assert "disk is full" in result.output
    monkeypatch.undo()
    with Store(db, create=False) as st:
        assert st.check() == [] and st.counts()["articles"] == 2 == len(stored)
        assert st.ingest([str(SAMPLES)]).added > 0  # room again: the ingest finishes the job
